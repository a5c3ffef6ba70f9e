/**
 * Reductions to fewer entries: sum of all entries, row sums (m×1), column sums (1×n),
 * the trace, and the norms.
 *   ∂ sum(X)/∂X = 1 (a matrix of ones); ∂ tr(X)/∂X = I (Cookbook eq. 99);
 *   ∂‖x‖₂²/∂x = 2x; ∂‖x‖₂/∂x = x/‖x‖₂ (eq. 131); ∂‖x‖₁/∂x = sign(x).
 */
import { apply, type Expr } from '../ast.js';
import * as E from '../algebra.js';
import { SCALAR, isVector, showShape } from '../shape/shape.js';
import { scalar, sumAll, sumRows as matSumRows, sumCols as matSumCols, trace, norm2 as matNorm2, map } from '../numeric/matrix.js';
import { type OpSpec, fnCall, sameName, PREC } from './spec.js';
import { kron, ones } from './vec-forms.js';

const sum: OpSpec = {
  symbol: 'sum',
  python: { numpy: 'np.sum({0}, keepdims=True)', torch: 'torch.sum({0}).reshape(1, 1)' },
  identity: 'd sum(A) = sum(dA) = tr(1ᵀ dA)',
  arity: 1,
  fn: { names: ['sum'], arity: 1, doc: 'the sum of all entries' },
  shape: () => SCALAR,
  vjp: (node, g) => [E.broadcastTo(g, node.args[0]!.shape)],
  jvp: (_node, [da]) => (da ? E.sumAll(da) : null),
  linear: { identity: 'sum(X) = 1ᵀ vec(X)', vectorize: (_node, [la]) => apply('sum_cols', [la!]) },
  linearInEach: true,
  evaluate: ([a]) => scalar(sumAll(a!)),
  print: (_n, p) => fnCall({ text: 'sum', ascii: 'sum', latex: '\\operatorname{sum}' }, p, 1),
};

const sumRows: OpSpec = {
  symbol: 'sum_rows',
  python: { numpy: 'np.sum({0}, axis=1, keepdims=True)', torch: 'torch.sum({0}, dim=1, keepdim=True)' },
  identity: 'd sum_rows(A) = sum_rows(dA)',
  arity: 1,
  fn: { names: ['sum_rows'], arity: 1, doc: 'the sum of each row (m×1)' },
  shape: ([a]) => ({ rows: a!.rows, cols: 1 }),
  vjp: (node, g) => [E.broadcastTo(g, node.args[0]!.shape)],
  jvp: (_node, [da]) => (da ? apply('sum_rows', [da]) : null),
  // vec(X 1) = (1ᵀ ⊗ I) vec(X)
  linear: { vectorize: (node, [la]) => E.matmul(kron(ones(1, node.args[0]!.shape.cols), E.eye(node.args[0]!.shape.rows)), la!) },
  linearInEach: true,
  evaluate: ([a]) => matSumRows(a!),
  print: (_n, p) => fnCall(sameName('sum_rows'), p, 1),
};

const sumCols: OpSpec = {
  symbol: 'sum_cols',
  python: { numpy: 'np.sum({0}, axis=0, keepdims=True)', torch: 'torch.sum({0}, dim=0, keepdim=True)' },
  identity: 'd sum_cols(A) = sum_cols(dA)',
  arity: 1,
  fn: { names: ['sum_cols'], arity: 1, doc: 'the sum of each column (1×n)' },
  shape: ([a]) => ({ rows: 1, cols: a!.cols }),
  vjp: (node, g) => [E.broadcastTo(g, node.args[0]!.shape)],
  jvp: (_node, [da]) => (da ? apply('sum_cols', [da]) : null),
  // vec(1ᵀ X) = (I ⊗ 1ᵀ) vec(X)
  linear: { vectorize: (node, [la]) => E.matmul(kron(E.eye(node.args[0]!.shape.cols), ones(1, node.args[0]!.shape.rows)), la!) },
  linearInEach: true,
  evaluate: ([a]) => matSumCols(a!),
  print: (_n, p) => fnCall(sameName('sum_cols'), p, 1),
};

