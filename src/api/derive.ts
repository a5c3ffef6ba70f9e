/**
 * The derive stage of the library API: gradients, Jacobians, Hessians and differentials
 * of a parsed program, simplified, in the conventions asked for; the derivations
 * `--steps` shows.
 */
import { type Expr, topoOrder, apply } from '../ast.js';
import { DcalcError, optionError } from '../errors.js';
import type { Program } from '../parse/build.js';
import { gradient } from '../diff/reverse.js';
import { differential } from '../diff/forward.js';
import { jacobianRaw, differentialVar, vectorize } from '../diff/jacobian.js';
import { gradientSteps, type GradStep } from '../diff/steps.js';
import { OPS } from '../ops/registry.js';
import * as E from '../algebra.js';
import { type Shape, isScalar, showShape } from '../shape/shape.js';
import { simplify as simplifyUnguarded, type Step } from '../simplify/engine.js';
import type { Assumption } from '../numeric/sample.js';
import { type Layout, type DerivativeKind, transposedLayout, symmetricPart } from '../conventions.js';
import { parseProgram, resolveWrt, type ParseOptions } from './parse.js';
import { guarded } from './guard.js';

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
  /** For a Hessian: the gradient as grad gives it (what `--steps` shows), taken once with the Hessian. */
  readonly gradientDerivative?: Derivative;
  /** The derivative before the conventions asked for were applied (what `--steps` derives), when they changed it. */
  readonly base?: Derivative;
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
    assumptionsUsed: [...s.assumptionsUsed].sort(), shape: s.expr.shape, gradient: exactGradient, gradientDerivative: g,
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
  if (op !== 'grad') throw optionError('usage', (o) => `${o.symmetric} is for grad (and check of a gradient), not ${op}`);
  const decl = p.declarations.get(wrt);
  if (!decl || p.definitions.has(wrt) || !decl.assumptions.some((a) => a === 'symmetric' || a === 'spd')) {
    throw optionError('usage', (o) => `${o.symmetric} needs ${wrt} declared symmetric or spd (for example ${o.let} "${wrt}: n×n symmetric")`);
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
  const base = op === 'grad' ? grad(p, wrt) : op === 'jacobian' ? jacobian(p, wrt) : hessian(p, wrt);
  let d = base;
  // The convention is applied to the raw derivative too: the grader measures rounding
  // against it, and the raw form of another convention would excuse any difference.
  const convert = (f: (e: Expr) => Expr, extra: Partial<Derivative>): Derivative => {
    const s = simplifyIn(p, f(d.expr));
    return { ...d, raw: f(d.raw), expr: s.expr, shape: s.expr.shape, steps: [...d.steps, ...s.steps], assumptionsUsed: [...new Set([...d.assumptionsUsed, ...s.assumptionsUsed])].sort(), ...extra };
  };
  if (opts.symmetric) d = convert(symmetricPart, { symmetric: true });
  // sym(G) is symmetric: in either layout it is the same matrix.
  if (transposedLayout(op, opts.layout) && !opts.symmetric) d = convert(E.transpose, {});
  return d === base && !opts.layout ? d : { ...d, ...(opts.layout ? { layout: opts.layout } : {}), base };
}

export interface GradientDerivation {
  readonly derivative: Derivative;
  readonly steps: readonly GradStep[];
  readonly placeholders: ReadonlyMap<string, { variable: Expr; node: Expr }>;
}

/** The gradient's derivation through the program's names (`--steps`). */
function gradientDerivationUnguarded(program: Program | string, wrt: string, opts: DeriveOptions = {}): GradientDerivation {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  return gradientDerivationOfUnguarded(grad(p, wrt));
}

/** The derivation of a gradient already taken (grad, or derive's `base`): it is not derived again. */
function gradientDerivationOfUnguarded(d: Derivative): GradientDerivation {
  if (d.op !== 'grad') throw new DcalcError('internal', `gradientDerivationOf: a ${d.op}, not a gradient`);
  const p = d.program;
  const wrt = d.wrt;
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
  return jacobianDerivationOfUnguarded(jacobian(p, wrt));
}

/** The derivation of a Jacobian already taken (jacobian, or derive's `base`): it is not derived again. */
function jacobianDerivationOfUnguarded(d: Derivative): JacobianDerivation {
  if (d.op !== 'jacobian') throw new DcalcError('internal', `jacobianDerivationOf: a ${d.op}, not a Jacobian`);
  const p = d.program;
  const wrt = d.wrt;
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

/** Derivatives with respect to several variables, in the order given (`wrt W1, b1, W2, b2`). */
function deriveSeveralUnguarded(program: Program | string, op: DerivativeKind, wrts: readonly string[], opts: DeriveOptions & ConventionOptions = {}): Derivative[] {
  const p = typeof program === 'string' ? parseProgram(program, opts) : program;
  if (wrts.length === 0) throw new DcalcError('usage', 'wrt needs at least one variable');
  const dup = wrts.find((w, i) => wrts.indexOf(w) !== i);
  if (dup !== undefined) throw new DcalcError('usage', `wrt names ${dup} twice`);
  return wrts.map((w) => derive(p, op, w, opts));
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
export const differentialOf = guarded(differentialOfUnguarded);
export const gradientDerivation = guarded(gradientDerivationUnguarded);
export const jacobianDerivation = guarded(jacobianDerivationUnguarded);
export const gradientDerivationOf = guarded(gradientDerivationOfUnguarded);
export const jacobianDerivationOf = guarded(jacobianDerivationOfUnguarded);
/** The simplifier on any expression (src/simplify/engine.ts), with a stack overflow reported as a `limit` error. */
export const simplify = guarded(simplifyUnguarded);
