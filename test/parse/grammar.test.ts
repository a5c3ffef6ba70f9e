import { describe, expect, test } from 'vitest';
import { parseDeclarations, parseExpression, parseSyntax } from '../../src/parse/parser.js';
import { DcalcError } from '../../src/errors.js';
import type { Syn, SynDim, SynStatement } from '../../src/parse/syntax.js';
import { errorOf, show, sx } from './show-syntax.js';

// ---- printers ------------------------------------------------------------------


function dim(d: SynDim): string {
  if (d.t === 'dimnum') return String(d.value);
  if (d.t === 'dimname') return d.name;
  return `${dim(d.left)}*${dim(d.right)}`;
}

/** A statement as `X,Y: N×M symmetric`, `h = (+ XW b)` or the expression's sx. */
function st(s: SynStatement): string {
  if (s.t === 'decl') {
    const size = s.rows === null || s.cols === null ? 'scalar' : `${dim(s.rows)}×${dim(s.cols)}`;
    return [`${s.names.map((n) => n.name).join(',')}: ${size}`, ...s.assumptions.map((a) => a.name)].join(' ');
  }
  if (s.t === 'def') return `${s.name} = ${show(s.expr)}`;
  return show(s.expr);
}

const prog = (text: string): string[] => parseSyntax(text).statements.map(st);
const lets = (text: string): string[] => parseDeclarations(text).map(st);

const err = errorOf;
const perr = (text: string): string => err(() => parseSyntax(text));

const at = (l: { line: number; column: number }): string => `${l.line}:${l.column}`;

// ---- the CONTRACT §1 table ---------------------------------------------------------

describe('CONTRACT §1 operators, ASCII and Unicode', () => {
  test.each([
    // matrix product
    ['A*B', '(* A B)'],
    ['AB', 'AB'],
    ['A B', '(juxt A B)'],
    ['A·B', '(* A B)'],
    ['A⋅B', '(* A B)'],
    ['2x', '(juxt 2 x)'],
    ['Xᵀ(a − y)', '(juxt (T X) (paren (- a y)))'],
    // sum, difference, negation
    ['a + b', '(+ a b)'],
    ['a - b', '(- a b)'],
    ['a − b', '(- a b)'],
    ['-a', '(neg a)'],
    ['−a', '(neg a)'],
    ['+a', 'a'],
    // Hadamard product / quotient
    ['A .* B', '(.* A B)'],
    ['A ./ B', '(./ A B)'],
    ['A ⊙ B', '(.* A B)'],
    ['A ∘ B', '(.* A B)'],
    ['A ⊘ B', '(./ A B)'],
    // division by a scalar
    ['A/s', '(/ A s)'],
    // transpose
    ["A'", '(T A)'],
    ['A^T', '(T A)'],
    ['Aᵀ', '(T A)'],
    ['A^⊤', '(T A)'],
    ['A^{T}', '(T A)'],
    // power
    ['A^p', '(^ A p)'],
    ['A^2', '(^ A 2)'],
    ['A^(-1)', '(^ A (paren (neg 1)))'],
    ['A^-1', '(^ A -1)'],
    ['A^{-1}', '(^ A (neg 1))'],
    ['A^{2}', '(^ A 2)'],
    ['A⁻¹', '(^ A -1)'],
    ['x²', '(^ x 2)'],
    ['x³', '(^ x 3)'],
    ['x¹⁰', '(^ x 10)'],
    // elementwise power
    ['A.^p', '(.^ A p)'],
    ['A.^2', '(.^ A 2)'],
    ['A.^-1', '(.^ A -1)'],
    ['A.^(1/2)', '(.^ A (paren (/ 1 2)))'],
    // Kronecker
    ['kron(A,B)', '(call kron A B)'],
    ['A ⊗ B', '(kron A B)'],
    // norms
    ['norm2(x)', '(call norm2 x)'],
    ['norm2sq(x)', '(call norm2sq x)'],
    ['norm1(x)', '(call norm1 x)'],
    ['‖x‖', '(norm2 x)'],
    ['‖x‖²', '(^ (norm2 x) 2)'],
    ['‖X‖_F', '(normF X)'],
    ['‖x‖_2', '(norm2 x)'],
    ['‖x‖_1', '(norm1 x)'],
    ['‖x‖_{1}', '(norm1 x)'],
    ['‖x‖₁', '(norm1 x)'],
    ['‖x‖_2^2', '(^ (norm2 x) 2)'],
    ['||x||_2', '(norm2 x)'],
    ['||X||_F^2', '(^ (normF X) 2)'],
  ])('%s', (text, expected) => {
    expect(sx(text)).toBe(expected);
  });

  test('functions are calls', () => {
    for (const f of ['exp', 'log', 'sqrt', 'sin', 'cos', 'tan', 'tanh', 'abs', 'sigmoid', 'relu', 'step', 'σ', 'ReLU', 'ln', 'Softmax', 'sum', 'tr', 'det', 'logdet', 'inv', 'diag', 'vec', 'softmax', 'logsumexp', 'softmax_rows', 'logsumexp_rows', 'mean']) {
      expect(sx(`${f}(x)`)).toBe(`(call ${f} x)`);
    }
    expect(sx('eye(k*k)')).toBe('(call eye (* k k))');
    expect(sx('ones(m,n)')).toBe('(call ones m n)');
    expect(sx('zeros(m, n)')).toBe('(call zeros m n)');
    expect(sx('commutation(m,n)')).toBe('(call commutation m n)');
  });
});

