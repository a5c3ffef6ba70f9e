/**
 * Soundness of each simplification rule on its own: for every rule of RULES, random
 * instances of its pattern (random shapes, random operands), `rule.apply(node, ctx)`,
 * and the value before and after compared at random points that honour the declared
 * assumptions (an `S…` variable is spd, `M…` symmetric, `Y…` simplex, `R…` simplex_rows,
 * `P…` positive, `K…` binary). Every rule must have an instance generator here, so a new rule without
 * a soundness test fails the first test below.
 *
 * Seeded by DCALC_PROP_SEED (printed); a failure prints fast-check's seed, path and the
 * shrunk instance.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { RULES, type RuleCtx } from '../../src/simplify/rules.js';
import { apply, variable, num, topoOrder, Store, withStore, type Expr, type OpNode } from '../../src/ast.js';
import { shape as mkShape } from '../../src/shape/shape.js';
import { mulDim, type Dim } from '../../src/shape/dims.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { makeRng, bindDims, samplePoint, type Assumption, type VarSpec } from '../../src/numeric/sample.js';
import { relErr } from '../../src/numeric/finite-diff.js';
import { DcalcError } from '../../src/errors.js';
import { toAscii, parseProgram } from '../../src/api/index.js';
import { propSeed } from './generators.js';
import { literal, patternVariables, conditionsHold, type Bindings, type PatternRule } from '../../src/simplify/pattern.js';

const SEED = propSeed();
// eslint-disable-next-line no-console
console.log(`rule soundness: seed ${SEED} (DCALC_PROP_SEED)`);
const RUNS_PER_RULE = 40;

// ---------------------------------------------------------------------------------
// Building blocks: sizes, variables (named by role and shape), random operands.

const ASSUMES: Record<string, Assumption[]> = { S: ['spd'], M: ['symmetric'], Y: ['simplex'], R: ['simplex_rows'], P: ['positive'], K: ['binary'] };

const nameDim = fc.constantFrom<Dim>('m', 'n', 'k', 'p');
const anyDim = fc.oneof({ weight: 4, arbitrary: nameDim }, { weight: 1, arbitrary: fc.constantFrom<Dim>(2, 3) });
/** Sizes including 1 (vectors and scalars). */
const dimOr1 = fc.oneof({ weight: 4, arbitrary: anyDim }, { weight: 1, arbitrary: fc.constant<Dim>(1) });

const sh = (r: Dim, c: Dim) => mkShape(r, c);
const isScalarShape = (r: Dim, c: Dim) => r === 1 && c === 1;

/** A variable named by its role and shape (one name, one shape). */
function V(role: string, r: Dim, c: Dim): Expr {
  return variable(`${role}_${r}_${c}`.replace(/\*/g, ''), sh(r, c));
}

/**
 * A random operand of shape r×c: a variable, or a small expression (so that rules see
 * more than leaves). Square operands may be symmetric or spd variables.
 */
function operand(role: string, r: Dim, c: Dim): fc.Arbitrary<Expr> {
  const opts: fc.Arbitrary<Expr>[] = [fc.constant(null).map(() => V(role, r, c))];
  opts.push(fc.constant(null).map(() => apply('sin', [V(role, r, c)])));
  opts.push(fc.constant(null).map(() => apply('add', [V(role, r, c), V(`${role}b`, r, c)])));
  if (!isScalarShape(r, c)) {
    opts.push(fc.constant(null).map(() => apply('transpose', [V(`${role}t`, c, r)])));
    opts.push(fc.constant(null).map(() => apply('mul', [V(`${role}c`, 1, 1), V(role, r, c)])));
  }
  if (r === c && r !== 1) opts.push(fc.constantFrom('S', 'M').map((k) => V(`${k}${role}`, r, c)));
  return fc.oneof({ weight: 3, arbitrary: opts[0]! }, ...opts.slice(1));
}

