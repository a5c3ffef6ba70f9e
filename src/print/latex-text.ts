/**
 * Text from outside (a message, a claim as the user wrote it, a character of a name
 * that has no LaTeX form) inside a LaTeX display: `\text{…}` with every character TeX
 * treats specially escaped, so that no user text is ever read as a command
 * (`}\href{javascript:…}` prints as those characters). The math symbols of dcalc's
 * own messages are set as math.
 */
const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', _: '\\_', '%': '\\%',
  '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
  '∂': '$\\partial$', '×': '$\\times$', '−': '-', ᵀ: '$^\\top$', '⊙': '$\\odot$', '⊘': '$\\oslash$', '⊗': '$\\otimes$',
  ℝ: '$\\mathbb{R}$', '‖': '$\\|$', '·': '$\\cdot$', '√': '$\\surd$', '∈': '$\\in$', '…': '\\dots{}', '⁻': '$^{-}$',
  '²': '$^2$', '¹': '$^1$', '÷': '$\\div$',
};

/** The characters of `s`, escaped for TeX's text mode (without the `\text{}` around them). */
export function escapeLatexText(s: string): string {
  let out = '';
  for (const c of s) {
    if (c === '\n' || c === '\t') out += ' ';
    else if (c < ' ' || c === '\x7f') continue;
    else out += TEXT_ESCAPES[c] ?? c;
  }
  return out;
}

/** `s` as `\text{…}`, escaped. */
export function latexText(s: string): string {
  return `\\text{${escapeLatexText(s)}}`;
}
