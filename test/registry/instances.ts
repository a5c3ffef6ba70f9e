/**
 * One instance generator per registered operator: the contract test
 * (contract.test.ts) checks each operator on these. The arguments are variables with
 * concrete, non-square sizes (3×4, not 3×3, so a misplaced transpose fails), or
 * numbers (the exponent of A³); `broadcast` marks an instance whose operands differ in
 * shape (inference cannot be expected to recover them). A registered operator without
 * an entry here fails the first test of the suite.
 */
import type { Attr } from '../../src/ast.js';
import type { OpName } from '../../src/ops/registry.js';
import type { Assumption } from '../../src/numeric/sample.js';

export interface ArgSpec {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly assume?: Assumption;
}

export interface Instance {
  readonly args: readonly (ArgSpec | number)[];
  readonly attr?: Attr;
  readonly broadcast?: boolean;
}

const v = (name: string, rows: number, cols: number, assume?: Assumption): ArgSpec => ({ name, rows, cols, assume });
const A34 = v('A', 3, 4);
const P34 = v('A', 3, 4, 'positive');
const A33 = v('A', 3, 3);
const S33 = v('S', 3, 3, 'spd');

/** An elementwise function on a 3×4 matrix and on a column (positive where its domain needs it). */
const elementwise = (assume?: Assumption): Instance[] => [{ args: [v('A', 3, 4, assume)] }, { args: [v('x', 4, 1, assume)] }];
/** A broadcasting binary operator: equal shapes, a row, a column and a scalar against 3×4. */
const broadcasting = (second?: Assumption): Instance[] => [
  { args: [A34, v('B', 3, 4, second)] },
  { args: [A34, v('b', 1, 4, second)], broadcast: true },
  { args: [A34, v('B', 3, 1, second)], broadcast: true },
  { args: [v('c', 1, 1, second), A34], broadcast: true },
];

export const INSTANCES: Readonly<Record<OpName, readonly Instance[]>> = {
  add: broadcasting(),
  neg: [{ args: [A34] }],
  mul: broadcasting(),
  div: [{ args: [A34, v('B', 3, 4, 'positive')] }, { args: [A34, v('c', 1, 1, 'positive')], broadcast: true }, { args: [A34, v('b', 1, 4, 'positive')], broadcast: true }],
  matmul: [{ args: [A34, v('B', 4, 2)] }, { args: [v('u', 1, 3), A34] }],
  transpose: [{ args: [A34] }],
  epow: [{ args: [P34, 3] }, { args: [P34, v('p', 1, 1, 'positive')] }],
  mpow: [{ args: [A33], attr: { p: 3 } }],
  exp: elementwise(),
  log: elementwise('positive'),
  sqrt: elementwise('positive'),
  sin: elementwise(),
  cos: elementwise(),
  tan: elementwise(),
  tanh: elementwise(),
  abs: elementwise(),
  sign: elementwise(),
  sigmoid: elementwise(),
  relu: elementwise(),
  step: elementwise(),
  softplus: elementwise(),
  log1p: elementwise('positive'),
  expm1: elementwise(),
  sum: [{ args: [A34] }],
  sum_rows: [{ args: [A34] }],
  sum_cols: [{ args: [A34] }],
  tr: [{ args: [A33] }],
  norm2: [{ args: [v('x', 4, 1)] }, { args: [A34] }],
  norm2sq: [{ args: [v('x', 4, 1)] }, { args: [A34] }],
  norm1: [{ args: [v('x', 4, 1)] }, { args: [A34] }],
  softmax: [{ args: [v('z', 4, 1)] }, { args: [A34] }],
  softmax_rows: [{ args: [A34] }],
  logsumexp: [{ args: [v('z', 4, 1)] }, { args: [A34] }],
  logsumexp_rows: [{ args: [A34] }],
  det: [{ args: [A33] }],
  logdet: [{ args: [S33] }],
  inv: [{ args: [S33] }],
  kron: [{ args: [v('A', 2, 3), v('B', 3, 2)] }],
  vec: [{ args: [A34] }],
  unvec: [{ args: [v('x', 12, 1)], attr: { dims: [3, 4] } }],
  diag: [{ args: [v('x', 3, 1)] }, { args: [v('u', 1, 3)] }],
  diag_part: [{ args: [A33] }],
  eye: [{ args: [], attr: { dims: [3] } }],
  ones: [{ args: [], attr: { dims: [3, 4] } }, { args: [], attr: { dims: [3, 3] } }],
  zeros: [{ args: [], attr: { dims: [3, 4] } }, { args: [], attr: { dims: [3, 3] } }],
  commutation: [{ args: [], attr: { dims: [2, 3] } }],
  triu: [{ args: [A34] }, { args: [v('A', 4, 3)] }],
  tril: [{ args: [A34] }, { args: [v('A', 4, 3)] }],
};


