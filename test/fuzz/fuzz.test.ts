/**
 * Input fuzzing (CONTRACT §3, "nothing crashes the process or hangs"): random
 * characters, mutations of valid programs, deep nesting, long inputs, random `--let` and
 * `--at` text and random batch lines (generators.ts). Every input gets a result or a
 * DcalcError of a known kind with a message — never another exception, never an
 * "internal error" (the CLI's name for an exception it did not expect).
 *
 * Most cases run in process (commands.ts `run`, the library, the batch runner), in two
 * worker threads with a 1 MB stack like the CLI's (runFuzzPool in generators.ts): an
 * input with no answer within 5 s is reported as a hang, with its text, and its worker is
 * replaced. ~30 cases go through the real CLI (built by `npm test` before vitest runs).
 * The maximum time per input is printed; nothing is asserted about time except that the
 * run finishes, and the parse-time test asserts a growth ratio (log-log slope), not a
 * duration. `npm run fuzz -- --cases N` runs the same cases (and property cases) against
 * dist/ at scale.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { build } from 'esbuild';
import { parseProgram } from '../../src/api/index.js';
import { programCaseArb, batchCaseArb, describeCase, propSeed, runFuzzPool, type ProgramCase, type FuzzSummary, type FuzzPlan } from '../properties/generators.js';
import { logLogSlope } from '../slope.js';

const SEED = propSeed();
// eslint-disable-next-line no-console
console.log(`fuzz: seed ${SEED} (DCALC_PROP_SEED)`);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** In-process cases (worker threads, so that a hang is caught and named), and CLI runs. */
const RUNS = { library: 1800, cli: 30 };
const PLAN: FuzzPlan = { seed: SEED, mix: { program: 8, batch: 2, property: 0, long: 1 }, chunk: 300 };

/**
 * The worker: src/ and the generators bundled by esbuild (a worker thread cannot load
 * TypeScript), calling fuzzWorker with the library, run/toJson and the batch runner.
 */
const WORKER_SOURCE = `
import * as api from './src/api/index.ts';
import { run as runValid } from './src/api/request.ts';
import { validateRequest, BATCH_SPELLING } from './src/api/validate-request.ts';
import { toJson } from './src/present/json.ts';
import { runBatch } from './src/cli/batch.ts';
import { DcalcError } from './src/errors.ts';
import { fuzzWorker } from './test/properties/generators.ts';
const run = (req) => runValid(validateRequest(req, BATCH_SPELLING));
void fuzzWorker({ ...api, run, toJson, runBatch, DcalcError });
`;
let workerFile = '';

