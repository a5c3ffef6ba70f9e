/**
 * The presenter: a result of a request (api/request.ts) in the format asked for, as the
 * CLI prints it; `json` is the JSON form (json.ts) that batch and the playground share.
 */
import { showShape, type Shape } from '../shape/shape.js';
import type { Mat } from '../numeric/matrix.js';
import { latexName } from '../print/printer.js';
import * as api from '../api/index.js';
import type { Result } from '../api/request.js';
import type { SeveralResult } from '../api/several.js';
import { toJson } from './json.js';
import { checkLatex } from './check-latex.js';

export type Format = 'text' | 'ascii' | 'latex' | 'json' | 'numpy' | 'torch';

const ASSUMPTION_MEANING: Record<string, string> = {
  simplex: 'its entries, or each of its columns, sum to 1',
  simplex_rows: 'each of its rows sums to 1',
  symmetric: 'it equals its transpose',
  spd: 'symmetric positive definite',
  positive: 'its entries are positive',
  binary: 'its entries are 0 or 1, so M ⊙ M = M',
};

function assumptionNotes(assumptions: readonly string[]): string[] {
  return assumptions.map((a) => `using the assumption ${a} (${ASSUMPTION_MEANING[a.split(': ')[1] ?? ''] ?? 'declared'})`);
}

/** What --symmetric means, under the answer. */
const SYMMETRIC_NOTE = 'within the symmetric matrices: sym(G) = (G + Gᵀ)/2 of the gradient G over all entries (docs/conventions.md)';

export function present(r: Result, format: Format): string {
  if (format === 'json') return JSON.stringify(toJson(r));
  if ((format === 'numpy' || format === 'torch') && 'code' in r && r.code !== undefined) return r.code.trimEnd();
  switch (r.op) {
    case 'several': {
      if (format === 'numpy' || format === 'torch') throw new Error('internal: an export without its code');
      const out = presentSeveral(r, format, assumptionNotes, valueText);
      return r.symmetric && format === 'text' ? `${out}
${SYMMETRIC_NOTE}` : out;
    }
    case 'check': {
      if (format === 'latex') return checkLatex(r);
      const pick = (x: { text: string; ascii: string; textLines: readonly string[] }) => (format === 'ascii' ? x.ascii : x.textLines.join('; '));
      const head = r.verdict === 'correct' ? `✓ correct: ${r.message}` : `✗ incorrect (${r.diagnosis}): ${r.message}`;
      const lines = [head];
      if (r.verdict === 'incorrect') {
        lines.push(`  expected ${r.lhs} = ${pick(r.expected)}   ∈ ${shapeText(r.expectedShape)}`);
        lines.push(`  claimed  ${pick(r.claimed)}${r.claimedShape ? `   ∈ ${shapeText(r.claimedShape)}` : ''}`);
        if (r.factor !== undefined) lines.push(`  factor (claimed ÷ true): ${r.factor}`);
        if (r.counterexample) {
          const at = Object.entries(r.counterexample.at).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
          lines.push(`  counterexample: at ${at}`);
          lines.push(`    claimed  ${JSON.stringify(r.counterexample.claimed)}`);
          lines.push(`    expected ${JSON.stringify(r.counterexample.expected)}`);
        }
      }
      return lines.join('\n');
    }
    case 'differential': {
      const d = `d${r.f}`;
      if (format === 'ascii') return r.d.ascii;
      if (format === 'latex') {
        const dL = `d${latexName(r.f)}`;
        const lines = [`${dL} &= ${r.d.latexInline ?? r.d.latex}`];
        if (r.traceForm) lines.push(`&= ${r.traceForm.latexInline ?? r.traceForm.latex}`, `\\frac{\\partial ${latexName(r.f)}}{\\partial ${latexName(r.wrt)}} &= ${r.gradient!.latexInline ?? r.gradient!.latex}`);
        return `\\begin{aligned}\n${lines.join(' \\\\\n')}\n\\end{aligned}`;
      }
      const lines = [...r.d.textLines.slice(0, -1), `${d} = ${r.d.textLines[r.d.textLines.length - 1]}`];
      if (r.traceForm && r.gradient) {
        lines.push(`${' '.repeat([...d].length)} = ${r.traceForm.text}`);
        lines.push(...r.gradient.textLines.slice(0, -1), `∂${r.f}/∂${r.wrt} = ${r.gradient.textLines[r.gradient.textLines.length - 1]}   ∈ ${shapeText(r.gradientShape!)}`);
      }
      for (const a of r.assumptions) lines.push(`using the assumption ${a} (${ASSUMPTION_MEANING[a.split(': ')[1] ?? ''] ?? 'declared'})`);
      return lines.join('\n');
    }
    case 'grad':
    case 'jacobian':
    case 'hessian': {
      if (format === 'ascii') return r.rendered.ascii;
      // With --steps the derivation and the result are one display (its last line is the result).
      if (format === 'latex') return r.steps ? r.steps.latex : r.rendered.latexDisplay;
      const lines = [...(r.steps?.text ?? []), ...r.rendered.textLines];
      lines[lines.length - 1] = `${r.lhs} = ${lines[lines.length - 1]}   ∈ ${shapeText(r.shape)}`;
      for (const a of r.assumptions) lines.push(`using the assumption ${a} (${ASSUMPTION_MEANING[a.split(': ')[1] ?? ''] ?? 'declared'})`);
      if (r.symmetric) lines.push(SYMMETRIC_NOTE);
      if (r.value) lines.push(`at the given point: ${valueText(r.value)}`);
      return lines.join('\n');
    }
    case 'eval':
      return valueText(r.value);
    case 'shape':
      if (format === 'latex') return `\\mathbb{R}^{${showShape(r.shape, 'latex')}}`;
      return [...r.definitions.map((d) => `${d.name}: ${showShape(d.shape, format === 'ascii' ? 'ascii' : 'text')}`), `value: ${showShape(r.shape, format === 'ascii' ? 'ascii' : 'text')}`].join('\n');
    case 'simplify':
      if (format === 'ascii') return r.rendered.ascii;
      if (format === 'latex') return r.rendered.latex;
      return r.rendered.textLines.join('\n');
  }
}


export function presentSeveral(r: SeveralResult, format: 'text' | 'ascii' | 'latex', notes: (assumptions: readonly string[]) => string[], valueText: (m: Mat) => string): string {
  if (format === 'ascii') return r.rendered.asciiLines.join('\n');
  if (format === 'latex') return r.rendered.latexDisplay;
  const lines = [...r.rendered.textLines, ...notes(r.assumptions)];
  for (const it of r.items) if (it.value) lines.push(`at the given point: ${it.lhs} = ${valueText(it.value)}`);
  return lines.join('\n');
}

export function shapeText(s: Shape): string {
  return `ℝ^{${showShape(s)}}`;
}

export function valueText(m: Mat): string {
  const j = api.matToJson(m);
  return typeof j === 'number' ? String(j) : JSON.stringify(j);
}
