/**
 * The page's side of the worker: one request at a time, only the newest one kept
 * waiting. A request that is still running when a newer one has waited for
 * `restartAfterMs` is abandoned: its worker is terminated and a spare one, already
 * loaded, takes the newer request — so a long computation never holds up typing or
 * the next answer, and a short one is never cut off mid-way.
 */
import type { WorkAnswer, WorkRequest } from './protocol.js';

export class Engine {
  private worker: Worker;
  private spare: Worker;
  private running: { seq: number; since: number } | undefined;
  private waiting: WorkRequest | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** How many workers were terminated to make way for a newer request. */
  restarts = 0;

  constructor(
    private readonly url: string,
    private readonly onAnswer: (a: WorkAnswer) => void,
    private readonly restartAfterMs = 250,
  ) {
    this.worker = this.spawn();
    this.spare = this.spawn();
  }

  submit(req: WorkRequest): void {
    this.waiting = req;
    if (this.running === undefined) this.next();
    else this.restartLater();
  }

  private spawn(): Worker {
    const w = new Worker(this.url);
    w.onmessage = (e: MessageEvent<WorkAnswer>) => {
      if (w === this.worker) this.received(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      if (w !== this.worker) return;
      // The worker itself died (out of memory): say so, and carry on with a fresh one.
      const seq = this.running?.seq ?? -1;
      this.replaceWorker();
      this.onAnswer({ seq, answer: { ok: false, error: { kind: 'limit', message: 'the computation ran out of room in the browser' } }, ms: 0 });
      this.next();
    };
    return w;
  }

  private next(): void {
    const req = this.waiting;
    if (req === undefined) return;
    this.waiting = undefined;
    this.running = { seq: req.seq, since: performance.now() };
    this.worker.postMessage(req);
  }

  private received(a: WorkAnswer): void {
    this.running = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.onAnswer(a);
    this.next();
  }

  private restartLater(): void {
    if (this.timer !== undefined || this.running === undefined) return;
    const wait = Math.max(0, this.running.since + this.restartAfterMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running === undefined || this.waiting === undefined) return;
      this.restarts++;
      this.replaceWorker();
      this.next();
    }, wait);
  }

  private replaceWorker(): void {
    this.worker.terminate();
    this.worker = this.spare;
    this.spare = this.spawn();
    this.running = undefined;
  }
}
