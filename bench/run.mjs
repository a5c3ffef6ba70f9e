// `npm run bench`: dcalc's speed, measured ten ways, written to bench/results.json
// (not committed) and docs/benchmarks.md. Numbers are wall-clock on this machine;
// nothing here is a test and nothing fails on a missed goal.
//
//   1. derivation time per case, in process (bench/cases.mjs: gradients, Jacobians, Hessians)
//   2. the same cases in SymPy matrix expressions (bench/sympy_bench.py, one python3 process)
//   3. the CLI's cold answer against `node -e 0`
//   4. scaling with MLP depth (one child process per depth: bench/scaling_child.mjs)
//   5. the cheap-gradient ratio: flops of the gradient over flops of the program (bench/flops.mjs)
//   6. `dcalc batch` throughput
//   7. the CLI on the largest inputs (~100 kB programs of each long kind the fuzzer makes)
//   8. the memory of a long batch (bench/memory.mjs, which also runs alone)
//   9. the exported PyTorch code against torch.autograd (bench/export.mjs; `node bench/export.mjs` runs it alone)
//  10. the playground: what the browser loads (gzip) and typing latency in chromium (bench/playground.mjs)
//  2b. the cases SymPy gets right, in one `dcalc batch` process, against SymPy's mean (bench/batch-vs-sympy.mjs)
//
// Environment: DCALC_BENCH_PYTHON, the interpreter for the SymPy part (default python3).
// Options: --quick (fewer repeats, for trying the script), --no-sympy, --dump-sympy (also
// write the SymPy part's input to $TMPDIR/dcalc-sympy-input.json, to rerun it alone:
// python3 bench/sympy_bench.py < that file).
import { spawnSync } from 'node:child_process';
import { writeFileSync, existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cpus, availableParallelism, tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseProgram, grad, jacobian, hessian, toText, evaluateAt, pointFromValues, varSpecs } from '../dist/index.js';
import { CASES, FLOP_PROGRAMS } from './cases.mjs';
import { countFlops } from './flops.mjs';
import { exportBench, exportSection } from './export.mjs';
import { batchVsSympy, batchSection, okCases } from './batch-vs-sympy.mjs';

const argv = new Set(process.argv.slice(2));
const loadStart = loadavg();
const QUICK = argv.has('--quick');
const started = performance.now();
const log = (msg) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);

const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);
const DERIVE = { grad, jacobian, hessian };
const KINDS = ['grad', 'jacobian', 'hessian'];

// ---------------------------------------------------------------------------------
// 1. Derivation time per case, in process

/** A small seeded generator (mulberry32), so the SymPy check sees the same point every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Values for a program's variables at a random point: dimension names bound to 3, 2,
 * 4, 3, 2, … (in name order), entries in (−1, 1) ('general') or (0.1, 0.9)
 * ('positive'); a general square matrix gets 4I added (invertible, det > 0); the
 * declared assumptions are honoured (spd, symmetric, positive, simplex, simplex_rows).
 */
function randomValues(program, rand, mode) {
  const dims = [...program.dimNames].sort();
  const sizes = new Map(dims.map((n, i) => [n, [3, 2, 4][i % 3]]));
  const size = (d) => (typeof d === 'number' ? d : String(d).split('*').reduce((a, t) => a * (/^\d+$/.test(t) ? Number(t) : sizes.get(t)), 1));
  const u = () => (mode === 'general' ? 2 * rand() - 1 : 0.1 + 0.8 * rand());
  const out = {};
  for (const s of varSpecs(program)) {
    const r = size(s.rows);
    const c = size(s.cols);
    if (!Number.isInteger(r) || !Number.isInteger(c)) return undefined;
    const A = Array.from({ length: r }, () => Array.from({ length: c }, u));
    const has = (a) => s.assumptions.includes(a);
    if (has('spd')) {
      const S = A.map((row, i) => A.map((row2, j) => row.reduce((acc, v, k) => acc + v * row2[k], 0) + (i === j ? r : 0)));
      out[s.name] = S;
      continue;
    }
    if (has('positive') || has('simplex') || has('simplex_rows')) for (const row of A) for (let j = 0; j < c; j++) row[j] = 0.1 + 0.8 * rand();
    if (has('symmetric')) for (let i = 0; i < r; i++) for (let j = 0; j < i; j++) A[i][j] = A[j][i];
    if (r === c && r > 1 && !has('positive') && !has('simplex') && !has('simplex_rows')) for (let i = 0; i < r; i++) A[i][i] += 4;
    if (has('simplex_rows') || (has('simplex') && r === 1)) for (const row of A) { const t = row.reduce((a, b) => a + b, 0); for (let j = 0; j < c; j++) row[j] /= t; }
    else if (has('simplex')) for (let j = 0; j < c; j++) { let t = 0; for (let i = 0; i < r; i++) t += A[i][j]; for (let i = 0; i < r; i++) A[i][j] /= t; }
    out[s.name] = r === 1 && c === 1 && s.rows === 1 && s.cols === 1 ? A[0][0] : A;
  }
  return { values: out, dims: Object.fromEntries(sizes) };
}

const rows = (m) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.slice(i * m.cols, (i + 1) * m.cols)));

