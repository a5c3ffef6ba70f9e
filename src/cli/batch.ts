/**
 * `dcalc batch`: one JSON request a line in, one JSON answer a line out, in order,
 * each with the request's id. A bad line gives an `ok: false` line and the batch goes
 * on; nothing goes to stderr.
 */
import { DcalcError } from '../errors.js';
import { asDcalcError, errorJson } from './errors.js';
import { collectGarbage } from './collect.js';
import { run, OPS_SUPPORTED, type Op } from '../api/request.js';
import { toJson } from '../present/json.js';
import { parseLayout, type DerivativeKind } from '../conventions.js';

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
    const op = req.op;
    if (typeof op !== 'string') throw new DcalcError('usage', 'the request has no "op"');
    if (!OPS_SUPPORTED.includes(op)) {
      throw new DcalcError('usage', `unknown op "${op}" (one of ${OPS_SUPPORTED.join(', ')})`);
    }
    if (typeof req.program !== 'string') throw new DcalcError('usage', 'the request has no "program" string');
    // Several variables: ["W1", "b1"] or "W1, b1".
    const wrt = Array.isArray(req.wrt) && req.wrt.every((w) => typeof w === 'string') ? req.wrt.join(', ') : req.wrt;
    if (wrt !== undefined && typeof wrt !== 'string') throw new DcalcError('usage', '"wrt" must be a string or a list of strings');
    if (req.of !== undefined && !['grad', 'jacobian', 'hessian'].includes(req.of as string)) throw new DcalcError('usage', '"of" is grad, jacobian or hessian');
    if (req.symmetric !== undefined && typeof req.symmetric !== 'boolean') throw new DcalcError('usage', '"symmetric" must be true or false');
    const letSpec = req.let;
    if (letSpec !== undefined && typeof letSpec !== 'string' && (typeof letSpec !== 'object' || letSpec === null || Array.isArray(letSpec))) {
      throw new DcalcError('usage', '"let" must be a string or an object of sizes');
    }
    if (req.seed !== undefined && !Number.isInteger(req.seed)) throw new DcalcError('usage', '"seed" must be an integer');
    if (req.export !== undefined && req.export !== 'numpy' && req.export !== 'torch') throw new DcalcError('usage', '"export" must be "numpy" or "torch"');
    if (req.export !== undefined && !['grad', 'jacobian', 'hessian'].includes(op)) throw new DcalcError('usage', '"export" is for grad, jacobian and hessian');
    const r = run({
      op: op as Op,
      program: req.program,
      wrt: wrt as string | undefined,
      let: letSpec as string | Record<string, (string | number)[]> | undefined,
      at: req.at,
      check: req.check === true,
      seed: (req.seed as number | undefined) ?? 1,
      inline: req.inline === true,
      claim: typeof req.claim === 'string' ? req.claim : undefined,
      steps: req.steps === true,
      layout: parseLayout(req.layout, '"layout"'),
      symmetric: req.symmetric === true,
      of: req.of as DerivativeKind | undefined,
      export: req.export as 'numpy' | 'torch' | undefined,
    });
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
