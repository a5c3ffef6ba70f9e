/**
 * The remembered syntax trees (src/parse/recent.ts): a program parsed again is not parsed
 * again, and sharing its tree never lets one request see another's declarations or values.
 */
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/cli/batch.js';
import { parseSyntax } from '../../src/parse/parser.js';
import { Recent } from '../../src/parse/recent.js';

describe('remembered programs', () => {
  it('two batch requests with one program text and different shapes get each its own answer', () => {
    const program = 'L = sum(X*w)';
    const small = answer(JSON.stringify({ id: 1, op: 'jacobian', program: 'F = X*w', wrt: 'w', let: 'X: 2×3, w: 3×1' }));
    const a = answer(JSON.stringify({ id: 2, op: 'grad', program, wrt: 'w', let: 'X: 3×4, w: 4×1' }));
    const b = answer(JSON.stringify({ id: 3, op: 'grad', program, wrt: 'w', let: { X: ['n', 'm'], w: ['m', 1] } }));
    const c = answer(JSON.stringify({ id: 4, op: 'grad', program, wrt: 'X', let: 'X: 1×5, w: 5×1' }));
    expect(small).toMatchObject({ ok: true, result: 'X', shape: [2, 3] });
    // The ones vector has the size each request declared: nothing of request 2 leaks into 3.
    expect(a).toMatchObject({ ok: true, result: 'Xᵀ ones(3, 1)', shape: [4, 1] });
    expect(b).toMatchObject({ ok: true, result: 'Xᵀ ones(n, 1)', shape: ['m', 1] });
    expect(c).toMatchObject({ ok: true, result: 'wᵀ', shape: [1, 5] });
  });

  it('values bind to the request that gives them, not to an earlier one with the same text', () => {
    const program = 'L = sum(exp(x))';
    const one = answer(JSON.stringify({ id: 1, op: 'grad', program, wrt: 'x', at: { x: [[0], [1]] } }));
    const two = answer(JSON.stringify({ id: 2, op: 'grad', program, wrt: 'x', at: { x: [[1], [0], [0]] } }));
    expect(one.value).toEqual([[1], [Math.E]]);
    expect(two.value).toEqual([[Math.E], [1], [1]]);
  });

  it('a program parsed again gives the same frozen tree; an error is not remembered', () => {
    const t1 = parseSyntax('X: n×n\nL = tr(X)');
    expect(parseSyntax('X: n×n\nL = tr(X)')).toBe(t1);
    expect(Object.isFrozen(t1.statements[1])).toBe(true);
    expect(() => parseSyntax('L = (x')).toThrow(/expected '\)'/);
    expect(() => parseSyntax('L = (x')).toThrow(/expected '\)'/);
  });

  it('forgets the least recently used text first, and long texts are not remembered', () => {
    const made: string[] = [];
    const recent = new Recent<{ text: string }>(2);
    const get = (t: string) => recent.get(t, (s) => (made.push(s), { text: s }));
    get('a');
    get('b');
    get('a');
    get('c'); // forgets b, the least recently used
    get('a');
    get('b');
    expect(made).toEqual(['a', 'b', 'c', 'b']);
    const long = 'x'.repeat(5000);
    get(long);
    get(long);
    expect(made.filter((t) => t === long)).toHaveLength(2);
  });
});
