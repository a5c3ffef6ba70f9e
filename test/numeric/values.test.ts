import { describe, expect, it } from 'vitest';
import { DcalcError } from '../../src/errors.js';
import { fromRows, mat, scalar, toRows } from '../../src/numeric/matrix.js';
import type { VarSpec } from '../../src/numeric/sample.js';
import {
  assumptionViolation, bindDimsFromValues, conformValues, isFlatVector, matToJson, parseValues,
} from '../../src/numeric/values.js';

const v = (name: string, rows: VarSpec['rows'], cols: VarSpec['cols'], ...assumptions: VarSpec['assumptions'][number][]): VarSpec => ({
  name,
  rows,
  cols,
  assumptions,
});

function errorOf(f: () => unknown): DcalcError {
  try {
    f();
  } catch (e) {
    if (e instanceof DcalcError) return e;
    throw e;
  }
  throw new Error('expected a DcalcError');
}

describe('parseValues', () => {
  it('numbers, rows and flat vectors', () => {
    const m = parseValues({ t: 2.5, X: [[1, 2, 3], [4, 5, 6]], x: [1, 2, 3], r: [[1, 2]] });
    expect(toRows(m.get('t')!)).toEqual([[2.5]]);
    expect(toRows(m.get('X')!)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(toRows(m.get('x')!)).toEqual([[1], [2], [3]]); // a column until conformed
    expect(isFlatVector(m.get('x')!)).toBe(true);
    expect(isFlatVector(m.get('r')!)).toBe(false);
    expect([m.get('r')!.rows, m.get('r')!.cols]).toEqual([1, 2]);
  });
  it('accepts JSON text', () => {
    expect(toRows(parseValues('{"a": [[1], [2]]}').get('a')!)).toEqual([[1], [2]]);
  });
  it.each([
    ['ragged rows', { X: [[1, 2], [3]] }],
    ['a string entry', { X: [[1, '2']] }],
    ['a string value', { X: '1' }],
    ['NaN', { X: [NaN] }],
    ['Infinity', { X: [[Infinity]] }],
    ['null', { X: null }],
    ['an empty array', { X: [] }],
    ['an empty row', { X: [[]] }],
    ['mixed numbers and rows', { X: [1, [2]] }],
    ['three levels', { X: [[[1]]] }],
    ['an array at top level', [1, 2]],
    ['null at top level', null],
    ['bad JSON text', '{X: 1'],
  ])('%s is a usage error', (_, json) => {
    expect(errorOf(() => parseValues(json)).kind).toBe('usage');
  });
});

describe('bindDimsFromValues / conformValues', () => {
  const vars = [v('X', 'N', 'M'), v('W', 'M', 'K'), v('b', 1, 'K'), v('y', 'N', 1), v('t', 1, 1)];
  it('binds names from the sizes of arrays (non-square)', () => {
    const vals = parseValues({ X: [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], W: [[1, 2], [3, 4], [5, 6], [7, 8]] });
    expect(Object.fromEntries(bindDimsFromValues(vars, vals))).toEqual({ N: 3, M: 4, K: 2 });
  });
  it('flat vectors fit either orientation and are conformed to the declaration', () => {
    const vals = parseValues({ b: [1, 2, 3, 4, 5], y: [1, 2], t: 7 });
    expect(Object.fromEntries(bindDimsFromValues(vars, vals))).toEqual({ K: 5, N: 2 });
    const c = conformValues(vars, vals);
    expect(toRows(c.get('b')!)).toEqual([[1, 2, 3, 4, 5]]);
    expect(toRows(c.get('y')!)).toEqual([[1], [2]]);
    expect(toRows(c.get('t')!)).toEqual([[7]]);
  });
  it('a flat vector for a declared matrix is oriented by sizes bound elsewhere', () => {
    const vs = [v('A', 'N', 'M'), v('B', 'M', 'P')];
    const c = conformValues(vs, parseValues({ A: [1, 2, 3], B: [[1, 2]] })); // M = 1 from B
    expect(toRows(c.get('A')!)).toEqual([[1], [2], [3]]);
    const r = conformValues(vs, parseValues({ A: [1, 2, 3], B: [[1], [2], [3]] })); // M = 3 from B
    expect(toRows(r.get('A')!)).toEqual([[1, 2, 3]]);
    expect(errorOf(() => conformValues(vs, parseValues({ A: [1, 2, 3] }))).kind).toBe('usage'); // ambiguous
  });
  it('a scalar number is 1×1', () => {
    expect(Object.fromEntries(bindDimsFromValues([v('s', 'n', 'n')], parseValues({ s: 3 })))).toEqual({ n: 1 });
  });
  it('ignores values of names not declared, and keeps them', () => {
    const vals = parseValues({ zzz: [[1, 2]], t: 1 });
    expect(bindDimsFromValues(vars, vals).size).toBe(0);
    expect(toRows(conformValues(vars, vals).get('zzz')!)).toEqual([[1, 2]]);
  });
  it('a size contradicting the declaration is a usage error naming both', () => {
    const e = errorOf(() => bindDimsFromValues([v('X', 'N', 3)], parseValues({ X: [[1, 2], [3, 4]] })));
    expect(e.kind).toBe('usage');
    expect(e.message).toMatch(/^X: declared N×3 but given 2×2/);
    expect(errorOf(() => bindDimsFromValues([v('S', 'n', 'n')], parseValues({ S: [[1, 2, 3], [4, 5, 6]] }))).kind).toBe('usage');
    expect(errorOf(() => bindDimsFromValues(vars, parseValues({ t: [1, 2] }))).kind).toBe('usage');
    expect(errorOf(() => bindDimsFromValues(vars, parseValues({ y: [[1, 2]] }))).kind).toBe('usage'); // rows for a column
  });
  it('two values binding one name differently are a usage error', () => {
    const e = errorOf(() =>
      bindDimsFromValues(vars, parseValues({ X: [[1, 2, 3], [4, 5, 6]], W: [[1], [2]] })),
    );
    expect(e.kind).toBe('usage');
    expect(e.message).toBe('W: declared M×K but given 2×1 (M is 3 from X)');
  });
  it('product sizes are checked, or solved for their one unknown name', () => {
    const vs = [v('x', 'k*k', 1), v('A', 'k', 'k')];
    expect(Object.fromEntries(bindDimsFromValues(vs, parseValues({ x: [1, 2, 3, 4, 5, 6, 7, 8, 9] })))).toEqual({ k: 3 });
    expect(Object.fromEntries(bindDimsFromValues(vs, parseValues({ x: [1, 2, 3, 4], A: [[1, 2], [3, 4]] })))).toEqual({ k: 2 });
    expect(errorOf(() => bindDimsFromValues(vs, parseValues({ x: [1, 2, 3], A: [[1, 2], [3, 4]] }))).kind).toBe('usage');
    expect(errorOf(() => bindDimsFromValues(vs, parseValues({ x: [1, 2, 3] }))).kind).toBe('usage'); // 3 is not a square
    expect(Object.fromEntries(bindDimsFromValues([v('z', '2*n', 1)], parseValues({ z: [1, 2, 3, 4, 5, 6] })))).toEqual({ n: 3 });
    // two unknowns in one product cannot be told apart
    expect(errorOf(() => bindDimsFromValues([v('z', 'm*n', 1)], parseValues({ z: [1, 2, 3, 4, 5, 6] }))).kind).toBe('usage');
  });
});

describe('assumptionViolation', () => {
  it('flags values that break a declaration', () => {
    expect(assumptionViolation(fromRows([[1, 2], [2, 1]]), 'symmetric')).toBeUndefined();
    expect(assumptionViolation(fromRows([[1, 2], [3, 1]]), 'symmetric')).toMatch(/symmetric/);
    expect(assumptionViolation(fromRows([[2, 1], [1, 2]]), 'spd')).toBeUndefined();
    expect(assumptionViolation(fromRows([[1, 2], [2, 1]]), 'spd')).toMatch(/definite/);
    expect(assumptionViolation(fromRows([[0.2, 0.8]]), 'simplex')).toBeUndefined();
    expect(assumptionViolation(fromRows([[0.2, 0.7]]), 'simplex')).toMatch(/sums/);
    expect(assumptionViolation(fromRows([[0.5, 1], [0.5, 0]]), 'simplex')).toBeUndefined();
    expect(assumptionViolation(fromRows([[0.5, 0.5], [1, 0]]), 'simplex_rows')).toBeUndefined();
    expect(assumptionViolation(fromRows([[1, -1]]), 'positive')).toMatch(/positive/);
  });
});

describe('matToJson', () => {
  it('a number for 1×1, else rows', () => {
    expect(matToJson(scalar(2.5))).toBe(2.5);
    expect(matToJson(fromRows([[1, 2, 3]]))).toEqual([[1, 2, 3]]);
    expect(matToJson(fromRows([[1], [2]]))).toEqual([[1], [2]]);
    expect(Object.is(matToJson(scalar(-0)), 0)).toBe(true);
  });
  it('round-trips through parseValues', () => {
    const m = fromRows([[1.5, -2], [3, 4e-7], [0, 1]]);
    expect(toRows(parseValues({ m: matToJson(m) }).get('m')!)).toEqual(toRows(m));
  });
  it('NaN or ∞ is a domain error', () => {
    expect(errorOf(() => matToJson(mat(1, 2, [1, NaN]))).kind).toBe('domain');
    expect(errorOf(() => matToJson(scalar(Infinity))).kind).toBe('domain');
  });
});
