// Floating-point operation counts of dcalc expression DAGs, for the cheap-gradient
// ratio in bench/run.mjs. A node is { kind: 'var' | 'num' | 'dim' | 'op', op, args,
// shape: { rows, cols }, id }; structurally equal nodes are the same object (hash
// consing), so a DAG walk by id counts each shared subexpression once, the way the
// printed program computes it once (as a temporary or a named intermediate).
//
// Sizes are numbers or dimension names ("N", "M*N", "2*n"); every name is bound to
// `dimValue` (64 by default). Costs, for an output of E entries:
//   matmul m×k · k×n           2mkn
//   elementwise (+ − ⊙ ⊘, exp, log, σ, tanh, relu, step, .^, …)   E
//   sum, sum_rows, sum_cols    entries of the argument
//   tr                         n
//   norm2sq, norm1             2 × entries of the argument (norm2: + 1 for the root)
//   softmax(_rows)             3E (exp, the sums, the divisions)
//   logsumexp(_rows)           2 × entries of the argument + E (exp, sums, log)
//   det, logdet                2n³/3 (LU);  inv  2n³;  X^p  (|p| − 1) products (+ inv if p < 0)
//   kron                       E
//   transpose, vec, unvec, diag, diag_part, eye, ones, zeros, commutation, variables, constants   0

const FREE = new Set(['transpose', 'vec', 'unvec', 'diag', 'diag_part', 'eye', 'ones', 'zeros', 'commutation']);
const REDUCE = new Set(['sum', 'sum_rows', 'sum_cols']);

export function sizeOf(d, dimValue = 64) {
  if (typeof d === 'number') return d;
  return String(d)
    .split('*')
    .reduce((acc, part) => acc * (/^\d+$/.test(part) ? Number(part) : dimValue), 1);
}

/** Flops of one operator node (its arguments not included). */
export function nodeFlops(n, dimValue = 64) {
  if (n.kind !== 'op') return 0;
  const sz = (d) => sizeOf(d, dimValue);
  const E = sz(n.shape.rows) * sz(n.shape.cols);
  const a = n.args[0];
  const Ea = a ? sz(a.shape.rows) * sz(a.shape.cols) : 0;
  if (FREE.has(n.op)) return 0;
  if (REDUCE.has(n.op)) return Ea;
  switch (n.op) {
    case 'matmul': {
      const [x, y] = n.args;
      return 2 * sz(x.shape.rows) * sz(x.shape.cols) * sz(y.shape.cols);
    }
    case 'tr':
      return sz(a.shape.rows);
    case 'norm2sq':
    case 'norm1':
      return 2 * Ea;
    case 'norm2':
      return 2 * Ea + 1;
    case 'softmax':
    case 'softmax_rows':
      return 3 * E;
    case 'logsumexp':
    case 'logsumexp_rows':
      return 2 * Ea + E;
    case 'det':
    case 'logdet':
      return Math.round((2 * sz(a.shape.rows) ** 3) / 3);
    case 'inv':
      return 2 * sz(a.shape.rows) ** 3;
    case 'mpow': {
      const p = n.attr?.p ?? 2;
      const n3 = 2 * sz(a.shape.rows) ** 3;
      return Math.max(0, Math.abs(p) - 1) * n3 + (p < 0 ? n3 : 0);
    }
    default:
      // add, neg, mul, div, epow, exp, log, sqrt, sin, cos, tan, tanh, abs, sign,
      // sigmoid, relu, step, softplus, kron: one operation per output entry.
      return E;
  }
}

/** Flops of the union of the DAGs under `roots`, each node counted once; and the counts by operator. */
export function countFlops(roots, dimValue = 64) {
  const seen = new Set();
  const byOp = {};
  let flops = 0;
  let nodes = 0;
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop();
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    nodes++;
    const f = nodeFlops(n, dimValue);
    flops += f;
    if (n.kind === 'op') byOp[n.op] = (byOp[n.op] ?? 0) + f;
    if (n.kind === 'op') for (const a of n.args) stack.push(a);
  }
  return { flops, nodes, byOp };
}
