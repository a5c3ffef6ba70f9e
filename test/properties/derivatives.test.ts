/**
 * Property tests over random well-shaped programs (generators.ts):
 *   (a) a gradient agrees with central finite differences;
 *   (b) a Jacobian agrees with finite differences;
 *   (c) a Hessian agrees with finite differences of the gradient and is symmetric;
 *   (d) simplification preserves value;
 *   (e) the text, ascii and LaTeX output parse back (appended to the program) to the
 *       same value — LaTeX through src/parse/latex.ts, which existed when these tests
 *       were written;
 *   (f) every rule application recorded in d.steps preserves value;
 *   (g) `dcalc check` grades the printed derivative as correct (and twice it as scaled).
 *
 * Seeded: DCALC_PROP_SEED (default in generators.ts) is printed, and a failure prints
 * fast-check's seed, path and shrunk counterexample (the program's text).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  parseProgram, grad, jacobian, hessian, checkGradient, checkDerivative, checkClaim, toText, toAscii, render, toLatex, varSpecs, latexToDcalc, simplify,
  type Derivative, type Program,
} from '../../src/api/index.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { makeRng, bindDims, samplePoint, type VarSpec } from '../../src/numeric/sample.js';
import { relErr } from '../../src/numeric/finite-diff.js';
import { DcalcError } from '../../src/errors.js';
import { topoOrder, type Expr } from '../../src/ast.js';
import { agreement, asymmetry } from '../matchers.js';
import { scalarProgram, matrixProgram, propSeed, type GenProgram } from './generators.js';

const SEED = propSeed();
// eslint-disable-next-line no-console
console.log(`derivative properties: seed ${SEED} (DCALC_PROP_SEED); property k runs with seed ${SEED}+k`);

/** Runs of each property: (a)–(g) total 2,150 generated cases. */
const RUNS = { grad: 600, jacobian: 350, hessian: 150, simplify: 300, print: 300, steps: 300, check: 150 };

/** An assertion whose message (the program, its printed derivative) is only worked out when it fails. */
function must(ok: boolean, message: () => string): void {
  expect(ok, ok ? undefined : message()).toBe(true);
}

/** Checks a property on numRuns generated cases, and that it did run them all (a generator that filters everything out runs none). */
function assertProperty<T>(k: number, arb: fc.Arbitrary<T>, numRuns: number, check: (x: T) => void): void {
  let casesRun = 0;
  fc.assert(
    fc.property(arb, (x) => {
      casesRun++;
      check(x);
    }),
    { seed: SEED + k, numRuns, verbose: 1 },
  );
  expect(casesRun, 'generated cases run').toBeGreaterThanOrEqual(numRuns);
}

const withWrt = (arb: fc.Arbitrary<GenProgram>) => fc.tuple(arb, fc.nat()).map(([g, i]) => ({ g, wrt: g.wrts[i % g.wrts.length]! }));

/** The variables an expression mentions, with the program's declarations (assumptions included). */
function specsFor(p: Program, exprs: readonly Expr[]): VarSpec[] {
  const specs = varSpecs(p);
  for (const e of exprs) {
    for (const n of topoOrder(e)) {
      if (n.kind !== 'var' || specs.some((s) => s.name === n.name)) continue;
      const d = p.declarations.get(n.name);
      if (!d) throw new Error(`the expression mentions ${n.name}, which the program does not declare`);
      specs.push({ name: n.name, rows: d.shape.rows, cols: d.shape.cols, assumptions: d.assumptions });
    }
  }
  return specs;
}

/**
 * The largest relative difference between a and b at random points that honour the
 * assumptions. Points where `a` is undefined (a domain error) are skipped; a point where
 * `a` is defined and `b` is not is a failure.
 */
