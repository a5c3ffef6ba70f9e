/**
 * The operations behind the CLI and `batch`: each takes a request and gives a result
 * that can be presented as text, ascii, LaTeX or JSON. No printing happens here.
 */
import * as api from './index.js';
import { DcalcError, withinLimits } from '../errors.js';
import { type Shape, showShape } from '../shape/shape.js';
import { showDim } from '../shape/dims.js';
import type { Mat } from '../numeric/matrix.js';
import { simplify } from '../simplify/engine.js';
import { topoOrder, Store, withStore } from '../ast.js';
import * as E from '../algebra.js';
import { runSeveral, wrtList, requireOne, type SeveralResult } from './several.js';
import { exportCode, type Library } from '../export/export.js';
import { latexText } from '../print/latex-text.js';
import { renderings, lazily, type Rendered, type RenderedSteps } from '../present/rendered.js';

export type Op = 'grad' | 'jacobian' | 'hessian' | 'differential' | 'check' | 'eval' | 'shape' | 'simplify';
export const OPS_SUPPORTED: readonly string[] = ['grad', 'jacobian', 'hessian', 'differential', 'check', 'eval', 'shape', 'simplify'];
export const NEEDS_WRT: readonly string[] = ['grad', 'jacobian', 'hessian', 'differential', 'check'];

export interface Request {
  readonly op: Op;
  readonly program: string;
  readonly wrt?: string;
  readonly let?: api.LetSpec;
  readonly at?: unknown;
  readonly check?: boolean;
  readonly seed?: number;
  readonly inline?: boolean;
  /** The claimed derivative, for `check`. */
  readonly claim?: string;
  /** The program's language (`--from`); undefined: detected. */
  readonly from?: 'text' | 'latex';
  /** Show the derivation (`--steps`). */
  readonly steps?: boolean;
  /** `--layout` (CONTRACT §2); undefined: the command's default. */
  readonly layout?: api.Layout;
  /** `--symmetric`: the derivative within the symmetric matrices. */
  readonly symmetric?: boolean;
  /** `check --of`: the derivative the claim is graded against; undefined: read from its shape. */
  readonly of?: api.DerivativeKind;
  /** Export the derivative as a Python module (`--format numpy|torch`, batch `"export"`). */
  readonly export?: Library;
}

/**
 * How notation open to two readings was read (`(1/2)‖r‖²`) and hints about readings
 * probably not meant (CONTRACT §1); text output prints them on stderr, JSON as
 * `readings` and `hints`.
 */
export interface Notes {
  readonly readings?: readonly string[];
  readonly hints?: readonly string[];
}

function withNotes<R extends Result>(r: R, program: api.Program): R {
  return program.readings.length || program.hints.length ? { ...r, readings: program.readings, hints: program.hints } : r;
}

export type Result = Notes & (
  | { op: 'check'; wrt: string; of: api.DerivativeKind; layout?: api.Layout; lhs: string; verdict: 'correct' | 'incorrect'; diagnosis?: string; message: string; expected: Rendered; expectedShape: Shape; claimed: Rendered; claimedShape?: Shape; factor?: number | string; counterexample?: import('../numeric/check.js').Counterexample; points: number; assumptions: readonly string[] }
  | { op: 'grad' | 'jacobian' | 'hessian'; wrt: string; lhs: string; rendered: Rendered; shape: Shape; value?: Mat; check?: api.CheckReport; assumptions: readonly string[]; steps?: RenderedSteps; layout?: api.Layout; symmetric?: boolean; code?: string }
  | SeveralResult
  | { op: 'differential'; wrt: string; f: string; d: Rendered; traceForm?: Rendered; gradient?: Rendered; gradientShape?: Shape; shape: Shape; check?: api.CheckReport; assumptions: readonly string[] }
  | { op: 'eval'; value: Mat; shape: Shape }
  | { op: 'shape'; shape: Shape; definitions: { name: string; shape: Shape }[] }
  | { op: 'simplify'; rendered: Rendered; shape: Shape }
);

/** A request checked by validateRequest (validate-request.ts), answered. */
export function run(req: Request): Result {
  // Running out of room on an extreme input is a limit, not a crash.
  // Each request has its own expression store: nothing it builds outlives its answer.
  return withStore(new Store(), () => withinLimits(() => runUnguarded(req)));
}

