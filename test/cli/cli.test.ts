/**
 * The command line's good paths (CONTRACT §3): the README example, every --format,
 * the JSON shape, --check/--no-check, -f and -, eval/shape/simplify, help, --seed,
 * --inline.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function dcalc(args: string[], input = ''): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    timeout: 10_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.error, `dcalc ${args.join(' ')} did not finish: ${r.error?.message}`).toBeUndefined();
  expect(r.signal).toBeNull();
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A successful run: exit 0, the stdout, with no stack trace or NaN anywhere. */
function ok(args: string[], input = ''): Run {
  const r = dcalc(args, input);
  expect(r.status, `dcalc ${args.join(' ')}\nstderr: ${r.stderr}`).toBe(0);
  expect(r.stdout + r.stderr).not.toMatch(/NaN|Infinity|^\s+at |node:internal/m);
  expect(r.stdout + r.stderr).not.toContain('\x1b[');
  return r;
}

const tmp = mkdtempSync(join(tmpdir(), 'dcalc-cli-'));

const P = 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)';
const LET = 'X: 1×M, W: M×1, b: scalar, y: scalar';
const GRAD = ['grad', P, 'wrt', 'W', '--let', LET];
const VERIFIED = /^✓ verified numerically at 3 random points \(max rel\. error \d(\.\d+)?e[-+]\d+\)\n$/;

