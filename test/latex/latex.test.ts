/**
 * LaTeX input (src/parse/latex.ts): what each construct translates to, that a LaTeX
 * program has the same derivatives as the same program written in dcalc's notation,
 * and that errors are located at the line:column of the original LaTeX — both the
 * translator's own (`unsupported LaTeX command \foo`) and those the parser or the
 * shape checker find in the translation.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProgram, parseSyntax, grad, jacobian, hessian, toText, toAscii, latexToDcalc, looksLikeLatex } from '../../src/api/index.js';
import { DcalcError } from '../../src/errors.js';
import { agreement } from '../matchers.js';

const tr = (latex: string) => latexToDcalc(latex).text;

describe('looksLikeLatex', () => {
  it.each([
    ['\\sigma(XW + b)', true],
    ['W^\\top', true],
    ['\\frac{a}{b}', true],
    ['a \\odot b', true],
    ['\\left( a \\right)', true],
    ['\\mathbf{x}', true],
    ['a\\,b', true],
    ['L = x \\\\ M = y', true],
    ['$L = x$', true],
    ['σ(XW + b)', false],
    ["x'*A*x", false],
    ['W^T x + ‖x‖²', false],
    ['x: n×1; L = sum(x) # a \\comment', false],
  ])('%s → %s', (text, expected) => expect(looksLikeLatex(text)).toBe(expected));
});

describe('each construct translates to dcalc notation', () => {
  const table: [string, string][] = [
    // functions and products
    ['\\sigma(XW + b)', 'σ(XW + b)'],
    ['\\sigma\\left(XW + b\\right)', 'σ(XW + b)'],
    ['\\sigma (h)^2', 'σ(h)^2'],
    ['a \\odot b', 'a ⊙ b'],
    ['a \\circ b', 'a ∘ b'],
    ['A \\otimes B', 'A ⊗ B'],
    ['a \\oslash b', 'a ⊘ b'],
    ['a \\cdot b', 'a · b'],
    ['a \\times b', 'a · b'],
    ['a \\ast b', 'a * b'],
    ['V\\sigma(h)', 'V σ(h)'],
    // transposes, inverses, powers
    ['W^\\top', 'Wᵀ'],
    ['W^T', 'Wᵀ'],
    ['W^{\\top}', 'Wᵀ'],
    ['W^{T}', 'Wᵀ'],
    ['W^\\intercal', 'Wᵀ'],
    ['W^{\\mathsf{T}}', 'Wᵀ'],
    ['W^{-1}', 'W^{-1}'],
    ['X^{-\\top}', 'X^{-1}ᵀ'],
    ['X^{-T}', 'X^{-1}ᵀ'],
    ['A^{\\circ 2}', 'A.^2'],
    ['A^{\\circ -1}', 'A.^{-1}'],
    ['A^{2}', 'A^2'],
    ['x^{p}', 'x^p'],
    ['e^{-x}', 'exp(-x)'],
    ['e^x', 'exp(x)'],
    ['x^\\top A x', 'xᵀ A x'],
    ['X(p - y)^\\top', 'X(p - y)ᵀ'],
    // fractions and numbers
    ['\\frac{a}{b}', '(a/b)'],
    ['\\frac{1}{N} X^\\top (a - y)', '(1/N) Xᵀ (a - y)'],
    ['\\frac{a + b}{2N}', '((a + b)/(2N))'],
    ['\\dfrac{1}{2}\\|x\\|^2', '(1/2)‖x‖^2'],
    ['\\tfrac12 x', '(1/2) x'],
    ['3 \\cdot 10^{-7} x', '3e-7 x'],
    ['1.5 \\times 10^{3}', '1.5e3'],
    // named functions
    ['\\log(a)', 'log(a)'],
    ['\\log a', 'log a'],
    ['\\ln(1 - a)', 'ln(1 - a)'],
    ['\\exp(x)', 'exp(x)'],
    ['\\exp\\left(x\\right)', 'exp(x)'],
    ['\\log{x}', 'log(x)'],
    ['\\log\\det(X)', 'logdet(X)'],
    ['\\log \\det X', 'logdet X'],
    ['\\det(X)', 'det(X)'],
    ['\\sqrt{x}', 'sqrt(x)'],
    ['\\operatorname{tr}(X)', 'tr(X)'],
    ['\\mathrm{tr}(X)', 'tr(X)'],
    ['\\operatorname{Tr}(X)', 'Tr(X)'],
    ['\\tr(X)', 'tr(X)'],
    ['\\operatorname{softmax}(z)', 'softmax(z)'],
    ['\\mathrm{softmax}(z)', 'softmax(z)'],
    ['\\operatorname{ReLU}(z)', 'ReLU(z)'],
    ['\\operatorname{diag}(v)', 'diag(v)'],
    ['\\operatorname{sum\\_cols}(S - Y)', 'sum_cols(S - Y)'],
    ['\\operatorname*{sum}(X)', 'sum(X)'],
    ['\\operatorname{eye}\\left(k k\\right)', 'eye(k k)'],
    ['\\operatorname{ones}\\left(n, 1\\right)', 'ones(n, 1)'],
    // norms and absolute values
    ['\\|x\\|', '‖x‖'],
    ['\\|x\\|^2', '‖x‖^2'],
    ['\\|x\\|_2^2', '‖x‖_2^2'],
    ['\\|x\\|^2_2', '‖x‖_2^2'],
    ['\\|X\\|_F', '‖X‖_F'],
    ['\\|X\\|_{F}^2', '‖X‖_F^2'],
    ['\\|X\\|_{\\mathrm{F}}', '‖X‖_F'],
    ['\\|x\\|_1', '‖x‖_1'],
    ['\\lVert x \\rVert', '‖ x ‖'],
    ['\\left\\| x \\right\\|', '‖ x ‖'],
    ['\\left\\lVert x \\right\\rVert^2', '‖ x ‖^2'],
    ['\\Vert x\\Vert', '‖ x‖'],
    ['\\left| x \\right|', 'abs( x )'],
    ['\\lvert x \\rvert', 'abs( x )'],
    ['\\lambda\\|w\\|^2', 'λ‖w‖^2'],
    // brackets
    ['\\left( a + b \\right)', '( a + b )'],
    ['\\left[ a + b \\right]', '( a + b )'],
    ['[a + b]', '(a + b)'],
    ['\\bigl( a \\bigr)', '( a )'],
    ['\\Big[ a \\Big]', '( a )'],
    ['\\left\\{ a \\right\\}', '( a )'],
    ['{a + b}c', '(a + b)c'],
    // names
    ['\\mathbf{x}', 'x'],
    ['\\boldsymbol{x}', 'x'],
    ['\\bm{W}_1', 'W_1'],
    ['\\mathbf{W}^\\top \\mathbf{x}', 'Wᵀ x'],
    ['\\hat{y}', 'ŷ'],
    ['\\hat y', 'ŷ'],
    ['\\hat{x}', 'x\u0302'],
    ['\\widehat{Y}', 'Ŷ'],
    ['\\hat{y}_{1}', 'ŷ_1'],
    ['\\bar{x}', 'x\u0304'],
    ['\\tilde{x}', 'x\u0303'],
    ['\\vec{x}', 'x'],
    ['\\mathcal{L}', 'L'],
    ['x_{i}', 'x_i'],
    ['W_1', 'W_1'],
    ['W_{12}', 'W_12'],
    ['W_{\\text{out}}', 'W_out'],
    ['x_i^2', 'x_i^2'],
    ['W_1^\\top', 'W_1ᵀ'],
    ['W^\\top_1', 'W_1ᵀ'],
    ['\\mathrm{loss}', 'loss'],
    ['\\mathrm{loss}_{w}', 'loss_w'],
    ['\\lambda', 'λ'],
    ['\\theta', 'θ'],
    ['\\Theta', 'Θ'],
    ['\\varepsilon', 'ε'],
    ['\\ell', 'ℓ'],
    ['\\alpha\\beta', 'α β'],
    ['2\\lambda w', '2λ w'],
    // spacing
    ['a\\,b', 'a b'],
    ['a\\;b', 'a b'],
    ['a\\ b', 'a b'],
    ['a\\quad b', 'a b'],
    ['a~b', 'a b'],
    ['a\\!b', 'a b'],
    ['\\displaystyle L = x', 'L = x'],
    // statements
    ['L = -y \\log(a) - (1 - y)\\log(1 - a)', 'L = -y log(a) - (1 - y) log(1 - a)'],
    ['L(W, b) = \\|XW + b - y\\|^2', 'L = ‖XW + b - y‖^2'],
    ['\\mathcal{L}(\\theta) = \\theta^\\top \\theta', 'L = θᵀ θ'],
    ['a & b', 'a b'],
    ['L &= x \\\\ M &= y', 'L = x; M = y'],
    ['\\begin{aligned} h &= XW + b \\\\ L &= \\sigma(h) \\end{aligned}', 'h = XW + b; L = σ(h)'],
    ['\\begin{aligned}\nL &= -y \\log a \\\\\n  &\\quad - (1 - y) \\log(1 - a)\n\\end{aligned}', 'L = -y log a - (1 - y) log(1 - a)'],
    ['\\begin{aligned}\nt_{0} &= a - y \\\\\n&X^\\top t_{0}\n\\end{aligned}', 't_0 = a - y; Xᵀ t_0'],
    ['$L = x^\\top x$', 'L = xᵀ x'],
    ['$$L = x^\\top x$$', 'L = xᵀ x'],
    ['\\[ L = x^\\top x \\]', 'L = xᵀ x'],
    ['L = x^\\top x, % a comment', 'L = xᵀ x'],
    ['L = x^\\top x.', 'L = xᵀ x'],
    ['x \\in \\mathbb{R}^{n}\nL = x^\\top x', 'x: n×1\nL = xᵀ x'],
    // declarations
    ['X \\in \\mathbb{R}^{N \\times M}', 'X: N×M'],
    ['x \\in \\mathbb{R}^{n}', 'x: n×1'],
    ['x \\in \\mathbb{R}^n', 'x: n×1'],
    ['t \\in \\mathbb{R}', 't: scalar'],
    ['X, Y \\in \\mathbb{R}^{n \\times m}', 'X, Y: n×m'],
    ['X \\in \\mathbb{R}^{N \\times M}, w \\in \\mathbb{R}^{M}', 'X: N×M, w: M×1'],
    ['X: N \\times M', 'X: N × M'],
    ['S \\in \\mathbb{R}^{n \\times n} \\text{ symmetric}', 'S: n×n symmetric'],
    ['K \\in \\mathbb{R}^{n m \\times n m}', 'K: n·m×n·m'],
    // results as dcalc prints them: the left side and the shape are dropped
    ['\\frac{\\partial L}{\\partial W} = X^\\top (a - y) \\in \\mathbb{R}^{M \\times 1}', 'Xᵀ (a - y)'],
    ['\\nabla_W L = X^\\top (a - y)', 'Xᵀ (a - y)'],
    ['\\frac{\\partial^2 f}{\\partial \\operatorname{vec}(x) \\, \\partial \\operatorname{vec}(x)^\\top} = A^\\top + A \\in \\mathbb{R}^{n \\times n}', 'Aᵀ + A'],
    [
      '\\begin{aligned}\nt_{0} &= \\sigma(x W_{1} + b_{1}) \\\\\n\\frac{\\partial J}{\\partial W_{2}} &= t_{0}^\\top (\\operatorname{softmax}(t_{0} W_{2} + b_{2}) - y) \\in \\mathbb{R}^{H \\times Dy}\n\\end{aligned}',
      't_0 = σ(x W_1 + b_1); t_0ᵀ (softmax(t_0 W_2 + b_2) - y)',
    ],
  ];
  it('covers at least 100 constructs', () => expect(table.length).toBeGreaterThanOrEqual(100));
  it.each(table)('%s', (latex, expected) => expect(tr(latex)).toBe(expected));

  it('each translation above parses as a program (the grammar accepts every output)', () => {
    for (const [latex] of table) {
      const text = tr(latex);
      expect(text, latex).not.toMatch(/\\/);
      expect(parseSyntax(text).statements.length, `${latex} → ${text}`).toBeGreaterThan(0);
    }
  });
});

describe('a LaTeX program has the derivatives of the same program in dcalc notation', () => {
  const pairs: { latex: string; text: string; wrt: string[]; let?: string }[] = [
    {
      latex: 'X \\in \\mathbb{R}^{1 \\times M};\\; W \\in \\mathbb{R}^{M}; b, y \\in \\mathbb{R}\na = \\sigma(XW + b)\nL = -y \\log(a) - (1 - y)\\log(1 - a)',
      text: 'X: 1×M; W: M×1; b: scalar; y: scalar\na = σ(XW + b)\nL = −y log(a) − (1 − y) log(1 − a)',
      wrt: ['W', 'b', 'a'],
    },
    {
      latex: '\\begin{aligned}\nh &= \\sigma(X W_1 + b_1) \\\\\n\\hat{Y} &= \\operatorname{softmax\\_rows}(h W_2 + b_2) \\\\\nJ &= -\\frac{1}{N} \\operatorname{sum}(Y \\odot \\log \\hat{Y})\n\\end{aligned}',
      text: 'h = σ(XW_1 + b_1)\nŶ = softmax_rows(h W_2 + b_2)\nJ = −sum(Y ⊙ log(Ŷ))/N',
      wrt: ['W_1', 'b_1', 'W_2', 'b_2'],
      let: 'X: N×D, W_1: D×H, b_1: 1×H, W_2: H×K, b_2: 1×K, Y: N×K simplex_rows',
    },
    { latex: 'L = \\frac{1}{N}\\|Xw - y\\|_2^2 + \\lambda \\|w\\|^2', text: 'L = ‖Xw − y‖²/N + λ‖w‖²', wrt: ['w', 'λ'], let: 'X: N×M, w: M×1, y: N×1, λ: scalar' },
    { latex: 'f = \\operatorname{tr}(A X^{-1} B)', text: 'f = tr(A inv(X) B)', wrt: ['X'], let: 'A: m×n, X: n×n, B: n×m' },
    { latex: 'f = \\mathbf{x}^\\top A \\mathbf{x} + \\mathbf{b}^\\top \\mathbf{x}', text: 'f = xᵀAx + bᵀx', wrt: ['x', 'A', 'b'], let: 'A: n×n, x: n×1, b: n×1' },
    { latex: 'f = \\log\\det(X) + \\mathrm{tr}(A X)', text: 'f = logdet(X) + tr(AX)', wrt: ['X'], let: 'X: n×n spd, A: n×n' },
    {
      latex: '\\hat{x} = V\\sigma(Wx + b) + c \\\\ L = \\frac{1}{2}\\left\\|\\hat{x} - x\\right\\|^2',
      text: 'x̂ = V σ(Wx + b) + c\nL = ‖x̂ − x‖²/2',
      wrt: ['V', 'c', 'W', 'b'],
      let: 'x: n×1, W: k×n, b: k×1, V: n×k, c: n×1',
    },
    {
      latex: 'f = \\operatorname{sum}(X^{\\circ 2}) + \\operatorname{sum}(e^{X}) + \\operatorname{tr}(X^\\top X)',
      text: 'f = sum(X.^2) + sum(exp(X)) + tr(XᵀX)',
      wrt: ['X'],
      let: 'X: m×n',
    },
    {
      latex: 'X \\in \\mathbb{R}^{N \\times M}, W \\in \\mathbb{R}^{M \\times K}, Y \\in \\mathbb{R}^{N \\times K}\nL(W) = \\left\\lVert XW - Y \\right\\rVert_F^2',
      text: 'X: N×M; W: M×K; Y: N×K\nL = ‖XW − Y‖_F²',
      wrt: ['W'],
    },
    {
      latex: 'p = \\sigma(Xw + b)\nL = -\\left(y^\\top \\log(p) + (1 - y)^\\top \\log(1 - p)\\right)',
      text: 'p = σ(Xw + b)\nL = −(yᵀ log(p) + (1 − y)ᵀ log(1 − p))',
      wrt: ['w', 'b'],
      let: 'X: N×M, w: M×1, b: scalar, y: N×1',
    },
    { latex: 'z = \\theta^\\top x \\\\ \\ell = \\ln\\left(1 + e^{-y z}\\right)', text: 'z = θᵀx\nℓ = log(1 + exp(−y z))', wrt: ['θ'], let: 'θ: d×1, x: d×1, y: scalar' },
    {
      latex: '$$\\mathcal{L}(W) = \\frac{1}{2N} \\|XW - Y\\|_F^2 + \\frac{\\lambda}{2}\\|W\\|_F^2$$',
      text: 'L = ‖XW − Y‖_F²/(2N) + λ‖W‖_F²/2',
      wrt: ['W'],
      let: 'X: N×M, W: M×K, Y: N×K, λ: scalar',
    },
  ];
  it.each(pairs)('$latex', ({ latex, text, wrt, let: lets }) => {
    const pl = parseProgram(latex, { let: lets });
    const pt = parseProgram(text, { let: lets });
    for (const w of wrt) {
      const dl = grad(pl, w);
      const dt = grad(pt, w);
      expect(toText(pl, dl.expr), `∂/∂${w}`).toBe(toText(pt, dt.expr));
      expect(agreement(dt, text, toAscii(pl, dl.expr), { let: lets })).toBeLessThan(1e-9);
    }
  });

  it('the binary cross-entropy of a sigmoid, written in LaTeX: ∂L/∂W = Xᵀ(a − y)', () => {
    const program = 'a = \\sigma(XW + b)\nL = -y \\log(a) - (1 - y)\\log(1 - a)';
    const lets = 'X: 1×M, W: M×1, b: scalar, y: scalar';
    const p = parseProgram(program, { let: lets });
    expect(toText(p, grad(p, 'W').expr)).toBe('Xᵀ(a − y)');
    expect(toText(p, grad(p, 'b').expr)).toBe('a − y');
  });

  it('Jacobians and Hessians of LaTeX programs', () => {
    const a = parseProgram('F = A X B', { let: 'A: p×m, X: m×n, B: n×q' });
    expect(toText(a, jacobian(a, 'X').expr)).toBe('Bᵀ ⊗ A');
    const b = parseProgram('f = \\mathbf{x}^\\top A \\mathbf{x}', { let: 'A: n×n, x: n×1' });
    expect(toText(b, hessian(b, 'x').expr)).toBe('Aᵀ + A');
    const c = parseProgram('F = X^{-1}', { let: 'X: n×n' });
    expect(toText(c, jacobian(c, 'X').expr)).toBe(toText(parseProgram('F = inv(X)', { let: 'X: n×n' }), jacobian(parseProgram('F = inv(X)', { let: 'X: n×n' }), 'X').expr));
  });

  it('--let may be LaTeX too', () => {
    const p = parseProgram('L = \\|Xw - y\\|^2', { let: 'X \\in \\mathbb{R}^{N \\times M}, w \\in \\mathbb{R}^{M}, y \\in \\mathbb{R}^{N}' });
    expect(toText(p, grad(p, 'w').expr)).toBe('2Xᵀ(Xw − y)');
  });

  it('from: "latex" forces the translation, from: "text" turns it off', () => {
    // no backslash: detected as dcalc notation, but valid LaTeX too
    const p = parseProgram('L = x^T A x', { let: 'A: n×n, x: n×1', from: 'latex' });
    expect(toText(p, grad(p, 'x').expr)).toBe('(Aᵀ + A)x');
    expect(() => parseProgram('L = x^\\top x', { let: 'x: n×1', from: 'text' })).toThrow(/unexpected character '\\'/);
    // `{` `}` group in LaTeX but are not parentheses in dcalc
    expect(toText(parseProgram('L = 2{x + 1}', { let: 'x: scalar', from: 'latex' }), grad(parseProgram('L = 2{x + 1}', { let: 'x: scalar', from: 'latex' }), 'x').expr)).toBe('2');
  });
});

describe('errors are located in the original LaTeX', () => {
  const errors: [string, string, number, number, RegExp][] = [
    ['x \\in \\mathbb{R}^{n}\nL = \\sum_i x_i', 'parse', 2, 5, /^unsupported LaTeX command \\sum/],
    ['L = \\foo{x}', 'parse', 1, 5, /^unsupported LaTeX command \\foo$/],
    ['X \\in \\mathbb{R}^{N \\times M}\nL = \\|X\\|_F^2 + \\foo', 'parse', 2, 17, /^unsupported LaTeX command \\foo$/],
    ['L = a \\partial b', 'parse', 1, 7, /^unsupported LaTeX command \\partial/],
    ['L = \\frac{a}', 'parse', 1, 5, /\\frac needs an argument/],
    ['L = \\log{x', 'parse', 1, 9, /unmatched '\{'/],
    ['L = \\log x}', 'parse', 1, 11, /unmatched '\}'/],
    ['\\begin{pmatrix} 1 \\end{pmatrix}', 'parse', 1, 1, /unsupported LaTeX environment pmatrix/],
    ['x \\in \\mathbb{Z}^n', 'parse', 1, 7, /real space/],
    ['x \\in \\mathbb{R}^{n}\nL = \\mathbf{2}^\\top x', 'parse', 2, 5, /unit vector/],
    ['x \\in \\mathbb{R}^{n}\nL = x_{i,j}', 'parse', 2, 6, /subscript/],
    ['x \\in \\mathbb{R}^{n}\nL = \\|x\\|_3', 'parse', 2, 10, /norm subscript/],
    // |x| is dcalc's bars: the determinant of a square matrix, abs of a scalar
    ['x \\in \\mathbb{R}^{n}\nL = |x|^2', 'shape', 2, 5, /determinant needs a square matrix, not n×1/],
    // errors found by the parser in the translation
    ['x \\in \\mathbb{R}^{n}\nL = \\log(x + ', 'parse', 2, 13, /unexpected end of input/],
    ['x \\in \\mathbb{R}^{n}\nL = x^\\top x +* 2', 'parse', 2, 15, /unexpected '\*'/],
    ['x \\in \\mathbb{R}^{n}\nL = \\frac{x +}{2}', 'parse', 2, 14, /unexpected '\)'/],
    // … and by the builder and the shape checker
    ['X \\in \\mathbb{R}^{N \\times M}; y \\in \\mathbb{R}^{N}\nL = \\sigma(X y)', 'shape', 2, 14, /inner sizes/],
    ['x \\in \\mathbb{R}^{n}\nL = \\hat{y} + 1', 'name', 2, 5, /ŷ/],
    ['\\begin{aligned} x &\\in \\mathbb{R}^{n} \\\\ L &= \\lambda x^\\top x \\end{aligned}', 'name', 1, 47, /λ/],
    ['x \\in \\mathbb{R}^{n}\n\\frac{\\partial L}{\\partial x} = \\mathrm{foo}(x)', 'name', 2, 33, /unknown function foo/],
  ];
  it.each(errors)('%s → %s error at %i:%i', (latex, kind, line, column, message) => {
    let err: unknown;
    try {
      parseProgram(latex);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DcalcError);
    const e = err as DcalcError;
    expect({ kind: e.kind, line: e.line, column: e.column }).toEqual({ kind, line, column });
    expect(e.message).toMatch(message);
  });

  it('mapLoc maps a place in the translation back to the LaTeX', () => {
    const latex = 'a = \\sigma(XW + b)\nL = \\frac{1}{N} \\lambda \\|w\\|^2';
    const t = latexToDcalc(latex);
    expect(t.text).toBe('a = σ(XW + b)\nL = (1/N) λ ‖w‖^2');
    expect(t.mapLoc({ line: 1, column: 5 })).toEqual({ line: 1, column: 5 }); // σ ← \sigma
    expect(t.mapLoc({ line: 1, column: 7 })).toEqual({ line: 1, column: 12 }); // X
    expect(t.mapLoc({ line: 1, column: 10 })).toEqual({ line: 1, column: 15 }); // +
    expect(t.mapLoc({ line: 2, column: 11 })).toEqual({ line: 2, column: 17 }); // λ ← \lambda
    expect(t.mapLoc({ line: 2, column: 13 })).toEqual({ line: 2, column: 25 }); // ‖ ← \|
    expect(t.mapLoc({ line: 2, column: 19 })).toEqual({ line: 2, column: 32 }); // the end
  });

  it('columns count code points in both texts', () => {
    const t = latexToDcalc('𝐱 = \\lambda y');
    expect(t.text).toBe('𝐱 = λ y');
    expect(t.mapLoc({ line: 1, column: 7 })).toEqual({ line: 1, column: 13 });
  });

  it('deep nesting is a limit error, not a crash', () => {
    const deep = `L = ${'{'.repeat(5000)}x${'}'.repeat(5000)}`;
    expect(() => parseProgram(deep, { from: 'latex' })).toThrow(DcalcError);
    try {
      parseProgram(deep, { from: 'latex' });
    } catch (e) {
      expect((e as DcalcError).kind).toBe('limit');
    }
  });
});

// ---- the command line (needs a build: DCALC_SKIP_TYPES=1 node scripts/build.mjs) ------------

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function dcalc(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the command line', () => {
  const LETS = ['--let', 'X: 1×M, W: M×1, b: scalar, y: scalar'];
  const PROGRAM = 'a = \\sigma(XW + b)\nL = -y \\log(a) - (1 - y)\\log(1 - a)';

  it('detects LaTeX', () => {
    const r = dcalc(['grad', PROGRAM, 'wrt', 'W', ...LETS]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}\n');
  });

  it('--from latex and --from text', () => {
    expect(dcalc(['grad', PROGRAM, 'wrt', 'W', ...LETS, '--from', 'latex', '--format', 'ascii']).stdout).toBe("X'*(a - y)\n");
    const r = dcalc(['grad', PROGRAM, 'wrt', 'W', ...LETS, '--from', 'text']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dcalc: parse error at 1:5: unexpected character '\\'/);
    const bad = dcalc(['grad', PROGRAM, 'wrt', 'W', ...LETS, '--from', 'tex']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/usage error: .*--from.*text, latex/);
  });

  it('puts the caret under the original LaTeX', () => {
    const r = dcalc(['grad', 'X \\in \\mathbb{R}^{N \\times M}\nL = \\|X\\|_F^2 + \\foo', 'wrt', 'X']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dcalc: parse error at 2:17: unsupported LaTeX command \\foo\n  L = \\|X\\|_F^2 + \\foo\n                  ^\n');
    const s = dcalc(['grad', 'X \\in \\mathbb{R}^{N \\times M}; y \\in \\mathbb{R}^{N}\nL = \\operatorname{sum}(\\sigma(X y))', 'wrt', 'X']);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/^dcalc: shape error at 2:33: .*\n {2}L = \\operatorname\{sum\}\(\\sigma\(X y\)\)\n {34}\^\n$/);
  });

  it('reads a LaTeX file with -f', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcalc-latex-'));
    const file = join(dir, 'loss.tex');
    writeFileSync(file, '% logistic regression\n\\begin{aligned}\na &= \\sigma(XW + b) \\\\\nL &= -y \\log(a) - (1 - y)\\log(1 - a)\n\\end{aligned}\n');
    const r = dcalc(['grad', '-f', file, 'wrt', 'b', ...LETS, '--format', 'latex']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('\\frac{\\partial L}{\\partial b} = a - y \\in \\mathbb{R}^{1 \\times 1}\n');
  });
});
