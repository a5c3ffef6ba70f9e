/**
 * The concrete syntax tree that the Nearley grammar produces. It is still untyped and
 * unresolved: a run of letters (`XW`, `loss`) is one `ident`, and whether `f(x)` is a
 * call or a juxtaposition is decided later by the builder (parse/build.ts), which
 * knows the declared and defined names.
 */
import type { SourceLoc } from '../errors.js';

export type Loc = SourceLoc;

export type SynBinaryOp =
  | '+' // sum
  | '-' // difference (also U+2212)
  | '*' // A*B, A·B: matrix product (scaling when a 1×1 side does not fit)
  | 'juxt' // AB, 2x, y log(a): juxtaposition, a matrix product too
  | '/' // division by a scalar (or elementwise by a broadcast operand)
  | '.*' // Hadamard product (also ⊙ ∘)
  | './' // Hadamard quotient (also ⊘)
  | '^' // power A^p
  | '.^' // elementwise power
  | 'kron'; // A ⊗ B

export type Syn =
  | { t: 'num'; value: number; loc: Loc }
  /** A run of letters with an optional digit/subscript/hat suffix: `X`, `XW`, `W1`, `W_1`, `b₂`, `ŷ`, `y_hat`. */
  | { t: 'ident'; name: string; loc: Loc }
  /** An identifier directly followed by `(`: a call of a function, or juxtaposition with a declared name. */
  | { t: 'call'; name: string; args: Syn[]; loc: Loc; nameLoc: Loc }
  | { t: 'bin'; op: SynBinaryOp; left: Syn; right: Syn; loc: Loc }
  | { t: 'neg'; arg: Syn; loc: Loc }
  /** Postfix transpose: `A'`, `A^T`, `Aᵀ`, `A^⊤`. */
  | { t: 'transpose'; arg: Syn; loc: Loc }
  /** Norm bars: ‖x‖ (2-norm), ‖X‖_F (Frobenius), ‖x‖_1, ‖x‖_2; squares come as `^2` around it. */
  | { t: 'norm'; kind: '2' | 'F' | '1'; arg: Syn; loc: Loc }
  /** Single bars |A|: the determinant of a square matrix, the absolute value of a scalar. */
  | { t: 'bars'; arg: Syn; loc: Loc }
  | { t: 'paren'; arg: Syn; loc: Loc };

/** A size in a declaration: an integer, a dimension name, or a product (`k*k`). */
export type SynDim = { t: 'dimnum'; value: number; loc: Loc } | { t: 'dimname'; name: string; loc: Loc } | { t: 'dimmul'; left: SynDim; right: SynDim; loc: Loc };

export type SynStatement =
  /** `X: N×M`, `X, Y: n×m symmetric`, `t: scalar`, `X ∈ ℝ^{N×M}`, `t ∈ ℝ`. rows/cols absent for scalar. */
  | { t: 'decl'; names: { name: string; loc: Loc }[]; rows: SynDim | null; cols: SynDim | null; assumptions: { name: string; loc: Loc }[]; loc: Loc }
  /** `L = …`; `J(θ) = …` also lists the names it depends on (`params`). */
  | { t: 'def'; name: string; nameLoc: Loc; expr: Syn; loc: Loc; params?: { name: string; loc: Loc }[] }
  | { t: 'expr'; expr: Syn; loc: Loc };

export interface SynProgram {
  statements: SynStatement[];
}
