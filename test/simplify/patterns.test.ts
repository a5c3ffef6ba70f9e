/**
 * Rules written as patterns (src/simplify/pattern.ts) do what their two sides say,
 * and nothing the pattern does not cover. (Their soundness at random non-square
 * points is test/properties/rules.test.ts, which instantiates each left side itself.)
 */
import { describe, expect, it } from 'vitest';
import { namesOf, parseProgram, simplify, toText } from '../../src/api/index.js';
import { RULES } from '../../src/simplify/rules.js';

const simplified = (program: string, lets?: string) => {
  const p = parseProgram(program, { let: lets });
  return toText(p, simplify(p.value).expr);
};

describe('trace-of-scaled-identity: tr(c I_n) = c n, as its pattern says', () => {
  it('tr(2*eye(n)) is 2n (it printed tr(2eye(n)) while the rule only knew tr(eye(n)))', () => expect(simplified('tr(2*eye(n))')).toBe('2n'));
  it('tr(eye(n) ⊙ x) is xn for a scalar x', () => expect(simplified('tr(eye(n) .* x)', 'x: scalar')).toBe('xn'));
  it('tr(eye(n)) is n', () => expect(simplified('tr(eye(n))')).toBe('n'));
  it('tr(X ⊙ eye(n)) of a matrix X is left alone (the side condition scalar(c))', () => expect(simplified('tr(X ⊙ eye(n))', 'X: n×n')).toBe('tr(X ⊙ eye(n))'));
});

describe('pattern rules', () => {
  it('print their two sides as their documentation', () => {
    const r = RULES.find((x) => x.name === 'transpose-of-kron')!;
    expect([r.pattern, r.result]).toEqual(['(A ⊗ B)ᵀ', 'Aᵀ ⊗ Bᵀ']);
  });
  it('match a repeated variable only at the same node: diag(u) diag(v) needs u and v of one shape', () => {
    expect(simplified('diag(u) diag(v)', 'u: n×1, v: n×1')).toBe('diag(u ⊙ v)');
    expect(simplified('diag(u) diag(w)', 'u: n×1, w: 1×n')).toBe('diag(u) diag(w)');
  });
  it('bind sizes: eye(m) ⊗ eye(n) is eye(mn)', () => expect(simplified('eye(m) ⊗ eye(n)')).toBe('eye(m·n)'));
  it('do not look inside a named intermediate unless the rule says so: hᵀ stays hᵀ for h = AB', () => {
    const p = parseProgram('A: m×n; B: n×k\nh = A B\nhᵀ');
    expect(toText(p, simplify(p.value, { named: new Set(namesOf(p).keys()) }).expr)).toBe('hᵀ');
    expect(toText(p, simplify(p.value).expr, true)).toBe('BᵀAᵀ');
  });
});
