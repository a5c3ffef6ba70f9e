/**
 * Arithmetic: sum, negation, Hadamard product and quotient (with the broadcasting
 * rule of CONTRACT §1, which also covers scalar × matrix), the matrix product, and the
 * transpose. The VJPs are the Matrix Cookbook's: d(AB) = dA B + A dB, so
 * ∂/∂A = G Bᵀ and ∂/∂B = Aᵀ G (Matrix Cookbook §2.1), and a broadcast operand's gradient is
 * summed over the broadcast axis.
 */
import { apply, isNum, isOp, type Expr, type OpNode } from '../ast.js';
import { shapeError, type Sizes } from '../shape/sizes.js';
import * as E from '../algebra.js';
import { broadcastShapes, isScalar, showShape, transposeShape, type Shape } from '../shape/shape.js';
import { matmul, transpose, zipBroadcast, map } from '../numeric/matrix.js';
import { type OpSpec, type PrintCtx, type Printed, PREC, juxtapose, MINUS, both } from './spec.js';
import { DcalcError } from '../errors.js';
import { commutation, diagVec, expand, kron } from './vec-forms.js';

/**
 * vec of a Hadamard product or quotient linear in dX: vec(A ⊙ X) = diag(vec(A)) vec(X),
 * vec(X ⊘ A) = diag(vec(1 ⊘ A)) vec(X); a 1×1 side scales: vec(c dx) = vec(c) dx.
 */
function hadamardVectorize(node: OpNode, [la, lb]: readonly (Expr | null)[]): Expr {
  const [a, b] = node.args as [Expr, Expr];
  const quotient = node.op === 'div';
  const [side, other, j] = la ? [a, b, la] : [b, a, lb!];
  if (quotient && !la) throw new DcalcError('usage', 'the differential is not linear in dX (it divides by dX)');
  if (isScalar(side.shape) && !isScalar(node.shape)) {
    const coef = quotient ? E.div(E.num(1), other) : other;
    return E.matmul(apply('vec', [E.broadcastTo(coef, node.shape)]), j);
  }
  const je = expand(j, side.shape, node.shape);
  if (isScalar(other.shape)) return quotient ? E.div(je, other) : E.mul(other, je);
  const coef = quotient ? E.div(E.num(1), other) : other;
  return E.matmul(diagVec(E.broadcastTo(coef, node.shape)), je);
}

function broadcastRule(name: string) {
  return (args: readonly Shape[], _attr: unknown, sizes: Sizes): Shape => {
    const [a, b] = args as [Shape, Shape];
    // With sizes still unknown (inference), a scalar operand is known by its sizes, and
    // otherwise the operands are taken to be of one shape (whether one broadcasts cannot be told).
    if (!sizes.known(a.rows, a.cols, b.rows, b.cols) && !isScalar(a) && !isScalar(b)) {
      const message = () => `${showShape(a)} ${name} ${showShape(b)}`;
      sizes.same(a.rows, b.rows, message);
      sizes.same(a.cols, b.cols, message);
      return a;
    }
    const r = broadcastShapes(a, b);
    if (!r) {
      const both = a.rows !== b.rows && a.cols !== b.cols && (a.rows === 1 || a.cols === 1) && (b.rows === 1 || b.cols === 1);
      shapeError(`${showShape(a)} ${name} ${showShape(b)}${both ? ' (no broadcasting of both operands)' : ''}`);
    }
    return r.shape;
  };
}

/** Whether the printed form of e starts with a minus sign (so `a + (−b)` prints as `a − b`). */
function negated(e: Expr): Expr | undefined {
  if (isOp(e, 'neg')) return e.args[0];
  if (e.kind === 'num' && e.value < 0) return E.num(-e.value);
  if (isOp(e, 'mul') && isNum(e.args[0]!) && e.args[0].value < 0) return E.mul(E.num(-e.args[0].value), e.args[1]!);
  if (isOp(e, 'mul') && isNum(e.args[1]!) && e.args[1].value < 0) return E.mul(E.num(-e.args[1].value), e.args[0]!);
  return undefined;
}