// ---- precedence ------------------------------------------------------------------

describe('precedence and associativity', () => {
  test.each([
    ['λ‖w‖²', '(juxt λ (^ (norm2 w) 2))'],
    ['2x²', '(juxt 2 (^ x 2))'],
    ['aᵀb', '(juxt (T a) b)'],
    ['a^Tb', '(juxt (T a) b)'],
    ['x^T y', '(juxt (T x) y)'],
    ['−y log(a)', '(neg (juxt y (call log a)))'],
    ['-y log(a) - (1-y) log(1-a)', '(- (neg (juxt y (call log a))) (juxt (paren (- 1 y)) (call log (- 1 a))))'],
    ['a ⊙ b W', '(.* a (juxt b W))'],
    ['a ⊙ bW', '(.* a bW)'],
    ['2(x̂ − x) ⊙ s', '(.* (juxt 2 (paren (- x̂ x))) s)'],
    ['X(p − y)ᵀ', '(T (call X (- p y)))'],
    ['X (p − y)ᵀ', '(juxt X (T (paren (- p y))))'],
    ['2.*X', '(.* 2 X)'],
    ['2./X', '(./ 2 X)'],
    ['2.^X', '(.^ 2 X)'],
    ['a * -b', '(* a (neg b))'],
    ['a ⊙ −b', '(.* a (neg b))'],
    ['a - b', '(- a b)'],
    ['a -b', '(- a b)'],
    ['a - -b', '(- a (neg b))'],
    ['a + +b', '(+ a b)'],
    ['a - b + c', '(+ (- a b) c)'],
    ['a*b/c ⊙ d ./ e ⊗ f', '(kron (./ (.* (/ (* a b) c) d) e) f)'],
    ['a + b*c', '(+ a (* b c))'],
    ['a*b + c', '(+ (* a b) c)'],
    ['-a*b', '(* (neg a) b)'],
    ['-a b', '(neg (juxt a b))'],
    ['-x²', '(neg (^ x 2))'],
    ['-sum(Y ⊙ log(s)) / N', '(/ (neg (call sum (.* Y (call log s)))) N)'],
    ['x^2y', '(juxt (^ x 2) y)'],
    ['x^2 y', '(juxt (^ x 2) y)'],
    ['x^n m', '(juxt (^ x n) m)'],
    // right-associative (CONTRACT §1): 2^2^3 is 2^(2^3)
    ['2^2^3', '(^ 2 (^ 2 3))'],
    ['x²ᵀ', '(T (^ x 2))'],
    ['Aᵀ²', '(^ (T A) 2)'],
    ["A'B'", '(juxt (T A) (T B))'],
    ["A''", '(T (T A))'],
    ["x'^2", '(^ (T x) 2)'],
    ['e^x', '(^ e x)'],
    ['x y z', '(juxt (juxt x y) z)'],
    ['2 3', '(juxt 2 3)'],
    ['x 2', '(juxt x 2)'],
    ['x (a)', '(juxt x (paren a))'],
    ['x(a)', '(call x a)'],
    ['(a)(b)', '(juxt (paren a) (paren b))'],
    ['σ(xW1 + b1)W2 + b2', '(+ (juxt (call σ (+ xW1 b1)) W2) b2)'],
    ['‖a‖‖b‖', '(juxt (norm2 a) (norm2 b))'],
    ['‖a‖b‖c‖', '(juxt (juxt (norm2 a) b) (norm2 c))'],
    ['‖ ‖x‖ y‖', '(norm2 (juxt (norm2 x) y))'],
    ['‖(a‖b‖)‖', '(norm2 (paren (juxt a (norm2 b))))'],
    ['‖x − y‖²/2', '(/ (^ (norm2 (- x y)) 2) 2)'],
    ['(1/n)‖x − x̂‖²', '(juxt (paren (/ 1 n)) (^ (norm2 (- x x̂)) 2))'],
    ['diag(s) − sᵀs', '(- (call diag s) (juxt (T s) s))'],
    // a fraction before a space is a coefficient (seed 000's (−y/s)Q)
    ['Xᵀ(−y/s Q)', '(juxt (T X) (paren (neg (juxt (/ y s) Q))))'],
    ["((w^{l+1})ᵀδ^{l+1}) ⊙ σ'(z^l)", "(.* (paren (juxt (T (paren (^ w (+ l 1)))) (^ δ (+ l 1)))) (juxt (T σ) (paren (^ z l))))"],
  ])('%s', (text, expected) => {
    expect(sx(text)).toBe(expected);
  });
});

