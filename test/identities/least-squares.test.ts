/**
 * Linear least squares and ridge regression, data matrix X (N examples × M features)
 * with the examples as rows: the normal-equation gradient 2Xᵀ(Xw − y)/N and its
 * regularised forms.
 */
import { describe, it, expect } from 'vitest';

describe('least squares', () => {
  it('∂‖Xw − y‖²/∂w = 2Xᵀ(Xw − y)', () => expect('X: N×M; w: M×1; y: N×1\nL = ‖Xw − y‖²').toHaveGradient('w', '2Xᵀ(Xw − y)'));
  it('∂‖Xw − y‖²/∂y = 2(y − Xw)', () => expect('X: N×M; w: M×1; y: N×1\nL = ‖Xw − y‖²').toHaveGradient('y', '2(y − Xw)'));
  it('∂(Xw − y)ᵀ(Xw − y)/∂w = 2Xᵀ(Xw − y)', () => expect('X: N×M; w: M×1; y: N×1\nL = (Xw − y)ᵀ(Xw − y)').toHaveGradient('w', '2Xᵀ(Xw − y)'));
  it('∂‖Xw − y‖²/N/∂w = 2Xᵀ(Xw − y)/N (mean squared error)', () =>
    expect('X: N×M; w: M×1; y: N×1\nL = ‖Xw − y‖²/N').toHaveGradient('w', '2Xᵀ(Xw − y)/N'));
  it('∂mean((Xw − y).^2)/∂w = 2Xᵀ(Xw − y)/N', () =>
    expect('X: N×M; w: M×1; y: N×1\nL = mean((Xw − y).^2)').toHaveGradient('w', '2Xᵀ(Xw − y)/N'));
  it('∂sum((Xw − y).^2)/(2N)/∂w = Xᵀ(Xw − y)/N', () =>
    expect('X: N×M; w: M×1; y: N×1\nL = sum((Xw − y).^2)/(2N)').toHaveGradient('w', 'Xᵀ(Xw − y)/N'));
  it('∂‖Xw + b − y‖²/N/∂w = 2Xᵀ(Xw + b − y)/N (with an intercept)', () =>
    expect('X: N×M; w: M×1; b: scalar; y: N×1\nL = ‖Xw + b − y‖²/N').toHaveGradient('w', '2Xᵀ(Xw + b − y)/N'));
  it('∂‖Xw + b − y‖²/N/∂b = 2 sum(Xw + b − y)/N (the intercept sums the residuals)', () =>
    expect('X: N×M; w: M×1; b: scalar; y: N×1\nL = ‖Xw + b − y‖²/N').toHaveGradient('b', '2sum(Xw + b − y)/N'));
  it('∂(xw − y)²/∂w = 2xᵀ(xw − y) (one example, row convention)', () =>
    expect('x: 1×M; w: M×1; y: scalar\nL = (xw − y)²').toHaveGradient('w', '2xᵀ(xw − y)'));
  it('∂(wᵀx − y)²/∂w = 2x(wᵀx − y) (one example, column convention)', () =>
    expect('x: M×1; w: M×1; y: scalar\nL = (wᵀx − y)²').toHaveGradient('w', '2x(wᵀx − y)'));
  it('∂‖XW − Y‖_F²/∂W = 2Xᵀ(XW − Y) (multi-output)', () =>
    expect('X: N×M; W: M×K; Y: N×K\nL = ‖XW − Y‖_F²').toHaveGradient('W', '2Xᵀ(XW − Y)'));
});

describe('ridge regression', () => {
  const ridge = 'X: N×M; w: M×1; y: N×1; λ: scalar\nL = ‖Xw − y‖²/N + λ‖w‖²';
  it('∂(‖Xw − y‖²/N + λ‖w‖²)/∂w = 2Xᵀ(Xw − y)/N + 2λw', () => expect(ridge).toHaveGradient('w', '2(λw + Xᵀ(Xw − y)/N)'));
  it('∂(‖Xw − y‖²/N + λ‖w‖²)/∂λ = ‖w‖²', () => expect(ridge).toHaveGradient('λ', '‖w‖²'));
  it('∂(‖Xw − y‖² + λ‖w‖²)/∂w = 2Xᵀ(Xw − y) + 2λw', () =>
    expect('X: N×M; w: M×1; y: N×1; λ: scalar\nL = ‖Xw − y‖² + λ‖w‖²').toHaveGradient('w', '2(λw + Xᵀ(Xw − y))'));
  it('ridge with a named residual r = Xw − y: ∂L/∂w = 2Xᵀr/N + 2λw', () =>
    expect('X: N×M; w: M×1; y: N×1; λ: scalar\nr = Xw − y\nL = ‖r‖²/N + λ‖w‖²').toHaveGradient('w', '2(λw + Xᵀr/N)'));
  it('ridge with a named residual: ∂L/∂r = 2r/N', () =>
    expect('X: N×M; w: M×1; y: N×1; λ: scalar\nr = Xw − y\nL = ‖r‖²/N + λ‖w‖²').toHaveGradient('r', '2r/N'));
  it('multi-output ridge: ∂(‖XW − Y‖_F²/N + λ‖W‖_F²)/∂W = 2Xᵀ(XW − Y)/N + 2λW', () =>
    expect('X: N×M; W: M×K; Y: N×K; λ: scalar\nL = ‖XW − Y‖_F²/N + λ‖W‖_F²').toHaveGradient('W', '2(λW + Xᵀ(XW − Y)/N)'));
});
