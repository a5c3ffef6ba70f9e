/**
 * The library entry point of code export: derivatives of a program as a NumPy or PyTorch
 * module (CONTRACT §6). Several `wrt` give one function returning every derivative.
 */
import * as api from '../api/index.js';
import { DcalcError } from '../errors.js';
import { exportPython, type Library } from './python.js';
import { printExpr } from '../print/printer.js';

export type { Library } from './python.js';
export { pythonName } from './python.js';

export interface ExportRequest extends api.ParseOptions {
  readonly op: 'grad' | 'jacobian' | 'hessian';
  /** One variable, or several: the function then returns (value, (d1, d2, …)) in this order. */
  readonly wrt: string | readonly string[];
  readonly library: Library;
  /** The program's text for the docstring, when the program is given parsed. */
  readonly source?: string;
}

/** The Python module for `op` of the program w.r.t. each `wrt`, as text. */
export function exportCode(program: api.Program | string, req: ExportRequest): string {
  // The docstring shows the program as given, with its --let declarations.
  const letText = typeof req.let === 'string' ? req.let : req.let ? Object.entries(req.let).map(([n, s]) => `${n}: ${s.length ? s.join('×') : 'scalar'}`).join(', ') : '';
  const given = typeof program === 'string' ? program : req.source;
  const source = given !== undefined ? (letText ? `# let ${letText}\n${given}` : given) : undefined;
  const p = typeof program === 'string' ? api.parseProgram(program, req) : program;
  const wrts = typeof req.wrt === 'string' ? [req.wrt] : [...req.wrt];
  if (wrts.length === 0) throw new DcalcError('usage', 'export needs at least one variable after `wrt`');
  const derive = req.op === 'grad' ? api.grad : req.op === 'jacobian' ? api.jacobian : api.hessian;
  const derivatives = wrts.map((wrt) => {
    const d = derive(p, wrt);
    const r = api.render(p, d.expr, { format: 'text' });
    const text = [...r.temporaries.map((t) => `${t.name} = ${t.text}`), `${api.textLhs(d)} = ${r.text}`].join('\n');
    return { wrt, expr: d.expr, text };
  });
  return api.withinProgram(p, () => exportPython({ program: p, op: req.op, derivatives, source: source ?? programSource(p) }, { library: req.library }));
}

/** A program given already parsed: its declarations and definitions, printed back. */
function programSource(p: api.Program): string {
  const decls = [...p.declarations.values()].map((d) => `${d.name}: ${api.showShape(d.shape)}${d.assumptions.length ? ` ${d.assumptions.join(' ')}` : ''}`);
  const names = api.namesOf(p);
  const defs = [...p.definitions].map(([name, e]) => {
    const others = new Map([...names].filter(([id]) => id !== e.id));
    return `${name} = ${printExpr(e, { format: 'text', names: others, temporaries: false }).text}`;
  });
  if (!p.valueName) defs.push(printExpr(p.value, { format: 'text', names, temporaries: false }).text);
  return [decls.join('; '), ...defs].join('\n');
}