// ---- lexical details -----------------------------------------------------------

describe('numbers', () => {
  test.each([
    ['2', '2'],
    ['0.5', '0.5'],
    ['.5', '0.5'],
    ['1e-3', '0.001'],
    ['2e5', '200000'],
    ['1E3', '1000'],
    ['2.5e+2', '250'],
    ['007', '7'],
    ['2 .5', '(juxt 2 0.5)'],
    ['2e', '(juxt 2 e)'],
    ['2ex', '(juxt 2 ex)'],
    ['3.5x', '(juxt 3.5 x)'],
  ])('%s', (text, expected) => {
    expect(sx(text)).toBe(expected);
  });

  test('no trailing-dot form', () => {
    expect(sx('2.*X')).toBe('(.* 2 X)');
    expect(perr('1..2')).toBe("parse 1:2 unexpected character '.'");
    expect(perr('2.')).toBe("parse 1:2 unexpected character '.'");
    expect(perr('1.2.3')).toBe("parse 1:4 unexpected '.'");
    expect(perr('x.5')).toBe("parse 1:2 unexpected '.'");
    expect(perr('1e999')).toBe("parse 1:1 number out of range '1e999'");
  });
});

describe('names', () => {
  test.each([
    ['W1', 'W1'],
    ['XW1', 'XW1'],
    ['W_1', 'W_1'],
    ['W_{1}', 'W_1'],
    ['x_{ij}', 'x_ij'],
    ['b₂', 'b₂'],
    ['ŷ', 'ŷ'],
    ['x\u0302', 'x\u0302'],
    ['y_hat', 'y_hat'],
    ['x_i', 'x_i'],
    ['λ', 'λ'],
    ['θ', 'θ'],
    ['loss', 'loss'],
    ['softmax_rows', 'softmax_rows'],
    ['𝐱', '𝐱'],
    ['W1x', '(juxt W1 x)'],
    ['x_iᵀ', '(T x_i)'],
    ['ŷ − y', '(- ŷ y)'],
    ['x̂ − x', '(- x̂ x)'],
  ])('%s', (text, expected) => {
    expect(sx(text)).toBe(expected);
  });

  test('a name directly followed by ( is a call; with a space it is juxtaposition', () => {
    expect(sx('W_{1}(x)')).toBe('(call W_1 x)');
    expect(sx('log (a)')).toBe('(juxt log (paren a))');
    expect(sx('y log(a)')).toBe('(juxt y (call log a))');
    const call = parseExpression('  foo(a, b)');
    expect(call.t).toBe('call');
    if (call.t === 'call') {
      expect(at(call.loc)).toBe('1:3');
      expect(at(call.nameLoc)).toBe('1:3');
    }
  });
});

// ---- statements and declarations ---------------------------------------------------

