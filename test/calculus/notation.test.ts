/**
 * Textbook notation read as the textbook means it (CONTRACT §1), each derivative
 * checked against central finite differences at random points of non-square sizes,
 * its printed form read back (toHaveGradient).
 */
import { describe, expect, it } from 'vitest';
import { parseProgram, grad, evaluateAt, pointFromValues, checkClaim, toText, toAscii, toLatex } from '../../src/api/index.js';
import { errorOf } from '../parse/show-syntax.js';


describe('a fraction is a coefficient', () => {
  it('1/2 (Xθ − y)ᵀ(Xθ − y) is (1/2)‖Xθ − y‖²: its gradient is Xᵀ(Xθ − y)', () =>
    expect('J = 1/2 (Xθ − y)ᵀ(Xθ − y)').toHaveGradient('θ', 'Xᵀ(Xθ − y)', { let: 'X: n×d, θ: d×1, y: n×1' }));
  it('½‖Ax − b‖²', () => expect('f = ½‖Ax − b‖²').toHaveGradient('x', 'Aᵀ(Ax − b)', { let: 'A: m×n, x: n×1, b: m×1' }));
  it('λ/2 ‖w‖²', () => expect('J = λ/2 ‖w‖²').toHaveGradient('w', 'λw', { let: 'w: d×1, λ: scalar' }));
  it('n/2 logdet(Σ)', () => expect('f = n/2 logdet(Σ)').toHaveGradient('Σ', 'nΣ⁻ᵀ/2', { let: 'Σ: n×n' }));
  it('−1/N sum(Y ⊙ log(S)) is −(1/N)·sum(…)', () => expect('L = −1/N sum(Y ⊙ log(S))').toHaveGradient('S', '−(Y ⊘ NS)', { let: 'Y: N×K, S: N×K' }));
  it('1/2m sum(…) keeps 2m in the denominator', () =>
    expect('J = 1/2m sum((Xθ − y).^2)').toHaveGradient('θ', 'Xᵀ(Xθ − y)/m', { let: 'X: m×d, θ: d×1, y: m×1' }));

  it('a group right after a named denominator is not pulled in: 1/n(x − μ)ᵀ(x − μ)', () =>
    expect('f = 1/n(x − μ)ᵀ(x − μ)').toHaveGradient('x', '2(x − μ)/n', { let: 'x: d×1, μ: d×1, n: scalar' }));
  it('… nor after a tight denominator: 1/2n(x − μ)ᵀ(x − μ)', () =>
    expect('f = 1/2n(x − μ)ᵀ(x − μ)').toHaveGradient('x', '(x − μ)/n', { let: 'x: d×1, μ: d×1, n: scalar' }));

  it('the program records how it read each fraction', () => {
    expect(parseProgram('f = 1/n(x − μ)ᵀ(x − μ)', { let: 'x: d×1, μ: d×1, n: scalar' }).readings).toEqual(['(1/n)(x − μ)ᵀ(x − μ)']);
    expect(parseProgram('a/b(c)', { let: 'a: scalar, b: scalar, c: scalar' }).readings).toEqual(['(a/b)(c)']);
    expect(parseProgram('a/log(c)', { let: 'a: scalar, c: scalar' }).readings).toEqual([]);
    expect(parseProgram('J = 1/2 (Xθ − y)ᵀ(Xθ − y)', { let: 'X: n×d, θ: d×1, y: n×1' }).readings).toEqual(['(1/2)(Xθ − y)ᵀ(Xθ − y)']);
    expect(parseProgram('λ/2 ‖w‖²', { let: 'w: d×1, λ: scalar' }).readings).toEqual(['(λ/2)‖w‖²']);
    expect(parseProgram('1/2m sum(x)', { let: 'x: n×1, m: scalar' }).readings).toEqual(['(1/(2m))sum(x)']);
    expect(parseProgram('x/2y', { let: 'x: scalar, y: scalar' }).readings).toEqual(['x/(2y)']);
    expect(parseProgram('sum(x)/N', { let: 'x: N×1' }).readings).toEqual([]);
  });
});

