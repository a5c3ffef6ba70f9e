/**
 * Seed 004 (column-vector convention, Nielsen's backpropagation notation: z^l = W^l a^{l−1} + b^l,
 * a^l = σ(z^l), δ^l = ∂C/∂z^l):
 *   Problem 2  δ^L = ∇_a C ⊙ σ′(z^L) = Σ′(z^L)∇_a C (quadratic cost), the recursion
 *              δ^l = ((W^{l+1})ᵀδ^{l+1}) ⊙ σ′(z^l), ∂C/∂b^l = δ^l, ∂C/∂W^l = δ^l (a^{l−1})ᵀ,
 *              and the linear-activation special case;
 *   Problem 3  cross-entropy in a (first and second derivative), softmax + CE: δ^L = a^L − y;
 *   Problem 4  L2-regularised logistic regression over n columns, gradients in w and the bias w0.
 * The last block grades the seed's own answers numerically.
 */
import { describe, it, expect } from 'vitest';
import { seedAnswer } from '../matchers.js';
import { LOGREG_004, QUADRATIC_004 } from './programs.mjs';



// Three sigmoid layers (l = 2, 3, 4 as in Nielsen, a1 = x) with the quadratic cost.
const QUADRATIC = QUADRATIC_004;

describe('seed 004 (Problem 2): the four equations of backpropagation, quadratic cost', () => {
  const program = QUADRATIC;
  it('∇_a C = a4 − y', () => expect(program).toHaveGradient('a4', 'a4 − y'));
  it('δ4 = ∂C/∂z4 = (a4 − y) ⊙ a4 ⊙ (1 − a4)  (BP1: ∇_a C ⊙ σ′(z^L))', () =>
    expect(program).toHaveGradient('z4', '(a4 − y) ⊙ a4 ⊙ (1 − a4)'));
  it('δ3 = ∂C/∂z3 = W4ᵀδ4 ⊙ σ′(z3)  (BP2)', () =>
    expect(program).toHaveGradient('z3', 'W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)'));
  it('δ2 = ∂C/∂z2 = W3ᵀδ3 ⊙ σ′(z2)  (BP2 again)', () =>
    expect(program).toHaveGradient('z2', 'W3ᵀ(W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)) ⊙ a2 ⊙ (1 − a2)'));
  it('∂C/∂b4 = δ4  (BP3)', () => expect(program).toHaveGradient('b4', '(a4 − y) ⊙ a4 ⊙ (1 − a4)'));
  it('∂C/∂b3 = δ3  (BP3)', () => expect(program).toHaveGradient('b3', 'W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)'));
  it('∂C/∂b2 = δ2  (BP3)', () =>
    expect(program).toHaveGradient('b2', 'W3ᵀ(W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)) ⊙ a2 ⊙ (1 − a2)'));
  it('∂C/∂W4 = δ4 a3ᵀ  (BP4)', () => expect(program).toHaveGradient('W4', '((a4 − y) ⊙ a4 ⊙ (1 − a4))a3ᵀ'));
  it('∂C/∂W3 = δ3 a2ᵀ  (BP4)', () =>
    expect(program).toHaveGradient('W3', '(W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3))a2ᵀ'));
  it('∂C/∂W2 = δ2 xᵀ  (BP4, a1 = x)', () =>
    expect(program).toHaveGradient('W2', '(W3ᵀ(W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)) ⊙ a2 ⊙ (1 − a2))xᵀ'));
  it('one layer: δ = (a − y) ⊙ σ′(z)', () =>
    expect('z: n×1; y: n×1; a = σ(z); C = ‖a − y‖²/2').toHaveGradient('z', '(a − y) ⊙ a ⊙ (1 − a)'));

  const linear = `x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; y: n3×1
z2 = W2x + b2
z3 = W3z2 + b3
C = ‖z3 − y‖²/2`;
  it('linear activations (2.4): δ3 = ∂C/∂z3 = z3 − y = ∇_a C', () => expect(linear).toHaveGradient('z3', 'z3 − y'));
  it('linear activations (2.4): δ2 = W3ᵀδ3', () => expect(linear).toHaveGradient('z2', 'W3ᵀ(z3 − y)'));
  it('linear activations (2.4): ∂C/∂b3 = δ3', () => expect(linear).toHaveGradient('b3', 'z3 − y'));
  it('linear activations (2.4): ∂C/∂W2 = δ2 xᵀ', () => expect(linear).toHaveGradient('W2', 'W3ᵀ(z3 − y)xᵀ'));
});

