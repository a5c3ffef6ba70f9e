/**
 * Bad input on the command line (CONTRACT §3): every case exits 2 with one located
 * line `dcalc: <kind> error at line:col: message` on stderr, then the input line and
 * a caret under the column; nothing on stdout; never a stack trace, NaN or ∞; no hang.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));
const TIMEOUT = 10_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function dcalc(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: TIMEOUT,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  // It finished on its own, well within the timeout, and was not killed or crashed by a signal.
  expect(r.error, `dcalc ${args.join(' ')} did not finish: ${r.error?.message}`).toBeUndefined();
  expect(r.signal, `dcalc ${args.join(' ')} was killed by ${r.signal}`).toBeNull();
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'dcalc-bad-input-'));
function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

type Kind = 'usage' | 'parse' | 'name' | 'shape' | 'domain' | 'limit';

interface Case {
  name: string;
  args: string[];
  input?: string;
  kind: Kind;
  /** [line, column] that the error must point at; null: the error has no location; omitted: either. */
  at?: [number, number] | null;
  /** The text the location points into (default: the program, args[1]). */
  src?: string;
  /** Something the message must say. */
  message?: RegExp;
}

const HEAD = /^dcalc: (usage|parse|name|shape|domain|limit) error( at (\d+):(\d+))?: \S/;

/** The contract's error form, checked strictly. */
function expectCleanError(r: Run, c: Pick<Case, 'kind' | 'at' | 'src' | 'message' | 'args'>): void {
  const what = `dcalc ${c.args.map((a) => (a.length > 60 ? a.slice(0, 60) + '…' : a)).join(' ')}\nstderr: ${r.stderr.slice(0, 2000)}`;
  expect(r.status, what).toBe(2);
  expect(r.stdout, what).toBe('');
  // never a stack trace or an internal failure dressed as a usage error
  expect(r.stderr, what).not.toMatch(/^\s+at /m);
  expect(r.stderr, what).not.toMatch(/\b[A-Z]\w*Error:|\bError:/);
  expect(r.stderr, what).not.toMatch(/node:internal|internal error/i);
  // NaN and ∞ never appear in output; NO_COLOR is set, so no ANSI escapes
  expect(r.stdout + r.stderr, what).not.toMatch(/NaN|Infinity|∞/);
  expect(r.stderr, what).not.toContain('\x1b[');

  const lines = r.stderr.replace(/\n$/, '').split('\n');
  const m = HEAD.exec(lines[0]!);
  expect(m, what).not.toBeNull();
  expect(m![1], what).toBe(c.kind);
  if (c.message) expect(lines[0], what).toMatch(c.message);
  if (c.at === null) expect(m![2], `${what}\n(expected no location)`).toBeUndefined();
  if (c.at) {
    expect(m![2], `${what}\n(expected a location)`).toBeDefined();
    expect([Number(m![3]), Number(m![4])], what).toEqual(c.at);
  }
  if (m![2] !== undefined) {
    // the input line (or, for a very long line, an excerpt of it) and a caret under the column
    const [line, col] = [Number(m![3]), Number(m![4])];
    const srcText = c.src ?? c.args[1] ?? '';
    const srcLine = [...(srcText.split(/\r?\n/)[line - 1] ?? '')];
    expect(lines.length, `${what}\n(expected the input line and a caret)`).toBeGreaterThanOrEqual(3);
    const shown = [...lines[1]!];
    const caret = [...lines[2]!];
    expect(lines[2], `${what}\n(expected a caret line)`).toMatch(/^\s*\^\s*$/);
    const p = caret.indexOf('^');
    if (srcLine.length <= 200) expect(lines[1]!.trim(), what).toBe(srcLine.join('').trim());
    if (col - 1 < srcLine.length) expect(shown[p], `${what}\n(the caret must sit under column ${col})`).toBe(srcLine[col - 1]);
    else expect(p, `${what}\n(the caret must sit past the end of the line)`).toBeGreaterThanOrEqual(shown.length);
  }
}

const LR = 'X: 1×M, W: M×1, b: scalar, y: scalar';
const badUtf8 = file('bad-utf8.txt', Buffer.concat([Buffer.from('x + '), Buffer.from([0xff, 0xfe]), Buffer.from(' y')]));
const deep = '('.repeat(10_000) + 'x' + ')'.repeat(10_000);
// exactly 10^6 bytes, many short lines of a valid program: the only thing wrong is its size
const bigProgram = (() => {
  const lines: string[] = [];
  let size = 0;
  for (let i = 1; size < 1_000_000 - 200; i++) {
    const l = `t${i} = ${i === 1 ? 'x' : `t${i - 1}`} + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x\n`;
    lines.push(l);
    size += Buffer.byteLength(l);
  }
  let text = lines.join('');
  const last = `t${lines.length}`;
  text += ' '.repeat(1_000_000 - Buffer.byteLength(text) - last.length) + last;
  return text;
})();
const bigLine = 'x' + ' + x'.repeat(249_999) + '   ';
const bigLineFile = file('big-line.txt', bigLine);

