/**
 * The exported module itself (CONTRACT §6): every operator has a NumPy and a PyTorch
 * spelling; names become identifiers; the code a reviewer reads (one forward pass, no
 * dense diagonal, solve instead of inv, log-sigmoid and log-softmax); the CLI's
 * --format numpy|torch and batch's "export"; and the ValueError of a wrong shape or dtype,
 * raised by the module under Python.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { OPS, type OpName } from '../../src/ops/registry.js';
import { apply, variable, Store, withStore } from '../../src/ast.js';
import { exportCode, pythonName, type Library } from '../../src/export/export.js';
import { interpreter, REQUIRED, announceSkip, runPython, HOW_TO_ENABLE } from './python.js';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

describe('every operator is spelled in NumPy and PyTorch (OpSpec.python)', () => {
  for (const name of Object.keys(OPS) as OpName[]) {
    it(name, () => {
      const s = OPS[name].python;
      expect(s, `${name} has no python spelling in its OpSpec`).toBeDefined();
      // A spelling that depends on the node: asked of a vector and of a matrix.
      const spellings = typeof s === 'function' ? withStore(new Store(), () => [s(apply(name, [variable('v', { rows: 'n', cols: 1 })])), s(apply(name, [variable('M', { rows: 'm', cols: 'n' })]))]) : [s!];
      for (const sp of spellings) {
        expect(sp.numpy).toMatch(/\S/);
        expect(sp.torch).toMatch(/\S/);
        expect(sp.numpy).not.toMatch(/\btorch\./);
        expect(sp.torch).not.toMatch(/\bnp\./);
      }
    });
  }
});

describe('pythonName: a valid identifier for a name as written', () => {
  const cases: [string, string][] = [['ŷ', 'y_hat'], ['x̂', 'x_hat'], ['W₁', 'W_1'], ['b₂', 'b_2'], ['W_1', 'W_1'], ['y_hat', 'y_hat'], ['λ', 'lambda_'], ['Σ', 'Sigma'], ['θ', 'theta'], ['W1', 'W1'], ['in', 'in_']];
  for (const [name, id] of cases) it(`${name} → ${id}`, () => expect(pythonName(name)).toBe(id));
});

const LOGREG = `X: n×d; θ: d×1; y: n×1
p = σ(Xθ)
L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))`;

describe('the code a reviewer reads', () => {
  it('imports only numpy, or only torch', () => {
    const np = exportCode(LOGREG, { op: 'grad', wrt: 'θ', library: 'numpy' });
    const torch = exportCode(LOGREG, { op: 'grad', wrt: 'θ', library: 'torch' });
    expect(np.match(/^(?:import|from) .*$/gm)).toEqual(['import numpy as np']);
    expect(torch.match(/^(?:import|from) .*$/gm)).toEqual(['import torch']);
    expect(np).not.toMatch(/torch/);
    expect(torch).not.toMatch(/\bnp\./);
  });
  it('PARAMETERS maps each variable as written to its parameter, in order', () => {
    const code = exportCode(LOGREG, { op: 'grad', wrt: 'θ', library: 'numpy' });
    expect(code).toContain('PARAMETERS = {"X": "X", "θ": "theta", "y": "y"}');
    expect(code).toContain('def value_and_grad(X, theta, y):');
  });
  it('one forward pass shared by the value and the gradient: Xθ once, the user\'s p by name', () => {
    const code = exportCode(LOGREG, { op: 'grad', wrt: 'θ', library: 'numpy' });
    expect(code.match(/X @ theta/g)).toHaveLength(1);
    expect(code).toMatch(/^ {4}p = _sigmoid\(/m);
    expect(code).toMatch(/dL_dtheta = X\.T @ \(p - y\)/);
  });
  it('log σ(z) and log(1 − σ(z)) through log-sigmoid; log softmax through log-softmax', () => {
    expect(exportCode(LOGREG, { op: 'grad', wrt: 'θ', library: 'torch' })).toMatch(/_log_sigmoid\(t0\)[^\n]*_log_sigmoid\(-t0\)/);
    const cce = 'X: m×d; Θ: d×k; Y: m×k simplex_rows\nP = softmax_rows(XΘ)\nJ = −sum(Y ⊙ log(P))';
    expect(exportCode(cce, { op: 'grad', wrt: 'Θ', library: 'numpy' })).toMatch(/_log_softmax\(\w+, 1\)/);
  });
  it('diag(v)X is v * X: no dense diagonal', () => {
    const code = exportCode('v: n×1; X: n×m; Y: n×m\nL = sum((diag(v)X) ⊙ Y)', { op: 'grad', wrt: 'X', library: 'numpy' });
    expect(code).not.toMatch(/np\.diag\(/);
    expect(code).toMatch(/v \* Y/);
  });
  it('an inverse that only multiplies is a solve', () => {
    const code = exportCode('A: n×n; b: n×1; c: n×1\nL = cᵀ inv(A) b', { op: 'grad', wrt: 'b', library: 'numpy' });
    expect(code).toMatch(/np\.linalg\.solve\(/);
    expect(code).not.toMatch(/np\.linalg\.inv\(/);
  });
  it('several wrt: one function returning (value, (d1, d2))', () => {
    const code = exportCode(LOGREG, { op: 'grad', wrt: ['θ', 'X'], library: 'numpy' });
    expect(code).toMatch(/return L\.item\(\), \(dL_dtheta, dL_dX\)/);
  });
  it('the docstring has the program, the derivative and the layout', () => {
    const code = exportCode(LOGREG, { op: 'grad', wrt: 'θ', library: 'numpy' });
    expect(code).toContain('    p = σ(Xθ)');
    expect(code).toContain('∂L/∂θ = Xᵀ(p − y)');
    expect(code).toMatch(/Layout: denominator/);
  });
});

describe('the command line', () => {
  const run = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 20_000 });
  it('--format numpy and --format torch print the module', () => {
    for (const lib of ['numpy', 'torch']) {
      const r = run(['grad', "x'*A*x", 'wrt', 'x', '--let', 'A: n×n, x: n×1', '--format', lib]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(lib === 'numpy' ? 'import numpy as np' : 'import torch');
      expect(r.stdout).toContain('df_dx = (A.T + A) @ x');
    }
    const h = run(['hessian', "x'*A*x", 'wrt', 'x', '--let', 'A: n×n, x: n×1', '--format', 'torch']);
    expect(h.stdout).toMatch(/def value_and_hessian\(A, x\):/);
    const j = run(['jacobian', 'A*x', 'wrt', 'x', '--let', 'A: m×n, x: n×1', '--format', 'numpy']);
    expect(j.stdout).toMatch(/def value_and_jacobian\(A, x\):/);
  });
  it('--format numpy on eval is a usage error', () => {
    const r = run(['eval', '1', '--format', 'numpy']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage error: --format numpy exports a derivative/);
  });
  it('batch "export" adds "code"', () => {
    const lines = [
      { id: 1, op: 'grad', program: 'sum(X*w)', wrt: 'w', let: 'X: n×m, w: m×1', export: 'torch' },
      { id: 2, op: 'grad', program: 'sum(X*w)', wrt: 'w', let: 'X: n×m, w: m×1' },
      { id: 3, op: 'grad', program: 'sum(X*w)', wrt: 'w', let: 'X: n×m, w: m×1', export: 'jax' },
    ];
    const out = run(['batch'], lines.map((l) => JSON.stringify(l)).join('\n')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[0].code).toMatch(/^"""[\s\S]*import torch[\s\S]*def value_and_grad\(X, w\):/);
    expect(out[1].code).toBeUndefined();
    expect(out[2]).toMatchObject({ id: 3, ok: false, error: { kind: 'usage' } });
  });
});

const SHAPE_PROGRAM = 'X: N×M; W: M×K\nL = sum(XW)';

for (const lib of ['numpy', 'torch'] as Library[]) {
  if (!interpreter(lib)) {
    if (REQUIRED[lib]) it(`${lib}: an interpreter that imports ${lib}`, () => expect.fail(`no Python interpreter imports ${lib}: ${HOW_TO_ENABLE[lib]}`));
    else announceSkip(lib, `the ${lib} module's ValueError tests (test/export/module.test.ts)`);
    continue;
  }
  describe(`the ${lib} module checks its inputs (ValueError)`, () => {
    const code = exportCode(SHAPE_PROGRAM, { op: 'grad', wrt: 'W', library: lib });
    const arr = (r: number, c: number, dtype = 'float64') => (lib === 'numpy' ? `np.ones((${r}, ${c}), dtype=np.${dtype})` : `torch.ones(${r}, ${c}, dtype=torch.${dtype})`);
    const attempt = (call: string) => {
      const r = runPython(lib, `${code}\ntry:\n    ${call}\n    print("no error")\nexcept ValueError as e:\n    print("ValueError:", e)\n`);
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    it('the right shapes work, and bind N, M, K', () => expect(attempt(`print(value_and_grad(${arr(3, 4)}, ${arr(4, 2)})[1].shape)`)).toMatch(/\(4, 2\)|torch\.Size\(\[4, 2\]\)\nno error/));
    it('a shape mismatch names the variable and both shapes', () => {
      expect(attempt(`value_and_grad(${arr(3, 4)}, ${arr(5, 2)})`)).toBe('ValueError: W: expected shape (M, K) = (4, 2), got (5, 2)');
    });
    it('a vector where a matrix is declared', () => {
      expect(attempt(`value_and_grad(${lib === 'numpy' ? 'np.ones(3)' : 'torch.ones(3, dtype=torch.float64)'}, ${arr(4, 2)})`)).toMatch(/^ValueError: X: expected a 2-D (array|tensor), got shape \(3,\)$/);
    });
    it('a wrong dtype', () => {
      expect(attempt(`value_and_grad(${arr(3, 4, 'int64')}, ${arr(4, 2)})`)).toMatch(/^ValueError: X: expected a floating-point (array|tensor), got dtype (int64|torch\.int64)$/);
    });
  });
}

for (const lib of ['numpy', 'torch'] as Library[]) {
  if (!interpreter(lib)) {
    if (REQUIRED[lib]) it(`${lib}: an interpreter that imports ${lib}`, () => expect.fail(`no Python interpreter imports ${lib}: ${HOW_TO_ENABLE[lib]}`));
    else announceSkip(lib, `the ${lib} symmetric-product Hessian tests (test/export/module.test.ts)`);
    continue;
  }
  describe(`${lib}: a Hessian that ends in a matrix product multiplies only its upper blocks (_symmetric_product)`, () => {
    // Sizes from 64 on take the blocked path; 70 and 131 do not split into four equal panels.
    const cases: [string, string, string, string][] = [
      ['logistic regression, n = 150, d = 70', LOGREG, 'θ', 'X.T @ (p * (1 - p) * X)'],
      ['least squares, m = 90, n = 131', 'A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²', 'x', '2 * A.T @ A'],
    ];
    for (const [title, program, wrt, oracle] of cases) {
      it(title, () => {
        const code = exportCode(program, { op: 'hessian', wrt, library: lib });
        expect(code).toMatch(/= (?:2\.0 \* )?_symmetric_product\(/);
        const setup = lib === 'numpy'
          ? 'rng = np.random.default_rng(3)\nrand = lambda r, c: rng.standard_normal((r, c))\nsig = lambda z: 1 / (1 + np.exp(-z))'
          : 'torch.manual_seed(3)\nrand = lambda r, c: torch.randn(r, c, dtype=torch.float64)\nsig = torch.sigmoid';
        const call = wrt === 'θ'
          ? 'X, theta, y = rand(150, 70), rand(70, 1), rand(150, 1)\nH = value_and_hessian(X, theta, y)[1]\np = sig(X @ theta)'
          : 'A, x, b = rand(90, 131), rand(131, 1), rand(90, 1)\nH = value_and_hessian(A, x, b)[1]';
        const r = runPython(lib, `${code}\n${setup}\n${call}\nwant = ${oracle}\nprint(float(abs(H - want).max() / abs(want).max()), float(abs(H - H.T).max()))\n`);
        expect(r.status, r.stderr).toBe(0);
        const [err, asym] = r.stdout.trim().split(' ').map(Number);
        expect(err).toBeLessThan(1e-12);
        expect(asym).toBe(0);
      });
    }
  });
}

describe('the README shows the real output of --format numpy and --format torch', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const examples = [...readme.matchAll(/^\$ npx dcalc (grad .*--format (?:numpy|torch))\n…\n(def value_and[\s\S]*?)\n```/gm)];
  it('has both examples', () => expect(examples.map((m) => /--format (\w+)/.exec(m[1]!)![1]).sort()).toEqual(['numpy', 'torch']));
  for (const [, command, shown] of examples) {
    it(command!, () => {
      const args = [...command!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      const r = spawnSync(process.execPath, [BIN, ...args, '--no-check'], { encoding: 'utf8', timeout: 20_000 });
      expect(r.stdout.slice(r.stdout.indexOf('def value_and')).trimEnd()).toBe(shown);
    });
  }
});
