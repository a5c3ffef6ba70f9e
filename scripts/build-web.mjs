// Build the playground (web/) into dist/web: the page's script and the worker bundled
// for the browser by esbuild (the worker holds the whole engine), the HTML and CSS, and
// KaTeX's CSS and fonts copied from node_modules — a static folder that needs no CDN
// and no server code (`dcalc serve` serves it; any static host can).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// src/cli/collect.ts (a full garbage collection for long batches, through Node's v8 and vm) is
// reachable from batch.ts only through runBatch, which the worker never calls: the browser
// build puts a no-op in its place.
const noNodeCollector = {
  name: 'no-node-collector',
  setup(b) {
    b.onResolve({ filter: /\/collect\.js$/ }, () => ({ path: 'collect', namespace: 'browser-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'browser-stub' }, () => ({ contents: 'export function collectGarbage() {}', loader: 'js' }));
  },
};

export async function buildWeb() {
  rmSync('dist/web', { recursive: true, force: true });
  mkdirSync('dist/web/katex', { recursive: true });
  const common = {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome111', 'firefox111', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // The CLI's error helpers read DCALC_DEBUG; the browser has no environment.
    define: { 'process.env.DCALC_DEBUG': 'undefined' },
  };
  await build({ ...common, entryPoints: ['web/worker.ts'], outfile: 'dist/web/worker.js', plugins: [noNodeCollector] });
  await build({ ...common, entryPoints: ['web/main.ts'], outfile: 'dist/web/main.js' });
  for (const f of ['index.html', 'style.css']) cpSync(`web/${f}`, `dist/web/${f}`);
  cpSync('node_modules/katex/dist/katex.min.css', 'dist/web/katex/katex.min.css');
  cpSync('node_modules/katex/dist/fonts', 'dist/web/katex/fonts', { recursive: true });
}
