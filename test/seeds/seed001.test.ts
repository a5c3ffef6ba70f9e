/**
 * Seed 001 (row-vector convention: x ∈ ℝ^{1×Dx}, h ∈ ℝ^{1×H}, ŷ ∈ ℝ^{1×Dy}):
 * σ′(x) = σ(x)(1 − σ(x)) (2.1a), ∂CE(y, softmax(θ))/∂θ = ŷ − y (2.2b), and for
 * J = CE(y, softmax(σ(xW1 + b1)W2 + b2)) the gradients in x, W1, b1, W2, b2 (2.3c, 2.5g),
 * plus the same network on a batch of N rows with broadcast biases and a mean loss.
 *
 * Every printed gradient is pinned; `toHaveGradient` checks it by finite differences at
 * 3 points with distinct sizes per dimension name, and parses the text back.
 */
import { describe, it, expect } from 'vitest';
import { seedAnswer, gradient } from '../matchers.js';
import { BATCH_001, NET_001 } from './programs.mjs';



describe('seed 001 (2.1a): the derivative of the sigmoid', () => {
  it('scalar: ∂σ(x)/∂x = σ(x)(1 − σ(x))', () => expect('x: scalar; σ(x)').toHaveGradient('x', 'σ(x)(1 − σ(x))'));
  it('scalar, with the value named: f = σ(x) gives f(1 − f)', () => expect('x: scalar; f = σ(x)').toHaveGradient('x', 'f(1 − f)'));
  it('row vector: ∂ sum(σ(x))/∂x = σ(x) ⊙ (1 − σ(x))', () =>
    expect('x: 1×D; f = sum(σ(x))').toHaveGradient('x', 'σ(x) ⊙ (1 − σ(x))'));
  it('row vector, with a = σ(x) named: a ⊙ (1 − a)', () => expect('x: 1×D; a = σ(x); f = sum(a)').toHaveGradient('x', 'a ⊙ (1 − a)'));
  it("the seed's σ(x) − σ(x)² (eq. 6) is right", () =>
    expect(seedAnswer('x: 1×D; a = σ(x); f = sum(a)', 'x', 'σ(x) − σ(x) ⊙ σ(x)')).toBeLessThan(1e-9));
});

describe('seed 001 (2.1a): σ′ as a Jacobian', () => {
  it('column x: ∂σ(x)/∂x = diag(a ⊙ (1 − a))', () => expect('x: D×1; a = σ(x)').toHaveJacobian('x', 'diag(a ⊙ (1 − a))'));
  it('row x: ∂σ(x)/∂x = diag(a ⊙ (1 − a))', () => expect('x: 1×D; a = σ(x)').toHaveJacobian('x', 'diag(a ⊙ (1 − a))'));
});

describe('seed 001 (2.2b): cross-entropy of a softmax', () => {
  const program = `θ: 1×D; y: 1×D simplex
ŷ = softmax(θ)
J = CE(y, ŷ)`;
  it('∂CE(y, ŷ)/∂θ = ŷ − y', () => expect(program).toHaveGradient('θ', 'ŷ − y'));
  it('written out, −sum(y ⊙ log(ŷ)): ŷ − y', () =>
    expect(program.replace('CE(y, ŷ)', '−sum(y ⊙ log(ŷ))')).toHaveGradient('θ', 'ŷ − y'));
  it('without the one-hot assumption: sum(y)ŷ − y', () =>
    expect(program.replace('y: 1×D simplex', 'y: 1×D')).toHaveGradient('θ', 'sum(y)ŷ − y'));
  it("the seed's ŷ − y (eq. 14) is right", () => expect(seedAnswer(program, 'θ', 'ŷ − y')).toBeLessThan(1e-9));
  it("the seed's form −yᵀθ + log(1ᵀe^θ) (eq. 9–11, θ a column): ∂/∂θ = softmax(θ) − y (eq. 13)", () =>
    expect('θ: D×1; y: D×1 simplex; J = −yᵀθ + log(sum(exp(θ)))').toHaveGradient('θ', 'softmax(θ) − y'));
});

const NET = NET_001;

describe('seed 001 (2.3c, 2.5g): J = CE(y, softmax(σ(xW1 + b1)W2 + b2))', () => {
  const program = NET;
  it('∂J/∂W2 = hᵀ(ŷ − y) (eq. 34)', () => expect(program).toHaveGradient('W2', 'hᵀ(ŷ − y)'));
  it('∂J/∂b2 = ŷ − y (eq. 35)', () => expect(program).toHaveGradient('b2', 'ŷ − y'));
  it('∂J/∂h = (ŷ − y)W2ᵀ', () => expect(program).toHaveGradient('h', '(ŷ − y)W2ᵀ'));
  it('∂J/∂W1 = xᵀ((ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h)) (eq. 43)', () =>
    expect(program).toHaveGradient('W1', 'xᵀ((ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h))'));
  it('∂J/∂b1 = (ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h) (eq. 44)', () => expect(program).toHaveGradient('b1', '(ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h)'));
  it('∂J/∂x = ((ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h))W1ᵀ (eq. 19 corrected)', () =>
    expect(program).toHaveGradient('x', '((ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h))W1ᵀ'));
  it('the gradients have the parameter shapes of 2.4d: W1 Dx×H, b1 1×H, W2 H×Dy, b2 1×Dy', () => {
    const shapeOf = (v: string) => {
      const s = gradient(program, v).d.expr.shape;
      return `${s.rows}×${s.cols}`;
    };
    expect(['W1', 'b1', 'W2', 'b2'].map(shapeOf)).toEqual(['Dx×H', '1×H', 'H×Dy', '1×Dy']);
  });

  // The seed's one-line form (eq. 16): no names, so dcalc introduces a temporary.
  const oneLine = `x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex
J = CE(y, softmax(σ(xW1 + b1)W2 + b2))`;
  it('one-line form: ∂J/∂W2 = t0ᵀ(softmax(t0 W2 + b2) − y) with t0 = σ(xW1 + b1)', () =>
    expect(oneLine).toHaveGradient('W2', 't0 = σ(xW1 + b1); t0ᵀ(softmax(t0 W2 + b2) − y)'));
});

