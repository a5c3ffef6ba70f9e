import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DcalcError } from '../../src/errors.js';
import {
  type Mat, add, allFinite, commutation, det, diagFromVector, diagPart, eye, fromRows, inv, isScalarMat, isVector,
  kron, map, mat, matPow, matmul, maxAbs, norm2, ones, scalar, scale, sub, sumAll, sumCols, sumRows, toRows, trace,
  transpose, unvec, vec, zeros, zipBroadcast,
} from '../../src/numeric/matrix.js';
import { makeRng } from '../../src/numeric/sample.js';

const rng = makeRng(42);
const rand = (r: number, c: number): Mat => mat(r, c, Array.from({ length: r * c }, () => rng() * 4 - 2));

/** Entries agree to a relative 1e-12 of the larger magnitude. */
function close(a: Mat, b: Mat, tol = 1e-12): void {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  const s = Math.max(1, maxAbs(a), maxAbs(b));
  for (let i = 0; i < a.data.length; i++) expect(Math.abs(a.data[i]! - b.data[i]!)).toBeLessThanOrEqual(tol * s);
}

const kind = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof DcalcError ? e.kind : 'Error';
  }
  return undefined;
};

describe('construction', () => {
  it('mat / fromRows / toRows round-trip, row-major', () => {
    const m = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toRows(m)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(toRows(mat(2, 2))).toEqual([[0, 0], [0, 0]]);
    expect(() => mat(2, 2, [1, 2, 3])).toThrow();
    expect(() => fromRows([[1, 2], [3]])).toThrow();
  });
  it('mat copies its data', () => {
    const d = [1, 2];
    const m = mat(1, 2, d);
    d[0] = 9;
    expect(m.data[0]).toBe(1);
  });
  it('constants', () => {
    expect(toRows(eye(3))).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(toRows(ones(2, 3))).toEqual([[1, 1, 1], [1, 1, 1]]);
    expect(toRows(zeros(3, 1))).toEqual([[0], [0], [0]]);
    expect(isScalarMat(scalar(2))).toBe(true);
    expect(isScalarMat(ones(1, 2))).toBe(false);
    expect(isVector(ones(1, 4)) && isVector(ones(4, 1)) && !isVector(ones(2, 2))).toBe(true);
  });
});

describe('products and transposes', () => {
  it('matmul known value, 2×3 · 3×2', () => {
    const a = fromRows([[1, 2, 3], [4, 5, 6]]);
    const b = fromRows([[7, 8], [9, 10], [11, 12]]);
    expect(toRows(matmul(a, b))).toEqual([[58, 64], [139, 154]]);
  });
  it('matmul inner size mismatch throws', () => {
    expect(kind(() => matmul(rand(3, 4), rand(3, 4)))).toBe('shape');
  });
  it('(AB)ᵀ = BᵀAᵀ, (Aᵀ)ᵀ = A, AI = A for 3×4, 4×2, 2×5', () => {
    const A = rand(3, 4);
    const B = rand(4, 2);
    const C = rand(2, 5);
    close(transpose(matmul(A, B)), matmul(transpose(B), transpose(A)));
    close(transpose(transpose(A)), A);
    close(matmul(A, eye(4)), A);
    close(matmul(eye(3), A), A);
    close(matmul(matmul(A, B), C), matmul(A, matmul(B, C)));
    expect([transpose(A).rows, transpose(A).cols]).toEqual([4, 3]);
  });
  it('transpose is an involution (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (r, c) => {
        const A = rand(r, c);
        close(transpose(transpose(A)), A, 0);
      }),
    );
  });
});