describe('declarations', () => {
  test.each([
    ['X: N×M', 'X: N×M'],
    ['X: 3x4', 'X: 3×4'],
    ['X: 3 x 4', 'X: 3×4'],
    ['X: n x m', 'X: n×m'],
    ['X: 3xN', 'X: 3×N'],
    ['A: k*k×n', 'A: k*k×n'],
    ['A: (k*k)×n', 'A: k*k×n'],
    ['A: k·k × n', 'A: k*k×n'],
    ['t: scalar', 't: scalar'],
    ['t: scalar positive', 't: scalar positive'],
    ['X ∈ ℝ^{N×M}', 'X: N×M'],
    ['X ∈ R^{N×M}', 'X: N×M'],
    ['X ∈ ℝ^{3x4}', 'X: 3×4'],
    ['X ∈ ℝ^{N x M}', 'X: N×M'],
    ['X ∈ ℝ^N×M', 'X: N×M'],
    ['X ∈ ℝ^{k*k×n}', 'X: k*k×n'],
    ['x ∈ ℝ^n', 'x: n×1'],
    ['x ∈ ℝ^{n}', 'x: n×1'],
    ['x ∈ ℝ³', 'x: 3×1'],
    ['t ∈ ℝ', 't: scalar'],
    ['t ∈ R', 't: scalar'],
    ['X: ℝ^{n×m}', 'X: n×m'],
    ['t: ℝ', 't: scalar'],
    ['X, Y: n×m', 'X,Y: n×m'],
    ['X, Y: n×m symmetric spd', 'X,Y: n×m symmetric spd'],
    ['S: n×n symmetric', 'S: n×n symmetric'],
    ['y: 1×K simplex', 'y: 1×K simplex'],
    ['Y: N×K simplex_rows', 'Y: N×K simplex_rows'],
    ['W_{1}: H×Dx', 'W_1: H×Dx'],
    ['x ∈ ℝ^n positive', 'x: n×1 positive'],
  ])('%s', (text, expected) => {
    expect(prog(text)).toEqual([expected]);
  });

  test('locations of a declaration', () => {
    const [d] = parseSyntax('  X, Y ∈ ℝ^{k*k×n} spd').statements;
    if (d?.t !== 'decl') throw new Error('not a decl');
    expect(at(d.loc)).toBe('1:3');
    expect(d.names.map((n) => at(n.loc))).toEqual(['1:3', '1:6']);
    expect(d.rows?.t).toBe('dimmul');
    expect(at(d.rows!.loc)).toBe('1:14');
    expect(at(d.cols!.loc)).toBe('1:17');
    expect(at(d.assumptions[0]!.loc)).toBe('1:20');
  });

  test('several declarations in one statement with commas', () => {
    expect(prog('X: N×M, W: M×K; b: 1×K')).toEqual(['X: N×M', 'W: M×K', 'b: 1×K']);
  });

  test('--let lists', () => {
    expect(lets('X: N×M, W: M×K, t: scalar, y: 1×K simplex')).toEqual(['X: N×M', 'W: M×K', 't: scalar', 'y: 1×K simplex']);
    expect(lets('X, Y: n×m, t: scalar')).toEqual(['X,Y: n×m', 't: scalar']);
    expect(lets('X: 3x4; t: scalar\nx ∈ ℝ^n')).toEqual(['X: 3×4', 't: scalar', 'x: n×1']);
    expect(lets('X: n x m, x: n x 1')).toEqual(['X: n×m', 'x: n×1']);
    expect(lets('X: k×k,')).toEqual(['X: k×k']);
    expect(lets('  ')).toEqual([]);
    expect(lets('')).toEqual([]);
    expect(err(() => parseDeclarations('x = 1'))).toBe("usage 1:3 unexpected '=', expected ':'");
    expect(err(() => parseDeclarations('X: N×'))).toBe('usage 1:6 unexpected end of input, expected a size');
    expect(err(() => parseDeclarations('X: N×', 'parse'))).toBe('parse 1:6 unexpected end of input, expected a size');
    expect(err(() => parseDeclarations('X: N×M, $'))).toBe("usage 1:9 unexpected character '$'");
  });
});

describe('programs', () => {
  test('definitions and expression statements', () => {
    expect(prog('h = XW + b')).toEqual(['h = (+ XW b)']);
    expect(prog('loss = -y log(a)')).toEqual(['loss = (neg (juxt y (call log a)))']);
    expect(prog('W_{1} = 2')).toEqual(['W_1 = 2']);
    expect(prog('x + 1')).toEqual(['(+ x 1)']);
  });

  test('separators, comments, blank lines, continuation', () => {
    expect(prog('a = 1; b = 2;')).toEqual(['a = 1', 'b = 2']);
    expect(prog(';; a ;; b ;')).toEqual(['a', 'b']);
    expect(prog('\n\n a # comment\n\n# another\n b\n\n')).toEqual(['a', 'b']);
    expect(prog('a = 1\r\nb = 2\r\n')).toEqual(['a = 1', 'b = 2']);
    expect(prog('f = sum(\n  x +\n  y\n)\ng = 1')).toEqual(['f = (call sum (+ x y))', 'g = 1']);
    expect(prog('L = a +\n    b')).toEqual(['L = (+ a b)']);
    expect(prog('L =\n a')).toEqual(['L = a']);
    expect(prog('a\n+ b')).toEqual(['a', 'b']);
    expect(prog('X: N×M # rows are examples\nx')).toEqual(['X: N×M', 'x']);
    expect(prog('x = 1 # ‖ ( $ anything')).toEqual(['x = 1']);
  });

  test('the CONTRACT example program', () => {
    const text = [
      'X: N×M; W: M×K; b: 1×K; Y: N×K      # declarations (also X ∈ ℝ^{N×M}, t: scalar, t ∈ ℝ)',
      'h = XW + b                            # definitions: name = expression',
      's = softmax_rows(h)',
      'L = -sum(Y ⊙ log(s)) / N              # the value of the program is its last statement',
    ].join('\n');
    expect(prog(text)).toEqual([
      'X: N×M',
      'W: M×K',
      'b: 1×K',
      'Y: N×K',
      'h = (+ XW b)',
      's = (call softmax_rows h)',
      'L = (/ (neg (call sum (.* Y (call log s)))) N)',
    ]);
  });

  test('homework-style programs', () => {
    expect(
      prog(`X ∈ R^{1×M}; W ∈ R^{M×1}; b: scalar; y: scalar
h = XW + b
a = σ(h)
L = −y log a − (1−y) log(1−a)`),
    ).toEqual([
      'X: 1×M',
      'W: M×1',
      'b: scalar',
      'y: scalar',
      'h = (+ XW b)',
      'a = (call σ h)',
      'L = (- (neg (juxt (juxt y log) a)) (juxt (paren (- 1 y)) (call log (- 1 a))))',
    ]);
    expect(
      prog(`x ∈ ℝ^n; W1: H×n; b1: H×1; W2: n×H; b2: n×1
h = ReLU(W1x + b1)
x̂ = ReLU(W2h + b2)
L = ‖x − x̂‖²`),
    ).toEqual([
      'x: n×1',
      'W1: H×n',
      'b1: H×1',
      'W2: n×H',
      'b2: n×1',
      'h = (call ReLU (+ (juxt W1 x) b1))',
      'x̂ = (call ReLU (+ (juxt W2 h) b2))',
      'L = (^ (norm2 (- x x̂)) 2)',
    ]);
  });
});

