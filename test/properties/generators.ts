/**
 * Random inputs for dcalc's property tests (test/properties), its fuzz test
 * (test/fuzz) and `npm run fuzz` (scripts/fuzz.mjs, which bundles this file).
 *
 * This module depends on fast-check and on two dependency-free helpers of src/numeric
 * (the seeded RNG and relErr) — never on the engine — so that the fuzz script can run it
 * against the built library, which it is handed as `lib`.
 *
 * 1. Well-shaped programs. `scalarProgram()` and `matrixProgram()` generate programs
 *    *shape-directed*: an expression of a requested shape is one of the operators that
 *    can produce that shape, applied to random expressions of the shapes the operator
 *    needs (a product m×n = (m×j)(j×n) for a random j, a row 1×n = sum_cols(j×n), a
 *    column of size k·n = vec(k×n), …). Every operator family of the language appears:
 *    + − ⊙ ⊘ / products, transposes, scalars, powers, exp log sqrt sin cos tanh σ relu
 *    softplus, sum mean sum_rows sum_cols tr norms, softmax softmax_rows logsumexp,
 *    det logdet inv, kron vec diag diag_part eye ones. Sizes are the dimension names
 *    m, n, k, p (bound to 2..5 when sampled), sometimes 2 or 3, and products of two of
 *    them (Kronecker products, vec). Depth is at most 4.
 *
 *    Domains are respected by construction, with four flavours of expression:
 *    `any`; `pos` (entries ≥ ~0.1: positive variables, exp of a bounded value,
 *    1 + X ⊙ X, σ/softplus of a bounded value, …) under log, sqrt and ⊘; `bnd`
 *    (entries of magnitude ≲ 3) under exp; `spd` (symmetric positive definite and well
 *    conditioned: `S: n×n spd` variables, S + AᵀA, S⁻¹, …) under inv, logdet and
 *    log(det(·)). Variables carry the assumptions their use needs (`positive`, `spd`,
 *    `symmetric`, `simplex`, `simplex_rows`), and sampled points honour them.
 *
 *    The text is printed with random notation (⊙ or .* or ∘, Aᵀ or A' or A^T, x² or
 *    x^2, juxtaposition with or without a space, `A: m×n` or `A ∈ ℝ^{m×n}` or
 *    `A: m x n`, declarations in the program or in `--let`, named intermediates).
 *
 * 2. Fuzz inputs (`fuzzCase()`): random characters, mutations of valid programs,
 *    deep nesting, long inputs, random `--let` and `--at` text, random batch lines.
 */
import fc from 'fast-check';
import { hostileCaseArb, describeHostile, checkHostileCase, type HostileCase } from './hostile-generators.js';
// The two dependency-free helpers of src/numeric; the engine under test comes in as `lib`.
import { makeRng, type Rng } from '../../src/numeric/rng.js';
import { relErr } from '../../src/numeric/rel-err.js';

export { fc };

// ---------------------------------------------------------------------------------
// Seeds

export const DEFAULT_PROP_SEED = 20251125;

