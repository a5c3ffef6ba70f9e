/**
 * LaTeX input: a translator from the LaTeX that homework is written in to dcalc's own
 * input language (Unicode homework notation, CONTRACT §1), with a position map so that
 * an error found in the translation is reported at the line:column of the original.
 *
 *   L = -y \log(a) - (1 - y)\log(1 - a)        →  L = -y log(a) - (1 - y) log(1 - a)
 *   a = \sigma(XW + b)                         →  a = σ(XW + b)
 *   X \in \mathbb{R}^{N \times M}              →  X: N×M
 *   \frac{\partial L}{\partial W} = X^\top (a - y) \in \mathbb{R}^{M \times 1}   →  Xᵀ (a - y)
 *
 * What is supported (everything dcalc prints with `--format latex` among it):
 *   - products and operators: juxtaposition, `\cdot`, `\times` (`×` in a declaration),
 *     `\odot`, `\circ`, `\otimes`, `\oslash`, `\div`, `\ast`, `+ - * / '`;
 *     `\frac{a}{b}` (also `\dfrac`, `\tfrac`) → `(a/b)` (parenthesised parts when not
 *     a single name or number); `1.5 \cdot 10^{-7}` → `1.5e-7`;
 *   - powers: `W^\top` `W^T` `W^{\top}` `W^{\intercal}` `W^{\mathsf{T}}` → `Wᵀ`;
 *     `X^{-\top}` → `X^{-1}ᵀ`; `A^{\circ 2}` → `A.^{2}`; `W^{-1}`, `x^2`, `x^{p}`;
 *     `e^{x}` → `exp(x)` (unless `e` is one of the known names);
 *   - functions: `\log` `\ln` `\exp` `\sin` `\cos` `\tan` `\tanh` `\det` `\sqrt{x}`,
 *     `\log\det` → `logdet`, `\sigma` (σ, the sigmoid when called), `\operatorname{f}`,
 *     `\mathrm{f}`, `\text{f}` (`\operatorname{sum\_cols}` → `sum_cols`), and a command
 *     named like a dcalc function (`\tr`, `\diag`, `\softmax`, …);
 *   - norms: `\|x\|`, `\lVert x \rVert`, `\left\| … \right\|`, `\Vert`, with `_2`,
 *     `_F`, `_{\mathrm{F}}`, `_1` and `^2` in either order; `\left| … \right|` and
 *     `\lvert … \rvert` → `abs(…)`;
 *   - brackets: `\left( \right)`, `\left[ \right]`, `[ ]`, `\{ \}`, `\bigl( \bigr)` and
 *     friends, `\left.`; a brace group `{…}` groups like parentheses;
 *   - names: letters, `W_1`, `W_{12}`, `x_{i}`, `\mathbf{x}`, `\boldsymbol{x}`,
 *     `\bm{x}`, `\mathit`, `\mathcal`, `\vec{x}` (all → `x`), `\hat{y}` (→ `ŷ`, the
 *     composed form where Unicode has one, else the letter + U+0302), `\bar{x}`,
 *     `\tilde{x}`, Greek letters (`\lambda` → λ, `\theta` → θ, …), `\ell`;
 *   - statements: newlines, `;` and `\\` separate statements; `\begin{aligned}` …
 *     `\end{aligned}` (also align, gathered, split, equation) are dropped and newlines
 *     inside them are spaces; `&` is dropped; a row `& + …` / `&\quad - …` continues the
 *     row above; `$`, `$$`, `\[ \]`, `\( \)` are dropped; `%` and `#` start comments;
 *     a trailing `,` or `.` is dropped;
 *   - definitions `L = …` (also `L(W, b) = …`: the arguments are dropped);
 *     a displayed result's left side `\frac{\partial L}{\partial W} =` (or `\nabla_W L =`)
 *     and its trailing `\in \mathbb{R}^{…}` are dropped;
 *   - declarations: `X \in \mathbb{R}^{N \times M}` → `X: N×M`, `x \in \mathbb{R}^{n}`
 *     → `x: n×1`, `t \in \mathbb{R}` → `t: scalar`, `X: N \times M`;
 *   - spacing: `\,` `\;` `\:` `\!` `\ ` `~` `\quad` `\qquad`; `\displaystyle`,
 *     `\left.`, `\nonumber`, `\label{…}` are dropped.
 * Anything else (`\sum`, `\partial` outside a left side, `\mathbf{1}`, …) is a `parse`
 * error `unsupported LaTeX command \foo` at the command's position in the original.
 */
import { DcalcError, type SourceLoc } from '../errors.js';
import { FUNCTIONS, OPS } from '../ops/registry.js';
import type { OpSpec } from '../ops/spec.js';
import { MACROS } from '../ops/macros.js';
import { MAX_INPUT_BYTES } from './parser.js';

/**
 * Nesting of brace groups (and of commands taking arguments) beyond this is a `limit`
 * error, as in the grammar; inputs larger than the parser's limit are refused before
 * translating (a `limit` error too).
 */
const MAX_GROUP_DEPTH = 1000;

export interface LatexTranslation {
  /** The program in dcalc's own input language. */
  readonly text: string;
  /** A line:column of `text` (1-based, columns in code points) → the same place in the LaTeX. */
  mapLoc(loc: { line: number; column: number }): { line: number; column: number };
}

export interface LatexOptions {
  /**
   * Names the translation should prefer where LaTeX cannot tell them apart: the printer
   * writes W1, W_1 and W₁ all as `W_{1}`, and ŷ, y + U+0302 and y_hat all as `\hat{y}`.
   * With the names of a program given, `W_{1}` becomes whichever of them the program
   * uses (so dcalc's LaTeX output, appended to its program, parses back).
   */
  readonly names?: Iterable<string>;
}

/** Whether a text is LaTeX rather than dcalc's own notation (which never has a backslash or `$`). */
export function looksLikeLatex(text: string): boolean {
  const uncommented = text.replace(/(^|[^\\])[#%][^\n]*/g, '$1');
  return /\\(?:[A-Za-z]+|[|,;:! {}[\]()\\_])|\$/.test(uncommented);
}

// ---- tokens --------------------------------------------------------------------

type TokKind = 'cmd' | 'sym' | 'ch' | 'ws' | 'nl' | 'lb' | 'rb';

interface Tok {
  readonly k: TokKind;
  /** cmd: the name without the backslash; sym: the character after it; ch: the character. */
  readonly v: string;
  /** UTF-16 offsets in the source. */
  readonly s: number;
  readonly e: number;
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '\\') {
      let j = i + 1;
      while (j < n && /[A-Za-z]/.test(src[j]!)) j++;
      if (j > i + 1) {
        const name = src.slice(i + 1, j);
        // \operatorname* is \operatorname
        if (name === 'operatorname' && src[j] === '*') j++;
        // (TeX skips the spaces after a control word; the translator skips them where
        // that matters: between a function name and its parenthesis)
        toks.push({ k: 'cmd', v: name, s: i, e: j });
        i = j;
        continue;
      }
      if (j < n) {
        const cp = String.fromCodePoint(src.codePointAt(j)!);
        toks.push({ k: 'sym', v: cp, s: i, e: j + cp.length });
        i = j + cp.length;
        continue;
      }
      toks.push({ k: 'sym', v: '', s: i, e: n });
      i = n;
      continue;
    }
    if (c === '%' || c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ k: 'nl', v: '\n', s: i, e: i + 1 });
      i++;
      continue;
    }
    if (/[ \t\r\f\v\u00a0]/.test(c)) {
      let j = i + 1;
      while (j < n && /[ \t\r\f\v\u00a0]/.test(src[j]!)) j++;
      toks.push({ k: 'ws', v: ' ', s: i, e: j });
      i = j;
      continue;
    }
    if (c === '{' || c === '}') {
      toks.push({ k: c === '{' ? 'lb' : 'rb', v: c, s: i, e: i + 1 });
      i++;
      continue;
    }
    const cp = String.fromCodePoint(src.codePointAt(i)!);
    toks.push({ k: 'ch', v: cp, s: i, e: i + cp.length });
    i += cp.length;
  }
  return toks;
}

