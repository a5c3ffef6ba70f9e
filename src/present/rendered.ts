/**
 * A result's expressions as the presenter asks for them: each format is printed when it
 * is first read, and once (`--format text` never prints LaTeX; JSON prints text, ASCII
 * and LaTeX). The request (api/request.ts) holds these views; present.ts and json.ts read
 * only the fields of the format asked for.
 */
import type { Expr } from '../ast.js';
import type { Program } from '../parse/build.js';
import type { Derivative } from '../api/derive.js';
import { namesOf } from '../api/derive.js';
import { cost } from '../simplify/poly.js';
import { render, programText, toLatex } from './render.js';

/** A derivation, ready to print: text lines, one LaTeX `aligned` block, and JSON. */
export interface RenderedSteps {
  readonly text: readonly string[];
  readonly latex: string;
  readonly json: unknown[];
}

export interface Rendered {
  readonly text: string;
  readonly ascii: string;
  readonly latex: string;
  /** Display LaTeX with the left-hand side (`\frac{∂L}{∂W} = …`). */
  readonly latexDisplay: string;
  /** LaTeX without temporaries, to be placed inside a larger display. */
  readonly latexInline?: string;
  /** The temporaries and the expression in text, as lines for the text format. */
  readonly textLines: readonly string[];
}

/** An object whose fields are computed on first reading, each once. */
export function lazily<T extends object>(fields: { readonly [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(fields) as (keyof T)[]) {
    let done = false;
    let value: T[typeof key];
    Object.defineProperty(out, key, {
      enumerable: true,
      get: () => {
        if (!done) {
          value = fields[key]();
          done = true;
        }
        return value;
      },
    });
  }
  return out;
}

/** The largest expression (in tree nodes) written out without temporaries inside a LaTeX display. */
const MAX_INLINE_NODES = 2_000;

/** An expression of a program (a derivative's, when `d` is given: its display has the left-hand side) in every format, each printed when asked for. */
export function renderings(program: Program, d: Derivative | undefined, e: Expr, inline: boolean): Rendered {
  const printed = lazily({
    text: () => render(program, e, { format: 'text', inline }),
    ascii: () => render(program, e, { format: 'ascii', inline }),
    latex: () => render(program, e, { format: 'latex', inline }),
  });
  const latexExpr = (): string => {
    const latex = printed.latex;
    return latex.temporaries.length === 0 ? latex.text : `\\begin{aligned}\n${[...latex.temporaries.map((t) => `${t.name} &= ${t.text}`), `&${latex.text}`].join(' \\\\\n')}\n\\end{aligned}`;
  };
  return lazily<Rendered>({
    text: () => programText(printed.text),
    ascii: () => programText(printed.ascii),
    latex: latexExpr,
    latexDisplay: () => (d ? toLatex(d, { inline }) : latexExpr()),
    // Only `differential --format latex` uses it, and without temporaries a shared DAG
    // prints long (1/(1/(…x)) 400 deep: a second).
    // Left out (the display then uses the form with temporaries) where it would be long.
    latexInline: () => {
      const named = new Map<number, number>();
      if (!inline) for (const id of namesOf(program).keys()) if (id !== e.id) named.set(id, 1);
      return cost(e, named) > MAX_INLINE_NODES ? undefined : render(program, e, { format: 'latex', inline, temporaries: false }).text || undefined;
    },
    textLines: () => [...printed.text.temporaries.map((t) => `${t.name} = ${t.text}`), printed.text.text],
  });
}
