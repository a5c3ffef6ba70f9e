/**
 * docs/conventions.md shows real dcalc output: every `$ dcalc …` line in its code
 * blocks is run (the CLI is bundled from src/ with esbuild, so the page is checked
 * against the current source, not a stale dist/) and its stdout must equal the lines
 * that follow it in the block.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(root, 'docs/conventions.md'), 'utf8');

interface Example {
  command: string;
  expected: string;
}

/** Splits a shell command line: words, "double-quoted" and 'single-quoted' strings. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const block of doc.matchAll(/```\n([\s\S]*?)```/g)) {
    let current: { command: string; lines: string[] } | undefined;
    const flush = (): void => {
      if (current) out.push({ command: current.command, expected: current.lines.join('\n') });
    };
    for (const line of block[1]!.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ dcalc ')) {
        flush();
        current = { command: line.slice(2), lines: [] };
      } else current?.lines.push(line);
    }
    flush();
  }
  return out;
}

let cli = '';

beforeAll(async () => {
  cli = join(mkdtempSync(join(tmpdir(), 'dcalc-doc-')), 'cli.mjs');
  await build({
    entryPoints: [join(root, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}, 60_000);

describe('docs/conventions.md examples', () => {
  const all = examples();
  it('has examples for vec, grad, jacobian, hessian and differential', () => {
    for (const op of ['eval', 'grad', 'jacobian', 'hessian', 'differential']) expect(all.some((e) => e.command.startsWith(`dcalc ${op} `)), op).toBe(true);
  });
  for (const ex of all) {
    it(ex.command, () => {
      const r = spawnSync(process.execPath, [cli, ...shellWords(ex.command).slice(1)], {
        encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' },
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.replace(/\n$/, '')).toBe(ex.expected);
    });
  }
});
