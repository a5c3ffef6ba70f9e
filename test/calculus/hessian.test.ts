/**
 * Hessians ∂²f/∂vec(X)∂vec(X)ᵀ of scalar programs (CONTRACT §2): the Jacobian of the
 * gradient, (rc)×(rc) for an r×c X. `toHaveHessian` checks the printed form, finite
 * differences of dcalc's gradient, and symmetry. Every test here also checks the value
 * against second differences of the program itself (`expectSecondDifferences`), which
 * does not trust dcalc's gradient: a gradient that is only right on a subset (say,
 * simplified with a symmetry assumption) would otherwise pass.
 *
 * `expectValue` is used where dcalc's value is right but its printed form is not yet
 * the textbook one (listed in the report).
 */
import { describe, it, expect } from 'vitest';
import { derivative, agreement, asymmetry } from '../matchers.js';
import { checkDerivative, parseProgram, hessian, varSpecs } from '../../src/api/index.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { makeRng, bindDims, samplePoint } from '../../src/numeric/sample.js';
import { mat, allFinite, type Mat } from '../../src/numeric/matrix.js';
import { relErr } from '../../src/numeric/finite-diff.js';
import { DcalcError } from '../../src/errors.js';

/** The Hessian of the program's value by central second differences, in vec (column-major) order. */
function secondDifferencesAt(f: (x: Mat) => number, x0: Mat, h: number): Mat {
  const { rows: r, cols: c } = x0;
  const n = r * c;
  const at = (k: number): number => (k % r) * c + Math.floor(k / r); // vec index → row-major data index
  const H = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const e = (sa: number, sb: number): number => {
        const d = Float64Array.from(x0.data);
        d[at(a)]! += sa * h;
        d[at(b)]! += sb * h;
        return f(mat(r, c, d));
      };
      H[a * n + b] = (e(1, 1) - e(1, -1) - e(-1, 1) + e(-1, -1)) / (4 * h * h);
    }
  }
  return mat(n, n, H);
}

/** Second differences with one Richardson step (steps 2h and h): the O(h²) error cancels. */
function secondDifferences(f: (x: Mat) => number, x0: Mat, h = 1e-4): Mat {
  const coarse = secondDifferencesAt(f, x0, 2 * h);
  const fine = secondDifferencesAt(f, x0, h);
  return mat(fine.rows, fine.cols, fine.data.map((v, i) => (4 * v - coarse.data[i]!) / 3));
}

/** dcalc's Hessian agrees with second differences of the program at 3 random points. */
function expectSecondDifferences(program: string, wrt: string): void {
  const p = parseProgram(program);
  const d = hessian(p, wrt);
  const specs = varSpecs(p);
  const rng = makeRng(5);
  let worst = 0;
  let done = 0;
  for (let attempt = 0; done < 3 && attempt < 40; attempt++) {
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, attempt % 2 ? 'positive' : 'general');
    try {
      const H = evaluate(d.expr, { vars, dims });
      const fd = secondDifferences((x) => evaluate(p.value, { vars: new Map(vars).set(wrt, x), dims }).data[0]!, vars.get(wrt)!);
      if (!allFinite(H) || !allFinite(fd)) continue;
      worst = Math.max(worst, relErr(H, fd));
      done++;
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
  }
  expect(done, 'no points where the program is defined').toBe(3);
  expect(worst, 'the Hessian disagrees with second differences of the program').toBeLessThan(1e-5);
}

function expectHessian(program: string, wrt: string, printed: string): void {
  expect(program).toHaveHessian(wrt, printed);
  expectSecondDifferences(program, wrt);
}

function expectValue(program: string, wrt: string, textbook: string): void {
  const { d, text } = derivative('hessian', program, wrt);
  const check = checkDerivative(d, { seed: 1, points: 3 });
  expect(check.points, `finite differences found no valid points for ${text}`).toBe(3);
  expect(check.maxRelErr, `${text} disagrees with finite differences`).toBeLessThan(1e-5);
  expect(asymmetry(d), `${text} is not symmetric`).toBeLessThan(1e-9);
  expect(agreement(d, program, textbook), `printed ${text}, textbook ${textbook}`).toBeLessThan(1e-9);
  expectSecondDifferences(program, wrt);
}