describe('elementwise and broadcasting', () => {
  const M = fromRows([[1, 2, 3], [4, 5, 6]]); // 2×3
  it('equal shapes, map, add, sub, scale', () => {
    expect(toRows(add(M, M))).toEqual([[2, 4, 6], [8, 10, 12]]);
    expect(toRows(sub(M, M))).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(toRows(scale(M, -1))).toEqual(toRows(map(M, (x) => -x)));
  });
  it('scalar either side', () => {
    expect(toRows(add(M, scalar(10)))).toEqual([[11, 12, 13], [14, 15, 16]]);
    expect(toRows(sub(scalar(10), M))).toEqual([[9, 8, 7], [6, 5, 4]]);
  });
  it('1×n row against m×n (the bias in XW + b)', () => {
    const b = fromRows([[10, 20, 30]]);
    expect(toRows(add(M, b))).toEqual([[11, 22, 33], [14, 25, 36]]);
    expect(toRows(zipBroadcast(b, M, (x, y) => x - y))).toEqual([[9, 18, 27], [6, 15, 24]]);
  });
  it('m×1 column against m×n', () => {
    const c = fromRows([[100], [200]]);
    expect(toRows(add(c, M))).toEqual([[101, 102, 103], [204, 205, 206]]);
    expect(toRows(zipBroadcast(M, c, (x, y) => x * y))).toEqual([[100, 200, 300], [800, 1000, 1200]]);
  });
  it('n×1 against 1×n (both broadcast) throws, as do other mismatches', () => {
    expect(kind(() => add(ones(3, 1), ones(1, 3)))).toBe('shape');
    expect(kind(() => add(ones(1, 3), ones(3, 1)))).toBe('shape');
    expect(kind(() => add(M, ones(1, 2)))).toBe('shape');
    expect(kind(() => add(M, ones(3, 1)))).toBe('shape');
    expect(kind(() => add(rand(3, 4), rand(4, 3)))).toBe('shape');
  });
});

describe('reductions', () => {
  const M = fromRows([[1, 2, 3], [4, 5, 6]]);
  it('sums', () => {
    expect(sumAll(M)).toBe(21);
    expect(toRows(sumRows(M))).toEqual([[6], [15]]);
    expect(toRows(sumCols(M))).toEqual([[5, 7, 9]]);
  });
  it('trace, norms, maxAbs, allFinite', () => {
    expect(trace(fromRows([[1, 2], [3, 4]]))).toBe(5);
    expect(kind(() => trace(M))).toBe('shape');
    expect(norm2(fromRows([[3, -4]]))).toBeCloseTo(5, 14);
    expect(norm2(fromRows([[3e200, 4e200]]))).toBeCloseTo(5e200, -186); // no overflow
    expect(maxAbs(fromRows([[1, -7], [3, 2]]))).toBe(7);
    expect(allFinite(M)).toBe(true);
    expect(allFinite(fromRows([[1, NaN]]))).toBe(false);
    expect(allFinite(fromRows([[Infinity]]))).toBe(false);
  });
});

describe('det and inv', () => {
  it('known determinants', () => {
    expect(det(fromRows([[1, 2], [3, 4]]))).toBeCloseTo(-2, 14);
    expect(det(fromRows([[2, 0, 1], [1, 3, 2], [1, 1, 2]]))).toBeCloseTo(6, 13);
    expect(det(fromRows([[0, 1, 0], [0, 0, 1], [1, 0, 0]]))).toBeCloseTo(1, 14); // a 3-cycle: even
    expect(det(fromRows([[0, 1, 0], [1, 0, 0], [0, 0, 1]]))).toBeCloseTo(-1, 14); // a swap: odd
    expect(det(scalar(-3))).toBe(-3);
    expect(det(eye(5))).toBeCloseTo(1, 14);
    expect(kind(() => det(rand(3, 4)))).toBe('shape');
  });
  it('det(AB) = det(A)det(B), det(Aᵀ) = det(A)', () => {
    const A = rand(4, 4);
    const B = rand(4, 4);
    expect(det(matmul(A, B))).toBeCloseTo(det(A) * det(B), 10);
    expect(det(transpose(A))).toBeCloseTo(det(A), 12);
  });
  it('known inverse and A·A⁻¹ = I', () => {
    close(inv(fromRows([[1, 2], [3, 4]])), fromRows([[-2, 1], [1.5, -0.5]]));
    close(inv(scalar(4)), scalar(0.25));
    const A = add(rand(5, 5), scale(eye(5), 3));
    close(matmul(A, inv(A)), eye(5), 1e-12);
    close(matmul(inv(A), A), eye(5), 1e-12);
  });
  it('singular and near-singular matrices are domain errors', () => {
    expect(kind(() => inv(fromRows([[1, 2], [2, 4]])))).toBe('domain');
    expect(kind(() => inv(zeros(3, 3)))).toBe('domain');
    expect(kind(() => inv(scalar(0)))).toBe('domain');
    expect(kind(() => inv(fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]])))).toBe('domain');
    expect(kind(() => inv(fromRows([[1, 1], [1, 1 + 1e-14]])))).toBe('domain');
    expect(() => inv(fromRows([[1, 2], [2, 4]]))).toThrow('inv: the matrix is singular');
    expect(kind(() => inv(rand(2, 3)))).toBe('shape');
  });
  it('matPow: repeated squaring, zero and negative powers', () => {
    const A = fromRows([[1, 1], [1, 0]]);
    expect(toRows(matPow(A, 10))).toEqual([[89, 55], [55, 34]]); // Fibonacci
    close(matPow(A, 0), eye(2));
    close(matPow(A, 1), A);
    close(matmul(matPow(A, -3), matPow(A, 3)), eye(2), 1e-12);
    const B = rand(3, 3);
    close(matPow(B, 5), matmul(B, matmul(B, matmul(B, matmul(B, B)))), 1e-12);
    expect(kind(() => matPow(A, 0.5))).toBe('domain');
    expect(kind(() => matPow(rand(2, 3), 2))).toBe('shape');
  });
});

