/**
 * Structural rewrite rules, as named data. Each rule names the identity it uses
 * (with its Matrix Cookbook equation where there is one). The engine (engine.ts)
 * applies them bottom-up to a fixed point and records every application.
 *
 * Where a rule is a pattern, its two sides in dcalc's own syntax are its
 * implementation (`rule(name, lhs, rhs, { when, cite })`, pattern.ts), and the
 * soundness test instantiates the left side from the pattern itself.
 *
 * The rules that are still functions:
 *   - algorithmic rewrites: product-chain (associativity, A A⁻¹ = I, A…A = Aᵏ),
 *     kron-mixed-product, simplex-sums-to-one (simplex assumptions),
 *     transpose-of-symmetric (isSymmetric), inverse-of-product (a chain of square
 *     factors), softmax-recognised, factor-common-product, sum-of-broadcast,
 *     binary-idempotent (the binary assumption);
 *   - textbook ordering, which is presentation, not algebra: coefficient-first;
 *   - rules the pattern language cannot yet write: the scalar-factor family
 *     (transpose-of-scaled, scalar-out-of-product, scalar-out-of-sum,
 *     scalar-out-of-kron: one rule over cA, A/c and −A), sum-of-transpose (three
 *     reductions), transpose-of-power (the exponent is an attribute), diag-of-ones,
 *     zero-through-linear (any operator with OpSpec.linearInEach).
 *
 * Elementwise algebra (collecting like terms, cancelling x ⊘ x) is not here: it is
 * the normal form of poly.ts, which the engine applies as the rule `collect`.
 */
import { type Expr, type OpNode, isOp, apply, dimScalar } from '../ast.js';
import * as E from '../algebra.js';
import { isScalar, isVector, shapeEq } from '../shape/shape.js';
import { OPS } from '../ops/registry.js';
import type { Assumption } from '../numeric/sample.js';
import { rule } from './pattern.js';
import { TEXTBOOK_IDENTITIES } from './identities.js';

export interface RuleCtx {
  /** Nodes of the user's own program: never rewritten. */
  readonly frozen: ReadonlySet<number>;
  /** Nodes the user named: a rule does not look inside them (hᵀ stays hᵀ). */
  readonly named: ReadonlySet<number>;
  /** Declared assumptions by variable name. */
  readonly assumptions: ReadonlyMap<string, readonly Assumption[]>;
  /** Assumptions a rule relied on, as `y: simplex`. */
  readonly used: Set<string>;
}

export interface Rule {
  readonly name: string;
  /** The identity, with its source. */
  readonly identity: string;
  readonly pattern: string;
  readonly result: string;
  apply(node: OpNode, ctx: RuleCtx): Expr | undefined;
}

/** Whether a rule may look inside e: an operator node that is not one of the user's named intermediates. */
const open = (e: Expr, ctx: RuleCtx): e is OpNode => e.kind === 'op' && !ctx.named.has(e.id);

/** A scalar factor c of a product c ⊙ A (A not scalar), or of −A, or of A / c. */
function scalarFactor(e: Expr): { kind: 'mul' | 'div' | 'neg'; c?: Expr; rest: Expr } | undefined {
  if (isOp(e, 'neg')) return { kind: 'neg', rest: e.args[0]! };
  if (isOp(e, 'mul') && !isScalar(e.shape)) {
    const [a, b] = e.args as [Expr, Expr];
    if (isScalar(a.shape) && shapeEq(b.shape, e.shape)) return { kind: 'mul', c: a, rest: b };
    if (isScalar(b.shape) && shapeEq(a.shape, e.shape)) return { kind: 'mul', c: b, rest: a };
  }
  if (isOp(e, 'div') && isScalar(e.args[1]!.shape) && shapeEq(e.args[0]!.shape, e.shape) && !isScalar(e.shape)) return { kind: 'div', c: e.args[1]!, rest: e.args[0]! };
  return undefined;
}

