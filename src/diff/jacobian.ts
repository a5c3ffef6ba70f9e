/**
 * Jacobians in numerator layout, ∂vec(F)/∂vec(X)ᵀ (CONTRACT §2), as closed forms with
 * Kronecker products and commutation matrices, in the way seed 001 derives them: take
 * the differential dF (forward.ts), which is linear in dX, then vectorise it with
 *   vec(A dX B) = (Bᵀ ⊗ A) vec(dX)            (Cookbook eq. 520)
 *   vec(dXᵀ) = K vec(dX)                       (the commutation matrix)
 *   vec(A ⊙ dX) = diag(vec(A)) vec(dX).
 * The Hessian of a scalar f is the Jacobian of its gradient.
 */
import { type Expr, apply, fresh, isOp, topoOrder, variable } from '../ast.js';
import * as E from '../algebra.js';
import { mulDim, type Dim } from '../shape/dims.js';
import { type Shape, isScalar, shapeEq } from '../shape/shape.js';
import { differential } from './forward.js';
import { DcalcError } from '../errors.js';

/** The symbolic differential of a variable: dX, shaped like X (dX1 when the user has a dX of their own). */
export function differentialVar(x: Expr, name: string): Expr {
  return variable(fresh(`d${name}`), x.shape);
}

const vecLen = (s: Shape): Dim => mulDim(s.rows, s.cols);
const kron = (a: Expr, b: Expr) => apply('kron', [a, b]);
const ones = (m: Dim, n: Dim) => E.ones({ rows: m, cols: n });

/** The matrix that maps vec(a) to vec(a broadcast to `target`). */
function expansion(from: Shape, target: Shape): Expr | null {
  if (shapeEq(from, target)) return null;
  if (isScalar(from)) return ones(vecLen(target), 1);
  // vec(1_m a) = (I_n ⊗ 1_m) vec(a) for a row a; vec(a 1_nᵀ) = (1_n ⊗ I_m) vec(a) for a column.
  if (from.rows === 1) return kron(E.eye(target.cols), ones(target.rows, 1));
  return kron(ones(target.cols, 1), E.eye(target.rows));
}

function expand(j: Expr, from: Shape, target: Shape): Expr {
  const m = expansion(from, target);
  return m ? E.matmul(m, j) : j;
}

/** The vectorisation identity each operator uses, as `--steps` cites it. */
const VEC_IDENTITY: Partial<Record<string, string>> = {
  matmul: 'vec(AXB) = (Bᵀ ⊗ A) vec(X) (Matrix Cookbook eq. 520)',
  transpose: 'vec(Xᵀ) = K vec(X), K the commutation matrix',
  mul: 'vec(A ⊙ X) = diag(vec(A)) vec(X)',
  div: 'vec(X ⊘ A) = diag(vec(1 ⊘ A)) vec(X)',
  sum: 'sum(X) = 1ᵀ vec(X)',
  tr: 'tr(X) = vec(I)ᵀ vec(X)',
  kron: 'vec(A ⊗ B) = (I ⊗ K ⊗ I)(vec A ⊗ vec B)',
  diag: 'vec(diag(v)) = diag(vec(I))(1 ⊗ I) v',
};

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
    const [a, b] = n.args as [Expr, Expr];
    const la = a && lin(a);
    const lb = b && lin(b);
    let out: Expr | null;
    const cite = VEC_IDENTITY[n.op];
    if (cite) record(cite);
    switch (n.op) {
      case 'add': {
        const parts = [la && expand(la, a.shape, n.shape), lb && expand(lb, b.shape, n.shape)].filter((x): x is Expr => !!x);
        out = parts.length === 2 ? E.add(parts[0]!, parts[1]!) : parts[0]!;
        break;
      }
      case 'neg':
        out = E.neg(la!);
        break;
      case 'mul':
      case 'div': {
        const [side, other, j] = la ? [a, b, la] : [b, a, lb!];
        if (n.op === 'div' && !la) throw new DcalcError('usage', 'the differential is not linear in dX (it divides by dX)');
        if (isScalar(side.shape) && !isScalar(n.shape)) {
          // vec(c dx) = vec(c) dx
          const coef = n.op === 'div' ? E.div(E.num(1), other) : other;
          out = E.matmul(apply('vec', [E.broadcastTo(coef, n.shape)]), j);
          break;
        }
        const je = expand(j, side.shape, n.shape);
        if (isScalar(other.shape)) out = n.op === 'div' ? E.div(je, other) : E.mul(other, je);
        else {
          const coef = n.op === 'div' ? E.div(E.num(1), other) : other;
          out = E.matmul(apply('diag', [apply('vec', [E.broadcastTo(coef, n.shape)])]), je);
        }
        break;
      }
      case 'matmul': {
        // vec(dA B) = (Bᵀ ⊗ I) vec(dA); vec(A dB) = (I ⊗ A) vec(dB)
        if (la) out = E.matmul(kron(E.transpose(b), E.eye(a.shape.rows)), la);
        else out = E.matmul(kron(E.eye(b.shape.cols), a), lb!);
        break;
      }
      case 'transpose':
        out = E.matmul(apply('commutation', [], { dims: [a.shape.rows, a.shape.cols] }), la!);
        break;
      case 'sum':
        out = apply('sum_cols', [la!]);
        break;
      case 'sum_rows':
        out = E.matmul(kron(ones(1, a.shape.cols), E.eye(a.shape.rows)), la!);
        break;
      case 'sum_cols':
        out = E.matmul(kron(E.eye(a.shape.cols), ones(1, a.shape.rows)), la!);
        break;
      case 'tr':
        out = E.matmul(E.transpose(apply('vec', [E.eye(a.shape.rows)])), la!);
        break;
      case 'vec':
      case 'unvec':
        out = la!;
        break;
      case 'kron': {
        // vec(A ⊗ B) = (I_q ⊗ K_{s,p} ⊗ I_r)(I_pq ⊗ vec B) vec A = (…)(vec A ⊗ I_rs) vec B
        const { rows: p, cols: q } = a.shape;
        const { rows: r, cols: s } = b.shape;
        const t = kron(kron(E.eye(q), apply('commutation', [], { dims: [s, p] })), E.eye(r));
        out = la ? E.matmul(E.matmul(t, kron(E.eye(mulDim(p, q)), apply('vec', [b]))), la) : E.matmul(E.matmul(t, kron(apply('vec', [a]), E.eye(mulDim(r, s)))), lb!);
        break;
      }
      case 'diag': {
        const k = a.shape.rows === 1 ? a.shape.cols : a.shape.rows;
        out = E.matmul(E.matmul(apply('diag', [apply('vec', [E.eye(k)])]), kron(ones(k, 1), E.eye(k))), la!);
        break;
      }
      case 'diag_part': {
        const k = a.shape.rows;
        out = E.matmul(E.matmul(kron(ones(1, k), E.eye(k)), apply('diag', [apply('vec', [E.eye(k)])])), la!);
        break;
      }
      default:
        throw new DcalcError('internal', `the differential is not linear in dX at ${n.op}`);
    }
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
