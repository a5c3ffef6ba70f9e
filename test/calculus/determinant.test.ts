/**
 * Matrix Cookbook §2.1.2 (equation numbers of the Nov 2012 edition): derivatives of
 * the determinant and the log-determinant, and scalar functions of determinants that
 * a well-known CAS gets wrong (it drops the chain rule through log, 1/x or a scalar
 * factor). logdet needs det > 0, so its argument is declared spd; det and log|det|
 * hold for any invertible X.
 *
 * Their Hessians are in hessian.test.ts.
 *
 * `toHaveGradient` pins the printed form (a closed form judged correct) and checks it
 * against central finite differences. `expectValue` is used where dcalc's value is
 * right but its printed form is not yet the textbook one (listed in the report): it
 * checks finite differences and that the textbook form evaluates to the same value.
 */
import { describe, it, expect } from 'vitest';
import { derivative, agreement } from '../matchers.js';
import { checkDerivative } from '../../src/api/index.js';

function expectValue(kind: 'grad', program: string, wrt: string, textbook: string): void {
  const { d, text } = derivative(kind, program, wrt);
  const check = checkDerivative(d, { seed: 1, points: 3 });
  expect(check.points, `finite differences found no valid points for ${text}`).toBe(3);
  expect(check.maxRelErr, `${text} disagrees with finite differences`).toBeLessThan(1e-5);
  expect(agreement(d, program, textbook), `printed ${text}, textbook ${textbook}`).toBeLessThan(1e-9);
}

describe('∂det (Cookbook eqs. 49–54)', () => {
  it('∂det(X)/∂X = det(X)X⁻ᵀ (eq. 49)', () => expect('X: n×n\ndet(X)').toHaveGradient('X', 'det(X)X⁻ᵀ'));
  // PQ is 3×3 of rank ≤ 2: det(PQ) ≡ 0, so its gradient is 0 (det(PQ)(PQ)⁻ᵀ cannot be evaluated there).
  it('∂det(PQ)/∂P = 0 when PQ is singular by its sizes (P: 3×2, Q: 2×3)', () => expect('P: 3×2; Q: 2×3\ndet(P Q)').toHaveGradient('P', 'zeros(3, 2)'));
  it('∂det(PQ)/∂Q = 0 likewise, through a transpose (det((PQ)ᵀ))', () => expect('P: 3×2; Q: 2×3\ndet((P Q)ᵀ)').toHaveGradient('Q', 'zeros(2, 3)'));
  it('∂det(Xᵀ)/∂X = det(X)X⁻ᵀ (eq. 49 with det Xᵀ = det X)', () => expectValue('grad', 'X: n×n\ndet(Xᵀ)', 'X', 'det(X)X⁻ᵀ'));
  it('∂det(AX)/∂X = det(AX)Aᵀ(AX)⁻ᵀ (eq. 51, B = I)', () => expect('A: n×n; X: n×n\ndet(A X)').toHaveGradient('X', 'det(AX)X⁻ᵀ'));
  it('∂det(AXB)/∂X = det(AXB)Aᵀ(AXB)⁻ᵀBᵀ (eq. 51, general form: A m×n, B n×m)', () =>
    expect('A: m×n; X: n×n; B: n×m\ndet(A X B)').toHaveGradient('X', 'det(AXB)Aᵀ(AXB)⁻ᵀBᵀ'));
  it('∂det(AXB)/∂X = det(AXB)X⁻ᵀ for square A, B (eq. 51)', () =>
    expect('A: n×n; X: n×n; B: n×n\ndet(A X B)').toHaveGradient('X', 'det(AXB)X⁻ᵀ'));
  it('∂det(sX)/∂X = s det(sX)(sX)⁻ᵀ (eq. 51 with A = sI)', () => expect('X: n×n; s: scalar\ndet(s X)').toHaveGradient('X', 'det(sX)X⁻ᵀ'));
  it('∂det(2X)/∂X = 2det(2X)(2X)⁻ᵀ', () => expect('X: n×n\ndet(2 X)').toHaveGradient('X', 'det(2X)X⁻ᵀ'));
  it('∂det(XᵀAX)/∂X = det(XᵀAX)(AX(XᵀAX)⁻¹ + AᵀX(XᵀAᵀX)⁻¹) (eqs. 52–54, X m×n, A not symmetric)', () =>
    expect('X: m×n; A: m×m\ndet(Xᵀ A X)').toHaveGradient('X', 't0 = XᵀAX; det(t0)(AᵀXt0⁻ᵀ + AXt0⁻¹)'));
  it('∂det(XᵀAX)/∂X = 2det(XᵀAX)AX(XᵀAX)⁻¹ for symmetric A (eqs. 52–54)', () =>
    expectValue('grad', 'X: m×n; A: m×m spd\ndet(Xᵀ A X)', 'X', '2det(XᵀAX)AX inv(XᵀAX)'));
  it('∂det(XᵀAX)/∂X = 2det(XᵀAX)X⁻ᵀ for square invertible X (eqs. 52–54)', () =>
    expect('X: n×n; A: n×n\ndet(Xᵀ A X)').toHaveGradient('X', '2det(XᵀAX)X⁻ᵀ'));
  it('∂det(XᵀX)/∂X = 2det(XᵀX)X(XᵀX)⁻¹ (eqs. 52–54 with A = I, X m×n)', () =>
    expect('X: m×n\ndet(Xᵀ X)').toHaveGradient('X', '2det(XᵀX)X(XᵀX)⁻¹'));
  it('∂det(X²)/∂X = 2det(X²)X⁻ᵀ (eq. 58, k = 2)', () => expect('X: n×n\ndet(X^2)').toHaveGradient('X', '2det(X²)X⁻ᵀ'));
  it('∂det(X³)/∂X = 3det(X³)X⁻ᵀ (eq. 58, k = 3)', () => expect('X: n×n\ndet(X^3)').toHaveGradient('X', '3det(X³)X⁻ᵀ'));
  it('∂det(X⁻¹)/∂X = −det(X⁻¹)X⁻ᵀ (eq. 58, k = −1; eq. 62)', () => expect('X: n×n\ndet(X^(-1))').toHaveGradient('X', '−det(X⁻¹)X⁻ᵀ'));
  it('∂det(X)ᵏ/∂X = k det(X)ᵏ X⁻ᵀ, k = 2', () => expect('X: n×n\ndet(X)^2').toHaveGradient('X', '2det(X)²X⁻ᵀ'));
  it('∂det(X)ᵏ/∂X = k det(X)ᵏ X⁻ᵀ, k = 3', () => expect('X: n×n\ndet(X)^3').toHaveGradient('X', '3det(X)³X⁻ᵀ'));
  it('∂(det(X) det(X))/∂X = 2det(X)² X⁻ᵀ (a product, not a power)', () => expect('X: n×n\ndet(X) * det(X)').toHaveGradient('X', '2det(X)²X⁻ᵀ'));
  it('∂(det X + det X)/∂X = 2det(X)X⁻ᵀ', () => expect('X: n×n\ndet(X) + det(X)').toHaveGradient('X', '2det(X)X⁻ᵀ'));
});