const cases: Case[] = [
  // ---- parse ----------------------------------------------------------------------
  { name: 'unbalanced paren tr(X', args: ['simplify', 'tr(X', '--let', 'X: n×n'], kind: 'parse', at: [1, 5] },
  { name: 'unbalanced closing paren', args: ['simplify', 'x)', '--let', 'x: scalar'], kind: 'parse', at: [1, 2] },
  { name: 'unbalanced paren on line 2', args: ['simplify', 'a = x\nb = (a', '--let', 'x: scalar'], kind: 'parse', at: [2, 7] },
  { name: '1..2 (no trailing-dot numbers)', args: ['eval', '1..2'], kind: 'parse', at: [1, 2] },
  { name: '2. (no trailing-dot numbers)', args: ['eval', '2.'], kind: 'parse', at: [1, 2] },
  { name: 'a + * b', args: ['simplify', 'a + * b', '--let', 'a: scalar, b: scalar'], kind: 'parse', at: [1, 5] },
  { name: 'stray $', args: ['simplify', '$'], kind: 'parse', at: [1, 1] },
  { name: 'empty parens', args: ['simplify', 'x + ()', '--let', 'x: scalar'], kind: 'parse', at: [1, 6] },
  { name: 'function with no argument tr()', args: ['simplify', 'tr()', '--let', 'x: scalar'], kind: 'parse', at: [1, 4] },
  { name: 'trailing operator x +', args: ['simplify', 'x +', '--let', 'x: scalar'], kind: 'parse', at: [1, 4] },
  { name: 'trailing power x^', args: ['simplify', 'x^', '--let', 'x: scalar'], kind: 'parse', at: [1, 3] },
  { name: 'unknown unicode symbol ☃', args: ['simplify', 'x + ☃', '--let', 'x: scalar'], kind: 'parse', at: [1, 5] },
  { name: 'lone combining accent', args: ['simplify', 'x + \u0301', '--let', 'x: scalar'], kind: 'parse', at: [1, 5] },
  { name: 'invalid UTF-8 bytes in a file', args: ['simplify', '-f', badUtf8, '--let', 'x: scalar, y: scalar'], src: 'x + \ufffd\ufffd y', kind: 'parse', at: [1, 5] },
  { name: 'wrong number of arguments', args: ['shape', 'tr(1,2)'], kind: 'parse', at: [1, 1] },

  // ---- name -----------------------------------------------------------------------
  { name: 'unknown function foo(x)', args: ['simplify', 'foo(x)', '--let', 'x: scalar'], kind: 'name', at: [1, 1], message: /unknown function foo/ },
  { name: 'undeclared name, shape unknown', args: ['shape', 'q'], kind: 'name', at: [1, 1], message: /\bq\b/ },
  { name: 'undeclared name inside a call', args: ['shape', 'sum(x)'], kind: 'name', at: [1, 5], message: /\bx\b/ },
  { name: 'wrt a name not in the program', args: ['grad', 'sum(x)', 'wrt', 'y', '--let', 'x: n×1'], kind: 'name', message: /\by\b/ },
  { name: 'wrt a dimension name', args: ['grad', 'sum(x)', 'wrt', 'n', '--let', 'x: n×1'], kind: 'name' },
  { name: 'a name defined twice', args: ['shape', 'x = 1; x = 2; x'], kind: 'name', at: [1, 8] },

  // ---- shape ----------------------------------------------------------------------
  { name: 'n×1 + 1×n', args: ['shape', 'x + y', '--let', 'x: n×1, y: 1×n'], kind: 'shape', at: [1, 3] },
  { name: 'inner sizes differ (A*B)', args: ['shape', 'A*B', '--let', 'A: 2×3, B: 4×2'], kind: 'shape', at: [1, 2] },
  { name: 'inner sizes differ (juxtaposition AB)', args: ['shape', 'AB', '--let', 'A: 2×3, B: 4×2'], kind: 'shape', at: [1, 2] },
  { name: 'inner sizes differ on line 2', args: ['shape', 'a = x + 1\nb = a*y', '--let', 'x: n×1, y: 2×2'], kind: 'shape', at: [2, 6] },
  { name: 'tr of a non-square matrix', args: ['shape', 'tr(A)', '--let', 'A: 2×3'], kind: 'shape', at: [1, 1] },
  { name: 'det of a non-square matrix', args: ['shape', 'det(A)', '--let', 'A: n×m'], kind: 'shape', at: [1, 1] },
  { name: 'inv of a non-square matrix', args: ['shape', 'inv(A)', '--let', 'A: n×m'], kind: 'shape', at: [1, 1] },
  { name: 'logdet of a non-square matrix', args: ['shape', 'logdet(A)', '--let', 'A: 2×3'], kind: 'shape', at: [1, 1] },
  { name: 'inverse of a non-square matrix', args: ['shape', 'A⁻¹', '--let', 'A: 2×3'], kind: 'shape', at: [1, 2] },
  { name: 'diag of a matrix', args: ['shape', 'diag(A)', '--let', 'A: n×n'], kind: 'shape', at: [1, 1] },
  { name: 'eye(0)', args: ['shape', 'eye(0)'], kind: 'shape', at: [1, 5] },
  { name: 'grad of a non-scalar program points to jacobian', args: ['grad', 'A*x', 'wrt', 'x', '--let', 'A: n×n, x: n×1'], kind: 'shape', message: /jacobian/ },

  // ---- --let ------------------------------------------------------------------------
  { name: '--let X: N×', args: ['shape', 'X', '--let', 'X: N×'], src: 'X: N×', kind: 'usage', at: [1, 6] },
  { name: '--let X: 0×3', args: ['shape', 'X', '--let', 'X: 0×3'], src: 'X: 0×3', kind: 'usage', at: [1, 4] },
  { name: '--let with no colon', args: ['shape', 'x', '--let', 'x n×1'], src: 'x n×1', kind: 'usage', at: [1, 3] },
  { name: '--let with a fractional size', args: ['shape', 'x', '--let', 'x: 1.5×1'], src: 'x: 1.5×1', kind: 'usage', at: [1, 4] },
  { name: '--let declaring a name twice with different shapes', args: ['shape', 'x', '--let', 'x: scalar, x: n×1'], src: 'x: scalar, x: n×1', kind: 'usage' },

  // ---- --at -------------------------------------------------------------------------
  { name: '--at not JSON', args: ['eval', 'sum(X)', '--let', 'X: 2×2', '--at', '{X: 1}'], kind: 'usage' },
  { name: '--at truncated JSON', args: ['eval', 'x', '--let', 'x: n×1', '--at', '{"x": [1,2'], kind: 'usage' },
  { name: '--at ragged rows', args: ['eval', 'sum(X)', '--let', 'X: 2×2', '--at', '{"X": [[1,2],[3]]}'], kind: 'usage' },
  { name: '--at sizes contradict the declaration', args: ['eval', 'sum(X)', '--let', 'X: 2×2', '--at', '{"X": [[1,2,3],[4,5,6]]}'], kind: 'usage' },
  { name: '--at sizes contradict a dimension bound elsewhere', args: ['eval', 'x+y', '--let', 'x: n×1, y: n×1', '--at', '{"x": [1,2], "y": [1,2,3]}'], kind: 'usage' },
  { name: '--at missing a variable', args: ['eval', 'sum(X)', '--let', 'X: 2×2', '--at', '{"Y": 1}'], kind: 'usage', message: /\bX\b/ },
  { name: '--at a string value', args: ['eval', 'x', '--let', 'x: scalar', '--at', '{"x": "a"}'], kind: 'usage' },
  { name: '--at a missing file', args: ['eval', 'x', '--let', 'x: scalar', '--at', join(tmp, 'no-such-values.json')], kind: 'usage' },

  // ---- domain (eval) --------------------------------------------------------------
  { name: 'log of a negative value', args: ['eval', 'log(x)', '--let', 'x: scalar', '--at', '{"x": -1}'], kind: 'domain', at: [1, 1] },
  { name: 'log of zero', args: ['eval', 'log(x)', '--let', 'x: scalar', '--at', '{"x": 0}'], kind: 'domain', at: [1, 1] },
  { name: 'log of a negative entry', args: ['eval', 'log(x)', '--let', 'x: n×1', '--at', '{"x": [1,-2,3]}'], kind: 'domain', at: [1, 1] },
  { name: 'log of a negative constant', args: ['eval', 'log(0-1)'], kind: 'domain', at: [1, 1] },
  { name: 'sqrt of a negative value', args: ['eval', 'sqrt(x)', '--let', 'x: scalar', '--at', '{"x": -4}'], kind: 'domain', at: [1, 1] },
  { name: 'inv of a singular matrix', args: ['eval', 'inv(A)', '--let', 'A: 2×2', '--at', '{"A": [[1,2],[2,4]]}'], kind: 'domain', at: [1, 1] },
  { name: 'A^(-1) of a singular matrix', args: ['eval', 'A^(-1)', '--let', 'A: 2×2', '--at', '{"A": [[1,2],[2,4]]}'], kind: 'domain', at: [1, 2] },
  { name: 'logdet with det < 0', args: ['eval', 'logdet(A)', '--let', 'A: 2×2', '--at', '{"A": [[0,1],[1,0]]}'], kind: 'domain', at: [1, 1] },
  { name: 'division by zero', args: ['eval', 'x / y', '--let', 'x: scalar, y: scalar', '--at', '{"x": 1, "y": 0}'], kind: 'domain', at: [1, 3] },
  { name: 'constant division by zero', args: ['eval', '1/0'], kind: 'domain', at: [1, 2] },
  { name: 'elementwise division by zero', args: ['eval', 'x ⊘ y', '--let', 'x: n×1, y: n×1', '--at', '{"x": [1,2], "y": [1,0]}'], kind: 'domain', at: [1, 3] },
  { name: 'overflow', args: ['eval', 'exp(x)', '--let', 'x: scalar', '--at', '{"x": 1000}'], kind: 'domain' },

  // ---- usage ------------------------------------------------------------------------
  { name: 'no command at all', args: [], kind: 'usage', at: null },
  { name: 'grad with no program', args: ['grad'], kind: 'usage', at: null },
  { name: 'eval with no program', args: ['eval'], kind: 'usage', at: null },
  { name: 'an empty program', args: ['shape', ''], kind: 'usage' },
  { name: 'grad without wrt', args: ['grad', 'sum(x)', '--let', 'x: n×1'], kind: 'usage', at: null, message: /wrt/ },
  { name: 'wrt without a variable', args: ['grad', 'sum(x)', 'wrt', '--let', 'x: n×1'], kind: 'usage', at: null },
  { name: 'unknown option', args: ['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: n×1', '--bogus'], kind: 'usage', at: null, message: /--bogus/ },
  { name: 'unknown command', args: ['frobnicate', 'x'], kind: 'usage', at: null, message: /frobnicate/ },
  { name: '--format pdf', args: ['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: n×1', '--format', 'pdf'], kind: 'usage', at: null, message: /pdf/ },
  { name: '-f of a missing file', args: ['grad', '-f', join(tmp, 'no-such-program.txt'), 'wrt', 'x'], kind: 'usage', at: null },
  { name: '--seed abc', args: ['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: n×1', '--seed', 'abc'], kind: 'usage', at: null, message: /seed/ },
  { name: '--seed 1.5', args: ['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: n×1', '--seed', '1.5'], kind: 'usage', at: null, message: /seed/ },

  // ---- limits -----------------------------------------------------------------------
  { name: 'a 1 MB program on standard input', args: ['simplify', '-', '--let', 'x: scalar'], input: bigProgram, src: bigProgram, kind: 'limit' },
  { name: 'a 1 MB one-line program in a file', args: ['simplify', '-f', bigLineFile, '--let', 'x: scalar'], src: bigLine, kind: 'limit' },
  { name: 'nesting depth 10,000', args: ['simplify', deep, '--let', 'x: scalar'], kind: 'limit' },
  // Too long for the recursive passes, though under the size and depth limits: located at the statement or its value.
  { name: 'a sum of 40,000 ones (the builder)', args: ['grad', `x: n×1\nL = sum(${'1+'.repeat(40_000)}x)`, 'wrt', 'x'], kind: 'limit', at: [2, 1] },
  { name: 'a sum of 2,500 terms (the builder or the derivative: it depends on the stack)', args: ['grad', `x: n×1\nL = sum(${'x + '.repeat(2_500)}x)`, 'wrt', 'x'], kind: 'limit' },
];

