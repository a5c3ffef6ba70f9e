/**
 * Dense real matrices for numeric evaluation and verification.
 *
 * A Mat is row-major over a Float64Array. Every function here is pure: it never writes
 * into its arguments and returns a fresh Mat. Matrices are small (sizes 2..5 when
 * sampling), so plain loops beat any general library. det, logdet and inv factor an
 * equilibrated LU (numeric/lu.ts) that keeps 1e±200 scales finite.
 *
 * Size mismatches throw DcalcError('shape'): the shape checker should have caught them
 * first, but if one slips through it surfaces as a user-level error, not a crash.
 */
import { DcalcError } from '../errors.js';
import { factorise, inverseFrom, isTriangular, PIVOT_TOL } from './lu.js';

export interface Mat {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: entry (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
}

/** Wraps a buffer without copying; internal, for buffers this module just made. */
function make(rows: number, cols: number, data: Float64Array): Mat {
  return { rows, cols, data };
}

function checkSize(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new Error(`mat: bad size ${rows}×${cols}`);
  }
}

export function showShape(m: Mat): string {
  return `${m.rows}×${m.cols}`;
}

/** A rows×cols matrix; `data` (row-major) is copied, zeros when omitted. */
export function mat(rows: number, cols: number, data?: ArrayLike<number>): Mat {
  checkSize(rows, cols);
  if (data === undefined) return make(rows, cols, new Float64Array(rows * cols));
  if (data.length !== rows * cols) {
    throw new Error(`mat: ${rows}×${cols} needs ${rows * cols} entries, got ${data.length}`);
  }
  return make(rows, cols, Float64Array.from(data));
}

/** From an array of rows; all rows must have the same length. */
export function fromRows(rows: readonly (readonly number[])[]): Mat {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const row = rows[i]!;
    if (row.length !== c) throw new Error(`fromRows: row ${i + 1} has ${row.length} entries, expected ${c}`);
    for (let j = 0; j < c; j++) data[i * c + j] = row[j]!;
  }
  return make(r, c, data);
}

export function toRows(m: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function get(m: Mat, i: number, j: number): number {
  return m.data[i * m.cols + j]!;
}

export function scalar(x: number): Mat {
  return make(1, 1, Float64Array.of(x));
}

export function isScalarMat(m: Mat): boolean {
  return m.rows === 1 && m.cols === 1;
}

/** A row or column vector (1×1 included). */
export function isVector(m: Mat): boolean {
  return m.rows === 1 || m.cols === 1;
}

export function zeros(rows: number, cols: number): Mat {
  return mat(rows, cols);
}

export function ones(rows: number, cols: number): Mat {
  checkSize(rows, cols);
  return make(rows, cols, new Float64Array(rows * cols).fill(1));
}

export function eye(n: number): Mat {
  checkSize(n, n);
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = 1;
  return make(n, n, d);
}

/** A product of more multiply–adds than this (1000×1000 by 1000×1000, ~2 s) is refused as a limit rather than left to run. */
const MAX_PRODUCT_WORK = 1e9;

export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) {
    throw new DcalcError('shape', `matrix product: ${showShape(a)} times ${showShape(b)} (inner sizes differ)`);
  }
  const { rows: m, cols: k } = a;
  const n = b.cols;
  if (m * k * n > MAX_PRODUCT_WORK) throw new DcalcError('limit', `matrix product: ${showShape(a)} times ${showShape(b)} is too much work to compute here (more than ${MAX_PRODUCT_WORK.toExponential(0)} multiply–adds)`);
  const A = a.data;
  const B = b.data;
  const C = new Float64Array(m * n);
  // i-k-j order: the inner loop walks rows of B and C contiguously.
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = A[i * k + p]!;
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) C[ci + j]! += aip * B[bp + j]!;
    }
  }
  return make(m, n, C);
}

export function transpose(a: Mat): Mat {
  const { rows: r, cols: c } = a;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a.data[i * c + j]!;
  return make(c, r, out);
}

export function map(a: Mat, f: (x: number) => number): Mat {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(a.data[i]!);
  return make(a.rows, a.cols, out);
}

/**
 * Elementwise f(a, b) with CONTRACT §1 broadcasting: equal shapes, or exactly one
 * operand broadcast — a 1×1, a 1×n row against m×n, or an m×1 column against m×n.
 * The result has the larger shape. n×1 against 1×n (both broadcast) is refused.
 */
