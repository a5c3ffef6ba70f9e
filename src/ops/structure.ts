/**
 * Structure: Kronecker product, vec (stacking columns), unvec (its inverse),
 * diag (vector → diagonal matrix), diag_part (the diagonal of a square matrix, as a
 * column), and the constants eye(n), ones(m,n), zeros(m,n), commutation(m,n).
 *   vec: ∂/∂X = unvec(G); diag(v): ∂/∂v = diag_part(G) (shaped like v);
 *   diag_part(X): ∂/∂X = diag(G).
 */
import { apply, type Expr } from '../ast.js';
import { shapeError } from '../shape/sizes.js';
import * as E from '../algebra.js';
import { mulDim, showDim, type Dim } from '../shape/dims.js';
import { isVector, showShape, type Shape } from '../shape/shape.js';
import { kron as matKron, vec as matVec, unvec as matUnvec, diagFromVector, diagPart, eye, ones, zeros, commutation as matCommutation } from '../numeric/matrix.js';
import { dimValue } from '../shape/dims.js';
import { DcalcError } from '../errors.js';
import { type OpSpec, type PythonSpelling, type EvalCtx, fnCall, sameName, both } from './spec.js';
import { commutation, diagVec, kron as kronE, ones as onesE } from './vec-forms.js';

function size(ctx: EvalCtx, d: string | number): number {
  const v = dimValue(d, ctx.dims);
  if (v === undefined) throw new DcalcError('usage', `the size ${showDim(d)} is not bound to a number`);
  return v;
}

const kron: OpSpec = {
  symbol: '⊗',
  // torch 1.13's kron fails on some transposed vectors: the helper broadcasts instead
  python: { numpy: 'np.kron({0}, {1})', torch: '_kron({0}, {1})' },
  identity: 'd(A ⊗ B) = dA ⊗ B + A ⊗ dB',
  arity: 2,
  fn: { names: ['kron'], arity: 2, doc: 'the Kronecker product: `X ⊗ Y`' },
  shape: ([a, b]) => ({ rows: mulDim(a!.rows, b!.rows), cols: mulDim(a!.cols, b!.cols) }),
  // With A: p×q and B: r×s, entry (i,j) of Ā sums block (i,j) of G ⊙ (1 ⊗ B):
  //   Ā = (I_p ⊗ 1_rᵀ)(G ⊙ (1_{p×q} ⊗ B))(I_q ⊗ 1_s),
  //   B̄ = (1_pᵀ ⊗ I_r)(G ⊙ (A ⊗ 1_{r×s}))(1_q ⊗ I_s).
  vjp(node, g, wanted) {
    const [a, b] = node.args as [Expr, Expr];
    const { rows: p, cols: q } = a.shape;
    const { rows: r, cols: s } = b.shape;
    const K = (x: Expr, y: Expr) => apply('kron', [x, y]);
    const ones = (m: Dim, n: Dim) => E.ones({ rows: m, cols: n });
    return [
      wanted[0] ? E.matmul(E.matmul(K(E.eye(p), ones(1, r)), E.mul(g, K(ones(p, q), b))), K(E.eye(q), ones(s, 1))) : null,
      wanted[1] ? E.matmul(E.matmul(K(ones(1, p), E.eye(r)), E.mul(g, K(a, ones(r, s)))), K(ones(q, 1), E.eye(s))) : null,
    ];
  },
  // d(A ⊗ B) = dA ⊗ B + A ⊗ dB
  jvp: (node, [da, db]) => E.sumOf(node.shape, da && apply('kron', [da, node.args[1]!]), db && apply('kron', [node.args[0]!, db])),
  linear: {
    identity: 'vec(A ⊗ B) = (I ⊗ K ⊗ I)(vec A ⊗ vec B)',
    // vec(A ⊗ B) = (I_q ⊗ K_{s,p} ⊗ I_r)(I_pq ⊗ vec B) vec A = (…)(vec A ⊗ I_rs) vec B
    vectorize(node, [la, lb]) {
      const [a, b] = node.args as [Expr, Expr];
      const { rows: p, cols: q } = a.shape;
      const { rows: r, cols: s } = b.shape;
      const t = kronE(kronE(E.eye(q), commutation(s, p)), E.eye(r));
      return la ? E.matmul(E.matmul(t, kronE(E.eye(mulDim(p, q)), apply('vec', [b]))), la) : E.matmul(E.matmul(t, kronE(apply('vec', [a]), E.eye(mulDim(r, s)))), lb!);
    },
  },
  linearInEach: true,
  evaluate: ([a, b]) => matKron(a!, b!),
  print(_n, p) {
    if (p.format === 'ascii') return fnCall(sameName('kron'), p, 2);
    const op = p.format === 'text' ? '⊗' : '\\otimes';
    return { text: `${p.arg(0, 20)} ${op} ${p.arg(1, 21)}`, prec: 20 };
  },
};