const add: OpSpec = {
  symbol: '+',
  identity: "d(A + B) = dA + dB; a broadcast operand's gradient is summed over the broadcast axis",
  arity: 2,
  shape: broadcastRule('plus'),
  python: both('{0} + {1}'),
  vjp: (node, g, wanted) => node.args.map((a, i) => (wanted[i] ? E.unbroadcast(g, a.shape) : null)),
  jvp: (node, [da, db]) => E.sumOf(node.shape, da, db),
  ring: true,
  make: ([a, b]) => E.add(a!, b!),
  linear: {
    vectorize(node, [la, lb]) {
      const [a, b] = node.args as [Expr, Expr];
      const parts = [la && expand(la, a.shape, node.shape), lb && expand(lb, b.shape, node.shape)].filter((x): x is Expr => !!x);
      return parts.length === 2 ? E.add(parts[0]!, parts[1]!) : parts[0]!;
    },
  },
  evaluate: ([a, b]) => zipBroadcast(a!, b!, (x, y) => x + y),
  print(node, p) {
    const left = p.arg(0, PREC.add);
    const m = negated(node.args[1]!);
    if (m) return { text: `${left} ${MINUS[p.format]} ${p.expr(m, PREC.mul)}`, prec: PREC.add };
    return { text: `${left} + ${p.arg(1, PREC.mul)}`, prec: PREC.add };
  },
};

const neg: OpSpec = {
  symbol: 'unary −',
  python: both('-{0}'),
  identity: 'd(−A) = −dA',
  arity: 1,
  shape: ([a]) => a!,
  vjp: (_node, g) => [E.neg(g)],
  jvp: (_node, [da]) => (da ? E.neg(da) : null),
  ring: true,
  symmetry: 'of-argument',
  make: ([a]) => E.neg(a!),
  linear: { vectorize: (_node, [la]) => E.neg(la!) },
  evaluate: ([a]) => map(a!, (x) => -x),
  print: (_node, p) => ({ text: `${MINUS[p.format]}${p.arg(0, PREC.neg)}`, prec: PREC.neg }),
};

function scaling(node: OpNode): { scalar: number; other: number } | undefined {
  const [a, b] = node.args;
  if (isScalar(a!.shape)) return { scalar: 0, other: 1 };
  if (isScalar(b!.shape)) return { scalar: 1, other: 0 };
  return undefined;
}

/** A 1×1 value written as a matrix product (aᵀXb, 2aᵀx), not only a product of scalars (s det(X)). */
function hasMatrixProduct(e: Expr): boolean {
  if (isOp(e, 'matmul')) return true;
  return isOp(e, 'mul') && isScalar(e.args[0]!.shape) && isScalar(e.args[1]!.shape) && e.args.some(hasMatrixProduct);
}

