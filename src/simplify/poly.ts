/**
 * The elementwise normal form. Sums, negations, Hadamard products and quotients and
 * integer elementwise powers form a commutative ring (with broadcasting), so an
 * elementwise expression can be expanded into a sum of monomials c·∏ atomᵏ, like
 * terms collected and x ⊘ x cancelled. This is what turns the binary cross-entropy
 * of a sigmoid, (−y ⊘ a + (1 − y) ⊘ (1 − a)) ⊙ a ⊙ (1 − a), into a − y.
 *
 * A sum that is divided by somewhere in the expression is kept whole (an atom), so
 * that (1 − y) ⊘ (1 − a) ⊙ (1 − a) cancels; the engine repeats the normalisation
 * while it makes the expression smaller. Expansion is bounded, so it never blows up.
 */
import { type Expr, type OpNode, isOp } from '../ast.js';
import { OPS } from '../ops/registry.js';
import * as E from '../algebra.js';
import { type Shape, broadcastShapes, isScalar, shapeEq, SCALAR } from '../shape/shape.js';

interface Factor {
  atom: Expr;
  exp: number;
}

interface Mono {
  coef: number;
  factors: Map<number, Factor>;
  shape: Shape;
}

const MAX_TERMS = 48;

class TooBig extends Error {}

/** The key of a monomial's factors (like terms share it); cached, as factor maps are never changed once built. */
const monoKeys = new WeakMap<Map<number, Factor>, string>();
function monoKey(m: Mono): string {
  let k = monoKeys.get(m.factors);
  if (k === undefined) {
    k = [...m.factors.entries()]
      .filter(([, f]) => f.exp !== 0)
      .sort((a, b) => a[0] - b[0])
      .map(([id, f]) => `${id}^${f.exp}`)
      .join('*');
    monoKeys.set(m.factors, k);
  }
  return k;
}

function bshape(a: Shape, b: Shape): Shape {
  const r = broadcastShapes(a, b);
  if (!r) throw new TooBig('broadcast');
  return r.shape;
}

function mulMono(a: Mono, b: Mono): Mono {
  const factors = new Map(a.factors);
  for (const [id, f] of b.factors) {
    const prev = factors.get(id);
    const exp = (prev?.exp ?? 0) + f.exp;
    if (exp === 0) factors.delete(id);
    else factors.set(id, { atom: f.atom, exp });
  }
  return { coef: a.coef * b.coef, factors, shape: bshape(a.shape, b.shape) };
}

/**
 * Like terms summed. A sum is zero when it cancels: when it is within rounding
 * (a few ulps) of the largest coefficient that went into it (0.1 + 0.2 − 0.3).
 * A coefficient that is merely small (1e-20·x) is kept: smallness is not cancellation.
 */
function collect(monos: Mono[]): Mono[] {
  const byKey = new Map<string, Mono>();
  const largest = new Map<string, number>();
  const order: string[] = [];
  for (const m of monos) {
    const k = monoKey(m);
    const prev = byKey.get(k);
    largest.set(k, Math.max(largest.get(k) ?? 0, Math.abs(m.coef)));
    if (prev) byKey.set(k, { ...prev, coef: prev.coef + m.coef, shape: bshape(prev.shape, m.shape) });
    else {
      byKey.set(k, m);
      order.push(k);
    }
  }
  const CANCELLED = 16 * Number.EPSILON;
  return order.map((k) => byKey.get(k)!).filter((m) => Math.abs(m.coef) > CANCELLED * largest.get(monoKey(m))!);
}

function atomMono(e: Expr, exp = 1): Mono {
  return { coef: 1, factors: new Map([[e.id, { atom: e, exp }]]), shape: e.shape };
}

/** Whether e is an operator of the elementwise ring (OpSpec.ring). */
const inRing = (e: Expr): e is OpNode => e.kind === 'op' && OPS[e.op].ring === true;

export function isAlgebra(e: Expr): boolean {
  return e.kind === 'num' || inRing(e);
}

/**
 * The elementwise region of e: the algebra nodes reachable from e without passing an
 * atom (or one of `atoms`, the named nodes), and the atoms at its boundary (not what is
 * below them), children first. The
 * normal form only ever looks here, so its cost does not grow with what lies below the
 * atoms (a deep network below a matrix product).
 */
