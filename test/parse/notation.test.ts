/**
 * Textbook notation in the grammar (CONTRACT §1): fractions as coefficients, tight
 * denominators, right-associative powers, vulgar fractions, √, 𝟏, |…|, ‖X‖²_F and
 * function-style definitions. Each input parses exactly once (parser.ts asserts it).
 */
import { describe, expect, test } from 'vitest';
import { parseExpression, parseSyntax } from '../../src/parse/parser.js';
import type { Syn } from '../../src/parse/syntax.js';
import { showSyn } from '../../src/parse/reading.js';
import { show, sx } from './show-syntax.js';


describe('a fraction is a coefficient (CONTRACT §1)', () => {
  test.each([
    ['1/2 ‖r‖²', '(juxt (/ 1 2) (^ (norm2 r) 2))'],
    ['1/2 (Xθ − y)ᵀ(Xθ − y)', '(juxt (juxt (/ 1 2) (T (paren (- Xθ y)))) (paren (- Xθ y)))'],
    ['−1/N sum(Y ⊙ log(S))', '(neg (juxt (/ 1 N) (call sum (.* Y (call log S)))))'],
    ['λ/2 ‖w‖²', '(juxt (/ λ 2) (^ (norm2 w) 2))'],
    ['n/2 logdet(Σ)', '(juxt (/ n 2) (call logdet Σ))'],
    // a group after the denominator is never pulled into it
    ['1/2(x + y)', '(juxt (/ 1 2) (paren (+ x y)))'],
    ['1/2‖r‖²', '(juxt (/ 1 2) (^ (norm2 r) 2))'],
    ['2a/b c', '(juxt (/ (juxt 2 a) b) c)'],
    ['a/b/c d', '(juxt (/ (/ a b) c) d)'],
    ['a ⊙ 1/2 B', '(.* a (juxt (/ 1 2) B))'],
    ['x − 1/2 y', '(- x (juxt (/ 1 2) y))'],
  ])('%s', (text, tree) => expect(sx(text)).toBe(tree));

  test.each([
    // written tight against the slash, a term stays in the denominator: 1/(2m)
    ['1/2m sum(x)', '(juxt (/ 1 (juxt 2 m)) (call sum x))'],
    ['1/2x', '(/ 1 (juxt 2 x))'],
    ['λ/2σ² ‖w‖²', '(juxt (/ λ (juxt 2 (^ σ 2))) (^ (norm2 w) 2))'],
    // nothing juxtaposed: an ordinary quotient
    ['sum(L)/N', '(/ (call sum L) N)'],
    ['x/2 + 1', '(+ (/ x 2) 1)'],
    ['a/b', '(/ a b)'],
    ['a/-b', '(/ a (neg b))'],
  ])('%s', (text, tree) => expect(sx(text)).toBe(tree));

  test('the readings print the grouping back', () => {
    const frac = parseExpression('1/2m') as Extract<Syn, { t: 'bin' }>;
    expect(showSyn(frac)).toBe('1/(2m)');
    expect(showSyn(parseExpression('1/2 (Xθ − y)ᵀ(Xθ − y)'))).toBe('(1/2)(Xθ − y)ᵀ(Xθ − y)');
  });
});

describe('powers are right-associative, with signed exponents', () => {
  test.each([
    ['2^3^2', '(^ 2 (^ 3 2))'],
    ['x^2^-1', '(^ x (^ 2 -1))'],
    ['a^-b', '(^ a (neg b))'],
    ['a^-(b + c)', '(^ a (neg (paren (+ b c))))'],
    ['x^-1 y', '(juxt (^ x -1) y)'],
    ['x^2ᵀ', '(T (^ x 2))'],
    ['A.^2^3', '(.^ A (^ 2 3))'],
  ])('%s', (text, tree) => expect(sx(text)).toBe(tree));
});

describe('textbook notation', () => {
  test.each([
    ['½‖r‖²', '(juxt 0.5 (^ (norm2 r) 2))'],
    ['¼x', '(juxt 0.25 x)'],
    ['⅔ + ⅛', '(+ 0.6666666666666666 0.125)'],
    ['√x', '(call sqrt x)'],
    ['√(a + b)', '(call sqrt (paren (+ a b)))'],
    ['2√x', '(juxt 2 (call sqrt x))'],
    ['1ᵀv', '(juxt (T 1) v)'],
    ['𝟏ᵀlog(b − Ax)', '(juxt (T 𝟏) (call log (- b Ax)))'],
    ['X𝟏', '(juxt X 𝟏)'],
    ['‖X‖²_F', '(^ (normF X) 2)'],
    ['‖R − UVᵀ‖²_F', '(^ (normF (- R (T UV))) 2)'],
    ['‖X‖^2_F', '(^ (normF X) 2)'],
    ['‖x‖²₂', '(^ (norm2 x) 2)'],
    ['log|Σ|', '(juxt log (bars Σ))'],
    ['|a| + |b|', '(+ (bars a) (bars b))'],
    // `||` is a norm bar: nested bars need a space, |a − |b| |
    ['|a − |b| |', '(bars (- a (bars b)))'],
    ['log det Σ', '(juxt (juxt log det) Σ)'],
    ['e^x', '(^ e x)'],
    ['π r²', '(juxt π (^ r 2))'],
    ['max(0, x)', '(call max 0 x)'],
  ])('%s', (text, tree) => expect(sx(text)).toBe(tree));

  test('J(θ) = … is a definition of J that names what it depends on', () => {
    const [st] = parseSyntax('J(θ, b) = ‖θ‖² + b').statements;
    expect(st!.t).toBe('def');
    if (st!.t !== 'def') return;
    expect(st.name).toBe('J');
    expect(st.params?.map((p) => p.name)).toEqual(['θ', 'b']);
    expect(show(st.expr)).toBe('(+ (^ (norm2 θ) 2) b)');
  });

  test('every new form parses exactly once', () => {
    const inputs = [
      '1/2 ‖r‖²', '1/2m sum(x)', '−1/N sum(Y)', 'a/b/c d', 'a/b c/d', 'a/b c/d e', '2^3^2', 'x^2^-1', 'a^-b', '½x',
      '√x²', '√(x)ᵀ', '𝟏ᵀ X 𝟏', '1ᵀv', '‖X‖²_F', '‖X‖^2_F', '|X|', 'log|X| + |y|', 'J(x) = x', 'f(a, b) = a b',
      'x ⊙ 1/2 y z', '1/2 1/3 x', 'a/b(c)', '1/2 x/3 y',
    ];
    for (const text of inputs) expect(() => parseSyntax(text), text).not.toThrow();
  });
});
