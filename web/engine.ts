/**
 * The page's side of the worker: one request at a time, only the newest one kept
 * waiting. A request that has run for `restartAfterMs` while a newer one waits is
 * abandoned — its worker terminated, and a spare worker, already loaded, takes the
 * newer request — so a long computation never holds up the next answer, and a short
 * one is never cut off. A spare that is still loading is not switched to (that would be
 * slower than waiting): the switch happens as soon as it has loaded.
 */
import type { WorkAnswer, WorkRequest } from './protocol.js';

interface Slot {
  readonly worker: Worker;
  /** The worker has loaded the engine (its first message). */
  ready: boolean;
}

export class Engine {
  private current: Slot;
  private spare: Slot;
  private running: { seq: number; since: number } | undefined;
  private waiting: WorkRequest | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The running request has outlived restartAfterMs with a newer one waiting. */
  private overdue = false;
  /** How many workers were terminated to make way for a newer request. */
  restarts = 0;

  constructor(
    private readonly url: string,
    private readonly onAnswer: (a: WorkAnswer) => void,
    private readonly restartAfterMs = 250,
  ) {
    this.current = this.spawn();
    this.spare = this.spawn();
  }

  submit(req: WorkRequest): void {
    this.waiting = req;
    if (this.running === undefined) this.next();
    else this.restartLater();
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.url), ready: false };
    slot.worker.onmessage = (e: MessageEvent<WorkAnswer | { ready: true }>) => {
      if ('ready' in e.data) {
        slot.ready = true;
        if (slot === this.spare && this.overdue) this.restart();
      } else if (slot === this.current) this.received(e.data);
    };
    slot.worker.onerror = (e) => {
      e.preventDefault();
      if (slot !== this.current) return;
      // The worker itself died (out of memory): say so, and carry on with a fresh one.
      const seq = this.running?.seq ?? -1;
      this.replace();
      this.onAnswer({ seq, answer: { ok: false, error: { kind: 'limit', message: 'the computation ran out of room in the browser' } }, ms: 0 });
      this.next();
    };
    return slot;
  }

  private next(): void {
    const req = this.waiting;
    if (req === undefined) return;
    this.waiting = undefined;
    this.running = { seq: req.seq, since: performance.now() };
    this.current.worker.postMessage(req);
  }

  private received(a: WorkAnswer): void {
    this.running = undefined;
    this.overdue = false;
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
      this.overdue = true;
      if (this.spare.ready) this.restart();
    }, wait);
  }

  private restart(): void {
    this.overdue = false;
    this.restarts++;
    this.replace();
    this.next();
  }

  private replace(): void {
    this.current.worker.terminate();
    this.current = this.spare;
    this.spare = this.spawn();
    this.running = undefined;
  }
}