/** The seed of every property test: DCALC_PROP_SEED, or a fixed default. */
export function propSeed(): number {
  const raw = typeof process !== 'undefined' ? process.env.DCALC_PROP_SEED : undefined;
  if (raw === undefined || raw.trim() === '') return DEFAULT_PROP_SEED;
  const s = Number(raw);
  if (!Number.isInteger(s)) throw new Error(`DCALC_PROP_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return s;
}

// ---------------------------------------------------------------------------------
// Sizes: a size is a sorted list of atoms (a dimension name or 2 or 3); [] is 1.

export type Dim = readonly string[];
export interface Shp {
  readonly r: Dim;
  readonly c: Dim;
}

const sh = (r: Dim, c: Dim): Shp => ({ r, c });
const SCALAR: Shp = sh([], []);
export const dimText = (d: Dim): string => (d.length ? d.join('*') : '1');
const skey = (s: Shp): string => `${dimText(s.r)}×${dimText(s.c)}`;
const isOne = (d: Dim): boolean => d.length === 0;
const isScalarShape = (s: Shp): boolean => isOne(s.r) && isOne(s.c);
const isComposite = (d: Dim): boolean => d.length > 1;
const dimEq = (a: Dim, b: Dim): boolean => dimText(a) === dimText(b);
const isSquare = (s: Shp): boolean => dimEq(s.r, s.c);
const tr = (s: Shp): Shp => sh(s.c, s.r);
/** A size's value given values of the dimension names. */
export function dimValue(d: Dim, dims: ReadonlyMap<string, number>): number {
  let v = 1;
  for (const a of d) v *= /^\d+$/.test(a) ? Number(a) : dims.get(a)!;
  return v;
}

export const DIM_NAMES = ['m', 'n', 'k', 'p'] as const;
const atomArb = fc.oneof({ weight: 5, arbitrary: fc.constantFrom<string>(...DIM_NAMES) }, { weight: 1, arbitrary: fc.constantFrom('2', '3') });
/** A simple size: a name, 2, 3 or 1. */
const simpleDimArb: fc.Arbitrary<Dim> = fc.oneof({ weight: 4, arbitrary: atomArb.map((a) => [a]) }, { weight: 1, arbitrary: fc.constant([]) });
const nonOneDimArb: fc.Arbitrary<Dim> = atomArb.map((a) => [a]);
const compositeDimArb: fc.Arbitrary<Dim> = fc.tuple(atomArb, atomArb).map(([a, b]) => [a, b].sort());

// ---------------------------------------------------------------------------------
// Expression trees

export type Kind = 'general' | 'positive' | 'spd' | 'symmetric' | 'simplex' | 'simplex_rows';

export type GNode =
  | { readonly t: 'var'; readonly kind: Kind; readonly s: Shp; readonly i: number }
  | { readonly t: 'num'; readonly v: string }
  | { readonly t: 'dim'; readonly d: string }
  | { readonly t: 'const'; readonly f: 'eye' | 'ones'; readonly s: Shp }
  | { readonly t: 'op'; readonly op: string; readonly a: readonly GNode[]; readonly s: Shp; readonly st: number };

type OpNodeG = Extract<GNode, { t: 'op' }>;

const shapeOf = (n: GNode): Shp => (n.t === 'num' || n.t === 'dim' ? SCALAR : n.s);
const mk = (op: string, a: readonly GNode[], s: Shp, st: number): GNode => ({ t: 'op', op, a, s, st });
const V = (kind: Kind, s: Shp, i: number): GNode => ({ t: 'var', kind, s, i });
const NUM = (v: string): GNode => ({ t: 'num', v });

type Flavour = 'any' | 'pos' | 'bnd' | 'spd';
type W = fc.WeightedArbitrary<GNode>;

const styleArb = fc.nat(11);
const idxArb = fc.nat(1);

function un(op: string, s: Shp, x: fc.Arbitrary<GNode>): fc.Arbitrary<GNode> {
  return fc.tuple(styleArb, x).map(([st, a]) => mk(op, [a], s, st));
}
function bin(op: string, s: Shp, x: fc.Arbitrary<GNode>, y: fc.Arbitrary<GNode>): fc.Arbitrary<GNode> {
  return fc.tuple(styleArb, x, y).map(([st, a, b]) => mk(op, [a, b], s, st));
}
/** A broadcast binary operation with the broadcast operand on either side. */
function binEither(op: string, s: Shp, small: fc.Arbitrary<GNode>, big: fc.Arbitrary<GNode>): fc.Arbitrary<GNode> {
  return fc.tuple(styleArb, fc.boolean(), small, big).map(([st, left, a, b]) => mk(op, left ? [a, b] : [b, a], s, st));
}

/** The ways a size splits into the sizes of a Kronecker product's factors. */
function splits(d: Dim): [Dim, Dim][] {
  if (d.length === 0) return [[[], []]];
  if (d.length === 1) return [[d, []], [[], d]];
  return [[[d[0]!], [d[1]!]], [[d[1]!], [d[0]!]]];
}

const memo = new Map<string, fc.Arbitrary<GNode>>();

/** An expression of shape s, depth at most d, of a flavour. */
export function expr(s: Shp, d: number, fl: Flavour = 'any'): fc.Arbitrary<GNode> {
  const key = `${skey(s)}|${d}|${fl}`;
  let a = memo.get(key);
  if (!a) {
    a = build(s, d, fl);
    memo.set(key, a);
  }
  return a;
}

function leaf(s: Shp, fl: Flavour): fc.Arbitrary<GNode> {
  const opts: W[] = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<GNode>) => opts.push({ weight, arbitrary });
  if (isComposite(s.r) || isComposite(s.c)) {
    // A Kronecker product of leaves, or a constant.
    const sub: Flavour = fl === 'spd' ? 'pos' : fl;
    for (const [r1, r2] of splits(s.r)) for (const [c1, c2] of splits(s.c)) add(2, bin('kron', s, leaf(sh(r1, c1), sub), leaf(sh(r2, c2), sub)));
    if (fl !== 'bnd') add(1, fc.constant<GNode>({ t: 'const', f: 'ones', s }));
    return fc.oneof(...opts);
  }
  if (isScalarShape(s)) {
    if (fl === 'pos' || fl === 'spd') {
      add(2, fc.constantFrom('2', '0.5', '1.5', '.5', '3').map(NUM));
      add(1, atomArb.map((d): GNode => ({ t: 'dim', d })));
      add(3, idxArb.map((i) => V('positive', s, i)));
    } else if (fl === 'bnd') {
      add(1, fc.constantFrom('0.5', '2', '1').map(NUM));
      add(3, idxArb.map((i) => V('general', s, i)));
    } else {
      add(2, fc.constantFrom('2', '0.5', '3', '.5', '1.5', '1e-1', '2e0').map(NUM));
      add(1, atomArb.map((d): GNode => ({ t: 'dim', d })));
      add(4, idxArb.map((i) => V('general', s, i)));
      add(1, idxArb.map((i) => V('positive', s, i)));
    }
    return fc.oneof(...opts);
  }
  const square = isSquare(s);
  switch (fl) {
    case 'spd':
      return idxArb.map((i) => V('spd', s, i));
    case 'pos':
      add(4, idxArb.map((i) => V('positive', s, i)));
      add(1, fc.constant<GNode>({ t: 'const', f: 'ones', s }));
      if (isOne(s.r) || isOne(s.c)) add(1, idxArb.map((i) => V('simplex', s, i)));
      return fc.oneof(...opts);
    case 'bnd':
      return idxArb.map((i) => V('general', s, i));
    case 'any':
      add(8, idxArb.map((i) => V('general', s, i)));
      add(1, idxArb.map((i) => V('positive', s, i)));
      add(1, fc.constant<GNode>({ t: 'const', f: 'ones', s }));
      if (square) {
        add(1, fc.constant<GNode>({ t: 'const', f: 'eye', s }));
        add(1, idxArb.map((i) => V('symmetric', s, i)));
        add(1, idxArb.map((i) => V('spd', s, i)));
      }
      add(1, fc.constantFrom<Kind>('simplex', 'simplex_rows').map((k) => V(isOne(s.r) || isOne(s.c) ? 'simplex' : k, s, 0)));
      return fc.oneof(...opts);
  }
}

function build(s: Shp, d: number, fl: Flavour): fc.Arbitrary<GNode> {
  if (d <= 0) return leaf(s, fl);
  const opts: W[] = [];
  // Weights are given in halves.
  const add = (weight: number, arbitrary: fc.Arbitrary<GNode>) => opts.push({ weight: Math.round(weight * 2), arbitrary });
  const sub = (x: Shp, f: Flavour = 'any') => expr(x, d - 1, f);
  const scalar = isScalarShape(s);
  const composite = isComposite(s.r) || isComposite(s.c);
  const square = isSquare(s) && !scalar;
  const simpleSquare = square && !composite;

  if (fl === 'spd') {
    // Symmetric positive definite, n×n for a simple n ≠ 1.
    add(4, leaf(s, 'spd'));
    add(1, bin('add', s, sub(s, 'spd'), sub(s, 'spd')));
    // S + AᵀA (A printed twice: the same subexpression).
    add(1, simpleDimArb.chain((j) => fc.tuple(styleArb, sub(s, 'spd'), sub(sh(j, s.r))).map(([st, S, A]) => mk('add', [S, mk('matmul', [mk('T', [A], sh(s.r, j), st), A], s, st >> 1)], s, st))));
    add(1, un('inv', s, sub(s, 'spd')));
    add(1, bin('smul', s, fc.constantFrom('2', '0.5').map(NUM), sub(s, 'spd')));
    return fc.oneof(...opts);
  }

  if (fl === 'pos') {
    add(4, leaf(s, 'pos'));
    add(2, un('exp', s, sub(s, 'bnd')));
    add(2, fc.tuple(styleArb, sub(s)).map(([st, x]) => mk('add', [NUM('1'), st % 2 ? mk('hmul', [x, x], s, st) : mk('epow2', [x], s, st)], s, st)));
    add(1, un('sigmoid', s, sub(s, 'bnd')));
    add(1, un('softplus', s, sub(s, 'bnd')));
    add(1, bin('hmul', s, sub(s, 'pos'), sub(s, 'pos')));
    add(1, bin('add', s, sub(s, 'pos'), sub(s, 'pos')));
    add(1, bin('hdiv', s, sub(s, 'pos'), sub(s, 'pos')));
    add(1, un('sqrt', s, sub(s, 'pos')));
    if (!scalar) {
      add(1, bin('smul', s, sub(SCALAR, 'pos'), sub(s, 'pos')));
      add(1, un('T', s, sub(tr(s), 'pos')));
    } else {
      add(1, innerShapeArb.chain((x) => un('sum', s, sub(x, 'pos'))));
      add(1, innerShapeArb.chain((x) => un('mean', s, sub(x, 'pos'))));
      add(1, nonOneDimArb.chain((n) => un('tr', s, sub(sh(n, n), 'spd'))));
      add(1, innerShapeArb.chain((x) => un('norm2sq', s, sub(x))).map((q) => mk('add', [NUM('1'), q], s, 0)));
    }
    return fc.oneof(...opts);
  }

  if (fl === 'bnd') {
    add(4, leaf(s, 'bnd'));
    for (const f of ['sin', 'cos', 'tanh', 'sigmoid']) add(1, un(f, s, sub(s)));
    add(1, un('neg', s, sub(s, 'bnd')));
    if (!scalar) {
      add(1, bin('smul', s, fc.constant(NUM('0.5')), sub(s, 'bnd')));
      add(1, un('softmax', s, sub(s)));
      add(1, un('T', s, sub(tr(s), 'bnd')));
    }
    add(1, bin('add', s, sub(s, 'bnd'), sub(s, 'bnd')));
    return fc.oneof(...opts);
  }

  // 'any' (leaves less often near the top, so that programs are not mostly trivial)
  add(d >= 3 ? 1 : d === 2 ? 3 : 5, leaf(s, 'any'));
  add(3, bin('add', s, sub(s), sub(s)));
  add(2, bin('sub', s, sub(s), sub(s)));
  add(1, un('neg', s, sub(s)));
  add(2, bin('hmul', s, sub(s), sub(s)));
  add(1, bin('hdiv', s, sub(s), sub(s, 'pos')));
  add(3, simpleDimArb.chain((j) => bin('matmul', s, sub(sh(s.r, j)), sub(sh(j, s.c)))));
  for (const f of ['sin', 'cos', 'tanh', 'sigmoid', 'softplus']) add(1, un(f, s, sub(s)));
  // relu of something that is not identically zero (at a kink finite differences are not the derivative).
  add(0.5, un('relu', s, fc.oneof(leaf(s, 'bnd'), simpleDimArb.chain((j) => bin('matmul', s, leaf(sh(s.r, j), 'bnd'), leaf(sh(j, s.c), 'bnd'))))));
  add(1, un('exp', s, sub(s, 'bnd')));
  add(1, un('log', s, sub(s, 'pos')));
  add(1, un('sqrt', s, sub(s, 'pos')));
  add(1, un('epow2', s, sub(s)));
  if (!scalar) {
    add(1, binEither('add', s, sub(SCALAR), sub(s)));
    add(2, bin('smul', s, sub(SCALAR), sub(s)));
    add(1, bin('sdiv', s, sub(s), sub(SCALAR, 'pos')));
    add(2, un('T', s, sub(tr(s))));
    add(1, un('softmax', s, sub(s)));
    add(0.5, un('softmax_rows', s, sub(s)));
    if (!isOne(s.r) && !isOne(s.c)) {
      // Row and column broadcasting.
      add(1, binEither('add', s, sub(sh([], s.c)), sub(s)));
      add(1, binEither('add', s, sub(sh(s.r, [])), sub(s)));
      add(1, binEither('hmul', s, sub(sh([], s.c)), sub(s)));
      add(0.5, bin('hdiv', s, sub(s), sub(sh(s.r, []), 'pos')));
      add(0.5, bin('sub', s, sub(s), sub(sh([], s.c))));
    }
    // A Kronecker product of two factors whose sizes multiply to s.
    const ks: fc.Arbitrary<GNode>[] = [];
    for (const [r1, r2] of splits(s.r)) for (const [c1, c2] of splits(s.c)) ks.push(bin('kron', s, sub(sh(r1, c1)), sub(sh(r2, c2))));
    add(composite ? 6 : 0.5, fc.oneof(...ks));
  } else {
    // Scalars: reductions of expressions of any shape.
    add(3, innerShapeArb.chain((x) => un('sum', s, sub(x))));
    add(1, innerShapeArb.chain((x) => un('mean', s, sub(x))));
    add(1, innerShapeArb.chain((x) => un('norm2sq', s, sub(x))));
    // ‖x‖ of something that is not identically zero (where ‖·‖ has no derivative).
    add(1, innerShapeArb.chain((x) => un('norm2', s, fc.oneof(sub(x, 'pos'), leaf(x, 'bnd')))));
    add(1, squareShapeArb.chain((x) => un('tr', s, sub(x))));
    add(1, vectorShapeArb.chain((x) => un('logsumexp', s, sub(x))));
    add(1, nonOneDimArb.chain((n) => un('logdet', s, sub(sh(n, n), 'spd'))));
    add(0.5, nonOneDimArb.chain((n) => un('det', s, leaf(sh(n, n), 'spd'))).map((x) => mk('log', [x], s, 0)));
    // det of an invertible matrix (dcalc's det(X)X⁻ᵀ cannot be evaluated at a singular X):
    // spd of size 2 (so that det stays small), a variable, or a product of two.
    add(0.5, un('det', s, leaf(sh(['2'], ['2']), 'spd')));
    add(0.5, fc.tuple(fc.constantFrom<Dim>(['2'], ['3'], ['n']), styleArb, idxArb, fc.boolean()).map(([n, st, i, two]) => {
      const x = V('general', sh(n, n), i);
      return mk('det', [two ? mk('matmul', [x, V('general', sh(n, n), 1 - i)], sh(n, n), st) : x], s, st);
    }));
    // A square of something bounded (squares of large values under sin or cos defeat finite differences).
    add(1, un('pow2', s, sub(s, 'bnd')));
    add(1, crossEntropyArb(d));
    // A bilinear form uXv, squared or divided by another: the derivative is a 1×1 product
    // times a matrix, (uXv)uᵀvᵀ, which must print so that it reads back (not as one run uXvuᵀvᵀ).
    add(1, fc.tuple(styleArb, nonOneDimArb, nonOneDimArb, fc.boolean()).chain(([st, m, n, quotient]) => {
      const row = fc.oneof(sub(sh([], m), 'bnd'), leaf(sh(m, []), 'bnd').map((x) => mk('T', [x], sh([], m), st)));
      const form = fc.tuple(row, leaf(sh(m, n), 'bnd'), leaf(sh(n, []), 'bnd')).map(([u, X, v]) => mk('matmul', [mk('matmul', [u, X], sh([], n), st), v], s, st >> 1));
      return quotient ? fc.tuple(form, sub(s, 'pos')).map(([f, q]) => mk('hdiv', [mk('pow2', [f], s, st), q], s, st)) : form.map((f) => mk('pow2', [f], s, st));
    }));
  }
  if (simpleSquare) {
    add(1, fc.tuple(styleArb, sub(s)).map(([st, a]) => mk(`mpow${2 + (st % 2)}`, [a], s, st)));
    add(1, un('inv', s, sub(s, 'spd')));
    add(1, fc.oneof(sub(sh(s.r, [])), sub(sh([], s.r))).chain((v) => un('diag', s, fc.constant(v))));
    add(1, expr(s, d, 'spd'));
  }
  if (!scalar && isOne(s.c)) {
    // Columns.
    if (!composite) add(1, un('diag_part', s, sub(sh(s.r, s.r))));
    add(1, simpleDimArb.chain((j) => un('sum_rows', s, sub(sh(s.r, j)))));
    add(0.5, nonOneDimArb.chain((j) => un('logsumexp_rows', s, sub(sh(s.r, j)))));
    if (composite) add(3, un('vec', s, sub(sh([s.r[0]!], [s.r[1]!]))));
    else add(0.5, un('vec', s, sub(s)));
  }
  if (!scalar && isOne(s.r)) {
    // Rows.
    add(1, simpleDimArb.chain((j) => un('sum_cols', s, sub(sh(j, s.c)))));
    add(0.5, nonOneDimArb.chain((j) => un('logsumexp', s, sub(sh(j, s.c)))));
  }
  return fc.oneof(...opts);
}

/** −sum(Y ⊙ log(softmax(Z))) for a simplex Y (columns; or rows with softmax_rows). */
function crossEntropyArb(d: number): fc.Arbitrary<GNode> {
  return fc.tuple(styleArb, fc.boolean(), fc.tuple(simpleDimArb, nonOneDimArb)).chain(([st, rows, [a, b]]) => {
    const s = rows ? sh(a, b) : sh(b, a);
    const kind: Kind = rows && !isOne(a) ? 'simplex_rows' : 'simplex';
    return expr(s, Math.max(0, d - 2)).map((z) => mk('neg', [mk('sum', [mk('hmul', [V(kind, s, 0), mk('log', [mk(rows ? 'softmax_rows' : 'softmax', [z], s, st)], s, st)], s, st)], SCALAR, st)], SCALAR, st));
  });
}

const innerShapeArb: fc.Arbitrary<Shp> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(simpleDimArb, simpleDimArb).map(([r, c]) => sh(r, c)) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(compositeDimArb, simpleDimArb), fc.oneof(compositeDimArb, simpleDimArb)).map(([r, c]) => sh(r, c)) },
);
const squareShapeArb: fc.Arbitrary<Shp> = fc.oneof({ weight: 5, arbitrary: nonOneDimArb }, { weight: 1, arbitrary: compositeDimArb }).map((n) => sh(n, n));
const vectorShapeArb: fc.Arbitrary<Shp> = fc.tuple(nonOneDimArb, fc.boolean()).map(([n, col]) => (col ? sh(n, []) : sh([], n)));

// ---------------------------------------------------------------------------------
// Printing

const FUNCTION_ALIASES: Record<string, readonly string[]> = {
  exp: ['exp'], log: ['log', 'ln'], sqrt: ['sqrt'], sin: ['sin'], cos: ['cos'], tanh: ['tanh'],
  sigmoid: ['σ', 'sigmoid'], relu: ['relu', 'ReLU'], softplus: ['softplus'],
  sum: ['sum'], mean: ['mean'], sum_rows: ['sum_rows'], sum_cols: ['sum_cols'], tr: ['tr', 'trace'],
  softmax: ['softmax', 'Softmax'], softmax_rows: ['softmax_rows'], logsumexp: ['logsumexp'], logsumexp_rows: ['logsumexp_rows'],
  det: ['det'], logdet: ['logdet'], vec: ['vec'], diag: ['diag'], diag_part: ['diag_part'],
};

const isNameLike = (x: string) => /^[\p{L}][\p{L}\p{N}_]*$/u.test(x);
const isCallLike = (x: string) => /^[\p{L}_0-9]+\(.*\)$/su.test(x) && balanced(x.slice(x.indexOf('(')));
function balanced(x: string): boolean {
  // Whether x is one parenthesised group "( … )".
  let depth = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === '(') depth++;
    else if (x[i] === ')') {
      depth--;
      if (depth === 0 && i < x.length - 1) return false;
    }
  }
  return depth === 0;
}
/** x as an operand of a postfix operator or a norm: a name, a call or a parenthesised group. */
const atom = (x: string) => (isNameLike(x) || isCallLike(x) || (x.startsWith('(') && balanced(x)) ? x : `(${x})`);
const P = (x: string) => `(${x})`;

function juxtapose(a: string, b: string, st: number, aNode: GNode, bNode: GNode): string {
  const numeric = (n: GNode) => n.t === 'num';
  if (numeric(aNode) && numeric(bNode)) return `${a}*${b}`;
  switch (st % 4) {
    case 0:
      return numeric(bNode) ? `${a}*${b}` : `${a} ${b}`;
    case 1:
      return `${a}*${b}`;
    case 2:
      return `${a}·${b}`;
    default: {
      // Without a space: only where the tokens cannot run together.
      const endsOk = /[)0-9ᵀ]$/.test(a) && aNode.t !== 'dim';
      const startsOk = /^[\p{L}(]/u.test(b) && !b.startsWith('‖');
      return endsOk && startsOk ? `${a}${b}` : `${a} ${b}`;
    }
  }
}

interface PrintEnv {
  readonly name: (n: GNode) => string | undefined;
}

function print(n: GNode, env: PrintEnv): string {
  const named = env.name(n);
  if (named !== undefined) return named;
  switch (n.t) {
    case 'var':
      return env.name(n)!;
    case 'num':
      return n.v;
    case 'dim':
      return n.d;
    case 'const':
      return n.f === 'eye' ? `eye(${dimText(n.s.r)})` : `ones(${dimText(n.s.r)}, ${dimText(n.s.c)})`;
    case 'op':
      break;
  }
  const a = n.a.map((x) => print(x, env));
  const st = n.st;
  const minus = st % 2 ? '-' : '−';
  switch (n.op) {
    case 'add':
      return P(`${a[0]} + ${a[1]}`);
    case 'sub':
      return P(`${a[0]} ${minus} ${a[1]}`);
    case 'neg':
      return P(`${minus}${a[0]}`);
    case 'hmul':
      return P(`${a[0]} ${['⊙', '.*', '∘'][st % 3]} ${a[1]}`);
    case 'hdiv':
      return P(`${a[0]} ${['⊘', './'][st % 2]} ${a[1]}`);
    case 'sdiv':
      return P(`${a[0]}/${a[1]}`);
    case 'smul':
    case 'matmul':
      return P(juxtapose(a[0]!, a[1]!, st, n.a[0]!, n.a[1]!));
    case 'T':
      return P(`${atom(a[0]!)}${['ᵀ', "'", '^T', '^⊤', 'ᵀ'][st % 5]}`);
    case 'epow2':
      return P(`${atom(a[0]!)}.^2`);
    case 'pow2':
      return P(`${atom(a[0]!)}${['²', '^2', '.^2'][st % 3]}`);
    case 'mpow2':
      return P(`${atom(a[0]!)}${['²', '^2'][st % 2]}`);
    case 'mpow3':
      return P(`${atom(a[0]!)}${['³', '^3'][st % 2]}`);
    case 'inv':
      return st % 3 === 0 ? `inv(${a[0]})` : P(`${atom(a[0]!)}${st % 3 === 1 ? '⁻¹' : '^(-1)'}`);
    case 'norm2': {
      const matrix = !isOne(shapeOf(n.a[0]!).r) && !isOne(shapeOf(n.a[0]!).c);
      return [`norm2(${a[0]})`, P(`‖${atom(a[0]!)}‖`), P(`‖${atom(a[0]!)}‖_F`), P(`||${atom(a[0]!)}||`), `norm(${a[0]})`][matrix ? st % 5 : [0, 1, 3, 4][st % 4]!]!;
    }
    case 'norm2sq':
      return [`norm2sq(${a[0]})`, P(`‖${atom(a[0]!)}‖²`), P(`‖${atom(a[0]!)}‖_F²`)][st % 3]!;
    case 'kron':
      return st % 2 ? `kron(${a[0]}, ${a[1]})` : P(`${a[0]} ⊗ ${a[1]}`);
    default: {
      const names = FUNCTION_ALIASES[n.op];
      if (!names) throw new Error(`generators: no printer for ${n.op}`);
      return `${names[st % names.length]}(${a.join(', ')})`;
    }
  }
}

// ---------------------------------------------------------------------------------
// Programs

export interface GenVar {
  readonly name: string;
  readonly kind: Kind;
  readonly rows: Dim;
  readonly cols: Dim;
}

export interface GenProgram {
  /** The program text (declarations included unless `let` is given). */
  readonly text: string;
  /** Declarations for `--let`, when they are not in the text. */
  readonly let?: string;
  readonly vars: readonly GenVar[];
  /** Names of the program's definitions (named intermediates). */
  readonly defs: readonly string[];
  /** Every name a derivative may be taken with respect to: variables, then definitions. */
  readonly wrts: readonly string[];
  readonly rows: Dim;
  readonly cols: Dim;
}

const PREFIX: Record<Kind, string> = { general: 'A', positive: 'P', spd: 'S', symmetric: 'M', simplex: 'Q', simplex_rows: 'R' };

function varKey(n: Extract<GNode, { t: 'var' }>): string {
  return `${n.kind}|${skey(n.s)}|${n.i}`;
}

function* nodes(n: GNode): Generator<GNode> {
  yield n;
  if (n.t === 'op') for (const a of n.a) yield* nodes(a);
}

/** Replaces constants and dimension scalars whose sizes no variable declares (nothing would bind them). */
function bindable(root: GNode): GNode {
  const declared = new Set<string>();
  for (const n of nodes(root)) if (n.t === 'var') for (const a of [...n.s.r, ...n.s.c]) declared.add(a);
  const ok = (d: Dim) => d.every((a) => /^\d+$/.test(a) || declared.has(a));
  const fix = (n: GNode): GNode => {
    switch (n.t) {
      case 'dim':
        return ok([n.d]) ? n : NUM('2');
      case 'const':
        if (ok(n.s.r) && ok(n.s.c)) return n;
        if (isComposite(n.s.r) || isComposite(n.s.c)) {
          const [[r1, r2]] = splits(n.s.r) as [[Dim, Dim]];
          const [[c1, c2]] = splits(n.s.c) as [[Dim, Dim]];
          return mk('kron', [V('positive', sh(r1, c1), 0), V('positive', sh(r2, c2), 0)], n.s, 1);
        }
        return V('positive', n.s, 0);
      case 'op': {
        const a = n.a.map(fix);
        return a.every((x, i) => x === n.a[i]) ? n : { ...n, a };
      }
      default:
        return n;
    }
  };
  return fix(root);
}

interface ProgramStyle {
  readonly sep: number;
  readonly decl: number;
  readonly final: number;
  readonly useLet: boolean;
  /** Name the variables with single letters (a, b, X, …) instead of A1, x2, …. */
  readonly letters?: boolean;
}

/** Single-letter names for the letters style (no e, π or t0-like names, no d: dX reads as a differential). */
const LETTER_NAMES = ['a', 'b', 'X', 'c', 'Y', 'u', 'v', 'Z', 'w', 'y', 'B', 'C', 'z', 'q'] as const;

export function renderProgram(root0: GNode, hoist: readonly number[], style: ProgramStyle): GenProgram {
  const root = bindable(root0);
  // Variables, named in order of appearance.
  const names = new Map<string, GenVar>();
  const counters = new Map<string, number>();
  for (const n of nodes(root)) {
    if (n.t !== 'var' || names.has(varKey(n))) continue;
    const scalar = isScalarShape(n.s);
    const vector = !scalar && (isOne(n.s.c) || isOne(n.s.r));
    let prefix = PREFIX[n.kind];
    if (n.kind === 'general') prefix = scalar ? 't' : vector ? (isOne(n.s.c) ? 'x' : 'w') : 'A';
    if (n.kind === 'positive' && scalar) prefix = 'u';
    const k = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, k);
    // Single letters, as homework writes them (aᵀXb): the printer must not run them together.
    const letter = style.letters ? LETTER_NAMES[names.size] : undefined;
    names.set(varKey(n), { name: letter ?? `${prefix}${k}`, kind: n.kind, rows: n.s.r, cols: n.s.c });
  }
  // Named intermediates: operator nodes below the root, chosen by index.
  const ops = [...nodes(root)].filter((n): n is OpNodeG => n.t === 'op' && n !== root);
  const chosen = new Set<GNode>();
  for (const h of hoist) if (ops.length) chosen.add(ops[h % ops.length]!);
  const defNames = new Map<GNode, string>();
  const defs: string[] = [];
  const defLines: string[] = [];
  const env: PrintEnv = {
    name: (n) => (n.t === 'var' ? names.get(varKey(n))!.name : defNames.get(n)),
  };
  // Post-order, so that a definition's own named parts are defined first.
  const visit = (n: GNode, seen: Set<GNode>) => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.t === 'op') for (const a of n.a) visit(a, seen);
    if (chosen.has(n) && !defNames.has(n)) {
      const text = print(n, env);
      const name = `h${defs.length + 1}`;
      defNames.set(n, name);
      defs.push(name);
      defLines.push(`${name} = ${text}`);
    }
  };
  visit(root, new Set());
  const value = print(root, env);
  const vars = [...names.values()];
  const decl = (v: GenVar, i: number) => {
    const s = (style.decl + i) % 4;
    const scalar = isOne(v.rows) && isOne(v.cols);
    const assumption = v.kind === 'general' ? '' : ` ${v.kind}`;
    if (scalar && assumption === '') return [`${v.name}: scalar`, `${v.name} ∈ ℝ`, `${v.name}: 1×1`, `${v.name}: scalar`][s]!;
    if (scalar) return `${v.name}: scalar${assumption}`;
    const r = dimText(v.rows);
    const c = dimText(v.cols);
    if (assumption === '' && s === 1) return `${v.name} ∈ ℝ^{${r}×${c}}`;
    if (s === 2) return `${v.name}: ${r} x ${c}${assumption}`;
    return `${v.name}: ${r}×${c}${assumption}`;
  };
  const decls = vars.map(decl);
  const finalLine = [`f = ${value}`, `L = ${value}`, value][style.final % 3]!;
  const sep = style.sep % 3 === 0 ? '; ' : '\n';
  const body = [...defLines, finalLine].join('\n');
  const text = style.useLet ? body : `${decls.join(sep)}\n${body}`;
  const s = shapeOf(root);
  const letText = style.useLet ? decls.map((d) => d.replace(' ∈ ℝ^{', ': ').replace(/}$/, '').replace(' ∈ ℝ', ': scalar')).join(', ') : undefined;
  const out: GenProgram = {
    text,
    let: letText,
    vars,
    defs,
    wrts: [...vars.map((v) => v.name), ...defs],
    rows: s.r,
    cols: s.c,
  };
  // fast-check prints a counterexample with this: the program as the user would type it.
  Object.defineProperty(out, fc.toStringMethod, { value: () => `${letText !== undefined ? `--let ${JSON.stringify(letText)} ` : ''}${JSON.stringify(text)}`, enumerable: false });
  return out;
}

const styleRecord = fc.record({ sep: fc.nat(5), decl: fc.nat(7), final: fc.nat(5), useLet: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), letters: fc.nat(3).map((k) => k === 0) });

function programOf(tree: fc.Arbitrary<GNode>): fc.Arbitrary<GenProgram> {
  return fc
    .record({ tree, hoist: fc.array(fc.nat(), { maxLength: 2 }), style: styleRecord })
    .map(({ tree: t, hoist, style }) => renderProgram(t, hoist, style))
    .filter((p) => p.vars.length > 0);
}

/** A well-shaped program whose value is a scalar. */
export function scalarProgram(opts: { depth?: number } = {}): fc.Arbitrary<GenProgram> {
  return programOf(expr(SCALAR, opts.depth ?? 4));
}

/** A well-shaped program whose value is a matrix or vector (not 1×1) of simple sizes. */
export function matrixProgram(opts: { depth?: number } = {}): fc.Arbitrary<GenProgram> {
  const shape = fc.tuple(simpleDimArb, simpleDimArb).filter(([r, c]) => !(isOne(r) && isOne(c))).map(([r, c]) => sh(r, c));
  return programOf(shape.chain((s) => expr(s, opts.depth ?? 3)));
}

// ---------------------------------------------------------------------------------
// Values honouring the assumptions (for `--at` and for fuzzing the library).

/** Distinct sizes from 2..5 for the dimension names of a program. */
export function bindSizes(vars: readonly GenVar[], rng: Rng): Map<string, number> {
  const sizes = [2, 3, 4, 5];
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [sizes[i], sizes[j]] = [sizes[j]!, sizes[i]!];
  }
  const out = new Map<string, number>();
  for (const v of vars) for (const a of [...v.rows, ...v.cols]) if (!/^\d+$/.test(a) && !out.has(a)) out.set(a, sizes[out.size % sizes.length]!);
  return out;
}

/** A value (array of rows) for a variable, honouring its assumption. */
export function sampleValue(v: GenVar, dims: ReadonlyMap<string, number>, rng: Rng): number[][] {
  const r = dimValue(v.rows, dims);
  const c = dimValue(v.cols, dims);
  const pos = v.kind !== 'general' && v.kind !== 'symmetric';
  const draw = () => (pos ? 0.3 + 1.2 * rng() : (rng() < 0.5 ? -1 : 1) * (0.2 + 1.3 * rng()));
  const B = Array.from({ length: r }, () => Array.from({ length: c }, draw));
  if (v.kind === 'spd') return B.map((row, i) => B.map((row2, j) => row.reduce((s, x, k) => s + x * row2[k]!, 0) + (i === j ? r : 0)));
  if (v.kind === 'symmetric') return B.map((row, i) => row.map((x, j) => (x + B[j]![i]!) / 2));
  if (v.kind === 'simplex' || v.kind === 'simplex_rows') {
    const byRows = v.kind === 'simplex_rows' || (r === 1 && c > 1);
    if (byRows) return B.map((row) => row.map((x) => x / row.reduce((s, y) => s + y, 0)));
    const colSums = Array.from({ length: c }, (_, j) => B.reduce((s, row) => s + row[j]!, 0));
    return B.map((row) => row.map((x, j) => x / colSums[j]!));
  }
  return B;
}

/** `--at` values for every variable of a program: a number for 1×1, else an array of rows. */
export function valuesFor(p: GenProgram, seed: number): Record<string, number | number[][]> {
  const rng = makeRng(seed);
  const dims = bindSizes(p.vars, rng);
  const out: Record<string, number | number[][]> = {};
  for (const v of p.vars) {
    const x = sampleValue(v, dims, rng);
    out[v.name] = x.length === 1 && x[0]!.length === 1 ? x[0]![0]! : x;
  }
  return out;
}

// ---------------------------------------------------------------------------------
// Fuzz inputs

/** Valid programs to mutate (the seeds' and the docs' notation). */
export const CORPUS: readonly string[] = [
  'X: N×M; W: M×K; b: 1×K; Y: N×K simplex_rows\nh = XW + b\ns = softmax_rows(h)\nL = -sum(Y ⊙ log(s)) / N',
  'X: 1×M; W: M×1; b: scalar; y: scalar\nh = XW + b\na = σ(h)\nL = −y log a − (1 − y) log(1 − a)',
  'X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1\nh = ReLU(W1X + b1)\nx̂ = ReLU(W2h + b2)\nL = ‖X − x̂‖_F²/n',
  'θ: 1×D; y: 1×D simplex\nŷ = softmax(θ)\nJ = CE(y, ŷ)',
  'X: N×M; w: M×1; y: N×1; λ: scalar\nr = Xw − y\nL = ‖r‖²/N + λ‖w‖²',
  'x: n×1; A: n×n\nf = x\'*A*x',
  'S: n×n spd; A: m×n\nL = logdet(S) + tr(A inv(S) Aᵀ)',
  'A: m×n; X: n×p; B: p×q\nF = A*X*B',
  'A: k×k; B: n×n\nK = kron(A, B) * vec(eye(k*n)\'*ones(k*n, 1))',
  'x: n×1 positive\nL = sum(sqrt(x)) + sum(log(x)) + norm1(x)',
  'X: n×n\nL = det(X^2) + tr(X⁻¹) + sum(diag_part(X))',
  'Z: m×n\nL = sum(logsumexp(Z)) + sum(logsumexp_rows(Z)) + mean(softplus(Z))',
  'X: d×n; y: 1×n; w: d×1; w0: scalar; λ: scalar\np = σ(wᵀX + w0)\nl = −(1/n)sum(y ⊙ ln(p) + (1 − y) ⊙ ln(1 − p)) + λ‖w‖²',
  'L = \\frac{1}{2} \\| X w - y \\|^2',
  '$X \\in \\mathbb{R}^{n \\times m}$, $w \\in \\mathbb{R}^{m}$\n$L = \\sum(X w)$',
];

const TOKENS: readonly string[] = [
  '+', '-', '−', '*', '/', '.*', './', '⊙', '⊘', '∘', '⊗', '·', '^', '.^', 'ᵀ', "'", '^T', '⁻¹', '²', '³', '(', ')', '{', '}', ',', ';', ':', '=',
  '∈', 'ℝ', '×', 'x', '‖', '||', '_F', '\n', ' ', '#', '1', '2', '0.5', '.5', '1e-3', '1e400', '1..2', '2.', 'X', 'W', 'b', 'y', 'ŷ', 'x̂', 'λ', 'W_1', 'b₂',
  'sum', 'sum(', 'tr(', 'exp(', 'log(', 'sqrt(', 'σ(', 'softmax(', 'softmax_rows(', 'logsumexp(', 'det(', 'logdet(', 'inv(', 'kron(', 'vec(', 'diag(', 'diag_part(',
  'eye(', 'ones(', 'zeros(', 'commutation(', 'mean(', 'norm2(', 'norm2sq(', 'CE(', 'foo(', 'scalar', 'spd', 'symmetric', 'positive', 'simplex', 'simplex_rows',
  '\\frac{', '\\left(', '\\right)', '\\top', '\\mathbb{R}', '\\sum', '$', '\\', 'wrt', '0', '-1', '^(-1)', '^-T', '⁻ᵀ', 'n', 'm', 'N', 'M', 'k',
];

const CHAR_POOL: readonly string[] = [
  ...TOKENS.filter((t) => [...t].length === 1),
  '\t', '\r', '\u0000', '\u0007', '\u001b', '\u00a0', '\u200b', '\ufeff', '\u0302', '\u2028', '\ud800', '\udfff', '😀', 'é', 'ß', '∂', '∑', '√', '∞', '≤', '≠', '"', '`', '@', '!', '?', '%', '&', '|', '~', '[', ']', '<', '>',
];

const charArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CHAR_POOL) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Random characters, weighted towards the language's own. */
export const randomTextArb: fc.Arbitrary<string> = fc.array(fc.oneof({ weight: 3, arbitrary: charArb }, { weight: 1, arbitrary: fc.constantFrom(...TOKENS) }), { maxLength: 120 }).map((xs) => xs.join(''));