function runUnguarded(req: Request): Result {
  if (req.op === 'check') return runCheck(req);
  const program = api.parseProgram(req.program, { let: req.let, from: req.from, values: req.at });
  return withNotes(runOn({ ...req, op: req.op }, program), program);
}

function runOn(req: Request & { op: Exclude<Op, 'check'> }, program: api.Program): Result {
  const inline = req.inline ?? false;
  switch (req.op) {
    case 'differential': {
      const wrt = requireOne('differential', wrtList(req.wrt));
      const df = api.differentialOf(program, wrt);
      const f = program.valueName ?? 'f';
      const result: Result = { op: 'differential', wrt, f, d: renderings(program, undefined, df.expr, inline), shape: df.expr.shape, assumptions: df.gradient?.assumptionsUsed ?? [] };
      if (df.gradient) {
        const g = df.gradient;
        // dL = tr(Gᵀ dX): the gradient read off the differential.
        const trace = E.trace(E.matmul(E.transpose(g.expr), df.dX));
        result.traceForm = renderings(program, undefined, trace, inline);
        result.gradient = renderings(program, g, g.expr, inline);
        result.gradientShape = g.shape;
        if (req.check) result.check = api.checkDerivative(g, { seed: req.seed ?? 1 });
      }
      return result;
    }
    case 'grad':
    case 'jacobian':
    case 'hessian': {
      const wrts = wrtList(req.wrt);
      if (wrts.length > 1) {
        const several = runSeveral(program, { ...req, op: req.op, wrts });
        return req.export ? { ...several, code: exportCode(program, { op: req.op, wrt: wrts, library: req.export, let: req.let, source: req.program }) } : several;
      }
      const wrt = requireOne(req.op, wrts);
      const d = api.derive(program, req.op, wrt, { layout: req.layout, symmetric: req.symmetric });
      const result: Result = {
        op: req.op,
        wrt,
        lhs: api.textLhs(d),
        rendered: renderings(program, d, d.expr, inline),
        shape: d.shape,
        assumptions: d.assumptionsUsed,
        layout: req.layout,
        symmetric: req.symmetric,
      };
      if (req.at !== undefined) {
        // The program itself must be defined at the point (log of a negative value is a domain error).
        const point = api.pointFromValues(program, req.at);
        api.evaluateAt(program, program.value, point);
        result.value = api.evaluateAt(program, d.expr, point);
      }
      if (req.check) result.check = api.checkDerivative(d, { seed: req.seed ?? 1 });
      if (req.export) result.code = exportCode(program, { op: req.op, wrt, library: req.export, let: req.let, source: req.program });
      // The derivation of the derivative just taken (before the conventions), not a second derivation.
      if (req.steps) result.steps = req.op === 'grad' ? gradSteps(program, d.base ?? d, d) : jacobianSteps(program, d, wrt);
      return result;
    }
    case 'eval': {
      const hasVars = topoOrder(program.value).some((n) => n.kind === 'var' || n.kind === 'dim');
      if (req.at === undefined && hasVars) throw new DcalcError('usage', 'eval needs values: --at \'{"X": [[1, 2], [3, 4]], …}\'');
      const point = req.at === undefined ? { vars: new Map(), dims: new Map() } : api.pointFromValues(program, req.at);
      return { op: 'eval', value: api.evaluateAt(program, program.value, point), shape: program.value.shape };
    }
    case 'shape':
      return { op: 'shape', shape: program.value.shape, definitions: [...program.definitions].map(([name, e]) => ({ name, shape: e.shape })) };
    case 'simplify': {
      const names = api.namesOf(program);
      names.delete(program.value.id);
      const s = api.withinProgram(program, () => simplify(program.value, { named: new Set(names.keys()) }));
      return { op: 'simplify', rendered: renderings(program, undefined, s.expr, inline), shape: s.expr.shape };
    }
  }
}


/** An expression of a step, in one line: no temporaries (a derivation is read line by line). */
function oneLine(program: api.Program, e: import('../ast.js').Expr, format: 'text' | 'latex'): string {
  return api.render(program, e, { format, temporaries: false }).text;
}

/**
 * The gradient's derivation through the program's names, seed-001 style: dL = tr(G_uᵀ du);
 * each format printed when asked for. Its last line is the answer as asked for (`result`:
 * in the layout asked for, within the symmetric matrices), like the text's.
 */