describe('kron, vec, commutation, diag', () => {
  it('kron known value', () => {
    const a = fromRows([[1, 2]]);
    const b = fromRows([[0, 1], [1, 0]]);
    expect(toRows(kron(a, b))).toEqual([[0, 1, 0, 2], [1, 0, 2, 0]]);
    const K = kron(rand(2, 3), rand(4, 5));
    expect([K.rows, K.cols]).toEqual([8, 15]);
  });
  it('vec stacks columns; unvec inverts it', () => {
    const A = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(toRows(vec(A))).toEqual([[1], [4], [2], [5], [3], [6]]);
    close(unvec(vec(A), 2, 3), A, 0);
    close(unvec(transpose(vec(A)), 2, 3), A, 0); // a row vector works too
    expect(kind(() => unvec(vec(A), 4, 2))).toBe('shape');
  });
  it('vec(AXB) = (Bᵀ ⊗ A) vec(X), with A 3×4, X 4×2, B 2×5', () => {
    const A = rand(3, 4);
    const X = rand(4, 2);
    const B = rand(2, 5);
    close(vec(matmul(matmul(A, X), B)), matmul(kron(transpose(B), A), vec(X)), 1e-12);
  });
  it('(A ⊗ B)(C ⊗ D) = AC ⊗ BD', () => {
    const [A, B, C, D] = [rand(2, 3), rand(4, 2), rand(3, 5), rand(2, 3)];
    close(matmul(kron(A, B), kron(C, D)), kron(matmul(A, C), matmul(B, D)), 1e-12);
  });
  it('commutation: K vec(A) = vec(Aᵀ) for 3×4 and 2×5; K(m,n)ᵀ = K(n,m)', () => {
    for (const [m, n] of [[3, 4], [2, 5], [1, 3], [4, 1]] as const) {
      const A = rand(m, n);
      const K = commutation(m, n);
      expect([K.rows, K.cols]).toEqual([m * n, m * n]);
      close(matmul(K, vec(A)), vec(transpose(A)), 0);
      close(transpose(K), commutation(n, m), 0);
    }
  });
  it('diagFromVector of rows and columns; diagPart; non-vectors refused', () => {
    const d = [[1, 0, 0], [0, 2, 0], [0, 0, 3]];
    expect(toRows(diagFromVector(fromRows([[1, 2, 3]])))).toEqual(d);
    expect(toRows(diagFromVector(fromRows([[1], [2], [3]])))).toEqual(d);
    expect(toRows(diagPart(fromRows(d)))).toEqual([[1], [2], [3]]);
    expect(kind(() => diagFromVector(rand(2, 3)))).toBe('shape');
    expect(kind(() => diagPart(rand(2, 3)))).toBe('shape');
  });
});

describe('purity', () => {
  it('functions do not write into their arguments', () => {
    const A = rand(3, 3);
    const copy = A.data.slice();
    for (const f of [transpose, inv, vec, diagPart, (m: Mat) => matPow(m, -2), (m: Mat) => kron(m, m), (m: Mat) => add(m, m)]) f(A);
    det(A);
    expect(Array.from(A.data)).toEqual(Array.from(copy));
  });
});
