/**
 * Seed 000 (row-vector convention, X ∈ ℝ^{1×M}): logistic regression (1a), one hidden
 * sigmoid layer with a binary output (1b), softmax regression (L-a) and a hidden
 * sigmoid layer with a softmax output (L-b).
 *
 * Every gradient is written in the seed's own names and shapes, its printed text is
 * pinned, and `toHaveGradient` checks it against central finite differences at 3
 * random points (each dimension name gets its own size) and parses the text back.
 * The seed calls the number of classes L (line 121) and the loss L as well; dcalc
 * keeps the dimension and the variable apart, so the programs use L for both too.
 *
 * The last block grades the seed's own boxed answers numerically (written as dcalc
 * program text), so docs/seeds.md can say which are right.
 */
import { describe, it, expect } from 'vitest';
import { seedAnswer, gradient, agreement } from '../matchers.js';
import { DcalcError } from '../../src/errors.js';
import { jacobian } from '../../src/api/index.js';
import { LOGREG_000, MLP_000, SOFTMAX_MLP_000, SOFTMAX_REG_000 } from './programs.mjs';



const LOGREG = LOGREG_000;

describe('seed 000 (1a): logistic regression', () => {
  const program = LOGREG;
  it('∂L/∂W = Xᵀ(a − y)', () => expect(program).toHaveGradient('W', 'Xᵀ(a − y)'));
  it('∂L/∂b = a − y', () => expect(program).toHaveGradient('b', 'a − y'));
  it('∂L/∂h = a − y', () => expect(program).toHaveGradient('h', 'a − y'));
});

const MLP_BINARY = MLP_000;

describe('seed 000 (1b): one hidden sigmoid layer, binary output', () => {
  const program = MLP_BINARY;
  it('∂L/∂h2 = a2 − y', () => expect(program).toHaveGradient('h2', 'a2 − y'));
  it('∂L/∂a1 = (a2 − y)W2ᵀ', () => expect(program).toHaveGradient('a1', '(a2 − y)W2ᵀ'));
  it('∂L/∂h1 = (a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)', () => expect(program).toHaveGradient('h1', '(a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)'));
  it('∂L/∂W1 = Xᵀ((a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)) ∈ ℝ^{M×N}', () =>
    expect(program).toHaveGradient('W1', 'Xᵀ((a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1))'));
  it('∂L/∂b1 = (a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1) ∈ ℝ^{1×N}', () =>
    expect(program).toHaveGradient('b1', '(a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)'));
  it('∂L/∂W2 = a1ᵀ(a2 − y) ∈ ℝ^{N×1}', () => expect(program).toHaveGradient('W2', 'a1ᵀ(a2 − y)'));
  it('∂L/∂b2 = a2 − y', () => expect(program).toHaveGradient('b2', 'a2 − y'));
  it('the gradients have the shapes the seed annotates', () => {
    const shapeOf = (v: string) => {
      const s = gradient(program, v).d.expr.shape;
      return [String(s.rows), String(s.cols)];
    };
    expect(shapeOf('W1')).toEqual(['M', 'N']);
    expect(shapeOf('b1')).toEqual(['1', 'N']);
    expect(shapeOf('W2')).toEqual(['N', '1']);
    expect(shapeOf('b2')).toEqual(['1', '1']);
  });

  // The seed's LaTeX subscripts (W_1, a_1, …). A space separates a_1 and W_2.
  const subscripted = `X: 1×M; W_1: M×N; b_1: 1×N; W_2: N×1; b_2: scalar; y: scalar
h_1 = XW_1 + b_1
a_1 = σ(h_1)
h_2 = a_1 W_2 + b_2
a_2 = σ(h_2)
L = −y log a_2 − (1 − y) log(1 − a_2)`;
  it('in subscript notation: ∂L/∂W_1 = Xᵀ((a_2 − y)W_2ᵀ ⊙ a_1 ⊙ (1 − a_1))', () =>
    expect(subscripted).toHaveGradient('W_1', 'Xᵀ((a_2 − y)W_2ᵀ ⊙ a_1 ⊙ (1 − a_1))'));
  it('in subscript notation: ∂L/∂W_2 = a_1ᵀ(a_2 − y)', () => expect(subscripted).toHaveGradient('W_2', 'a_1ᵀ(a_2 − y)'));
});

