/**
 * Forward mode: the differential dF of an expression, given the differential of one
 * node (a variable X, with dX a symbolic matrix, or 1 for a scalar X). Each operator
 * supplies its rule (`jvp`, the Matrix Cookbook's differentials); this walks the DAG.
 */
import { type Expr, topoOrder } from '../ast.js';
import { OPS } from '../ops/registry.js';
import * as E from '../algebra.js';
import { assertDifferentiable } from './limits.js';

/** dF when d(x) = dx; zeros when F does not depend on x. */
export function differential(f: Expr, x: Expr, dx: Expr): Expr {
  const order = topoOrder(f);
  // Refused before any tangent is built when too many operations depend on x.
  const dependent = new Set<number>([x.id]);
  for (const n of order) if (n.kind === 'op' && n.args.some((a) => dependent.has(a.id))) dependent.add(n.id);
  assertDifferentiable(dependent.size);
  const tangent = new Map<number, Expr>([[x.id, dx]]);
  for (const n of order) {
    if (n.id === x.id || n.kind !== 'op') continue;
    const ds = n.args.map((a) => tangent.get(a.id) ?? null);
    if (ds.every((d) => d === null)) continue;
    const d = OPS[n.op].jvp(n, ds);
    if (d) tangent.set(n.id, d);
  }
  return tangent.get(f.id) ?? E.zeros(f.shape);
}
