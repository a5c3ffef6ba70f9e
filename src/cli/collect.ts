/**
 * A full garbage collection, for a long `dcalc batch`. Every request's nodes live in a
 * store of its own and are garbage once it is answered, but V8 lets the old generation
 * grow to several times its live size before it collects it (in a run of 20,000 requests:
 * 21 MB live, collected at ~100 MB), so the peak memory of a batch grew with its length.
 * Collecting every few thousand requests keeps the peak where a short batch has it, for
 * ~0.1 s a collection. `--expose-gc` can be set at run time; the collector is then
 * reachable from a new context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | undefined;

export function collectGarbage(): void {
  if (!collector) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  collector();
}
