/**
 * The operators added as one registry entry each (log1p, expm1, triu, tril) work in
 * every command: grad, jacobian, hessian and differential (golden text, central finite
 * differences, read back), check (a right and a wrong claim), and LaTeX in and out.
 */
import { describe, expect, it } from 'vitest';
import { checkClaim, differentialOf, grad, parseProgram, render, toText, latexToDcalc, checkDerivative } from '../../src/api/index.js';
import { agreement } from '../matchers.js';

describe('grad', () => {
  it('∂/∂W sum(Y ⊙ log1p(XW)) = Xᵀ(Y ⊘ (1 + XW))', () =>
    expect('X: m×n; W: n×k positive; Y: m×k\nL = sum(Y ⊙ log1p(X W))').toHaveGradient('W', 'Xᵀ(Y ⊘ (1 + XW))'));
  it('∂/∂W sum(expm1(XW)) = Xᵀ exp(XW)', () => expect('X: m×n; W: n×k\nL = sum(expm1(X W))').toHaveGradient('W', 'Xᵀ exp(XW)'));
  it('∂/∂X tr(triu(AX)) = Aᵀ triu(I)', () => expect('A: m×n; X: n×m\nL = tr(triu(A X))').toHaveGradient('X', 'Aᵀ triu(eye(m))'));
  it('∂/∂X sum(tril(X) ⊙ B) = tril(B)', () => expect('X: m×n; B: m×n\nL = sum(tril(X) ⊙ B)').toHaveGradient('X', 'tril(B)'));
});

describe('jacobian', () => {
  it('∂log1p(x)/∂xᵀ = diag(1 ⊘ (1 + x))', () => expect('x: n×1 positive\nF = log1p(x)').toHaveJacobian('x', 'diag(1 ⊘ (1 + x))'));
  it('∂expm1(x)/∂xᵀ = diag(exp(x))', () => expect('x: n×1\nF = expm1(x)').toHaveJacobian('x', 'diag(exp(x))'));
  it('∂vec triu(AX)/∂vec Xᵀ = diag(vec(triu(1)))(I ⊗ A)', () =>
    expect('A: m×n; X: n×k\nF = triu(A X)').toHaveJacobian('X', 'diag(vec(triu(ones(m, k))))(eye(k) ⊗ A)'));
  it('∂vec tril(X)/∂vec Xᵀ = diag(vec(tril(1)))', () => expect('X: m×n\nF = tril(X)').toHaveJacobian('X', 'diag(vec(tril(ones(m, n))))'));
});

describe('hessian', () => {
  it('of sum(log1p(x)): −diag(1 ⊘ (1 + x)²)', () => expect('x: n×1 positive\nL = sum(log1p(x))').toHaveHessian('x', '−diag(1 ⊘ (1 + x)²)'));
  it('of sum(expm1(x)): diag(exp(x))', () => expect('x: n×1\nL = sum(expm1(x))').toHaveHessian('x', 'diag(exp(x))'));
  it('of sum(tril(X) ⊙ X): 2 diag(vec(tril(1)))', () => expect('X: m×n\nL = sum(tril(X) ⊙ X)').toHaveHessian('X', '2diag(vec(tril(ones(m, n))))'));
  // (the mask squared is not simplified to the mask: no rule knows triu(1) is 0/1)
  it('of ‖triu(X)‖²: 2 diag(vec(triu(1)).^2)', () => expect('X: m×n\nL = norm2sq(triu(X))').toHaveHessian('X', '2diag(vec(triu(ones(m, n)))²)'));
});

describe('differential', () => {
  const cases: [string, string, string][] = [
    ['x: n×1 positive\nF = log1p(x)', 'x', 'dx ⊘ (1 + x)'],
    ['X: m×n\nL = sum(expm1(X))', 'X', 'sum(dX ⊙ exp(X))'],
    ['X: m×n\nF = triu(X)ᵀ', 'X', 'triu(dX)ᵀ'],
    ['X: n×n\nL = tr(tril(X))', 'X', 'tr(tril(dX))'],
  ];
  it.each(cases)('d of %s wrt %s is %s, and it reads back to the same value', (program, wrt, expected) => {
    const df = differentialOf(program, wrt);
    const text = toText(df.program, df.expr);
    expect(text).toBe(expected);
    const withDx = parseProgram(`${program}\nd${wrt}: ${df.dX.shape.rows}×${df.dX.shape.cols}\n${text}`);
    expect(withDx.value.shape).toEqual(df.expr.shape);
  });
  it('of tr(tril(X)) reads off the gradient tril(I), verified numerically', () => {
    const df = differentialOf('X: n×n\nL = tr(tril(X))', 'X');
    expect(toText(df.program, df.gradient!.expr)).toBe('tril(eye(n))');
    expect(checkDerivative(df.gradient!).ok).toBe(true);
  });
});

describe('check', () => {
  it('grades the right claims correct', () => {
    expect(checkClaim('X: m×n\nL = sum(triu(X))', 'X', 'triu(ones(m, n))').grade.verdict).toBe('correct');
    expect(checkClaim('x: n×1 positive\nL = sum(log1p(x))', 'x', '1 ⊘ (1 + x)').grade.verdict).toBe('correct');
    expect(checkClaim('x: n×1\nL = sum(expm1(x))', 'x', 'exp(x)').grade.verdict).toBe('correct');
  });
  it('and the wrong ones incorrect', () => {
    expect(checkClaim('X: m×n\nL = sum(triu(X))', 'X', 'tril(ones(m, n))').grade.verdict).toBe('incorrect');
    expect(checkClaim('x: n×1\nL = sum(expm1(x))', 'x', 'expm1(x)').grade.verdict).toBe('incorrect');
  });
});

describe('LaTeX', () => {
  it('prints each as an \\operatorname', () => {
    const p = parseProgram('X: m×n positive\nF = triu(X) + tril(X) + log1p(X) + expm1(X)');
    expect(render(p, p.value, { format: 'latex', inline: true }).text).toBe('\\operatorname{triu}(X) + \\operatorname{tril}(X) + \\operatorname{log1p}(X) + \\operatorname{expm1}(X)');
  });
  it('reads each back from LaTeX input, \\operatorname{…} and \\mathrm{…}', () => {
    expect(latexToDcalc('\\operatorname{log1p}(x) + \\mathrm{expm1}(x) + \\operatorname{triu}(X) + \\operatorname{tril}(X)').text).toBe('log1p(x) + expm1(x) + triu(X) + tril(X)');
  });
  it('a LaTeX program with them differentiates like the text one', () => {
    const latex = 'L = \\operatorname{sum}(\\operatorname{triu}(X) \\odot \\operatorname{log1p}(X))';
    const d = grad(parseProgram(latex, { let: 'X: m×n positive' }), 'X');
    expect(agreement(d, 'X: m×n positive', 'triu(log1p(X)) + triu(X) ⊘ (1 + X)')).toBeLessThan(1e-9);
  });
});
