/**
 * `check --format latex`: the verdict as one display-math string (CONTRACT §3), like
 * every other LaTeX output: prose in `\text{}` with all user text escaped
 * (print/latex-text.ts), the expected and claimed derivatives as LaTeX built from the
 * parsed expressions, in an `aligned` environment.
 */
import { latexText } from '../print/latex-text.js';
import type { Result } from '../api/request.js';

export function checkLatex(r: Extract<Result, { op: 'check' }>): string {
  const head = r.verdict === 'correct' ? 'correct' : `incorrect (${r.diagnosis ?? 'differs'})`;
  const lines = [`& ${latexText(`${head}: ${r.message}`)}`];
  if (r.verdict === 'incorrect') {
    lines.push(`& ${latexText('expected: ')} ${r.expected.latexDisplay}`);
    lines.push(`& ${latexText('claimed: ')} ${r.claimed.latex}`);
    if (r.factor !== undefined) lines.push(`& ${latexText(`factor (claimed ÷ true): ${r.factor}`)}`);
    if (r.counterexample) {
      const at = Object.entries(r.counterexample.at).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
      lines.push(`& ${latexText(`counterexample: at ${at}`)}`);
      lines.push(`& ${latexText(`claimed ${JSON.stringify(r.counterexample.claimed)}, expected ${JSON.stringify(r.counterexample.expected)}`)}`);
    }
  }
  return `\\begin{aligned}\n${lines.join(' \\\\\n')}\n\\end{aligned}`;
}