// ---- locations ---------------------------------------------------------------------

describe('locations (1-based, columns in code points)', () => {
  test('node locations', () => {
    const e = parseExpression('a + b*c');
    expect(e.t === 'bin' && at(e.loc)).toBe('1:3');
    if (e.t === 'bin' && e.right.t === 'bin') expect(at(e.right.loc)).toBe('1:6');
    const j = parseExpression('y log(a)');
    expect(j.t === 'bin' && j.op === 'juxt' && at(j.loc)).toBe('1:3');
    const j2 = parseExpression('x  2(a)ᵀ');
    expect(j2.t === 'bin' && at(j2.loc)).toBe('1:5');
    const t = parseExpression("λ‖w‖'");
    expect(t.t === 'bin' && t.right.t === 'transpose' && at(t.right.loc)).toBe('1:5');
    const p = parseExpression('A^(-1)');
    if (p.t !== 'bin' || p.right.t !== 'paren' || p.right.arg.t !== 'neg') throw new Error(show(p));
    expect([at(p.loc), at(p.right.loc), at(p.right.arg.loc)]).toEqual(['1:2', '1:3', '1:4']);
    const n = parseExpression('−‖x‖²');
    if (n.t !== 'neg' || n.arg.t !== 'bin' || n.arg.left.t !== 'norm') throw new Error(show(n));
    expect([at(n.loc), at(n.arg.loc), at(n.arg.left.loc)]).toEqual(['1:1', '1:5', '1:2']);
  });

  test('statement locations', () => {
    const ss = parseSyntax('X: n×n\n  h = x\n\t(a)ᵀ b').statements;
    expect(ss.map((s) => at(s.loc))).toEqual(['1:1', '2:3', '3:2']);
    const d = ss[1]!;
    expect(d.t === 'def' && at(d.nameLoc)).toBe('2:3');
  });

  test('code points, not UTF-16 units', () => {
    expect(perr('𝐱 + $')).toBe("parse 1:5 unexpected character '$'");
    expect(perr('𝐱𝐲 = 1\n𝐱 + 𝐲 + )')).toBe("parse 2:9 unexpected ')', expected an expression");
    const e = parseExpression('𝐱 + y');
    expect(e.t === 'bin' && e.right.t === 'ident' && at(e.right.loc)).toBe('1:5');
  });
});

// ---- errors ------------------------------------------------------------------------

