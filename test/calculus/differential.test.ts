/**
 * Differentials (Matrix Cookbook §2.1, CONTRACT §2): dF is linear in the symbol dX of
 * X's shape. Each test evaluates dcalc's dF at random X and dX and compares it with the
 * central difference (F(X + h dX) − F(X − h dX))/2h; the printed dF, appended to the
 * program with dX declared, must evaluate to the same value; and for a scalar F the
 * gradient G read off dF = tr(Gᵀ dX) must satisfy it.
 */
import { describe, it, expect } from 'vitest';
import { differentialOf, parseProgram, varSpecs, toText, toAscii } from '../../src/api/index.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { makeRng, bindDims, samplePoint, type VarSpec } from '../../src/numeric/sample.js';
import { add, scale, sub, matmul, transpose, trace, scalar, allFinite } from '../../src/numeric/matrix.js';
import { relErr } from '../../src/numeric/finite-diff.js';
import { DcalcError } from '../../src/errors.js';
import { showDim } from '../../src/shape/dims.js';

const H = 1e-5;

/** Checks dF numerically and returns its printed text. */
function checkDifferential(program: string, wrt: string): string {
  const df = differentialOf(program, wrt);
  const p = df.program;
  const text = toText(p, df.expr);
  const ascii = toAscii(p, df.expr);
  const x = df.dX.shape;
  // The engine's symbol: dX, or dX1 when the program has a dX of its own.
  const dName = df.dX.kind === 'var' ? df.dX.name : `d${wrt}`;
  const decl = `${dName}: ${showDim(x.rows)}×${showDim(x.cols)}`;
  const printed = parseProgram(`${program}\n${decl}\n${text}`);
  const printedAscii = parseProgram(`${program}\n${decl}\n${ascii}`);
  const specs = varSpecs(p);
  const spec = specs.find((s) => s.name === wrt)!;
  const dSpec: VarSpec = { name: dName, rows: spec.rows, cols: spec.cols, assumptions: [] };
  const rng = makeRng(3);
  let done = 0;
  for (let attempt = 0; done < 3 && attempt < 40; attempt++) {
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, attempt % 2 ? 'positive' : 'general');
    const dX = samplePoint([dSpec], dims, rng, 'general').get(dName)!;
    const X = vars.get(wrt)!;
    const at = (v: typeof X) => evaluate(p.value, { vars: new Map(vars).set(wrt, v), dims });
    try {
      const env = { vars: new Map(vars).set(dName, dX), dims };
      const analytic = evaluate(df.expr, env);
      const numeric = scale(sub(at(add(X, scale(dX, H))), at(sub(X, scale(dX, H)))), 1 / (2 * H));
      if (!allFinite(analytic) || !allFinite(numeric)) continue;
      expect(relErr(analytic, numeric), `d${wrt} = ${text} disagrees with finite differences`).toBeLessThan(1e-6);
      expect(relErr(evaluate(printed.value, env), analytic), `the printed ${text} does not evaluate to dF`).toBeLessThan(1e-9);
      expect(relErr(evaluate(printedAscii.value, env), analytic), `the ascii ${ascii} does not evaluate to dF`).toBeLessThan(1e-9);
      if (df.gradient) {
        const G = evaluate(df.gradient.expr, env);
        expect(relErr(scalar(trace(matmul(transpose(G), dX))), analytic), 'dF ≠ tr(Gᵀ dX)').toBeLessThan(1e-9);
      }
      done++;
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
  }
  expect(done, 'no points where the program is defined').toBe(3);
  return text;
}