describe('textbook notation', () => {
  it('√(xᵀx)', () => expect('f = √(xᵀx)').toHaveGradient('x', 'x/f', { let: 'x: n×1' }));
  it('√x of a vector is elementwise', () => expect('f = sum(√x)').toHaveGradient('x', '1 ⊘ 2sqrt(x)', { let: 'x: n×1 positive' }));
  it('e^x is exp(x)', () => expect('f = sum(e^x)').toHaveGradient('x', 'exp(x)', { let: 'x: n×1' }));
  it('e^(−x²) of a scalar', () => expect('f = e^(−t²)').toHaveGradient('t', '−2ft', { let: 't: scalar' }));
  it('π is a number, printed π', () => expect('f = π xᵀx').toHaveGradient('x', '2πx', { let: 'x: n×1' }));
  it('e and its multiples print as e', () => expect('f = sum(exp(e x))').toHaveGradient('x', 'e exp(ex)', { let: 'x: n×1' }));
  it('π/2 prints as π/2', () => expect('f = sum(sin(π x/2))').toHaveGradient('x', '(π/2) cos(πx/2)', { let: 'x: n×1' }));
  it('a declared e is not the constant when printed: 2π times the user\'s e', () => expect('f = π eᵀe').toHaveGradient('e', '2πe', { let: 'e: n×1' }));
  it('π and 2e in text, LaTeX (\\pi) and ASCII (digits) read back to the same value', () => {
    const program = 'x: n×1\nf = sum(exp(π x + 2e))';
    const p = parseProgram(program);
    const d = grad(p, 'x');
    const point = pointFromValues(p, { x: [[0.3], [-0.2], [0.5]] });
    const want = evaluateAt(p, d.expr, point).data;
    const forms = [toText(p, d.expr), toLatex(d).replace(/^.*? = | \\in .*$/g, ''), toAscii(p, d.expr)];
    expect(forms).toEqual(['π exp(πx + 2e)', '\\pi \\exp(\\pi x + 2 e)', '3.14159265358979*exp(3.14159265358979*x + 2*2.71828182845905)']);
    for (const printed of forms) {
      const back = parseProgram(`${program}\n${printed}`);
      const got = evaluateAt(back, back.value, pointFromValues(back, { x: [[0.3], [-0.2], [0.5]] })).data;
      for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - want[i]!) / Math.abs(want[i]!), printed).toBeLessThan(1e-13);
    }
  });
  it('a declared e is the user\'s variable', () =>
    expect('f = e xᵀx').toHaveGradient('e', 'sum((xᵀ)²)', { let: 'x: n×1, e: scalar' }));
  it('log det Σ is logdet(Σ)', () => expect('f = log det Σ').toHaveGradient('Σ', 'Σ⁻ᵀ', { let: 'Σ: n×n' }));
  it('log|Σ| is logdet(Σ)', () => expect('f = log|Σ|').toHaveGradient('Σ', 'Σ⁻ᵀ', { let: 'Σ: n×n' }));
  it('|X| of a square matrix is det X', () => expect('f = |X|').toHaveGradient('X', 'fX⁻ᵀ', { let: 'X: n×n' }));
  it('|t| of a scalar is abs(t)', () => expect('f = |t| t').toHaveGradient('t', 'abs(t) + t sign(t)', { let: 't: scalar' }));
  it('1ᵀv is the sum of v', () => expect('f = 1ᵀv').toHaveGradient('v', 'ones(n, 1)', { let: 'v: n×1' }));
  it('𝟏ᵀlog(b − Ax), the log barrier', () =>
    expect('f = 𝟏ᵀlog(b − Ax)').toHaveGradient('x', '−Aᵀ(1 ⊘ (b − Ax))', { let: 'A: m×n, b: m×1, x: n×1' }));
  it('𝟏ᵀX𝟏 sums every entry', () => expect('f = 𝟏ᵀX𝟏').toHaveGradient('X', 'ones(m, n)', { let: 'X: m×n' }));
  it('‖R − UVᵀ‖²_F', () => expect('f = ‖R − UVᵀ‖²_F').toHaveGradient('U', '2(UVᵀ − R)V', { let: 'R: m×n, U: m×k, V: n×k' }));
  it('x² of a vector is its elementwise square', () => expect('f = sum(x²)').toHaveGradient('x', '2x', { let: 'x: n×1' }));
  it('(Wx)² of a vector, summed by 𝟏ᵀ', () => expect('f = 𝟏ᵀ(Wx)²').toHaveGradient('W', '2Wxxᵀ', { let: 'W: m×n, x: n×1' }));
  it('max(0, Wx) is ReLU, with a step derivative', () =>
    expect('f = sum(max(0, Wx))').toHaveGradient('W', 'step(Wx)xᵀ', { let: 'W: m×n, x: n×1' }));
  it('max(a, b) elementwise', () => expect('f = sum(max(a, b))').toHaveGradient('a', '1 − step(b − a)', { let: 'a: n×1, b: n×1' }));
  it('min(a, b) elementwise', () => expect('f = sum(min(a, b))').toHaveGradient('b', 'step(a − b)', { let: 'a: n×1, b: n×1' }));
  it('J(θ) = … defines J', () => expect('J(θ) = ‖Xθ − y‖²').toHaveGradient('θ', '2Xᵀ(Xθ − y)', { let: 'X: n×d, θ: d×1, y: n×1' }));
  it('x^2^-1 is x^(2^−1) = √x', () => expect('f = x^2^-1').toHaveGradient('x', 'x^(−0.5)/2', { let: 'x: scalar positive' }));

  it('a non-square x² prints x² and reads back (not .^2)', () =>
    expect('f = sum(tanh(x).^2)').toHaveGradient('x', '2(tanh(x) ⊙ (1 − tanh(x)²))', { let: 'x: n×1' }));
  it('a square X keeps X.^2 (X² would be X·X)', () =>
    expect('f = sum(tanh(X).^2)').toHaveGradient('X', '2(tanh(X) ⊙ (1 − tanh(X).^2))', { let: 'X: n×n' }));

  it('values: 2^3^2 = 512, x^2^-1 at 4 is 2, ½ and π', () => {
    const at = (text: string, values: unknown = {}) => {
      const p = parseProgram(text, { values });
      return Array.from(evaluateAt(p, p.value, pointFromValues(p, values)).data);
    };
    expect(at('2^3^2')).toEqual([512]);
    expect(at('x^2^-1', { x: 4 })).toEqual([2]);
    expect(at('a^-b', { a: 2, b: 3 })).toEqual([0.125]);
    expect(at('½ + ¼')).toEqual([0.75]);
    expect(at('π')[0]).toBeCloseTo(Math.PI, 14);
    expect(at('e^1')[0]).toBeCloseTo(Math.E, 14);
    expect(at('|X|', { X: [[1, 2], [3, 4]] })).toEqual([-2]);
    expect(at('1ᵀv', { v: [1, 2, 3] })).toEqual([6]);
    expect(at('max(0, x)', { x: [[-1, 2]] })).toEqual([0, 2]);
    expect(at('min(x, 1)', { x: [[-1, 2]] })).toEqual([-1, 1]);
  });

  it('errors: log det without a matrix mentions logdet; |x| of a vector; − named as written', () => {
    expect(errorOf(() => parseProgram('f = log det', { let: 'Σ: n×n' }))).toBe('parse 1:9 log det needs a matrix after it: write log det Σ or logdet(Σ)');
    expect(errorOf(() => parseProgram('det + 1'))).toMatch(/^name 1:1 det is a function: .*logdet/);
    expect(errorOf(() => parseProgram('|x|', { let: 'x: n×1' }))).toMatch(/^shape 1:1 \|…\|: the determinant needs a square matrix, not n×1/);
    expect(errorOf(() => parseProgram('x − μ', { let: 'x: d×1, μ: 1×d' }))).toBe('shape 1:3 −: d×1 minus 1×d (no broadcasting of both operands)');
    expect(errorOf(() => parseProgram('x - μ', { let: 'x: d×1, μ: 1×d' }))).toBe('shape 1:3 −: d×1 minus 1×d (no broadcasting of both operands)');
  });
});

