/**
 * A property of the grader (`dcalc check`, issue 13): for random programs from the
 * property generator, the printed derivative is graded `correct`, and the printed
 * derivative plus a small perturbation is graded `incorrect`:
 *   (a) a step at an offset, zero on the usual points: G + step(W − 2) ⊙ (|G| + 1);
 *   (b) a term that vanishes on the sizes 2…7: G + (n−2)(n−3)(n−4)(n−5)(n−6)(n−7)·G;
 *   (c) a relative change of 1e-8: 1.00000001·G.
 * Seeded: DCALC_PROP_SEED (default in generators.ts) is printed, and a failure prints
 * fast-check's seed and the shrunk program.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { checkClaim, grad, parseProgram, toAscii } from '../../src/api/index.js';
import { scalarProgram, propSeed, type GenProgram } from './generators.js';

const SEED = propSeed();
// eslint-disable-next-line no-console
console.log(`grader properties: seed ${SEED} (DCALC_PROP_SEED); property k runs with seed ${SEED}+k`);

const RUNS = 60;

interface Case {
  readonly g: GenProgram;
  readonly wrt: string;
}

const cases = fc.tuple(scalarProgram(), fc.nat()).map(([g, i]): Case => ({ g, wrt: g.vars[i % g.vars.length]!.name }));

function describeCase(c: Case, claim: string): string {
  return `${c.g.let !== undefined ? `--let ${JSON.stringify(c.g.let)}\n` : ''}${c.g.text}\n(wrt ${c.wrt}, claim ${claim})`;
}

/** The printed derivative, split into its temporaries and its last line, and whether it is zero. */
function printed(c: Case): { lines: string[]; last: string; zero: boolean } {
  const p = parseProgram(c.g.text, { let: c.g.let });
  const d = grad(p, c.wrt);
  const lines = toAscii(p, d.expr).split('; ');
  const last = lines.pop()!;
  const zero = checkClaim(c.g.text, c.wrt, [...lines, `0*(${last})`].join('; '), { let: c.g.let, seed: 1 }).grade.verdict === 'correct';
  return { lines, last, zero };
}

function verdict(c: Case, claim: string): string {
  return checkClaim(c.g.text, c.wrt, claim, { let: c.g.let, seed: 1 }).grade.verdict;
}

let graded = 0;

function property(k: number, perturb: (c: Case, last: string) => string | undefined): void {
  expect(() => fc.assert(
    fc.property(cases, (c) => {
      const { lines, last, zero } = printed(c);
      const right = [...lines, last].join('; ');
      if (verdict(c, right) !== 'correct') throw new Error(`the derivative itself is graded incorrect\n${describeCase(c, right)}`);
      const changed = perturb(c, last);
      // A zero derivative is its own multiple; a perturbation needs something to act on.
      if (zero || changed === undefined) return;
      const wrong = [...lines, changed].join('; ');
      graded++;
      if (verdict(c, wrong) !== 'incorrect') throw new Error(`a perturbed derivative is graded correct\n${describeCase(c, wrong)}`);
    }),
    { seed: SEED + k, numRuns: RUNS, verbose: 1 },
  )).not.toThrow();
}

describe('the grader cannot be fooled by a small perturbation of the true derivative', () => {
  test('(a) a step at an offset: G + step(W − 2) ⊙ (|G| + 1)', () => {
    // Only where W can exceed 2: not a simplex (entries ≤ 1).
    property(1, (c, G) => (/simplex/.test(c.g.vars.find((v) => v.name === c.wrt)!.kind) ? undefined : `(${G}) + step(${c.wrt} - 2) .* (abs(${G}) + 1)`));
  });
  test('(b) a term that vanishes on the sizes 2…7: G + (n−2)(n−3)(n−4)(n−5)(n−6)(n−7)·G', () => {
    property(2, (c, G) => {
      const n = c.g.vars.flatMap((v) => [v.rows, v.cols]).find((d) => typeof d === 'string' && /^[A-Za-z]+$/.test(d)) as string | undefined;
      return n === undefined ? undefined : `(${G}) + (${n}-2)*(${n}-3)*(${n}-4)*(${n}-5)*(${n}-6)*(${n}-7)*(${G})`;
    });
  });
  test('(c) a relative change of 1e-8: 1.00000001·G', () => {
    property(3, (_c, G) => `1.00000001*(${G})`);
  });
  test('the perturbations were graded (not all skipped)', () => {
    expect(graded).toBeGreaterThan(RUNS);
  });
});
