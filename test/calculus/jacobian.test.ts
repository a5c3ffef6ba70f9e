/**
 * Jacobians ∂vec(F)/∂vec(X)ᵀ in numerator layout (CONTRACT §2): a p×q F and an r×c X
 * give a (pq)×(rc) matrix; vec stacks columns, so vec(AXB) = (Bᵀ ⊗ A)vec(X) and
 * vec(Xᵀ) = K vec(X) with K = commutation(m, n) for an m×n X. With respect to a scalar
 * the Jacobian is the elementwise derivative shaped like F; of a scalar F it is
 * vec(∇F)ᵀ. `toHaveJacobian` compares every column with central finite differences.
 *
 * `expectValue` is used where dcalc's value is right but its printed form is not yet
 * the textbook one (listed in the report).
 */
import { describe, it, expect } from 'vitest';
import { derivative, agreement } from '../matchers.js';
import { checkDerivative } from '../../src/api/index.js';

function expectValue(program: string, wrt: string, textbook: string): void {
  const { d, text } = derivative('jacobian', program, wrt);
  const check = checkDerivative(d, { seed: 1, points: 3 });
  expect(check.points, `finite differences found no valid points for ${text}`).toBe(3);
  expect(check.maxRelErr, `${text} disagrees with finite differences`).toBeLessThan(1e-5);
  expect(agreement(d, program, textbook), `printed ${text}, textbook ${textbook}`).toBeLessThan(1e-9);
}

describe('linear maps (vec(AXB) = (Bᵀ ⊗ A)vec X)', () => {
  it('∂vec(AX)/∂vec(X)ᵀ = I ⊗ A (A p×m, X m×n)', () => expect('A: p×m; X: m×n\nF = A X').toHaveJacobian('X', 'eye(n) ⊗ A'));
  it('∂vec(XB)/∂vec(X)ᵀ = Bᵀ ⊗ I (X m×n, B n×q)', () => expect('X: m×n; B: n×q\nF = X B').toHaveJacobian('X', 'Bᵀ ⊗ eye(m)'));
  it('∂vec(AXB)/∂vec(X)ᵀ = Bᵀ ⊗ A', () => expect('A: p×m; X: m×n; B: n×q\nF = A X B').toHaveJacobian('X', 'Bᵀ ⊗ A'));
  it('∂vec(AX)/∂vec(A)ᵀ = Xᵀ ⊗ I (w.r.t. the left factor)', () => expect('A: p×m; X: m×n\nF = vec(A X)').toHaveJacobian('A', 'Xᵀ ⊗ eye(p)'));
  it('∂vec(AX)/∂vec(X)ᵀ = I ⊗ A (vec written out)', () => expect('A: p×m; X: m×n\nF = vec(A X)').toHaveJacobian('X', 'eye(n) ⊗ A'));
  it('∂(Ax)/∂xᵀ = A (a vector: the usual Jacobian)', () => expect('A: m×n; x: n×1\nF = A x').toHaveJacobian('x', 'A'));
  it('∂(Ax + b)/∂xᵀ = A', () => expect('A: m×n; x: n×1; b: m×1\nF = A x + b').toHaveJacobian('x', 'A'));
  it('∂(Xx)/∂vec(X)ᵀ = xᵀ ⊗ I', () => expect('X: m×n; x: n×1\nF = X x').toHaveJacobian('X', 'xᵀ ⊗ eye(m)'));
  it('∂vec(axᵀ)/∂xᵀ = I ⊗ a', () => expect('x: n×1; a: m×1\nF = a xᵀ').toHaveJacobian('x', 'eye(n) ⊗ a'));
  it('∂vec(2X)/∂vec(X)ᵀ = 2I', () => expect('X: m×n\nF = 2 X').toHaveJacobian('X', '2eye(m·n)'));
  it('∂vec(X)/∂vec(X)ᵀ = I', () => expect('X: m×n\nF = vec(X)').toHaveJacobian('X', 'eye(m·n)'));
  it('∂vec(AX⁻¹B)/∂vec(X)ᵀ = −(BᵀX⁻ᵀ ⊗ AX⁻¹)', () =>
    expect('X: n×n; A: n×n; B: n×n\nF = A inv(X) B').toHaveJacobian('X', '−(BᵀX⁻ᵀ ⊗ AX⁻¹)'));
});

