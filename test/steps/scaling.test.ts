/**
 * `--steps` through a chain of definitions (issue 13: 50 definitions took 1.8 s, 400 took
 * 36 s). Staging the derivation walks each definition's own body once, so with the
 * gradient values stubbed out (they are the simplifier's work, and each step prints one
 * in full, so their total size is quadratic in the chain) the derivation's time grows
 * linearly: a log-log slope, not a timed test. Past MAX_STAGES names it is refused.
 */
import { describe, expect, it } from 'vitest';
import { parseProgram, gradientDerivation, namesOf } from '../../src/api/index.js';
import { gradientSteps, MAX_STAGES } from '../../src/diff/steps.js';
import { topoOrder, withStore } from '../../src/ast.js';
import { DcalcError } from '../../src/errors.js';
import { logLogSlope } from '../slope.js';

function chain(n: number): string {
  const lines = ['x: n×1; A: n×n', 'h0 = x'];
  for (let i = 1; i <= n; i++) lines.push(i % 2 ? `h${i} = sin(h${i - 1})` : `h${i} = A h${i - 1} + h${i - 1}`);
  lines.push(`L = sum(h${n})`);
  return lines.join('\n');
}

describe('--steps through a chain of definitions', () => {
  it('stages the derivation in time linear in the chain (log-log slope below 1.3)', () => {
    const sizes = [400, 800, 1600, 3200];
    const programs = sizes.map((n) => parseProgram(chain(n)));
    const stage = (i: number) => {
      const p = programs[i]!;
      const frozen = new Set<number>();
      for (const e of [p.value, ...p.definitions.values()]) for (const n of topoOrder(e)) frozen.add(n.id);
      const xNode = topoOrder(p.value).find((n) => n.kind === 'var' && n.name === 'x')!;
      const t0 = performance.now();
      // The values (full simplified gradients) are stubbed: what is measured is the staging.
      const r = withStore(p.store, () => gradientSteps(p, 'x', xNode, () => ({ expr: xNode, steps: [] }), frozen, new Set(namesOf(p).keys()), Infinity));
      const ms = performance.now() - t0;
      expect(r.steps).toHaveLength(sizes[i]! + 1);
      return ms;
    };
    stage(0);
    const times = sizes.map((_, i) => Math.min(stage(i), stage(i)));
    const slope = logLogSlope(sizes, times);
    // eslint-disable-next-line no-console
    console.log(`--steps staging: ${sizes.map((s, i) => `${s} defs ${times[i]!.toFixed(1)} ms`).join(', ')}; log-log slope ${slope.toFixed(3)}`);
    expect(slope).toBeLessThan(1.3);
  }, 120_000);

  it(`refuses more than ${MAX_STAGES} named intermediates with a located limit error`, () => {
    const p = parseProgram(chain(MAX_STAGES + 5));
    let err: unknown;
    try {
      gradientDerivation(p, 'x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DcalcError);
    expect(err).toMatchObject({ kind: 'limit', line: expect.any(Number), column: expect.any(Number) });
    expect((err as Error).message).toMatch(/named intermediates, more than the 40 --steps shows/);
  });

  it(`still derives a chain of ${MAX_STAGES} names`, () => {
    const d = gradientDerivation(parseProgram(chain(MAX_STAGES - 1)), 'x');
    expect(d.steps).toHaveLength(MAX_STAGES);
  }, 60_000);
});
