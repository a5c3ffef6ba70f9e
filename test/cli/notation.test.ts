/**
 * The command line on textbook notation (CONTRACT §1, §3): the reading of a fraction
 * next to juxtaposition on stderr (JSON: `readings`), hints (JSON: `hints`), dimension
 * names bound from every value given, and `eval` shapes taken from values.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function dcalc(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 10_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error).toBeUndefined();
  expect(r.stdout + r.stderr).not.toMatch(/NaN|Infinity|^\s+at |node:internal/m);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('readings', () => {
  it('1/2 (Xθ − y)ᵀ(Xθ − y) gives Xᵀ(Xθ − y), and says how it read the fraction', () => {
    const r = dcalc(['grad', 'J = 1/2 (Xθ − y)ᵀ(Xθ − y)', 'wrt', 'θ', '--let', 'X: n×d, θ: d×1, y: n×1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('∂J/∂θ = Xᵀ(Xθ − y)   ∈ ℝ^{d×1}\n');
    expect(r.stderr).toContain('read as (1/2)(Xθ − y)ᵀ(Xθ − y)\n');
    expect(r.stderr).toContain('✓ verified numerically');
  });

  it('in JSON the readings are a field, and nothing goes to stderr', () => {
    const r = dcalc(['grad', 'λ/2 ‖w‖² + 1/2m sum(w)', 'wrt', 'w', '--let', 'w: d×1, λ: scalar, m: scalar', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.readings).toEqual(['(λ/2)‖w‖²', '(1/(2m))sum(w)']);
    expect(j.hints).toBeUndefined();
  });

  it('a plain quotient has no reading', () => {
    const r = dcalc(['grad', 'sum(x)/N', 'wrt', 'x', '--let', 'x: N×1', '--format', 'json']);
    expect(JSON.parse(r.stdout).readings).toBeUndefined();
  });

  it('check reports the reading too', () => {
    const r = dcalc(['check', 'J = 1/2 ‖Xθ − y‖²', 'wrt', 'θ', '--let', 'X: n×d, θ: d×1, y: n×1', '--claim', 'Xᵀ(Xθ − y)', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe('correct');
    expect(j.readings).toEqual(['(1/2)‖Xθ − y‖²']);
  });
});

describe('hints', () => {
  it('softmax of a matrix whose labels are simplex_rows', () => {
    const args = ['grad', 'L = −sum(Y ⊙ log(softmax(XW)))', 'wrt', 'W', '--let', 'X: N×D, W: D×K, Y: N×K simplex_rows'];
    const text = dcalc(args);
    expect(text.status).toBe(0);
    expect(text.stderr).toContain('hint: softmax of a N×K matrix normalises each column, but Y is declared simplex_rows: for probabilities along rows write softmax_rows(…)\n');
    const j = JSON.parse(dcalc([...args, '--format', 'json']).stdout);
    expect(j.hints).toHaveLength(1);
    expect(j.hints[0]).toContain('softmax_rows');
  });

  it('a 1ᵀ read as a ones vector', () => {
    const r = dcalc(['grad', '1ᵀv', 'wrt', 'v', '--let', 'v: n×1']);
    expect(r.stdout).toBe('∂f/∂v = ones(n, 1)   ∈ ℝ^{n×1}\n');
    expect(r.stderr).toContain('hint: read 1ᵀ as a row of ones (ones(1, n))');
  });
});

describe('values bind every dimension name', () => {
  it('a name the last statement does not use still binds k (eye(k))', () => {
    const r = dcalc(['eval', 'tr(X)\neye(k)', '--let', 'X: k×k', '--at', '{"X": [[1,2],[3,4]]}']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('[[1,0],[0,1]]\n');
  });

  it('grad of a program that does not use the variable, with values', () => {
    const r = dcalc(['grad', 's', 'wrt', 'A', '--let', 's: scalar, A: n×m', '--at', '{"s": 2, "A": [[1,2,3],[4,5,6]]}', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.result).toBe('zeros(n, m)');
    expect(j.value).toEqual([[0, 0, 0], [0, 0, 0]]);
  });

  it('an unused value that contradicts its declaration is a usage error', () => {
    const r = dcalc(['eval', 'tr(X)\neye(k)', '--let', 'X: k×k, Y: k×1', '--at', '{"X": [[1,2],[3,4]], "Y": [1,2,3]}']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dcalc: usage error/);
  });

  it('an undeclared variable takes the shape of its value', () => {
    expect(dcalc(['eval', 'log(x)', '--at', '{"x": 2}']).stdout).toBe('0.6931471805599453\n');
    expect(dcalc(['eval', 'Aᵀb', '--at', '{"A": [[1,2],[3,4],[5,6]], "b": [1,1,1]}']).stdout).toBe('[[9],[12]]\n');
  });

  it('log of −1 is the located domain error, not a request to declare x', () => {
    const r = dcalc(['eval', 'log(x)', '--at', '{"x": -1}']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dcalc: domain error at 1:1: log of a non-positive value (-1)\n  log(x)\n  ^\n');
  });
});

describe('powers and errors', () => {
  it('2^3^2 = 512 and x^2^-1 at 4 is 2', () => {
    expect(dcalc(['eval', '2^3^2']).stdout).toBe('512\n');
    expect(dcalc(['eval', 'x^2^-1', '--at', '{"x": 4}']).stdout).toBe('2\n');
  });

  it('x − μ names −', () => {
    const r = dcalc(['shape', 'x − μ', '--let', 'x: d×1, μ: 1×d']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dcalc: shape error at 1:3: −: d×1 minus 1×d (no broadcasting of both operands)\n  x − μ\n    ^\n');
  });
});
