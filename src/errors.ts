/**
 * The one error type of dcalc. Every failure a user can cause is a DcalcError with a
 * kind (CONTRACT §3) and, where it has one, a 1-based line:column in the input.
 */
export type ErrorKind = 'usage' | 'parse' | 'name' | 'shape' | 'domain' | 'limit';

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
 * Runs `f`, turning a stack overflow (an expression too deeply nested or too long for the
 * recursive passes) into a `limit` error located at the statement.
 */
export function withinLimits<T>(loc: SourceLoc, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) throw new DcalcError('limit', 'this statement is nested too deeply or is too long to process', loc);
    throw e;
  }
}
