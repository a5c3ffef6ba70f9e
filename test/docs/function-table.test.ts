/**
 * The function table of docs/syntax.md is the registry's (src/ops/function-table.ts):
 * a function added to, renamed in or removed from the registry without the doc, or the
 * other way round, fails here. The expected table is printed in full on failure, to
 * paste between the markers.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { functionTable } from '../../src/ops/function-table.js';
import { FUNCTIONS } from '../../src/ops/registry.js';
import { MACROS } from '../../src/ops/macros.js';

const BEGIN = '<!-- function table: from the registry (src/ops/function-table.ts) -->';
const END = '<!-- end of the function table -->';

const doc = readFileSync(new URL('../../docs/syntax.md', import.meta.url), 'utf8');
const table = doc.slice(doc.indexOf(BEGIN) + BEGIN.length, doc.indexOf(END)).trim();

test('docs/syntax.md has the function table between its markers', () => {
  expect(doc.indexOf(BEGIN)).toBeGreaterThan(0);
  expect(doc.indexOf(END)).toBeGreaterThan(doc.indexOf(BEGIN));
});

test('the function table of docs/syntax.md is the registry’s', () => {
  expect(table).toBe(functionTable());
});

test('every function and macro name of the registry is in the table', () => {
  const missing = [...FUNCTIONS.keys(), ...MACROS.keys()].filter((n) => !new RegExp(`[\`( ]${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[( \`]`, 'u').test(table));
  expect(missing).toEqual([]);
});