function region(e: Expr, atoms: ReadonlySet<number> = new Set()): Expr[] {
  const seen = new Set<number>();
  const out: Expr[] = [];
  const stack: { n: Expr; i: number }[] = [{ n: e, i: 0 }];
  seen.add(e.id);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const kids = isAlgebra(top.n) && top.n.kind === 'op' && (top.n === e || !atoms.has(top.n.id)) ? top.n.args : [];
    if (top.i < kids.length) {
      const k = kids[top.i++]!;
      if (!seen.has(k.id)) {
        seen.add(k.id);
        stack.push({ n: k, i: 0 });
      }
    } else {
      out.push(top.n);
      stack.pop();
    }
  }
  return out;
}

const MAX_REGION = 400;

/** Whether the elementwise region of e has more than `limit` nodes (stops counting there). */
function regionLarger(e: Expr, limit: number): boolean {
  const seen = new Set<number>([e.id]);
  const stack: Expr[] = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isAlgebra(n) || n.kind !== 'op') continue;
    for (const a of n.args) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      if (seen.size > limit) return true;
      stack.push(a);
    }
  }
  return false;
}

/** Sums that are divided by somewhere in the elementwise expression e. */
function divisorSums(e: Expr): Set<number> {
  const out = new Set<number>();
  // The sums among the factors of each divisor: (1 − y) ⊘ (n(1 − p)) divides by 1 − p.
  const factorsOf = (d: Expr): void => {
    if (isOp(d, 'add')) out.add(d.id);
    else if (isOp(d, 'mul')) d.args.forEach(factorsOf);
    else if (isOp(d, 'neg')) factorsOf(d.args[0]!);
    else if (isOp(d, 'epow')) factorsOf(d.args[0]!);
  };
  for (const n of region(e)) if (isOp(n, 'div')) factorsOf(n.args[1]!);
  return out;
}

/** A sum's monomials as a key, and the key of its negation: a − 1 is −(1 − a). */
function polyKeys(monos: Mono[]): [string, string] {
  const key = (sign: number) =>
    monos
      .map((m) => `${m.coef * sign}|${monoKey(m)}`)
      .sort()
      .join('+');
  return [key(1), key(-1)];
}

/**
 * Opaque divisor sums by the key of their expansion, so that a − 1 is recognised as
 * −(1 − a); `terms` holds how many monomials each has, so a sum of another length
 * is never keyed (keying a sum sorts its terms: keying every sum of a long chain was
 * quadratic).
 */
interface OpaqueKeys {
  readonly byKey: Map<string, { atom: Expr; sign: number }>;
  readonly terms: Set<number>;
}
const noKeys = (): OpaqueKeys => ({ byKey: new Map(), terms: new Set() });
/** Only sums this small (in region nodes) are keyed: recognising a − 1 as −(1 − a) is for short sums. */
const MAX_KEYED_REGION = 24;

/**
 * Expansions of subtrees without sums, shared by every call: nothing of the context
 * (which sums are opaque, their keys) changes them, and the bottom-up simplifier asks
 * for the same ones again at every level above (1/(1/(1/…x)) was cubic without this).
 */
const contextFree = new WeakMap<Expr, Mono[]>();
const sumFreeMemo = new WeakMap<Expr, boolean>();

/** Whether no sum lies in e's elementwise region (then its expansion is context-free). */
function sumFree(e: Expr): boolean {
  if (!inRing(e)) return true;
  if (e.op === 'add') return false;
  let r = sumFreeMemo.get(e);
  if (r === undefined) {
    r = e.args.every(sumFree);
    sumFreeMemo.set(e, r);
  }
  return r;
}

