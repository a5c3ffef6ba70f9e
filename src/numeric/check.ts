/**
 * Grading a claimed derivative (`dcalc check`, CONTRACT §3): the claim, written in the
 * program's language and names, is compared with the true derivative at random points.
 * A wrong claim gets a diagnosis — the wrong shape, the transpose, the wrong sign, a
 * constant (or dimension-dependent) factor, a broadcast operand's gradient not summed
 * over the batch, or simply different — and a small concrete counterexample.
 */
import { type Expr, topoOrder } from '../ast.js';
import { DcalcError } from '../errors.js';
import { evaluate } from './evaluate.js';
import { type Mat, transpose, sumAll, sumCols, sumRows, scalar, matToJsonSafe } from './check-helpers.js';
import { affordableDims, evaluationCost } from './cost.js';
import { makeRng, bindDims, samplePoint, SMALL_SIZES, LARGE_SIZES, type SizePool, type VarSpec } from './sample.js';

/** `layout` is `transposed` when a layout was asked for: the claim is the other layout's answer (set by api.checkClaim). */
export type Diagnosis = 'shape' | 'transposed' | 'layout' | 'sign' | 'scaled' | 'missing-sum' | 'differs';

export interface Counterexample {
  readonly at: Record<string, number | number[][]>;
  readonly claimed: number | number[][];
  readonly expected: number | number[][];
}

export interface Grade {
  readonly verdict: 'correct' | 'incorrect';
  readonly diagnosis?: Diagnosis;
  /** claimed ÷ true, for `scaled`: a number, or program text when it depends on a size (`1/n`). */
  readonly factor?: number | string;
  readonly points: number;
  readonly counterexample?: Counterexample;
  /** Why, where the numbers alone do not say (a claim that cannot be evaluated at any sampled point). */
  readonly reason?: string;
}

export interface GradeInput {
  /** The true derivative and the claim, both expressions over the program's variables. */
  readonly expected: Expr;
  readonly claimed: Expr;
  /**
   * The true derivative in a second form (as differentiation gave it, before
   * simplification): where the two forms differ at a point is the rounding noise there,
   * below which a claim cannot be told from the truth (∂/∂t of sum(softmax(t + x)) is 0
   * up to the rounding of terms of size 1, and 1e-16 is then not a wrong claim).
   */
  readonly reference?: Expr;
  readonly vars: readonly VarSpec[];
  readonly seed?: number;
  readonly points?: number;
}

/**
 * Agreement at the usual points (entries of about 1): relative to the scale of both
 * sides, tight enough that a relative change of 1e-8 (2.00000001x for 2x) is seen.
 */
const TIGHT = 1e-9;
/**
 * At points of other scales rounding grows (1 − σ(z) for a large z loses digits), so
 * agreement there is looser; the claims those points exist to catch (a step at an
 * offset, a term that vanishes on small sizes, a wrong tiny factor) differ by far more.
 */
const LOOSE = 1e-6;

/** How one graded point is drawn: the sizes, the scale and sign of the entries, the tolerance. */
interface PointPlan {
  readonly sizes: SizePool;
  readonly scale: number;
  readonly style: 'general' | 'positive';
  readonly tol: number;
}

/**
 * The points, in order (cycled while points are skipped for being outside the domain).
 * Values at several scales and both signs, sizes up to 9 and distinct per dimension, so
 * that a step(x − 2), a relu(|x| − 1.5), a factor (n−2)(n−3)…(n−7) or a wrong tiny
 * coefficient cannot hide between the samples. The first points are the usual ones, so
 * that a counterexample is small where it can be.
 */
const PLAN: readonly PointPlan[] = [
  { sizes: SMALL_SIZES, scale: 1, style: 'general', tol: TIGHT },
  { sizes: LARGE_SIZES, scale: 3, style: 'general', tol: LOOSE },
  { sizes: SMALL_SIZES, scale: 1, style: 'positive', tol: TIGHT },
  { sizes: SMALL_SIZES, scale: 3, style: 'positive', tol: LOOSE },
  { sizes: LARGE_SIZES, scale: 1, style: 'positive', tol: TIGHT },
  { sizes: SMALL_SIZES, scale: 0.01, style: 'general', tol: LOOSE },
  { sizes: SMALL_SIZES, scale: 10, style: 'positive', tol: LOOSE },
  { sizes: LARGE_SIZES, scale: 10, style: 'general', tol: LOOSE },
];

/** Operations one graded point may cost (numeric/cost.ts). */
const GRADE_BUDGET = 2e7;

/** The largest |entry| of a and of b. */
function scaleOf(a: Mat, b: Mat): number {
  let scale = 0;
  for (const x of a.data) scale = Math.max(scale, Math.abs(x));
  for (const x of b.data) scale = Math.max(scale, Math.abs(x));
  return scale;
}

/** Differences within this many times the rounding noise of the true derivative are agreement. */
const NOISE_FACTOR = 100;