type Mutation = { readonly k: 'del' | 'ins' | 'swap' | 'dup' | 'deltok' | 'instok' | 'swaptok' | 'reptok'; readonly at: number; readonly len: number; readonly s: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  k: fc.constantFrom<Mutation['k']>('del', 'ins', 'swap', 'dup', 'deltok', 'instok', 'swaptok', 'reptok'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 6 }),
  s: fc.oneof(charArb, fc.constantFrom(...TOKENS)),
});

const TOKEN_RE = /[\p{L}][\p{L}\p{M}\p{N}_]*|\d+(?:\.\d+)?(?:e-?\d+)?|\s+|./gsu;

export function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const cps = [...t];
    const i = cps.length ? m.at % (cps.length + 1) : 0;
    switch (m.k) {
      case 'del':
        cps.splice(i, m.len);
        t = cps.join('');
        break;
      case 'ins':
        cps.splice(i, 0, m.s);
        t = cps.join('');
        break;
      case 'swap':
        if (i + 1 < cps.length) [cps[i], cps[i + 1]] = [cps[i + 1]!, cps[i]!];
        t = cps.join('');
        break;
      case 'dup':
        cps.splice(i, 0, ...cps.slice(i, i + m.len * 3));
        t = cps.join('');
        break;
      default: {
        const toks = t.match(TOKEN_RE) ?? [];
        const j = toks.length ? m.at % toks.length : 0;
        if (m.k === 'deltok') toks.splice(j, 1);
        else if (m.k === 'instok') toks.splice(j, 0, m.s);
        else if (m.k === 'reptok') toks.splice(j, 1, m.s);
        else if (toks.length > 1) {
          const k2 = (j + m.len) % toks.length;
          [toks[j], toks[k2]] = [toks[k2]!, toks[j]!];
        }
        t = toks.join('');
      }
    }
  }
  return t;
}

