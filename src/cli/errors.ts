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

/** Any thrown value as a DcalcError: a stack overflow is a limit error, anything else an `internal` error (a bug). */
export function asDcalcError(e: unknown): DcalcError {
  if (e instanceof DcalcError) return e;
  if (isOutOfRoom(e)) {
    return new DcalcError('limit', 'the input is nested too deeply or is too large to process');
  }
  const msg = e instanceof Error ? e.message : String(e);
  const err = new DcalcError('internal', `${msg} (this is a bug in dcalc: please report it with the input that caused it)`);
  if (process.env.DCALC_DEBUG === '1' && e instanceof Error) err.stack = e.stack;
  return err;
}

export function errorJson(e: DcalcError): ErrorJson {
  const out: ErrorJson = { kind: e.kind, message: e.commandLine ?? e.message };
  if (e.line !== undefined) {
    out.line = e.line;
    out.column = e.column;
  }
  return out;
}

/** The error as printed on stderr: the line, then the source line and a caret under the column. */
export function formatError(e: DcalcError, source: string | undefined): string {
  const where = e.line !== undefined ? ` at ${e.line}:${e.column}` : '';
  let out = `dcalc: ${e.kind} error${where}: ${e.commandLine ?? e.message}`;
  const text = e.source ?? source;
  if (text !== undefined && e.line !== undefined && e.column !== undefined) {
    const excerpt = excerptAround(text, e.line, e.column);
    if (excerpt) out += `\n  ${excerpt.text}\n  ${excerpt.pad}^`;
  }
  return out;
}

/** Characters of the line shown either side of the caret. */
const EXCERPT_RADIUS = 40;

/**
 * The input line at `line`, a long one cut to a window of EXCERPT_RADIUS code points
 * either side of `column` (… marks a cut), and the padding that puts a caret under the column. Only
 * the window is ever copied, so a 150 MB one-line input costs no more than a short one.
 */
export function excerptAround(text: string, line: number, column: number): { text: string; pad: string } | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  // Walk code points from the line's start to the window (columns count code points).
  const col = Math.max(0, column - 1);
  // A line of up to 200 characters is shown whole.
  const whole = end - start <= 200;
  const from = whole ? 0 : Math.max(0, col - EXCERPT_RADIUS);
  let i = start;
  for (let cp = 0; cp < from && i < end; cp++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  const window: string[] = [];
  let j = i;
  while ((whole || window.length <= col - from + EXCERPT_RADIUS) && j < end) {
    const c = String.fromCodePoint(text.codePointAt(j)!);
    // A control character (a NUL of /dev/zero) is shown as its picture, ␀, not sent to the terminal.
    window.push(c < ' ' && c !== '\t' ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : c === '\x7f' ? '\u2421' : c);
    j += c.length;
  }
  const head = i > start ? ['…'] : [];
  const chars = [...head, ...window, ...(j < end ? ['…'] : [])];
  const pad = chars.slice(0, col - from + head.length).map((c) => (c === '\t' ? '\t' : ' ')).join('');
  return { text: chars.join(''), pad };
}
