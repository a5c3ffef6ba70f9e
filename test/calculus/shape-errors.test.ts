/**
 * The matrix-calculus operators reject operands of the wrong shape (CONTRACT §1): tr,
 * det, logdet, inv and matrix powers need square arguments; diag takes a vector;
 * diag_part a square matrix; a Kronecker product is only added to something of its
 * own size. Each is a DcalcError of kind 'shape' located at the operator (line and
 * column, 1-based) when the program is parsed.
 */
import { describe, it, expect } from 'vitest';
import { parseProgram } from '../../src/api/index.js';
import { DcalcError } from '../../src/errors.js';

/** Parsing `program` fails with a shape error at line:column whose message matches `message`. */
function shapeError(program: string, line: number, column: number, message: RegExp): void {
  let err: unknown;
  try {
    parseProgram(program);
  } catch (e) {
    err = e;
  }
  expect(err, `${program} was accepted`).toBeInstanceOf(DcalcError);
  const e = err as DcalcError;
  expect({ kind: e.kind, line: e.line, column: e.column }, e.message).toEqual({ kind: 'shape', line, column });
  expect(e.message).toMatch(message);
}

describe('square-only operators of a non-square matrix', () => {
  it('tr of an m×n matrix', () => shapeError('X: m×n; tr(X)', 1, 9, /tr: needs a square matrix, not m×n/));
  it('tr of a 2×3 matrix (numeric sizes)', () => shapeError('X: 2×3; tr(X)', 1, 9, /not 2×3/));
  it('tr of a non-square product AX (A m×n, X n×n)', () => shapeError('X: n×n; A: m×n; tr(A X)', 1, 17, /not m×n/));
  it('tr(AXBX) with mismatched outer sizes (A p×m, B n×m)', () => shapeError('A: p×m; X: m×n; B: n×m; tr(A X B X)', 1, 25, /not p×n/));
  it('tr(A ⊗ X) of a non-square Kronecker product', () => shapeError('X: m×n; A: p×q; tr(A ⊗ X)', 1, 17, /tr: needs a square matrix/));
  it('det of an m×n matrix', () => shapeError('X: m×n; det(X)', 1, 9, /det: needs a square matrix, not m×n/));
  it('det of a non-square product AB (A m×n, B n×p)', () => shapeError('A: m×n; B: n×p; det(A B)', 1, 17, /det: .*not m×p/));
  it('det inside 1/det(X)', () => shapeError('X: m×n; 1/det(X)', 1, 11, /det: needs a square matrix/));
  it('logdet of an m×n matrix', () => shapeError('X: m×n; logdet(X)', 1, 9, /logdet: needs a square matrix, not m×n/));
  it('logdet of Xᵀ (n×m) on line 2', () => shapeError('X: m×n\nL = logdet(Xᵀ)', 2, 5, /logdet: .*not n×m/));
  it('det on the second line after a valid definition', () => shapeError('X: m×n; A: m×m; y = tr(A)\nz = det(X)', 2, 5, /det: /));
  it('inv of an m×n matrix', () => shapeError('X: m×n; inv(X)', 1, 9, /inv: needs a square matrix, not m×n/));
  it('inv inside a sum', () => shapeError('X: m×n; inv(X) + 1', 1, 9, /inv: /));
  it('tr of a non-square argument inside (tr X)²', () => shapeError('X: m×n; tr(X)^2', 1, 9, /tr: /));
});

describe('powers of a non-square matrix', () => {
  // x² of a non-square operand is its elementwise square (CONTRACT §1); there is no
  // matrix power, so a 0th or negative power stays an error.
  it('A^2 of an m×n A is its elementwise square', () => expect(parseProgram('A: m×n; A^2').value.shape).toEqual({ rows: 'm', cols: 'n' }));
  it('X² (superscript) likewise', () => expect(parseProgram('X: m×n; X²').value.shape).toEqual({ rows: 'm', cols: 'n' }));
  it('X^0', () => shapeError('X: m×n; X^0', 1, 10, /power needs a square matrix/));
  it('X^(-1)', () => shapeError('X: m×n; X^(-1)', 1, 10, /power needs a square matrix/));
  it('X⁻¹ (superscript inverse)', () => shapeError('X: m×n; X⁻¹', 1, 10, /power needs a square matrix/));
  it('the message points to .^ for an elementwise power', () => shapeError('X: m×n; X^-2', 1, 10, /use \.\^ for an elementwise power/));
  it('a power of a non-square product (XX with X m×n does not even multiply)', () =>
    shapeError('X: m×n; X X', 1, 11, /matrix product: m×n times m×n/));
});

describe('diag and diag_part', () => {
  it('diag of an m×n matrix is an error that points to diag_part', () => shapeError('X: m×n; diag(X)', 1, 9, /diag: takes a vector, not m×n \(diag_part\(X\) extracts the diagonal\)/));
  it('diag of a square matrix is an error too', () => shapeError('X: n×n; diag(X)', 1, 9, /diag: takes a vector, not n×n/));
  it('diag_part of an m×n matrix', () => shapeError('X: m×n; diag_part(X)', 1, 9, /diag_part: needs a square matrix, not m×n/));
  it('diag_part of a column vector', () => shapeError('x: n×1; diag_part(x)', 1, 9, /diag_part: needs a square matrix, not n×1/));
  it('diag of a column and of a row are accepted', () => {
    expect(parseProgram('x: n×1; diag(x)').value.shape).toEqual({ rows: 'n', cols: 'n' });
    expect(parseProgram('x: 1×n; diag(x)').value.shape).toEqual({ rows: 'n', cols: 'n' });
  });
});

describe('Kronecker products in sums', () => {
  it('kron(A, X) + X: an (mp)×(nq) plus an m×n', () => shapeError('A: p×q; X: m×n; kron(A, X) + X', 1, 28, /\+: m·p×n·q plus m×n/));
  it('A ⊗ X + A', () => shapeError('A: p×q; X: m×n; A ⊗ X + A', 1, 23, /\+: m·p×n·q plus p×q/));
  it('kron(X, x) + X (n²×n plus n×n)', () => shapeError('X: n×n; x: n×1; kron(X, x) + X', 1, 28, /\+: n·n×n plus n×n/));
  it('kron(A, X) + kron(X, A) has matching sizes and is accepted', () =>
    expect(parseProgram('A: p×q; X: m×n; kron(A, X) + kron(X, A)').value.shape).toEqual({ rows: 'm*p', cols: 'n*q' }));
  it('eye(n) + X with X m×n', () => shapeError('X: m×n; eye(n) + X', 1, 16, /\+: n×n plus m×n/));
  it('commutation(m, n) X: an (mn)×(mn) times an m×n', () => shapeError('X: m×n; commutation(m, n) X', 1, 27, /matrix product: m·n×m·n times m×n/));
});

describe('assumptions that need a square matrix', () => {
  it('spd on an m×n declaration', () => shapeError('X: m×n spd; X', 1, 8, /spd needs a square matrix, not m×n/));
});