function toPoly(e: Expr, opaque: Set<number>, memo: Map<number, Mono[]>, keys: OpaqueKeys = noKeys()): Mono[] {
  // An opaque node is an atom even where its expansion is cached (a user's named intermediate may be sum-free).
  const hit = memo.get(e.id) ?? (opaque.has(e.id) ? undefined : contextFree.get(e));
  if (hit) return hit;
  let r: Mono[];
  if (e.kind === 'num') r = e.value === 0 ? [] : [{ coef: e.value, factors: new Map(), shape: SCALAR }];
  else if (!inRing(e) || opaque.has(e.id)) r = [atomMono(e)];
  else {
    const args = e.args;
    switch (e.op) {
      case 'ones':
        r = [{ coef: 1, factors: new Map(), shape: e.shape }];
        break;
      case 'zeros':
        r = [];
        break;
      case 'add': {
        r = collect([...toPoly(args[0]!, opaque, memo, keys), ...toPoly(args[1]!, opaque, memo, keys)]);
        const same = keys.terms.has(r.length) ? keys.byKey.get(polyKeys(r)[0]) : undefined;
        if (same) r = [{ ...atomMono(same.atom), coef: same.sign }];
        break;
      }
      case 'neg':
        r = toPoly(args[0]!, opaque, memo, keys).map((m) => ({ ...m, coef: -m.coef }));
        break;
      case 'mul': {
        const a = toPoly(args[0]!, opaque, memo, keys);
        const b = toPoly(args[1]!, opaque, memo, keys);
        if (a.length * b.length > MAX_TERMS) throw new TooBig('terms');
        const out: Mono[] = [];
        for (const x of a) for (const y of b) out.push(mulMono(x, y));
        r = collect(out);
        break;
      }
      case 'div': {
        const a = toPoly(args[0]!, opaque, memo, keys);
        const b = toPoly(args[1]!, opaque, memo, keys);
        let inv: Mono;
        if (b.length === 1 && b[0]!.coef !== 0) {
          const m = b[0]!;
          const factors = new Map<number, Factor>();
          for (const [id, f] of m.factors) factors.set(id, { atom: f.atom, exp: -f.exp });
          inv = { coef: 1 / m.coef, factors, shape: m.shape };
        } else inv = atomMono(args[1]!, -1);
        r = collect(a.map((x) => mulMono(x, inv)));
        break;
      }
      case 'epow': {
        const p = args[1]!;
        const base = toPoly(args[0]!, opaque, memo, keys);
        if (p.kind === 'num' && Number.isInteger(p.value) && base.length === 1) {
          const m = base[0]!;
          const factors = new Map<number, Factor>();
          for (const [id, f] of m.factors) factors.set(id, { atom: f.atom, exp: f.exp * p.value });
          r = [{ coef: m.coef ** p.value, factors, shape: m.shape }];
        } else if (p.kind === 'num' && Number.isInteger(p.value) && p.value >= 1 && p.value <= 3) {
          let acc: Mono[] = [{ coef: 1, factors: new Map(), shape: SCALAR }];
          for (let i = 0; i < p.value; i++) {
            if (acc.length * base.length > MAX_TERMS) throw new TooBig('terms');
            const out: Mono[] = [];
            for (const x of acc) for (const y of base) out.push(mulMono(x, y));
            acc = collect(out);
          }
          r = acc;
        } else r = [atomMono(e)];
        break;
      }
      default:
        r = [atomMono(e)];
    }
  }
  memo.set(e.id, r);
  if (sumFree(e)) contextFree.set(e, r);
  return r;
}

/** Tree size of an expression: what a reader has to read. */
export function cost(e: Expr, memo = new Map<number, number>()): number {
  const hit = memo.get(e.id);
  if (hit !== undefined) return hit;
  let c = 1;
  if (e.kind === 'op') for (const a of e.args) c += cost(a, memo);
  memo.set(e.id, c);
  return c;
}

function power(atom: Expr, k: number): Expr {
  if (k === 1) return atom;
  return E.call('epow', atom, E.num(k));
}

/**
 * Where each node first appears in the expression being normalised (children first,
 * left to right). Orders factors deterministically: node ids depend on what else was
 * built before in the request, so they must never decide what is printed.
 */
type Position = ReadonlyMap<number, number>;