/** A generated program's text with its declarations in it (also when they were meant for `--let`). */
export function fullText(p: GenProgram): string {
  return p.let === undefined ? p.text : `${p.let.split(', ').join('; ')}\n${p.text}`;
}

const validTextArb: fc.Arbitrary<GenProgram | string> = fc.oneof({ weight: 3, arbitrary: scalarProgram({ depth: 3 }) }, { weight: 1, arbitrary: matrixProgram({ depth: 2 }) }, { weight: 2, arbitrary: fc.constantFrom(...CORPUS) });

const NESTINGS = ['paren', 'call', 'neg', 'transpose', 'norm', 'power', 'brace', 'frac', 'unbalanced', 'sqrt', 'juxt', 'sumchain'] as const;

/** Deeply nested input: depth up to 20,000. */
export const nestedArb: fc.Arbitrary<string> = fc
  .record({ k: fc.constantFrom(...NESTINGS), depth: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 900, max: 1100 }), fc.integer({ min: 2_000, max: 6_000 }), fc.integer({ min: 9_000, max: 20_000 })), decl: fc.boolean() })
  .map(({ k, depth, decl }) => {
    const head = decl ? 'x: n×1; X: n×n\n' : '';
    const r = (s: string) => s.repeat(depth);
    switch (k) {
      case 'paren':
        return `${head}${r('(')}x${r(')')}`;
      case 'call':
        return `${head}${r('sum(')}X${r(')')}`;
      case 'neg':
        return `${head}${r('−')}x`;
      case 'transpose':
        return `${head}X${r('ᵀ')}`;
      case 'norm':
        return `${head}${r('‖')}x${r('‖')}`;
      case 'power':
        return `${head}X${r('^2')}`;
      case 'brace':
        return `${head}${r('{')}x${r('}')}`;
      case 'frac':
        return `${r('\\frac{1}{')}x${r('}')}`;
      case 'unbalanced':
        return `${head}${r('(')}x + X`;
      case 'sqrt':
        return `${head}${r('exp(')}x${r(')').slice(0, -1)}`;
      case 'juxt':
        return `${head}${r('X ')}x`;
      case 'sumchain':
        return `${head}L = ${r('x + ').slice(0, -3)}`;
    }
  });

