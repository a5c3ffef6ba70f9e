/**
 * Printing a program's expressions: the library's render, toText, toAscii, toLatex and
 * the left-hand sides (∂L/∂W) that the presenter builds its formats from.
 */
import { type Expr, topoOrder } from '../ast.js';
import type { Program } from '../parse/build.js';
import { isScalar, type Shape } from '../shape/shape.js';
import { showDim, type Dim } from '../shape/dims.js';
import { printExpr, printExprs, asProgramText, type Format, type PrintedProgram, type PrintedPrograms } from '../print/printer.js';
import { transposedLayout } from '../conventions.js';
import { namesOf, type Derivative } from '../api/derive.js';
import { guarded } from '../api/guard.js';

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

export { temporariesFor, type PrintedPrograms } from '../print/printer.js';

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

import { latexName as latexNameOf } from '../print/printer.js';
export { latexNameOf as latexName };

export function shapeJson(s: Shape): (string | number)[] {
  return [s.rows, s.cols].map((x: Dim) => (typeof x === 'number' ? x : showDim(x, 'ascii')));
}
export const render = guarded(renderUnguarded);
export const renderSeveral = guarded(renderSeveralUnguarded);
export const toText = guarded(toTextUnguarded);
export const toAscii = guarded(toAsciiUnguarded);
export const toLatex = guarded(toLatexUnguarded);
