/**
 * The conventions on the command line and in batch (CONTRACT §2, §3): --layout,
 * --symmetric, check --of, and several variables after wrt; the single-wrt JSON is
 * unchanged (no new keys unless an option asks for them).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function dcalc(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error).toBeUndefined();
  expect(r.stdout + r.stderr).not.toMatch(/NaN|Infinity|undefined|^\s+at /m);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LOGREG = ['h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)', 'wrt', 'W', '--let', 'X: 1×M, W: M×1, b: scalar, y: scalar'];
const NET = 'h = σ(XW1 + b1); s = softmax_rows(hW2 + b2); L = −sum(Y ⊙ log(s))/N';
const NET_LET = 'X: N×D, W1: D×H, b1: 1×H, W2: H×K, b2: 1×K, Y: N×K simplex_rows';

describe('--steps --format latex ends with the answer as asked for: the last line is the --format latex display', () => {
  it.each([
    ['grad --layout numerator', ['grad', 'L = sum(σ(W x))', 'wrt', 'W', '--let', 'W: m×n, x: n×1', '--layout', 'numerator']],
    ['jacobian --layout denominator', ['jacobian', 'Y = A x', 'wrt', 'x', '--let', 'A: m×n, x: n×1', '--layout', 'denominator']],
    ['grad --symmetric', ['grad', 'L = tr(A S)', 'wrt', 'S', '--let', 'A: n×n, S: n×n symmetric', '--symmetric']],
    ['hessian', ['hessian', 'L = xᵀA x', 'wrt', 'x', '--let', 'A: n×n, x: n×1']],
  ])('%s', (_what, args) => {
    const display = dcalc([...args, '--format', 'latex', '--no-check']).stdout.trim();
    const steps = dcalc([...args, '--format', 'latex', '--no-check', '--steps']).stdout.trim().split('\n');
    expect(steps.at(-1)).toBe('\\end{aligned}');
    expect(steps.at(-2)!.replace(' &= ', ' = ')).toBe(display);
  });
});

describe('--layout', () => {
  it('grad --layout numerator: ∂L/∂Wᵀ = (a − y)X, verified', () => {
    const r = dcalc(['grad', ...LOGREG, '--layout', 'numerator']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('∂L/∂Wᵀ = (a − y)X   ∈ ℝ^{1×M}\n');
    expect(r.stderr).toMatch(/^✓ verified numerically/);
  });
  it('JSON says the layout; without --layout the JSON has no layout key (unchanged)', () => {
    const withLayout = JSON.parse(dcalc(['grad', ...LOGREG, '--layout', 'numerator', '--format', 'json']).stdout);
    expect(withLayout).toMatchObject({ ok: true, op: 'grad', wrt: 'W', layout: 'numerator', result: '(a − y)X', ascii: '(a - y)*X', shape: [1, 'M'] });
    const plain = JSON.parse(dcalc(['grad', ...LOGREG, '--format', 'json']).stdout);
    expect(Object.keys(plain)).toEqual(['ok', 'op', 'wrt', 'result', 'ascii', 'latex', 'shape', 'check']);
  });
  it('jacobian --layout denominator, LaTeX left-hand side', () => {
    const r = dcalc(['jacobian', 'A*x', 'wrt', 'x', '--let', 'A: m×n, x: n×1', '--layout', 'denominator', '--format', 'latex']);
    expect(r.stdout).toBe('\\frac{\\partial \\operatorname{vec}(f)^\\top}{\\partial \\operatorname{vec}(x)} = A^\\top \\in \\mathbb{R}^{n \\times m}\n');
  });
  it('an unknown layout is a usage error (exit 2)', () => {
    const r = dcalc(['grad', ...LOGREG, '--layout', 'sideways']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dcalc: usage error/);
  });
  it('check --layout numerator: a claim in denominator layout is diagnosed layout', () => {
    const r = dcalc(['check', ...LOGREG, '--layout', 'numerator', '--claim', 'Xᵀ(a − y)', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'incorrect', diagnosis: 'layout', layout: 'numerator', of: 'grad' });
  });
});

describe('check grades a Hessian', () => {
  it('the issue\'s example: 2AᵀA for ‖Ax − b‖² is correct (exit 0)', () => {
    const r = dcalc(['check', 'f = ‖Ax − b‖²', 'wrt', 'x', '--let', 'A: m×n, x: n×1, b: m×1', '--claim', '2AᵀA']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('✓ correct: the claim equals ∂²f/∂vec(x)∂vec(x)ᵀ at 8 random points\n');
  });
  it('--of grad grades it against the gradient: shape (exit 1)', () => {
    const r = dcalc(['check', 'f = ‖Ax − b‖²', 'wrt', 'x', '--let', 'A: m×n, x: n×1, b: m×1', '--claim', '2AᵀA', '--of', 'grad', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ of: 'grad', verdict: 'incorrect', diagnosis: 'shape' });
  });
});

describe('--symmetric', () => {
  it('tr(AX) of a symmetric X: (Aᵀ + A)/2 with a note, verified', () => {
    const r = dcalc(['grad', 'tr(A*X)', 'wrt', 'X', '--let', 'A: n×n, X: n×n symmetric', '--symmetric']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('∂f/∂X = (Aᵀ + A)/2   ∈ ℝ^{n×n}');
    expect(r.stdout).toContain('within the symmetric matrices');
    expect(r.stderr).toMatch(/^✓ verified numerically/);
  });
  it('for a variable not declared symmetric: usage error, exit 2', () => {
    const r = dcalc(['grad', 'tr(A*X)', 'wrt', 'X', '--let', 'A: n×n, X: n×n', '--symmetric']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dcalc: usage error: --symmetric needs X declared symmetric or spd/);
  });
});

describe('several variables after wrt', () => {
  it('text: the shared temporary once, then each derivative in the order given', () => {
    const r = dcalc(['grad', NET, 'wrt', 'W1,', 'b1,', 'W2,', 'b2', '--let', NET_LET]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe([
      't0 = (s − Y)W2ᵀ ⊙ h ⊙ (1 − h)',
      '∂L/∂W1 = Xᵀt0/N   ∈ ℝ^{D×H}',
      '∂L/∂b1 = sum_cols(t0)/N   ∈ ℝ^{1×H}',
      '∂L/∂W2 = hᵀ(s − Y)/N   ∈ ℝ^{H×K}',
      '∂L/∂b2 = sum_cols(s − Y)/N   ∈ ℝ^{1×K}',
      'using the assumption Y: simplex_rows (each of its rows sums to 1)',
      '',
    ].join('\n'));
    expect(r.stderr).toMatch(/^✓ verified numerically/);
  });
  it('JSON: wrt is the list, results one per variable, each self-contained', () => {
    const j = JSON.parse(dcalc(['grad', NET, 'wrt', 'b1, W2', '--let', NET_LET, '--format', 'json']).stdout);
    expect(j).toMatchObject({ ok: true, op: 'grad', wrt: ['b1', 'W2'] });
    expect(j.results.map((x: { wrt: string }) => x.wrt)).toEqual(['b1', 'W2']);
    expect(j.results[0]).toMatchObject({ ascii: "sum_cols((s - Y)*W2' .* h .* (1 - h))/N", shape: [1, 'H'] });
    expect(j.results[1]).toMatchObject({ result: 'hᵀ(s − Y)/N', shape: ['H', 'K'], check: { ok: true } });
  });
  it('values at a point for each', () => {
    const j = JSON.parse(dcalc(['grad', 'sum(X*w)', 'wrt', 'w, X', '--let', 'X: n×m, w: m×1', '--at', '{"X": [[1, 2], [3, 4], [5, 6]], "w": [1, -1]}', '--format', 'json']).stdout);
    expect(j.results.map((x: { value: unknown }) => x.value)).toEqual([[[9], [12]], [[1, -1], [1, -1], [1, -1]]]);
  });
  it('batch: "wrt" as a list or "W1, b1"', () => {
    const lines = [
      { id: 1, op: 'grad', program: 'sum(X*w)', wrt: ['w', 'X'], let: 'X: n×m, w: m×1' },
      { id: 2, op: 'grad', program: 'sum(X*w)', wrt: 'w, X', let: 'X: n×m, w: m×1', layout: 'numerator' },
      { id: 3, op: 'check', program: 'f = ‖Ax − b‖²', wrt: 'x', let: 'A: m×n, x: n×1, b: m×1', claim: '2AᵀA', of: 'hessian' },
    ].map((l) => JSON.stringify(l)).join('\n');
    const out = dcalc(['batch'], lines).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ id: 1, ok: true, wrt: ['w', 'X'], results: [{ wrt: 'w', ascii: "X'*ones(n, 1)" }, { wrt: 'X', ascii: "ones(n, 1)*w'" }] });
    expect(out[1]).toMatchObject({ id: 2, ok: true, layout: 'numerator', results: [{ shape: [1, 'm'] }, { shape: ['m', 'n'] }] });
    expect(out[2]).toMatchObject({ id: 3, ok: true, of: 'hessian', verdict: 'correct' });
  });
  it('check and differential take one variable: usage error', () => {
    const r = dcalc(['differential', 'sum(X*w)', 'wrt', 'w, X', '--let', 'X: n×m, w: m×1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dcalc: usage error: differential takes one variable/);
  });
});