function product(position: Position, factors: Factor[], sign: 1 | -1, start?: Expr): Expr | undefined {
  // Scalars first (`2λw`), then the chain rule's order: the incoming gradient before
  // the local derivative, a function's value (`(ŷ − y)W₂ᵀ ⊙ h ⊙ (1 − h)`).
  const rank = (f: Factor) => factorRank(f.atom);
  const pos = (f: Factor) => position.get(f.atom.id) ?? Number.MAX_SAFE_INTEGER;
  const chosen = factors.filter((f) => Math.sign(f.exp) === sign).sort((a, b) => rank(a) - rank(b) || pos(a) - pos(b));
  let out: Expr | undefined = start;
  for (const f of chosen) {
    const t = power(f.atom, Math.abs(f.exp));
    out = out ? E.mul(out, t) : t;
  }
  return out;
}

function numberExpr(c: number): Expr {
  return E.num(c);
}

/** A monomial as an expression, with a non-negative coefficient (the sign is returned). */
function monoExpr(position: Position, m: Mono): { e: Expr; negative: boolean } {
  const negative = m.coef < 0;
  const c = Math.abs(m.coef);
  const fs = [...m.factors.values()];
  const recip = 1 / c;
  const recipInt = Math.abs(recip - Math.round(recip)) < 1e-12 && Math.round(recip) > 1;
  // The coefficient leads the product: 2λw, not 2(λw).
  const num = product(position, fs, 1, c !== 1 && !recipInt ? numberExpr(c) : undefined);
  const den = product(position, fs, -1);
  let e: Expr = num ?? E.num(1);
  let denom = den;
  if (recipInt) denom = denom ? E.mul(E.num(Math.round(recip)), denom) : E.num(Math.round(recip));
  if (denom) e = E.div(e, denom);
  return { e, negative };
}

function sumExpr(position: Position, monos: Mono[]): Expr {
  // Positive terms first: `a − y`, `s − y`, not `−y + a`.
  const parts = monos.map((m) => monoExpr(position, m));
  const ordered = [...parts.filter((p) => !p.negative), ...parts.filter((p) => p.negative)];
  let out: Expr | undefined;
  for (const p of ordered) {
    if (!out) out = p.negative ? E.neg(p.e) : p.e;
    else out = p.negative ? E.sub(out, p.e) : E.add(out, p.e);
  }
  return out!;
}

/** Takes the common factor out of a sum: (S − Y)/N, 2(x − y), y ⊙ (a − 1). */
function factored(position: Position, monos: Mono[]): Expr {
  if (monos.length === 1) {
    const { e, negative } = monoExpr(position, monos[0]!);
    return negative ? E.neg(e) : e;
  }
  const common = new Map<number, Factor>();
  const first = monos[0]!;
  for (const [id, f] of first.factors) {
    let exp = f.exp;
    let ok = true;
    for (const m of monos.slice(1)) {
      const g = m.factors.get(id);
      if (!g || Math.sign(g.exp) !== Math.sign(exp)) {
        ok = false;
        break;
      }
      exp = exp > 0 ? Math.min(exp, g.exp) : Math.max(exp, g.exp);
    }
    if (ok) common.set(id, { atom: f.atom, exp });
  }
  // A common numeric factor: 2x − 2y = 2(x − y); all negative: −(x + y).
  const absCoefs = monos.map((m) => Math.abs(m.coef));
  const minC = Math.min(...absCoefs);
  let cf = minC !== 1 && absCoefs.every((c) => Math.abs(c / minC - Math.round(c / minC)) < 1e-12) ? minC : 1;
  if (monos.every((m) => m.coef < 0)) cf = -cf;
  if (common.size === 0 && cf === 1) return sumExpr(position, monos);
  const rest = monos.map((m) => {
    const factors = new Map(m.factors);
    for (const [id, f] of common) {
      const exp = factors.get(id)!.exp - f.exp;
      if (exp === 0) factors.delete(id);
      else factors.set(id, { atom: f.atom, exp });
    }
    return { coef: m.coef / cf, factors, shape: m.shape };
  });
  const inner = sumExpr(position, rest);
  // The chain rule's order: when the common factor is only local derivatives (step(z),
  // σ(h)) and the sum is an incoming gradient, the sum goes first: 2(x̂ − X) ⊙ step(z).
  const commonFactors = [...common.values()];
  const sumFirst =
    commonFactors.some((f) => factorRank(f.atom) === 2) &&
    commonFactors.every((f) => factorRank(f.atom) !== 1) &&
    rest.some((m) => [...m.factors.values()].some((f) => factorRank(f.atom) === 1));
  let out: Expr;
  if (sumFirst) {
    // c(sum) ⊙ local derivatives / denominators: 2(x̂ − X) ⊙ step(z)/n
    const pick = (test: (f: Factor) => boolean) => new Map([...common].filter(([, f]) => test(f)));
    const lead = monoExpr(position, { coef: Math.abs(cf), factors: pick((f) => f.exp > 0 && isScalar(f.atom.shape)), shape: SCALAR }).e;
    const locals = product(position, [...pick((f) => f.exp > 0 && !isScalar(f.atom.shape)).values()], 1);
    const denominator = product(position, [...pick((f) => f.exp < 0).values()], -1);
    out = E.num(1) === lead ? inner : E.mul(lead, inner);
    if (locals) out = E.mul(out, locals);
    if (denominator) out = E.div(out, denominator);
    return cf < 0 ? E.neg(out) : out;
  }
  // A fractional common factor divides: (Aᵀx + Ax)/2, not 0.5(Aᵀx + Ax).
  const recip = 1 / Math.abs(cf);
  if (common.size === 0 && Math.abs(recip - Math.round(recip)) < 1e-12 && Math.round(recip) > 1) {
    const out = E.div(inner, E.num(Math.round(recip)));
    return cf < 0 ? E.neg(out) : out;
  }
  const { e: outer, negative } = monoExpr(position, { coef: cf, factors: common, shape: SCALAR });
  // Put the common factor where a textbook puts it: numerators in front, denominators under.
  if (isOp(outer, 'div')) {
    const [n, d] = outer.args as [Expr, Expr];
    out = E.div(E.num(1) === n ? inner : E.mul(n, inner), d);
  } else if (E.num(1) === outer) out = inner;
  else out = scalarSide(outer, inner);
  return negative ? E.neg(out) : out;
}

