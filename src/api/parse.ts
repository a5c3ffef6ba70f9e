/**
 * The parse stage of the library API: a program's text (dcalc's own language or LaTeX)
 * and its declarations become a typed, shape-checked Program; `wrt` is resolved in it.
 */
import { type Expr, topoOrder, variable, withStore } from '../ast.js';
import { DcalcError, type SourceLoc, withinLimits, optionError, reworded } from '../errors.js';
import { parseSyntax, parseDeclarations, assertInputSize } from '../parse/parser.js';
import { checkedName } from '../names.js';
import type { SynProgram, SynStatement } from '../parse/syntax.js';
import { mentionedNames, ownNames } from '../parse/mentions.js';
import { looksLikeLatex, latexToDcalc, type LatexTranslation } from '../parse/latex.js';
import { buildProgram, declarationFromSyntax, type Declaration, type Program } from '../parse/build.js';
import { type Shape, shape as mkShape, SCALAR, showShape } from '../shape/shape.js';
import { dim } from '../shape/dims.js';
import { parseValues } from '../numeric/values.js';

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
      const err = optionError('usage', (o) => `${o.let}: ${d.name} is declared twice, as ${showShape(prev.shape)} and as ${showShape(d.shape)}`, d.loc);
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
        const err = letError(e);
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

/**
 * An error in the `let` text, worded per audience (`let: …` for the library, `--let: …` on
 * the command line) and located in it; a usage error unless it is a limit or a bug.
 */
function letError(e: DcalcError): DcalcError {
  const kind = e.kind === 'limit' || e.kind === 'internal' ? e.kind : 'usage';
  return optionError(kind, (o) => `${o.let}: ${e.message}`, e.line !== undefined ? { line: e.line, column: e.column! } : undefined);
}

/** A DcalcError located in a translation, located in the original instead. */
function relocate(e: unknown, tr: LatexTranslation, source?: string): unknown {
  if (!(e instanceof DcalcError) || e.line === undefined || e.column === undefined || (e.source !== undefined && source === undefined)) return e;
  const err = reworded(e, e.kind, (m) => m, tr.mapLoc({ line: e.line, column: e.column }));
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
      const err = letError(e);
      err.source = spec;
      throw err;
    }
    throw e;
  }
}

export { looksLikeLatex, latexToDcalc, type LatexTranslation, type LatexOptions } from '../parse/latex.js';

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