describe('quadratic forms', () => {
  it('∂²xᵀAx = Aᵀ + A', () => expectHessian('A: n×n; x: n×1\nL = xᵀ A x', 'x', 'Aᵀ + A'));
  it('∂²xᵀAx = 2A for symmetric A', () => expectHessian('A: n×n symmetric; x: n×1\nL = xᵀ A x', 'x', '2A'));
  it('∂²(xᵀAx/2) = (Aᵀ + A)/2', () => expectHessian('A: n×n; x: n×1\nL = xᵀ A x / 2', 'x', '(Aᵀ + A)/2'));
  it('∂²(aᵀx)² = 2aaᵀ', () => expectHessian('a: n×1; x: n×1\nL = (aᵀ x)^2', 'x', '2aaᵀ'));
  it('∂²‖x‖⁴ = 4(2xxᵀ + ‖x‖²I)', () => expectHessian('x: n×1\nL = ‖x‖^4', 'x', '4(2xxᵀ + ‖x‖² eye(n))'));
  it('∂²t³/∂t² = 6t (a scalar variable)', () => expectHessian('t: scalar\nL = t^3', 't', '6t'));
  it('∂²(−(x − μ)ᵀP(x − μ)/2)/∂μ² = −(Pᵀ + P)/2', () =>
    expectHessian('P: n×n; x: n×1; μ: n×1\nL = −(x − μ)ᵀ P (x − μ)/2', 'μ', '−((Pᵀ + P)/2)'));
});

describe('least squares and ridge', () => {
  it('∂²‖Ax − b‖² = 2AᵀA', () => expectHessian('A: m×n; x: n×1; b: m×1\nL = ‖A x − b‖²', 'x', '2AᵀA'));
  it('∂²‖Ax − b‖²/2 = AᵀA', () => expectHessian('A: m×n; x: n×1; b: m×1\nL = ‖A x − b‖²/2', 'x', 'AᵀA'));
  it('∂²‖Xᵀw − y‖² = 2XXᵀ (examples as columns of X)', () => expectHessian('X: n×N; w: n×1; y: N×1\nL = ‖Xᵀ w − y‖²', 'w', '2XXᵀ'));
  it('ridge: ∂²(‖Ax − b‖² + λ‖x‖²) = 2(λI + AᵀA)', () =>
    expectHessian('A: m×n; x: n×1; b: m×1; λ: scalar\nL = ‖A x − b‖² + λ‖x‖²', 'x', '2(λ eye(n) + AᵀA)'));
  it('ridge: ∂²(‖Ax − b‖²/2 + λ‖x‖²/2) = λI + AᵀA', () =>
    expectHessian('A: m×n; x: n×1; b: m×1; λ: scalar\nL = ‖A x − b‖²/2 + λ‖x‖²/2', 'x', 'λ eye(n) + AᵀA'));
  it('∂²‖X‖_F² = 2I (X m×n)', () => expectHessian('X: m×n\nL = ‖X‖_F^2', 'X', '2eye(m·n)'));
});

describe('logistic regression', () => {
  const logistic = 'X: N×M; w: M×1; y: N×1\np = σ(X w)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))';
  it('∂²L/∂w² = Xᵀdiag(p ⊙ (1 − p))X', () => expectHessian(logistic, 'w', 'Xᵀ diag(p ⊙ (1 − p))X'));
  it('averaged: ∂²L/∂w² = Xᵀdiag(p ⊙ (1 − p))X/N', () =>
    expectHessian('X: N×M; w: M×1; y: N×1\np = σ(X w)\nL = −(yᵀ log(p) + (1 − y)ᵀ log(1 − p))/N', 'w', 'Xᵀ diag(p ⊙ (1 − p))X/N'));
  it('L2-regularised: ∂²(L + λ‖w‖²/2)/∂w² = λI + Xᵀdiag(p ⊙ (1 − p))X', () =>
    expectHessian(`${logistic} + λ‖w‖²/2`.replace('y: N×1', 'y: N×1; λ: scalar'), 'w', 'λ eye(M) + Xᵀ diag(p ⊙ (1 − p))X'));
  it('written with softplus: ∂²(sum(softplus(Xw)) − yᵀXw) = Xᵀdiag(σ(Xw) ⊙ (1 − σ(Xw)))X', () =>
    expectHessian('X: N×M; w: M×1; y: N×1\nL = sum(softplus(X w)) − yᵀ X w', 'w', 'Xᵀ diag(σ(Xw) ⊙ (1 − σ(Xw)))X'));
  it('written with log(1 + exp(Xw)): the same Hessian', () =>
    expectHessian('X: N×M; w: M×1; y: N×1\nL = sum(log(1 + exp(X w))) − yᵀ X w', 'w', 'Xᵀ diag(σ(Xw) ⊙ (1 − σ(Xw)))X'));
  it('∂²sum(log(1 + exp(x))) = diag(σ(x) ⊙ (1 − σ(x)))', () =>
    expectHessian('x: n×1\nL = sum(log(1 + exp(x)))', 'x', 'diag(σ(x) ⊙ (1 − σ(x)))'));
});