// Two sigmoid layers and a softmax output with cross-entropy (Problem 3.6).
const SOFTMAX_NET = `x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1 simplex
z2 = W2x + b2
a2 = σ(z2)
z3 = W3a2 + b3
a3 = σ(z3)
z4 = W4a3 + b4
a4 = softmax(z4)
C = CE(y, a4)`;

describe('seed 004 (Problem 2, eq. 2): Σ′(z) as a Jacobian', () => {
  it('∂σ(z)/∂z = Σ′(z) = diag(a ⊙ (1 − a))', () => expect('z: n×1; a = σ(z)').toHaveJacobian('z', 'diag(a ⊙ (1 − a))'));
});

describe('seed 004 (Problem 3, eq. 39): the second derivative of the cross-entropy', () => {
  it('∂²C/∂a² = (1 − y)/(1 − a)² + y/a²', () =>
    expect('a: scalar; y: scalar; C = −(y ln(a) + (1 − y) ln(1 − a))').toHaveHessian('a', '(1 − y)/(1 − a)² + y/a²'));
});

describe('seed 004 (Problem 3): cross-entropy', () => {
  it('∂C/∂a = (1 − y)/(1 − a) − y/a for C = −(y ln a + (1 − y) ln(1 − a))', () =>
    expect('a: scalar; y: scalar; C = −(y ln(a) + (1 − y) ln(1 − a))').toHaveGradient('a', '(1 − y)/(1 − a) − y/a'));
  it('the second derivative (eq. 39): ∂/∂a(−y/a + (1 − y)/(1 − a)) = (1 − y)/(1 − a)² + y/a²', () =>
    expect('a: scalar; y: scalar; g = −y/a + (1 − y)/(1 − a)').toHaveGradient('a', '(1 − y)/(1 − a)² + y/a²'));
  // eq. 32–33 over a batch of n outputs. (At the time of writing the engine prints
  // "(1 − y) ⊘ n(1 − a) − y ⊘ na", folding 1/n into both denominators.)
  it('the mean over n (eq. 33): ∂C/∂a = ((1 − y) ⊘ (1 − a) − y ⊘ a)/n', () =>
    expect('a: 1×n; y: 1×n; C = −mean(y ⊙ ln(a) + (1 − y) ⊙ ln(1 − a))').toHaveGradient('a', '((1 − y) ⊘ (1 − a) − y ⊘ a)/n'));
  it('softmax + CE (3.6): δ^L = ∂C/∂z = a − y', () =>
    expect('z: n×1; y: n×1 simplex; a = softmax(z); C = −sum(y ⊙ ln(a))').toHaveGradient('z', 'a − y'));
  it('softmax + CE in a network: δ4 = a4 − y', () => expect(SOFTMAX_NET).toHaveGradient('z4', 'a4 − y'));
  it('softmax + CE in a network: δ3 = W4ᵀ(a4 − y) ⊙ a3 ⊙ (1 − a3)', () =>
    expect(SOFTMAX_NET).toHaveGradient('z3', 'W4ᵀ(a4 − y) ⊙ a3 ⊙ (1 − a3)'));
  it('softmax + CE in a network: δ2 = W3ᵀδ3 ⊙ a2 ⊙ (1 − a2)', () =>
    expect(SOFTMAX_NET).toHaveGradient('z2', 'W3ᵀ(W4ᵀ(a4 − y) ⊙ a3 ⊙ (1 − a3)) ⊙ a2 ⊙ (1 − a2)'));
  it('softmax + CE in a network: ∂C/∂W4 = (a4 − y)a3ᵀ', () => expect(SOFTMAX_NET).toHaveGradient('W4', '(a4 − y)a3ᵀ'));
  it('softmax + CE in a network: ∂C/∂W3 = δ3 a2ᵀ', () =>
    expect(SOFTMAX_NET).toHaveGradient('W3', '(W4ᵀ(a4 − y) ⊙ a3 ⊙ (1 − a3))a2ᵀ'));
  it('softmax + CE in a network: ∂C/∂b3 = δ3', () => expect(SOFTMAX_NET).toHaveGradient('b3', 'W4ᵀ(a4 − y) ⊙ a3 ⊙ (1 − a3)'));
});

