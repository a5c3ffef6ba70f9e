/**
 * Every exported function of the library (src/index.ts) answers wrong argument types
 * with a DcalcError (docs/api.md), never a raw TypeError: called with nothing, with
 * values of every wrong type, and with random values (fast-check) in each position,
 * alone and after valid leading arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';

/** The exported functions (the classes, DcalcError and Store, are constructed, not called). */
const isClass = (v: unknown) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));
const FUNCTIONS = Object.entries(lib).filter(([, v]) => typeof v === 'function' && !isClass(v)) as [string, (...a: unknown[]) => unknown][];

const WRONG: unknown[] = [undefined, null, 0, NaN, -1, 'x', '', true, {}, [], [[1]], new Map(), () => 1, Symbol('s'), 10n, { value: 1 }, { program: {} }, Object.create(null)];

/** A valid value for each kind of argument, to put wrong values after. */
const program = lib.parseProgram("x'*A*x", { let: 'x: n×1, A: n×n' });
const d = lib.grad(program, 'x');
const point = lib.pointFromValues(program, { x: [[1], [2]], A: [[1, 0], [0, 1]] });
const VALID: Record<string, unknown[]> = {
  parseProgram: ["x'*x", { let: 'x: n×1' }],
  shapeOf: [program],
  grad: [program, 'x', {}],
  jacobian: [program, 'x', {}],
  hessian: [program, 'x', {}],
  differentialOf: [program, 'x', {}],
  gradientDerivation: [program, 'x', {}],
  jacobianDerivation: [program, 'x', {}],
  checkClaim: ["x'*x", 'x', '2*x', { let: 'x: n×1' }],
  checkDerivative: [d, { points: 1 }],
  checkGradient: [d, { points: 1 }],
  latexLhs: [d],
  textLhs: [d],
  render: [program, d.expr, { format: 'text' }],
  toText: [program, d.expr, false],
  toAscii: [program, d.expr, false],
  toLatex: [d, {}],
  simplify: [d.expr, {}],
  evaluateAt: [program, d.expr, point],
  pointFromValues: [program, { x: [[1], [2]], A: [[1, 0], [0, 1]] }],
  resolveWrt: [program, 'x'],
  namesOf: [program],
  varSpecs: [program],
  shapeJson: [d.shape],
  matToJson: [lib.evaluateAt(program, d.expr, point)],
  parseLet: ['x: n×1'],
  programText: [lib.render(program, d.expr, { format: 'text' })],
  evaluate: [d.expr, point, {}],
  withStore: [new lib.Store(), () => 1],
  derive: [program, 'grad', 'x', {}],
  deriveSeveral: [program, 'grad', ['x', 'A'], {}],
  renderSeveral: [program, [d.expr], { format: 'text' }],
  temporariesFor: [lib.renderSeveral(program, [d.expr], { format: 'text' }), 0],
  defaultLayout: ['grad'],
  exportCode: [program, { op: 'grad', wrt: 'x', library: 'numpy' }],
  pythonName: ['ŷ'],
};

function outcome(f: (...a: unknown[]) => unknown, args: unknown[]): string | undefined {
  try {
    f(...args);
    return undefined;
  } catch (e) {
    if (e instanceof lib.DcalcError && e.kind !== 'internal') return undefined;
    return e instanceof lib.DcalcError ? `an internal error: ${e.message}` : `threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`;
  }
}

describe('the library checks its arguments', () => {
  it('has valid arguments on file for every exported function (a new export must be added here)', () => {
    expect(FUNCTIONS.map(([k]) => k).sort()).toEqual(Object.keys(VALID).sort());
    for (const [k, f] of FUNCTIONS) expect(outcome(f, VALID[k]!), k).toBeUndefined();
  });

  it('answers a call with no arguments with a usage error (parseLet of nothing declares nothing)', () => {
    expect(lib.parseLet(undefined)).toEqual([]);
    for (const [k, f] of FUNCTIONS.filter(([name]) => name !== 'parseLet')) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(err, k).toBeInstanceOf(lib.DcalcError);
      expect((err as lib.DcalcError).kind, k).toBe('usage');
      expect((err as Error).message, k).toMatch(new RegExp(`^${k}: argument 1 must be`));
    }
  });

  it('answers a wrong value in any position, after valid leading arguments, with a DcalcError', () => {
    const problems: string[] = [];
    for (const [k, f] of FUNCTIONS) {
      const valid = VALID[k]!;
      for (let i = 0; i < valid.length; i++) {
        for (const w of WRONG) {
          const args = [...valid.slice(0, i), w, ...valid.slice(i + 1)];
          const p = outcome(f, args);
          if (p) problems.push(`${k}(argument ${i + 1} = ${String(typeof w === 'symbol' ? 'Symbol' : JSON.stringify(w) ?? typeof w)}): ${p}`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  }, 120_000);

  it('answers random values (fast-check) the same way', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FUNCTIONS), fc.nat(3), fc.anything({ withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true }), ([k, f], i, w) => {
        const valid = VALID[k]!;
        const args = [...valid.slice(0, i), w, ...valid.slice(i + 1)];
        expect(outcome(f, args), `${k} argument ${i + 1}`).toBeUndefined();
      }),
      { numRuns: 400, seed: 13 },
    );
  }, 120_000);

  it('names the function and the argument (the cases of issue 13)', () => {
    expect(() => (lib.parseProgram as (...a: unknown[]) => unknown)()).toThrow(/^parseProgram: argument 1 must be a string, not nothing$/);
    expect(() => lib.grad(undefined as never, 'x')).toThrow(/^grad: argument 1 must be a program \(from parseProgram\) or its text, not nothing$/);
    expect(() => lib.toLatex(undefined as never)).toThrow(/^toLatex: argument 1 must be a derivative/);
    expect(() => lib.parseProgram('x', { let: 5 as never })).toThrow(/option let has a wrong value/);
  });
});
