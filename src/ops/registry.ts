/**
 * The closed set of operators. `OPS` is typed as a record over `OpName`, so the
 * compiler rejects an operator without a spec (and a spec without a name).
 */
import type { OpSpec } from './spec.js';
import { add, neg, mul, div, matmulOp, transposeOp } from './arith.js';
import { epow, mpow } from './power.js';
import * as ew from './elementwise.js';
import { sum, sumRows, sumCols, tr, norm2, norm2sq, norm1 } from './reduce.js';
import { softmax, softmaxRows, logsumexp, logsumexpRows } from './softmax.js';
import { det, logdet, inv } from './linalg.js';
import { kron, vec, unvec, diag, diagPartOp, eyeOp, onesOp, zerosOp, commutationOp } from './structure.js';

export type OpName =
  | 'add' | 'neg' | 'mul' | 'div' | 'matmul' | 'transpose'
  | 'epow' | 'mpow'
  | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'tan' | 'tanh' | 'abs' | 'sign' | 'sigmoid' | 'relu' | 'step' | 'softplus'
  | 'sum' | 'sum_rows' | 'sum_cols' | 'tr' | 'norm2' | 'norm2sq' | 'norm1'
  | 'softmax' | 'softmax_rows' | 'logsumexp' | 'logsumexp_rows'
  | 'det' | 'logdet' | 'inv'
  | 'kron' | 'vec' | 'unvec' | 'diag' | 'diag_part' | 'eye' | 'ones' | 'zeros' | 'commutation';

export const OPS: Readonly<Record<OpName, OpSpec>> = {
  add, neg, mul, div, matmul: matmulOp, transpose: transposeOp,
  epow, mpow,
  exp: ew.exp, log: ew.log, sqrt: ew.sqrt, sin: ew.sin, cos: ew.cos, tan: ew.tan, tanh: ew.tanh, abs: ew.abs,
  sign: ew.sign, sigmoid: ew.sigmoid, relu: ew.relu, step: ew.step, softplus: ew.softplus,
  sum, sum_rows: sumRows, sum_cols: sumCols, tr, norm2, norm2sq, norm1,
  softmax, softmax_rows: softmaxRows, logsumexp, logsumexp_rows: logsumexpRows,
  det, logdet, inv,
  kron, vec, unvec, diag, diag_part: diagPartOp, eye: eyeOp, ones: onesOp, zeros: zerosOp, commutation: commutationOp,
};

/** Function names of the input language → operator. */
export const FUNCTIONS: ReadonlyMap<string, OpName> = (() => {
  const m = new Map<string, OpName>();
  for (const [name, spec] of Object.entries(OPS) as [OpName, OpSpec][]) for (const n of spec.fn?.names ?? []) m.set(n, name);
  return m;
})();