describe('grad', () => {
  it('reproduces the README example', () => {
    const r = ok(GRAD);
    expect(r.stdout).toBe('∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}\n');
    expect(r.stderr).toMatch(VERIFIED);
  });

  it('--format text', () => {
    const r = ok([...GRAD, '--format', 'text', '--no-check']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}
      "
    `);
  });

  it('--format ascii prints program text', () => {
    const r = ok([...GRAD, '--format', 'ascii', '--no-check']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "X'*(a - y)
      "
    `);
  });

  it('--format latex prints one display-math string without $$', () => {
    const r = ok([...GRAD, '--format', 'latex', '--no-check']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "\\frac{\\partial L}{\\partial W} = X^\\top (a - y) \\in \\mathbb{R}^{M \\times 1}
      "
    `);
    expect(r.stdout).not.toContain('$$');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('--format json has the fields of CONTRACT §3', () => {
    const r = ok([...GRAD, '--format', 'json']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]!);
    expect(j).toMatchObject({
      ok: true,
      op: 'grad',
      wrt: 'W',
      result: 'Xᵀ(a − y)',
      ascii: "X'*(a - y)",
      latex: 'X^\\top (a - y)',
      shape: ['M', 1],
    });
    expect(j.check.points).toBe(3);
    expect(typeof j.check.maxRelErr).toBe('number');
    expect(j.check.maxRelErr).toBeGreaterThanOrEqual(0);
    expect(j.check.maxRelErr).toBeLessThan(1e-4);
    expect(j).not.toHaveProperty('value');
    expect(j).not.toHaveProperty('error');
  });

  it('--format json with --at gives value, in the --at form (array of rows)', () => {
    const at = '{"X": [[1, 2]], "W": [[0.5], [-0.25]], "b": 0.1, "y": 1}';
    const j = JSON.parse(ok([...GRAD, '--format', 'json', '--at', at]).stdout);
    expect(j.shape).toEqual(['M', 1]);
    // h = 0.1, a = σ(0.1), Xᵀ(a − y) = [1, 2]ᵀ (σ(0.1) − 1)
    const s = 1 / (1 + Math.exp(-0.1)) - 1;
    expect(j.value).toHaveLength(2);
    expect(j.value[0][0]).toBeCloseTo(s, 10);
    expect(j.value[1][0]).toBeCloseTo(2 * s, 10);
  });

  it('--no-check prints nothing on stderr', () => {
    const r = ok([...GRAD, '--no-check']);
    expect(r.stdout).toBe('∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}\n');
    expect(r.stderr).toBe('');
    const j = JSON.parse(ok([...GRAD, '--no-check', '--format', 'json']).stdout);
    expect(j).not.toHaveProperty('check');
  });

  it('--check is the default and can be given explicitly', () => {
    const r = ok([...GRAD, '--check']);
    expect(r.stderr).toMatch(VERIFIED);
  });

  it('reads the program with -f FILE', () => {
    const f = join(tmp, 'loss.txt');
    writeFileSync(f, 'h = XW + b\na = σ(h)\nL = −y log(a) − (1 − y) log(1 − a)\n');
    const r = ok(['grad', '-f', f, 'wrt', 'W', '--let', LET]);
    expect(r.stdout).toBe('∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}\n');
    expect(r.stderr).toMatch(VERIFIED);
  });

  it('reads the program from standard input with - and with -f -', () => {
    const a = ok(['grad', '-', 'wrt', 'W', '--let', LET, '--no-check'], P + '\n');
    expect(a.stdout).toBe('∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}\n');
    const b = ok(['grad', '-f', '-', 'wrt', 'W', '--let', LET, '--no-check'], P);
    expect(b.stdout).toBe(a.stdout);
  });

  it('--seed is reproducible', () => {
    const a = ok([...GRAD, '--seed', '7', '--format', 'json']);
    const b = ok([...GRAD, '--seed', '7', '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    const c = ok([...GRAD, '--seed', '7']);
    const d = ok([...GRAD, '--seed', '7']);
    expect(c.stderr).toBe(d.stderr);
    expect(c.stderr).toMatch(VERIFIED);
    // a different seed samples other points
    const e = ok([...GRAD, '--seed', '8', '--format', 'json']);
    expect(JSON.parse(e.stdout).check.maxRelErr).not.toBe(JSON.parse(a.stdout).check.maxRelErr);
  });

  it('--inline expands the named intermediates', () => {
    const r = ok([...GRAD, '--inline', '--no-check']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "∂L/∂W = Xᵀ(σ(XW + b) − y)   ∈ ℝ^{M×1}
      "
    `);
    expect(r.stdout).not.toMatch(/\(a − y\)/);
    expect(r.stdout).toMatch(/XW \+ b/);
    const j = JSON.parse(ok([...GRAD, '--inline', '--no-check', '--format', 'json']).stdout);
    expect(j.result).not.toMatch(/\ba\b/);
    expect(j.ascii).not.toMatch(/\ba\b/);
  });

  it('a column-vector quadratic form', () => {
    const r = ok(['grad', "x'*A*x", 'wrt', 'x', '--let', 'A: n×n, x: n×1', '--format', 'ascii']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "(A' + A)*x
      "
    `);
    expect(r.stderr).toMatch(VERIFIED);
  });
});

describe('eval', () => {
  it('a program without variables needs no --at', () => {
    expect(ok(['eval', '2*3 + 1']).stdout).toBe('7\n');
    const j = JSON.parse(ok(['eval', '2*3 + 1', '--format', 'json']).stdout);
    expect(j).toEqual({ ok: true, op: 'eval', value: 7, shape: [1, 1] });
  });

  it('evaluates at inline JSON values', () => {
    const r = ok(['eval', 'tr(A*B)', '--let', 'A: 2×3, B: 3×2', '--at', '{"A": [[1,2,3],[4,5,6]], "B": [[1,0],[0,1],[1,1]]}']);
    expect(r.stdout).toBe('15\n');
    expect(r.stderr).toBe('');
  });

  it('evaluates at values from a file', () => {
    const f = join(tmp, 'values.json');
    writeFileSync(f, JSON.stringify({ A: [[1, 2], [3, 4]], x: [[1], [1]] }));
    const r = ok(['eval', 'A*x', '--let', 'A: m×n, x: n×1', '--at', f]);
    expect(r.stdout).toBe('[[3],[7]]\n');
  });

  it('accepts a flat vector and binds dimension names from the array sizes', () => {
    expect(ok(['eval', 'sum(x)/n', '--let', 'x: n×1', '--at', '{"x": [1, 2, 3]}']).stdout).toBe('2\n');
    expect(ok(['eval', 'A*x', '--let', 'A: m×n, x: n×1', '--at', '{"A": [[1,2],[3,4]], "x": [1, 1]}']).stdout).toBe('[[3],[7]]\n');
    const j = JSON.parse(ok(['eval', 'x*xᵀ', '--let', 'x: n×1', '--at', '{"x": [1, 2, 3]}', '--format', 'json']).stdout);
    expect(j.ok).toBe(true);
    expect(j.op).toBe('eval');
    expect(j.value).toEqual([[1, 2, 3], [2, 4, 6], [3, 6, 9]]);
  });

  it('ignores --at entries for names the program does not use', () => {
    expect(ok(['eval', 'sum(x)/n', '--let', 'x: n×1', '--at', '{"x": [1, 2, 3], "unused": 5}']).stdout).toBe('2\n');
  });
});

describe('shape', () => {
  const S = ['shape', 'h = XW + b; s = softmax_rows(h)', '--let', 'X: N×M, W: M×K, b: 1×K'];
  it('prints the shapes of the definitions and of the value', () => {
    const r = ok(S);
    expect(r.stdout).toMatchInlineSnapshot(`
      "h: N×K
      s: N×K
      value: N×K
      "
    `);
    expect(r.stderr).toBe('');
  });
  it('--format json', () => {
    const j = JSON.parse(ok([...S, '--format', 'json']).stdout);
    expect(j).toMatchObject({ ok: true, op: 'shape', shape: ['N', 'K'] });
  });
  it('--format ascii and latex', () => {
    expect(ok([...S, '--format', 'ascii']).stdout).toMatchInlineSnapshot(`
      "h: NxK
      s: NxK
      value: NxK
      "
    `);
    expect(ok([...S, '--format', 'latex']).stdout).toMatchInlineSnapshot(`
      "\\mathbb{R}^{N \\times K}
      "
    `);
  });
});

describe('simplify', () => {
  const S = ['simplify', "((A*B)')' + 0*C", '--let', 'A: n×m, B: m×k, C: n×k'];
  it('each format', () => {
    expect(ok(S).stdout).toMatchInlineSnapshot(`
      "AB
      "
    `);
    expect(ok([...S, '--format', 'ascii']).stdout).toMatchInlineSnapshot(`
      "A*B
      "
    `);
    expect(ok([...S, '--format', 'latex']).stdout).toMatchInlineSnapshot(`
      "A B
      "
    `);
    const j = JSON.parse(ok([...S, '--format', 'json']).stdout);
    expect(j).toMatchObject({ ok: true, op: 'simplify', result: 'AB', ascii: 'A*B', shape: ['n', 'k'] });
    expect(typeof j.latex).toBe('string');
  });
});

describe('help', () => {
  it('--help exits 0 and shows the commands and examples', () => {
    const r = ok(['--help']);
    for (const cmd of ['grad', 'eval', 'shape', 'simplify', 'batch']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toMatch(/Examples?:/);
    expect(r.stdout).toContain('$ dcalc ');
  });

  it('grad --help exits 0 and shows examples and the options', () => {
    const r = ok(['grad', '--help']);
    expect(r.stdout).toMatch(/Examples?:/);
    expect(r.stdout).toContain('$ dcalc grad');
    for (const opt of ['--let', '--at', '--format', '--check', '--no-check', '--seed', '--inline', '-f']) expect(r.stdout).toContain(opt);
  });
});
