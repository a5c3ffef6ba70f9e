/**
 * The library API: parse a program, take a derivative, simplify it, print it, check
 * it numerically, evaluate. The CLI (cli/) is a thin surface over these functions.
 */
import { type Expr, topoOrder } from './ast.js';
import { DcalcError } from './errors.js';
import { parseSyntax, parseDeclarations } from './parse/parser.js';
import type { SynStatement } from './parse/syntax.js';
import { buildProgram, declarationFromSyntax, type Declaration, type Program, ASSUMPTIONS } from './parse/build.js';
import { gradient } from './diff/reverse.js';
import { simplify, type Step } from './simplify/engine.js';
import { printExpr, asProgramText, type Format, type PrintedProgram } from './print/printer.js';
import { type Shape, shape as mkShape, SCALAR, showShape } from './shape/shape.js';
import { dim, showDim, type Dim } from './shape/dims.js';
import { evaluate as evalExpr } from './numeric/evaluate.js';
import { type Mat, allFinite } from './numeric/matrix.js';
import { makeRng, bindDims, samplePoint, type VarSpec, type Assumption } from './numeric/sample.js';
import { numericGradient, relErr } from './numeric/finite-diff.js';
import { parseValues, bindDimsFromValues, conformValues, matToJson } from './numeric/values.js';

export type { Program, Declaration } from './parse/build.js';
export type { Expr } from './ast.js';
export type { Shape } from './shape/shape.js';
export type { Step } from './simplify/engine.js';
export type { Format } from './print/printer.js';

/** Declarations given outside the program: `"X: N×M, t: scalar"` or `{X: ["N","M"], t: []}`. */
export type LetSpec = string | Readonly<Record<string, readonly (string | number)[]>>;

export interface ParseOptions {
  readonly let?: LetSpec;
}

export function parseLet(spec: LetSpec | undefined): Declaration[] {
  if (spec === undefined) return [];
  if (typeof spec === 'string') {
    if (spec.trim() === '') return [];
    try {
      return parseDeclarations(spec).flatMap((st: SynStatement) => (st.t === 'decl' ? declarationFromSyntax(st) : []));
    } catch (e) {
      if (e instanceof DcalcError) {
        const err = new DcalcError(e.kind === 'limit' ? 'limit' : 'usage', `--let: ${e.message}`, e.line !== undefined ? { line: e.line, column: e.column! } : undefined);
        err.source = spec;
        throw err;
      }
      throw e;
    }
  }
  const out: Declaration[] = [];
  for (const [name, sizes] of Object.entries(spec)) {
    if (!Array.isArray(sizes) || sizes.length > 2 || sizes.some((s) => !(typeof s === 'string' ? /^[\p{L}][\p{L}\p{N}_]*(\*[\p{L}\p{N}_]+)*$/u.test(s) : Number.isInteger(s) && s > 0))) {
      throw new DcalcError('usage', `let: the size of ${name} must be [] (scalar), [rows] or [rows, cols] of integers and dimension names`);
    }
    const [r, c] = sizes as (string | number)[];
    const s: Shape = r === undefined ? SCALAR : mkShape(dim(r), c === undefined ? 1 : dim(c));
    out.push({ name, shape: s, assumptions: [] });
  }
  return out;
}

/** Parses and shape-checks a program. */
export function parseProgram(text: string, opts: ParseOptions = {}): Program {
  const lets = parseLet(opts.let);
  return buildProgram(parseSyntax(text), lets);
}

export function shapeOf(program: Program): Shape {
  return program.value.shape;
}

/** The node that `wrt` names: a variable of the program, or one of its named intermediates. */
export function resolveWrt(program: Program, wrt: string): Expr {
  const def = program.definitions.get(wrt);
  if (def) return def;
  for (const e of [program.value, ...program.definitions.values()]) {
    for (const n of topoOrder(e)) if (n.kind === 'var' && n.name === wrt) return n;
  }
  throw new DcalcError('name', `wrt ${wrt}: ${wrt} is not a name of the program`);
}

export interface DeriveOptions extends ParseOptions {
  /** Print with the program's names for its intermediates (default true); false is --inline. */
  readonly useNames?: boolean;
}

export interface Derivative {
  readonly op: 'grad';
  readonly program: Program;
  readonly wrt: string;
  readonly wrtNode: Expr;
  /** The derivative as reverse mode gives it, before simplification. */
  readonly raw: Expr;
  /** The simplified derivative. */
  readonly expr: Expr;
  readonly steps: readonly Step[];
  readonly assumptionsUsed: readonly string[];
  readonly shape: Shape;
}

function programNodes(program: Program): Set<number> {
  const frozen = new Set<number>();
  for (const e of [program.value, ...program.definitions.values()]) for (const n of topoOrder(e)) frozen.add(n.id);
  return frozen;
}

/** Node id → the user's name for it (operator nodes only: `c = 2` does not rename every 2). */
export function namesOf(program: Program): Map<number, string> {
  const names = new Map<number, string>();
  for (const [name, e] of program.definitions) if (e.kind === 'op' && !names.has(e.id)) names.set(e.id, name);
  return names;
}

function assumptionsOf(program: Program): Map<string, readonly Assumption[]> {
  const m = new Map<string, readonly Assumption[]>();
  for (const [n, d] of program.declarations) if (d.assumptions.length) m.set(n, d.assumptions);
  return m;
}

