/**
 * Seed 002 (column-vector convention: the n samples are the columns of X ∈ ℝ^{d×n}).
 *
 * 1a) two ReLU hidden layers and a softmax output (per column), mean cross-entropy over
 *     the n samples: h1 = ReLU(w1X + b1), h2 = ReLU(w2h1 + b2), p = softmax(w3h2 + b3).
 *     The biases are K×1 columns broadcast across the n columns, so their gradients sum
 *     over the batch: sum_rows(…).
 * 2a) autoencoder h = ReLU(W1x + b1), x̂ = ReLU(W2h + b2), L = (1/n)Σ‖x_i − x̂_i‖², batched.
 *
 * The seed's 𝟙(h > 0) is dcalc's step of the pre-activation (step(w1X + b1)); dcalc
 * prints the backward recursion as a textbook does, (w2ᵀδ2) ⊙ step(z1).
 * The last block grades the seed's own answers numerically; several are wrong.
 */
import { describe, it, expect } from 'vitest';
import { seedAnswer } from '../matchers.js';
import { AUTOENCODER_002, CLASSIFIER_002 } from './programs.mjs';


const CLASSIFIER = CLASSIFIER_002;

describe('seed 002 (1a): two ReLU layers + softmax, mean cross-entropy over n columns', () => {
  const program = CLASSIFIER;
  it('∂L/∂f = (p − Y)/n', () => expect(program).toHaveGradient('f', '(p − Y)/n'));
  it('∂L/∂w3 = (p − Y)h2ᵀ/n ∈ ℝ^{K×H2}', () => expect(program).toHaveGradient('w3', '(p − Y)h2ᵀ/n'));
  it('∂L/∂b3 = sum_rows(p − Y)/n ∈ ℝ^{K×1}', () => expect(program).toHaveGradient('b3', 'sum_rows(p − Y)/n'));
  it('∂L/∂h2 = w3ᵀ(p − Y)/n', () => expect(program).toHaveGradient('h2', 'w3ᵀ(p − Y)/n'));
  it('∂L/∂w2 = (w3ᵀ(p − Y) ⊙ step(w2h1 + b2))h1ᵀ/n', () =>
    expect(program).toHaveGradient('w2', '(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2))h1ᵀ/n'));
  it('∂L/∂b2 = sum_rows(w3ᵀ(p − Y) ⊙ step(w2h1 + b2))/n', () =>
    expect(program).toHaveGradient('b2', 'sum_rows(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2))/n'));
  it('∂L/∂h1 = w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2h1 + b2))/n', () =>
    expect(program).toHaveGradient('h1', 'w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2))/n'));
  it('∂L/∂w1 = (w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2h1 + b2)) ⊙ step(w1X + b1))Xᵀ/n', () =>
    expect(program).toHaveGradient('w1', '(w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2)) ⊙ step(w1 X + b1))Xᵀ/n'));
  it('∂L/∂b1 = sum_rows(w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2h1 + b2)) ⊙ step(w1X + b1))/n', () =>
    expect(program).toHaveGradient('b1', 'sum_rows(w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2)) ⊙ step(w1 X + b1))/n'));

  // The seed's own form of the loss, (1/n)Σ_i −log p(y_i | x_i): a mean of per-column losses.
  const meanForm = CLASSIFIER.replace('L = −sum(Y ⊙ log(p))/n', 'L = mean(−sum_cols(Y ⊙ log(p)))');
  it('as a mean of per-sample losses: ∂L/∂w3 = (p − Y)h2ᵀ/n', () => expect(meanForm).toHaveGradient('w3', '(p − Y)h2ᵀ/n'));
  it('as a mean of per-sample losses: ∂L/∂b3 = sum_rows(p − Y)/n', () => expect(meanForm).toHaveGradient('b3', 'sum_rows(p − Y)/n'));
  it("with the seed's capitalised Softmax: ∂L/∂w3 = (p − Y)h2ᵀ/n", () =>
    expect(CLASSIFIER.replace('softmax(f)', 'Softmax(f)')).toHaveGradient('w3', '(p − Y)h2ᵀ/n'));

  // With the pre-activations named, the indicators read step(z1), step(z2).
  const named = `X: d×n; w1: H1×d; b1: H1×1; w2: H2×H1; b2: H2×1; w3: K×H2; b3: K×1; Y: K×n simplex
z1 = w1X + b1
h1 = ReLU(z1)
z2 = w2h1 + b2
h2 = ReLU(z2)
f = w3h2 + b3
p = softmax(f)
L = CE(Y, p)/n`;
  it('named pre-activations: ∂L/∂w1 = (w2ᵀ(w3ᵀ(p − Y) ⊙ step(z2)) ⊙ step(z1))Xᵀ/n', () =>
    expect(named).toHaveGradient('w1', '(w2ᵀ(w3ᵀ(p − Y) ⊙ step(z2)) ⊙ step(z1))Xᵀ/n'));
  it('named pre-activations: ∂L/∂b1 = sum_rows(w2ᵀ(w3ᵀ(p − Y) ⊙ step(z2)) ⊙ step(z1))/n', () =>
    expect(named).toHaveGradient('b1', 'sum_rows(w2ᵀ(w3ᵀ(p − Y) ⊙ step(z2)) ⊙ step(z1))/n'));
  it('named pre-activations: ∂L/∂w2 = (w3ᵀ(p − Y) ⊙ step(z2))h1ᵀ/n', () =>
    expect(named).toHaveGradient('w2', '(w3ᵀ(p − Y) ⊙ step(z2))h1ᵀ/n'));
  it('named pre-activations: ∂L/∂b2 = sum_rows(w3ᵀ(p − Y) ⊙ step(z2))/n', () =>
    expect(named).toHaveGradient('b2', 'sum_rows(w3ᵀ(p − Y) ⊙ step(z2))/n'));
  it('named pre-activations: ∂L/∂z2 = w3ᵀ(p − Y) ⊙ step(z2)/n', () =>
    expect(named).toHaveGradient('z2', 'w3ᵀ(p − Y) ⊙ step(z2)/n'));
});