describe('transposes and the commutation matrix', () => {
  it('∂vec(Xᵀ)/∂vec(X)ᵀ = K (commutation(m, n), X m×n)', () => expect('X: m×n\nF = Xᵀ').toHaveJacobian('X', 'commutation(m, n)'));
  it('∂vec(Xᵀ)/∂vec(X)ᵀ = K (vec written out)', () => expect('X: m×n\nF = vec(Xᵀ)').toHaveJacobian('X', 'commutation(m, n)'));
  it('∂xᵀ/∂xᵀ = I (a column to a row: K = I)', () => expect('x: n×1\nF = xᵀ').toHaveJacobian('x', 'eye(n)'));
  it('∂vec(XᵀX)/∂vec(X)ᵀ = (Xᵀ ⊗ I)K + I ⊗ Xᵀ (X m×n)', () =>
    expect('X: m×n\nF = Xᵀ X').toHaveJacobian('X', '(Xᵀ ⊗ eye(n)) commutation(m, n) + eye(n) ⊗ Xᵀ'));
  it('∂vec(XXᵀ)/∂vec(X)ᵀ = X ⊗ I + (I ⊗ X)K (X m×n)', () =>
    expect('X: m×n\nF = X Xᵀ').toHaveJacobian('X', 'X ⊗ eye(m) + (eye(m) ⊗ X) commutation(m, n)'));
  it('∂vec(XBXᵀ)/∂vec(X)ᵀ = XBᵀ ⊗ I + (I ⊗ XB)K', () =>
    expect('X: m×n; B: n×n\nF = X B Xᵀ').toHaveJacobian('X', 'XBᵀ ⊗ eye(m) + (eye(m) ⊗ XB) commutation(m, n)'));
  it('∂vec(Xᵀ ⊙ Xᵀ)/∂vec(X)ᵀ = 2diag(vec(Xᵀ))K', () =>
    expect('X: m×n\nF = Xᵀ ⊙ Xᵀ').toHaveJacobian('X', 'diag(2vec(Xᵀ)) commutation(m, n)'));
});

describe('powers and inverses of a square X', () => {
  it('∂vec(X²)/∂vec(X)ᵀ = Xᵀ ⊗ I + I ⊗ X', () => expect('X: n×n\nF = X^2').toHaveJacobian('X', 'Xᵀ ⊗ eye(n) + eye(n) ⊗ X'));
  it('∂vec(X³)/∂vec(X)ᵀ = (X²)ᵀ ⊗ I + Xᵀ ⊗ X + I ⊗ X²', () =>
    expect('X: n×n\nF = X^3').toHaveJacobian('X', '(Xᵀ)² ⊗ eye(n) + Xᵀ ⊗ X + eye(n) ⊗ X²'));
  it('∂vec(XXX)/∂vec(X)ᵀ = (X²)ᵀ ⊗ I + Xᵀ ⊗ X + I ⊗ X² (written as a product)', () =>
    expectValue('X: n×n\nF = X X X', 'X', '(X²)ᵀ ⊗ eye(n) + Xᵀ ⊗ X + eye(n) ⊗ X²'));
  it('∂vec(XAX)/∂vec(X)ᵀ = XᵀAᵀ ⊗ I + I ⊗ XA', () => expect('X: n×n; A: n×n\nF = X A X').toHaveJacobian('X', 'XᵀAᵀ ⊗ eye(n) + eye(n) ⊗ XA'));
  it('∂vec(X⁻¹)/∂vec(X)ᵀ = −(X⁻ᵀ ⊗ X⁻¹) (Cookbook eq. 59 vectorised)', () => expect('X: n×n\ninv(X)').toHaveJacobian('X', '−(X⁻ᵀ ⊗ X⁻¹)'));
  it('∂vec(X⁻¹)/∂vec(X)ᵀ = −(X⁻ᵀ ⊗ X⁻¹) (written X⁻¹)', () => expect('X: n×n\nX⁻¹').toHaveJacobian('X', '−(X⁻ᵀ ⊗ X⁻¹)'));
  it('∂vec(X^(−1))/∂vec(X)ᵀ = −(X⁻ᵀ ⊗ X⁻¹) (written as a power)', () => expect('X: n×n\nX^(-1)').toHaveJacobian('X', '−(X⁻ᵀ ⊗ X⁻¹)'));
  it('∂vec(X⁻²)/∂vec(X)ᵀ = −((X⁻²)ᵀ ⊗ X⁻¹ + X⁻ᵀ ⊗ X⁻²)', () =>
    expect('X: n×n\nF = X^(-2)').toHaveJacobian('X', '−((X⁻ᵀ)² ⊗ X⁻¹ + X⁻ᵀ ⊗ F)'));
  it('∂(A⁻¹x)/∂xᵀ = A⁻¹', () => expect('x: n×1; A: n×n\nF = inv(A) x').toHaveJacobian('x', 'A⁻¹'));
  it('∂vec((A + xxᵀ)⁻¹)/∂xᵀ = −((A + xxᵀ)⁻ᵀ ⊗ (A + xxᵀ)⁻¹)(x ⊗ I + I ⊗ x)', () =>
    expectValue('x: n×1; A: n×n\nF = inv(A + x xᵀ)', 'x', 'S = inv(A + x xᵀ); −(Sᵀ ⊗ S)(x ⊗ eye(n) + eye(n) ⊗ x)'));
});

