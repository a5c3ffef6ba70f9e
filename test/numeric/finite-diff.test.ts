import { describe, expect, it } from 'vitest';
import {
  type Mat, add, det, eye, fromRows, inv, kron, map, mat, matmul, scalar, scale, sumAll, transpose, zipBroadcast,
} from '../../src/numeric/matrix.js';
import { carefulDerivative, numericGradient, numericJacobian, relErr } from '../../src/numeric/finite-diff.js';
import { makeRng } from '../../src/numeric/sample.js';

const rng = makeRng(11);
const rand = (r: number, c: number): Mat => mat(r, c, Array.from({ length: r * c }, () => rng() * 3 - 1.5));
const hadamard = (a: Mat, b: Mat): Mat => zipBroadcast(a, b, (x, y) => x * y);

describe('relErr', () => {
  it('is max|a−b| / max(max|a|, max|b|): relative to the scale of both sides, never absolute', () => {
    expect(relErr(fromRows([[1, 2]]), fromRows([[1, 2]]))).toBe(0);
    expect(relErr(fromRows([[0, 0]]), fromRows([[0, 0]]))).toBe(0);
    expect(relErr(fromRows([[0.1, 0]]), fromRows([[0, 0]]))).toBe(1); // 0.1 is not 0, however small
    expect(relErr(fromRows([[1e-20, 0]]), fromRows([[0, 0]]))).toBe(1); // nor is 1e-20
    expect(relErr(fromRows([[0, 0]]), fromRows([[-2e-9, 0]]))).toBe(1); // from either side
    expect(relErr(fromRows([[-2e-9]]), fromRows([[2e-9]]))).toBe(2);
    expect(relErr(fromRows([[110, 1]]), fromRows([[100, 1]]))).toBeCloseTo(10 / 110, 15);
    expect(relErr(fromRows([[100, 2]]), fromRows([[100, 1]]))).toBeCloseTo(0.01, 15); // against the largest entry
  });
  it('a floor (the noise of a finite difference) sets the smallest scale that counts', () => {
    expect(relErr(fromRows([[1e-12]]), fromRows([[0]]), 1e-6)).toBeCloseTo(1e-6, 18);
    expect(relErr(fromRows([[3]]), fromRows([[1]]), 1e-6)).toBeCloseTo(2 / 3, 15);
  });
  it('different shapes or non-finite entries give Infinity', () => {
    expect(relErr(mat(2, 1), mat(1, 2))).toBe(Infinity);
    expect(relErr(fromRows([[NaN]]), fromRows([[1]]))).toBe(Infinity);
    expect(relErr(fromRows([[1]]), fromRows([[Infinity]]))).toBe(Infinity);
  });
});

describe('numericGradient', () => {
  it('next to a domain edge (entries 1e-4 … 1e-8 of log): Ridders keeps the error near 1e-9, where the default step was off by percents', () => {
    // f(X) = −sum(R ⊙ log X), ∇ = −R ⊘ X; the default step 1e-6 is 10–100× the entries.
    const X = fromRows([[1e-4, 3e-5, 0.2], [2e-6, 0.5, 7e-8]]);
    const R = rand(2, 3);
    const f = (x: Mat) => scalar(-sumAll(hadamard(R, map(x, Math.log))));
    const g = numericGradient(f, X);
    const exact = zipBroadcast(R, X, (r, x) => -r / x);
    expect(relErr(g, exact)).toBeLessThan(1e-8);
  });
  it('a large constant term (|f| ~ 1e8) beside a small varying one: the rounding error of the default step is caught (Ridders from a larger step)', () => {
    // f(t) = 1e8 + sin(t): with the step 1e-6 rounding alone is ~1e-8·1e8/1e-6 ≈ 1e-2 off.
    const t = fromRows([[0.3, -1.2]]);
    const g = numericGradient((x) => scalar(1e8 + sumAll(map(x, Math.sin))), t);
    // Within the check's tolerance (1e-5); the default step alone is off by ~1e-2 here.
    expect(relErr(g, map(t, Math.cos))).toBeLessThan(1e-5);
  });
  it('small entries of a smooth function: still accurate (sum(sin(X)) at entries of 1e-5 … 1e-9)', () => {
    const X = fromRows([[1e-5, -3e-7], [2e-9, 0.7]]);
    const g = numericGradient((x) => scalar(sumAll(map(x, Math.sin))), X);
    expect(relErr(g, map(X, Math.cos))).toBeLessThan(1e-8);
  });
  it('f(X) = sum(X ⊙ X) gives 2X (3×4)', () => {
    const X = rand(3, 4);
    const g = numericGradient((x) => scalar(sumAll(hadamard(x, x))), X);
    expect([g.rows, g.cols]).toEqual([3, 4]);
    expect(relErr(g, scale(X, 2))).toBeLessThan(1e-8);
  });
  it('f(X) = aᵀ X b gives a bᵀ (2×5)', () => {
    const a = rand(2, 1);
    const b = rand(5, 1);
    const X = rand(2, 5);
    const g = numericGradient((x) => matmul(matmul(transpose(a), x), b), X);
    expect(relErr(g, matmul(a, transpose(b)))).toBeLessThan(1e-8);
  });
  it('f(X) = log det(X Xᵀ + I) gives 2 (X Xᵀ + I)⁻¹ X (3×4)', () => {
    const X = rand(3, 4);
    const A = (x: Mat): Mat => add(matmul(x, transpose(x)), eye(3));
    const g = numericGradient((x) => scalar(Math.log(det(A(x)))), X);
    expect(relErr(g, scale(matmul(inv(A(X)), X), 2))).toBeLessThan(1e-6);
  });
  it('smooth transcendental functions stay within 1e-6, also with Richardson', () => {
    const X = rand(4, 3);
    const f = (x: Mat): Mat => scalar(1000 + sumAll(map(x, (t) => Math.sin(5 * t) + Math.exp(t))));
    const exact = map(X, (t) => 5 * Math.cos(5 * t) + Math.exp(t));
    expect(relErr(numericGradient(f, X), exact)).toBeLessThan(1e-6);
    expect(relErr(numericGradient(f, X, 1e-4, { richardson: true }), exact)).toBeLessThan(1e-8);
  });
  it('refuses a non-scalar f', () => {
    expect(() => numericGradient((x) => x, rand(2, 2))).toThrow(/scalar/);
  });
  it('does not change x0', () => {
    const X = rand(2, 3);
    const copy = Array.from(X.data);
    numericGradient((x) => scalar(sumAll(x)), X);
    expect(Array.from(X.data)).toEqual(copy);
  });
});

