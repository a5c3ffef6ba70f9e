/**
 * Seed 003 (mostly conceptual; examples x^{(i)} are columns in the seed's θᵀx, and the
 * batched forms below stack them as the rows of X ∈ ℝ^{n×d}, so Σ_i (h(x_i) − y_i)x_i
 * is Xᵀ(p − y)):
 *   8  the derivative of log σ(z);
 *   13–14  the binary cross-entropy gradient and its update rule;
 *   18–20  the softmax derivative and the categorical cross-entropy gradient;
 *   NN 5–7  one hidden sigmoid layer with MSE, BCE and softmax-CE losses (the seed's
 *   per-weight partials are the entries of these matrix gradients);
 *   regression network (12) with a bias, per example, in columns;
 *   computation graphs: the + and × gates.
 * The last block grades the seed's own answers numerically; several are wrong.
 */
import { describe, it, expect } from 'vitest';
import { seedAnswer } from '../matchers.js';
import { BCE_003, CCE_003, HIDDEN_BCE_003, HIDDEN_MSE_003, REGRESSION_003 } from './programs.mjs';



describe('seed 003 (8): the derivative of log σ(z)', () => {
  it('∂ log σ(z)/∂z = 1 − σ(z)', () => expect('z: scalar; l = log(σ(z))').toHaveGradient('z', '1 − σ(z)'));
  it('with s = σ(z) named: 1 − s', () => expect('z: scalar; s = σ(z); l = log s').toHaveGradient('z', '1 − s'));
});

const BCE = BCE_003;

describe('seed 003 (13–14): binary cross-entropy over a batch, rows of X are the examples', () => {
  it('∂L/∂θ = Xᵀ(p − y), i.e. Σ_i (h(x_i) − y_i)x_i', () => expect(BCE).toHaveGradient('θ', 'Xᵀ(p − y)'));
  it('with the logits z = Xθ named: ∂L/∂z = p − y', () =>
    expect(BCE.replace('p = σ(Xθ)', 'z = Xθ\np = σ(z)')).toHaveGradient('z', 'p − y'));
  it('the log-likelihood l(θ) (no minus): ∂l/∂θ = Xᵀ(y − p), i.e. Σ_i (y_i − h(x_i))x_i', () =>
    expect(BCE.replace('L = −sum(', 'l = sum(')).toHaveGradient('θ', 'Xᵀ(y − p)'));
  it('the mean, BCE = −(1/N)Σ…: ∂/∂θ = Xᵀ(p − y)/n', () =>
    expect(BCE.replace('(1 − y) ⊙ log(1 − p))', '(1 − y) ⊙ log(1 − p))/n')).toHaveGradient('θ', 'Xᵀ(p − y)/n'));
});

describe('seed 003 (18–20): softmax and categorical cross-entropy', () => {
  it('softmax derivative, applied to a vector u: ∂(uᵀs)/∂z = s ⊙ (u − sum(u ⊙ s)) (= (diag(s) − ssᵀ)u)', () =>
    expect('z: k×1; u: k×1; s = softmax(z); f = uᵀs').toHaveGradient('z', 's ⊙ (u − sum(u ⊙ s))'));
  it('through θ_jᵀx: ∂(uᵀs)/∂Θ = x(s ⊙ (u − sum(u ⊙ s)))ᵀ', () =>
    expect('x: d×1; Θ: d×k; u: k×1; s = softmax(Θᵀx); f = uᵀs').toHaveGradient('Θ', 'x(s ⊙ (u − sum(u ⊙ s)))ᵀ'));
  const CCE = CCE_003;
  it('categorical CE over a batch: ∂J/∂Θ = Xᵀ(P − Y), column j is Σ_i (P_ij − 1(y_i = j))x_i', () =>
    expect(CCE).toHaveGradient('Θ', 'Xᵀ(P − Y)'));
  it('the same with the examples as columns (P = softmax(ΘᵀX)): ∂J/∂Θ = X(P − Y)ᵀ', () =>
    expect('X: d×m; Θ: d×k; Y: k×m simplex; P = softmax(ΘᵀX); J = −sum(Y ⊙ log(P))').toHaveGradient('Θ', 'X(P − Y)ᵀ'));
});

