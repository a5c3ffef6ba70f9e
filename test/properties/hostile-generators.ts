/**
 * The hostile fuzz families of issue 13, run by the same pool as the rest (generators.ts):
 * byte streams and huge inputs, numeric extremes in literals and values, names with
 * combining marks and look-alikes, hostile claims, and library calls with wrong types.
 * (Closed pipes and inputs through files and standard input need the CLI: see
 * scripts/fuzz-cli.mjs.) Each must give a result or a DcalcError of a contract kind,
 * and nothing printed may hold NaN, Infinity, undefined or an unescaped LaTeX command.
 */
import fc from 'fast-check';
import katex from 'katex';

export type HostileFamily = 'bytes' | 'huge' | 'numeric' | 'names' | 'claims' | 'types';

export interface HostileCase {
  readonly kind: 'hostile';
  readonly family: HostileFamily;
  /** What each family needs, as plain JSON (cases cross to a worker thread). */
  readonly data: Record<string, unknown>;
}

const ERROR_KINDS = new Set(['usage', 'parse', 'name', 'shape', 'domain', 'limit']);

/* eslint-disable @typescript-eslint/no-explicit-any */
type Lib = Record<string, any>;

/** A byte stream as the CLI would decode it: any bytes, then UTF-8 (invalid sequences become U+FFFD), or lone surrogates. */
const bytesArb = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 }).map((cs) => String.fromCharCode(...cs)),
  fc.tuple(fc.constantFrom("x'*x", 'sum(X)', 'log(x)'), fc.uint8Array({ minLength: 1, maxLength: 20 })).map(([p, b]) => p + Buffer.from(b).toString('latin1')),
);

/** Inputs around and far past the limits: a unit repeated to 50 kB … 3 MB. */
const hugeArb = fc.record({
  unit: fc.constantFrom('x + ', '(', '\\frac{', '‖', 'x', '1e308*', '# comment\n', '\0', 'ŷ', 'sin(', ' '),
  bytes: fc.constantFrom(50_000, 99_999, 100_001, 1_000_001, 3_000_000),
  where: fc.constantFrom('program', 'let', 'claim'),
});

const EXTREME_LITERALS = ['1e300', '1e-300', '1e308', '1.7976931348623157e308', '5e-324', '2^1024', '2^-1075', '1e20', '1e-20', '10^308', '(1e200)^2'];
const numericArb = fc.record({
  template: fc.constantFrom('L*x', "L*x'*x", 'sum(x)/L', 'L*x + L*x', 'x^P', 'A^P', 'tr(A^P)', '(x^L)^L', 'exp(L*x)', 'log(L*x)', 'sum(x.^P)', 'L', 'L - L', "x'*x/L"),
  lit: fc.constantFrom(...EXTREME_LITERALS),
  power: fc.constantFrom('100', '101', '1000', '-100', '1e200', '0.5', '2^10'),
  op: fc.constantFrom('simplify', 'grad', 'eval'),
  value: fc.constantFrom(1e300, -1e300, 1e-300, 1.7976931348623157e308, 5e-324, 0, 1),
});

/** Names that look alike or carry marks: Latin, Cyrillic х, Greek ο, fullwidth, accents, joiners, overlays. */
const NAME_PARTS = ['x', 'х', 'ο', 'o', 'ｘ', 'y', 'ŷ', 'y\u0302', 'y_hat', 'yhat', 'y\u0338', 'y\u034f', 'x\u20d7', 'x\u0303', 'a\u0301', 'W1', 'W_1', 'W₁', 'λ', 'Λ', 'x\u200b', 'x\u00ad', 'ǖ', 'ℓ', '𝐱', 'x\\href{javascript:alert(1)}{p}'];
const namesArb = fc.record({ a: fc.constantFrom(...NAME_PARTS), b: fc.constantFrom(...NAME_PARTS), asObject: fc.boolean() });

const CLAIMS = [
  "x + x' # }\\href{javascript:alert(1)}{pwn}", "x + x' }\\href{javascript:alert(1)}{pwn}", '\\href{javascript:alert(1)}{x}', '# just a comment', 'z: n×1', '2*x; 3*x',
  '$2x$', '\\frac{2}{1} x', '2*x\n', '', '   ', '\\begin{aligned} x \\end{aligned}', '\\def\\x{y} x', '\\url{javascript:1}', '{', '}', '2x^{1e308}', 'log(-exp(x))', '2.00000001*x', 'step(x - 2) + 2*x',
];
const claimsArb = fc.record({ claim: fc.oneof(fc.constantFrom(...CLAIMS), bytesArb), program: fc.constantFrom("x'*x", 'sum(exp(x))', "x'*A*x") });

