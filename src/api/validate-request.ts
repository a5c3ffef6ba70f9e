/**
 * The one request validator of the CLI and `batch` (and so of the playground): the same
 * checks, in the same order, with the same messages, whichever surface the request came
 * from. Only the name of a field differs, spelled as the user wrote it there: `--seed`
 * on the command line, `"seed"` in a batch line (`Spelling`).
 */
import { DcalcError } from '../errors.js';
import { parseLayout, type DerivativeKind } from '../conventions.js';
import type { Library } from '../export/export.js';
import type { LetSpec } from './parse.js';
import { OPS_SUPPORTED, type Op, type Request } from './request.js';

/** A request's fields as a surface read them, not yet checked. */
export interface RawRequest {
  readonly op?: unknown;
  readonly program?: unknown;
  readonly wrt?: unknown;
  readonly let?: unknown;
  readonly at?: unknown;
  readonly check?: unknown;
  readonly seed?: unknown;
  readonly inline?: unknown;
  readonly claim?: unknown;
  readonly steps?: unknown;
  readonly from?: unknown;
  readonly layout?: unknown;
  readonly symmetric?: unknown;
  readonly of?: unknown;
  readonly export?: unknown;
}

export type Field = keyof RawRequest;

/** How a surface names a field (and, for `export`, its value) in a message. */
export type Spelling = (field: Field, value?: unknown) => string;

const FLAGS: Partial<Record<Field, string>> = { export: 'format', at: 'at', let: 'let' };

/** The command line's spelling: `--seed`, `--format numpy`. */
export const CLI_SPELLING: Spelling = (field, value) => `--${FLAGS[field] ?? field}${field === 'export' && value !== undefined ? ` ${String(value)}` : ''}`;

/** A batch line's spelling: `"seed"`, `"export": "numpy"`. */
export const BATCH_SPELLING: Spelling = (field, value) => `"${field}"${field === 'export' && value !== undefined ? `: ${JSON.stringify(value)}` : ''}`;

const DERIVATIVES: readonly string[] = ['grad', 'jacobian', 'hessian'];

/** A value as a message quotes it: text as written, anything else as JSON. */
const shown = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

/** The request's fields checked and typed, or a `usage` error saying which field is wrong and why. */
export function validateRequest(raw: RawRequest, spell: Spelling): Request {
  const usage = (message: string): never => {
    throw new DcalcError('usage', message);
  };
  const op = raw.op;
  if (typeof op !== 'string') usage('the request has no "op"');
  if (!OPS_SUPPORTED.includes(op as string)) usage(`unknown op "${shown(op)}" (one of ${OPS_SUPPORTED.join(', ')})`);
  if (typeof raw.program !== 'string') usage('the request has no "program" string');
  const program = raw.program as string;
  if (!program.trim()) usage('the program is empty');
  // Several variables: ["W1", "b1"] or "W1, b1".
  const wrt = Array.isArray(raw.wrt) && raw.wrt.every((w) => typeof w === 'string') ? raw.wrt.join(', ') : raw.wrt;
  if (wrt !== undefined && typeof wrt !== 'string') usage(`${spell('wrt')} must be a string or a list of strings`);
  if (raw.of !== undefined && !DERIVATIVES.includes(raw.of as string)) usage(`${spell('of')} is grad, jacobian or hessian`);
  if (raw.symmetric !== undefined && typeof raw.symmetric !== 'boolean') usage(`${spell('symmetric')} must be true or false`);
  if (raw.symmetric === true && op === 'differential') usage(`${spell('symmetric')} is for grad (and check of a gradient), not ${op}`);
  const letSpec = raw.let;
  if (letSpec !== undefined && typeof letSpec !== 'string' && (typeof letSpec !== 'object' || letSpec === null || Array.isArray(letSpec))) {
    usage(`${spell('let')} must be a string or an object of sizes`);
  }
  // The command line has only text: a seed is a non-negative integer, written as a number or in digits.
  const seed = raw.seed === undefined ? 1 : typeof raw.seed === 'string' && /^\d+$/.test(raw.seed.trim()) ? Number(raw.seed) : raw.seed;
  if (!Number.isSafeInteger(seed) || (seed as number) < 0) usage(`${spell('seed')} takes a non-negative integer, not ${shown(raw.seed)}`);
  if (raw.export !== undefined && raw.export !== 'numpy' && raw.export !== 'torch') usage(`${spell('export')} must be "numpy" or "torch"`);
  if (raw.export !== undefined && !DERIVATIVES.includes(op as string)) usage(`${spell('export', raw.export)} exports a derivative: use it with grad, jacobian or hessian`);
  const layout = parseLayout(raw.layout, spell('layout'));
  if (raw.export !== undefined && (layout !== undefined || raw.symmetric === true)) {
    usage(`${spell('export', raw.export)} exports the derivative in the default layout, over all entries: drop ${spell('layout')} and ${spell('symmetric')}`);
  }
  if (raw.from !== undefined && raw.from !== 'text' && raw.from !== 'latex') usage(`${spell('from')} is text or latex, not ${shown(raw.from)}`);
  const claim = typeof raw.claim === 'string' ? raw.claim : undefined;
  if (op === 'check' && claim === undefined) usage(`check needs ${spell('claim')} <expression>`);
  return {
    op: op as Op,
    program,
    wrt: wrt as string | undefined,
    let: letSpec as LetSpec | undefined,
    at: raw.at,
    check: raw.check === true,
    seed: seed as number,
    inline: raw.inline === true,
    claim,
    steps: raw.steps === true,
    from: raw.from as 'text' | 'latex' | undefined,
    layout,
    symmetric: raw.symmetric === true,
    of: raw.of as DerivativeKind | undefined,
    export: raw.export as Library | undefined,
  };
}
