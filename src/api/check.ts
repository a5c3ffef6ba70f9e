/**
 * The check stage of the library API: a derivative verified against finite differences
 * (checkDerivative), and a claimed derivative graded against the true one (checkClaim).
 */
import { type Expr, topoOrder } from '../ast.js';
import { DcalcError, reworded } from '../errors.js';
import type { Program } from '../parse/build.js';
import { OPS } from '../ops/registry.js';
import { type Shape, isScalar } from '../shape/shape.js';
import { dimValue, mulDim, dimEq } from '../shape/dims.js';
import { evaluate as evalExpr } from '../numeric/evaluate.js';
import { type Mat, allFinite, maxAbs, zipBroadcast, unvec, transpose as transposeMat } from '../numeric/matrix.js';
import { makeRng, bindDims, samplePoint, type VarSpec } from '../numeric/sample.js';
import { numericGradient, numericJacobian, carefulDerivative, relErr } from '../numeric/finite-diff.js';
import { samplingFor, DOMAIN_SEARCH } from '../numeric/domain-search.js';
import { affordableDims, evaluationCost } from '../numeric/cost.js';
import { grade, type Grade } from '../numeric/check.js';
import { assertSampleable } from '../numeric/limits.js';
import { assertClaimHasExpression } from '../parse/claim.js';
import { type DerivativeKind, transposedLayout, symmetricNumericGradient } from '../conventions.js';
import { parseProgram, resolveWrt, type ParseOptions } from './parse.js';
import { derive, type Derivative, type ConventionOptions } from './derive.js';
import { varSpecs } from './evaluate.js';
import { guarded } from './guard.js';


export interface CheckReport {
  readonly points: number;
  readonly maxRelErr: number;
  readonly ok: boolean;
  /** Why nothing was checked (no point of the program's domain was found): then points is 0 and ok false. */
  readonly note?: string;
}

const CHECK_TOLERANCE = 1e-5;
/** Operations one checked point may cost (numeric/cost.ts): about a tenth of a second. */
const CHECK_BUDGET = 2e7;
/** The careful derivative evaluates up to ~70 times as often as the default step; it is tried within this budget. */
const CAREFUL_EVALUATIONS = 70;
const CAREFUL_BUDGET = 3e8;

/**
 * Checks a derivative against central finite differences at random points drawn to
 * respect the declared assumptions and the domains of log, sqrt and friends: a
 * gradient entry by entry, a Jacobian column by column, a Hessian as the Jacobian of
 * the gradient. The points are searched for over several scales and both signs
 * (numeric/domain-search.ts); when none is found the report says so (points 0, a note)
 * instead of failing. The error is relative to the scale of both sides (relErr); where
 * the default step disagrees, the careful derivative (steps chosen by the function's own
 * scale, with an error estimate) decides, and a difference within ten times its error
 * estimate (100 times) is agreement — finite differences cannot see further.
 */
