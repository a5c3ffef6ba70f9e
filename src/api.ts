/**
 * The library API: parse a program, take a derivative, simplify it, print it, check
 * it numerically, evaluate. The CLI (cli/) is a thin surface over these functions.
 */
import { type Expr, topoOrder } from './ast.js';
import { DcalcError, type SourceLoc, withinLimits } from './errors.js';
import { parseSyntax, parseDeclarations, assertInputSize } from './parse/parser.js';
import { checkedName } from './names.js';
import type { SynProgram, SynStatement } from './parse/syntax.js';
import { mentionedNames, ownNames } from './parse/mentions.js';
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
import { printExpr, printExprs, asProgramText, type Format, type PrintedProgram, type PrintedPrograms } from './print/printer.js';
import { type Shape, shape as mkShape, SCALAR, showShape } from './shape/shape.js';
import { dim, dimValue, showDim, mulDim, dimEq, type Dim } from './shape/dims.js';
import { evaluate as evalExpr } from './numeric/evaluate.js';
import { type Mat, allFinite, maxAbs, zipBroadcast } from './numeric/matrix.js';
import { makeRng, bindDims, samplePoint, type VarSpec, type Assumption } from './numeric/sample.js';
import { numericGradient, numericJacobian, carefulDerivative, relErr } from './numeric/finite-diff.js';
import { samplingFor, DOMAIN_SEARCH } from './numeric/domain-search.js';
import { requireAssumptions } from './numeric/assumptions.js';
import { affordableDims, evaluationCost } from './numeric/cost.js';
import { unvec } from './numeric/matrix.js';
import { grade, type Grade } from './numeric/check.js';
import { assertSampleable } from './numeric/limits.js';
import { assertClaimHasExpression } from './parse/claim.js';
export type { Grade, Diagnosis } from './numeric/check.js';
import { parseValues, bindDimsFromValues, conformValues, matToJson } from './numeric/values.js';
import { type Layout, type DerivativeKind, transposedLayout, symmetricPart, symmetricNumericGradient } from './conventions.js';
import { transpose as transposeMat } from './numeric/matrix.js';
export { type Layout, type DerivativeKind, defaultLayout, parseLayout, LAYOUTS } from './conventions.js';

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
  /**
   * `--at` values: a name the program uses that is given a value but declared neither
   * here nor in `let` takes the value's shape (CONTRACT §3).
   */
  readonly values?: unknown;
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
  if (!latex) return buildWithValues(parseSyntax(text), lets, opts.values);
  const tr = latexToDcalc(text);
  try {
    return buildWithValues(parseSyntax(tr.text), lets, opts.values);
  } catch (e) {
    throw relocate(e, tr);
  }
}

