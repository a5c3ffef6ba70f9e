#!/usr/bin/env node
// The hostile families that need the command line itself (issue 13), as child processes
// of bin/dcalc.js: random byte streams and huge inputs through standard input, -f FILE
// and --at FILE (including /dev/zero), batch input in random chunks, and readers that
// close standard output early. Each run must end within the timeout with exit code 0, 1
// or 2, never a stack trace, an internal error or an unhandled EPIPE.
//
//   node scripts/fuzz-cli.mjs [--cases N] [--seed S] [--timeout MS]
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/dcalc.js', import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const cases = Number(args.cases ?? 200);
const timeout = Number(args.timeout ?? 20_000);
let state = Number(args.seed ?? 1) >>> 0 || 1;
const rnd = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const bytes = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
const dir = mkdtempSync(join(tmpdir(), 'dcalc-fuzz-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const PROGRAMS = ["x'*A*x", 'sum(X)', 'log(x)', '1 + ', '‖x‖²', 'x: n×1; L = sum(x)'];
const REQUEST = (i) => JSON.stringify({ id: i, op: pick(['eval', 'grad', 'shape', 'check']), program: pick(PROGRAMS), wrt: 'x', let: 'x: n×1, A: n×n, X: n×n', claim: '2*x' });

/** One case: the command line, what goes to standard input, and whether the reader closes stdout at once. */
function makeCase(i) {
  const family = pick(['stdin-bytes', 'file-bytes', 'at-bytes', 'huge-file', 'dev-zero', 'batch-chunks', 'batch-bytes', 'closed-pipe']);
  const file = join(dir, `case${i}`);
  switch (family) {
    case 'stdin-bytes': return { family, argv: [pick(['eval', 'shape', 'simplify']), '-'], input: bytes(Math.floor(rnd() * 2000)) };
    case 'file-bytes': writeFileSync(file, bytes(Math.floor(rnd() * 5000))); return { family, argv: ['shape', '-f', file] };
    case 'at-bytes': writeFileSync(file, bytes(Math.floor(rnd() * 3000))); return { family, argv: ['eval', 'x', '--at', file] };
    case 'huge-file': writeFileSync(file, pick(['x + ', '(', '\\frac{', '\0', 'ŷ']).repeat(Math.floor(250_000 + rnd() * 1_500_000))); return { family, argv: [pick(['eval', 'shape', 'grad']), '-f', file, ...(rnd() < 0.5 ? ['wrt', 'x'] : [])] };
    case 'dev-zero': return { family, argv: pick([['eval', '-f', '/dev/zero'], ['eval', 'x', '--at', '/dev/zero'], ['eval', '-'], ['batch']]), devZero: true };
    case 'batch-chunks': return { family, argv: ['batch'], input: Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 30) }, (_, k) => REQUEST(k)).join('\n') + '\n'), chunked: true };
    case 'batch-bytes': return { family, argv: ['batch'], input: Buffer.concat([Buffer.from(REQUEST(0) + '\n'), bytes(Math.floor(rnd() * 5000)), Buffer.from('\n' + REQUEST(1) + '\n')]) };
    case 'closed-pipe': return { family, argv: pick([['batch'], ['eval', 'ones(200, 200)'], ['grad', "x'*A*x", 'wrt', 'x', '--let', 'x: n×1, A: n×n']]), input: Buffer.from(Array.from({ length: 2000 }, (_, k) => REQUEST(k)).join('\n') + '\n'), closeStdout: true };
  }
}

function run(c) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...c.argv], { stdio: [c.devZero ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = 0;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout += d.length;
      if (c.closeStdout) child.stdout.destroy();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, stdout, ms: performance.now() - t0 });
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined);
      if (c.input && c.chunked) {
        let off = 0;
        const step = () => {
          if (off >= c.input.length) return child.stdin.end();
          const n = 1 + Math.floor(rnd() * 200);
          child.stdin.write(c.input.subarray(off, off + n), step);
          off += n;
        };
        step();
      } else child.stdin.end(c.input ?? '');
    }
  });
}

// /dev/zero as standard input: a spawn with stdin from the device itself.
async function runDevZeroStdin(c) {
  const { openSync, closeSync } = await import('node:fs');
  const fd = openSync('/dev/zero', 'r');
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...c.argv], { stdio: [fd, 'pipe', 'pipe'] });
    closeSync(fd);
    let stderr = '';
    let stdout = 0;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d.length));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, stdout, ms: performance.now() - t0 });
    });
  });
}

const failures = [];
const byFamily = {};
let maxMs = 0;
let maxWhat = '';
const t0 = performance.now();
for (let i = 0; i < cases; i++) {
  const c = makeCase(i);
  const r = c.devZero && (c.argv.includes('-') || c.argv[0] === 'batch') ? await runDevZeroStdin(c) : await run(c);
  byFamily[c.family] = (byFamily[c.family] ?? 0) + 1;
  if (r.ms > maxMs) [maxMs, maxWhat] = [r.ms, `${c.family}: dcalc ${c.argv.join(' ')}`];
  const problem =
    r.signal ? `killed by ${r.signal} (a hang past ${timeout} ms, or a crash)`
    : ![0, 1, 2].includes(r.code) ? `exit code ${r.code}`
    : /^\s+at |EPIPE|Error:|internal error|out of memory/m.test(r.stderr) ? `stderr: ${r.stderr.slice(0, 400)}`
    : r.stderr.length > 2000 ? `${r.stderr.length} bytes on stderr`
    : undefined;
  if (problem) failures.push({ i, what: `${c.family}: dcalc ${c.argv.join(' ')}`, problem });
}
console.log(`fuzz-cli: ${cases} cases (${Object.entries(byFamily).map(([k, n]) => `${k} ${n}`).join(', ')}), seed ${args.seed ?? 1}`);
console.log(`failures:  ${failures.length}`);
console.log(`max time per input: ${maxMs.toFixed(0)} ms — ${maxWhat}`);
console.log(`elapsed:   ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const f of failures.slice(0, 20)) console.log(`\ncase ${f.i}: ${f.what}\n  ${f.problem}`);
process.exitCode = failures.length ? 1 : 0;
