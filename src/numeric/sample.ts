/**
 * Random points for numeric verification: concrete sizes for dimension names and
 * random values for variables that respect their declared assumptions (CONTRACT §1).
 * Everything is driven by a seeded generator so that `--seed N` reproduces a check.
 */
import { DcalcError } from '../errors.js';
import { type Dim, dimNames, dimValue, showDim } from '../shape/dims.js';
import { type Mat, mat, matmul, transpose } from './matrix.js';
import type { Rng } from './rng.js';
import type { Shape } from '../shape/shape.js';
import { assertElements } from './limits.js';

export { makeRng, type Rng } from './rng.js';

export type Assumption = 'symmetric' | 'spd' | 'positive' | 'simplex' | 'simplex_rows' | 'binary';

export interface VarSpec {
  name: string;
  rows: Dim;
  cols: Dim;
  assumptions: readonly Assumption[];
}

/** Sizes for dimension names: `preferred` first (shuffled), then `overflow`, then repeats. */
export interface SizePool {
  readonly preferred: readonly number[];
  readonly overflow: readonly number[];
}

/** Sizes tried first for unbound names: small, and > 1 so no axis silently broadcasts; 6 and 7 once 2..5 are taken, so that names still differ. */
export const SMALL_SIZES: SizePool = { preferred: [2, 3, 4, 5], overflow: [6, 7] };
/**
 * Larger sizes, for the grader: a claim with a term that vanishes on small sizes
 * ((n−2)(n−3)…(n−7)x) or a wrong size-dependent factor shows itself only here; every
 * one of the first four names gets 8 or more, so no such polynomial hides.
 */
export const LARGE_SIZES: SizePool = { preferred: [8, 9, 10, 11], overflow: [6, 7] };

function shuffled<T>(xs: readonly T[], rng: Rng): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * A concrete size for every dimension name the variables mention. Names in `given`
 * keep their value (and all of `given` is kept). Other names get sizes from 2..5 in a
 * random order, avoiding sizes already used, so that different names get different
 * values and a misplaced transpose fails numerically instead of passing by accident;
 * past four names 6 and 7 are used, and only then are sizes repeated.
 */
export function bindDims(vars: readonly VarSpec[], given: ReadonlyMap<string, number>, rng: Rng, pool: SizePool = SMALL_SIZES): Map<string, number> {
  const { preferred, overflow } = pool;
  const out = new Map(given);
  const names: string[] = [];
  for (const v of vars) {
    for (const n of [...dimNames(v.rows), ...dimNames(v.cols)]) {
      if (!out.has(n) && !names.includes(n)) names.push(n);
    }
  }
  const used = new Set(out.values());
  const free = [
    ...shuffled(preferred.filter((s) => !used.has(s)), rng),
    ...overflow.filter((s) => !used.has(s)),
  ];
  const all = [...preferred, ...overflow];
  names.forEach((n, i) => {
    const k = i - free.length;
    out.set(n, k < 0 ? free[i]! : all[Math.floor(rng() * all.length)]!);
  });
  return out;
}

export function sizeOf(v: VarSpec, dims: ReadonlyMap<string, number>): [number, number] {
  const r = dimValue(v.rows, dims);
  const c = dimValue(v.cols, dims);
  if (r === undefined || c === undefined) {
    throw new Error(`sample: the size ${showDim(v.rows)}×${showDim(v.cols)} of ${v.name} is not bound`);
  }
  return [r, c];
}

/** Uniform in [0.3, 1.5]. */
function positiveEntry(rng: Rng): number {
  return 0.3 + 1.2 * rng();
}

/** Uniform in [-1.5, -0.2] ∪ [0.2, 1.5]: away from 0, where relu/abs/step have kinks. */
function generalEntry(rng: Rng): number {
  const x = 0.2 + 1.3 * rng();
  return rng() < 0.5 ? -x : x;
}

function sampleVar(v: VarSpec, dims: ReadonlyMap<string, number>, rng: Rng, style: 'general' | 'positive', scale: number): Mat {
  const [r, c] = sizeOf(v, dims);
  const has = (a: Assumption): boolean => v.assumptions.includes(a);
  const isSimplex = has('simplex') || has('simplex_rows');
  const pos = style === 'positive' || has('positive') || isSimplex;
  const draw = (): number => scale * (pos ? positiveEntry(rng) : generalEntry(rng));
  const square = (what: Assumption): void => {
    if (r !== c) throw new DcalcError('shape', `${v.name}: ${what} needs a square matrix, but it is ${showDim(v.rows)}×${showDim(v.cols)} (${r}×${c})`);
  };

  if (has('binary')) return binaryMask(r, c, rng);
  const B = mat(r, c, Array.from({ length: r * c }, draw));
  if (has('spd')) {
    // B Bᵀ is positive semidefinite; + n·I makes it safely definite (eigenvalues ≥ n).
    square('spd');
    const S = matmul(B, transpose(B));
    const d = S.data.slice();
    for (let i = 0; i < r; i++) d[i * r + i]! += r;
    return mat(r, r, d);
  }
  if (has('symmetric')) {
    square('symmetric');
    const Bt = transpose(B);
    return mat(r, c, B.data.map((x, i) => (x + Bt.data[i]!) / 2));
  }
  if (isSimplex) {
    // Normalise groups of positive entries: a vector's entries, else columns (simplex)
    // or rows (simplex_rows), per CONTRACT §1.
    const d = B.data.slice();
    const byRows = has('simplex_rows') || (r === 1 && c > 1);
    const groups = byRows ? r : c;
    const len = byRows ? c : r;
    const at = (g: number, k: number): number => (byRows ? g * c + k : k * c + g);
    for (let g = 0; g < groups; g++) {
      let s = 0;
      for (let k = 0; k < len; k++) s += d[at(g, k)]!;
      for (let k = 0; k < len; k++) d[at(g, k)]! /= s;
    }
    return mat(r, c, d);
  }
  return B;
}

/**
 * A 0/1 mask (a `binary` declaration): each entry 1 with probability 1/2, with both
 * values present when there are two entries or more, so that a check sees the mask at work.
 */
function binaryMask(r: number, c: number, rng: Rng): Mat {
  const d: number[] = Array.from({ length: r * c }, () => (rng() < 0.5 ? 1 : 0));
  if (d.length > 1 && d.every((x) => x === d[0])) d[0] = 1 - d[0]!;
  return mat(r, c, d);
}

/**
 * A random value for every variable, in order. 'general' entries are uniform in
 * ±[0.2, 1.5]; 'positive' ones in [0.3, 1.5] (for programs with log, sqrt, …).
 * Assumptions: positive → positive entries; symmetric → (B + Bᵀ)/2; spd → B Bᵀ + n·I;
 * simplex → positive entries summing to 1 (a vector's entries, a matrix's columns);
 * simplex_rows → each row sums to 1; binary → entries 0 or 1. symmetric/spd on a non-square shape is a shape error.
 * `scale` multiplies the entries (before spd/symmetric are formed; a simplex is normalised
 * whatever the scale): the grader and the domain search sample at several scales.
 */
export function samplePoint(
  vars: readonly VarSpec[],
  dims: ReadonlyMap<string, number>,
  rng: Rng,
  style: 'general' | 'positive',
  scale = 1,
): Map<string, Mat> {
  const out = new Map<string, Mat>();
  for (const v of vars) {
    assertElements({ rows: v.rows, cols: v.cols } as Shape, dims, v.name);
    out.set(v.name, sampleVar(v, dims, rng, style, scale));
  }
  return out;
}
