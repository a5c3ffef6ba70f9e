/**
 * `dcalc batch` (CONTRACT §3): JSON Lines in, one JSON answer a line out, in order,
 * each with the request's id; a bad line gives an `ok: false` line and the batch goes
 * on; `check` is off unless asked for; nothing on stderr.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

type Answer = Record<string, any>;

function batch(requests: (object | string)[]): { status: number | null; answers: Answer[]; stdout: string; stderr: string } {
  const input = requests.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
  const r = spawnSync(process.execPath, [BIN, 'batch'], {
    input,
    encoding: 'utf8',
    timeout: 10_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.error, `dcalc batch did not finish: ${r.error?.message}`).toBeUndefined();
  expect(r.signal).toBeNull();
  const lines = r.stdout.split('\n');
  expect(lines.pop(), 'the output ends with a newline').toBe('');
  const answers = lines.map((l) => JSON.parse(l) as Answer);
  expect(r.stdout).not.toMatch(/NaN|Infinity/);
  return { status: r.status, answers, stdout: r.stdout, stderr: r.stderr };
}

const LOSS = 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)';
const LET = 'X: 1×M, W: M×1, b: scalar, y: scalar';

describe('batch', () => {
  it('answers several requests in order with the same ids, of any JSON type', () => {
    const ids = [1, 'two', 3.5, [4, 'x'], { k: 5 }, true, null, -7];
    const b = batch(ids.map((id, i) => ({ id, op: 'eval', program: `${i} + 1` })));
    expect(b.status).toBe(0);
    expect(b.stderr).toBe('');
    expect(b.answers).toHaveLength(ids.length);
    b.answers.forEach((a, i) => {
      expect(a).toHaveProperty('id');
      expect(a.id).toEqual(ids[i]);
      expect(a).toMatchObject({ ok: true, op: 'eval', value: i + 1, shape: [1, 1] });
    });
  });

  it('answers each op with the JSON of CONTRACT §3', () => {
    const b = batch([
      { id: 1, op: 'grad', program: LOSS, wrt: 'W', let: LET },
      { id: 2, op: 'shape', program: 'h = XW + b', let: 'X: N×M, W: M×K, b: 1×K' },
      { id: 3, op: 'simplify', program: "((A*B)')' + 0*C", let: 'A: n×m, B: m×k, C: n×k' },
      { id: 4, op: 'eval', program: '2*3 + 1' },
    ]);
    expect(b.status).toBe(0);
    expect(b.stderr).toBe('');
    expect(b.answers.map((a) => a.id)).toEqual([1, 2, 3, 4]);
    expect(b.answers[0]).toMatchObject({ id: 1, ok: true, op: 'grad', wrt: 'W', result: 'Xᵀ(a − y)', ascii: "X'*(a - y)", latex: 'X^\\top (a - y)', shape: ['M', 1] });
    expect(b.answers[1]).toMatchObject({ id: 2, ok: true, op: 'shape', shape: ['N', 'K'] });
    expect(b.answers[2]).toMatchObject({ id: 3, ok: true, op: 'simplify', result: 'AB', ascii: 'A*B', shape: ['n', 'k'] });
    expect(b.answers[3]).toMatchObject({ id: 4, ok: true, op: 'eval', value: 7 });
  });

  it('a line that is not JSON gets id null and a parse error, and the batch goes on', () => {
    const b = batch([
      { id: 1, op: 'eval', program: '1 + 1' },
      'this is not json {',
      { id: 3, op: 'eval', program: '3 + 3' },
    ]);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.answers).toHaveLength(3);
    expect(b.answers[0]).toMatchObject({ id: 1, ok: true, value: 2 });
    expect(b.answers[1]).toHaveProperty('id', null);
    expect(b.answers[1]!.ok).toBe(false);
    expect(b.answers[1]!.error.kind).toBe('parse');
    expect(typeof b.answers[1]!.error.message).toBe('string');
    expect(b.answers[2]).toMatchObject({ id: 3, ok: true, value: 6 });
  });

  it('a request with a shape error gives ok:false with kind, line and column, and the batch goes on', () => {
    const b = batch([
      { id: 'a', op: 'shape', program: 'x + y', let: 'x: n×1, y: 1×n' },
      { id: 'b', op: 'shape', program: 'p = x\nq = A*p', let: 'x: n×1, A: 2×3' },
      { id: 'c', op: 'grad', program: 'sum(x)', wrt: 'x', let: 'x: n×1' },
    ]);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.answers).toHaveLength(3);
    expect(b.answers[0]).toEqual({
      id: 'a',
      ok: false,
      error: { kind: 'shape', message: expect.stringMatching(/n×1.*1×n/), line: 1, column: 3 },
    });
    expect(b.answers[1]).toMatchObject({ id: 'b', ok: false, error: { kind: 'shape', line: 2, column: 6 } });
    expect(b.answers[2]).toMatchObject({ id: 'c', ok: true, op: 'grad', shape: ['n', 1] });
  });

  it('other bad requests answer ok:false with the contract error kinds', () => {
    const b = batch([
      { id: 1, op: 'simplify', program: 'tr(X', let: 'X: n×n' },
      { id: 2, op: 'simplify', program: 'foo(x)', let: 'x: scalar' },
      { id: 3, op: 'eval', program: 'log(x)', let: 'x: scalar', at: { x: -1 } },
      { id: 4, op: 'frobnicate', program: 'x' },
      { id: 5, op: 'grad', program: 'sum(x)', wrt: 'y', let: 'x: n×1' },
      { id: 6, op: 'grad', program: 'A*x', wrt: 'x', let: 'A: n×n, x: n×1' },
      { id: 7, op: 'eval', program: '2' },
    ]);
    expect(b.stderr).toBe('');
    expect(b.answers.map((a) => a.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(b.answers[0]).toMatchObject({ ok: false, error: { kind: 'parse', line: 1, column: 5 } });
    expect(b.answers[1]).toMatchObject({ ok: false, error: { kind: 'name', line: 1, column: 1 } });
    expect(b.answers[1]!.error.message).toMatch(/unknown function foo/);
    expect(b.answers[2]).toMatchObject({ ok: false, error: { kind: 'domain', line: 1, column: 1 } });
    expect(b.answers[3]).toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect(b.answers[4]).toMatchObject({ ok: false, error: { kind: 'name' } });
    expect(b.answers[5]).toMatchObject({ ok: false, error: { kind: 'shape' } });
    expect(b.answers[5]!.error.message).toMatch(/jacobian/);
    expect(b.answers[6]).toMatchObject({ ok: true, value: 2 });
    for (const a of b.answers) expect(JSON.stringify(a)).not.toMatch(/\s+at |node:internal|internal error/);
  });

  it('check is off unless the request says "check": true', () => {
    const b = batch([
      { id: 1, op: 'grad', program: LOSS, wrt: 'W', let: LET },
      { id: 2, op: 'grad', program: LOSS, wrt: 'W', let: LET, check: true },
      { id: 3, op: 'grad', program: LOSS, wrt: 'W', let: LET, check: false },
    ]);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.answers[0]).not.toHaveProperty('check');
    expect(b.answers[1]!.check.points).toBe(3);
    expect(typeof b.answers[1]!.check.maxRelErr).toBe('number');
    expect(b.answers[1]!.check.maxRelErr).toBeLessThan(1e-4);
    expect(b.answers[2]).not.toHaveProperty('check');
  });

  it('takes let as a string and as an object of sizes', () => {
    const b = batch([
      { id: 's', op: 'grad', program: 't*tr(X)', wrt: 'X', let: 'X: k×k, t: scalar' },
      { id: 'o', op: 'grad', program: 't*tr(X)', wrt: 'X', let: { X: ['k', 'k'], t: [] } },
      { id: 'n', op: 'shape', program: 'A*x', let: { A: [2, 'n'], x: ['n', 1] } },
    ]);
    expect(b.stderr).toBe('');
    expect(b.answers[0]).toMatchObject({ id: 's', ok: true, shape: ['k', 'k'] });
    expect(b.answers[1]).toMatchObject({ id: 'o', ok: true, shape: ['k', 'k'] });
    expect(b.answers[1]!.result).toBe(b.answers[0]!.result);
    expect(b.answers[2]).toMatchObject({ id: 'n', ok: true, shape: [2, 1] });
  });

  it('at values give value', () => {
    const b = batch([
      { id: 1, op: 'eval', program: 'tr(X)*t', let: { X: ['k', 'k'], t: [] }, at: { X: [[1, 2], [3, 4]], t: 2 } },
      { id: 2, op: 'eval', program: 'sum(x)/n', let: 'x: n×1', at: { x: [1, 2, 3] } },
      { id: 3, op: 'grad', program: LOSS, wrt: 'W', let: LET, at: { X: [[1, 2]], W: [[0.5], [-0.25]], b: 0.1, y: 1 } },
      { id: 4, op: 'grad', program: 'sum(x)', wrt: 'x', let: 'x: n×1' },
    ]);
    expect(b.stderr).toBe('');
    expect(b.answers[0]).toMatchObject({ id: 1, ok: true, op: 'eval', value: 10 });
    expect(b.answers[1]).toMatchObject({ id: 2, ok: true, op: 'eval', value: 2 });
    const s = 1 / (1 + Math.exp(-0.1)) - 1;
    expect(b.answers[2]!.value).toHaveLength(2);
    expect(b.answers[2]!.value[0][0]).toBeCloseTo(s, 10);
    expect(b.answers[2]!.value[1][0]).toBeCloseTo(2 * s, 10);
    expect(b.answers[3]).not.toHaveProperty('value');
  });
});