export function zipBroadcast(a: Mat, b: Mat, f: (x: number, y: number) => number): Mat {
  const A = a.data;
  const B = b.data;
  if (a.rows === b.rows && a.cols === b.cols) {
    const out = new Float64Array(A.length);
    for (let i = 0; i < out.length; i++) out[i] = f(A[i]!, B[i]!);
    return make(a.rows, a.cols, out);
  }
  // Which operand is the full one: the broadcast one must fit it along one axis.
  const fits = (small: Mat, big: Mat): boolean =>
    (small.rows === 1 && small.cols === 1) ||
    (small.rows === 1 && small.cols === big.cols) ||
    (small.cols === 1 && small.rows === big.rows);
  let rows: number;
  let cols: number;
  if (fits(b, a)) {
    rows = a.rows;
    cols = a.cols;
  } else if (fits(a, b)) {
    rows = b.rows;
    cols = b.cols;
  } else {
    throw new DcalcError('shape', `elementwise: ${showShape(a)} with ${showShape(b)} (no broadcasting applies)`);
  }
  // Index maps: a broadcast axis of size 1 always reads index 0 (stride 0).
  const ars = a.rows === 1 ? 0 : a.cols;
  const acs = a.cols === 1 ? 0 : 1;
  const brs = b.rows === 1 ? 0 : b.cols;
  const bcs = b.cols === 1 ? 0 : 1;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = f(A[i * ars + j * acs]!, B[i * brs + j * bcs]!);
  }
  return make(rows, cols, out);
}

export function add(a: Mat, b: Mat): Mat {
  return zipBroadcast(a, b, (x, y) => x + y);
}

export function sub(a: Mat, b: Mat): Mat {
  return zipBroadcast(a, b, (x, y) => x - y);
}

export function scale(a: Mat, s: number): Mat {
  return map(a, (x) => x * s);
}

export function sumAll(a: Mat): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i]!;
  return s;
}

/** m×1: each row summed. */
export function sumRows(a: Mat): Mat {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += a.data[i * a.cols + j]!;
    out[i] = s;
  }
  return make(a.rows, 1, out);
}

/** 1×n: each column summed. */
export function sumCols(a: Mat): Mat {
  const out = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j]! += a.data[i * a.cols + j]!;
  return make(1, a.cols, out);
}

function requireSquare(a: Mat, what: string): void {
  if (a.rows !== a.cols) throw new DcalcError('shape', `${what}: needs a square matrix, got ${showShape(a)}`);
}

export function trace(a: Mat): number {
  requireSquare(a, 'tr');
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.data[i * a.cols + i]!;
  return s;
}

/**
 * Determinant from the equilibrated, pivoted LU (numeric/lu.ts); a triangular matrix
 * (eye(3000), a diagonal) by its diagonal, with no factorisation. A 2×2 by ad − bc when
 * that neither overflows nor underflows (it is exact more often than the LU).
 */
export function det(a: Mat): number {
  requireSquare(a, 'det');
  const n = a.rows;
  if (n === 0) return 1;
  if (n === 1) return a.data[0]!;
  if (n === 2) {
    const d = a.data[0]! * a.data[3]! - a.data[1]! * a.data[2]!;
    if (Number.isFinite(d) && Math.abs(d) > 1e-280) return d;
  }
  if (isTriangular(a)) {
    let d = 1;
    for (let i = 0; i < n; i++) d *= a.data[i * n + i]!;
    if (Number.isFinite(d) && Math.abs(d) > 1e-280) return d;
  }
  const f = factorise(a, 'det');
  return f.sign * Math.exp(f.logAbsDet);
}

/**
 * log det A for det A > 0, as the sum of the logs of the pivots and scales: finite for
 * 1e200·I and 1e-200·I (±921.03 for n = 2) where det itself over- or underflows.
 * A determinant that is not positive is a domain error that says which.
 */
export function logdet(a: Mat): number {
  requireSquare(a, 'logdet');
  const n = a.rows;
  if (n === 0) return 0;
  if (!allFinite(a)) throw new DcalcError('domain', 'logdet: the matrix has a non-finite entry');
  let sign: number;
  let logAbs: number;
  if (isTriangular(a)) {
    sign = 1;
    logAbs = 0;
    for (let i = 0; i < n; i++) {
      const x = a.data[i * n + i]!;
      if (x < 0) sign = -sign;
      if (x === 0) sign = 0;
      logAbs += Math.log(Math.abs(x));
    }
  } else {
    const f = factorise(a, 'logdet');
    sign = f.sign;
    logAbs = f.logAbsDet;
  }
  if (sign === 0) throw new DcalcError('domain', 'logdet of a singular matrix (its determinant is 0)');
  if (sign < 0) throw new DcalcError('domain', 'logdet of a matrix whose determinant is negative');
  return logAbs;
}

/**
 * Inverse from the equilibrated, pivoted LU. Refused with a domain error when the matrix
 * is singular or so ill-conditioned that a pivot of the equilibrated matrix is below
 * 1e-12: such an "inverse" would be numerical noise. Scaling alone never makes a matrix
 * singular (1e-200·I inverts to 1e200·I).
 */
