/**
 * The engine's own symbols never capture the user's names (issue 11, "State belongs
 * to a request"): the differential dX, the steps' G_h and the printer's temporaries
 * are fresh names of the request's store, which avoid every name the program wrote.
 * Each program below was answered wrongly when those symbols were made by
 * concatenating names into one process-wide table; the answers are checked against
 * central finite differences (toHaveJacobian, checkGradient) as well as pinned.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkGradient, grad, gradientDerivation, parseProgram, toText, varSpecs } from '../../src/api/index.js';
import { apply, num, Store, variable, withStore } from '../../src/ast.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { relErr } from '../../src/numeric/finite-diff.js';
import { bindDims, makeRng, samplePoint } from '../../src/numeric/sample.js';
import { shape } from '../../src/shape/shape.js';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error).toBeUndefined();
  return { status: r.status, stdout: r.stdout.trimEnd(), stderr: r.stderr };
}

describe('a user variable spelled like an engine symbol', () => {
  it('jacobian "dX X" wrt X is I ⊗ dX (was dXᵀ ⊗ eye(n), failing its own check)', () => {
    expect('X: n×n; dX: n×n\nF = dX X').toHaveJacobian('X', 'eye(n) ⊗ dX');
    // Non-square: dX is p×m, X is m×n.
    expect('dX: p×m; X: m×n\nF = dX X').toHaveJacobian('X', 'eye(n) ⊗ dX');
    const r = cli(['jacobian', 'dX X', 'wrt', 'X', '--let', 'X: n×n, dX: n×n']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('∂vec(f)/∂vec(X)ᵀ = eye(n) ⊗ dX   ∈ ℝ^{n·n×n·n}');
    expect(r.stderr).toMatch(/^✓ verified numerically/);
  });

  it('differential "dX X" wrt X is dX dX1 (was dX²)', () => {
    // test/calculus/differential.test.ts checks this differential against finite differences.
    const r = cli(['differential', 'dX X', 'wrt', 'X', '--let', 'X: n×n, dX: n×n']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('df = dX dX1');
  });

  it('jacobian "σ(dW ⊙ W)" wrt W is diag(vec(σ′) ⊙ vec(dW)) (was an internal error)', () => {
    expect('W: 2×3; dW: 2×3\nF = σ(dW ⊙ W)').toHaveJacobian('W', 'diag(vec(F ⊙ (1 − F)) ⊙ vec(dW))');
    expect('W: m×n; dW: m×n\nσ(dW ⊙ W)').toHaveJacobian('W', 'diag(vec(σ(dW ⊙ W) ⊙ (1 − σ(dW ⊙ W))) ⊙ vec(dW))');
  });

  it('--steps with a user variable G_h names the step symbol G_h1 (was G_h = ∂L/∂h = 1 + G_h)', () => {
    const program = 'h = XW; L = sum(h) + sum(G_h ⊙ h)';
    const lets = 'X: 3×4, W: 4×2, G_h: 3×2';
    const p = parseProgram(program, { let: lets });
    const der = gradientDerivation(p, 'W');
    const step = der.steps.find((s) => s.name === 'h')!;
    expect(step.symbol.name).toBe('G_h1');
    expect(toText(p, step.value)).toBe('G_h + 1');
    // ∂L/∂h = G_h + 1 and ∂L/∂W = Xᵀ(G_h + 1), by finite differences.
    const gh = grad(p, 'h');
    expect(toText(p, gh.expr)).toBe('G_h + 1');
    const gw = grad(p, 'W');
    expect(toText(p, gw.expr)).toBe('Xᵀ(G_h + 1)');
    for (const d of [gh, gw]) {
      const c = checkGradient(d, { seed: 3 });
      expect(c.points).toBe(3);
      expect(c.maxRelErr).toBeLessThan(1e-6);
    }
    const r = cli(['grad', program, 'wrt', 'W', '--let', lets, '--steps']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('dL = tr(G_h1ᵀ dh)   with G_h1 = ∂L/∂h = G_h + 1');
    expect(r.stdout).toContain('with G_W = ∂L/∂W = Xᵀ G_h1');
    expect(r.stdout).toContain('∂L/∂W = Xᵀ(G_h + 1)   ∈ ℝ^{4×2}');
  });

  it('temporaries avoid a user variable named t0', () => {
    const program = 't0: scalar; X: m×n; A: m×n\nL = sum(exp(t0 X ⊙ A) ⊙ exp(t0 X ⊙ A)) + sum(log(1 + exp(t0 X ⊙ A) ⊙ exp(t0 X ⊙ A)))';
    const p = parseProgram(program);
    const d = grad(p, 't0');
    const text = toText(p, d.expr);
    // A temporary is needed here (with a variable t, the printer names it t0).
    expect(text).toMatch(/^t1 = exp\(t0 X ⊙ A\); /);
    const back = parseProgram(`${program}\n${text}`);
    const specs = varSpecs(p);
    const rng = makeRng(5);
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, 'general');
    expect(relErr(evaluate(back.value, { vars, dims }), evaluate(d.expr, { vars, dims }))).toBeLessThan(1e-9);
  });
});

describe('the expression store of a request', () => {
  it('two programs never share a node: each has its own store, ids start afresh', () => {
    const a = parseProgram('x: n×1\nsum(exp(x))');
    const b = parseProgram('x: n×1\nsum(exp(x))');
    expect(a.store).not.toBe(b.store);
    expect(a.value).not.toBe(b.value);
    expect(a.value.id).toBe(b.value.id);
    expect(toText(b, grad(b, 'x').expr)).toBe(toText(a, grad(a, 'x').expr));
  });

  it('a derivative is made in its program\'s store, which grows with it and with nothing else', () => {
    const a = parseProgram('X: m×n; A: n×m\ntr(A X)');
    const before = a.store.size;
    grad(a, 'X');
    const after = a.store.size;
    expect(after).toBeGreaterThan(before);
    parseProgram('Y: m×n\nsum(Y ⊙ Y)');
    grad(parseProgram('Y: m×n\nsum(Y ⊙ Y)'), 'Y');
    expect(a.store.size).toBe(after);
  });

  it('within a store, equal nodes are one node; fresh names avoid the user\'s', () => {
    const s = new Store();
    withStore(s, () => {
      const x = variable('dX', shape('n', 1));
      expect(apply('add', [x, num(1)])).toBe(apply('add', [x, num(1)]));
      s.reserve(['G_h']);
      expect(s.fresh('dX')).toBe('dX1');
      expect(s.fresh('dX')).toBe('dX1');
      expect(s.fresh('G_h')).toBe('G_h1');
      expect(s.fresh('dY')).toBe('dY');
    });
  });

  it('making a node outside any request, or mixing two requests, is an internal error', () => {
    expect(() => num(1)).toThrow(/internal: an expression was made outside a request/);
    const x = withStore(new Store(), () => variable('x', shape('n', 1)));
    expect(() => withStore(new Store(), () => apply('exp', [x]))).toThrow(/internal: an expression of one request was used in another/);
  });
});
