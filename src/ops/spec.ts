/**
 * What an operator family file defines for each operator: how it parses, its shape
 * rule, its vector-Jacobian product, how it evaluates and how it prints. Adding an
 * operator means one entry in one file under ops/ (and its name in registry.ts).
 */
import type { Sizes } from '../shape/sizes.js';
import type { Attr, Expr, OpNode } from '../ast.js';
import type { Shape } from '../shape/shape.js';
import type { Mat } from '../numeric/matrix.js';

export type Format = 'text' | 'ascii' | 'latex';

/** Precedence levels of printed expressions, loosest first (CONTRACT §1). */
export const PREC = {
  add: 10,
  /** explicit `*` `/` `⊙` `⊘` `⊗`: one left-associative level */
  mul: 20,
  /** unary minus binds below juxtaposition */
  neg: 22,
  /** juxtaposition (`Xᵀ(a − y)`, `2x`) */
  juxt: 25,
  /** transpose and powers */
  post: 30,
  atom: 40,
} as const;

export interface Printed {
  readonly text: string;
  readonly prec: number;
}

export interface PrintCtx {
  readonly format: Format;
  /** The i-th argument printed, parenthesised when its precedence is below `minPrec`. */
  arg(i: number, minPrec: number): string;
  /** Any expression printed, parenthesised when its precedence is below `minPrec`. */
  expr(e: Expr, minPrec: number): string;
  /** The i-th argument printed with its precedence, for operators that decide on spacing. */
  raw(i: number): Printed;
  /** The program's multi-letter names, which juxtaposition must keep apart (`A dX B`). */
  readonly multiLetterNames: readonly string[];
}

export interface EvalCtx {
  readonly dims: ReadonlyMap<string, number>;
}

export interface FunctionSyntax {
  /** Names it is called by in the input language (`sigmoid`, `σ`). */
  readonly names: readonly string[];
  /** How many arguments it takes. */
  readonly arity: number;
  /** Its arguments are sizes (`eye(n)`, `ones(m,n)`), not expressions. */
  readonly dimArgs?: boolean;
  /** LaTeX commands that call it, without the backslash (`\\log`, `\\ln`): the LaTeX front end reads them. */
  readonly latexCommands?: readonly string[];
  /** What it means, for the function table of docs/syntax.md (functions with the same words share a row). */
  readonly doc: string;
}

export interface LinearMap {
  readonly identity?: string;
  vectorize(node: OpNode, lin: readonly (Expr | null)[]): Expr;
}