const HIDDEN_MSE = HIDDEN_MSE_003;
const HIDDEN_BCE = HIDDEN_BCE_003;
const HIDDEN_CE = `X: m×d; W: d×H; V: H×k; Y: m×k simplex_rows
Z = σ(XW)
Ŷ = softmax_rows(ZV)
E = −sum(Y ⊙ log(Ŷ))`;

describe('seed 003 (18): the softmax Jacobian', () => {
  it('∂s/∂z = diag(s) − ssᵀ, entry (j, i) = s_j(δ_ij − s_i)', () =>
    expect('z: k×1; s = softmax(z)').toHaveJacobian('z', 'diag(s) − ssᵀ'));
});

describe('seed 003 (NN 5–7): one hidden sigmoid layer, three losses', () => {
  it('MSE: ∂E/∂V = Zᵀ(Ŷ − Y)', () => expect(HIDDEN_MSE).toHaveGradient('V', 'Zᵀ(Ŷ − Y)'));
  it('MSE: ∂E/∂Z = (Ŷ − Y)Vᵀ', () => expect(HIDDEN_MSE).toHaveGradient('Z', '(Ŷ − Y)Vᵀ'));
  it('MSE: ∂E/∂W = Xᵀ((Ŷ − Y)Vᵀ ⊙ Z ⊙ (1 − Z))', () => expect(HIDDEN_MSE).toHaveGradient('W', 'Xᵀ((Ŷ − Y)Vᵀ ⊙ Z ⊙ (1 − Z))'));
  it('MSE with (1/2) in front: the same ∂E/∂V', () =>
    expect(HIDDEN_MSE.replace('E = ‖Ŷ − Y‖_F²/2', 'E = (1/2)‖Ŷ − Y‖_F²')).toHaveGradient('V', 'Zᵀ(Ŷ − Y)'));
  it('BCE: ∂L/∂v = Zᵀ(ŷ − y)', () => expect(HIDDEN_BCE).toHaveGradient('v', 'Zᵀ(ŷ − y)'));
  it('BCE: ∂L/∂W = Xᵀ((ŷ − y)vᵀ ⊙ Z ⊙ (1 − Z))', () => expect(HIDDEN_BCE).toHaveGradient('W', 'Xᵀ((ŷ − y)vᵀ ⊙ Z ⊙ (1 − Z))'));
  it('softmax-CE: ∂E/∂V = Zᵀ(Ŷ − Y)', () => expect(HIDDEN_CE).toHaveGradient('V', 'Zᵀ(Ŷ − Y)'));
  it('softmax-CE: ∂E/∂W = Xᵀ((Ŷ − Y)Vᵀ ⊙ Z ⊙ (1 − Z))', () => expect(HIDDEN_CE).toHaveGradient('W', 'Xᵀ((Ŷ − Y)Vᵀ ⊙ Z ⊙ (1 − Z))'));
});

const REGRESSION = REGRESSION_003;

describe('seed 003 (12): regression network with biases, one example, columns', () => {
  it('∂L/∂v = 2z(ŷ − y)', () => expect(REGRESSION).toHaveGradient('v', '2z(ŷ − y)'));
  it('∂L/∂v0 = 2(ŷ − y)', () => expect(REGRESSION).toHaveGradient('v0', '2(ŷ − y)'));
  it('∂L/∂z = 2v(ŷ − y)', () => expect(REGRESSION).toHaveGradient('z', '2v(ŷ − y)'));
  it('∂L/∂W = (2(ŷ − y)v ⊙ z ⊙ (1 − z))xᵀ, entry (j, i) is ∂L/∂ŷ · v_j · z_j(1 − z_j) · x_i', () =>
    expect(REGRESSION).toHaveGradient('W', '(2(ŷ − y)v ⊙ z ⊙ (1 − z))xᵀ'));
  it('∂L/∂b = 2(ŷ − y)v ⊙ z ⊙ (1 − z) (the seed\'s w_{0j})', () =>
    expect(REGRESSION).toHaveGradient('b', '2(ŷ − y)v ⊙ z ⊙ (1 − z)'));
});

