/**
 * The builder (src/parse/build.ts): what the grammar leaves open, decided with the
 * program's names. A name directly before a parenthesised group is a product when the
 * name is a value; a postfix (ᵀ, ⁻¹, ², ⁻ᵀ, or a chain of them) after the group then
 * belongs to the group alone, as in a textbook: X(p − y)ᵀ is X·(p − y)ᵀ.
 */
import { describe, expect, test } from 'vitest';
import { parseProgram, simplify, toAscii } from '../../src/index.js';

describe('a name before a group under a chain of postfixes', () => {
  // Found by fuzzing (seed 4242, case 44243): dcalc's own −h1(h1 + h2)⁻ᵀh1 was read back
  // as (h1(h1 + h2)⁻¹)ᵀh1: the builder moved a lone ᵀ onto the group but not the chain ⁻ᵀ.
  test.each([
    ['A(B + C)⁻ᵀ', 'A*inv(B + C)\''],
    ['A(B + C)⁻ᵀC', 'A*inv(B + C)\'*C'],
    ['−A(B + C)⁻ᵀA', '-(A*inv(B + C)\'*A)'],
    ['A(B + C)²ᵀ', 'A*((B + C)\')^2'],
    ['A(B + C)ᵀ', 'A*(B + C)\''],
    ['A(B + C)⁻¹', 'A*inv(B + C)'],
    ['(AB)⁻ᵀ', 'inv(A)\'*inv(B)\''],
  ])('a name before a group under a chain of postfixes: %s is %s', (text, ascii) => {
    const p = parseProgram(`A: n×n; B: n×n; C: n×n\n${text}`);
    expect(toAscii(p, simplify(p.value).expr)).toBe(ascii);
  });
});
