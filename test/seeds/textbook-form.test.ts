/**
 * Textbook form: for the seeds' losses, the printed gradient is no longer than 1.5× the
 * answer a textbook prints (characters counted without spaces). This catches
 * unsimplified output (a page of sigmoids instead of the user's names, a missed
 * cancellation, a missed softmax) without pinning the exact text, which the seed tests do.
 */
import { describe, it, expect } from 'vitest';
import { gradient } from '../matchers.js';
import { BATCH_001, BCE_003, CCE_003, HIDDEN_MSE_003, LOGREG_000, LOGREG_004, MLP_000, NET_001, SOFTMAX_MLP_000, SOFTMAX_REG_000 } from './programs.mjs';

const len = (s: string) => [...s.replace(/\s+/g, '')].length;

interface Case {
  seed: string;
  program: string;
  wrt: string;
  textbook: string;
}

const SOFTMAX_000 = SOFTMAX_REG_000;
const CLASSIFIER_002 = `X: d×n; w1: H1×d; b1: H1×1; w2: H2×H1; b2: H2×1; w3: K×H2; b3: K×1; Y: K×n simplex
z1 = w1X + b1
h1 = ReLU(z1)
z2 = w2h1 + b2
h2 = ReLU(z2)
f = w3h2 + b3
p = softmax(f)
L = −sum(Y ⊙ log(p))/n`;
const AUTOENCODER_002 = `X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1
z1 = W1X + b1
h = ReLU(z1)
z2 = W2h + b2
x̂ = ReLU(z2)
L = ‖X − x̂‖_F²/n`;
const QUADRATIC_004 = `x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; y: n3×1
z2 = W2x + b2
a2 = σ(z2)
z3 = W3a2 + b3
a3 = σ(z3)
C = ‖a3 − y‖²/2`;
const SOFTMAX_004 = `x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; y: n3×1 simplex
z2 = W2x + b2
a2 = σ(z2)
z3 = W3a2 + b3
a3 = softmax(z3)
C = CE(y, a3)`;

