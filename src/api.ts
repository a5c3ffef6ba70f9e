/**
 * The library API: parse a program, take a derivative, simplify it, print it, check
 * it numerically, evaluate. The CLI (cli/) is a thin surface over these functions.
 */
import { type Expr, topoOrder } from './ast.js';
import { DcalcError, type SourceLoc, withinLimits } from './errors.js';
import { parseSyntax, parseDeclarations, assertInputSize } from './parse/parser.js';
import { checkedName } from './names.js';
import type { SynStatement } from './parse/syntax.js';
import { looksLikeLatex, latexToDcalc, type LatexTranslation } from './parse/latex.js';
import { buildProgram, declarationFromSyntax, type Declaration, type Program, ASSUMPTIONS } from './parse/build.js';
import { gradient } from './diff/reverse.js';
import { differential } from './diff/forward.js';
import { jacobianRaw, differentialVar, vectorize } from './diff/jacobian.js';
import { gradientSteps, type GradStep } from './diff/steps.js';
import { OPS } from './ops/registry.js';
export type { GradStep } from './diff/steps.js';
import { apply, variable, Store, activeStore, withStore } from './ast.js';
import * as E from './algebra.js';
import { isScalar } from './shape/shape.js';
import { simplify as simplifyUnguarded, type Step } from './simplify/engine.js';
import { printExpr, asProgramText, type Format, type PrintedProgram } from './print/printer.js';
import { type Shape, shape as mkShape, SCALAR, showShape } from './shape/shape.js';
import { dim, showDim, type Dim } from './shape/dims.js';
import { evaluate as evalExpr } from './numeric/evaluate.js';
import { type Mat, allFinite } from './numeric/matrix.js';
import { makeRng, bindDims, samplePoint, type VarSpec, type Assumption } from './numeric/sample.js';
import { numericGradient, numericJacobian, relErr } from './numeric/finite-diff.js';
import { unvec } from './numeric/matrix.js';
import { grade, type Grade } from './numeric/check.js';
import { assertSampleable } from './numeric/limits.js';
export type { Grade, Diagnosis } from './numeric/check.js';
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
  /**
   * The input language: dcalc's own (`text`, which includes the ASCII syntax) or LaTeX
   * (`latex`, translated by parse/latex.ts). Undefined: LaTeX when the text has a
   * backslash command or `$` (dcalc's own language has neither).
   */
  readonly from?: 'text' | 'latex';
}

export function parseLet(spec: LetSpec | undefined): Declaration[] {
  const decls = parseLetRaw(spec);
  const seen = new Map<string, Declaration>();
  for (const d of decls) {
    const prev = seen.get(d.name);
    if (prev && (prev.shape.rows !== d.shape.rows || prev.shape.cols !== d.shape.cols)) {
      const err = new DcalcError('usage', `--let: ${d.name} is declared twice, as ${showShape(prev.shape)} and as ${showShape(d.shape)}`, d.loc);
      if (d.loc) err.source = spec as string;
      throw err;
    }
    seen.set(d.name, d);
  }
  return decls.map(({ loc: _loc, ...d }) => d);
}

