/**
 * Hostile input and output on the command line (issue 13): a reader that closes the
 * pipe early, inputs without end (/dev/zero) or far past the limit, a driver that waits
 * for each batch answer before writing the next request, and oversize lines in a batch.
 * Each must end within seconds with the contract's answer, never a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { excerptAround } from '../../src/cli/errors.js';
import { INPUT_LIMIT_BYTES, BATCH_LINE_LIMIT_BYTES } from '../../src/cli/input.js';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dcalc-hostile-io-'));

function dcalc(args: string[], opts: { input?: string; stdin?: 'devzero' } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input,
    stdio: [opts.stdin === 'devzero' ? openSync('/dev/zero', 'r') /* an input that never ends */ : 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.error, `dcalc ${args.join(' ')} did not finish: ${r.error?.message}`).toBeUndefined();
  expect(r.signal).toBeNull();
  return r;
}


function expectLimit(r: { status: number | null; stdout: string; stderr: string }, what: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^dcalc: limit error at \d+:\d+: /);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(/^\s+at |Error:/m);
  // one located line, the excerpt and the caret: bounded, whatever the input's size
  expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(3);
  expect(r.stderr.length).toBeLessThan(600);
}

describe('a reader that closes standard output early', () => {
  it('ends dcalc batch quietly (`dcalc batch < requests | head -1`)', async () => {
    const requests = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ id: i, op: 'eval', program: `${i} + 1` })).join('\n') + '\n';
    const child = spawn(process.execPath, [BIN, 'batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const first = await new Promise<string>((resolve) => {
      child.stdout.once('data', (d: Buffer) => {
        child.stdout.destroy(); // what `head -1` does once it has its line
        resolve(d.toString('utf8').split('\n')[0]!);
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(requests);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(JSON.parse(first)).toMatchObject({ id: 0, ok: true, value: 1 });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('ends a single command quietly too', async () => {
    const child = spawn(process.execPath, [BIN, 'eval', 'ones(300, 300)'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error|^\s+at /m);
    expect(code).toBe(0);
  });
});

describe('inputs are read only up to the limit', () => {
  it('refuses an endless program file (-f /dev/zero) at the byte past the limit', () => {
    expectLimit(dcalc(['eval', '-f', '/dev/zero']), new RegExp(`at 1:${INPUT_LIMIT_BYTES + 1}: the file /dev/zero is larger than ${INPUT_LIMIT_BYTES} bytes`));
  });
  it('refuses endless standard input (- < /dev/zero), showing the NULs as ␀', () => {
    const r = dcalc(['eval', '-'], { stdin: 'devzero' });
    expectLimit(r, /standard input is larger than/);
    expect(r.stderr).toContain('␀');
    expect(r.stderr).not.toContain('\0');
  });
  it('refuses an endless --at file', () => {
    expectLimit(dcalc(['eval', 'x', '--at', '/dev/zero']), /--at: the file \/dev\/zero is larger than/);
  });
  it('refuses a 20 MB one-line program at once, with a short excerpt around the caret', () => {
    const big = join(tmp, 'big.txt');
    writeFileSync(big, 'x + '.repeat(5_000_000));
    const started = process.hrtime.bigint();
    const r = dcalc(['eval', '-f', big]);
    expectLimit(r, /is larger than 1000000 bytes/);
    expect(r.stderr).toContain('…x + x + ');
    // not a timing test: a bound far above the ~0.3 s it takes, far below reading 20 MB and parsing it
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(15);
  });
  it('accepts a program of exactly the limit (then the parser may refuse it, located)', () => {
    const p = join(tmp, 'exact.txt');
    writeFileSync(p, '1+'.repeat(INPUT_LIMIT_BYTES / 2 - 1) + '1');
    const r = dcalc(['eval', '-f', p]);
    expect(r.stderr).not.toMatch(/reading stopped/);
    expect(r.stderr).toMatch(/^dcalc: limit error at 1:1: input is larger than 100000 bytes/);
  });
});

describe('batch streams', () => {
  it('answers each request as soon as its line is read (a driver that waits for each answer)', async () => {
    const child = spawn(process.execPath, [BIN, 'batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let pending = '';
    const waiting: ((line: string) => void)[] = [];
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString('utf8');
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        waiting.shift()?.(line);
      }
    });
    const ask = (req: object) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${JSON.stringify(req)} while stdin is still open`)), 10_000);
        waiting.push((line) => {
          clearTimeout(timer);
          resolve(JSON.parse(line) as Record<string, unknown>);
        });
        child.stdin.write(JSON.stringify(req) + '\n');
      });
    const a1 = await ask({ id: 1, op: 'eval', program: '2*3' });
    const a2 = await ask({ id: 2, op: 'grad', program: "x'*x", wrt: 'x', let: 'x: n×1' });
    const a3 = await ask({ id: 3, op: 'eval', program: 'log(' });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(a1).toMatchObject({ id: 1, ok: true, value: 6 });
    expect(a2).toMatchObject({ id: 2, ok: true, result: '2x' });
    expect(a3).toMatchObject({ id: 3, ok: false, error: { kind: 'parse' } });
    expect(code).toBe(0);
  });

  it('answers an overlong line with a limit error and goes on with the next', () => {
    const long = JSON.stringify({ id: 1, op: 'eval', program: '1' + ' '.repeat(BATCH_LINE_LIMIT_BYTES) });
    const r = dcalc(['batch'], { input: `{"id":0,"op":"eval","program":"1"}\n${long}\n{"id":2,"op":"eval","program":"2"}\n` });
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatchObject({ id: 0, ok: true, value: 1 });
    expect(answers[1]).toMatchObject({ id: null, ok: false, error: { kind: 'limit' } });
    expect(answers[1]!.error.message).toMatch(/longer than 4000000 bytes/);
    expect(answers[2]).toMatchObject({ id: 2, ok: true, value: 2 });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('ends a batch whose input has no line breaks at all (batch < /dev/zero), with one limit answer', () => {
    const r = dcalc(['batch'], { stdin: 'devzero' });
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(answers).toEqual([{ id: null, ok: false, error: { kind: 'limit', message: expect.stringMatching(/longer than/) } }]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
  });

  it('splits requests at line breaks wherever the chunks of input fall (multi-byte characters too)', async () => {
    const child = spawn(process.execPath, [BIN, 'batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const text = `{"id":"α","op":"shape","program":"x − y","let":"x: n×1, y: n×1"}\r\n\n{"id":2,"op":"eval","program":"3 − 1.5"}`;
    for (const b of Buffer.from(text)) child.stdin.write(Buffer.from([b]));
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    const answers = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(answers).toEqual([expect.objectContaining({ id: 'α', ok: true, shape: ['n', 1] }), expect.objectContaining({ id: 2, ok: true, value: 1.5 })]);
  });
});

describe('error excerpts', () => {
  it('show a window of 40 characters either side of the caret, whatever the line length', () => {
    const line = 'a'.repeat(1000) + '$' + 'b'.repeat(1000);
    const e = excerptAround(`first\n${line}\nlast`, 2, 1001)!;
    expect(e.text).toBe(`…${'a'.repeat(40)}$${'b'.repeat(40)}…`);
    expect(e.pad.length).toBe(41);
    expect([...e.text][e.pad.length]).toBe('$');
  });
  it('count columns in code points (𝐱 is one column)', () => {
    const e = excerptAround('𝐱 + $', 1, 5)!;
    expect(e.text).toBe('𝐱 + $');
    expect(e.pad).toBe('    ');
  });
  it('give nothing for a line the text does not have', () => {
    expect(excerptAround('x', 3, 1)).toBeUndefined();
  });
});

describe('--seed', () => {
  it('refuses an empty seed instead of running as seed 0', () => {
    const r = dcalc(['grad', "x'*x", 'wrt', 'x', '--let', 'x: n×1', '--seed', '']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dcalc: usage error: --seed takes a non-negative integer/);
  });
  it('refuses a seed past 2^53 rather than rounding it', () => {
    const r = dcalc(['grad', "x'*x", 'wrt', 'x', '--let', 'x: n×1', '--seed', '99999999999999999999']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage error: --seed/);
  });
});
