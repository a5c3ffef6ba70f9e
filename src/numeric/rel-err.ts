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
 * Relative error of `a` against `b`, measured against the scale of both sides:
 *   max_ij |a_ij − b_ij| / max(max_ij |a_ij|, max_ij |b_ij|, floor)
 * so that 1e-20·x against 0 is an error of 1, not of 1e-20 (an absolute measure would
 * call every tiny derivative zero). The largest entry sets the scale, so that tiny
 * entries next to large ones do not blow it up. `floor` is the size below which a
 * difference is noise for the caller (the rounding error of a finite difference);
 * two zero matrices agree exactly. Different shapes, or a NaN/∞ anywhere, give Infinity.
 */
export function relErr(a: Values, b: Values, floor = 0): number {
  if (a.rows !== b.rows || a.cols !== b.cols) return Infinity;
  let diff = 0;
  let scale = floor;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return Infinity;
    diff = Math.max(diff, Math.abs(x - y));
    scale = Math.max(scale, Math.abs(x), Math.abs(y));
  }
  return diff === 0 ? 0 : diff / scale;
}
