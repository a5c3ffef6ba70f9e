/**
 * The examples of docs/api.md run here: each ```ts block is executed with the public
 * API in scope, and each line `expr // → value` asserts expr equals value (as JSON).
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import * as dcalc from '../../src/index.js';

const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => !/^import /m.test(b));

describe('docs/api.md examples', () => {
  it('has examples', () => expect(blocks.length).toBeGreaterThanOrEqual(5));
  blocks.forEach((block, i) => {
    it(`example ${i + 1}`, () => {
      const checks: { expr: string; expected: unknown }[] = [];
      const body = block
        .split('\n')
        .map((line) => {
          const m = /^(.*?)\s*\/\/ → (.*)$/.exec(line);
          if (!m) return line;
          checks.push({ expr: m[1]!, expected: JSON.parse(m[2]!) });
          return `__check(${checks.length - 1}, ${m[1]});`;
        })
        .join('\n');
      const actual: unknown[] = [];
      const names = Object.keys(dcalc);
      const fn = new Function(...names, '__check', body);
      fn(...names.map((n) => (dcalc as Record<string, unknown>)[n]), (k: number, v: unknown) => (actual[k] = v));
      checks.forEach((c, k) => expect(JSON.parse(JSON.stringify(actual[k])), c.expr).toEqual(c.expected));
    });
  });
});
