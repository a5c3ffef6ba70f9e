/**
 * Names where they enter dcalc from outside the grammar (a library `let` object, `wrt`,
 * `--at` keys): the same rule as the grammar's names (one identifier token of
 * grammar/dcalc.ne, accents only among its combining marks), normalised to NFC, so that
 * `ŷ` (U+0177) and y + U+0302 are one name and nothing else reaches the printers.
 */
import { DcalcError } from './errors.js';
import { DcalcLexer } from './parse/grammar.generated.js';
import { markProblem } from './parse/marks.js';

/** The name in NFC, or why it is not one. */
export function nameOrProblem(raw: string): { name: string } | { problem: string } {
  const name = raw.normalize('NFC');
  const lexer = new DcalcLexer();
  lexer.reset(name);
  const tok = lexer.next() as { type: string; text: string; value: string } | undefined;
  const issue = lexer.issue;
  const more = tok ? lexer.next() : undefined;
  if (issue) return { problem: issue.message };
  if (!tok || (tok.type !== 'ident' && tok.type !== 'call') || tok.text !== name || more !== undefined || lexer.issue) {
    return { problem: 'a name is a letter, then letters, digits or subscripts (W1, W_1, b₂, ŷ, y_hat, λ)' };
  }
  const marks = markProblem(name);
  return marks ? { problem: marks } : { name: tok.value };
}

/** A name given outside the program text, as dcalc holds it (NFC); a usage error if it is not a name. */
export function checkedName(raw: unknown, what: string): string {
  if (typeof raw !== 'string') throw new DcalcError('usage', `${what} must be a name (a string), not ${raw === null ? 'null' : typeof raw}`);
  const r = nameOrProblem(raw);
  if ('problem' in r) throw new DcalcError('usage', `${what}: ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)} is not a name: ${r.problem}`);
  return r.name;
}
