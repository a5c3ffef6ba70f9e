/**
 * check grades a claim against the derivative it claims to be (CONTRACT §3): the
 * gradient, or the Hessian where the claim has the Hessian's shape and not the
 * gradient's, or the Jacobian of a non-scalar program; `of` says it outright; in the
 * layout asked for (a claim in the other layout is `layout`, not `transposed`).
 * Textbook Hessians, graded at random points of sizes that differ (m ≠ n).
 */
import { describe, expect, it } from 'vitest';
import { checkClaim } from '../../src/api/index.js';

const LSQ = 'f = ‖Ax − b‖²';
const LSQ_LET = 'A: m×n, x: n×1, b: m×1';
const LOGREG = 'p = σ(Xw); L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))';
const LOGREG_LET = 'X: n×d, w: d×1, y: n×1';

const graded = (program: string, wrt: string, claim: string, opts: Parameters<typeof checkClaim>[3] = {}) => {
  const c = checkClaim(program, wrt, claim, opts);
  return { of: c.derivative.op, ...c.grade };
};

describe('textbook Hessians are graded as Hessians', () => {
  it('least squares: ∂²‖Ax − b‖²/∂x∂xᵀ = 2AᵀA', () => expect(graded(LSQ, 'x', '2AᵀA', { let: LSQ_LET })).toMatchObject({ of: 'hessian', verdict: 'correct' }));
  it('least squares, half of it: scaled by 1/2', () => expect(graded(LSQ, 'x', 'AᵀA', { let: LSQ_LET })).toMatchObject({ of: 'hessian', verdict: 'incorrect', diagnosis: 'scaled', factor: 0.5 }));
  it('least squares, the wrong sign', () => expect(graded(LSQ, 'x', '−2AᵀA', { let: LSQ_LET })).toMatchObject({ of: 'hessian', diagnosis: 'sign' }));
  it('least squares, AAᵀ (m×m, neither the gradient\'s nor the Hessian\'s shape): shape', () =>
    expect(graded(LSQ, 'x', '2AAᵀ', { let: LSQ_LET })).toMatchObject({ of: 'grad', verdict: 'incorrect', diagnosis: 'shape' }));
  it('logistic regression: Xᵀdiag(p ⊙ (1 − p))X', () =>
    expect(graded(LOGREG, 'w', 'Xᵀdiag(p ⊙ (1 − p))X', { let: LOGREG_LET })).toMatchObject({ of: 'hessian', verdict: 'correct' }));
  it('logistic regression without the variance p(1 − p): differs', () =>
    expect(graded(LOGREG, 'w', 'XᵀX', { let: LOGREG_LET })).toMatchObject({ of: 'hessian', verdict: 'incorrect', diagnosis: 'differs' }));
  it('xᵀAx → A + Aᵀ', () => expect(graded("x'*A*x", 'x', 'A + Aᵀ', { let: 'A: n×n, x: n×1' })).toMatchObject({ of: 'hessian', verdict: 'correct' }));
  it('xᵀAx → 2A (true only for a symmetric A): differs', () => expect(graded("x'*A*x", 'x', '2A', { let: 'A: n×n, x: n×1' })).toMatchObject({ of: 'hessian', diagnosis: 'differs' }));
  it('xᵀAx with A symmetric → 2A', () => expect(graded("x'*A*x", 'x', '2A', { let: 'A: n×n symmetric, x: n×1' })).toMatchObject({ of: 'hessian', verdict: 'correct' }));
  it('tr(XᵀAX) of an m×n X: I_n ⊗ (A + Aᵀ)', () =>
    expect(graded("tr(X'*A*X)", 'X', 'kron(eye(n), A + Aᵀ)', { let: 'A: m×m, X: m×n' })).toMatchObject({ of: 'hessian', verdict: 'correct' }));
  it('tr(XᵀAX), the Kronecker factors swapped: differs', () =>
    expect(graded("tr(X'*A*X)", 'X', 'kron(A + Aᵀ, eye(n))', { let: 'A: m×m, X: m×n' })).toMatchObject({ of: 'hessian', verdict: 'incorrect' }));
  it('ridge: 2(XᵀX + λI)', () =>
    expect(graded('L = ‖Xw − y‖² + λ‖w‖²', 'w', '2(XᵀX + λ eye(d))', { let: 'X: n×d, w: d×1, y: n×1, λ: scalar' })).toMatchObject({ of: 'hessian', verdict: 'correct' }));
});