/** A scalar factor: a number (not 0 or ±1), a scalar variable, or a positive one. */
const scalarArb: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(2, 0.5, -3, 1.5).map((v) => num(v)),
  fc.constant(null).map(() => V('c', 1, 1)),
  fc.constant(null).map(() => V('Pc', 1, 1)),
);
/** A scalar to divide by: away from 0. */
const divisorArb: fc.Arbitrary<Expr> = fc.oneof(fc.constantFrom(2, 0.5, -3).map((v) => num(v)), fc.constant(null).map(() => V('Pd', 1, 1)));

// ---------------------------------------------------------------------------------
// One instance generator per rule: each produces nodes the rule must rewrite.

type Gen = fc.Arbitrary<Expr>;
const T = (a: Expr) => apply('transpose', [a]);
const MM = (a: Expr, b: Expr) => apply('matmul', [a, b]);
const ones = (r: Dim, c: Dim) => apply('ones', [], { dims: [r, c] });
const eye = (n: Dim) => apply('eye', [], { dims: [n] });

/** sum, sum_rows or sum_cols. */
const reduction = fc.constantFrom('sum', 'sum_rows', 'sum_cols') as fc.Arbitrary<'sum' | 'sum_rows' | 'sum_cols'>;

/** c⊙A, A/c or −A: the scalar factors the rules pull out (A not scalar). */
function scaled(role: string, r: Dim, c: Dim): fc.Arbitrary<Expr> {
  return fc.oneof(
    fc.tuple(scalarArb, operand(role, r, c), fc.boolean()).map(([k, a, left]) => apply('mul', left ? [k, a] : [a, k])),
    fc.tuple(operand(role, r, c), divisorArb).map(([a, k]) => apply('div', [a, k])),
    operand(role, r, c).map((a) => apply('neg', [a])),
  );
}

/** A symmetric matrix by structure or by assumption. */
const symmetricArb: Gen = anyDim.chain((n) =>
  fc.oneof(
    fc.constant(null).map(() => V('S', n, n)),
    fc.constant(null).map(() => V('M', n, n)),
    dimOr1.map((j) => MM(T(V('A', j, n)), V('A', j, n))),
    dimOr1.map((j) => MM(V('A', n, j), T(V('A', n, j)))),
    fc.constant(null).map(() => apply('add', [V('A', n, n), T(V('A', n, n))])),
    fc.constant(null).map(() => apply('inv', [V('S', n, n)])),
    fc.constant(null).map(() => apply('diag', [V('v', n, 1)])),
    fc.constant(null).map(() => eye(n)),
    fc.constant(null).map(() => ones(n, n)),
    anyDim.map((j) => MM(MM(V('A', j, n), V('S', n, n)), T(V('A', j, n)))),
    fc.constant(null).map(() => apply('mul', [V('S', n, n), V('M', n, n)])),
    fc.constant(null).map(() => apply('mul', [V('c', 1, 1), V('M', n, n)])),
    fc.constant(null).map(() => apply('div', [V('M', n, n), V('Pd', 1, 1)])),
    fc.constant(null).map(() => apply('neg', [V('M', n, n)])),
    fc.constantFrom('sin', 'exp', 'tanh', 'sigmoid').map((f) => apply(f as 'sin', [V('M', n, n)])),
    fc.constant(null).map(() => apply('mpow', [V('M', n, n)], { p: 2 })),
    fc.constant(null).map(() => T(V('M', n, n))),
  ),
);

