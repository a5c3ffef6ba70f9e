/**
 * Matrix Cookbook §2.4: derivatives of linear and quadratic scalar forms, and the
 * least-squares residual ‖Ax − b‖². Vectors are columns; A, X, C, D are non-square
 * wherever the form allows it.
 */
import { describe, it, expect } from 'vitest';

describe('linear forms (Cookbook §2.4.1)', () => {
  it('∂aᵀx/∂x = a (eq. 69)', () => expect('a: n×1; x: n×1\nL = aᵀx').toHaveGradient('x', 'a'));
  it('∂xᵀa/∂x = a (eq. 69)', () => expect('a: n×1; x: n×1\nL = xᵀa').toHaveGradient('x', 'a'));
  it('∂aᵀx/∂a = x (eq. 69, the other factor)', () => expect('a: n×1; x: n×1\nL = aᵀx').toHaveGradient('a', 'x'));
  it('∂aᵀXb/∂X = abᵀ (eq. 70)', () => expect('a: m×1; X: m×n; b: n×1\nL = aᵀXb').toHaveGradient('X', 'abᵀ'));
  it('∂aᵀXb/∂a = Xb (eq. 70, wrt the left vector)', () => expect('a: m×1; X: m×n; b: n×1\nL = aᵀXb').toHaveGradient('a', 'Xb'));
  it('∂aᵀXb/∂b = Xᵀa (eq. 70, wrt the right vector)', () => expect('a: m×1; X: m×n; b: n×1\nL = aᵀXb').toHaveGradient('b', 'Xᵀa'));
  it('∂aᵀXᵀb/∂X = baᵀ (eq. 71)', () => expect('a: m×1; X: n×m; b: n×1\nL = aᵀXᵀb').toHaveGradient('X', 'baᵀ'));
  it('∂aᵀXa/∂X = aaᵀ (eq. 72)', () => expect('a: n×1; X: n×n\nL = aᵀXa').toHaveGradient('X', 'aaᵀ'));
});

describe('quadratic forms (Cookbook §2.4.2)', () => {
  it('∂(Bx + b)ᵀC(Dx + d)/∂x = BᵀC(Dx + d) + DᵀCᵀ(Bx + b) (eq. 78)', () =>
    expect('A: m×n; x: n×1; b: m×1; C: m×m; D: m×n; e: m×1\nL = (Ax + b)ᵀC(Dx + e)').toHaveGradient('x', 'DᵀCᵀ(Ax + b) + AᵀC(Dx + e)'));
  it('∂(Bx + b)ᵀC(Dx + d)/∂C = (Bx + b)(Dx + d)ᵀ (eq. 78, wrt the middle matrix)', () =>
    expect('A: m×n; x: n×1; b: m×1; C: m×m; D: m×n; e: m×1\nL = (Ax + b)ᵀC(Dx + e)').toHaveGradient('C', '(Ax + b)(Dx + e)ᵀ'));
  it('∂xᵀBx/∂x = (B + Bᵀ)x (eq. 81)', () => expect('A: n×n; x: n×1\nL = xᵀAx').toHaveGradient('x', '(Aᵀ + A)x'));
  it('∂xᵀAx/∂A = xxᵀ (eq. 72 with a = x)', () => expect('A: n×n; x: n×1\nL = xᵀAx').toHaveGradient('A', 'xxᵀ'));
  it('∂(xᵀBx + bᵀx)/∂x = Bx + Bᵀx + b (eqs. 69, 81)', () => expect('B: n×n; b: n×1; x: n×1\nL = xᵀBx + bᵀx').toHaveGradient('x', 'b + Bᵀx + Bx'));
  it('∂(Xb + c)ᵀD(Xb + c)/∂X = (D + Dᵀ)(Xb + c)bᵀ (eq. 83)', () =>
    expect('X: m×n; b: n×1; c: m×1; D: m×m\nL = (Xb + c)ᵀD(Xb + c)').toHaveGradient('X', '(Dᵀ + D)(Xb + c)bᵀ'));
});

describe('squared residual ‖Ax − b‖²', () => {
  const program = 'A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²';
  it('∂‖Ax − b‖²/∂x = 2Aᵀ(Ax − b)', () => expect(program).toHaveGradient('x', '2Aᵀ(Ax − b)'));
  it('∂‖Ax − b‖²/∂A = 2(Ax − b)xᵀ', () => expect(program).toHaveGradient('A', '2(Ax − b)xᵀ'));
  it('∂‖Ax − b‖²/∂b = 2(b − Ax)', () => expect(program).toHaveGradient('b', '2(b − Ax)'));
  it('∂½‖Ax − b‖²/∂x = Aᵀ(Ax − b)', () => expect('A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²/2').toHaveGradient('x', 'Aᵀ(Ax − b)'));
  it('∂½‖Ax − b‖²/∂A = (Ax − b)xᵀ', () => expect('A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²/2').toHaveGradient('A', '(Ax − b)xᵀ'));
  it('∂(Ax − b)ᵀ(Ax − b)/∂x = 2Aᵀ(Ax − b) (as an inner product)', () =>
    expect('A: m×n; x: n×1; b: m×1\nL = (Ax − b)ᵀ(Ax − b)').toHaveGradient('x', '2Aᵀ(Ax − b)'));
});
