/**
 * Determinant, log-determinant and inverse of a square matrix (Matrix Cookbook):
 *   ∂ det X/∂X = det(X) X⁻ᵀ (eq. 49); ∂ log det X/∂X = X⁻ᵀ (eq. 57);
 *   d(X⁻¹) = −X⁻¹ dX X⁻¹ (eq. 59), so ∂/∂X = −X⁻ᵀ G X⁻ᵀ.
 */
import { type Expr, apply, isOp } from '../ast.js';
import type { Sizes } from '../shape/sizes.js';
import * as E from '../algebra.js';
import { SCALAR, showShape, type Shape } from '../shape/shape.js';
import { scalar, det as matDet, logdet as matLogdet, inv as matInv } from '../numeric/matrix.js';
import { type OpSpec, fnCall, sameName, both } from './spec.js';

function square(s: Shape, sizes: Sizes): void {
  sizes.same(s.rows, s.cols, () => `needs a square matrix, not ${showShape(s)}`);
}

/**
 * An upper bound on the rank of e that its sizes alone give: a product through an inner
 * size k has rank ≤ k (rank(AB) ≤ min(rank A, rank B)). Only concrete sizes count.
 */
function rankBound(e: Expr): number {
  const own = typeof e.shape.rows === 'number' && typeof e.shape.cols === 'number' ? Math.min(e.shape.rows, e.shape.cols) : Infinity;
  if (isOp(e, 'matmul')) return Math.min(own, rankBound(e.args[0]!), rankBound(e.args[1]!));
  if (isOp(e, 'transpose') || isOp(e, 'neg')) return Math.min(own, rankBound(e.args[0]!));
  return own;
}

/**
 * Whether a square X is singular by its sizes alone (P: 3×2, Q: 2×3, X = PQ): then det X
 * ≡ 0 and its derivative is 0, while det(X)X⁻ᵀ cannot even be evaluated.
 */
function singularBySizes(x: Expr): boolean {
  return typeof x.shape.rows === 'number' && rankBound(x) < x.shape.rows;
}

const det: OpSpec = {
  symbol: 'det',
  python: both('$.linalg.det({0}).reshape(1, 1)'),
  identity: 'd det X = det(X) tr(X⁻¹ dX) (Matrix Cookbook eq. 45)',
  arity: 1,
  fn: { names: ['det'], arity: 1, latexCommands: ['det'], doc: 'the determinant of a square matrix' },
  shape([a], _attr, sizes) {
    square(a!, sizes);
    return SCALAR;
  },
  // ∂ det X/∂X = det(X) X⁻ᵀ (eq. 49); 0 where X is singular by its sizes (det X ≡ 0).
  vjp: (node, g) => [singularBySizes(node.args[0]!) ? E.zeros(node.args[0]!.shape) : E.mul(E.mul(g, node), E.transpose(apply('inv', [node.args[0]!])))],
  // d det X = det(X) tr(X⁻¹ dX) (Matrix Cookbook §2.1, eq. 45)
  jvp: (node, [da]) => (!da ? null : singularBySizes(node.args[0]!) ? E.zeros(SCALAR) : E.mul(node, apply('tr', [E.matmul(apply('inv', [node.args[0]!]), da)]))),
  evaluate: ([a]) => scalar(matDet(a!)),
  print: (_n, p) => fnCall({ text: 'det', ascii: 'det', latex: '\\det' }, p, 1),
};

const logdet: OpSpec = {
  symbol: 'logdet',
  // log|det| from the LU factor (slogdet); NaN where det ≤ 0, which logdet assumes away
  python: both('_logdet({0})'),
  identity: 'd log det X = tr(X⁻¹ dX) (Matrix Cookbook eq. 46)',
  arity: 1,
  fn: { names: ['logdet'], arity: 1, doc: 'log det of a square matrix (det > 0 assumed)' },
  shape([a], _attr, sizes) {
    square(a!, sizes);
    return SCALAR;
  },
  vjp: (node, g) => [E.mul(g, E.transpose(apply('inv', [node.args[0]!])))],
  // d log det X = tr(X⁻¹ dX) (Matrix Cookbook §2.1, eq. 46)
  jvp: (node, [da]) => (da ? apply('tr', [E.matmul(apply('inv', [node.args[0]!]), da)]) : null),
  // From the LU's pivots as a sum of logs: finite where det itself over- or underflows.
  evaluate: ([a]) => scalar(matLogdet(a!)),
  print: (_n, p) => fnCall({ text: 'logdet', ascii: 'logdet', latex: '\\log\\det' }, p, 1),
};

const inv: OpSpec = {
  symbol: 'inv',
  python: both('$.linalg.inv({0})'),
  identity: 'd(X⁻¹) = −X⁻¹ dX X⁻¹ (Matrix Cookbook eq. 43)',
  arity: 1,
  symmetry: 'of-argument',
  fn: { names: ['inv'], arity: 1, doc: 'the inverse of a square matrix' },
  shape([a], _attr, sizes) {
    square(a!, sizes);
    return a!;
  },
  vjp(node, g) {
    const it = E.transpose(node);
    return [E.neg(E.matmul(E.matmul(it, g), it))];
  },
  // d(X⁻¹) = −X⁻¹ dX X⁻¹ (Matrix Cookbook §2.1, eq. 43)
  jvp: (node, [da]) => (da ? E.neg(E.matmul(E.matmul(node, da), node)) : null),
  evaluate: ([a]) => matInv(a!),
  print(_n, p) {
    if (p.format === 'ascii') return fnCall(sameName('inv'), p, 1);
    if (p.format === 'latex') return { text: `${p.arg(0, 40)}^{-1}`, prec: 30 };
    return { text: `${p.arg(0, 40)}⁻¹`, prec: 30 };
  },
};

/** The linalg family, by operator name. */
export const LINALG_OPS = { det, logdet, inv } satisfies Record<string, OpSpec>;
