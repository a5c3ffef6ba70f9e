/**
 * The playground page: the inputs, the URL hash that holds them, and the rendering of
 * the worker's answers (KaTeX for the result, the CLI's wording for errors). All the
 * mathematics happens in the worker (worker.ts), through `dcalc batch`'s own function.
 */
import katex from 'katex';
import { Engine } from './engine.js';
import { CLASSIC_EXAMPLES, SEED_EXAMPLES, type Example } from './examples.js';
import { cliWords, errorPlace, type ErrorJson } from './errors.js';
import { stepsView } from './steps.js';
import type { BatchRequest, WorkAnswer } from './protocol.js';

const OPS = ['grad', 'jacobian', 'hessian', 'differential', 'check'] as const;
const EXPORTING_OPS = ['grad', 'jacobian', 'hessian'];
type Op = (typeof OPS)[number];

interface State {
  op: Op;
  program: string;
  let: string;
  wrt: string;
  claim: string;
  layout: '' | 'denominator' | 'numerator';
  steps: boolean;
  /** The code export's target, or '' for none. */
  code: '' | 'numpy' | 'torch';
}

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const ui = {
  examples: byId<HTMLSelectElement>('examples'),
  op: byId<HTMLSelectElement>('op'),
  wrt: byId<HTMLInputElement>('wrt'),
  layout: byId<HTMLSelectElement>('layout'),
  program: byId<HTMLTextAreaElement>('program'),
  backdrop: byId<HTMLDivElement>('program-backdrop'),
  let: byId<HTMLInputElement>('let'),
  claim: byId<HTMLInputElement>('claim'),
  showSteps: byId<HTMLInputElement>('show-steps'),
  showCode: byId<HTMLInputElement>('show-code'),
  codeTarget: byId<HTMLSelectElement>('code-target'),
  error: byId<HTMLDivElement>('error'),
  result: byId<HTMLDivElement>('result'),
  check: byId<HTMLDivElement>('check'),
  definitions: byId<HTMLTableElement>('definitions'),
  stepsSection: byId<HTMLElement>('steps-section'),
  steps: byId<HTMLDivElement>('steps'),
  codeSection: byId<HTMLElement>('code-section'),
  code: byId<HTMLPreElement>('code'),
  copyLatex: byId<HTMLButtonElement>('copy-latex'),
  copyAscii: byId<HTMLButtonElement>('copy-ascii'),
  copyCode: byId<HTMLButtonElement>('copy-code'),
  copyStatus: byId<HTMLSpanElement>('copy-status'),
  timing: byId<HTMLSpanElement>('timing'),
};

// ---------------------------------------------------------------------------------
// State: the inputs ⇄ the URL hash (`#op=grad&program=…&let=…&wrt=…&claim=…`)

function readInputs(): State {
  return {
    op: ui.op.value as Op,
    program: ui.program.value,
    let: ui.let.value,
    wrt: ui.wrt.value,
    claim: ui.claim.value,
    layout: ui.layout.value as State['layout'],
    steps: ui.showSteps.checked,
    code: ui.showCode.checked ? (ui.codeTarget.value as 'numpy' | 'torch') : '',
  };
}

function writeInputs(s: State): void {
  ui.op.value = s.op;
  ui.program.value = s.program;
  ui.let.value = s.let;
  ui.wrt.value = s.wrt;
  ui.claim.value = s.claim;
  ui.layout.value = s.layout;
  ui.showSteps.checked = s.steps;
  ui.showCode.checked = s.code !== '';
  if (s.code) ui.codeTarget.value = s.code;
}

function toHash(s: State): string {
  const p = new URLSearchParams({ op: s.op, program: s.program, let: s.let, wrt: s.wrt, claim: s.claim });
  if (s.layout) p.set('layout', s.layout);
  if (s.steps) p.set('steps', '1');
  if (s.code) p.set('export', s.code);
  return `#${p.toString()}`;
}

/** The state a hash describes, or undefined when it describes none (no `program`). */
function fromHash(hash: string): State | undefined {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  if (!p.has('program')) return undefined;
  const op = p.get('op') ?? 'grad';
  const layout = p.get('layout') ?? '';
  const code = p.get('export') ?? '';
  return {
    op: (OPS as readonly string[]).includes(op) ? (op as Op) : 'grad',
    program: p.get('program') ?? '',
    let: p.get('let') ?? '',
    wrt: p.get('wrt') ?? '',
    claim: p.get('claim') ?? '',
    layout: layout === 'denominator' || layout === 'numerator' ? layout : '',
    steps: p.get('steps') === '1',
    code: code === 'numpy' || code === 'torch' ? code : '',
  };
}