describe('Kronecker products (vec(A ⊗ B) = (I ⊗ K ⊗ I)(vec A ⊗ vec B))', () => {
  it('∂vec(kron(A, X))/∂vec(X)ᵀ = (I_q ⊗ K_{n,p} ⊗ I_m)(vec(A) ⊗ I_{mn}) (A p×q, X m×n)', () =>
    expect('X: m×n; A: p×q\nF = kron(A, X)').toHaveJacobian('X', '(eye(q) ⊗ commutation(n, p) ⊗ eye(m))(vec(A) ⊗ eye(m·n))'));
  it('∂vec(A ⊗ X)/∂vec(X)ᵀ: the same, written with ⊗', () =>
    expect('X: m×n; A: p×q\nF = A ⊗ X').toHaveJacobian('X', '(eye(q) ⊗ commutation(n, p) ⊗ eye(m))(vec(A) ⊗ eye(m·n))'));
  it('∂vec(kron(X, A))/∂vec(X)ᵀ = (I_n ⊗ K_{q,m} ⊗ I_p)(I_{mn} ⊗ vec(A))', () =>
    expect('X: m×n; A: p×q\nF = kron(X, A)').toHaveJacobian('X', '(eye(n) ⊗ commutation(q, m) ⊗ eye(p))(eye(m·n) ⊗ vec(A))'));
  it('∂vec(xxᵀ)/∂xᵀ = x ⊗ I + I ⊗ x', () => expect('x: n×1\nF = x xᵀ').toHaveJacobian('x', 'x ⊗ eye(n) + eye(n) ⊗ x'));
});

describe('elementwise functions (diag(vec(f′(X))))', () => {
  it('∂vec(σ(X))/∂vec(X)ᵀ = diag(vec(σ(X) ⊙ (1 − σ(X))))', () =>
    expect('X: m×n\nσ(X)').toHaveJacobian('X', 'diag(vec(σ(X) ⊙ (1 − σ(X))))'));
  it('∂vec(exp(X))/∂vec(X)ᵀ = diag(vec(exp(X)))', () => expect('X: m×n\nexp(X)').toHaveJacobian('X', 'diag(vec(exp(X)))'));
  it('∂vec(log(X))/∂vec(X)ᵀ = diag(vec(1 ⊘ X)) (X > 0)', () => expect('X: m×n positive\nF = log(X)').toHaveJacobian('X', 'diag(vec(1 ⊘ X))'));
  it('∂vec(tanh(X))/∂vec(X)ᵀ = diag(vec(1 − tanh(X).^2))', () => expect('X: m×n\ntanh(X)').toHaveJacobian('X', 'diag(vec(1 − tanh(X)²))'));
  it('∂vec(relu(X))/∂vec(X)ᵀ = diag(vec(step(X)))', () => expect('X: m×n\nF = relu(X)').toHaveJacobian('X', 'diag(vec(step(X)))'));
  it('∂vec(A ⊙ X)/∂vec(X)ᵀ = diag(vec(A))', () => expect('X: m×n; A: m×n\nF = A ⊙ X').toHaveJacobian('X', 'diag(vec(A))'));
  it('∂vec(X ⊙ X)/∂vec(X)ᵀ = 2diag(vec(X))', () => expect('X: m×n\nF = X ⊙ X').toHaveJacobian('X', 'diag(2vec(X))'));
  it('∂exp(x)/∂xᵀ = diag(exp(x)) (a vector needs no vec)', () => expect('x: n×1\nexp(x)').toHaveJacobian('x', 'diag(exp(x))'));
  it('∂σ(x)/∂xᵀ = diag(σ(x) ⊙ (1 − σ(x)))', () => expect('x: n×1\nσ(x)').toHaveJacobian('x', 'diag(σ(x) ⊙ (1 − σ(x)))'));
  it('∂(x ⊙ y)/∂xᵀ = diag(y)', () => expect('x: n×1; y: n×1\nF = x ⊙ y').toHaveJacobian('x', 'diag(y)'));
});