const mul: OpSpec = {
  symbol: '⊙',
  identity: 'd(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)',
  arity: 2,
  shape: broadcastRule('⊙'),
  python: both('{0} * {1}'),
  vjp(node, g, wanted) {
    const [a, b] = node.args as [Expr, Expr];
    return [wanted[0] ? E.unbroadcast(E.mul(g, b), a.shape) : null, wanted[1] ? E.unbroadcast(E.mul(g, a), b.shape) : null];
  },
  // d(A ⊙ B) = dA ⊙ B + A ⊙ dB
  jvp: (node, [da, db]) => E.sumOf(node.shape, da && E.mul(da, node.args[1]!), db && E.mul(node.args[0]!, db)),
  linear: { identity: 'vec(A ⊙ X) = diag(vec(A)) vec(X)', vectorize: hadamardVectorize },
  ring: true,
  make: ([a, b]) => E.mul(a!, b!),
  evaluate: ([a, b]) => zipBroadcast(a!, b!, (x, y) => x * y),
  print(node, p) {
    const sc = scaling(node);
    if (sc) {
      // A scaling prints as juxtaposition in the order of its arguments (`Xᵀ(a − y)`,
      // `(a − y)W₂ᵀ`), except that a number or a name goes first: `2x`, `λw`.
      const simple = p.raw(sc.scalar).prec >= PREC.atom && sc.scalar === 1;
      const [l, r] = simple ? [1, 0] : [0, 1];
      if (p.format === 'ascii') return { text: `${p.arg(l, PREC.mul)}*${p.arg(r, PREC.mul + 1)}`, prec: PREC.mul };
      // Products and scalings associate, so the right side may itself be a juxtaposition: 2Aᵀ(Ax − b).
      // A 1×1 product among matrix factors is parenthesised, (aᵀXb)abᵀ: written as one run,
      // aᵀXbabᵀ, the parser groups it as a chain of matrix products, which does not fit.
      const min = (i: number) => (i === sc.scalar && !isScalar(node.shape) && hasMatrixProduct(node.args[i]!) ? PREC.post : PREC.juxt);
      return { text: juxtapose(p.arg(l, min(l)), p.arg(r, min(r)), p.format, p.multiLetterNames), prec: PREC.juxt };
    }
    // ⊙ is associative, so a ⊙ (b ⊙ c) prints without parentheses.
    const op = p.format === 'text' ? '⊙' : p.format === 'ascii' ? '.*' : '\\odot';
    const right = isOp(node.args[1]!, 'mul') && !scaling(node.args[1] as OpNode) ? PREC.mul : PREC.mul + 1;
    return { text: `${p.arg(0, PREC.mul)} ${op} ${p.arg(1, right)}`, prec: PREC.mul };
  },
};

const div: OpSpec = {
  symbol: '⊘',
  identity: 'd(A ⊘ B) = dA ⊘ B − (A ⊘ B) ⊙ dB ⊘ B',
  arity: 2,
  shape: broadcastRule('⊘'),
  python: both('{0} / {1}'),
  vjp(node, g, wanted) {
    const [a, b] = node.args as [Expr, Expr];
    // d(a ⊘ b) = da ⊘ b − (a ⊘ b) ⊙ db ⊘ b
    return [
      wanted[0] ? E.unbroadcast(E.div(g, b), a.shape) : null,
      wanted[1] ? E.unbroadcast(E.neg(E.div(E.mul(g, node), b)), b.shape) : null,
    ];
  },
  // d(A ⊘ B) = dA ⊘ B − (A ⊘ B) ⊙ dB ⊘ B
  jvp: (node, [da, db]) => E.sumOf(node.shape, da && E.div(da, node.args[1]!), db && E.neg(E.div(E.mul(node, db), node.args[1]!))),
  linear: { identity: 'vec(X ⊘ A) = diag(vec(1 ⊘ A)) vec(X)', vectorize: hadamardVectorize },
  ring: true,
  make: ([a, b]) => E.div(a!, b!),
  evaluate([a, b]) {
    return zipBroadcast(a!, b!, (x, y) => {
      if (y === 0) throw new DcalcError('domain', 'division by zero');
      return x / y;
    });
  },
  print(node, p) {
    const byScalar = isScalar(node.args[1]!.shape);
    if (p.format === 'latex' && byScalar) return { text: `\\frac{${p.arg(0, 0)}}{${p.arg(1, 0)}}`, prec: PREC.atom };
    if (byScalar) return { text: `${p.arg(0, PREC.mul)}/${p.arg(1, p.format === 'text' ? PREC.post : PREC.mul + 1)}`, prec: PREC.mul };
    const op = p.format === 'text' ? '⊘' : p.format === 'ascii' ? './' : '\\oslash';
    return { text: `${p.arg(0, PREC.mul)} ${op} ${p.arg(1, PREC.mul + 1)}`, prec: PREC.mul };
  },
};