describe('softmax cross-entropy and log-sum-exp', () => {
  it('∂²logsumexp(x) = diag(s) − ssᵀ', () => expectHessian('x: n×1\nL = logsumexp(x)', 'x', 't0 = softmax(x); diag(t0) − t0 t0ᵀ'));
  it('∂²logsumexp(Wx)/∂x² = Wᵀ(diag(s) − ssᵀ)W', () =>
    expectValue('x: n×1; W: K×n\nL = logsumexp(W x)', 'x', 's = softmax(W x); Wᵀ(diag(s) − s sᵀ)W'));
  it('∂²logsumexp(Ax + b)/∂x² = Aᵀ(diag(s) − ssᵀ)A', () =>
    expectValue('x: n×1; A: m×n; b: m×1\nL = logsumexp(A x + b)', 'x', 's = softmax(A x + b); Aᵀ(diag(s) − s sᵀ)A'));
  it('cross-entropy in W (y on the simplex): ∂²/∂vec(W)² = xxᵀ ⊗ (diag(s) − ssᵀ)', () =>
    expectValue('x: n×1; y: K×1 simplex; W: K×n\nL = −yᵀ log(softmax(W x))', 'W', 's = softmax(W x); x xᵀ ⊗ (diag(s) − s sᵀ)'));
  it('cross-entropy in W, any y: sum(y)·(xxᵀ ⊗ (diag(s) − ssᵀ))', () =>
    expectValue('x: n×1; y: K×1; W: K×n\nL = −yᵀ log(softmax(W x))', 'W', 's = softmax(W x); sum(y)(x xᵀ ⊗ (diag(s) − s sᵀ))'));
  it('logsumexp(Wx) − yᵀWx in W: xxᵀ ⊗ (diag(s) − ssᵀ)', () =>
    expectValue('x: n×1; y: K×1; W: K×n\nL = logsumexp(W x) − yᵀ W x', 'W', 's = softmax(W x); x xᵀ ⊗ (diag(s) − s sᵀ)'));
  it('∂²sum(exp(Ax + b)) = Aᵀdiag(exp(Ax + b))A', () =>
    expectHessian('A: m×n; x: n×1; b: m×1\nL = sum(exp(A x + b))', 'x', 'Aᵀ diag(exp(Ax + b))A'));
  it('∂²exp(aᵀx) = exp(aᵀx)aaᵀ', () => expectHessian('x: n×1; a: n×1\nL = exp(aᵀ x)', 'x', 'Laaᵀ'));
  it('∂²sum(x ⊙ log x) = diag(1 ⊘ x) (negative entropy)', () => expectHessian('x: n×1 positive\nL = sum(x ⊙ log(x))', 'x', 'diag(1 ⊘ x)'));
  it('∂²sum(exp(x)) = diag(exp(x))', () => expectHessian('x: n×1\nL = sum(exp(x))', 'x', 'diag(exp(x))'));
});

describe('traces (Kronecker and commutation forms)', () => {
  it('∂²tr(XᵀAX) = I ⊗ (Aᵀ + A) (X m×n)', () => expectHessian('A: m×m; X: m×n\nL = tr(Xᵀ A X)', 'X', 'eye(n) ⊗ (Aᵀ + A)'));
  it('∂²tr(AXBXᵀ) = Bᵀ ⊗ A + B ⊗ Aᵀ (X m×n)', () => expectHessian('A: m×m; B: n×n; X: m×n\nL = tr(A X B Xᵀ)', 'X', 'Bᵀ ⊗ A + B ⊗ Aᵀ'));
  it('∂²tr(XᵀAXB) = B ⊗ Aᵀ + Bᵀ ⊗ A (X m×n)', () => expectHessian('A: m×m; X: m×n; B: n×n\nL = tr(Xᵀ A X B)', 'X', 'B ⊗ Aᵀ + Bᵀ ⊗ A'));
  it('∂²tr(XᵀX) = 2I', () => expectHessian('X: m×n\nL = tr(Xᵀ X)', 'X', '2eye(m·n)'));
  it('∂²tr(X²) = 2K (commutation(n, n))', () => expectHessian('X: n×n\nL = tr(X^2)', 'X', '2commutation(n, n)'));
  it('∂²tr(AX²) = (A ⊗ I + I ⊗ Aᵀ)K', () => expectHessian('X: n×n; A: n×n\nL = tr(A X X)', 'X', '(A ⊗ eye(n) + eye(n) ⊗ Aᵀ) commutation(n, n)'));
  it('∂²(tr X)² = 2vec(I)vec(I)ᵀ', () => expectHessian('X: n×n\nL = tr(X)^2', 'X', '2vec(eye(n)) vec(eye(n))ᵀ'));
  it('∂²tr(AᵀX)² = 2vec(A)vec(A)ᵀ (X m×n)', () => expectValue('X: m×n; A: m×n\nL = tr(Aᵀ X)^2', 'X', '2vec(A) vec(A)ᵀ'));
});

