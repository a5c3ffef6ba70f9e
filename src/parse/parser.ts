/**
 * The parser front end: text → concrete syntax tree (parse/syntax.ts), via the Nearley
 * grammar in grammar/dcalc.ne (compiled to grammar.generated.ts by the build).
 *
 * Locations are 1-based; columns count Unicode code points (not UTF-16 units), so
 * `𝐱 + $` reports the `$` at column 5.
 *
 * Every accepted input has exactly one parse: more than one is an internal error.
 */
import nearley from 'nearley';
import { DcalcError } from '../errors.js';
import type { ErrorKind, SourceLoc } from '../errors.js';
import type { SynProgram, SynStatement, Syn } from './syntax.js';
import compiled, { DcalcLexer, listOf, MAX_DEPTH } from './grammar.generated.js';
import type { Cons } from './grammar.generated.js';

/** Inputs larger than this many UTF-8 bytes are refused with a `limit` error. */
export const MAX_INPUT_BYTES = 100_000;
export { MAX_DEPTH };

const grammars = new Map<string, nearley.Grammar>();
function grammarFor(start: string): nearley.Grammar {
  let g = grammars.get(start);
  if (!g) {
    g = nearley.Grammar.fromCompiled(compiled as unknown as nearley.CompiledRules);
    g.start = start;
    grammars.set(start, g);
  }
  return g;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

type Tok = { type: string; text: string; line: number; ccol: number };
type State = { rule: { name: string; symbols: unknown[] }; dot: number };

/** Describe what the parser could have accepted at `column` (a short hint, or ''). */
function expected(parser: nearley.Parser, column: number): string {
  const col = (parser as unknown as { table: { states: State[] }[] }).table[column];
  if (!col) return '';
  const closers = new Set<string>();
  let operand = false;
  let size = false;
  let colon = false;
  let operandEnded = false;
  let exponent = false;
  for (const st of col.states) {
    const sym = st.rule.symbols[st.dot] as { type?: string; literal?: string } | string | undefined;
    if (!sym || typeof sym === 'string') continue;
    const type = sym.type;
    if (type === 'tr') operandEnded = true;
    else if (type === 'rp') closers.add("')'");
    else if (type === 'rb') closers.add("'}'");
    else if (type === 'nclose') closers.add("'‖'");
    else if (type === 'times' || type === 'xop') closers.add("'×'");
    else if (type === 'colon') colon = true;
    else if (type === 'num' || type === 'ident') {
      if (st.rule.name === 'DimAtom') size = true;
      else if (st.rule.name === 'Primary') operand = true;
      else if (st.rule.name === 'ExpUnit') exponent = true;
    }
  }
  if (closers.size > 0) return `, expected ${[...closers].join(' or ')}`;
  if (size) return ', expected a size';
  if (operand && !operandEnded) return ', expected an expression';
  if (exponent) return ', expected an exponent';
  if (colon && !operandEnded) return ", expected ':'";
  return '';
}

function describe(tok: Tok): string {
  if (tok.type === 'nl') return 'end of line';
  return `'${tok.text}'`;
}

/**
 * Refuses an input over MAX_INPUT_BYTES before anything else looks at it; a string
 * longer than that in UTF-16 units is longer in bytes too, so a 150 MB input costs nothing.
 */
export function assertInputSize(text: string): void {
  if (text.length > MAX_INPUT_BYTES || (text.length > MAX_INPUT_BYTES / 4 && utf8Length(text) > MAX_INPUT_BYTES)) {
    throw new DcalcError('limit', `input is larger than ${MAX_INPUT_BYTES} bytes`, { line: 1, column: 1 });
  }
}

/** Parse `text` from the grammar's `start` symbol; returns the single result. */
function run(text: string, start: string, syntaxKind: ErrorKind, what: string): unknown {
  assertInputSize(text);
  const parser = new nearley.Parser(grammarFor(start));
  const lexer = new DcalcLexer();
  (parser as unknown as { lexer: DcalcLexer }).lexer = lexer;
  // nearley's own report walks every state's derivation (seconds on deeply nested
  // input); we only need the offending token, which it puts on the error.
  (parser as unknown as { reportError: () => string }).reportError = () => 'syntax error';
  try {
    parser.feed(text);
  } catch (e) {
    if (lexer.issue) throw issueError(lexer, syntaxKind);
    const tok = (e as { token?: Tok }).token;
    if (!tok) throw e;
    throw new DcalcError(syntaxKind, `unexpected ${describe(tok)}${expected(parser, parser.current)}`, {
      line: tok.line,
      column: tok.ccol,
    });
  }
  if (lexer.issue) throw issueError(lexer, syntaxKind);
  const results = parser.results;
  if (results.length === 1) return results[0];
  if (results.length > 1) {
    throw new Error(`internal: ambiguous parse (${results.length} parses) of ${what}: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const last = lexer.last as Tok | undefined;
  const end: SourceLoc = last ? { line: last.line, column: last.ccol + [...last.text].length } : { line: 1, column: 1 };
  if (!last && start === 'ExprOnly') throw new DcalcError(syntaxKind, 'empty expression', end);
  throw new DcalcError(syntaxKind, `unexpected end of input${expected(parser, parser.current)}`, end);
}

function issueError(lexer: DcalcLexer, syntaxKind: ErrorKind): DcalcError {
  const issue = lexer.issue!;
  const kind = issue.kind === 'limit' ? 'limit' : syntaxKind;
  return new DcalcError(kind, issue.message, { line: issue.line, column: issue.column });
}

function flatten(list: Cons<SynStatement[]>): SynStatement[] {
  const out: SynStatement[] = [];
  for (const group of listOf(list)) for (const s of group) out.push(s);
  return out;
}

/** The message of a program with no statement (only comments or blank lines). */
export const EMPTY_PROGRAM = 'empty program';

/**
 * Parse a program: statements separated by newlines or `;`. Throws a `parse`
 * DcalcError (located) for a syntax error or an empty program, `limit` for an input
 * over 100,000 bytes or nesting deeper than 1,000.
 */
export function parseSyntax(text: string): SynProgram {
  const list = run(text, 'Program', 'parse', 'program') as Cons<SynStatement[]>;
  const statements = flatten(list);
  if (statements.length === 0) throw new DcalcError('parse', EMPTY_PROGRAM, { line: 1, column: 1 });
  return { statements };
}

/**
 * Parse `--let` text: declarations separated by `,`, `;` or newlines
 * (`X: N×M, W: M×K, t: scalar, y: 1×K simplex`; `X, Y: n×m` lists names).
 * Empty text gives []. Invalid text is a `usage` error by default (CONTRACT §3:
 * `--let` text that is not valid), located like a parse error.
 */
export function parseDeclarations(text: string, errorKind: 'usage' | 'parse' = 'usage'): SynStatement[] {
  return flatten(run(text, 'Let', errorKind, '--let text') as Cons<SynStatement[]>);
}

/** Parse one expression (a `--claim`); surrounding newlines and a trailing `;` are allowed. */
export function parseExpression(text: string): Syn {
  return run(text, 'ExprOnly', 'parse', 'expression') as Syn;
}
