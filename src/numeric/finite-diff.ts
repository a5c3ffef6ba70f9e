/**
 * Finite differences, the reference that symbolic derivatives are checked against.
 *
 * Each partial derivative is a central difference D(h) = (f(x+h) − f(x−h)) / 2h, with
 * truncation error ~h²·|f‴|/6 and rounding error ~ε·|f|/h. The default step
 * h = 1e-6·max(1, |x_ij|) keeps them near 1e-13 and 1e-10·|f| (measured worst case
 * ~1e-8 relative on smooth test functions, well under the 1e-6 target), and moves x so
 * little that a relu/abs/step kink is almost never crossed — crossing one makes an O(1)
 * error and a false verification failure, so a small step is the safer trade.
 *
 * `{ richardson: true }` adds one Richardson step (4·D(h/2) − D(h)) / 3, error O(h⁴).
 * It pays off with a larger step (h ≈ 1e-4·max(1,|x|) measured ~1e-11), not at 1e-6,
 * where rounding already dominates.
 *
 * Steps are rounded so that x + h is exactly representable (h = (x + h) − x), which
 * removes the error of the step itself.
 *
 * Next to a domain edge the step is too large: at x = 1e-5 a step of 1e-6 is a tenth of
 * x, and log's third derivative (2/x³) makes the truncation error of percents (an
 * intermediate h = softmax(…) has entries that small). For 0 < |x| < 1e-3, where the
 * default step would exceed |x|/1000, the partial derivative is found by Ridders' method
 * instead (Numerical Recipes §5.7): central differences at steps |x|/2, |x|/2.8, …
 * (never crossing 0), extrapolated to step 0 in a Neville tableau, keeping the estimate
 * whose error estimate is smallest. Where the default step agrees with that (within its
 * error estimate or 1e-6 relative: a smooth function that is merely small there) the
 * default step's value is kept, as its rounding error is smaller.
 *
 * Where f is large and changes little (a large constant term plus the term that
 * depends on x), the rounding error ε·|f|/h of the default step swamps the derivative;
 * when that estimate exceeds 1e-7 of the derivative, Ridders' method from a step of
 * 1e-2·max(1, |x|) is used instead, if its own error estimate is smaller.
 */
import { type Mat, mat, showShape } from './matrix.js';

const DEFAULT_REL_STEP = 1e-6;

export interface DiffOptions {
  /** Refine each central difference by one Richardson step (4 evaluations of f per entry instead of 2). */
  readonly richardson?: boolean;
}

function stepFor(x: number, h: number | undefined): number {
  const raw = h ?? DEFAULT_REL_STEP * Math.max(1, Math.abs(x));
  return x + raw - x; // the step actually taken in floating point
}

/** X with entry k (row-major) replaced by v. */
function withEntry(x: Mat, k: number, v: number): Mat {
  const d = x.data.slice();
  d[k] = v;
  return { rows: x.rows, cols: x.cols, data: d };
}

/** The relative error of an evaluation of f, a few ulps: what the rounding estimate assumes. */
const ROUNDING = 4 * Number.EPSILON;
/** Rounding noise above this part of the derivative sends a partial derivative to Ridders' method. */
const NOISE_TOLERANCE = 1e-7;

/** Below this |x| (and above 0) the default step is too large a part of x: Ridders' method is used. */
const SMALL_X = 1e-3;

/**
 * Ridders' extrapolation of central differences (Numerical Recipes §5.7, dfridr), for
 * every entry of F at once: the error of a tableau entry is the largest over F's entries.
 */
function ridders(central: (h: number) => Float64Array, h0: number): { value: Float64Array; err: number } {
  const CON = 1.4;
  const CON2 = CON * CON;
  const NTAB = 10;
  const SAFE = 2;
  let prev: Float64Array[] = [];
  let best = central(h0);
  let bestErr = Infinity;
  let h = h0;
  for (let i = 0; i < NTAB; i++) {
    const row: Float64Array[] = [i === 0 ? best : central((h /= CON))];
    let fac = CON2;
    for (let j = 1; j <= i; j++) {
      const a = row[j - 1]!;
      const b = prev[j - 1]!;
      const next = new Float64Array(a.length);
      let err = 0;
      for (let q = 0; q < a.length; q++) {
        next[q] = (a[q]! * fac - b[q]!) / (fac - 1);
        err = Math.max(err, Math.abs(next[q]! - a[q]!), Math.abs(next[q]! - b[q]!));
      }
      fac *= CON2;
      row.push(next);
      if (err <= bestErr) {
        bestErr = err;
        best = next;
      }
    }
    // Higher order is getting worse (rounding has taken over): stop.
    if (i > 0) {
      let drift = 0;
      for (let q = 0; q < row[i]!.length; q++) drift = Math.max(drift, Math.abs(row[i]![q]! - prev[i - 1]![q]!));
      if (drift >= SAFE * bestErr) break;
    }
    prev = row;
  }
  return { value: best, err: bestErr };
}

