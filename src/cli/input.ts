/**
 * Reading the command line's inputs within bounds (CONTRACT §3, Limits): a program or
 * `--at` file, or standard input, is read only up to its limit, so `/dev/zero` or a
 * 150 MB file is refused after 10⁶ bytes instead of growing the process to gigabytes.
 * And a reader that closes our standard output early (`dcalc batch | head -1`) ends the
 * process quietly.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { DcalcError, type SourceLoc } from '../errors.js';

/** The largest program, `--at` file or standard input the CLI reads, in bytes (CONTRACT §3). */
export const INPUT_LIMIT_BYTES = 1_000_000;

/**
 * The longest line `batch` reads, in bytes: a request holds a program of up to
 * INPUT_LIMIT_BYTES, which JSON escaping can double, plus its `let`, `at` and claim.
 */
export const BATCH_LINE_LIMIT_BYTES = 4_000_000;

/** Where the byte at `offset` of UTF-8 `bytes` is, as a 1-based line and code-point column. */
export function locOfByte(bytes: Uint8Array, offset: number): SourceLoc {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      column = 1;
    } else if ((b & 0xc0) !== 0x80) column++; // count a code point at its first byte
  }
  return { line, column };
}

/**
 * The first `limit` bytes of a file descriptor or path, read in chunks; more than that
 * is a `limit` error located at the first byte past it (reading stops there).
 */
export function readBounded(source: number | string, what: string, limit = INPUT_LIMIT_BYTES): string {
  const fd = typeof source === 'number' ? source : openSync(source, 'r');
  try {
    const buf = Buffer.allocUnsafe(limit + 1);
    let n = 0;
    while (n <= limit) {
      let got: number;
      try {
        got = readSync(fd, buf, n, limit + 1 - n, null);
      } catch (e) {
        // Standard input set non-blocking by a terminal or a parent: wait for data.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (got === 0) break;
      n += got;
    }
    if (n > limit) {
      const err = new DcalcError('limit', `${what} is larger than ${limit} bytes (the limit); reading stopped here`, locOfByte(buf, limit));
      err.source = buf.subarray(0, limit + 1).toString('utf8');
      throw err;
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    if (typeof source !== 'number') closeSync(fd);
  }
}

/**
 * A reader that closed the pipe (`| head -1`) has what it wanted: stop, quietly,
 * with the exit code so far instead of Node's unhandled `EPIPE` stack trace.
 */
export function exitQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw e;
    });
  }
}