describe('∂log det (Cookbook eqs. 55–57)', () => {
  it('∂log det(X)/∂X = X⁻¹ = X⁻ᵀ for spd X (eq. 57, logdet)', () => expect('X: n×n spd\nlogdet(X)').toHaveGradient('X', 'X⁻¹'));
  it('∂log(det(X))/∂X = X⁻¹ (eq. 57, log of det, X spd)', () => expect('X: n×n spd\nlog(det(X))').toHaveGradient('X', 'X⁻¹'));
  it('∂log(det(X))/∂X = X⁻ᵀ (eq. 57, any X with det X > 0)', () => expect('X: n×n\nlog(det(X))').toHaveGradient('X', 'X⁻ᵀ'));
  it('∂log|det(X)|/∂X = X⁻ᵀ (eq. 57 as printed in the Cookbook)', () => expectValue('grad', 'X: n×n\nlog(abs(det(X)))', 'X', 'X⁻ᵀ'));
  it('∂log(det(X)²)/∂X = 2X⁻ᵀ (eq. 57, chain rule)', () => expect('X: n×n\nlog(det(X)^2)').toHaveGradient('X', '2X⁻ᵀ'));
  it('∂log det(XᵀX)/∂X = 2X(XᵀX)⁻¹ = 2(X⁺)ᵀ (eq. 55, X m×n)', () => expect('X: m×n\nlogdet(Xᵀ X)').toHaveGradient('X', '2X(XᵀX)⁻¹'));
  it('∂log det(X⁻¹)/∂X = −X⁻ᵀ (eq. 57 with log det X⁻¹ = −log det X)', () => expect('X: n×n spd\nlogdet(inv(X))').toHaveGradient('X', '−X⁻¹'));
  it('∂log det(AX)/∂X = Aᵀ(AX)⁻ᵀ = X⁻¹ (X spd, A invertible)', () => expect('X: n×n spd; A: n×n\nlogdet(A X)').toHaveGradient('X', 'X⁻¹'));
  it('∂log det(2X)/∂X = X⁻¹ (X spd)', () => expect('X: n×n spd\nlogdet(2 X)').toHaveGradient('X', 'X⁻¹'));
  it('∂log det(XᵀAX)/∂X = AX(XᵀAX)⁻¹ + AᵀX(XᵀAᵀX)⁻¹ (X m×n)', () =>
    expectValue('grad', 'X: m×n; A: m×m spd\nlogdet(Xᵀ A X)', 'X', 'A X inv(XᵀAX) + AᵀX inv(XᵀAᵀX)'));
  it('∂log det(XᵀAX)/∂X = 2AX(XᵀAX)⁻¹ for symmetric A (X m×n)', () =>
    expectValue('grad', 'X: m×n; A: m×m spd\nlogdet(Xᵀ A X)', 'X', '2A X inv(XᵀAX)'));
  it('∂(log det(X))²/∂X = 2 log det(X) X⁻ᵀ', () => expect('X: n×n spd\nlogdet(X)^2').toHaveGradient('X', '2logdet(X)X⁻¹'));
  it('∂(log det X + tr X)/∂X = I + X⁻ᵀ (eqs. 57, 99)', () => expect('X: n×n spd\nlogdet(X) + tr(X)').toHaveGradient('X', 'eye(n) + X⁻¹'));
});

