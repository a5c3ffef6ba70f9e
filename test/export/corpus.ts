/**
 * The programs whose exported modules are run: the seeds (test/seeds/programs.mjs), every
 * derivative the identity and calculus tests assert (extract.ts), and random programs of
 * the property generator (test/properties/generators.ts).
 */
import fc from 'fast-check';
import * as SEEDS from '../seeds/programs.mjs';
import { parseProgram } from '../../src/api/index.js';
import { isScalar } from '../../src/shape/shape.js';
import { scalarProgram, matrixProgram, propSeed } from '../properties/generators.js';
import { assertedDerivatives } from './extract.js';
import type { ExportCase } from './cases.js';

/** Each seed: the gradient w.r.t. every variable in one module, and the Hessian w.r.t. each; a matrix program's Jacobians. */
export function seedCases(): ExportCase[] {
  const out: ExportCase[] = [];
  for (const [name, program] of Object.entries(SEEDS)) {
    if (typeof program !== 'string') continue;
    const p = parseProgram(program);
    const vars = [...p.declarations.keys()];
    if (isScalar(p.value.shape)) {
      out.push({ id: `seed ${name} grad`, program, op: 'grad', wrt: vars });
      for (const v of vars) out.push({ id: `seed ${name} hessian ${v}`, program, op: 'hessian', wrt: [v] });
    } else for (const v of vars) out.push({ id: `seed ${name} jacobian ${v}`, program, op: 'jacobian', wrt: [v] });
  }
  return out;
}

/** Random programs: gradients (every variable and intermediate at once), Jacobians and Hessians. */
export function generatedCases(counts = { grad: 40, jacobian: 25, hessian: 20 }): ExportCase[] {
  const seed = propSeed();
  const out: ExportCase[] = [];
  fc.sample(scalarProgram({ depth: 3 }), { seed, numRuns: counts.grad }).forEach((g, i) => out.push({ id: `generated grad #${i}`, program: g.text, let: g.let, op: 'grad', wrt: g.wrts }));
  fc.sample(fc.tuple(matrixProgram({ depth: 2 }), fc.nat()), { seed: seed + 1, numRuns: counts.jacobian }).forEach(([g, k], i) =>
    out.push({ id: `generated jacobian #${i}`, program: g.text, let: g.let, op: 'jacobian', wrt: [g.wrts[k % g.wrts.length]!] }));
  fc.sample(fc.tuple(scalarProgram({ depth: 2 }), fc.nat()), { seed: seed + 2, numRuns: counts.hessian }).forEach(([g, k], i) =>
    out.push({ id: `generated hessian #${i}`, program: g.text, let: g.let, op: 'hessian', wrt: [g.wrts[k % g.wrts.length]!] }));
  return out;
}

/** The identity and calculus tests' derivatives, each (program, declarations, kind, variable) once. */
export async function assertedCases(): Promise<ExportCase[]> {
  const seen = new Set<string>();
  return (await assertedDerivatives()).filter((c) => {
    const key = JSON.stringify([c.program, c.let, c.op, c.wrt]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