function fromExample(e: Example, keep: State): State {
  return { ...keep, op: e.op, program: e.program, let: e.let ?? '', wrt: e.wrt, claim: e.claim ?? '' };
}

/** The request `dcalc batch` gets for this state (the browser tests send it to the real batch). */
function toRequest(s: State): BatchRequest {
  const req: BatchRequest = { op: s.op, program: s.program, wrt: s.wrt.trim() };
  if (s.let.trim()) req.let = s.let;
  if (s.op === 'check') req.claim = s.claim;
  else req.check = true;
  if (s.steps) req.steps = true;
  if (s.layout) req.layout = s.layout;
  if (s.code && EXPORTING_OPS.includes(s.op)) req.export = s.code;
  return req;
}

// ---------------------------------------------------------------------------------
// Rendering an answer

const tex = (latex: string, el: HTMLElement) => katex.render(latex, el, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });

function shapeLatex(shape: unknown): string {
  if (!Array.isArray(shape) || shape.length !== 2) return '';
  // As showDim writes a size in LaTeX: the factors of a product side by side (`p q`).
  const dim = (d: unknown) => String(d).split('*').join(' ');
  return ` \\in \\mathbb{R}^{${dim(shape[0])} \\times ${dim(shape[1])}}`;
}

function shapeText(shape: unknown): string {
  return Array.isArray(shape) && shape.length === 2 ? `${shape[0]}×${shape[1]}` : '';
}

/** `lhs = latex ∈ ℝ^{…}`; where the answer has temporaries (an `aligned` block), the left-hand side goes on its last line. */
function display(lhs: string | undefined, latex: string, shape: unknown): string {
  const aligned = /^\\begin\{aligned\}\n([\s\S]*)\n\\end\{aligned\}$/.exec(latex);
  if (aligned) {
    const lines = aligned[1]!.split(' \\\\\n');
    const last = lines.pop()!.replace(/^&/, '');
    return `\\begin{aligned}\n${[...lines, `${lhs ?? ''} &= ${last}${shapeLatex(shape)}`].join(' \\\\\n')}\n\\end{aligned}`;
  }
  return `${lhs ? `${lhs} = ` : ''}${latex}${shapeLatex(shape)}`;
}

let shownLatex = '';
let shownAscii = '';

/** What the copy buttons copy. */
function setShown(latex: string, ascii: string): void {
  shownLatex = latex;
  shownAscii = ascii;
  ui.copyLatex.disabled = latex === '';
  ui.copyAscii.disabled = ascii === '';
}

function clearMarks(): void {
  for (const el of [ui.program, ui.let, ui.claim, ui.wrt]) el.removeAttribute('aria-invalid');
  ui.backdrop.replaceChildren(document.createTextNode(`${ui.program.value}\n`));
}

function showError(err: ErrorJson, state: State): void {
  ui.result.dataset.status = 'error';
  ui.result.removeAttribute('data-ascii');
  ui.result.replaceChildren();
  ui.check.replaceChildren();
  ui.definitions.replaceChildren();
  ui.steps.replaceChildren();
  setShown('', '');
  const texts = { program: state.program, let: state.let, claim: state.claim };
  const words = cliWords(err, texts);
  const head = document.createElement('p');
  head.className = 'error-line';
  head.textContent = words.head;
  ui.error.replaceChildren(head);
  ui.error.hidden = false;
  const place = errorPlace(err, texts);
  if (!place) return;
  const pre = document.createElement('pre');
  pre.className = 'excerpt';
  pre.textContent = words.excerpt;
  const input = ui[place.input];
  input.setAttribute('aria-invalid', 'true');
  const go = document.createElement('button');
  go.type = 'button';
  go.textContent = `Go to line ${place.line}, column ${place.column} of the ${place.input === 'let' ? 'declarations' : place.input}`;
  go.addEventListener('click', () => {
    input.focus();
    input.setSelectionRange(place.offset, place.offset + place.length);
  });
  ui.error.append(pre, go);
  if (place.input === 'program') {
    // Mark the place in the program itself, on a backdrop behind the transparent textarea.
    const text = state.program;
    const mark = document.createElement('mark');
    mark.dataset.testid = 'error-mark';
    mark.textContent = place.length ? text.slice(place.offset, place.offset + place.length) : ' ';
    ui.backdrop.replaceChildren(text.slice(0, place.offset), mark, `${text.slice(place.offset + place.length)}\n`);
    ui.backdrop.scrollTop = ui.program.scrollTop;
  }
}

