/**
 * How the builder tells a user what it made of notation that is plausible in more than
 * one way (CONTRACT §1): a fraction next to juxtaposition (`read as (1/2)‖r‖²`) and
 * the syntax printed back as it was grouped. The printer writes the tree as parsed,
 * with the parentheses its grouping needs, in the user's own notation.
 */
import type { Syn } from './syntax.js';

const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };

/** Binding strength of a syntax node, loosest first (as in grammar/dcalc.ne). */
function level(s: Syn): number {
  switch (s.t) {
    case 'bin':
      if (s.op === '+' || s.op === '-') return 1;
      if (s.op === 'juxt') return 4;
      if (s.op === '^' || s.op === '.^') return 5;
      return 2;
    case 'neg':
      return 3;
    case 'transpose':
      return 5;
    default:
      return 6;
  }
}

function numText(v: number): string {
  const vulgar: Record<string, string> = { '0.5': '1/2' };
  return vulgar[String(v)] ?? String(Number(v.toPrecision(12)));
}

const OP_TEXT: Record<string, string> = { '+': ' + ', '-': ' − ', '*': ' * ', '/': '/', '.*': ' ⊙ ', './': ' ⊘ ', kron: ' ⊗ ' };

/** Two juxtaposed operands, with a space where names or numbers would run together. */
function juxtapose(l: string, r: string): string {
  const runTogether = (/[\p{L}_]$/u.test(l) && /^[\p{L}\p{N}]/u.test(r)) || (/\p{N}$/u.test(l) && /^\p{N}/u.test(r));
  return runTogether ? `${l} ${r}` : `${l}${r}`;
}

/** The syntax tree as text, parenthesised where its grouping needs it. */
export function showSyn(s: Syn): string {
  const at = (x: Syn, min: number): string => (level(x) < min ? `(${showSyn(x)})` : showSyn(x));
  switch (s.t) {
    case 'num':
      return s.value < 0 ? `(${numText(s.value)})` : numText(s.value);
    case 'ident':
      return s.name;
    case 'call':
      return `${s.name}(${s.args.map(showSyn).join(', ')})`;
    case 'paren':
      return `(${showSyn(s.arg)})`;
    case 'norm':
      return `‖${showSyn(s.arg)}‖${s.kind === 'F' ? '_F' : s.kind === '1' ? '_1' : ''}`;
    case 'bars':
      return `|${showSyn(s.arg)}|`;
    case 'neg':
      return `−${at(s.arg, 3)}`;
    case 'transpose':
      return `${at(s.arg, 5)}ᵀ`;
    case 'bin': {
      if (s.op === 'juxt') return juxtapose(at(s.left, 4), at(s.right, 5));
      if (s.op === '^' || s.op === '.^') {
        const base = at(s.left, 6);
        if (s.op === '^' && s.right.t === 'num' && Number.isInteger(s.right.value) && Math.abs(s.right.value) < 10) {
          return `${base}${[...String(s.right.value)].map((c) => SUP[c]).join('')}`;
        }
        return `${base}${s.op}${at(s.right, 6)}`;
      }
      const min = level(s);
      // left-associative: the right operand needs parentheses at its own level, and a
      // denominator is one operand (`1/(2m)`)
      return `${at(s.left, min)}${OP_TEXT[s.op]}${at(s.right, s.op === '/' ? 5 : min + 1)}`;
    }
  }
}

/** `(1/2)‖r‖²`: a fraction read as the coefficient of the terms after it. */
export function coefficientReading(fraction: Syn, rest: readonly Syn[]): string {
  return rest.reduce((acc, r) => juxtapose(acc, level(r) < 5 ? `(${showSyn(r)})` : showSyn(r)), `(${showSyn(fraction)})`);
}

/** `1/(2m)`: a denominator written tight against the slash, read as a whole. */
export function denominatorReading(numerator: Syn, denominator: Syn): string {
  const num = level(numerator) < 2 ? `(${showSyn(numerator)})` : showSyn(numerator);
  return `${num}/(${showSyn(denominator)})`;
}