const LOGREG = LOGREG_004;

describe('seed 004 (Problem 4): L2-regularised logistic regression, examples in the columns of X', () => {
  it('∂l/∂w = 2λw + X(p − y)ᵀ/n', () => expect(LOGREG).toHaveGradient('w', '2λw + X(p − y)ᵀ/n'));
  it('∂l/∂w0 = sum(p − y)/n (the bias is not regularised)', () => expect(LOGREG).toHaveGradient('w0', 'sum(p − y)/n'));
  it('written with mean: the same ∂l/∂w', () =>
    expect(LOGREG.replace('−(1/n)sum(', '−mean(')).toHaveGradient('w', '2λw + X(p − y)ᵀ/n'));
  it('written with /n after the sum: the same ∂l/∂w0', () =>
    expect(LOGREG.replace('−(1/n)sum(y ⊙ ln(p) + (1 − y) ⊙ ln(1 − p))', '−sum(y ⊙ ln(p) + (1 − y) ⊙ ln(1 − p))/n')).toHaveGradient(
      'w0',
      'sum(p − y)/n',
    ));
  it('in one line, as the seed writes it (eq. 54): ∂l/∂w = 2λw + X(σ(wᵀX + w0) − y)ᵀ/n', () =>
    expect(
      'X: d×n; y: 1×n; w: d×1; w0: scalar; λ: scalar\nl = −(1/n)sum(y ⊙ ln(σ(wᵀX + w0)) + (1 − y) ⊙ ln(1 − σ(wᵀX + w0))) + λ‖w‖²',
    ).toHaveGradient('w', '2λw + X(σ(wᵀX + w0) − y)ᵀ/n'));
  it('regularising the bias too, λŵᵀŵ (eq. 55): ∂l/∂w0 gains 2λw0', () =>
    expect(LOGREG.replace('λ‖w‖²', 'λ(‖w‖² + w0²)')).toHaveGradient('w0', '2λw0 + sum(p − y)/n'));
});