export function checkDerivative(d: Derivative, opts: { points?: number; seed?: number } = {}): CheckReport {
  const points = opts.points ?? 3;
  if (!Number.isInteger(points) || points < 1 || points > 1000) throw new DcalcError('usage', `check: points must be a whole number from 1 to 1000, not ${String(points)}`);
  const rng = makeRng(opts.seed ?? 1);
  const p = d.program;
  const specs = varSpecs(p);
  // A declared variable the value does not depend on still needs a value (its derivative is 0).
  const wrtDecl = d.wrtNode.kind === 'var' ? p.declarations.get(d.wrtNode.name) : undefined;
  if (wrtDecl && !specs.some((s) => s.name === wrtDecl.name)) specs.push({ name: wrtDecl.name, rows: wrtDecl.shape.rows, cols: wrtDecl.shape.cols, assumptions: wrtDecl.assumptions });
  assertSampleable(p, specs);
  const nonsmooth = topoOrder(p.value).some((n) => n.kind === 'op' && OPS[n.op].smooth === false);
  // What is differentiated numerically: the program (gradient, Jacobian) or the gradient (Hessian).
  const target = d.op === 'hessian' ? d.gradient! : p.value;
  // Evaluations of the target per point: two per entry of the variable, and one more.
  const fdEvaluations = (dims: ReadonlyMap<string, number>): number => 2 * (dimValue(d.wrtNode.shape.rows, dims) ?? 1) * (dimValue(d.wrtNode.shape.cols, dims) ?? 1) + 1;
  let maxErr = 0;
  let done = 0;
  let attempts = 0;
  let rejected = 0;
  const maxAttempts = points * 12 + DOMAIN_SEARCH.length;
  while (done < points && attempts < maxAttempts) {
    const { style, scale } = samplingFor(attempts++, points * 12);
    // Sizes whose finite differences stay cheap (a Kronecker chain's size is exponential in them).
    const dims = affordableDims([target, d.expr, d.wrtNode], bindAllDims(p, specs, rng), CHECK_BUDGET, fdEvaluations);
    if (!dims) return { points: 0, maxRelErr: 0, ok: false, note: 'not checked numerically: the program is too large to evaluate repeatedly, even at sizes of 2' };
    const vars = samplePoint(specs, dims, rng, style, scale);
    const point = { vars, dims };
    let err: number;
    try {
      if (!allFinite(evalExpr(p.value, point))) continue;
      const analytic = evalExpr(d.expr, point);
      const x0 = d.wrtNode.kind === 'var' ? vars.get(d.wrtNode.name)! : evalExpr(d.wrtNode, point);
      const f = (x: Mat): Mat =>
        d.wrtNode.kind === 'var'
          ? evalExpr(target, { vars: new Map(vars).set(d.wrtNode.name, x), dims })
          : evalExpr(target, point, { overrides: new Map([[d.wrtNode.id, x]]) });
      // In the other layout the analytic derivative is the transpose of the default one.
      const flipped = transposedLayout(d.op, d.layout);
      const inDefault = flipped ? transposeMat(analytic) : analytic;
      const numeric0 = d.symmetric ? symmetricNumericGradient(f, x0) : d.op === 'grad' ? numericGradient(f, x0) : reshapeLike(numericJacobian(f, x0), inDefault);
      const numeric = flipped ? transposeMat(numeric0) : numeric0;
      if (!allFinite(analytic) || !allFinite(numeric)) continue;
      // The rounding level of f itself: no derivative is known better than ~100ε|f|/|x| (∂/∂P
      // of sum(softmax(A ⊘ P)) is 0 up to the rounding of terms of size 1; beside 1e15 a
      // gradient of 1 is at its 16th digit). Not the gap between the unsimplified and the
      // simplified form: that would excuse a wrong simplification, what this check exists for.
      // For a Hessian the rounding of the gradient follows the program's value, not the
      // gradient's own size (a constant f has a gradient of pure rounding, ~ε|f|/|x|).
      const fScale = Math.max(maxAbs(f(x0)), d.op === 'hessian' ? maxAbs(evalExpr(p.value, point)) : 0);
      const analyticNoise = (100 * Number.EPSILON * fScale) / Math.max(1, maxAbs(x0));
      err = relErr(analytic, numeric, analyticNoise / CHECK_TOLERANCE);
      // The default step's own rounding (~4ε|f|/h): where it is not far below the derivative,
      // its value means nothing, agreement included (beside 1e15 every difference is 0).
      const defaultRounding = (4 * Number.EPSILON * fScale) / (1e-6 * Math.max(1, maxAbs(x0)));
      // (Trusted: its rounding is at most a tenth of what the tolerance allows.)
      const trusted = defaultRounding <= (CHECK_TOLERANCE / 10) * Math.max(maxAbs(analytic), maxAbs(numeric));
      // Both sides below what the default step resolves (σ saturated to 1 in floating
      // point: f′ is 0 in arithmetic and ~1e-17 in truth) agree as far as any finite
      // difference can tell; a step large enough to see more crosses the nonlinearity.
      const belowResolution = maxAbs(analytic) <= defaultRounding && maxAbs(numeric) <= defaultRounding;
      if (belowResolution) err = 0;
      else if ((err > CHECK_TOLERANCE || !trusted) && !nonsmooth && evaluationCost([target], dims) * fdEvaluations(dims) * CAREFUL_EVALUATIONS <= CAREFUL_BUDGET) {
        try {
          const careful = carefulDerivative(f, x0, d.op === 'grad');
          // Along symmetric directions only (--symmetric): sym(G) of the unconstrained gradient.
          const gradient = d.symmetric ? zipBroadcast(careful.value, transposeMat(careful.value), (a, b) => (a + b) / 2) : careful.value;
          const inDefaultLayout = d.op === 'grad' ? gradient : reshapeLike(careful.value, inDefault);
          const value = flipped ? transposeMat(inDefaultLayout) : inDefaultLayout;
          const carefulErr = relErr(analytic, value, Math.max(100 * careful.err, analyticNoise) / CHECK_TOLERANCE);
          // Where the default step resolves the derivative well above its own rounding, its
          // agreement stands: Ridders' tableau from a large start can converge, with a small
          // error estimate, to the slope of a chord across a saturating σ.
          const resolved = maxAbs(numeric) > 100 * defaultRounding;
          err = trusted || resolved ? Math.min(err, carefulErr) : carefulErr;
        } catch {
          // no step of the careful derivative stays in the domain: keep the default step's verdict
        }
      }
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
    // A finite difference across a kink of relu or abs, or next to the edge of a domain
    // (log of a tiny value), is not the derivative: such points are set aside, a few at most
    // for a smooth program (a wrong derivative is wrong at every point).
    if (err > CHECK_TOLERANCE && (nonsmooth ? attempts < points * 12 : rejected++ < points)) continue;
    maxErr = Math.max(maxErr, err);
    done++;
  }
  if (done === 0) return { points: 0, maxRelErr: 0, ok: false, note: 'not checked numerically: no point was found where the program is defined' };
  return { points: done, maxRelErr: maxErr, ok: maxErr <= CHECK_TOLERANCE };
}

/** Checks a gradient numerically (see checkDerivative). */
export function checkGradient(d: Derivative, opts: { points?: number; seed?: number } = {}): CheckReport {
  return checkDerivative(d, opts);
}


/** Sizes for every dimension name: the variables' and those only a constant mentions (ones(n, 1)). */
function bindAllDims(p: Program, specs: VarSpec[], rng: () => number): Map<string, number> {
  const dims = bindDims(specs, new Map(), rng);
  const used = new Set(dims.values());
  for (const name of p.dimNames) {
    if (dims.has(name)) continue;
    let v = 2;
    while (used.has(v) && v < 7) v++;
    dims.set(name, v);
    used.add(v);
  }
  return dims;
}

/** The numeric Jacobian of F w.r.t. a scalar is a (pq)×1 column: read it as F's shape (vec stacks columns). */
function reshapeLike(numeric: Mat, analytic: Mat): Mat {
  if (numeric.rows === analytic.rows && numeric.cols === analytic.cols) return numeric;
  if (numeric.cols === 1 && numeric.rows === analytic.rows * analytic.cols) return unvec(numeric, analytic.rows, analytic.cols);
  return numeric;
}

export interface ClaimCheck {
  readonly derivative: Derivative;
  /** The claim as an expression; undefined when its own operands do not fit together. */
  readonly claim: Expr | undefined;
  /** The program with the claim as its value (what the claim is printed in); undefined with the claim. */
  readonly claimProgram?: Program;
  readonly grade: Grade;
  /** Why the claim has no shape, when it has none (`1×H times 1×H`). */
  readonly claimShapeError?: string;
}

/**
 * Grades a claimed derivative written in the program's language (it may use the
 * program's names) against the derivative it claims to be (CONTRACT §3): `opts.of`,
 * or else, for a scalar program, the gradient — or the Hessian where the claim has the
 * Hessian's shape and not the gradient's — and for any other program the Jacobian; in
 * the layout asked for, and within the symmetric matrices with `symmetric`.
 */
function checkClaimUnguarded(text: string, wrt: string, claimText: string, opts: ParseOptions & ConventionOptions & { seed?: number; of?: DerivativeKind } = {}): ClaimCheck {
  const p = parseProgram(text, opts);
  const conventions = { layout: opts.layout, symmetric: opts.symmetric };
  if (!claimText.trim()) throw new DcalcError('parse', 'the claim is empty');
  assertClaimHasExpression(claimText, opts.from);
  const programLines = text.split('\n').length;
  let withClaim: Program;
  try {
    withClaim = parseProgram(`${text}\n${claimText}`, opts);
  } catch (e) {
    // A claim whose own operands do not fit is graded, not an error: it cannot be right.
    if (e instanceof DcalcError && e.kind === 'shape' && e.line !== undefined && e.line > programLines) {
      const d = derive(p, opts.of ?? (isScalar(p.value.shape) ? 'grad' : 'jacobian'), wrt, conventions);
      return { derivative: d, claim: undefined, grade: { verdict: 'incorrect', diagnosis: 'shape', points: 0 }, claimShapeError: `${e.message} (at ${e.line - programLines}:${e.column} of the claim)` };
    }
    // Other errors in the claim are located in the claim's own text.
    if (e instanceof DcalcError && e.line !== undefined && e.line > programLines) {
      const err = reworded(e, e.kind, (m) => `in the claim: ${m}`, { line: e.line - programLines, column: e.column! });
      err.source = claimText;
      throw err;
    }
    throw e;
  }
  const d = derive(p, opts.of ?? claimedKind(p, wrt, withClaim.value.shape), wrt, conventions);
  // The program's variables and the claim's (a claim like eye(n) has none of its own).
  const vars = [...varSpecs(p), ...varSpecs(withClaim).filter((v) => !varSpecs(p).some((w) => w.name === v.name))];
  assertSampleable(p, vars);
  const g = grade({ expected: d.expr, claimed: withClaim.value, reference: d.raw, vars, seed: opts.seed });
  // With a layout asked for, the transpose is the other layout's answer, not a slip.
  const graded: Grade = g.diagnosis === 'transposed' && opts.layout !== undefined && d.op !== 'hessian' ? { ...g, diagnosis: 'layout' } : g;
  return { derivative: d, claim: withClaim.value, claimProgram: withClaim, grade: graded };
}

/**
 * The derivative a claim of this shape claims to be: for a scalar program the gradient,
 * unless the claim has the Hessian's shape ((rc)×(rc) for an r×c variable) and not the
 * gradient's; for any other program the Jacobian. (The Jacobian of a scalar f, vec(∇f)ᵀ,
 * is graded only when asked for with `of`: a claim shaped like it is the gradient transposed.)
 */
function claimedKind(p: Program, wrt: string, claim: Shape): DerivativeKind {
  if (!isScalar(p.value.shape)) return 'jacobian';
  const x = resolveWrt(p, wrt).shape;
  const n = mulDim(x.rows, x.cols);
  const isGradientShape = (dimEq(claim.rows, x.rows) && dimEq(claim.cols, x.cols)) || (dimEq(claim.rows, x.cols) && dimEq(claim.cols, x.rows));
  return !isGradientShape && dimEq(claim.rows, n) && dimEq(claim.cols, n) ? 'hessian' : 'grad';
}
export const checkClaim = guarded(checkClaimUnguarded);
