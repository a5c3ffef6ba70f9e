/**
 * The one error type of dcalc. Every failure a user can cause is a DcalcError with a
 * kind (CONTRACT §3) and, where it has one, a 1-based line:column in the input. The kind
 * `internal` is not the user's doing: a bug in dcalc, reported as such (exit code 2).
 */
export type ErrorKind = 'usage' | 'parse' | 'name' | 'shape' | 'domain' | 'limit' | 'internal';

export interface SourceLoc {
  readonly line: number;
  readonly column: number;
}

export class DcalcError extends Error {
  readonly kind: ErrorKind;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The text that line:column point into, when it is not the program (the --let text, a claim). */
  source: string | undefined;
  /**
   * The message as the command line and batch word it, naming their options (`--let:`,
   * `--at:`), when it differs: the library's own message names the library's options
   * (`let:`, `values:`) and never a flag (see optionError).
   */
  commandLine: string | undefined;
  constructor(kind: ErrorKind, message: string, loc?: SourceLoc) {
    super(message);
    this.name = 'DcalcError';
    this.kind = kind;
    this.line = loc?.line;
    this.column = loc?.column;
  }
}

/** How an option is named: by the library (its option or argument) and on the command line (its flag). */
export interface OptionNames {
  readonly let: string;
  readonly at: string;
  readonly symmetric: string;
}

const LIBRARY_NAMES: OptionNames = { let: 'let', at: 'values', symmetric: 'symmetric' };
const COMMAND_LINE_NAMES: OptionNames = { let: '--let', at: '--at', symmetric: '--symmetric' };

/**
 * An error about an option, worded for each audience: `message(names)` is called with the
 * library's names for the message and with the flags for `commandLine`, so a library
 * caller reads `let: x is declared twice` where the CLI and batch print `--let: …`.
 */
export function optionError(kind: ErrorKind, message: (names: OptionNames) => string, loc?: SourceLoc): DcalcError {
  const err = new DcalcError(kind, message(LIBRARY_NAMES), loc);
  err.commandLine = message(COMMAND_LINE_NAMES);
  return err;
}

/** A DcalcError with another message and place, keeping its command-line wording (`reword` applied to both). */
export function reworded(e: DcalcError, kind: ErrorKind, reword: (message: string) => string, loc: SourceLoc | undefined): DcalcError {
  const err = new DcalcError(kind, reword(e.message), loc);
  if (e.commandLine !== undefined) err.commandLine = reword(e.commandLine);
  return err;
}

export function fail(kind: ErrorKind, message: string, loc?: SourceLoc): never {
  throw new DcalcError(kind, message, loc);
}

/**
 * Whether a thrown value is the engine running out of room (a stack overflow in a
 * recursive pass, an array or string grown past V8's limit) rather than a bug.
 */
export function isOutOfRoom(e: unknown): e is RangeError {
  return e instanceof RangeError && /call stack|Invalid array length|Invalid string length/i.test(e.message);
}

/**
 * Runs `f`, turning running out of room (isOutOfRoom) into a `limit` error that says
 * `what` is too large, located at `where` when it is known. Every entry point that can
 * recurse deeply (the builder per statement, shape inference, the library's
 * functions, the CLI's commands) goes through here.
 */
export function withinLimits<T>(f: () => T, where?: SourceLoc | (() => SourceLoc | undefined), what = 'the program'): T {
  try {
    return f();
  } catch (e) {
    if (isOutOfRoom(e)) throw new DcalcError('limit', `${what} is nested too deeply or is too large to process`, typeof where === 'function' ? where() : where);
    throw e;
  }
}
