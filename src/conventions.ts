/**
 * The conventions a user chooses (CONTRACT §2): the layout of a derivative and the
 * derivative within the symmetric matrices.
 *
 * - Layout. `grad` is in denominator layout by default (shaped like X); numerator layout
 *   is its transpose, ∂f/∂Xᵀ, shaped like Xᵀ. `jacobian` is in numerator layout by
 *   default, ∂vec(F)/∂vec(X)ᵀ; denominator layout is its transpose, ∂vec(F)ᵀ/∂vec(X).
 *   A Hessian is symmetric, so both layouts give the same matrix.
 * - Symmetric. For X constrained to the symmetric matrices, the derivative is the
 *   gradient of f restricted to that subspace under the trace inner product: the
 *   orthogonal projection sym(G) = (G + Gᵀ)/2 of the unconstrained gradient G. For
 *   every symmetric direction D, ⟨sym(G), D⟩ = ⟨G, D⟩ = the directional derivative,
 *   which is what the numeric check measures (symmetricNumericGradient).
 */
import type { Expr } from './ast.js';
import * as E from './algebra.js';
import { DcalcError } from './errors.js';
import { type Mat, mat } from './numeric/matrix.js';
import { numericGradient } from './numeric/finite-diff.js';

export type Layout = 'numerator' | 'denominator';
export type DerivativeKind = 'grad' | 'jacobian' | 'hessian';

export const LAYOUTS: readonly Layout[] = ['numerator', 'denominator'];

/** The layout a command gives when none is asked for. */
export function defaultLayout(op: DerivativeKind): Layout {
  return op === 'jacobian' ? 'numerator' : 'denominator';
}

/** Whether the derivative in `layout` is the transpose of the default one (never for a Hessian: it is symmetric). */
export function transposedLayout(op: DerivativeKind, layout: Layout | undefined): boolean {
  return layout !== undefined && op !== 'hessian' && layout !== defaultLayout(op);
}

export function parseLayout(text: unknown, where: string): Layout | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string' && (LAYOUTS as readonly string[]).includes(text)) return text as Layout;
  throw new DcalcError('usage', `${where} is numerator or denominator, not ${JSON.stringify(text)}`);
}

/** sym(G) = (G + Gᵀ)/2: the gradient within the symmetric matrices. */
export function symmetricPart(g: Expr): Expr {
  return E.div(E.add(g, E.transpose(g)), E.num(2));
}

/**
 * The gradient of f within the symmetric matrices, by central differences along
 * symmetric directions only: S_ii = d/dt f(X + t E_ii), S_ij = S_ji = ½ d/dt f(X + t(E_ij + E_ji)).
 * Since ⟨S, E_ii⟩ = S_ii and ⟨S, E_ij + E_ji⟩ = 2S_ij, these directional derivatives
 * determine the symmetric S uniquely. X must be symmetric (f is never evaluated off the subspace).
 */
export function symmetricNumericGradient(f: (x: Mat) => Mat, x0: Mat): Mat {
  const n = x0.rows;
  const out = mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const along = (t: Mat): Mat => {
        const d = x0.data.slice();
        const s = t.data[0]!;
        d[i * n + j] += s;
        if (i !== j) d[j * n + i] += s;
        return f({ rows: n, cols: n, data: d });
      };
      const slope = numericGradient(along, mat(1, 1, [0])).data[0]!;
      const v = i === j ? slope : slope / 2;
      out.data[i * n + j] = v;
      out.data[j * n + i] = v;
    }
  }
  return out;
}