const tr: OpSpec = {
  symbol: 'tr',
  python: { numpy: 'np.trace({0}).reshape(1, 1)', torch: 'torch.trace({0}).reshape(1, 1)' },
  identity: 'd tr(A) = tr(dA) = tr(Iᵀ dA)',
  arity: 1,
  fn: { names: ['tr', 'trace', 'Tr'], arity: 1, doc: 'the trace of a square matrix' },
  shape([a], _attr, sizes) {
    sizes.same(a!.rows, a!.cols, () => `needs a square matrix, not ${showShape(a!)}`);
    return SCALAR;
  },
  vjp: (node, g) => [E.mul(g, E.eye(node.args[0]!.shape.rows))],
  jvp: (_node, [da]) => (da ? apply('tr', [da]) : null),
  linear: { identity: 'tr(X) = vec(I)ᵀ vec(X)', vectorize: (node, [la]) => E.matmul(E.transpose(apply('vec', [E.eye(node.args[0]!.shape.rows)])), la!) },
  linearInEach: true,
  evaluate: ([a]) => scalar(trace(a!)),
  print: (_n, p) => fnCall({ text: 'tr', ascii: 'tr', latex: '\\operatorname{tr}' }, p, 1),
};

function normPrint(kind: '2' | '2sq' | '1') {
  return (node: Parameters<OpSpec['print']>[0], p: Parameters<OpSpec['print']>[1]) => {
    const vec = isVector(node.args[0]!.shape);
    if (p.format === 'ascii') return fnCall(sameName(kind === '2' ? 'norm2' : kind === '2sq' ? 'norm2sq' : 'norm1'), p, 1);
    const inner = p.arg(0, 0);
    const sub = kind === '1' ? '_1' : vec ? '' : '_F';
    if (p.format === 'latex') {
      const body = `\\left\\lVert ${inner} \\right\\rVert${sub}`;
      return { text: kind === '2sq' ? `${body}^2` : body, prec: kind === '2sq' ? PREC.post : PREC.atom };
    }
    const body = `‖${inner}‖${sub}`;
    return { text: kind === '2sq' ? `${body}²` : body, prec: kind === '2sq' ? PREC.post : PREC.atom };
  };
}

const norm2: OpSpec = {
  symbol: 'norm2',
  python: { numpy: 'np.linalg.norm({0}).reshape(1, 1)', torch: 'torch.linalg.norm({0}).reshape(1, 1)' },
  identity: 'd‖x‖ = xᵀdx/‖x‖',
  arity: 1,
  fn: { names: ['norm2', 'norm', 'frob'], arity: 1, doc: 'the 2-norm of a vector, the Frobenius norm of a matrix: `‖x‖`, `‖X‖_F`' },
  shape: () => SCALAR,
  vjp: (node, g) => [E.mul(g, E.div(node.args[0]!, node))],
  // d‖x‖ = sum(x ⊙ dx)/‖x‖
  jvp: (node, [da]) => (da ? E.div(E.sumAll(E.mul(node.args[0]!, da)), node) : null),
  evaluate: ([a]) => scalar(matNorm2(a!)),
  print: normPrint('2'),
};

const norm2sq: OpSpec = {
  symbol: 'norm2sq',
  python: { numpy: 'np.sum({0} ** 2, keepdims=True)', torch: 'torch.sum({0} ** 2).reshape(1, 1)' },
  identity: 'd‖x‖² = 2xᵀdx',
  arity: 1,
  fn: { names: ['norm2sq'], arity: 1, doc: 'its square: `‖x‖²`' },
  shape: () => SCALAR,
  vjp: (node, g) => [E.mul(E.mul(E.num(2), g), node.args[0]!)],
  jvp: (node, [da]) => (da ? E.mul(E.num(2), E.sumAll(E.mul(node.args[0]!, da))) : null),
  evaluate: ([a]) => scalar(matNorm2(a!) ** 2),
  print: normPrint('2sq'),
};

const norm1: OpSpec = {
  symbol: 'norm1',
  python: { numpy: 'np.sum(np.abs({0}), keepdims=True)', torch: 'torch.sum(torch.abs({0})).reshape(1, 1)' },
  identity: 'd‖x‖₁ = sign(x)ᵀdx',
  arity: 1,
  fn: { names: ['norm1'], arity: 1, doc: 'the sum of absolute values: `‖x‖_1`' },
  shape: () => SCALAR,
  vjp: (node, g) => [E.mul(g, apply('sign', [node.args[0]!]))],
  jvp: (node, [da]) => (da ? E.sumAll(E.mul(apply('sign', [node.args[0]!]), da)) : null),
  evaluate: ([a]) => scalar(sumAll(map(a!, Math.abs))),
  smooth: false,
  print: normPrint('1'),
};

export type { Expr };

/** The reduce family, by operator name. */
export const REDUCE_OPS = { sum, sum_rows: sumRows, sum_cols: sumCols, tr, norm2, norm2sq, norm1 } satisfies Record<string, OpSpec>;