/** max |a_ij − b_ij| (shapes equal), Infinity where it is not a number. */
function maxDiff(a: Mat, b: Mat): number {
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs(a.data[i]! - b.data[i]!));
  return Number.isNaN(d) ? Infinity : d;
}

/**
 * a ≈ b: every entry within tol of the scale of both sides (never an absolute measure:
 * 1e-9x is not 0), or within the rounding noise of the true derivative at that point.
 */
function close(a: Mat, b: Mat, tol: number, noise = 0): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  const bound = Math.max(tol * scaleOf(a, b), noise);
  for (let i = 0; i < a.data.length; i++) if (!(Math.abs(a.data[i]! - b.data[i]!) <= bound)) return false;
  return true;
}

/** The k with a ≈ k·b (least squares), or undefined when b is zero or shapes differ. */
function ratio(a: Mat, b: Mat, tol: number): number | undefined {
  if (a.rows !== b.rows || a.cols !== b.cols) return undefined;
  let ab = 0;
  let bb = 0;
  let bmax = 0;
  for (let i = 0; i < a.data.length; i++) bmax = Math.max(bmax, Math.abs(b.data[i]!));
  if (bmax === 0) return undefined;
  // Scaled by the largest entry, so that tiny values (1e-200) do not underflow.
  for (let i = 0; i < a.data.length; i++) {
    ab += (a.data[i]! / bmax) * (b.data[i]! / bmax);
    bb += (b.data[i]! / bmax) ** 2;
  }
  const k = ab / bb;
  let amax = 0;
  for (let i = 0; i < a.data.length; i++) amax = Math.max(amax, Math.abs(a.data[i]!));
  for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i]! - k * b.data[i]!) > tol * amax) return undefined;
  return k;
}

interface Sample {
  readonly tol: number;
  /** The rounding noise of the true derivative at this point (absolute; 0 when unknown). */
  readonly noise: number;
  readonly vars: Map<string, Mat>;
  readonly dims: Map<string, number>;
  readonly claimed: Mat;
  readonly expected: Mat;
}

function niceNumber(k: number): number {
  for (const d of [1, 2, 3, 4, 5, 6, 8, 10, 12]) {
    const r = Math.round(k * d);
    if (Math.abs(k * d - r) < 1e-9 * Math.max(1, Math.abs(k * d))) return r / d;
  }
  return Number(k.toPrecision(12));
}

function fraction(k: number): string {
  for (const d of [1, 2, 3, 4, 5, 6, 8, 10, 12]) {
    const r = Math.round(k * d);
    if (Math.abs(k * d - r) < 1e-9 * Math.max(1, Math.abs(k * d))) return d === 1 ? String(r) : `${r}/${d}`;
  }
  return String(k);
}

/** A factor that depends on the sizes: c·n^p for one dimension name n (`1/n`, `2n`, `n²`). */
function symbolicFactor(samples: readonly Sample[], ks: readonly number[]): string | undefined {
  const names = [...samples[0]!.dims.keys()];
  for (const name of names) {
    for (const p of [-1, 1, -2, 2]) {
      const cs = samples.map((s, i) => ks[i]! / s.dims.get(name)! ** p);
      if (cs.every((c) => Math.abs(c - cs[0]!) < 1e-9 * Math.max(1, Math.abs(cs[0]!))) && samples.some((s) => s.dims.get(name) !== samples[0]!.dims.get(name))) {
        const c = niceNumber(cs[0]!);
        const pow = Math.abs(p) === 1 ? name : `${name}²`;
        if (p > 0) return c === 1 ? pow : c === -1 ? `−${pow}` : `${fraction(c)}${pow}`;
        return c === 1 ? `1/${pow}` : c === -1 ? `−1/${pow}` : `${fraction(c)}/${pow}`;
      }
    }
  }
  return undefined;
}

function toCounterexample(s: Sample, used: ReadonlySet<string>): Counterexample {
  const at: Record<string, number | number[][]> = {};
  for (const [name, m] of s.vars) if (used.has(name)) at[name] = matToJsonSafe(m);
  // Six digits, or as many as it takes for claimed and expected to differ visibly (2.00000001x).
  const digits = [6, 10, 14, 17].find((d) => JSON.stringify(matToJsonSafe(s.claimed, d)) !== JSON.stringify(matToJsonSafe(s.expected, d))) ?? 6;
  return { at, claimed: matToJsonSafe(s.claimed, digits), expected: matToJsonSafe(s.expected, digits) };
}

