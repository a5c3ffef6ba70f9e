import { describe, expect, it } from 'vitest';
import { DcalcError } from '../../src/errors.js';
import { type Mat, det, get, matmul, maxAbs, sub, sumCols, sumRows, transpose } from '../../src/numeric/matrix.js';
import { type VarSpec, bindDims, makeRng, samplePoint } from '../../src/numeric/sample.js';

const v = (name: string, rows: VarSpec['rows'], cols: VarSpec['cols'], ...assumptions: VarSpec['assumptions'][number][]): VarSpec => ({
  name,
  rows,
  cols,
  assumptions,
});
const entries = (m: Mat): number[] => Array.from(m.data);

describe('makeRng', () => {
  it('is deterministic per seed, in [0, 1)', () => {
    const a = makeRng(7);
    const b = makeRng(7);
    const c = makeRng(8);
    const xs = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(xs);
    expect(Array.from({ length: 100 }, c)).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('bindDims', () => {
  const vars = [v('X', 'N', 'M'), v('W', 'M', 'K'), v('b', 1, 'K'), v('Y', 'N', 'K')];
  it('gives distinct names distinct sizes in 2..5', () => {
    for (let seed = 0; seed < 50; seed++) {
      const d = bindDims(vars, new Map(), makeRng(seed));
      const sizes = ['N', 'M', 'K'].map((n) => d.get(n)!);
      expect(new Set(sizes).size).toBe(3);
      expect(sizes.every((s) => s >= 2 && s <= 5)).toBe(true);
    }
  });
  it('keeps given sizes and avoids them for the others', () => {
    for (let seed = 0; seed < 20; seed++) {
      const d = bindDims(vars, new Map([['M', 3], ['unused', 9]]), makeRng(seed));
      expect(d.get('M')).toBe(3);
      expect(d.get('unused')).toBe(9);
      expect(d.get('N')).not.toBe(3);
      expect(d.get('K')).not.toBe(3);
      expect(d.get('N')).not.toBe(d.get('K'));
    }
  });
  it('binds the names inside products; many names still get sizes', () => {
    const d = bindDims([v('x', 'k*k', 1), v('A', 'a', 'b'), v('B', 'c', 'd'), v('C', 'e', 'f')], new Map(), makeRng(1));
    expect([...'kabcdef'].every((n) => Number.isInteger(d.get(n)) && d.get(n)! >= 2)).toBe(true);
    expect(new Set([...'kabcdef'].map((n) => d.get(n))).size).toBe(6); // 2..7 distinct
  });
  it('depends on the seed', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) seen.add(JSON.stringify([...bindDims(vars, new Map(), makeRng(seed))]));
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('samplePoint', () => {
  const dims = new Map([['N', 3], ['M', 4], ['K', 2], ['n', 5]]);
  it('shapes follow the declarations (non-square)', () => {
    const p = samplePoint([v('X', 'N', 'M'), v('b', 1, 'K'), v('t', 1, 1), v('z', 'N*M', 1)], dims, makeRng(1), 'general');
    expect([p.get('X')!.rows, p.get('X')!.cols]).toEqual([3, 4]);
    expect([p.get('b')!.rows, p.get('b')!.cols]).toEqual([1, 2]);
    expect([p.get('t')!.rows, p.get('t')!.cols]).toEqual([1, 1]);
    expect([p.get('z')!.rows, p.get('z')!.cols]).toEqual([12, 1]);
  });
  it("'general' entries lie in ±[0.2, 1.5] with both signs; 'positive' in [0.3, 1.5]", () => {
    const g = entries(samplePoint([v('X', 'N', 'M'), v('Y', 'n', 'n')], dims, makeRng(2), 'general').get('Y')!);
    expect(g.every((x) => Math.abs(x) >= 0.2 && Math.abs(x) <= 1.5)).toBe(true);
    expect(g.some((x) => x < 0) && g.some((x) => x > 0)).toBe(true);
    const p = entries(samplePoint([v('Y', 'n', 'n')], dims, makeRng(2), 'positive').get('Y')!);
    expect(p.every((x) => x >= 0.3 && x <= 1.5)).toBe(true);
  });
  it('is reproducible from the seed', () => {
    const a = samplePoint([v('X', 'N', 'M')], dims, makeRng(5), 'general').get('X')!;
    const b = samplePoint([v('X', 'N', 'M')], dims, makeRng(5), 'general').get('X')!;
    expect(entries(a)).toEqual(entries(b));
  });
  it('positive', () => {
    const m = samplePoint([v('X', 'N', 'M', 'positive')], dims, makeRng(3), 'general').get('X')!;
    expect(entries(m).every((x) => x > 0)).toBe(true);
  });
  it('symmetric', () => {
    const S = samplePoint([v('S', 'n', 'n', 'symmetric')], dims, makeRng(3), 'general').get('S')!;
    expect(maxAbs(sub(S, transpose(S)))).toBe(0);
    expect(entries(S).some((x) => x < 0)).toBe(true); // still general
  });
  it('spd: symmetric with positive leading minors (Sylvester)', () => {
    for (let seed = 0; seed < 10; seed++) {
      const S = samplePoint([v('S', 'n', 'n', 'spd')], dims, makeRng(seed), 'general').get('S')!;
      expect(maxAbs(sub(S, transpose(S)))).toBe(0);
      for (let k = 1; k <= 5; k++) {
        const lead = { rows: k, cols: k, data: Float64Array.from({ length: k * k }, (_, i) => get(S, Math.floor(i / k), i % k)) };
        expect(det(lead)).toBeGreaterThan(0);
      }
    }
  });
  it('simplex: a vector sums to 1 (row or column); a matrix column-wise', () => {
    const p = samplePoint(
      [v('y', 1, 'K', 'simplex'), v('c', 'n', 1, 'simplex'), v('P', 'N', 'M', 'simplex'), v('Q', 'N', 'M', 'simplex_rows')],
      dims,
      makeRng(4),
      'general',
    );
    const sum = (m: Mat): number => entries(m).reduce((s, x) => s + x, 0);
    expect(sum(p.get('y')!)).toBeCloseTo(1, 14);
    expect(sum(p.get('c')!)).toBeCloseTo(1, 14);
    for (const x of entries(sumCols(p.get('P')!))) expect(x).toBeCloseTo(1, 14);
    for (const x of entries(sumRows(p.get('Q')!))) expect(x).toBeCloseTo(1, 14);
    for (const n of ['y', 'c', 'P', 'Q']) expect(entries(p.get(n)!).every((x) => x > 0)).toBe(true);
  });
  it('symmetric or spd on a non-square shape is a shape error', () => {
    for (const a of ['symmetric', 'spd'] as const) {
      try {
        samplePoint([v('S', 'N', 'M', a)], dims, makeRng(1), 'general');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DcalcError);
        expect((e as DcalcError).kind).toBe('shape');
      }
    }
  });
  it('different dims make a misplaced transpose fail numerically', () => {
    const d = bindDims([v('X', 'N', 'M'), v('W', 'M', 'K')], new Map(), makeRng(9));
    const p = samplePoint([v('X', 'N', 'M'), v('W', 'M', 'K')], d, makeRng(9), 'general');
    expect(() => matmul(p.get('X')!, transpose(p.get('W')!))).toThrow();
  });
});
