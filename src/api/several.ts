/**
 * Derivatives with respect to several variables (`wrt W1, b1, W2, b2`, CONTRACT §2):
 * each printed in the order given, sharing temporaries; each checked numerically.
 *
 * JSON (and each `batch` line): `"wrt"` is the list, and `"results"` holds one entry per
 * variable, `{wrt, result, ascii, latex, shape, value?, check?}`, where `result` and
 * `ascii` are self-contained program text (the temporaries that entry needs, then its
 * expression), so each reads back on its own; the text, ascii and LaTeX formats print
 * the shared temporaries once.
 */
import * as api from './index.js';
import { DcalcError } from '../errors.js';
import { type Shape } from '../shape/shape.js';
import type { Mat } from '../numeric/matrix.js';
import type { Expr } from '../ast.js';
import { lazily } from '../present/rendered.js';

export interface SeveralItem {
  readonly wrt: string;
  readonly lhs: string;
  readonly latexLhs: string;
  readonly shape: Shape;
  /** This derivative alone: the temporaries it needs, then its expression. */
  readonly text: string;
  readonly ascii: string;
  readonly latex: string;
  readonly value?: Mat;
  readonly check?: api.CheckReport;
}

export interface SeveralResult {
  readonly op: 'several';
  readonly of: api.DerivativeKind;
  readonly wrts: readonly string[];
  readonly items: readonly SeveralItem[];
  /** All of them in each format, temporaries shared: lines (text, ascii) and one LaTeX display; each printed when first read. */
  readonly rendered: { readonly textLines: readonly string[]; readonly asciiLines: readonly string[]; readonly latexDisplay: string };
  readonly assumptions: readonly string[];
  readonly layout?: api.Layout;
  readonly symmetric?: boolean;
  /** The exported module (`--format numpy|torch`, batch `"export"`): one function for every variable. */
  readonly code?: string;
  /** The numeric checks together: the most points all reached, the largest error, ok if all are. */
  readonly check?: api.CheckReport;
}

/** The names after `wrt`: `"W1, b1"`, `"W1 b1"` or a list. */
export function wrtList(wrt: string | readonly string[] | undefined): string[] {
  if (wrt === undefined) return [];
  const parts = typeof wrt === 'string' ? wrt.split(/[\s,]+/) : [...wrt];
  return parts.map((w) => w.trim()).filter((w) => w !== '');
}

export interface SeveralRequest {
  readonly op: api.DerivativeKind;
  readonly wrts: readonly string[];
  readonly at?: unknown;
  readonly check?: boolean;
  readonly seed?: number;
  readonly inline?: boolean;
  readonly layout?: api.Layout;
  readonly symmetric?: boolean;
}

export function runSeveral(program: api.Program, req: SeveralRequest): SeveralResult {
  const ds = api.deriveSeveral(program, req.op, req.wrts, { layout: req.layout, symmetric: req.symmetric });
  const exprs: Expr[] = ds.map((d) => d.expr);
  const inline = req.inline ?? false;
  // Each format is printed when the presenter first asks for it (present/rendered.ts).
  const printed = lazily({
    text: () => api.renderSeveral(program, exprs, { format: 'text', inline }),
    ascii: () => api.renderSeveral(program, exprs, { format: 'ascii', inline }),
    latex: () => api.renderSeveral(program, exprs, { format: 'latex', inline }),
  });
  const point = req.at === undefined ? undefined : api.pointFromValues(program, req.at);
  // The program itself must be defined at the point (log of a negative value is a domain error).
  if (point) api.evaluateAt(program, program.value, point);
  const items = ds.map((d, i): SeveralItem => {
    const value = point ? api.evaluateAt(program, d.expr, point) : undefined;
    const check = req.check ? api.checkDerivative(d, { seed: req.seed ?? 1 }) : undefined;
    return lazily<SeveralItem>({
      wrt: () => d.wrt,
      lhs: () => api.textLhs(d),
      latexLhs: () => api.latexLhs(d),
      shape: () => d.shape,
      text: () => api.programText(api.temporariesFor(printed.text, i)),
      ascii: () => api.programText(api.temporariesFor(printed.ascii, i)),
      latex: () => latexAlone(api.temporariesFor(printed.latex, i)),
      value: () => value,
      check: () => check,
    });
  });
  const checks = items.map((it) => it.check).filter((c): c is api.CheckReport => c !== undefined);
  const views = lazily({
    textLines: () => [...printed.text.temporaries.map((t) => `${t.name} = ${t.text}`), ...items.map((it, i) => `${it.lhs} = ${printed.text.texts[i]}   ∈ ℝ^{${showShapeText(it.shape)}}`)],
    asciiLines: () => [...printed.ascii.temporaries.map((t) => `${t.name} = ${t.text}`), ...printed.ascii.texts],
    latexDisplay: () => {
      const latexLines = [...printed.latex.temporaries.map((t) => `${t.name} &= ${t.text}`), ...items.map((it, i) => `${it.latexLhs} &= ${printed.latex.texts[i]}`)];
      return `\\begin{aligned}\n${latexLines.join(' \\\\\n')}\n\\end{aligned}`;
    },
  });
  return {
    op: 'several',
    of: req.op,
    wrts: req.wrts,
    items,
    rendered: views,
    assumptions: [...new Set(ds.flatMap((d) => d.assumptionsUsed))].sort(),
    layout: req.layout,
    symmetric: req.symmetric,
    check: checks.length ? { points: Math.min(...checks.map((c) => c.points)), maxRelErr: Math.max(...checks.map((c) => c.maxRelErr)), ok: checks.every((c) => c.ok) } : undefined,
  };
}

function showShapeText(s: Shape): string {
  return api.showShape(s);
}

function latexAlone(p: { temporaries: readonly { name: string; text: string }[]; text: string }): string {
  if (p.temporaries.length === 0) return p.text;
  return `\\begin{aligned}\n${[...p.temporaries.map((t) => `${t.name} &= ${t.text}`), `&${p.text}`].join(' \\\\\n')}\n\\end{aligned}`;
}

/** `wrt` of several names is for grad, jacobian and hessian. */
export function requireOne(op: string, wrts: readonly string[]): string {
  if (wrts.length !== 1) throw new DcalcError('usage', wrts.length === 0 ? `${op} needs \`wrt <variable>\`` : `${op} takes one variable after wrt, not ${wrts.length} (several are for grad, jacobian and hessian)`);
  return wrts[0]!;
}