describe('bad input exits 2 with one clean, located error', () => {
  it('has at least 35 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    expect(Buffer.byteLength(bigProgram)).toBe(1_000_000);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = dcalc(c.args, { input: c.input });
    expectCleanError(r, c);
  });
});

describe('other clean failures', () => {
  it('unknown commands fail with a usage error', () => {
    for (const cmd of ['frobnicate', 'gradient', 'integrate']) {
      const r = dcalc([cmd, 'sum(x)', 'wrt', 'x', '--let', 'x: n×1']);
      expect(r.status, cmd).toBe(2);
      expect(r.stdout, cmd).toBe('');
      expect(r.stderr.split('\n')[0], cmd).toMatch(/^dcalc: usage error/);
      expect(r.stderr, cmd).not.toMatch(/^\s+at |node:internal|Error:/m);
    }
  });

  it('honours NO_COLOR even when colour is forced', () => {
    const env = { NO_COLOR: '1', FORCE_COLOR: '3', TERM: 'xterm-256color' };
    const bad = dcalc(['shape', 'x + y', '--let', 'x: n×1, y: 1×n'], { env });
    expectCleanError(bad, { kind: 'shape', at: [1, 3], args: ['shape', 'x + y'] });
    const good = dcalc(['grad', 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)', 'wrt', 'W', '--let', LR], { env });
    expect(good.status).toBe(0);
    expect(good.stdout + good.stderr).not.toContain('\x1b[');
    expect(good.stderr).toMatch(/^✓ verified numerically/);
  });
});