function gradSteps(program: api.Program, gradient: api.Derivative, result: api.Derivative): RenderedSteps {
  const der = api.gradientDerivationOf(gradient);
  const f = program.valueName ?? 'f';
  const fL = api.latexName(f);
  const textOf = lazily({ forms: () => der.steps.map((s) => ({ rel: oneLine(program, s.relation, 'text'), val: oneLine(program, s.value, 'text') })) });
  return lazily<RenderedSteps>({
    text: () => {
      const text: string[] = [`derivation: at each step d${f} = tr(Gᵀ dv), with G = ∂${f}/∂v by the identities cited`];
      der.steps.forEach((s, i) => {
        const { rel, val } = textOf.forms[i]!;
        const sym = s.symbol.name;
        const lead = i === 0 ? `d${f} = ` : `${' '.repeat([...`d${f}`].length)} = `;
        const head = `  ${lead}tr(${sym}ᵀ d${s.name})   with ${sym} = ∂${f}/∂${s.name} = `;
        text.push(head + rel);
        if (val !== rel) text.push(`${' '.repeat([...head].length - 2)}= ${val}`);
        for (const id of s.identities) text.push(`        by ${id}`);
        if (s.rules.length) text.push(`        simplified by: ${s.rules.join(', ')}`);
      });
      return text;
    },
    latex: () => {
      const latex = der.steps.map((s, i) => {
        const relL = oneLine(program, s.relation, 'latex');
        const valL = oneLine(program, s.value, 'latex');
        const symL = api.latexName(s.symbol.name);
        return `${i === 0 ? `d${fL}` : ''} &= \\operatorname{tr}\\left(${symL}^\\top \\, d${api.latexName(s.name)}\\right), & ${symL} &= ${relL}${relL !== valL ? ` = ${valL}` : ''}`;
      });
      latex.push(`${api.latexLhs(result)} &= ${oneLine(program, result.expr, 'latex')} \\in ${shapeLatex(result.shape)}`);
      return `\\begin{aligned}\n${latex.join(' \\\\\n')}\n\\end{aligned}`;
    },
    json: () => der.steps.map((s, i) => ({ name: s.name, symbol: s.symbol.name, relation: textOf.forms[i]!.rel, value: textOf.forms[i]!.val, identities: s.identities, rules: s.rules })),
  });
}

/** The Jacobian's derivation: the differential, then its vectorisation (for a Hessian: of the gradient); its last line is `d`, as asked for; each format printed when asked for. */
function jacobianSteps(program: api.Program, d: api.Derivative, wrt: string): RenderedSteps {
  const f = program.valueName ?? 'f';
  const fL = api.latexName(f);
  const xL = api.latexName(wrt);
  if (d.op === 'hessian') {
    // The gradient the Hessian differentiated, taken with it: not derived again.
    const g = (d.base ?? d).gradientDerivative!;
    const gText = lazily({ text: () => oneLine(program, g.expr, 'text') });
    return lazily<RenderedSteps>({
      text: () => [`derivation: the Hessian is the Jacobian of the gradient G = ∂${f}/∂${wrt} = ${gText.text}:`, `  dG is linear in d${wrt}, and vec(dG) = H vec(d${wrt}) by vec(AXB) = (Bᵀ ⊗ A) vec(X)`],
      latex: () => `\\begin{aligned}\nG &= ${oneLine(program, g.expr, 'latex')} \\\\\n\\operatorname{vec}(dG) &= H \\operatorname{vec}(d${xL}) \\\\\n${api.latexLhs(d)} &= ${oneLine(program, d.expr, 'latex')} \\in ${shapeLatex(d.shape)}\n\\end{aligned}`,
      json: () => [{ gradient: gText.text }],
    });
  }
  const der = api.jacobianDerivationOf(d.base ?? d);
  const scalarX = der.derivative.wrtNode.shape.rows === 1 && der.derivative.wrtNode.shape.cols === 1;
  const texts = lazily({ dF: () => oneLine(program, der.differential, 'text'), J: () => oneLine(program, der.derivative.expr, 'text') });
  return lazily<RenderedSteps>({
    text: () => {
      const wrap = (t: string) => (/ /.test(t) ? `(${t})` : t);
      const text = [scalarX ? `derivation: the differential d${f} = J d${wrt}, with J shaped like ${f}` : `derivation: the differential, then vec(d${f}) = J vec(d${wrt})`, `  d${f} = ${texts.dF}`];
      for (const id of der.differentialIdentities) text.push(`        by ${id}`);
      if (!scalarX) {
        text.push(`  vec(d${f}) = ${wrap(texts.J)} vec(d${wrt})`);
        for (const id of der.vecIdentities) text.push(`        by ${id}`);
      }
      if (der.rules.length) text.push(`        simplified by: ${der.rules.join(', ')}`);
      return text;
    },
    latex: () => {
      const JL = oneLine(program, der.derivative.expr, 'latex');
      const vecLine = scalarX ? '' : `\\operatorname{vec}(d${fL}) &= \\left(${JL}\\right) \\operatorname{vec}(d${xL}) \\\\\n`;
      return `\\begin{aligned}\nd${fL} &= ${oneLine(program, der.differential, 'latex')} \\\\\n${vecLine}${api.latexLhs(d)} &= ${oneLine(program, d.expr, 'latex')} \\in ${shapeLatex(d.shape)}\n\\end{aligned}`;
    },
    json: () => [{ differential: texts.dF, identities: der.differentialIdentities }, { jacobian: texts.J, identities: der.vecIdentities, rules: der.rules }],
  });
}

