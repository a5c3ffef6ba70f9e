/**
 * The registry: every operator, by name, from its family file. `OpName` is the set of
 * its keys, so adding an operator is one entry in one family file (and one instance
 * generator in test/registry/instances.ts); everything else reads it from here.
 */
import type { OpSpec } from './spec.js';
import { ARITH_OPS } from './arith.js';
import { POWER_OPS } from './power.js';
import { ELEMENTWISE_OPS } from './elementwise.js';
import { REDUCE_OPS } from './reduce.js';
import { SOFTMAX_OPS } from './softmax.js';
import { LINALG_OPS } from './linalg.js';
import { STRUCTURE_OPS } from './structure.js';

export const OPS = {
  ...ARITH_OPS,
  ...POWER_OPS,
  ...ELEMENTWISE_OPS,
  ...REDUCE_OPS,
  ...SOFTMAX_OPS,
  ...LINALG_OPS,
  ...STRUCTURE_OPS,
} satisfies Record<string, OpSpec>;

export type OpName = keyof typeof OPS;

/** Function names of the input language → operator. */
export const FUNCTIONS: ReadonlyMap<string, OpName> = (() => {
  const m = new Map<string, OpName>();
  for (const [name, spec] of Object.entries(OPS) as [OpName, OpSpec][]) for (const n of spec.fn?.names ?? []) m.set(n, name);
  return m;
})();