const vec: OpSpec = {
  symbol: 'vec',
  // stacking columns: the transpose's rows, read in order
  python: both('{0}.T.reshape(-1, 1)'),
  identity: 'd vec(A) = vec(dA)',
  arity: 1,
  fn: { names: ['vec'], arity: 1, doc: 'the columns stacked (mn×1)' },
  shape: ([a]) => ({ rows: mulDim(a!.rows, a!.cols), cols: 1 }),
  vjp: (node, g) => {
    const s = node.args[0]!.shape;
    return [apply('unvec', [g], { dims: [s.rows, s.cols] })];
  },
  jvp: (_node, [da]) => (da ? apply('vec', [da]) : null),
  linear: { vectorize: (_node, [la]) => la! },
  linearInEach: true,
  evaluate: ([a]) => matVec(a!),
  print: (_n, p) => fnCall({ text: 'vec', ascii: 'vec', latex: '\\operatorname{vec}' }, p, 1),
};

const unvec: OpSpec = {
  symbol: 'unvec',
  python: both('{0}.reshape({d1}, {d0}).T'),
  arity: 1,
  shape([a], attr, sizes) {
    const [r, c] = attr.dims as [string | number, string | number];
    const message = () => `cannot reshape ${showShape(a!)} to ${showDim(r)}×${showDim(c)}`;
    sizes.same(a!.rows, mulDim(r, c), message);
    sizes.same(a!.cols, 1, message);
    return { rows: r, cols: c };
  },
  vjp: (_node, g) => [apply('vec', [g])],
  jvp: (node, [da]) => (da ? apply('unvec', [da], node.attr) : null),
  linear: { vectorize: (_node, [la]) => la! },
  linearInEach: true,
  evaluate: ([a], node, ctx) => matUnvec(a!, size(ctx, node.attr.dims![0]!), size(ctx, node.attr.dims![1]!)),
  print(node, p) {
    const [r, c] = node.attr.dims!;
    const style = p.format === 'latex' ? 'latex' : p.format === 'ascii' ? 'ascii' : 'text';
    return { text: `unvec(${p.arg(0, 0)}, ${showDim(r!, style)}, ${showDim(c!, style)})`, prec: 40 };
  },
};

const diag: OpSpec = {
  symbol: 'diag',
  python: { numpy: 'np.diag({0}.ravel())', torch: 'torch.diag({0}.reshape(-1))' },
  identity: 'd diag(v) = diag(dv)',
  arity: 1,
  symmetry: 'always',
  fn: { names: ['diag'], arity: 1, doc: 'a vector (row or column) → the diagonal matrix' },
  shape([a]) {
    if (!isVector(a!)) shapeError(`takes a vector, not ${showShape(a!)} (diag_part(X) extracts the diagonal)`);
    const n = a!.rows === 1 ? a!.cols : a!.rows;
    return { rows: n, cols: n };
  },
  vjp(node, g) {
    const v = node.args[0]!.shape;
    const d = apply('diag_part', [g]);
    return [v.rows === 1 && v.cols !== 1 ? E.transpose(d) : d];
  },
  jvp: (_node, [da]) => (da ? apply('diag', [da]) : null),
  linear: {
    identity: 'vec(diag(v)) = diag(vec(I))(1 ⊗ I) v',
    vectorize(node, [la]) {
      const a = node.args[0]!;
      const k = a.shape.rows === 1 ? a.shape.cols : a.shape.rows;
      return E.matmul(E.matmul(diagVec(E.eye(k)), kronE(onesE(k, 1), E.eye(k))), la!);
    },
  },
  linearInEach: true,
  evaluate: ([a]) => diagFromVector(a!),
  print: (_n, p) => fnCall({ text: 'diag', ascii: 'diag', latex: '\\operatorname{diag}' }, p, 1),
};

const diagPartOp: OpSpec = {
  symbol: 'diag_part',
  python: { numpy: 'np.diag({0}).reshape(-1, 1)', torch: 'torch.diagonal({0}).reshape(-1, 1)' },
  identity: 'd diag_part(A) = diag_part(dA)',
  arity: 1,
  fn: { names: ['diag_part'], arity: 1, doc: 'the diagonal of a square matrix (n×1)' },
  shape([a], _attr, sizes) {
    sizes.same(a!.rows, a!.cols, () => `needs a square matrix, not ${showShape(a!)}`);
    return { rows: a!.rows, cols: 1 };
  },
  vjp: (_node, g) => [apply('diag', [g])],
  jvp: (_node, [da]) => (da ? apply('diag_part', [da]) : null),
  // diag_part(X) = (1ᵀ ⊗ I) diag(vec(I)) vec(X)
  linear: {
    vectorize(node, [la]) {
      const k = node.args[0]!.shape.rows;
      return E.matmul(E.matmul(kronE(onesE(1, k), E.eye(k)), diagVec(E.eye(k))), la!);
    },
  },
  linearInEach: true,
  evaluate: ([a]) => diagPart(a!),
  print: (_n, p) => fnCall(sameName('diag_part'), p, 1),
};

