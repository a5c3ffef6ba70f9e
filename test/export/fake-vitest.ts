/**
 * A stand-in for vitest, bundled in place of it by extract.ts: running a test file with
 * it records every `toHaveGradient` / `toHaveJacobian` / `toHaveHessian` the file
 * asserts (the program, the variable, the declarations) instead of checking them.
 */
export interface Recorded {
  readonly file: string;
  readonly op: 'grad' | 'jacobian' | 'hessian';
  readonly program: unknown;
  readonly wrt: unknown;
  readonly let?: unknown;
}

export const recorded: Recorded[] = [];
export const bodies: { file: string; run: () => unknown }[] = [];
let currentFile = '';
/** Called between the test files of one bundle (extract.ts). */
export function setFile(name: string): void {
  currentFile = name;
}
// The bundle's own copy of these lists, for extract.ts to read after importing it.
(globalThis as { __dcalcFake?: unknown }).__dcalcFake = { recorded, bodies };

const MATCHERS: Record<string, Recorded['op']> = { toHaveGradient: 'grad', toHaveJacobian: 'jacobian', toHaveHessian: 'hessian' };

function assertion(subject: unknown): unknown {
  return new Proxy(() => undefined, {
    get(_t, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop === 'not' || prop === 'resolves' || prop === 'rejects') return assertion(subject);
      const op = MATCHERS[prop];
      return (...args: unknown[]) => {
        if (op) recorded.push({ file: running, op, program: subject, wrt: args[0], let: (args[2] as { let?: unknown } | undefined)?.let });
        return undefined;
      };
    },
  });
}

export const expect = Object.assign((x: unknown) => assertion(x), { extend: () => undefined, soft: (x: unknown) => assertion(x) });

type Body = () => unknown;
let running = '';
function register(_name: unknown, fn?: Body): void {
  const file = currentFile;
  if (fn) bodies.push({ file, run: () => ((running = file), fn()) });
}
const withEach = <F extends (...a: never[]) => void>(f: F) =>
  Object.assign(f, {
    each: (table: readonly unknown[]) => (name: unknown, fn: (...a: unknown[]) => unknown) => {
      for (const row of table) f(name as never, (() => fn(...(Array.isArray(row) ? row : [row]))) as never);
    },
  });

export const describe = withEach((_name: unknown, fn?: Body) => {
  fn?.();
});
export const it = withEach(register);
export const test = it;
export const beforeAll = register.bind(null, '') as (fn: Body) => void;
export const beforeEach = () => undefined;
export const afterAll = () => undefined;
export const afterEach = () => undefined;
export const vi = {};