/** 0 for scalars, 2 for values of functions (σ(h), step(z), exp(x): local derivatives), 1 otherwise. */
function factorRank(e: Expr): number {
  if (isScalar(e.shape)) return 0;
  if (e.kind !== 'op') return 1;
  if (OPS[e.op].elementwise) return 2;
  // A sum or product of local derivatives is one too (1 − a); with a gradient in it, it is not (a − y).
  if (inRing(e)) {
    const ranks = e.args.filter((a) => !isScalar(a.shape)).map(factorRank);
    return ranks.length ? Math.min(...ranks) : 0;
  }
  return 1;
}

/** 1 + exp(z) (either order), or undefined. */
function onePlusExp(e: Expr): Expr | undefined {
  if (!isOp(e, 'add')) return undefined;
  const [a, b] = e.args as [Expr, Expr];
  if (a.kind === 'num' && a.value === 1 && isOp(b, 'exp')) return b;
  if (b.kind === 'num' && b.value === 1 && isOp(a, 'exp')) return a;
  return undefined;
}

/** exp(z) ⊘ (1 + exp(z)) = σ(z) and 1 ⊘ (1 + exp(z)) = σ(−z), inside a monomial. */
function recogniseSigmoid(m: Mono): Mono {
  let factors: Map<number, Factor> | undefined;
  for (const [id, f] of m.factors) {
    const ex = f.exp === -1 ? onePlusExp(f.atom) : undefined;
    if (!ex) continue;
    factors ??= new Map(m.factors);
    factors.delete(id);
    const z = (ex as { args: readonly Expr[] }).args[0]!;
    const withExp = factors.get(ex.id);
    let sig: Expr;
    if (withExp && withExp.exp >= 1) {
      if (withExp.exp === 1) factors.delete(ex.id);
      else factors.set(ex.id, { atom: ex, exp: withExp.exp - 1 });
      sig = E.call('sigmoid', z);
    } else sig = E.call('sigmoid', E.neg(z));
    const prev = factors.get(sig.id);
    factors.set(sig.id, { atom: sig, exp: (prev?.exp ?? 0) + 1 });
  }
  // σ(−z) ⊙ exp(z) = σ(z), and σ(z) ⊙ exp(−z) = σ(−z)
  for (const [id, f] of factors ?? m.factors) {
    if (f.exp !== 1 || !isOp(f.atom, 'sigmoid')) continue;
    const u = f.atom.args[0]!;
    const z = E.neg(u);
    const ex = E.call('exp', z);
    const fe = (factors ?? m.factors).get(ex.id);
    if (!fe || fe.exp < 1) continue;
    factors ??= new Map(m.factors);
    factors.delete(id);
    if (fe.exp === 1) factors.delete(ex.id);
    else factors.set(ex.id, { atom: ex, exp: fe.exp - 1 });
    const sig = E.call('sigmoid', z);
    factors.set(sig.id, { atom: sig, exp: (factors.get(sig.id)?.exp ?? 0) + 1 });
  }
  return factors ? { ...m, factors } : m;
}

