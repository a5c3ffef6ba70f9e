/**
 * The registry's contract: every registered operator, on its instances
 * (instances.ts), at random points:
 *   - its vjp agrees with central finite differences of ⟨G, f(…)⟩;
 *   - its jvp is the adjoint of its vjp: ⟨vjp(G), D⟩ = ⟨G, jvp(D)⟩;
 *   - its jvp vectorised (OpSpec.linear of every operator in it) agrees with the
 *     finite-difference Jacobian ∂vec f/∂vec(argument)ᵀ;
 *   - every printed form (text, ASCII, LaTeX) reads back to the same value;
 *   - shape inference agrees with its shape rule: an undeclared Z in `f(…) + Z` gets
 *     f's shape, and an undeclared argument gets its own shape or none at all;
 *   - the flags the simplifier reads hold: `linearInEach` (a zero argument gives zero),
 *     `symmetry` (`always`: a square value is symmetric; `of-argument`: f(S) is
 *     symmetric for a symmetric S).
 */
import { describe, expect, test } from 'vitest';
import { apply, num, variable, Store, withStore, type Expr, type OpNode } from '../../src/ast.js';
import { OPS, type OpName } from '../../src/ops/registry.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { numericGradient, numericJacobian, relErr } from '../../src/numeric/finite-diff.js';
import { makeRng, samplePoint, type VarSpec } from '../../src/numeric/sample.js';
import { fromRows, scalar, sumAll, transpose, zipBroadcast, type Mat } from '../../src/numeric/matrix.js';
import { vectorize } from '../../src/diff/jacobian.js';
import { printExpr, asProgramText, type Format } from '../../src/print/printer.js';
import { parseProgram } from '../../src/api/index.js';
import { DcalcError } from '../../src/errors.js';
import { INSTANCES, type ArgSpec, type Instance } from './instances.js';

const POINTS = 3;
const FD_TOLERANCE = 1e-6;
const EXACT_TOLERANCE = 1e-9;
const NAMES = Object.keys(OPS) as OpName[];

const isVarArg = (a: ArgSpec | number): a is ArgSpec => typeof a !== 'number';
const sized = (a: ArgSpec) => ({ rows: a.rows, cols: a.cols });

interface Built {
  readonly node: OpNode;
  readonly vars: readonly ArgSpec[];
  readonly declarations: string;
}

function build(op: OpName, inst: Instance): Built {
  const args: Expr[] = inst.args.map((a) => (isVarArg(a) ? variable(a.name, sized(a)) : num(a)));
  const vars = inst.args.filter(isVarArg);
  const declarations = vars.map((a) => `${a.name}: ${a.rows}×${a.cols}${a.assume ? ` ${a.assume}` : ''}`).join(', ');
  return { node: apply(op, args, inst.attr ?? {}), vars, declarations };
}

function specsOf(vars: readonly ArgSpec[]): VarSpec[] {
  return vars.map((a) => ({ name: a.name, rows: a.rows, cols: a.cols, assumptions: a.assume ? [a.assume] : [] }));
}

/** Random values for the instance's variables, plus G shaped like the result and D like each argument. */
function points(b: Built, seed: number): Map<string, Mat>[] {
  const rng = makeRng(seed);
  const out: Map<string, Mat>[] = [];
  const extra: VarSpec[] = [{ name: 'G', rows: b.node.shape.rows, cols: b.node.shape.cols, assumptions: [] }];
  b.vars.forEach((a, i) => extra.push({ name: `D${i}`, rows: a.rows, cols: a.cols, assumptions: [] }));
  for (let k = 0; k < POINTS; k++) out.push(samplePoint([...specsOf(b.vars), ...extra], new Map(), rng, 'general'));
  return out;
}