/** dcalc's derivative at a random point, and the program's intermediates there, for checking SymPy's answer. */
function referenceValue(p, d, seed) {
  const rand = rng(seed);
  for (const mode of ['general', 'positive', 'positive']) {
    const v = randomValues(p, rand, mode);
    if (!v) return undefined;
    try {
      const point = pointFromValues(p, v.values);
      evaluateAt(p, p.value, point);
      const expected = Array.from(evaluateAt(p, d.expr, point).data);
      const values = { ...v.values };
      for (const [name, e] of p.definitions) if (!(name in values)) values[name] = rows(evaluateAt(p, e, point));
      return { dims: v.dims, values, expected };
    } catch {
      // a domain error (log of a negative, a singular matrix): try another point
    }
  }
  return undefined;
}

// Warm the JIT first, on programs that are not cases (other names, so that no case finds
// its nodes already hash-consed): otherwise the first cases pay for the compiler.
for (let round = 0; round < 15; round++) {
  for (const { program, params } of FLOP_PROGRAMS) {
    const p = parseProgram(program.replace(/\bX\b/g, 'Ξ'));
    for (const w of params) toText(p, grad(p, w).expr);
  }
  const q = parseProgram('u: r×1; Q: r×r; V: s×r\nL = uᵀ Q u + sum(exp(V u)) + logdet(Q)');
  toText(q, hessian(q, 'u').expr);
  toText(q, jacobian(q, 'Q').expr);
  const v = parseProgram('V: s×r; u: r×1\nF = tanh(V u) ⊙ σ(V u)');
  toText(v, jacobian(v, 'V').expr);
}

log(`derivation: ${CASES.length} cases`);
const perCase = [];
for (const [i, c] of CASES.entries()) {
  const f = DERIVE[c.kind];
  const once = () => {
    const p = parseProgram(c.program);
    const d = f(p, c.wrt);
    return { p, d, text: toText(p, d.expr) };
  };
  const t0 = performance.now();
  const first = once();
  const firstMs = performance.now() - t0;
  const runs = Math.max(5, Math.min(QUICK ? 5 : 30, Math.floor(150 / Math.max(firstMs, 1e-3))));
  const times = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    once();
    times.push(performance.now() - t);
  }
  const ref = referenceValue(first.p, first.d, 1000 + i);
  perCase.push({ name: c.name, kind: c.kind, wrt: c.wrt, firstMs, medianMs: median(times), runs, result: first.text, ref });
}
const statsOf = (xs) => ({ n: xs.length, median: median(xs), p99: quantile(xs, 0.99), max: Math.max(...xs) });
const derivation = {
  all: statsOf(perCase.map((c) => c.medianMs)),
  allFirst: statsOf(perCase.map((c) => c.firstMs)),
  byKind: Object.fromEntries(KINDS.map((k) => [k, { median: statsOf(perCase.filter((c) => c.kind === k).map((c) => c.medianMs)), first: statsOf(perCase.filter((c) => c.kind === k).map((c) => c.firstMs)) }])),
};

// ---------------------------------------------------------------------------------
// 2. The same cases in SymPy

/** The interpreter for the SymPy part: python3, or $DCALC_BENCH_PYTHON. */
const PYTHON = process.env.DCALC_BENCH_PYTHON || 'python3';

function runSympy() {
  if (argv.has('--no-sympy')) return { skipped: '--no-sympy' };
  const probe = spawnSync(PYTHON, ['-c', 'import sys, sympy; print(sympy.__version__, sys.version.split()[0])'], { encoding: 'utf8' });
  if (probe.error) return { skipped: `${PYTHON} is not available (${probe.error.code ?? probe.error.message})` };
  if (probe.status !== 0) return { skipped: `sympy is not installed for ${PYTHON}` };
  const [version, python] = probe.stdout.trim().split(/\s+/);
  const input = {
    timeoutS: 10,
    repeats: QUICK ? 1 : 3,
    budgetS: 200,
    cases: CASES.map((c, i) => ({
      name: c.name, kind: c.kind, wrt: c.wrt, wrtPy: c.wrtPy ?? c.wrt, sympy: c.sympy ?? null,
      dims: perCase[i].ref?.dims ?? {}, values: perCase[i].ref?.values ?? {}, expected: perCase[i].ref?.expected ?? null,
    })),
  };
  if (argv.has('--dump-sympy')) {
    const file = join(tmpdir(), 'dcalc-sympy-input.json');
    writeFileSync(file, JSON.stringify(input));
    log(`SymPy input written to ${file}`);
  }
  log(`sympy ${version} (python ${python}): ${input.cases.length} cases, cold cache, ${input.timeoutS} s timeout`);
  const t0 = performance.now();
  const r = spawnSync(PYTHON, ['bench/sympy_bench.py'], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 2 ** 20, timeout: 400_000 });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0 || !r.stdout.trim()) return { skipped: `bench/sympy_bench.py failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr ?? '').slice(-400)}` };
  const out = JSON.parse(r.stdout);
  if (out.error) return { skipped: out.error };
  return { version: out.sympy, python: out.python, wallS, totalS: out.totalS, results: out.results };
}
const sympy = runSympy();
const STATUSES = ['ok', 'wrong', 'unverified', 'unevaluated', 'error', 'timeout', 'unsupported', 'skipped'];
let sympySummary;
if (!sympy.skipped) {
  const joined = perCase.map((c, i) => ({ ...c, sympy: sympy.results[i] }));
  const counts = Object.fromEntries(['all', ...KINDS].map((k) => [k, Object.fromEntries(STATUSES.map((s) => [s, joined.filter((c) => (k === 'all' || c.kind === k) && c.sympy.status === s).length]))]));
  const both = joined.filter((c) => c.sympy.status === 'ok');
  const speedups = both.map((c) => c.sympy.ms / c.medianMs);
  const speedupsFirst = both.map((c) => c.sympy.ms / c.firstMs);
  const failed = joined.filter((c) => c.sympy.status !== 'ok' && c.sympy.status !== 'skipped').length;
  sympySummary = {
    counts, both: both.length, failed,
    speedup: { median: median(speedups), p10: quantile(speedups, 0.1), min: Math.min(...speedups), max: Math.max(...speedups) },
    speedupVsFirstCall: { median: median(speedupsFirst), p10: quantile(speedupsFirst, 0.1), min: Math.min(...speedupsFirst) },
    sympyMs: statsOf(both.map((c) => c.sympy.ms)),
    joined,
  };
  log(`sympy: ${both.length} ok of ${joined.length}, median speed-up ${sympySummary.speedup.median.toFixed(0)}×`);
} else log(`sympy skipped: ${sympy.skipped}`);