/** ∂f/∂wrt for a scalar program, simplified. */
export function grad(program: Program | string, wrt: string, opts: DeriveOptions = {}): Derivative {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  const wrtNode = resolveWrt(p, wrt);
  const raw = gradient(p.value, wrtNode);
  const names = namesOf(p);
  const s = simplify(raw, { frozen: programNodes(p), named: new Set(names.keys()), assumptions: assumptionsOf(p) });
  return { op: 'grad', program: p, wrt, wrtNode, raw, expr: s.expr, steps: s.steps, assumptionsUsed: s.assumptionsUsed, shape: s.expr.shape };
}

export interface RenderOptions {
  readonly format: Format;
  /** Expand the program's named intermediates (--inline). */
  readonly inline?: boolean;
}

/** An expression of a program printed in one format, with temporaries. */
export function render(program: Program, e: Expr, opts: RenderOptions): PrintedProgram {
  const names = opts.inline ? new Map<number, string>() : namesOf(program);
  const reserved = new Set([...program.declarations.keys(), ...program.definitions.keys(), ...program.dimNames]);
  return printExpr(e, { format: opts.format, names, reserved });
}

export function programText(p: PrintedProgram): string {
  return asProgramText(p);
}

/** Unicode text of an expression of a program (temporaries joined with `;`). */
export function toText(program: Program, e: Expr, inline = false): string {
  return asProgramText(render(program, e, { format: 'text', inline }));
}

export function toAscii(program: Program, e: Expr, inline = false): string {
  return asProgramText(render(program, e, { format: 'ascii', inline }));
}

/** Display LaTeX: `\frac{\partial L}{\partial W} = …`, temporaries in an aligned environment. */
export function toLatex(d: Derivative, opts: { inline?: boolean; shape?: boolean } = {}): string {
  const pr = render(d.program, d.expr, { format: 'latex', inline: opts.inline });
  const f = d.program.valueName ? latexNameOf(d.program.valueName) : 'f';
  const lhs = `\\frac{\\partial ${f}}{\\partial ${latexNameOf(d.wrt)}}`;
  const shapeNote = opts.shape === false ? '' : ` \\in \\mathbb{R}^{${showDim(d.shape.rows, 'latex')} \\times ${showDim(d.shape.cols, 'latex')}}`;
  if (pr.temporaries.length === 0) return `${lhs} = ${pr.text}${shapeNote}`;
  const lines = [...pr.temporaries.map((t) => `${t.name} &= ${t.text}`), `${lhs} &= ${pr.text}${shapeNote}`];
  return `\\begin{aligned}\n${lines.join(' \\\\\n')}\n\\end{aligned}`;
}

import { latexName as latexNameOf } from './print/printer.js';
export { latexNameOf as latexName };

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
  const dims = bindDimsFromValues(specs, values);
  const vars = conformValues(specs, values);
  for (const s of specs) if (!vars.has(s.name)) throw new DcalcError('usage', `--at: no value is given for ${s.name}`);
  return { vars, dims };
}

export function evaluateAt(program: Program, e: Expr, point: Point): Mat {
  const v = evalExpr(e, point, { locs: program.locs });
  if (!allFinite(v)) throw new DcalcError('domain', 'the value is not finite (an overflow or a division by zero)');
  return v;
}

export { matToJson };

export interface CheckReport {
  readonly points: number;
  readonly maxRelErr: number;
  readonly ok: boolean;
}

const NONSMOOTH = new Set(['relu', 'step', 'abs', 'sign', 'norm1']);
export const CHECK_TOLERANCE = 1e-5;

/**
 * Checks a gradient against central finite differences at random points drawn to
 * respect the declared assumptions and the domains of log, sqrt and friends.
 */
export function checkGradient(d: Derivative, opts: { points?: number; seed?: number } = {}): CheckReport {
  const points = opts.points ?? 3;
  const rng = makeRng(opts.seed ?? 1);
  const p = d.program;
  const specs = varSpecs(p);
  const nonsmooth = topoOrder(p.value).some((n) => n.kind === 'op' && NONSMOOTH.has(n.op));
  let maxErr = 0;
  let done = 0;
  let attempts = 0;
  while (done < points) {
    if (attempts++ > points * 12) {
      if (done > 0) break;
      throw new DcalcError('domain', 'could not find a point where the program is defined, to check the derivative numerically (try --no-check)');
    }
    const style = attempts % 3 === 2 ? 'positive' : 'general';
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, style);
    const point = { vars, dims };
    let err: number;
    try {
      const f0 = evalExpr(p.value, point);
      if (!allFinite(f0)) continue;
      const analytic = evalExpr(d.expr, point);
      if (!allFinite(analytic)) continue;
      const x0 = d.wrtNode.kind === 'var' ? vars.get(d.wrtNode.name)! : evalExpr(d.wrtNode, point);
      const f = (x: Mat): Mat =>
        d.wrtNode.kind === 'var'
          ? evalExpr(p.value, { vars: new Map(vars).set(d.wrtNode.name, x), dims })
          : evalExpr(p.value, point, { overrides: new Map([[d.wrtNode.id, x]]) });
      const numeric = numericGradient(f, x0);
      if (!allFinite(numeric)) continue;
      err = relErr(analytic, numeric);
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
    // A finite difference across a kink of relu or abs is not the derivative: try another point.
    if (nonsmooth && err > CHECK_TOLERANCE && attempts < points * 12) continue;
    maxErr = Math.max(maxErr, err);
    done++;
  }
  return { points: done, maxRelErr: maxErr, ok: maxErr <= CHECK_TOLERANCE };
}

export function shapeJson(s: Shape): (string | number)[] {
  return [s.rows, s.cols].map((x: Dim) => (typeof x === 'number' ? x : showDim(x, 'ascii')));
}

export { showShape, ASSUMPTIONS };
export { parseSyntax } from './parse/parser.js';
