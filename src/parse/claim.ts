/**
 * A claim is graded by appending it to its program, so a claim without an expression of
 * its own (`# just a comment`, a declaration alone) would be graded as the program's
 * value. It must be refused instead (CONTRACT §3: a claim with no expression is a usage
 * error); this looks at the claim's own statements.
 */
import { DcalcError } from '../errors.js';
import { latexToDcalc, looksLikeLatex } from './latex.js';
import { EMPTY_PROGRAM, parseSyntax } from './parser.js';

/** Throws a usage error when the claim has no expression (only comments or declarations). */
export function assertClaimHasExpression(claimText: string, from?: 'latex' | 'text'): void {
  const latex = from === 'latex' || (from === undefined && looksLikeLatex(claimText));
  let statements;
  try {
    statements = parseSyntax(latex ? latexToDcalc(claimText).text : claimText).statements;
  } catch (e) {
    if (e instanceof DcalcError && e.message === EMPTY_PROGRAM) throw noExpression();
    // Alone, the claim may not parse (LaTeX that needs the program's names): the program
    // and claim together were parsed already, and their errors are reported from there.
    return;
  }
  if (!statements.some((st) => st.t !== 'decl')) throw noExpression();
}

function noExpression(): DcalcError {
  return new DcalcError('usage', 'the claim has no expression to grade (only comments or declarations)');
}
