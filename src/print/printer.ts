/**
 * Printing an expression DAG as text (Unicode homework notation), ascii (the
 * matrixcalculus.org syntax) or LaTeX. The operator files say how each operator
 * prints; this module adds what is global: the user's names for their intermediates
 * (a node that a definition named prints as that name), temporaries for shared
 * subexpressions (so that output never grows exponentially), numbers and names.
 */
import { type Expr, topoOrder } from '../ast.js';
import { OPS } from '../ops/registry.js';
import { type Format, type PrintCtx, type Printed, PREC, multiLetterNames, juxtapose } from '../ops/spec.js';
import { cost } from '../simplify/poly.js';
import { latexText } from './latex-text.js';
import { worthATemporary } from './repeated.js';
import { ACCENT_COMMANDS } from '../parse/marks.js';

export type { Format } from '../ops/spec.js';

export interface PrintOptions {
  readonly format: Format;
  /** Names of nodes (the user's definitions). */
  readonly names?: ReadonlyMap<number, string>;
  /** Introduce temporaries for shared subexpressions (default true). */
  readonly temporaries?: boolean;
  /** Names already taken, which temporaries must avoid. */
  readonly reserved?: ReadonlySet<string>;
}

export interface PrintedProgram {
  /** Temporaries, in order: `t0 = …`. */
  readonly temporaries: readonly { name: string; text: string }[];
  /** The expression itself, using the temporaries. */
  readonly text: string;
}

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu',
  ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/**
 * A name in LaTeX: W1 → W_{1}, b₂ → b_{2}, ŷ → \hat{y}, y_hat → y_{\mathrm{hat}} (a
 * different name from ŷ, printed differently), λ → \lambda, loss → \mathrm{loss}.
 * Names are validated where they enter (accents are their only combining marks); any
 * other character is still printed escaped (latexText), never as LaTeX source.
 */
export function latexName(name: string): string {
  let base = name.normalize('NFC');
  let sub = '';
  const m = /^(.*?)(?:_\{?([^}]*)\}?|(\d+)|([₀-₉]+))$/u.exec(base);
  if (m && m[1] !== '' && (m[2] !== undefined || m[3] !== undefined || m[4] !== undefined)) {
    base = m[1]!;
    sub = m[2] ?? m[3] ?? [...m[4]!].map((c) => String(SUBSCRIPT_DIGITS.indexOf(c))).join('');
  }
  // Each letter with its accents (NFD: ŷ is y + U+0302 → \hat{y}).
  const clusters = [...base.normalize('NFD').matchAll(/\P{M}\p{M}*/gu)].map((x) => x[0]);
  const body = clusters
    .map((cl) => {
      const [letter, ...marks] = [...cl];
      let out = GREEK[letter!] ? `\\${GREEK[letter!]}` : /^[A-Za-z0-9]$/.test(letter!) ? letter! : latexText(letter!);
      for (const mk of marks) out = ACCENT_COMMANDS[mk] ? `\\${ACCENT_COMMANDS[mk]}{${out}}` : out;
      return out;
    })
    .join('');
  const word = clusters.length > 1 && !GREEK[base] ? `\\mathrm{${body}}` : body;
  if (!sub) return word;
  // A subscript that is itself a name prints as one (G_ŷ → G_{\hat{y}}, G_W1 → G_{W_{1}}).
  const subText = sub
    .split('_')
    .map((part) => (/^\p{L}/u.test(part) ? latexName(part) : [...part].map((c) => (/[0-9]/.test(c) ? c : SUBSCRIPT_DIGITS.includes(c) ? String(SUBSCRIPT_DIGITS.indexOf(c)) : latexText(c))).join('')))
    .join('\\_');
  return `${word}_{${subText}}`;
}

/**
 * π and e as the textbook writes them (the program's `π` and `e` are these doubles; `2π`
 * and `π/2` are folded by the simplifier into doubles that are exactly k·π and π/k), unless
 * the program has a name spelled so. ASCII, which has no such constants, keeps the digits.
 */
