/**
 * Limits that are located and of the right kind (issue 13): matrices too large to
 * allocate are `limit` errors at the operation that would make them (never V8's
 * "Invalid typed array length" as a usage error), sizes past 2⁵³ are refused rather than
 * rounded, a name declared twice in --let is pointed at, and a bug is kind `internal`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { asDcalcError } from '../../src/cli/errors.js';
import { MAX_ELEMENTS } from '../../src/numeric/limits.js';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));
function dcalc(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error, `dcalc ${args.join(' ')} did not finish`).toBeUndefined();
  expect(r.signal).toBeNull();
  return r;
}

function expectLocated(r: ReturnType<typeof dcalc>, kind: string, line: number, column: number, message: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(new RegExp(`^dcalc: ${kind} error at ${line}:${column}: `));
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal|Invalid typed array|^\s+at /m);
}

describe('matrices too large to compute with', () => {
  it.each([
    ['sum(ones(1000000000,1000000000))', /ones would be a 1000000000×1000000000 matrix/],
    ['sum(eye(100000))', /eye would be a 100000×100000 matrix/],
    ['sum(commutation(1000,1000))', /commutation would be a 1000000×1000000 matrix/],
  ])('eval %s is a limit error at the constant', (program, message) => {
    expectLocated(dcalc(['eval', program]), 'limit', 1, 5, message);
  });

  it(`allows up to ${MAX_ELEMENTS} entries (eye(4096))`, () => {
    const r = dcalc(['eval', 'sum(eye(4096))']);
    expect(r.stdout.trim()).toBe('4096');
  });

  it('refuses to sample a declared 10⁹×10⁹ variable for the check, located at its use; --no-check answers', () => {
    expectLocated(dcalc(['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: 1000000000×1000000000']), 'limit', 1, 5, /x would be a 1000000000×1000000000 matrix.*--no-check/);
    const r = dcalc(['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: 1000000000×1000000000', '--no-check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ones\(1000000000, 1000000000\)/);
  });
});

describe('sizes', () => {
  it('past 2^53 − 1 are a located limit error, in the program and in --let', () => {
    expectLocated(dcalc(['shape', 'x: 9007199254740993×1; x']), 'limit', 1, 4, /at most 2\^53 − 1/);
    expectLocated(dcalc(['shape', 'eye(99999999999999999999)']), 'limit', 1, 5, /at most 2\^53 − 1/);
    const r = dcalc(['shape', 'x', '--let', 'x: 99999999999999999999×1']);
    expect(r.stderr).toMatch(/^dcalc: limit error at 1:4: --let: a size must be at most 2\^53 − 1/);
    expect(() => lib.parseProgram('x', { let: { x: [2 ** 53 + 2, 1] } })).toThrow(/the size of x must be/);
  });
  it('up to 2^53 − 1 are kept exactly', () => {
    expect(dcalc(['shape', 'x: 9007199254740991×1; x']).stdout).toContain('9007199254740991×1');
  });
});

describe('--let', () => {
  it('points at the second declaration of a name declared twice', () => {
    const r = dcalc(['shape', 'x', '--let', 'x: 2×1, y: 1×1, x: 3×1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dcalc: usage error at 1:17: --let: x is declared twice, as 2×1 and as 3×1\n  x: 2×1, y: 1×1, x: 3×1\n                  ^\n');
  });
});

describe('a failure that is not the input\'s', () => {
  it('is kind internal, says it is a bug, and is never called usage', () => {
    const e = asDcalcError(new TypeError('Cannot read properties of undefined'));
    expect(e.kind).toBe('internal');
    expect(e.message).toMatch(/Cannot read properties of undefined \(this is a bug in dcalc: please report it/);
    expect(asDcalcError(new RangeError('Maximum call stack size exceeded')).kind).toBe('limit');
  });
});
