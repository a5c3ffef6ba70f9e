/**
 * What evaluating an expression costs at given sizes, read off the shapes alone (each
 * node once: the DAG is evaluated node by node). Sizes multiply through a Kronecker
 * product, so a chain of ten x ⊗ x ⊗ … for x: n×1 has 5¹⁰ ≈ 10⁷ entries at n = 5 and
 * 1024 at n = 2: the numeric check, which evaluates it twice per entry of x, picks its
 * sizes by this count instead of running for minutes.
 */
import { type Expr, topoOrder } from '../ast.js';
import { dimValue } from '../shape/dims.js';

/** Roughly the number of floating-point operations to evaluate every node of `roots` once. */
export function evaluationCost(roots: readonly Expr[], dims: ReadonlyMap<string, number>): number {
  const seen = new Set<number>();
  let cost = 0;
  const size = (e: Expr): [number, number] => [dimValue(e.shape.rows, dims) ?? 1, dimValue(e.shape.cols, dims) ?? 1];
  for (const root of roots) {
    for (const n of topoOrder(root)) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      const [r, c] = size(n);
      cost += r * c;
      // A product (and the O(n³) factorisations) cost more than their result's size.
      if (n.kind === 'op' && n.op === 'matmul') cost += r * c * size(n.args[0]!)[1];
      if (n.kind === 'op' && (n.op === 'inv' || n.op === 'det' || n.op === 'logdet')) cost += size(n.args[0]!)[0] ** 3;
    }
  }
  return cost;
}

/**
 * Sizes whose cost fits `budget`: `dims` if they do, else every name given the smallest
 * sizes (2, 3, 4, … in order, still distinct), else all 2; undefined when even that is
 * too much.
 */
export function affordableDims(roots: readonly Expr[], dims: ReadonlyMap<string, number>, budget: number, factor: (d: ReadonlyMap<string, number>) => number = () => 1): Map<string, number> | undefined {
  const fits = (d: ReadonlyMap<string, number>) => evaluationCost(roots, d) * factor(d) <= budget;
  if (fits(dims)) return new Map(dims);
  const names = [...dims.keys()];
  const ascending = new Map(names.map((n, i) => [n, 2 + i]));
  if (fits(ascending)) return ascending;
  const twos = new Map(names.map((n) => [n, 2]));
  return fits(twos) ? twos : undefined;
}