describe('of: the derivative claimed, said outright', () => {
  it('of grad: the Hessian of least squares is the wrong shape for the gradient', () =>
    expect(graded(LSQ, 'x', '2AᵀA', { let: LSQ_LET, of: 'grad' })).toMatchObject({ of: 'grad', verdict: 'incorrect', diagnosis: 'shape' }));
  it('of hessian for a scalar variable (gradient and Hessian are both 1×1)', () =>
    expect(graded('t: scalar; f = t^3', 't', '6t', { of: 'hessian' })).toMatchObject({ of: 'hessian', verdict: 'correct' }));
  it('of jacobian for a scalar program: vec(∇f)ᵀ', () =>
    expect(graded("x'*A*x", 'x', 'xᵀ(A + Aᵀ)', { let: 'A: n×n, x: n×1', of: 'jacobian' })).toMatchObject({ of: 'jacobian', verdict: 'correct' }));
  it('without of, a row for a column gradient is the gradient transposed', () =>
    expect(graded("x'*A*x", 'x', 'xᵀ(A + Aᵀ)', { let: 'A: n×n, x: n×1' })).toMatchObject({ of: 'grad', diagnosis: 'transposed' }));
});

describe('layouts', () => {
  it('a Jacobian: A in numerator layout (the default), Aᵀ transposed', () => {
    expect(graded('A*x', 'x', 'A', { let: 'A: m×n, x: n×1' })).toMatchObject({ of: 'jacobian', verdict: 'correct' });
    expect(graded('A*x', 'x', 'Aᵀ', { let: 'A: m×n, x: n×1' })).toMatchObject({ diagnosis: 'transposed' });
  });
  it('a Jacobian in denominator layout: Aᵀ is correct, A is the other layout', () => {
    expect(graded('A*x', 'x', 'Aᵀ', { let: 'A: m×n, x: n×1', layout: 'denominator' })).toMatchObject({ verdict: 'correct' });
    expect(graded('A*x', 'x', 'A', { let: 'A: m×n, x: n×1', layout: 'denominator' })).toMatchObject({ verdict: 'incorrect', diagnosis: 'layout' });
  });
  it('a gradient in numerator layout (shaped like Wᵀ): (a − y)X of logistic regression', () => {
    const p = 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)';
    const let_ = 'X: 1×M, W: M×1, b: scalar, y: scalar';
    expect(graded(p, 'W', '(a − y)X', { let: let_, layout: 'numerator' })).toMatchObject({ of: 'grad', verdict: 'correct' });
    expect(graded(p, 'W', 'Xᵀ(a − y)', { let: let_, layout: 'numerator' })).toMatchObject({ verdict: 'incorrect', diagnosis: 'layout' });
    expect(graded(p, 'W', '2(a − y)X', { let: let_, layout: 'numerator' })).toMatchObject({ diagnosis: 'scaled', factor: 2 });
  });
  it('a matrix gradient in numerator layout: 2(XW − Y)ᵀX for ‖XW − Y‖²_F (W: m×k)', () =>
    expect(graded('L = sum((X*W - Y).^2)', 'W', '2(XW − Y)ᵀX', { let: 'X: n×m, W: m×k, Y: n×k', layout: 'numerator' })).toMatchObject({ verdict: 'correct' }));
  it('a Hessian is the same in both layouts (symmetric)', () =>
    expect(graded(LSQ, 'x', '2AᵀA', { let: LSQ_LET, layout: 'numerator' })).toMatchObject({ of: 'hessian', verdict: 'correct' }));
});

describe('symmetric: graded against sym(G)', () => {
  it('tr(AX) for a symmetric X: (A + Aᵀ)/2 is correct, Aᵀ (the unconstrained gradient) is not', () => {
    const opts = { let: 'A: n×n, X: n×n symmetric', symmetric: true };
    expect(graded('tr(A*X)', 'X', '(A + Aᵀ)/2', opts)).toMatchObject({ verdict: 'correct' });
    expect(graded('tr(A*X)', 'X', 'Aᵀ', opts)).toMatchObject({ verdict: 'incorrect' });
    // The Matrix Cookbook's G + Gᵀ − G ⊙ I is another object (docs/conventions.md).
    expect(graded('tr(A*X)', 'X', 'A + Aᵀ − A ⊙ eye(n)', opts)).toMatchObject({ verdict: 'incorrect' });
  });
});