function difference(p: Program, a: Expr, b: Expr, seed: number, points = 2): { err: number; points: number } {
  const specs = specsFor(p, [a, b]);
  const rng = makeRng(seed);
  let worst = 0;
  let done = 0;
  for (let attempt = 0; done < points && attempt < 12; attempt++) {
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, attempt % 3 === 2 ? 'positive' : 'general');
    let va;
    try {
      va = evaluate(a, { vars, dims });
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
    const vb = evaluate(b, { vars, dims });
    // Two evaluation orders of one value round relative to their terms (of size ~1 at the
    // sampled points), not to the value: a derivative that is 0 (softmax is shift
    // invariant) is 1e-16 in one form and 3e-17 in the other. Hence the floor of 1.
    worst = Math.max(worst, relErr(vb, va, 1));
    done++;
  }
  return { err: worst, points: done };
}

/** The JSON `latex` field's form (src/present/rendered.ts): temporaries in an aligned environment. */
function jsonLatex(p: Program, e: Expr): string {
  const pr = render(p, e, { format: 'latex' });
  if (pr.temporaries.length === 0) return pr.text;
  return `\\begin{aligned}\n${[...pr.temporaries.map((t) => `${t.name} &= ${t.text}`), `&${pr.text}`].join(' \\\\\n')}\n\\end{aligned}`;
}

const TOL = 1e-9;

/** A program to differentiate: its text, `--let`, and the name to differentiate by. */
interface Case {
  readonly text: string;
  readonly let?: string;
  readonly wrt: string;
}

const caseOf = ({ g, wrt }: { g: GenProgram; wrt: string }): Case => ({ text: g.text, let: g.let, wrt });
const isScalarProgram = (p: Program) => p.value.shape.rows === 1 && p.value.shape.cols === 1;
/** grad for a scalar program, else the Jacobian. */
const derive = (p: Program, wrt: string): Derivative => (isScalarProgram(p) ? grad(p, wrt) : jacobian(p, wrt));

function describeCase(c: Case): string {
  return `${c.let !== undefined ? `--let ${JSON.stringify(c.let)}\n` : ''}${c.text}\n(wrt ${c.wrt})`;
}

// The properties' checks; each throws with the program on failure.

function checkGradCase(c: Case): void {
  const p = parseProgram(c.text, { let: c.let });
  const d = grad(p, c.wrt);
  const r = checkGradient(d, { seed: 1 });
  must(!(!r.ok || r.points === 0), () => `∂/∂${c.wrt} = ${toText(p, d.expr)} disagrees with finite differences: max rel. error ${r.maxRelErr} at ${r.points} points\n${describeCase(c)}`);
}

function checkJacobianCase(c: Case): void {
  const p = parseProgram(c.text, { let: c.let });
  const d = jacobian(p, c.wrt);
  const r = checkDerivative(d, { seed: 1 });
  must(!(!r.ok || r.points === 0), () => `Jacobian wrt ${c.wrt} = ${toText(p, d.expr)} disagrees with finite differences: max rel. error ${r.maxRelErr} at ${r.points} points\n${describeCase(c)}`);
}

function checkHessianCase(c: Case): void {
  const p = parseProgram(c.text, { let: c.let });
  const d = hessian(p, c.wrt);
  const r = checkDerivative(d, { seed: 1, points: 2 });
  must(!(!r.ok || r.points === 0), () => `Hessian wrt ${c.wrt} = ${toText(p, d.expr)} disagrees with finite differences of the gradient: max rel. error ${r.maxRelErr}\n${describeCase(c)}`);
  const asym = asymmetry(d);
  must(!(!(asym < 1e-8)), () => `Hessian wrt ${c.wrt} = ${toText(p, d.expr)} is not symmetric (max rel. asymmetry ${asym})\n${describeCase(c)}`);
}

