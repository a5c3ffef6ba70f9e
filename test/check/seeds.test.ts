/**
 * Every answer of the seeds that docs/seeds.md quotes (the boxed or final answers, with
 * file and line), written as dcalc program text in the seed's own names and convention,
 * graded by `checkClaim`: the right ones are `correct`, the wrong ones get the diagnosis
 * that says what is wrong with them (CONTRACT §4: "dcalc check flags the seed answers
 * that are wrong"). The programs and claims are those of test/seeds/*.test.ts.
 *
 * The table between BEGIN and END is plain data (no types) so that the table in
 * docs/seeds.md ("Grading the seed answers with dcalc check") can be generated from it;
 * rows with `extra: true` are corrected forms, tested here but not listed there.
 */
import { describe, expect, it } from 'vitest';
import { checkClaim } from '../../src/api/index.js';
import { DcalcError } from '../../src/errors.js';

// BEGIN SEED CLAIMS
const PROGRAMS = {
  S000_LOGREG: 'X: 1×M; W: M×1; b: scalar; y: scalar; h = XW + b; a = σ(h); L = −y log a − (1 − y) log(1 − a)',
  S000_MLP: 'X: 1×M; W1: M×N; b1: 1×N; W2: N×1; b2: scalar; y: scalar; h1 = XW1 + b1; a1 = σ(h1); h2 = a1W2 + b2; a2 = σ(h2); L = −y log a2 − (1 − y) log(1 − a2)',
  S000_SOFTMAX_Q: 'h: 1×L; s = softmax(h)',
  S000_SOFTMAX: 'X: 1×M; W: M×L; b: 1×L; y: 1×L simplex; h = XW + b; s = softmax(h); L = −sum(y ⊙ log(s))',
  S000_SOFTMAX_MLP: 'X: 1×M; W1: M×N; b1: 1×N; W2: N×L; b2: 1×L; y: 1×L simplex; h1 = XW1 + b1; a1 = σ(h1); h2 = a1W2 + b2; s = softmax(h2); L = −sum(y ⊙ log(s))',
  S001_SIGMOID: 'x: scalar; σ(x)',
  S001_CE: 'θ: 1×D; y: 1×D simplex; ŷ = softmax(θ); J = CE(y, ŷ)',
  S001_NET: 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex; h = σ(xW1 + b1); ŷ = softmax(hW2 + b2); J = CE(y, ŷ)',
  S002_CLASSIFIER: 'X: d×n; w1: H1×d; b1: H1×1; w2: H2×H1; b2: H2×1; w3: K×H2; b3: K×1; Y: K×n simplex; h1 = ReLU(w1X + b1); h2 = ReLU(w2h1 + b2); f = w3h2 + b3; p = softmax(f); L = −sum(Y ⊙ log(p))/n',
  S002_AUTOENCODER: 'X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1; h = ReLU(W1X + b1); x̂ = ReLU(W2h + b2); L = ‖X − x̂‖_F²/n',
  S003_LOGSIGMOID: 'z: scalar; l = log(σ(z))',
  S003_LOGLIK: 'X: n×d; θ: d×1; y: n×1; p = σ(Xθ); l = sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))',
  S003_BCE: 'X: n×d; θ: d×1; y: n×1; p = σ(Xθ); L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))',
  S003_SOFTMAX: 'x: d×1; Θ: d×k; u: k×1; s = softmax(Θᵀx); f = uᵀs',
  S003_CCE: 'X: m×d; Θ: d×k; Y: m×k simplex_rows; P = softmax_rows(XΘ); J = −sum(Y ⊙ log(P))',
  S003_MSE: 'X: m×d; W: d×H; V: H×k; Y: m×k; Z = σ(XW); Ŷ = ZV; E = ‖Ŷ − Y‖_F²/2',
  S003_HIDDEN_BCE: 'X: m×d; W: d×H; v: H×1; y: m×1; Z = σ(XW); ŷ = σ(Zv); L = −sum(y ⊙ log(ŷ) + (1 − y) ⊙ log(1 − ŷ))',
  S003_HIDDEN_CE: 'X: m×d; W: d×H; V: H×k; Y: m×k simplex_rows; Z = σ(XW); Ŷ = softmax_rows(ZV); E = −sum(Y ⊙ log(Ŷ))',
  S003_GRAPH: 't: m×1; y: m×1; ŷ = σ(t); L = sum(y ⊙ log(ŷ) + (1 − y) ⊙ log(1 − ŷ))',
  S003_L2: 'Y: m×k; F: m×k; L = ‖Y − F‖_F²/2',
  S003_REGRESSION: 'x: d×1; W: H×d; b: H×1; v: H×1; v0: scalar; y: scalar; z = σ(Wx + b); ŷ = vᵀz + v0; L = (ŷ − y)²',
  S004_QUADRATIC: 'x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1; z2 = W2x + b2; a2 = σ(z2); z3 = W3a2 + b3; a3 = σ(z3); z4 = W4a3 + b4; a4 = σ(z4); C = ‖a4 − y‖²/2',
  S004_QUADRATIC5: 'x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; W5: n5×n4; b5: n5×1; y: n5×1; z2 = W2x + b2; a2 = σ(z2); z3 = W3a2 + b3; a3 = σ(z3); z4 = W4a3 + b4; a4 = σ(z4); z5 = W5a4 + b5; a5 = σ(z5); C = ‖a5 − y‖²/2',
  S004_CE_MEAN: 'a: 1×n; y: 1×n; C = −mean(y ⊙ ln(a) + (1 − y) ⊙ ln(1 − a))',
  S004_CE_PRIME: 'a: scalar; y: scalar; g = −y/a + (1 − y)/(1 − a)',
  S004_SOFTMAX_NET: 'x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1 simplex; z2 = W2x + b2; a2 = σ(z2); z3 = W3a2 + b3; a3 = σ(z3); z4 = W4a3 + b4; a4 = softmax(z4); C = CE(y, a4)',
  S004_TERM: 'x: d×1; w: d×1; w0: scalar; y: scalar; l = y ln(σ(wᵀx + w0))',
  S004_LOGREG: 'X: d×n; y: 1×n; w: d×1; w0: scalar; λ: scalar; p = σ(wᵀX + w0); l = −(1/n)sum(y ⊙ ln(p) + (1 − y) ⊙ ln(1 − p)) + λ‖w‖²',
};