describe('masks and hints', () => {
  it('a binary mask is sampled as 0/1, so the textbook masked-factorisation gradient is graded correct', () => {
    const program = 'L = ‖M ⊙ (R − UVᵀ)‖²_F';
    const claim = '−2(M ⊙ (R − UVᵀ))V';
    expect(checkClaim(program, 'U', claim, { let: 'M: m×n binary, R: m×n, U: m×k, V: n×k' }).grade.verdict).toBe('correct');
    // without the declaration M ⊙ M ≠ M and the claim is wrong
    expect(checkClaim(program, 'U', claim, { let: 'M: m×n, R: m×n, U: m×k, V: n×k' }).grade.verdict).toBe('incorrect');
  });
  it('M ⊙ M = M for a mask: the masked gradient in textbook form, right with the mask sampled as 0/1', () =>
    expect('f = ‖M ⊙ (R − UVᵀ)‖²_F').toHaveGradient('U', '2(M ⊙ (UVᵀ − R))V', { let: 'M: m×n binary, R: m×n, U: m×k, V: n×k' }));

  it('softmax of a matrix whose labels are simplex_rows gets a hint', () => {
    const p = parseProgram('L = −sum(Y ⊙ log(softmax(XW)))', { let: 'X: N×D, W: D×K, Y: N×K simplex_rows' });
    expect(p.hints).toEqual(['softmax of a N×K matrix normalises each column, but Y is declared simplex_rows: for probabilities along rows write softmax_rows(…)']);
    expect(parseProgram('L = −sum(Y ⊙ log(softmax_rows(XW)))', { let: 'X: N×D, W: D×K, Y: N×K simplex_rows' }).hints).toEqual([]);
  });
  it('a 1ᵀ read as a ones vector gets a hint; 𝟏ᵀ does not', () => {
    expect(parseProgram('1ᵀv', { let: 'v: n×1' }).hints).toEqual(['read 1ᵀ as a row of ones (ones(1, n)), not the number 1; write 𝟏ᵀ or ones(1, n) to say so']);
    expect(parseProgram('𝟏ᵀv', { let: 'v: n×1' }).hints).toEqual([]);
  });
  it('the derivative of a binary-masked loss keeps its value at a 0/1 point', () => {
    const p = parseProgram('f = sum(M ⊙ x)', { let: 'M: n×1 binary, x: n×1' });
    const d = grad(p, 'x');
    const point = pointFromValues(p, { M: [1, 0, 1], x: [1, 2, 3] });
    expect(Array.from(evaluateAt(p, d.expr, point).data)).toEqual([1, 0, 1]);
  });
});

describe('the same notation in LaTeX', () => {
  it('\\log|\\Sigma| is the log-determinant', () =>
    expect('\\Sigma \\in \\mathbb{R}^{n \\times n}\nL = \\frac{n}{2}\\log|\\Sigma|').toHaveGradient('Σ', 'nΣ⁻ᵀ/2'));
  it('\\mathbf{1}^\\top is a row of ones sized by its product', () =>
    expect('A \\in \\mathbb{R}^{m \\times n}, b \\in \\mathbb{R}^{m}, x \\in \\mathbb{R}^{n}\nL = -\\mathbf{1}^\\top \\log(b - Ax)').toHaveGradient('x', 'Aᵀ(1 ⊘ (b − Ax))'));
});
