/**
 * Whether given values (`--at`) keep the assumptions their declarations make
 * (CONTRACT §1: `S: n×n symmetric`, `spd`, `positive`, `simplex`, `simplex_rows`).
 * A derivative simplified under an assumption is only right where it holds: logdet's
 * gradient X⁻ᵀ is printed as X⁻¹ for a symmetric X, which at [[2,1],[0,2]] is the wrong
 * matrix. So a value that breaks its declaration is refused, naming the assumption.
 */
import { optionError } from '../errors.js';
import type { Mat } from './matrix.js';
import type { Assumption } from './sample.js';

/** Relative tolerance for the equalities (symmetry, sums of 1) of values typed in decimal. */
const TOL = 1e-9;

function at(m: Mat, i: number, j: number): number {
  return m.data[i * m.cols + j]!;
}

/** Why m is not symmetric, or undefined when it is (to TOL of its largest entry). */
function asymmetry(m: Mat): string | undefined {
  if (m.rows !== m.cols) return `it is ${m.rows}×${m.cols}, not square`;
  let scale = 0;
  for (const x of m.data) scale = Math.max(scale, Math.abs(x));
  for (let i = 0; i < m.rows; i++) {
    for (let j = i + 1; j < m.cols; j++) {
      if (Math.abs(at(m, i, j) - at(m, j, i)) > TOL * scale) return `entry (${i + 1},${j + 1}) is ${at(m, i, j)} but (${j + 1},${i + 1}) is ${at(m, j, i)}`;
    }
  }
  return undefined;
}

/** Whether a symmetric m is positive definite: its Cholesky factorisation exists (Golub & Van Loan, Alg. 4.2.1). */
function choleskyExists(m: Mat): boolean {
  const n = m.rows;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = at(m, j, j);
    for (let k = 0; k < j; k++) d -= L[j * n + k]! ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = at(m, i, j);
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Why a group of entries (a vector, a column or a row) is not on the simplex, or undefined. */
function offSimplex(xs: number[], what: string): string | undefined {
  const neg = xs.find((x) => x < 0);
  if (neg !== undefined) return `${what} has a negative entry (${neg})`;
  const sum = xs.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > TOL * xs.length) return `${what} sums to ${sum}, not 1`;
  return undefined;
}

/** Why m breaks assumption a, or undefined when it keeps it. */
function violation(m: Mat, a: Assumption): string | undefined {
  switch (a) {
    case 'symmetric':
      return asymmetry(m);
    case 'spd':
      return asymmetry(m) ?? (choleskyExists(m) ? undefined : 'it is not positive definite (it has no Cholesky factorisation)');
    case 'positive': {
      const bad = Array.from(m.data).find((x) => !(x > 0));
      return bad === undefined ? undefined : `it has an entry that is not positive (${bad})`;
    }
    case 'binary': {
      const bad = Array.from(m.data).find((x) => x !== 0 && x !== 1);
      return bad === undefined ? undefined : `it has an entry that is neither 0 nor 1 (${bad})`;
    }
    case 'simplex':
    case 'simplex_rows': {
      // A vector's entries; else a matrix's columns (simplex) or rows (simplex_rows), as sample.ts draws them.
      const byRows = a === 'simplex_rows' || (m.rows === 1 && m.cols > 1);
      const groups = byRows ? m.rows : m.cols;
      for (let g = 0; g < groups; g++) {
        const xs = byRows ? Array.from({ length: m.cols }, (_, k) => at(m, g, k)) : Array.from({ length: m.rows }, (_, k) => at(m, k, g));
        const why = offSimplex(xs, m.rows === 1 || m.cols === 1 ? 'the vector' : byRows ? `row ${g + 1}` : `column ${g + 1}`);
        if (why) return why;
      }
      return undefined;
    }
    default: {
      const never: never = a;
      return `unknown assumption ${String(never)}`;
    }
  }
}

/** Refuses (domain error) a value that breaks an assumption of its declaration. */
export function requireAssumptions(name: string, value: Mat, assumptions: readonly Assumption[]): void {
  for (const a of assumptions) {
    const why = violation(value, a);
    if (why !== undefined) throw optionError('domain', (o) => `${o.at}: ${name} is declared ${a}, but its value breaks it: ${why}`);
  }
}
