/**
 * Building blocks of the operators' vectorisations (OpSpec.linear): the Kronecker,
 * commutation and broadcasting matrices that vec(dF) = J vec(dX) is written with.
 */
import { apply, type Expr } from '../ast.js';
import * as E from '../algebra.js';
import { mulDim, type Dim } from '../shape/dims.js';
import { type Shape, isScalar, shapeEq } from '../shape/shape.js';

export const vecLen = (s: Shape): Dim => mulDim(s.rows, s.cols);
export const kron = (a: Expr, b: Expr): Expr => apply('kron', [a, b]);
export const ones = (m: Dim, n: Dim): Expr => E.ones({ rows: m, cols: n });
export const commutation = (m: Dim, n: Dim): Expr => apply('commutation', [], { dims: [m, n] });
/** diag(vec(a)): vec(a ⊙ X) = diag(vec(a)) vec(X). */
export const diagVec = (a: Expr): Expr => apply('diag', [apply('vec', [a])]);

/** The matrix that maps vec(a) to vec(a broadcast to `target`). */
function expansion(from: Shape, target: Shape): Expr | null {
  if (shapeEq(from, target)) return null;
  if (isScalar(from)) return ones(vecLen(target), 1);
  // vec(1_m a) = (I_n ⊗ 1_m) vec(a) for a row a; vec(a 1_nᵀ) = (1_n ⊗ I_m) vec(a) for a column.
  if (from.rows === 1) return kron(E.eye(target.cols), ones(target.rows, 1));
  return kron(ones(target.cols, 1), E.eye(target.rows));
}

/** J of a broadcast operand: vec(a broadcast to `target`) = expansion · J. */
export function expand(j: Expr, from: Shape, target: Shape): Expr {
  const m = expansion(from, target);
  return m ? E.matmul(m, j) : j;
}