const AUTOENCODER = AUTOENCODER_002;

describe('seed 002 (2a): autoencoder, L = (1/n)‖X − x̂‖_F² over n columns', () => {
  const program = AUTOENCODER;
  it('∂L/∂x̂ = 2(x̂ − X)/n', () => expect(program).toHaveGradient('x̂', '2(x̂ − X)/n'));
  it('with (1/n) in front: ∂L/∂x̂ = 2(x̂ − X)/n', () =>
    expect(program.replace('L = ‖X − x̂‖_F²/n', 'L = (1/n)‖X − x̂‖_F²')).toHaveGradient('x̂', '2(x̂ − X)/n'));
  // The expectations below are the textbook forms, δ = ∂L/∂x̂ ⊙ 𝟙(x̂ > 0) with
  // ∂L/∂x̂ = 2(x̂ − X)/n as above. (At the time of writing the engine glues the constant
  // onto the indicator, "2step(W2 h + b2) ⊙ (x̂ − X)", and these fail.)
  it('∂L/∂W2 = (2(x̂ − X) ⊙ step(W2h + b2))hᵀ/n', () =>
    expect(program).toHaveGradient('W2', '2((x̂ − X) ⊙ step(W2 h + b2))hᵀ/n'));
  it('∂L/∂b2 = sum_rows(2(x̂ − X) ⊙ step(W2h + b2))/n', () =>
    expect(program).toHaveGradient('b2', '2sum_rows((x̂ − X) ⊙ step(W2 h + b2))/n'));
  it('∂L/∂h = W2ᵀ(2(x̂ − X) ⊙ step(W2h + b2))/n', () =>
    expect(program).toHaveGradient('h', '2W2ᵀ((x̂ − X) ⊙ step(W2 h + b2))/n'));
  it('∂L/∂W1 = (W2ᵀ(2(x̂ − X) ⊙ step(W2h + b2)) ⊙ step(W1X + b1))Xᵀ/n', () =>
    expect(program).toHaveGradient('W1', '2(W2ᵀ((x̂ − X) ⊙ step(W2 h + b2)) ⊙ step(W1 X + b1))Xᵀ/n'));
  it('∂L/∂b1 = sum_rows(W2ᵀ(2(x̂ − X) ⊙ step(W2h + b2)) ⊙ step(W1X + b1))/n', () =>
    expect(program).toHaveGradient('b1', '2sum_rows(W2ᵀ((x̂ − X) ⊙ step(W2 h + b2)) ⊙ step(W1 X + b1))/n'));
});

