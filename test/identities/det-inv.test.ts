/**
 * Matrix Cookbook §2.1–2.2: derivatives of the determinant, the log-determinant and
 * the inverse. logdet needs det > 0, so its argument is declared spd; the other
 * identities hold for any invertible X.
 */
import { describe, it, expect } from 'vitest';

describe('determinant and log-determinant (Cookbook §2.1)', () => {
  it('∂det(X)/∂X = det(X)X⁻ᵀ (eq. 49)', () => expect('X: n×n\ndet(X)').toHaveGradient('X', 'det(X)X⁻ᵀ'));
  it('∂log det(X)/∂X = X⁻ᵀ (eq. 57)', () => expect('X: n×n spd\nL = logdet(X)').toHaveGradient('X', 'X⁻¹'));
  it('∂log(det(X))/∂X = X⁻ᵀ (eq. 57, written as log of det)', () => expect('X: n×n spd\nL = log(det(X))').toHaveGradient('X', 'X⁻¹'));
  it('∂c·log det(X)/∂X = cX⁻ᵀ (eq. 57, scaled)', () => expect('X: n×n spd; c: scalar\nL = c logdet(X)').toHaveGradient('X', 'cX⁻¹'));
  it('∂(log det(X) + tr(AXB))/∂X = X⁻ᵀ + AᵀBᵀ (eqs. 57, 101)', () =>
    expect('A: m×n; X: n×n spd; B: n×m\nL = logdet(X) + tr(AXB)').toHaveGradient('X', 'AᵀBᵀ + X⁻¹'));
});

describe('inverse (Cookbook §2.2)', () => {
  it('∂tr(AX⁻¹B)/∂X = −X⁻ᵀAᵀBᵀX⁻ᵀ (eq. 63)', () =>
    expect('A: m×n; X: n×n; B: n×m\nL = tr(A inv(X) B)').toHaveGradient('X', '−X⁻ᵀAᵀBᵀX⁻ᵀ'));
  it('∂tr(AX⁻¹)/∂X = −X⁻ᵀAᵀX⁻ᵀ (eq. 63, B = I)', () => expect('A: n×n; X: n×n\nL = tr(A X⁻¹)').toHaveGradient('X', '−X⁻ᵀAᵀX⁻ᵀ'));
  it('∂tr(X⁻¹)/∂X = −(X⁻²)ᵀ (eq. 63, A = B = I)', () => expect('X: n×n\nL = tr(inv(X))').toHaveGradient('X', '−(X⁻ᵀ)²'));
});