const SOFTMAX_REG = SOFTMAX_REG_000;

describe('seed 000 (L-a): softmax regression, one-hot y', () => {
  const program = SOFTMAX_REG;
  it('∂L/∂s = −(y ⊘ s)', () => expect(program).toHaveGradient('s', '−(y ⊘ s)'));
  it('∂L/∂h = s − y', () => expect(program).toHaveGradient('h', 's − y'));
  it('∂L/∂W = Xᵀ(s − y) ∈ ℝ^{M×L}', () => expect(program).toHaveGradient('W', 'Xᵀ(s − y)'));
  it('∂L/∂b = s − y', () => expect(program).toHaveGradient('b', 's − y'));
  it("in the seed's dot-product form L = −y log(s)ᵀ: ∂L/∂W = Xᵀ(s − y)", () =>
    expect(SOFTMAX_REG.replace('L = −sum(y ⊙ log(s))', 'L = −y log(s)ᵀ')).toHaveGradient('W', 'Xᵀ(s − y)'));
  it('with CE(y, s): ∂L/∂W = Xᵀ(s − y)', () =>
    expect(SOFTMAX_REG.replace('L = −sum(y ⊙ log(s))', 'L = CE(y, s)')).toHaveGradient('W', 'Xᵀ(s − y)'));
  it('without the one-hot assumption: ∂L/∂W = Xᵀ(sum(y)s − y)', () =>
    expect(SOFTMAX_REG.replace('y: 1×L simplex', 'y: 1×L')).toHaveGradient('W', 'Xᵀ(sum(y)s − y)'));
});

const SOFTMAX_MLP = SOFTMAX_MLP_000;

describe('seed 000 (L-b): hidden sigmoid layer + softmax output', () => {
  const program = SOFTMAX_MLP;
  it('∂L/∂h2 = s − y', () => expect(program).toHaveGradient('h2', 's − y'));
  it('∂L/∂W2 = a1ᵀ(s − y) ∈ ℝ^{N×L}', () => expect(program).toHaveGradient('W2', 'a1ᵀ(s − y)'));
  it('∂L/∂b2 = s − y', () => expect(program).toHaveGradient('b2', 's − y'));
  it('∂L/∂h1 = (s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)', () => expect(program).toHaveGradient('h1', '(s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)'));
  it('∂L/∂W1 = Xᵀ((s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)) ∈ ℝ^{M×N}', () =>
    expect(program).toHaveGradient('W1', 'Xᵀ((s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1))'));
  it('∂L/∂b1 = (s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)', () => expect(program).toHaveGradient('b1', '(s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)'));
});

describe('seed 000 (L-a): the softmax Jacobian Q (lines 157, 175, 177)', () => {
  // Q has s_i(1 − s_j) on the diagonal and −s_i s_j elsewhere: diag(s) − sᵀs for a row s.
  it('∂s/∂h = diag(s) − sᵀs', () => expect('h: 1×L; s = softmax(h)').toHaveJacobian('h', 'diag(s) − sᵀs'));
  it("the seed's Q = diag(s) − sᵀs is the Jacobian", () => {
    const program = 'h: 1×L; s = softmax(h)';
    expect(agreement(jacobian(program, 'h'), program, 'diag(s) − sᵀs')).toBeLessThan(1e-9);
  });
});

