/**
 * Powers: the elementwise power A.^p (for a 1×1 A, any real power), and the matrix
 * power A^p of a square matrix for an integer p ≥ 1 (A^0 = I and A^(−1) = inv(A) are
 * built as eye and inv by the parser's builder).
 *   d(A.^p) = p A.^(p−1) ⊙ dA, and ∂/∂p = A.^p ⊙ log A (summed to a scalar).
 *   d(A^p) = Σ_{k<p} A^k dA A^(p−1−k), so ∂/∂A = Σ_k (Aᵀ)^k G (Aᵀ)^(p−1−k) (Cookbook eq. 90-91).
 */
import { apply, isNum, type Expr } from '../ast.js';
import { shapeError } from '../shape/sizes.js';
import * as E from '../algebra.js';
import { isScalar, isSquare, showShape } from '../shape/shape.js';
import { matPow, zipBroadcast } from '../numeric/matrix.js';
import { DcalcError } from '../errors.js';
import { type OpSpec, type PrintCtx, PREC, both } from './spec.js';

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };

/** An integer as superscript digits (A¹⁰⁰, x⁻¹²); undefined for a non-integer or one too large to print as digits. */
function superscript(n: number): string | undefined {
  if (!Number.isSafeInteger(n)) return undefined;
  return String(n).split('').map((c) => SUPERSCRIPT[c]).join('');
}

/**
 * The exponent of `a^p` as printed: parenthesised where it would read back as
 * something else — `x^T` (and `x^⊤`, `x^{T}`, `x^-T`) are transposes, not a power T.
 */
function exponent(p: PrintCtx): string {
  const e = p.arg(1, PREC.atom);
  return /^(?:\{)?[-−]?(?:T|⊤|\top)/u.test(e) ? `(${e})` : e;
}

const epow: OpSpec = {
  symbol: '.^',
  python: both('{0} ** {1}'),
  identity: 'd(A.^p) = p A.^(p−1) ⊙ dA',
  arity: 2,
  ring: true,
  shape([a, p], _attr, sizes) {
    const message = () => `the exponent must be a scalar, not ${showShape(p!)}`;
    sizes.same(p!.rows, 1, message);
    sizes.same(p!.cols, 1, message);
    return a!;
  },
  vjp(node, g, wanted) {
    const [a, p] = node.args as [Expr, Expr];
    const pm1 = isNum(p) ? E.num(p.value - 1) : E.sub(p, E.num(1));
    const da = isNum(pm1, 0) ? E.mul(g, p) : E.mul(E.mul(g, p), isNum(pm1, 1) ? a : apply('epow', [a, pm1]));
    return [wanted[0] ? da : null, wanted[1] ? E.sumAll(E.mul(E.mul(g, node), apply('log', [a]))) : null];
  },
  // d(A.^p) = p A.^(p−1) ⊙ dA + A.^p ⊙ log(A) dp
  jvp(node, [da, dp]) {
    const [a, p] = node.args as [Expr, Expr];
    const pm1 = isNum(p) ? E.num(p.value - 1) : E.sub(p, E.num(1));
    const slope = isNum(pm1, 0) ? p : E.mul(p, isNum(pm1, 1) ? a : apply('epow', [a, pm1]));
    return E.sumOf(node.shape, da && E.mul(slope, da), dp && E.mul(E.mul(node, apply('log', [a])), dp));
  },
  evaluate([a, p]) {
    const e = p!.data[0]!;
    return zipBroadcast(a!, p!, (x) => {
      if (x < 0 && !Number.isInteger(e)) throw new DcalcError('domain', `a negative value (${x}) to the non-integer power ${e}`);
      if (x === 0 && e < 0) throw new DcalcError('domain', 'division by zero (0 to a negative power)');
      return Math.pow(x, e);
    });
  },
  print(node, p) {
    const [a, e] = node.args as [Expr, Expr];
    const scalarBase = isScalar(a.shape);
    if (p.format === 'latex') {
      const e = p.arg(1, 0);
      return { text: `${p.arg(0, PREC.atom)}^{${scalarBase ? '' : '\\circ '}${/^[-−]?(?:T|⊤|\\top)/u.test(e) ? `(${e})` : e}}`, prec: PREC.post };
    }
    // x² of a matrix that is not square reads back as its elementwise square (no matrix
    // power exists; parse/build.ts); a square X keeps X.^2, since X² would be X·X.
    if (p.format === 'text' && isNum(e) && (scalarBase || (!isSquare(a.shape) && e.value > 0))) {
      const sup = superscript(e.value);
      if (sup) return { text: `${p.arg(0, PREC.atom)}${sup}`, prec: PREC.post };
    }
    const op = scalarBase ? '^' : '.^';
    return { text: `${p.arg(0, PREC.atom)}${op}${exponent(p)}`, prec: PREC.post };
  },
};

const mpow: OpSpec = {
  symbol: 'matrix power',
  python: both('$.linalg.matrix_power({0}, {p})'),
  identity: 'd(Aᵖ) = Σₖ Aᵏ dA Aᵖ⁻¹⁻ᵏ',
  arity: 1,
  symmetry: 'of-argument',
  shape([a], attr, sizes) {
    sizes.same(a!.rows, a!.cols, () => `needs a square matrix, not ${showShape(a!)}`);
    if (!Number.isInteger(attr.p) || attr.p! < 1) shapeError(`the exponent of a matrix power must be an integer, not ${attr.p}`);
    return a!;
  },
  vjp(node, g) {
    const a = node.args[0]!;
    const p = node.attr.p!;
    const at = E.transpose(a);
    const pw = (k: number): Expr | null => (k === 0 ? null : k === 1 ? at : apply('mpow', [at], { p: k }));
    let sum: Expr | null = null;
    for (let k = 0; k < p; k++) {
      const left = pw(k);
      const right = pw(p - 1 - k);
      let term = g;
      if (left) term = E.matmul(left, term);
      if (right) term = E.matmul(term, right);
      sum = sum ? E.add(sum, term) : term;
    }
    return [sum];
  },
  // d(A^p) = Σ_{k<p} A^k dA A^(p−1−k)
  jvp(node, [da]) {
    if (!da) return null;
    const a = node.args[0]!;
    const p = node.attr.p!;
    const pw = (k: number): Expr | null => (k === 0 ? null : k === 1 ? a : apply('mpow', [a], { p: k }));
    let sum: Expr | null = null;
    for (let k = 0; k < p; k++) {
      let term = da;
      const left = pw(k);
      const right = pw(p - 1 - k);
      if (left) term = E.matmul(left, term);
      if (right) term = E.matmul(term, right);
      sum = sum ? E.add(sum, term) : term;
    }
    return sum;
  },
  evaluate: ([a], node) => matPow(a!, node.attr.p!),
  print(node, p) {
    const k = node.attr.p!;
    if (p.format === 'latex') return { text: `${p.arg(0, PREC.atom)}^{${k}}`, prec: PREC.post };
    const sup = superscript(k);
    if (p.format === 'text' && sup) return { text: `${p.arg(0, PREC.atom)}${sup}`, prec: PREC.post };
    return { text: `${p.arg(0, PREC.atom)}^${k}`, prec: PREC.post };
  },
};

/** The power family, by operator name. */
export const POWER_OPS = { epow, mpow } satisfies Record<string, OpSpec>;
