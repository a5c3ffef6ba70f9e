/**
 * Every exported module of the test corpora, run: its value and derivatives agree with
 * the engine's evaluation and with central finite differences of its own value, and the
 * PyTorch module's also with torch.autograd. One Python process per library runs them all.
 * Without an interpreter for a library its tests are not registered, and that is said
 * loudly; with DCALC_REQUIRE_TORCH=1 (CI) a missing interpreter fails the suite.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { prepare, type ExportCase, type Prepared, type PyReport } from './cases.js';
import { seedCases, generatedCases, assertedCases } from './corpus.js';
import { interpreter, REQUIRED, announceSkip, runDriver, HOW_TO_ENABLE } from './python.js';
import type { Library } from '../../src/export/export.js';

/** Agreement with the engine (same arithmetic, other order), with finite differences, with autograd. */
const TOL = { engine: 1e-8, fd: 1e-5, fdHessian: 1e-4, autograd: 1e-9 };

const corpora: [string, () => ExportCase[] | Promise<ExportCase[]>][] = [
  ['the seeds', seedCases],
  ['the identity and calculus tests', assertedCases],
  ['random programs of the property generator', () => generatedCases()],
];

for (const lib of ['numpy', 'torch'] as Library[]) {
  const py = interpreter(lib);
  if (!py) {
    if (REQUIRED[lib]) {
      it(`${lib}: an interpreter that imports ${lib} (required by DCALC_REQUIRE_TORCH=1)`, () => {
        expect.fail(`no Python interpreter imports ${lib}: ${HOW_TO_ENABLE[lib]}`);
      });
    } else announceSkip(lib, `running the exported ${lib} modules (test/export/export.test.ts)`);
    continue;
  }
  describe(`the ${lib} export, run by ${py}`, () => {
    for (const [name, cases] of corpora) {
      describe(name, () => {
        const prepared: Prepared[] = [];
        const reports = new Map<string, PyReport>();
        beforeAll(async () => {
          for (const c of await cases()) {
            const p = prepare(c);
            if (p) prepared.push(p);
          }
          for (const r of runDriver<PyReport>(lib, prepared.map((p) => p[lib]))) reports.set(r.id, r);
        }, 240_000);

        it('has modules to run', () => expect(prepared.length).toBeGreaterThan(10));

        it('every module runs and agrees with the engine, finite differences' + (lib === 'torch' ? ' and torch.autograd' : ''), () => {
          const failures: string[] = [];
          for (const p of prepared) {
            const c = p[lib];
            const r = reports.get(c.id);
            const fail = (why: string) => failures.push(`${c.id} (${c.op} wrt ${c.wrt.join(', ')}): ${why}\n${c.code.slice(c.code.indexOf('def value_and'))}`);
            if (!r) fail('no report');
            else if (r.error) fail(`${r.error}\n${r.trace}`);
            else {
              if (!(r.valueErr <= TOL.engine)) fail(`value differs from the engine's by ${r.valueErr}`);
              r.derivErr.forEach((e, i) => {
                if (!(e <= TOL.engine)) fail(`derivative ${i} (shape ${JSON.stringify(r.shapes[i])}) differs from the engine's by ${e}`);
              });
              const fdTol = c.op === 'hessian' ? TOL.fdHessian : TOL.fd;
              r.fdErr.forEach((e, i) => {
                // A finite difference may straddle a kink of relu or abs: not the derivative there.
                if (e !== null && !(e <= fdTol) && !p.nonsmooth) fail(`derivative ${i} differs from finite differences by ${e}`);
              });
              r.autogradErr.forEach((e, i) => {
                if (e !== null && !(e <= TOL.autograd) && !p.nonsmooth) fail(`derivative ${i} differs from torch.autograd by ${e}`);
              });
              if (c.fd && r.fdErr.length !== c.wrt.length) fail('finite differences were not taken');
              if (lib === 'torch' && c.fd && r.autogradErr.length !== c.wrt.length) fail('torch.autograd was not compared');
            }
          }
          const headlines = failures.map((f) => f.split('\n')[0]).join('\n');
          expect(failures.length ? `${headlines}\n\n${failures.slice(0, 3).join('\n\n')}` : '', `${failures.length} of ${prepared.length} modules failed`).toBe('');
        });
      });
    }
  });
}
