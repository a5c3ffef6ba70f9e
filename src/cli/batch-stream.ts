/**
 * `dcalc batch` as a stream: each request line is answered as soon as it has been read,
 * in order, so a driver that writes one request and waits for its answer never
 * deadlocks. Memory stays bounded: a line is held only up to BATCH_LINE_LIMIT_BYTES.
 * A longer line is answered with a `limit` error as soon as it crosses the limit and
 * the rest of it is skipped; a line that goes on for BATCH_SKIP_LIMIT_BYTES without a
 * line break (`dcalc batch < /dev/zero`) is not a stream of requests: the batch ends.
 */
import { answer, REQUESTS_PER_COLLECTION } from './batch.js';
import { collectGarbage } from './collect.js';
import { BATCH_LINE_LIMIT_BYTES } from './input.js';

/** How far an overlong line is skipped, looking for the next request, before the batch gives up. */
export const BATCH_SKIP_LIMIT_BYTES = 16 * BATCH_LINE_LIMIT_BYTES;

type Stop = 'go-on' | 'stop';

/**
 * Calls `onLine` with each line of `input` (without its line break) as soon as it is
 * complete, and `onTooLong` as soon as a line passes `limit` bytes; a `stop` from
 * either ends the reading.
 */
export function eachLine(input: NodeJS.ReadableStream, limit: number, onLine: (line: string) => Stop, onTooLong: () => Stop, onEnd: (stopped: boolean) => void): void {
  let parts: Buffer[] = [];
  let held = 0;
  let skipping = -1; // bytes of an overlong line skipped so far; -1: within the limit
  let stopped = false;
  const stop = () => {
    stopped = true;
    input.removeAllListeners('data');
    input.removeAllListeners('end');
    (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    onEnd(true);
  };
  const take = (chunk: Buffer): boolean => {
    if (skipping >= 0) {
      skipping += chunk.length;
      return skipping <= BATCH_SKIP_LIMIT_BYTES;
    }
    if (held + chunk.length <= limit) {
      parts.push(chunk);
      held += chunk.length;
      return true;
    }
    skipping = held + chunk.length;
    parts = [];
    held = 0;
    return onTooLong() === 'go-on';
  };
  const lineEnds = (): boolean => {
    const line = skipping >= 0 ? undefined : Buffer.concat(parts, held).toString('utf8').replace(/\r$/, '');
    parts = [];
    held = 0;
    skipping = -1;
    return line === undefined || onLine(line) === 'go-on';
  };
  // One line per turn of the event loop, with the input paused meanwhile: memory holds
  // one chunk at most, and a reader that closes our output (EPIPE) is noticed after the
  // answer it did not take, not after the rest of the chunk.
  const chunks: Buffer[] = [];
  let ended = false;
  let scheduled = false;
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(step);
    }
  };
  const step = () => {
    scheduled = false;
    if (stopped) return;
    const chunk = chunks[0];
    if (!chunk) {
      if (!ended) return void input.resume();
      if (held > 0 && !lineEnds()) return stop();
      stopped = true;
      return onEnd(false);
    }
    const nl = chunk.indexOf(0x0a);
    if (nl < 0) {
      chunks.shift();
      if (chunk.length > 0 && !take(chunk)) return stop();
    } else {
      chunks[0] = chunk.subarray(nl + 1);
      if (!take(chunk.subarray(0, nl)) || !lineEnds()) return stop();
    }
    schedule();
  };
  input.on('data', (data: Buffer | string) => {
    if (stopped) return;
    chunks.push(typeof data === 'string' ? Buffer.from(data) : data);
    input.pause();
    schedule();
  });
  input.on('end', () => {
    ended = true;
    schedule();
  });
}

/**
 * Runs a batch over `input`, writing each answer as a line; `done` gets the exit code:
 * 1 when a requested numeric check failed, 2 when the input was not a stream of lines.
 */
export function streamBatch(input: NodeJS.ReadableStream, write: (line: string) => void, done: (code: number) => void, limit = BATCH_LINE_LIMIT_BYTES): void {
  let failedCheck = false;
  let answered = 0;
  eachLine(
    input,
    limit,
    (line) => {
      if (line.trim() === '') return 'go-on';
      // Flat memory over a long batch (collect.ts).
      if (++answered % REQUESTS_PER_COLLECTION === 0) collectGarbage();
      const a = answer(line);
      if ((a.check as { ok?: boolean } | undefined)?.ok === false) failedCheck = true;
      write(JSON.stringify(a) + '\n');
      return 'go-on';
    },
    () => {
      write(JSON.stringify({ id: null, ok: false, error: { kind: 'limit', message: `the request line is longer than ${limit} bytes, the limit of a batch line (the rest of the line is skipped)` } }) + '\n');
      return 'go-on';
    },
    (stopped) => done(stopped ? 2 : failedCheck ? 1 : 0),
  );
}
