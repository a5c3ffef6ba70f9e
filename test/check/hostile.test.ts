/**
 * Issue 13, the grader and the checker: wrong claims that used to be graded correct
 * (samples only in ±[0.2, 1.5], sizes 2…7, an absolute tolerance), tiny derivatives
 * dropped and then "verified", correct derivatives that failed verification because the
 * finite-difference step ignored the function's scale, and programs refused because no
 * point of their domain was found.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkClaim, checkGradient, grad, parseProgram, toText } from '../../src/api/index.js';
import { DcalcError } from '../../src/errors.js';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function dcalc(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const QUAD = 'x: n×1; A: n×n; f = xᵀAx';

describe('check: a wrong claim is graded incorrect, with a counterexample', () => {
  it.each([
    ['a step at an offset (zero on the usual points)', QUAD, '(A + Aᵀ)x + step(x − 2)', 'differs'],
    ['a relu that vanishes for |x| < 1.5', QUAD, '(A + Aᵀ)x + relu(abs(x) − 1.5)', 'differs'],
    ['a term that vanishes on sizes 2…7', QUAD, '(A + Aᵀ)x + (n − 2)(n − 3)(n − 4)(n − 5)(n − 6)(n − 7)x', 'differs'],
    ['a relative change of 1e-8', 'x: n×1; f = xᵀx', '2.00000001x', 'scaled'],
    ['the wrong sign of a tiny derivative', 'x: n×1; f = 1e-9 xᵀx', '-2e-9 x', 'sign'],
    ['zero for a tiny derivative', 'x: n×1; f = 1e-9 xᵀx', 'zeros(n, 1)', 'differs'],
    ['zero for a derivative of 1e-300', 'x: n×1; f = 1e-300 xᵀx', 'zeros(n, 1)', 'differs'],
  ])('%s: %s, claim %s', (_what, program, claim, diagnosis) => {
    const g = checkClaim(program, 'x', claim).grade;
    expect(g.verdict).toBe('incorrect');
    expect(g.diagnosis).toBe(diagnosis);
    const ce = g.counterexample!;
    // The counterexample shows the disagreement: claimed and expected differ there.
    expect(JSON.stringify(ce.claimed)).not.toBe(JSON.stringify(ce.expected));
  });

  it('the true derivatives themselves are still correct (also at tiny scales)', () => {
    expect(checkClaim(QUAD, 'x', '(A + Aᵀ)x').grade.verdict).toBe('correct');
    expect(checkClaim('x: n×1; f = 1e-9 xᵀx', 'x', '2e-9 x').grade.verdict).toBe('correct');
    expect(checkClaim('x: n×1; f = 1e-300 xᵀx', 'x', '2e-300 x').grade.verdict).toBe('correct');
  });

  it('a claim that cannot be evaluated at any sampled point is a grade (incorrect, with why), not an error', () => {
    const g = checkClaim('x: n×1; f = sum(exp(x))', 'x', 'log(−exp(x))').grade;
    expect(g.verdict).toBe('incorrect');
    expect(g.reason).toMatch(/cannot be evaluated.*log/);
    const r = dcalc(['check', 'sum(exp(x))', 'wrt', 'x', '--let', 'x: n×1', '--claim', 'log(-exp(x))']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^✗ incorrect \(differs\): the claim cannot be evaluated where the derivative is defined/);
  });

  it('the command line grades the issue\'s claims incorrect (exit 1)', () => {
    const r = dcalc(['check', "x'*A*x", 'wrt', 'x', '--let', 'x: n×1, A: n×n', '--claim', "(A + A')*x + step(x - 2)"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/incorrect \(differs\)/);
  });
});

describe('a claim with no expression of its own is a usage error, never graded as the program', () => {
  // Appended to the program, such a claim left the program's own value as the last
  // statement, and xᵀx was graded (incorrect, shape) as if the user had claimed it.
  it.each([['a comment alone', '# just a comment'], ['a declaration alone', 'z: n×1'], ['two comments', '# a\n# b']])('%s', (_what, claim) => {
    try {
      checkClaim('x: n×1; f = xᵀx', 'x', claim);
      expect.unreachable();
    } catch (e) {
      expect([(e as DcalcError).kind, (e as DcalcError).message]).toEqual(['usage', 'the claim has no expression to grade (only comments or declarations)']);
    }
  });
  it('a claim with a comment after its expression is graded', () => {
    expect(checkClaim('x: n×1; f = xᵀx', 'x', '2x # the gradient').grade.verdict).toBe('correct');
  });
  it('on the command line: one line, exit 2', () => {
    const r = dcalc(['check', "x'*x", 'wrt', 'x', '--let', 'x: n×1', '--claim', '# just a comment']);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'dcalc: usage error: the claim has no expression to grade (only comments or declarations)\n']);
  });
});

describe('tiny coefficients are kept, and their derivatives verified against their own scale', () => {
  it.each([
    ['sum(x)/1e20', '1e-20 ones(n, 1)'],
    ['1e-300 xᵀx', '2e-300 x'],
  ])('∂/∂x %s is %s, not zero', (program, claim) => {
    const p = parseProgram(program, { let: 'x: n×1' });
    const d = grad(p, 'x');
    expect(toText(p, d.expr)).not.toMatch(/zeros/);
    expect(checkClaim(program, 'x', claim, { let: 'x: n×1' }).grade.verdict).toBe('correct');
    expect(checkGradient(d).ok).toBe(true);
  });
  it('simplify keeps 1e-16·x (smallness is not cancellation), and still cancels 0.1x + 0.2x − 0.3x', () => {
    expect(dcalc(['simplify', '1e-16*x', '--let', 'x: n×1']).stdout).not.toMatch(/^0|zeros/);
    expect(dcalc(['simplify', '0.1*x + 0.2*x - 0.3*x', '--let', 'x: n×1']).stdout).toBe('zeros(n, 1)\n');
  });
  it('a zero derivative claimed for sum(x)/1e20 fails the numeric check (relative, not absolute)', () => {
    const p = parseProgram('sum(x)/1e20', { let: 'x: n×1' });
    const d = grad(p, 'x');
    const wrong = { ...d, expr: parseProgram('x: n×1\nzeros(n, 1)').value };
    expect(checkGradient(wrong).ok).toBe(false);
  });
});

describe('correct derivatives pass verification whatever the function\'s scale', () => {
  it.each([
    ['sum(x) + 1e15'],
    ['sum(cos(x*1e4))'],
    ['1e200*sum(x .* x)'],
  ])('%s', (program) => {
    const r = dcalc(['grad', program, 'wrt', 'x', '--let', 'x: n×1']);
    expect(r.stderr).toMatch(/^✓ verified numerically/);
    expect(r.status).toBe(0);
  });
  it('a zero derivative of sum(x) + 1e6 fails (a gradient of 1 beside a large constant is still seen)', () => {
    // Beside 1e15 a gradient of 1 sits at f's 16th digit, below what any check relative to f can see.
    const p = parseProgram('sum(x) + 1e6', { let: 'x: n×1' });
    const d = grad(p, 'x');
    expect(checkGradient({ ...d, expr: parseProgram('x: n×1\nzeros(n, 1)').value }).ok).toBe(false);
    expect(checkGradient(d).ok).toBe(true);
  });
});

describe('the domain is searched before giving up; then the derivative is answered, unchecked', () => {
  it.each([
    ['log(t - 2)', 't: scalar', 't'],
    ['sum(log(log(x)))', 'x: n×1', 'x'],
  ])('%s is checked at points of its domain', (program, let_, wrt) => {
    const r = dcalc(['grad', program, 'wrt', wrt, '--let', let_]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^✓ verified numerically at 3 /);
  });
  it('a program defined nowhere (log(−t² − 1)) gets its derivative and a note, exit 0', () => {
    const r = dcalc(['grad', 'log(-t*t - 1)', 'wrt', 't', '--let', 't: scalar']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^∂f\/∂t = /);
    expect(r.stderr).toBe('note: not checked numerically: no point was found where the program is defined\n');
    const j = JSON.parse(dcalc(['grad', 'log(-t*t - 1)', 'wrt', 't', '--let', 't: scalar', '--format', 'json']).stdout);
    expect(j.check).toMatchObject({ points: 0, ok: false });
  });
});

describe('the library refuses a check of no points', () => {
  it.each([[0], [NaN], [-1], [1.5]])('checkGradient(d, { points: %s }) is a usage error', (points) => {
    const d = grad(parseProgram('x: n×1; f = xᵀx'), 'x');
    let err: unknown;
    try {
      checkGradient(d, { points });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DcalcError);
    expect((err as DcalcError).kind).toBe('usage');
  });
});
