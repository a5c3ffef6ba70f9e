/**
 * Matrix Cookbook §2.6–2.7: derivatives of vector and matrix norms, and the 1-norm
 * (numerically checked at random points, which are away from 0 almost surely).
 */
import { describe, it, expect } from 'vitest';

describe('two-norm (Cookbook §2.6.1)', () => {
  it('∂‖x‖/∂x = x/‖x‖ (eq. 129, a = 0)', () => expect('x: n×1\n‖x‖').toHaveGradient('x', 'x/‖x‖'));
  it('∂‖x‖/∂x = x/L with L = ‖x‖ (eq. 129, named)', () => expect('x: n×1\nL = ‖x‖').toHaveGradient('x', 'x/L'));
  it('∂‖x − a‖/∂x = (x − a)/‖x − a‖ (eq. 129)', () => expect('x: n×1; a: n×1\nL = ‖x − a‖').toHaveGradient('x', '(x − a)/L'));
  it('∂√(xᵀx)/∂x = x/‖x‖ (eq. 129, written as a square root)', () => expect('x: n×1\nL = sqrt(xᵀx)').toHaveGradient('x', 'x/L'));
  it('∂‖Ax − b‖/∂x = Aᵀ(Ax − b)/‖Ax − b‖ (eq. 129 and the chain rule)', () =>
    expect('A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖').toHaveGradient('x', 'Aᵀ(Ax − b)/L'));
  it('∂‖x‖²/∂x = 2x (eq. 131)', () => expect('x: n×1\nL = ‖x‖²').toHaveGradient('x', '2x'));
  it('∂norm2sq(x)/∂x = 2x (eq. 131, ascii name)', () => expect('x: n×1\nL = norm2sq(x)').toHaveGradient('x', '2x'));
  it('∂xᵀx/∂x = 2x (eq. 131, as an inner product)', () => expect('x: n×1\nL = xᵀx').toHaveGradient('x', '2x'));
  it('∂sum(x.^2)/∂x = 2x (eq. 131, as a sum of squares)', () => expect('x: n×1\nL = sum(x.^2)').toHaveGradient('x', '2x'));
  it('∂‖x‖²/∂x = 2x for a row vector (eq. 131)', () => expect('x: 1×n\nL = ‖x‖²').toHaveGradient('x', '2x'));
  it('∂‖x − a‖²/∂x = 2(x − a)', () => expect('x: n×1; a: n×1\nL = ‖x − a‖²').toHaveGradient('x', '2(x − a)'));
  it('∂‖x − a‖²/∂a = 2(a − x)', () => expect('x: n×1; a: n×1\nL = ‖x − a‖²').toHaveGradient('a', '2(a − x)'));
  it('∂λ‖x‖²/∂x = 2λx', () => expect('x: n×1; λ: scalar\nL = λ‖x‖²').toHaveGradient('x', '2λx'));
  it('∂λ‖x‖²/∂λ = ‖x‖²', () => expect('x: n×1; λ: scalar\nL = λ‖x‖²').toHaveGradient('λ', '‖x‖²'));
});

describe('Frobenius norm (Cookbook §2.7.1)', () => {
  it('∂‖X‖_F²/∂X = 2X (eq. 132)', () => expect('X: m×n\nL = ‖X‖_F²').toHaveGradient('X', '2X'));
  it('∂‖X‖_F^2/∂X = 2X (eq. 132, ascii power)', () => expect('X: m×n\nL = ‖X‖_F^2').toHaveGradient('X', '2X'));
  it('∂‖X − A‖_F²/∂X = 2(X − A) (eq. 132, shifted)', () => expect('X: m×n; A: m×n\nL = ‖X − A‖_F²').toHaveGradient('X', '2(X − A)'));
  it('∂‖X‖_F/∂X = X/‖X‖_F', () => expect('X: m×n\n‖X‖_F').toHaveGradient('X', 'X/‖X‖_F'));
});

describe('one-norm', () => {
  it('∂norm1(x)/∂x = sign(x)', () => expect('x: n×1\nL = norm1(x)').toHaveGradient('x', 'sign(x)'));
  it('∂sum(|x|)/∂x = sign(x)', () => expect('x: n×1\nL = sum(abs(x))').toHaveGradient('x', 'sign(x)'));
  it('∂norm1(Ax − b)/∂x = Aᵀsign(Ax − b)', () => expect('A: m×n; x: n×1; b: m×1\nL = norm1(Ax − b)').toHaveGradient('x', 'Aᵀ sign(Ax − b)'));
});