function checkSimplifyCase(c: Case, seed: number): void {
  const p = parseProgram(c.text, { let: c.let });
  const d = derive(p, c.wrt);
  const checks: [string, Expr, () => Expr][] = [
    ['the derivative (as grad/jacobian simplify it)', d.raw, () => d.expr],
    ['the raw derivative simplified without options', d.raw, () => simplify(d.raw).expr],
    ['the program value simplified (dcalc simplify)', p.value, () => simplify(p.value).expr],
  ];
  for (const [what, before, after] of checks) {
    const a = after();
    const { err } = difference(p, before, a, seed + 1);
    must(!(!(err < TOL)), () => `${what} changes value: max rel. error ${err}\nbefore: ${toAscii(p, before, true)}\nafter:  ${toAscii(p, a, true)}\n${describeCase(c)}`);
  }
}

function checkPrintCase(c: Case): void {
  const p = parseProgram(c.text, { let: c.let });
  const d = derive(p, c.wrt);
  const names = [...p.declarations.keys(), ...p.definitions.keys()];
  const forms: [string, () => string][] = [
    ['text', () => toText(p, d.expr)],
    ['ascii', () => toAscii(p, d.expr)],
    ['text --inline', () => toText(p, d.expr, true)],
    ['ascii --inline', () => toAscii(p, d.expr, true)],
    ['latex (JSON field)', () => latexToDcalc(jsonLatex(p, d.expr), { names }).text],
    ['latex (display)', () => latexToDcalc(toLatex(d), { names }).text],
  ];
  for (const [format, make] of forms) {
    let printed = '';
    let err: number;
    try {
      printed = make();
      err = agreement(d, c.text, printed, { let: c.let });
    } catch (e) {
      throw new Error(`the ${format} output ${JSON.stringify(printed)} does not parse back: ${e instanceof Error ? e.message : String(e)}\n${describeCase(c)}`);
    }
    must(!(!(err < TOL)), () => `the ${format} output ${JSON.stringify(printed)} evaluates to something else (max rel. error ${err})\n${describeCase(c)}`);
  }
}

function checkStepsCase(c: Case, seed: number): void {
  const p = parseProgram(c.text, { let: c.let });
  const ds = isScalarProgram(p) ? [grad(p, c.wrt), jacobian(p, c.wrt)] : [jacobian(p, c.wrt)];
  for (const d of ds) {
    for (const s of d.steps) {
      const { err } = difference(p, s.before, s.after, seed + 1, 1);
      must(!(!(err < TOL)), () => `rule ${s.rule} (${s.identity}) changes value: max rel. error ${err}\nbefore: ${toAscii(p, s.before, true)}\nafter:  ${toAscii(p, s.after, true)}\n${describeCase(c)}`);
    }
  }
}

function checkClaimCase(c: Case): void {
  const p = parseProgram(c.text, { let: c.let });
  const d = derive(p, c.wrt);
  const printed = toAscii(p, d.expr);
  const right = checkClaim(c.text, c.wrt, printed, { let: c.let, seed: 1 });
  must(!(right.grade.verdict !== 'correct'), () => `check grades the derivative itself, ${JSON.stringify(printed)}, as ${right.grade.verdict} (${right.grade.diagnosis})\n${describeCase(c)}`);
  // Twice the derivative (its last line: temporaries stay as they are).
  const lines = printed.split('; ');
  const doubled = [...lines.slice(0, -1), `2*(${lines[lines.length - 1]})`].join('; ');
  const wrong = checkClaim(c.text, c.wrt, doubled, { let: c.let, seed: 1 });
  // A derivative that is zero (structurally, or in value: d/dw of sum(softmax(w)) is (1 − sum(softmax(w)))softmax(w))
  // equals twice itself, so only a non-zero one can be caught doubled.
  const zero = d.expr.kind === 'num' && d.expr.value === 0 || (d.expr.kind === 'op' && d.expr.op === 'zeros') || checkClaim(c.text, c.wrt, [...lines.slice(0, -1), `0*(${lines[lines.length - 1]})`].join('; '), { let: c.let, seed: 1 }).grade.verdict === 'correct';
  must(!(!zero && wrong.grade.verdict !== 'incorrect'), () => `check grades twice the derivative, ${JSON.stringify(doubled)}, as ${wrong.grade.verdict}\n${describeCase(c)}`);
}

