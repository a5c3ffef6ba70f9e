/**
 * `dcalc batch`: one JSON request a line in, one JSON answer a line out, in order,
 * each with the request's id. A bad line gives an `ok: false` line and the batch goes
 * on; nothing goes to stderr.
 */
import { asDcalcError, errorJson } from './errors.js';
import { collectGarbage } from './collect.js';
import { run } from '../api/request.js';
import { validateRequest, BATCH_SPELLING } from '../api/validate-request.js';
import { toJson } from '../present/json.js';

/** One request line's answer. Node-free: the playground's worker (web/worker.ts) answers through it too. */
export function answer(line: string): Record<string, unknown> {
  let req: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { id: null, ok: false, error: { kind: 'parse', message: 'a request must be a JSON object' } };
    }
    req = parsed as Record<string, unknown>;
  } catch (e) {
    return { id: null, ok: false, error: { kind: 'parse', message: `not valid JSON: ${(e as Error).message}` } };
  }
  const id = 'id' in req ? req.id : null;
  try {
    const r = run(validateRequest(req, BATCH_SPELLING));
    const out = toJson(r, id);
    if (r.op === 'grad' && r.check && !r.check.ok) out.ok = true;
    return out;
  } catch (e) {
    return { id, ok: false, error: errorJson(asDcalcError(e)) };
  }
}

/** How many requests a batch answers between two full garbage collections (see collect.ts). */
export const REQUESTS_PER_COLLECTION = 1000;

export function runBatch(input: string): number {
  const lines = input.split(/\r?\n/);
  let failedCheck = false;
  let answered = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (++answered % REQUESTS_PER_COLLECTION === 0) collectGarbage();
    const a = answer(line);
    if ((a.check as { ok?: boolean } | undefined)?.ok === false) failedCheck = true;
    process.stdout.write(JSON.stringify(a) + '\n');
  }
  return failedCheck ? 1 : 0;
}
