/**
 * The names a program's syntax mentions, for `--at` values of undeclared variables
 * (CONTRACT §3: a variable that is given a value but not declared takes the value's
 * shape). A run of letters counts as itself and as each of its name units (`XW` is X
 * and W), as the builder may split it either way.
 */
import type { Syn, SynProgram } from './syntax.js';

const UNIT = /\p{L}\p{M}*(?:\d+|[₀-₉]+|_\d+|_\{[^}]*\}|_\p{L}[\p{L}\d]*)?/gu;

/** Names written in expressions (not declared or defined: those are the program's own). */
export function mentionedNames(prog: SynProgram): Set<string> {
  const out = new Set<string>();
  const addRun = (name: string): void => {
    out.add(name);
    for (const u of name.match(UNIT) ?? []) out.add(u);
  };
  const stack: Syn[] = [];
  for (const st of prog.statements) if (st.t !== 'decl') stack.push(st.expr);
  while (stack.length) {
    const s = stack.pop()!;
    switch (s.t) {
      case 'ident':
        addRun(s.name);
        break;
      case 'call':
        addRun(s.name);
        stack.push(...s.args);
        break;
      case 'bin':
        stack.push(s.left, s.right);
        break;
      case 'neg':
      case 'transpose':
      case 'norm':
      case 'bars':
      case 'paren':
        stack.push(s.arg);
        break;
      case 'num':
        break;
    }
  }
  return out;
}

/** Names the program declares or defines itself, and the dimension names of its declarations. */
export function ownNames(prog: SynProgram): Set<string> {
  const out = new Set<string>();
  const dims = (d: import('./syntax.js').SynDim | null): void => {
    if (d?.t === 'dimname') out.add(d.name);
    else if (d?.t === 'dimmul') dims(d.left), dims(d.right);
  };
  for (const st of prog.statements) {
    if (st.t === 'def') out.add(st.name);
    else if (st.t === 'decl') {
      for (const n of st.names) out.add(n.name);
      dims(st.rows);
      dims(st.cols);
    }
  }
  return out;
}