/** Long inputs: a unit repeated to 1k–1.1M bytes (the parser refuses more than 100k bytes). */
export const longArb: fc.Arbitrary<string> = fc
  .record({ unit: fc.constantFrom('x + ', 'h = x\n', 'X: n×n; ', '# comment\n', 'sum(X)*', ' ', '\n', 'ab', '‖x‖ + ', '1+'), size: fc.oneof(fc.integer({ min: 1_000, max: 99_000 }), fc.integer({ min: 99_990, max: 100_010 }), fc.integer({ min: 100_000, max: 1_100_000 })) })
  .map(({ unit, size }) => {
    const body = unit.repeat(Math.max(1, Math.floor(size / unit.length)));
    return unit.startsWith('h') || unit.startsWith('X') ? `x: n×1\n${body}x` : `x: n×1; X: n×n\nL = sum(${body.replace(/[+*\n;]\s*$/, '')}x)`;
  });

const letTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('X: N×M, W: M×K, t: scalar, y: 1×K simplex', 'x: n x 1', 'X: 3x4', 'A: n×n spd, b: n×1', 'X \\in \\mathbb{R}^{N \\times M}', 'X: k*k×1', ''),
  fc.tuple(fc.constantFrom('X: N×M, W: M×K, t: scalar, y: 1×K simplex', 'x: n x 1, A: n×n symmetric', 'Y: n×m simplex_rows'), fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([t, ms]) => mutate(t, ms)),
  randomTextArb,
);

/** JSON values of every kind, with numbers that stress the value parser. */
const jsonLeaf = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 1, 2, 3),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant(null),
);
const jsonArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonLeaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('X', 'x', 'W', 'A1', 't1', 'n', 'foo'), tie('v'), { maxKeys: 3 })),
})).v;