const matmulOp: OpSpec = {
  symbol: 'matrix product',
  python: both('{0} @ {1}'),
  identity: 'd(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)',
  arity: 2,
  shape([a, b], _attr, sizes) {
    sizes.same(a!.cols, b!.rows, () => `${showShape(a!)} times ${showShape(b!)} (inner sizes ${String(a!.cols)} and ${String(b!.rows)} differ)`);
    return { rows: a!.rows, cols: b!.cols };
  },
  vjp(node, g, wanted) {
    const [a, b] = node.args as [Expr, Expr];
    return [wanted[0] ? E.matmul(g, E.transpose(b)) : null, wanted[1] ? E.matmul(E.transpose(a), g) : null];
  },
  // d(AB) = dA B + A dB (Matrix Cookbook §2.1, eq. 40)
  jvp: (node, [da, db]) => E.sumOf(node.shape, da && E.matmul(da, node.args[1]!), db && E.matmul(node.args[0]!, db)),
  linear: {
    identity: 'vec(AXB) = (Bᵀ ⊗ A) vec(X) (Matrix Cookbook eq. 520)',
    // vec(dA B) = (Bᵀ ⊗ I) vec(dA); vec(A dB) = (I ⊗ A) vec(dB)
    vectorize(node, [la, lb]) {
      const [a, b] = node.args as [Expr, Expr];
      return la ? E.matmul(kron(E.transpose(b), E.eye(a.shape.rows)), la) : E.matmul(kron(E.eye(b.shape.cols), a), lb!);
    },
  },
  linearInEach: true,
  make: ([a, b]) => E.matmul(a!, b!),
  evaluate: ([a, b]) => matmul(a!, b!),
  print(_node, p): Printed {
    if (p.format === 'ascii') return { text: `${p.arg(0, PREC.mul)}*${p.arg(1, PREC.mul + 1)}`, prec: PREC.mul };
    return { text: juxtapose(p.arg(0, PREC.juxt), p.arg(1, PREC.juxt), p.format, p.multiLetterNames), prec: PREC.juxt };
  },
};

const transposeOp: OpSpec = {
  symbol: 'transpose',
  python: both('{0}.T'),
  identity: 'd(Aᵀ) = (dA)ᵀ; tr(Gᵀ dAᵀ) = tr(G dA)',
  arity: 1,
  shape: ([a]) => transposeShape(a!),
  vjp: (_node, g) => [E.transpose(g)],
  jvp: (_node, [da]) => (da ? E.transpose(da) : null),
  linear: {
    identity: 'vec(Xᵀ) = K vec(X), K the commutation matrix',
    vectorize: (node, [la]) => E.matmul(commutation(node.args[0]!.shape.rows, node.args[0]!.shape.cols), la!),
  },
  linearInEach: true,
  symmetry: 'of-argument',
  make: ([a]) => E.transpose(a!),
  evaluate: ([a]) => transpose(a!),
  print(node, p: PrintCtx) {
    // The inverse transpose prints as X⁻ᵀ (X^{-\top}).
    const a = node.args[0]!;
    if (isOp(a, 'inv') && p.format !== 'ascii') {
      const base = p.expr(a.args[0]!, PREC.atom);
      return p.format === 'latex' ? { text: `${base}^{-\\top}`, prec: PREC.post } : { text: `${base}⁻ᵀ`, prec: PREC.post };
    }
    if (p.format === 'latex') return { text: `${p.arg(0, PREC.atom)}^\\top`, prec: PREC.post };
    return { text: `${p.arg(0, PREC.post)}${p.format === 'text' ? 'ᵀ' : "'"}`, prec: PREC.post };
  },
};

/** The arith family, by operator name. */
export const ARITH_OPS = { add, neg, mul, div, matmul: matmulOp, transpose: transposeOp } satisfies Record<string, OpSpec>;
