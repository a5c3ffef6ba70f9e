/**
 * How large a derivative dcalc takes, for reverse mode (gradients) and forward mode
 * (differentials, Jacobians) alike.
 */
import { DcalcError } from '../errors.js';

/**
 * The most operations a derivative is taken through. A 100 kB program can chain 50,000
 * products (`XWXW…`); its derivative is built in a fraction of a second, but no
 * simplifier pass can then walk it within the stack, so it is refused at once.
 */
const MAX_DIFFERENTIATED_NODES = 40_000;

export function assertDifferentiable(nodes: number): void {
  if (nodes > MAX_DIFFERENTIATED_NODES) {
    throw new DcalcError('limit', `the derivative passes through ${nodes} operations, more than the ${MAX_DIFFERENTIATED_NODES} dcalc differentiates`);
  }
}