export const GENERATORS: Record<string, Gen> = {
  'transpose-of-scaled': fc.tuple(anyDim, dimOr1).chain(([r, c]) => scaled('A', r, c).map(T)),

  'scalar-out-of-product': fc.tuple(anyDim, anyDim, anyDim, fc.boolean()).chain(([r, j, c, left]) =>
    left ? fc.tuple(scaled('A', r, j), operand('B', j, c)).map(([a, b]) => MM(a, b)) : fc.tuple(operand('A', r, j), scaled('B', j, c)).map(([a, b]) => MM(a, b)),
  ),

  'scalar-out-of-sum': fc.tuple(reduction, anyDim, anyDim).chain(([op, r, c]) => scaled('A', r, c).map((a) => apply(op, [a]))),

  'sum-of-transpose': fc.tuple(reduction, anyDim, dimOr1).chain(([op, r, c]) => operand('A', r, c).map((a) => apply(op, [T(a)]))),

  // sum(v ⊙ ones(m,n)) for a scalar v; sum_cols(r ⊙ ones(m,n)) for a row r or a scalar;
  // sum_rows(c ⊙ ones(m,n)) for a column c or a scalar; and the plain ones.
  'sum-of-broadcast': fc.tuple(fc.constantFrom('sum', 'sum_cols', 'sum_rows'), anyDim, anyDim, fc.constantFrom('plain', 'scalar', 'vector'), fc.boolean()).chain(([op, m, n, kind, left]) => {
    const o = ones(m, n);
    if (kind === 'plain') return fc.constant(apply(op as 'sum', [o]));
    const v = kind === 'scalar' || op === 'sum' ? scalarArb : op === 'sum_cols' ? operand('r', 1, n) : operand('c', m, 1);
    return v.map((x) => apply(op as 'sum', [apply('mul', left ? [x, o] : [o, x])]));
  }),

  // sum(y) for a simplex vector or matrix, sum_cols / sum_rows along the simplex axis.
  'simplex-sums-to-one': fc.tuple(anyDim, anyDim).chain(([m, n]) =>
    fc.constantFrom(
      apply('sum', [V('Y', 1, n)]),
      apply('sum', [V('Y', n, 1)]),
      apply('sum', [V('Y', m, n)]),
      apply('sum', [V('R', m, n)]),
      apply('sum_cols', [V('Y', n, 1)]),
      apply('sum_cols', [V('Y', m, n)]),
      apply('sum_rows', [V('Y', 1, n)]),
      apply('sum_rows', [V('R', 1, n)]),
      apply('sum_rows', [V('R', m, n)]),
    ),
  ),

  // M.^p of a 0/1 mask, for p = 1, 2, 3.
  'binary-idempotent': fc.tuple(dimOr1, dimOr1, fc.constantFrom(1, 2, 3)).map(([m, n, p]) => apply('epow', [V('K', m, n), num(p)])),

  'softmax-recognised': fc.tuple(anyDim, fc.boolean()).chain(([n, col]) => operand('z', col ? n : 1, col ? 1 : n).map((z) => {
    const e = apply('exp', [z]);
    return apply('div', [e, apply('sum', [e])]);
  })),

  'factor-common-product': fc.tuple(anyDim, anyDim, anyDim, fc.constantFrom('right', 'left'), fc.boolean()).chain(([r, j, c, side, minus]) => {
    const combine = (x: Expr, y: Expr) => apply('add', [x, minus ? apply('neg', [y]) : y]);
    if (side === 'right') return fc.tuple(operand('A', r, j), operand('B', r, j), operand('X', j, c)).map(([a, b, x]) => combine(MM(a, x), MM(b, x)));
    return fc.tuple(operand('X', r, j), operand('A', j, c), operand('B', j, c)).map(([x, a, b]) => combine(MM(x, a), MM(x, b)));
  }),

  'kron-mixed-product': fc.tuple(dimOr1, anyDim, dimOr1, dimOr1, anyDim, dimOr1, fc.boolean(), dimOr1).chain(([a, b, c, d, e, f, tail, g]) =>
    fc.tuple(operand('A', a, b), operand('B', d, e), operand('C', b, c), operand('D', e, f)).map(([A, B, C, D]) => {
      const l = apply('kron', [A, B]);
      const r = apply('kron', [C, D]);
      // (A ⊗ B)(C ⊗ D), or (A ⊗ B)((C ⊗ D)X) with X of c·f rows.
      return tail ? MM(l, MM(r, V('X', mulDim(c, f), g))) : MM(l, r);
    }),
  ),

  'scalar-out-of-kron': fc.tuple(anyDim, dimOr1, anyDim, dimOr1, fc.boolean()).chain(([r1, c1, r2, c2, left]) =>
    left ? fc.tuple(scaled('A', r1, c1), operand('B', r2, c2)).map(([a, b]) => apply('kron', [a, b])) : fc.tuple(operand('A', r1, c1), scaled('B', r2, c2)).map(([a, b]) => apply('kron', [a, b])),
  ),

  'diag-of-ones': fc.tuple(anyDim, anyDim, fc.constantFrom('col', 'row', 'vec', 'transposed')).map(([m, n, kind]) => {
    if (kind === 'col') return apply('diag', [ones(n, 1)]);
    if (kind === 'row') return apply('diag', [ones(1, n)]);
    if (kind === 'vec') return apply('diag', [apply('vec', [ones(m, n)])]);
    return apply('diag', [T(ones(n, 1))]);
  }),

  'transpose-of-symmetric': symmetricArb.map(T),

  'inverse-of-product': anyDim.chain((n) =>
    fc.oneof(
      fc.integer({ min: 2, max: 3 }).map((k) => apply('inv', [Array.from({ length: k }, (_, i) => V(`S${i}`, n, n)).reduce((x, y) => MM(x, y))])),
      fc.constant(null).map(() => apply('inv', [MM(V('A', n, n), MM(V('S', n, n), V('B', n, n)))])),
      scalarArb.map((k) => apply('inv', [apply('mul', [k, V('S', n, n)])])),
      fc.constant(null).map(() => apply('inv', [apply('neg', [V('S', n, n)])])),
      fc.integer({ min: 2, max: 3 }).map((p) => apply('inv', [apply('mpow', [V('S', n, n)], { p })])),
    ),
  ),

  'transpose-of-power': fc.tuple(anyDim, fc.integer({ min: 2, max: 4 })).chain(([n, p]) => operand('A', n, n).map((a) => T(apply('mpow', [a], { p })))),

  // Chains with A A⁻¹, Aᵀ A⁻ᵀ, repeated factors and powers, in either association.
  'product-chain': fc.tuple(anyDim, anyDim, fc.constantFrom('BAinvAC', 'BinvAAC', 'BAtAinvtC', 'BinvAtAtC', 'AA', 'A2A', 'BAA3C', 'AinvA', 'AinvAC'), fc.boolean()).map(([n, j, kind, leftAssoc]) => {
    const S = V('S', n, n);
    const A = V('A', n, n);
    const B = V('B', j, n);
    const C = V('C', n, j);
    const inv = (x: Expr) => apply('inv', [x]);
    const pow = (x: Expr, p: number) => apply('mpow', [x], { p });
    const chain = (fs: Expr[]) => (leftAssoc ? fs.reduce((x, y) => MM(x, y)) : fs.reduceRight((y, x) => MM(x, y)));
    const chains: Record<string, Expr[]> = {
      BAinvAC: [B, S, inv(S), C],
      BinvAAC: [B, inv(S), S, C],
      BAtAinvtC: [B, T(A), T(inv(A)), C],
      BinvAtAtC: [B, inv(T(A)), T(A), C],
      AA: [A, A],
      A2A: [pow(A, 2), A],
      BAA3C: [B, A, pow(A, 3), C],
      AinvA: [A, inv(A)],
      AinvAC: [A, inv(A), C],
    };
    return chain(chains[kind]!);
  }),

  'coefficient-first': fc.tuple(anyDim, anyDim, fc.constantFrom(2, -3, 0.5), fc.constantFrom('left', 'right', 'row')).chain(([r, c, k, where]) => {
    if (where === 'row') return fc.tuple(operand('A', r, c), operand('B', 1, c)).map(([a, b]) => apply('mul', [a, apply('mul', [num(k), b])]));
    return fc.tuple(operand('A', r, c), operand('B', r, c)).map(([a, b]) => (where === 'left' ? apply('mul', [apply('mul', [num(k), a]), b]) : apply('mul', [a, apply('mul', [num(k), b])])));
  }),

  'zero-through-linear': fc.tuple(anyDim, anyDim, anyDim, fc.integer({ min: 0, max: 11 })).chain(([r, c, k, which]) => {
    const Z = (a: Dim, b: Dim) => apply('zeros', [], { dims: [a, b] });
    switch (which) {
      case 0: return fc.constant(apply('vec', [Z(r, c)]));
      case 1: return fc.constant(T(Z(r, c)));
      case 2: return fc.constant(apply('tr', [Z(r, r)]));
      case 3: return fc.constant(apply('sum', [Z(r, c)]));
      case 4: return fc.constant(apply('sum_rows', [Z(r, c)]));
      case 5: return fc.constant(apply('sum_cols', [Z(r, c)]));
      case 6: return fc.constant(apply('diag', [Z(r, 1)]));
      case 7: return fc.constant(apply('diag_part', [Z(r, r)]));
      case 8: return operand('A', r, k).map((a) => MM(a, Z(k, c)));
      case 9: return operand('B', k, c).map((b) => MM(Z(r, k), b));
      case 10: return operand('A', r, c).map((a) => apply('kron', [a, Z(k, 2)]));
      default: return operand('B', k, c).map((b) => apply('kron', [Z(r, 3), b]));
    }
  }),
};