describe('numericJacobian', () => {
  it('X ↦ AX (A 3×4, X 4×2) gives I₂ ⊗ A', () => {
    const A = rand(3, 4);
    const J = numericJacobian((x) => matmul(A, x), rand(4, 2));
    expect([J.rows, J.cols]).toEqual([6, 8]);
    expect(relErr(J, kron(eye(2), A))).toBeLessThan(1e-8);
  });
  it('X ↦ AXB gives Bᵀ ⊗ A (numerator layout, vec of columns)', () => {
    const A = rand(2, 3);
    const B = rand(5, 4);
    const J = numericJacobian((x) => matmul(matmul(A, x), B), rand(3, 5));
    expect(relErr(J, kron(transpose(B), A))).toBeLessThan(1e-8);
  });
  it('x ↦ Ax for a column x gives A', () => {
    const A = rand(3, 5);
    expect(relErr(numericJacobian((x) => matmul(A, x), rand(5, 1)), A)).toBeLessThan(1e-8);
  });
  it('X ↦ Xᵀ gives the commutation matrix; a scalar f gives the gradient as a row', () => {
    const X = rand(2, 3);
    const J = numericJacobian(transpose, X);
    const x = Array.from({ length: 36 }, () => 0);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) x[(i * 3 + j) * 6 + (j * 2 + i)] = 1;
    expect(relErr(J, mat(6, 6, x))).toBeLessThan(1e-8);
    const g = numericJacobian((y) => scalar(sumAll(hadamard(y, y))), X);
    expect([g.rows, g.cols]).toEqual([1, 6]);
    expect(relErr(g, transpose(mat(6, 1, [0, 1, 2, 3, 4, 5].map((k) => 2 * X.data[(k % 2) * 3 + Math.floor(k / 2)]!))))).toBeLessThan(1e-8);
  });
});

describe('carefulDerivative: the step follows the function\'s scale', () => {
  it('a huge constant beside the change (sum(x) + 1e15): the default step sees only rounding, the careful one finds 1', () => {
    const x = fromRows([[0.5], [-1.2], [0.3]]);
    const f = (v: Mat) => scalar(sumAll(v) + 1e15);
    const c = carefulDerivative(f, x, true);
    expect(relErr(c.value, fromRows([[1], [1], [1]]))).toBeLessThan(1e-6);
    expect(c.err).toBeLessThan(1e-3);
  });
  it('a fast oscillation (sum(cos(10⁴x))): the careful derivative is −10⁴ sin(10⁴x) to 1e-8', () => {
    const x = fromRows([[0.5], [-1.2], [0.3]]);
    const f = (v: Mat) => scalar(sumAll(map(v, (t) => Math.cos(1e4 * t))));
    const exact = map(x, (t) => -1e4 * Math.sin(1e4 * t));
    expect(relErr(carefulDerivative(f, x, true).value, exact)).toBeLessThan(1e-8);
  });
  it('a tiny function (1e-300·xᵀx): the careful derivative keeps its scale (2e-300·x), its error estimate is as tiny', () => {
    const x = fromRows([[0.5], [-1.2]]);
    const f = (v: Mat) => scalar(1e-300 * sumAll(hadamard(v, v)));
    const c = carefulDerivative(f, x, true);
    expect(relErr(c.value, scale(x, 2e-300))).toBeLessThan(1e-8);
    expect(c.err).toBeLessThan(1e-305);
  });
});
