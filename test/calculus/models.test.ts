/**
 * Gradients of models from statistics and machine learning: the Gaussian
 * log-likelihood in its mean and covariance (one example and a batch), a Gaussian-
 * process marginal likelihood in the kernel matrix, matrix factorisation (plain,
 * masked, regularised), attention read-outs and a residual block.
 *
 * Covariances are declared spd. dcalc differentiates with respect to all n² entries
 * (no symmetric-matrix convention, CONTRACT §2), so the general form with Σ⁻ᵀ is the
 * expected one; where an spd assumption should have simplified the result, the test
 * checks the value against the textbook form (`expectValue`) and the case is listed in
 * the report.
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

describe('Gaussian log-likelihood, one example (x, μ: n×1, Σ spd)', () => {
  const gauss = 'Σ: n×n spd; x: n×1; μ: n×1\nL = −logdet(Σ)/2 − (x − μ)ᵀ inv(Σ) (x − μ)/2';
  it('∂L/∂Σ = ½(Σ⁻¹(x − μ)(x − μ)ᵀΣ⁻¹ − Σ⁻¹) (Cookbook eqs. 57, 61; Σ symmetric)', () =>
    expect(gauss).toHaveGradient('Σ', '(Σ⁻¹(x − μ)(x − μ)ᵀΣ⁻¹ − Σ⁻¹)/2'));
  it('∂L/∂Σ with r = x − μ named: ½(Σ⁻¹rrᵀΣ⁻¹ − Σ⁻¹)', () =>
    expect('Σ: n×n spd; x: n×1; μ: n×1\nr = x − μ\nL = −logdet(Σ)/2 − rᵀ Σ⁻¹ r/2').toHaveGradient('Σ', '(Σ⁻¹rrᵀΣ⁻¹ − Σ⁻¹)/2'));
  it('∂L/∂Σ = ½(Σ⁻ᵀrrᵀΣ⁻ᵀ − Σ⁻ᵀ) (the general form, equal for spd Σ)', () =>
    expectValue(gauss, 'Σ', '(inv(Σ)ᵀ(x − μ)(x − μ)ᵀinv(Σ)ᵀ − inv(Σ)ᵀ)/2'));
  it('∂L/∂μ = Σ⁻¹(x − μ) (Cookbook eq. 86)', () => expect(gauss).toHaveGradient('μ', 'Σ⁻¹(x − μ)'));
  it('∂L/∂x = −Σ⁻¹(x − μ)', () => expect(gauss).toHaveGradient('x', '−Σ⁻¹(x − μ)'));
  it('∂L/∂μ with a general (non-symmetric) precision P: ½(Pᵀ + P)(x − μ)', () =>
    expectValue('P: n×n; x: n×1; μ: n×1\nL = −(x − μ)ᵀ P (x − μ)/2', 'μ', '(Pᵀ + P)(x − μ)/2'));
});

describe('Gaussian log-likelihood, a batch', () => {
  const cols = 'Σ: n×n spd; X: n×N; μ: n×1\nR = X − μ\nL = −N logdet(Σ)/2 − tr(Rᵀ inv(Σ) R)/2';
  const rows = 'Σ: n×n spd; X: N×n; μ: 1×n\nR = X − μ\nL = −N logdet(Σ)/2 − tr(R inv(Σ) Rᵀ)/2';
  it('examples as columns: ∂L/∂Σ = ½(Σ⁻¹RRᵀΣ⁻¹ − NΣ⁻¹)', () => expect(cols).toHaveGradient('Σ', '(Σ⁻¹RRᵀΣ⁻¹ − NΣ⁻¹)/2'));
  it('examples as columns: ∂L/∂μ = Σ⁻¹ sum_rows(R) (μ broadcast over columns)', () => expectValue(cols, 'μ', 'inv(Σ) sum_rows(R)'));
  it('examples as columns: ∂L/∂μ = sum_rows(Σ⁻¹R) (μ broadcast over columns)', () =>
    expect(cols).toHaveGradient('μ', 'sum_rows(Σ⁻¹R)'));
  it('examples as rows: ∂L/∂Σ = ½(Σ⁻¹RᵀRΣ⁻¹ − NΣ⁻¹)', () => expect(rows).toHaveGradient('Σ', '(Σ⁻¹RᵀRΣ⁻¹ − NΣ⁻¹)/2'));
  it('examples as rows: ∂L/∂μ = sum_cols(R)Σ⁻¹ (μ a row)', () => expectValue(rows, 'μ', 'sum_cols(R) inv(Σ)'));
  it('examples as rows: ∂L/∂μ = sum_cols(RΣ⁻¹) (μ a row broadcast over rows)', () =>
    expect(rows).toHaveGradient('μ', 'sum_cols(RΣ⁻¹)'));
  it('maximum likelihood: ∂L/∂Σ vanishes at Σ = RRᵀ/N (value check of the formula)', () =>
    expectValue(cols, 'Σ', '(inv(Σ) R Rᵀ inv(Σ) − N inv(Σ))/2'));
});

describe('Gaussian-process marginal likelihood in the kernel matrix K (spd)', () => {
  const gp = 'K: n×n spd; y: n×1\nL = −yᵀ inv(K) y/2 − logdet(K)/2';
  it('∂L/∂K = ½(K⁻¹yyᵀK⁻¹ − K⁻¹)', () => expect(gp).toHaveGradient('K', '(K⁻¹yyᵀK⁻¹ − K⁻¹)/2'));
  it('∂L/∂K = ½(ααᵀ − K⁻¹) with α = K⁻¹y (Rasmussen & Williams eq. 5.9)', () =>
    expectValue('K: n×n spd; y: n×1\nα = inv(K) y\nL = −yᵀ α/2 − logdet(K)/2', 'K', '(α αᵀ − inv(K))/2'));
  it('with α = K⁻¹y named, ∂L/∂K = ½(K⁻¹yyᵀK⁻¹ − K⁻¹)', () =>
    expect('K: n×n spd; y: n×1\nα = inv(K) y\nL = −yᵀ α/2 − logdet(K)/2').toHaveGradient('K', '(αyᵀK⁻¹ − K⁻¹)/2'));
  it('with noise, C = K + s I: ∂L/∂K = ½(C⁻ᵀyyᵀC⁻ᵀ − C⁻ᵀ)', () =>
    expect('K: n×n spd; y: n×1; s: scalar\nL = −yᵀ inv(K + s eye(n)) y/2 − logdet(K + s eye(n))/2').toHaveGradient('K', 't0 = (K + s eye(n))⁻¹; (t0 yyᵀt0 − t0)/2'));
  it('with noise and C named: ∂L/∂K in terms of C', () =>
    expect('K: n×n spd; y: n×1; s: scalar\nC = K + s eye(n)\nL = −yᵀ inv(C) y/2 − logdet(C)/2').toHaveGradient('K', '(C⁻¹yyᵀC⁻¹ − C⁻¹)/2'));
});

describe('matrix factorisation X ≈ UVᵀ (X m×n, U m×k, V n×k)', () => {
  const mf = 'X: m×n; U: m×k; V: n×k\nL = ‖X − U Vᵀ‖_F^2';
  it('∂‖X − UVᵀ‖_F²/∂U = 2(UVᵀ − X)V', () => expect(mf).toHaveGradient('U', '2(UVᵀ − X)V'));
  it('∂‖X − UVᵀ‖_F²/∂V = 2(UVᵀ − X)ᵀU', () => expect(mf).toHaveGradient('V', '2(UVᵀ − X)ᵀU'));
  it('∂(‖X − UVᵀ‖_F² + λ(‖U‖_F² + ‖V‖_F²))/∂U = 2(λU + (UVᵀ − X)V)', () =>
    expect('X: m×n; U: m×k; V: n×k; λ: scalar\nL = ‖X − U Vᵀ‖_F^2 + λ(‖U‖_F^2 + ‖V‖_F^2)').toHaveGradient('U', '2(λU + (UVᵀ − X)V)'));
  it('as a trace: ∂tr((X − UVᵀ)ᵀ(X − UVᵀ))/∂U = 2(UVᵀ − X)V', () =>
    expect('X: m×n; U: m×k; V: n×k\nL = tr((X − U Vᵀ)ᵀ (X − U Vᵀ))').toHaveGradient('U', '2(UVᵀ − X)V'));
  const masked = 'X: m×n; U: m×k; V: n×k; M: m×n\nL = ‖M ⊙ (X − U Vᵀ)‖_F^2';
  it('masked: ∂‖M ⊙ (X − UVᵀ)‖_F²/∂U = 2(M ⊙ M ⊙ (UVᵀ − X))V', () => expect(masked).toHaveGradient('U', '2(M² ⊙ (UVᵀ − X))V'));
  it('masked: ∂‖M ⊙ (X − UVᵀ)‖_F²/∂V = 2(M ⊙ M ⊙ (UVᵀ − X))ᵀU', () => expect(masked).toHaveGradient('V', '2(M² ⊙ (UVᵀ − X))ᵀU'));
  it('masked, E = M ⊙ (X − UVᵀ) named: ∂‖E‖_F²/2/∂V = −(E ⊙ M)ᵀU', () =>
    expect('X: m×n; U: m×k; V: n×k; M: m×n\nE = M ⊙ (X − U Vᵀ)\nL = ‖E‖_F^2/2').toHaveGradient('V', '−(E ⊙ M)ᵀU'));
  it('masked, E named: ∂‖E‖_F²/2/∂U = −(E ⊙ M)V', () =>
    expect('X: m×n; U: m×k; V: n×k; M: m×n\nE = M ⊙ (X − U Vᵀ)\nL = ‖E‖_F^2/2').toHaveGradient('U', '−(E ⊙ M)V'));
});

describe('attention read-outs', () => {
  const one = 'q: d×1; K: n×d; V: n×p; w: p×1\na = softmax(K q)\nL = wᵀ Vᵀ a';
  it('∂wᵀVᵀsoftmax(Kq)/∂q = Kᵀ(a ⊙ (Vw − aᵀVw))', () => expect(one).toHaveGradient('q', 'Kᵀ(a ⊙ (Vw − sum(Vw ⊙ a)))'));
  it('∂wᵀVᵀsoftmax(Kq)/∂K = (a ⊙ (Vw − aᵀVw))qᵀ', () => expect(one).toHaveGradient('K', '(a ⊙ (Vw − sum(Vw ⊙ a)))qᵀ'));
  it('∂wᵀVᵀsoftmax(Kq)/∂V = awᵀ', () => expect(one).toHaveGradient('V', 'awᵀ'));
  it('∂/∂q = Kᵀ(diag(a) − aaᵀ)Vw (the softmax Jacobian form)', () => expectValue(one, 'q', 'Kᵀ(diag(a) − a aᵀ)V w'));
  it('scaled scores softmax(Kq/√d), L = sum(Vᵀa): ∂L/∂q', () =>
    expect('q: d×1; K: n×d; V: n×p\na = softmax(K q/sqrt(d))\no = Vᵀ a\nL = sum(o)').toHaveGradient('q', 'Kᵀ(a ⊙ (V ones(p, 1) − sum(V ones(p, 1) ⊙ a)))/sqrt(d)'));
  it('a row query softmax(qKᵀ) (q 1×d): ∂aVw/∂q = (a ⊙ (wᵀVᵀ − sum(wᵀVᵀ ⊙ a)))K', () =>
    expect('q: 1×d; K: n×d; V: n×p; w: p×1\na = softmax(q Kᵀ)\nL = a V w').toHaveGradient('q', '(a ⊙ (wᵀVᵀ − sum(wᵀVᵀ ⊙ a)))K'));
  const batch = 'Q: m×d; K: n×d; V: n×p; W: m×p\nA = softmax_rows(Q Kᵀ)\nL = sum(W ⊙ (A V))';
  it('batched softmax_rows(QKᵀ)V: ∂L/∂Q = (A ⊙ (WVᵀ − sum_rows(WVᵀ ⊙ A)))K', () =>
    expect(batch).toHaveGradient('Q', '(A ⊙ (WVᵀ − sum_rows(WVᵀ ⊙ A)))K'));
  it('batched: ∂L/∂V = AᵀW', () => expect(batch).toHaveGradient('V', 'AᵀW'));
  it('batched: ∂L/∂K = (A ⊙ (WVᵀ − sum_rows(WVᵀ ⊙ A)))ᵀQ', () =>
    expect(batch).toHaveGradient('K', '(A ⊙ (WVᵀ − sum_rows(WVᵀ ⊙ A)))ᵀQ'));
});

describe('a residual block y = x + W₂σ(W₁x + b₁), L = ‖y‖²/2', () => {
  const res = 'x: n×1; W1: h×n; b1: h×1; W2: n×h\ny = x + W2 σ(W1 x + b1)\nL = ‖y‖²/2';
  it('∂L/∂W₂ = yσ(W₁x + b₁)ᵀ', () => expect(res).toHaveGradient('W2', 't0 = σ(W1 x + b1); yt0ᵀ'));
  it('∂L/∂b₁ = W₂ᵀy ⊙ σ′', () => expect(res).toHaveGradient('b1', 't0 = σ(W1 x + b1); W2ᵀy ⊙ t0 ⊙ (1 − t0)'));
  it('∂L/∂W₁ = (W₂ᵀy ⊙ σ′)xᵀ', () => expect(res).toHaveGradient('W1', 't0 = σ(W1 x + b1); (W2ᵀy ⊙ t0 ⊙ (1 − t0))xᵀ'));
  it('∂L/∂x = y + W₁ᵀ(W₂ᵀy ⊙ σ′) (the skip connection adds y)', () =>
    expect(res).toHaveGradient('x', 't0 = σ(W1 x + b1); y + W1ᵀ(W2ᵀy ⊙ t0 ⊙ (1 − t0))'));
  const named = 'x: n×1; W1: h×n; b1: h×1; W2: n×h\nz = W1 x + b1\nh1 = σ(z)\ny = x + W2 h1\nL = ‖y‖²/2';
  it('with h₁ = σ(z) named: ∂L/∂b₁ = W₂ᵀy ⊙ h₁ ⊙ (1 − h₁)', () => expect(named).toHaveGradient('b1', 'W2ᵀy ⊙ h1 ⊙ (1 − h1)'));
  it('with h₁ named: ∂L/∂W₂ = yh₁ᵀ', () => expect(named).toHaveGradient('W2', 'yh1ᵀ'));
  it('∂L/∂z (an intermediate) = W₂ᵀy ⊙ h₁ ⊙ (1 − h₁)', () => expect(named).toHaveGradient('z', 'W2ᵀy ⊙ h1 ⊙ (1 − h1)'));
});
