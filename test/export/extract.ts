/**
 * The derivatives the identity and calculus tests assert (test/identities, test/calculus),
 * read by running each test file against fake-vitest.ts, bundled with esbuild, so that
 * the export is checked on every one of them without a copy of their programs here.
 */
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExportCase } from './cases.js';

const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));
const FAKE = fileURLToPath(new URL('./fake-vitest.ts', import.meta.url));

interface FakeModule {
  recorded: { file: string; op: ExportCase['op']; program: unknown; wrt: unknown; let?: unknown }[];
  bodies: { file: string; run: () => unknown }[];
}

/** Every toHaveGradient / toHaveJacobian / toHaveHessian of the files in these directories of test/. */
export async function assertedDerivatives(dirs: readonly string[] = ['identities', 'calculus']): Promise<ExportCase[]> {
  const out: ExportCase[] = [];
  const files = dirs.flatMap((dir) => readdirSync(join(TEST_DIR, dir)).filter((f) => f.endsWith('.test.ts') && /toHave(?:Gradient|Jacobian|Hessian)/.test(readFileSync(join(TEST_DIR, dir, f), 'utf8'))).sort().map((f) => `${dir}/${f}`));
  // One bundle for every file (bundling is the slow part), a marker module before each.
  const entry = files.map((f) => `import 'dcalc-file:${f}';\nimport ${JSON.stringify(join(TEST_DIR, f))};`).join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: TEST_DIR, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    plugins: [
      {
        name: 'fake-vitest',
        setup(b) {
          b.onResolve({ filter: /^vitest$/ }, () => ({ path: FAKE }));
          b.onResolve({ filter: /^dcalc-file:/ }, (a) => ({ path: a.path.slice('dcalc-file:'.length), namespace: 'marker' }));
          b.onLoad({ filter: /.*/, namespace: 'marker' }, (a) => ({ contents: `import { setFile } from ${JSON.stringify(FAKE)}; setFile(${JSON.stringify(a.path)});`, resolveDir: TEST_DIR, loader: 'ts' }));
          b.onResolve({ filter: /^[^./]/ }, (a) => ({ path: a.path, external: true }));
        },
      },
    ],
  });
  const tmp = mkdtempSync(join(tmpdir(), 'dcalc-extract-'));
  try {
    const bundled = join(tmp, 'tests.mjs');
    writeFileSync(bundled, result.outputFiles[0]!.text);
    await import(pathToFileURL(bundled).href);
    const fake = (globalThis as unknown as { __dcalcFake: FakeModule }).__dcalcFake;
    for (const body of fake.bodies) {
      try {
        await body.run();
      } catch {
        // A test body that needs more than the fake gives (a CLI run, a file): its assertions are not recorded.
      }
    }
    const count = new Map<string, number>();
    for (const r of fake.recorded) {
      if (typeof r.program !== 'string' || typeof r.wrt !== 'string') continue;
      const k = count.get(r.file) ?? 0;
      count.set(r.file, k + 1);
      out.push({ id: `${r.file}#${k}`, program: r.program, let: r.let as ExportCase['let'], op: r.op, wrt: [r.wrt] });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}