// ---- the output, with its map back to the source -------------------------------

const WORD_END = /[\p{L}\p{M}\p{N}]$/u;
/** `ᵀ` is a letter to Unicode but a transpose to dcalc: it never needs a space before it. */
const WORD_START = /^(?!ᵀ)[\p{L}\p{N}]/u;
/** Output that a number ends: `2λ` needs no space (a number never runs into a name). */
const NUMBER_END = /(?:^|[^\p{L}\p{M}\p{N}_.])[0-9.]+$/u;

/** Whether a space must separate `text` from the output `s` before it. */
function needsSpace(s: string, text: string, word: boolean, lastWord: boolean): boolean {
  if (!WORD_START.test(text)) return false;
  // only the end of the output matters (and testing all of it would be quadratic)
  const end = s.slice(-24);
  if (word && end.endsWith(')')) return true; // `(1 - y) log(1 - a)`, for the reader
  if (!(word || lastWord) || !WORD_END.test(end)) return false;
  return !(word && NUMBER_END.test(end));
}

class Out {
  s = '';
  /** For each UTF-16 unit of `s`: the source offset it came from. */
  readonly src: number[] = [];
  /** For each UTF-16 unit of `s`: the source offset just after what it came from. */
  readonly end: number[] = [];
  /** Whether the last emission was a word of its own (a command's translation). */
  private lastWord = false;

  /** Append `text` coming from source [start, end); `word` marks a command's translation. */
  push(text: string, start: number, end: number, word = false): void {
    if (text === '') return;
    if (needsSpace(this.s, text, word, this.lastWord)) this.raw(' ', start, start);
    this.raw(text, start, end);
    this.lastWord = word;
  }

  /** Copy source text verbatim, each unit mapped to its own offset. */
  copy(text: string, start: number): void {
    if (text === '') return;
    if (needsSpace(this.s, text, false, this.lastWord)) this.raw(' ', start, start);
    for (let i = 0; i < text.length; i++) {
      this.s += text[i];
      this.src.push(start + i);
      this.end.push(start + i + 1);
    }
    this.lastWord = false;
  }

  /** Append another output (translated separately), keeping its map. */
  append(o: Out, word = false): void {
    if (o.s === '') return;
    if (needsSpace(this.s, o.s, word, this.lastWord)) this.raw(' ', o.src[0]!, o.src[0]!);
    this.s += o.s;
    // (a loop: spreading a long array into push() overflows the call stack)
    for (let i = 0; i < o.src.length; i++) {
      this.src.push(o.src[i]!);
      this.end.push(o.end[i]!);
    }
    this.lastWord = word || o.lastWord;
  }

  /** Drop trailing separators and spaces (`\end{aligned}`, a final `\\`). */
  trimEnd(): void {
    let n = this.s.length;
    while (n > 0 && /[; ]/.test(this.s[n - 1]!)) n--;
    this.s = this.s.slice(0, n);
    this.src.length = n;
    this.end.length = n;
  }

  /** The last character that is not a space ('' for none). */
  lastNonSpace(): string {
    let i = this.s.length - 1;
    while (i >= 0 && this.s[i] === ' ') i--;
    return i >= 0 ? this.s[i]! : '';
  }

  space(start: number, end: number): void {
    const last = this.s[this.s.length - 1];
    if (last === undefined || last === ' ' || last === '\n') return;
    this.raw(' ', start, end);
    this.lastWord = false;
  }

  private raw(text: string, start: number, end: number): void {
    for (let i = 0; i < text.length; i++) {
      this.s += text[i];
      this.src.push(start);
      this.end.push(end);
    }
  }
}

// ---- tables ----------------------------------------------------------------------

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', varrho: 'ϱ',
  sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ',
  Omega: 'Ω', ell: 'ℓ',
};

/** Binary operators. `\times` is × in a declaration. */
const OPERATORS: Record<string, string> = {
  cdot: '·', times: '·', odot: '⊙', circ: '∘', otimes: '⊗', oslash: '⊘', div: '/', ast: '*', bullet: '·',
};

/** Commands that are function names in dcalc (`\log`, `\ln`, `\det`), from the registry: command → name. */
const FUNCTION_COMMANDS: ReadonlyMap<string, string> = new Map(
  Object.values(OPS).flatMap((spec: OpSpec) => (spec.fn?.latexCommands ?? []).map((c) => [c, FUNCTIONS.has(c) ? c : spec.fn!.names[0]!] as const)),
);

const SPACES = new Set([
  'quad', 'qquad', 'enspace', 'thinspace', 'medspace', 'thickspace', 'space', 'nobreakspace', 'hfill',
]);
const IGNORED = new Set(['displaystyle', 'textstyle', 'scriptstyle', 'nonumber', 'notag', 'limits', 'nolimits']);
const IGNORED_WITH_ARG = new Set(['label', 'tag', 'tag*', 'hspace', 'vspace', 'phantom', 'hphantom', 'vphantom']);
/** Fonts and decorations whose argument is a name. */
const NAME_FONTS = new Set([
  'mathbf', 'boldsymbol', 'bm', 'mathit', 'mathnormal', 'mathbfit', 'mathcal', 'mathscr', 'mathfrak', 'vec', 'mathsf', 'mathtt',
]);
/** Fonts whose argument is upright text: an operator or a multi-letter name. */
const TEXT_FONTS = new Set(['mathrm', 'operatorname', 'text', 'textrm', 'textnormal', 'textit', 'textbf', 'textsf', 'texttt', 'mbox']);
const ACCENTS: Record<string, string> = {
  hat: '\u0302', widehat: '\u0302', bar: '\u0304', overline: '\u0304', tilde: '\u0303', widetilde: '\u0303', dot: '\u0307', check: '\u030c',
};
const SIZED = new Set(['left', 'right', 'middle', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'Bigl', 'biggl', 'Biggl', 'bigr', 'Bigr', 'biggr', 'Biggr', 'bigm', 'Bigm']);
const ENVIRONMENTS = new Set([
  'aligned', 'aligned*', 'align', 'align*', 'alignat', 'alignat*', 'alignedat', 'gathered', 'gather', 'gather*', 'split',
  'equation', 'equation*', 'eqnarray', 'eqnarray*', 'displaymath', 'math', 'multline', 'multline*',
]);
/** Environments whose newlines are spaces (rows end at `\\`). */
const ROW_ENVIRONMENTS = new Set([...ENVIRONMENTS].filter((e) => !/^(equation|displaymath|math)/.test(e)));

const HINTS: Record<string, string> = {
  sum: ' (write sum(X) for the sum of all entries, sum_rows or sum_cols for row or column sums)',
  partial: ' (only as the left side \\frac{\\partial L}{\\partial W} = … of a result)',
  nabla: ' (only as the left side \\nabla_W L = … of a result)',
  prod: '',
  int: '',
};

/** A translation that needs no parentheses as a fraction's part or an exponent: a number or a name. */
const SIMPLE = /^(?:[0-9]+(?:\.[0-9]+)?|\p{L}[\p{L}\p{M}\p{N}_]*)$/u;

/** LaTeX commands that mean something else than the dcalc function of that name. */
const NOT_FUNCTION_COMMANDS = new Set(['sum', 'vec']);

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const TRANSPOSE_KEYS = new Set(['\\top', 'T', '\\intercal', '\\mathsf{T}', '\\mathrm{T}', '\\text{T}', '\\mathtt{T}', '\\textsf{T}', '\\operatorname{T}', '\\sf{T}', '\\rm{T}', '\\sfT', '\\rmT', '\\mathsfT', '\\mathrmT']);

