/**
 * One request validator for the CLI and batch (src/api/validate-request.ts): the same bad
 * request gives the same kind and the same message through `dcalc <op> …` and through a
 * `dcalc batch` line, the field named as each surface spells it (`--seed`, `"seed"`); and
 * batch honours `from` as the CLI does.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BATCH_SPELLING, CLI_SPELLING, type Field } from '../../src/api/validate-request.js';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function cli(args: string[]): { status: number | null; stdout: string; kind?: string; message?: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  const m = /^dcalc: (\w+) error(?: at \d+:\d+)?: (.*)$/m.exec(r.stderr);
  return { status: r.status, stdout: r.stdout, kind: m?.[1], message: m?.[2] };
}

function batch(requests: object[]): Record<string, any>[] {
  const r = spawnSync(process.execPath, [BIN, 'batch'], { input: requests.map((q) => JSON.stringify(q)).join('\n') + '\n', encoding: 'utf8', timeout: 20_000 });
  expect(r.stderr).toBe('');
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

/** A bad request, as CLI arguments and as a batch line, and the field its message names (if any). */
interface Case {
  readonly name: string;
  readonly args: string[];
  readonly request: Record<string, unknown>;
  readonly field?: Field;
}

/** The fields a message may name, longest spellings first (`--format numpy` before `--format`). */
const FIELDS: Field[] = ['export', 'layout', 'symmetric', 'seed', 'claim', 'from', 'of', 'wrt'];

const CASES: Case[] = [
  { name: 'a seed that is not a number', args: ['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: n×1', '--seed', 'abc'], request: { op: 'grad', program: 'sum(x)', wrt: 'x', let: 'x: n×1', seed: 'abc' }, field: 'seed' },
  { name: 'a negative seed', args: ['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: n×1', '--seed=-1'], request: { op: 'grad', program: 'sum(x)', wrt: 'x', let: 'x: n×1', seed: -1 }, field: 'seed' },
  { name: 'an export of an evaluation', args: ['eval', '1 + 1', '--format', 'numpy'], request: { op: 'eval', program: '1 + 1', export: 'numpy' }, field: 'export' },
  { name: 'an export in the other layout', args: ['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: n×1', '--format', 'torch', '--layout', 'numerator'], request: { op: 'grad', program: 'sum(x)', wrt: 'x', let: 'x: n×1', export: 'torch', layout: 'numerator' }, field: 'export' },
  { name: 'an empty program', args: ['grad', '  ', 'wrt', 'x'], request: { op: 'grad', program: '  ', wrt: 'x' } },
  { name: 'a name declared twice in let', args: ['grad', 'sum(x)', 'wrt', 'x', '--let', 'x: 2×1, x: 3×1'], request: { op: 'grad', program: 'sum(x)', wrt: 'x', let: 'x: 2×1, x: 3×1' } },
  { name: 'values of the wrong size', args: ['eval', 'sum(x)', '--let', 'x: 2×1', '--at', '{"x": [[1], [2], [3]]}'], request: { op: 'eval', program: 'sum(x)', let: 'x: 2×1', at: { x: [[1], [2], [3]] } } },
  { name: '--symmetric of a variable not declared symmetric', args: ['grad', 'tr(X)', 'wrt', 'X', '--let', 'X: n×n', '--symmetric'], request: { op: 'grad', program: 'tr(X)', wrt: 'X', let: 'X: n×n', symmetric: true } },
  { name: 'check of several variables', args: ['check', 'sum(x) + sum(y)', 'wrt', 'x,', 'y', '--let', 'x: n×1, y: n×1', '--claim', '1'], request: { op: 'check', program: 'sum(x) + sum(y)', wrt: ['x', 'y'], let: 'x: n×1, y: n×1', claim: '1' } },
];

describe('the same bad request through the CLI and batch', () => {
  const answers = batch(CASES.map((c, id) => ({ id, ...c.request })));
  CASES.forEach((c, id) => {
    it(`${c.name}: the same kind and message`, () => {
      const viaCli = cli(c.args);
      const viaBatch = answers[id]!;
      expect(viaCli.status).toBe(2);
      expect(viaBatch.ok).toBe(false);
      expect(viaCli.kind).toBe(viaBatch.error.kind);
      const value = c.request[c.field ?? 'op'];
      // The field is named as the surface spells it; the rest of the message is the same.
      // (An error found past the validator, by the library, is worded for the command line on both.)
      const neutral = (message: string, spell: typeof CLI_SPELLING) => (c.field ? FIELDS.reduce((m, f) => m.replaceAll(spell(f, c.request[f]), `<${f}>`), message) : message);
      if (c.field) {
        expect(viaCli.message).toContain(CLI_SPELLING(c.field, value));
        expect(viaBatch.error.message).toContain(BATCH_SPELLING(c.field, value));
      }
      expect(neutral(viaCli.message!, CLI_SPELLING)).toBe(neutral(viaBatch.error.message, BATCH_SPELLING));
    });
  });
});

describe('batch honours from as the CLI does', () => {
  const base = { op: 'grad', program: '\\sin(x)', wrt: 'x', let: 'x: scalar' };
  const [asText, detected, asLatex, wrong] = batch([{ id: 1, ...base, from: 'text' }, { id: 2, ...base }, { id: 3, ...base, from: 'latex' }, { id: 4, ...base, from: 'tex' }]);

  it('"from": "text" reads LaTeX as dcalc text, a parse error located where the CLI locates it', () => {
    const viaCli = cli(['grad', '\\sin(x)', 'wrt', 'x', '--let', 'x: scalar', '--from', 'text']);
    expect(asText!.ok).toBe(false);
    expect(asText!.error).toMatchObject({ kind: 'parse', line: 1, column: 1 });
    expect(viaCli.kind).toBe('parse');
    expect(viaCli.message).toBe(asText!.error.message);
  });

  it('"from": "latex" (and no from: detected) gives the CLI --from latex answer', () => {
    const viaCli = cli(['grad', '\\sin(x)', 'wrt', 'x', '--let', 'x: scalar', '--from', 'latex', '--no-check', '--format', 'json']);
    const { id: _id, ...answer } = asLatex!;
    expect(JSON.parse(viaCli.stdout)).toEqual(answer);
    expect(answer.result).toBe('cos(x)');
    expect({ ...detected, id: 3 }).toEqual(asLatex);
  });

  it('a from that is neither is a usage error naming the field', () => {
    expect(wrong!.error).toEqual({ kind: 'usage', message: '"from" is text or latex, not tex' });
  });
});
