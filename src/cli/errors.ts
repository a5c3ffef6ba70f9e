/**
 * How errors reach the user (CONTRACT §3): one line `dcalc: <kind> error at
 * line:col: message`, then the input line and a caret; exit code 2. Never a stack
 * trace unless DCALC_DEBUG=1.
 */
import { DcalcError, isOutOfRoom } from '../errors.js';

export interface ErrorJson {
  kind: string;
  message: string;
  line?: number;
  column?: number;
}

/** Any thrown value as a DcalcError: a stack overflow is a limit error, anything else internal. */
export function asDcalcError(e: unknown): DcalcError {
  if (e instanceof DcalcError) return e;
  if (isOutOfRoom(e)) {
    return new DcalcError('limit', 'the input is nested too deeply or is too large to process');
  }
  const msg = e instanceof Error ? e.message : String(e);
  const err = new DcalcError('usage', `internal error: ${msg}`);
  if (process.env.DCALC_DEBUG === '1' && e instanceof Error) err.stack = e.stack;
  return err;
}

export function errorJson(e: DcalcError): ErrorJson {
  const out: ErrorJson = { kind: e.kind, message: e.message };
  if (e.line !== undefined) {
    out.line = e.line;
    out.column = e.column;
  }
  return out;
}

/** The error as printed on stderr: the line, then the source line and a caret under the column. */
export function formatError(e: DcalcError, source: string | undefined): string {
  const where = e.line !== undefined ? ` at ${e.line}:${e.column}` : '';
  let out = `dcalc: ${e.kind} error${where}: ${e.message}`;
  const text = e.source ?? source;
  if (text !== undefined && e.line !== undefined && e.column !== undefined) {
    const line = text.split(/\r?\n/)[e.line - 1];
    if (line !== undefined) {
      // A long line is shown as an excerpt of 40 characters either side of the column.
      let chars = [...line];
      let col = Math.max(0, e.column - 1);
      let prefix = '';
      if (chars.length > 100) {
        const from = Math.max(0, col - 40);
        const to = Math.min(chars.length, col + 40);
        prefix = from > 0 ? '…' : '';
        chars = [...(from > 0 ? ['…'] : []), ...chars.slice(from, to), ...(to < chars.length ? ['…'] : [])];
        col = col - from + prefix.length;
      }
      const pad = chars.slice(0, col).map((c) => (c === '\t' ? '\t' : ' ')).join('');
      out += `\n  ${chars.join('')}\n  ${pad}^`;
    }
  }
  return out;
}