export function inv(a: Mat): Mat {
  requireSquare(a, 'inv');
  const n = a.rows;
  if (!allFinite(a)) throw new DcalcError('domain', 'inv: the matrix has a non-finite entry');
  const singular = (): never => {
    throw new DcalcError('domain', 'inv: the matrix is singular');
  };
  if (n === 0) return make(0, 0, new Float64Array(0));
  if (n === 1) {
    if (a.data[0] === 0) singular();
    return scalar(1 / a.data[0]!);
  }
  const f = factorise(a, 'inv');
  if (!(f.minPivot >= PIVOT_TOL)) singular();
  const out = make(n, n, inverseFrom(f));
  if (!allFinite(out)) throw new DcalcError('domain', 'inv: the inverse overflows (it is not finite)');
  return out;
}

/** Kronecker product: entry (i·br + k, j·bc + l) is a_ij · b_kl. */
export function kron(a: Mat, b: Mat): Mat {
  const { rows: ar, cols: ac } = a;
  const { rows: br, cols: bc } = b;
  const cols = ac * bc;
  const out = new Float64Array(ar * br * cols);
  for (let i = 0; i < ar; i++) {
    for (let j = 0; j < ac; j++) {
      const aij = a.data[i * ac + j]!;
      if (aij === 0) continue;
      for (let k = 0; k < br; k++) {
        const base = (i * br + k) * cols + j * bc;
        for (let l = 0; l < bc; l++) out[base + l] = aij * b.data[k * bc + l]!;
      }
    }
  }
  return make(ar * br, cols, out);
}

/** Stacks the columns (CONTRACT §2): (r·c)×1, entry j·r + i is a_ij. */
export function vec(a: Mat): Mat {
  // vec(A) as a column has the same entries, in order, as the row-major data of Aᵀ.
  return make(a.rows * a.cols, 1, transpose(a).data);
}

/** Inverse of vec: fills a rows×cols matrix column by column from v's entries (v's vec order). */
export function unvec(v: Mat, rows: number, cols: number): Mat {
  checkSize(rows, cols);
  if (v.data.length !== rows * cols) {
    throw new DcalcError('shape', `unvec: ${showShape(v)} has ${v.data.length} entries, ${rows}×${cols} needs ${rows * cols}`);
  }
  const seq = isVector(v) ? v.data : vec(v).data;
  // seq read row-major as cols×rows is Aᵀ.
  return transpose(make(cols, rows, seq));
}

/** diag(v) for a row or column vector: the square matrix with v on its diagonal. */
export function diagFromVector(v: Mat): Mat {
  if (!isVector(v)) throw new DcalcError('shape', `diag: needs a vector, got ${showShape(v)}`);
  const n = v.data.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = v.data[i]!;
  return make(n, n, out);
}

/** The diagonal of a square matrix as an n×1 column. */
export function diagPart(a: Mat): Mat {
  requireSquare(a, 'diagonal');
  const n = a.rows;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a.data[i * n + i]!;
  return make(n, 1, out);
}

/**
 * The commutation matrix K (mn×mn) with K·vec(A) = vec(Aᵀ) for A m×n:
 * A_ij sits at j·m + i in vec(A) and at i·n + j in vec(Aᵀ).
 */
export function commutation(m: number, n: number): Mat {
  checkSize(m, n);
  const N = m * n;
  const out = new Float64Array(N * N);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[(i * n + j) * N + (j * m + i)] = 1;
  return make(N, N, out);
}

/** A^p for an integer p: repeated squaring; A⁰ = I; negative p inverts first. */
export function matPow(a: Mat, p: number): Mat {
  requireSquare(a, 'matrix power');
  if (!Number.isInteger(p)) {
    throw new DcalcError('domain', `matrix power: the exponent of a ${showShape(a)} matrix must be an integer, got ${p}`);
  }
  let base = p < 0 ? inv(a) : a;
  let e = Math.abs(p);
  let result: Mat | undefined;
  while (e > 0) {
    if (e & 1) result = result === undefined ? base : matmul(result, base);
    e = Math.floor(e / 2);
    if (e > 0) base = matmul(base, base);
  }
  return result ?? eye(a.rows);
}

export function maxAbs(a: Mat): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = Math.abs(a.data[i]!);
    if (x > m || Number.isNaN(x)) m = x;
  }
  return m;
}

/** Frobenius norm (the 2-norm of the entries), scaled to avoid overflow. */
export function norm2(a: Mat): number {
  const m = maxAbs(a);
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]! / m;
    s += x * x;
  }
  return m * Math.sqrt(s);
}

export function allFinite(a: Mat): boolean {
  for (let i = 0; i < a.data.length; i++) if (!Number.isFinite(a.data[i]!)) return false;
  return true;
}