/** `--at` values: valid ones for a generated program, broken ones, and random JSON. */
function atArb(p: GenProgram | undefined): fc.Arbitrary<unknown> {
  const valid = p ? fc.nat().map((seed) => valuesFor(p, seed)) : fc.constant({});
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.constantFrom('drop', 'row', 'nan', 'huge', 'string', 'ragged', 'empty', 'nested', 'flat', 'extra'), fc.nat()).map(([v, how, i]) => {
        const keys = Object.keys(v as object);
        const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
        const key = keys.length ? keys[i % keys.length]! : 'X';
        const x = out[key];
        switch (how) {
          case 'drop':
            delete out[key];
            break;
          case 'row':
            out[key] = Array.isArray(x) ? [...x, x[0]] : [x, x];
            break;
          case 'nan':
            out[key] = 'NaN';
            break;
          case 'huge':
            out[key] = Array.isArray(x) ? x.map((row) => (Array.isArray(row) ? row.map(() => 1e300) : 1e300)) : 1e300;
            break;
          case 'string':
            out[key] = '[[1,2],[3,4]]';
            break;
          case 'ragged':
            out[key] = Array.isArray(x) && Array.isArray(x[0]) ? x.map((row: unknown[], j: number) => (j === 0 ? row.slice(1) : row)) : [[1, 2], [3]];
            break;
          case 'empty':
            out[key] = [];
            break;
          case 'nested':
            out[key] = [[[1]]];
            break;
          case 'flat':
            out[key] = Array.isArray(x) ? x.flat() : x;
            break;
          case 'extra':
            out.zzz = [[1]];
            break;
        }
        return out;
      }),
    },
    { weight: 1, arbitrary: jsonArb },
  );
}

export const OPS = ['grad', 'jacobian', 'hessian', 'differential', 'eval', 'shape', 'simplify', 'check'] as const;
export type FuzzOp = (typeof OPS)[number];

export interface ProgramCase {
  readonly kind: 'program';
  /** How the text was made: random, mutated, nested, long, valid. */
  readonly source: string;
  readonly op: FuzzOp;
  readonly text: string;
  readonly let?: string;
  readonly wrt?: string;
  readonly at?: unknown;
  readonly claim?: string;
}

export interface BatchCase {
  readonly kind: 'batch';
  readonly lines: readonly string[];
}

export interface PropertyCase {
  readonly kind: 'property';
  readonly program: GenProgram;
  readonly wrt: string;
  readonly seed: number;
}

export type FuzzCase = ProgramCase | BatchCase | PropertyCase | HostileCase;

const opArb = fc.constantFrom<FuzzOp>(...OPS);

function firstName(text: string): string | undefined {
  return /[\p{L}][\p{L}\p{N}_]*/u.exec(text)?.[0];
}

/** A program text from one of the fuzz sources, with the program it came from (if valid). */
const fuzzTextArb: fc.Arbitrary<{ source: string; text: string; program?: GenProgram }> = fc.oneof(
  { weight: 3, arbitrary: randomTextArb.map((text) => ({ source: 'random', text })) },
  {
    weight: 6,
    arbitrary: fc.tuple(validTextArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([v, ms]) => {
      const program = typeof v === 'string' ? undefined : v;
      return { source: 'mutated', text: mutate(typeof v === 'string' ? v : fullText(v), ms), program };
    }),
  },
  { weight: 2, arbitrary: validTextArb.map((v) => (typeof v === 'string' ? { source: 'valid', text: v } : { source: 'valid', text: fullText(v), program: v })) },
  { weight: 1, arbitrary: nestedArb.map((text) => ({ source: 'nested', text })) },
);

/** One input for the library or the CLI: a program, an op, and random options; `long` weighs long inputs against the rest (0: none). */
export function programCaseArb(opts: { long?: number } = {}): fc.Arbitrary<ProgramCase> {
  const text = opts.long ? fc.oneof({ weight: 100, arbitrary: fuzzTextArb }, { weight: opts.long, arbitrary: longArb.map((t): { source: string; text: string; program?: GenProgram } => ({ source: 'long', text: t })) }) : fuzzTextArb;
  return text.chain(({ source, text: t, program }) =>
    fc.record({
      op: opArb,
      let: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: letTextArb }),
      wrt: fc.oneof(
        { weight: 4, arbitrary: fc.constant(program?.wrts[0] ?? firstName(t)) },
        { weight: 1, arbitrary: fc.constantFrom(...(program?.wrts.length ? program.wrts : ['x'])) },
        { weight: 1, arbitrary: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 4 })) },
      ),
      at: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: atArb(program) }),
      claim: fc.oneof(fc.constant(undefined), randomTextArb, fc.constantFrom('0', 'ones(n, 1)', 'Xᵀ(a − y)', '2x', 'x', '')),
    }).map((r): ProgramCase => ({ kind: 'program', source, text: t, ...r })),
  );
}

/** A random `batch` request line: mostly JSON objects with fields of random types. */
export const batchLineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: randomTextArb },
  { weight: 1, arbitrary: jsonArb.map((v) => JSON.stringify(v) ?? 'null') },
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          id: fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), jsonArb),
          op: fc.oneof({ weight: 5, arbitrary: opArb as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: jsonArb }),
          program: fc.oneof({ weight: 5, arbitrary: fuzzTextArb.map((x) => x.text as unknown) }, { weight: 1, arbitrary: jsonArb }),
          wrt: fc.oneof(fc.constantFrom('x', 'X', 'W', 'A1', 'x1', 't1', 'h1'), jsonArb),
          let: fc.oneof(letTextArb as fc.Arbitrary<unknown>, fc.dictionary(fc.constantFrom('X', 'x', 'A1', 'x1', 't1'), fc.array(fc.oneof(fc.constantFrom('n', 'k', 'k*k', '', 'x y', 'n*2'), fc.integer({ min: -2, max: 4 }), fc.double()), { maxLength: 3 }), { maxKeys: 3 }), jsonArb),
          at: atArb(undefined),
          claim: fc.oneof(randomTextArb as fc.Arbitrary<unknown>, jsonArb),
          check: fc.oneof(fc.boolean() as fc.Arbitrary<unknown>, jsonArb),
          seed: fc.oneof(fc.integer() as fc.Arbitrary<unknown>, fc.double(), jsonArb),
          inline: fc.oneof(fc.boolean() as fc.Arbitrary<unknown>, jsonArb),
          steps: fc.oneof(fc.boolean() as fc.Arbitrary<unknown>, jsonArb),
        },
        { requiredKeys: ['op'] },
      )
      .map((o) => JSON.stringify(o)),
  },
);

export const batchCaseArb: fc.Arbitrary<BatchCase> = fc.array(batchLineArb, { minLength: 1, maxLength: 4 }).map((lines) => ({ kind: 'batch', lines }));

/** A property case: a generated program and a name to differentiate by. */
export const propertyCaseArb: fc.Arbitrary<PropertyCase> = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: scalarProgram({ depth: 3 }) }, { weight: 1, arbitrary: matrixProgram({ depth: 2 }) }), fc.nat(), fc.nat())
  .map(([program, i, seed]) => ({ kind: 'property', program, wrt: program.wrts[i % program.wrts.length]!, seed }));

/** The mix of fuzz cases: weights of program inputs, batches and property cases; `long` weighs long inputs among program inputs (per 100). */
export interface FuzzMix {
  readonly program: number;
  readonly batch: number;
  readonly property: number;
  readonly long: number;
  /** The hostile families of issue 13 (hostile-generators.ts). */
  readonly hostile?: number;
}

export const DEFAULT_MIX: FuzzMix = { program: 14, batch: 2, property: 4, long: 1, hostile: 3 };

/** Every kind of fuzz case, mixed as `mix` says. */
export function fuzzCaseArb(mix: FuzzMix = DEFAULT_MIX): fc.Arbitrary<FuzzCase> {
  const arbs: fc.WeightedArbitrary<FuzzCase>[] = [];
  if (mix.program > 0) arbs.push({ weight: mix.program, arbitrary: programCaseArb({ long: mix.long }) });
  if (mix.batch > 0) arbs.push({ weight: mix.batch, arbitrary: batchCaseArb });
  if (mix.property > 0) arbs.push({ weight: mix.property, arbitrary: propertyCaseArb });
  if ((mix.hostile ?? 0) > 0) arbs.push({ weight: mix.hostile!, arbitrary: hostileCaseArb });
  return fc.oneof(...arbs);
}

/** A short description of a case for failure reports. */
export function describeCase(c: FuzzCase): string {
  switch (c.kind) {
    case 'program': {
      const shown = c.text.length > 400 ? `${JSON.stringify(c.text.slice(0, 200))}… (${c.text.length} characters)` : JSON.stringify(c.text);
      return `${c.op} ${shown}${c.wrt !== undefined ? ` wrt ${JSON.stringify(c.wrt)}` : ''}${c.let !== undefined ? ` --let ${JSON.stringify(c.let)}` : ''}${c.at !== undefined ? ` --at ${JSON.stringify(c.at)?.slice(0, 300)}` : ''}${c.claim !== undefined ? ` --claim ${JSON.stringify(c.claim)}` : ''} [${c.source}]`;
    }
    case 'batch':
      return `batch:\n${c.lines.map((l) => `  ${l.length > 400 ? `${l.slice(0, 400)}…` : l}`).join('\n')}`;
    case 'hostile':
      return describeHostile(c);
    case 'property':
      return `property wrt ${c.wrt}${c.program.let ? ` --let ${JSON.stringify(c.program.let)}` : ''}:\n${c.program.text}`;
  }
}

// ---------------------------------------------------------------------------------
// Running fuzz cases: the checks, a worker, and a pool with a watchdog. Shared by
// test/fuzz (over src/, bundled) and scripts/fuzz.mjs (over dist/index.js). The library
// comes in as a parameter, so this module still does not import src/.

