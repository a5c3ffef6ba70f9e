/**
 * `dcalc serve` (CONTRACT §5): the URL on the first line of stdout, the playground's
 * static files and nothing else (no path out of dist/web, only GET and HEAD), and a
 * taken port or a bad --port as a usage error with exit code 2. No browser needed.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../web/browser.mjs';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

describe('dcalc serve', () => {
  let server: { url: string; stop: () => void };
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('prints its URL on the first line of stdout', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the page, its scripts, its styles and KaTeX with its fonts, with their content types', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(readFileSync('dist/web/index.html', 'utf8'));
    for (const [path, type] of [
      ['main.js', 'text/javascript; charset=utf-8'],
      ['worker.js', 'text/javascript; charset=utf-8'],
      ['style.css', 'text/css; charset=utf-8'],
      ['katex/katex.min.css', 'text/css; charset=utf-8'],
      ['katex/fonts/KaTeX_Main-Regular.woff2', 'font/woff2'],
    ]) {
      const r = await fetch(server.url + path);
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 200, type]);
    }
  });

  it('serves nothing outside dist/web, and only GET and HEAD', async () => {
    for (const path of ['nope.html', '../package.json', '..%2fpackage.json', '%2e%2e/%2e%2e/package.json', '..%5c..%5cpackage.json', '%zz']) {
      const r = await fetch(server.url + path);
      expect([path, r.status]).toEqual([path, 404]);
    }
    expect((await fetch(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await fetch(server.url, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('a port that is taken is a usage error, exit 2', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = spawnSync(process.execPath, [BIN, 'serve', '--port', String(port)], { encoding: 'utf8', timeout: 10_000 });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`dcalc: usage error: port ${port} on 127.0.0.1 is already in use (choose another with --port N, or --port 0 for any free port)\n`);
    } finally {
      blocker.close();
    }
  });

  it('a --port that is not a port number is a usage error, exit 2', () => {
    for (const bad of ['abc', '-1', '70000', '80.5']) {
      const r = spawnSync(process.execPath, [BIN, 'serve', '--port', bad], { encoding: 'utf8', timeout: 10_000 });
      expect([bad, r.status, r.stderr]).toEqual([bad, 2, `dcalc: usage error: --port takes a port number from 0 to 65535, not ${bad}\n`]);
    }
  });
});