const SEED_CLAIMS = [
  // seed 000: row vectors
  { file: '000_8e43c8cfe27f76f8.txt', line: '40', answer: '∂L/∂w = Xᵀ·(a − y)', program: 'S000_LOGREG', wrt: 'W', claim: 'Xᵀ(a − y)', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '48', answer: '∂L/∂b = a − y', program: 'S000_LOGREG', wrt: 'b', claim: 'a − y', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '97', answer: '∂L/∂w₁ = Xᵀ((a₂ − y)·(W₂ᵀ ⊙ (a₁ ⊙ (1 − a₁))))', program: 'S000_MLP', wrt: 'W1', claim: 'Xᵀ((a2 − y)(W2ᵀ ⊙ (a1 ⊙ (1 − a1))))', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '101', answer: '∂L/∂b₁ = (a₂ − y)·(W₂ᵀ ⊙ (a₁ ⊙ (1 − a₁)))', program: 'S000_MLP', wrt: 'b1', claim: '(a2 − y)(W2ᵀ ⊙ (a1 ⊙ (1 − a1)))', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '105', answer: '∂L/∂w₂ = a₁ᵀ·(a₂ − γ)', program: 'S000_MLP', wrt: 'W2', claim: 'a1ᵀ(a2 − y)', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '115', answer: '∂L/∂b₂ = a₂ − γ', program: 'S000_MLP', wrt: 'b2', claim: 'a2 − y', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '157, 175', answer: 'Q: s_i(1 − s_j) when i = j, −s_i s_j when i ≠ j', program: 'S000_SOFTMAX_Q', wrt: 'h', claim: 'diag(s) − sᵀs', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '187', answer: '∂L/∂w = Xᵀ((−y/s)Q)', program: 'S000_SOFTMAX', wrt: 'W', claim: 'Q = diag(s) − sᵀs; Xᵀ((−y ⊘ s)Q)', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '197', answer: '∂L/∂b = (−y/s)Q', program: 'S000_SOFTMAX', wrt: 'b', claim: 'Q = diag(s) − sᵀs; (−y ⊘ s)Q', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '232', answer: '∂L/∂W₂ = a₁ᵀ((−y/s)Q)', program: 'S000_SOFTMAX_MLP', wrt: 'W2', claim: 'Q = diag(s) − sᵀs; a1ᵀ((−y ⊘ s)Q)', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '234', answer: '∂L/∂b₂ = (−y/s)Q', program: 'S000_SOFTMAX_MLP', wrt: 'b2', claim: 'Q = diag(s) − sᵀs; (−y ⊘ s)Q', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '236', answer: '∂L/∂W₁ = Xᵀ((−y/s)QW₂ᵀ ⊙ (a₁ ⊙ (1 − a₁)))', program: 'S000_SOFTMAX_MLP', wrt: 'W1', claim: 'Q = diag(s) − sᵀs; Xᵀ((−y ⊘ s)Q W2ᵀ ⊙ (a1 ⊙ (1 − a1)))', expect: 'correct' },
  { file: '000_8e43c8cfe27f76f8.txt', line: '238', answer: '∂L/∂b₁ = (−y/s)QW₂ᵀ ⊙ (a₁ ⊙ (1 − a₁))', program: 'S000_SOFTMAX_MLP', wrt: 'b1', claim: 'Q = diag(s) − sᵀs; (−y ⊘ s)Q W2ᵀ ⊙ (a1 ⊙ (1 − a1))', expect: 'correct' },
  // seed 001: row vectors
  { file: '001_d289773554d10fef.txt', line: '32', answer: "σ'(x) = σ(x) − σ(x)²", program: 'S001_SIGMOID', wrt: 'x', claim: 'σ(x) − σ(x)²', expect: 'correct' },
  { file: '001_d289773554d10fef.txt', line: '55', answer: '∂CE/∂θ = ŷ − y (14)', program: 'S001_CE', wrt: 'θ', claim: 'ŷ − y', expect: 'correct' },
  { file: '001_d289773554d10fef.txt', line: '73', answer: '∂J/∂x = (ŷ − y)W₂ᵀσ(xW₁ + b₁){1 − σ(xW₁ + b₁)}ᵀW₁ᵀ (19)', program: 'S001_NET', wrt: 'x', claim: '(ŷ − y)W2ᵀ σ(xW1 + b1)(1 − σ(xW1 + b1))ᵀ W1ᵀ', expect: 'shape' },
  { file: '001_d289773554d10fef.txt', line: '73', answer: '(19) read with σᵀ(1 − σ) as an outer product', program: 'S001_NET', wrt: 'x', claim: '(ŷ − y)W2ᵀ (σ(xW1 + b1)ᵀ(1 − σ(xW1 + b1))) W1ᵀ', expect: 'differs', extra: true },
  { file: '001_d289773554d10fef.txt', line: '73', answer: '(19) with the diagonal Jacobian of σ', program: 'S001_NET', wrt: 'x', claim: '(ŷ − y)W2ᵀ diag(h ⊙ (1 − h)) W1ᵀ', expect: 'correct', extra: true },
  { file: '001_d289773554d10fef.txt', line: '114', answer: '∂J/∂W₂ = (W₂(ŷ − y)ᵀ)ᵀ (33)', program: 'S001_NET', wrt: 'W2', claim: '(W2(ŷ − y)ᵀ)ᵀ', expect: 'shape' },
  { file: '001_d289773554d10fef.txt', line: '114', answer: '(33) as intended, ((ŷ − y)ᵀh)ᵀ', program: 'S001_NET', wrt: 'W2', claim: '((ŷ − y)ᵀh)ᵀ', expect: 'correct', extra: true },
  { file: '001_d289773554d10fef.txt', line: '116', answer: '∂J/∂W₂ = hᵀ(ŷ − y) (34)', program: 'S001_NET', wrt: 'W2', claim: 'hᵀ(ŷ − y)', expect: 'correct' },
  { file: '001_d289773554d10fef.txt', line: '118', answer: '∂J/∂b₂ = ŷ − y (35)', program: 'S001_NET', wrt: 'b2', claim: 'ŷ − y', expect: 'correct' },
  { file: '001_d289773554d10fef.txt', line: '141', answer: "∂J/∂W₁ = xᵀ[(ŷ − y)W₂ᵀ ⊙ σ'(·)] (43)", program: 'S001_NET', wrt: 'W1', claim: 'xᵀ((ŷ − y)W2ᵀ ⊙ (σ(xW1 + b1) ⊙ (1 − σ(xW1 + b1))))', expect: 'correct' },
  { file: '001_d289773554d10fef.txt', line: '143', answer: "∂J/∂b₁ = (ŷ − y)W₂ᵀ ⊙ σ'(·) (44)", program: 'S001_NET', wrt: 'b1', claim: '(ŷ − y)W2ᵀ ⊙ (σ(xW1 + b1) ⊙ (1 − σ(xW1 + b1)))', expect: 'correct' },
  // seed 002: columns, X ∈ ℝ^{d×n}
  { file: '002_ca2c77d13d2d3a24.txt', line: '10', answer: '∂L/∂f = softmax(f) − (1/n)𝟙(Y = y_i)', program: 'S002_CLASSIFIER', wrt: 'f', claim: 'p − Y/n', expect: 'differs' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '16', answer: '∂L/∂w₃ = ∂L/∂f · h₂ᵀ', program: 'S002_CLASSIFIER', wrt: 'w3', claim: '((p − Y)/n)h2ᵀ', expect: 'correct' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '18', answer: '∂L/∂b₃ = ∂L/∂f', program: 'S002_CLASSIFIER', wrt: 'b3', claim: '(p − Y)/n', expect: 'missing-sum' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '18', answer: 'summed over the batch', program: 'S002_CLASSIFIER', wrt: 'b3', claim: 'sum_rows((p − Y)/n)', expect: 'correct', extra: true },
  { file: '002_ca2c77d13d2d3a24.txt', line: '20', answer: '∂L/∂w₂ = 𝟙(h₂ > 0) · w₃ᵀ · ∂L/∂f · h₁ᵀ', program: 'S002_CLASSIFIER', wrt: 'w2', claim: '(step(w2 h1 + b2) ⊙ w3ᵀ((p − Y)/n))h1ᵀ', expect: 'correct' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '22', answer: '∂L/∂b₂ = 𝟙(h₂ > 0) · w₃ᵀ · ∂L/∂f', program: 'S002_CLASSIFIER', wrt: 'b2', claim: 'step(w2 h1 + b2) ⊙ w3ᵀ((p − Y)/n)', expect: 'missing-sum' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '26', answer: '∂L/∂w₁ = 𝟙(h₁ > 0)𝟙(h₂ > 0)w₃ᵀw₃ᵀ ∂L/∂f Xᵀ', program: 'S002_CLASSIFIER', wrt: 'w1', claim: '(step(w1 X + b1) ⊙ step(w2 h1 + b2) ⊙ w3ᵀw3ᵀ((p − Y)/n))Xᵀ', expect: 'shape' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '26', answer: 'w₂ᵀ for the second w₃ᵀ, indicators in place', program: 'S002_CLASSIFIER', wrt: 'w1', claim: '(step(w1 X + b1) ⊙ w2ᵀ(step(w2 h1 + b2) ⊙ w3ᵀ((p − Y)/n)))Xᵀ', expect: 'correct', extra: true },
  { file: '002_ca2c77d13d2d3a24.txt', line: '28', answer: '∂L/∂b₁ = 𝟙(h₁ > 0)𝟙(h₂ > 0)w₃ᵀ·w₃ᵀ·∂L/∂f', program: 'S002_CLASSIFIER', wrt: 'b1', claim: 'step(w1 X + b1) ⊙ step(w2 h1 + b2) ⊙ w3ᵀw3ᵀ((p − Y)/n)', expect: 'shape' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '28', answer: 'w₂ᵀ in place, not summed', program: 'S002_CLASSIFIER', wrt: 'b1', claim: 'step(w1 X + b1) ⊙ w2ᵀ(step(w2 h1 + b2) ⊙ w3ᵀ((p − Y)/n))', expect: 'missing-sum', extra: true },
  { file: '002_ca2c77d13d2d3a24.txt', line: '34', answer: '∂L/∂x̂ = (1/n)Σᵢ 2(x̂ᵢ − xᵢ)', program: 'S002_AUTOENCODER', wrt: 'x̂', claim: '2sum_rows(x̂ − X)/n', expect: 'shape' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '38', answer: '∂L/∂W₂ = 𝟙(x̂ > 0) · ∂L/∂x̂ · hᵀ (per-sample ∂L/∂x̂)', program: 'S002_AUTOENCODER', wrt: 'W2', claim: '(step(W2 h + b2) ⊙ 2(x̂ − X)/n)hᵀ', expect: 'correct' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '38', answer: '∂L/∂W₂ with the summed ∂L/∂x̂ of line 34', program: 'S002_AUTOENCODER', wrt: 'W2', claim: '(step(W2 h + b2) ⊙ 2sum_rows(x̂ − X)/n)hᵀ', expect: 'differs' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '38', answer: '∂L/∂b₂ = 𝟙(x̂ > 0) · ∂L/∂x̂', program: 'S002_AUTOENCODER', wrt: 'b2', claim: 'step(W2 h + b2) ⊙ 2(x̂ − X)/n', expect: 'missing-sum' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '40', answer: '∂L/∂W₁ = 𝟙(h > 0)𝟙(x̂ > 0)W₂ᵀ ∂L/∂x̂ · Xᵀ', program: 'S002_AUTOENCODER', wrt: 'W1', claim: '(step(W1 X + b1) ⊙ step(W2 h + b2) ⊙ W2ᵀ(2(x̂ − X)/n))Xᵀ', expect: 'shape' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '40', answer: '𝟙(x̂ > 0) before W₂ᵀ', program: 'S002_AUTOENCODER', wrt: 'W1', claim: '(step(W1 X + b1) ⊙ W2ᵀ(step(W2 h + b2) ⊙ 2(x̂ − X)/n))Xᵀ', expect: 'correct', extra: true },
  { file: '002_ca2c77d13d2d3a24.txt', line: '42', answer: '∂L/∂b₁ = 𝟙(h > 0)𝟙(x̂ > 0)W₂ᵀ ∂L/∂x̂', program: 'S002_AUTOENCODER', wrt: 'b1', claim: 'step(W1 X + b1) ⊙ step(W2 h + b2) ⊙ W2ᵀ(2(x̂ − X)/n)', expect: 'shape' },
  { file: '002_ca2c77d13d2d3a24.txt', line: '42', answer: 'the indicators in order, not summed', program: 'S002_AUTOENCODER', wrt: 'b1', claim: 'step(W1 X + b1) ⊙ W2ᵀ(step(W2 h + b2) ⊙ 2(x̂ − X)/n)', expect: 'missing-sum', extra: true },
  // seed 003: examples as the rows of X
  { file: '003_c11f14f91e4a37df.txt', line: '81', answer: '∂ log σ(z)/∂z = 1 − σ(z)', program: 'S003_LOGSIGMOID', wrt: 'z', claim: '1 − σ(z)', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '108', answer: 'h_θ(x) = θᵀx, so ∂l/∂θ = Σ(y − θᵀx)x', program: 'S003_LOGLIK', wrt: 'θ', claim: 'Xᵀ(y − Xθ)', expect: 'differs' },
  { file: '003_c11f14f91e4a37df.txt', line: '112', answer: '∂l/∂θ = Σ(y⁽ⁱ⁾ − h_θ(x⁽ⁱ⁾))x⁽ⁱ⁾', program: 'S003_LOGLIK', wrt: 'θ', claim: 'Xᵀ(y − p)', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '114', answer: '∂(−l)/∂θ = Σ(h_θ(x⁽ⁱ⁾) − y⁽ⁱ⁾)x⁽ⁱ⁾', program: 'S003_BCE', wrt: 'θ', claim: 'Xᵀ(p − y)', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '149', answer: '∂softmax(z_j)/∂z_i = s_j(δ_ij − s_i) (applied to u)', program: 'S003_SOFTMAX', wrt: 'Θ', claim: 'x(s ⊙ u − s sum(s ⊙ u))ᵀ', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '151', answer: '∂softmax(θ_jᵀx)/∂θ_i = s_j(δ_ij − s_j)x (applied to u)', program: 'S003_SOFTMAX', wrt: 'Θ', claim: 'x(s ⊙ u − sum(s ⊙ s ⊙ u))ᵀ', expect: 'differs' },
  { file: '003_c11f14f91e4a37df.txt', line: '179', answer: '∂J/∂θ_j = Σᵢ(softmax_j(x⁽ⁱ⁾) − 1(y⁽ⁱ⁾ = j))x⁽ⁱ⁾', program: 'S003_CCE', wrt: 'Θ', claim: 'Xᵀ(P − Y)', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '227', answer: '∂E/∂v_j = Σ(ŷ_j − y_j)² z (MSE)', program: 'S003_MSE', wrt: 'V', claim: 'Zᵀ((Ŷ − Y) ⊙ (Ŷ − Y))', expect: 'differs' },
  { file: '003_c11f14f91e4a37df.txt', line: '237', answer: '∂E/∂w_j = ΣΣ(ŷ_q − y_q)² v_jq z_j(1 − z_j)x', program: 'S003_MSE', wrt: 'W', claim: 'Xᵀ(((Ŷ − Y) ⊙ (Ŷ − Y))Vᵀ ⊙ Z ⊙ (1 − Z))', expect: 'differs' },
  { file: '003_c11f14f91e4a37df.txt', line: '237', answer: 'without the square', program: 'S003_MSE', wrt: 'W', claim: 'Xᵀ((Ŷ − Y)Vᵀ ⊙ Z ⊙ (1 − Z))', expect: 'correct', extra: true },
  { file: '003_c11f14f91e4a37df.txt', line: '259', answer: '∂E/∂v_j = Σ[ŷ(1 − ŷ)log ŷ + y(1 − ŷ)]ŷ(1 − ŷ)z (BCE)', program: 'S003_HIDDEN_BCE', wrt: 'v', claim: 'Zᵀ((ŷ ⊙ (1 − ŷ) ⊙ log(ŷ) + y ⊙ (1 − ŷ)) ⊙ ŷ ⊙ (1 − ŷ))', expect: 'differs' },
  { file: '003_c11f14f91e4a37df.txt', line: '270', answer: '∂E/∂v_j = Σ(ŷ − y)z (softmax-CE)', program: 'S003_HIDDEN_CE', wrt: 'V', claim: 'Zᵀ(Ŷ − Y)', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '314', answer: '∂L/∂f₂ = y/f₂ − (1 − y)/(1 − f₂)', program: 'S003_GRAPH', wrt: 'ŷ', claim: 'y ⊘ ŷ − (1 − y) ⊘ (1 − ŷ)', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '316', answer: '… y/f₂ + (1 − y)/(1 − f₂) …', program: 'S003_GRAPH', wrt: 'ŷ', claim: 'y ⊘ ŷ + (1 − y) ⊘ (1 − ŷ)', expect: 'differs' },
  { file: '003_c11f14f91e4a37df.txt', line: '329', answer: '∂(½ΣΣ(y − f₂)²)/∂f₂ = Σ(y − f₂)', program: 'S003_L2', wrt: 'F', claim: 'Y − F', expect: 'sign' },
  { file: '003_c11f14f91e4a37df.txt', line: '353', answer: '∂L/∂V₁ = 2Σ(ŷ − y)z₁', program: 'S003_REGRESSION', wrt: 'v', claim: '2(ŷ − y)z', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '369', answer: '∂L/∂w₁₁ = (∂L/∂ŷ)·V₁·z₁(1 − z₁)·x₁ and siblings', program: 'S003_REGRESSION', wrt: 'W', claim: '(2(ŷ − y)v ⊙ z ⊙ (1 − z))xᵀ', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '384', answer: 'the biases w₀₁, w₀₂', program: 'S003_REGRESSION', wrt: 'b', claim: '2(ŷ − y)v ⊙ z ⊙ (1 − z)', expect: 'correct' },
  { file: '003_c11f14f91e4a37df.txt', line: '583', answer: '∂L₂/∂v = Σ(ŷ − y)Z₁ = 7.94325(.52248) + … (i.e. Σ(y − ŷ)z)', program: 'S003_REGRESSION', wrt: 'v', claim: '(y − ŷ)z', expect: 'scaled', factor: -0.5 },
  // seed 004: columns, Nielsen's notation
  { file: '004_b0ec7e155b562389.txt', line: '26', answer: "δᴸ = ∇ₐC ⊙ σ'(zᴸ) (1)", program: 'S004_QUADRATIC', wrt: 'z4', claim: '(a4 − y) ⊙ (σ(z4) ⊙ (1 − σ(z4)))', expect: 'correct' },
  { file: '004_b0ec7e155b562389.txt', line: '32', answer: "δᴸ = Σ'(zᴸ)∇ₐC (2)", program: 'S004_QUADRATIC', wrt: 'z4', claim: 'diag(a4 ⊙ (1 − a4))(a4 − y)', expect: 'correct' },
  { file: '004_b0ec7e155b562389.txt', line: '40', answer: "δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ'(zˡ) (3)", program: 'S004_QUADRATIC', wrt: 'z3', claim: 'δ4 = (a4 − y) ⊙ a4 ⊙ (1 − a4); (W4ᵀδ4) ⊙ (a3 ⊙ (1 − a3))', expect: 'correct' },
  { file: '004_b0ec7e155b562389.txt', line: '58', answer: "δˡ = Σ'(zˡ)(wˡ⁺¹)ᵀΣ'(zˡ⁺¹)(wˡ⁺²)ᵀδˡ⁺³ (8)", program: 'S004_QUADRATIC5', wrt: 'z2', claim: 'δ5 = (a5 − y) ⊙ a5 ⊙ (1 − a5); diag(a2 ⊙ (1 − a2))W3ᵀ diag(a3 ⊙ (1 − a3))W4ᵀ δ5', expect: 'shape' },
  { file: '004_b0ec7e155b562389.txt', line: '58', answer: '(8) with δˡ⁺² for δˡ⁺³', program: 'S004_QUADRATIC', wrt: 'z2', claim: 'δ4 = (a4 − y) ⊙ a4 ⊙ (1 − a4); diag(a2 ⊙ (1 − a2))W3ᵀ diag(a3 ⊙ (1 − a3))W4ᵀ δ4', expect: 'correct', extra: true },
  { file: '004_b0ec7e155b562389.txt', line: '60', answer: "δˡ = Σ'(zˡ)(wˡ⁺¹)ᵀ…(wᴸ)ᵀΣ'(zᴸ)∇ₐC (9)", program: 'S004_QUADRATIC', wrt: 'z2', claim: 'diag(a2 ⊙ (1 − a2))W3ᵀ diag(a3 ⊙ (1 − a3))W4ᵀ diag(a4 ⊙ (1 − a4))(a4 − y)', expect: 'correct' },
  { file: '004_b0ec7e155b562389.txt', line: '150', answer: '∂C/∂a = (1/n)Σ(−y/a + (1 − y)/(1 − a)) (33)', program: 'S004_CE_MEAN', wrt: 'a', claim: '(−y ⊘ a + (1 − y) ⊘ (1 − a))/n', expect: 'correct' },
  { file: '004_b0ec7e155b562389.txt', line: '166', answer: '∂²C/∂a² = y/a² + (1 − y)/(1 − a)² (39)', program: 'S004_CE_PRIME', wrt: 'a', claim: 'y/a² + (1 − y)/(1 − a)²', expect: 'correct' },
  { file: '004_b0ec7e155b562389.txt', line: '210', answer: 'δᴸ = aᴸ − y (53)', program: 'S004_SOFTMAX_NET', wrt: 'z4', claim: 'a4 − y', expect: 'correct' },
  { file: '004_b0ec7e155b562389.txt', line: '232', answer: '∂(y ln σ(ŵᵀx))/∂w = y x e^{ŵᵀx}/(1 + e^{ŵᵀx}) (59)', program: 'S004_TERM', wrt: 'w', claim: 'y x exp(wᵀx + w0)/(1 + exp(wᵀx + w0))', expect: 'differs' },
  { file: '004_b0ec7e155b562389.txt', line: '232', answer: '(59) with e^{−ŵᵀx}', program: 'S004_TERM', wrt: 'w', claim: 'y x exp(−(wᵀx + w0))/(1 + exp(−(wᵀx + w0)))', expect: 'correct', extra: true },
  { file: '004_b0ec7e155b562389.txt', line: '254', answer: '∂l/∂w = −(1/n)Σ[y x e^{h}/(1 + e^{h}) + (y − 1)x σ(h)] + 2λw (67)', program: 'S004_LOGREG', wrt: 'w', claim: '−(X(y ⊙ p)ᵀ + X((y − 1) ⊙ p)ᵀ)/n + 2λw', expect: 'differs' },
  { file: '004_b0ec7e155b562389.txt', line: '256', answer: '∂l/∂w = −(1/n)Σ[y x − x σ(ŵᵀx)] + 2λw (68)', program: 'S004_LOGREG', wrt: 'w', claim: '−X(y − p)ᵀ/n + 2λw', expect: 'correct' },
  { file: '004_b0ec7e155b562389.txt', line: '262', answer: '∂l/∂w₀ = −(1/n)Σ[y − σ(ŵᵀx)] (70)', program: 'S004_LOGREG', wrt: 'w0', claim: '−sum(y − p)/n', expect: 'correct' },
];
// END SEED CLAIMS

