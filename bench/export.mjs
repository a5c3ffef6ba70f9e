// The exported PyTorch code against torch.autograd (issue 14): dcalc exports each program
// below, and bench/export_bench.py times the modules against autograd in one Python
// process, float64. Run by bench/run.mjs as a section of docs/benchmarks.md, or alone:
//
//   npm run build && node bench/export.mjs [--quick]   # rewrites only its section of docs/benchmarks.md
//
// Environment: DCALC_BENCH_TORCH_PYTHON, the interpreter that imports torch (default: the first of
// /usr/bin/python3 and python3 that does).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { exportCode, pythonName } from '../dist/index.js';

export const EXPORT_CASES = [
  {
    name: 'logreg', kind: 'grad', wrt: 'w', title: 'logistic regression, n = 4096, d = 512, ∂L/∂w',
    program: 'X: n×d; w: d×1; y: n×1\np = σ(Xw)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))',
  },
  {
    name: 'mlp', kind: 'grad', wrt: 'W1', title: 'ReLU + softmax network, batch 1024, width 512, 10 classes, ∂L/∂W1',
    program: 'X: N×D; W1: D×H; W2: H×K; Y: N×K simplex_rows\nh = relu(XW1)\nS = softmax_rows(hW2)\nL = −sum(Y ⊙ log(S))/N',
  },
  { name: 'lsq', kind: 'grad', wrt: 'x', title: 'least squares, 4096 × 1024, ∂L/∂x', program: 'A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²' },
  {
    name: 'gauss', kind: 'grad', wrt: 'Σ', title: 'Gaussian negative log-likelihood, d = 512 (1024 samples), ∂L/∂Σ',
    program: 'Σ: d×d spd; X: n×d\nL = (n/2) logdet(Σ) + (1/2) tr(X inv(Σ) Xᵀ)',
  },
  {
    name: 'logreg_h', kind: 'hessian', wrt: 'w', title: 'logistic regression, 2048 × 256',
    program: 'X: n×d; w: d×1; y: n×1\np = σ(Xw)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))',
  },
  { name: 'quad_h', kind: 'hessian', wrt: 'x', title: 'xᵀAx, n = 1024', program: 'A: n×n; x: n×1\nL = xᵀAx' },
  { name: 'lsq_h', kind: 'hessian', wrt: 'x', title: 'least squares, 2048 × 256', program: 'A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²' },
];

function torchPython() {
  const candidates = process.env.DCALC_BENCH_TORCH_PYTHON ? [process.env.DCALC_BENCH_TORCH_PYTHON] : ['/usr/bin/python3', 'python3'];
  return candidates.find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}

