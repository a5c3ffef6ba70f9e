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
import { makeRng, bindDims, samplePoint, type VarSpec } from './sample.js';

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
}

export interface GradeInput {
  /** The true derivative and the claim, both expressions over the program's variables. */
  readonly expected: Expr;
  readonly claimed: Expr;
  readonly vars: readonly VarSpec[];
  readonly seed?: number;
  readonly points?: number;
}

const TOL = 1e-7;

function close(a: Mat, b: Mat): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  let scale = 1;
  for (const x of b.data) scale = Math.max(scale, Math.abs(x));
  for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i]! - b.data[i]!) > TOL * scale) return false;
  return true;
}

/** The k with a ≈ k·b (least squares), or undefined when b is zero or shapes differ. */
function ratio(a: Mat, b: Mat): number | undefined {
  if (a.rows !== b.rows || a.cols !== b.cols) return undefined;
  let ab = 0;
  let bb = 0;
  for (let i = 0; i < a.data.length; i++) {
    ab += a.data[i]! * b.data[i]!;
    bb += b.data[i]! * b.data[i]!;
  }
  if (bb < 1e-300) return undefined;
  const k = ab / bb;
  for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i]! - k * b.data[i]!) > TOL * Math.max(1, Math.abs(a.data[i]!))) return undefined;
  return k;
}

interface Sample {
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
  return { at, claimed: matToJsonSafe(s.claimed), expected: matToJsonSafe(s.expected) };
}

export function grade(input: GradeInput): Grade {
  const points = input.points ?? 5;
  const rng = makeRng(input.seed ?? 1);
  const samples: Sample[] = [];
  for (let attempt = 0; samples.length < points && attempt < points * 12; attempt++) {
    const dims = bindDims(input.vars, new Map(), rng);
    const vars = samplePoint(input.vars, dims, rng, attempt % 3 === 2 ? 'positive' : 'general');
    try {
      const expected = evaluate(input.expected, { vars, dims });
      const claimed = evaluate(input.claimed, { vars, dims });
      samples.push({ vars, dims, claimed, expected });
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
  }
  if (samples.length === 0) throw new DcalcError('domain', 'could not find a point where the program and the claim are defined');
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
    const bad = samples.find((s) => !close(s.claimed, s.expected));
    if (!bad) return { verdict: 'correct', points: n };
  }
  // The transpose of the true derivative, whatever the claim's shape.
  if (samples.every((s) => close(s.claimed, transpose(s.expected)))) return incorrect('transposed', first);
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
      return t !== undefined && close(t, s.expected);
    })) return incorrect('missing-sum', first);
    return incorrect('shape', first);
  }
  const bad = smallest(samples.filter((s) => !close(s.claimed, s.expected)));
  const ks = samples.map((s) => ratio(s.claimed, s.expected));
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
