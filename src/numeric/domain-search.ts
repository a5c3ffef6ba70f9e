/**
 * Where to look for points of a program's domain. The usual points (entries in
 * ±[0.2, 1.5], or [0.3, 1.5] for programs with log and sqrt) miss domains that lie
 * elsewhere: log(t − 2) needs t > 2, log(log(x)) needs every entry above 1, a program
 * may need tiny or huge values. After the usual attempts, the search widens: larger and
 * smaller scales, each with both signs and positive entries only.
 */

export interface Sampling {
  readonly style: 'general' | 'positive';
  readonly scale: number;
}

/** The scales tried once the usual points have failed, in order. */
const WIDER_SCALES = [3, 10, 0.1, 100, 1e3, 0.01, 1e5, 1e-4];

/** The wider attempts, each scale with positive entries first and then both signs. */
export const DOMAIN_SEARCH: readonly Sampling[] = WIDER_SCALES.flatMap((scale) => [
  { style: 'positive' as const, scale },
  { style: 'general' as const, scale },
]);

/**
 * How attempt number `attempt` samples: the usual points (a third of them positive) for
 * the first `usual` attempts, then the wider search, once each.
 */
export function samplingFor(attempt: number, usual: number): Sampling {
  if (attempt < usual) return { style: attempt % 3 === 2 ? 'positive' : 'general', scale: 1 };
  return DOMAIN_SEARCH[(attempt - usual) % DOMAIN_SEARCH.length]!;
}
