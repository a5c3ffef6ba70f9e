/** The grammar's trees written as S-expressions, for tests that read like the syntax. */
import { parseExpression } from '../../src/parse/parser.js';
import type { Syn } from '../../src/parse/syntax.js';
import { DcalcError } from '../../src/errors.js';

/**
 * A Syn as a fully parenthesised S-expression: `(juxt y (call log a))`. With
 * `keepParens` false, the parentheses the input wrote are dropped (only the tree's
 * shape is compared).
 */
export function show(s: Syn, keepParens = true): string {
  const show_ = (t: Syn): string => show(t, keepParens);
  switch (s.t) {
    case 'num':
      return String(s.value);
    case 'ident':
      return s.name;
    case 'call':
      return `(call ${s.name}${s.args.map((a) => ' ' + show_(a)).join('')})`;
    case 'bin':
      return `(${s.op} ${show_(s.left)} ${show_(s.right)})`;
    case 'neg':
      return `(neg ${show_(s.arg)})`;
    case 'transpose':
      return `(T ${show_(s.arg)})`;
    case 'norm':
      return `(norm${s.kind} ${show_(s.arg)})`;
    case 'bars':
      return `(bars ${show_(s.arg)})`;
    case 'paren':
      return keepParens ? `(paren ${show_(s.arg)})` : show_(s.arg);
  }
}

export const sx = (text: string): string => show(parseExpression(text));

/** The error a call throws, as `kind line:column message` (and an error when it throws none). */
export function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DcalcError) return `${e.kind} ${e.line}:${e.column} ${e.message}`;
    throw e;
  }
  throw new Error('expected an error');
}
