// Memory of a long `dcalc batch` (issue 11: state belongs to a request). One batch of
// 20,000 distinct requests against one of 2,000: the peak resident set size of each
// process. With an expression store per request the two peaks are within 40 MB of each
// other; with the process-wide intern table they were 485 MB and 143 MB.
//
// Runs alone (after `npm run build`): node bench/memory.mjs [--bin path/to/bin/dcalc.js] [--sizes 200,2000] [--no-write]
// `npm run bench` runs it last. It rewrites its own section of docs/benchmarks.md (between
// the memory markers), unless --no-write, --sizes or --bin (measuring another build) is given.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const binAt = args.indexOf('--bin');
const sizesAt = args.indexOf('--sizes');
const BIN = binAt >= 0 ? args[binAt + 1] : 'bin/dcalc.js';
const WRITE = !args.includes('--no-write') && binAt < 0 && sizesAt < 0;
const SIZES = sizesAt >= 0 ? args[sizesAt + 1].split(',').map(Number) : [2_000, 20_000];
const GOAL_MB = 40;

/**
 * Request i: one of eight textbook derivations with every variable subscripted by i, so
 * that no two requests share a node (an intern table kept across requests grows with
 * every one of them).
 */
function request(i) {
  const v = (name) => `${name}${i}`;
  const [X, W, V, Y, A, B, S, x, y, b, w] = ['X', 'W', 'V', 'Y', 'A', 'B', 'S', 'x', 'y', 'b', 'w'].map(v);
  const templates = [
    { op: 'grad', program: `${X}: n×m; ${w}: m×1; ${y}: n×1\nL = ‖${X} ${w} − ${y}‖²`, wrt: w },
    { op: 'grad', program: `${X}: N×M; ${W}: M×1; ${b}: scalar; ${y}: N×1\nh = ${X} ${W} + ${b}\na = σ(h)\nL = −sum(${y} ⊙ log(a) + (1 − ${y}) ⊙ log(1 − a))`, wrt: W },
    { op: 'grad', program: `${X}: N×D; ${W}: D×H; ${V}: H×K; ${Y}: N×K\nh = tanh(${X} ${W})\nr = h ${V} − ${Y}\nL = sum(r ⊙ r)/N`, wrt: W },
    { op: 'jacobian', program: `${A}: p×m; ${X}: m×n; ${B}: n×q\nF = ${A} ${X} ${B}`, wrt: X },
    { op: 'hessian', program: `${A}: n×n; ${x}: n×1\nf = ${x}ᵀ ${A} ${x}`, wrt: x },
    { op: 'grad', program: `${W}: K×M; ${x}: M×1; ${y}: K×1 simplex\nL = −sum(${y} ⊙ log(softmax(${W} ${x})))`, wrt: W },
    { op: 'grad', program: `${S}: n×n spd; ${A}: n×n\nL = logdet(${S}) + tr(${A} inv(${S}))`, wrt: S },
    { op: 'differential', program: `${X}: n×n\nF = inv(${X}) ${X}ᵀ`, wrt: X },
  ];
  return JSON.stringify({ id: i, ...templates[i % templates.length] });
}

function measure(n) {
  const input = Array.from({ length: n }, (_, i) => request(i)).join('\n') + '\n';
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bench/memory_child.mjs', BIN], { input, encoding: 'utf8', maxBuffer: 1024 * 2 ** 20 });
  const ms = performance.now() - t0;
  const m = /dcalc-memory-maxrss-kb (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`the batch of ${n} failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  return { requests: n, answered: lines.length, ok: lines.filter((l) => l.ok).length, peakMB: Number(m[1]) / 1024, seconds: ms / 1000 };
}

const runs = SIZES.map((n) => {
  process.stderr.write(`[memory] a batch of ${n} distinct requests …\n`);
  const r = measure(n);
  process.stderr.write(`[memory]   peak RSS ${r.peakMB.toFixed(0)} MB, ${r.ok}/${r.answered} ok, ${r.seconds.toFixed(1)} s\n`);
  return r;
});
const growth = runs[1].peakMB - runs[0].peakMB;

const section = [
  '<!-- memory:begin (written by node bench/memory.mjs) -->',
  '## 8. Memory of a long batch',
  '',
  `One \`dcalc batch\` process per row, fed distinct requests (eight textbook derivations — gradients, a Jacobian, a Hessian, a`,
  `differential — with every variable subscripted by the request's number, so that no two requests share a node); the peak`,
  `resident set size of the process (getrusage). Every request builds its nodes in a store of its own, dropped with its answer`,
  `(docs/architecture.md), so memory does not grow with the number of requests. Goal: the two peaks within ${GOAL_MB} MB.`,
  `Rerun alone with \`npm run bench:memory\` (or \`node bench/memory.mjs\` after a build). Measured ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| requests | answered / ok | peak RSS | time |',
  '|---|---|---|---|',
  ...runs.map((r) => `| ${r.requests.toLocaleString('en')} | ${r.answered} / ${r.ok} | ${r.peakMB.toFixed(0)} MB | ${r.seconds.toFixed(1)} s |`),
  '',
  `Growth from ${runs[0].requests.toLocaleString('en')} to ${runs[1].requests.toLocaleString('en')} requests: ${growth.toFixed(0)} MB (goal ≤ ${GOAL_MB} MB: ${growth <= GOAL_MB ? 'met' : 'NOT met'}).`,
  '',
  'Before the store per request (one process-wide intern table, main at c9cd0dc), the same requests peaked at 122 MB and',
  '416 MB on this machine (`node bench/memory.mjs --bin <that build>/bin/dcalc.js`); issue 11 had measured 143 MB and 485 MB.',
  'Without the collection every 1,000 requests (src/cli/collect.ts) but with the store, 2,000 and 20,000 requests peaked at',
  '122 MB and 190 MB: nothing leaked (21 MB live after each full collection), V8 only collected late.',
  '<!-- memory:end -->',
].join('\n');

if (WRITE) {
  const file = 'docs/benchmarks.md';
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- memory:begin[\s\S]*?<!-- memory:end -->/;
  const fuzz = doc.indexOf('\n## Fuzzing');
  const next = re.test(doc) ? doc.replace(re, section) : fuzz >= 0 ? `${doc.slice(0, fuzz)}\n${section}\n${doc.slice(fuzz)}` : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
process.stdout.write(`${section}\n`);