function showAnswer(a: WorkAnswer, state: State): void {
  const ans = a.answer;
  clearMarks();
  if (ans.ok !== true) return showError(ans.error as ErrorJson, state);
  ui.error.hidden = true;
  ui.error.replaceChildren();
  ui.result.dataset.status = 'ok';
  if (ans.op === 'check') {
    // The expected derivative in the result (as program text: batch's check answer has no LaTeX), the grade in `check`.
    setShown('', String(ans.expectedAscii));
    const p = document.createElement('p');
    p.className = 'plain-math';
    p.textContent = `expected: ${ans.expected}   ∈ ℝ^{${shapeText(ans.shape)}}`;
    ui.result.replaceChildren(p);
    ui.check.replaceChildren(...verdictView(ans));
  } else if (ans.op === 'differential') {
    // dF = …, and for a scalar the trace form and the gradient read off it: one display each.
    const lines = [`${a.lhs ?? 'df'} = ${ans.latex}`];
    const trace = ans.trace as { latex: string } | undefined;
    const gradient = ans.gradient as { latex: string; shape: unknown } | undefined;
    if (trace) lines.push(`${a.lhs ?? 'df'} = ${trace.latex}`);
    if (gradient) lines.push(`${a.gradientLhs ?? ''} = ${gradient.latex}${shapeLatex(gradient.shape)}`);
    setShown(lines.join('\n'), String(ans.ascii));
    ui.result.replaceChildren(...lines.map((l) => {
      const div = document.createElement('div');
      tex(l, div);
      return div;
    }));
    ui.check.replaceChildren(verificationText(ans.check));
  } else {
    const latex = display(a.lhs, String(ans.latex), ans.shape);
    setShown(latex, String(ans.ascii));
    tex(latex, ui.result);
    ui.check.replaceChildren(verificationText(ans.check));
  }
  ui.result.dataset.ascii = shownAscii;
  if (Array.isArray(ans.assumptions) && ans.assumptions.length) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = `using the assumption${ans.assumptions.length > 1 ? 's' : ''} ${ans.assumptions.join(', ')}`;
    ui.result.append(p);
  }
  definitionsView(a.definitions);
  ui.steps.replaceChildren(...stepsView(ans, state.op, a.valueName ?? 'f'));
  codeView(ans, state, a.codeError);
}

function verificationText(check: unknown): Node {
  const p = document.createElement('p');
  const c = check as { points: number; maxRelErr: number; ok: boolean } | undefined;
  if (!c) {
    p.textContent = 'no numeric verification for this answer';
    p.className = 'muted';
  } else if (c.ok) {
    p.textContent = `✓ verified numerically at ${c.points} random points (max rel. error ${c.maxRelErr.toExponential(1)})`;
    p.className = 'good';
  } else {
    p.textContent = `✗ numeric verification FAILED at ${c.points} random points (max rel. error ${c.maxRelErr.toExponential(1)}): please report this program`;
    p.className = 'bad';
  }
  return p;
}

function verdictView(ans: Record<string, unknown>): Node[] {
  const head = document.createElement('p');
  head.className = ans.verdict === 'correct' ? 'good verdict' : 'bad verdict';
  head.textContent = ans.verdict === 'correct' ? `✓ correct: ${ans.message}` : `✗ incorrect (${ans.diagnosis}): ${ans.message}`;
  const out: Node[] = [head];
  const more = (label: string, text: string) => {
    const p = document.createElement('p');
    p.className = 'detail';
    p.textContent = `${label} ${text}`;
    out.push(p);
  };
  if (ans.claimedShape) more('claimed shape:', shapeText(ans.claimedShape));
  if (ans.factor !== undefined) more('factor (claimed ÷ true):', String(ans.factor));
  const cx = ans.counterexample as { at: Record<string, unknown>; claimed: unknown; expected: unknown } | undefined;
  if (cx) {
    more('counterexample: at', Object.entries(cx.at).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', '));
    more('  claimed ', JSON.stringify(cx.claimed));
    more('  expected', JSON.stringify(cx.expected));
  }
  return out;
}

