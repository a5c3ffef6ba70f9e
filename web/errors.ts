/**
 * Errors on the page, worded as the CLI words them: the same formatError (src/cli/errors.ts)
 * gives the line `shape error at 1:7: …` and the excerpt with its caret; this file also
 * finds which input the place is in (the program, the declarations or the claim) and
 * where, so the page can mark it there.
 */
import { DcalcError, type ErrorKind } from '../src/errors.js';
import { formatError } from '../src/cli/errors.js';

/** An error as batch answers it (CONTRACT §3). */
export interface ErrorJson {
  kind: string;
  message: string;
  line?: number;
  column?: number;
}

export type ErrorInput = 'program' | 'let' | 'claim';

export interface ErrorPlace {
  readonly input: ErrorInput;
  readonly line: number;
  readonly column: number;
  /** The place as an index into the input's value (UTF-16 units), and the length of the character there (0 past the end of a line). */
  readonly offset: number;
  readonly length: number;
}

/** Which input a located error points into: batch says so at the head of its message. */
function inputOf(err: ErrorJson): ErrorInput {
  if (err.message.startsWith('in the claim:')) return 'claim';
  if (err.message.startsWith('--let:')) return 'let';
  return 'program';
}

export function errorPlace(err: ErrorJson, texts: Record<ErrorInput, string>): ErrorPlace | undefined {
  if (err.line === undefined || err.column === undefined) return undefined;
  const input = inputOf(err);
  const lines = texts[input].split('\n');
  const lineText = lines[err.line - 1];
  if (lineText === undefined) return undefined;
  // Columns count characters (code points), as the CLI's caret does.
  const chars = [...lineText];
  const col = Math.min(Math.max(0, err.column - 1), chars.length);
  const before = chars.slice(0, col).join('');
  const offset = lines.slice(0, err.line - 1).reduce((n, l) => n + l.length + 1, 0) + before.length;
  return { input, line: err.line, column: err.column, offset, length: chars[col]?.length ?? 0 };
}

/** The CLI's words: the head line without `dcalc: `, and the excerpt with the caret (empty when unlocated). */
export function cliWords(err: ErrorJson, texts: Record<ErrorInput, string>): { head: string; excerpt: string } {
  const loc = err.line !== undefined && err.column !== undefined ? { line: err.line, column: err.column } : undefined;
  const e = new DcalcError(err.kind as ErrorKind, err.message, loc);
  const [head, ...rest] = formatError(e, texts[inputOf(err)]).split('\n');
  return { head: head!.replace(/^dcalc: /, ''), excerpt: rest.join('\n') };
}