describe('syntax errors are located', () => {
  test.each([
    ['tr(X', "parse 1:5 unexpected end of input, expected ')'"],
    ['1..2', "parse 1:2 unexpected character '.'"],
    ['a + * b', "parse 1:5 unexpected '*', expected an expression"],
    ['X: N×', 'parse 1:6 unexpected end of input, expected a size'],
    ['X: N', "parse 1:5 unexpected end of input, expected '×'"],
    ['X: N\ny = 2', "parse 1:5 unexpected end of line, expected '×'"],
    ['= x', "parse 1:1 unexpected '=', expected an expression"],
    ['$', "parse 1:1 unexpected character '$'"],
    ['x @ y', "parse 1:3 unexpected character '@'"],
    ['a)', "parse 1:2 unexpected ')'"],
    ['(a))', "parse 1:4 unexpected ')'"],
    ['()', "parse 1:2 unexpected ')', expected an expression"],
    ['f()', "parse 1:3 unexpected ')', expected an expression"],
    ['f(a,)', "parse 1:5 unexpected ')', expected an expression"],
    ['‖x', "parse 1:3 unexpected end of input, expected '‖'"],
    ['‖x‖_3', "parse 1:4 unexpected character '_'"],
    ['‖_2 x‖', "parse 1:2 unexpected '_2'"],
    ['‖_2x‖', "parse 1:2 unexpected character '_'"],
    ['x = 1\ny = (2 +\n\n)', "parse 4:1 unexpected ')', expected an expression"],
    ['x^', 'parse 1:3 unexpected end of input, expected an exponent'],
    ['a +', 'parse 1:4 unexpected end of input, expected an expression'],
    ['a = = b', "parse 1:5 unexpected '=', expected an expression"],
    ['X: 3.5×2', "parse 1:4 a size must be a whole number, not '3.5'"],
    ['t ∈ S', "parse 1:5 unexpected 'S'"],
    ['x_', "parse 1:2 unexpected character '_'"],
    ['λ‖w‖ + @', "parse 1:8 unexpected character '@'"],
    ['a × b', "parse 1:3 unexpected '×'"],
    ['x^log(2)', "parse 1:3 unexpected 'log', expected an exponent"],
    ['X Y: n×m', "parse 1:4 unexpected ':'"],
    ["A.'", "parse 1:2 unexpected character '.'"],
    ['a = 1\nb = 2 3 )', "parse 2:9 unexpected ')'"],
    ['f(x', "parse 1:4 unexpected end of input, expected ')'"],
    ['x^{2', "parse 1:5 unexpected end of input, expected '}'"],
    ['a; b +; c', "parse 1:7 unexpected ';', expected an expression"],
    ['', 'parse 1:1 empty program'],
    ['  # only a comment\n;', 'parse 1:1 empty program'],
  ])('%j', (text, expected) => {
    expect(perr(text)).toBe(expected);
  });

  test('parseExpression', () => {
    expect(err(() => parseExpression(''))).toBe('parse 1:1 empty expression');
    expect(err(() => parseExpression('a = b'))).toBe("parse 1:3 unexpected '='");
    expect(err(() => parseExpression('a; b'))).toBe("parse 1:4 unexpected 'b'");
    expect(sx('\n Xᵀ(a − y);\n')).toBe('(juxt (T X) (paren (- a y)))');
  });

  test('messages are one line', () => {
    for (const bad of ['tr(X', 'a + * b', '(((', 'X: : :', '‖‖']) {
      const m = perr(bad);
      expect(m).not.toContain('\n');
      expect(m.length).toBeLessThan(120);
    }
  });
});

// ---- limits ------------------------------------------------------------------------

describe('limits', () => {
  test('input size', () => {
    expect(perr('x'.repeat(100_001))).toBe('limit 1:1 input is larger than 100000 bytes');
    expect(perr('λ'.repeat(50_001))).toBe('limit 1:1 input is larger than 100000 bytes');
    expect(prog('λ'.repeat(50_000))).toEqual(['λ'.repeat(50_000)]);
    expect(err(() => parseDeclarations('x'.repeat(100_001)))).toBe('limit 1:1 input is larger than 100000 bytes');
  });

  test('nesting depth', () => {
    expect(perr('('.repeat(1001) + 'x' + ')'.repeat(1001))).toBe('limit 1:1001 nesting deeper than 1000');
    expect(prog('('.repeat(1000) + 'x' + ')'.repeat(1000))).toHaveLength(1);
    expect(perr('x^{'.repeat(1001) + '2' + '}'.repeat(1001))).toBe('limit 1:3003 nesting deeper than 1000');
    expect(perr('‖'.repeat(1001) + 'x' + '‖'.repeat(1001))).toBe('limit 1:1001 nesting deeper than 1000');
    expect(prog('‖'.repeat(1000) + 'x' + '‖'.repeat(1000))).toHaveLength(1);
    expect(perr('f('.repeat(600) + 'x' + ')'.repeat(600) + ' + ' + '('.repeat(1001))).toBe(
      'limit 1:2805 nesting deeper than 1000',
    );
    expect(perr('-'.repeat(1001) + 'x')).toBe('limit 1:1001 nesting deeper than 1000');
    // errors deep inside brackets are reported (quickly) at the token
    expect(perr('('.repeat(1000) + 'x * )')).toBe("parse 1:1005 unexpected ')', expected an expression");
    expect(perr('‖'.repeat(1000) + 'x‖‖')).toBe("parse 1:1004 unexpected end of input, expected '‖'");
    expect(prog('x = ' + '- '.repeat(1000) + 'x')).toHaveLength(1);
    expect(err(() => parseDeclarations('X: ' + '('.repeat(1001)))).toBe('limit 1:1004 nesting deeper than 1000');
  });

  test('100 KB programs parse quickly', () => {
    const lines: string[] = [];
    for (let i = 0; bytes(lines) < 99_000; i++) lines.push(`a${i} = x + 1`);
    const text1 = lines.join('\n');
    let t0 = performance.now();
    const p1 = parseSyntax(text1);
    const ms1 = performance.now() - t0;
    expect(p1.statements).toHaveLength(lines.length);

    const text2 = 'x + '.repeat(24_999) + 'x';
    t0 = performance.now();
    let e = parseSyntax(text2).statements[0]!;
    const ms2 = performance.now() - t0;
    // walk the left spine without recursion: 25,000 operands
    let n = 1;
    let s: Syn = e.t === 'expr' ? e.expr : (null as never);
    while (s.t === 'bin') {
      n++;
      s = s.left;
    }
    expect(n).toBe(25_000);

    const uni: string[] = [];
    for (let i = 0, n = 0; n < 99_000; i++) {
      uni.push(`L${i} = −y log(σ(xW + b)) ⊙ ‖λ‖²ᵀ`);
      n += utf8(uni[i]!) + 1;
    }
    const text3 = uni.join('\n');
    const last = text3.length;
    t0 = performance.now();
    e = parseSyntax(text3).statements[0]!;
    const ms3 = performance.now() - t0;
    expect(e.t).toBe('def');
    console.log(
      `parse timing: ${lines.length} definitions (${text1.length} B) ${ms1.toFixed(0)} ms; ` +
        `25,000-term sum (${text2.length} B) ${ms2.toFixed(0)} ms; Unicode lines (${last} chars) ${ms3.toFixed(0)} ms`,
    );
  });
});