describe("seed 002: the seed's answers, graded numerically", () => {
  const G = '(p − Y)/n'; // the true ∂L/∂f, K×n
  // line 10: ∂L/∂f(y_i) = p(Y = y_i | X_i) − (1/n)𝟙(Y = y_i): the 1/n is missing on p
  it('∂L/∂f = p − 𝟙/n (line 10) is wrong: the 1/n belongs to both terms', () =>
    expect(seedAnswer(CLASSIFIER, 'f', 'p − Y/n')).toBeGreaterThan(1e-3));
  it('∂L/∂w3 = ∂L/∂f · h2ᵀ (line 16) is right', () => expect(seedAnswer(CLASSIFIER, 'w3', `(${G})h2ᵀ`)).toBeLessThan(1e-9));
  it('∂L/∂b3 = ∂L/∂f ∈ ℝ^K (line 18) is wrong: a K×n matrix, the sum over the batch is missing', () =>
    expect(seedAnswer(CLASSIFIER, 'b3', G)).toBe(Infinity));
  it('∂L/∂b3 with the sum over the batch, sum_rows(∂L/∂f), is right', () =>
    expect(seedAnswer(CLASSIFIER, 'b3', `sum_rows(${G})`)).toBeLessThan(1e-9));
  it('∂L/∂w2 = 𝟙(h2 > 0) · w3ᵀ · ∂L/∂f · h1ᵀ (line 20) is right read as (𝟙(h2 > 0) ⊙ w3ᵀ∂L/∂f)h1ᵀ', () =>
    expect(seedAnswer(CLASSIFIER, 'w2', `(step(w2 h1 + b2) ⊙ w3ᵀ(${G}))h1ᵀ`)).toBeLessThan(1e-9));
  it('∂L/∂b2 = 𝟙(h2 > 0) · w3ᵀ · ∂L/∂f (line 22) is wrong: the sum over the batch is missing', () =>
    expect(seedAnswer(CLASSIFIER, 'b2', `step(w2 h1 + b2) ⊙ w3ᵀ(${G})`)).toBe(Infinity));
  it('∂L/∂w1 = 𝟙(h1 > 0)𝟙(h2 > 0)w3ᵀw3ᵀ ∂L/∂f Xᵀ (line 26) is wrong: w3ᵀw3ᵀ is K×H2 times… a shape error', () =>
    expect(seedAnswer(CLASSIFIER, 'w1', `(step(w1 X + b1) ⊙ step(w2 h1 + b2) ⊙ w3ᵀw3ᵀ(${G}))Xᵀ`)).toBe(Infinity));
  it('∂L/∂w1 with w2ᵀ for the duplicated w3ᵀ and the indicators in place is right', () =>
    expect(seedAnswer(CLASSIFIER, 'w1', `(step(w1 X + b1) ⊙ w2ᵀ(step(w2 h1 + b2) ⊙ w3ᵀ(${G})))Xᵀ`)).toBeLessThan(1e-9));
  it('∂L/∂b1 = 𝟙(h1 > 0)𝟙(h2 > 0)w3ᵀ·w3ᵀ·∂L/∂f (line 28) is wrong (shape error; no batch sum)', () =>
    expect(seedAnswer(CLASSIFIER, 'b1', `step(w1 X + b1) ⊙ step(w2 h1 + b2) ⊙ w3ᵀw3ᵀ(${G})`)).toBe(Infinity));
  it('∂L/∂b1 corrected: sum_rows(𝟙(h1 > 0) ⊙ w2ᵀ(𝟙(h2 > 0) ⊙ w3ᵀ∂L/∂f)) is right', () =>
    expect(seedAnswer(CLASSIFIER, 'b1', `sum_rows(step(w1 X + b1) ⊙ w2ᵀ(step(w2 h1 + b2) ⊙ w3ᵀ(${G})))`)).toBeLessThan(1e-9));

  const D = '2(x̂ − X)/n'; // the true ∂L/∂x̂, d×n
  it('∂L/∂x̂ = (1/n)Σ_i 2(x̂_i − x_i) (line 34) is wrong: summing over the batch loses the per-sample columns', () =>
    expect(seedAnswer(AUTOENCODER, 'x̂', '2sum_rows(x̂ − X)/n')).toBe(Infinity));
  it('∂L/∂W2 = 𝟙(x̂ > 0) · ∂L/∂x̂ · hᵀ (line 38) is wrong with the summed ∂L/∂x̂ of line 35', () =>
    expect(seedAnswer(AUTOENCODER, 'W2', '(step(W2 h + b2) ⊙ 2sum_rows(x̂ − X)/n)hᵀ')).toBeGreaterThan(1e-3));
  it('∂L/∂W2 = 𝟙(x̂ > 0) · ∂L/∂x̂ · hᵀ is right with the per-sample ∂L/∂x̂', () =>
    expect(seedAnswer(AUTOENCODER, 'W2', `(step(W2 h + b2) ⊙ ${D})hᵀ`)).toBeLessThan(1e-9));
  it('∂L/∂b2 = 𝟙(x̂ > 0) · ∂L/∂x̂ (line 38) is wrong: the sum over the batch is missing', () =>
    expect(seedAnswer(AUTOENCODER, 'b2', `step(W2 h + b2) ⊙ ${D}`)).toBe(Infinity));
  it('∂L/∂W1 = 𝟙(h > 0)𝟙(x̂ > 0)W2ᵀ ∂L/∂x̂ Xᵀ (line 40) is wrong: 𝟙(x̂ > 0) must act before W2ᵀ (H×n ⊙ d×n)', () =>
    expect(seedAnswer(AUTOENCODER, 'W1', `(step(W1 X + b1) ⊙ step(W2 h + b2) ⊙ W2ᵀ(${D}))Xᵀ`)).toBe(Infinity));
  it('∂L/∂W1 corrected: (𝟙(h > 0) ⊙ W2ᵀ(𝟙(x̂ > 0) ⊙ ∂L/∂x̂))Xᵀ is right', () =>
    expect(seedAnswer(AUTOENCODER, 'W1', `(step(W1 X + b1) ⊙ W2ᵀ(step(W2 h + b2) ⊙ ${D}))Xᵀ`)).toBeLessThan(1e-9));
  it('∂L/∂b1 = 𝟙(h > 0)𝟙(x̂ > 0)W2ᵀ ∂L/∂x̂ (line 42) is wrong (order of the indicators; no batch sum)', () =>
    expect(seedAnswer(AUTOENCODER, 'b1', `step(W1 X + b1) ⊙ step(W2 h + b2) ⊙ W2ᵀ(${D})`)).toBe(Infinity));
  it('∂L/∂b1 corrected: sum_rows(𝟙(h > 0) ⊙ W2ᵀ(𝟙(x̂ > 0) ⊙ ∂L/∂x̂)) is right', () =>
    expect(seedAnswer(AUTOENCODER, 'b1', `sum_rows(step(W1 X + b1) ⊙ W2ᵀ(step(W2 h + b2) ⊙ ${D}))`)).toBeLessThan(1e-9));
});