/**
 * ∂F/∂x_k for every entry of F at once (row-major, like F's data), by a central
 * difference along entry k of x0, optionally Richardson-refined.
 */
function partial(f: (x: Mat) => Mat, x0: Mat, k: number, h: number | undefined, richardson: boolean, f0: Mat): Float64Array {
  const x = x0.data[k]!;
  const ev = (t: number): Float64Array => {
    const y = f(withEntry(x0, k, x + t));
    if (y.rows !== f0.rows || y.cols !== f0.cols) {
      throw new Error(`finite differences: f changed shape from ${showShape(f0)} to ${showShape(y)}`);
    }
    return y.data;
  };
  const central = (t: number): Float64Array => {
    const H = stepFor(x, t);
    const p = ev(H);
    const m = ev(-H);
    const out = new Float64Array(p.length);
    for (let i = 0; i < out.length; i++) out[i] = (p[i]! - m[i]!) / (2 * H);
    return out;
  };
  if (h === undefined && x !== 0 && Math.abs(x) < SMALL_X) {
    const r = ridders(central, Math.abs(x) / 2);
    // Where the default step agrees with it (within its error estimate, or to 1e-6 of the
    // largest entry: a smooth function that is merely small here), the default step is
    // kept: its rounding error is smaller.
    let d: Float64Array;
    try {
      d = central(DEFAULT_REL_STEP);
    } catch {
      return r.value; // the default step leaves f's domain
    }
    let gap = 0;
    for (let i = 0; i < d.length; i++) gap = Math.max(gap, Math.abs(d[i]! - r.value[i]!));
    let scale = 1;
    for (let i = 0; i < d.length; i++) scale = Math.max(scale, Math.abs(r.value[i]!));
    return Number.isFinite(gap) && gap <= Math.max(2 * r.err, 1e-6 * scale) ? d : r.value;
  }
  const H = stepFor(x, h);
  const p1 = ev(H);
  const m1 = ev(-H);
  const out = new Float64Array(p1.length);
  for (let i = 0; i < out.length; i++) out[i] = (p1[i]! - m1[i]!) / (2 * H);
  if (h === undefined && !richardson) {
    // Rounding: f is known to about ε·|f| (a few ulps), so the difference quotient to
    // ~ROUNDING·|f|/H. Where f is large and its change small (‖S³‖²_F + σ(t)² in t:
    // |f| ~ 1e6, ∂f/∂t < 1) that swamps the derivative; Ridders' extrapolation from a
    // step 10⁴ times larger (kept short of 0 when x is near it) fixes it.
    let fmax = 0;
    let dmax = 1;
    for (let i = 0; i < out.length; i++) {
      fmax = Math.max(fmax, Math.abs(p1[i]!), Math.abs(m1[i]!));
      dmax = Math.max(dmax, Math.abs(out[i]!));
    }
    const noise = (ROUNDING * fmax) / H;
    if (noise > NOISE_TOLERANCE * dmax) {
      const h0 = Math.min(1e-2 * Math.max(1, Math.abs(x)), x === 0 ? Infinity : Math.abs(x) / 2);
      let r: { value: Float64Array; err: number } | undefined;
      try {
        r = ridders(central, h0);
      } catch {
        r = undefined; // a larger step leaves f's domain: keep the default step
      }
      if (r && r.err < noise) return r.value;
    }
  }
  if (!richardson) return out;
  const H2 = stepFor(x, H / 2);
  const p2 = ev(H2);
  const m2 = ev(-H2);
  for (let i = 0; i < out.length; i++) out[i] = (4 * ((p2[i]! - m2[i]!) / (2 * H2)) - out[i]!) / 3;
  return out;
}

/**
 * The gradient of a scalar-valued f at x0, shaped like x0: entry (i, j) ≈ ∂f/∂x_ij.
 * `h` overrides the step (then an absolute step for every entry).
 */
export function numericGradient(f: (x: Mat) => Mat, x0: Mat, h?: number, opts: DiffOptions = {}): Mat {
  const f0 = f(x0);
  if (f0.rows !== 1 || f0.cols !== 1) {
    throw new Error(`numericGradient: f must be scalar-valued, got ${showShape(f0)}`);
  }
  const g = new Float64Array(x0.data.length);
  for (let k = 0; k < g.length; k++) g[k] = partial(f, x0, k, h, opts.richardson ?? false, f0)[0]!;
  return mat(x0.rows, x0.cols, g);
}