// ---- the translator -----------------------------------------------------------------

interface Ctx {
  /** In a declaration: `\times` is ×. */
  decl: boolean;
}

class Translator {
  private readonly toks: Tok[];
  /** For each `{` or `}` token: the index of its partner. */
  private readonly match: number[] = [];
  private readonly names: Set<string> | undefined;
  private depth = 0;

  constructor(
    private readonly src: string,
    names: Iterable<string> | undefined,
  ) {
    this.toks = tokenize(src);
    this.names = names ? new Set(names) : undefined;
    const stack: number[] = [];
    this.toks.forEach((t, i) => {
      if (t.k === 'lb') {
        stack.push(i);
        if (stack.length > MAX_GROUP_DEPTH) throw new DcalcError('limit', `nesting deeper than ${MAX_GROUP_DEPTH}`, this.loc(t.s));
      } else if (t.k === 'rb') {
        const open = stack.pop();
        if (open === undefined) throw new DcalcError('parse', "unmatched '}'", this.loc(t.s));
        this.match[open] = i;
        this.match[i] = open;
      }
    });
    if (stack.length > 0) throw new DcalcError('parse', "unmatched '{'", this.loc(this.toks[stack[stack.length - 1]!]!.s));
  }

  /** Source offset → 1-based line and code-point column. */
  loc(offset: number): SourceLoc {
    return offsetToLoc(this.src, offset);
  }

  private fail(message: string, t: Tok | undefined): never {
    throw new DcalcError('parse', message, this.loc(t ? t.s : this.src.length));
  }

  private unsupported(t: Tok): never {
    return this.fail(`unsupported LaTeX command \\${t.v}${HINTS[t.v] ?? ''}`, t);
  }

  // ---- token helpers ----

  /** The index of the next token at or after i that is not whitespace (nor a newline when `nl`). */
  private skipWs(i: number, to: number, nl = false): number {
    while (i < to) {
      const t = this.toks[i]!;
      if (t.k === 'ws' || (nl && t.k === 'nl') || (t.k === 'sym' && /^[,;:! ]$/.test(t.v)) || (t.k === 'cmd' && SPACES.has(t.v))) i++;
      else break;
    }
    return i;
  }

  /** Past the token at i: a group counts as one. */
  private after(i: number): number {
    const t = this.toks[i]!;
    return t.k === 'lb' ? this.match[i]! + 1 : i + 1;
  }

  /** A command's argument: a brace group or a single token (whitespace skipped). */
  private arg(i: number, to: number, owner: Tok): { from: number; to: number; next: number } {
    const j = this.skipWs(i, to, true);
    const t = this.toks[j];
    if (j >= to || !t || t.k === 'rb') this.fail(`\\${owner.v} needs an argument`, owner);
    if (t.k === 'lb') return { from: j + 1, to: this.match[j]!, next: this.match[j]! + 1 };
    // \hat\mathbf{x}: a command with its own argument
    if (t.k === 'cmd' && (NAME_FONTS.has(t.v) || TEXT_FONTS.has(t.v) || t.v in ACCENTS)) {
      this.enter(t);
      const inner = this.arg(j + 1, to, t);
      this.depth--;
      return { from: j, to: inner.next, next: inner.next };
    }
    return { from: j, to: j + 1, next: j + 1 };
  }

  /** A compact key of tokens [from, to): commands with their backslash, no whitespace. */
  private key(from: number, to: number): string {
    let s = '';
    for (let i = from; i < to; i++) {
      const t = this.toks[i]!;
      if (t.k === 'ws' || t.k === 'nl') continue;
      s += t.k === 'cmd' ? `\\${t.v}` : t.k === 'sym' ? `\\${t.v}` : t.v;
    }
    return s;
  }

  /** The raw source of tokens [from, to). */
  private raw(from: number, to: number): string {
    if (from >= to) return '';
    return this.src.slice(this.toks[from]!.s, this.toks[to - 1]!.e);
  }

  /** Translate tokens [from, to) straight into out, one level deeper. */
  private nested(from: number, to: number, out: Out, ctx: Ctx, owner: Tok): void {
    this.enter(owner);
    this.range(from, to, out, ctx);
    this.depth--;
  }

  /**
   * The translation of a short argument (to decide whether it needs parentheses), or
   * undefined for a long one, which is translated in place: copying long translations
   * into their parents would make deep nesting quadratic.
   */
  private small(from: number, to: number, ctx: Ctx, owner: Tok): Out | undefined {
    if (to - from > 40) return undefined;
    this.enter(owner);
    const o = this.sub(from, to, ctx);
    this.depth--;
    return o;
  }

  private sub(from: number, to: number, ctx: Ctx): Out {
    const o = new Out();
    this.range(from, to, o, ctx);
    return o;
  }

  private enter(t: Tok): void {
    if (++this.depth > MAX_GROUP_DEPTH) throw new DcalcError('limit', `nesting deeper than ${MAX_GROUP_DEPTH}`, this.loc(t.s));
  }

  // ---- the program: statements ----

  translate(): Out {
    const out = new Out();
    const toks = this.toks;
    const n = toks.length;
    let rows = 0; // depth of row environments (aligned, …)
    let start = 0;
    let paren = 0;
    let i = 0;
    const flush = (end: number) => {
      this.statement(start, end, out);
    };
    while (i < n) {
      const t = toks[i]!;
      if (t.k === 'lb') {
        i = this.match[i]! + 1;
        continue;
      }
      if (t.k === 'ch' && (t.v === '(' || t.v === '[')) paren++;
      else if (t.k === 'ch' && (t.v === ')' || t.v === ']')) paren = Math.max(0, paren - 1);
      let sep: string | undefined;
      let next = i + 1;
      if (t.k === 'nl') {
        if (rows === 0 && paren === 0 && !this.continues(start, i)) sep = '\n';
      } else if (t.k === 'ch' && t.v === ';') sep = ';';
      else if (t.k === 'ch' && t.v === '$') sep = ';';
      else if (t.k === 'sym' && (t.v === '[' || t.v === ']' || t.v === '(' || t.v === ')')) sep = ';';
      else if (t.k === 'sym' && t.v === '\\') {
        // `\\[2pt]`: an optional row spacing
        if (toks[i + 1]?.k === 'ch' && toks[i + 1]!.v === '[') {
          let j = i + 2;
          while (j < n && !(toks[j]!.k === 'ch' && toks[j]!.v === ']')) j++;
          next = Math.min(n, j + 1);
        }
        sep = this.continuationRow(next) ? undefined : ';';
      } else if (t.k === 'cmd' && (t.v === 'begin' || t.v === 'end')) {
        const a = this.arg(i + 1, n, t);
        const env = this.raw(a.from, a.to).trim();
        if (!ENVIRONMENTS.has(env)) this.fail(`unsupported LaTeX environment ${env}`, t);
        if (ROW_ENVIRONMENTS.has(env)) rows = Math.max(0, rows + (t.v === 'begin' ? 1 : -1));
        sep = ';';
        next = a.next;
        // alignat{2}: a column count
        if (t.v === 'begin' && /^alignat/.test(env) && toks[next]?.k === 'lb') next = this.match[next]! + 1;
      }
      if (sep !== undefined) {
        flush(i);
        // no empty statements: `\begin{aligned}`, `\\` at the end of a row
        const last = out.lastNonSpace();
        if (sep === '\n' || (last !== '' && last !== ';' && last !== '\n')) out.push(sep === ';' ? '; ' : sep, t.s, t.e);
        start = next;
        paren = 0;
      } else if (t.k === 'sym' && t.v === '\\') {
        // a continuation row: the statement spans both rows; `\\` is whitespace
        this.skipped.add(i);
      } else if (t.k === 'nl' && (rows > 0 || paren > 0 || this.continues(start, i))) {
        this.skipped.add(i);
      }
      i = next;
    }
    flush(n);
    out.trimEnd();
    return out;
  }

