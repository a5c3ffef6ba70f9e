/**
 * How large a matrix dcalc computes with. An operator's result is sized from its shape
 * before anything is allocated, so `ones(10⁹, 10⁹)`, `eye(100000)` or
 * `commutation(1000, 1000)` (10¹² entries) are a `limit` error at their place in the
 * program instead of V8's "Invalid typed array length" or an exhausted heap.
 */
import { DcalcError } from '../errors.js';
import type { Shape } from '../shape/shape.js';
import { dimNames, dimValue } from '../shape/dims.js';
import { topoOrder } from '../ast.js';
import type { Program } from '../parse/build.js';
import type { VarSpec } from './sample.js';

/** The most entries of one matrix: 2²⁴ (a 4096×4096 matrix, 128 MiB of doubles). */
export const MAX_ELEMENTS = 2 ** 24;

/** Refuses a result of `shape` with more than MAX_ELEMENTS entries (sizes bound by `dims`). */
export function assertElements(shape: Shape, dims: ReadonlyMap<string, number>, what: string): void {
  const r = dimValue(shape.rows, dims);
  const c = dimValue(shape.cols, dims);
  if (r === undefined || c === undefined) return;
  if (r * c > MAX_ELEMENTS) {
    throw new DcalcError('limit', `${what} would be a ${r}×${c} matrix, more than the ${MAX_ELEMENTS} entries dcalc computes with`);
  }
}

/**
 * Refuses, before any point is sampled, a variable whose declared sizes are too large
 * to hold even with every dimension name at 1 (`x: 10⁹×10⁹`), located where the
 * program first uses it; the derivative itself is symbolic and needs no numbers
 * (`--no-check` skips the check).
 */
export function assertSampleable(program: Program, vars: readonly VarSpec[]): void {
  const ones = new Map<string, number>();
  for (const v of vars) {
    for (const n of [...dimNames(v.rows), ...dimNames(v.cols)]) ones.set(n, 1);
    try {
      assertElements({ rows: v.rows, cols: v.cols } as Shape, ones, v.name);
    } catch (e) {
      const use = [program.value, ...program.definitions.values()].flatMap((root) => topoOrder(root)).find((n) => n.kind === 'var' && n.name === v.name);
      throw new DcalcError('limit', `${(e as Error).message}: too large to check numerically (--no-check skips the check)`, use ? program.locs.get(use.id) : undefined);
    }
  }
}