describe('seed 003: computation-graph gates', () => {
  it('+ gate: ∂(a + b)/∂a = 1', () => expect('a: scalar; b: scalar; s = a + b').toHaveGradient('a', '1'));
  it('+ gate: ∂(a + b)/∂b = 1', () => expect('a: scalar; b: scalar; s = a + b').toHaveGradient('b', '1'));
  it('× gate: ∂(ab)/∂a = b', () => expect('a: scalar; b: scalar; s = ab').toHaveGradient('a', 'b'));
  it('× gate: ∂(ab)/∂b = a', () => expect('a: scalar; b: scalar; s = ab').toHaveGradient('b', 'a'));
  it('× by a constant c: ∂(ac)/∂a = c', () => expect('a: scalar; c: scalar; s = ac').toHaveGradient('a', 'c'));
});

describe("seed 003: the seed's answers, graded numerically", () => {
  it('∂ log σ(z)/∂z = 1 − σ(z) (line 81) is right', () =>
    expect(seedAnswer('z: scalar; l = log(σ(z))', 'z', '1 − σ(z)')).toBeLessThan(1e-9));
  const LL = BCE.replace('L = −sum(', 'l = sum(');
  it('∂l/∂θ = Σ(y − h)x (line 112) is right', () => expect(seedAnswer(LL, 'θ', 'Xᵀ(y − p)')).toBeLessThan(1e-9));
  it('∂(−l)/∂θ = Σ(h − y)x (line 114) is right', () => expect(seedAnswer(BCE, 'θ', 'Xᵀ(p − y)')).toBeLessThan(1e-9));
  it('with h_θ(x) = θᵀx as line 108 defines it (no σ), Σ(y − h)x is not the gradient', () =>
    expect(seedAnswer(LL, 'θ', 'Xᵀ(y − Xθ)')).toBeGreaterThan(1e-3));
  // 18: ∂s_j/∂z_i = s_j(δ_ij − s_i) (line 149, right); line 151 writes s_j(δ_ij − s_j)x (wrong index)
  const SOFT = 'x: d×1; Θ: d×k; u: k×1; s = softmax(Θᵀx); f = uᵀs';
  it('∂softmax(z_j)/∂z_i = s_j(δ_ij − s_i) (line 149) is right', () =>
    expect(seedAnswer(SOFT, 'Θ', 'x(s ⊙ u − s sum(s ⊙ u))ᵀ')).toBeLessThan(1e-9));
  it('∂softmax(θ_jᵀx)/∂θ_i = s_j(δ_ij − s_j)x (line 151) is wrong: the bracket needs s_i', () =>
    expect(seedAnswer(SOFT, 'Θ', 'x(s ⊙ u − sum(s ⊙ s ⊙ u))ᵀ')).toBeGreaterThan(1e-3));
  const CCE = 'X: m×d; Θ: d×k; Y: m×k simplex_rows; P = softmax_rows(XΘ); J = −sum(Y ⊙ log(P))';
  it('∂J/∂θ_j = Σ_i (softmax_j(x_i) − 1(y_i = j))x_i (line 179, "logit" read as the softmax) is right', () =>
    expect(seedAnswer(CCE, 'Θ', 'Xᵀ(P − Y)')).toBeLessThan(1e-9));
  it('NN 5: ∂E/∂v_j = Σ(ŷ − y)² z (line 227) is wrong: the residual is not squared', () =>
    expect(seedAnswer(HIDDEN_MSE, 'V', 'Zᵀ((Ŷ − Y) ⊙ (Ŷ − Y))')).toBeGreaterThan(1e-3));
  it('NN 5: ∂E/∂w_j = ΣΣ(ŷ − y)² v z(1 − z)x (line 237) is wrong: the residual is not squared', () =>
    expect(seedAnswer(HIDDEN_MSE, 'W', 'Xᵀ(((Ŷ − Y) ⊙ (Ŷ − Y))Vᵀ ⊙ Z ⊙ (1 − Z))')).toBeGreaterThan(1e-3));
  it('NN 5 corrected (no square): Xᵀ((Ŷ − Y)Vᵀ ⊙ Z ⊙ (1 − Z)) is right', () =>
    expect(seedAnswer(HIDDEN_MSE, 'W', 'Xᵀ((Ŷ − Y)Vᵀ ⊙ Z ⊙ (1 − Z))')).toBeLessThan(1e-9));
  it('NN 6: ∂E/∂v_j = Σ[ŷ(1 − ŷ)log ŷ + y(1 − ŷ)] ŷ(1 − ŷ) z (line 259) is wrong', () =>
    expect(seedAnswer(HIDDEN_BCE, 'v', 'Zᵀ((ŷ ⊙ (1 − ŷ) ⊙ log(ŷ) + y ⊙ (1 − ŷ)) ⊙ ŷ ⊙ (1 − ŷ))')).toBeGreaterThan(1e-3));
  it('NN 7: ∂E/∂v_j = Σ(ŷ − y)z (line 270) is right', () => expect(seedAnswer(HIDDEN_CE, 'V', 'Zᵀ(Ŷ − Y)')).toBeLessThan(1e-9));
  const LIKELIHOOD = 't: m×1; y: m×1; ŷ = σ(t); L = sum(y ⊙ log(ŷ) + (1 − y) ⊙ log(1 − ŷ))';
  it('graph 2: ∂L/∂f2 = y/f2 − (1 − y)/(1 − f2) (line 314) is right for its L', () =>
    expect(seedAnswer(LIKELIHOOD, 'ŷ', 'y ⊘ ŷ − (1 − y) ⊘ (1 − ŷ)')).toBeLessThan(1e-9));
  it('graph 2: y/f2 + (1 − y)/(1 − f2) (line 316) is a sign slip', () =>
    expect(seedAnswer(LIKELIHOOD, 'ŷ', 'y ⊘ ŷ + (1 − y) ⊘ (1 − ŷ)')).toBeGreaterThan(1e-3));
  it('graph 3: ∂(½Σ(y − f2)²)/∂f2 = Σ(y − f2) (line 329) is a sign slip: it is f2 − y', () =>
    expect(seedAnswer('Y: m×k; F: m×k; L = ‖Y − F‖_F²/2', 'F', 'Y − F')).toBeGreaterThan(1e-3));
  it('regression 12: ∂L/∂V_1 = 2Σ(ŷ − y)z_1 (line 353) is right', () =>
    expect(seedAnswer(REGRESSION, 'v', '2(ŷ − y)z')).toBeLessThan(1e-9));
  it('regression 12: ∂L/∂w_11 = ∂L/∂ŷ · V_1 · z_1(1 − z_1) · x_1 (line 369) is right', () =>
    expect(seedAnswer(REGRESSION, 'W', '(2(ŷ − y)v ⊙ z ⊙ (1 − z))xᵀ')).toBeLessThan(1e-9));
  it('regression 12, worked numbers: Σ(y − ŷ)z with (8 − 0.05675) (line 583) has the sign slipped and the 2 dropped', () =>
    expect(seedAnswer(REGRESSION, 'v', '(y − ŷ)z')).toBeGreaterThan(1e-3));
});
