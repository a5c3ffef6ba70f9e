/**
 * Determinant, log-determinant and inverse of a square matrix (Matrix Cookbook):
 *   ∂ det X/∂X = det(X) X⁻ᵀ (eq. 49); ∂ log det X/∂X = X⁻ᵀ (eq. 57);
 *   d(X⁻¹) = −X⁻¹ dX X⁻¹ (eq. 59), so ∂/∂X = −X⁻ᵀ G X⁻ᵀ.
 */
import { apply, shapeError } from '../ast.js';
import * as E from '../algebra.js';
import { SCALAR, isSquare, showShape, type Shape } from '../shape/shape.js';
import { scalar, det as matDet, inv as matInv } from '../numeric/matrix.js';
import { DcalcError } from '../errors.js';
import { type OpSpec, fnCall, sameName } from './spec.js';

function square(name: string, s: Shape): void {
  if (!isSquare(s)) shapeError(`needs a square matrix, not ${showShape(s)}`);
  void name;
}

export const det: OpSpec = {
  symbol: 'det',
  identity: 'd det X = det(X) tr(X⁻¹ dX) (Matrix Cookbook eq. 45)',
  arity: 1,
  fn: { names: ['det'], arity: 1 },
  shape([a]) {
    square('det', a!);
    return SCALAR;
  },
  vjp: (node, g) => [E.mul(E.mul(g, node), E.transpose(apply('inv', [node.args[0]!])))],
  // d det X = det(X) tr(X⁻¹ dX) (Matrix Cookbook §2.1, eq. 45)
  jvp: (node, [da]) => (da ? E.mul(node, apply('tr', [E.matmul(apply('inv', [node.args[0]!]), da)])) : null),
  evaluate: ([a]) => scalar(matDet(a!)),
  print: (_n, p) => fnCall({ text: 'det', ascii: 'det', latex: '\\det' }, p, 1),
};

export const logdet: OpSpec = {
  symbol: 'logdet',
  identity: 'd log det X = tr(X⁻¹ dX) (Matrix Cookbook eq. 46)',
  arity: 1,
  fn: { names: ['logdet'], arity: 1 },
  wantsPositive: true,
  shape([a]) {
    square('logdet', a!);
    return SCALAR;
  },
  vjp: (node, g) => [E.mul(g, E.transpose(apply('inv', [node.args[0]!])))],
  // d log det X = tr(X⁻¹ dX) (Matrix Cookbook §2.1, eq. 46)
  jvp: (node, [da]) => (da ? apply('tr', [E.matmul(apply('inv', [node.args[0]!]), da)]) : null),
  evaluate([a]) {
    const d = matDet(a!);
    if (!(d > 0)) throw new DcalcError('domain', `logdet of a matrix whose determinant is not positive (${d})`);
    return scalar(Math.log(d));
  },
  print: (_n, p) => fnCall({ text: 'logdet', ascii: 'logdet', latex: '\\log\\det' }, p, 1),
};

export const inv: OpSpec = {
  symbol: 'inv',
  identity: 'd(X⁻¹) = −X⁻¹ dX X⁻¹ (Matrix Cookbook eq. 43)',
  arity: 1,
  fn: { names: ['inv'], arity: 1 },
  shape([a]) {
    square('inv', a!);
    return a!;
  },
  vjp(node, g) {
    const it = E.transpose(node);
    return [E.neg(E.matmul(E.matmul(it, g), it))];
  },
  // d(X⁻¹) = −X⁻¹ dX X⁻¹ (Matrix Cookbook §2.1, eq. 43)
  jvp: (node, [da]) => (da ? E.neg(E.matmul(E.matmul(node, da), node)) : null),
  evaluate: ([a]) => matInv(a!),
  print(_n, p) {
    if (p.format === 'ascii') return fnCall(sameName('inv'), p, 1);
    if (p.format === 'latex') return { text: `${p.arg(0, 40)}^{-1}`, prec: 30 };
    return { text: `${p.arg(0, 40)}⁻¹`, prec: 30 };
  },
};
