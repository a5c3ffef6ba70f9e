/**
 * Matrix Cookbook §2.5 (equation numbers of the Nov 2012 edition) and §2.4: derivatives
 * of traces and of bilinear and quadratic forms. Operands are non-square wherever the
 * identity allows, and every dimension name gets its own size in the numeric check,
 * so a misplaced transpose fails.
 *
 * `expectValue` is used where dcalc's value is right but its printed form is not yet
 * the textbook one (listed in the report): finite differences, and the textbook form
 * evaluating to the same value.
 */
import { describe, it, expect } from 'vitest';
import { derivative, agreement } from '../matchers.js';
import { checkDerivative } from '../../src/api/index.js';

function expectValue(program: string, wrt: string, textbook: string): void {
  const { d, text } = derivative('grad', program, wrt);
  const check = checkDerivative(d, { seed: 1, points: 3 });
  expect(check.points, `finite differences found no valid points for ${text}`).toBe(3);
  expect(check.maxRelErr, `${text} disagrees with finite differences`).toBeLessThan(1e-5);
  expect(agreement(d, program, textbook), `printed ${text}, textbook ${textbook}`).toBeLessThan(1e-9);
}

describe('first-order traces (Cookbook eqs. 99–105)', () => {
  it('∂tr(X)/∂X = I (eq. 99)', () => expect('X: n×n\nL = tr(X)').toHaveGradient('X', 'eye(n)'));
  it('∂tr(Xᵀ)/∂X = I (eq. 99, transposed)', () => expect('X: n×n\nL = tr(Xᵀ)').toHaveGradient('X', 'eye(n)'));
  it('∂tr(XA)/∂X = Aᵀ (eq. 100, X m×n, A n×m)', () => expect('A: n×m; X: m×n\ntr(X A)').toHaveGradient('X', 'Aᵀ'));
  it('∂tr(AX)/∂X = Aᵀ (eq. 100, cyclic)', () => expect('A: n×m; X: m×n\ntr(A X)').toHaveGradient('X', 'Aᵀ'));
  it('∂tr(AXB)/∂X = AᵀBᵀ (eq. 101, A m×n, X n×p, B p×m)', () => expect('A: m×n; X: n×p; B: p×m\ntr(A X B)').toHaveGradient('X', 'AᵀBᵀ'));
  it('∂tr(AXᵀB)/∂X = BA (eq. 102, A m×p, X n×p, B n×m)', () => expect('A: m×p; X: n×p; B: n×m\ntr(A Xᵀ B)').toHaveGradient('X', 'BA'));
  it('∂tr(XᵀA)/∂X = A (eq. 103, X m×n)', () => expect('A: m×n; X: m×n\ntr(Xᵀ A)').toHaveGradient('X', 'A'));
  it('∂tr(AᵀX)/∂X = A (eq. 103, ⟨A, X⟩)', () => expect('A: m×n; X: m×n\ntr(Aᵀ X)').toHaveGradient('X', 'A'));
  it('∂tr(AXᵀ)/∂X = A (eq. 104, X m×n)', () => expect('A: m×n; X: m×n\ntr(A Xᵀ)').toHaveGradient('X', 'A'));
  it('∂tr(A ⊗ X)/∂X = tr(A)I (eq. 105)', () => expectValue('A: p×p; X: n×n\nL = tr(kron(A, X))', 'X', 'tr(A) eye(n)'));
  it('∂tr(X ⊗ I)/∂X = nI (eq. 105 with A = I)', () => expectValue('X: n×n\nL = tr(X ⊗ eye(n))', 'X', 'n eye(n)'));
  it('∂tr(AXB)/∂X = AᵀBᵀ when AXB is 1×1 (aᵀXb, eq. 70)', () => expect('a: m×1; b: n×1; X: m×n\naᵀ X b').toHaveGradient('X', 'abᵀ'));
});