describe('derivatives of random programs', () => {
  test('(a) gradients agree with central finite differences', () => {
    assertProperty(1, withWrt(scalarProgram()), RUNS.grad, (x) => checkGradCase(caseOf(x)));
  });

  test('(b) Jacobians agree with finite differences', () => {
    assertProperty(2, withWrt(matrixProgram()), RUNS.jacobian, (x) => checkJacobianCase(caseOf(x)));
  });

  test('(c) Hessians agree with finite differences of the gradient and are symmetric', () => {
    assertProperty(3, withWrt(scalarProgram({ depth: 3 })), RUNS.hessian, (x) => checkHessianCase(caseOf(x)));
  });

  test('(d) simplification preserves value (derivatives and programs)', () => {
    const arb = fc.tuple(fc.oneof({ weight: 2, arbitrary: withWrt(scalarProgram()) }, { weight: 1, arbitrary: withWrt(matrixProgram()) }), fc.nat(1000));
    assertProperty(4, arb, RUNS.simplify, ([x, seed]) => checkSimplifyCase(caseOf(x), seed));
  });

  test('(e) text, ascii and LaTeX output parse back to the same value', () => {
    const arb = fc.oneof({ weight: 2, arbitrary: withWrt(scalarProgram()) }, { weight: 1, arbitrary: withWrt(matrixProgram({ depth: 2 })) });
    assertProperty(5, arb, RUNS.print, (x) => checkPrintCase(caseOf(x)));
  });

  test('(f) every recorded rule application preserves value', () => {
    const arb = fc.tuple(fc.oneof({ weight: 2, arbitrary: withWrt(scalarProgram()) }, { weight: 1, arbitrary: withWrt(matrixProgram()) }), fc.nat(1000));
    assertProperty(6, arb, RUNS.steps, ([x, seed]) => checkStepsCase(caseOf(x), seed));
  });

  test('(g) check grades the printed derivative as correct', () => {
    const arb = fc.oneof({ weight: 2, arbitrary: withWrt(scalarProgram({ depth: 3 })) }, { weight: 1, arbitrary: withWrt(matrixProgram({ depth: 2 })) });
    assertProperty(7, arb, RUNS.check, (x) => checkClaimCase(caseOf(x)));
  });
});

/**
 * Counterexamples the properties found (shrunk by hand to the user's notation). Each is
 * checked by the property that found it, so that each bug stays visible on its own and
 * the test passes once it is fixed.
 */
