/**
 * The examples menu: every seed's problem (test/seeds/programs.mjs, the seeds' programs
 * written once for the tests, the benchmarks and this page) and a few classics. Each is
 * a whole request; the browser tests check that the page answers each one exactly as
 * `dcalc batch` does.
 */
import * as seeds from '../test/seeds/programs.mjs';

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly op: 'grad' | 'jacobian' | 'hessian' | 'differential' | 'check';
  readonly program: string;
  readonly wrt: string;
  readonly let?: string;
  readonly claim?: string;
}

export const SEED_EXAMPLES: readonly Example[] = [
  { id: 'logreg-000', title: 'Seed 000: logistic regression, one example', op: 'grad', program: seeds.LOGREG_000, wrt: 'W' },
  { id: 'mlp-000', title: 'Seed 000: two-layer network, sigmoid output', op: 'grad', program: seeds.MLP_000, wrt: 'W1' },
  { id: 'softmax-reg-000', title: 'Seed 000: softmax regression', op: 'grad', program: seeds.SOFTMAX_REG_000, wrt: 'W' },
  { id: 'softmax-mlp-000', title: 'Seed 000: two-layer network, softmax output', op: 'grad', program: seeds.SOFTMAX_MLP_000, wrt: 'W1' },
  { id: 'net-001', title: 'Seed 001: network with cross-entropy, one example', op: 'grad', program: seeds.NET_001, wrt: 'W1' },
  { id: 'batch-001', title: 'Seed 001: the same network on a batch', op: 'grad', program: seeds.BATCH_001, wrt: 'W1' },
  { id: 'autoencoder-002', title: 'Seed 002: ReLU autoencoder', op: 'grad', program: seeds.AUTOENCODER_002, wrt: 'W1' },
  { id: 'classifier-002', title: 'Seed 002: three-layer ReLU classifier', op: 'grad', program: seeds.CLASSIFIER_002, wrt: 'w1' },
  { id: 'bce-003', title: 'Seed 003: binary cross-entropy', op: 'grad', program: seeds.BCE_003, wrt: 'θ' },
  { id: 'cce-003', title: 'Seed 003: categorical cross-entropy', op: 'grad', program: seeds.CCE_003, wrt: 'Θ' },
  { id: 'hidden-bce-003', title: 'Seed 003: hidden layer, binary cross-entropy', op: 'grad', program: seeds.HIDDEN_BCE_003, wrt: 'W' },
  { id: 'hidden-mse-003', title: 'Seed 003: hidden layer, squared error', op: 'grad', program: seeds.HIDDEN_MSE_003, wrt: 'W' },
  { id: 'regression-003', title: 'Seed 003: one-hidden-layer regression', op: 'grad', program: seeds.REGRESSION_003, wrt: 'W' },
  { id: 'logreg-004', title: 'Seed 004: regularised logistic regression', op: 'grad', program: seeds.LOGREG_004, wrt: 'w' },
  { id: 'quadratic-004', title: 'Seed 004: three-layer network, squared error', op: 'grad', program: seeds.QUADRATIC_004, wrt: 'W2' },
];

export const CLASSIC_EXAMPLES: readonly Example[] = [
  {
    id: 'logistic-regression',
    title: 'Logistic regression',
    op: 'grad',
    program: 'X: n×d; w: d×1; y: n×1\np = σ(Xw)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))',
    wrt: 'w',
  },
  {
    id: 'softmax-regression',
    title: 'Softmax regression',
    op: 'grad',
    program: 'X: n×d; W: d×k; Y: n×k simplex_rows\nP = softmax_rows(XW)\nL = −sum(Y ⊙ log(P))/n',
    wrt: 'W',
  },
  {
    id: 'two-layer-network',
    title: 'Two-layer network (ReLU, softmax)',
    op: 'grad',
    program: 'X: n×d; W1: d×h; b1: 1×h; W2: h×k; b2: 1×k; Y: n×k simplex_rows\nH = relu(XW1 + b1)\nP = softmax_rows(HW2 + b2)\nL = CE(Y, P)/n',
    wrt: 'W1',
  },
  { id: 'least-squares', title: 'Least squares', op: 'grad', program: 'A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²/2', wrt: 'x' },
  { id: 'least-squares-hessian', title: 'Least squares: the Hessian', op: 'hessian', program: 'A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²/2', wrt: 'x' },
  { id: 'log-det', title: 'Log determinant', op: 'grad', program: 'Σ: n×n spd\nf = logdet(Σ)', wrt: 'Σ' },
  {
    id: 'attention',
    title: 'Attention',
    op: 'grad',
    program: 'Q: n×k; K: m×k; V: m×e; G: n×e\nA = softmax_rows(QKᵀ/sqrt(k))\nO = AV\nL = sum(G ⊙ O)',
    wrt: 'Q',
  },
  { id: 'kronecker-jacobian', title: 'Jacobian of AXB', op: 'jacobian', program: 'A: p×m; X: m×n; B: n×q\nF = AXB', wrt: 'X' },
  { id: 'inverse-differential', title: 'Differential of the inverse', op: 'differential', program: 'X: n×n\nF = inv(X)', wrt: 'X' },
  {
    id: 'grade-transposed',
    title: 'Grading a claim: a transposed gradient',
    op: 'check',
    program: 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)',
    let: 'X: 1×M, W: M×1, b: scalar, y: scalar',
    wrt: 'W',
    claim: '(a − y)X',
  },
];

export const EXAMPLES: readonly Example[] = [...SEED_EXAMPLES, ...CLASSIC_EXAMPLES];
