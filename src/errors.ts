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
  constructor(kind: ErrorKind, message: string, loc?: SourceLoc) {
    super(message);
    this.name = 'DcalcError';
    this.kind = kind;
    this.line = loc?.line;
    this.column = loc?.column;
  }
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