beforeAll(async () => {
  workerFile = join(mkdtempSync(join(tmpdir(), 'dcalc-fuzz-')), 'worker.mjs');
  await build({
    stdin: { contents: WORKER_SOURCE, resolveDir: ROOT, sourcefile: 'fuzz-worker.ts', loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: workerFile, logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}, 60_000);
afterAll(() => rmSync(join(workerFile, '..'), { recursive: true, force: true }));

const slowest = new Map<string, { ms: number; what: string }>();
function note(where: string, ms: number, what: string): void {
  if (ms > (slowest.get(where)?.ms ?? -1)) slowest.set(where, { ms, what: what.slice(0, 200) });
}

function findings(s: FuzzSummary): string {
  const show = (f: { i: number; problem: string; input: string }) => `case ${f.i}: ${f.problem}\n  input: ${f.input}`;
  return [...s.hangs.map((h) => `HANG ${show(h)}`), ...s.failures.map((f) => `FAIL ${show(f)}`), ...(s.aborted ? [s.aborted] : [])].join('\n\n');
}

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));
const STACK_LINE = /^\s+at .*(\(.*:\d+:\d+\)|:\d+:\d+)$/m;
const HEAD = /^dcalc: (usage|parse|name|shape|domain|limit) error/;

/** The command line for a case: the program as an argument, or on standard input when it cannot be one. */
function cliArgs(c: ProgramCase, format: string): { args: string[]; input: string } {
  const viaStdin = c.text.includes('\0') || Buffer.byteLength(c.text) > 100_000 || c.text.startsWith('-');
  const args: string[] = [c.op, viaStdin ? '-' : c.text];
  const clean = (s: string) => s.replace(/\0/g, '');
  if (c.wrt !== undefined && ['grad', 'jacobian', 'hessian', 'differential', 'check'].includes(c.op)) args.push('wrt', clean(c.wrt));
  if (c.let !== undefined) args.push(`--let=${clean(c.let)}`);
  if (c.at !== undefined) args.push(`--at=${JSON.stringify(c.at) ?? 'null'}`);
  if (c.op === 'check') args.push(`--claim=${clean(c.claim ?? 'x')}`);
  if (format !== 'text') args.push('--format', format);
  return { args, input: viaStdin ? c.text : '' };
}

/** Runs the CLI; a description of what went wrong, or undefined. */
function runCli(args: string[], input: string, what: string): string | undefined {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 15_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', DCALC_DEBUG: '' } });
  note('cli', performance.now() - t0, what);
  const fail = (why: string) => `CLI: ${why}\n${what}\nexit ${r.status}, signal ${r.signal}\nstderr: ${r.stderr?.slice(0, 2000)}`;
  // Past 10⁶ bytes dcalc stops reading standard input (a limit error) and exits: our write then meets a closed pipe.
  const refusedInput = (r.error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE' && r.status === 2 && /^dcalc: limit error at \d+:\d+: standard input is larger than 1000000 bytes/.test(r.stderr);
  if (r.error && !refusedInput) return fail(`did not finish: ${r.error.message}`);
  if (r.signal) return fail(`killed by ${r.signal}`);
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) return fail(`exit code ${r.status}`);
  if (STACK_LINE.test(r.stderr)) return fail('a stack trace on stderr');
  if (/internal error/i.test(r.stderr)) return fail('an internal error');
  if (r.status === 2 && !HEAD.test(r.stderr)) return fail('exit 2 without a `dcalc: <kind> error` line');
  if (/\bNaN\b|Infinity|∞/.test(r.stdout)) return fail(`NaN or ∞ in the output: ${r.stdout.slice(0, 500)}`);
  return undefined;
}

describe('fuzzing: every input gets a result or a clear DcalcError', () => {
  test(`in process: ${RUNS.library} inputs (random, mutated, nested, long; --let, --at; batches) through run(), the library and runBatch`, async () => {
    const s = await runFuzzPool({ workerFile, plan: PLAN, cases: RUNS.library, workers: 2, timeoutMs: 5_000, maxHangs: 3 });
    note('in process', s.maxMs, s.maxInput);
    // eslint-disable-next-line no-console
    console.log(`fuzz (in process): ${s.cases} cases ${JSON.stringify(s.byKind)} in ${(s.elapsedMs / 1000).toFixed(1)} s; ${s.failures.length} failures, ${s.hangs.length} hangs; max ${s.maxMs.toFixed(0)} ms per input`);
    expect(s.failures.length + s.hangs.length, findings(s)).toBe(0);
    expect(s.aborted).toBeUndefined();
  }, 180_000);

  test(`the real CLI: ${RUNS.cli} inputs (exit 0, 1 or 2, no stack trace, no hang)`, () => {
    const cases = fc.sample(fc.tuple(programCaseArb({ long: 8 }), fc.constantFrom('text', 'ascii', 'latex', 'json')), { seed: SEED + 3, numRuns: RUNS.cli - 4 });
    const problems: string[] = [];
    for (const [c, format] of cases) {
      const { args, input } = cliArgs(c, format);
      const p = runCli(args, input, describeCase(c));
      if (p) problems.push(p);
    }
    for (const b of fc.sample(batchCaseArb, { seed: SEED + 4, numRuns: 4 })) {
      const p = runCli(['batch'], b.lines.join('\n'), describeCase(b));
      if (p) problems.push(p);
    }
    expect(problems, problems.join('\n\n')).toEqual([]);
  }, 600_000);

  test('report the slowest inputs', () => {
    const rows = [...slowest].map(([where, x]) => `  ${where}: ${x.ms.toFixed(1)} ms (${x.what.replace(/\n/g, '⏎')})`);
    // eslint-disable-next-line no-console
    console.log(`fuzz: max time per input\n${rows.join('\n')}`);
    expect(slowest.size).toBeGreaterThan(0);
  });
});

describe('parse time grows linearly with the input', () => {
  /** A program of about `bytes` bytes: a chain of definitions, each using the previous ones. */
  function program(bytes: number): string {
    const lines = ['x: n×1; A: n×n; b: n×1', 'h0 = x'];
    let size = lines.join('\n').length;
    for (let i = 1; size < bytes; i++) {
      const line = [`h${i} = A h${i - 1} + b ⊙ h${i - 1}`, `h${i} = σ(h${i - 1}) − x`, `h${i} = (Aᵀ h${i - 1})/2 + tanh(b)`][i % 3]!;
      lines.push(line);
      size += line.length + 1;
    }
    lines.push(`L = sum(h${lines.length - 2})`);
    return lines.join('\n');
  }

  test('1k … 64k bytes: the log-log slope of time against size is below 1.3', () => {
    const sizes = [1, 2, 4, 8, 16, 32, 64].map((k) => k * 1024);
    const texts = sizes.map(program);
    // Warm up (JIT) on a mid-sized program, then take the best of a few runs of each.
    for (let i = 0; i < 3; i++) parseProgram(texts[4]!);
    const times = texts.map((t) => {
      let best = Infinity;
      const reps = t.length < 20_000 ? 7 : 3;
      for (let i = 0; i < reps; i++) {
        const t0 = performance.now();
        parseProgram(t);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    });
    const slope = logLogSlope(sizes, times);
    // eslint-disable-next-line no-console
    console.log(`parse time (a chain of definitions): ${sizes.map((s, i) => `${s / 1024}k ${times[i]!.toFixed(2)} ms`).join(', ')}; log-log slope ${slope.toFixed(3)}`);
    expect(slope).toBeLessThan(1.3);
  }, 120_000);

  test('a run of letters (juxtaposed one-letter names, XXX…Xx) of 100 … 800 letters: slope below 1.3', () => {
    const sizes = [100, 200, 400, 800];
    const texts = sizes.map((n) => `x: n×1; X: n×n\nL = sum(${'X'.repeat(n)}x)`);
    parseProgram(texts[0]!);
    const times = texts.map((t) => {
      let best = Infinity;
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        parseProgram(t);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    });
    const slope = logLogSlope(sizes, times);
    // eslint-disable-next-line no-console
    console.log(`parse time (a run of letters): ${sizes.map((s, i) => `${s} ${times[i]!.toFixed(1)} ms`).join(', ')}; log-log slope ${slope.toFixed(3)}`);
    expect(slope).toBeLessThan(1.3);
  }, 120_000);
});
