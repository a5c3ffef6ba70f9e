/**
 * `dcalc serve`: the playground's static files (dist/web, built by `npm install`) over
 * HTTP. Only a static server — GET and HEAD of the files in that folder — because the
 * page computes everything in the browser (a worker running the engine); the same files
 * work from any static host.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DcalcError } from '../errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServeOptions {
  port?: string;
  host?: string;
}

/** dist/web beside the CLI bundle (dist/cli.js). */
function webRoot(): string {
  return fileURLToPath(new URL('./web/', import.meta.url));
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 8080;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new DcalcError('usage', `--port takes a port number from 0 to 65535, not ${text}`);
  return port;
}

/** The file a URL path names inside root, or undefined when it would leave root. */
function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(405, 'method not allowed\n');
  }
  let file = fileFor(root, req.url ?? '/');
  if (file === undefined) return send(404, 'not found\n');
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    send(404, 'not found\n');
  }
}

/**
 * Starts the server; prints its URL as the first line of stdout once it listens. A
 * port that is taken (or a host that cannot be listened on) is a usage error, exit 2,
 * reported through `fail` since it is only known after the call returns.
 */
export function serve(opts: ServeOptions, fail: (e: DcalcError) => void): void {
  const port = parsePort(opts.port);
  const host = opts.host ?? '127.0.0.1';
  const root = webRoot();
  if (!existsSync(join(root, 'index.html'))) {
    throw new DcalcError('usage', `the playground is not built (no ${join(root, 'index.html')}): run npm install or npm run build`);
  }
  const server = createServer((req, res) => {
    handle(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('error', (e: NodeJS.ErrnoException) => {
    const where = `${host}:${port}`;
    const why =
      e.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use (choose another with --port N, or --port 0 for any free port)`
      : e.code === 'EACCES' ? `no permission to listen on ${where} (ports below 1024 need privileges: choose another with --port N)`
      : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? `cannot listen on host ${host} (it is not an address of this machine)`
      : `cannot listen on ${where}: ${e.message}`;
    fail(new DcalcError('usage', why));
  });
  server.listen(port, host, () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const shown = host.includes(':') ? `[${host}]` : host;
    process.stdout.write(`http://${shown}:${actual}/\n`);
    process.stdout.write(`serving the dcalc playground from ${root} (Ctrl-C to stop)\n`);
  });
}