function constantName(v: number, format: Format, taken: ReadonlySet<string>): Printed | undefined {
  if (format === 'ascii') return undefined;
  for (const [value, name] of [[Math.PI, format === 'latex' ? '\\pi' : 'π'], [Math.E, 'e']] as const) {
    if (taken.has(name === '\\pi' ? 'π' : name)) continue;
    if (v === value) return { text: name, prec: PREC.atom };
    for (let k = 2; k <= 12; k++) {
      if (v === k * value) return { text: format === 'latex' ? `${k} ${name}` : `${k}${name}`, prec: PREC.juxt };
      if (v === value / k) return { text: format === 'latex' ? `\\frac{${name}}{${k}}` : `${name}/${k}`, prec: format === 'latex' ? PREC.atom : PREC.mul };
    }
  }
  return undefined;
}

function formatNumber(v: number, format: Format): string {
  const abs = Math.abs(v);
  // `5e299`, not `5e+299`: both read back, the first is how a textbook writes it.
  // 15 significant digits hide the rounding noise of arithmetic (0.1 + 0.2); near the
  // largest double they round up past it, and there the shortest exact form is printed.
  const rounded = Number(abs.toPrecision(15));
  let s = (Number.isInteger(abs) && abs < 1e15 ? String(abs) : String(Number.isFinite(rounded) ? rounded : abs)).replace('e+', 'e');
  if (format === 'latex' && /e/.test(s)) {
    const [m, e] = s.split('e');
    s = `${m} \\cdot 10^{${Number(e)}}`;
  }
  return s;
}

export function printExpr(root: Expr, opts: PrintOptions): PrintedProgram {
  const p = printExprs([root], opts);
  return { temporaries: p.temporaries, text: p.texts[0]! };
}

export interface PrintedPrograms {
  /** Temporaries shared by the expressions, in order; `uses` are the temporaries each one mentions. */
  readonly temporaries: readonly { name: string; text: string; uses: readonly string[] }[];
  /** Each expression, using the temporaries. */
  readonly texts: readonly string[];
  /** The temporaries each expression mentions directly. */
  readonly uses: readonly (readonly string[])[];
}

/**
 * Several expressions printed together (the derivatives of `wrt W1, b1, …`): a
 * subexpression they share becomes one temporary, defined once.
 */
