// The playground's numbers (after `npm run build`): the size of what the browser loads
// (bytes and gzip, from dist/web) and, in Debian's chromium when it is installed, the
// typing latency — from the last keystroke to the answer rendered — for textbook
// programs. Writes docs/playground-bench.md, which bench/run.mjs puts into
// docs/benchmarks.md as its section 9. Run alone: node bench/playground.mjs
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { findChromium, launchChromium, startServer, settled, typingLatencies, LATENCY_PROGRAM } from '../test/web/browser.mjs';
import { QUADRATIC_004, BATCH_001 } from '../test/seeds/programs.mjs';

const WEB = 'dist/web';
const loadStart = loadavg()[0];
const size = (file) => {
  const bytes = readFileSync(join(WEB, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const files = ['index.html', 'main.js', 'worker.js', 'style.css', 'katex/katex.min.css'].map(size);
const fonts = readdirSync(join(WEB, 'katex/fonts')).filter((f) => f.endsWith('.woff2'));
const fontBytes = fonts.reduce((n, f) => n + statSync(join(WEB, 'katex/fonts', f)).size, 0);

const lines = [];
const out = (s = '') => lines.push(s);
out('## 10. The playground');
out();
out('Written by bench/playground.mjs (run by `npm run bench`, or alone after `npm run build`).');
out();
out('What the browser loads from dist/web (minified by esbuild; gzip level 9 as a static host would serve it):');
out();
out('| file | bytes | gzip |');
out('|---|---|---|');
for (const f of files) out(`| ${f.file}${f.file === 'worker.js' ? ' (the whole engine)' : f.file === 'main.js' ? ' (the page and KaTeX)' : ''} | ${kB(f.bytes)} | ${kB(f.gzip)} |`);
const total = files.reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip }), { bytes: 0, gzip: 0 });
out(`| all of the above | ${kB(total.bytes)} | ${kB(total.gzip)} |`);
out(`| KaTeX fonts (${fonts.length} woff2 files, already compressed; a page loads only those it uses) | ${kB(fontBytes)} | — |`);
out();

const chromium = findChromium();
if (!chromium) {
  out('Typing latency: not measured (no `chromium` on the PATH: `apt-get install chromium`).');
} else {
  const server = await startServer();
  const browser = await launchChromium(chromium);
  try {
    const page = await browser.newPage();
    const firstLoads = [];
    for (let i = 0; i < 5; i++) {
      await page.goto('about:blank');
      await page.goto(server.url);
      await settled(page);
      firstLoads.push(Number(await page.getAttribute('[data-testid=result]', 'data-latency-ms')));
    }
    const programs = [
      ['seed 000, logistic regression (4 lines)', LATENCY_PROGRAM],
      ['seed 001, a network on a batch (4 lines)', { program: BATCH_001, wrt: 'W1' }],
      ['seed 004, three-layer network (8 lines)', { program: QUADRATIC_004, wrt: 'W2' }],
    ];
    out('Typing latency in Debian\'s chromium (headless), from the last keystroke\'s input event to the answer');
    out('rendered (the page\'s own measure, `data-latency-ms`): the last line of the program typed key by key');
    out('60 ms apart, the lines before it pasted; with the numeric verification on. The goal is about 100 ms.');
    out();
    out('| program | repeats | median | p90 | max |');
    out('|---|---|---|---|---|');
    for (const [name, p] of programs) {
      const ms = await typingLatencies(page, server.url, p, 10);
      out(`| ${name} | ${ms.length} | ${quantile(ms, 0.5).toFixed(0)} ms | ${quantile(ms, 0.9).toFixed(0)} ms | ${Math.max(...ms).toFixed(0)} ms |`);
    }
    out(`| first answer after the page loads (the worker loading the engine) | ${firstLoads.length} | ${quantile(firstLoads, 0.5).toFixed(0)} ms | ${quantile(firstLoads, 0.9).toFixed(0)} ms | ${Math.max(...firstLoads).toFixed(0)} ms |`);
    out();
    out(`Chromium ${browser.version()}; load average (1 min) ${loadStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${availableParallelism()} cores`);
    out('shared with other work: the tail (p90, max) is mostly waiting for a core. The browser tests');
    out('(test/web/playground.test.ts) measure the first program again on every run and print it; they');
    out('assert only a generous bound (2 s).');
  } finally {
    await browser.close();
    server.stop();
  }
}
writeFileSync('docs/playground-bench.md', `${lines.join('\n')}\n`);
process.stderr.write(lines.join('\n') + '\n');