describe('second-order traces (Cookbook eqs. 106–120)', () => {
  it('∂tr(X²)/∂X = 2Xᵀ (eq. 106)', () => expect('X: n×n\ntr(X^2)').toHaveGradient('X', '2Xᵀ'));
  it('∂tr(XX)/∂X = 2Xᵀ (eq. 106, written as a product)', () => expect('X: n×n\ntr(X X)').toHaveGradient('X', '2Xᵀ'));
  it('∂tr(X²B)/∂X = (XB + BX)ᵀ (eq. 107)', () => expect('X: n×n; B: n×n\ntr(X^2 B)').toHaveGradient('X', 'BᵀXᵀ + XᵀBᵀ'));
  it('∂tr(AX²)/∂X = AᵀXᵀ + XᵀAᵀ (eq. 107, cyclic)', () => expect('A: n×n; X: n×n\ntr(A X^2)').toHaveGradient('X', 'AᵀXᵀ + XᵀAᵀ'));
  it('∂tr(XᵀBX)/∂X = BX + BᵀX (eq. 108, X m×n)', () => expect('B: m×m; X: m×n\ntr(Xᵀ B X)').toHaveGradient('X', '(Bᵀ + B)X'));
  it('∂tr(XXᵀB)/∂X = BX + BᵀX (eq. 110, X m×n)', () => expect('B: m×m; X: m×n\ntr(X Xᵀ B)').toHaveGradient('X', '(Bᵀ + B)X'));
  it('∂tr(BXXᵀ)/∂X = BX + BᵀX (eq. 109, X m×n)', () => expect('B: m×m; X: m×n\ntr(B X Xᵀ)').toHaveGradient('X', '(B + Bᵀ)X'));
  it('∂tr(XBXᵀ)/∂X = XBᵀ + XB (eq. 111, X m×n)', () => expect('X: m×n; B: n×n\ntr(X B Xᵀ)').toHaveGradient('X', 'X(B + Bᵀ)'));
  it('∂tr(BXᵀX)/∂X = XBᵀ + XB (eq. 112, X m×n)', () => expect('B: n×n; X: m×n\ntr(B Xᵀ X)').toHaveGradient('X', 'X(Bᵀ + B)'));
  it('∂tr(XᵀXB)/∂X = XBᵀ + XB (eq. 113, X m×n)', () => expect('X: m×n; B: n×n\ntr(Xᵀ X B)').toHaveGradient('X', 'X(Bᵀ + B)'));
  it('∂tr(AXBX)/∂X = AᵀXᵀBᵀ + BᵀXᵀAᵀ (eq. 114, A n×m, X m×n, B n×m)', () =>
    expect('A: n×m; X: m×n; B: n×m\ntr(A X B X)').toHaveGradient('X', 'BᵀXᵀAᵀ + AᵀXᵀBᵀ'));
  it('∂tr(XᵀX)/∂X = 2X (eq. 115, X m×n)', () => expect('X: m×n\ntr(Xᵀ X)').toHaveGradient('X', '2X'));
  it('∂tr(XXᵀ)/∂X = 2X (eq. 115, X m×n)', () => expect('X: m×n\ntr(X Xᵀ)').toHaveGradient('X', '2X'));
  it('∂tr(BᵀXᵀCXB)/∂X = CᵀXBBᵀ + CXBBᵀ (eq. 116, B n×p)', () =>
    expect('X: m×n; C: m×m; B: n×p\ntr(Bᵀ Xᵀ C X B)').toHaveGradient('X', '(Cᵀ + C)XBBᵀ'));
  it('∂tr(XᵀBXC)/∂X = BXC + BᵀXCᵀ (eq. 117, X m×n)', () =>
    expect('B: m×m; X: m×n; C: n×n\ntr(Xᵀ B X C)').toHaveGradient('X', 'BᵀXCᵀ + BXC'));
  it('∂tr(AXBXᵀ)/∂X = AXB + AᵀXBᵀ (eq. 117, cyclic; X m×n)', () =>
    expect('A: m×m; X: m×n; B: n×n\ntr(A X B Xᵀ)').toHaveGradient('X', 'AXB + AᵀXBᵀ'));
  it('∂tr(AXBXᵀC)/∂X = AᵀCᵀXBᵀ + CAXB (eq. 118, A p×m, C m×p)', () =>
    expect('A: p×m; X: m×n; B: n×n; C: m×p\ntr(A X B Xᵀ C)').toHaveGradient('X', 'CAXB + AᵀCᵀXBᵀ'));
  it('∂tr((AXB + C)(AXB + C)ᵀ)/∂X = 2Aᵀ(AXB + C)Bᵀ (eq. 119)', () =>
    expect('A: p×m; X: m×n; B: n×q; C: p×q\ntr((A X B + C)(A X B + C)ᵀ)').toHaveGradient('X', '2Aᵀ(AXB + C)Bᵀ'));
  it('∂‖AXB + C‖_F²/∂X = 2Aᵀ(AXB + C)Bᵀ (eq. 119 as a norm)', () =>
    expect('A: p×m; X: m×n; B: n×q; C: p×q\n‖A X B + C‖_F^2').toHaveGradient('X', '2Aᵀ(AXB + C)Bᵀ'));
  it('∂tr(X ⊗ X)/∂X = 2tr(X)I (eq. 120)', () => expectValue('X: n×n\ntr(X ⊗ X)', 'X', '2tr(X) eye(n)'));
  it('∂tr(X)tr(X)/∂X = 2tr(X)I (eq. 120, second form)', () => expect('X: n×n\ntr(X) tr(X)').toHaveGradient('X', '2tr(X) eye(n)'));
  it('∂tr(XᵀAXᵀ)/∂X = (AᵀX + XAᵀ)ᵀ', () => expect('X: n×n; A: n×n\ntr(Xᵀ A Xᵀ)').toHaveGradient('X', '(AᵀX + XAᵀ)ᵀ'));
});

