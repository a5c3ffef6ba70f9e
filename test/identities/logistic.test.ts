/**
 * Logistic regression with the binary cross-entropy (BCE) written out: one example
 * as a row (x: 1×M, the seed-000 convention) or as a column (x: M×1), and batches with
 * a bias. Every form reduces to "features times (prediction − target)".
 */
import { describe, it, expect } from 'vitest';

describe('logistic regression, one example as a row', () => {
  const program = `x: 1×M; w: M×1; b: scalar; y: scalar
a = σ(xw + b)
L = −y log a − (1 − y) log(1 − a)`;
  it('∂BCE/∂w = xᵀ(a − y)', () => expect(program).toHaveGradient('w', 'xᵀ(a − y)'));
  it('∂BCE/∂b = a − y', () => expect(program).toHaveGradient('b', 'a − y'));
});

describe('logistic regression, one example as a column', () => {
  const program = `x: M×1; w: M×1; b: scalar; y: scalar
a = σ(wᵀx + b)
L = −y log a − (1 − y) log(1 − a)`;
  it('∂BCE/∂w = x(a − y)', () => expect(program).toHaveGradient('w', 'x(a − y)'));
  it('∂BCE/∂b = a − y', () => expect(program).toHaveGradient('b', 'a − y'));
  const logit = `x: M×1; w: M×1; y: scalar
z = wᵀx
a = σ(z)
L = −y log(a) − (1 − y) log(1 − a)`;
  it('∂BCE/∂z = a − y (the logit)', () => expect(logit).toHaveGradient('z', 'a − y'));
  it('∂BCE/∂w = x(a − y) through a named logit', () => expect(logit).toHaveGradient('w', 'x(a − y)'));
});

describe('logistic regression, batch of rows with a bias', () => {
  const program = `X: N×M; w: M×1; b: scalar; y: N×1
a = σ(Xw + b)
L = −sum(y ⊙ log(a) + (1 − y) ⊙ log(1 − a))/N`;
  it('∂BCE/∂w = Xᵀ(a − y)/N', () => expect(program).toHaveGradient('w', 'Xᵀ(a − y)/N'));
  it('∂BCE/∂b = sum(a − y)/N', () => expect(program).toHaveGradient('b', 'sum(a − y)/N'));
  const inner = `X: N×M; w: M×1; b: scalar; y: N×1
p = σ(Xw + b)
L = −(yᵀ log(p) + (1 − y)ᵀ log(1 − p))`;
  it('∂BCE/∂w = Xᵀ(p − y) (inner-product form, summed)', () => expect(inner).toHaveGradient('w', 'Xᵀ(p − y)'));
  it('∂BCE/∂b = sum(p − y) (inner-product form, summed)', () => expect(inner).toHaveGradient('b', 'sum(p − y)'));
  it('∂mean BCE/∂w = Xᵀ(p − y)/N', () =>
    expect('X: N×M; w: M×1; y: N×1\np = σ(Xw)\nL = −mean(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))').toHaveGradient('w', 'Xᵀ(p − y)/N'));
  it('∂(BCE + λ‖w‖²)/∂w = Xᵀ(p − y) + 2λw (L2-regularised)', () =>
    expect('X: N×M; w: M×1; y: N×1; λ: scalar\np = σ(Xw)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p)) + λ‖w‖²').toHaveGradient('w', '2λw + Xᵀ(p − y)'));
  it('∂sum(softplus(z) − y ⊙ z)/∂w = Xᵀ(σ(z) − y) (BCE in logit form)', () =>
    expect('X: N×M; w: M×1; y: N×1\nz = Xw\nL = sum(softplus(z) − y ⊙ z)').toHaveGradient('w', 'Xᵀ(σ(z) − y)'));
});

describe('logistic regression, batch of columns with a bias', () => {
  const program = `X: M×N; w: M×1; b: scalar; y: 1×N
a = σ(wᵀX + b)
L = −sum(y ⊙ log(a) + (1 − y) ⊙ log(1 − a))/N`;
  it('∂BCE/∂w = X(a − y)ᵀ/N', () => expect(program).toHaveGradient('w', 'X(a − y)ᵀ/N'));
  it('∂BCE/∂b = sum(a − y)/N', () => expect(program).toHaveGradient('b', 'sum(a − y)/N'));
});
