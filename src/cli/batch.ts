/**
 * `dcalc batch`: one JSON request a line in, one JSON answer a line out, in order,
 * each with the request's id. A bad line gives an `ok: false` line and the batch goes
 * on; nothing goes to stderr.
 */
import { DcalcError } from '../errors.js';
import { asDcalcError, errorJson } from './errors.js';
import { collectGarbage } from './collect.js';
import { run, toJson, OPS_SUPPORTED, type Op } from './commands.js';

/** The answer to one request line (the batch goes on whatever it holds). */
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
    const op = req.op;
    if (typeof op !== 'string') throw new DcalcError('usage', 'the request has no "op"');
    if (!OPS_SUPPORTED.includes(op)) {
      throw new DcalcError('usage', `unknown op "${op}" (one of ${OPS_SUPPORTED.join(', ')})`);
    }
    if (typeof req.program !== 'string') throw new DcalcError('usage', 'the request has no "program" string');
    if (req.wrt !== undefined && typeof req.wrt !== 'string') throw new DcalcError('usage', '"wrt" must be a string');
    const letSpec = req.let;
    if (letSpec !== undefined && typeof letSpec !== 'string' && (typeof letSpec !== 'object' || letSpec === null || Array.isArray(letSpec))) {
      throw new DcalcError('usage', '"let" must be a string or an object of sizes');
    }
    if (req.seed !== undefined && !Number.isInteger(req.seed)) throw new DcalcError('usage', '"seed" must be an integer');
    const r = run({
      op: op as Op,
      program: req.program,
      wrt: req.wrt as string | undefined,
      let: letSpec as string | Record<string, (string | number)[]> | undefined,
      at: req.at,
      check: req.check === true,
      seed: (req.seed as number | undefined) ?? 1,
      inline: req.inline === true,
      claim: typeof req.claim === 'string' ? req.claim : undefined,
      steps: req.steps === true,
    });
    const out = toJson(r, id);
    if (r.op === 'grad' && r.check && !r.check.ok) out.ok = true;
    return out;
  } catch (e) {
    return { id, ok: false, error: errorJson(asDcalcError(e)) };
  }
}

/** How many requests a batch answers between two full garbage collections (see collect.ts). */
const REQUESTS_PER_COLLECTION = 1000;

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