const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs the comparison; its results and its section of docs/benchmarks.md (markdown lines). */
export function exportBench({ quick = false, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const py = torchPython();
  const loadStart = loadavg()[0];
  const lines = ['## 9. Exported PyTorch code against torch.autograd', ''];
  if (!py) {
    lines.push('Not run: no Python interpreter imports torch (`apt-get install python3-torch`).', '');
    return { results: { skipped: 'no torch' }, lines };
  }
  const cases = EXPORT_CASES.map((c) => ({
    name: c.name, kind: c.kind, wrt: pythonName(c.wrt),
    code: exportCode(c.program, { op: c.kind === 'grad' ? 'grad' : 'hessian', wrt: c.wrt, library: 'torch' }),
  }));
  log(`export: timing ${cases.length} exported modules against torch.autograd (${py})`);
  const script = fileURLToPath(new URL('./export_bench.py', import.meta.url));
  const r = spawnSync(py, [script], { input: JSON.stringify({ cases, quick }), encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['pipe', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench/export_bench.py failed (exit ${r.status})`);
  const res = JSON.parse(r.stdout);
  const grads = res.cases.filter((c) => c.kind === 'grad');
  const hessians = res.cases.filter((c) => c.kind === 'hessian');
  const gm = geomean(grads.map((c) => c.ratio));
  const med = median(hessians.map((c) => c.speedup));
  const title = (name) => EXPORT_CASES.find((c) => c.name === name).title;
  const program = (name) => `\`${EXPORT_CASES.find((c) => c.name === name).program.replace(/\n/g, '; ')}\``;
  const t = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  lines.push(`torch ${res.torch}, float64, ${res.threads} threads, one Python process (bench/export_bench.py), median of ${quick ? 3 : 9} runs after two warm-up runs.`);
  lines.push(`Load average (1 min) ${loadStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end: other work on the machine slows both sides and makes the ratios noisy.`);
  lines.push("Each exported derivative is first checked against autograd's (max. relative error in the table).");
  lines.push('');
  lines.push('### Gradients: the exported `value_and_grad` against autograd forward + backward');
  lines.push('');
  lines.push('The autograd side is the loss as a PyTorch user writes it (log-sigmoid, `log_softmax`, `logdet`, `inv`), then `torch.autograd.grad`. Both compute the value and the gradient.');
  lines.push('');
  lines.push('| case | program | exported | autograd | exported ÷ autograd | max rel. error |');
  lines.push('|---|---|---|---|---|---|');
  for (const c of grads) lines.push(`| ${title(c.name)} | ${program(c.name)} | ${t(c.exportedMs)} ms | ${t(c.autogradMs)} ms | ${c.ratio.toFixed(2)} | ${c.maxRelErr.toExponential(1)} |`);
  lines.push('');
  lines.push(`Geometric mean of exported ÷ autograd: **${gm.toFixed(2)}** (goal ≤ 1.2: ${gm <= 1.2 ? 'met' : '**missed**'}).`);
  lines.push('');
  lines.push('### Hessians: the exported `value_and_hessian` against `torch.autograd.functional.hessian`');
  lines.push('');
  lines.push('| case | exported | autograd, vectorize off | vectorize on | speed-up (against the faster) | max rel. error |');
  lines.push('|---|---|---|---|---|---|');
  for (const c of hessians) lines.push(`| ${title(c.name)} | ${t(c.exportedMs)} ms | ${t(c.autogradVectorizeOffMs)} ms | ${t(c.autogradVectorizeOnMs)} ms | ${c.speedup >= 10 ? c.speedup.toFixed(0) : c.speedup.toFixed(1)}× | ${c.maxRelErr.toExponential(1)} |`);
  lines.push('');
  lines.push(`Median speed-up: **${med >= 10 ? med.toFixed(0) : med.toFixed(1)}×** (goal ≥ 3×: ${med >= 3 ? 'met' : '**missed**'}).`);
  lines.push('Why: the exported Hessian is the closed form (`Xᵀ(p ⊙ (1 − p) ⊙ X)` is one GEMM, `Aᵀ + A` one addition, `2AᵀA`');
  lines.push('one GEMM), where autograd builds it row by row: one backward pass per entry of the variable (vectorize off) or');
  lines.push('a batched backward over all of them (vectorize on), each as costly as the gradient. And a Hessian is symmetric, so');
  lines.push('when it ends in a matrix product the export multiplies only the row panels from the diagonal on (`_symmetric_product`,');
  lines.push('10/16 of the GEMM; BLAS\'s syrk, which torch does not expose). Before that, least squares was 2.7× and the median 2.7×.');
  lines.push('');
  return { results: { ...res, gradientGeomean: gm, hessianMedianSpeedup: med }, lines };
}

const START = '<!-- export-bench: written by bench/export.mjs -->';
const END = '<!-- /export-bench -->';

/** The section wrapped in markers, so that `node bench/export.mjs` can replace it alone. */
export function exportSection(lines) {
  return [START, ...lines, END];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { results, lines } = exportBench({ quick: process.argv.includes('--quick') });
  const file = 'docs/benchmarks.md';
  const section = exportSection(lines).join('\n');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.includes(START) && text.includes(END)) text = text.slice(0, text.indexOf(START)) + section + text.slice(text.indexOf(END) + END.length);
  else text = `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
  process.stdout.write(`${JSON.stringify({ gradientGeomean: results.gradientGeomean, hessianMedianSpeedup: results.hessianMedianSpeedup, cases: results.cases }, null, 1)}\n`);
}
