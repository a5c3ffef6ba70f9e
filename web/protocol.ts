/** The messages between the page (web/main.ts) and its worker (web/worker.ts). */

/** A `dcalc batch` request line, as an object. */
export interface BatchRequest {
  op: string;
  program: string;
  wrt: string;
  let?: string;
  claim?: string;
  check?: boolean;
  steps?: boolean;
  layout?: string;
  export?: string;
}

export interface WorkRequest {
  /** Increases with every request; the page shows only the latest one's answer. */
  seq: number;
  request: BatchRequest;
}

export interface WorkAnswer {
  seq: number;
  /** The answer exactly as `dcalc batch` gives it for the same request. */
  answer: Record<string, unknown>;
  /** The display's left-hand side in LaTeX (`\frac{\partial L}{\partial W}`), when the program parses. */
  lhs?: string;
  /** The name of the program's value (`L` of `L = …`), or `f`. */
  valueName?: string;
  /** For `differential`: the left-hand side of the gradient read off it. */
  gradientLhs?: string;
  /** The shapes of the program's definitions, in order (batch's `shape` answer). */
  definitions?: Record<string, (string | number)[]>;
  /** Why the code export failed, when the same request without `export` succeeds (then `answer` is that one's). */
  codeError?: { kind: string; message: string; line?: number; column?: number };
  /** Time spent in the worker. */
  ms: number;
}