describe('softmax', () => {
  it('∂softmax(x)/∂xᵀ = diag(s) − ssᵀ', () =>
    expect('x: n×1\nsoftmax(x)').toHaveJacobian('x', 't0 = softmax(x); diag(t0) − t0 t0ᵀ'));
  it('∂vec(softmax(X))/∂vec(X)ᵀ = diag(vec S) − diag(vec S)(I ⊗ 11ᵀ)diag(vec S) (column-wise softmax)', () =>
    expect('X: m×n\nsoftmax(X)').toHaveJacobian('X', 't0 = diag(vec(softmax(X))); t0 − t0(eye(n) ⊗ ones(m, m))t0'));
  it('∂log(softmax(z))/∂zᵀ = I − 1sᵀ', () =>
    expectValue('z: n×1\nF = log(softmax(z))', 'z', 'eye(n) − ones(n, 1) softmax(z)ᵀ'));
  it('∂softmax(Wx)/∂xᵀ = (diag(s) − ssᵀ)W', () =>
    expectValue('x: n×1; W: m×n\nF = softmax(W x)', 'x', 's = softmax(W x); (diag(s) − s sᵀ)W'));
  it('∂softmax(Wx)/∂vec(W)ᵀ = xᵀ ⊗ (diag(s) − ssᵀ)', () =>
    expectValue('x: n×1; W: m×n\nF = softmax(W x)', 'W', 's = softmax(W x); xᵀ ⊗ (diag(s) − s sᵀ)'));
});

describe('a sigmoid layer h = σ(Wx + b)', () => {
  it('∂h/∂vec(W)ᵀ = diag(h ⊙ (1 − h))(xᵀ ⊗ I)', () =>
    expect('W: m×n; x: n×1; b: m×1\nσ(W x + b)').toHaveJacobian('W', 't0 = σ(Wx + b); diag(t0 ⊙ (1 − t0))(xᵀ ⊗ eye(m))'));
  it('∂h/∂vec(W)ᵀ = diag(h ⊙ (1 − h))(xᵀ ⊗ I) (h named)', () =>
    expect('W: m×n; x: n×1; b: m×1\nh = σ(W x + b)\nh').toHaveJacobian('W', 'diag(h ⊙ (1 − h))(xᵀ ⊗ eye(m))'));
  it('∂h/∂xᵀ = diag(h ⊙ (1 − h))W', () =>
    expect('W: m×n; x: n×1; b: m×1\nσ(W x + b)').toHaveJacobian('x', 't0 = σ(Wx + b); diag(t0 ⊙ (1 − t0))W'));
  it('∂h/∂bᵀ = diag(h ⊙ (1 − h))', () =>
    expect('W: m×n; x: n×1; b: m×1\nσ(W x + b)').toHaveJacobian('b', 't0 = σ(Wx + b); diag(t0 ⊙ (1 − t0))'));
});

describe('structure: diag, diag_part, sums', () => {
  it('∂vec(diag(x))/∂xᵀ = diag(vec(I))(1 ⊗ I)', () => expect('x: n×1\nF = diag(x)').toHaveJacobian('x', 'diag(vec(eye(n)))(ones(n, 1) ⊗ eye(n))'));
  it('∂diag_part(X)/∂vec(X)ᵀ = (1ᵀ ⊗ I)diag(vec(I))', () => expect('X: n×n\nF = diag_part(X)').toHaveJacobian('X', '(ones(1, n) ⊗ eye(n)) diag(vec(eye(n)))'));
  it('∂sum_rows(X)/∂vec(X)ᵀ = 1ᵀ ⊗ I (row sums, m×1)', () => expect('X: m×n\nF = sum_rows(X)').toHaveJacobian('X', 'ones(1, n) ⊗ eye(m)'));
  it('∂sum_cols(X)/∂vec(X)ᵀ = I ⊗ 1ᵀ (column sums, 1×n)', () => expect('X: m×n\nF = sum_cols(X)').toHaveJacobian('X', 'eye(n) ⊗ ones(1, m)'));
});