describe('differentials of matrix functions (Cookbook §2.1)', () => {
  it('d(AXB) = A dX B (eq. 37, product rule)', () => expect(checkDifferential('A: p×m; X: m×n; B: n×q\nA X B', 'X')).toBe('A dX B'));
  it('d(XᵀX) = dXᵀX + Xᵀ dX (eqs. 37, 44; X m×n)', () => expect(checkDifferential('X: m×n\nXᵀ X', 'X')).toBe('dXᵀX + Xᵀ dX'));
  it('d(X³) = dX X² + X dX X + X² dX', () => expect(checkDifferential('X: n×n\nX^3', 'X')).toBe('dX X² + X dX X + X² dX'));
  it('d(X⁻¹) = −X⁻¹ dX X⁻¹ (eq. 40)', () => expect(checkDifferential('X: n×n\ninv(X)', 'X')).toBe('−X⁻¹ dX X⁻¹'));
  it('d(A ⊗ X) = A ⊗ dX (eq. 39)', () => expect(checkDifferential('X: m×n; A: p×q\nkron(A, X)', 'X')).toBe('A ⊗ dX'));
  it('d(X⁻¹ ⊗ X) = X⁻¹ ⊗ dX − X⁻¹ dX X⁻¹ ⊗ X (product rule for ⊗)', () =>
    expect(checkDifferential('X: n×n\nX⁻¹ ⊗ X', 'X')).toBe('X⁻¹ ⊗ dX − X⁻¹ dX X⁻¹ ⊗ X'));
  it('d(σ(X)) = σ(X) ⊙ (1 − σ(X)) ⊙ dX', () => expect(checkDifferential('X: m×n\nσ(X)', 'X')).toBe('dX ⊙ σ(X) ⊙ (1 − σ(X))'));
  it('d(exp(X) ⊙ X) = dX ⊙ exp(X) ⊙ (X + 1) (eq. 38)', () => expect(checkDifferential('X: m×n\nexp(X) ⊙ X', 'X')).toBe('dX ⊙ exp(X) ⊙ (X + 1)'));
  it('d softmax(x) = s ⊙ (dx − sᵀdx)', () => expect(checkDifferential('x: n×1\nsoftmax(x)', 'x')).toBe('softmax(x) ⊙ (dx − sum(softmax(x) ⊙ dx))'));
  it('d diag(x) = diag(dx)', () => expect(checkDifferential('x: n×1\ndiag(x)', 'x')).toBe('diag(dx)'));
  it('d diag_part(X) = diag_part(dX)', () => expect(checkDifferential('X: n×n\ndiag_part(X)', 'X')).toBe('diag_part(dX)'));
  it('d(dX X) = dX dX1: the differential of X avoids the user\'s own dX (issue 11)', () => {
    expect(checkDifferential('X: n×n; dX: n×n\ndX X', 'X')).toBe('dX dX1');
    expect(checkDifferential('dX: p×m; X: m×n\ndX X', 'X')).toBe('dX dX1');
  });
  it('d(A + tB)⁻¹ = −(A + tB)⁻¹B(A + tB)⁻¹ dt (a scalar variable)', () => {
    checkDifferential('t: scalar; A: n×n; B: n×n\ninv(A + t B)', 't');
  });
});

describe('differentials of scalar functions, and the gradient read off tr(Gᵀ dX)', () => {
  it('d det(X) = det(X) tr(X⁻¹ dX) (eq. 42)', () => expect(checkDifferential('X: n×n\nL = det(X)', 'X')).toBe('L tr(X⁻¹ dX)'));
  it('d log det(X) = tr(X⁻¹ dX) (eq. 43)', () => expect(checkDifferential('X: n×n spd\nL = logdet(X)', 'X')).toBe('tr(X⁻¹ dX)'));
  it('d tr(AXB) = tr(A dX B) (eqs. 36, 37)', () => expect(checkDifferential('A: m×n; X: n×p; B: p×m\nL = tr(A X B)', 'X')).toBe('tr(A dX B)'));
  it('d tr(X²) = tr(dX X + X dX)', () => expect(checkDifferential('X: n×n\nL = tr(X^2)', 'X')).toBe('tr(dX X + X dX)'));
  it('d sum(exp(Wx + b)) = sum(exp(Wx + b) ⊙ dW x)', () =>
    expect(checkDifferential('W: m×n; x: n×1; b: m×1\nL = sum(exp(W x + b))', 'W')).toBe('sum(dW x ⊙ exp(Wx + b))'));
  it('d‖X − UVᵀ‖_F² = 2sum(dU Vᵀ ⊙ (UVᵀ − X))', () =>
    expect(checkDifferential('X: m×n; U: m×k; V: n×k\nL = ‖X − U Vᵀ‖_F^2', 'U')).toBe('2sum(dU Vᵀ ⊙ (UVᵀ − X))'));
  it('Gaussian log-likelihood: dL = ((x − μ)ᵀΣ⁻¹dΣΣ⁻¹(x − μ) − tr(Σ⁻¹dΣ))/2', () =>
    expect(checkDifferential('Σ: n×n spd; x: n×1; μ: n×1\nL = −logdet(Σ)/2 − (x − μ)ᵀ inv(Σ) (x − μ)/2', 'Σ')).toBe(
      '((x − μ)ᵀΣ⁻¹ dΣ Σ⁻¹(x − μ) − tr(Σ⁻¹ dΣ))/2'));
  it('the differential symbol dX has the shape of X', () => {
    const df = differentialOf('X: m×n\nXᵀ X', 'X');
    expect(df.dX.shape).toEqual({ rows: 'm', cols: 'n' });
    expect(df.gradient).toBeUndefined();
  });
});
