/**
 * Softmax and log-sum-exp. Of a vector they act on all entries; of a matrix on each
 * column (the math convention); the `_rows` forms act on each row (row-per-example
 * batches). With s = softmax(z): ds = s ⊙ dz − s ⊙ (sᵀdz), so the VJP is
 * s ⊙ g − s ⊙ Σ(g ⊙ s) summed along the softmax axis; ∂ logsumexp(z)/∂z = softmax(z).
 */
import { apply, type Expr, type OpNode } from '../ast.js';
import * as E from '../algebra.js';
import { SCALAR, isVector } from '../shape/shape.js';
import { mat, type Mat } from '../numeric/matrix.js';
import { type OpSpec, fnCall, sameName, both } from './spec.js';

/** The axis exported code normalises along: None (all entries), 0 (each column) or 1 (each row). */
const PY_AXIS: Record<Axis, string> = { all: 'None', cols: '0', rows: '1' };

type Axis = 'all' | 'cols' | 'rows';

/** Along which axis the operator normalises an argument of this shape. */
function axisOf(node: OpNode, rowsForm: boolean): Axis {
  if (rowsForm) return 'rows';
  return isVector(node.args[0]!.shape) ? 'all' : 'cols';
}

function sumAlong(x: Expr, axis: Axis): Expr {
  if (axis === 'all') return E.sumAll(x);
  return apply(axis === 'cols' ? 'sum_cols' : 'sum_rows', [x]);
}

/** Groups of flat indices (row-major) that the operator normalises together. */
function groups(a: Mat, axis: Axis): number[][] {
  const out: number[][] = [];
  if (axis === 'all') out.push(Array.from({ length: a.rows * a.cols }, (_, i) => i));
  else if (axis === 'cols') for (let j = 0; j < a.cols; j++) out.push(Array.from({ length: a.rows }, (_, i) => i * a.cols + j));
  else for (let i = 0; i < a.rows; i++) out.push(Array.from({ length: a.cols }, (_, j) => i * a.cols + j));
  return out;
}

function lse(a: Mat, idx: number[]): number {
  let m = -Infinity;
  for (const i of idx) m = Math.max(m, a.data[i]!);
  let s = 0;
  for (const i of idx) s += Math.exp(a.data[i]! - m);
  return m + Math.log(s);
}

function softmaxEval(a: Mat, axis: Axis): Mat {
  const out = new Float64Array(a.data.length);
  for (const g of groups(a, axis)) {
    const l = lse(a, g);
    for (const i of g) out[i] = Math.exp(a.data[i]! - l);
  }
  return mat(a.rows, a.cols, out);
}

function softmaxSpec(rowsForm: boolean): OpSpec {
  const name = rowsForm ? 'softmax_rows' : 'softmax';
  return {
    symbol: name,
    python: (node) => both(`_softmax({0}, ${PY_AXIS[axisOf(node, rowsForm)]})`),
    identity: 'ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)',
    arity: 1,
    fn: { names: rowsForm ? ['softmax_rows'] : ['softmax', 'Softmax'], arity: 1, doc: rowsForm ? 'each row normalised' : 'a vector’s entries normalised; of a matrix, each column' },
    shape: ([a]) => a!,
    vjp(node, g) {
      const axis = axisOf(node, rowsForm);
      return [E.sub(E.mul(node, g), E.mul(node, sumAlong(E.mul(g, node), axis)))];
    },
    // ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis
    jvp(node, [dz]) {
      if (!dz) return null;
      const sdz = E.mul(node, dz);
      return E.sub(sdz, E.mul(node, sumAlong(sdz, axisOf(node, rowsForm))));
    },
    evaluate: ([a], node) => softmaxEval(a!, axisOf(node, rowsForm)),
    print: (_n, p) => fnCall(sameName(name), p, 1),
  };
}

function logsumexpSpec(rowsForm: boolean): OpSpec {
  const name = rowsForm ? 'logsumexp_rows' : 'logsumexp';
  return {
    symbol: name,
    // with the max shift: m + log Σ exp(z − m)
    python: (node) => both(`_logsumexp({0}, ${PY_AXIS[axisOf(node, rowsForm)]})`),
    identity: 'd logsumexp(z) = softmax(z)ᵀ dz',
    arity: 1,
    fn: { names: [name], arity: 1, doc: rowsForm ? 'm×1 (per row)' : 'a scalar for a vector; a 1×n row for a matrix (per column)' },
    shape([a]) {
      if (rowsForm) return { rows: a!.rows, cols: 1 };
      return isVector(a!) ? SCALAR : { rows: 1, cols: a!.cols };
    },
    vjp(node, g) {
      const soft = apply(rowsForm ? 'softmax_rows' : 'softmax', [node.args[0]!]);
      return [E.mul(g, soft)];
    },
    // d logsumexp(z) = Σ softmax(z) ⊙ dz along the axis
    jvp(node, [dz]) {
      if (!dz) return null;
      const soft = apply(rowsForm ? 'softmax_rows' : 'softmax', [node.args[0]!]);
      return sumAlong(E.mul(soft, dz), axisOf(node, rowsForm));
    },
    evaluate([a], node) {
      const axis = axisOf(node, rowsForm);
      const vals = groups(a!, axis).map((g) => lse(a!, g));
      if (axis === 'all') return mat(1, 1, Float64Array.from(vals));
      if (axis === 'cols') return mat(1, a!.cols, Float64Array.from(vals));
      return mat(a!.rows, 1, Float64Array.from(vals));
    },
    print: (_n, p) => fnCall(sameName(name), p, 1),
  };
}

const softmax = softmaxSpec(false);
const softmaxRows = softmaxSpec(true);
const logsumexp = logsumexpSpec(false);
const logsumexpRows = logsumexpSpec(true);

/** The softmax family, by operator name. */
export const SOFTMAX_OPS = { softmax, softmax_rows: softmaxRows, logsumexp, logsumexp_rows: logsumexpRows } satisfies Record<string, OpSpec>;
