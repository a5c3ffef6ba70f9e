export { type Mat, transpose, sumAll, sumCols, sumRows, scalar } from './matrix.js';
import { type Mat, toRows } from './matrix.js';
/** A value as JSON (a number for 1×1) to `digits` significant digits, without throwing on non-finite entries. */
export function matToJsonSafe(m: Mat, digits = 6): number | number[][] {
  const round = (x: number) => Number(x.toPrecision(digits));
  if (m.rows === 1 && m.cols === 1) return round(m.data[0]!);
  return toRows(m).map((r) => r.map(round));
}