/* eslint-disable @typescript-eslint/no-explicit-any */
/** What the checks need of dcalc: the library (dist/index.js has all but run, toJson, runBatch). */
export interface FuzzLib {
  readonly DcalcError: abstract new (...args: any[]) => Error;
  parseProgram(text: string, opts?: { let?: any }): any;
  grad(p: any, wrt: string): any;
  jacobian(p: any, wrt: string): any;
  hessian(p: any, wrt: string): any;
  differentialOf(p: any, wrt: string): any;
  checkClaim(text: string, wrt: string, claim: string, opts?: any): any;
  toText(p: any, e: any, inline?: boolean): string;
  toAscii(p: any, e: any, inline?: boolean): string;
  toLatex(d: any): string;
  checkDerivative(d: any, opts?: { seed?: number; points?: number }): { ok: boolean; maxRelErr: number; points: number };
  simplify(e: any, opts?: any): { expr: any };
  evaluateAt(p: any, e: any, point: any): { rows: number; cols: number; data: ArrayLike<number> };
  pointFromValues(p: any, json: unknown): any;
  /** src/api/request.ts, when available. */
  run?(req: any): any;
  toJson?(r: any, id?: unknown): Record<string, unknown>;
  /** src/cli/batch.ts, when available (it writes to process.stdout). */
  runBatch?(input: string): number;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const ERROR_KINDS = new Set(['usage', 'parse', 'name', 'shape', 'domain', 'limit']);
const NEEDS_WRT = new Set(['grad', 'jacobian', 'hessian', 'differential', 'check']);

/** Why a thrown value is not an acceptable failure (undefined: it is a clear DcalcError). */
function unacceptable(e: unknown, lib: FuzzLib): string | undefined {
  if (!(e instanceof lib.DcalcError)) return `threw ${e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack ?? ''}` : String(e)}`;
  const d = e as Error & { kind?: string; line?: number; column?: number };
  if (!ERROR_KINDS.has(d.kind ?? '')) return `a DcalcError of unknown kind ${d.kind}`;
  if (typeof d.message !== 'string' || d.message.trim() === '') return `a ${d.kind} error without a message`;
  if (/internal error/i.test(d.message)) return `an internal error: ${d.message}`;
  if (d.line !== undefined && !(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column! >= 1)) return `a ${d.kind} error at a bad location ${d.line}:${d.column}`;
  return undefined;
}

function assertFiniteJson(x: unknown, where: string): void {
  if (typeof x === 'number' && !Number.isFinite(x)) throw new Error(`${where}: a non-finite number ${x} in the output`);
  if (Array.isArray(x)) for (const y of x) assertFiniteJson(y, where);
}

function assertFiniteMat(m: { data: ArrayLike<number> }, where: string): void {
  for (let i = 0; i < m.data.length; i++) if (!Number.isFinite(m.data[i]!)) throw new Error(`${where}: a non-finite value ${m.data[i]} in the result`);
}

/** A command as `dcalc <op>` runs it: through run() when the library has it, else through the library's functions. */
function runCommand(req: { op: string; program: string; wrt?: string; let?: unknown; at?: unknown; claim?: string; check?: boolean }, lib: FuzzLib): void {
  if (lib.run && lib.toJson) {
    const r = lib.run({ ...req, seed: 1 });
    const json = lib.toJson(r, 1);
    assertFiniteJson(json.value, req.op);
    JSON.stringify(json);
    return;
  }
  if (NEEDS_WRT.has(req.op) && req.wrt === undefined) return; // run() refuses it with a usage error
  if (req.op === 'check') {
    lib.checkClaim(req.program, req.wrt!, req.claim ?? '', { let: req.let, seed: 1 });
    return;
  }
  const p = lib.parseProgram(req.program, { let: req.let });
  switch (req.op) {
    case 'grad':
    case 'jacobian':
    case 'hessian': {
      const d = lib[req.op](p, req.wrt!);
      lib.toText(p, d.expr);
      lib.toAscii(p, d.expr);
      lib.toLatex(d);
      if (req.at !== undefined) {
        const point = lib.pointFromValues(p, req.at);
        lib.evaluateAt(p, p.value, point);
        assertFiniteMat(lib.evaluateAt(p, d.expr, point), req.op);
      }
      if (req.check) lib.checkDerivative(d, { seed: 1 });
      return;
    }
    case 'differential': {
      const df = lib.differentialOf(p, req.wrt!);
      lib.toText(p, df.expr);
      return;
    }
    case 'eval':
      if (req.at !== undefined) assertFiniteMat(lib.evaluateAt(p, p.value, lib.pointFromValues(p, req.at)), 'eval');
      return;
    case 'simplify':
      lib.toText(p, lib.simplify(p.value).expr);
      return;
    default:
      return;
  }
}

function checkProgramCase(c: ProgramCase, lib: FuzzLib): string | undefined {
  const problems: string[] = [];
  const guard = (label: string, body: () => void) => {
    try {
      body();
    } catch (e) {
      const p = unacceptable(e, lib);
      if (p) problems.push(`${label}: ${p}`);
    }
  };
  guard(`${c.op} (the command)`, () => runCommand({ op: c.op, program: c.text, wrt: c.wrt, let: c.let, at: c.at, claim: c.claim, check: NEEDS_WRT.has(c.op) }, lib));
  guard('parseProgram, then grad or jacobian wrt the first declared variable', () => {
    const p = lib.parseProgram(c.text, { let: c.let });
    const first = p.declarations.keys().next().value as string | undefined;
    if (first === undefined) return;
    const scalar = p.value.shape.rows === 1 && p.value.shape.cols === 1;
    const d = scalar ? lib.grad(p, first) : lib.jacobian(p, first);
    lib.toText(p, d.expr);
    lib.toAscii(p, d.expr);
  });
  return problems.length ? problems.join('\n') : undefined;
}

/** One batch: through runBatch (stdout captured) when the library has it, else line by line through the library. */
function checkBatchCase(c: BatchCase, lib: FuzzLib): string | undefined {
  const input = c.lines.join('\n');
  const requests = input.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lib.runBatch) {
    const problems: string[] = [];
    requests.forEach((line, i) => {
      let req: Record<string, unknown>;
      try {
        const v: unknown = JSON.parse(line);
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
        req = v as Record<string, unknown>;
      } catch {
        return;
      }
      if (typeof req.op !== 'string' || !(OPS as readonly string[]).includes(req.op) || typeof req.program !== 'string') return;
      if (req.wrt !== undefined && typeof req.wrt !== 'string') return;
      const letSpec = req.let;
      if (letSpec !== undefined && typeof letSpec !== 'string' && (typeof letSpec !== 'object' || letSpec === null || Array.isArray(letSpec))) return;
      try {
        runCommand({ op: req.op, program: req.program, wrt: req.wrt as string | undefined, let: letSpec, at: req.at, claim: typeof req.claim === 'string' ? req.claim : undefined, check: req.check === true }, lib);
      } catch (e) {
        const p = unacceptable(e, lib);
        if (p) problems.push(`request ${i + 1}: ${p}`);
      }
    });
    return problems.length ? problems.join('\n') : undefined;
  }
  const out: string[] = [];
  const write = process.stdout.write;
  let code: number;
  try {
    process.stdout.write = ((chunk: string | Uint8Array) => {
      out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    code = lib.runBatch(input);
  } catch (e) {
    return `runBatch threw ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}`;
  } finally {
    process.stdout.write = write;
  }
  if (code !== 0 && code !== 1) return `runBatch returned ${code}`;
  const answers = out.join('').split('\n').filter((l) => l !== '');
  if (answers.length !== requests.length) return `${requests.length} requests but ${answers.length} answers:\n${out.join('')}`;
  for (let i = 0; i < answers.length; i++) {
    let a: Record<string, unknown>;
    try {
      a = JSON.parse(answers[i]!) as Record<string, unknown>;
    } catch {
      return `answer ${i + 1} is not JSON: ${answers[i]}`;
    }
    let req: unknown;
    try {
      req = JSON.parse(requests[i]!);
    } catch {
      req = undefined;
    }
    const id = req !== null && typeof req === 'object' && !Array.isArray(req) && 'id' in req ? (req as { id: unknown }).id : null;
    if (JSON.stringify(a.id) !== JSON.stringify(id ?? null)) return `answer ${i + 1} has id ${JSON.stringify(a.id)}, its request ${JSON.stringify(id)}`;
    if (a.ok === true) {
      assertFiniteJson(a.value, `answer ${i + 1}`);
      continue;
    }
    if (a.ok !== false) return `answer ${i + 1} has no "ok": ${answers[i]}`;
    const err = a.error as { kind?: unknown; message?: unknown } | undefined;
    if (!err || typeof err.kind !== 'string' || !ERROR_KINDS.has(err.kind)) return `answer ${i + 1} has a bad error: ${answers[i]}`;
    if (typeof err.message !== 'string' || err.message.trim() === '') return `answer ${i + 1} has an error without a message`;
    if (/internal error/i.test(err.message)) return `answer ${i + 1}: ${err.message}`;
  }
  return undefined;
}


/** The size of the terms a generated program's values sum at `valuesFor`'s points: the floor below which two forms of one value differ by rounding only. */
const TERM_SCALE = 1;

/**
 * A property case: the derivative of a generated program agrees with finite differences;
 * at a point honouring the assumptions, the raw and simplified derivatives, every rule
 * step, and the text and ascii output (appended to the program) have the same value.
 */
function checkPropertyCase(c: PropertyCase, lib: FuzzLib): string | undefined {
  const g = c.program;
  const where = `\n${g.let !== undefined ? `--let ${JSON.stringify(g.let)} ` : ''}${JSON.stringify(g.text)} wrt ${c.wrt}`;
  let p;
  try {
    p = lib.parseProgram(g.text, { let: g.let });
  } catch (e) {
    return `a generated program does not parse: ${e instanceof Error ? e.message : String(e)}${where}`;
  }
  const scalar = p.value.shape.rows === 1 && p.value.shape.cols === 1;
  const d = scalar ? lib.grad(p, c.wrt) : lib.jacobian(p, c.wrt);
  const fd = lib.checkDerivative(d, { seed: 1 + (c.seed % 1000) });
  if (!fd.ok || fd.points === 0) return `finite differences disagree with ${lib.toAscii(p, d.expr)}: max rel. error ${fd.maxRelErr} at ${fd.points} points${where}`;
  const isDomain = (e: unknown) => e instanceof lib.DcalcError && (e as { kind?: string }).kind === 'domain';
  for (let k = 0; k < 4; k++) {
    const values = valuesFor(g, c.seed + k);
    const point = lib.pointFromValues(p, values);
    let ref;
    try {
      ref = lib.evaluateAt(p, d.expr, point);
    } catch (e) {
      if (isDomain(e)) continue;
      throw e;
    }
    const same = (what: string, e: unknown, v: () => { rows: number; cols: number; data: ArrayLike<number> }): string | undefined => {
      let x;
      try {
        x = v();
      } catch (err) {
        if (isDomain(err)) return undefined;
        return `${what}: ${err instanceof Error ? err.message : String(err)}${where}`;
      }
      // Two evaluation orders of one value round relative to their terms (of size ~1 at
      // these points), not to the value: a derivative that is 0 in exact arithmetic
      // (mean(softmax(A)) is constant) is 1e-17 in one form and 0 in the other. Hence the
      // floor of 1, as in test/properties/derivatives.test.ts.
      const r = relErr(x, ref!, TERM_SCALE);
      return r < 1e-9 ? undefined : `${what} differs from the simplified derivative (max rel. error ${r})${e === undefined ? '' : `: ${String(e)}`}${where}`;
    };
    const problems = [
      same('the raw derivative', undefined, () => lib.evaluateAt(p, d.raw, point)),
      ...(['text', 'ascii'] as const).map((fmt) => {
        const printed = fmt === 'text' ? lib.toText(p, d.expr) : lib.toAscii(p, d.expr);
        return same(`the ${fmt} output ${JSON.stringify(printed)}`, undefined, () => {
          const p2 = lib.parseProgram(`${g.text}\n${printed}`, { let: g.let });
          // The program's point (its variables bind the sizes, also those the output alone does not mention).
          return lib.evaluateAt(p2, p2.value, point);
        });
      }),
    ].filter((x) => x !== undefined);
    if (problems.length) return problems.join('\n');
    for (const s of d.steps as { rule: string; before: unknown; after: unknown }[]) {
      let before;
      try {
        before = lib.evaluateAt(p, s.before, point);
      } catch (e) {
        if (isDomain(e)) continue;
        throw e;
      }
      const after = lib.evaluateAt(p, s.after, point);
      const r = relErr(after, before, TERM_SCALE);
      if (!(r < 1e-9)) return `rule ${s.rule} changes value (max rel. error ${r}): ${lib.toAscii(p, s.before, true)} → ${lib.toAscii(p, s.after, true)}${where}`;
    }
    return undefined;
  }
  return undefined;
}

/** Checks one case: a description of what went wrong, or undefined. */
export function checkFuzzCase(c: FuzzCase, lib: FuzzLib): string | undefined {
  try {
    switch (c.kind) {
      case 'program':
        return checkProgramCase(c, lib);
      case 'batch':
        return checkBatchCase(c, lib);
      case 'property':
        return checkPropertyCase(c, lib);
      case 'hostile':
        return checkHostileCase(c, lib as unknown as Record<string, unknown>);
    }
  } catch (e) {
    return `${c.kind}: ${e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack ?? ''}` : String(e)}`;
  }
}

