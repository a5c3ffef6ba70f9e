/**
 * The function table of docs/syntax.md, written from the registry: every operator
 * called by name and every macro, with what it means (test/docs/function-table.test.ts
 * fails when the doc and the registry differ). Functions whose meaning is worded the
 * same share a row (`exp log ln … | elementwise`).
 */
import { OPS } from './registry.js';
import { MACRO_LIST } from './macros.js';
import type { OpSpec } from './spec.js';

const EXPR_ARGS = ['X', 'Y'];
const SIZE_ARGS = [['n'], ['m', 'n']];

/** `sum_rows(X)`, `eye(n)`, `ones(m, n)`, `unvec(v, m, n)`. */
function call(name: string, kinds: readonly ('expr' | 'size')[]): string {
  const sizes = SIZE_ARGS[kinds.filter((k) => k === 'size').length - 1] ?? [];
  let e = 0;
  let s = 0;
  const args = kinds.map((k) => (k === 'size' ? sizes[s++] : kinds.length === 3 ? 'v' : EXPR_ARGS[e++]));
  return `${name}(${args.join(', ')})`;
}

export function functionTable(): string {
  const rows: { names: string[]; calls: string[]; doc: string }[] = [];
  const add = (names: readonly string[], kinds: readonly ('expr' | 'size')[], doc: string) => {
    const row = rows.find((r) => r.doc === doc);
    if (row) row.names.push(...names);
    else rows.push({ names: [...names], calls: names.map((n) => call(n, kinds)), doc });
  };
  for (const spec of Object.values(OPS) as OpSpec[]) {
    if (!spec.fn) continue;
    add(spec.fn.names, Array.from({ length: spec.fn.arity }, () => (spec.fn!.dimArgs ? 'size' : 'expr')), spec.fn.doc);
  }
  for (const m of MACRO_LIST) add(m.names, m.args, m.doc);
  const lines = ['| function | meaning |', '|---|---|'];
  for (const r of rows) {
    // A shared row lists bare names; a row of one operator shows how it is called.
    const head = r.names.length > r.calls.length ? `\`${r.names.join(' ')}\`` : r.calls.map((c) => `\`${c}\``).join(', ');
    lines.push(`| ${head} | ${r.doc} |`);
  }
  return lines.join('\n');
}
