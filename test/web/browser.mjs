/**
 * What the playground's browser tests (playground.test.ts) and its benchmark
 * (bench/playground.mjs) share: finding Debian's chromium, launching it headless with
 * playwright-core (never a downloaded browser), serving dist/web with the real
 * `dcalc serve`, asking the real `dcalc batch`, and timing an answer after typing.
 * Plain JavaScript, so that bench/ (run by node) can import it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The chromium binary on the PATH (`command -v chromium`), or undefined. */
export function findChromium() {
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim() : '';
  return path || undefined;
}

export async function launchChromium(executablePath) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/** `dcalc serve --port 0`: resolves to { url, port, stop } once its first line (the URL) is out. */
export function startServer(extraArgs = []) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const url = out.slice(0, nl);
      resolve({ url, port: Number(new URL(url).port), firstLine: url, stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`dcalc serve exited with ${code}: ${err}`)));
  });
}

/** The real `dcalc batch`: one answer per request, in order. */
export function batch(requests) {
  const r = spawnSync(process.execPath, [BIN, 'batch'], { input: requests.map((q) => JSON.stringify(q)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

/** The real CLI's stderr for a failing request (`dcalc grad <program> wrt <x> --let …`). */
export function cliError(op, program, wrt, letText) {
  const args = [BIN, op, program, 'wrt', wrt, ...(letText ? ['--let', letText] : [])];
  return spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stderr;
}

/** The real CLI's standard output for `dcalc <op> <program> wrt <x> [--let …] <options…>`. */
export function cliOutput(op, program, wrt, letText, options = []) {
  const args = [BIN, op, program, 'wrt', wrt, ...(letText ? ['--let', letText] : []), ...options];
  return spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout;
}

/** Waits until the result is no longer pending; resolves to its status. */
export async function settled(page, timeout = 30_000) {
  await page.waitForFunction(() => document.querySelector('[data-testid=result]')?.getAttribute('data-status') !== 'pending', undefined, { timeout });
  return page.getAttribute('[data-testid=result]', 'data-status');
}

/**
 * Typing latency: the program's last line is typed key by key at a brisk human pace
 * (`delayMs` between keys; the lines before it are pasted), and the page's own measure
 * is read — the time from the last keystroke's input event to its answer rendered
 * (data-latency-ms). Resolves to one number per repeat, in ms.
 */
export async function typingLatencies(page, url, { program, wrt, letText = '' }, repeats = 5, delayMs = 60) {
  const cut = program.lastIndexOf('\n') + 1;
  const out = [];
  for (let i = 0; i < repeats; i++) {
    await page.goto('about:blank');
    await page.goto(`${url}#${new URLSearchParams({ op: 'grad', program: program.slice(0, cut), let: letText, wrt })}`);
    await settled(page);
    await page.focus('[data-testid=program]');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(program.slice(cut), { delay: delayMs });
    await page.waitForFunction(
      (want) => {
        const r = document.querySelector('[data-testid=result]');
        return r?.getAttribute('data-status') === 'ok' && document.querySelector('[data-testid=program]').value === want;
      },
      program,
      { timeout: 30_000 },
    );
    out.push(Number(await page.getAttribute('[data-testid=result]', 'data-latency-ms')));
  }
  return out;
}

/** The textbook program whose typing latency the docs report (seed 000's logistic regression). */
export const LATENCY_PROGRAM = {
  program: 'X: 1×M; W: M×1; b: scalar; y: scalar\nh = XW + b\na = σ(h)\nL = −y log a − (1 − y) log(1 − a)',
  wrt: 'W',
};