describe('determinants (through the commutation matrix)', () => {
  it('∂²log det X = −K(X⁻ᵀ ⊗ X⁻¹) (X with det X > 0)', () =>
    expectHessian('X: n×n\nL = logdet(X)', 'X', '−commutation(n, n)(X⁻ᵀ ⊗ X⁻¹)'));
  it('∂²log det X = −K(X⁻¹ ⊗ X⁻¹) for spd X (K stays: all n² entries are unknowns)', () =>
    expectHessian('X: n×n spd\nL = logdet(X)', 'X', '−commutation(n, n)(X⁻¹ ⊗ X⁻¹)'));
  it('∂²log(det X) = −K(X⁻ᵀ ⊗ X⁻¹)', () => expectHessian('X: n×n\nL = log(det(X))', 'X', '−commutation(n, n)(X⁻ᵀ ⊗ X⁻¹)'));
  it('∂²det X = det(X)(vec(X⁻ᵀ)vec(X⁻ᵀ)ᵀ − K(X⁻ᵀ ⊗ X⁻¹))', () =>
    expectValue('X: n×n\nL = det(X)', 'X', 'det(X)(vec(X⁻ᵀ) vec(X⁻ᵀ)ᵀ − commutation(n, n)(X⁻ᵀ ⊗ X⁻¹))'));
});

describe('the Gaussian log-likelihood', () => {
  it('in μ (Σ spd): ∂²L/∂μ² = −Σ⁻¹', () =>
    expectHessian('Σ: n×n spd; x: n×1; μ: n×1\nL = −logdet(Σ)/2 − (x − μ)ᵀ inv(Σ) (x − μ)/2', 'μ', '−Σ⁻¹'));
  it('in μ with the precision P (spd): ∂²L/∂μ² = −P', () =>
    expectHessian('P: n×n spd; x: n×1; μ: n×1\nL = logdet(P)/2 − (x − μ)ᵀ P (x − μ)/2', 'μ', '−P'));
  it('in Σ (spd): ½(K(Σ⁻¹ ⊗ Σ⁻¹) − (Σ⁻¹R ⊗ I + I ⊗ Σ⁻¹R)K(Σ⁻¹ ⊗ Σ⁻¹)), R = (x − μ)(x − μ)ᵀ', () =>
    expectHessian('Σ: n×n spd; x: n×1; μ: n×1\nL = −logdet(Σ)/2 − (x − μ)ᵀ inv(Σ) (x − μ)/2', 'Σ',
      't0 = Σ⁻¹(x − μ)(x − μ)ᵀ; (commutation(n, n) − ((t0 ⊗ eye(n)) commutation(n, n) + (eye(n) ⊗ t0) commutation(n, n)))(Σ⁻¹ ⊗ Σ⁻¹)/2'));
  it('in Σ (all n² entries): ½(K(Σ⁻ᵀ ⊗ Σ⁻¹) − (Σ⁻¹R ⊗ I + I ⊗ Σ⁻ᵀR)K(Σ⁻ᵀ ⊗ Σ⁻¹)), R = (x − μ)(x − μ)ᵀ', () =>
    expectHessian('Σ: n×n; x: n×1; μ: n×1\nL = −logdet(Σ)/2 − (x − μ)ᵀ inv(Σ) (x − μ)/2', 'Σ',
      '(commutation(n, n) − ((Σ⁻¹(x − μ)(x − μ)ᵀ ⊗ eye(n)) commutation(n, n) + (eye(n) ⊗ Σ⁻ᵀ(x − μ)(x − μ)ᵀ) commutation(n, n)))(Σ⁻ᵀ ⊗ Σ⁻¹)/2'));
});

describe('matrix factorisation', () => {
  it('∂²‖X − UVᵀ‖_F²/∂vec(U)² = 2(VᵀV ⊗ I)', () =>
    expectHessian('X: m×n; U: m×k; V: n×k\nL = ‖X − U Vᵀ‖_F^2', 'U', '2(VᵀV ⊗ eye(m))'));
  it('∂²‖X − UVᵀ‖_F²/∂vec(V)² = 2(UᵀU ⊗ I)', () =>
    expectValue('X: m×n; U: m×k; V: n×k\nL = ‖X − U Vᵀ‖_F^2', 'V', '2(UᵀU ⊗ eye(n))'));
});
