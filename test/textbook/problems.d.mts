// Types of problems.mjs (the course problems, shared with bench/textbook.mjs), for the type check of test/.
export interface TextbookProblem {
  readonly id: string;
  readonly kind: 'grad' | 'jacobian' | 'hessian';
  readonly program: string;
  readonly wrt: string;
  /** The answer as the textbook prints it, in dcalc's text syntax (temporaries as `t = …; …`). */
  readonly textbook: string;
  readonly source: string;
}
export declare const PROBLEMS: readonly TextbookProblem[];
export declare const printedLength: (s: string) => number;
