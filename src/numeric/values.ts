/**
 * The `--at` values format (CONTRACT §3): a JSON object from variable names to a
 * number (1×1), an array of rows, or a flat array (a vector, in whichever orientation
 * the variable is declared). Dimension names are bound from the arrays' sizes; sizes
 * that contradict the declarations are usage errors. Output values use the same form.
 */
import { DcalcError, optionError, type OptionNames } from '../errors.js';
import { type Dim, dimNames, dimValue, showDim } from '../shape/dims.js';
import { type Mat, mat, toRows, transpose } from './matrix.js';
import type { Assumption, VarSpec } from './sample.js';

/** Values that were given as flat arrays: parsed as n×1, they may be turned to 1×n. */
const flatVectors = new WeakSet<Mat>();

/** True for a value parsed from a flat array (kept as an n×1 column until conformed). */
export function isFlatVector(m: Mat): boolean {
  return flatVectors.has(m);
}

/** A usage error about the values; one that names them is worded per audience (optionError). */
function usage(message: string | ((names: OptionNames) => string)): never {
  throw typeof message === 'string' ? new DcalcError('usage', message) : optionError('usage', message);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'number') return String(x);
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 20 ? `${x.slice(0, 20)}…` : x)}`;
  return `a ${typeof x}`;
}

function entry(name: string, x: unknown, where: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    usage((o) => `${o.at}: ${name}: ${where} is ${describe(x)}, expected a finite number`);
  }
  return x;
}

function parseOne(name: string, v: unknown): Mat {
  if (typeof v === 'number') return mat(1, 1, [entry(name, v, 'the value')]);
  if (!Array.isArray(v)) usage((o) => `${o.at}: ${name}: expected a number or an array of rows, got ${describe(v)}`);
  if (v.length === 0) usage((o) => `${o.at}: ${name}: the array is empty`);
  if (v.every((x) => !Array.isArray(x))) {
    const m = mat(v.length, 1, v.map((x, i) => entry(name, x, `entry ${i + 1}`)));
    flatVectors.add(m);
    return m;
  }
  const cols = Array.isArray(v[0]) ? v[0].length : -1;
  if (cols === 0) usage((o) => `${o.at}: ${name}: row 1 is empty`);
  const data: number[] = [];
  v.forEach((row, i) => {
    if (!Array.isArray(row)) usage((o) => `${o.at}: ${name}: row ${i + 1} is ${describe(row)}, expected an array (mixing numbers and rows)`);
    if (row.length !== cols) usage((o) => `${o.at}: ${name}: row ${i + 1} has ${row.length} entries, row 1 has ${cols} (ragged rows)`);
    row.forEach((x, j) => data.push(entry(name, x, `entry (${i + 1}, ${j + 1})`)));
  });
  return mat(v.length, cols, data);
}

/**
 * Parses an `--at` object (or its JSON text). Each value is a number, a flat array (a
 * vector; n×1 until `conformValues` orients it) or an array of equally long rows of
 * finite numbers; anything else is a usage error.
 */
export function parseValues(json: unknown): Map<string, Mat> {
  let obj = json;
  if (typeof obj === 'string') {
    try {
      obj = JSON.parse(obj);
    } catch (e) {
      usage((o) => `${o.at}: not valid JSON (${(e as Error).message})`);
    }
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    usage((o) => `${o.at}: expected a JSON object from names to values, got ${describe(obj)}`);
  }
  const out = new Map<string, Mat>();
  for (const [name, v] of Object.entries(obj as Record<string, unknown>)) out.set(name.normalize('NFC'), parseOne(name, v));
  return out;
}

// ---------------------------------------------------------------------------------
// Binding dimension names from values

interface Binding {
  value: number;
  from: string; // the variable whose value bound it, for messages
}

/** A product size checked once its names are known (`k*k`, `m*n`). */
interface Pending {
  v: VarSpec;
  d: Dim;
  size: number;
  given: string;
}

const declared = (v: VarSpec): string => `${showDim(v.rows)}×${showDim(v.cols)}`;

/** Occurrences of each name in a product size, and its integer coefficient. */
function factors(d: string): { coef: number; names: Map<string, number> } {
  let coef = 1;
  const names = new Map<string, number>();
  for (const p of d.split('*')) {
    if (/^\d+$/.test(p)) coef *= Number(p);
    else names.set(p, (names.get(p) ?? 0) + 1);
  }
  return { coef, names };
}

class Binder {
  readonly bound = new Map<string, Binding>();
  readonly pending: Pending[] = [];

  values(): Map<string, number> {
    return new Map([...this.bound].map(([n, b]) => [n, b.value]));
  }

  /**
   * Whether v's value, read as r×c, fits the declaration given the bindings so far:
   * undefined when it does, else the reason. Commits the new bindings when `commit`.
   */
  fit(v: VarSpec, r: number, c: number, given: string, commit: boolean): string | undefined {
    const fresh = new Map<string, number>();
    const pend: Pending[] = [];
    for (const [d, s] of [[v.rows, r], [v.cols, c]] as const) {
      if (typeof d === 'number') {
        if (d !== s) return '';
        continue;
      }
      if (dimNames(d).length === 1 && dimNames(d)[0] === d) {
        const b = this.bound.get(d);
        if (b !== undefined && b.value !== s) return `${d} is ${b.value} from ${b.from}`;
        const f = fresh.get(d);
        if (f !== undefined && f !== s) return `${d} cannot be both ${f} and ${s}`;
        fresh.set(d, s);
        continue;
      }
      pend.push({ v, d, size: s, given }); // a product: checked once its names are bound
    }
    if (commit) {
      for (const [n, s] of fresh) this.bound.set(n, { value: s, from: v.name });
      this.pending.push(...pend);
    }
    return undefined;
  }

  /** Solves or checks the product sizes; a name left as the only unknown of one is solved for. */
  settle(): void {
    let progress = true;
    while (progress && this.pending.length > 0) {
      progress = false;
      for (let i = 0; i < this.pending.length; i++) {
        const p = this.pending[i]!;
        const { coef, names } = factors(p.d as string);
        const unknown = [...names.keys()].filter((n) => !this.bound.has(n));
        if (unknown.length > 1) continue;
        const err = (why: string): never =>
          usage(`${p.v.name}: declared ${declared(p.v)} but given ${p.given}${why ? ` (${why})` : ''}`);
        if (unknown.length === 0) {
          const want = dimValue(p.d, this.values())!;
          if (want !== p.size) {
            err([...names.keys()].map((n) => `${n} is ${this.bound.get(n)!.value} from ${this.bound.get(n)!.from}`).join(', '));
          }
        } else {
          // size = known · u^e: solve for the one unknown name u.
          const u = unknown[0]!;
          const e = names.get(u)!;
          let known = coef;
          for (const [n, k] of names) if (n !== u) known *= this.bound.get(n)!.value ** k;
          const root = Math.round((p.size / known) ** (1 / e));
          if (root < 1 || known * root ** e !== p.size) err(`${p.size} is not ${showDim(p.d)} for any size ${u}`);
          this.bound.set(u, { value: root, from: p.v.name });
        }
        this.pending.splice(i--, 1);
        progress = true;
      }
    }
    if (this.pending.length > 0) {
      const p = this.pending[0]!;
      usage(
        `${p.v.name}: declared ${declared(p.v)}; cannot tell ${dimNames(p.d).filter((n) => !this.bound.has(n)).join(', ')} ` +
          `from the size ${p.size} of ${showDim(p.d)} — give a value that has them as single sizes, or declare them`,
      );
    }
  }
}

interface Resolved {
  dims: Map<string, number>;
  values: Map<string, Mat>;
}

/**
 * Binds dimension names from the values of the declared variables and orients flat
 * vectors. A flat array fits an n×1 or a 1×n declaration; for a declaration with
 * neither side literally 1 it is oriented after the other values have bound what they
 * can, and must then fit exactly one way.
 */
function resolve(vars: readonly VarSpec[], values: ReadonlyMap<string, Mat>): Resolved {
  const binder = new Binder();
  const out = new Map(values);
  const ambiguous: [VarSpec, Mat][] = [];
  const mismatch = (v: VarSpec, given: string, why: string | undefined): void => {
    if (why !== undefined) usage(`${v.name}: declared ${declared(v)} but given ${given}${why ? ` (${why})` : ''}`);
  };
  const flatText = (m: Mat): string => `a flat vector of ${m.rows} entries`;

  for (const v of vars) {
    const m = values.get(v.name);
    if (m === undefined) continue;
    if (!isFlatVector(m)) {
      mismatch(v, `${m.rows}×${m.cols}`, binder.fit(v, m.rows, m.cols, `${m.rows}×${m.cols}`, true));
    } else if (v.cols === 1 || v.rows === 1) {
      // A declared vector fixes the orientation.
      const asRow = v.cols !== 1;
      const [r, c] = asRow ? [1, m.rows] : [m.rows, 1];
      mismatch(v, flatText(m), binder.fit(v, r, c, flatText(m), true));
      out.set(v.name, asRow ? transpose(m) : m);
    } else {
      ambiguous.push([v, m]);
    }
  }
  for (const [v, m] of ambiguous) {
    const n = m.rows;
    const asCol = binder.fit(v, n, 1, flatText(m), false);
    const asRow = binder.fit(v, 1, n, flatText(m), false);
    if (asCol === undefined && asRow === undefined && n > 1) {
      usage(`${v.name}: declared ${declared(v)} but given ${flatText(m)}, which could be ${n}×1 or 1×${n}; give an array of rows`);
    }
    if (asCol === undefined) {
      binder.fit(v, n, 1, flatText(m), true);
    } else if (asRow === undefined) {
      binder.fit(v, 1, n, flatText(m), true);
      out.set(v.name, transpose(m));
    } else {
      mismatch(v, flatText(m), asCol);
    }
  }
  binder.settle();
  return { dims: binder.values(), values: out };
}

/**
 * The sizes of the dimension names that the values of `vars` determine (CONTRACT §3).
 * A value whose size contradicts its declaration, or two values that bind one name
 * differently, is a usage error such as `X: declared N×M but given 2×3 (N is 4 from W)`.
 * Single names are bound directly; a product size (`k*k`) is checked once its names
 * are bound, or solved for its one unbound name. Values of other names are ignored.
 */
export function bindDimsFromValues(vars: readonly VarSpec[], values: ReadonlyMap<string, Mat>): Map<string, number> {
  return resolve(vars, values).dims;
}

/**
 * The values with every flat vector in its declared orientation (1×n for a row
 * declaration, n×1 otherwise), after the same checks as `bindDimsFromValues`.
 * Values of names not in `vars` are kept as given (a flat vector as a column).
 */
export function conformValues(vars: readonly VarSpec[], values: ReadonlyMap<string, Mat>): Map<string, Mat> {
  return resolve(vars, values).values;
}

/**
 * The entries of `m` violate `assumption` (beyond rounding tolerance): a reason, or
 * undefined. For callers that want to refuse `--at` values that break a declaration
 * the simplifier relied on (a non-symmetric value for `S: n×n symmetric`, say).
 */
export function assumptionViolation(m: Mat, assumption: Assumption): string | undefined {
  const tol = 1e-9;
  const { rows: r, cols: c, data } = m;
  const at = (i: number, j: number): number => data[i * c + j]!;
  switch (assumption) {
    case 'positive':
      return data.every((x) => x > 0) ? undefined : 'an entry is not positive';
    case 'symmetric':
    case 'spd': {
      if (r !== c) return 'it is not square';
      for (let i = 0; i < r; i++) {
        for (let j = 0; j < i; j++) {
          if (Math.abs(at(i, j) - at(j, i)) > tol * Math.max(1, Math.abs(at(i, j)))) return 'it is not symmetric';
        }
      }
      if (assumption === 'spd' && !isPositiveDefinite(m)) return 'it is not positive definite';
      return undefined;
    }
    case 'simplex':
    case 'simplex_rows': {
      if (data.some((x) => x < 0)) return 'an entry is negative';
      const byRows = assumption === 'simplex_rows' || (r === 1 && c > 1);
      const groups = byRows ? r : c;
      for (let g = 0; g < groups; g++) {
        let s = 0;
        for (let k = 0; k < (byRows ? c : r); k++) s += byRows ? at(g, k) : at(k, g);
        if (Math.abs(s - 1) > tol * Math.max(r, c)) return `${byRows ? 'row' : 'column'} ${g + 1} sums to ${s}, not 1`;
      }
      return undefined;
    }
    case 'binary':
      return data.every((x) => x === 0 || x === 1) ? undefined : 'an entry is neither 0 nor 1';
  }
}

/** Cholesky succeeds with positive pivots. */
function isPositiveDefinite(m: Mat): boolean {
  const n = m.rows;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = m.data[j * n + j]!;
    for (let k = 0; k < j; k++) s -= L[j * n + k]! ** 2;
    if (!(s > 0)) return false;
    const d = Math.sqrt(s);
    L[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = m.data[i * n + j]!;
      for (let k = 0; k < j; k++) t -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = t / d;
    }
  }
  return true;
}

/** A value for output: a number for 1×1, else an array of rows; never NaN or ∞. */
export function matToJson(m: Mat): number | number[][] {
  for (const x of m.data) {
    if (!Number.isFinite(x)) throw new DcalcError('domain', `the value has a ${Number.isNaN(x) ? 'NaN (undefined)' : 'infinite'} entry`);
  }
  // -0 prints as 0 in JSON anyway; normalise so that Object.is comparisons agree.
  const clean = (x: number): number => (x === 0 ? 0 : x);
  if (m.rows === 1 && m.cols === 1) return clean(m.data[0]!);
  return toRows(m).map((row) => row.map(clean));
}
