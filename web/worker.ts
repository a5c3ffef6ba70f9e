/**
 * The playground's engine: a Web Worker that answers each request exactly as `dcalc
 * batch` answers the same JSON line (the same function, src/cli/batch.ts `answer`), so
 * the page shows what the CLI prints. Besides the answer it sends what only the page
 * needs: the shapes of the program's definitions (batch's own `shape` request) and the
 * names for the display's left-hand side (∂L/∂W), as api.latexLhs writes them.
 */
import { answer } from '../src/cli/batch.js';
import { parseProgram, latexName, type LetSpec } from '../src/api/index.js';
import { transposedLayout, type DerivativeKind, type Layout } from '../src/conventions.js';
import type { BatchRequest, WorkRequest, WorkAnswer } from './protocol.js';

/** The left-hand side as `--format latex` writes it (present/render.ts latexLhs), in the layout asked for. */
function leftHandSide(op: string, f: string, x: string, scalarX: boolean, layout?: string): string {
  if (op === 'differential') return `d${f}`;
  if (op !== 'check' && transposedLayout(op as DerivativeKind, layout as Layout | undefined)) {
    if (op === 'grad') return `\\frac{\\partial ${f}}{\\partial ${x}^\\top}`;
    return scalarX ? `\\frac{\\partial ${f}^\\top}{\\partial ${x}}` : `\\frac{\\partial \\operatorname{vec}(${f})^\\top}{\\partial \\operatorname{vec}(${x})}`;
  }
  if (op === 'hessian') return scalarX ? `\\frac{\\partial^2 ${f}}{\\partial ${x}^2}` : `\\frac{\\partial^2 ${f}}{\\partial \\operatorname{vec}(${x}) \\, \\partial \\operatorname{vec}(${x})^\\top}`;
  if (op === 'jacobian' && !scalarX) return `\\frac{\\partial \\operatorname{vec}(${f})}{\\partial \\operatorname{vec}(${x})^\\top}`;
  return `\\frac{\\partial ${f}}{\\partial ${x}}`;
}

function names(req: BatchRequest, out: WorkAnswer): void {
  try {
    const program = parseProgram(req.program, { let: req.let as LetSpec | undefined });
    out.valueName = program.valueName ?? 'f';
    const f = program.valueName ? latexName(program.valueName) : 'f';
    const x = latexName(req.wrt);
    const shape = program.declarations.get(req.wrt)?.shape;
    const scalarX = shape !== undefined && shape.rows === 1 && shape.cols === 1;
    out.lhs = leftHandSide(req.op, f, x, scalarX, req.layout);
    if (req.op === 'differential') out.gradientLhs = leftHandSide('grad', f, x, scalarX);
  } catch {
    // The answer is ok, so the program parses; nothing to add if it somehow does not.
  }
}

/** Through JSON text both ways, as batch reads and writes it. */
const viaBatch = (request: object): Record<string, unknown> => JSON.parse(JSON.stringify(answer(JSON.stringify(request)))) as Record<string, unknown>;

self.onmessage = (event: MessageEvent<WorkRequest>) => {
  const { seq, request } = event.data;
  const started = performance.now();
  const out: WorkAnswer = { seq, answer: viaBatch(request), ms: 0 };
  if (out.answer.ok !== true && request.export !== undefined) {
    // A program the code export cannot take still gets its derivative; the export's error goes to the code panel.
    const plain = viaBatch({ ...request, export: undefined });
    if (plain.ok === true) {
      out.codeError = out.answer.error as WorkAnswer['codeError'];
      out.answer = plain;
    }
  }
  if (out.answer.ok === true) {
    names(request, out);
    const shapes = viaBatch({ op: 'shape', program: request.program, let: request.let });
    if (shapes.ok === true) out.definitions = shapes.definitions as WorkAnswer['definitions'];
  }
  out.ms = performance.now() - started;
  (self as unknown as Worker).postMessage(out);
};

// Loaded: the page may switch to this worker now.
(self as unknown as Worker).postMessage({ ready: true });