/**
 * The upper (triu) or lower (tril) triangle of any matrix, the rest zero (NumPy's
 * triu/tril with k = 0): a mask M, triu(X) = M ⊙ X, so ∂/∂X = triu(G) and
 * vec(triu(X)) = diag(vec(M)) vec(X).
 */
function triangle(name: 'triu' | 'tril'): OpSpec {
  const keep = name === 'triu' ? (i: number, j: number) => j >= i : (i: number, j: number) => j <= i;
  return {
    symbol: name,
    // NumPy's and PyTorch's triu/tril keep the same triangle (k = 0).
    python: both(`$.${name}({0})`),
    identity: `d ${name}(A) = ${name}(dA)`,
    arity: 1,
    fn: { names: [name], arity: 1, doc: `the ${name === 'triu' ? 'upper' : 'lower'} triangle, the rest 0 (any shape)` },
    shape: ([a]) => a!,
    vjp: (_node, g) => [apply(name, [g])],
    jvp: (_node, [da]) => (da ? apply(name, [da]) : null),
    linear: {
      identity: `vec(${name}(X)) = diag(vec(${name}(1))) vec(X)`,
      vectorize: (node, [la]) => E.matmul(diagVec(apply(name, [E.ones(node.shape)])), la!),
    },
    linearInEach: true,
    evaluate([a]) {
      const out = zeros(a!.rows, a!.cols);
      for (let i = 0; i < a!.rows; i++) for (let j = 0; j < a!.cols; j++) if (keep(i, j)) out.data[i * a!.cols + j] = a!.data[i * a!.cols + j]!;
      return out;
    },
    print: (_n, p) => fnCall(sameName(name), p, 1),
  };
}

function constant(name: string, doc: string, nDims: number, shapeOf: (d: readonly (string | number)[]) => Shape, make: (sizes: number[]) => ReturnType<typeof eye>, python: PythonSpelling, flags: Pick<OpSpec, 'symmetry' | 'ring' | 'make'> = {}): OpSpec {
  return {
    ...flags,
    symbol: name,
    python,
    arity: 0,
    fn: { names: [name], arity: nDims, dimArgs: true, doc },
    shape: (_args, attr) => shapeOf(attr.dims!),
    vjp: () => [],
    jvp: () => null,
    evaluate: (_a, node, ctx) => make(node.attr.dims!.map((d) => size(ctx, d))),
    print(node, p) {
      const style = p.format === 'latex' ? 'latex' : p.format === 'ascii' ? 'ascii' : 'text';
      const args = node.attr.dims!.map((d) => showDim(d, style)).join(', ');
      if (p.format === 'latex') return { text: `\\operatorname{${name}}\\left(${args}\\right)`, prec: 40 };
      return { text: `${name}(${args})`, prec: 40 };
    },
  };
}

const eyeOp = constant('eye', 'the n×n identity', 1, ([n]) => ({ rows: n!, cols: n! }), ([n]) => eye(n!), { numpy: 'np.eye({d0})', torch: 'torch.eye({d0}, {like})' }, { symmetry: 'always', make: (_args, attr) => E.eye(attr.dims![0]!) });
const onesOp = constant('ones', 'm×n of ones', 2, ([m, n]) => ({ rows: m!, cols: n! }), ([m, n]) => ones(m!, n!), { numpy: 'np.ones(({d0}, {d1}))', torch: 'torch.ones({d0}, {d1}, {like})' }, { symmetry: 'always', ring: true });
const zerosOp = constant('zeros', 'm×n of zeros', 2, ([m, n]) => ({ rows: m!, cols: n! }), ([m, n]) => zeros(m!, n!), { numpy: 'np.zeros(({d0}, {d1}))', torch: 'torch.zeros({d0}, {d1}, {like})' }, { symmetry: 'always', ring: true });
const commutationOp = constant('commutation', 'the mn×mn commutation matrix: K vec(X) = vec(Xᵀ) for an m×n X', 2, ([m, n]) => ({ rows: mulDim(m!, n!), cols: mulDim(m!, n!) }), ([m, n]) => matCommutation(m!, n!), both('_commutation({d0}, {d1}, {like})'));

/** The structure family, by operator name. */
export const STRUCTURE_OPS = { kron, vec, unvec, diag, diag_part: diagPartOp, eye: eyeOp, ones: onesOp, zeros: zerosOp, commutation: commutationOp, triu: triangle('triu'), tril: triangle('tril') } satisfies Record<string, OpSpec>;
