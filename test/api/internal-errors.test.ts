/**
 * A bug is kind `internal` through the API and through batch, never `usage`: here the
 * parser of declarations is made to fail as a bug would (a DcalcError of kind internal,
 * and a TypeError), and the let text that reaches it must not turn it into a usage error.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/parse/parser.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/parse/parser.js')>();
  // The errors module of the same (reset) module graph as the engine under test.
  const { DcalcError } = await import('../../src/errors.js');
  return {
    ...m,
    parseDeclarations: (text: string, kind?: 'usage' | 'parse') => {
      if (text.includes('BUG')) throw new DcalcError('internal', 'a bug in the declarations');
      if (text.includes('TYPE')) throw new TypeError('undefined is not a function');
      return m.parseDeclarations(text, kind);
    },
  };
});

let lib: typeof import('../../src/index.js');
let answer: typeof import('../../src/cli/batch.js').answer;
beforeAll(async () => {
  vi.resetModules();
  lib = await import('../../src/index.js');
  ({ answer } = await import('../../src/cli/batch.js'));
});

function kindOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof lib.DcalcError ? e.kind : `not a DcalcError: ${String(e)}`;
  }
  return 'no error';
}

describe('an internal error stays internal', () => {
  it('through the library', () => {
    expect(kindOf(() => lib.parseProgram('x', { let: 'x: BUG' }))).toBe('internal');
    expect(kindOf(() => lib.parseProgram('x', { let: 'x: TYPE' }))).toBe('internal');
    expect(kindOf(() => lib.grad('sum(x)', 'x', { let: 'x: BUG' }))).toBe('internal');
    // The same call without the bug is fine: the mock changes nothing else.
    expect(lib.parseProgram('sum(x)', { let: 'x: n×1' }).value.shape.cols).toBe(1);
  });

  it('through batch', () => {
    expect(answer(JSON.stringify({ id: 1, op: 'grad', program: 'sum(x)', wrt: 'x', let: 'x: BUG' })).error).toMatchObject({ kind: 'internal' });
    expect(answer(JSON.stringify({ id: 2, op: 'grad', program: 'sum(x)', wrt: 'x', let: 'x: TYPE' })).error).toMatchObject({ kind: 'internal' });
  });
});