/** Builds a program; names given a value but declared nowhere are declared with the value's shape. */
function buildWithValues(syn: SynProgram, lets: Declaration[], values: unknown): Program {
  if (values === undefined) return buildProgram(syn, lets);
  const given = parseValues(values);
  const own = ownNames(syn);
  const mentioned = mentionedNames(syn);
  const declared = new Set(lets.flatMap((d) => [d.name, ...[d.shape.rows, d.shape.cols].filter((x): x is string => typeof x === 'string')]));
  const extra: Declaration[] = [];
  for (const [name, m] of given) {
    if (own.has(name) || declared.has(name) || !mentioned.has(name)) continue;
    extra.push({ name, shape: mkShape(m.rows, m.cols), assumptions: [] });
  }
  return buildProgram(syn, [...lets, ...extra]);
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
  /** The layout asked for (`--layout`); undefined: the command's default. */
  readonly layout?: Layout;
  /** The derivative within the symmetric matrices, sym(G) = (G + Gᵀ)/2 (`--symmetric`). */
  readonly symmetric?: boolean;
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

export interface ConventionOptions {
  /** `numerator` or `denominator` (CONTRACT §2); undefined: the command's default. */
  readonly layout?: Layout;
  /** The derivative within the symmetric matrices (`--symmetric`; grad only, X declared symmetric or spd). */
  readonly symmetric?: boolean;
}

/** The variable `--symmetric` applies to: a declared symmetric or spd variable, and a gradient. */
function requireSymmetric(p: Program, op: DerivativeKind, wrt: string): void {
  if (op !== 'grad') throw new DcalcError('usage', `--symmetric is for grad (and check of a gradient), not ${op}`);
  const decl = p.declarations.get(wrt);
  if (!decl || p.definitions.has(wrt) || !decl.assumptions.some((a) => a === 'symmetric' || a === 'spd')) {
    throw new DcalcError('usage', `--symmetric needs ${wrt} declared symmetric or spd (for example --let "${wrt}: n×n symmetric")`);
  }
}

/**
 * The derivative `op` of a program with respect to one variable, in the conventions
 * asked for: within the symmetric matrices (sym(G) = (G + Gᵀ)/2), in the other layout
 * (the transpose). Without options it is grad, jacobian or hessian itself.
 */
function deriveUnguarded(program: Program | string, op: DerivativeKind, wrt: string, opts: DeriveOptions & ConventionOptions = {}): Derivative {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  if (opts.symmetric) requireSymmetric(p, op, wrt);
  let d = op === 'grad' ? grad(p, wrt) : op === 'jacobian' ? jacobian(p, wrt) : hessian(p, wrt);
  // The convention is applied to the raw derivative too: the grader measures rounding
  // against it, and the raw form of another convention would excuse any difference.
  const convert = (f: (e: Expr) => Expr, extra: Partial<Derivative>): Derivative => {
    const s = simplifyIn(p, f(d.expr));
    return { ...d, raw: f(d.raw), expr: s.expr, shape: s.expr.shape, steps: [...d.steps, ...s.steps], assumptionsUsed: [...new Set([...d.assumptionsUsed, ...s.assumptionsUsed])].sort(), ...extra };
  };
  if (opts.symmetric) d = convert(symmetricPart, { symmetric: true });
  // sym(G) is symmetric: in either layout it is the same matrix.
  if (transposedLayout(op, opts.layout) && !opts.symmetric) d = convert(E.transpose, {});
  return opts.layout ? { ...d, layout: opts.layout } : d;
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

/**
 * Several expressions of a program printed together, sharing temporaries (the
 * derivatives of `wrt W1, b1, …`); `temporariesFor(printed, i)` is the i-th alone.
 */
function renderSeveralUnguarded(program: Program, es: readonly Expr[], opts: RenderOptions): PrintedPrograms {
  const names = opts.inline ? new Map<number, string>() : namesOf(program);
  const reserved = new Set([...program.declarations.keys(), ...program.definitions.keys(), ...program.dimNames]);
  for (const e of es) for (const n of topoOrder(e)) if (n.kind === 'var') reserved.add(n.name);
  return printExprs(es, { format: opts.format, names, reserved, temporaries: opts.temporaries });
}

/** Derivatives with respect to several variables, in the order given (`wrt W1, b1, W2, b2`). */
function deriveSeveralUnguarded(program: Program | string, op: DerivativeKind, wrts: readonly string[], opts: DeriveOptions & ConventionOptions = {}): Derivative[] {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  if (wrts.length === 0) throw new DcalcError('usage', 'wrt needs at least one variable');
  const dup = wrts.find((w, i) => wrts.indexOf(w) !== i);
  if (dup !== undefined) throw new DcalcError('usage', `wrt names ${dup} twice`);
  return wrts.map((w) => derive(p, op, w, opts));
}

export { temporariesFor, type PrintedPrograms } from './print/printer.js';

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
  // The other layout: ∂f/∂Xᵀ (a gradient shaped like Xᵀ), ∂vec(F)ᵀ/∂vec(X) (a Jacobian transposed).
  if (transposedLayout(d.op, d.layout)) {
    if (d.op === 'grad') return `\\frac{\\partial ${f}}{\\partial ${x}^\\top}`;
    return scalarX ? `\\frac{\\partial ${f}^\\top}{\\partial ${x}}` : `\\frac{\\partial \\operatorname{vec}(${f})^\\top}{\\partial \\operatorname{vec}(${x})}`;
  }
  if (d.op === 'hessian') return scalarX ? `\\frac{\\partial^2 ${f}}{\\partial ${x}^2}` : `\\frac{\\partial^2 ${f}}{\\partial \\operatorname{vec}(${x}) \\, \\partial \\operatorname{vec}(${x})^\\top}`;
  if (d.op === 'jacobian' && !scalarX) return `\\frac{\\partial \\operatorname{vec}(${f})}{\\partial \\operatorname{vec}(${x})^\\top}`;
  return `\\frac{\\partial ${f}}{\\partial ${x}}`;
}

/** The left-hand side in text: ∂L/∂W, ∂vec(F)/∂vec(X)ᵀ, ∂²L/∂vec(X)∂vec(X)ᵀ. */
export function textLhs(d: Derivative): string {
  const f = d.program.valueName ?? 'f';
  const scalarX = isScalar(d.wrtNode.shape);
  if (transposedLayout(d.op, d.layout)) {
    if (d.op === 'grad') return `∂${f}/∂${d.wrt}ᵀ`;
    return scalarX ? `∂${f}ᵀ/∂${d.wrt}` : `∂vec(${f})ᵀ/∂vec(${d.wrt})`;
  }
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
  // Every declared variable given a value binds its dimension names, used or not (CONTRACT §3).
  for (const d of program.declarations.values()) {
    if (values.has(d.name) && !specs.some((s) => s.name === d.name)) specs.push({ name: d.name, rows: d.shape.rows, cols: d.shape.cols, assumptions: d.assumptions });
  }
  const dims = bindDimsFromValues(specs, values);
  const vars = conformValues(specs, values);
  for (const s of specs) if (!vars.has(s.name)) throw new DcalcError('usage', `--at: no value is given for ${s.name}`);
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

export interface CheckReport {
  readonly points: number;
  readonly maxRelErr: number;
  readonly ok: boolean;
  /** Why nothing was checked (no point of the program's domain was found): then points is 0 and ok false. */
  readonly note?: string;
}

const CHECK_TOLERANCE = 1e-5;
/** Operations one checked point may cost (numeric/cost.ts): about a tenth of a second. */
const CHECK_BUDGET = 2e7;
/** The careful derivative evaluates up to ~70 times as often as the default step; it is tried within this budget. */
const CAREFUL_EVALUATIONS = 70;
const CAREFUL_BUDGET = 3e8;

/**
 * Checks a derivative against central finite differences at random points drawn to
 * respect the declared assumptions and the domains of log, sqrt and friends: a
 * gradient entry by entry, a Jacobian column by column, a Hessian as the Jacobian of
 * the gradient. The points are searched for over several scales and both signs
 * (numeric/domain-search.ts); when none is found the report says so (points 0, a note)
 * instead of failing. The error is relative to the scale of both sides (relErr); where
 * the default step disagrees, the careful derivative (steps chosen by the function's own
 * scale, with an error estimate) decides, and a difference within ten times its error
 * estimate (100 times) is agreement — finite differences cannot see further.
 */
export function checkDerivative(d: Derivative, opts: { points?: number; seed?: number } = {}): CheckReport {
  const points = opts.points ?? 3;
  if (!Number.isInteger(points) || points < 1 || points > 1000) throw new DcalcError('usage', `check: points must be a whole number from 1 to 1000, not ${String(points)}`);
  const rng = makeRng(opts.seed ?? 1);
  const p = d.program;
  const specs = varSpecs(p);
  // A declared variable the value does not depend on still needs a value (its derivative is 0).
  const wrtDecl = d.wrtNode.kind === 'var' ? p.declarations.get(d.wrtNode.name) : undefined;
  if (wrtDecl && !specs.some((s) => s.name === wrtDecl.name)) specs.push({ name: wrtDecl.name, rows: wrtDecl.shape.rows, cols: wrtDecl.shape.cols, assumptions: wrtDecl.assumptions });
  assertSampleable(p, specs);
  const nonsmooth = topoOrder(p.value).some((n) => n.kind === 'op' && OPS[n.op].smooth === false);
  // What is differentiated numerically: the program (gradient, Jacobian) or the gradient (Hessian).
  const target = d.op === 'hessian' ? d.gradient! : p.value;
  // Evaluations of the target per point: two per entry of the variable, and one more.
  const fdEvaluations = (dims: ReadonlyMap<string, number>): number => 2 * (dimValue(d.wrtNode.shape.rows, dims) ?? 1) * (dimValue(d.wrtNode.shape.cols, dims) ?? 1) + 1;
  let maxErr = 0;
  let done = 0;
  let attempts = 0;
  let rejected = 0;
  const maxAttempts = points * 12 + DOMAIN_SEARCH.length;
  while (done < points && attempts < maxAttempts) {
    const { style, scale } = samplingFor(attempts++, points * 12);
    // Sizes whose finite differences stay cheap (a Kronecker chain's size is exponential in them).
    const dims = affordableDims([target, d.expr, d.wrtNode], bindAllDims(p, specs, rng), CHECK_BUDGET, fdEvaluations);
    if (!dims) return { points: 0, maxRelErr: 0, ok: false, note: 'not checked numerically: the program is too large to evaluate repeatedly, even at sizes of 2' };
    const vars = samplePoint(specs, dims, rng, style, scale);
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
      // In the other layout the analytic derivative is the transpose of the default one.
      const flipped = transposedLayout(d.op, d.layout);
      const inDefault = flipped ? transposeMat(analytic) : analytic;
      const numeric0 = d.symmetric ? symmetricNumericGradient(f, x0) : d.op === 'grad' ? numericGradient(f, x0) : reshapeLike(numericJacobian(f, x0), inDefault);
      const numeric = flipped ? transposeMat(numeric0) : numeric0;
      if (!allFinite(analytic) || !allFinite(numeric)) continue;
      // The rounding level of f itself: no derivative is known better than ~100ε|f|/|x| (∂/∂P
      // of sum(softmax(A ⊘ P)) is 0 up to the rounding of terms of size 1; beside 1e15 a
      // gradient of 1 is at its 16th digit). Not the gap between the unsimplified and the
      // simplified form: that would excuse a wrong simplification, what this check exists for.
      // For a Hessian the rounding of the gradient follows the program's value, not the
      // gradient's own size (a constant f has a gradient of pure rounding, ~ε|f|/|x|).
      const fScale = Math.max(maxAbs(f(x0)), d.op === 'hessian' ? maxAbs(evalExpr(p.value, point)) : 0);
      const analyticNoise = (100 * Number.EPSILON * fScale) / Math.max(1, maxAbs(x0));
      err = relErr(analytic, numeric, analyticNoise / CHECK_TOLERANCE);
      // The default step's own rounding (~4ε|f|/h): where it is not far below the derivative,
      // its value means nothing, agreement included (beside 1e15 every difference is 0).
      const defaultRounding = (4 * Number.EPSILON * fScale) / (1e-6 * Math.max(1, maxAbs(x0)));
      // (Trusted: its rounding is at most a tenth of what the tolerance allows.)
      const trusted = defaultRounding <= (CHECK_TOLERANCE / 10) * Math.max(maxAbs(analytic), maxAbs(numeric));
      // Both sides below what the default step resolves (σ saturated to 1 in floating
      // point: f′ is 0 in arithmetic and ~1e-17 in truth) agree as far as any finite
      // difference can tell; a step large enough to see more crosses the nonlinearity.
      const belowResolution = maxAbs(analytic) <= defaultRounding && maxAbs(numeric) <= defaultRounding;
      if (belowResolution) err = 0;
      else if ((err > CHECK_TOLERANCE || !trusted) && !nonsmooth && evaluationCost([target], dims) * fdEvaluations(dims) * CAREFUL_EVALUATIONS <= CAREFUL_BUDGET) {
        try {
          const careful = carefulDerivative(f, x0, d.op === 'grad');
          // Along symmetric directions only (--symmetric): sym(G) of the unconstrained gradient.
          const gradient = d.symmetric ? zipBroadcast(careful.value, transposeMat(careful.value), (a, b) => (a + b) / 2) : careful.value;
          const inDefaultLayout = d.op === 'grad' ? gradient : reshapeLike(careful.value, inDefault);
          const value = flipped ? transposeMat(inDefaultLayout) : inDefaultLayout;
          const carefulErr = relErr(analytic, value, Math.max(100 * careful.err, analyticNoise) / CHECK_TOLERANCE);
          // Where the default step resolves the derivative well above its own rounding, its
          // agreement stands: Ridders' tableau from a large start can converge, with a small
          // error estimate, to the slope of a chord across a saturating σ.
          const resolved = maxAbs(numeric) > 100 * defaultRounding;
          err = trusted || resolved ? Math.min(err, carefulErr) : carefulErr;
        } catch {
          // no step of the careful derivative stays in the domain: keep the default step's verdict
        }
      }
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
  if (done === 0) return { points: 0, maxRelErr: 0, ok: false, note: 'not checked numerically: no point was found where the program is defined' };
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
/** grad, jacobian or hessian in the conventions asked for (`--layout`, `--symmetric`). */
export const derive = guarded(deriveUnguarded);
/** derive for each of several variables, in the order given. */
export const deriveSeveral = guarded(deriveSeveralUnguarded);
export const renderSeveral = guarded(renderSeveralUnguarded);
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
 * program's names) against the derivative it claims to be (CONTRACT §3): `opts.of`,
 * or else, for a scalar program, the gradient — or the Hessian where the claim has the
 * Hessian's shape and not the gradient's — and for any other program the Jacobian; in
 * the layout asked for, and within the symmetric matrices with `symmetric`.
 */
function checkClaimUnguarded(text: string, wrt: string, claimText: string, opts: ParseOptions & ConventionOptions & { seed?: number; of?: DerivativeKind } = {}): ClaimCheck {
  const p = parseProgram(text, opts);
  const conventions = { layout: opts.layout, symmetric: opts.symmetric };
  if (!claimText.trim()) throw new DcalcError('parse', 'the claim is empty');
  assertClaimHasExpression(claimText, opts.from);
  const programLines = text.split('\n').length;
  let withClaim: Program;
  try {
    withClaim = parseProgram(`${text}\n${claimText}`, opts);
  } catch (e) {
    // A claim whose own operands do not fit is graded, not an error: it cannot be right.
    if (e instanceof DcalcError && e.kind === 'shape' && e.line !== undefined && e.line > programLines) {
      const d = derive(p, opts.of ?? (isScalar(p.value.shape) ? 'grad' : 'jacobian'), wrt, conventions);
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
  const d = derive(p, opts.of ?? claimedKind(p, wrt, withClaim.value.shape), wrt, conventions);
  // The program's variables and the claim's (a claim like eye(n) has none of its own).
  const vars = [...varSpecs(p), ...varSpecs(withClaim).filter((v) => !varSpecs(p).some((w) => w.name === v.name))];
  assertSampleable(p, vars);
  const g = grade({ expected: d.expr, claimed: withClaim.value, reference: d.raw, vars, seed: opts.seed });
  // With a layout asked for, the transpose is the other layout's answer, not a slip.
  const graded: Grade = g.diagnosis === 'transposed' && opts.layout !== undefined && d.op !== 'hessian' ? { ...g, diagnosis: 'layout' } : g;
  return { derivative: d, claim: withClaim.value, grade: graded };
}

/**
 * The derivative a claim of this shape claims to be: for a scalar program the gradient,
 * unless the claim has the Hessian's shape ((rc)×(rc) for an r×c variable) and not the
 * gradient's; for any other program the Jacobian. (The Jacobian of a scalar f, vec(∇f)ᵀ,
 * is graded only when asked for with `of`: a claim shaped like it is the gradient transposed.)
 */
function claimedKind(p: Program, wrt: string, claim: Shape): DerivativeKind {
  if (!isScalar(p.value.shape)) return 'jacobian';
  const x = resolveWrt(p, wrt).shape;
  const n = mulDim(x.rows, x.cols);
  const isGradientShape = (dimEq(claim.rows, x.rows) && dimEq(claim.cols, x.cols)) || (dimEq(claim.rows, x.cols) && dimEq(claim.cols, x.rows));
  return !isGradientShape && dimEq(claim.rows, n) && dimEq(claim.cols, n) ? 'hessian' : 'grad';
}

export function shapeJson(s: Shape): (string | number)[] {
  return [s.rows, s.cols].map((x: Dim) => (typeof x === 'number' ? x : showDim(x, 'ascii')));
}

export { showShape, ASSUMPTIONS };
export { parseSyntax } from './parse/parser.js';
