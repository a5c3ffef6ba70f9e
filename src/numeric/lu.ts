/**
 * The LU factorisation behind det, logdet and inv, built to survive extreme scales.
 *
 * The matrix is first equilibrated, R·A·C with R and C diagonal powers of two (exact:
 * no rounding), so that every row and column has its largest entry in [1, 2): then
 * 1e200·I and 1e-200·I factor as I does, where an unscaled 2×2 determinant overflows
 * (1e400) or underflows (1e-400) and a tolerance in absolute terms calls 1e-200·I
 * singular. Gaussian elimination with partial pivoting (Golub & Van Loan, Alg. 3.4.1)
 * factors the equilibrated matrix, and the determinant is kept as a sign and a sum of
 * logarithms of the pivots and scales, so that log det(1e200·I) is 200n·log 10 even
 * though det itself is not a number.
 *
 * The work is n³/3 multiply–adds: beyond MAX_LU_SIZE it would take more than a second
 * or two, and is refused as a limit (a diagonal or triangular matrix, such as eye(3000),
 * needs no factorisation and is never refused).
 */
import { DcalcError } from '../errors.js';
import type { Mat } from './matrix.js';

/** The largest n factorised densely (n³/3 ≈ 1.5·10⁸ multiply–adds, well under a second). */
export const MAX_LU_SIZE = 800;

/** A pivot of the equilibrated matrix below this counts as zero: the matrix is singular to working precision. */
export const PIVOT_TOL = 1e-12;

export interface Factorisation {
  readonly n: number;
  /** L (unit lower, below the diagonal) and U (on and above), row-major, of the equilibrated and row-permuted matrix. */
  readonly lu: Float64Array;
  /** Row i of the factored matrix is row perm[i] of the equilibrated one. */
  readonly perm: Int32Array;
  /** log₂ of the row and column scales: the equilibrated matrix is 2^rowExp[i] · a_ij · 2^colExp[j]. */
  readonly rowExp: Int32Array;
  readonly colExp: Int32Array;
  /** The sign of det(A) (0 when a pivot is exactly 0). */
  readonly sign: number;
  /** log|det A|, summed from the pivots and the scales (−∞ when singular). */
  readonly logAbsDet: number;
  /** The smallest |pivot| of the equilibrated matrix: below PIVOT_TOL it is singular to working precision. */
  readonly minPivot: number;
}

/** The exponent e with 2^e·|x| in [1, 2), for a finite x ≠ 0. */
function exponentToOne(x: number): number {
  return -Math.floor(Math.log2(Math.abs(x)));
}

function scaleBy(x: number, e: number): number {
  // Two steps so that 2^e itself never overflows (e up to ±2100).
  const h = Math.trunc(e / 2);
  return x * 2 ** h * 2 ** (e - h);
}

/** Whether A is triangular (upper or lower): then its determinant is the product of its diagonal. */
export function isTriangular(a: Mat): boolean {
  const n = a.rows;
  let upper = true;
  let lower = true;
  for (let i = 0; i < n && (upper || lower); i++) {
    for (let j = 0; j < n; j++) {
      if (a.data[i * n + j] === 0) continue;
      if (j < i) upper = false;
      if (j > i) lower = false;
    }
  }
  return upper || lower;
}

/** Refuses a dense factorisation that would take too long (located by the caller's node). */
export function requireFactorisable(n: number, what: string): void {
  if (n > MAX_LU_SIZE) throw new DcalcError('limit', `${what} of a ${n}×${n} matrix: more than ${MAX_LU_SIZE}×${MAX_LU_SIZE} is too large to factorise here`);
}

/** P·(R A C) = L U, with R, C powers of two and partial pivoting. A must be square, finite and n ≥ 1. */
export function factorise(a: Mat, what: string): Factorisation {
  const n = a.rows;
  requireFactorisable(n, what);
  const lu = Float64Array.from(a.data);
  const rowExp = new Int32Array(n);
  const colExp = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) m = Math.max(m, Math.abs(lu[i * n + j]!));
    if (m > 0) {
      rowExp[i] = exponentToOne(m);
      for (let j = 0; j < n; j++) lu[i * n + j] = scaleBy(lu[i * n + j]!, rowExp[i]!);
    }
  }
  for (let j = 0; j < n; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(lu[i * n + j]!));
    if (m > 0) {
      colExp[j] = exponentToOne(m);
      for (let i = 0; i < n; i++) lu[i * n + j] = scaleBy(lu[i * n + j]!, colExp[j]!);
    }
  }
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let sign = 1;
  let logAbsDet = 0;
  let minPivot = Infinity;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(lu[i * n + k]!) > Math.abs(lu[p * n + k]!)) p = i;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!;
        lu[k * n + j] = lu[p * n + j]!;
        lu[p * n + j] = t;
      }
      const t = perm[k]!;
      perm[k] = perm[p]!;
      perm[p] = t;
      sign = -sign;
    }
    const pivot = lu[k * n + k]!;
    minPivot = Math.min(minPivot, Math.abs(pivot));
    if (pivot === 0) {
      sign = 0;
      logAbsDet = -Infinity;
      continue;
    }
    if (pivot < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(pivot));
    for (let i = k + 1; i < n; i++) {
      const l = (lu[i * n + k]! /= pivot);
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j]! -= l * lu[k * n + j]!;
    }
  }
  // det(A) = det(RAC) / (det R · det C).
  let scaleExp = 0;
  for (let i = 0; i < n; i++) scaleExp += rowExp[i]! + colExp[i]!;
  if (sign !== 0) logAbsDet -= scaleExp * Math.LN2;
  return { n, lu, perm, rowExp, colExp, sign, logAbsDet, minPivot };
}

/** A⁻¹ from the factorisation: C (RAC)⁻¹ R, column by column of the identity. */
export function inverseFrom(f: Factorisation): Float64Array {
  const { n, lu, perm, rowExp, colExp } = f;
  const out = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    // Solve L U y = P e_c (forward, then back substitution).
    for (let i = 0; i < n; i++) {
      let s = perm[i] === c ? 1 : 0;
      for (let j = 0; j < i; j++) s -= lu[i * n + j]! * y[j]!;
      y[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let j = i + 1; j < n; j++) s -= lu[i * n + j]! * y[j]!;
      y[i] = s / lu[i * n + i]!;
    }
    // Column c of (RAC)⁻¹ is y; A⁻¹ = C (RAC)⁻¹ R: row i scaled by 2^colExp[i], column c by 2^rowExp[c].
    for (let i = 0; i < n; i++) out[i * n + c] = scaleBy(y[i]!, colExp[i]! + rowExp[c]!);
  }
  return out;
}
