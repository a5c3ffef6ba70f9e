/**
 * Inputs the fuzzer (and its helper runs) found slow or crashing, kept as tests. Each
 * must answer — a result or a DcalcError of a contract kind — and where it answers,
 * the answer is checked by value. Nothing here asserts a duration (benchmarks do
 * that); an input that hangs again fails by the test's timeout, which is many times
 * what each now takes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { parseProgram, grad, jacobian, hessian, differentialOf, simplify, toText, toAscii, pointFromValues, evaluateAt, checkDerivative } from '../../src/index.js';
import { DcalcError } from '../../src/errors.js';

/** X as an n×m matrix of equal entries that sum to `total`. */
function equalEntries(n: number, m: number, total: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: m }, () => total / (n * m)));
}

describe('found by fuzzing', () => {
  test('a product of 397 scalar factors (sum(X)·sum(X)·…): left unsimplified, printed with temporaries, and right', () => {
    // Its elementwise region is larger than the normal form takes on, so it stays a
    // product; printing it used to take exponential time (a scaling printed its scalar
    // twice), and the gradient is 397·sum(X)^396 everywhere.
    const p = parseProgram(`X: n×m\nL = ${Array(397).fill('sum(X)').join('*')}`);
    const d = grad(p, 'X');
    const text = toText(p, d.expr);
    expect(text.length).toBeLessThan(100_000);
    const point = pointFromValues(p, { X: equalEntries(3, 4, 1) });
    const g = evaluateAt(p, d.expr, point);
    for (const v of g.data) expect(v).toBeCloseTo(397, 6);
    // The printed text is a program that gives the same value.
    const back = parseProgram(`X: n×m\n${toAscii(p, d.expr)}`);
    const gb = evaluateAt(back, back.value, pointFromValues(back, { X: equalEntries(3, 4, 1) }));
    for (const v of gb.data) expect(v).toBeCloseTo(397, 6);
  });

  test('a product of 396 scalar factors is still collected into one power', () => {
    const p = parseProgram(`X: n×m\nL = ${Array(396).fill('sum(X)').join('*')}`);
    const text = toText(p, grad(p, 'X').expr);
    // Every integer power prints in superscript digits (powers of 100 and more printed `undefined`), and reads back.
    expect(text).toBe('396sum(X)³⁹⁵ ones(n, m)');
    const back = parseProgram(`X: n×m\n${text}`);
    const gb = evaluateAt(back, back.value, pointFromValues(back, { X: equalEntries(3, 4, 1) }));
    for (const v of gb.data) expect(v).toBeCloseTo(396, 9);
  });

  test('a run of 200 juxtaposed X (a matrix power written out): its gradient, a sum of 200 products', () => {
    // The normal form keyed every sum of the 200-term gradient (quadratic per node,
    // cubic in all); 53 s before, well under a second now.
    const p = parseProgram(`x: n×1; X: n×n\nL = sum(${'X'.repeat(200)}x)`);
    const d = grad(p, 'X');
    // At X = I/2 (n = 3), X^k = I/2^k and ∂/∂X sum(X²⁰⁰x) = Σ_k (Xᵀ)^k 1 xᵀ (Xᵀ)^(199−k) = 200·2^−199·1xᵀ.
    const x = [[1], [2], [3]];
    const X = [[0.5, 0, 0], [0, 0.5, 0], [0, 0, 0.5]];
    const g = evaluateAt(p, d.expr, pointFromValues(p, { x, X }));
    const scale = 200 * 2 ** -199;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(g.data[i * 3 + j]! / scale).toBeCloseTo(x[j]![0]!, 9);
  });

  test('a run of 4,000 letters parses (it took over a minute to split) and its gradient answers', () => {
    const p = parseProgram(`x: n×1; X: n×n\nL = sum(${'X'.repeat(4000)}x)`);
    expect(p.value.shape).toEqual({ rows: 1, cols: 1 });
    // With the CLI's 1 MB stack this is a limit error; with a larger stack, an answer shaped like X.
    let g;
    try {
      g = grad(p, 'X');
    } catch (e) {
      expect(e).toBeInstanceOf(DcalcError);
      expect((e as DcalcError).kind).toBe('limit');
      return;
    }
    expect(g.shape).toEqual({ rows: 'n', cols: 'n' });
  });

  test('simplify on a sum of 2,000 terms: the right answer or a limit error from the library, never a RangeError', () => {
    const p = parseProgram(`x: n×1\nL = sum(${'x + '.repeat(2000)}x)`);
    let s;
    try {
      s = simplify(p.value);
    } catch (e) {
      // Or it says the program is too large; never a stack overflow.
      expect(e).toBeInstanceOf(DcalcError);
      expect((e as DcalcError).kind).toBe('limit');
      return;
    }
    // An answer must be 2001·sum(x): checked by value at a point (x = 1, 2, 3).
    expect(evaluateAt(p, s.expr, pointFromValues(p, { x: [[1], [2], [3]] })).data[0]).toBe(2001 * 6);
    expect(toText(p, s.expr)).toBe('2001sum(x)');
  });

  test('no false alarm next to log\'s domain edge: −sum(R ⊙ log(h)) wrt h = softmax_rows(S + S), S spd, at 30 seeds', () => {
    // h has entries of 1e-5 and less, where a step of 1e-6 is a tenth of the entry; the
    // gradient −R ⊘ h was right, the finite differences were not (up to 2.4e-2 off).
    const p = parseProgram('R1: k×k simplex_rows; S1: k×k spd\nh1 = softmax_rows(S1 + S1)\nL = −sum(R1 ⊙ log(h1))');
    const d = grad(p, 'h1');
    expect(toText(p, d.expr)).toBe('−(R1 ⊘ h1)');
    for (let seed = 1; seed <= 30; seed++) {
      const r = checkDerivative(d, { seed });
      expect(r.ok, `seed ${seed}: max rel. error ${r.maxRelErr}`).toBe(true);
    }
  });

  test('a limit error points at the statement (builder) or at the program\'s value (derivative), from the library too', () => {
    for (const [terms, where] of [[40_000, 'statement'], [3_000, 'either']] as const) {
      const text = terms > 10_000 ? `x: n×1\nL = sum(${'1+'.repeat(terms)}x)` : `x: n×1\nL = sum(${'x + '.repeat(terms)}x)`;
      let err: unknown;
      try {
        grad(text, 'x');
        continue; // a larger stack may answer
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DcalcError);
      const d = err as DcalcError;
      expect(d.kind).toBe('limit');
      expect(d.line, `${terms} terms: ${d.message}`).toBe(2);
      if (where === 'statement') expect(d.column).toBe(1);
    }
  });

  test('a derivative through more than 40,000 operations (XWXW…, 100 kB) is refused at once, located at the value', () => {
    const p = parseProgram(`x: n×1; X: n×n; W: n×n\nL = sum(${'XW'.repeat(49_950)}x)`);
    for (const f of [() => grad(p, 'X'), () => jacobian(p, 'X'), () => differentialOf(p, 'X')]) {
      expect(f).toThrow(/the derivative passes through \d+ operations, more than the 40000/);
      try {
        f();
      } catch (e) {
        expect([(e as DcalcError).kind, (e as DcalcError).line, (e as DcalcError).column]).toEqual(['limit', 2, 5]);
      }
    }
  });

  test('grad and hessian of a matrix-valued program: a shape error located at its value', () => {
    const p = parseProgram('X: n×n; x: n×1\ny = X x');
    for (const f of [() => grad(p, 'x'), () => hessian(p, 'x')]) {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect([(e as DcalcError).kind, (e as DcalcError).line, (e as DcalcError).column]).toEqual(['shape', 2, 7]) // the value's operator: the juxtaposition X x;
      }
    }
  });

  test('no false alarm when a large term sits beside a small one: ‖S³‖²_F + σ(t)² wrt t, at 20 seeds (fuzz seed 777, case 10152)', () => {
    const p = parseProgram('S1: m×m spd; t1: scalar\nL = norm2sq(S1^3) + σ(t1)²');
    const d = grad(p, 't1');
    for (let seed = 1; seed <= 20; seed++) {
      const r = checkDerivative(d, { seed });
      expect(r.ok, `seed ${seed}: max rel. error ${r.maxRelErr}`).toBe(true);
    }
  });


  test('`differential --format latex` of 1/(1/(…1/x)) 400 deep (fuzz seed 4242: 1.7 s): the display keeps its temporaries and renders', () => {
    // The differential's LaTeX display wrote the expression out without temporaries, which
    // for this shared DAG is long (and was built even for the text format); the expansion
    // of sum-free subtrees is now shared across the simplifier's levels too.
    const program = `${'\\frac{1}{'.repeat(400)}x${'}'.repeat(400)}`;
    const bin = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'differential', program, 'wrt', 'x', '--format', 'latex', '--no-check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\\begin\{aligned\}\ndf &= \\begin\{aligned\}\nt_\{0\} &= /);
    expect(() => katex.renderToString(r.stdout, { throwOnError: true, displayMode: true })).not.toThrow();
  });
  test('a size function with the wrong number of sizes inside an inferred product (`kron(A, B) * vec(… ones(k*1))`, fuzz seed 20261204): the arity error, located', () => {
    // Shape inference ran the shape rule of ones with one size and read the missing second
    // one: an internal error instead of the builder's parse error.
    try {
      parseProgram("A: k×k; B: n×n\nK = kron(A, B) * vec(eye(k*n)'*ones(k*1))");
      expect.unreachable();
    } catch (e) {
      expect([(e as DcalcError).kind, (e as DcalcError).message, (e as DcalcError).line, (e as DcalcError).column]).toEqual(['parse', 'ones takes 2 arguments, not 1', 2, 32]);
    }
  });
});
