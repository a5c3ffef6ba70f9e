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
import { parseProgram, grad, jacobian, hessian, toText, toAscii, checkGradient, checkDerivative, type Derivative, type LetSpec } from '../src/api/index.js';
import { evaluate } from '../src/numeric/evaluate.js';
import { relErr } from '../src/numeric/finite-diff.js';
import { makeRng, bindDims, samplePoint } from '../src/numeric/sample.js';
import { varSpecs } from '../src/api/index.js';
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
  // The claim's variables and the program's (a constant claim like eye(n) still needs n).
  const specs = [...varSpecs(extended), ...varSpecs(d.program).filter((s) => !varSpecs(extended).some((t) => t.name === s.name))];
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

/** agreement(), with a text that does not parse back reported as NaN (for the matchers' messages). */
function agreementOrNaN(d: Derivative, source: string, text: string, opts: GradOptions): number {
  try {
    return agreement(d, source, text, opts);
  } catch (e) {
    if (e instanceof DcalcError) return NaN;
    throw e;
  }
}

/** Max relative error between the true gradient and a claim (program text); Infinity when the claim's shapes do not fit. */
export function seedAnswer(program: string, wrt: string, claim: string): number {
  const { d } = gradient(program, wrt);
  try {
    return agreement(d, program, claim);
  } catch (e) {
    if (e instanceof DcalcError && e.kind === 'shape') return Infinity;
    throw e;
  }
}

interface CustomMatchers<R = unknown> {
  toHaveGradient(wrt: string, expected: string, opts?: GradOptions): R;
  /** ∂vec(F)/∂vec(X)ᵀ prints as `expected`, agrees with finite differences, and parses back. */
  toHaveJacobian(wrt: string, expected: string, opts?: GradOptions): R;
  /** The Hessian prints as `expected`, agrees with finite differences of the gradient, is symmetric, and parses back. */
  toHaveHessian(wrt: string, expected: string, opts?: GradOptions): R;
}

/** Whether the value of d.expr is a symmetric matrix at random points. */
export function asymmetry(d: Derivative, opts: GradOptions = {}): number {
  const rng = makeRng(opts.seed ?? 11);
  const specs = varSpecs(d.program);
  let worst = 0;
  for (let attempt = 0, done = 0; done < 3 && attempt < 40; attempt++) {
    const dims = bindDims(specs, new Map(), rng);
    const vars = samplePoint(specs, dims, rng, attempt % 2 ? 'positive' : 'general');
    try {
      const h = evaluate(d.expr, { vars, dims });
      for (let i = 0; i < h.rows; i++) for (let j = 0; j < h.cols; j++) worst = Math.max(worst, Math.abs(h.data[i * h.cols + j]! - h.data[j * h.cols + i]!) / Math.max(1, Math.abs(h.data[i * h.cols + j]!)));
      done++;
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
  }
  return worst;
}

export function derivative(kind: 'grad' | 'jacobian' | 'hessian', program: string, wrt: string, opts: GradOptions = {}): { d: Derivative; text: string; ascii: string } {
  const p = parseProgram(program, { let: opts.let });
  const d = kind === 'grad' ? grad(p, wrt) : kind === 'jacobian' ? jacobian(p, wrt) : hessian(p, wrt);
  return { d, text: toText(p, d.expr), ascii: toAscii(p, d.expr) };
}

function derivativeMatcher(kind: 'jacobian' | 'hessian') {
  return (program: string, wrt: string, expected: string, opts: GradOptions = {}) => {
    const seed = opts.seed ?? 1;
    const { d, text, ascii } = derivative(kind, program, wrt, opts);
    const check = checkDerivative(d, { seed, points: opts.points ?? 3 });
    const problems: string[] = [];
    if (text !== expected) problems.push(`printed  ${text}\nexpected ${expected}`);
    if (!check.ok || check.points < (opts.points ?? 3)) problems.push(`finite differences disagree (seed ${seed}): max rel. error ${check.maxRelErr} at ${check.points} points`);
    const back = agreementOrNaN(d, program, text, opts);
    if (!(back < 1e-9)) problems.push(`the printed text does not evaluate to the derivative (max rel. error ${back})`);
    const backAscii = agreementOrNaN(d, program, ascii, opts);
    if (!(backAscii < 1e-9)) problems.push(`the ascii text ${ascii} does not evaluate to the derivative (max rel. error ${backAscii})`);
    if (kind === 'hessian') {
      const asym = asymmetry(d, opts);
      if (!(asym < 1e-9)) problems.push(`the Hessian is not symmetric (max rel. asymmetry ${asym})`);
    }
    return { pass: problems.length === 0, message: () => `${kind} ∂/∂${wrt} of\n${program}\n${problems.join('\n')}` };
  };
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends CustomMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends CustomMatchers {}
}

expect.extend({
  toHaveJacobian: derivativeMatcher('jacobian'),
  toHaveHessian: derivativeMatcher('hessian'),
  toHaveGradient(program: string, wrt: string, expected: string, opts: GradOptions = {}) {
    const seed = opts.seed ?? 1;
    const { d, text, ascii } = gradient(program, wrt, opts);
    const check = checkGradient(d, { seed, points: opts.points ?? 3 });
    const problems: string[] = [];
    if (text !== expected) problems.push(`printed  ${text}\nexpected ${expected}`);
    if (!check.ok || check.points < (opts.points ?? 3)) problems.push(`finite differences disagree (seed ${seed}): max rel. error ${check.maxRelErr} at ${check.points} points`);
    const back = agreementOrNaN(d, program, text, opts);
    if (!(back < 1e-9)) problems.push(`the printed text does not evaluate to the derivative (max rel. error ${back})`);
    const backAscii = agreementOrNaN(d, program, ascii, opts);
    if (!(backAscii < 1e-9)) problems.push(`the ascii text ${ascii} does not evaluate to the derivative (max rel. error ${backAscii})`);
    return {
      pass: problems.length === 0,
      message: () => `∂/∂${wrt} of\n${program}\n${problems.join('\n')}`,
    };
  },
});
