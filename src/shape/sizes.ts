/**
 * The sizes an operator's shape rule reasons about. One rule (OpSpec.shape) serves two
 * readers, so an operator's shape is written once (issue 11):
 *
 * - the builder checks declared shapes with `CHECKED`: two sizes are the same when they
 *   are equal, and anything else is the rule's shape error (ast.ts `apply`);
 * - shape inference runs the same rule over shapes whose sizes may be unknowns (`?3`)
 *   with a `Unifier`, where "the same" binds an unknown to the other size
 *   (shape/infer.ts). A rule that cannot decide with unknowns (is this a vector?) fails,
 *   and inference leaves that result unknown; the builder then checks it properly.
 */
import { type Dim, dimEq } from './dims.js';

/** The error a shape rule reports: a message without location; the builder adds one. */
export class ShapeRuleError extends Error {}

export function shapeError(message: string): never {
  throw new ShapeRuleError(message);
}

export interface Sizes {
  /** a and b must be one size; otherwise the shape error `message()`. */
  same(a: Dim, b: Dim, message: () => string): void;
  /** Whether every size given is known (no unknown of inference). */
  known(...ds: Dim[]): boolean;
}

/** Declared shapes: sizes are the same when equal. */
export const CHECKED: Sizes = {
  same(a, b, message) {
    if (!dimEq(a, b)) shapeError(message());
  },
  known: () => true,
};

/** An unknown size of inference: `?` and a number (a product with one, `?3*n`, is not one). */
export const isUnknown = (d: Dim): d is string => typeof d === 'string' && /^\?\d+$/.test(d);

/** Sizes with unknowns, solved by unification (most general: an unknown is bound only when a rule demands it). */
export class Unifier implements Sizes {
  private readonly bound = new Map<string, Dim>();
  private next = 0;

  /** A new unknown size. */
  fresh(): Dim {
    return `?${this.next++}`;
  }

  /** What d stands for now: an unknown followed through its bindings. */
  resolve(d: Dim): Dim {
    while (isUnknown(d) && this.bound.has(d)) d = this.bound.get(d)!;
    return d;
  }

  same(a: Dim, b: Dim, message: () => string): void {
    const ra = this.resolve(a);
    const rb = this.resolve(b);
    if (dimEq(ra, rb)) return;
    if (isUnknown(ra)) this.bound.set(ra, rb);
    else if (isUnknown(rb)) this.bound.set(rb, ra);
    // A product with an unknown in it (`?3*n`) cannot be solved for it: left as it is.
    else if (!String(ra).includes('?') && !String(rb).includes('?')) shapeError(message());
  }

  known(...ds: Dim[]): boolean {
    return ds.every((d) => !String(this.resolve(d)).includes('?'));
  }
}
