/**
 * The user's names are the user's (issue 11, item 4): a random program whose variables
 * are renamed to the spellings the engine uses for its own symbols — the differential
 * dX (and d_X), the steps' G_X and G_h1, the printer's temporaries t0 and t1, the
 * vectorisation's K and I — has the same derivatives, value for value:
 *
 *   (a) the gradient (scalar programs), the Jacobian (matrix programs) and the Hessian
 *       of the renamed program equal those of the original at random points;
 *   (b) they agree with central finite differences (checkDerivative);
 *   (c) the printed text and ascii, appended to the renamed program, evaluate to them;
 *   (d) every step of `--steps` for a gradient keeps the value of ∂L/∂u.
 *
 * The variable differentiated is renamed X, so that dX, d_X and G_X are exactly the
 * names the engine would make for it.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { checkDerivative, grad, gradientDerivation, hessian, jacobian, parseProgram, toAscii, toText, varSpecs, type Derivative, type Program } from '../../src/api/index.js';
import { DcalcError } from '../../src/errors.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { relErr } from '../../src/numeric/finite-diff.js';
import { bindDims, makeRng, samplePoint } from '../../src/numeric/sample.js';
import { agreement } from '../matchers.js';
import { matrixProgram, propSeed, scalarProgram, type GenProgram } from './generators.js';

const SEED = propSeed() + 101;
const RUNS = { grad: 120, jacobian: 60, hessian: 30, steps: 40 };

/** The engine's own spellings, given to the variables other than the one differentiated. */
const ENGINE_NAMES = ['dX', 'd_X', 'G_X', 't0', 'K', 'I', 'G_h1', 't1', 'dh1', 'dK', 'G_K'] as const;

/**
 * Names that look like numbers, constants or keywords (issue 12: printing always reads
 * back): Euler's e and π (constants unless the program names them), exponent-like E5 and
 * e3 (`2e3` is 2000), the non-numbers inf and nan, the transpose letter T, the words of
 * `wrt` and of declarations, a constant's function name.
 */
const LOOKALIKE_NAMES = ['e', 'E5', 'e3', 'π', 'inf', 'nan', 'Inf', 'T', 'wrt', 'scalar', 'ones', 'symmetric'] as const;

interface Renamed {
  readonly original: GenProgram;
  readonly text: string;
  readonly let: string | undefined;
  /** Original name → new name. */
  readonly names: ReadonlyMap<string, string>;
  /** The name differentiated, in the original and in the renamed program. */
  readonly wrt: string;
  readonly newWrt: string;
}

/**
 * Replaces each variable name (a letter, and digits: a, A1, x2, t1) by its new name, with a
 * space where the new name would run into a neighbouring letter or digit (`2A1x1` is
 * `2 dX X`). A function name never holds a variable's spelling (norm1 has m1, and no
 * variable name starts with m).
 */
function renameText(text: string, names: ReadonlyMap<string, string>): string {
  // A letter, digit or _ (not ᵀ or ², which are letters and numbers to Unicode too).
  const word = /(?![\p{Lm}\p{No}])[\p{L}\p{N}_]/u;
  let spacedUpTo = -1;
  // The generators write letters with digits (A1, x2, glued as in w1A1) and single
  // letters standing alone (a, b, X); a letter inside a word (tanh) is never a name.
  return text.replace(/[A-Za-z][0-9]+|(?<![A-Za-z0-9_])[A-Za-z](?![A-Za-z0-9_])/g, (m: string, offset: number, all: string) => {
    const to = names.get(m);
    if (to === undefined) return m;
    const lead = word.test(all[offset - 1] ?? '') && spacedUpTo !== offset ? ' ' : '';
    const trail = word.test(all[offset + m.length] ?? '') ? ' ' : '';
    if (trail) spacedUpTo = offset + m.length;
    return `${lead}${to}${trail}`;
  });
}

function renamed(arb: fc.Arbitrary<GenProgram>, spellings: readonly string[] = ENGINE_NAMES): fc.Arbitrary<Renamed> {
  return fc.tuple(arb, fc.nat(), fc.nat(spellings.length - 1)).map(([g, i, rot]) => {
    const vars = g.vars.map((v) => v.name);
    const wrt = vars[i % vars.length]!;
    const names = new Map<string, string>([[wrt, 'X']]);
    let k = rot;
    for (const v of vars) if (v !== wrt) names.set(v, spellings[k++ % spellings.length]!);
    const out: Renamed = { original: g, text: renameText(g.text, names), let: g.let === undefined ? undefined : renameText(g.let, names), names, wrt, newWrt: 'X' };
    Object.defineProperty(out, fc.toStringMethod, { value: () => `${out.let !== undefined ? `--let ${JSON.stringify(out.let)} ` : ''}${JSON.stringify(out.text)} wrt X (from ${fc.stringify(g)})`, enumerable: false });
    return out;
  });
}

type Op = 'grad' | 'jacobian' | 'hessian';
const derive = (op: Op, p: Program, wrt: string): Derivative => (op === 'grad' ? grad(p, wrt) : op === 'jacobian' ? jacobian(p, wrt) : hessian(p, wrt));