// ---------------------------------------------------------------------------------
// Checking an instance

function specsOf(exprs: readonly Expr[]): VarSpec[] {
  const specs = new Map<string, VarSpec>();
  for (const e of exprs) {
    for (const n of topoOrder(e)) {
      if (n.kind !== 'var' || specs.has(n.name)) continue;
      const role = n.name.split('_')[0]!;
      specs.set(n.name, { name: n.name, rows: n.shape.rows, cols: n.shape.cols, assumptions: ASSUMES[role[0]!] ?? [] });
    }
  }
  return [...specs.values()];
}

function ctxFor(specs: readonly VarSpec[]): RuleCtx {
  return { frozen: new Set(), named: new Set(), assumptions: new Map(specs.filter((s) => s.assumptions.length).map((s) => [s.name, s.assumptions])), used: new Set() };
}

/** A readable form of an instance (for failure messages). */
function show(e: Expr): string {
  try {
    const p = parseProgram('1');
    return toAscii(p, e, true);
  } catch {
    return `#${e.id}`;
  }
}

function checkRule(name: string, node: Expr): void {
  const rule = RULES.find((r) => r.name === name)!;
  if (node.kind !== 'op') throw new Error(`the generator for ${name} made a leaf`);
  const specs = specsOf([node]);
  const ctx = ctxFor(specs);
  const out = rule.apply(node as OpNode, ctx);
  if (!out || out === node) throw new Error(`${name} does not apply to its own pattern: ${show(node)}`);
  if (out.shape.rows !== node.shape.rows || out.shape.cols !== node.shape.cols) {
    throw new Error(`${name} changes the shape: ${show(node)} is ${node.shape.rows}×${node.shape.cols}, ${show(out)} is ${out.shape.rows}×${out.shape.cols}`);
  }
  const allSpecs = specsOf([node, out]);
  // Sizes that only constants mention (eye(n), ones(m, n)) need values too.
  const sizes: VarSpec[] = [];
  for (const e of [node, out]) {
    for (const n of topoOrder(e)) {
      if (n.kind === 'op' && n.attr.dims) for (const d of n.attr.dims) sizes.push({ name: '', rows: d, cols: 1, assumptions: [] });
      if (n.kind === 'dim') sizes.push({ name: '', rows: n.dim, cols: 1, assumptions: [] });
    }
  }
  const rng = makeRng(node.id * 7919 + 1);
  let done = 0;
  for (let attempt = 0; done < 3 && attempt < 15; attempt++) {
    const dims = bindDims([...allSpecs, ...sizes], new Map(), rng);
    const vars = samplePoint(allSpecs, dims, rng, attempt % 3 === 2 ? 'positive' : 'general');
    let before;
    try {
      before = evaluate(node, { vars, dims });
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
    const after = evaluate(out, { vars, dims });
    const err = relErr(after, before);
    if (!(err < 1e-9)) {
      const at = [...vars].map(([k, v]) => `${k} = ${JSON.stringify(Array.from(v.data).map((x) => Number(x.toFixed(4))))} (${v.rows}×${v.cols})`).join(', ');
      throw new Error(`${name} is unsound: ${show(node)} → ${show(out)} (max rel. error ${err}) at ${[...dims].map(([k, v]) => `${k}=${v}`).join(' ')}: ${at}`);
    }
    done++;
  }
  if (done === 0) throw new Error(`no point where ${show(node)} is defined`);
}

// ---------------------------------------------------------------------------------
// Pattern rules (src/simplify/pattern.ts) are instantiated from their own left sides:
// each variable gets a random shape (sizes 1, 2, 3, m, n), each size variable a size,
// until the pattern builds (its shape rules hold) and the rule's side conditions hold.

const SIZES: readonly Dim[] = [1, 2, 3, 'm', 'n'];

function patternInstances(r: PatternRule): Gen {
  return fc.tuple(fc.nat({ max: r.alternatives().length - 1 }), fc.nat()).map(([k, seed]) => {
    const alt = r.alternatives()[k]!;
    const vars = patternVariables(alt.lhs);
    const rng = makeRng(seed + 1);
    const pick = () => SIZES[Math.floor(rng() * SIZES.length)]!;
    for (let attempt = 0; attempt < 2000; attempt++) {
      const b: Bindings = { exprs: new Map(), dims: new Map() };
      for (const v of vars.sizes) b.dims.set(v, pick());
      for (const v of vars.exprs) {
        const [rows, cols] = [pick(), pick()];
        b.exprs.set(v, V(v, rows, cols));
      }
      try {
        const node = literal(alt.lhs, b);
        if (conditionsHold(alt.when, b)) return node;
      } catch (e) {
        if (!(e instanceof DcalcError && e.kind === 'shape')) throw e;
      }
    }
    throw new Error(`no instance of ${alt.lhs.t} for ${r.name} in 2,000 tries`);
  });
}

const isPatternRule = (r: (typeof RULES)[number]): r is PatternRule => 'alternatives' in r;
const generatorFor = (name: string): Gen | undefined => {
  const r = RULES.find((x) => x.name === name);
  return r && isPatternRule(r) ? patternInstances(r) : GENERATORS[name];
};

describe('each simplification rule is sound on its own', () => {
  test('every rule of RULES has an instance generator: its own pattern, or one here', () => {
    const missing = RULES.filter((r) => !isPatternRule(r)).map((r) => r.name).filter((n) => !(n in GENERATORS));
    expect(missing, 'rules without a soundness test: add an instance generator to test/properties/rules.test.ts').toEqual([]);
    const stale = Object.keys(GENERATORS).filter((n) => !RULES.some((r) => r.name === n && !isPatternRule(r)));
    expect(stale, 'generators for rules that no longer exist or are patterns').toEqual([]);
  });

  test('the pattern rules are the ones whose left side is a single pattern', () => {
    expect(RULES.filter(isPatternRule).length).toBeGreaterThanOrEqual(15);
  });

  test.each(RULES.map((r) => [r.name]))('%s preserves value', (name) => {
    const gen = generatorFor(name);
    expect(gen, `no instance generator for ${name}`).toBeDefined();
    // The instances are built in a store of their own, as a request's would be.
    withStore(new Store(), () => fc.assert(
      fc.property(gen!, (node) => checkRule(name, node)),
      { seed: SEED + [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 0) % 1000, numRuns: RUNS_PER_RULE, verbose: 1 },
    ));
  });
});
