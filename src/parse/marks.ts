/**
 * The combining marks a name may carry: the accents dcalc prints in LaTeX (`ŷ` →
 * `\hat{y}`). Any other mark (U+0338, the grapheme joiner U+034F, …) cannot be printed
 * as a KaTeX accent, so it is refused where the name enters, located.
 */
export const ACCENT_COMMANDS: Readonly<Record<string, string>> = {
  '\u0300': 'grave', '\u0301': 'acute', '\u0302': 'hat', '\u0303': 'tilde', '\u0304': 'bar',
  '\u0306': 'breve', '\u0307': 'dot', '\u0308': 'ddot', '\u030c': 'check', '\u20d7': 'vec',
};

/** Why `name` cannot be a name because of a combining mark (undefined: its marks are all accents). */
export function markProblem(name: string): string | undefined {
  for (const c of name.normalize('NFD')) {
    if (/\p{M}/u.test(c) && ACCENT_COMMANDS[c] === undefined) {
      return `a name cannot carry the combining mark U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (the accents a name may have: ${Object.keys(ACCENT_COMMANDS).map((m) => `x${m}`).join(' ')})`;
    }
  }
  return undefined;
}