/**
 * A scalar times a matrix, in the order that is also a valid matrix product:
 * `Xᵀ(a − y)` for a column, `(a − y)W₂ᵀ` for a row or a matrix.
 */
function scalarSide(a: Expr, b: Expr): Expr {
  const [s, m] = isScalar(a.shape) ? [a, b] : isScalar(b.shape) ? [b, a] : [undefined, undefined];
  if (!s || !m || isScalar(m.shape)) return E.mul(a, b);
  return m.shape.cols === 1 ? E.mul(m, s) : E.mul(s, m);
}

/**
 * Collected forms of the elementwise expression e: one that expands sums (except those
 * divided by), one that keeps every sum whole and only cancels and collects. Each is
 * left out when its expansion is too large or would need a broadcast the contract
 * forbids; the engine keeps the cheapest.
 */
export function normalForms(e: Expr, named: ReadonlySet<number> = new Set()): Expr[] {
  const out: Expr[] = [];
  // A very large elementwise region (a sum of thousands of terms) is left as it is: the
  // normal form is for textbook-sized expressions, and must not make long inputs slow.
  if (regionLarger(e, MAX_REGION)) return out;
  for (const keepSums of [false, true]) {
    const f = normalForm(e, keepSums, named);
    if (f && !out.includes(f)) out.push(f);
  }
  return out;
}

function allSums(e: Expr): Set<number> {
  const out = new Set<number>();
  for (const n of region(e)) if (isOp(n, 'add') && n !== e) out.add(n.id);
  return out;
}

/**
 * The named nodes (the user's intermediates, `named`) are atoms: the program's μ is never
 * expanded again into sum(x)/D (issue 12), and a sum that expands to one of them (x − μ)
 * is recognised as its name by the keys below, as a − 1 is recognised as −(1 − a).
 */
function normalForm(e: Expr, keepSums: boolean, named: ReadonlySet<number>): Expr | undefined {
  const position: Position = new Map(region(e, named).map((n, i) => [n.id, i]));
  try {
    const opaque = keepSums ? allSums(e) : divisorSums(e);
    for (const n of region(e, named)) if (n !== e && named.has(n.id)) opaque.add(n.id);
    const keys = noKeys();
    const keyMemo = new Map<number, Mono[]>();
    for (const n of region(e)) {
      if (!opaque.has(n.id) || regionLarger(n, MAX_KEYED_REGION)) continue;
      const poly = toPoly(n, new Set(), keyMemo);
      const [k, negK] = polyKeys(poly);
      keys.byKey.set(k, { atom: n, sign: 1 });
      if (!keys.byKey.has(negK)) keys.byKey.set(negK, { atom: n, sign: -1 });
      keys.terms.add(poly.length);
    }
    const monos = toPoly(e, opaque, new Map(), keys).map(recogniseSigmoid);
    let out: Expr = monos.length === 0 ? E.zeros(e.shape) : factored(position, monos);
    if (!shapeEq(out.shape, e.shape)) {
      if (!broadcastShapes(out.shape, e.shape) || !shapeEq(broadcastShapes(out.shape, e.shape)!.shape, e.shape)) return undefined;
      out = E.broadcastTo(out, e.shape);
    }
    return out;
  } catch (err) {
    if (err instanceof TooBig) return undefined;
    if (err instanceof Error && err.name === 'DcalcError') return undefined;
    throw err;
  }
}