describe('seed 001, batched (rows are examples): X ∈ ℝ^{N×Dx}, biases broadcast over the N rows', () => {
  const program = BATCH_001;
  it('∂J/∂W2 = hᵀ(Ŷ − Y)/N', () => expect(program).toHaveGradient('W2', 'hᵀ(Ŷ − Y)/N'));
  it('∂J/∂b2 = sum_cols(Ŷ − Y)/N (the broadcast bias sums over the batch)', () =>
    expect(program).toHaveGradient('b2', 'sum_cols(Ŷ − Y)/N'));
  it('∂J/∂h = (Ŷ − Y)W2ᵀ/N', () => expect(program).toHaveGradient('h', '(Ŷ − Y)W2ᵀ/N'));
  it('∂J/∂W1 = Xᵀ((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))/N', () =>
    expect(program).toHaveGradient('W1', 'Xᵀ((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))/N'));
  it('∂J/∂b1 = sum_cols((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))/N', () =>
    expect(program).toHaveGradient('b1', 'sum_cols((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))/N'));
  it('∂J/∂X = ((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))W1ᵀ/N', () =>
    expect(program).toHaveGradient('X', '((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))W1ᵀ/N'));
  it('as a mean of per-row losses, mean(−sum_rows(Y ⊙ log(Ŷ))): the same ∂J/∂W1', () =>
    expect(program.replace('CE(Y, Ŷ)/N', 'mean(−sum_rows(Y ⊙ log(Ŷ)))')).toHaveGradient(
      'W1',
      'Xᵀ((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))/N',
    ));
});

describe("seed 001: the seed's answers, graded numerically", () => {
  it('∂J/∂W2 = hᵀ(ŷ − y) (eq. 34) is right', () => expect(seedAnswer(NET, 'W2', 'hᵀ(ŷ − y)')).toBeLessThan(1e-9));
  it('∂J/∂W2 = (W2(ŷ − y)ᵀ)ᵀ (eq. 33) is wrong: 1×H, not H×Dy', () =>
    expect(seedAnswer(NET, 'W2', '(W2(ŷ − y)ᵀ)ᵀ')).toBe(Infinity));
  it('its intended ((ŷ − y)ᵀh)ᵀ is right', () => expect(seedAnswer(NET, 'W2', '((ŷ − y)ᵀh)ᵀ')).toBeLessThan(1e-9));
  it('∂J/∂b2 = ŷ − y (eq. 35) is right', () => expect(seedAnswer(NET, 'b2', 'ŷ − y')).toBeLessThan(1e-9));
  it('∂J/∂W1 = xᵀ[(ŷ − y)W2ᵀ ⊙ σ′(·)] (eq. 43) is right', () =>
    expect(seedAnswer(NET, 'W1', 'xᵀ((ŷ − y)W2ᵀ ⊙ (σ(xW1 + b1) ⊙ (1 − σ(xW1 + b1))))')).toBeLessThan(1e-9));
  it('∂J/∂b1 = (ŷ − y)W2ᵀ ⊙ σ′(·) (eq. 44) is right', () =>
    expect(seedAnswer(NET, 'b1', '(ŷ − y)W2ᵀ ⊙ (σ(xW1 + b1) ⊙ (1 − σ(xW1 + b1)))')).toBeLessThan(1e-9));
  it('∂J/∂x = (ŷ − y)W2ᵀ σ(xW1 + b1){1 − σ(xW1 + b1)}ᵀ W1ᵀ (eq. 19) is wrong as written: a shape error', () =>
    expect(seedAnswer(NET, 'x', '(ŷ − y)W2ᵀ σ(xW1 + b1)(1 − σ(xW1 + b1))ᵀ W1ᵀ')).toBe(Infinity));
  it('eq. 19 read with the outer product σᵀ(1 − σ) as the Jacobian is wrong too (it must be diagonal)', () =>
    expect(seedAnswer(NET, 'x', '(ŷ − y)W2ᵀ (σ(xW1 + b1)ᵀ(1 − σ(xW1 + b1))) W1ᵀ')).toBeGreaterThan(1e-3));
  it('eq. 19 with the diagonal Jacobian diag(σ ⊙ (1 − σ)) is right', () =>
    expect(seedAnswer(NET, 'x', '(ŷ − y)W2ᵀ diag(h ⊙ (1 − h)) W1ᵀ')).toBeLessThan(1e-9));
});