// ---------------------------------------------------------------------------------
// 2b. The cases SymPy gets right, in one `dcalc batch` process (bench/batch-vs-sympy.mjs)

const oneBatch = sympy.skipped ? undefined : batchVsSympy({ cases: okCases(sympy.results), sympyVersion: sympy.version, runs: QUICK ? 3 : 7, log });

// ---------------------------------------------------------------------------------
// 3. CLI cold answer against node -e 0

const cliRuns = QUICK ? 5 : 15;
const CLI_COMMANDS = {
  nodeBare: ['-e', '0'],
  cli: ['bin/dcalc.js', 'grad', 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)', 'wrt', 'W', '--let', 'X: 1×M, W: M×1, b: scalar, y: scalar'],
};
CLI_COMMANDS.cliNoCheck = [...CLI_COMMANDS.cli, '--no-check'];
/** The commands' runs interleaved, so that a change in the machine's load hits all of them alike. */
const cliTimes = Object.fromEntries(Object.keys(CLI_COMMANDS).map((k) => [k, []]));
log('CLI cold answer');
for (let i = 0; i < cliRuns; i++) {
  for (const [k, args] of Object.entries(CLI_COMMANDS)) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    cliTimes[k].push(performance.now() - t0);
  }
}
// The fastest run of each is the least disturbed by other load; the medians are kept too.
const fastest = (xs) => Math.min(...xs);
const nodeBare = fastest(cliTimes.nodeBare);
const cli = fastest(cliTimes.cli);
const cliNoCheck = fastest(cliTimes.cliNoCheck);
const cliMedian = { nodeBare: median(cliTimes.nodeBare), cli: median(cliTimes.cli), cliNoCheck: median(cliTimes.cliNoCheck) };

// ---------------------------------------------------------------------------------
// 4. Scaling with depth, one fresh process per depth

log('scaling');
const DEPTHS = [1, 2, 4, 8, 16, 32, 64, 96, 128, 256];
const SCALING_REPS = QUICK ? 1 : 3;
/**
 * Each depth in fresh processes, SCALING_REPS of each mode (bench/scaling_child.mjs):
 * 'cold' derives once (its memory is the honest one: nothing else was built), 'jit'
 * warms the JIT on other cases first. Per time, the fastest of the processes (the least
 * disturbed by other load); memory, the largest over the cold ones.
 */
