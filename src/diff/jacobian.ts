/**
 * Jacobians in numerator layout, ∂vec(F)/∂vec(X)ᵀ (CONTRACT §2), as closed forms with
 * Kronecker products and commutation matrices, in the way seed 001 derives them: take
 * the differential dF (forward.ts), which is linear in dX, then vectorise it node by
 * node with each operator's own rule (OpSpec.linear), such as
 *   vec(A dX B) = (Bᵀ ⊗ A) vec(dX)            (Cookbook eq. 520)
 *   vec(dXᵀ) = K vec(dX)                       (the commutation matrix)
 *   vec(A ⊙ dX) = diag(vec(A)) vec(dX).
 * The Hessian of a scalar f is the Jacobian of its gradient.
 */
import { type Expr, fresh, isOp, topoOrder, variable } from '../ast.js';
import * as E from '../algebra.js';
import { mulDim, type Dim } from '../shape/dims.js';
import { type Shape, isScalar } from '../shape/shape.js';
import { OPS } from '../ops/registry.js';
import { differential } from './forward.js';
import { DcalcError } from '../errors.js';

/** The symbolic differential of a variable: dX, shaped like X (dX1 when the user has a dX of their own). */
export function differentialVar(x: Expr, name: string): Expr {
  return variable(fresh(`d${name}`), x.shape);
}

const vecLen = (s: Shape): Dim => mulDim(s.rows, s.cols);

/**
 * J with vec(e) = J vec(dX), for an expression e linear in the symbol dX; null when e
 * does not contain dX.
 */
export function vectorize(e: Expr, dX: Expr, record: (identity: string) => void = () => undefined): Expr | null {
  const contains = new Set<number>();
  for (const n of topoOrder(e)) if (n.id === dX.id || (n.kind === 'op' && n.args.some((a) => contains.has(a.id)))) contains.add(n.id);
  const memo = new Map<number, Expr | null>();
  const lin = (n: Expr): Expr | null => {
    if (!contains.has(n.id)) return null;
    if (n.id === dX.id) return E.eye(vecLen(dX.shape));
    const hit = memo.get(n.id);
    if (hit !== undefined) return hit;
    if (n.kind !== 'op') return null;
    const lins = n.args.map((a) => lin(a));
    const linear = OPS[n.op].linear;
    if (!linear) throw new DcalcError('internal', `the differential is not linear in dX at ${n.op}`);
    if (linear.identity) record(linear.identity);
    const out = linear.vectorize(n, lins);
    memo.set(n.id, out);
    return out;
  };
  return lin(e);
}

/** ∂vec(F)/∂vec(X)ᵀ, unsimplified; for a scalar X the elementwise derivative shaped like F. */
export function jacobianRaw(f: Expr, x: Expr, name: string): Expr {
  if (isScalar(x.shape)) return differential(f, x, E.num(1));
  const dX = differentialVar(x, name);
  const df = differential(f, x, dX);
  return vectorize(df, dX) ?? E.zeros({ rows: vecLen(f.shape), cols: vecLen(x.shape) });
}

export { isOp };