/** The largest relative difference between the two derivatives at random points (values carried over by name). */
function valueDifference(a: Derivative, b: Derivative, names: ReadonlyMap<string, string>, seed: number): { err: number; points: number } {
  const specs = varSpecs(a.program);
  const rng = makeRng(seed);
  let err = 0;
  let points = 0;
  for (let attempt = 0; points < 2 && attempt < 12; attempt++) {
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, attempt % 3 === 2 ? 'positive' : 'general');
    const renamedVars = new Map([...vars].map(([n, v]) => [names.get(n) ?? n, v]));
    let va;
    try {
      va = evaluate(a.expr, { vars, dims });
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
    err = Math.max(err, relErr(va, evaluate(b.expr, { vars: renamedVars, dims })));
    points++;
  }
  return { err, points };
}

function checkRenamed(op: Op, c: Renamed, seed: number): void {
  const original = parseProgram(c.original.text, { let: c.original.let });
  const p = parseProgram(c.text, { let: c.let });
  let a: Derivative;
  try {
    a = derive(op, original, c.wrt);
  } catch (e) {
    // A derivative the engine declines (a limit) is declined for both spellings alike.
    if (e instanceof DcalcError && e.kind === 'limit') {
      expect(() => derive(op, p, c.newWrt)).toThrow(DcalcError);
      return;
    }
    throw e;
  }
  const b = derive(op, p, c.newWrt);
  const { err } = valueDifference(a, b, c.names, seed);
  expect(err, `(a) ${op} changes value when the variables are renamed: ${toText(original, a.expr)} vs ${toText(p, b.expr)}`).toBeLessThan(1e-9);
  const check = checkDerivative(b, { seed, points: 2 });
  if (check.points > 0) expect(check.ok, `(b) ${op} = ${toText(p, b.expr)} disagrees with finite differences (${check.maxRelErr})`).toBe(true);
  for (const text of [toText(p, b.expr), toAscii(p, b.expr)]) {
    expect(agreement(b, c.let === undefined ? c.text : declared(c), text, { points: 2 }), `(c) the printed ${text} does not read back`).toBeLessThan(1e-9);
  }
}

/** The renamed program with its `--let` declarations written into it (for reading back printed text). */
function declared(c: Renamed): string {
  return `${c.let!.split(', ').join('\n')}\n${c.text}`;
}

function checkSteps(c: Renamed, seed: number): void {
  const p = parseProgram(c.text, { let: c.let });
  let der;
  try {
    der = gradientDerivation(p, c.newWrt);
  } catch (e) {
    if (e instanceof DcalcError && e.kind === 'limit') return;
    throw e;
  }
  const userNames = new Set([...p.declarations.keys(), ...p.definitions.keys()]);
  for (const s of der.steps) {
    expect(userNames.has(s.symbol.name) && s.symbol.name !== s.name, `(d) the step symbol ${s.symbol.name} is a name of the program`).toBe(false);
    // The step's value is ∂L/∂u: the gradient with respect to u, value for value.
    const g = grad(p, s.name);
    const specs = varSpecs(p);
    const rng = makeRng(seed);
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, 'general');
    try {
      expect(relErr(evaluate(s.value, { vars, dims }), evaluate(g.expr, { vars, dims })), `(d) step ${s.name}`).toBeLessThan(1e-9);
    } catch (e) {
      if (!(e instanceof DcalcError && e.kind === 'domain')) throw e;
    }
  }
}

function assertProperty<T>(k: number, arb: fc.Arbitrary<T>, numRuns: number, check: (x: T, seed: number) => void): void {
  let n = 0;
  fc.assert(fc.property(arb, (x) => check(x, SEED + k * 1000 + n++)), { seed: SEED + k, numRuns, verbose: 1 });
  expect(n).toBeGreaterThanOrEqual(numRuns);
}

describe('renaming variables to the engine\'s own spellings keeps every derivative', () => {
  test('the renaming itself: whole names only, function names untouched', () => {
    const names = new Map([['A1', 'dX'], ['x1', 'X'], ['t1', 'K']]);
    expect(renameText('A1: m×n; x1: n×1; t1: scalar\nf = norm1(A1x1) + 2t1A1ᵀ', names)).toBe('dX: m×n; X: n×1; K: scalar\nf = norm1(dX X) + 2 K dXᵀ');
  });
  test(`(a)–(c) gradients (${RUNS.grad} random scalar programs)`, () => assertProperty(1, renamed(scalarProgram()), RUNS.grad, (c, seed) => checkRenamed('grad', c, seed)));
  test(`(a)–(c) Jacobians (${RUNS.jacobian} random matrix programs)`, () => assertProperty(2, renamed(matrixProgram()), RUNS.jacobian, (c, seed) => checkRenamed('jacobian', c, seed)));
  test(`(a)–(c) Hessians (${RUNS.hessian} random scalar programs)`, () => assertProperty(3, renamed(scalarProgram({ depth: 3 })), RUNS.hessian, (c, seed) => checkRenamed('hessian', c, seed)));
  test(`(d) --steps (${RUNS.steps} random scalar programs)`, () => assertProperty(4, renamed(scalarProgram()), RUNS.steps, (c, seed) => checkSteps(c, seed)));
});

describe('renaming variables to names that look like numbers, constants or keywords keeps every derivative, and its printed forms read back', () => {
  test(`(a)–(c) gradients (${RUNS.grad} random scalar programs)`, () => assertProperty(5, renamed(scalarProgram(), LOOKALIKE_NAMES), RUNS.grad, (c, seed) => checkRenamed('grad', c, seed)));
  test(`(a)–(c) Jacobians (${RUNS.jacobian} random matrix programs)`, () => assertProperty(6, renamed(matrixProgram(), LOOKALIKE_NAMES), RUNS.jacobian, (c, seed) => checkRenamed('jacobian', c, seed)));
});