function reapply(f: { kind: 'mul' | 'div' | 'neg'; c?: Expr }, inner: Expr): Expr {
  if (f.kind === 'neg') return E.neg(inner);
  if (f.kind === 'mul') return E.mul(f.c!, inner);
  return E.div(inner, f.c!);
}

function hasAssumption(e: Expr, a: Assumption, ctx: RuleCtx): boolean {
  if (e.kind !== 'var') return false;
  if (!ctx.assumptions.get(e.name)?.includes(a)) return false;
  ctx.used.add(`${e.name}: ${a}`);
  return true;
}

/**
 * Whether a matrix is symmetric by its structure (AᵀA, A + Aᵀ, ASAᵀ, S⁻¹, diagonal
 * matrices, …) or by a declared assumption (`symmetric`, `spd`), which is then recorded.
 */
function isSymmetric(e: Expr, ctx: RuleCtx, depth = 0): boolean {
  if (depth > 20 || e.shape.rows !== e.shape.cols) return false;
  if (isScalar(e.shape)) return true;
  switch (e.kind) {
    case 'var':
      return hasAssumption(e, 'symmetric', ctx) || hasAssumption(e, 'spd', ctx);
    case 'num':
    case 'dim':
      return true;
    case 'op': {
      const [a, b] = e.args as [Expr, Expr];
      switch (e.op) {
        case 'add':
          return (isSymmetric(a, ctx, depth + 1) && isSymmetric(b, ctx, depth + 1)) || E.transpose(a) === b;
        case 'mul':
        case 'div':
          return (isScalar(a.shape) || isSymmetric(a, ctx, depth + 1)) && (isScalar(b.shape) || isSymmetric(b, ctx, depth + 1));
        case 'matmul': {
          // A palindrome of transposes around a symmetric middle: AᵀA, ASAᵀ, XᵀAX with A symmetric.
          const f = chainFactors(e);
          for (let i = 0; i < Math.floor(f.length / 2); i++) if (E.transpose(f[i]!) !== f[f.length - 1 - i]) return false;
          return f.length % 2 === 0 || isSymmetric(f[(f.length - 1) / 2]!, ctx, depth + 1);
        }
        default: {
          const symmetry = OPS[e.op].symmetry;
          return symmetry === 'always' || (symmetry === 'of-argument' && isSymmetric(a, ctx, depth + 1));
        }
      }
    }
  }
}

/** The factors of a chain of matrix products, left to right (iteratively: chains can be long). */
function chainFactors(e: Expr, named?: ReadonlySet<number>): Expr[] {
  const out: Expr[] = [];
  const stack: Expr[] = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (isOp(n, 'matmul') && !named?.has(n.id)) stack.push(n.args[1]!, n.args[0]!);
    else out.push(n);
  }
  return out;
}

/** A factor as base^(±1) with a transpose flag, so that A A⁻¹ and Aᵀ A⁻ᵀ cancel. */
function inverted(f: Expr): { base: Expr; inv: boolean; t: boolean } {
  if (isOp(f, 'transpose') && isOp(f.args[0]!, 'inv')) return { base: f.args[0].args[0]!, inv: true, t: true };
  if (isOp(f, 'inv') && isOp(f.args[0]!, 'transpose')) return { base: f.args[0].args[0]!, inv: true, t: true };
  if (isOp(f, 'inv')) return { base: f.args[0]!, inv: true, t: false };
  if (isOp(f, 'transpose')) return { base: f.args[0]!, inv: false, t: true };
  return { base: f, inv: false, t: false };
}

/** For a reduction's argument v ⊙ ones(m, n) (v constant along the summed axis): v and the ones' size. */
function onesBroadcast(e: Expr): { v: Expr; rows: Expr; cols: Expr } | undefined {
  if (isOp(e, 'ones')) return { v: E.num(1), rows: dimScalar(e.attr.dims![0]!), cols: dimScalar(e.attr.dims![1]!) };
  if (isOp(e, 'mul')) {
    const [a, b] = e.args as [Expr, Expr];
    if (isOp(b, 'ones')) return { v: a, rows: dimScalar(b.attr.dims![0]!), cols: dimScalar(b.attr.dims![1]!) };
    if (isOp(a, 'ones')) return { v: b, rows: dimScalar(a.attr.dims![0]!), cols: dimScalar(a.attr.dims![1]!) };
  }
  return undefined;
}

