// `npm run bench`: derivation speed in process, CLI cold start against `node -e 0`,
// and scaling with MLP depth. Writes bench/results.json and docs/benchmarks.md.
// Numbers are wall-clock on this machine; nothing here is a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { parseProgram, grad, toText } from '../dist/index.js';
import { CASES, mlp } from './cases.mjs';

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);

// 1. Derivation time per case, in process (parse + differentiate + simplify + print).
const perCase = [];
for (const [name, program, wrt] of CASES) {
  const times = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const p = parseProgram(program);
    const d = grad(p, wrt);
    toText(p, d.expr);
    times.push(performance.now() - t0);
  }
  perCase.push({ name, medianMs: median(times), result: toText(parseProgram(program), grad(parseProgram(program), wrt).expr) });
}
const all = perCase.map((c) => c.medianMs);

// 2. CLI cold answer against node -e 0.
const runs = 15;
const wall = (args) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    times.push(performance.now() - t0);
  }
  return median(times);
};
const nodeBare = wall(['-e', '0']);
const cliArgs = ['bin/dcalc.js', 'grad', 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)', 'wrt', 'W', '--let', 'X: 1×M, W: M×1, b: scalar, y: scalar'];
const cli = wall(cliArgs);

// 3. Scaling with depth.
const scaling = [];
for (const depth of [1, 2, 4, 8, 16, 32, 64, 128, 256]) {
  const program = mlp(depth);
  const t0 = performance.now();
  const p = parseProgram(program);
  const d = grad(p, 'W1');
  const text = toText(p, d.expr);
  scaling.push({ depth, ms: performance.now() - t0, printedChars: text.length, heapMB: process.memoryUsage().heapUsed / 2 ** 20 });
}
const fit = (key) => {
  const pts = scaling.filter((s) => s.depth >= 8).map((s) => [Math.log(s.depth), Math.log(Math.max(s[key], 1e-6))]);
  const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  const my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  const num = pts.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = pts.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return num / den;
};

const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  derivation: { cases: perCase.length, medianMs: median(all), p99Ms: quantile(all, 0.99), perCase },
  cli: { nodeBareMs: nodeBare, dcalcMs: cli, ratio: cli / nodeBare, goal: 2.5 },
  scaling: { points: scaling, exponentTime: fit('ms'), exponentSize: fit('printedChars') },
};
writeFileSync('bench/results.json', JSON.stringify(results, null, 2));

const f = (x, d = 2) => x.toFixed(d);
const md = `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) on ${results.date.slice(0, 10)}: ${results.machine}.
Wall-clock times; the raw numbers are in bench/results.json (not committed).

## CLI cold answer

| command | median of ${runs} runs |
|---|---|
| \`node -e 0\` | ${f(nodeBare, 1)} ms |
| \`dcalc grad "h = XW + b; a = σ(h); L = …" wrt W --let …\` (with its numeric check) | ${f(cli, 1)} ms |
| ratio (goal ≤ 2.5) | **${f(cli / nodeBare)}×** |

The CLI is one esbuild bundle (dist/cli.js) holding only the mathjs factories it uses (lup, inv).

## Derivation time, in process

Parse, differentiate, simplify and print, median of 30 runs per case; over the ${perCase.length} cases:
median **${f(median(all), 3)} ms**, p99 **${f(quantile(all, 0.99), 3)} ms**.

| case | median ms | result |
|---|---|---|
${perCase.map((c) => `| ${c.name} | ${f(c.medianMs, 3)} | \`${c.result.replace(/\|/g, '\\|')}\` |`).join('\n')}

## Scaling with depth

∂L/∂W1 of a sigmoid MLP of the given depth (squared loss).

| depth | ms | printed characters | heap MB |
|---|---|---|---|
${scaling.map((s) => `| ${s.depth} | ${f(s.ms, 2)} | ${s.printedChars} | ${f(s.heapMB, 1)} |`).join('\n')}

Fitted exponents (depth ≥ 8): time **${f(results.scaling.exponentTime)}**, printed size **${f(results.scaling.exponentSize)}** (goal ≤ 1.1: linear).
`;
writeFileSync('docs/benchmarks.md', md);
console.log(md);
void execFileSync;