describe("seed 004: the seed's answers, graded numerically", () => {
  it('δ^L = ∇_a C ⊙ σ′(z^L) (eq. 1) is right', () =>
    expect(seedAnswer(QUADRATIC, 'z4', '(a4 − y) ⊙ (σ(z4) ⊙ (1 − σ(z4)))')).toBeLessThan(1e-9));
  it('δ^L = Σ′(z^L)∇_a C (eq. 2) is right', () =>
    expect(seedAnswer(QUADRATIC, 'z4', 'diag(a4 ⊙ (1 − a4))(a4 − y)')).toBeLessThan(1e-9));
  it('δ^l = ((W^{l+1})ᵀδ^{l+1}) ⊙ σ′(z^l) (eq. 3) is right', () =>
    expect(seedAnswer(QUADRATIC, 'z3', 'δ4 = (a4 − y) ⊙ a4 ⊙ (1 − a4); (W4ᵀδ4) ⊙ (a3 ⊙ (1 − a3))')).toBeLessThan(1e-9));
  it('δ^l = Σ′(z^l)(W^{l+1})ᵀ…(W^L)ᵀΣ′(z^L)∇_a C (eq. 9) is right', () =>
    expect(
      seedAnswer(QUADRATIC, 'z2', 'diag(a2 ⊙ (1 − a2))W3ᵀ diag(a3 ⊙ (1 − a3))W4ᵀ diag(a4 ⊙ (1 − a4))(a4 − y)'),
    ).toBeLessThan(1e-9));
  it('eq. 8 with δ^{l+2} for its δ^{l+3} (an index typo): Σ′(z2)W3ᵀΣ′(z3)W4ᵀδ4 is right', () =>
    expect(
      seedAnswer(QUADRATIC, 'z2', 'δ4 = (a4 − y) ⊙ a4 ⊙ (1 − a4); diag(a2 ⊙ (1 − a2))W3ᵀ diag(a3 ⊙ (1 − a3))W4ᵀ δ4'),
    ).toBeLessThan(1e-9));
  it('linear activations: δ^l = (W^{l+1})ᵀ…(W^L)ᵀ∇_a C (eq. 21) is right', () =>
    expect(
      seedAnswer(
        'x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1; z2 = W2x + b2; z3 = W3z2 + b3; z4 = W4z3 + b4; C = ‖z4 − y‖²/2',
        'z2',
        'W3ᵀ W4ᵀ(z4 − y)',
      ),
    ).toBeLessThan(1e-9));
  it('∂C/∂a = (1/n)Σ(−y/a + (1 − y)/(1 − a)) (eq. 33) is right', () =>
    expect(
      seedAnswer('a: 1×n; y: 1×n; C = −mean(y ⊙ ln(a) + (1 − y) ⊙ ln(1 − a))', 'a', '(−y ⊘ a + (1 − y) ⊘ (1 − a))/n'),
    ).toBeLessThan(1e-9));
  it('∂²C/∂a² = y/a² + (1 − y)/(1 − a)² (eq. 39) is right', () =>
    expect(seedAnswer('a: scalar; y: scalar; g = −y/a + (1 − y)/(1 − a)', 'a', 'y/a² + (1 − y)/(1 − a)²')).toBeLessThan(1e-9));
  it('softmax + CE: δ^L = a^L − y (eq. 53) is right', () => expect(seedAnswer(SOFTMAX_NET, 'z4', 'a4 − y')).toBeLessThan(1e-9));
  const TERM = 'x: d×1; w: d×1; w0: scalar; y: scalar; l = y ln(σ(wᵀx + w0))';
  it('eq. 59, ∂/∂w y ln σ(h) = y x e^{h}/(1 + e^{h}), is wrong: it is y x e^{−h}/(1 + e^{−h}) = y(1 − σ(h))x', () => {
    expect(seedAnswer(TERM, 'w', 'y x exp(wᵀx + w0)/(1 + exp(wᵀx + w0))')).toBeGreaterThan(1e-3);
    expect(seedAnswer(TERM, 'w', 'y x exp(−(wᵀx + w0))/(1 + exp(−(wᵀx + w0)))')).toBeLessThan(1e-9);
  });
  it('eq. 64, ∂/∂w (1 − y) ln(1 − σ(h)) = −(1 − y)x/(1 + e^{−h}), is right', () =>
    expect(
      seedAnswer('x: d×1; w: d×1; w0: scalar; y: scalar; l = (1 − y) ln(1 − σ(wᵀx + w0))', 'w', '−(1 − y)x/(1 + exp(−(wᵀx + w0)))'),
    ).toBeLessThan(1e-9));
  it('eq. 67, −(1/n)Σ[y x e^{h}/(1 + e^{h}) + (y − 1)x/(1 + e^{−h})] + 2λw, is wrong: e^{h}/(1 + e^{h}) should be e^{−h}/(1 + e^{−h}) (eq. 59)', () =>
    expect(seedAnswer(LOGREG, 'w', '−(X(y ⊙ p)ᵀ + X((y − 1) ⊙ p)ᵀ)/n + 2λw')).toBeGreaterThan(1e-3));
  it('eq. 67 with e^{−h}/(1 + e^{−h}) = 1 − σ(h) is right', () =>
    expect(seedAnswer(LOGREG, 'w', '−(X(y ⊙ (1 − p))ᵀ + X((y − 1) ⊙ p)ᵀ)/n + 2λw')).toBeLessThan(1e-9));
  it('∂l/∂w = −(1/n)Σ[y_i x_i − x_i σ(ŵᵀx_i)] + 2λw (eq. 68) is right', () =>
    expect(seedAnswer(LOGREG, 'w', '−X(y − p)ᵀ/n + 2λw')).toBeLessThan(1e-9));
  it('∂l/∂w0 = −(1/n)Σ[y_i − σ(ŵᵀx_i)] (eq. 70) is right for the loss of eq. 54', () =>
    expect(seedAnswer(LOGREG, 'w0', '−sum(y − p)/n')).toBeLessThan(1e-9));
  it('eq. 70 is not the bias gradient of the loss of eq. 55 (λŵᵀŵ regularises w0 too)', () =>
    expect(seedAnswer(LOGREG.replace('λ‖w‖²', 'λ(‖w‖² + w0²)'), 'w0', '−sum(y − p)/n')).toBeGreaterThan(1e-3));
});