describe('higher-order traces (Cookbook eqs. 121–122)', () => {
  it('∂tr(X³)/∂X = 3(X²)ᵀ (eq. 121, k = 3)', () => expect('X: n×n\ntr(X^3)').toHaveGradient('X', '3(Xᵀ)²'));
  it('∂tr(X⁴)/∂X = 4(X³)ᵀ (eq. 121, k = 4)', () => expect('X: n×n\ntr(X^4)').toHaveGradient('X', '4(Xᵀ)³'));
  it('∂tr(AX³)/∂X = Σᵣ(XʳAX²⁻ʳ)ᵀ (eq. 122, k = 3)', () =>
    expect('A: n×n; X: n×n\ntr(A X^3)').toHaveGradient('X', 'Aᵀ(Xᵀ)² + XᵀAᵀXᵀ + (Xᵀ)²Aᵀ'));
  it('∂tr(XᵀXXᵀX)/∂X = 4XXᵀX', () => expect('X: n×n\ntr(Xᵀ X Xᵀ X)').toHaveGradient('X', '4XXᵀX'));
  it('∂‖XᵀX‖_F²/∂X = 4XXᵀX (X m×n)', () => expect('X: m×n\n‖Xᵀ X‖_F^2').toHaveGradient('X', '4XXᵀX'));
});