const typesArb = fc.record({ fn: fc.nat(), position: fc.nat(3), value: fc.jsonValue(), special: fc.constantFrom('undefined', 'null', 'nan', 'symbol', 'function', 'map', 'bigint', 'array', 'json') });

export const hostileCaseArb: fc.Arbitrary<HostileCase> = fc.oneof(
  bytesArb.map((text) => ({ kind: 'hostile' as const, family: 'bytes' as const, data: { text } })),
  hugeArb.map((h) => ({ kind: 'hostile' as const, family: 'huge' as const, data: h })),
  numericArb.map((n) => ({ kind: 'hostile' as const, family: 'numeric' as const, data: n })),
  namesArb.map((n) => ({ kind: 'hostile' as const, family: 'names' as const, data: n })),
  claimsArb.map((c) => ({ kind: 'hostile' as const, family: 'claims' as const, data: c })),
  typesArb.map((t) => ({ kind: 'hostile' as const, family: 'types' as const, data: t })),
);

export function describeHostile(c: HostileCase): string {
  const d = { ...c.data };
  if (typeof d.text === 'string' && d.text.length > 300) d.text = `${d.text.slice(0, 300)}… (${d.text.length})`;
  return `hostile ${c.family}: ${JSON.stringify(d)}`;
}

/** Why a thrown value is not acceptable (undefined: a DcalcError of a contract kind). */
function unacceptable(e: unknown, lib: Lib): string | undefined {
  if (!(e instanceof lib.DcalcError)) return `threw ${e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack ?? ''}` : String(e)}`;
  const d = e as Error & { kind?: string; line?: number; column?: number };
  if (!ERROR_KINDS.has(d.kind ?? '')) return `a DcalcError of kind ${d.kind}: ${d.message}`;
  if (!d.message.trim()) return `a ${d.kind} error without a message`;
  if (d.line !== undefined && !(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column! >= 1)) return `a ${d.kind} error at a bad location ${d.line}:${d.column}`;
  return undefined;
}

/** Printed output must not hold NaN, Infinity, undefined or a LaTeX link; LaTeX must render in KaTeX, trusting everything, without a link. */
function badOutput(text: string, latex: string | undefined): string | undefined {
  if (/NaN|Infinity|undefined/.test(text)) return `printed ${JSON.stringify(text.slice(0, 200))}`;
  if (latex === undefined) return undefined;
  if (/NaN|Infinity|undefined/.test(latex)) return `printed LaTeX ${JSON.stringify(latex.slice(0, 200))}`;
  let html: string;
  try {
    html = katex.renderToString(latex, { throwOnError: true, displayMode: true, trust: true, strict: 'ignore' });
  } catch (e) {
    return `KaTeX rejects ${JSON.stringify(latex.slice(0, 200))}: ${(e as Error).message.slice(0, 200)}`;
  }
  if (/<a[\s>]|href="/i.test(html)) return `a link in the rendered LaTeX ${JSON.stringify(latex.slice(0, 200))}`;
  return undefined;
}

function attempt(lib: Lib, body: () => string | undefined): string | undefined {
  try {
    return body();
  } catch (e) {
    return unacceptable(e, lib);
  }
}

function wrongValue(special: string, json: unknown): unknown {
  switch (special) {
    case 'undefined': return undefined;
    case 'null': return null;
    case 'nan': return NaN;
    case 'symbol': return Symbol('s');
    case 'function': return () => 1;
    case 'map': return new Map([['x', 1]]);
    case 'bigint': return 10n;
    case 'array': return [json];
    default: return json;
  }
}

export function checkHostileCase(c: HostileCase, lib: Lib): string | undefined {
  const d = c.data as any;
  switch (c.family) {
    case 'bytes':
      return (
        attempt(lib, () => {
          const p = lib.parseProgram(d.text);
          return badOutput(lib.toText(p, p.value), undefined);
        }) ??
        attempt(lib, () => void lib.parseProgram('x', { let: d.text })) ??
        attempt(lib, () => void lib.checkClaim("x'*x", 'x', d.text, { let: 'x: n×1' }))
      );
    case 'huge': {
      const text = d.unit.repeat(Math.ceil(d.bytes / Buffer.byteLength(d.unit)));
      const bytes = Buffer.byteLength(text);
      return attempt(lib, () => {
        const t0 = performance.now();
        let refusedWithLimit = false;
        try {
          if (d.where === 'program') lib.parseProgram(text);
          else if (d.where === 'let') lib.parseProgram('x', { let: `x: ${text}` });
          else lib.checkClaim("x'*x", 'x', text, { let: 'x: n×1' });
        } catch (e) {
          if (unacceptable(e, lib)) throw e;
          refusedWithLimit = (e as { kind?: string }).kind === 'limit';
        }
        const ms = performance.now() - t0;
        if (bytes > 1_000_000 && !refusedWithLimit && d.where === 'program') return `a ${bytes}-byte program was not refused with a limit error`;
        if (bytes > 1_000_000 && ms > 2_000) return `a ${bytes}-byte input took ${ms.toFixed(0)} ms to refuse`;
        return undefined;
      });
    }
    case 'numeric': {
      const program = String(d.template).replace(/L/g, `(${d.lit})`).replace(/P/g, `(${d.power})`);
      const lets = /A/.test(program) ? 'x: n×1, A: n×n' : 'x: n×1';
      return attempt(lib, () => {
        const p = lib.parseProgram(program, { let: lets });
        if (d.op === 'simplify') return badOutput(lib.toText(p, lib.simplify(p.value).expr), undefined);
        if (d.op === 'eval') {
          const n = 2;
          const at: Record<string, unknown> = { x: Array.from({ length: n }, () => [d.value]) };
          if (/A/.test(program)) at.A = [[d.value, 0], [0, d.value]];
          const v = lib.evaluateAt(p, p.value, lib.pointFromValues(p, at));
          return badOutput(JSON.stringify(lib.matToJson(v)), undefined);
        }
        if (p.value.shape.rows !== 1 || p.value.shape.cols !== 1) return undefined;
        const g = lib.grad(p, 'x');
        return badOutput(lib.toText(p, g.expr) + lib.toAscii(p, g.expr), lib.toLatex(g));
      });
    }
    case 'names': {
      const program = `${d.a}'*${d.a} + sum(${d.b})`;
      const letSpec = d.asObject ? { [d.a]: ['n', 1], [d.b]: ['n', 1] } : `${d.a}: n×1, ${d.b}: n×1`;
      return attempt(lib, () => {
        const p = lib.parseProgram(program, { let: letSpec });
        const g = lib.grad(p, d.a);
        const latex = lib.toLatex(g);
        const distinct = d.a.normalize('NFC') !== d.b.normalize('NFC') && p.declarations.size === 2;
        if (distinct && lib.latexLhs && p.declarations.size === 2) {
          const names = [...p.declarations.keys()];
          const printed = names.map((n: string) => lib.toLatex(lib.grad(p, n)));
          if (printed[0] === printed[1] && lib.toText(p, lib.grad(p, names[0]).expr) !== lib.toText(p, lib.grad(p, names[1]).expr)) return `two names print alike in LaTeX: ${printed[0]}`;
        }
        return badOutput(lib.toText(p, g.expr), latex);
      });
    }
    case 'claims':
      return attempt(lib, () => {
        const r = lib.checkClaim(d.program, 'x', d.claim, { let: 'x: n×1, A: n×n' });
        if (r.grade.verdict !== 'correct' && r.grade.verdict !== 'incorrect') return `a grade with verdict ${r.grade.verdict}`;
        return badOutput(lib.toText(r.derivative.program, r.derivative.expr), lib.toLatex(r.derivative));
      });
    case 'types': {
      const fns = Object.keys(lib).filter((k) => typeof lib[k] === 'function' && !/^class\b/.test(Function.prototype.toString.call(lib[k]))).sort();
      const name = fns[d.fn % fns.length]!;
      const p = lib.parseProgram("x'*A*x", { let: 'x: n×1, A: n×n' });
      const g = lib.grad(p, 'x');
      const valid = [p, 'x', {}, g];
      const args = valid.slice(0, d.position);
      args.push(wrongValue(d.special, d.value));
      return attempt(lib, () => {
        lib[name](...args);
        return undefined;
      });
    }
  }
}
