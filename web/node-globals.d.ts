/**
 * The only Node global the engine's path to the browser mentions: `process`, in the CLI's
 * error helpers (DCALC_DEBUG, defined away by the build) and in runBatch (never called
 * in the browser). Declared here so the page type-checks without Node's types.
 */
declare const process: {
  readonly env: Record<string, string | undefined>;
  readonly stdout: { write(text: string): boolean };
};