describe('scalar functions of a determinant (the chain rule a CAS drops)', () => {
  it('∂(1/det X)/∂X = −X⁻ᵀ/det(X)', () => expect('X: n×n\n1/det(X)').toHaveGradient('X', '−(X⁻ᵀ/det(X))'));
  it('∂det(X)⁻¹/∂X = −X⁻ᵀ/det(X) (written as a power)', () => expect('X: n×n\ndet(X)^(-1)').toHaveGradient('X', '−(X⁻ᵀ/det(X))'));
  it('∂(1/det(X)²)/∂X = −2X⁻ᵀ/det(X)²', () => expect('X: n×n\n1/det(X)^2').toHaveGradient('X', '−(2X⁻ᵀ/det(X)²)'));
  it('∂(s det X)/∂X = s det(X)X⁻ᵀ (s a scalar variable)', () => expect('X: n×n; s: scalar\ns*det(X)').toHaveGradient('X', 's det(X)X⁻ᵀ'));
  it('∂(s det X)/∂s = det(X)', () => expect('X: n×n; s: scalar\ns*det(X)').toHaveGradient('s', 'det(X)'));
  it('∂(det X − 1)/∂X = det(X)X⁻ᵀ (a constant drops out)', () => expect('X: n×n\ndet(X) − 1').toHaveGradient('X', 'det(X)X⁻ᵀ'));
  it('∂(det X − tr X)/∂X = det(X)X⁻ᵀ − I', () => expect('X: n×n\ndet(X) - tr(X)').toHaveGradient('X', 'det(X)X⁻ᵀ − eye(n)'));
  it('∂(det X · tr X)/∂X = det(X)(I + tr(X)X⁻ᵀ) (product rule)', () => expect('X: n×n\ndet(X)*tr(X)').toHaveGradient('X', 'det(X)(eye(n) + tr(X)X⁻ᵀ)'));
  it('∂(det X · tr(AX))/∂X = det(X)(Aᵀ + tr(AX)X⁻ᵀ)', () => expect('X: n×n; A: n×n\ndet(X) * tr(A X)').toHaveGradient('X', 'det(X)(Aᵀ + tr(AX)X⁻ᵀ)'));
  it('∂(tr X / det X)/∂X = (I − tr(X)X⁻ᵀ)/det(X) (quotient rule)', () => expect('X: n×n\ntr(X)/det(X)').toHaveGradient('X', '(eye(n) − tr(X)X⁻ᵀ)/det(X)'));
  it('∂(det X / tr X)/∂X = det(X)(X⁻ᵀ − I/tr(X))/tr(X)', () => expect('X: n×n\ndet(X)/tr(X)').toHaveGradient('X', 'det(X)(X⁻ᵀ − eye(n)/tr(X))/tr(X)'));
});

