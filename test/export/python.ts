/**
 * The Python interpreters that run exported modules: NumPy from `python3` on the PATH,
 * PyTorch from the interpreter that imports it (Debian's python3-torch installs into
 * /usr/bin/python3, which need not be the `python3` first on the PATH). A missing one is
 * reported loudly, with how to install it; with DCALC_REQUIRE_TORCH=1 (CI) it is a failure.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Library } from '../../src/export/export.js';

const CANDIDATES: Record<Library, readonly string[]> = {
  numpy: ['python3', '/usr/bin/python3'],
  torch: ['/usr/bin/python3', 'python3'],
};

const found = new Map<Library, string | null>();

/** The interpreter that imports the library, or null. */
export function interpreter(lib: Library): string | null {
  if (!found.has(lib)) {
    const ok = CANDIDATES[lib].find((py) => spawnSync(py, ['-c', `import ${lib}`], { stdio: 'ignore' }).status === 0);
    found.set(lib, ok ?? null);
  }
  return found.get(lib)!;
}

/** Whether a missing interpreter must fail the suite rather than be skipped. */
export const REQUIRED: Record<Library, boolean> = {
  numpy: process.env.DCALC_REQUIRE_TORCH === '1' || process.env.DCALC_REQUIRE_NUMPY === '1',
  torch: process.env.DCALC_REQUIRE_TORCH === '1',
};

export const HOW_TO_ENABLE: Record<Library, string> = {
  numpy: 'install NumPy for python3 (apt-get install python3-numpy, or pip install numpy)',
  torch: 'apt-get install python3-torch (Debian; it installs into /usr/bin/python3)',
};

/** A loud line on stderr: what was not run and how to run it. */
export function announceSkip(lib: Library, what: string): void {
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n!! SKIPPED: ${what}: no Python interpreter imports ${lib}.\n!! To run these tests: ${HOW_TO_ENABLE[lib]}.\n!! (DCALC_REQUIRE_TORCH=1 makes this a failure, as in CI.)\n${bar}\n\n`);
}

const DRIVER = fileURLToPath(new URL('./driver.py', import.meta.url));

/** Runs the driver over many cases in one Python process. */
export function runDriver<T>(lib: Library, cases: readonly unknown[]): T[] {
  const py = interpreter(lib);
  if (!py) throw new Error(`no interpreter imports ${lib}`);
  const r = spawnSync(py, [DRIVER, lib], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`the driver failed (${py}, exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T[];
}

/** Runs a Python snippet with the library's interpreter; stdout, stderr and the exit status. */
export function runPython(lib: Library, code: string, input = ''): { stdout: string; stderr: string; status: number | null } {
  const py = interpreter(lib);
  if (!py) throw new Error(`no interpreter imports ${lib}`);
  const r = spawnSync(py, ['-c', code], { input, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