export interface OpSpec {
  /** How error messages name it (`+`, `tr`, `matrix product`). */
  readonly symbol: string;
  /** The identity its derivative uses, as `--steps` cites it (`d(AB) = dA B + A dB`). */
  readonly identity?: string;
  readonly arity: number;
  /** The function-call syntax, for operators called by name. */
  readonly fn?: FunctionSyntax;
  /**
   * The result shape; calls shapeError(message) when the operands do not fit. Sizes that
   * must agree are stated with `sizes.same`, so that the one rule both checks declared
   * shapes (the builder) and infers undeclared ones (shape/infer.ts): see shape/sizes.ts.
   */
  shape(args: readonly Shape[], attr: Attr, sizes: Sizes): Shape;
  /**
   * The vector-Jacobian product: given the gradient `g` of a scalar with respect to
   * this node (shaped like the node), the gradient with respect to each argument for
   * which `wanted[i]` holds (null where it is identically zero or not wanted).
   */
  vjp(node: OpNode, g: Expr, wanted: readonly boolean[]): (Expr | null)[];
  /**
   * The differential (Matrix Cookbook §2.2): d(node) in terms of the arguments'
   * differentials `d[i]` (null where an argument is constant), shaped like the node;
   * null when it is zero. Jacobians, Hessians and `dcalc differential` are built on it.
   */
  jvp(node: OpNode, d: readonly (Expr | null)[]): Expr | null;
  evaluate(args: readonly Mat[], node: OpNode, ctx: EvalCtx): Mat;
  print(node: OpNode, p: PrintCtx): Printed;
  /**
   * How its differential vectorises, for operators that can be linear in dX (jacobian,
   * hessian): J with vec(node) = J vec(dX), given `lin[i]`, the J of argument i (null
   * where the argument does not contain dX). `identity` is what `--steps` cites.
   */
  readonly linear?: LinearMap;
  /** Linear in each argument: a zero argument makes the result zero (vec(0) = tr(0) = A·0 = 0). */
  readonly linearInEach?: boolean;
  /**
   * Symmetry the simplifier may rely on (rules.ts isSymmetric): `always` for a square
   * value of this operator (eye, diag(v), ones(n, n)), `of-argument` when it is
   * symmetric whenever its one argument is (Sᵀ, S⁻¹, −S, Sᵖ, f(S) elementwise).
   */
  readonly symmetry?: 'always' | 'of-argument';
  /** Part of the elementwise ring the normal form (poly.ts) expands: +, −, ⊙, ⊘, .^, ones, zeros. */
  readonly ring?: boolean;
  /** The smart constructor that folds trivial cases (x + 0, 1 ⊙ x), used when the simplifier rebuilds a node. */
  make?(args: readonly Expr[], attr: Attr): Expr;
  /** False where the derivative jumps (relu, abs): the checker then avoids sampling next to a kink. */
  readonly smooth?: boolean;
  /** Elementwise maps: the scalar function, so that sampling and the simplifier can reason about them. */
  readonly elementwise?: boolean;
  /** How exported code spells it (src/export/python.ts); every operator has one (test/export/module.test.ts). */
  readonly python?: PythonSpelling | ((node: OpNode) => PythonSpelling);
}

/**
 * An operator in NumPy and in PyTorch: a Python expression template over its arguments
 * `{0}` `{1}`, the sizes in its attributes `{d0}` `{d1}`, a matrix power's exponent `{p}`,
 * and, for a constant made in torch, `{like}` (the dtype and device of the inputs). Every
 * value is a 2-D array (a reduction keeps its dimensions); names starting with `_` are the
 * exported module's own helpers (src/export/helpers.ts).
 */
export interface PythonSpelling {
  readonly numpy: string;
  readonly torch: string;
}

/** The same spelling with `np.` in NumPy and `torch.` in PyTorch. */
export function both(template: string): PythonSpelling {
  return { numpy: template.replace(/\$\./g, 'np.'), torch: template.replace(/\$\./g, 'torch.') };
}

/** Printing helpers shared by the operator files. */
export function fnCall(name: { text: string; ascii: string; latex: string }, p: PrintCtx, n: number): Printed {
  const args: string[] = [];
  for (let i = 0; i < n; i++) args.push(p.arg(i, 0));
  const head = p.format === 'text' ? name.text : p.format === 'ascii' ? name.ascii : name.latex;
  if (p.format === 'latex') {
    const body = args.join(', ');
    return { text: /\\frac|\\left/.test(body) ? `${head}\\left(${body}\\right)` : `${head}(${body})`, prec: PREC.atom };
  }
  return { text: `${head}(${args.join(', ')})`, prec: PREC.atom };
}

export function sameName(s: string): { text: string; ascii: string; latex: string } {
  return { text: s, ascii: s, latex: `\\operatorname{${s.replace(/_/g, '\\_')}}` };
}

/** The multi-letter names among a program's names: juxtaposition must not glue letters into one of them. */
export function multiLetterNames(names: Iterable<string>): string[] {
  // W1, b₂, y_hat are one letter with a subscript; dX, loss, ab are runs of letters.
  return [...names].filter((n) => (n.replace(/(?:[0-9]+|[₀-₉]+|_.*)$/u, '').match(/\p{L}/gu)?.length ?? 0) > 1);
}

const TRAILING_WORD_CHAR = /^(?:(?![ᵀ⁰¹²³⁴⁵⁶⁷⁸⁹⁻])[\p{L}\p{M}\p{N}_₀-₉.])$/u;
const LEADING_WORD = /^(?:(?!ᵀ)[\p{L}\p{M}\p{N}_₀-₉])+/u;

