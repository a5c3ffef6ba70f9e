/**
 * Textbook forms (issue 12, item 7): for each course problem of problems.mjs, dcalc's
 * printed answer
 *   (a) agrees with central finite differences (checkDerivative),
 *   (b) reads back: appended to its program it evaluates to the derivative, and the
 *       textbook's own form, appended likewise, has the same value at random points
 *       (sizes differ per dimension name, so a misplaced transpose fails),
 *   (c) is at most 1.3× as long as the textbook form, in characters of the Unicode text
 *       without spaces, counted as code points (bench/textbook.mjs's measure, which
 *       writes the distribution to docs/benchmarks.md).
 */
import { describe, it, expect } from 'vitest';
import { PROBLEMS } from './problems.mjs';
import { printedLength } from '../../bench/textbook.mjs';
import { agreement, derivative } from '../matchers.js';
import { checkDerivative } from '../../src/api.js';

describe('course problems print as the textbook does', () => {
  it('there are at least 40 problems, from the courses and books the issue names', () => {
    expect(PROBLEMS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(PROBLEMS.map((p) => p.id)).size).toBe(PROBLEMS.length);
    for (const p of PROBLEMS) expect(p.source).toMatch(/CS231n|CS224n|CS229|Bishop|Boyd|Cookbook/);
  });

  it.each(PROBLEMS.map((p) => [p.id, p]))('%s', (_id, p) => {
    const { d, text } = derivative(p.kind, p.program, p.wrt);
    const fd = checkDerivative(d, { seed: 3, points: 2 });
    expect(fd.ok, `finite differences: max rel. error ${fd.maxRelErr}`).toBe(true);
    expect(fd.points).toBeGreaterThan(0);
    expect(agreement(d, p.program, text), `printed ${text} does not read back`).toBeLessThan(1e-9);
    expect(agreement(d, p.program, p.textbook, { seed: 5 }), `the textbook form ${p.textbook} differs from dcalc's ${text}`).toBeLessThan(1e-8);
    const ratio = printedLength(text) / printedLength(p.textbook);
    expect(ratio, `printed ${text} (${printedLength(text)}) against the textbook's ${p.textbook} (${printedLength(p.textbook)})`).toBeLessThanOrEqual(1.3);
  });
});