const scaling = DEPTHS.map((depth) => {
  const child = (mode) => {
    const r = spawnSync(process.execPath, ['bench/scaling_child.mjs', String(depth), mode], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`scaling child at depth ${depth} (${mode}) failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const cold = [];
  const jit = [];
  // Small depths are cheap: one more process each, for a steadier minimum.
  for (let i = 0; i < SCALING_REPS + (depth <= 64 && !QUICK ? 2 : 0); i++) {
    cold.push(child('cold'));
    jit.push(child('jit'));
  }
  const best = (xs, k) => Math.min(...xs.map((x) => x[k]));
  const med = (xs, k) => median(xs.map((x) => x[k]));
  return {
    depth, processes: cold.length + jit.length, coldMs: best(cold, 'coldMs'), firstMs: best(jit, 'firstMs'), firstCpuMs: best(jit, 'firstCpuMs'), warmMs: best(jit, 'warmMs'),
    printedChars: cold[0].printedChars, simplified: cold[0].simplified,
    peakRssMB: Math.max(...cold.map((x) => x.peakRssMB)), maxRssMB: Math.max(...cold.map((x) => x.maxRssMB)), heapUsedMB: med(cold, 'heapUsedMB'),
  };
});
/** The slope of log(key) against log(depth) over depths in [from, to] (least squares). */
const fit = (key, from = 8, to = Infinity) => {
  const pts = scaling.filter((s) => s.depth >= from && s.depth <= to).map((s) => [Math.log(s.depth), Math.log(Math.max(s[key], 1e-6))]);
  const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  const my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  const num = pts.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = pts.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return num / den;
};
// The fits run over depth 8 to the largest depth up to which every gradient comes out fully
// simplified (the textbook form), and over 8–256.
const FULL = Math.max(...scaling.filter((s) => s.simplified).map((s) => s.depth).filter((d) => scaling.every((t) => t.depth > d || t.simplified)));
const MAX_DEPTH = Math.max(...scaling.map((s) => s.depth));
const scalingSummary = {
  fullySimplifiedUpTo: FULL,
  fitTo: FULL,
  exponentFirstTime: fit('firstMs', 8, FULL), exponentFirstCpu: fit('firstCpuMs', 8, FULL), exponentSize: fit('printedChars', 8, FULL),
  exponentFirstTimeAll: fit('firstMs'), exponentColdTimeAll: fit('coldMs'), exponentWarmTimeAll: fit('warmMs'), exponentSizeAll: fit('printedChars'),
  maxPeakRssMB: Math.max(...scaling.map((s) => s.peakRssMB)), maxMaxRssMB: Math.max(...scaling.map((s) => s.maxRssMB)),
};

// ---------------------------------------------------------------------------------
// 5. Cheap-gradient ratio

log('cheap-gradient ratio');
const cheap = FLOP_PROGRAMS.map(({ name, program, params }) => {
  const p = parseProgram(program);
  const forward = countFlops([p.value]);
  const grads = params.map((w) => ({ wrt: w, expr: grad(p, w).expr }));
  const per = grads.map((g) => ({ wrt: g.wrt, flops: countFlops([g.expr]).flops, text: toText(p, g.expr) }));
  const all = countFlops(grads.map((g) => g.expr));
  const joint = countFlops([p.value, ...grads.map((g) => g.expr)]);
  return {
    name, params, forward: forward.flops,
    perParam: per.map((g) => ({ ...g, ratio: g.flops / forward.flops })),
    allParams: { flops: all.flops, ratio: all.flops / forward.flops, byOp: all.byOp },
    jointWithValue: { flops: joint.flops, ratio: joint.flops / forward.flops },
  };
});

// ---------------------------------------------------------------------------------
// 6. dcalc batch throughput

log('batch throughput');
const BATCH_LINES = 500;
const batchInput = (n, check) =>
  Array.from({ length: n }, (_, i) => {
    const c = CASES[i % CASES.length];
    return JSON.stringify({ id: i, op: c.kind, program: c.program, wrt: c.wrt, ...(check ? { check: true } : {}) });
  }).join('\n') + '\n';
const runBatch = (input) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/dcalc.js', 'batch'], { input, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const ms = performance.now() - t0;
  const lines = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { ms, answered: lines.length, ok: lines.filter((l) => l.ok).length, status: r.status };
};
const batchRuns = QUICK ? 1 : 3;
const batchOf = (check) => {
  const big = batchInput(BATCH_LINES, check);
  const one = batchInput(1, check);
  const full = Array.from({ length: batchRuns }, () => runBatch(big)).sort((a, b) => a.ms - b.ms)[0];
  const startup = Math.min(...Array.from({ length: batchRuns }, () => runBatch(one).ms));
  return { lines: BATCH_LINES, ...full, startupMs: startup, perSecond: (BATCH_LINES / full.ms) * 1000, steadyPerSecond: ((BATCH_LINES - 1) / (full.ms - startup)) * 1000 };
};
const batch = { noCheck: batchOf(false), withCheck: batchOf(true) };

// ---------------------------------------------------------------------------------
// 7. The CLI on the largest inputs: every input gets a result or a located error within 1 s

log('largest inputs');
// The long inputs of the fuzzer (test/properties/generators.ts, longArb), grown to just under
// the 100,000-byte limit, through every command, with the default numeric check.
const LONG_UNITS = ['x + ', 'h = x\n', 'X: n×n; ', 'sum(X)*', 'ab', '‖x‖ + ', '1+', ' ', '\n', '# comment\n', 'XW'];
const LONG_OPS = [['grad', 'x'], ['grad', 'X'], ['jacobian', 'X'], ['hessian', 'x'], ['differential', 'X'], ['simplify'], ['eval'], ['shape']];
const longDir = mkdtempSync(join(tmpdir(), 'dcalc-bench-long-'));
const longText = (unit, k) => {
  const body = unit.repeat(k);
  if (unit.startsWith('h') || unit.startsWith('X:')) return `x: n×1\n${body}x`;
  // Whitespace stays (the fuzzer strips a trailing operator, which for a run of newlines is all of it).
  return `x: n×1; X: n×n; W: n×n\nL = sum(${unit.trim() === '' ? body : body.replace(/[+*\n;]\s*$/, '')}x)`;
};
const largest = [];
for (const unit of LONG_UNITS) {
  let k = Math.floor(99_900 / Buffer.byteLength(unit));
  while (Buffer.byteLength(longText(unit, k)) > 99_950) k--;
  const text = longText(unit, k);
  const file = join(longDir, `${largest.length}.txt`);
  writeFileSync(file, text);
  for (const [op, wrt] of LONG_OPS) {
    const args = ['bin/dcalc.js', op, '-f', file, ...(wrt ? ['wrt', wrt] : []), ...(op === 'eval' ? ['--at', '{"x": [1, 2], "X": [[1, 0], [0, 1]], "W": [[0, 1], [1, 0]]}'] : [])];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 30_000, maxBuffer: 256 * 2 ** 20 });
    const msTaken = performance.now() - t0;
    const head = r.stderr.split('\n')[0] ?? '';
    const located = /^dcalc: \w+ error at \d+:\d+: /.test(head);
    const outcome = r.status === 0 || r.status === 1 ? 'answer' : r.status === 2 && /^dcalc: \w+ error/.test(head) ? (located ? 'located error' : 'error') : `crash (${r.status ?? r.signal})`;
    largest.push({ unit, bytes: Buffer.byteLength(text), op, wrt: wrt ?? null, ms: msTaken, outcome, message: r.status === 2 ? head : '' });
  }
}
rmSync(longDir, { recursive: true, force: true });
const largestWorst = largest.reduce((a, b) => (b.ms > a.ms ? b : a));

// ---------------------------------------------------------------------------------
// 9. The exported PyTorch code against torch.autograd (bench/export.mjs; alone: node bench/export.mjs)

const exported = exportBench({ quick: QUICK, log });

// ---------------------------------------------------------------------------------
// Results

const cpuModel = cpus()[0]?.model?.trim() ?? 'unknown CPU';
const machine = { nproc: availableParallelism?.() ?? cpus().length, cpu: cpuModel, node: process.version, python: sympy.python ?? null, sympy: sympy.version ?? null, loadStart, loadEnd: loadavg() };
const results = {
  date: new Date().toISOString(), machine, quick: QUICK,
  derivation: { ...derivation, perCase: perCase.map(({ ref, ...c }) => ({ ...c, checked: Boolean(ref) })) },
  sympy: sympy.skipped ? { skipped: sympy.skipped } : { version: sympy.version, wallS: sympy.wallS, ...sympySummary, joined: undefined, perCase: sympy.results },
  cli: { fastest: { nodeBareMs: nodeBare, dcalcMs: cli, dcalcNoCheckMs: cliNoCheck }, median: cliMedian, ratio: cli / nodeBare, ratioNoCheck: cliNoCheck / nodeBare, ratioMedian: cliMedian.cli / cliMedian.nodeBare, goal: 2.5, runs: cliTimes },
  scaling: { points: scaling, ...scalingSummary },
  cheapGradient: cheap,
  batch,
  oneBatchVsSympy: oneBatch ?? { skipped: sympy.skipped },
  largest,
  export: exported.results,
  totalS: (performance.now() - started) / 1000,
};
writeFileSync('bench/results.json', JSON.stringify(results, null, 2));

// ---------------------------------------------------------------------------------
// docs/benchmarks.md

const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s) => (s.length > 90 ? `\`${cell(s.slice(0, 87))}…\`` : `\`${cell(s)}\``);
/** A ratio: whole above 10, else two significant digits. */
const x = (r) => (r >= 10 ? r.toFixed(0) : r.toPrecision(2));
const goal = (ok) => (ok ? 'met' : '**missed**');
const S = sympySummary;

const lines = [];
const out = (s = '') => lines.push(s);
out('# Benchmarks');
out();
out(`Written by \`npm run bench\` (bench/run.mjs) on ${results.date.slice(0, 10)}${QUICK ? ' (quick mode: fewer repeats)' : ''}.`);
out(`Machine: ${machine.cpu}, \`nproc\` ${machine.nproc}; node ${machine.node}; python ${machine.python ?? '—'}, SymPy ${machine.sympy ?? '— (not run)'}.`);
out(`Load average (1 min) ${f(machine.loadStart[0], 1)} at the start, ${f(machine.loadEnd[0], 1)} at the end: with other work on the machine, times are`);
out('noisier and slower than on an idle one. Wall-clock times; the raw numbers are in bench/results.json (not');
out('committed). Nothing here is a test.');
out();
out('## Summary');
out();
out('| measure | value | goal |');
out('|---|---|---|');
out(`| derivation time per case, median / p99 (${perCase.length} cases) | ${ms(derivation.all.median)} ms / ${ms(derivation.all.p99)} ms | — |`);
if (S) {
  out(`| SymPy ${sympy.version} (cold cache) over dcalc, median speed-up where both succeed (${S.both} cases) | ${x(S.speedup.median)}× (${x(S.speedupVsFirstCall.median)}× against dcalc's first call) | ≥ 100×: ${goal(S.speedup.median >= 100)} |`);
  out(`| cases SymPy does not solve (error, timeout, unsupported, unevaluated, wrong, unverified) | ${S.failed} of ${perCase.length} | — |`);
  out(batchSection(oneBatch).summary);
} else out(`| SymPy comparison | not run: ${cell(sympy.skipped)} | ≥ 100× |`);
out(`| CLI cold answer over \`node -e 0\` (fastest runs; medians) | ${f(cli / nodeBare)}×; ${f(cliMedian.cli / cliMedian.nodeBare)}× | ≤ 2.5×: ${goal(cli / nodeBare <= 2.5)} |`);
out(`| MLP depth 8…${scalingSummary.fitTo}: fitted exponent of derivation time (wall / CPU); of printed size | ${f(scalingSummary.exponentFirstTime)} / ${f(scalingSummary.exponentFirstCpu)}; ${f(scalingSummary.exponentSize)} | ≤ 1.1: ${goal(Math.max(scalingSummary.exponentFirstTime, scalingSummary.exponentSize) <= 1.1)} |`);
if (scalingSummary.fullySimplifiedUpTo < MAX_DEPTH) out(`| MLP depth 8…${MAX_DEPTH} (beyond depth ${scalingSummary.fullySimplifiedUpTo} the gradient is not fully simplified): time; size | ${f(scalingSummary.exponentFirstTimeAll)}; ${f(scalingSummary.exponentSizeAll)} | — |`);
out(`| MLP depth 256: peak RSS | ${f(scaling.at(-1).peakRssMB, 0)} MB | < 200 MB: ${goal(scalingSummary.maxPeakRssMB < 200)} |`);
out(`| cheap-gradient ratio, all parameters (flops of ∇ / flops of the program) | ${cheap.map((c) => `${c.name} ${f(c.allParams.ratio)}`).join('; ')} | ≤ 3: ${goal(cheap.every((c) => c.allParams.ratio <= 3))} |`);
out(`| \`dcalc batch\`, ${BATCH_LINES} requests in one process | ${f(batch.noCheck.perSecond, 0)} cases/s (${f(batch.noCheck.steadyPerSecond, 0)}/s after start-up) | — |`);
out(`| the CLI on ~100 kB inputs (${largest.length} runs): slowest answer or error | ${ms(largestWorst.ms)} ms (${cell(largestWorst.op)} of a run of ${code(JSON.stringify(largestWorst.unit))}) | ≤ 1 s: ${goal(largestWorst.ms <= 1000 && largest.every((r) => !r.outcome.startsWith('crash')))} |`);
out();
out('## How to reproduce');
out();
out('```sh');
out('npm run bench            # npm run build && node bench/run.mjs; 2–4 minutes');
out('node bench/run.mjs --quick      # fewer repeats (after npm run build)');
out('node bench/run.mjs --no-sympy   # without the SymPy part');
out('DCALC_BENCH_PYTHON=/path/to/python npm run bench   # another interpreter for the SymPy part');
out('node bench/export.mjs [--quick]  # only the exported PyTorch code against torch.autograd (rewrites its section)');
out('```');
out();
out('The SymPy part needs `python3` with `sympy` importable; without them it is skipped and');
out('said so here. The cases are bench/cases.mjs (programs from test/seeds, test/identities and');
out('test/calculus, each with a hand translation into SymPy matrix expressions).');
out();
out('## 1. Derivation time, in process');
out();
out('Per case: parse, differentiate, simplify and print (`parseProgram`, `grad` / `jacobian` /');
out('`hessian`, `toText`), repeated 5–30 times (about 150 ms per case); the table takes the');
out("median and p99 over the cases' medians. \"First call\" is the first run of the case in this");
out('process (dcalc hash-conses expression nodes in a process-wide table, so repeats find');
out('the nodes of the program already built). The JIT is warmed up first, on other programs.');
out();
out('| kind | cases | median | p99 | max | first call: median | first call: p99 |');
out('|---|---|---|---|---|---|---|');
for (const k of KINDS) {
  const b = derivation.byKind[k];
  out(`| ${k} | ${b.median.n} | ${ms(b.median.median)} ms | ${ms(b.median.p99)} ms | ${ms(b.median.max)} ms | ${ms(b.first.median)} ms | ${ms(b.first.p99)} ms |`);
}
out(`| all | ${derivation.all.n} | ${ms(derivation.all.median)} ms | ${ms(derivation.all.p99)} ms | ${ms(derivation.all.max)} ms | ${ms(derivation.allFirst.median)} ms | ${ms(derivation.allFirst.p99)} ms |`);
out();
out('The slowest cases (median of repeats):');
out();
out('| case | kind | median | first call | result |');
out('|---|---|---|---|---|');
for (const c of [...perCase].sort((a, b) => b.medianMs - a.medianMs).slice(0, 12)) out(`| ${cell(c.name)} | ${c.kind} | ${ms(c.medianMs)} ms | ${ms(c.firstMs)} ms | ${code(c.result)} |`);
out();
out('## 2. dcalc against SymPy');
out();
if (S) {
  out(`SymPy ${sympy.version} on python ${sympy.python}, all cases in one \`python3 bench/sympy_bench.py\``);
  out('process (start-up not counted). Each SymPy run starts from a cold cache');
  out('(`sympy.core.cache.clear_cache()`) and covers building the expression from MatrixSymbols,');
  out('`.diff()` (twice for a Hessian) and `str()` of the result; median of up to 3 runs; a run');
  out('is stopped after 10 s. Every SymPy answer is evaluated at a random point (dimensions bound');
  out("to 2–4, the same values as dcalc's) and compared with dcalc's value, entries sorted (the");
  out('layouts differ). Statuses: **ok** agrees with dcalc; **wrong** evaluates to something else');
  out('(often 0: SymPy drops the chain rule through `log(det X)`, `log` of a 1×1 expression, a');
  out('scalar function of a matrix entry); **unverified** an answer that could not be evaluated;');
  out('**unevaluated** `.diff()` returned `Derivative(…)`; **error** an exception; **timeout** no');
  out('answer in 10 s; **unsupported** the program needs softmax or vec, which SymPy matrix');
  out('expressions lack.');
  out();
  out(`| kind | cases | ${STATUSES.filter((s) => s !== 'skipped' || S.counts.all.skipped).join(' | ')} |`);
  out(`|---|---|${STATUSES.filter((s) => s !== 'skipped' || S.counts.all.skipped).map(() => '---').join('|')}|`);
  for (const k of [...KINDS, 'all']) {
    const n = k === 'all' ? perCase.length : perCase.filter((c) => c.kind === k).length;
    out(`| ${k} | ${n} | ${STATUSES.filter((s) => s !== 'skipped' || S.counts.all.skipped).map((s) => S.counts[k][s]).join(' | ')} |`);
  }
  out();
  out(`Where both succeed (${S.both} cases): SymPy takes ${ms(S.sympyMs.median)} ms per case (median; p99 ${ms(S.sympyMs.p99)} ms),`);
  out(`dcalc is faster by **${x(S.speedup.median)}×** (median; 10th percentile ${x(S.speedup.p10)}×, least ${x(S.speedup.min)}×, most ${x(S.speedup.max)}×).`);
  out(`Against dcalc's first call of each case: ${x(S.speedupVsFirstCall.median)}× (median; 10th percentile ${x(S.speedupVsFirstCall.p10)}×, least ${x(S.speedupVsFirstCall.min)}×).`);
  out(`The SymPy process ran ${f(sympy.wallS, 0)} s in all.`);
  out();
  out('<details><summary>Every case</summary>');
  out();
  out('| case | kind | dcalc | SymPy | status | speed-up | dcalc result | SymPy detail |');
  out('|---|---|---|---|---|---|---|---|');
  for (const c of S.joined) {
    const s = c.sympy;
    const detail = s.status === 'ok' || s.status === 'unevaluated' || s.status === 'wrong' ? (s.result ?? '') + (s.detail ? ` (${s.detail})` : '') : s.detail ?? '';
    out(`| ${cell(c.name)} | ${c.kind} | ${ms(c.medianMs)} ms | ${s.ms !== undefined ? `${ms(s.ms)} ms` : '—'} | ${s.status} | ${s.status === 'ok' ? `${x(s.ms / c.medianMs)}×` : '—'} | ${code(c.result)} | ${detail ? code(detail) : ''} |`);
  }
  out();
  out('</details>');
} else out(`Not run: ${sympy.skipped}.`);
out();
if (oneBatch) {
  for (const l of batchSection(oneBatch).lines) out(l);
  out();
}
out('## 3. CLI cold answer');
out();
out(`${cliRuns} runs of each command, the three interleaved; the fastest run of each (the least disturbed`);
out('by other load on the machine) and the median.');
out();
out('| command | fastest | median |');
out('|---|---|---|');
out(`| \`node -e 0\` | ${f(nodeBare, 1)} ms | ${f(cliMedian.nodeBare, 1)} ms |`);
out(`| \`dcalc grad "h = XW + b; a = σ(h); L = …" wrt W --let …\` (with its numeric check) | ${f(cli, 1)} ms | ${f(cliMedian.cli, 1)} ms |`);
out(`| the same with \`--no-check\` | ${f(cliNoCheck, 1)} ms | ${f(cliMedian.cliNoCheck, 1)} ms |`);
out(`| ratio (goal ≤ 2.5) | **${f(cli / nodeBare)}×** (${f(cliNoCheck / nodeBare)}× without the check) | ${f(cliMedian.cli / cliMedian.nodeBare)}× (${f(cliMedian.cliNoCheck / cliMedian.nodeBare)}×) |`);
out();
out('The CLI is one esbuild bundle (dist/cli.js) with its dependencies inside, which keeps its cold start near `node -e 0`.');
out();
out('## 4. Scaling with depth');
out();
out('∂L/∂W1 of a sigmoid MLP of the given depth with a squared loss (`mlp(depth)` in');
out(`bench/cases.mjs). Each depth runs in fresh \`node bench/scaling_child.mjs\` processes, ${SCALING_REPS} of each kind${QUICK ? '' : ` (${SCALING_REPS + 2} up to depth 64)`}`);
out('(times: the fastest of them): "cold" is the first derivation in a new process (parse, differentiate,');
out('simplify, print; JIT warm-up included); "first" is the first derivation of the MLP after');
out('the JIT has been warmed up on 240 derivations of other cases (the engine\'s own cost);');
out('"again" a second derivation of the same program (its nodes already hash-consed). CPU is');
out('the CPU time of the process for the "first" derivation, less sensitive to other load on');
out('the machine. "Simplified" says whether the gradient has its textbook form, ending in /N.');
out('Memory is from the cold processes (nothing else built; the largest over them): the peak');
out('of `process.memoryUsage().rss` sampled after the derivation, the OS maximum resident set');
out('(`process.resourceUsage().maxRSS`), and the heap in use at the end.');
out();
out('| depth | cold ms | first ms | first CPU ms | again ms | printed characters | simplified | peak RSS MB | max RSS MB | heap used MB |');
out('|---|---|---|---|---|---|---|---|---|---|');
for (const s of scaling) out(`| ${s.depth} | ${ms(s.coldMs)} | ${ms(s.firstMs)} | ${ms(s.firstCpuMs)} | ${ms(s.warmMs)} | ${s.printedChars} | ${s.simplified ? 'yes' : '**no**'} | ${f(s.peakRssMB, 1)} | ${f(s.maxRssMB, 1)} | ${f(s.heapUsedMB, 1)} |`);
out();
out(`Fitted exponents (log–log least squares) over depth 8–${scalingSummary.fitTo}, where the gradient is fully simplified:`);
out(`time **${f(scalingSummary.exponentFirstTime)}** (first; CPU ${f(scalingSummary.exponentFirstCpu)}), printed size **${f(scalingSummary.exponentSize)}** (goal ≤ 1.1: linear).`);
out(`Over depth 8–${MAX_DEPTH}: time ${f(scalingSummary.exponentFirstTimeAll)} first, ${f(scalingSummary.exponentWarmTimeAll)} again, ${f(scalingSummary.exponentColdTimeAll)} cold (the JIT's warm-up, a fixed`);
out(`cost, flattens the cold curve); printed size ${f(scalingSummary.exponentSizeAll)}.`);
if (scalingSummary.fullySimplifiedUpTo < MAX_DEPTH) {
  out(`Beyond depth ${scalingSummary.fullySimplifiedUpTo} the gradient is not fully simplified (the simplifier's recursion limit, \`depth > 3000\` in \`simp\`,`);
  out('src/simplify/engine.ts, or the size limits of the normal form), which is why time grows more slowly there.');
} else out(`Every depth up to ${MAX_DEPTH} comes out fully simplified.`);
out(`Largest peak RSS: ${f(scalingSummary.maxPeakRssMB, 0)} MB (goal < 200 MB).`);
out();
out('## 5. Cheap-gradient ratio');
out();
out('Floating-point operations of the printed gradient over those of the program, with every');
out('dimension = 64 (bench/flops.mjs). The expression DAG is walked with shared subexpressions');
out('counted once (the printed form computes them once, as temporaries or named');
out('intermediates), and a gradient that uses an intermediate of the program (σ(XW + b), say)');
out('pays for computing it. Costs: an m×k by k×n product 2mkn; elementwise operations and');
out('transcendental functions one per entry; sums one per summed entry; softmax 3 per entry;');
out('transposes free. "All parameters" counts the gradients with respect to every parameter');
out('together (what backpropagation computes); "with the value" adds the program itself.');
out();
out('| loss | forward flops | all parameters | ratio | with the value | per parameter |');
out('|---|---|---|---|---|---|');
for (const c of cheap) {
  out(`| ${c.name} | ${c.forward.toLocaleString('en-US')} | ${c.allParams.flops.toLocaleString('en-US')} | **${f(c.allParams.ratio)}** | ${f(c.jointWithValue.ratio)} | ${c.perParam.map((g) => `${g.wrt} ${f(g.ratio)}`).join(', ')} |`);
}
out();
out('The gradients as printed:');
out();
for (const c of cheap) {
  out(`- ${c.name}:`);
  for (const g of c.perParam) out(`  - ∂/∂${g.wrt} = ${code(g.text)}`);
}
out();
out('## 6. `dcalc batch` throughput');
out();
out(`${BATCH_LINES} JSON requests (the cases above, cycled: \`{"op", "program", "wrt"}\`) on the stdin of one`);
out('`node bin/dcalc.js batch` process; the fastest of 3 runs. "After start-up" subtracts the time of');
out('a one-request batch (the fastest of 3).');
out();
out('| requests | total | answered / ok | cases per second | after start-up |');
out('|---|---|---|---|---|');
out(`| ${BATCH_LINES}, no numeric check | ${ms(batch.noCheck.ms)} ms | ${batch.noCheck.answered} / ${batch.noCheck.ok} | ${f(batch.noCheck.perSecond, 0)} | ${f(batch.noCheck.steadyPerSecond, 0)} |`);
out(`| ${BATCH_LINES}, with \`"check": true\` | ${ms(batch.withCheck.ms)} ms | ${batch.withCheck.answered} / ${batch.withCheck.ok} | ${f(batch.withCheck.perSecond, 0)} | ${f(batch.withCheck.steadyPerSecond, 0)} |`);
out();
out('## 7. The CLI on the largest inputs');
out();
out('Each long input the fuzzer makes (a unit repeated: `longArb` in test/properties/generators.ts),');
out('grown to just under the 100,000-byte limit, through every command in a fresh `dcalc` process');
out('(the numeric check on): the time to the answer or to the error, and which. The contract asks');
out('for a result or a clear located error within 1 s.');
out();
out('| input (unit repeated) | bytes | slowest command | ms | outcomes over the commands |');
out('|---|---|---|---|---|');
for (const unit of LONG_UNITS) {
  const rs = largest.filter((r) => r.unit === unit);
  const worst = rs.reduce((a, b) => (b.ms > a.ms ? b : a));
  const counts = new Map();
  for (const r of rs) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const msgs = [...new Set(rs.filter((r) => r.message).map((r) => r.message.replace(/^dcalc: /, '')))].slice(0, 2);
  out(`| ${code(JSON.stringify(unit))} | ${rs[0].bytes} | ${worst.op}${worst.wrt ? ` wrt ${worst.wrt}` : ''} | ${ms(worst.ms)} | ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}${msgs.length ? `: ${msgs.map((m) => cell(m.length > 80 ? `${m.slice(0, 77)}…` : m)).join('; ')}` : ''} |`);
}
out();
out(`Slowest: ${ms(largestWorst.ms)} ms. An input is refused with a \`limit\` error where a recursive pass would`);
out('overflow the stack (a sum of 25,000 terms, a product of 14,000 factors); such errors point at the statement');
out("or at the program's value.");
out();
for (const l of exportSection(exported.lines)) out(l);
out();
out(`The whole benchmark took ${f(results.totalS, 0)} s.`);
out();
// The fuzzing report (`npm run fuzz -- --cases 100000`, written by hand into docs/fuzz-report.md) is kept.
if (existsSync('docs/fuzz-report.md')) lines.push('', readFileSync('docs/fuzz-report.md', 'utf8').trimEnd(), '');
writeFileSync('docs/benchmarks.md', lines.join('\n'));

// 8. Memory of a long batch: a script of its own (rerun alone: node bench/memory.mjs), which adds its section.
log('memory of a long batch');
spawnSync(process.execPath, ['bench/memory.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });

// 10. The playground: bundle sizes and typing latency in chromium (bench/playground.mjs writes
// docs/playground-bench.md), after section 8, before the fuzzing report.
log('the playground (bench/playground.mjs)');
spawnSync(process.execPath, ['bench/playground.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (existsSync('docs/playground-bench.md')) {
  const doc = readFileSync('docs/benchmarks.md', 'utf8');
  const fuzz = doc.indexOf('\n## Fuzzing');
  const section = readFileSync('docs/playground-bench.md', 'utf8').trimEnd();
  writeFileSync('docs/benchmarks.md', fuzz >= 0 ? `${doc.slice(0, fuzz)}\n${section}\n${doc.slice(fuzz)}` : `${doc.trimEnd()}\n\n${section}\n`);
}
// Textbook forms (issue 12): a script of its own (rerun alone: node bench/textbook.mjs), which adds its section.
log('textbook forms (bench/textbook.mjs)');
spawnSync(process.execPath, ['bench/textbook.mjs', '--before', 'bench/textbook-before.json'], { stdio: ['ignore', 'ignore', 'inherit'] });
log(`done in ${f(results.totalS, 0)} s: docs/benchmarks.md, bench/results.json`);