/**
 * The word a string ends with, found by walking back from its end: a regex anchored
 * only at `$` tries every start position, which made printing a long product quadratic.
 */
function trailingWord(s: string): string {
  let i = s.length;
  while (i > 0) {
    // One code point back (a surrogate pair is one character).
    const lo = s.charCodeAt(i - 1);
    const j = lo >= 0xdc00 && lo <= 0xdfff && i >= 2 ? i - 2 : i - 1;
    if (!TRAILING_WORD_CHAR.test(s.slice(j, i))) break;
    i = j;
  }
  return s.slice(i);
}
const LETTERS = /^(?:\p{L}\p{M}*)+$/u;
const LETTER_THEN_DIGITS = /^\p{L}\p{M}*(?:[0-9]+|[₀-₉]+|_[0-9]+|_\p{L}+)$/u;

/**
 * Juxtaposition in the text and LaTeX formats: `Xᵀ(a − y)`, `2x`, `AXB`, `2AᵀAx`,
 * `W1 X`, `softmax(z) softmax(z)ᵀ`. Glued only where the result lexes and splits back
 * into the same names (a run of letters splits into the program's names, so letters
 * are not glued into a multi-letter name of the program).
 */
export function juxtapose(left: string, right: string, format: Format, multiLetter: readonly string[]): string {
  if (format === 'latex') return `${left} ${right}`;
  const l = trailingWord(left);
  const r = LEADING_WORD.exec(right)?.[0] ?? '';
  // A name glued to a parenthesis reads as one product first (`x1(…)`); after other factors
  // that would regroup the chain, so there it gets a space: `ones(1, m)x1 (eye(3) ⊗ x2)`.
  if (right.startsWith('(') && l !== '' && /\p{L}/u.test(l) && !/^(?:\p{L}[\p{L}\p{M}\p{N}_₀-₉]*)$/u.test(left)) return `${left} ${right}`;
  if (r === '') return left + right;
  // Before a function call: `2exp(x)`, but `y σ(z)` (gluing `yσ(` would read as a call of yσ).
  // Two numbers never touch (`4 2x`), nor a name ending in a digit and a number (`t1 2`).
  if (/[0-9.]/.test(left.slice(-1)) && /^[0-9.]/.test(right)) return `${left} ${right}`;
  // Nor a number and a name that would continue it as an exponent: `2 e3`, not `2e3` (2000).
  if (/[0-9.]/.test(left.slice(-1)) && /^[eE][+-]?[0-9]/.test(right)) return `${left} ${right}`;
  const call = /^\p{L}/u.test(r) && right.length > r.length && right[r.length] === '(';
  // After ᵀ or ) nothing can merge: glue, but keep a space before a named function (`Xᵀ diag(v)`).
  if (l === '') {
    const named = multiLetter.some((n) => r.startsWith(n));
    return (LETTERS.test(r) || LETTER_THEN_DIGITS.test(r)) && !(call && [...r].length > 1) && !named ? left + right : `${left} ${right}`;
  }
  if (call) return /^[0-9.]+$/.test(l) ? left + right : `${left} ${right}`;
  if (/^[0-9.]+$/.test(l)) return /^\p{L}/u.test(r) ? left + right : `${left} ${right}`;
  // A coefficient before letters (`2λ`) glues like the letters alone.
  const letters = l.replace(/^[0-9.]+/, '');
  if (LETTERS.test(letters) && (LETTERS.test(r) || LETTER_THEN_DIGITS.test(r))) {
    const glued = letters + r;
    // A multi-letter name keeps its spaces (`A dX B`), and letters never glue into one.
    const spans = multiLetter.some((n) => (glued.includes(n) && !letters.includes(n) && !r.includes(n)) || r.startsWith(n) || letters.endsWith(n));
    if (!spans) return left + right;
  }
  return `${left} ${right}`;
}

export const MINUS = { text: '−', ascii: '-', latex: '-' } as const;