const at = (e: Expr, vars: ReadonlyMap<string, Mat>): Mat => evaluate(e, { vars, dims: new Map() });
const inner = (a: Mat, b: Mat): number => sumAll(zipBroadcast(a, b, (x, y) => x * y));
const G = (b: Built) => variable('G', b.node.shape);
const D = (b: Built, i: number) => variable(`D${i}`, sized(b.vars[i]!));
/** The position of the i-th variable among the operator's arguments. */
const argIndex = (b: Built, i: number) => b.node.args.findIndex((a) => a.kind === 'var' && a.name === b.vars[i]!.name);

/** f with the i-th variable replaced by x. */
function withArg(b: Built, i: number, p: ReadonlyMap<string, Mat>) {
  return (x: Mat): Mat => at(b.node, new Map([...p, [b.vars[i]!.name, x]]));
}

function cases(): [string, OpName, Instance][] {
  const out: [string, OpName, Instance][] = [];
  for (const op of NAMES) {
    for (const inst of INSTANCES[op] ?? []) {
      const shapes = inst.args.map((a) => (isVarArg(a) ? `${a.name}:${a.rows}×${a.cols}` : String(a))).join(', ');
      out.push([`${op}(${shapes}${inst.attr?.dims ? ` | ${inst.attr.dims.join(', ')}` : ''})`, op, inst]);
    }
  }
  return out;
}

test('every registered operator has an instance generator', () => {
  const missing = NAMES.filter((op) => !(INSTANCES[op]?.length));
  expect(missing).toEqual([]);
  const unknown = Object.keys(INSTANCES).filter((op) => !(op in OPS));
  expect(unknown).toEqual([]);
});