/** Declarations, located in the --let text when it is text (where a name declared twice is pointed at). */
function parseLetRaw(spec: LetSpec | undefined): (Declaration & { loc?: SourceLoc })[] {
  if (spec === undefined) return [];
  if (typeof spec === 'string') {
    if (spec.trim() === '') return [];
    try {
      return parseDeclarations(spec).flatMap((st: SynStatement) => (st.t === 'decl' ? declarationFromSyntax(st).map((d, i) => ({ ...d, loc: st.names[i]?.loc })) : []));
    } catch (e) {
      if (e instanceof DcalcError) {
        const err = new DcalcError(e.kind === 'limit' ? 'limit' : 'usage', `--let: ${e.message}`, e.line !== undefined ? { line: e.line, column: e.column! } : undefined);
        err.source = spec;
        throw err;
      }
      throw e;
    }
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new DcalcError('usage', `let must be declarations as text ("X: N×M, t: scalar") or an object of sizes ({"X": ["N", "M"]}), not ${Array.isArray(spec) ? 'an array' : spec === null ? 'null' : typeof spec}`);
  const out: Declaration[] = [];
  for (const [key, sizes] of Object.entries(spec)) {
    // The same names as the grammar's, NFC-normalised: nothing else reaches the printers.
    const name = checkedName(key, 'let');
    if (!Array.isArray(sizes) || sizes.length > 2 || sizes.some((s) => !(typeof s === 'string' ? /^[\p{L}][\p{L}\p{N}_]*(\*[\p{L}\p{N}_]+)*$/u.test(s) : Number.isSafeInteger(s) && s > 0))) {
      throw new DcalcError('usage', `let: the size of ${name} must be [] (scalar), [rows] or [rows, cols] of integers and dimension names`);
    }
    const [r, c] = sizes as (string | number)[];
    const s: Shape = r === undefined ? SCALAR : mkShape(dim(r), c === undefined ? 1 : dim(c));
    out.push({ name, shape: s, assumptions: [] });
  }
  return out;
}

/**
 * Parses and shape-checks a program. LaTeX (`opts.from === 'latex'`, or detected) is
 * translated first; an error in the translation is located in the original text.
 */
export function parseProgram(text: string, opts: ParseOptions = {}): Program {
  return withinLimits(() => parseProgramText(text, opts));
}

function parseProgramText(text: string, opts: ParseOptions): Program {
  assertInputSize(text);
  const letSpec = typeof opts.let === 'string' && looksLikeLatex(opts.let) ? translateLet(opts.let) : opts.let;
  const lets = parseLet(letSpec);
  const latex = opts.from === 'latex' || (opts.from === undefined && looksLikeLatex(text));
  if (!latex) return buildProgram(parseSyntax(text), lets);
  const tr = latexToDcalc(text);
  try {
    return buildProgram(parseSyntax(tr.text), lets);
  } catch (e) {
    throw relocate(e, tr);
  }
}

/** A DcalcError located in a translation, located in the original instead. */
function relocate(e: unknown, tr: LatexTranslation, source?: string): unknown {
  if (!(e instanceof DcalcError) || e.line === undefined || e.column === undefined || (e.source !== undefined && source === undefined)) return e;
  const err = new DcalcError(e.kind, e.message, tr.mapLoc({ line: e.line, column: e.column }));
  if (source !== undefined) err.source = source;
  if (e.stack) err.stack = e.stack;
  return err;
}

/** `--let` text in LaTeX (`X \in \mathbb{R}^{N \times M}`), translated; errors located in it. */
function translateLet(spec: string): string {
  try {
    const tr = latexToDcalc(spec);
    try {
      parseLet(tr.text);
    } catch (e) {
      throw relocate(e, tr, spec);
    }
    return tr.text;
  } catch (e) {
    if (e instanceof DcalcError && e.source === undefined) {
      const err = new DcalcError(e.kind === 'limit' ? 'limit' : 'usage', `--let: ${e.message}`, e.line !== undefined ? { line: e.line, column: e.column! } : undefined);
      err.source = spec;
      throw err;
    }
    throw e;
  }
}

export { looksLikeLatex, latexToDcalc, type LatexTranslation, type LatexOptions } from './parse/latex.js';

export function shapeOf(program: Program): Shape {
  return program.value.shape;
}

/** `wrt` as dcalc holds names (NFC); a name error, as for a name not in the program, when it cannot be one. */
function checkedWrt(wrt: unknown): string {
  if (typeof wrt !== 'string') throw new DcalcError('usage', `wrt must be a name (a string), not ${wrt === null ? 'null' : typeof wrt}`);
  return wrt.normalize('NFC');
}

/** The node that `wrt` names: a variable of the program, or one of its named intermediates. */
export function resolveWrt(program: Program, wrt: string): Expr {
  wrt = checkedWrt(wrt);
  const def = program.definitions.get(wrt);
  if (def) return def;
  for (const e of [program.value, ...program.definitions.values()]) {
    for (const n of topoOrder(e)) if (n.kind === 'var' && n.name === wrt) return n;
  }
  // A declared variable the value no longer depends on (det(X^0)): its derivative is zero.
  const decl = program.declarations.get(wrt);
  if (decl) return withStore(program.store, () => variable(wrt, decl.shape));
  throw new DcalcError('name', `wrt ${wrt}: ${wrt} is not a name of the program`);
}

export interface DeriveOptions extends ParseOptions {
  /** Print with the program's names for its intermediates (default true); false is --inline. */
  readonly useNames?: boolean;
}

export type DerivativeOp = 'grad' | 'jacobian' | 'hessian';

export interface Derivative {
  readonly op: DerivativeOp;
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
  /** For a Hessian: the gradient it differentiates. */
  readonly gradient?: Expr;
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

function simplifyIn(p: Program, raw: Expr) {
  const names = namesOf(p);
  return simplifyUnguarded(raw, { frozen: programNodes(p), named: new Set(names.keys()), assumptions: assumptionsOf(p) });
}

/** ∂f/∂wrt for a scalar program, simplified. */
function gradUnguarded(program: Program | string, wrt: string, opts: DeriveOptions = {}): Derivative {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  const wrtNode = resolveWrt(p, wrt);
  if (!isScalar(p.value.shape)) throw new DcalcError('shape', `grad needs a scalar function, but this one is ${showShape(p.value.shape)}; use jacobian for the derivative of a matrix`, p.locs.get(p.value.id));
  const raw = gradient(p.value, wrtNode);
  const s = simplifyIn(p, raw);
  return { op: 'grad', program: p, wrt, wrtNode, raw, expr: s.expr, steps: s.steps, assumptionsUsed: s.assumptionsUsed, shape: s.expr.shape };
}

/**
 * ∂vec(F)/∂vec(X)ᵀ in numerator layout, as a closed form (Kronecker products,
 * commutation matrices, diag(vec(…))); with respect to a scalar, the elementwise
 * derivative shaped like F. For a scalar F it is vec(∇F)ᵀ.
 */
function jacobianUnguarded(program: Program | string, wrt: string, opts: DeriveOptions = {}): Derivative {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  const wrtNode = resolveWrt(p, wrt);
  let raw: Expr;
  let used: readonly string[] = [];
  if (isScalar(p.value.shape) && !isScalar(wrtNode.shape)) {
    const g = grad(p, wrt);
    used = g.assumptionsUsed;
    raw = E.transpose(apply('vec', [g.expr]));
  } else raw = jacobianRaw(p.value, wrtNode, wrt);
  const s = simplifyIn(p, raw);
  return { op: 'jacobian', program: p, wrt, wrtNode, raw, expr: s.expr, steps: s.steps, assumptionsUsed: [...new Set([...used, ...s.assumptionsUsed])].sort(), shape: s.expr.shape };
}

/** ∂²f/∂vec(X)∂vec(X)ᵀ of a scalar program: the Jacobian of its gradient. */
function hessianUnguarded(program: Program | string, wrt: string, opts: DeriveOptions = {}): Derivative {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  if (!isScalar(p.value.shape)) throw new DcalcError('shape', `hessian needs a scalar function, but this one is ${showShape(p.value.shape)}`, p.locs.get(p.value.id));
  const g = grad(p, wrt);
  // Differentiate the gradient as a function of all entries: an assumption holds at the
  // point only (X⁻ᵀ = X⁻¹ for a symmetric X, but not nearby), so the gradient used here
  // is simplified without assumptions. The Hessian's value may then use them.
  const exactGradient = simplifyUnguarded(g.raw, { frozen: programNodes(p), named: new Set(namesOf(p).keys()) }).expr;
  const raw = jacobianRaw(exactGradient, g.wrtNode, wrt);
  const s = simplifyIn(p, raw);
  return {
    op: 'hessian', program: p, wrt, wrtNode: g.wrtNode, raw, expr: s.expr, steps: s.steps,
    assumptionsUsed: [...s.assumptionsUsed].sort(), shape: s.expr.shape, gradient: exactGradient,
  };
}

export interface GradientDerivation {
  readonly derivative: Derivative;
  readonly steps: readonly GradStep[];
  readonly placeholders: ReadonlyMap<string, { variable: Expr; node: Expr }>;
}

/** The gradient's derivation through the program's names (`--steps`). */
function gradientDerivationUnguarded(program: Program | string, wrt: string, opts: DeriveOptions = {}): GradientDerivation {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  const d = grad(p, wrt);
  const names = namesOf(p);
  const valueOf = (name: string) => (name === wrt ? { expr: d.expr, steps: d.steps } : (() => {
    const g = grad(p, name);
    return { expr: g.expr, steps: g.steps };
  })());
  const { steps, placeholders } = gradientSteps(p, wrt, d.wrtNode, valueOf, programNodes(p), new Set(names.keys()));
  return { derivative: d, steps, placeholders };
}

export interface JacobianDerivation {
  readonly derivative: Derivative;
  readonly dX: Expr;
  /** dF, simplified (linear in dX). */
  readonly differential: Expr;
  readonly differentialIdentities: readonly string[];
  readonly vecIdentities: readonly string[];
  readonly rules: readonly string[];
}

/** The Jacobian's derivation: dF in terms of dX, then vec(dF) = J vec(dX) (`--steps`). */
function jacobianDerivationUnguarded(program: Program | string, wrt: string, opts: DeriveOptions = {}): JacobianDerivation {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  const d = jacobian(p, wrt);
  const dX = differentialVar(d.wrtNode, wrt);
  const raw = differential(p.value, d.wrtNode, dX);
  const dF = simplifyIn(p, raw).expr;
  const differentialIdentities = new Set<string>();
  for (const n of topoOrder(p.value)) if (n.kind === 'op' && topoOrder(n).some((m) => m.id === d.wrtNode.id) && OPS[n.op].identity) differentialIdentities.add(OPS[n.op].identity!);
  const vecIdentities = new Set<string>();
  if (!isScalar(d.wrtNode.shape)) vectorize(dF, dX, (id) => vecIdentities.add(id));
  return { derivative: d, dX, differential: dF, differentialIdentities: [...differentialIdentities], vecIdentities: [...vecIdentities], rules: [...new Set(d.steps.map((s) => s.rule))] };
}

export interface Differential {
  readonly program: Program;
  readonly wrt: string;
  /** The symbol dX. */
  readonly dX: Expr;
  /** dF, simplified, linear in dX. */
  readonly expr: Expr;
  /** For a scalar F: the gradient G read off dF = tr(Gᵀ dX). */
  readonly gradient?: Derivative;
}

/** The differential dF in terms of dX (Matrix Cookbook §2.1); for a scalar F also dF = tr(Gᵀ dX). */
function differentialOfUnguarded(program: Program | string, wrt: string, opts: DeriveOptions = {}): Differential {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  const wrtNode = resolveWrt(p, wrt);
  const dX = differentialVar(wrtNode, wrt);
  const s = simplifyIn(p, differential(p.value, wrtNode, dX));
  return { program: p, wrt, dX, expr: s.expr, gradient: isScalar(p.value.shape) ? grad(p, wrt) : undefined };
}

export interface RenderOptions {
  readonly format: Format;
  /** Expand the program's named intermediates (--inline). */
  readonly inline?: boolean;
  /** Introduce temporaries for shared subexpressions (default true). */
  readonly temporaries?: boolean;
}

/** An expression of a program printed in one format, with temporaries. */
function renderUnguarded(program: Program, e: Expr, opts: RenderOptions): PrintedProgram {
  const names = opts.inline ? new Map<number, string>() : namesOf(program);
  const reserved = new Set([...program.declarations.keys(), ...program.definitions.keys(), ...program.dimNames]);
  for (const n of topoOrder(e)) if (n.kind === 'var') reserved.add(n.name);
  return printExpr(e, { format: opts.format, names, reserved, temporaries: opts.temporaries });
}

export function programText(p: PrintedProgram): string {
  return asProgramText(p);
}

/** Unicode text of an expression of a program (temporaries joined with `;`). */
function toTextUnguarded(program: Program, e: Expr, inline = false): string {
  return asProgramText(render(program, e, { format: 'text', inline }));
}

function toAsciiUnguarded(program: Program, e: Expr, inline = false): string {
  return asProgramText(render(program, e, { format: 'ascii', inline }));
}

/** The left-hand side of a derivative in LaTeX: ∂L/∂W, ∂vec(F)/∂vec(X)ᵀ, ∂²L/∂vec(X)∂vec(X)ᵀ. */
export function latexLhs(d: Derivative): string {
  const f = d.program.valueName ? latexNameOf(d.program.valueName) : 'f';
  const x = latexNameOf(d.wrt);
  const scalarX = isScalar(d.wrtNode.shape);
  if (d.op === 'hessian') return scalarX ? `\\frac{\\partial^2 ${f}}{\\partial ${x}^2}` : `\\frac{\\partial^2 ${f}}{\\partial \\operatorname{vec}(${x}) \\, \\partial \\operatorname{vec}(${x})^\\top}`;
  if (d.op === 'jacobian' && !scalarX) return `\\frac{\\partial \\operatorname{vec}(${f})}{\\partial \\operatorname{vec}(${x})^\\top}`;
  return `\\frac{\\partial ${f}}{\\partial ${x}}`;
}

/** The left-hand side in text: ∂L/∂W, ∂vec(F)/∂vec(X)ᵀ, ∂²L/∂vec(X)∂vec(X)ᵀ. */
export function textLhs(d: Derivative): string {
  const f = d.program.valueName ?? 'f';
  const scalarX = isScalar(d.wrtNode.shape);
  if (d.op === 'hessian') return scalarX ? `∂²${f}/∂${d.wrt}²` : `∂²${f}/∂vec(${d.wrt})∂vec(${d.wrt})ᵀ`;
  if (d.op === 'jacobian' && !scalarX) return `∂vec(${f})/∂vec(${d.wrt})ᵀ`;
  return `∂${f}/∂${d.wrt}`;
}

/** Display LaTeX: `\frac{\partial L}{\partial W} = …`, temporaries in an aligned environment. */
function toLatexUnguarded(d: Derivative, opts: { inline?: boolean; shape?: boolean } = {}): string {
  const pr = render(d.program, d.expr, { format: 'latex', inline: opts.inline });
  const lhs = latexLhs(d);
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
const CHECK_TOLERANCE = 1e-5;

/**
 * Checks a derivative against central finite differences at random points drawn to
 * respect the declared assumptions and the domains of log, sqrt and friends: a
 * gradient entry by entry, a Jacobian column by column, a Hessian as the Jacobian of
 * the gradient.
 */
export function checkDerivative(d: Derivative, opts: { points?: number; seed?: number } = {}): CheckReport {
  const points = opts.points ?? 3;
  const rng = makeRng(opts.seed ?? 1);
  const p = d.program;
  const specs = varSpecs(p);
  // A declared variable the value does not depend on still needs a value (its derivative is 0).
  const wrtDecl = d.wrtNode.kind === 'var' ? p.declarations.get(d.wrtNode.name) : undefined;
  if (wrtDecl && !specs.some((s) => s.name === wrtDecl.name)) specs.push({ name: wrtDecl.name, rows: wrtDecl.shape.rows, cols: wrtDecl.shape.cols, assumptions: wrtDecl.assumptions });
  assertSampleable(p, specs);
  const nonsmooth = topoOrder(p.value).some((n) => n.kind === 'op' && NONSMOOTH.has(n.op));
  // What is differentiated numerically: the program (gradient, Jacobian) or the gradient (Hessian).
  const target = d.op === 'hessian' ? d.gradient! : p.value;
  let maxErr = 0;
  let done = 0;
  let attempts = 0;
  let rejected = 0;
  while (done < points) {
    if (attempts++ > points * 12) {
      if (done > 0) break;
      throw new DcalcError('domain', 'could not find a point where the program is defined, to check the derivative numerically (try --no-check)');
    }
    const dims = bindAllDims(p, specs, rng);
    const vars = samplePoint(specs, dims, rng, attempts % 3 === 2 ? 'positive' : 'general');
    const point = { vars, dims };
    let err: number;
    try {
      if (!allFinite(evalExpr(p.value, point))) continue;
      const analytic = evalExpr(d.expr, point);
      const x0 = d.wrtNode.kind === 'var' ? vars.get(d.wrtNode.name)! : evalExpr(d.wrtNode, point);
      const f = (x: Mat): Mat =>
        d.wrtNode.kind === 'var'
          ? evalExpr(target, { vars: new Map(vars).set(d.wrtNode.name, x), dims })
          : evalExpr(target, point, { overrides: new Map([[d.wrtNode.id, x]]) });
      const numeric = d.op === 'grad' ? numericGradient(f, x0) : reshapeLike(numericJacobian(f, x0), analytic);
      if (!allFinite(analytic) || !allFinite(numeric)) continue;
      err = relErr(analytic, numeric);
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
    // A finite difference across a kink of relu or abs, or next to the edge of a domain
    // (log of a tiny value), is not the derivative: such points are set aside, a few at most
    // for a smooth program (a wrong derivative is wrong at every point).
    if (err > CHECK_TOLERANCE && (nonsmooth ? attempts < points * 12 : rejected++ < points)) continue;
    maxErr = Math.max(maxErr, err);
    done++;
  }
  return { points: done, maxRelErr: maxErr, ok: maxErr <= CHECK_TOLERANCE };
}

/** Checks a gradient numerically (see checkDerivative). */
export function checkGradient(d: Derivative, opts: { points?: number; seed?: number } = {}): CheckReport {
  return checkDerivative(d, opts);
}

/**
 * A stack overflow on an extreme input (thousands of nested operations) is a limit,
 * not a crash: every entry point of the API reports it as a DcalcError of kind limit.
 */
function guarded<A extends unknown[], R>(f: (...args: A) => R, where: (args: A) => SourceLoc | undefined = valueLocation): (...args: A) => R {
  return (...args: A): R => withStore(storeOf(args) ?? activeStore() ?? new Store(), () => {
    try {
      return withinLimits(() => f(...args), () => where(args));
    } catch (e) {
      // A limit found deep in the engine (no location there) points at the program's value.
      if (e instanceof DcalcError && e.kind === 'limit' && e.line === undefined) {
        const loc = where(args);
        if (loc) throw new DcalcError('limit', e.message, loc);
      }
      throw e;
    }
  });
}

/**
 * The store a call works in: that of the program, derivative or expression among its
 * arguments. A call given only text (`grad("x'x", "x")`, checkClaim) gets a new store,
 * which the programs it parses share.
 */
function storeOf(args: readonly unknown[]): Store | undefined {
  for (const a of args) {
    if (typeof a !== 'object' || a === null) continue;
    if ('store' in a && a.store instanceof Store) return a.store;
    if ('program' in a && typeof a.program === 'object' && a.program !== null && 'store' in a.program && a.program.store instanceof Store) return a.program.store;
  }
  return undefined;
}

/** Runs f on behalf of a program, in its store: running out of room is a `limit` error located at the program's value. */
export function withinProgram<T>(program: Program, f: () => T): T {
  return withStore(program.store, () => withinLimits(f, () => program.locs.get(program.value.id)));
}

/** Where the program among a call's arguments (or a derivative's program) writes its value: where a limit error points. */
function valueLocation(args: readonly unknown[]): SourceLoc | undefined {
  for (const a of args) {
    if (typeof a !== 'object' || a === null) continue;
    const p = ('locs' in a && 'value' in a ? a : 'program' in a ? (a as { program: unknown }).program : undefined) as Program | undefined;
    const loc = p?.locs?.get(p.value.id);
    if (loc) return loc;
  }
  return undefined;
}

/** ∂f/∂wrt for a scalar program, simplified. */
export const grad = guarded(gradUnguarded);
/** ∂vec(F)/∂vec(X)ᵀ (see jacobianUnguarded). */
export const jacobian = guarded(jacobianUnguarded);
/** ∂²f/∂vec(X)∂vec(X)ᵀ. */
export const hessian = guarded(hessianUnguarded);
export const differentialOf = guarded(differentialOfUnguarded);
export const checkClaim = guarded(checkClaimUnguarded);
export const gradientDerivation = guarded(gradientDerivationUnguarded);
export const jacobianDerivation = guarded(jacobianDerivationUnguarded);
export const render = guarded(renderUnguarded);
export const toText = guarded(toTextUnguarded);
export const toAscii = guarded(toAsciiUnguarded);
export const toLatex = guarded(toLatexUnguarded);
/** The simplifier on any expression (src/simplify/engine.ts), with a stack overflow reported as a `limit` error. */
export const simplify = guarded(simplifyUnguarded);

/** Sizes for every dimension name: the variables' and those only a constant mentions (ones(n, 1)). */
function bindAllDims(p: Program, specs: VarSpec[], rng: () => number): Map<string, number> {
  const dims = bindDims(specs, new Map(), rng);
  const used = new Set(dims.values());
  for (const name of p.dimNames) {
    if (dims.has(name)) continue;
    let v = 2;
    while (used.has(v) && v < 7) v++;
    dims.set(name, v);
    used.add(v);
  }
  return dims;
}

/** The numeric Jacobian of F w.r.t. a scalar is a (pq)×1 column: read it as F's shape (vec stacks columns). */
function reshapeLike(numeric: Mat, analytic: Mat): Mat {
  if (numeric.rows === analytic.rows && numeric.cols === analytic.cols) return numeric;
  if (numeric.cols === 1 && numeric.rows === analytic.rows * analytic.cols) return unvec(numeric, analytic.rows, analytic.cols);
  return numeric;
}

export interface ClaimCheck {
  readonly derivative: Derivative;
  /** The claim as an expression; undefined when its own operands do not fit together. */
  readonly claim: Expr | undefined;
  readonly grade: Grade;
  /** Why the claim has no shape, when it has none (`1×H times 1×H`). */
  readonly claimShapeError?: string;
}

/**
 * Grades a claimed derivative written in the program's language (it may use the
 * program's names): against the gradient for a scalar program, else the Jacobian.
 */
function checkClaimUnguarded(text: string, wrt: string, claimText: string, opts: ParseOptions & { seed?: number } = {}): ClaimCheck {
  const p = parseProgram(text, opts);
  const d = isScalar(p.value.shape) ? grad(p, wrt) : jacobian(p, wrt);
  if (!claimText.trim()) throw new DcalcError('parse', 'the claim is empty');
  const programLines = text.split('\n').length;
  let withClaim: Program;
  try {
    withClaim = parseProgram(`${text}\n${claimText}`, opts);
  } catch (e) {
    // A claim whose own operands do not fit is graded, not an error: it cannot be right.
    if (e instanceof DcalcError && e.kind === 'shape' && e.line !== undefined && e.line > programLines) {
      return { derivative: d, claim: undefined, grade: { verdict: 'incorrect', diagnosis: 'shape', points: 0 }, claimShapeError: `${e.message} (at ${e.line - programLines}:${e.column} of the claim)` };
    }
    // Other errors in the claim are located in the claim's own text.
    if (e instanceof DcalcError && e.line !== undefined && e.line > programLines) {
      const err = new DcalcError(e.kind, `in the claim: ${e.message}`, { line: e.line - programLines, column: e.column! });
      err.source = claimText;
      throw err;
    }
    throw e;
  }
  // The program's variables and the claim's (a claim like eye(n) has none of its own).
  const vars = [...varSpecs(p), ...varSpecs(withClaim).filter((v) => !varSpecs(p).some((w) => w.name === v.name))];
  assertSampleable(p, vars);
  const g = grade({ expected: d.expr, claimed: withClaim.value, vars, seed: opts.seed });
  return { derivative: d, claim: withClaim.value, grade: g };
}

export function shapeJson(s: Shape): (string | number)[] {
  return [s.rows, s.cols].map((x: Dim) => (typeof x === 'number' ? x : showDim(x, 'ascii')));
}

export { showShape, ASSUMPTIONS };
export { parseSyntax } from './parse/parser.js';