/**
 * The Jacobian ∂vec(F)/∂vec(X)ᵀ of F: r×c → p×q at x0, a (pq)×(rc) matrix in numerator
 * layout (CONTRACT §2); vec stacks columns, so X_ij is column j·r + i and F_ab row b·p + a.
 */
export function numericJacobian(f: (x: Mat) => Mat, x0: Mat, h?: number, opts: DiffOptions = {}): Mat {
  const f0 = f(x0);
  const { rows: p, cols: q } = f0;
  const { rows: r, cols: c } = x0;
  const n = r * c;
  const J = new Float64Array(p * q * n);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const col = j * r + i; // position of X_ij in vec(X)
      const d = partial(f, x0, i * c + j, h, opts.richardson ?? false, f0);
      for (let a = 0; a < p; a++) for (let b = 0; b < q; b++) J[(b * p + a) * n + col] = d[a * q + b]!;
    }
  }
  return mat(p * q, n, J);
}

export { relErr } from './rel-err.js';

/** A careful numeric derivative: its value and an estimate of its absolute error. */
export interface CarefulDerivative {
  readonly value: Mat;
  /** The largest error estimate over the entries (Ridders' tableau), absolute. */
  readonly err: number;
}

/**
 * Starting steps, relative to max(1, |x|), for the careful derivative. The default step
 * follows the variable's scale only; the function's scale decides which step is right:
 * a large constant beside a small change (sum(x) + 1e15) needs a step of 10⁴ or more to
 * rise above rounding, a fast oscillation (cos(10⁴x)) one far below 1e-4.
 */
const CAREFUL_STARTS = [1e-2, 1e-4, 1e-6, 1, 1e2, 1e4, 1e6];

/**
 * ∂F/∂x_k for every entry, by Ridders' method from each starting step in turn, keeping
 * the estimate whose own error estimate is smallest (steps that leave f's domain or
 * overflow are skipped). Slow (up to ~140 evaluations of f per entry): what the checker
 * falls back on where the default step disagrees with the symbolic derivative, so that a
 * disagreement is the derivative's and not the step's.
 */
function carefulPartial(f: (x: Mat) => Mat, x0: Mat, k: number): { value: Float64Array; err: number } {
  const x = x0.data[k]!;
  // The tableau's error estimate does not see rounding (a step too small for f's
  // magnitude gives differences of exactly 0, which agree perfectly): it is added.
  let noise = 0;
  const central = (t: number): Float64Array => {
    const H = stepFor(x, t);
    const p = f(withEntry(x0, k, x + H)).data;
    const m = f(withEntry(x0, k, x - H)).data;
    const out = new Float64Array(p.length);
    for (let i = 0; i < out.length; i++) {
      out[i] = (p[i]! - m[i]!) / (2 * H);
      if (!Number.isFinite(out[i]!)) throw new RangeError('not finite');
      noise = Math.max(noise, (ROUNDING * Math.max(Math.abs(p[i]!), Math.abs(m[i]!))) / H);
    }
    return out;
  };
  let best: { value: Float64Array; err: number } | undefined;
  for (const s of CAREFUL_STARTS) {
    let r: { value: Float64Array; err: number };
    noise = 0;
    try {
      r = ridders(central, s * Math.max(1, Math.abs(x)));
    } catch {
      continue; // this step leaves f's domain, or overflows
    }
    const err = r.err + noise;
    if (Number.isFinite(err) && (!best || err < best.err)) best = { value: r.value, err };
  }
  if (!best) throw new RangeError('finite differences: no step stays in the domain');
  return best;
}

/**
 * The Jacobian (numerator layout, as numericJacobian; for a scalar f the gradient shaped
 * like x0 when `gradient` is set) by carefulPartial, with its error estimate.
 */
export function carefulDerivative(f: (x: Mat) => Mat, x0: Mat, gradient: boolean): CarefulDerivative {
  const f0 = f(x0);
  const { rows: p, cols: q } = f0;
  const { rows: r, cols: c } = x0;
  const n = r * c;
  let err = 0;
  if (gradient) {
    const g = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const d = carefulPartial(f, x0, k);
      g[k] = d.value[0]!;
      err = Math.max(err, d.err);
    }
    return { value: mat(r, c, g), err };
  }
  const J = new Float64Array(p * q * n);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const col = j * r + i;
      const d = carefulPartial(f, x0, i * c + j);
      err = Math.max(err, d.err);
      for (let a = 0; a < p; a++) for (let b = 0; b < q; b++) J[(b * p + a) * n + col] = d.value[a * q + b]!;
    }
  }
  return { value: mat(p * q, n, J), err };
}
