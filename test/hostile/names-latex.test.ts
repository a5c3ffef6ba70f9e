/**
 * Names and LaTeX (issue 13): user text never reaches LaTeX output as LaTeX, every name
 * is validated and NFC-normalised where it enters, distinct names print distinctly, and
 * `check --format latex` is one display-math string. Rendered with KaTeX, `trust: true`
 * (the setting under which `\href{javascript:…}` would become a link).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { latexName } from '../../src/print/printer.js';
import { escapeLatexText } from '../../src/print/latex-text.js';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));
function dcalc(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error).toBeUndefined();
  return r;
}

/** KaTeX's HTML for a display, trusting every command: no link may come out of it. */
function renderTrusting(latex: string): string {
  const html = katex.renderToString(latex, { throwOnError: true, displayMode: true, trust: true });
  // a link is an <a> element with an href attribute; the text "\\href{…}" may show, as text
  expect(html).not.toMatch(/<a[\s>]|href="/i);
  return html;
}

const HOSTILE = "x + x' # }\\href{javascript:alert(1)}{pwn}";

describe('user text in LaTeX output', () => {
  it('check --format latex prints the claim escaped, in one display that KaTeX renders', () => {
    for (const claim of [HOSTILE, "x + x' }\\href{javascript:alert(1)}{pwn}", '3*x', '2*x', "x'"]) {
      const r = dcalc(['check', "x'*x", 'wrt', 'x', '--let', 'x: n×1', '--claim', claim, '--format', 'latex']);
      if (r.status === 2) {
        expect(r.stderr).toMatch(/^dcalc: parse error/);
        continue;
      }
      expect(r.stdout).not.toMatch(/\$\$|✓|✗/);
      expect(r.stdout).not.toContain('\\href');
      expect(r.stdout.trim()).toMatch(/^\\begin\{aligned\}[^]*\\end\{aligned\}$/);
      renderTrusting(r.stdout.trim());
    }
  });

  it('escapes every character TeX treats specially', () => {
    const s = '\\href{javascript:alert(1)}{x} $ & # ^ _ % ~';
    const html = renderTrusting(`\\text{${escapeLatexText(s)}}`);
    expect(html).toContain('javascript:alert(1)'); // shown as text …
    expect(escapeLatexText(s)).not.toMatch(/(^|[^\\])\\href/); // … never as a command
  });

  it('refuses a let-object name that is not a name, so toLatex never prints it', () => {
    expect(() => lib.parseProgram("x'*x", { let: { 'x\\href{javascript:alert(1)}{pwn}': ['n', 1] } })).toThrow(/let: .* is not a name/);
    expect(() => lib.parseProgram('x', { let: { '': [1] } })).toThrow(lib.DcalcError);
    expect(() => lib.parseProgram('x', { let: { 'x y': [1] } })).toThrow(/is not a name/);
    expect(() => lib.parseProgram('x', { let: { 'x\u0338': [1] } })).toThrow(/combining mark U\+0338/);
  });
});

describe('names', () => {
  it('are NFC where they enter: y + U+0302 in the program, let, wrt and --at is ŷ (U+0177)', () => {
    const p = lib.parseProgram("y\u0302'*ŷ", { let: { 'y\u0302': ['n', 1] } });
    expect([...p.declarations.keys()]).toEqual(['ŷ']);
    const d = lib.grad(p, 'y\u0302');
    expect(lib.toText(p, d.expr)).toBe('2ŷ');
    expect(lib.toLatex(d)).toBe('\\frac{\\partial f}{\\partial \\hat{y}} = 2 \\hat{y} \\in \\mathbb{R}^{n \\times 1}');
    const at = lib.pointFromValues(p, { 'y\u0302': [[1], [2]] });
    expect(lib.matToJson(lib.evaluateAt(p, p.value, at))).toBe(5);
  });

  it('with a combining mark that is not an accent are a located parse error (U+0338, U+034F)', () => {
    for (const mark of ['\u0338', '\u034f']) {
      const r = dcalc(['grad', `x${mark}'*x${mark}`, 'wrt', `x${mark}`, '--let', `x${mark}: n×1`, '--format', 'latex']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^dcalc: (usage|parse) error at 1:\\d+: .*combining mark U\\+${mark.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
    }
  });

  it('print distinctly in LaTeX: ŷ, y_hat, y_h, yhat, Y', () => {
    const names = ['ŷ', 'y_hat', 'y_h', 'yhat', 'Y', 'ỹ', 'ȳ', 'y'];
    const printed = names.map(latexName);
    expect(new Set(printed).size).toBe(names.length);
    expect(latexName('ŷ')).toBe('\\hat{y}');
    expect(latexName('y_hat')).toBe('y_{\\mathrm{hat}}');
    for (const p of printed) renderTrusting(p);
  });

  it('print as KaTeX accepts them, whatever letters they use', () => {
    for (const n of ['ж', 'жx', 'é', 'ǖ', 'λ', 'Σ_k', 'W₁', 'x⃗', 'G_ŷ', 'αβ', '字']) renderTrusting(latexName(n));
  });
});