const CASES: Case[] = [
  { seed: '000 1a', program: LOGREG_000, wrt: 'W', textbook: 'Xᵀ(a − y)' },
  { seed: '000 1a', program: LOGREG_000, wrt: 'b', textbook: 'a − y' },
  { seed: '000 1b', program: MLP_000, wrt: 'W2', textbook: 'a1ᵀ(a2 − y)' },
  { seed: '000 1b', program: MLP_000, wrt: 'W1', textbook: 'Xᵀ((a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1))' },
  { seed: '000 1b', program: MLP_000, wrt: 'b1', textbook: '(a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)' },
  { seed: '000 L-a', program: SOFTMAX_000, wrt: 'W', textbook: 'Xᵀ(s − y)' },
  { seed: '000 L-a', program: SOFTMAX_000, wrt: 'b', textbook: 's − y' },
  { seed: '000 L-b', program: SOFTMAX_MLP_000, wrt: 'W2', textbook: 'a1ᵀ(s − y)' },
  { seed: '000 L-b', program: SOFTMAX_MLP_000, wrt: 'W1', textbook: 'Xᵀ((s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1))' },
  { seed: '001 2.1a', program: 'x: 1×D; f = sum(σ(x))', wrt: 'x', textbook: 'σ(x) ⊙ (1 − σ(x))' },
  { seed: '001 2.2b', program: 'θ: 1×D; y: 1×D simplex; ŷ = softmax(θ); J = CE(y, ŷ)', wrt: 'θ', textbook: 'ŷ − y' },
  { seed: '001 2.2b', program: 'θ: D×1; y: D×1 simplex; J = −yᵀθ + log(sum(exp(θ)))', wrt: 'θ', textbook: 'softmax(θ) − y' },
  { seed: '001 2.3c', program: NET_001, wrt: 'W2', textbook: 'hᵀ(ŷ − y)' },
  { seed: '001 2.3c', program: NET_001, wrt: 'b2', textbook: 'ŷ − y' },
  { seed: '001 2.3c', program: NET_001, wrt: 'W1', textbook: 'xᵀ((ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h))' },
  { seed: '001 2.3c', program: NET_001, wrt: 'x', textbook: '((ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h))W1ᵀ' },
  {
    seed: '001 2.3c one line',
    program: 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex\nJ = CE(y, softmax(σ(xW1 + b1)W2 + b2))',
    wrt: 'W2',
    textbook: 't0 = σ(xW1 + b1); t0ᵀ(softmax(t0W2 + b2) − y)',
  },
  { seed: '001 batched', program: BATCH_001, wrt: 'W2', textbook: 'hᵀ(Ŷ − Y)/N' },
  { seed: '001 batched', program: BATCH_001, wrt: 'b2', textbook: 'sum_cols(Ŷ − Y)/N' },
  { seed: '002 1a', program: CLASSIFIER_002, wrt: 'w3', textbook: '(p − Y)h2ᵀ/n' },
  { seed: '002 1a', program: CLASSIFIER_002, wrt: 'b3', textbook: 'sum_rows(p − Y)/n' },
  { seed: '002 1a', program: CLASSIFIER_002, wrt: 'w1', textbook: '(w2ᵀ(w3ᵀ(p − Y) ⊙ step(z2)) ⊙ step(z1))Xᵀ/n' },
  { seed: '002 2a', program: AUTOENCODER_002, wrt: 'W2', textbook: '(2(x̂ − X) ⊙ step(z2))hᵀ/n' },
  { seed: '002 2a', program: AUTOENCODER_002, wrt: 'W1', textbook: '(W2ᵀ(2(x̂ − X) ⊙ step(z2)) ⊙ step(z1))Xᵀ/n' },
  { seed: '003 8', program: 'z: scalar; l = log(σ(z))', wrt: 'z', textbook: '1 − σ(z)' },
  { seed: '003 14', program: BCE_003, wrt: 'θ', textbook: 'Xᵀ(p − y)' },
  { seed: '003 20', program: CCE_003, wrt: 'Θ', textbook: 'Xᵀ(P − Y)' },
  { seed: '003 NN 5', program: HIDDEN_MSE_003, wrt: 'V', textbook: 'Zᵀ(Ŷ − Y)' },
  { seed: '003 NN 5', program: HIDDEN_MSE_003, wrt: 'W', textbook: 'Xᵀ((Ŷ − Y)Vᵀ ⊙ Z ⊙ (1 − Z))' },
  { seed: '004 BP1', program: QUADRATIC_004, wrt: 'z3', textbook: '(a3 − y) ⊙ a3 ⊙ (1 − a3)' },
  { seed: '004 BP2', program: QUADRATIC_004, wrt: 'z2', textbook: 'W3ᵀ((a3 − y) ⊙ a3 ⊙ (1 − a3)) ⊙ a2 ⊙ (1 − a2)' },
  { seed: '004 BP4', program: QUADRATIC_004, wrt: 'W3', textbook: '((a3 − y) ⊙ a3 ⊙ (1 − a3))a2ᵀ' },
  { seed: '004 3.6', program: SOFTMAX_004, wrt: 'z3', textbook: 'a3 − y' },
  { seed: '004 3.6', program: SOFTMAX_004, wrt: 'W3', textbook: '(a3 − y)a2ᵀ' },
  { seed: '004 3.4', program: 'a: 1×n; y: 1×n; C = −mean(y ⊙ ln(a) + (1 − y) ⊙ ln(1 − a))', wrt: 'a', textbook: '((1 − y) ⊘ (1 − a) − y ⊘ a)/n' },
  { seed: '004 4', program: LOGREG_004, wrt: 'w', textbook: 'X(p − y)ᵀ/n + 2λw' },
  { seed: '004 4', program: LOGREG_004, wrt: 'w0', textbook: 'sum(p − y)/n' },
];

describe('the seeds’ gradients print no longer than 1.5× the textbook answer', () => {
  it.each(CASES)('$seed: ∂/∂$wrt ≈ $textbook', ({ program, wrt, textbook }) => {
    const { text } = gradient(program, wrt);
    const limit = 1.5 * len(textbook);
    expect(len(text), `printed ${text} (${len(text)} chars) vs textbook ${textbook} (${len(textbook)} chars)`).toBeLessThanOrEqual(limit);
  });

  it('covers at least 10 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(10));
});