const utf8 = (s: string): number => new TextEncoder().encode(s).length;
function bytes(lines: string[]): number {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}

// ---- ambiguity -------------------------------------------------------------------

describe('exactly one parse', () => {
  const inputs = [
    'a', 'a + b', 'a - b - c', 'a -b', 'a - -b', '-a', '--a', '-+-a', 'a * -b', 'a*b*c', 'a b c', 'a (b) c',
    '2x', '2 x', '2x²', 'λ‖w‖²', 'aᵀb', "a'b", 'a^Tb', 'a^T b', '−y log(a)', 'a ⊙ b W', 'a ⊙ bW',
    '2(x̂ − x) ⊙ s', 'X(p − y)ᵀ', 'X (p − y)ᵀ', 'A^(-1)', 'A⁻¹', 'x²', 'A.^2', 'A^T', "A'", 'A^⊤', '2.*X',
    '‖x‖', '‖x‖_2', '‖X‖_F', '‖x‖_1', '‖x‖_2^2', '‖a‖‖b‖', '‖a‖b‖c‖', '‖ ‖a‖ ‖', 'f(a, b, c)', 'f((a), (b))',
    'kron(A, B) ⊗ C', 'x^-1 y', 'x^{-1}', 'x^(2)', 'x^n', 'x.^n', "x''", 'x²ᵀ', 'sum(x)/N', 'a/b/c',
    'a ./ b ⊘ c', 'a + b ⊙ c d ᵀ', '(a + b)(c + d)', '((a))', 'a\nb', 'a;b', 'a;;b;', 'a = b\nc = d e',
    'X: n×m; Y: n×m', 'X, Y: n×m symmetric', 'X ∈ ℝ^{n×m}', 'x ∈ ℝ^n', 't ∈ ℝ', 't: scalar', 'A: k*k×n',
    'X: 3x4', 'X: n x m', 'X: N×M, W: M×K', 'X ∈ ℝ^N×M positive', 'x ∈ ℝ^{n} simplex',
    'L = -sum(Y ⊙ log(s)) / N', 'h = σ(xW1 + b1)W2 + b2', 'J = −(1/n) sum(y ⊙ log(σ(Xw)))+ λ‖w‖²',
    'δ = ((W2)ᵀδ2) ⊙ σ(z)(1 − σ(z))', 'Q = diag(s) − sᵀs', 'G = Xᵀ(−y/s Q)',
  ];
  test(`${inputs.length} inputs`, () => {
    expect(inputs.length).toBeGreaterThanOrEqual(80);
    for (const text of inputs) expect(() => parseSyntax(text), text).not.toThrow();
  });

  // A seeded random generator of expression trees, printed with random spellings and
  // spacing; each must parse (once) back to the same tree, parentheses aside.
  test('random round trips', () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const pick = <T>(xs: T[]): T => xs[rnd(xs.length)]!;
    const names = ['x', 'y', 'W1', 'W_1', 'b₂', 'ŷ', 'x̂', 'λ', 'y_hat', 'XW', 'loss'];
    const sp = (): string => pick(['', ' ', '  ']);

    type Gen = { text: string; tree: string };
    const gen = (depth: number): Gen => {
      const k = depth <= 0 ? rnd(2) : rnd(12);
      switch (k) {
        case 0: {
          const v = pick([2, 0.5, 10, 0.001, 3]);
          return { text: String(v), tree: String(v) };
        }
        case 1: {
          const n = pick(names);
          return { text: n, tree: n };
        }
        case 2: {
          const [a, b] = [gen(depth - 1), gen(depth - 1)];
          const [op, spells] = pick<[string, string[]]>([
            ['+', ['+']], ['-', ['-', '−']], ['*', ['*', '·', '⋅']], ['/', ['/']],
            ['.*', ['.*', '⊙', '∘']], ['./', ['./', '⊘']], ['kron', ['⊗']],
          ]);
          return { text: `(${a.text}${sp()}${pick(spells)}${sp()}${b.text})`, tree: `(${op} ${a.tree} ${b.tree})` };
        }
        case 3: {
          const [a, b] = [gen(depth - 1), gen(depth - 1)];
          return { text: `(${a.text} ${b.text})`, tree: `(juxt ${a.tree} ${b.tree})` };
        }
        case 4: {
          const a = gen(depth - 1);
          return { text: `(${pick(['-', '−'])}${sp()}${a.text})`, tree: `(neg ${a.tree})` };
        }
        case 5: {
          const a = gen(depth - 1);
          return { text: `(${a.text})${pick(["'", 'ᵀ', '^T', '^⊤', '^{T}'])}`, tree: `(T ${a.tree})` };
        }
        case 6: {
          const a = gen(depth - 1);
          const [spelling, e] = pick<[string, string]>([['²', '2'], ['⁻¹', '-1'], ['^2', '2'], ['^-1', '-1'], ['^{3}', '3'], ['^n', 'n']]);
          return { text: `(${a.text})${spelling}`, tree: `(^ ${a.tree} ${e})` };
        }
        case 7: {
          const [a, b] = [gen(depth - 1), gen(depth - 1)];
          return { text: `(${a.text}).^(${b.text})`, tree: `(.^ ${a.tree} ${b.tree})` };
        }
        case 8: {
          const [a, b] = [gen(depth - 1), gen(depth - 1)];
          const f = pick(['kron', 'ones', 'f']);
          return { text: `${f}(${sp()}${a.text}${sp()},${sp()}${b.text})`, tree: `(call ${f} ${a.tree} ${b.tree})` };
        }
        case 9: {
          const a = gen(depth - 1);
          const [spelling, kind] = pick<[string, string]>([['', '2'], ['_2', '2'], ['_F', 'F'], ['_1', '1'], ['₂', '2']]);
          const bar = pick(['‖', '||']);
          return { text: `${bar}${sp()}${a.text}${sp()}${bar}${spelling}`, tree: `(norm${kind} ${a.tree})` };
        }
        case 10: {
          const a = gen(depth - 1);
          const f = pick(['log', 'σ', 'softmax_rows']);
          return { text: `${f}(${a.text})`, tree: `(call ${f} ${a.tree})` };
        }
        default: {
          const a = gen(depth - 1);
          return { text: `(\n${a.text}\n)`, tree: a.tree };
        }
      }
    };
    const noParen = (s: Syn): string => show(s, false);
    for (let i = 0; i < 400; i++) {
      const g = gen(1 + rnd(5));
      const parsed = parseSyntax(`r = ${g.text}`).statements[0]!;
      expect(parsed.t === 'def' && noParen(parsed.expr), g.text).toBe(g.tree);
    }
  });

  // Random character soup: every input either parses (once) or fails with a DcalcError.
  test('random inputs never crash or parse ambiguously', () => {
    let seed = 777;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const pieces = ['x', 'y', 'W1', '2', '.5', ' ', ' ', '+', '-', '−', '*', '/', '.*', '⊙', '^', '.^', "'", 'ᵀ', '²', '⁻¹',
      '(', ')', '{', '}', '‖', '_F', ',', ';', '\n', ':', '∈', 'ℝ', '×', 'x', '=', 'log(', 'scalar', '#c\n', '$', '..'];
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const len = 1 + rnd(14);
      for (let j = 0; j < len; j++) text += pieces[rnd(pieces.length)];
      for (const f of [parseSyntax, parseExpression, parseDeclarations] as ((t: string) => unknown)[]) {
        try {
          f(text);
          parsed++;
        } catch (e) {
          if (!(e instanceof DcalcError)) throw new Error(`${JSON.stringify(text)}: ${String(e)}`);
          expect(e.line, text).toBeGreaterThanOrEqual(1);
          expect(e.column, text).toBeGreaterThanOrEqual(1);
          expect(e.message, text).not.toContain('\n');
        }
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });
});
