/**
 * Elementwise functions: the gradient of a sum (or a weighted sum aᵀf(x)) of f applied
 * entrywise is f′ entrywise, and through a linear map Ax it is Aᵀ(…). log and sqrt
 * are taken of `positive` inputs.
 */
import { describe, it, expect } from 'vitest';

describe('sum of an elementwise function', () => {
  it('∂sum(exp(x))/∂x = exp(x)', () => expect('x: n×1\nL = sum(exp(x))').toHaveGradient('x', 'exp(x)'));
  it('∂sum(exp(X))/∂X = exp(X) (matrix argument)', () => expect('X: m×n\nL = sum(exp(X))').toHaveGradient('X', 'exp(X)'));
  it('∂sum(exp(2x))/∂x = 2exp(2x)', () => expect('x: n×1\nL = sum(exp(2x))').toHaveGradient('x', '2exp(2x)'));
  it('∂sum(log(x))/∂x = 1 ⊘ x (x > 0)', () => expect('x: n×1 positive\nL = sum(log(x))').toHaveGradient('x', '1 ⊘ x'));
  it('∂sum(log(X))/∂X = 1 ⊘ X (X > 0, matrix argument)', () => expect('X: m×n positive\nL = sum(log(X))').toHaveGradient('X', '1 ⊘ X'));
  it('∂sum(√x)/∂x = 1 ⊘ (2√x) (x > 0)', () => expect('x: n×1 positive\nL = sum(sqrt(x))').toHaveGradient('x', '1 ⊘ 2sqrt(x)'));
  it('∂sum(sin(x))/∂x = cos(x)', () => expect('x: n×1\nL = sum(sin(x))').toHaveGradient('x', 'cos(x)'));
  it('∂sum(cos(x))/∂x = −sin(x)', () => expect('x: n×1\nL = sum(cos(x))').toHaveGradient('x', '−sin(x)'));
  it('∂sum(tanh(x))/∂x = 1 − tanh(x).^2', () => expect('x: n×1\nL = sum(tanh(x))').toHaveGradient('x', '1 − tanh(x)²'));
  it('∂sum(softplus(x))/∂x = σ(x)', () => expect('x: n×1\nL = sum(softplus(x))').toHaveGradient('x', 'σ(x)'));
  it('∂sum(σ(x))/∂x = σ(x) ⊙ (1 − σ(x))', () => expect('x: n×1\nL = sum(σ(x))').toHaveGradient('x', 'σ(x) ⊙ (1 − σ(x))'));
  it('∂sum(relu(x))/∂x = step(x)', () => expect('x: n×1\nL = sum(relu(x))').toHaveGradient('x', 'step(x)'));
  it('∂sum(x ⊙ log(x))/∂x = log(x) + 1 (negative entropy, x > 0)', () =>
    expect('x: n×1 positive\nL = sum(x ⊙ log(x))').toHaveGradient('x', 'log(x) + 1'));
});

describe('weighted sum aᵀf(x)', () => {
  it('∂aᵀexp(x)/∂x = a ⊙ exp(x)', () => expect('x: n×1; a: n×1\nL = aᵀexp(x)').toHaveGradient('x', 'a ⊙ exp(x)'));
  it('∂aᵀlog(x)/∂x = a ⊘ x (x > 0)', () => expect('x: n×1 positive; a: n×1\nL = aᵀlog(x)').toHaveGradient('x', 'a ⊘ x'));
  it('∂aᵀ√x/∂x = a ⊘ (2√x) (x > 0)', () => expect('x: n×1 positive; a: n×1\nL = aᵀsqrt(x)').toHaveGradient('x', 'a ⊘ 2sqrt(x)'));
  it('∂aᵀtanh(x)/∂x = a ⊙ (1 − tanh(x).^2)', () => expect('x: n×1; a: n×1\nL = aᵀtanh(x)').toHaveGradient('x', 'a ⊙ (1 − tanh(x)²)'));
  it('∂aᵀσ(x)/∂x = a ⊙ σ(x) ⊙ (1 − σ(x))', () => expect('x: n×1; a: n×1\nL = aᵀσ(x)').toHaveGradient('x', 'a ⊙ σ(x) ⊙ (1 − σ(x))'));
  it('∂sum(exp(x) ⊙ y)/∂x = y ⊙ exp(x)', () => expect('x: n×1; y: n×1\nL = sum(exp(x) ⊙ y)').toHaveGradient('x', 'y ⊙ exp(x)'));
  it('∂sum(A ⊙ sin(X))/∂X = A ⊙ cos(X)', () => expect('X: m×n; A: m×n\nL = sum(A ⊙ sin(X))').toHaveGradient('X', 'A ⊙ cos(X)'));
});

describe('elementwise function of a linear map Ax', () => {
  it('∂sum(exp(Ax))/∂x = Aᵀexp(Ax)', () => expect('A: m×n; x: n×1\nL = sum(exp(Ax))').toHaveGradient('x', 'Aᵀ exp(Ax)'));
  it('∂aᵀexp(Ax)/∂x = Aᵀ(a ⊙ exp(Ax))', () => expect('A: m×n; x: n×1; a: m×1\nL = aᵀexp(Ax)').toHaveGradient('x', 'Aᵀ(a ⊙ exp(Ax))'));
  it('∂sum(sin(Ax))/∂x = Aᵀcos(Ax)', () => expect('A: m×n; x: n×1\nL = sum(sin(Ax))').toHaveGradient('x', 'Aᵀ cos(Ax)'));
  it('∂sum(cos(Ax))/∂x = −Aᵀsin(Ax)', () => expect('A: m×n; x: n×1\nL = sum(cos(Ax))').toHaveGradient('x', '−Aᵀ sin(Ax)'));
  it('∂sum(tanh(Ax))/∂x = Aᵀ(1 − tanh(Ax).^2)', () => expect('A: m×n; x: n×1\nL = sum(tanh(Ax))').toHaveGradient('x', 'Aᵀ(1 − tanh(Ax)²)'));
  it('∂sum(softplus(Ax))/∂x = Aᵀσ(Ax)', () => expect('A: m×n; x: n×1\nL = sum(softplus(Ax))').toHaveGradient('x', 'Aᵀσ(Ax)'));
});