function definitionsView(defs: WorkAnswer['definitions']): void {
  ui.definitions.replaceChildren();
  if (!defs) return;
  const head = ui.definitions.createTHead().insertRow();
  for (const h of ['name', 'shape']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  }
  const body = ui.definitions.createTBody();
  for (const [name, shape] of Object.entries(defs)) {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = name;
    row.append(th);
    row.insertCell().textContent = shapeText(shape);
  }
}

function codeView(ans: Record<string, unknown>, state: State, codeError: WorkAnswer['codeError']): void {
  ui.codeSection.hidden = state.code === '';
  ui.copyCode.disabled = typeof ans.code !== 'string' || codeError !== undefined;
  if (state.code === '') return;
  if (codeError) {
    ui.code.textContent = `The code export failed: ${cliWords(codeError, { program: state.program, let: state.let, claim: state.claim }).head}`;
    ui.code.dataset.status = 'error';
  } else if (typeof ans.code === 'string') {
    ui.code.textContent = ans.code;
    ui.code.dataset.status = 'ok';
  } else {
    ui.code.textContent = EXPORTING_OPS.includes(state.op)
      ? 'This build of the engine does not export code yet: its batch answer has no "code".'
      : `Code is exported for grad, jacobian and hessian, not for ${state.op}.`;
    ui.code.dataset.status = 'none';
  }
}

// ---------------------------------------------------------------------------------
// Wiring

let seq = 0;
let current: { seq: number; state: State; inputAt: number; key: string } | undefined;

const engine = new Engine(new URL('worker.js', document.baseURI).href, (a) => {
  if (!current || a.seq !== current.seq) return; // an answer to an older request
  showAnswer(a, current.state);
  const latency = performance.now() - current.inputAt;
  ui.result.dataset.latencyMs = latency.toFixed(1);
  ui.result.dataset.restarts = String(engine.restarts);
  ui.timing.textContent = `Answered in ${Math.round(latency)} ms (${Math.round(a.ms)} ms in the engine).`;
});

function update(inputAt = performance.now()): void {
  const state = readInputs();
  history.replaceState(null, '', toHash(state));
  ui.stepsSection.hidden = !state.steps;
  ui.codeSection.hidden = state.code === '';
  ui.claim.closest('.field')!.classList.toggle('dim', state.op !== 'check');
  const request = toRequest(state);
  const key = JSON.stringify(request);
  if (current && key === current.key) {
    current.state = state; // the same request (a claim typed for grad): nothing to recompute
    return;
  }
  ui.result.dataset.status = 'pending';
  clearMarks();
  current = { seq: ++seq, state, inputAt, key };
  engine.submit({ seq: current.seq, request });
}

function fillExamples(): void {
  const placeholder = new Option('Choose an example…', '');
  ui.examples.append(placeholder);
  for (const [label, list] of [['Homework seeds', SEED_EXAMPLES], ['Classics', CLASSIC_EXAMPLES]] as const) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const e of list) group.append(new Option(e.title, e.id));
    ui.examples.append(group);
  }
}

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without clipboard permission: the old way, through a selected textarea.
    const ta = document.createElement('textarea');
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
  ui.copyStatus.textContent = `${what} copied`;
}

fillExamples();
writeInputs(fromHash(location.hash) ?? fromExample(SEED_EXAMPLES[0]!, readInputs()));
for (const el of [ui.program, ui.let, ui.wrt, ui.claim]) el.addEventListener('input', () => update());
for (const el of [ui.op, ui.layout, ui.showSteps, ui.showCode, ui.codeTarget]) el.addEventListener('change', () => update());
ui.program.addEventListener('scroll', () => {
  ui.backdrop.scrollTop = ui.program.scrollTop;
});
ui.examples.addEventListener('change', () => {
  const e = [...SEED_EXAMPLES, ...CLASSIC_EXAMPLES].find((x) => x.id === ui.examples.value);
  if (!e) return;
  writeInputs(fromExample(e, readInputs()));
  update();
});
window.addEventListener('hashchange', () => {
  const s = fromHash(location.hash);
  if (!s) return;
  writeInputs(s);
  update();
});
ui.copyLatex.addEventListener('click', () => void copy(shownLatex, 'LaTeX'));
ui.copyAscii.addEventListener('click', () => void copy(shownAscii, 'ASCII'));
ui.copyCode.addEventListener('click', () => void copy(ui.code.textContent ?? '', 'Code'));
update();
