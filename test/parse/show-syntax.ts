/** The grammar's trees written as S-expressions, for tests that read like the syntax. */
import { parseExpression } from '../../src/parse/parser.js';
import type { Syn } from '../../src/parse/syntax.js';

/** A Syn as a fully parenthesised S-expression: `(juxt y (call log a))`. */
export function show(s: Syn): string {
  switch (s.t) {
    case 'num':
      return String(s.value);
    case 'ident':
      return s.name;
    case 'call':
      return `(call ${s.name}${s.args.map((a) => ' ' + show(a)).join('')})`;
    case 'bin':
      return `(${s.op} ${show(s.left)} ${show(s.right)})`;
    case 'neg':
      return `(neg ${show(s.arg)})`;
    case 'transpose':
      return `(T ${show(s.arg)})`;
    case 'norm':
      return `(norm${s.kind} ${show(s.arg)})`;
    case 'bars':
      return `(bars ${show(s.arg)})`;
    case 'paren':
      return `(paren ${show(s.arg)})`;
  }
}

export const sx = (text: string): string => show(parseExpression(text));