export interface FuzzPlan {
  readonly seed: number;
  readonly mix: FuzzMix;
  /** Cases are generated in chunks of this many (one fc.sample each), so that case i can be regenerated alone. */
  readonly chunk: number;
}

function chunkSeed(plan: FuzzPlan, k: number): number {
  return (Math.imul(plan.seed, 1_000_003) + Math.imul(k + 1, 7919)) | 0;
}

/** Cases [k·chunk, (k+1)·chunk) of a plan. */
export function fuzzChunk(plan: FuzzPlan, k: number): FuzzCase[] {
  return fc.sample(fuzzCaseArb(plan.mix), { seed: chunkSeed(plan, k), numRuns: plan.chunk });
}

/** Case i of a plan. */
export function fuzzCaseAt(plan: FuzzPlan, i: number): FuzzCase {
  return fuzzChunk(plan, Math.floor(i / plan.chunk))[i % plan.chunk]!;
}

type ToMain = { t: 'start'; i: number } | { t: 'end'; i: number; ms: number; kind: string; problem?: string; input?: string } | { t: 'idle' };
type ToWorker = { plan: FuzzPlan; from: number; to: number };

/**
 * The body of a fuzz worker thread: runs the cases it is sent, announcing each before it
 * starts (so that the pool can name an input that hangs) and reporting each when done.
 */
export async function fuzzWorker(lib: FuzzLib): Promise<void> {
  const { parentPort } = await import('node:worker_threads');
  const port = parentPort!;
  let slowest = 0;
  port.on('message', (m: ToWorker) => {
    let k = -1;
    let cases: FuzzCase[] = [];
    for (let i = m.from; i < m.to; i++) {
      const ck = Math.floor(i / m.plan.chunk);
      if (ck !== k) {
        cases = fuzzChunk(m.plan, ck);
        k = ck;
      }
      const c = cases[i % m.plan.chunk]!;
      port.postMessage({ t: 'start', i } satisfies ToMain);
      const t0 = performance.now();
      const problem = checkFuzzCase(c, lib);
      const ms = performance.now() - t0;
      const slow = ms > slowest;
      if (slow) slowest = ms;
      port.postMessage({ t: 'end', i, ms, kind: c.kind, problem, input: problem !== undefined || slow ? describeCase(c) : undefined } satisfies ToMain);
    }
    port.postMessage({ t: 'idle' } satisfies ToMain);
  });
}

export interface FuzzFinding {
  readonly i: number;
  readonly problem: string;
  readonly input: string;
}

export interface FuzzSummary {
  readonly cases: number;
  readonly byKind: Record<string, number>;
  /** Total time spent per kind of case (ms). */
  readonly msByKind: Record<string, number>;
  readonly failures: FuzzFinding[];
  readonly hangs: FuzzFinding[];
  readonly maxMs: number;
  readonly maxInput: string;
  readonly elapsedMs: number;
  /** Set when the run stopped early (too many hangs). */
  readonly aborted?: string;
}

export interface PoolOptions {
  /** A module that calls fuzzWorker(lib). */
  readonly workerFile: string | URL;
  readonly plan: FuzzPlan;
  readonly from?: number;
  readonly cases: number;
  readonly workers: number;
  /** An input running longer than this is a hang: its worker is stopped and replaced. */
  readonly timeoutMs: number;
  /**
   * The workers' stack size. Default 1 MB, about the main thread's (and the CLI's): deep
   * inputs then overflow where they would in the CLI (a worker's default is 4 MB).
   */
  readonly stackSizeMb?: number;
  /** Stop after this many hangs (each costs timeoutMs). */
  readonly maxHangs?: number;
  readonly onProgress?: (done: number) => void;
}

const RECYCLE = 2000;

/** Runs cases [from, from + cases) in worker threads with a watchdog. */
export async function runFuzzPool(o: PoolOptions): Promise<FuzzSummary> {
  const { Worker } = await import('node:worker_threads');
  const t0 = performance.now();
  const from = o.from ?? 0;
  const end = from + o.cases;
  const slice = Math.max(1, Math.min(200, Math.ceil(o.cases / (o.workers * 4))));
  let next = from;
  let done = 0;
  const byKind: Record<string, number> = {};
  const msByKind: Record<string, number> = {};
  const failures: FuzzFinding[] = [];
  const hangs: FuzzFinding[] = [];
  let maxMs = 0;
  let maxInput = '';
  let aborted: string | undefined;
  let live = 0;

  return new Promise((resolve, reject) => {
    const finish = () => {
      if (live === 0) resolve({ cases: done, byKind, msByKind, failures, hangs, maxMs, maxInput, elapsedMs: performance.now() - t0, aborted });
    };
    const take = (): [number, number] | undefined => {
      if (aborted || next >= end) return undefined;
      const r: [number, number] = [next, Math.min(end, next + slice)];
      next = r[1];
      return r;
    };
    const spawn = (range: [number, number] | undefined) => {
      if (!range) return finish();
      live++;
      const w = new Worker(o.workerFile, { resourceLimits: { stackSizeMb: o.stackSizeMb ?? 1 } });
      let current = -1;
      let ran = 0;
      let upTo = range[1];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stop = () => {
        if (timer) clearTimeout(timer);
        live--;
        void w.terminate();
      };
      w.on('message', (m: ToMain) => {
        if (m.t === 'start') {
          current = m.i;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => {
            // A hang: name the input, replace the worker, go on after it.
            hangs.push({ i: current, problem: `no answer within ${o.timeoutMs} ms`, input: describeCase(fuzzCaseAt(o.plan, current)) });
            done++;
            if (o.maxHangs !== undefined && hangs.length >= o.maxHangs) aborted = `stopped after ${hangs.length} hangs`;
            const rest: [number, number] | undefined = current + 1 < upTo && !aborted ? [current + 1, upTo] : undefined;
            stop();
            spawn(rest ?? take());
          }, o.timeoutMs);
        } else if (m.t === 'end') {
          if (timer) clearTimeout(timer);
          timer = undefined;
          done++;
          ran++;
          byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
          msByKind[m.kind] = (msByKind[m.kind] ?? 0) + m.ms;
          if (m.ms > maxMs) {
            maxMs = m.ms;
            maxInput = m.input ?? maxInput;
          }
          if (m.problem !== undefined) failures.push({ i: m.i, problem: m.problem, input: m.input ?? '' });
          if (o.onProgress && done % 1000 === 0) o.onProgress(done);
        } else {
          const r = take();
          if (!r) {
            stop();
            finish();
          } else if (ran >= RECYCLE) {
            // A fresh worker now and then: dcalc interns every node it ever makes.
            stop();
            spawn(r);
          } else {
            upTo = r[1];
            w.postMessage({ plan: o.plan, from: r[0], to: r[1] } satisfies ToWorker);
          }
        }
      });
      w.on('error', (e) => {
        if (timer) clearTimeout(timer);
        live--;
        reject(e);
      });
      w.postMessage({ plan: o.plan, from: range[0], to: range[1] } satisfies ToWorker);
    };
    for (let k = 0; k < o.workers; k++) spawn(take());
  });
}
