/**
 * Smart constructors: build nodes through their shape rules while folding the
 * trivial cases that every derivative produces (x + 0, 1 ⊙ x, −(−x), a 1×1 matrix
 * product that is really a scaling). The rewrite rules of simplify/ do the rest.
 */
import { apply, num, isNum, isOp, type Expr, dimScalar } from './ast.js';
import { type Shape, shapeEq, isScalar, broadcastShapes } from './shape/shape.js';
import type { Dim } from './shape/dims.js';

export { num, dimScalar };

export function zeros(s: Shape): Expr {
  return isScalar(s) ? num(0) : apply('zeros', [], { dims: [s.rows, s.cols] });
}

export function ones(s: Shape): Expr {
  return isScalar(s) ? num(1) : apply('ones', [], { dims: [s.rows, s.cols] });
}

export function eye(n: Dim): Expr {
  return n === 1 ? num(1) : apply('eye', [], { dims: [n] });
}

/** Whether e is the constant 0 (of any shape). */
export function isZero(e: Expr): boolean {
  return isNum(e, 0) || isOp(e, 'zeros');
}

/** Whether e is the constant 1 of its shape (1 or ones(m,n)). */
function isOneConst(e: Expr): boolean {
  return isNum(e, 1) || isOp(e, 'ones');
}

function resultShape(a: Expr, b: Expr): Shape | undefined {
  return broadcastShapes(a.shape, b.shape)?.shape;
}

export function add(a: Expr, b: Expr): Expr {
  if (a.kind === 'num' && b.kind === 'num') return num(a.value + b.value);
  const s = resultShape(a, b);
  if (s && isZero(a) && shapeEq(b.shape, s)) return b;
  if (s && isZero(b) && shapeEq(a.shape, s)) return a;
  return apply('add', [a, b]);
}

export function neg(a: Expr): Expr {
  if (a.kind === 'num') return num(-a.value);
  if (isOp(a, 'neg')) return a.args[0]!;
  if (isZero(a)) return a;
  return apply('neg', [a]);
}

export function sub(a: Expr, b: Expr): Expr {
  return add(a, neg(b));
}

/** Elementwise (Hadamard) product with broadcasting; also scalar × matrix. */
export function mul(a: Expr, b: Expr): Expr {
  if (a.kind === 'num' && b.kind === 'num') return num(a.value * b.value);
  const s = resultShape(a, b);
  if (s) {
    if (isZero(a) || isZero(b)) return zeros(s);
    if (isOneConst(a) && shapeEq(b.shape, s)) return b;
    if (isOneConst(b) && shapeEq(a.shape, s)) return a;
    if (isNum(a, -1) && shapeEq(b.shape, s)) return neg(b);
    if (isNum(b, -1) && shapeEq(a.shape, s)) return neg(a);
  }
  return apply('mul', [a, b]);
}

/** Elementwise quotient with broadcasting; also division by a scalar. */
export function div(a: Expr, b: Expr): Expr {
  if (a.kind === 'num' && b.kind === 'num' && b.value !== 0) return num(a.value / b.value);
  const s = resultShape(a, b);
  if (s && isOneConst(b) && shapeEq(a.shape, s)) return a;
  if (s && isZero(a) && shapeEq(a.shape, s)) return a;
  return apply('div', [a, b]);
}

/** The matrix product; a product with a 1×1 side is a scaling (CONTRACT §1). */
export function matmul(a: Expr, b: Expr): Expr {
  if (isScalar(a.shape) || isScalar(b.shape)) return mul(a, b);
  if (isZero(a) || isZero(b)) return zeros({ rows: a.shape.rows, cols: b.shape.cols });
  if (isOp(a, 'eye')) return b;
  if (isOp(b, 'eye')) return a;
  return apply('matmul', [a, b]);
}

export function transpose(a: Expr): Expr {
  if (isScalar(a.shape)) return a;
  if (isOp(a, 'transpose')) return a.args[0]!;
  if (isOp(a, 'zeros') || isOp(a, 'ones')) {
    const d = a.attr.dims!;
    return apply(a.op, [], { dims: [d[1]!, d[0]!] });
  }
  if (isOp(a, 'eye')) return a;
  return apply('transpose', [a]);
}

export function call(op: Parameters<typeof apply>[0], ...args: Expr[]): Expr {
  return apply(op, args);
}

/** tr(A), with tr(0) = 0. */
export function trace(a: Expr): Expr {
  return isZero(a) ? num(0) : apply('tr', [a]);
}

/** Sums g over the axes along which an operand of shape `target` was broadcast to g's shape. */
export function unbroadcast(g: Expr, target: Shape): Expr {
  if (shapeEq(g.shape, target)) return g;
  if (isScalar(target)) return sumAll(g);
  if (target.rows === 1) return apply('sum_cols', [g]);
  return apply('sum_rows', [g]);
}

export function sumAll(a: Expr): Expr {
  if (isScalar(a.shape)) return a;
  return apply('sum', [a]);
}

/** The sum of the non-null terms, broadcast to `target`; null when there are none. */
export function sumOf(target: Shape, ...terms: (Expr | null | undefined)[]): Expr | null {
  let out: Expr | null = null;
  for (const t of terms) if (t) out = out ? add(out, t) : t;
  return out ? broadcastTo(out, target) : null;
}

/** Broadcasts a value up to `target` (used for the gradient of a sum). */
export function broadcastTo(a: Expr, target: Shape): Expr {
  if (shapeEq(a.shape, target)) return a;
  return mul(a, ones(target));
}