describe('traces with inverses (Cookbook eqs. 63–64, 124)', () => {
  it('∂tr(AX⁻¹B)/∂X = −X⁻ᵀAᵀBᵀX⁻ᵀ (eqs. 63, 124; A m×n, B n×m)', () =>
    expect('A: m×n; X: n×n; B: n×m\ntr(A X⁻¹ B)').toHaveGradient('X', '−X⁻ᵀAᵀBᵀX⁻ᵀ'));
  it('∂tr(AX^(−1)B)/∂X = −X⁻ᵀAᵀBᵀX⁻ᵀ (eq. 63, written as a power)', () =>
    expect('A: m×n; X: n×n; B: n×m\ntr(A X^(-1) B)').toHaveGradient('X', '−X⁻ᵀAᵀBᵀX⁻ᵀ'));
  it('∂tr(X⁻¹A)/∂X = −X⁻ᵀAᵀX⁻ᵀ (eq. 63, B = I)', () => expect('A: n×n; X: n×n\ntr(inv(X) A)').toHaveGradient('X', '−X⁻ᵀAᵀX⁻ᵀ'));
  it('∂tr(X⁻¹)/∂X = −X⁻ᵀX⁻ᵀ (eq. 63, A = B = I)', () => expect('X: n×n\ntr(inv(X))').toHaveGradient('X', '−(X⁻ᵀ)²'));
  it('∂tr(X⁻²)/∂X = −2(X⁻³)ᵀ', () => expect('X: n×n\ntr(X^(-2))').toHaveGradient('X', '−2(X⁻ᵀ)³'));
  it('∂tr((X + A)⁻¹)/∂X = −((X + A)⁻¹(X + A)⁻¹)ᵀ (eq. 64)', () =>
    expect('X: n×n; A: n×n\ntr(inv(X + A))').toHaveGradient('X', '−((X + A)⁻ᵀ)²'));
});

describe('bilinear and quadratic forms (Cookbook §2.4)', () => {
  it('∂xᵀa/∂x = a (eq. 69)', () => expect('x: n×1; a: n×1\nxᵀ a').toHaveGradient('x', 'a'));
  it('∂aᵀXb/∂X = abᵀ (eq. 70, X m×n)', () => expect('a: m×1; b: n×1; X: m×n\naᵀ X b').toHaveGradient('X', 'abᵀ'));
  it('∂aᵀXᵀb/∂X = baᵀ (eq. 71, X m×n)', () => expect('a: n×1; b: m×1; X: m×n\naᵀ Xᵀ b').toHaveGradient('X', 'baᵀ'));
  it('∂aᵀXa/∂X = aaᵀ (eq. 72)', () => expect('X: n×n; a: n×1\naᵀ X a').toHaveGradient('X', 'aaᵀ'));
  it('∂bᵀXᵀXc/∂X = X(bcᵀ + cbᵀ) (eq. 78, X m×n)', () => expect('X: m×n; b: n×1; c: n×1\nbᵀ Xᵀ X c').toHaveGradient('X', 'Xbcᵀ + Xcbᵀ'));
  it('∂(Bx + b)ᵀC(Dx + d)/∂x = BᵀC(Dx + d) + DᵀCᵀ(Bx + b) (eq. 79)', () =>
    expect('x: n×1; B: m×n; b: m×1; C: m×p; D: p×n; d: p×1\n(B x + b)ᵀ C (D x + d)').toHaveGradient('x', 'DᵀCᵀ(Bx + b) + BᵀC(Dx + d)'));
  it('∂xᵀBx/∂x = (B + Bᵀ)x (eq. 81)', () => expect('x: n×1; B: n×n\nxᵀ B x').toHaveGradient('x', '(Bᵀ + B)x'));
  it('∂xᵀBx/∂x = 2Bx for symmetric B (eq. 81)', () => expect('x: n×1; B: n×n symmetric\nxᵀ B x').toHaveGradient('x', '2Bx'));
  it('∂bᵀXᵀDXc/∂X = DᵀXbcᵀ + DXcbᵀ (eq. 82, X m×n)', () =>
    expect('X: m×n; D: m×m; b: n×1; c: n×1\nbᵀ Xᵀ D X c').toHaveGradient('X', 'DᵀXbcᵀ + DXcbᵀ'));
  it('∂(Xb + c)ᵀD(Xb + c)/∂X = (D + Dᵀ)(Xb + c)bᵀ (eq. 83, X m×n)', () =>
    expect('X: m×n; D: m×m; b: n×1; c: m×1\n(X b + c)ᵀ D (X b + c)').toHaveGradient('X', '(Dᵀ + D)(Xb + c)bᵀ'));
  it('∂aᵀXXᵀa/∂X = 2aaᵀX (X m×n)', () => expect('X: m×n; a: m×1\naᵀ X Xᵀ a').toHaveGradient('X', '2aaᵀX'));
  it('∂aᵀXXᵀb/∂X = (abᵀ + baᵀ)X (X m×n)', () => expect('a: m×1; b: m×1; X: m×n\naᵀ X Xᵀ b').toHaveGradient('X', '(baᵀ + abᵀ)X'));
  it('∂aᵀX²a/∂X = aaᵀXᵀ + Xᵀaaᵀ', () => expect('X: n×n; a: n×1\naᵀ X² a').toHaveGradient('X', 'aaᵀXᵀ + Xᵀaaᵀ'));
  it('∂‖X‖_F²/∂X = 2X (X m×n)', () => expect('X: m×n\n‖X‖_F^2').toHaveGradient('X', '2X'));
  it('∂‖X‖_F/∂X = X/‖X‖_F (X m×n)', () => expect('X: m×n\n‖X‖_F').toHaveGradient('X', 'X/‖X‖_F'));
});