describe.each(cases())('%s', (_label, op, inst) => {
  const store = new Store();
  const b = withStore(store, () => build(op, inst));
  const ps = points(b, 20251204 + NAMES.indexOf(op));

  test('vjp agrees with central finite differences of ⟨G, f⟩', () => withStore(store, () => {
    let checked = 0;
    for (const p of ps) {
      const grads = OPS[op].vjp(b.node, G(b), b.node.args.map(() => true));
      b.vars.forEach((a, i) => {
        const fd = numericGradient((x) => scalar(inner(p.get('G')!, withArg(b, i, p)(x))), p.get(a.name)!);
        const g = grads[argIndex(b, i)];
        const symbolic = g ? at(g, p) : zipBroadcast(fd, fd, () => 0);
        expect(relErr(symbolic, fd), `∂/∂${a.name}`).toBeLessThan(FD_TOLERANCE);
        checked++;
      });
    }
    expect(checked).toBe(POINTS * b.vars.length);
  }));

  test('jvp is the adjoint of vjp: ⟨vjp(G), D⟩ = ⟨G, jvp(D)⟩', () => withStore(store, () => {
    for (const p of ps) {
      const grads = OPS[op].vjp(b.node, G(b), b.node.args.map(() => true));
      const ds = b.node.args.map((arg) => {
        const i = b.vars.findIndex((a) => arg.kind === 'var' && a.name === arg.name);
        return i >= 0 ? D(b, i) : null;
      });
      const jv = b.vars.length ? OPS[op].jvp(b.node, ds) : null;
      const right = jv ? inner(p.get('G')!, at(jv, p)) : 0;
      let left = 0;
      b.vars.forEach((_a, i) => {
        const g = grads[argIndex(b, i)];
        if (g) left += inner(at(g, p), p.get(`D${i}`)!);
      });
      expect(relErr(scalar(left), scalar(right))).toBeLessThan(EXACT_TOLERANCE);
    }
  }));

  // (A constant such as eye(n) has no argument to vectorise against.)
  if (b.vars.length > 0) test('its jvp vectorises to the finite-difference Jacobian', () => withStore(store, () => {
    for (const p of ps) {
      b.vars.forEach((a, i) => {
        const ds = b.node.args.map((_arg, j) => (j === argIndex(b, i) ? D(b, i) : null));
        const jv = OPS[op].jvp(b.node, ds);
        const fd = numericJacobian(withArg(b, i, p), p.get(a.name)!);
        const J = jv ? vectorize(jv, D(b, i)) : null;
        const symbolic = J ? at(J, p) : zipBroadcast(fd, fd, () => 0);
        expect(relErr(symbolic, fd), `∂vec f/∂vec ${a.name}ᵀ`).toBeLessThan(FD_TOLERANCE);
      });
    }
  }));

  test.each(['text', 'ascii', 'latex'] as Format[])('its %s form reads back to the same value', (format) => {
    const printed = asProgramText(printExpr(b.node, { format, temporaries: false }));
    const back = parseProgram(printed, { let: b.declarations, from: format === 'latex' ? 'latex' : 'text' });
    expect(back.value.shape).toEqual(b.node.shape);
    for (const p of ps) expect(relErr(at(back.value, p), at(b.node, p)), printed).toBeLessThan(EXACT_TOLERANCE);
  });

  if (OPS[op].linearInEach && b.vars.length > 0) {
    test('linearInEach: a zero argument makes it zero', () => withStore(store, () => {
      for (const p of ps) {
        b.vars.forEach((a, i) => {
          const zero = withArg(b, i, p)(zipBroadcast(p.get(a.name)!, p.get(a.name)!, () => 0));
          expect(zero.data.every((x) => x === 0), `${a.name} = 0`).toBe(true);
        });
      }
    }));
  }

  const square = b.node.shape.rows === b.node.shape.cols;
  if (OPS[op].symmetry === 'always' && square) {
    test('symmetry always: its square value is symmetric', () => withStore(store, () => {
      for (const p of ps) expect(relErr(at(b.node, p), transpose(at(b.node, p)))).toBe(0);
    }));
  }

  if (OPS[op].symmetry === 'of-argument' && b.vars.length > 0) {
    test('symmetry of-argument: f(S) is symmetric for a symmetric S', () => withStore(store, () => {
      // Symmetric, positive definite, with positive entries: inside every domain.
      const S = fromRows([[2, 0.5, 0.3], [0.5, 3, 0.4], [0.3, 0.4, 2.5]]);
      const rest = b.node.args.slice(1);
      const node = apply(op, [variable('S', { rows: 3, cols: 3 }), ...rest], inst.attr ?? {});
      for (const p of ps) {
        const value = at(node, new Map([...p, ['S', S]]));
        expect(relErr(value, transpose(value))).toBeLessThan(1e-12);
      }
    }));
  }

  const nonScalar = b.node.shape.rows !== 1 || b.node.shape.cols !== 1;
  const text = asProgramText(printExpr(b.node, { format: 'text', temporaries: false }));
  // (A scalar f determines nothing about Z in f + Z.)
  if (nonScalar) {
    test('inference: an undeclared Z in f + Z gets the shape f has by its rule', () => withStore(store, () => {
      const p = parseProgram(`${text} + Z`, { let: b.declarations });
      expect(p.declarations.get('Z')?.shape).toEqual(b.node.shape);
    }));
  }

  // (A broadcast operand's shape is not determined by the sum it is in.)
  if (!inst.broadcast && b.vars.length > 0) {
    test('inference: an undeclared argument gets its own shape, or none', () => withStore(store, () => {
      const z = nonScalar ? `Z: ${b.node.shape.rows}×${b.node.shape.cols}` : '';
      for (const a of b.vars) {
        const others = b.vars.filter((o) => o.name !== a.name).map((o) => `${o.name}: ${o.rows}×${o.cols}`);
        const lets = [...others, z].filter((s) => s !== '').join(', ');
        let inferred: unknown = 'none';
        try {
          inferred = parseProgram(nonScalar ? `${text} + Z` : text, { let: lets }).declarations.get(a.name)?.shape;
        } catch (e) {
          if (!(e instanceof DcalcError && e.kind === 'name')) throw e;
        }
        expect(['none', JSON.stringify(sized(a))]).toContain(inferred === 'none' ? 'none' : JSON.stringify(inferred));
      }
    }));
  }
});