export function grade(input: GradeInput): Grade {
  const points = input.points ?? PLAN.length;
  if (!Number.isInteger(points) || points < 1 || points > 1000) throw new DcalcError('usage', `check: points must be a whole number from 1 to 1000, not ${String(points)}`);
  const rng = makeRng(input.seed ?? 1);
  const samples: Sample[] = [];
  // Points where the true derivative is defined and the claim is not, and why.
  let claimUndefined = 0;
  let why = '';
  for (let attempt = 0; samples.length < points && attempt < points * 12 + PLAN.length; attempt++) {
    const plan = PLAN[attempt % PLAN.length]!;
    // Sizes that keep the evaluation cheap (a Kronecker chain's size is exponential in them).
    const dims = affordableDims([input.expected, input.claimed], bindDims(input.vars, new Map(), rng, plan.sizes), GRADE_BUDGET);
    if (!dims) throw new DcalcError('limit', 'the derivative is too large to evaluate, even at sizes of 2');
    const vars = samplePoint(input.vars, dims, rng, plan.style, plan.scale);
    let expected: Mat;
    try {
      expected = evaluate(input.expected, { vars, dims });
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
    let noise = 0;
    try {
      if (input.reference && evaluationCost([input.reference], dims) <= GRADE_BUDGET) noise = NOISE_FACTOR * maxDiff(evaluate(input.reference, { vars, dims }), expected);
    } catch (e) {
      if (!(e instanceof DcalcError && e.kind === 'domain')) throw e;
    }
    try {
      const claimed = evaluate(input.claimed, { vars, dims });
      samples.push({ tol: plan.tol, noise, vars, dims, claimed, expected });
    } catch (e) {
      if (!(e instanceof DcalcError && e.kind === 'domain')) throw e;
      claimUndefined++;
      why ||= e.message;
    }
  }
  if (samples.length === 0) {
    if (claimUndefined > 0) return { verdict: 'incorrect', diagnosis: 'differs', points: 0, reason: `the claim cannot be evaluated where the derivative is defined (${why})` };
    throw new DcalcError('domain', 'could not find a point where the program and the claim are defined');
  }
  // At the wider points a value can be all rounding (σ′ of a saturated σ is 1e-16 in one
  // form and 3e-17 in another): differences below 1e-9 of the derivative's size at the
  // usual points do not count there. A step, a vanishing term or a wrong factor is far larger.
  const usualScale = Math.max(0, ...samples.filter((s) => s.tol === TIGHT).map((s) => scaleOf(s.expected, s.expected)));
  samples.forEach((s, i) => {
    if (s.tol !== TIGHT) samples[i] = { ...s, noise: Math.max(s.noise, TIGHT * usualScale) };
  });
  const used = new Set<string>();
  for (const e of [input.expected, input.claimed]) for (const n of topoOrder(e)) if (n.kind === 'var') used.add(n.name);
  const n = samples.length;
  // The counterexample shown is the smallest point (fewest entries) that shows the error.
  const entries = (s: Sample) => [...s.vars.values()].reduce((a, m) => a + m.rows * m.cols, 0);
  const smallest = (xs: Sample[]) => xs.reduce((a, b) => (entries(b) < entries(a) ? b : a));
  const first = smallest(samples);
  const incorrect = (diagnosis: Diagnosis, at: Sample, extra: Partial<Grade> = {}): Grade => ({ verdict: 'incorrect', diagnosis, points: n, counterexample: toCounterexample(at, used), ...extra });
  const sameShape = input.claimed.shape.rows === input.expected.shape.rows && input.claimed.shape.cols === input.expected.shape.cols;

  if (sameShape) {
    const bad = samples.find((s) => !close(s.claimed, s.expected, s.tol, s.noise));
    if (!bad) return { verdict: 'correct', points: n };
  }
  // The transpose of the true derivative, whatever the claim's shape.
  if (samples.every((s) => close(s.claimed, transpose(s.expected), s.tol))) return incorrect('transposed', first);
  if (!sameShape) {
    // A broadcast operand's gradient that was not summed over the batch axis.
    const e = input.expected.shape;
    const c = input.claimed.shape;
    const summed = (m: Mat): Mat | undefined => {
      if (e.rows === 1 && e.cols === 1) return scalar(sumAll(m));
      if (e.rows === 1 && c.rows !== 1 && c.cols === e.cols) return sumCols(m);
      if (e.cols === 1 && c.cols !== 1 && c.rows === e.rows) return sumRows(m);
      return undefined;
    };
    if (samples.every((s) => {
      const t = summed(s.claimed);
      return t !== undefined && close(t, s.expected, s.tol);
    })) return incorrect('missing-sum', first);
    return incorrect('shape', first);
  }
  const bad = smallest(samples.filter((s) => !close(s.claimed, s.expected, s.tol, s.noise)));
  const ks = samples.map((s) => ratio(s.claimed, s.expected, s.tol));
  if (ks.every((k) => k !== undefined)) {
    const kk = ks as number[];
    if (kk.every((k) => Math.abs(k + 1) < 1e-9)) return incorrect('sign', bad);
    if (kk.every((k) => Math.abs(k) < 1e-12)) return incorrect('differs', bad);
    if (kk.every((k) => Math.abs(k - kk[0]!) < 1e-9 * Math.max(1, Math.abs(kk[0]!)))) return incorrect('scaled', bad, { factor: niceNumber(kk[0]!) });
    const sym = symbolicFactor(samples, kk);
    if (sym) return incorrect('scaled', bad, { factor: sym });
  }
  return incorrect('differs', bad);
}
