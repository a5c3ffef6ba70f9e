/**
 * The library's errors name the library's options (`let:`, `values:`, `symmetric`), never
 * a command-line flag; the CLI and batch word the same errors with their flags
 * (`commandLine`). A bug is kind `internal` through the API, never `usage`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { answer } from '../../src/cli/batch.js';

function errorOf(f: () => unknown): lib.DcalcError {
  try {
    f();
  } catch (e) {
    if (e instanceof lib.DcalcError) return e;
    throw e;
  }
  throw new Error('no error');
}

const program = () => lib.parseProgram('tr(X) + sum(y)', { let: 'X: n×n, y: n×1' });

/** Library calls that fail over an option, with the library's wording and the command line's. */
const CASES: { name: string; call: () => unknown; library: RegExp; commandLine: RegExp }[] = [
  { name: 'a name declared twice in let', call: () => lib.parseProgram('x', { let: 'x: 2×1, x: 3×1' }), library: /^let: x is declared twice/, commandLine: /^--let: x is declared twice/ },
  { name: 'let text that does not parse', call: () => lib.parseLet('x: 2×'), library: /^let: /, commandLine: /^--let: / },
  { name: 'a name whose shape cannot be told', call: () => lib.parseProgram('sum(z)'), library: /declare it \(for example let "z: n×1"\)/, commandLine: /declare it \(for example --let "z: n×1"\)/ },
  { name: 'a value missing', call: () => lib.pointFromValues(program(), { X: [[1, 2], [3, 4]] }), library: /^values: no value is given for y/, commandLine: /^--at: no value is given for y/ },
  { name: 'a value that is not a matrix', call: () => lib.pointFromValues(program(), { X: 'one', y: [1, 2] }), library: /^values: X: /, commandLine: /^--at: X: / },
  { name: 'a value that breaks its assumption', call: () => lib.pointFromValues(lib.parseProgram('sum(y)', { let: 'y: 2×1 positive' }), { y: [-1, 2] }), library: /^values: y is declared positive/, commandLine: /^--at: y is declared positive/ },
  { name: 'symmetric of a variable not declared so', call: () => lib.derive(program(), 'grad', 'X', { symmetric: true }), library: /^symmetric needs X declared symmetric or spd \(for example let "X: n×n symmetric"\)/, commandLine: /^--symmetric needs X declared symmetric or spd \(for example --let "X: n×n symmetric"\)/ },
  { name: 'symmetric of a Jacobian', call: () => lib.derive(program(), 'jacobian', 'X', { symmetric: true }), library: /^symmetric is for grad/, commandLine: /^--symmetric is for grad/ },
];

describe('library errors do not mention command-line flags', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const e = errorOf(c.call);
      expect(e.kind).not.toBe('internal');
      expect(e.message).toMatch(c.library);
      expect(e.message).not.toMatch(/--/);
      expect(e.commandLine).toMatch(c.commandLine);
    });
  }

  it('batch answers the same errors in the command line\'s words', () => {
    const a = answer(JSON.stringify({ id: 1, op: 'eval', program: 'sum(y)', let: 'y: 2×1 positive', at: { y: [-1, 2] } }));
    expect(a.error).toMatchObject({ kind: 'domain', message: expect.stringMatching(/^--at: y is declared positive/) });
  });

  it('no DcalcError raised outside the CLI spells a flag in its source (a static scan of src/)', () => {
    const root = fileURLToPath(new URL('../../src', import.meta.url));
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
    // The surfaces word their own messages: the CLI, and the request runner and validator they share.
    const surfaces = /src\/(cli\/|api\/request\.ts|api\/validate-request\.ts|parse\/grammar\.generated\.ts)/;
    const offending = files(root)
      .filter((f) => !surfaces.test(f))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ where: `${f}:${i + 1}`, line })))
      .filter(({ line }) => /(new DcalcError|usage|fail)\(.*[`'"]--/.test(line));
    expect(offending).toEqual([]);
  });
});