describe('scalar functions of traces (the chain rule a CAS drops)', () => {
  it('∂(tr X − 1)/∂X = I', () => expect('X: n×n\nL = tr(X) - 1').toHaveGradient('X', 'eye(n)'));
  it('∂(tr X/2 − 1)/∂X = I/2', () => expect('X: n×n\nL = tr(X)/2 − 1').toHaveGradient('X', 'eye(n)/2'));
  it('∂(tr X/a)/∂X = I/a (a a scalar variable)', () => expect('X: n×n; a: scalar\nL = tr(X)/a').toHaveGradient('X', 'eye(n)/a'));
  it('∂(tr X)²/∂X = 2tr(X)I', () => expect('X: n×n\ntr(X)^2').toHaveGradient('X', '2tr(X) eye(n)'));
  it('∂(tr X)²/∂X = 2tr(X)I (written with ²)', () => expect('X: n×n\n(tr(X))²').toHaveGradient('X', '2tr(X) eye(n)'));
  it('∂(tr X)³/∂X = 3tr(X)²I', () => expect('X: n×n\ntr(X)^3').toHaveGradient('X', '3tr(X)² eye(n)'));
  it('∂(tr X − 1)²/∂X = 2(tr X − 1)I', () => expectValue('X: n×n\n(tr(X) - 1)^2', 'X', '2(tr(X) − 1)eye(n)'));
  it('∂(tr(AX) − 1)²/∂X = 2(tr(AX) − 1)Aᵀ', () => expectValue('X: n×n; A: n×n\n(tr(A X) − 1)²', 'X', '2(tr(AX) − 1)Aᵀ'));
  it('∂tr(AᵀX)²/∂X = 2tr(AᵀX)A (X m×n)', () => expect('X: m×n; A: m×n\ntr(Aᵀ X)^2').toHaveGradient('X', '2tr(AᵀX)A'));
  it('∂exp(tr X)/∂X = exp(tr X)I', () => expect('X: n×n\nexp(tr(X))').toHaveGradient('X', 'exp(tr(X)) eye(n)'));
  it('∂(tr(AX) tr(X))/∂X = tr(AX)I + tr(X)Aᵀ (product rule)', () =>
    expect('X: n×n; A: n×n\ntr(A X) * tr(X)').toHaveGradient('X', 'tr(AX) eye(n) + tr(X)Aᵀ'));
  it('∂tr(exp(X)B)/∂X = Bᵀ ⊙ exp(X) (elementwise exp)', () => expect('X: n×n; B: n×n\ntr(exp(X) B)').toHaveGradient('X', 'Bᵀ ⊙ exp(X)'));
  it('∂tr(sin(X))/∂X = I ⊙ cos(X) (elementwise sin: only the diagonal counts)', () => expect('X: n×n\ntr(sin(X))').toHaveGradient('X', 'eye(n) ⊙ cos(X)'));
});
