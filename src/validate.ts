/**
 * The library's arguments, checked at every exported entry point (src/index.ts):
 * docs/api.md promises a DcalcError for bad input, so `parseProgram()`,
 * `grad(undefined, 'x')` or `toLatex(42)` are `usage` errors naming the function and
 * the argument, never a TypeError from deep inside. Whatever still escapes as a
 * non-DcalcError is a bug and is reported as kind `internal`.
 */
import { DcalcError, isOutOfRoom } from './errors.js';
import { Store } from './ast.js';

/** Throws a usage error when `value` is not what argument `what` must be. */
export type ArgCheck = (value: unknown, what: string) => void;

function bad(what: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : value === undefined ? 'nothing' : typeof value === 'object' ? 'another object' : `${typeof value}`;
  throw new DcalcError('usage', `${what} must be ${expected}, not ${got}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isExpr = (v: unknown): boolean => isObject(v) && typeof v.id === 'number' && typeof v.kind === 'string' && isObject(v.shape);
const isProgram = (v: unknown): boolean => isObject(v) && isExpr(v.value) && v.definitions instanceof Map && v.declarations instanceof Map && v.locs instanceof Map;

export const text: ArgCheck = (v, what) => {
  if (typeof v !== 'string') bad(what, 'a string', v);
};
export const name: ArgCheck = (v, what) => {
  if (typeof v !== 'string') bad(what, 'a name (a string)', v);
};
export const names: ArgCheck = (v, what) => {
  if (!Array.isArray(v) || !v.every((n) => typeof n === 'string')) bad(what, 'a list of names (strings)', v);
};
export const isDerivativeKind = (v: unknown) => v === 'grad' || v === 'jacobian' || v === 'hessian';
export const derivativeKind: ArgCheck = (v, what) => {
  if (!isDerivativeKind(v)) bad(what, "'grad', 'jacobian' or 'hessian'", v);
};
export const isLayout = (v: unknown) => v === 'numerator' || v === 'denominator';
export const program: ArgCheck = (v, what) => {
  if (!isProgram(v)) bad(what, 'a program (from parseProgram)', v);
};
export const programOrText: ArgCheck = (v, what) => {
  if (typeof v !== 'string' && !isProgram(v)) bad(what, 'a program (from parseProgram) or its text', v);
};
export const expr: ArgCheck = (v, what) => {
  if (!isExpr(v)) bad(what, 'an expression (a program\'s value, a derivative\'s expr)', v);
};
export const exprs: ArgCheck = (v, what) => {
  if (!Array.isArray(v) || !v.every(isExpr)) bad(what, 'a list of expressions', v);
};
export const printedPrograms: ArgCheck = (v, what) => {
  if (!isObject(v) || !Array.isArray(v.temporaries) || !Array.isArray(v.texts) || !Array.isArray(v.uses)) bad(what, 'printed expressions (from renderSeveral)', v);
};
export const index: ArgCheck = (v, what) => {
  if (!Number.isSafeInteger(v) || (v as number) < 0) bad(what, 'an index (a whole number from 0)', v);
};
export const derivative: ArgCheck = (v, what) => {
  if (!isObject(v) || !isProgram(v.program) || !isExpr(v.expr) || !isExpr(v.wrtNode) || typeof v.op !== 'string') bad(what, 'a derivative (from grad, jacobian or hessian)', v);
};
export const shape: ArgCheck = (v, what) => {
  if (!isObject(v) || !('rows' in v) || !('cols' in v)) bad(what, 'a shape', v);
};
export const mat: ArgCheck = (v, what) => {
  if (!isObject(v) || !Number.isInteger(v.rows) || !Number.isInteger(v.cols) || !(v.data instanceof Float64Array) || v.data.length !== (v.rows as number) * (v.cols as number)) bad(what, 'a matrix (from evaluateAt)', v);
};
export const point: ArgCheck = (v, what) => {
  if (!isObject(v) || !(v.vars instanceof Map) || !(v.dims instanceof Map)) bad(what, 'a point { vars, dims } (from pointFromValues)', v);
};
export const printed: ArgCheck = (v, what) => {
  if (!isObject(v) || typeof v.text !== 'string' || !Array.isArray(v.temporaries)) bad(what, 'a printed program (from render)', v);
};
export const anything: ArgCheck = () => undefined;
export const store: ArgCheck = (v, what) => {
  if (!(v instanceof Store)) bad(what, 'a Store (new Store())', v);
};
export const func: ArgCheck = (v, what) => {
  if (typeof v !== 'function') bad(what, 'a function', v);
};
export const optionalBoolean: ArgCheck = (v, what) => {
  if (v !== undefined && typeof v !== 'boolean') bad(what, 'true or false', v);
};
export const letSpec: ArgCheck = (v, what) => {
  if (v !== undefined && typeof v !== 'string' && !isObject(v)) bad(what, 'declarations as text ("X: N×M") or an object of sizes ({"X": ["N", "M"]})', v);
};

/** Options: an object (or nothing) whose known fields have the right types. */
export function options(fields: Readonly<Record<string, (v: unknown) => boolean>>, required = false): ArgCheck {
  return (v, what) => {
    if (v === undefined && !required) return;
    if (!isObject(v)) bad(what, 'an object of options', v);
    for (const [k, ok] of Object.entries(fields)) {
      if (!ok(v[k])) throw new DcalcError('usage', `${what}: the option ${k} has a wrong value (${JSON.stringify(v[k]) ?? typeof v[k]})`);
    }
  };
}

export const optional = (ok: (v: unknown) => boolean) => (v: unknown) => v === undefined || ok(v);
export const isLet = (v: unknown) => typeof v === 'string' || isObject(v);
export const isFrom = (v: unknown) => v === 'text' || v === 'latex';
export const isFormat = (v: unknown) => v === 'text' || v === 'ascii' || v === 'latex';
export const isBoolean = (v: unknown) => typeof v === 'boolean';
export const isSeed = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
export const isCount = (v: unknown) => typeof v === 'number';
export const isIdSet = (v: unknown) => v instanceof Set;
export const isMap = (v: unknown) => v instanceof Map;

/** Anything a library function threw, as a DcalcError: running out of room is `limit`, a non-DcalcError `internal`. */
export function asLibraryError(e: unknown): DcalcError {
  if (e instanceof DcalcError) return e;
  if (isOutOfRoom(e)) return new DcalcError('limit', 'the input is nested too deeply or is too large to process');
  const err = new DcalcError('internal', `${e instanceof Error ? e.message : String(e)} (this is a bug in dcalc: please report it with the input that caused it)`);
  if (e instanceof Error && e.stack) err.stack = e.stack;
  return err;
}

/** `f` with its arguments checked first and every failure a DcalcError. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function validated<F extends (...args: any[]) => any>(fname: string, f: F, ...checks: ArgCheck[]): F {
  const wrapper = (...args: unknown[]): unknown => {
    checks.forEach((check, i) => check(args[i], `${fname}: argument ${i + 1}`));
    try {
      return f(...args);
    } catch (e) {
      throw asLibraryError(e);
    }
  };
  Object.defineProperty(wrapper, 'name', { value: fname });
  return wrapper as F;
}

/** `f` with its arguments checked first; what `f` throws passes through (for withStore, whose callback is the caller's). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function argsChecked<F extends (...args: any[]) => any>(fname: string, f: F, ...checks: ArgCheck[]): F {
  const wrapper = (...args: unknown[]): unknown => {
    checks.forEach((check, i) => check(args[i], `${fname}: argument ${i + 1}`));
    return f(...args);
  };
  Object.defineProperty(wrapper, 'name', { value: fname });
  return wrapper as F;
}