  /** Tokens that translate as a space (newlines inside rows, continued-row breaks). */
  private readonly skipped = new Set<number>();

  /** Whether the statement [start, i) ends with an operator, so that a newline continues it. */
  private continues(start: number, i: number): boolean {
    let j = i - 1;
    while (j >= start && (this.toks[j]!.k === 'ws' || this.toks[j]!.k === 'nl')) j--;
    if (j < start) return false;
    const t = this.toks[j]!;
    if (t.k === 'ch') return /^[-+*/=,:^_(\[−·⊙⊗⊘∘∈]$/.test(t.v);
    if (t.k === 'cmd') return t.v in OPERATORS || t.v === 'in' || t.v === 'left' || SIZED.has(t.v);
    return false;
  }

  /** Whether the row after a `\\` at i continues the row above: `& + …`, `&\quad - …`. */
  private continuationRow(i: number): boolean {
    const n = this.toks.length;
    let j = i;
    while (j < n && (this.toks[j]!.k === 'ws' || this.toks[j]!.k === 'nl')) j++;
    if (!(this.toks[j]?.k === 'ch' && this.toks[j]!.v === '&')) return false;
    j++;
    let spaced = false;
    while (j < n) {
      const t = this.toks[j]!;
      if (t.k === 'ws' || t.k === 'nl' || (t.k === 'cmd' && SPACES.has(t.v)) || (t.k === 'sym' && /^[,;: ]$/.test(t.v))) {
        if (t.k !== 'ws' && t.k !== 'nl') spaced = true;
        j++;
      } else break;
    }
    const t = this.toks[j];
    if (!t) return false;
    if (t.k === 'cmd' && t.v in OPERATORS) return true;
    if (t.k === 'ch' && (t.v === '+' || t.v === '*' || t.v === '/' || t.v === '·' || t.v === '⊙')) return true;
    if (t.k === 'ch' && (t.v === '-' || t.v === '−')) return spaced || this.toks[j + 1]?.k === 'ws';
    return false;
  }

  /** One statement, tokens [from, to). */
  private statement(from: number, to: number, out: Out): void {
    const toks = this.toks;
    let a = from;
    // leading spaces and alignment marks
    while (a < to && (toks[a]!.k === 'ws' || toks[a]!.k === 'nl' || (toks[a]!.k === 'ch' && toks[a]!.v === '&'))) a++;
    let b = to;
    while (b > a && (toks[b - 1]!.k === 'ws' || toks[b - 1]!.k === 'nl')) b--;
    if (a >= b) return;
    // a trailing `,` or `.` ends a displayed formula
    if (toks[b - 1]!.k === 'ch' && (toks[b - 1]!.v === ',' || toks[b - 1]!.v === '.')) {
      b--;
      while (b > a && toks[b - 1]!.k === 'ws') b--;
    }
    const topLevel = (pred: (t: Tok) => boolean): number => {
      for (let i = a; i < b; i = this.after(i)) if (pred(toks[i]!)) return i;
      return -1;
    };
    const eq = topLevel((t) => t.k === 'ch' && t.v === '=');
    const result = eq >= 0;
    if (eq >= 0 && this.isDerivativeLhs(a, eq)) {
      // the left side of a displayed result: \frac{\partial L}{\partial W} =, \nabla_W L =
      a = eq + 1;
    } else if (eq >= 0) {
      // L(W, b) = …: the arguments of the defined name are dropped
      const lhs = this.lhsArgs(a, eq);
      if (lhs) {
        this.range(a, lhs.nameEnd, out, { decl: false });
        out.space(toks[lhs.nameEnd]!.s, toks[lhs.nameEnd]!.s);
        a = eq;
      }
    }
    const inAt = topLevel((t) => t.k === 'cmd' && t.v === 'in');
    if (inAt >= 0) {
      if (!result) {
        this.declaration(a, inAt, b, out);
        return;
      }
      // a result's shape annotation: … \in \mathbb{R}^{M \times 1}
      b = inAt;
      while (b > a && toks[b - 1]!.k === 'ws') b--;
    }
    const decl = topLevel((t) => t.k === 'ch' && t.v === ':') >= 0;
    this.range(a, b, out, { decl });
  }

  /** Whether tokens [a, eq) are `\frac{\partial …}{\partial …}`, `\nabla_W L`, `\partial L / \partial W`. */
  private isDerivativeLhs(a: number, eq: number): boolean {
    let i = a;
    while (i < eq && this.toks[i]!.k === 'ws') i++;
    let j = eq;
    while (j > i && (this.toks[j - 1]!.k === 'ws' || (this.toks[j - 1]!.k === 'ch' && this.toks[j - 1]!.v === '&'))) j--;
    if (i >= j) return false;
    const t = this.toks[i]!;
    if (t.k === 'cmd' && (t.v === 'nabla' || t.v === 'partial')) return true;
    if (t.k === 'cmd' && /^[dtc]?frac$/.test(t.v)) {
      const num = this.arg(i + 1, eq, t);
      const first = this.skipWs(num.from, num.to);
      const f = this.toks[first];
      return !!f && f.k === 'cmd' && f.v === 'partial';
    }
    return false;
  }

  /** `L(W, b) =`: the end of the name when [a, eq) is a name followed by a parenthesised list. */
  private lhsArgs(a: number, eq: number): { nameEnd: number } | undefined {
    let j = eq;
    while (j > a && (this.toks[j - 1]!.k === 'ws' || (this.toks[j - 1]!.k === 'ch' && this.toks[j - 1]!.v === '&'))) j--;
    const close = this.toks[j - 1];
    if (!close || !(close.k === 'ch' && close.v === ')')) return undefined;
    // find the matching '(' (possibly \left( … \right))
    let depth = 0;
    let k = j - 1;
    for (; k >= a; k--) {
      const t = this.toks[k]!;
      if (t.k === 'ch' && t.v === ')') depth++;
      else if (t.k === 'ch' && t.v === '(' && --depth === 0) break;
    }
    if (k < a) return undefined;
    let nameEnd = k;
    if (nameEnd - 1 >= a && this.toks[nameEnd - 1]!.k === 'cmd' && this.toks[nameEnd - 1]!.v === 'left') nameEnd--;
    if (nameEnd <= a) return undefined;
    // the name: letters, digits, subscripts and name commands only
    for (let i = a; i < nameEnd; i = this.after(i)) {
      const t = this.toks[i]!;
      if (t.k === 'ch' && !/^[\p{L}\p{M}\p{N}_]$/u.test(t.v)) return undefined;
      if (t.k === 'cmd' && !(t.v in GREEK || NAME_FONTS.has(t.v) || TEXT_FONTS.has(t.v) || t.v in ACCENTS)) return undefined;
      if (t.k === 'sym' || t.k === 'nl') return undefined;
    }
    // the parenthesis must hold names and commas only (not L = (a + b)(c))
    const inner = this.key(k + 1, j - 1).replace(/\\right$/, '');
    if (!/^[\p{L}\p{M}\p{N}_,{}\\ ]*$/u.test(inner)) return undefined;
    return { nameEnd };
  }

  /**
   * `X, Y \in \mathbb{R}^{N \times M}` → `X, Y: N×M`; `t \in \mathbb{R}` → `t: scalar`; a
   * list of them separated by commas (in --let): `x \in \mathbb{R}^{n}, A \in …`.
   */
  private declaration(a0: number, inAt0: number, b: number, out: Out): void {
    let a = a0;
    let inAt = inAt0;
    for (;;) {
      const next = this.oneDeclaration(a, inAt, b, out);
      if (!next) return;
      [a, inAt] = next;
    }
  }

  /** One declaration; the start and the `\in` of the next one in the list, if any. */
  private oneDeclaration(a: number, inAt: number, b: number, out: Out): [number, number] | undefined {
    const toks = this.toks;
    let end = inAt;
    while (end > a && toks[end - 1]!.k === 'ws') end--;
    this.range(a, end, out, { decl: true });
    const inTok = toks[inAt]!;
    let i = this.skipWs(inAt + 1, b);
    const t = toks[i];
    let ok = false;
    if (t && t.k === 'cmd' && (t.v === 'mathbb' || t.v === 'mathbf' || t.v === 'Bbb')) {
      const arg = this.arg(i + 1, b, t);
      ok = this.key(arg.from, arg.to) === 'R';
      i = arg.next;
    } else if (t && t.k === 'cmd' && (t.v === 'R' || t.v === 'Re' || t.v === 'reals')) {
      ok = true;
      i++;
    } else if (t && t.k === 'ch' && (t.v === 'ℝ' || t.v === 'R')) {
      ok = true;
      i++;
    }
    if (!ok) this.fail('a declaration needs a real space: X \\in \\mathbb{R}^{N \\times M}', t ?? inTok);
    out.push(':', inTok.s, inTok.e);
    const j = this.skipWs(i, b);
    const sup = toks[j];
    if (!sup || !(sup.k === 'ch' && sup.v === '^')) {
      out.push(' scalar', inTok.s, t!.e);
      i = j;
    } else {
      const arg = this.arg(j + 1, b, { k: 'cmd', v: '^', s: sup.s, e: sup.e });
      // split at a top-level \times (or ×)
      const parts: [number, number][] = [];
      let s = arg.from;
      for (let k = arg.from; k < arg.to; k = this.after(k)) {
        const x = toks[k]!;
        if ((x.k === 'cmd' && (x.v === 'times' || x.v === 'cdot')) || (x.k === 'ch' && (x.v === '×' || x.v === '*'))) {
          if (x.k === 'cmd' && x.v === 'cdot') continue;
          parts.push([s, k]);
          s = k + 1;
        }
      }
      parts.push([s, arg.to]);
      if (parts.length > 2) this.fail('a size has at most two dimensions (rows × columns)', sup);
      const dims = parts.map(([f, e]) => this.dimension(f, e, sup));
      out.push(' ', sup.s, sup.s);
      out.append(dims[0]!);
      if (dims.length === 2) {
        const x = toks[parts[0]![1]]!;
        out.push('×', x.s, x.e);
        out.append(dims[1]!);
      } else out.push('×1', sup.s, sup.e);
      i = arg.next;
    }
    // another declaration: `x \in \mathbb{R}^{n}, A \in \mathbb{R}^{n \times n}` (in --let)
    const comma = this.skipWs(i, b);
    if (comma < b && toks[comma]!.k === 'ch' && toks[comma]!.v === ',') {
      let next = -1;
      for (let k = comma + 1; k < b; k = this.after(k)) if (toks[k]!.k === 'cmd' && toks[k]!.v === 'in') { next = k; break; }
      if (next >= 0) {
        out.push(', ', toks[comma]!.s, toks[comma]!.e);
        return [this.skipWs(comma + 1, b, true), next];
      }
    }
    // assumptions after the space: \text{symmetric}, …
    if (i < b) {
      out.space(toks[i]!.s, toks[i]!.s);
      this.range(i, b, out, { decl: true });
    }
    return undefined;
  }

  /** A dimension: an integer, a name, or a product (`m n`, `m \cdot n` → m·n). */
  private dimension(from: number, to: number, owner: Tok): Out {
    const o = this.sub(from, to, { decl: true });
    if (o.s.trim() === '') this.fail('a size is missing', owner);
    // `m n` is a product of sizes
    const trimmedStart = o.s.length - o.s.trimStart().length;
    const res = new Out();
    const body = o.s.trim();
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      const at = trimmedStart + i;
      if (c === ' ') {
        if (/[\p{L}\p{N}]/u.test(body[i - 1] ?? '') && /[\p{L}\p{N}]/u.test(body[i + 1] ?? '')) res.push('·', o.src[at]!, o.end[at]!);
        continue;
      }
      res.push(c, o.src[at]!, o.end[at]!);
    }
    return res;
  }

  // ---- expressions ----

  /** Translate tokens [from, to) into out. */
  private range(from: number, to: number, out: Out, ctx: Ctx): void {
    let i = from;
    while (i < to) i = this.step(i, to, out, ctx);
  }

  /** Translate the token at i (and what it takes); returns the next index. */
  private step(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    switch (t.k) {
      case 'ws':
        out.space(t.s, t.e);
        return i + 1;
      case 'nl':
        if (this.skipped.has(i)) out.space(t.s, t.e);
        else out.push('\n', t.s, t.e);
        return i + 1;
      case 'lb': {
        const close = this.match[i]!;
        if (close === i + 1) return close + 1; // {}: nothing
        const rb = this.toks[close]!;
        out.push('(', t.s, t.e);
        this.nested(i + 1, close, out, ctx, t);
        out.push(')', rb.s, rb.e);
        return this.scripts(close + 1, to, out, ctx);
      }
      case 'rb':
        return this.fail("unmatched '}'", t);
      case 'sym':
        return this.symbol(i, to, out, ctx);
      case 'cmd':
        return this.command(i, to, out, ctx);
      case 'ch':
        return this.char(i, to, out, ctx);
    }
  }

  private char(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    const c = t.v;
    if (/[A-Za-z]/.test(c) || /^\p{L}$/u.test(c)) return this.letters(i, to, out, ctx);
    if (/[0-9.]/.test(c)) return this.number(i, to, out, ctx);
    switch (c) {
      case '&':
        return i + 1;
      case '~':
        out.space(t.s, t.e);
        return i + 1;
      case '$':
        return i + 1;
      case '[':
        out.push('(', t.s, t.e);
        return i + 1;
      case ']':
        out.push(')', t.s, t.e);
        return this.scripts(i + 1, to, out, ctx);
      case ')':
        out.copy(c, t.s);
        return this.scripts(i + 1, to, out, ctx);
      case '^':
        return this.superscript(i, to, out, ctx);
      case '_':
        return this.fail('a subscript is only supported on a name (W_1) or a norm (\\|X\\|_F)', t);
      case '|':
        // `||` is a norm bar in dcalc; a single `|` is dcalc's too: |Σ| is det Σ of a
        // square matrix, the absolute value of a scalar (\log|\Sigma|)
        if (this.toks[i + 1]?.k === 'ch' && this.toks[i + 1]!.v === '|') return this.bar(i, i + 2, to, out, ctx);
        out.copy(c, t.s);
        return this.scripts(i + 1, to, out, ctx);
      case '‖':
        return this.bar(i, i + 1, to, out, ctx);
      default:
        out.copy(c, t.s);
        return i + 1;
    }
  }

  /** A run of letters (and digits after them), with its scripts: `XW`, `W1`, `W_{1}^\top`. */
  private letters(i: number, to: number, out: Out, ctx: Ctx): number {
    let j = i;
    let text = '';
    const start = this.toks[i]!.s;
    while (j < to) {
      const t = this.toks[j]!;
      if (t.k === 'ch' && (/^[\p{L}\p{M}]$/u.test(t.v) || (/[0-9]/.test(t.v) && text !== ''))) {
        // `ᵀ` is a transpose, not a letter
        if (t.v === 'ᵀ') break;
        text += t.v;
        j++;
      } else break;
    }
    // A lone `ᵀ` (no letters before it): copy it as it is, and move on.
    if (j === i) {
      const t = this.toks[i]!;
      out.copy(t.v, t.s);
      return i + 1;
    }
    // e^{x} is exp(x)
    if (text === 'e' && this.toks[j]?.k === 'ch' && this.toks[j]!.v === '^' && !(this.names?.has('e'))) {
      const sup = this.toks[j]!;
      const a = this.arg(j + 1, to, { k: 'cmd', v: '^', s: sup.s, e: sup.e });
      out.push('exp', start, this.toks[j]!.e, true);
      out.push('(', sup.s, sup.e);
      this.nested(a.from, a.to, out, ctx, sup);
      out.push(')', this.toks[a.next - 1]!.s, this.toks[a.next - 1]!.e);
      return a.next;
    }
    return this.name(text, start, this.toks[j - 1]!.e, j, to, out, ctx, false);
  }

  /**
   * A name (base text from source [s, e)) followed by scripts at j: its subscript joins
   * the name, superscripts follow. `verbatim` is false for a command's translation.
   */
  private name(base: string, s: number, e: number, j: number, to: number, out: Out, ctx: Ctx, word: boolean, verbatim = !word): number {
    // scripts: _ and ^ in either order
    let sub: Out | undefined;
    let subTok: Tok | undefined;
    const sups: number[] = [];
    let k = j;
    for (;;) {
      const t = this.toks[k];
      if (!t || k >= to || t.k !== 'ch') break;
      if (t.v === '_' && !sub) {
        const a = this.arg(k + 1, to, { k: 'cmd', v: '_', s: t.s, e: t.e });
        sub = this.subscript(a.from, a.to, t);
        subTok = t;
        k = a.next;
      } else if (t.v === '^') {
        sups.push(k);
        const a = this.arg(k + 1, to, { k: 'cmd', v: '^', s: t.s, e: t.e });
        k = a.next;
      } else break;
    }
    const resolved = this.resolve(base, sub?.s);
    if (verbatim && resolved.base === base) out.copy(base, s);
    else out.push(resolved.base, s, sub && resolved.sub === '' ? this.toks[k - 1]!.e : e, word);
    if (sub && subTok && resolved.sub !== '') {
      out.push('_', subTok.s, subTok.e);
      if (resolved.sub === sub.s) out.append(sub);
      else out.push(resolved.sub, subTok.s, subTok.e);
    }
    for (const p of sups) this.superscript(p, to, out, ctx);
    return k;
  }

  /**
   * The name a LaTeX name stands for: `W_{1}` is W1 when the known names have W1 and not
   * W_1; `\hat{y}` is ŷ, y + U+0302 or y_hat, whichever is known. Returns the base and
   * the subscript text (after `_`), or the subscript folded into the base.
   */
  private resolve(base: string, sub: string | undefined): { base: string; sub: string } {
    const composed = base.normalize('NFC');
    const dflt = { base: composed, sub: sub ?? '' };
    const names = this.names;
    if (!names) return dflt;
    const bases = [composed, base.normalize('NFD')];
    const hatted = /^(\p{L})\u0302$/u.exec(base.normalize('NFD'));
    if (hatted) bases.push(`${hatted[1]}_hat`);
    const cands: { base: string; sub: string; full: string }[] = [];
    for (const b of bases) {
      if (sub === undefined) cands.push({ base: b, sub: '', full: b });
      else {
        cands.push({ base: b, sub, full: `${b}_${sub}` });
        if (/^[0-9]+$/.test(sub)) {
          cands.push({ base: `${b}${sub}`, sub: '', full: `${b}${sub}` });
          const subDigits = [...sub].map((d) => SUBSCRIPT_DIGITS[Number(d)]).join('');
          cands.push({ base: `${b}${subDigits}`, sub: '', full: `${b}${subDigits}` });
        }
      }
    }
    for (const c of cands) if (names.has(c.full)) return { base: c.base, sub: c.sub };
    // a run of letters `XW_{1}`: the last letter takes the subscript (X·W1)
    const units = composed.match(/\p{L}\p{M}*/gu) ?? [];
    if (units.length > 1 && sub !== undefined) {
      const head = units.slice(0, -1).join('');
      const last = this.resolve(units[units.length - 1]!, sub);
      if (last.base !== units[units.length - 1] || last.sub !== sub) return { base: head + last.base, sub: last.sub };
    }
    return dflt;
  }

  /** A subscript's text: letters and digits (`_{12}`, `_{i}`, `_{\text{out}}`). */
  private subscript(from: number, to: number, owner: Tok): Out {
    const o = this.sub(from, to, { decl: false });
    const text = o.s.replace(/ /g, '');
    if (!/^[\p{L}\p{M}\p{N}_]+$/u.test(text)) this.fail('a subscript must be letters and digits (W_1, x_{i}, W_{\\text{out}})', owner);
    if (text === o.s) return o;
    const res = new Out();
    for (let i = 0; i < o.s.length; i++) if (o.s[i] !== ' ') res.push(o.s[i]!, o.src[i]!, o.end[i]!);
    return res;
  }

  /** A number, with `\cdot 10^{k}` folded into its exponent: `1.5 \cdot 10^{-7}` → 1.5e-7. */
  private number(i: number, to: number, out: Out, ctx: Ctx): number {
    let j = i;
    let text = '';
    while (j < to && this.toks[j]!.k === 'ch' && /[0-9.]/.test(this.toks[j]!.v)) text += this.toks[j++]!.v;
    const start = this.toks[i]!.s;
    // `\cdot 10^{-7}`
    const k = this.skipWs(j, to);
    const op = this.toks[k];
    if (op && op.k === 'cmd' && (op.v === 'cdot' || op.v === 'times') && /^[0-9]*\.?[0-9]+$/.test(text)) {
      const m = this.skipWs(k + 1, to);
      if (this.key(m, Math.min(m + 3, to)) === '10^' && this.toks[m]!.v === '1' && this.toks[m + 1]?.v === '0' && this.toks[m + 2]?.v === '^') {
        const sup = this.toks[m + 2]!;
        const a = this.arg(m + 3, to, { k: 'cmd', v: '^', s: sup.s, e: sup.e });
        const exp = this.key(a.from, a.to);
        if (/^[-+]?[0-9]+$/.test(exp)) {
          out.copy(text, start);
          out.push(`e${exp.replace(/^\+/, '')}`, op.s, this.toks[a.next - 1]!.e);
          return this.scripts(a.next, to, out, ctx);
        }
      }
    }
    out.copy(text, start);
    return j;
  }

  /** `^…` at i: a transpose, an inverse transpose, a Hadamard power or a power. */
  private superscript(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    const a = this.arg(i + 1, to, { k: 'cmd', v: '^', s: t.s, e: t.e });
    const key = this.key(a.from, a.to);
    const endTok = this.toks[a.next - 1]!;
    if (TRANSPOSE_KEYS.has(key)) {
      out.push('ᵀ', t.s, endTok.e);
      return a.next;
    }
    if (key.startsWith('-') && TRANSPOSE_KEYS.has(key.slice(1))) {
      out.push('^{-1}ᵀ', t.s, endTok.e);
      return a.next;
    }
    // a Hadamard power: A^{\circ 2}
    let from = a.from;
    let op = '^';
    const first = this.toks[this.skipWs(from, a.to)];
    if (first && first.k === 'cmd' && first.v === 'circ') {
      op = '.^';
      from = this.skipWs(from, a.to) + 1;
    }
    if (this.skipWs(from, a.to, true) >= a.to) this.fail('an exponent is missing', t);
    out.push(op, t.s, t.e);
    const inner = this.small(from, a.to, ctx, t);
    if (inner && SIMPLE.test(inner.s)) out.append(inner);
    else {
      out.push('{', t.s, t.e);
      if (inner) out.append(inner);
      else this.nested(from, a.to, out, ctx, t);
      out.push('}', endTok.s, endTok.e);
    }
    return a.next;
  }

  /** Scripts after a closing bracket or a group: only superscripts. */
  private scripts(j: number, to: number, out: Out, ctx: Ctx): number {
    let k = j;
    while (k < to) {
      const t = this.toks[k]!;
      if (t.k === 'ch' && t.v === '^') k = this.superscript(k, to, out, ctx);
      else if (t.k === 'ch' && t.v === '_') this.fail('a subscript is only supported on a name (W_1) or a norm (\\|X\\|_F)', t);
      else break;
    }
    return k;
  }

  /** A norm bar (tokens [i, j)) with its scripts: `‖`, `‖_F`, `‖_2^2`, `‖^2_2`. */
  private bar(i: number, j: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    let sub: string | undefined;
    let subTok: Tok | undefined;
    const sups: number[] = [];
    let k = j;
    for (;;) {
      const s = this.toks[k];
      if (!s || k >= to || s.k !== 'ch') break;
      if (s.v === '_' && sub === undefined) {
        const a = this.arg(k + 1, to, { k: 'cmd', v: '_', s: s.s, e: s.e });
        const key = this.key(a.from, a.to).replace(/^\\(?:mathrm|text|mathit|operatorname|rm|mathsf)\{?([^{}]*)\}?$/, '$1');
        if (!/^(?:1|2|F)$/.test(key)) this.fail('a norm subscript is 1, 2 or F', s);
        sub = key;
        subTok = s;
        k = a.next;
      } else if (s.v === '^') {
        sups.push(k);
        k = this.arg(k + 1, to, { k: 'cmd', v: '^', s: s.s, e: s.e }).next;
      } else break;
    }
    out.push('‖', t.s, this.toks[j - 1]!.e);
    if (sub !== undefined && subTok) out.push(`_${sub}`, subTok.s, subTok.e);
    for (const p of sups) this.superscript(p, to, out, ctx);
    return k;
  }

  private symbol(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    switch (t.v) {
      case ',':
      case ';':
      case ':':
      case '!':
      case ' ':
      case '>':
        out.space(t.s, t.e);
        return i + 1;
      case '|':
        return this.bar(i, i + 1, to, out, ctx);
      case '{':
        out.push('(', t.s, t.e);
        return i + 1;
      case '}':
        out.push(')', t.s, t.e);
        return this.scripts(i + 1, to, out, ctx);
      case '_':
        out.push('_', t.s, t.e);
        return i + 1;
      case '\\':
        if (this.skipped.has(i)) out.space(t.s, t.e);
        else out.push(';', t.s, t.e);
        return i + 1;
      case '[':
      case ']':
      case '(':
      case ')':
        return i + 1;
      default:
        return this.fail(`unsupported LaTeX command \\${t.v}`, t);
    }
  }

  private command(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    const v = t.v;
    if (v === 'sigma' && this.opensArgument(i + 1, to)) {
      // σ(…) is the sigmoid
      out.push('σ', t.s, t.e, true);
      return this.functionArg(i + 1, to, out, ctx);
    }
    if (v in GREEK) return this.name(GREEK[v]!, t.s, t.e, i + 1, to, out, ctx, true);
    if (v in OPERATORS) {
      out.push(v === 'times' && ctx.decl ? '×' : OPERATORS[v]!, t.s, t.e);
      return i + 1;
    }
    if (SPACES.has(v)) {
      out.space(t.s, t.e);
      return i + 1;
    }
    if (IGNORED.has(v)) return i + 1;
    if (IGNORED_WITH_ARG.has(v)) return this.arg(i + 1, to, t).next;
    if (v === 'log') {
      // \log\det is logdet
      const j = this.skipWs(i + 1, to);
      const d = this.toks[j];
      if (d && j < to && d.k === 'cmd' && d.v === 'det') {
        out.push('logdet', t.s, d.e, true);
        return this.functionArg(j + 1, to, out, ctx);
      }
    }
    const fn = FUNCTION_COMMANDS.get(v);
    if (fn) {
      out.push(fn, t.s, t.e, true);
      return this.functionArg(i + 1, to, out, ctx);
    }
    if (v === 'sqrt') {
      const j = this.skipWs(i + 1, to);
      const n = this.toks[j];
      if (n && n.k === 'ch' && n.v === '[') this.fail('\\sqrt[n] is not supported (write x^{1/n})', n);
      out.push('sqrt', t.s, t.e, true);
      return this.functionArg(i + 1, to, out, ctx);
    }
    if (/^[dtc]?frac$/.test(v)) return this.frac(i, to, out, ctx);
    if (v === 'top' || v === 'intercal') {
      out.push('ᵀ', t.s, t.e);
      return i + 1;
    }
    if (v === 'lVert' || v === 'rVert' || v === 'Vert') return this.bar(i, i + 1, to, out, ctx);
    if (v === 'lvert') {
      out.push('abs(', t.s, t.e, true);
      return i + 1;
    }
    if (v === 'rvert') {
      out.push(')', t.s, t.e);
      return this.scripts(i + 1, to, out, ctx);
    }
    if (SIZED.has(v)) return this.sized(i, to, out, ctx);
    if (v === 'in') {
      out.push('∈', t.s, t.e);
      return i + 1;
    }
    if (v === 'mathbb' || v === 'Bbb') {
      const a = this.arg(i + 1, to, t);
      if (this.key(a.from, a.to) !== 'R') this.fail(`unsupported LaTeX command \\${v}{${this.raw(a.from, a.to)}}`, t);
      out.push('ℝ', t.s, this.toks[a.next - 1]!.e, true);
      return a.next;
    }
    if (v in ACCENTS) return this.accent(i, to, out, ctx);
    if (NAME_FONTS.has(v) || TEXT_FONTS.has(v)) return this.font(i, to, out, ctx);
    if (v === 'begin' || v === 'end') {
      const a = this.arg(i + 1, to, t);
      const env = this.raw(a.from, a.to).trim();
      if (!ENVIRONMENTS.has(env)) this.fail(`unsupported LaTeX environment ${env}`, t);
      out.push(';', t.s, t.e);
      return a.next;
    }
    if (FUNCTIONS.has(v) && !NOT_FUNCTION_COMMANDS.has(v)) {
      // \tr, \diag, \softmax: a command named like a dcalc function
      out.push(v, t.s, t.e, true);
      return this.functionArg(i + 1, to, out, ctx);
    }
    return this.unsupported(t);
  }

  /** After a function name: a brace group is its argument, `\log{x}` → log(x); otherwise as written. */
  private functionArg(j0: number, to: number, out: Out, ctx: Ctx): number {
    // TeX ignores the space in `\log (x)`: the parenthesis is the argument
    const j = this.opensArgument(j0, to) ? this.skipWs(j0, to) : j0;
    const t = this.toks[j];
    if (t && j < to && t.k === 'lb') {
      const close = this.match[j]!;
      out.push('(', t.s, t.e);
      this.nested(j + 1, close, out, ctx, t);
      out.push(')', this.toks[close]!.s, this.toks[close]!.e);
      return this.scripts(close + 1, to, out, ctx);
    }
    // \log^2 x and friends are not supported: the power of a function name is ambiguous
    if (t && j < to && t.k === 'ch' && (t.v === '^' || t.v === '_')) this.fail(`a ${t.v === '^' ? 'power' : 'subscript'} of a function name is not supported (write (\\log x)^2)`, t);
    return j;
  }

  /** Whether the next token after spaces opens an argument: `(`, `\left(`, `{`, `[`. */
  private opensArgument(j: number, to: number): boolean {
    const k = this.skipWs(j, to);
    const t = this.toks[k];
    if (!t || k >= to) return false;
    return t.k === 'lb' || (t.k === 'ch' && (t.v === '(' || t.v === '[')) || (t.k === 'cmd' && SIZED.has(t.v) && t.v !== 'right' && !/r$/.test(t.v));
  }

  /** `\frac{a}{b}` → `(a/b)`, parts parenthesised unless a single name or number. */
  private frac(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    const num = this.arg(i + 1, to, t);
    const den = this.arg(num.next, to, t);
    if (this.skipWs(num.from, num.to, true) >= num.to) this.fail('\\frac has an empty numerator', t);
    if (this.skipWs(den.from, den.to, true) >= den.to) this.fail('\\frac has an empty denominator', t);
    const a = this.small(num.from, num.to, ctx, t);
    const b = this.small(den.from, den.to, ctx, t);
    // each parenthesis maps to its brace (or to \frac when the argument is one token)
    const open = (arg: { from: number; next: number }) => (this.toks[arg.from - 1]?.k === 'lb' && arg.next - 1 > arg.from - 1 ? this.toks[arg.from - 1]! : t);
    const close = (arg: { next: number }) => this.toks[arg.next - 1]!;
    const end = close(den);
    out.push('(', t.s, t.e);
    for (const [arg, o, sep] of [[num, a, '/'], [den, b, '']] as const) {
      if (o && SIMPLE.test(o.s.trim())) out.append(o);
      else {
        out.push('(', open(arg).s, open(arg).e);
        if (o) out.append(o);
        else this.nested(arg.from, arg.to, out, ctx, t);
        out.push(')', close(arg).s, close(arg).e);
      }
      if (sep) out.push(sep, close(num).s, close(num).e);
    }
    out.push(')', end.s, end.e);
    return this.scripts(den.next, to, out, ctx);
  }

  /** `\left(`, `\right\|`, `\bigl[`, `\left.`: the delimiter after a sizing command. */
  private sized(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    const j = this.skipWs(i + 1, to);
    const d = this.toks[j];
    if (!d || j >= to) this.fail(`\\${t.v} needs a delimiter`, t);
    const opening = /^(left|bigl|Bigl|biggl|Biggl)$/.test(t.v);
    const closing = /^(right|bigr|Bigr|biggr|Biggr)$/.test(t.v);
    const k = d.k === 'cmd' || d.k === 'sym' ? `\\${d.v}` : d.v;
    const next = j + 1;
    switch (k) {
      case '(':
      case '[':
      case '\\{':
      case '\\lbrack':
      case '\\lbrace':
        out.push('(', t.s, d.e);
        return next;
      case ')':
      case ']':
      case '\\}':
      case '\\rbrack':
      case '\\rbrace':
        out.push(')', t.s, d.e);
        return this.scripts(next, to, out, ctx);
      case '.':
        return next;
      case '\\|':
      case '\\Vert':
      case '\\lVert':
      case '\\rVert':
      case '‖':
        return this.bar(i, next, to, out, ctx);
      case '|':
      case '\\vert':
      case '\\lvert':
      case '\\rvert':
        if (opening || k === '\\lvert') {
          out.push('abs(', t.s, d.e, true);
          return next;
        }
        if (closing || k === '\\rvert') {
          out.push(')', t.s, d.e);
          return this.scripts(next, to, out, ctx);
        }
        return this.fail("a single '|' is not supported: write \\left| x \\right| for abs(x)", d);
      default:
        return this.fail(`unsupported delimiter after \\${t.v}`, d);
    }
  }

  /** `\hat{y}` → ŷ (the composed form where Unicode has one), `\bar{x}`, `\tilde{x}`. */
  private accent(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    const a = this.arg(i + 1, to, t);
    this.enter(t);
    const inner = this.sub(a.from, a.to, ctx);
    this.depth--;
    const body = inner.s.trim();
    if (!/^\p{L}\p{M}*$/u.test(body)) this.fail(`\\${t.v} of more than one letter is not supported`, t);
    const name = (body + ACCENTS[t.v]!).normalize('NFC');
    return this.name(name, t.s, this.toks[a.next - 1]!.e, a.next, to, out, ctx, true);
  }

  /** `\mathbf{x}`, `\operatorname{tr}`, `\mathrm{loss}`, `\operatorname{sum\_cols}`. */
  private font(i: number, to: number, out: Out, ctx: Ctx): number {
    const t = this.toks[i]!;
    const a = this.arg(i + 1, to, t);
    const end = this.toks[a.next - 1]!;
    // upright text: read literally (`\_` is `_`)
    const literal = this.raw(a.from, a.to).replace(/^\{|\}$/g, '').replace(/\\_/g, '_').replace(/\\[ ,;]/g, ' ').trim();
    let body: string;
    if (/^[A-Za-z][A-Za-z0-9_]*$/.test(literal)) body = literal;
    else if (/^[0-9]+$/.test(literal)) {
      const bold = NAME_FONTS.has(t.v) && t.v !== 'mathsf' && t.v !== 'mathtt';
      // \mathbf{1}, \mathbb{1}: the ones vector 𝟏, sized by its product (𝟏ᵀv)
      if (bold && literal === '1') {
        out.push('𝟏', t.s, end.e, true);
        return this.scripts(a.next, to, out, ctx);
      }
      if (bold) this.fail(`\\${t.v}{${literal}} (a unit vector) is not supported: write eye(n) or a declared vector`, t);
      out.push(literal, t.s, end.e, true);
      return this.scripts(a.next, to, out, ctx);
    } else {
      this.enter(t);
      const inner = this.sub(a.from, a.to, ctx);
      this.depth--;
      body = inner.s.trim();
      if (!/^\p{L}[\p{L}\p{M}\p{N}_]*$/u.test(body)) this.fail(`\\${t.v}{…} must hold a name`, t);
    }
    // a function name: \operatorname{tr}(X)
    if (FUNCTIONS.has(body) || MACROS.has(body)) {
      out.push(body, t.s, end.e, true);
      return this.functionArg(a.next, to, out, ctx);
    }
    return this.name(body, t.s, end.e, a.next, to, out, ctx, true);
  }
}

/** Source offset (UTF-16) → 1-based line and code-point column. */
function offsetToLoc(src: string, offset: number): SourceLoc {
  let line = 1;
  let col = 1;
  const stop = Math.min(offset, src.length);
  for (let i = 0; i < stop; i++) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      line++;
      col = 1;
    } else if (c < 0xdc00 || c > 0xdfff) col++;
  }
  return { line, column: col };
}