const DIAGNOSIS_MESSAGE: Record<string, (lhs: string, c: { factor?: number | string; claimedShape: Shape; expectedShape: Shape }) => string> = {
  shape: (lhs, c) => `the claim is ${showShape(c.claimedShape)} but ${lhs} is ${showShape(c.expectedShape)}`,
  transposed: (lhs) => `the claim is the transpose of ${lhs}`,
  layout: (lhs) => `the claim is in the other layout: it is the transpose of ${lhs}`,
  sign: (lhs) => `the claim has the wrong sign: it is −${lhs}`,
  scaled: (lhs, c) => `the claim is ${c.factor} × ${lhs} (a constant factor is off)`,
  'missing-sum': (lhs) => `the claim is not summed over the batch: summing it over the broadcast axis gives ${lhs}`,
  differs: (lhs) => `the claim differs from ${lhs}; see the counterexample`,
};

function runCheck(req: Request): Result {
  const wrt = requireOne('check', wrtList(req.wrt));
  const claim = req.claim;
  // validateRequest requires a claim for check: without one this is a bug, not the user's doing.
  if (claim === undefined) throw new DcalcError('internal', 'check without a claim');
  const c = api.checkClaim(req.program, wrt, claim, { let: req.let, from: req.from, seed: req.seed ?? 1, layout: req.layout, symmetric: req.symmetric, of: req.of });
  const d = c.derivative;
  const lhs = api.textLhs(d);
  const g = c.grade;
  const factor = typeof g.factor === 'number' && g.factor < 0 ? `−${-g.factor}` : g.factor;
  const shapes = { factor, claimedShape: c.claim?.shape ?? d.shape, expectedShape: d.shape };
  let message = c.claimShapeError
    ? `the claim has no shape: ${c.claimShapeError}`
    : g.reason !== undefined
      ? g.reason
      : g.verdict === 'correct'
      ? `the claim equals ${lhs} at ${g.points} random points`
      : DIAGNOSIS_MESSAGE[g.diagnosis!]!(lhs, shapes);
  if (d.assumptionsUsed.length && g.verdict === 'correct') message += `, assuming ${d.assumptionsUsed.join(', ')}`;
  // The claim as written (it has no expression to print): in LaTeX, escaped text.
  const rawLatex = latexText(claim);
  const raw: Rendered = { text: claim, ascii: claim, latex: rawLatex, latexDisplay: rawLatex, textLines: [claim] };
  return withNotes({
    op: 'check',
    wrt,
    of: d.op,
    layout: req.layout,
    lhs,
    verdict: g.verdict,
    diagnosis: g.diagnosis,
    message,
    expected: renderings(d.program, d, d.expr, req.inline ?? false),
    expectedShape: d.shape,
    claimed: c.claimProgram && c.claim ? renderings(c.claimProgram, undefined, c.claim, false) : raw,
    claimedShape: c.claim?.shape,
    factor,
    counterexample: g.counterexample,
    points: g.points,
    assumptions: d.assumptionsUsed,
  }, d.program);
}

function shapeLatex(s: Shape): string {
  return `\\mathbb{R}^{${showDim(s.rows, 'latex')} \\times ${showDim(s.cols, 'latex')}}`;
}

