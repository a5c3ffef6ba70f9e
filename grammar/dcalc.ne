# dcalc's input language (CONTRACT §1): a Nearley grammar over a moo lexer.
#
# Compile: node node_modules/nearley/bin/nearleyc.js grammar/dcalc.ne -o src/parse/grammar.generated.ts
#
# The grammar is unambiguous by construction (every binary level is left-recursive,
# which also keeps Earley parsing linear), and src/parse/parser.ts asserts exactly one
# parse. Context the grammar cannot see cheaply is decided in the token stream
# (DcalcLexer below):
#   - an identifier directly followed by `(` is a `call` token, otherwise `ident`;
#   - a norm bar `‖` (or `||`) opens a norm unless a norm is open at the same bracket
#     level and the previous token ends an operand, in which case it closes it;
#   - newlines are dropped inside brackets and after a token that cannot end a
#     statement (a binary operator, `=`, `,`, `:`, …), so `a +⏎ b` continues;
#   - after `:` or `∈` the lexer is in the `size` state (until `,` `;` or a newline),
#     where a lone `x` between sizes is `×` (`3x4`, `n x m`).
# Locations are 1-based lines and columns counted in Unicode code points.

@preprocessor typescript

@{%
import moo from 'moo';
import type { Syn, SynBinaryOp, SynDim, SynStatement, Loc } from './syntax.js';
import { FUNCTIONS } from '../ops/registry.js';
import { markProblem } from './marks.js';

/** A moo token as the grammar sees it: `ccol` is the column in code points. */
type Tok = {
  type: string;
  value: string;
  text: string;
  offset: number;
  lineBreaks: number;
  line: number;
  col: number;
  ccol: number;
  /** Whitespace (or a dropped newline or comment) comes right before the token. */
  spaced?: boolean;
};

/** A lexical error or limit found in the token stream (parser.ts turns it into a DcalcError). */
export type LexIssue = { kind: 'parse' | 'limit'; message: string; line: number; column: number };

/** A persistent list (newest first): appending never mutates data Earley may share. */
export type Cons<T> = { head: T; tail: Cons<T> | null } | null;

export const MAX_DEPTH = 1000;

const LETTER = String.raw`(?:(?!ᵀ)\p{L}\p{M}*)`;
const SUBCHAR = String.raw`(?:(?!ᵀ)[\p{L}\p{M}0-9₀-₉])`;
const NOT_NAME_CHAR = String.raw`(?![\p{L}\p{M}0-9_₀-₉])`;
/** The registry's function names with letters after digits (`norm2sq`, `log1p`), longest first. */
const DIGIT_LETTER_NAMES = [...FUNCTIONS.keys()].filter((n) => /[0-9]\p{L}/u.test(n)).sort((a, b) => b.length - a.length);
/**
 * Letters, then digits or subscript digits, then `_` subscripts. Letters after digits
 * start a new token (`W1x` is `W1` `x`, as in `ReLU(W1x + b1)`), except in the
 * function names that have them (DIGIT_LETTER_NAMES).
 */
const IDENT = new RegExp(
  String.raw`${DIGIT_LETTER_NAMES.map((n) => `${n}${NOT_NAME_CHAR}|`).join('')}${LETTER}+(?:[0-9]+|[₀-₉]+)?(?:_(?:\{${SUBCHAR}+\}|${SUBCHAR}+))*`,
  'u',
);

/** Vulgar fractions read as numbers: `½‖r‖²` is (1/2)‖r‖². */
const VULGAR: Record<string, number> = {
  '½': 1 / 2, '⅓': 1 / 3, '⅔': 2 / 3, '¼': 1 / 4, '¾': 3 / 4, '⅕': 1 / 5, '⅖': 2 / 5, '⅗': 3 / 5, '⅘': 4 / 5,
  '⅙': 1 / 6, '⅚': 5 / 6, '⅐': 1 / 7, '⅛': 1 / 8, '⅜': 3 / 8, '⅝': 5 / 8, '⅞': 7 / 8, '⅑': 1 / 9, '⅒': 1 / 10,
};

const SUPERSCRIPT_DIGITS: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-',
};