/** 1-based line and code-point column → offset (UTF-16) in text; past the end gives text.length. */
function locToOffset(text: string, loc: { line: number; column: number }): number {
  let line = 1;
  let i = 0;
  while (line < loc.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  let col = 1;
  while (col < loc.column && i < text.length && text[i] !== '\n') {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    col++;
  }
  // columns past the end of the line
  return i + Math.max(0, loc.column - col);
}

/**
 * Translates LaTeX to dcalc's input language. Throws a located `parse` DcalcError (at
 * the original position) for a command or construct that is not supported.
 */
export function latexToDcalc(text: string, opts: LatexOptions = {}): LatexTranslation {
  if (text.length > MAX_INPUT_BYTES / 4 && new TextEncoder().encode(text).length > MAX_INPUT_BYTES) {
    throw new DcalcError('limit', `input is larger than ${MAX_INPUT_BYTES} bytes`, { line: 1, column: 1 });
  }
  const tr = new Translator(text, opts.names);
  const out = tr.translate();
  const s = out.s;
  const mapLoc = (loc: { line: number; column: number }) => {
    const off = locToOffset(s, loc);
    let src: number;
    if (off < s.length) src = out.src[off]!;
    else if (s.length > 0) src = out.end[s.length - 1]! + (off - s.length);
    else src = 0;
    // just past a token (an error at the end of input): the end of what it came from
    if (off > 0 && off <= s.length && (off === s.length || /\s/.test(s[off]!)) && !/\s/.test(s[off - 1]!)) src = out.end[off - 1]!;
    return offsetToLoc(text, Math.min(src, text.length));
  };
  return { text: s, mapLoc };
}
