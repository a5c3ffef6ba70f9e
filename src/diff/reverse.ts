/**
 * Reverse-mode differentiation over the expression DAG: each node's adjoint (the
 * gradient of the scalar output with respect to that node) is the sum of its
 * parents' vector-Jacobian products, which the operator files define. Only nodes
 * that depend on the independent variable are visited.
 */
import { type Expr, topoOrder } from '../ast.js';
import { OPS } from '../ops/registry.js';
import * as E from '../algebra.js';
import { isScalar, showShape } from '../shape/shape.js';
import { DcalcError } from '../errors.js';
import { assertDifferentiable } from './limits.js';

/**
 * ∂f/∂x for a scalar f, shaped like x. `x` is a node of f's DAG: a variable, or an
 * intermediate treated as independent (∂L/∂h for a defined h).
 */
export function gradient(f: Expr, x: Expr): Expr {
  if (!isScalar(f.shape)) {
    throw new DcalcError('shape', `grad needs a scalar function, but this one is ${showShape(f.shape)}; use jacobian for the derivative of a matrix`);
  }
  const order = topoOrder(f);
  // The nodes through which x reaches f.
  const onPath = new Set<number>([x.id]);
  for (const n of order) {
    if (n.kind === 'op' && n.id !== x.id && n.args.some((a) => onPath.has(a.id))) onPath.add(n.id);
  }
  if (!onPath.has(f.id)) return E.zeros(x.shape);
  assertDifferentiable(onPath.size);
  const adjoint = new Map<number, Expr>([[f.id, E.num(1)]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    if (n.id === x.id) break;
    const g = adjoint.get(n.id);
    if (!g || n.kind !== 'op') continue;
    const wanted = n.args.map((a) => onPath.has(a.id));
    if (!wanted.some(Boolean)) continue;
    const parts = OPS[n.op].vjp(n, g, wanted);
    n.args.forEach((a, k) => {
      const part = parts[k];
      if (!wanted[k] || !part) return;
      const prev = adjoint.get(a.id);
      adjoint.set(a.id, prev ? E.add(prev, part) : part);
    });
    adjoint.delete(n.id);
  }
  return adjoint.get(x.id) ?? E.zeros(x.shape);
}
