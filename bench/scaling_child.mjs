// One depth of the scaling benchmark, in a fresh process so that memory is honest
// (dcalc's hash-consing table lives as long as the process). Prints one JSON line.
// Usage: node bench/scaling_child.mjs <depth>
//
//   coldMs   the first derivation in the process (module load excluded, JIT warm-up included)
//   firstMs  the first derivation of this program after the JIT has been warmed up on
//            other programs (the benchmark cases): the engine's own cost, no cache hits
//   warmMs   a second derivation of the same program (its nodes already hash-consed)
//   *CpuMs   the same, in CPU time of the process (less sensitive to other load)
//   simplified  whether the gradient has the textbook form (…)/N: past depth ~100 the
//            simplifier's recursion limit leaves the innermost factor as 2(1/N)(…)
import { performance } from 'node:perf_hooks';
import { parseProgram, grad, jacobian, hessian, toText } from '../dist/index.js';
import { mlp, CASES } from './cases.mjs';

const depth = Number(process.argv[2]);
const mode = process.argv[3] ?? 'cold';
const program = mlp(depth);
let peakRss = process.memoryUsage().rss;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const rssBefore = peakRss;

const derive = () => {
  const p = parseProgram(program);
  const d = grad(p, 'W1');
  return toText(p, d.expr);
};
const timed = () => {
  const c = process.cpuUsage();
  const t = performance.now();
  const text = derive();
  const ms = performance.now() - t;
  const cu = process.cpuUsage(c);
  sample();
  return { ms, cpuMs: (cu.user + cu.system) / 1000, text };
};

const out = { depth, mode };
if (mode === 'cold') {
  const r = timed();
  out.coldMs = r.ms;
  out.coldCpuMs = r.cpuMs;
  out.printedChars = r.text.length;
  out.simplified = r.text.endsWith('/N') && !r.text.includes('(1/N)');
} else {
  // Warm the JIT on the other benchmark cases (not MLPs), then derive this program.
  const f = { grad, jacobian, hessian };
  for (let round = 0; round < 2; round++) {
    for (const c of CASES.slice(0, 120)) {
      const p = parseProgram(c.program);
      toText(p, f[c.kind](p, c.wrt).expr);
    }
  }
  sample();
  const r = timed();
  out.firstMs = r.ms;
  out.firstCpuMs = r.cpuMs;
  out.printedChars = r.text.length;
  const again = timed();
  out.warmMs = again.ms;
  out.warmCpuMs = again.cpuMs;
}
const mu = process.memoryUsage();
Object.assign(out, {
  rssBeforeMB: rssBefore / 2 ** 20,
  peakRssMB: peakRss / 2 ** 20,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  heapUsedMB: mu.heapUsed / 2 ** 20,
});
process.stdout.write(JSON.stringify(out) + '\n');
