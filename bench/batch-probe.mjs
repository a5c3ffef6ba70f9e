// Loaded with `node --import ./bench/batch-probe.mjs bin/dcalc.js batch` by bench/batch-vs-sympy.mjs:
// it watches the batch process from inside and, at exit, writes to $DCALC_BENCH_PROBE_OUT
//   - when node was ready (this module runs before the engine's bundle is loaded),
//     when the first request line arrived, when the last answer was written
//     (milliseconds since the process's time origin),
//   - the CPU time of the process and the time V8 spent collecting garbage (every 'gc' entry).
// It changes nothing the batch does: it wraps process.stdout.write and the batch's own
// 'data' listener on stdin to note the times.
import { writeFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';

const nodeReadyMs = performance.now();
let firstInputMs;
let lastAnswerMs;
let answers = 0;
let gcMs = 0;
let gcCount = 0;

const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcCount++;
  }
});
observer.observe({ entryTypes: ['gc'] });

const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  answers++;
  lastAnswerMs = performance.now();
  return write(chunk, ...rest);
};

const on = process.stdin.on.bind(process.stdin);
process.stdin.on = (event, listener) => {
  if (event !== 'data') return on(event, listener);
  return on(event, (data) => {
    firstInputMs ??= performance.now();
    listener(data);
  });
};

process.on('exit', () => {
  for (const e of observer.takeRecords()) {
    gcMs += e.duration;
    gcCount++;
  }
  const cpu = process.cpuUsage();
  writeFileSync(process.env.DCALC_BENCH_PROBE_OUT, JSON.stringify({
    nodeReadyMs, firstInputMs, lastAnswerMs, answers, gcMs, gcCount,
    cpuMs: (cpu.user + cpu.system) / 1000, exitMs: performance.now(),
  }));
});