const commonRules: moo.Rules = {
  ws: /[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/u,
  comment: /#[^\n]*/u,
  nl: { match: /\n/u, lineBreaks: true },
  num: /(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/u,
  ident: { match: IDENT, value: (s: string) => s.replace(/_\{([^{}]*)\}/gu, '_$1').normalize('NFC') },
  // The inverse transpose X⁻ᵀ (also X^{-T}, X^{-⊤}, X^-T), as dcalc prints it.
  invtr: /⁻ᵀ|\^\{-T\}|\^\{-⊤\}|\^-T|\^-⊤/u,
  sup: /⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/u,
  // `^T` is always a transpose (`x^Ty` is xᵀy), never a power with an exponent named T…
  tr: /ᵀ|'|\^T|\^⊤|\^\{T\}|\^\{⊤\}/u,
  epow: /\.\^/u,
  pow: /\^/u,
  hmul: /\.\*|⊙|∘/u,
  hdiv: /\.\/|⊘/u,
  mul: /\*|·|⋅/u,
  div: /\//u,
  kron: /⊗/u,
  add: /\+/u,
  sub: /-|−/u,
  bar: new RegExp(String.raw`(?:‖|\|\|)(?:_(?:[12F]|\{[12F]\})|[₁₂])?(?![\p{L}0-9_₀-₉])|‖|\|\|`, 'u'),
  // A single bar: |A| is det A of a square matrix, |x| the absolute value of a scalar.
  abar: /\|/u,
  // The subscript of a squared norm written after the square: ‖X‖²_F.
  nsub: /_(?:[12F]|\{[12F]\})(?![\p{L}0-9_₀-₉])|[₁₂]/u,
  vfrac: /[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]/u,
  root: /√/u,
  // 𝟏 (U+1D7CF): the ones vector of the size its product needs.
  onevec: /𝟏/u,
  lp: /\(/u,
  rp: /\)/u,
  lb: /\{/u,
  rb: /\}/u,
  comma: /,/u,
  semi: /;/u,
  colon: /:/u,
  elem: /∈/u,
  eq: /=/u,
  times: /×/u,
  error: moo.error,
};

const rawLexer = moo.states({
  main: commonRules,
  // Declaration sizes: a lone `x` is ×; everything else as in `main`.
  size: { xop: new RegExp(String.raw`(?<=[0-9])x|x${NOT_NAME_CHAR}`, 'u'), ...commonRules },
});

const TOKEN_TYPES = new Set([
  'nl', 'num', 'ident', 'call', 'sup', 'invtr', 'tr', 'epow', 'pow', 'hmul', 'hdiv', 'mul', 'div', 'kron',
  'add', 'sub', 'nopen', 'nclose', 'lp', 'rp', 'lb', 'rb', 'comma', 'semi', 'colon', 'elem', 'eq',
  'times', 'xop', 'aopen', 'aclose', 'nsub', 'vfrac', 'root', 'onevec',
]);
/** Tokens after which an operand has ended (so a `‖` may close, a sign is binary). */
const ENDS_OPERAND = new Set(['num', 'ident', 'rp', 'rb', 'nclose', 'tr', 'sup', 'invtr', 'aclose', 'nsub', 'vfrac', 'onevec']);
/** Tokens after which a newline cannot end a statement: it is dropped. */
const CONTINUES = new Set([
  'add', 'sub', 'mul', 'div', 'hmul', 'hdiv', 'kron', 'pow', 'epow', 'eq', 'comma', 'colon', 'elem',
  'times', 'xop', 'lp', 'lb', 'nopen', 'aopen', 'root',
]);

function countCodePoints(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

function firstCodePoint(s: string): string {
  const cp = s.codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * The token stream nearley reads: moo plus the context rules described at the top.
 * On a lexical error or a limit it records `issue` and ends the stream (nearley would
 * otherwise wrap a thrown error into its own).
 */
export class DcalcLexer {
  // Each parse has its own lexer and its own moo state: nothing is shared between parses.
  private moo: moo.Lexer = (rawLexer as moo.Lexer & { clone(): moo.Lexer }).clone();
  private text = '';
  private inSize = false;
  /** Open brackets: '(' '{' and '‖' (an open norm). */
  private stack: string[] = [];
  private prev: Tok | undefined;
  private unaryRun = 0;
  private spaced = false;
  // code-point column tracking
  private lineStart = 0;
  private lastOff = 0;
  private lastCol = 1;
  issue: LexIssue | undefined;
  /** The last token handed to the parser. */
  last: Tok | undefined;

  reset(chunk: string, _info?: unknown): void {
    this.text = chunk;
    this.moo.reset(chunk);
    this.moo.setState('main');
    this.inSize = false;
    this.stack = [];
    this.prev = undefined;
    this.unaryRun = 0;
    this.spaced = false;
    this.lineStart = 0;
    this.lastOff = 0;
    this.lastCol = 1;
    this.issue = undefined;
    this.last = undefined;
  }

  save(): undefined {
    return undefined;
  }

  has(tokenType: string): boolean {
    return TOKEN_TYPES.has(tokenType);
  }

  formatError(token: Tok | undefined): string {
    return token ? `unexpected '${token.text}'` : 'unexpected end of input';
  }

  private fail(kind: 'parse' | 'limit', message: string, line: number, column: number): undefined {
    this.issue = { kind, message, line, column };
    return undefined;
  }

  private setSize(on: boolean): void {
    if (on !== this.inSize) {
      this.inSize = on;
      this.moo.setState(on ? 'size' : 'main');
    }
  }

  next(): Tok | undefined {
    if (this.issue) return undefined;
    for (;;) {
      const t = this.moo.next() as unknown as Tok | undefined;
      if (!t) return undefined;
      // column in code points, incrementally along the line
      if (t.offset < this.lastOff) {
        this.lastOff = this.lineStart;
        this.lastCol = 1;
      }
      t.ccol = this.lastCol + countCodePoints(this.text, this.lastOff, t.offset);
      this.lastOff = t.offset;
      this.lastCol = t.ccol;
      const type = t.type;
      if (type === 'nl') {
        this.lineStart = t.offset + t.text.length;
        this.lastOff = this.lineStart;
        this.lastCol = 1;
      }
      if (type === 'ws' || type === 'comment') {
        this.spaced = true;
        continue;
      }
      if (type === 'error') {
        return this.fail('parse', `unexpected character '${firstCodePoint(t.text)}'`, t.line, t.ccol);
      }
      const prev = this.prev;
      if (type === 'nl') {
        // inside brackets, after an operator, or repeating a separator: not a token
        if (this.stack.length > 0 || prev === undefined || CONTINUES.has(prev.type) || prev.type === 'nl' || prev.type === 'semi') {
          this.spaced = true;
          continue;
        }
        this.setSize(false);
      } else if (type === 'num') {
        if (
          t.text[0] === '.' &&
          prev !== undefined &&
          ENDS_OPERAND.has(prev.type) &&
          prev.offset + prev.text.length === t.offset
        ) {
          return this.fail('parse', "unexpected '.'", t.line, t.ccol);
        }
        if (!Number.isFinite(Number(t.text))) {
          return this.fail('parse', `number out of range '${t.text}'`, t.line, t.ccol);
        }
        if (this.inSize && !/^[0-9]+$/u.test(t.text)) {
          return this.fail('parse', `a size must be a whole number, not '${t.text}'`, t.line, t.ccol);
        }
      } else if (type === 'ident') {
        const mark = markProblem(t.text);
        if (mark) return this.fail('parse', mark, t.line, t.ccol);
        if (this.text.charCodeAt(t.offset + t.text.length) === 40) t.type = 'call';
      } else if (type === 'lp' || type === 'lb') {
        this.stack.push(type === 'lp' ? '(' : '{');
        if (this.stack.length > MAX_DEPTH) {
          return this.fail('limit', `nesting deeper than ${MAX_DEPTH}`, t.line, t.ccol);
        }
      } else if (type === 'rp' || type === 'rb') {
        if (this.stack[this.stack.length - 1] === (type === 'rp' ? '(' : '{')) this.stack.pop();
      } else if (type === 'bar') {
        const closes =
          this.stack[this.stack.length - 1] === '‖' && prev !== undefined && ENDS_OPERAND.has(prev.type);
        if (closes) {
          this.stack.pop();
          t.type = 'nclose';
        } else {
          t.type = 'nopen';
          const barLen = t.text.startsWith('‖') ? 1 : 2;
          if (t.text.length > barLen) {
            return this.fail('parse', `unexpected '${t.text.slice(barLen)}'`, t.line, t.ccol + barLen);
          }
          this.stack.push('‖');
          if (this.stack.length > MAX_DEPTH) {
            return this.fail('limit', `nesting deeper than ${MAX_DEPTH}`, t.line, t.ccol);
          }
        }
      } else if (type === 'abar') {
        const closes = this.stack[this.stack.length - 1] === '|' && prev !== undefined && ENDS_OPERAND.has(prev.type);
        if (closes) {
          this.stack.pop();
          t.type = 'aclose';
        } else {
          t.type = 'aopen';
          this.stack.push('|');
          if (this.stack.length > MAX_DEPTH) {
            return this.fail('limit', `nesting deeper than ${MAX_DEPTH}`, t.line, t.ccol);
          }
        }
      } else if (type === 'colon' || type === 'elem') {
        this.setSize(true);
      } else if (type === 'comma' || type === 'semi') {
        this.setSize(false);
      }
      if (t.type === 'add' || t.type === 'sub') {
        if (prev === undefined || !ENDS_OPERAND.has(prev.type)) {
          this.unaryRun++;
          if (this.unaryRun > MAX_DEPTH) {
            return this.fail('limit', `nesting deeper than ${MAX_DEPTH}`, t.line, t.ccol);
          }
        } else this.unaryRun = 0;
      } else this.unaryRun = 0;
      t.spaced = this.spaced;
      this.spaced = false;
      this.prev = t;
      this.last = t;
      return t;
    }
  }
}

/** The lexer the grammar is compiled against: nearley asks it only has(type). Each parse feeds a DcalcLexer of its own (parser.ts). */
export const grammarLexer = new DcalcLexer();

// ---- postprocessing helpers -------------------------------------------------

const loc = (t: Tok): Loc => ({ line: t.line, column: t.ccol });

/**
 * Where each bin/transpose node starts in the text (its leftmost token), recorded when
 * the node is made: walking the left spine each time would be quadratic, since Earley
 * completes every prefix of a long sum or postfix chain.
 */
const START = new WeakMap<Syn, Loc>();

/** Where an expression starts in the text (its leftmost token). */
export function startOf(s: Syn): Loc {
  for (;;) {
    const known = START.get(s);
    if (known) return known;
    if (s.t === 'bin') s = s.left;
    else if (s.t === 'transpose') s = s.arg;
    else return s.loc;
  }
}

/** Record a new bin/transpose node's start. */
function started<T extends Syn>(node: T): T {
  START.set(node, startOf(node.t === 'bin' ? node.left : node.t === 'transpose' ? node.arg : node));
  return node;
}

/**
 * How each primary operand begins: whether whitespace precedes it and whether it is a
 * group (a parenthesis, norm or |…| bars). `1/2x` keeps the tight `2x` in the
 * denominator; after a space or before a group a fraction is a coefficient.
 */
const LEAD = new WeakMap<Syn, { spaced: boolean; group: boolean }>();

function lead<T extends Syn>(node: T, t: Tok, group = false): T {
  LEAD.set(node, { spaced: t.spaced === true, group });
  return node;
}

/** Whether a postfix operand follows the previous one directly, without a space, and is no group. */
function tight(s: Syn): boolean {
  for (;;) {
    const known = LEAD.get(s);
    if (known) return !known.spaced && !known.group;
    if (s.t === 'bin') s = s.left;
    else if (s.t === 'transpose') s = s.arg;
    else return false;
  }
}

function cons<T>(tail: Cons<T>, head: T): Cons<T> {
  return { head, tail };
}

/** The items of a persistent list, oldest first (iterative: lists can be long). */
export function listOf<T>(l: Cons<T>): T[] {
  const out: T[] = [];
  for (let c = l; c !== null; c = c.tail) out.push(c.head);
  return out.reverse();
}

const BINOP: Record<string, SynBinaryOp> = {
  '+': '+', '-': '-', '−': '-',
  '*': '*', '·': '*', '⋅': '*', '/': '/',
  '.*': '.*', '⊙': '.*', '∘': '.*', './': './', '⊘': './', '⊗': 'kron',
};

function bin(left: Syn, opTok: Tok, right: Syn): Syn {
  return started({ t: 'bin', op: BINOP[opTok.text] as SynBinaryOp, left, right, loc: loc(opTok) });
}

function mkNum(t: Tok): Syn {
  return { t: 'num', value: Number(t.text), loc: loc(t) };
}

/** A signed exponent: `^-1` is the number −1 (located at the sign), `^-b` is −b. */
function negExp(sign: Tok, e: Syn): Syn {
  return e.t === 'num' ? { t: 'num', value: -e.value, loc: loc(sign) } : { t: 'neg', arg: e, loc: loc(sign) };
}

/** One link of an exponent chain: its unit, the signs before it, the `^` before it. */
type ExpLink = { signs: Tok[]; unit: Syn; pow?: Tok };

/**
 * `2^-3^2`: the links folded from the right, each sign applying to the rest of the
 * chain (2^(−(3^2))), as `−3^2` is −(3²).
 */
function foldExponent(chain: Cons<ExpLink>): Syn {
  const links = listOf(chain);
  let acc: Syn | undefined;
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i]!;
    let e: Syn = acc === undefined ? link.unit : started({ t: 'bin', op: '^', left: link.unit, right: acc, loc: loc(links[i + 1]!.pow!) });
    for (let k = link.signs.length - 1; k >= 0; k--) e = negExp(link.signs[k]!, e);
    acc = e;
  }
  return acc!;
}

/** `‖X‖²_F`, `‖X‖^2_F`: a norm whose subscript comes after its square. */
function normSub(open: Tok, arg: Syn, close: Tok, powTok: Tok, exp: Cons<ExpLink>, sub: Tok, reject: unknown): unknown {
  if (close.text !== '‖' && close.text !== '||') return reject;
  const norm: Syn = lead({ t: 'norm', kind: normKind(sub.text), arg, loc: loc(open) }, open, true);
  return power('^', norm, powTok, exp);
}

/**
 * `base^chain`: the exponent is folded when it is first read, not at every completion
 * of the chain (Earley completes each prefix of `x^2^2^…`: folding each would be quadratic).
 */
function power(op: '^' | '.^', left: Syn, powTok: Tok, chain: Cons<ExpLink>): Syn {
  let right: Syn | undefined;
  const node = { t: 'bin', op, left, loc: loc(powTok) } as Extract<Syn, { t: 'bin' }>;
  Object.defineProperty(node, 'right', { enumerable: true, get: () => (right ??= foldExponent(chain)) });
  return started(node);
}

function supValue(text: string): number {
  let s = '';
  for (const ch of text) s += SUPERSCRIPT_DIGITS[ch] ?? '';
  return Number(s);
}

function normKind(text: string): '2' | 'F' | '1' {
  if (/F/u.test(text)) return 'F';
  if (/[1₁]/u.test(text)) return '1';
  return '2';
}

function dimAtom(t: Tok): SynDim {
  return t.type === 'num' ? { t: 'dimnum', value: Number(t.text), loc: loc(t) } : { t: 'dimname', name: t.value, loc: loc(t) };
}

type Shape = { rows: SynDim | null; cols: SynDim | null };

function column(d: SynDim): Shape {
  return { rows: d, cols: { t: 'dimnum', value: 1, loc: d.loc } };
}

function decl(names: Cons<Tok>, shape: Shape, assumptions: Cons<Tok>): SynStatement {
  const ns = listOf(names).map((t) => ({ name: t.value, loc: loc(t) }));
  return {
    t: 'decl',
    names: ns,
    rows: shape.rows,
    cols: shape.cols,
    assumptions: listOf(assumptions).map((t) => ({ name: t.value, loc: loc(t) })),
    loc: ns[0]!.loc,
  };
}
%}

@lexer grammarLexer

# ---- entry points (parser.ts picks one by setting grammar.start) -------------

Program -> Seps:? StmtList Seps:?                 {% (d) => d[1] %}
         | Seps:?                                 {% () => null %}

ExprOnly -> Seps:? Expr Seps:?                    {% (d) => d[1] %}

Let -> LetSeps:? LetList LetSeps:?                {% (d) => d[1] %}
     | LetSeps:?                                  {% () => null %}

# ---- statements --------------------------------------------------------------

# A statement list is a Cons of statement arrays (a declaration group gives several).
StmtList -> Stmt                                  {% (d) => cons(null, d[0]) %}
          | StmtList Sep Stmt                     {% (d) => cons(d[0], d[2]) %}

Seps -> Sep                                       {% () => null %}
Sep -> Sep1 | Sep Sep1                            {% () => null %}
Sep1 -> %semi | %nl                               {% () => null %}

Stmt -> DeclGroup                                 {% (d) => listOf(d[0]) %}
      | %ident %eq Expr                           {% (d) => [{ t: 'def', name: d[0].value, nameLoc: loc(d[0]), expr: d[2], loc: loc(d[0]) }] %}
      # J(θ) = …: a function-style definition; the arguments name what it depends on.
      | %call %lp Names %rp %eq Expr              {% (d) => [{ t: 'def', name: d[0].value, nameLoc: loc(d[0]), expr: d[5], loc: loc(d[0]), params: listOf<Tok>(d[2]).map((t) => ({ name: t.value, loc: loc(t) })) }] %}
      | Expr                                      {% (d) => [{ t: 'expr', expr: d[0], loc: startOf(d[0]) }] %}

DeclGroup -> Decl                                 {% (d) => cons(null, d[0]) %}
           | DeclGroup %comma Decl                {% (d) => cons(d[0], d[2]) %}

LetList -> Decl                                   {% (d) => cons(null, [d[0]]) %}
         | LetList LetSeps Decl                   {% (d) => cons(d[0], [d[2]]) %}
LetSeps -> LetSep1 | LetSeps LetSep1              {% () => null %}
LetSep1 -> %comma | %semi | %nl                   {% () => null %}

# ---- declarations ------------------------------------------------------------

Decl -> Names %colon Shape Assumptions            {% (d) => decl(d[0], d[2], d[3]) %}
      | Names %colon Field Assumptions            {% (d) => decl(d[0], d[2], d[3]) %}
      | Names %elem Field Assumptions             {% (d) => decl(d[0], d[2], d[3]) %}

Names -> %ident                                   {% (d) => cons(null, d[0]) %}
       | Names %comma %ident                      {% (d) => cons(d[0], d[2]) %}

Assumptions -> null                               {% () => null %}
             | Assumptions %ident                 {% (d) => cons(d[0], d[1]) %}

Shape -> "scalar"                                 {% () => ({ rows: null, cols: null }) %}
       | Dim Times Dim                            {% (d) => ({ rows: d[0], cols: d[2] }) %}

Times -> %times | %xop                            {% () => null %}

# ℝ, ℝ^n (a column), ℝ^{n}, ℝ², ℝ^{N×M}, ℝ^N×M
Field -> Real                                     {% () => ({ rows: null, cols: null }) %}
       | Real %pow DimAtom                        {% (d) => column(d[2]) %}
       | Real %sup                                {% (d) => column({ t: 'dimnum', value: supValue(d[1].text), loc: loc(d[1]) }) %}
       | Real %pow %lb Dim %rb                    {% (d) => column(d[3]) %}
       | Real %pow DimAtom Times DimAtom          {% (d) => ({ rows: d[2], cols: d[4] }) %}
       | Real %pow %lb Dim Times Dim %rb          {% (d) => ({ rows: d[3], cols: d[5] }) %}

Real -> "ℝ" | "R"                                 {% () => null %}

Dim -> DimAtom                                    {% (d) => d[0] %}
     | Dim %mul DimAtom                           {% (d) => ({ t: 'dimmul', left: d[0], right: d[2], loc: loc(d[1]) }) %}

DimAtom -> %num                                   {% (d) => dimAtom(d[0]) %}
         | %ident                                 {% (d) => dimAtom(d[0]) %}
         | %lp Dim %rp                            {% (d) => d[1] %}

# ---- expressions, loosest first ------------------------------------------------

Expr -> Sum                                       {% id %}

Sum -> Sum AddOp Product                          {% (d) => bin(d[0], d[1], d[2]) %}
     | Product                                    {% id %}
AddOp -> %add {% id %} | %sub {% id %}

Product -> Product MulOp Unary                    {% (d) => bin(d[0], d[1], d[2]) %}
         | Product %div Den                       {% (d) => bin(d[0], d[1], d[2]) %}
         | Unary                                  {% id %}
MulOp -> %mul {% id %} | %hmul {% id %} | %hdiv {% id %} | %kron {% id %}

# Unary plus is dropped; unary minus is a neg node located at the sign.
Unary -> %sub Unary                               {% (d) => ({ t: 'neg', arg: d[1], loc: loc(d[0]) }) %}
       | %add Unary                               {% (d) => d[1] %}
       | Juxt                                     {% id %}

# Juxtaposition: located at the start of the right operand. A fraction followed by a
# space or a group is the coefficient of what follows (CONTRACT §1: `1/2 ‖r‖²` is
# (1/2)‖r‖², `−1/N sum(…)`, `λ/2 ‖w‖²`); a term written tight against the denominator
# stays in it (`1/2m` is 1/(2m)). Either way the builder reports the reading.
Juxt -> Juxt Postfix                              {% (d) => started({ t: 'bin', op: 'juxt', left: d[0], right: d[1], loc: startOf(d[1]) }) %}
      | Frac Postfix                              {% (d, _l, reject) => (tight(d[1]) ? reject : started({ t: 'bin', op: 'juxt', left: d[0], right: d[1], loc: startOf(d[1]) })) %}
      | Postfix                                   {% id %}

Frac -> Juxt %div Den                             {% (d) => bin(d[0], d[1], d[2]) %}
      | Frac %div Den                             {% (d) => bin(d[0], d[1], d[2]) %}

# A denominator: one operand and whatever is written tight against it (`2m`, `2σ²`).
Den -> %sub Den                                   {% (d) => ({ t: 'neg', arg: d[1], loc: loc(d[0]) }) %}
     | %add Den                                   {% (d) => d[1] %}
     | Tight                                      {% id %}
Tight -> Postfix                                  {% id %}
       | Tight Postfix                            {% (d, _l, reject) => (tight(d[1]) ? started({ t: 'bin', op: 'juxt', left: d[0], right: d[1], loc: startOf(d[1]) }) : reject) %}

# Postfix operators; a power ends a chain of them on its left (`2^3^2` is 2^(3^2): the
# exponent is right-associative), while transposes and superscripts may follow it.
Postfix -> Post1                                  {% id %}
         | Post2                                  {% id %}

Post1 -> Postfix %tr                              {% (d) => started({ t: 'transpose', arg: d[0], loc: loc(d[1]) }) %}
       | Postfix %invtr                           {% (d) => started({ t: 'transpose', arg: { t: 'bin', op: '^', left: d[0], right: { t: 'num', value: -1, loc: loc(d[1]) }, loc: loc(d[1]) }, loc: loc(d[1]) }) %}
       | Postfix %sup                             {% (d) => started({ t: 'bin', op: '^', left: d[0], right: { t: 'num', value: supValue(d[1].text), loc: loc(d[1]) }, loc: loc(d[1]) }) %}
       | %nopen Expr %nclose %sup %nsub           {% (d, _l, reject) => normSub(d[0], d[1], d[2], d[3], cons(null, { signs: [], unit: { t: 'num', value: supValue(d[3].text), loc: loc(d[3]) } }), d[4], reject) %}
       | Primary                                  {% id %}

Post2 -> Post1 %pow Exponent                      {% (d) => power('^', d[0], d[1], d[2]) %}
       | Post1 %epow Exponent                     {% (d) => power('.^', d[0], d[1], d[2]) %}
       | %nopen Expr %nclose %pow Exponent %nsub  {% (d, _l, reject) => normSub(d[0], d[1], d[2], d[3], d[4], d[5], reject) %}

# `^-1` is the number −1 (located at the sign), `a^-b` is a^(−b), `2^3^2` is 2^(3^2);
# `^{e}` is e itself; `^(e)` a paren. The chain is collected left-recursively (a right-
# recursive rule makes Earley quadratic on `x^2^2^…`) and folded from the right.
Exponent -> ExpChain                              {% id %}
ExpChain -> ExpSigned                             {% (d) => cons(null, d[0]) %}
          | ExpChain %pow ExpSigned               {% (d) => cons(d[0], { ...d[2], pow: d[1] }) %}
ExpSigned -> ExpUnit                              {% (d) => ({ signs: [], unit: d[0] }) %}
           | %sub ExpSigned                       {% (d) => ({ signs: [d[0], ...d[1].signs], unit: d[1].unit }) %}
           | %add ExpSigned                       {% (d) => d[1] %}

ExpUnit -> %num                                   {% (d) => mkNum(d[0]) %}
         | %ident                                 {% (d) => ({ t: 'ident', name: d[0].value, loc: loc(d[0]) }) %}
         | %lp Expr %rp                           {% (d) => ({ t: 'paren', arg: d[1], loc: loc(d[0]) }) %}
         | %lb Expr %rb                           {% (d) => d[1] %}

Primary -> %num                                   {% (d) => lead(mkNum(d[0]), d[0]) %}
         | %vfrac                                 {% (d) => lead({ t: 'num', value: VULGAR[d[0].text]!, loc: loc(d[0]) }, d[0]) %}
         | %ident                                 {% (d) => lead({ t: 'ident', name: d[0].value, loc: loc(d[0]) }, d[0]) %}
         | %onevec                                {% (d) => lead({ t: 'ident', name: '𝟏', loc: loc(d[0]) }, d[0]) %}
         | %call %lp Args %rp                     {% (d) => lead({ t: 'call', name: d[0].value, args: listOf(d[2]), loc: loc(d[0]), nameLoc: loc(d[0]) }, d[0]) %}
         | %lp Expr %rp                           {% (d) => lead({ t: 'paren', arg: d[1], loc: loc(d[0]) }, d[0], true) %}
         | %nopen Expr %nclose                    {% (d) => lead({ t: 'norm', kind: normKind(d[2].text), arg: d[1], loc: loc(d[0]) }, d[0], true) %}
         | %aopen Expr %aclose                    {% (d) => lead({ t: 'bars', arg: d[1], loc: loc(d[0]) }, d[0], true) %}
         | %root Primary                          {% (d) => lead({ t: 'call', name: 'sqrt', args: [d[1]], loc: loc(d[0]), nameLoc: loc(d[0]) }, d[0], true) %}

Args -> Expr                                      {% (d) => cons(null, d[0]) %}
      | Args %comma Expr                          {% (d) => cons(d[0], d[2]) %}
