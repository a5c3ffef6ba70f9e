/**
 * How far a computed matrix is from a reference: the measure every numeric check uses
 * (finite differences, graded claims, the property tests). It depends on nothing, so
 * the test generators can share it without the engine.
 */

/** A matrix as far as comparing values goes: its shape and its entries, row-major. */
export interface Values {
  readonly rows: number;
  readonly cols: number;
  readonly data: ArrayLike<number>;
}

/**
 * Relative error of `a` against the reference `b`:
 *   max_ij |a_ij − b_ij| / max(1, max_ij |b_ij|)
 * i.e. absolute error for small references and relative error for large ones, measured
 * against the largest entry so that tiny entries of b do not blow it up.
 * Different shapes, or a NaN/∞ anywhere, give Infinity.
 */
export function relErr(a: Values, b: Values): number {
  if (a.rows !== b.rows || a.cols !== b.cols) return Infinity;
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return Infinity;
    diff = Math.max(diff, Math.abs(x - y));
    scale = Math.max(scale, Math.abs(y));
  }
  return diff / scale;
}
