/**
 * From a program and the derivatives asked of it to what the Python driver runs: the
 * exported module (NumPy and PyTorch), a random point that honours the declared
 * assumptions, and the engine's own value and derivatives there.
 */
import { parseProgram, grad, jacobian, hessian, varSpecs, type Derivative, type LetSpec, type Program } from '../../src/api/index.js';
import { exportCode, pythonName, type Library } from '../../src/export/export.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { allFinite, type Mat } from '../../src/numeric/matrix.js';
import { makeRng, bindDims, samplePoint, type VarSpec } from '../../src/numeric/sample.js';
import { topoOrder } from '../../src/ast.js';
import { DcalcError } from '../../src/errors.js';

export type DerivOp = 'grad' | 'jacobian' | 'hessian';

export interface ExportCase {
  readonly id: string;
  readonly program: string;
  readonly let?: LetSpec;
  readonly op: DerivOp;
  readonly wrt: readonly string[];
}

/** What driver.py reads. */
export interface PyCase {
  readonly id: string;
  readonly code: string;
  readonly fn: string;
  readonly op: DerivOp;
  readonly wrt: readonly string[];
  readonly values: Record<string, number[][]>;
  readonly kwargs: Record<string, number>;
  readonly value: number[][];
  readonly scalarValue: boolean;
  readonly derivs: number[][][];
  /** Finite differences and autograd: only where every wrt is a variable (not a named intermediate). */
  readonly fd: boolean;
}

/** What driver.py writes. */
export interface PyReport {
  readonly id: string;
  readonly error?: string;
  readonly trace?: string;
  readonly valueErr: number;
  readonly derivErr: number[];
  readonly fdErr: (number | null)[];
  readonly autogradErr: (number | null)[];
  readonly shapes: (number[] | string)[];
}

const FN: Record<DerivOp, string> = { grad: 'value_and_grad', jacobian: 'value_and_jacobian', hessian: 'value_and_hessian' };
const NONSMOOTH = new Set(['relu', 'step', 'abs', 'sign', 'norm1']);

function rows(m: Mat): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.slice(i * m.cols, (i + 1) * m.cols)));
}

export interface Prepared {
  readonly numpy: PyCase;
  readonly torch: PyCase;
  /** The program has kinks (relu, abs): finite differences may straddle one. */
  readonly nonsmooth: boolean;
}

/** The derivatives, the modules and a point where the program is defined; undefined when no such point is found. */
export function prepare(c: ExportCase, seed = 11): Prepared | undefined {
  const p: Program = parseProgram(c.program, { let: c.let });
  const derive = c.op === 'grad' ? grad : c.op === 'jacobian' ? jacobian : hessian;
  const ds: Derivative[] = c.wrt.map((w) => derive(p, w));
  const code = (library: Library) => exportCode(p, { op: c.op, wrt: c.wrt, library, let: c.let, source: c.program });
  const specs: VarSpec[] = varSpecs(p);
  for (const w of c.wrt) {
    const d = p.declarations.get(w);
    if (d && !specs.some((s) => s.name === w)) specs.push({ name: w, rows: d.shape.rows, cols: d.shape.cols, assumptions: d.assumptions });
  }
  for (const d of ds) {
    for (const n of topoOrder(d.expr)) {
      if (n.kind !== 'var' || specs.some((s) => s.name === n.name)) continue;
      const decl = p.declarations.get(n.name)!;
      specs.push({ name: n.name, rows: decl.shape.rows, cols: decl.shape.cols, assumptions: decl.assumptions });
    }
  }
  const rng = makeRng(seed);
  const declared = new Set(specs.flatMap((s) => [s.rows, s.cols]).flatMap((d) => (typeof d === 'string' ? d.split('*') : [])));
  for (let attempt = 0; attempt < 16; attempt++) {
    const dims = bindDims(specs, new Map(), rng);
    let next = 2;
    for (const n of p.dimNames) if (!dims.has(n)) dims.set(n, next++);
    const vars = samplePoint(specs, dims, rng, attempt % 3 === 2 ? 'positive' : 'general');
    try {
      const value = evaluate(p.value, { vars, dims });
      const derivs = ds.map((d) => evaluate(d.expr, { vars, dims }));
      if (!allFinite(value) || !derivs.every(allFinite)) continue;
      const values = Object.fromEntries([...vars].map(([k, v]) => [k, rows(v)]));
      const kwargs = Object.fromEntries([...dims].filter(([n]) => !declared.has(n) && [...p.dimNames].includes(n)).map(([n, v]) => [pythonName(n), v]));
      const fd = c.wrt.every((w) => p.declarations.has(w) && !p.definitions.has(w));
      const base = { id: c.id, fn: FN[c.op], op: c.op, wrt: c.wrt, values, kwargs, value: rows(value), scalarValue: value.rows === 1 && value.cols === 1, derivs: derivs.map(rows), fd };
      const nonsmooth = topoOrder(p.value).some((n) => n.kind === 'op' && NONSMOOTH.has(n.op));
      return { numpy: { ...base, code: code('numpy') }, torch: { ...base, code: code('torch') }, nonsmooth };
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
  }
  return undefined;
}