describe('counterexamples the properties found (kept as regression cases)', () => {
  const printCases: [string, Case][] = [
    // The text format writes a product of sizes with `·`, an explicit operator at the
    // level of ⊘, inside a juxtaposition: `1 ⊘ m·nA` reads back as (1 ⊘ m)·(nA).
    ['text prints a size product inside a product (wrong value)', { text: 'A: m×n positive\nf = mean(log(A))', wrt: 'A' }],
    ['text prints a size product inside a product (does not parse)', { text: 'A: m×p\nf = mean(sqrt(exp(A)))', wrt: 'A' }],
    // The printer writes unvec(…), which is not a function of the input language.
    ['unvec is printed but cannot be read', { text: 'x: n×1; u: scalar positive\nf = logsumexp(vec(x/2 + x/u))', wrt: 'x' }],
    ['unvec is printed but cannot be read (vec of vec)', { text: 'x: p×1\nf = sum(vec(vec(x/2)))', wrt: 'x' }],
    // `w x(P)` reads as w·(x·P), while the printer means (w·x)·P (a 1×1 scaling).
    ['name( binds tighter than the juxtaposition before it', { text: 'x1: m×1; w1: 1×3; x2: p×1\nf = (ones(1, m) x1) (w1 ⊗ x2)', wrt: 'w1' }],
    ['name( binds tighter than the juxtaposition before it (softmax)', { text: 'Q1: p×n simplex; w1: 1×m; x1: m×1; P1: p×n positive; x2: p×1\nf = -sum(Q1 ∘ ln(Softmax((w1 x1) (P1 + x2))))', wrt: 'Q1' }],
    // A number juxtaposed after a name or number that ends in a digit: t1·2 prints `t12`, 4·2 prints `42`.
    ['a coefficient after a name ending in a digit', { text: 't1: scalar; S1: m×m spd\nf = softplus(t1 ((2 ⊙ t1) ⊙ sum(S1)))', wrt: 't1' }],
    ['a coefficient after a coefficient', { text: 'x1: p×1; w1: 1×n; u1: scalar positive\nf = norm2sq(((2 x1) (w1/u1))ᵀ)', wrt: 'x1' }],
    // A 1×1 product then a matrix, run together: `2aᵀXbabᵀ` reads as aᵀ·(X b a bᵀ), a shape error;
    // the printer writes 2(aᵀXb)abᵀ. Likewise the Rayleigh quotient's (xᵀXᵀXx)Zᵀs.
    ['a 1×1 product runs into the matrix it scales', { text: 'a: m×1; X: m×n; b: n×1\nf = (aᵀXb)^2', wrt: 'X' }],
    ['a 1×1 product runs into the matrix it scales (Rayleigh quotient)', { text: 'X: m×n; Z: p×n; x: n×1\ns = Zx\nf = (xᵀXᵀXx)/(sᵀs)', wrt: 'x' }],
    ['a 1×1 product runs into the matrix it scales (bilinear form over a row)', { text: 'a: 1×m; X: m×n; b: n×1; c: k×1\nf = sum((aXb) cᵀ)', wrt: 'X' }],
  ];
  test.each(printCases)('(e) %s', (_what, c) => checkPrintCase(c));

  // sum-of-broadcast rewrites sum_cols(c ⊙ ones(m, n)) to m ones(1, n), dropping c; it
  // is reached when c ⊙ ones(m, n) is a named intermediate (scalar-out-of-sum does not
  // look inside named nodes). The gradient is then m ones(1, n) instead of m c ones(1, n).
  const broadcast: Case = { text: 'w: 1×n; c: scalar; A: m×n\nh = c ⊙ ones(m, n)\nf = sum(w ⊙ h) + sum(A)', wrt: 'w' };
  test('(a) sum-of-broadcast drops the scalar of a named c ⊙ ones(m, n)', () => checkGradCase(broadcast));

  // check samples only the variables the claim program uses: when the program's value is
  // an unnamed statement and the claim mentions no variable, nothing binds n (usage
  // error "the size n is not bound to a number") or X ("no value is given for X").
  test('(g) check of a claim without variables (ones(n, 1) for sum(x))', () => checkClaimCase({ text: 'x: n×1\nsum(x)', wrt: 'x' }));
  test('(g) check of a claim without variables (eye(n) for tr(X))', () => checkClaimCase({ text: 'X: n×n\ntr(X)', wrt: 'X' }));
  test('(f) sum-of-broadcast drops the scalar of a named c ⊙ ones(m, n)', () => checkStepsCase(broadcast, 1));

  // The numeric check itself (what `dcalc grad` runs by default):
  // a size that only a constant mentions is never bound ("the size k is not bound to a number");
  test('(a) checkGradient binds a size only a constant mentions', () => checkGradCase({ text: 'A1: m×n\nf = sum(A1) + sum(ones(k, 1))', wrt: 'A1' }));
  // an absolute step of 1e-6 for a value of ~1e-3 (h1 = det(S1⁻¹)) misjudges 1/h1 ("numeric verification FAILED");
  test('(a) checkGradient of log(h) at a small h', () => checkGradCase({ text: 'S1: n×n spd\nh1 = det(inv(S1))\nf = log(h1)', wrt: 'h1' }));
});
