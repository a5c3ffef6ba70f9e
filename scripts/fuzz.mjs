#!/usr/bin/env node
// Fuzzing against the built library (dist/index.js, made by `npm run build`):
//
//   npm run fuzz -- --cases N [--seed S] [--workers W] [--timeout MS] [--max-hangs H]
//   npm run fuzz -- --case I [--seed S]        # rerun one case and show it
//
// The cases (test/properties/generators.ts, bundled here with esbuild) are random
// characters, mutations of valid programs, deep nesting, long inputs, random --let and
// --at values, random batch requests, and property cases (a generated program's
// derivative against finite differences; the raw and simplified derivative, every rule
// step, and the printed text and ascii at a point that honours the assumptions). Each
// input must give a result or a DcalcError of a contract kind with a message; an input
// that runs longer than --timeout is a hang (its worker is replaced and the run goes on).
// Prints a summary (cases, failures, hangs, max time per input); exits 1 on any failure.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const usage = 'usage: npm run fuzz -- --cases N [--seed S] [--workers W] [--timeout MS] [--max-hangs H] | --case I [--seed S]';

function parseArgs(argv) {
  const opts = { cases: undefined, seed: 20251125, workers: Math.max(1, availableParallelism()), timeout: 5_000, maxHangs: Infinity, case: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || !/^-?\d+$/.test(v)) {
        console.error(`fuzz: ${flag} needs an integer\n${usage}`);
        process.exit(2);
      }
      return Number(v);
    };
    switch (flag) {
      case '--cases': opts.cases = value(); break;
      case '--seed': opts.seed = value(); break;
      case '--workers': opts.workers = value(); break;
      case '--timeout': opts.timeout = value(); break;
      case '--max-hangs': opts.maxHangs = value(); break;
      case '--case': opts.case = value(); break;
      case '-h': case '--help': console.log(usage); process.exit(0); break;
      default:
        console.error(`fuzz: unknown option ${argv[i]}\n${usage}`);
        process.exit(2);
    }
  }
  if (opts.cases === undefined && opts.case === undefined) {
    console.error(usage);
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const distIndex = join(root, 'dist', 'index.js');
if (!existsSync(distIndex)) {
  console.error('fuzz: dist/index.js is missing: run `npm run build` first');
  process.exit(2);
}

// The generators (TypeScript, fast-check included) as one module, and a worker over a
// snapshot of dist/index.js (a rebuild during a long run does not change what is tested).
const dir = mkdtempSync(join(tmpdir(), 'dcalc-fuzz-'));
const libFile = join(dir, 'dcalc.mjs');
copyFileSync(distIndex, libFile);
const generators = join(dir, 'generators.mjs');
await build({ entryPoints: [join(root, 'test', 'properties', 'generators.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: generators, logLevel: 'warning' });
const workerFile = join(dir, 'worker.mjs');
writeFileSync(workerFile, `import * as lib from ${JSON.stringify(pathToFileURL(libFile).href)};\nimport { fuzzWorker } from ${JSON.stringify(pathToFileURL(generators).href)};\nvoid fuzzWorker(lib);\n`);
const gen = await import(pathToFileURL(generators).href);
const plan = { seed: opts.seed, mix: gen.DEFAULT_MIX, chunk: 500 };
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

if (opts.case !== undefined) {
  // One case, in this thread, shown in full.
  const lib = await import(pathToFileURL(libFile).href);
  const c = gen.fuzzCaseAt(plan, opts.case);
  console.log(`case ${opts.case} (seed ${opts.seed}): ${gen.describeCase(c)}`);
  const t0 = performance.now();
  const problem = gen.checkFuzzCase(c, lib);
  console.log(`${problem === undefined ? 'ok' : `FAILED: ${problem}`} (${(performance.now() - t0).toFixed(1)} ms)`);
  process.exit(problem === undefined ? 0 : 1);
}

console.log(`fuzz: ${opts.cases} cases, seed ${opts.seed}, ${opts.workers} workers, timeout ${opts.timeout} ms per input`);
const summary = await gen.runFuzzPool({
  workerFile,
  plan,
  cases: opts.cases,
  workers: opts.workers,
  timeoutMs: opts.timeout,
  maxHangs: Number.isFinite(opts.maxHangs) ? opts.maxHangs : undefined,
  onProgress: (done) => {
    if (done % 10_000 === 0) console.log(`  … ${done} cases`);
  },
});

/**
 * Findings grouped by the first line of their problem (numbers and names blurred); hangs,
 * whose problem is always the same, by the start of their input and its source.
 */
function groups(findings, hangs = false) {
  const by = new Map();
  for (const f of findings) {
    const key = hangs
      ? `${f.input.slice(0, 48).replace(/\n/g, '⏎')}… ${/\[\w+\]$/.exec(f.input)?.[0] ?? ''}`.replace(/\d+/g, '#')
      : f.problem.split('\n')[0].replace(/\d+(\.\d+)?(e-?\d+)?/g, '#').replace(/"[^"]*"/g, '"…"').slice(0, 160);
    const g = by.get(key) ?? { key, count: 0, first: f };
    g.count++;
    by.set(key, g);
  }
  return [...by.values()].sort((a, b) => b.count - a.count);
}

const line = '-'.repeat(78);
console.log(line);
console.log(`cases:     ${summary.cases} (${Object.entries(summary.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}${summary.hangs.length ? `, hung ${summary.hangs.length}` : ''})`);
console.log(`time:      ${Object.entries(summary.msByKind).map(([k, ms]) => `${k} ${(ms / Math.max(1, summary.byKind[k])).toFixed(1)} ms/case`).join(', ')}`);
console.log(`failures:  ${summary.failures.length}`);
console.log(`hangs:     ${summary.hangs.length} (no answer within ${opts.timeout} ms)`);
console.log(`max time per input: ${summary.maxMs.toFixed(1)} ms — ${summary.maxInput.replace(/\n/g, '⏎').slice(0, 300)}`);
console.log(`elapsed:   ${(summary.elapsedMs / 1000).toFixed(1)} s`);
if (summary.aborted) console.log(`aborted:   ${summary.aborted}`);
for (const [title, findings] of [['HANGS', summary.hangs], ['FAILURES', summary.failures]]) {
  if (!findings.length) continue;
  console.log(line);
  console.log(`${title} (grouped; rerun one with --case I --seed ${opts.seed}):`);
  for (const g of groups(findings, title === 'HANGS').slice(0, 25)) {
    console.log(`\n[${g.count}×] ${g.key}`);
    console.log(`  e.g. case ${g.first.i}: ${g.first.input.replace(/\n/g, '\n    ').slice(0, 1200)}`);
    const detail = g.first.problem.split('\n').slice(0, 8).join('\n    ');
    console.log(`  ${detail}`);
  }
}
process.exitCode = summary.failures.length || summary.hangs.length || summary.aborted ? 1 : 0;