describe('scalar F: the Jacobian is vec(∇F)ᵀ', () => {
  it('∂tr(X)/∂vec(X)ᵀ = vec(I)ᵀ', () => expect('X: n×n\nL = tr(X)').toHaveJacobian('X', 'vec(eye(n))ᵀ'));
  it('∂det(X)/∂vec(X)ᵀ = vec(det(X)X⁻ᵀ)ᵀ', () => expect('X: n×n\ndet(X)').toHaveJacobian('X', 'vec(det(X)X⁻ᵀ)ᵀ'));
  it('∂sum(X)/∂vec(X)ᵀ = vec(1)ᵀ', () => expect('X: m×n\nL = sum(X)').toHaveJacobian('X', 'vec(ones(m, n))ᵀ'));
  it('∂‖x‖²/∂xᵀ = 2xᵀ (a row)', () => expect('x: n×1\nF = ‖x‖²').toHaveJacobian('x', '2xᵀ'));
});

describe('vector functions of a vector', () => {
  it('∂((aᵀx)x)/∂xᵀ = xaᵀ + (aᵀx)I', () => expect('x: n×1; a: n×1\nF = (aᵀ x) x').toHaveJacobian('x', 'xaᵀ + (aᵀx) eye(n)'));
  it('∂(x/‖x‖)/∂xᵀ = (I − xxᵀ/‖x‖²)/‖x‖', () => expect('x: n×1\nx/‖x‖').toHaveJacobian('x', '(eye(n) − xxᵀ/‖x‖²)/‖x‖'));
  it('residual block: ∂(x + W₂σ(W₁x + b₁))/∂xᵀ = I + W₂ diag(h ⊙ (1 − h))W₁', () =>
    expect('x: n×1; W1: h×n; b1: h×1; W2: n×h\nh1 = σ(W1 x + b1)\ny = x + W2 h1\ny').toHaveJacobian('x', 'eye(n) + W2 diag(h1 ⊙ (1 − h1))W1'));
});

describe('with respect to a scalar: the elementwise derivative, shaped like F', () => {
  it('∂(tA)/∂t = A (m×n)', () => expect('t: scalar; A: m×n\nF = t A').toHaveJacobian('t', 'A'));
  it('∂(aX)/∂a = X', () => expect('X: m×n; a: scalar\nF = a X').toHaveJacobian('a', 'X'));
  it('∂(A + tB)/∂t = B', () => expect('t: scalar; A: m×n; B: m×n\nF = A + t B').toHaveJacobian('t', 'B'));
  it('∂(t²A)/∂t = 2tA', () => expect('t: scalar; A: n×n\nF = t^2 A').toHaveJacobian('t', '2tA'));
  it('∂exp(tA)/∂t = A ⊙ exp(tA) (elementwise exp)', () => expect('t: scalar; A: m×n\nexp(t A)').toHaveJacobian('t', 'A ⊙ exp(tA)'));
  it('∂sin(tX)/∂t = X ⊙ cos(tX)', () => expect('t: scalar; X: m×n\nF = sin(t X)').toHaveJacobian('t', 'X ⊙ cos(tX)'));
  it('∂(exp(t)x)/∂t = exp(t)x', () => expect('t: scalar; x: n×1\nexp(t) x').toHaveJacobian('t', 'exp(t)x'));
  it('∂σ(tx + a)/∂t = x ⊙ σ′', () =>
    expect('t: scalar; x: n×1; a: n×1\nσ(t x + a)').toHaveJacobian('t', 't0 = σ(tx + a); x ⊙ t0 ⊙ (1 − t0)'));
  it('∂(A + tB)⁻¹/∂t = −(A + tB)⁻¹B(A + tB)⁻¹ (Cookbook eq. 59)', () =>
    expect('t: scalar; A: n×n; B: n×n\ninv(A + t B)').toHaveJacobian('t', 't0 = (A + tB)⁻¹; −t0 Bt0'));
  it('∂(tX)⁻¹/∂t = −(tX)⁻¹X(tX)⁻¹', () => expect('t: scalar; X: n×n\ninv(t X)').toHaveJacobian('t', '−(tX)⁻¹X (tX)⁻¹'));
  it('∂det(A + tB)/∂t = det(A + tB)tr((A + tB)⁻¹B) (Cookbook eq. 46)', () =>
    expect('t: scalar; A: n×n; B: n×n\ndet(A + t B)').toHaveJacobian('t', 'det(A + tB) tr((A + tB)⁻¹B)'));
});
