/**
 * The evaluate stage of the library API: `--at` values as a point of a program, and an
 * expression of the program evaluated there (never NaN or ∞: a `domain` error instead).
 */
import { type Expr, topoOrder } from '../ast.js';
import { DcalcError, optionError } from '../errors.js';
import type { Program } from '../parse/build.js';
import { evaluate as evalExpr } from '../numeric/evaluate.js';
import { type Mat, allFinite } from '../numeric/matrix.js';
import type { VarSpec } from '../numeric/sample.js';
import { requireAssumptions } from '../numeric/assumptions.js';
import { parseValues, bindDimsFromValues, conformValues, matToJson } from '../numeric/values.js';

/** The variables of a program as the sampler sees them. */
export function varSpecs(program: Program): VarSpec[] {
  const used = new Set<string>();
  for (const e of [program.value, ...program.definitions.values()]) for (const n of topoOrder(e)) if (n.kind === 'var') used.add(n.name);
  return [...program.declarations.values()].filter((d) => used.has(d.name)).map((d) => ({ name: d.name, rows: d.shape.rows, cols: d.shape.cols, assumptions: d.assumptions }));
}

export interface Point {
  readonly vars: Map<string, Mat>;
  readonly dims: Map<string, number>;
}

/** Values for every variable from `--at` JSON; dimension names are bound from the arrays' sizes. */
export function pointFromValues(program: Program, json: unknown): Point {
  const specs = varSpecs(program);
  const values = parseValues(json);
  // Every declared variable given a value binds its dimension names, used or not (CONTRACT §3).
  for (const d of program.declarations.values()) {
    if (values.has(d.name) && !specs.some((s) => s.name === d.name)) specs.push({ name: d.name, rows: d.shape.rows, cols: d.shape.cols, assumptions: d.assumptions });
  }
  const dims = bindDimsFromValues(specs, values);
  const vars = conformValues(specs, values);
  for (const s of specs) if (!vars.has(s.name)) throw optionError('usage', (o) => `${o.at}: no value is given for ${s.name}`);
  // A result simplified under an assumption is wrong where the value breaks it.
  for (const s of specs) requireAssumptions(s.name, vars.get(s.name)!, s.assumptions);
  return { vars, dims };
}

export function evaluateAt(program: Program, e: Expr, point: Point): Mat {
  const v = evalExpr(e, point, { locs: program.locs });
  if (!allFinite(v)) throw new DcalcError('domain', 'the value is not finite (an overflow or a division by zero)');
  return v;
}

export { matToJson };