describe("seed 000: the seed's boxed answers, graded numerically", () => {
  // (1a) lines 40 and 48
  it('(1a) ∂L/∂w = Xᵀ(a − y) (line 40) is right', () => expect(seedAnswer(LOGREG, 'W', 'Xᵀ(a − y)')).toBeLessThan(1e-9));
  it('(1a) ∂L/∂b = a − y (line 48) is right', () => expect(seedAnswer(LOGREG, 'b', 'a − y')).toBeLessThan(1e-9));
  // (1b) lines 97, 101, 105, 115
  it('(1b) ∂L/∂W1 = Xᵀ((a2 − y)(W2ᵀ ⊙ (a1 ⊙ (1 − a1)))) (line 97) is right', () =>
    expect(seedAnswer(MLP_BINARY, 'W1', 'Xᵀ((a2 − y)(W2ᵀ ⊙ (a1 ⊙ (1 − a1))))')).toBeLessThan(1e-9));
  it('(1b) ∂L/∂b1 = (a2 − y)(W2ᵀ ⊙ (a1 ⊙ (1 − a1))) (line 101) is right', () =>
    expect(seedAnswer(MLP_BINARY, 'b1', '(a2 − y)(W2ᵀ ⊙ (a1 ⊙ (1 − a1)))')).toBeLessThan(1e-9));
  it('(1b) ∂L/∂W2 = a1ᵀ(a2 − y) (line 105) is right', () => expect(seedAnswer(MLP_BINARY, 'W2', 'a1ᵀ(a2 − y)')).toBeLessThan(1e-9));
  it('(1b) ∂L/∂b2 = a2 − y (line 115) is right', () => expect(seedAnswer(MLP_BINARY, 'b2', 'a2 − y')).toBeLessThan(1e-9));
  // (L-a) lines 183, 187, 197: Q = diag(s) − sᵀs is the softmax Jacobian (symmetric)
  const Q = 'Q = diag(s) − sᵀs';
  it('(L-a) ∂L/∂h = (−y/s)Q (line 183) is right', () => expect(seedAnswer(SOFTMAX_REG, 'h', `${Q}; (−y ⊘ s)Q`)).toBeLessThan(1e-9));
  it('(L-a) ∂L/∂W = Xᵀ((−y/s)Q) (line 187) is right', () =>
    expect(seedAnswer(SOFTMAX_REG, 'W', `${Q}; Xᵀ((−y ⊘ s)Q)`)).toBeLessThan(1e-9));
  it('(L-a) ∂L/∂b = (−y/s)Q (line 197) is right', () => expect(seedAnswer(SOFTMAX_REG, 'b', `${Q}; (−y ⊘ s)Q`)).toBeLessThan(1e-9));
  it('(L-a) the Q form is right even without the one-hot assumption', () =>
    expect(seedAnswer(SOFTMAX_REG.replace('y: 1×L simplex', 'y: 1×L'), 'W', `${Q}; Xᵀ((−y ⊘ s)Q)`)).toBeLessThan(1e-9));
  // (L-b) lines 232–238
  it('(L-b) ∂L/∂W2 = a1ᵀ((−y/s)Q) (line 232) is right', () =>
    expect(seedAnswer(SOFTMAX_MLP, 'W2', `${Q}; a1ᵀ((−y ⊘ s)Q)`)).toBeLessThan(1e-9));
  it('(L-b) ∂L/∂b2 = (−y/s)Q (line 234) is right', () => expect(seedAnswer(SOFTMAX_MLP, 'b2', `${Q}; (−y ⊘ s)Q`)).toBeLessThan(1e-9));
  it('(L-b) ∂L/∂W1 = Xᵀ((−y/s)Q W2ᵀ ⊙ (a1 ⊙ (1 − a1))) (line 236) is right (its shape note ℝ^{M×1} is not: M×N)', () => {
    expect(seedAnswer(SOFTMAX_MLP, 'W1', `${Q}; Xᵀ((−y ⊘ s)Q W2ᵀ ⊙ (a1 ⊙ (1 − a1)))`)).toBeLessThan(1e-9);
    const s = gradient(SOFTMAX_MLP, 'W1').d.expr.shape;
    expect([String(s.rows), String(s.cols)]).toEqual(['M', 'N']);
  });
  it('(L-b) ∂L/∂b1 = (−y/s)Q W2ᵀ ⊙ (a1 ⊙ (1 − a1)) (line 238) is right', () =>
    expect(seedAnswer(SOFTMAX_MLP, 'b1', `${Q}; (−y ⊘ s)Q W2ᵀ ⊙ (a1 ⊙ (1 − a1))`)).toBeLessThan(1e-9));
  it("(L-b) the seed's juxtaposition QW2ᵀ is Q·W2ᵀ (juxtaposition binds below ᵀ, CONTRACT §1)", () =>
    expect(seedAnswer(SOFTMAX_MLP, 'h1', `${Q}; (−y ⊘ s)QW2ᵀ ⊙ (a1 ⊙ (1 − a1))`)).toBeLessThan(1e-9));
  it('(L-b) the seed declares W1 ∈ ℝ^{M×L} (line 208), which contradicts h1 ∈ ℝ^{1×N}: a shape error', () => {
    expect(() => gradient(SOFTMAX_MLP.replace('W1: M×N', 'W1: M×L'), 'W1')).toThrow(DcalcError);
  });
});