type ProgramName = keyof typeof PROGRAMS;

/** What dcalc check says about a claim: the verdict, or the diagnosis of an incorrect one. */
function outcome(program: string, wrt: string, claim: string): { said: string; factor?: number | string; error?: string } {
  try {
    const g = checkClaim(program, wrt, claim).grade;
    return { said: g.verdict === 'correct' ? 'correct' : g.diagnosis!, factor: g.factor };
  } catch (e) {
    if (e instanceof DcalcError) return { said: `${e.kind} error`, error: e.message };
    throw e;
  }
}

describe('dcalc check grades every seed answer quoted in docs/seeds.md', () => {
  for (const row of SEED_CLAIMS) {
    const title = `${row.file.slice(0, 3)} line ${row.line}: ${row.answer}${row.extra ? ' [corrected form]' : ''} → ${row.expect}`;
    it(title, () => {
      const program = PROGRAMS[row.program as ProgramName];
      const got = outcome(program, row.wrt, row.claim);
      expect(got.said, `${row.program} wrt ${row.wrt}, claim ${row.claim}${got.error ? `\nerror: ${got.error}` : ''}`).toBe(row.expect);
      if ('factor' in row) expect(got.factor).toBe(row.factor);
    });
  }
});

describe('the seed answers, overall', () => {
  const table = SEED_CLAIMS.filter((r) => !('extra' in r));
  it('every file is represented, right and wrong answers alike', () => {
    for (const f of ['000', '001', '002', '003', '004']) expect(table.some((r) => r.file.startsWith(f)), f).toBe(true);
    expect(table.filter((r) => r.expect === 'correct').length).toBeGreaterThanOrEqual(35);
    expect(table.filter((r) => r.expect !== 'correct').length).toBeGreaterThanOrEqual(20);
  });

  it('every seed line quoted in docs/seeds.md has a row here', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/seeds.md', import.meta.url), 'utf8');
    const quoted = [...doc.matchAll(/^> `(\d{3})_[0-9a-f]+\.txt` line (\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(quoted.length).toBeGreaterThan(50);
    const rows = new Set(SEED_CLAIMS.flatMap((r) => r.line.split(', ').map((l) => `${r.file.slice(0, 3)}:${l}`)));
    // 000 line 208 is a declaration (W₁ ∈ ℝ^{M×L}), not a derivative: tested below.
    const missing = quoted.filter((q) => !rows.has(q) && q !== '000:208');
    expect(missing).toEqual([]);
  });

  it("000 line 208: the seed's declaration W₁ ∈ ℝ^{M×L} is a shape error in the program, not in the claim", () => {
    const program = PROGRAMS.S000_SOFTMAX_MLP.replace('W1: M×N', 'W1: M×L');
    let err: unknown;
    try {
      checkClaim(program, 'W1', 'Xᵀ((s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1))');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DcalcError);
    expect((err as DcalcError).kind).toBe('shape');
    expect((err as DcalcError).message).not.toMatch(/in the claim/);
  });

  it('the answers that hold only for a one-hot y are correct under the simplex assumption', () => {
    for (const row of table.filter((r) => PROGRAMS[r.program as ProgramName].includes('simplex') && r.expect === 'correct')) {
      const c = checkClaim(PROGRAMS[row.program as ProgramName], row.wrt, row.claim);
      expect(c.grade.verdict, `${row.file} line ${row.line}`).toBe('correct');
    }
  });
});
