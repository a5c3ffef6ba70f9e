/**
 * Matrix Cookbook (Petersen & Pedersen, 2012), §2.5: derivatives of traces.
 * Sizes are non-square wherever the identity allows it, so a misplaced transpose fails
 * the numeric check. Programs use the homework notation: in a run of letters a
 * postfix ᵀ or ² applies to the last factor only (`tr(XXᵀ)` is tr(X·Xᵀ)).
 */
import { describe, it, expect } from 'vitest';

describe('trace, first order (Cookbook §2.5.1)', () => {
  it('∂tr(X)/∂X = I (eq. 99)', () => expect('X: n×n\nL = tr(X)').toHaveGradient('X', 'eye(n)'));
  it('∂tr(AX)/∂X = Aᵀ (eq. 100)', () => expect('A: n×m; X: m×n\nL = tr(AX)').toHaveGradient('X', 'Aᵀ'));
  it('∂tr(XA)/∂X = Aᵀ (eq. 100)', () => expect('A: n×m; X: m×n\nL = tr(XA)').toHaveGradient('X', 'Aᵀ'));
  it('∂tr(AX)/∂A = Xᵀ (eq. 100, the other factor)', () => expect('A: n×m; X: m×n\nL = tr(AX)').toHaveGradient('A', 'Xᵀ'));
  it('∂tr(AXB)/∂X = AᵀBᵀ (eq. 101)', () => expect('A: p×m; X: m×n; B: n×p\nL = tr(AXB)').toHaveGradient('X', 'AᵀBᵀ'));
  it('∂tr(AXᵀB)/∂X = BA (eq. 102)', () => expect('A: p×n; X: m×n; B: m×p\nL = tr(AXᵀB)').toHaveGradient('X', 'BA'));
  it('∂tr(XᵀA)/∂X = A (eq. 103)', () => expect('A: m×n; X: m×n\nL = tr(XᵀA)').toHaveGradient('X', 'A'));
  it('∂tr(AᵀX)/∂X = A (eq. 103, transposed product)', () => expect('A: m×n; X: m×n\nL = tr(AᵀX)').toHaveGradient('X', 'A'));
  it('∂tr(AXᵀ)/∂X = A (eq. 104)', () => expect('A: m×n; X: m×n\nL = tr(AXᵀ)').toHaveGradient('X', 'A'));
  it('∂sum(A ⊙ X)/∂X = A (the Frobenius product tr(AᵀX))', () => expect('A: m×n; X: m×n\nL = sum(A ⊙ X)').toHaveGradient('X', 'A'));
});

describe('trace, second order (Cookbook §2.5.2)', () => {
  it('∂tr(X²)/∂X = 2Xᵀ (eq. 106)', () => expect('X: n×n\nL = tr(X²)').toHaveGradient('X', '2Xᵀ'));
  it('∂tr(X^2)/∂X = 2Xᵀ (eq. 106, ascii power)', () => expect('X: n×n\nL = tr(X^2)').toHaveGradient('X', '2Xᵀ'));
  it('∂tr(X²B)/∂X = (XB + BX)ᵀ (eq. 107)', () => expect('B: n×n; X: n×n\nL = tr(X²B)').toHaveGradient('X', 'BᵀXᵀ + XᵀBᵀ'));
  it('∂tr(AX²)/∂X = AᵀXᵀ + XᵀAᵀ (eq. 107, the constant on the left)', () => expect('A: n×n; X: n×n\nL = tr(AX²)').toHaveGradient('X', 'AᵀXᵀ + XᵀAᵀ'));
  it('∂tr(XXB)/∂X = (XB + BX)ᵀ (eq. 107, as a product)', () => expect('B: n×n; X: n×n\nL = tr(X*X*B)').toHaveGradient('X', 'BᵀXᵀ + XᵀBᵀ'));
  it('∂tr(XᵀBX)/∂X = BX + BᵀX (eq. 108)', () => expect('B: m×m; X: m×n\nL = tr(XᵀBX)').toHaveGradient('X', '(Bᵀ + B)X'));
  it('∂tr(BXXᵀ)/∂X = BX + BᵀX (eq. 109)', () => expect('B: m×m; X: m×n\nL = tr(BXXᵀ)').toHaveGradient('X', '(B + Bᵀ)X'));
  it('∂tr(XXᵀB)/∂X = BX + BᵀX (eq. 110)', () => expect('B: m×m; X: m×n\nL = tr(XXᵀB)').toHaveGradient('X', '(Bᵀ + B)X'));
  it('∂tr(XBXᵀ)/∂X = XBᵀ + XB (eq. 111)', () => expect('B: n×n; X: m×n\nL = tr(XBXᵀ)').toHaveGradient('X', 'X(B + Bᵀ)'));
  it('∂tr(BXᵀX)/∂X = XBᵀ + XB (eq. 112)', () => expect('B: n×n; X: m×n\nL = tr(BXᵀX)').toHaveGradient('X', 'X(Bᵀ + B)'));
  it('∂tr(XᵀXB)/∂X = XBᵀ + XB (eq. 113)', () => expect('B: n×n; X: m×n\nL = tr(XᵀXB)').toHaveGradient('X', 'X(Bᵀ + B)'));
  it('∂tr(AXBX)/∂X = AᵀXᵀBᵀ + BᵀXᵀAᵀ (eq. 114)', () => expect('A: n×m; X: m×n; B: n×m\nL = tr(AXBX)').toHaveGradient('X', 'BᵀXᵀAᵀ + AᵀXᵀBᵀ'));
  it('∂tr(XᵀX)/∂X = 2X (eq. 115)', () => expect('X: m×n\nL = tr(XᵀX)').toHaveGradient('X', '2X'));
  it('∂tr(XXᵀ)/∂X = 2X (eq. 115)', () => expect('X: m×n\nL = tr(XXᵀ)').toHaveGradient('X', '2X'));
});

describe('trace, higher order and elementwise (Cookbook §2.5.3–2.5.4)', () => {
  it('∂tr(XXX)/∂X = 3(X²)ᵀ (eq. 121, k = 3)', () => expect('X: n×n\nL = tr(XXX)').toHaveGradient('X', '3(Xᵀ)²'));
  it('∂tr(sin.(X))/∂X = I ⊙ cos(X) (elementwise sine)', () => expect('X: n×n\nL = tr(sin(X))').toHaveGradient('X', 'eye(n) ⊙ cos(X)'));
  it('∂tr(exp.(X))/∂X = I ⊙ exp(X) (elementwise exponential)', () => expect('X: n×n\nL = tr(exp(X))').toHaveGradient('X', 'eye(n) ⊙ exp(X)'));
});