export function printExprs(roots: readonly Expr[], opts: PrintOptions): PrintedPrograms {
  const { format } = opts;
  const names = opts.names ?? new Map<number, string>();
  const multiLetter = multiLetterNames([...(opts.reserved ?? []), ...names.values()]);
  const taken = new Set([...(opts.reserved ?? []), ...names.values()]);
  const isRoot = new Set(roots.map((r) => r.id));
  const order: Expr[] = [];
  const seenIds = new Set<number>();
  for (const r of roots) for (const n of topoOrder(r)) if (!seenIds.has(n.id)) (seenIds.add(n.id), order.push(n));

  // Temporaries: nodes used more than once whose printed form is not trivially short.
  const temps = new Map<number, string>();
  if (opts.temporaries !== false) {
    // Count only the uses that are printed: below a named node nothing is printed.
    const parents = new Map<number, number>();
    for (const n of order) {
      if (n.kind !== 'op' || (!isRoot.has(n.id) && names.has(n.id))) continue;
      for (const a of n.args) parents.set(a.id, (parents.get(a.id) ?? 0) + 1);
    }
    const costMemo = new Map<number, number>();
    for (const id of names.keys()) costMemo.set(id, 1);
    const reserved = new Set([...(opts.reserved ?? []), ...names.values()]);
    let k = 0;
    const fresh = () => {
      let n: string;
      do n = `t${k++}`;
      while (reserved.has(n));
      return n;
    };
    for (const n of order) {
      if (isRoot.has(n.id) || n.kind !== 'op' || names.has(n.id)) continue;
      const uses = parents.get(n.id) ?? 0;
      const c = cost(n, costMemo);
      // A short node used three times or more: named once when that is shorter (repeated.ts).
      if ((uses >= 2 && c > 5) || (uses >= 3 && c > 1 && worthATemporary(uses, printExprs([n], { format: 'text', names, temporaries: false }).texts[0]!))) {
        temps.set(n.id, fresh());
        costMemo.set(n.id, 1);
      }
    }
  }

  const nameText = (name: string) => (format === 'latex' ? latexName(name) : name);

  // Each node prints once: an operator may look at an argument's printed form before
  // using it (a scaling checks whether its scalar is an atom), which without this memo
  // made a chain of such nodes print in exponential time.
  const printed = new Map<number, Printed>();
  const print = (e: Expr, top: boolean): Printed => {
    if (top) return printNode(e, true);
    let hit = printed.get(e.id);
    if (!hit) printed.set(e.id, (hit = printNode(e, false)));
    return hit;
  };
  const printNode = (e: Expr, top: boolean): Printed => {
    if (!top) {
      const t = temps.get(e.id);
      if (t) return { text: format === 'latex' ? latexName(t) : t, prec: PREC.atom };
      const n = names.get(e.id);
      if (n) return { text: nameText(n), prec: PREC.atom };
    }
    switch (e.kind) {
      case 'var':
        return { text: nameText(e.name), prec: PREC.atom };
      case 'num': {
        const named = constantName(Math.abs(e.value), format, taken);
        const { text: s, prec } = named ?? { text: formatNumber(e.value, format), prec: PREC.atom };
        if (e.value < 0) return { text: `${format === 'text' ? '−' : '-'}${s}`, prec: Math.min(prec, PREC.neg) };
        return { text: s, prec };
      }
      case 'dim': {
        // A product of sizes is a product in the expression: `2*m` in ascii, `2m` (juxtaposition) in text.
        const parts = typeof e.dim === 'string' ? e.dim.split('*') : [String(e.dim)];
        if (parts.length === 1) return { text: format === 'latex' ? latexName(parts[0]!) : parts[0]!, prec: PREC.atom };
        if (format === 'ascii') return { text: parts.join('*'), prec: PREC.mul };
        if (format === 'latex') return { text: parts.map((x) => (/^\d+$/.test(x) ? x : latexName(x))).join(' '), prec: PREC.juxt };
        return { text: parts.reduce((acc, x) => juxtapose(acc, x, 'text', multiLetter)), prec: PREC.juxt };
      }
      case 'op': {
        const node = e;
        // In LaTeX, \left( \right) only around tall content (a fraction).
        const wrap = (p: Printed, min: number) =>
          p.prec >= min ? p.text : format === 'latex' && /\\frac|\\left/.test(p.text) ? `\\left(${p.text}\\right)` : `(${p.text})`;
        const ctx: PrintCtx = {
          format,
          arg: (i, min) => wrap(print(node.args[i]!, false), min),
          expr: (x, min) => wrap(print(x, false), min),
          raw: (i) => print(node.args[i]!, false),
          multiLetterNames: multiLetter,
        };
        return OPS[node.op].print(node, ctx);
      }
      default: {
        const never: never = e;
        return never;
      }
    }
  };

  const byId = new Map(order.map((n) => [n.id, n]));
  const shown = (name: string) => (format === 'latex' ? latexName(name) : name);
  // The temporaries an expression mentions: those reached without passing through another or a name.
  const mentions = (e: Expr, top: boolean): string[] => {
    const found: string[] = [];
    const seen = new Set<number>();
    const walk = (n: Expr, first: boolean) => {
      if (seen.has(n.id)) return;
      seen.add(n.id);
      if (!first) {
        const t = temps.get(n.id);
        if (t) return void found.push(shown(t));
        if (names.has(n.id)) return;
      }
      if (n.kind === 'op') for (const a of n.args) walk(a, false);
    };
    walk(e, top);
    return found;
  };
  const temporaries = [...temps.entries()].map(([id, name]) => ({
    name: shown(name),
    text: print(byId.get(id)!, true).text,
    uses: mentions(byId.get(id)!, true),
  }));
  return { temporaries, texts: roots.map((r) => print(r, false).text), uses: roots.map((r) => mentions(r, false)) };
}

/** The temporaries one of several printed expressions needs, with those they need in turn, in order. */
export function temporariesFor(p: PrintedPrograms, i: number): PrintedProgram {
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const u of p.temporaries.find((t) => t.name === name)?.uses ?? []) visit(u);
  };
  for (const u of p.uses[i]!) visit(u);
  return { temporaries: p.temporaries.filter((t) => needed.has(t.name)).map(({ name, text }) => ({ name, text })), text: p.texts[i]! };
}

/** The printed expression as program text: temporaries as definitions, then the expression. */
export function asProgramText(p: PrintedProgram): string {
  return [...p.temporaries.map((t) => `${t.name} = ${t.text}`), p.text].join('; ');
}