export const RULES: readonly Rule[] = [
  rule('transpose-of-product', '(A B)ᵀ', 'Bᵀ Aᵀ', { cite: '(AB)ᵀ = BᵀAᵀ (Matrix Cookbook eq. 5)' }),
  {
    name: 'transpose-of-scaled',
    identity: '(cA)ᵀ = c Aᵀ, (A/c)ᵀ = Aᵀ/c, (−A)ᵀ = −Aᵀ for a scalar c',
    pattern: '(c A)ᵀ, (A/c)ᵀ, (−A)ᵀ',
    result: 'c Aᵀ, Aᵀ/c, −Aᵀ',
    apply(n, ctx) {
      if (n.op !== 'transpose') return undefined;
      const a = n.args[0]!;
      const f = open(a, ctx) ? scalarFactor(a) : undefined;
      return f ? reapply(f, E.transpose(f.rest)) : undefined;
    },
  },
  {
    name: 'scalar-out-of-product',
    identity: '(cA)B = A(cB) = c(AB) for a scalar c (linearity)',
    pattern: '(c A) B, A (c B), (A/c) B, (−A) B',
    result: 'c (A B), (A B)/c, −(A B)',
    apply(n, ctx) {
      if (n.op !== 'matmul') return undefined;
      const [a, b] = n.args as [Expr, Expr];
      const fa = open(a, ctx) ? scalarFactor(a) : undefined;
      if (fa) return reapply(fa, E.matmul(fa.rest, b));
      const fb = open(b, ctx) ? scalarFactor(b) : undefined;
      if (fb) return reapply(fb, E.matmul(a, fb.rest));
      return undefined;
    },
  },
  {
    name: 'scalar-out-of-sum',
    identity: 'sum(cA) = c sum(A) for a scalar c (linearity)',
    pattern: 'sum(c A), sum_rows(c A), sum_cols(c A), sum(−A), sum(A/c)',
    result: 'c sum(A), …',
    apply(n, ctx) {
      if (n.op !== 'sum' && n.op !== 'sum_rows' && n.op !== 'sum_cols') return undefined;
      const a = n.args[0]!;
      const f = open(a, ctx) ? scalarFactor(a) : undefined;
      if (!f) return undefined;
      return reapply(f, apply(n.op, [f.rest]));
    },
  },
  {
    name: 'sum-of-transpose',
    identity: 'sum(Aᵀ) = sum(A); sum_rows(Aᵀ) = sum_cols(A)ᵀ; sum_cols(Aᵀ) = sum_rows(A)ᵀ',
    pattern: 'sum(Aᵀ)',
    result: 'sum(A)',
    apply(n) {
      const a = n.args[0];
      if (!a || !isOp(a, 'transpose')) return undefined;
      if (n.op === 'sum') return E.sumAll(a.args[0]!);
      if (n.op === 'sum_rows') return E.transpose(apply('sum_cols', [a.args[0]!]));
      if (n.op === 'sum_cols') return E.transpose(apply('sum_rows', [a.args[0]!]));
      return undefined;
    },
  },
  {
    name: 'sum-of-broadcast',
    identity: 'Σ_i v = m·v: summing a value broadcast along an axis multiplies it by the axis length',
    pattern: 'sum(v ⊙ ones(m,n)), sum_cols(r ⊙ ones(m,n)), sum_rows(c ⊙ ones(m,n))',
    result: 'm n v, m r, n c',
    apply(n) {
      if (n.op !== 'sum' && n.op !== 'sum_rows' && n.op !== 'sum_cols') return undefined;
      const b = onesBroadcast(n.args[0]!);
      if (!b) return undefined;
      if (n.op === 'sum') return isScalar(b.v.shape) ? E.mul(E.mul(b.rows, b.cols), b.v) : undefined;
      if (n.op === 'sum_cols' && b.v.shape.rows === 1) return E.mul(b.rows, isScalar(b.v.shape) ? E.mul(b.v, E.ones(n.shape)) : b.v);
      if (n.op === 'sum_rows' && b.v.shape.cols === 1) return E.mul(b.cols, isScalar(b.v.shape) ? E.mul(b.v, E.ones(n.shape)) : b.v);
      return undefined;
    },
  },
  {
    name: 'simplex-sums-to-one',
    identity: 'Σᵢ yᵢ = 1 for y in the probability simplex (a declared assumption)',
    pattern: 'sum(y), sum_cols(Y), sum_rows(Y) where y: simplex (Y: simplex_rows for rows)',
    result: '1, ones(1,n), ones(m,1)',
    apply(n, ctx) {
      const y = n.args[0];
      if (!y || y.kind !== 'var') return undefined;
      const vector = isVector(y.shape);
      if (n.op === 'sum') {
        if (vector && hasAssumption(y, 'simplex', ctx)) return E.num(1);
        if (hasAssumption(y, 'simplex', ctx)) return dimScalar(y.shape.cols);
        if (hasAssumption(y, 'simplex_rows', ctx)) return dimScalar(y.shape.rows);
      }
      if (n.op === 'sum_cols') {
        if (vector && y.shape.cols === 1 && hasAssumption(y, 'simplex', ctx)) return E.num(1);
        if (!vector && hasAssumption(y, 'simplex', ctx)) return E.ones(n.shape);
      }
      if (n.op === 'sum_rows') {
        if (vector && y.shape.rows === 1 && (hasAssumption(y, 'simplex', ctx) || hasAssumption(y, 'simplex_rows', ctx))) return E.num(1);
        if (!vector && hasAssumption(y, 'simplex_rows', ctx)) return E.ones(n.shape);
      }
      return undefined;
    },
  },
  {
    name: 'binary-idempotent',
    identity: 'M ⊙ M = M for a 0/1 mask M (a declared assumption: binary)',
    pattern: 'M.^p where M: binary, p a positive integer',
    result: 'M',
    apply(n, ctx) {
      if (n.op !== 'epow') return undefined;
      const [m, p] = n.args as [Expr, Expr];
      if (p.kind !== 'num' || !Number.isInteger(p.value) || p.value < 1) return undefined;
      return hasAssumption(m, 'binary', ctx) ? m : undefined;
    },
  },
  {
    name: 'softmax-recognised',
    identity: 'exp(z) / sum(exp(z)) = softmax(z) for a vector z (the definition of softmax)',
    pattern: 'exp(z)/sum(exp(z))',
    result: 'softmax(z)',
    apply(n) {
      if (n.op !== 'div') return undefined;
      const [a, b] = n.args as [Expr, Expr];
      if (!isOp(a, 'exp') || !isOp(b, 'sum') || b.args[0] !== a || !isVector(a.shape)) return undefined;
      return apply('softmax', [a.args[0]!]);
    },
  },
  {
    name: 'factor-common-product',
    identity: 'AX + BX = (A + B)X and XA + XB = X(A + B) (distributivity)',
    pattern: 'A X + B X, X A + X B, A X − B X',
    result: '(A + B) X, X (A + B), (A − B) X',
    apply(n, ctx) {
      if (n.op !== 'add') return undefined;
      const [l, r0] = n.args as [Expr, Expr];
      const negR = isOp(r0, 'neg') && open(r0, ctx);
      const r = negR ? (r0 as OpNode).args[0]! : r0;
      if (!isOp(l, 'matmul') || !isOp(r, 'matmul') || !open(l, ctx) || !open(r, ctx)) return undefined;
      const combine = (a: Expr, b: Expr) => (negR ? E.sub(a, b) : E.add(a, b));
      if (l.args[1] === r.args[1]) return E.matmul(combine(l.args[0]!, r.args[0]!), l.args[1]!);
      if (l.args[0] === r.args[0]) return E.matmul(l.args[0]!, combine(l.args[1]!, r.args[1]!));
      return undefined;
    },
  },
  {
    name: 'kron-mixed-product',
    identity: '(A ⊗ B)(C ⊗ D) = AC ⊗ BD when the products exist (Matrix Cookbook §10.2.1)',
    pattern: '(A ⊗ B)(C ⊗ D), (A ⊗ B)((C ⊗ D)X)',
    result: 'AC ⊗ BD, (AC ⊗ BD)X',
    apply(n) {
      if (n.op !== 'matmul') return undefined;
      const [l, r] = n.args as [Expr, Expr];
      if (!isOp(l, 'kron')) return undefined;
      const mixed = (k: OpNode): Expr | undefined => {
        const [a, b] = l.args as [Expr, Expr];
        const [c, d] = k.args as [Expr, Expr];
        if (a.shape.cols !== c.shape.rows || b.shape.cols !== d.shape.rows) return undefined;
        return apply('kron', [E.matmul(a, c), E.matmul(b, d)]);
      };
      if (isOp(r, 'kron')) return mixed(r);
      if (isOp(r, 'matmul') && isOp(r.args[0]!, 'kron')) {
        const k = mixed(r.args[0] as OpNode);
        return k ? E.matmul(k, r.args[1]!) : undefined;
      }
      return undefined;
    },
  },
  rule('kron-with-scalar', ['c ⊗ A', 'A ⊗ c'], ['c ⊙ A', 'c ⊙ A'], { cite: 'c ⊗ A = A ⊗ c = cA for a 1×1 c', when: ['scalar(c)'], inside: 'named too' }),
  {
    name: 'scalar-out-of-kron',
    identity: '(cA) ⊗ B = A ⊗ (cB) = c(A ⊗ B) (bilinearity)',
    pattern: '(c A) ⊗ B, A ⊗ (c B), (−A) ⊗ B',
    result: 'c (A ⊗ B), −(A ⊗ B)',
    apply(n, ctx) {
      if (n.op !== 'kron') return undefined;
      const [a, b] = n.args as [Expr, Expr];
      const fa = open(a, ctx) ? scalarFactor(a) : undefined;
      if (fa) return reapply(fa, apply('kron', [fa.rest, b]));
      const fb = open(b, ctx) ? scalarFactor(b) : undefined;
      if (fb) return reapply(fb, apply('kron', [a, fb.rest]));
      return undefined;
    },
  },
  rule('transpose-of-kron', '(A ⊗ B)ᵀ', 'Aᵀ ⊗ Bᵀ', { cite: '(A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ (Matrix Cookbook §10.2.1)', inside: 'named too' }),
  rule('kron-of-identities', 'eye(m) ⊗ eye(n)', 'eye(m n)', { cite: 'I_m ⊗ I_n = I_{mn}', inside: 'named too' }),
  rule('vec-of-vector', ['vec(v)', 'vec(v)'], ['v', 'vᵀ'], { cite: 'vec(v) = v for a column, vec(v) = vᵀ for a row', when: [['column(v)'], ['row(v)']], inside: 'named too' }),
  rule(
    'unvec-of-vector',
    ['vec(unvec(v, m, n))', 'unvec(vec(X), m, n)', 'unvec(v, m, 1)', 'unvec(v, 1, n)'],
    ['v', 'X', 'v', 'vᵀ'],
    { cite: 'unvec(v, m, 1) = v, unvec(v, 1, n) = vᵀ; unvec(vec(X)) = X; vec(unvec(v)) = v', when: [[], ['shaped(X, m, n)'], [], []], inside: 'named too' },
  ),
  rule('trivial-commutation', ['commutation(1, n)', 'commutation(m, 1)'], ['eye(n)', 'eye(m)'], { cite: 'K_{1,n} = K_{m,1} = I' }),
  rule('diag-of-transpose', 'diag(vᵀ)', 'diag(v)', { cite: 'diag(vᵀ) = diag(v): the diagonal matrix of a vector does not depend on its orientation', inside: 'named too' }),
  {
    name: 'diag-of-ones',
    identity: 'diag(1) = I: the diagonal matrix of a vector of ones is the identity',
    pattern: 'diag(vec(ones(m, n))), diag(ones(n, 1))',
    result: 'eye(m n), eye(n)',
    apply(n) {
      if (n.op !== 'diag') return undefined;
      let v = n.args[0]!;
      if (isOp(v, 'vec') || isOp(v, 'transpose')) v = v.args[0]!;
      return isOp(v, 'ones') ? E.eye(n.shape.rows) : undefined;
    },
  },
  rule('product-of-diagonals', 'diag(u) diag(v)', 'diag(u ⊙ v)', { cite: 'diag(u) diag(v) = diag(u ⊙ v)', when: ['same-shape(u, v)'], inside: 'named too' }),
  rule('column-sums-of-diagonal', ['sum_cols(diag(v))', 'sum_cols(diag(v))'], ['vᵀ', 'v'], { cite: '1ᵀ diag(v) = vᵀ for a column v', when: [['column(v)'], ['row(v)']], inside: 'named too' }),
  rule('column-sums-of-diagonal-product', 'sum_cols(diag(v) A)', 'vᵀ A', { cite: '1ᵀ diag(v) A = vᵀA for a column v', when: ['column(v)'], inside: 'named too' }),
  rule('diagonal-times-vector', 'diag(u) v', 'u ⊙ v', { cite: 'diag(u) v = u ⊙ v for columns u and v', when: ['column(u)', 'column(v)'], inside: 'named too' }),
  {
    name: 'transpose-of-symmetric',
    identity: 'Sᵀ = S for a symmetric S (AᵀA, A + Aᵀ, S⁻¹ of a symmetric S, or declared symmetric/spd)',
    pattern: 'Sᵀ',
    result: 'S',
    apply: (n, ctx) => (n.op === 'transpose' && isSymmetric(n.args[0]!, ctx) ? n.args[0] : undefined),
  },
  rule('inverse-of-inverse', ['inv(inv(A))', 'inv(Aᵀ)'], ['A', 'inv(A)ᵀ'], { cite: '(A⁻¹)⁻¹ = A; (Aᵀ)⁻¹ = (A⁻¹)ᵀ (Matrix Cookbook eq. 3)', inside: 'named too' }),
  {
    name: 'inverse-of-product',
    identity: '(AB)⁻¹ = B⁻¹A⁻¹ for square A and B (Matrix Cookbook eq. 1); (cA)⁻¹ = A⁻¹/c',
    pattern: 'inv(A B), inv(c A)',
    result: 'inv(B) inv(A), inv(A)/c',
    apply(n, ctx) {
      if (n.op !== 'inv') return undefined;
      const a = n.args[0]!;
      if (isOp(a, 'matmul') && !ctx.named.has(a.id)) {
        const f = chainFactors(a, ctx.named);
        if (f.every((x) => x.shape.rows === x.shape.cols)) return f.reverse().map((x): Expr => apply('inv', [x])).reduce((acc: Expr, x: Expr) => E.matmul(acc, x));
      }
      const sf = open(a, ctx) ? scalarFactor(a) : undefined;
      if (sf && sf.kind === 'mul') return E.div(apply('inv', [sf.rest]), sf.c!);
      if (sf && sf.kind === 'neg') return E.neg(apply('inv', [sf.rest]));
      if (isOp(a, 'mpow')) return apply('mpow', [apply('inv', [a.args[0]!])], a.attr);
      return undefined;
    },
  },
  {
    name: 'transpose-of-power',
    identity: '(Aᵏ)ᵀ = (Aᵀ)ᵏ',
    pattern: '(A^k)ᵀ',
    result: '(Aᵀ)^k',
    apply: (n) => (n.op === 'transpose' && isOp(n.args[0]!, 'mpow') ? apply('mpow', [E.transpose(n.args[0].args[0]!)], n.args[0].attr) : undefined),
  },
  {
    name: 'product-chain',
    identity: 'associativity: A A⁻¹ = I, Aᵀ A⁻ᵀ = I, and A A … A = Aᵏ in a chain of products',
    pattern: 'B A A⁻¹ C, A A, A² A',
    result: 'B C, A², A³',
    apply(n, ctx) {
      if (n.op !== 'matmul') return undefined;
      // Chains of textbook length only: a product of thousands of factors is left as it is.
      if (isOp(n.args[0]!, 'matmul') && chainFactors(n.args[0]!, ctx.named).length > 64) return undefined;
      const flat: Expr[] = [];
      for (const f of chainFactors(n, ctx.named)) {
        if (isOp(f, 'mpow') && f.attr.p! <= 8 && !ctx.named.has(f.id)) for (let i = 0; i < f.attr.p!; i++) flat.push(f.args[0]!);
        else flat.push(f);
      }
      const stack: Expr[] = [];
      for (const f of flat) {
        const top = stack[stack.length - 1];
        if (top) {
          const a = inverted(top);
          const b = inverted(f);
          if (a.base === b.base && a.t === b.t && a.inv !== b.inv) {
            stack.pop();
            continue;
          }
        }
        stack.push(f);
      }
      // Runs of one factor become powers.
      const out: Expr[] = [];
      for (let i = 0; i < stack.length; ) {
        let j = i;
        while (j < stack.length && stack[j] === stack[i]) j++;
        const k = j - i;
        out.push(k === 1 ? stack[i]! : apply('mpow', [stack[i]!], { p: k }));
        i = j;
      }
      const before = chainFactors(n, ctx.named);
      if (out.length === 0) return E.eye(n.shape.rows);
      // One association for every chain, (AB)C, so that equal products are equal nodes and collect.
      const rebuilt = out.reduce((acc, f) => E.matmul(acc, f));
      if (out.length === before.length && out.every((f, i) => f === before[i]) && rebuilt === n) return undefined;
      return rebuilt;
    },
  },
  {
    name: 'coefficient-first',
    identity: 'A ⊙ (cB) = (cA) ⊙ B = c(A ⊙ B) for a number c: numbers lead a product',
    pattern: '(c A) ⊙ B, A ⊙ (c B)',
    result: 'c (A ⊙ B)',
    apply(n, ctx) {
      if (n.op !== 'mul') return undefined;
      const [a, b] = n.args as [Expr, Expr];
      if (a.kind === 'num' || b.kind === 'num') return undefined;
      const lead = (x: Expr) => (open(x, ctx) && isOp(x, 'mul') && x.args[0]!.kind === 'num' ? x : undefined);
      const la = lead(a);
      if (la) return E.mul(la.args[0]!, E.mul(la.args[1]!, b));
      const lb = lead(b);
      if (lb) return E.mul(lb.args[0]!, E.mul(a, lb.args[1]!));
      return undefined;
    },
  },
  rule('product-with-identity', ['eye(n) A', 'A eye(n)'], ['A', 'A'], { cite: 'AI = IA = A', inside: 'named too' }),
  {
    name: 'zero-through-linear',
    identity: 'a linear map of 0 is 0: vec(0) = 0ᵀ… = tr(0) = A·0 = 0 ⊗ B = 0',
    pattern: 'vec(0), 0ᵀ, tr(0), sum(0), sum_rows(0), sum_cols(0), diag(0), diag_part(0), unvec(0), A 0, 0 A, A ⊗ 0, 0 ⊗ A',
    result: 'zeros of the result’s shape',
    apply(n) {
      if (!OPS[n.op].linearInEach || !n.args.some(E.isZero)) return undefined;
      return E.zeros(n.shape);
    },
  },
  rule('trace-of-scaled-identity', ['tr(eye(n))', 'tr(c ⊙ eye(n))', 'tr(eye(n) ⊙ c)'], ['n', 'c n', 'c n'], { cite: 'tr(c I_n) = c n', when: [[], ['scalar(c)'], ['scalar(c)']], inside: 'named too' }),
  ...TEXTBOOK_IDENTITIES,
];

