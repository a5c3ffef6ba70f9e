/**
 * The seeded random numbers every part of dcalc draws from (sampled points, generated
 * test programs): mulberry32, small and fast. It depends on nothing, so the test
 * generators (test/properties/generators.ts) can share it without the engine.
 */
export type Rng = () => number;

/** mulberry32: a small, fast, deterministic generator of floats in [0, 1). */
export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
