/**
 * Test helpers that read like the math:
 *
 *   expect(program).toHaveGradient('W', 'Xᵀ(a − y)', { let: 'X: 1×M, …' })
 *
 * checks the printed gradient symbolically AND numerically: the derivative agrees
 * with central finite differences at 3 random points (sizes differ per dimension name,
 * so a misplaced transpose fails), and the expected text, appended to the program,
 * parses back and evaluates to the same value. The seed is printed on failure.
 */
import { expect } from 'vitest';
import { parseProgram, grad, toText, toAscii, checkGradient, type Derivative, type LetSpec } from '../src/api.js';
import { evaluate } from '../src/numeric/evaluate.js';
import { relErr } from '../src/numeric/finite-diff.js';
import { makeRng, bindDims, samplePoint } from '../src/numeric/sample.js';
import { varSpecs } from '../src/api.js';
import type { Expr } from '../src/ast.js';
import { DcalcError } from '../src/errors.js';

export interface GradOptions {
  let?: LetSpec;
  seed?: number;
  points?: number;
}

export function gradient(program: string, wrt: string, opts: GradOptions = {}): { d: Derivative; text: string; ascii: string } {
  const p = parseProgram(program, { let: opts.let });
  const d = grad(p, wrt);
  return { d, text: toText(p, d.expr), ascii: toAscii(p, d.expr) };
}

/**
 * Whether `claimText` (program text in the program's names, possibly with
 * temporaries `t0 = …; …`) equals `expr` at random points. Returns the max relative
 * error, or Infinity when the shapes differ.
 */
export function agreement(d: Derivative, source: string, claimText: string, opts: GradOptions = {}): number {
  const extended = parseProgram(`${source}\n${claimText}`, { let: opts.let });
  const claim: Expr = extended.value;
  if (claim.shape.rows !== d.expr.shape.rows || claim.shape.cols !== d.expr.shape.cols) return Infinity;
  const rng = makeRng(opts.seed ?? 7);
  const specs = varSpecs(extended);
  let worst = 0;
  let done = 0;
  for (let attempt = 0; done < (opts.points ?? 3) && attempt < 40; attempt++) {
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, attempt % 2 ? 'positive' : 'general');
    try {
      const a = evaluate(d.expr, { vars, dims });
      const b = evaluate(claim, { vars, dims });
      worst = Math.max(worst, relErr(a, b));
      done++;
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
  }
  return worst;
}

interface CustomMatchers<R = unknown> {
  toHaveGradient(wrt: string, expected: string, opts?: GradOptions): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends CustomMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends CustomMatchers {}
}

expect.extend({
  toHaveGradient(program: string, wrt: string, expected: string, opts: GradOptions = {}) {
    const seed = opts.seed ?? 1;
    const { d, text, ascii } = gradient(program, wrt, opts);
    const check = checkGradient(d, { seed, points: opts.points ?? 3 });
    const problems: string[] = [];
    if (text !== expected) problems.push(`printed  ${text}\nexpected ${expected}`);
    if (!check.ok || check.points < (opts.points ?? 3)) problems.push(`finite differences disagree (seed ${seed}): max rel. error ${check.maxRelErr} at ${check.points} points`);
    const back = agreement(d, program, text, opts);
    if (!(back < 1e-9)) problems.push(`the printed text does not evaluate to the derivative (max rel. error ${back})`);
    const backAscii = agreement(d, program, ascii, opts);
    if (!(backAscii < 1e-9)) problems.push(`the ascii text ${ascii} does not evaluate to the derivative (max rel. error ${backAscii})`);
    return {
      pass: problems.length === 0,
      message: () => `∂/∂${wrt} of\n${program}\n${problems.join('\n')}`,
    };
  },
});
