/**
 * Each stage runs once per request (src/api/): `--steps` derives from the derivative
 * the request just took, `check` grades the claim it parsed, and nothing parses the
 * program again to print. Counted by spying on reverse mode (`gradient`), the Jacobian's
 * vectorisation (`jacobianRaw`) and the parser (`parseSyntax`).
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ gradient: [] as string[], jacobianRaw: [] as string[], parsed: [] as string[], printed: [] as string[] }));

vi.mock('../../src/print/printer.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/print/printer.js')>();
  return {
    ...m,
    printExpr: (...args: Parameters<typeof m.printExpr>) => (calls.printed.push(args[1].format), m.printExpr(...args)),
    printExprs: (...args: Parameters<typeof m.printExprs>) => (calls.printed.push(args[1].format), m.printExprs(...args)),
  };
});

vi.mock('../../src/diff/reverse.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/diff/reverse.js')>();
  return { ...m, gradient: (...args: Parameters<typeof m.gradient>) => (calls.gradient.push(`${args[0].id}/${args[1].id}`), m.gradient(...args)) };
});
vi.mock('../../src/diff/jacobian.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/diff/jacobian.js')>();
  return { ...m, jacobianRaw: (...args: Parameters<typeof m.jacobianRaw>) => (calls.jacobianRaw.push(`${args[0].id}/${args[1].id}`), m.jacobianRaw(...args)) };
});
vi.mock('../../src/parse/parser.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/parse/parser.js')>();
  return { ...m, parseSyntax: (text: string) => (calls.parsed.push(text), m.parseSyntax(text)) };
});

// The test setup (matchers.ts) loaded the engine before the spies: load it again, spied on.
let request: (fields: Record<string, unknown>) => import('../../src/api/request.js').Result;
let present: typeof import('../../src/present/present.js').present;
let toJson: typeof import('../../src/present/json.js').toJson;
beforeAll(async () => {
  vi.resetModules();
  const { run } = await import('../../src/api/request.js');
  const { validateRequest, BATCH_SPELLING } = await import('../../src/api/validate-request.js');
  ({ present } = await import('../../src/present/present.js'));
  ({ toJson } = await import('../../src/present/json.js'));
  request = (fields) => run(validateRequest(fields, BATCH_SPELLING));
});
const repeated = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

const MLP = { program: 'h = XW + b; a = σ(h); L = sum(a ⊙ a)', let: 'X: n×m, W: m×k, b: 1×k' };

beforeEach(() => {
  calls.gradient.length = 0;
  calls.jacobianRaw.length = 0;
  calls.parsed.length = 0;
  calls.printed.length = 0;
});

describe('a request derives and parses once', () => {
  it('grad --steps: one parse, each gradient taken once (the steps reuse ∂L/∂W), in every format', () => {
    for (const format of ['text', 'latex', 'json'] as const) {
      calls.gradient.length = 0;
      calls.parsed.length = 0;
      const r = request({ op: 'grad', wrt: 'W', steps: true, ...MLP });
      const shown = format === 'json' ? JSON.stringify(toJson(r)) : present(r, format);
      expect(shown).toContain(format === 'latex' ? '\\operatorname{tr}' : format === 'json' ? '"steps"' : 'derivation');
      expect(calls.parsed).toHaveLength(1);
      expect(calls.gradient.length).toBeGreaterThan(0);
      expect(repeated(calls.gradient), format).toEqual([]);
    }
  });

  it('grad --steps --layout numerator: the steps derive the gradient the conventions started from', () => {
    const r = request({ op: 'grad', wrt: 'W', steps: true, layout: 'numerator', ...MLP });
    expect(present(r, 'text')).toContain('∂L/∂Wᵀ');
    expect(repeated(calls.gradient)).toEqual([]);
  });

  it('jacobian --steps: the Jacobian is vectorised once', () => {
    const r = request({ op: 'jacobian', program: 'A*X*B', wrt: 'X', let: 'A: p×m, X: m×n, B: n×q', steps: true });
    expect(present(r, 'text')).toContain('vec(df)');
    expect(calls.jacobianRaw).toHaveLength(1);
    expect(calls.parsed).toHaveLength(1);
  });

  it('hessian --steps: the gradient it differentiates is taken once, and shown', () => {
    const r = request({ op: 'hessian', program: "x'*A*x", wrt: 'x', let: 'A: n×n, x: n×1', steps: true });
    expect(present(r, 'text')).toMatch(/the Jacobian of the gradient G = ∂f\/∂x = /);
    expect(calls.gradient).toHaveLength(1);
    expect(calls.jacobianRaw).toHaveLength(1);
  });

  it('check: the derivative is taken once; the program with the claim is parsed once and printed from that parse', () => {
    const r = request({ op: 'check', program: MLP.program, let: MLP.let, wrt: 'W', claim: "X'*(2*a ⊙ a ⊙ (1 - a))" });
    expect(toJson(r)).toMatchObject({ op: 'check', verdict: 'correct' });
    expect(present(r, 'text')).toMatch(/^✓ correct/);
    expect(calls.gradient.filter((g) => g.endsWith(`/${calls.gradient[0]!.split('/')[1]}`))).toHaveLength(1);
    // The program alone, and the program with the claim: never a third time to print the claim.
    expect(calls.parsed.filter((t) => t.includes(MLP.program))).toHaveLength(2);
    expect(repeated(calls.parsed)).toEqual([]);
  });

  it('the presenter prints only the format asked for (text never prints LaTeX; JSON prints text, ASCII and LaTeX)', () => {
    for (const [fields, what] of [[{ op: 'grad', wrt: 'W', steps: true, ...MLP }, 'grad'], [{ op: 'grad', wrt: 'W, b', ...MLP }, 'several'], [{ op: 'differential', wrt: 'W', ...MLP }, 'differential'], [{ op: 'check', wrt: 'W', claim: "X'*a", ...MLP }, 'check']] as const) {
      const formats = (format: 'text' | 'ascii' | 'latex' | 'json') => {
        const r = request(fields);
        calls.printed.length = 0;
        if (format === 'json') toJson(r);
        else present(r, format);
        return [...new Set(calls.printed)].sort();
      };
      expect(formats('text'), what).toEqual(['text']);
      expect(formats('ascii'), what).toEqual(['ascii']);
      expect(formats('latex'), what).toEqual(['latex']);
      expect(formats('json'), what).toEqual(what === 'check' ? ['ascii', 'text'] : ['ascii', 'latex', 'text']);
    }
  });
});
