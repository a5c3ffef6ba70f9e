/**
 * One shape rule per operator serves both readers (issue 11): the builder checks declared
 * shapes with it, and inference runs it over unknown sizes with a Unifier, so an
 * operator's rule is all inference needs to know of it.
 */
import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/ops/registry.js';
import { CHECKED, ShapeRuleError, Unifier } from '../../src/shape/sizes.js';
import { parseProgram } from '../../src/api/index.js';

describe('a shape rule with declared sizes (CHECKED) and with unknowns (Unifier)', () => {
  it('the matrix product: inner sizes that differ are a shape error when declared', () => {
    expect(() => OPS.matmul.shape([{ rows: 'm', cols: 'n' }, { rows: 'k', cols: 'p' }], {}, CHECKED)).toThrow(ShapeRuleError);
    expect(OPS.matmul.shape([{ rows: 'm', cols: 'n' }, { rows: 'n', cols: 'p' }], {}, CHECKED)).toEqual({ rows: 'm', cols: 'p' });
  });
  it('the matrix product: an unknown inner size is bound to the known one', () => {
    const u = new Unifier();
    const [r, c] = [u.fresh(), u.fresh()];
    expect(OPS.matmul.shape([{ rows: 'm', cols: 'n' }, { rows: r, cols: c }], {}, u)).toEqual({ rows: 'm', cols: c });
    expect(u.resolve(r)).toBe('n');
    expect(u.known(r)).toBe(true);
    expect(u.known(c)).toBe(false);
  });
  it('a square matrix (tr): both unknown sizes become one', () => {
    const u = new Unifier();
    const [r, c] = [u.fresh(), u.fresh()];
    expect(OPS.tr.shape([{ rows: r, cols: c }], {}, u)).toEqual({ rows: 1, cols: 1 });
    expect(u.resolve(r)).toBe(u.resolve(c));
  });
  it('known sizes that differ are still an error under the Unifier', () => {
    expect(() => OPS.tr.shape([{ rows: 'm', cols: 'n' }], {}, new Unifier())).toThrow(ShapeRuleError);
  });
  it('an exponent must be a scalar: its unknown sizes are bound to 1', () => {
    const u = new Unifier();
    const [r, c] = [u.fresh(), u.fresh()];
    OPS.epow.shape([{ rows: 'm', cols: 'n' }, { rows: r, cols: c }], {}, u);
    expect([u.resolve(r), u.resolve(c)]).toEqual([1, 1]);
  });
});

describe('inference knows an operator by its rule alone', () => {
  const inferred = (program: string, lets: string, name: string) => parseProgram(program, { let: lets }).declarations.get(name)?.shape;
  it('diag_part takes a square matrix, so X v with v: n×1 makes X n×n', () => expect(inferred('sum(diag_part(X)) + sum(X v)', 'v: n×1', 'X')).toEqual({ rows: 'n', cols: 'n' }));
  it('unvec(x, m, n) needs an (mn)×1 vector', () => expect(inferred('sum(unvec(x, m, n))', 'A: m×n', 'x')).toEqual({ rows: 'm*n', cols: 1 }));
  it('inv takes a square matrix: inv(S) y with y: n×1', () => expect(inferred('sum(inv(S) y)', 'y: n×1', 'S')).toEqual({ rows: 'n', cols: 'n' }));
  it('what no rule determines is not guessed: in sum(Aᵀ B) the columns of B are free, so B must be declared', () =>
    expect(() => inferred("sum(A' B)", 'A: m×n', 'B')).toThrow(/cannot tell the shape of B/));
  it('a sum with a declared matrix gives its shape, the product after it binds the rest', () => expect(inferred('tr((A + B) C)', 'A: m×n', 'C')).toEqual({ rows: 'n', cols: 'm' }));
});
