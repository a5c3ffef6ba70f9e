/**
 * Identities the textbook forms of course problems need (issue 12): each a pattern
 * rule, so that its two sides are its implementation and the soundness test
 * (test/properties/rules.test.ts) instantiates and checks it like every rule of RULES.
 * They are algebra, each never longer than what it replaces; textbook ordering is not
 * here (it is coefficient-first in rules.ts and the printer's temporaries).
 */
import { rule } from './pattern.js';

export const TEXTBOOK_IDENTITIES = [
  // σ(−u) = 1 − σ(u) (CS229 notes 1 §5: g(−z) = 1 − g(z)), read the way that is shorter.
  rule('sigmoid-of-negation', ['1 − σ(−u)', '−σ(−u) + 1'], ['σ(u)', 'σ(u)'], { cite: '1 − σ(−u) = σ(u), since σ(−u) = 1 − σ(u)', inside: 'named too' }),
  // 1ₘ1ₙᵀ = ones(m, n): the outer product of ones vectors (the softmax-regression Hessian).
  rule('outer-product-of-ones', 'ones(m, 1) ones(1, n)', 'ones(m, n)', { cite: '1ₘ 1ₙᵀ = 1ₘₓₙ', inside: 'named too' }),
  rule('column-sums-of-identity', ['sum_cols(eye(n))', 'sum_rows(eye(n))'], ['ones(1, n)', 'ones(n, 1)'], { cite: '1ᵀI = 1ᵀ', inside: 'named too' }),
  // (diag(r) A) B = diag(r)(AB) for a column r broadcast along A's columns: the GMM's
  // rᵀXcΣ⁻¹ only collects once both of its halves are written alike (Bishop PRML §9.2.2).
  rule('row-scaling-out-of-product', '(r ⊙ A) B', 'r ⊙ (A B)', { cite: '(diag(r)A)B = diag(r)(AB)', when: ['broadcast-column(r, A)'] }),
  // 1ᵀ diag(r) A = rᵀA: the column sums of rows weighted by r (Bishop PRML eq. 9.17).
  rule('weighted-column-sums', ['sum_cols(r ⊙ A)', 'sum_cols(A ⊙ r)'], ['rᵀ A', 'rᵀ A'], { cite: '1ᵀ diag(r) A = rᵀA for a column r', when: ['broadcast-column(r, A)'] }),
  // (a ⊗ Iₙ)B = a ⊗ B for a column a (mixed product with B = 1 ⊗ B): the softmax-regression
  // Hessian reads x xᵀ ⊗ (diag(p) − ppᵀ) (Bishop PRML eq. 4.110).
  rule('kron-identity-absorbs', '(a ⊗ eye(n)) B', 'a ⊗ B', { cite: '(a ⊗ I)(1 ⊗ B) = a ⊗ B (Matrix Cookbook §10.2.1, mixed product)', when: ['column(a)'], inside: 'named too' }),
  // diag is linear: the exact Hessian of ‖σ(Xw) − y‖² collects into Xᵀdiag(…)X (Bishop PRML §5.4).
  rule('sum-of-diagonals', ['diag(u) + diag(v)', 'diag(u) − diag(v)'], ['diag(u + v)', 'diag(u − v)'], { cite: 'diag(u) ± diag(v) = diag(u ± v)', when: ['same-shape(u, v)'], inside: 'named too' }),
  rule('scalar-into-diagonal-product', ['c ⊙ (diag(u) A)', '(diag(u) A) ⊙ c'], ['diag(c ⊙ u) A', 'diag(c ⊙ u) A'], { cite: 'c diag(u)A = diag(cu)A for a scalar c', when: ['scalar(c)'] }),
];
