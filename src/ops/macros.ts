/**
 * Macros: functions of the input language that are spelled out in other operators
 * when the program is built (`mean(X)` is sum(X)/(mn)), so they need no derivative
 * of their own. Like an operator's OpSpec, everything about a macro is here: its
 * names, its argument kinds (an expression, or a size as in `unvec(v, m, n)`), what
 * the function table of docs/syntax.md says, and its expansion.
 */
import { dimScalar, type Attr, type Expr, type OpName } from '../ast.js';
import { mulDim, type Dim } from '../shape/dims.js';

export type ArgKind = 'expr' | 'size';

export interface MacroSpec {
  readonly names: readonly string[];
  readonly args: readonly ArgKind[];
  /** How an arity error names the arguments: `(targets, prediction)`. */
  readonly argsDoc?: string;
  /** Its meaning, for the function table. */
  readonly doc: string;
  /**
   * The expansion; `make` builds a node located at the call. Arguments come as their
   * kinds say: expressions, or sizes.
   */
  expand(args: readonly (Expr | Dim)[], make: (op: OpName, args: readonly Expr[], attr?: Attr) => Expr): Expr;
}

export const MACRO_LIST: readonly MacroSpec[] = [
  {
    names: ['mean'],
    args: ['expr'],
    doc: 'the mean of all entries, sum(X)/(mn)',
    expand([x], make) {
      const e = x as Expr;
      return make('div', [make('sum', [e]), dimScalar(mulDim(e.shape.rows, e.shape.cols))]);
    },
  },
  {
    names: ['CE', 'cross_entropy'],
    args: ['expr', 'expr'],
    argsDoc: '(targets, prediction)',
    doc: 'the cross-entropy −sum(X ⊙ log(Y)) of a prediction Y against targets X',
    // CE(y, p) = −Σ y ⊙ log p, the cross-entropy of a prediction p against targets y.
    expand: ([y, p], make) => make('neg', [make('sum', [make('mul', [y as Expr, make('log', [p as Expr])])])]),
  },
  {
    names: ['unvec'],
    args: ['expr', 'size', 'size'],
    argsDoc: '(a vector and two sizes)',
    doc: 'the m×n matrix whose stacked columns are v (the inverse of vec)',
    expand: ([v, m, n], make) => make('unvec', [v as Expr], { dims: [m as Dim, n as Dim] }),
  },
];

/** Macro names → macro. */
export const MACROS: ReadonlyMap<string, MacroSpec> = new Map(MACRO_LIST.flatMap((m) => m.names.map((n) => [n, m] as const)));
