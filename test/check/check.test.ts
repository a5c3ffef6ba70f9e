/**
 * `dcalc check` (CONTRACT §3): a claimed derivative, written in the program's language
 * and names, is graded against the true one at random points.
 *
 *   correct      equal at every sampled point, same shape (exit 0) — whatever the form
 *                of the claim: reordered, factored or expanded, transposes of transposes,
 *                the program's names or their definitions, temporaries `t0 = …; Xᵀ t0`;
 *   incorrect    (exit 1) with a diagnosis: shape, transposed, sign, scaled (with the
 *                factor, a number or program text such as `1/n`), missing-sum, differs;
 *   error        only a claim that does not parse (kind parse, located in the claim).
 *
 * The library (`checkClaim`) is tested first, then the command line: text, JSON, exit
 * codes and `batch`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkClaim, grad, parseProgram, pointFromValues, toAscii, toText, type Grade } from '../../src/api/index.js';
import { DcalcError } from '../../src/errors.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { fromRows, type Mat } from '../../src/numeric/matrix.js';
import { relErr } from '../../src/numeric/finite-diff.js';
import { CLASSIFIER_002, LOGREG_000, MLP_000, SOFTMAX_REG_000 } from '../seeds/programs.mjs';

// ─── programs ───────────────────────────────────────────────────────────────────────

/** Seed 000 (1a): logistic regression, row-vector convention. */
const LOGREG = LOGREG_000;

/** Seed 000 (1b): one hidden sigmoid layer, binary output. */
const MLP = MLP_000;

/** Seed 000 (L-a): softmax regression with a one-hot (simplex) y. */
const SOFTMAX = SOFTMAX_REG_000;

/** A batch of N rows, a 1×K bias broadcast over them, the mean cross-entropy. */
const BATCH = `X: N×M; W: M×K; b: 1×K; Y: N×K simplex_rows
h = XW + b
s = softmax_rows(h)
L = −sum(Y ⊙ log(s))/N`;

/** Mean binary cross-entropy over n rows, with a scalar bias w0. */
const BCE = `X: n×d; w: d×1; w0: scalar; y: n×1
p = σ(Xw + w0)
L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))/n`;

/** Seed 002 (1a): examples in columns, K×1 column biases broadcast over n columns. */
const COLUMNS = CLASSIFIER_002;

const QUADRATIC = 'x: n×1; A: n×n; f = xᵀAx';
const TRACE = 'A: n×n; X: n×n; B: n×n; f = tr(AXB)';
const KRON = 'A: p×m; X: m×n; B: n×q; F = AXB';

function grade(program: string, wrt: string, claim: string, opts: { let?: string; seed?: number } = {}): Grade {
  return checkClaim(program, wrt, claim, opts).grade;
}

/** The error a claim raises (fails the test if it raises none). */
function claimError(program: string, wrt: string, claim: string): DcalcError {
  try {
    checkClaim(program, wrt, claim);
  } catch (e) {
    if (e instanceof DcalcError) return e;
    throw e;
  }
  throw new Error(`the claim ${JSON.stringify(claim)} was graded, expected an error`);
}

const toMat = (v: number | number[][]): Mat => (typeof v === 'number' ? fromRows([[v]]) : fromRows(v));

// ─── correct ────────────────────────────────────────────────────────────────────────

describe('check: correct claims, in any equivalent form', () => {
  it.each([
    ['the printed form', 'Xᵀ(a − y)'],
    ['expanded', 'Xᵀa − Xᵀy'],
    ['a sum reordered, the sign pulled out', '−Xᵀy + Xᵀa'],
    ['negated twice', '−Xᵀ(y − a)'],
    ['the transpose of a transpose', '((a − y)ᵀX)ᵀ'],
    ['a triple transpose', 'Xᵀᵀᵀ(a − y)'],
    ['the 1×1 factor on the left (it scales)', '(a − y)Xᵀ'],
    ["the program's names expanded", 'Xᵀ(σ(XW + b) − y)'],
    ['the ASCII syntax', "X'*(a - y)"],
    ['a temporary, as dcalc prints them', 't0 = a − y; Xᵀ t0'],
    ['temporaries on separate lines', 't0 = σ(XW + b)\nt1 = t0 − y\nXᵀt1'],
    ['a term that vanishes', 'a1 = a; Xᵀ(a1 − y) + W − W'],
  ])('∂L/∂W of logistic regression: %s, %s', (_what, claim) => {
    const g = grade(LOGREG, 'W', claim);
    expect(g.verdict).toBe('correct');
    expect(g.diagnosis).toBeUndefined();
    expect(g.counterexample).toBeUndefined();
    expect(g.points).toBe(8);
  });

  it.each([
    ["the seed's factored form (000 line 97)", 'W1', 'Xᵀ((a2 − y)(W2ᵀ ⊙ (a1 ⊙ (1 − a1))))'],
    ['σ′ multiplied out', 'W1', 'Xᵀ((a2 − y)W2ᵀ ⊙ a1 − (a2 − y)W2ᵀ ⊙ a1 ⊙ a1)'],
    ['the 1×1 factor moved to the front', 'W1', '(a2 − y)Xᵀ(W2ᵀ ⊙ a1 ⊙ (1 − a1))'],
    ['σ′ written as σ(h)σ(−h)', 'b1', '(a2 − y)W2ᵀ ⊙ σ(h1) ⊙ σ(−h1)'],
    ['the outer transpose of (a2 − y)ᵀa1', 'W2', '((a2 − y)ᵀa1)ᵀ'],
  ])('hidden layer: %s', (_what, wrt, claim) => expect(grade(MLP, wrt, claim).verdict).toBe('correct'));

  it('the mean loss: 1/n in front, after, or inside', () => {
    for (const claim of ['Xᵀ(p − y)/n', '(1/n)Xᵀ(p − y)', '(Xᵀp − Xᵀy)/n', 'Xᵀ((p − y)/n)']) {
      expect(grade(BCE, 'w', claim).verdict, claim).toBe('correct');
    }
  });

  it("a broadcast bias's gradient summed over the batch, by sum_cols or by a row of ones", () => {
    for (const claim of ['sum_cols(s − Y)/N', 'ones(1, N)(s − Y)/N', 'sum_cols(s)/N − sum_cols(Y)/N']) {
      expect(grade(BATCH, 'b', claim).verdict, claim).toBe('correct');
    }
  });

  it('a quadratic form: (A + Aᵀ)x in either order, or as two products', () => {
    for (const claim of ['(A + Aᵀ)x', '(Aᵀ + A)x', 'Ax + Aᵀx', '((A + Aᵀ)x)ᵀᵀ']) expect(grade(QUADRATIC, 'x', claim).verdict, claim).toBe('correct');
  });

  it('the transpose of a symmetric derivative is the derivative itself: not "transposed"', () => {
    expect(grade('S: n×n symmetric; X: n×n; f = tr(SX)', 'X', 'S').verdict).toBe('correct');
    expect(grade('S: n×n symmetric; X: n×n; f = tr(SX)', 'X', 'Sᵀ').verdict).toBe('correct');
  });

  it('a Jacobian claim: kron(Bᵀ, A) and Bᵀ ⊗ A for AXB', () => {
    expect(grade(KRON, 'X', 'kron(Bᵀ, A)').verdict).toBe('correct');
    expect(grade(KRON, 'X', 'Bᵀ ⊗ A').verdict).toBe('correct');
  });

  it('declarations given with let, as --let does', () => {
    const g = grade('h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)', 'W', 'Xᵀ(a − y)', { let: 'X: 1×M, W: M×1, b: scalar, y: scalar' });
    expect(g.verdict).toBe('correct');
  });
});

describe("check: dcalc's own answers, fed back as claims, are correct", () => {
  const ONE_LINE = 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex; J = CE(y, softmax(σ(xW1 + b1)W2 + b2))';
  it.each([
    ['logistic regression', 'b', LOGREG],
    ['hidden layer', 'W1', MLP],
    ['batch, row bias', 'b', BATCH],
    ['columns, two ReLU layers', 'w1', COLUMNS],
    ['columns, column bias', 'b1', COLUMNS],
    ['seed 001 in one line (a temporary t0)', 'W1', ONE_LINE],
    ['seed 001 in one line, wrt the input', 'x', ONE_LINE],
  ])('%s: the text and the ascii result, wrt %s', (_what, wrt, program) => {
    const p = parseProgram(program);
    const d = grad(p, wrt);
    for (const claim of [toText(p, d.expr), toAscii(p, d.expr)]) expect(grade(program, wrt, claim).verdict, claim).toBe('correct');
  });
});

describe('check: claims that hold under an assumption', () => {
  it('Xᵀ(s − y) holds for a simplex y, and the derivative records the assumption', () => {
    const c = checkClaim(SOFTMAX, 'W', 'Xᵀ(s − y)');
    expect(c.grade.verdict).toBe('correct');
    expect(c.derivative.assumptionsUsed).toEqual(['y: simplex']);
  });
  it('the same claim without the assumption differs (in general it is Xᵀ(sum(y)s − y))', () => {
    const general = SOFTMAX.replace('y: 1×L simplex', 'y: 1×L');
    expect(grade(general, 'W', 'Xᵀ(s − y)')).toMatchObject({ verdict: 'incorrect', diagnosis: 'differs' });
    expect(grade(general, 'W', 'Xᵀ(sum(y)s − y)').verdict).toBe('correct');
  });
  it("the seed's Q form, Xᵀ((−y ⊘ s)Q) with Q = diag(s) − sᵀs, holds with or without it", () => {
    const claim = 'Q = diag(s) − sᵀs; Xᵀ((−y ⊘ s)Q)';
    expect(grade(SOFTMAX, 'W', claim).verdict).toBe('correct');
    expect(grade(SOFTMAX.replace('y: 1×L simplex', 'y: 1×L'), 'W', claim).verdict).toBe('correct');
  });
  it('a batch with simplex_rows: Xᵀ(s − Y)/N', () => {
    const c = checkClaim(BATCH, 'W', 'Xᵀ(s − Y)/N');
    expect(c.grade.verdict).toBe('correct');
    expect(c.derivative.assumptionsUsed).toEqual(['Y: simplex_rows']);
  });
  it('a symmetric A: 2Ax is the gradient of xᵀAx (and Ax is half of it)', () => {
    const sym = 'x: n×1; A: n×n symmetric; f = xᵀAx';
    expect(grade(sym, 'x', '2Ax').verdict).toBe('correct');
    expect(grade(sym, 'x', 'Ax')).toMatchObject({ verdict: 'incorrect', diagnosis: 'scaled', factor: 0.5 });
  });
});

// ─── incorrect ──────────────────────────────────────────────────────────────────────

describe('check: shape', () => {
  it('a 1×1 claim for an M×1 gradient', () =>
    expect(grade(LOGREG, 'W', 'a − y')).toMatchObject({ verdict: 'incorrect', diagnosis: 'shape' }));
  it('an M×M claim for an M×1 gradient, graded as the gradient (--of grad)', () =>
    expect(checkClaim(LOGREG, 'W', 'XᵀX', { of: 'grad' }).grade).toMatchObject({ verdict: 'incorrect', diagnosis: 'shape' }));
  it('an M×M claim for an M×1 variable is graded against the Hessian (its shape), and differs', () => {
    const c = checkClaim(LOGREG, 'W', 'XᵀX');
    expect(c.derivative.op).toBe('hessian');
    expect(c.grade).toMatchObject({ verdict: 'incorrect', diagnosis: 'differs' });
  });
  it('seed 001 eq. 33, (W2(ŷ − y)ᵀ)ᵀ: 1×H for an H×Dy gradient', () =>
    expect(
      grade('x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex; h = σ(xW1 + b1); ŷ = softmax(hW2 + b2); J = CE(y, ŷ)', 'W2', '(W2(ŷ − y)ᵀ)ᵀ'),
    ).toMatchObject({ verdict: 'incorrect', diagnosis: 'shape' }));
  it('summed over the batch where it must not be (seed 002 line 34): d×1 for d×n', () =>
    expect(grade('X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1; h = ReLU(W1X + b1); x̂ = ReLU(W2h + b2); L = ‖X − x̂‖_F²/n', 'x̂', '2sum_rows(x̂ − X)/n')).toMatchObject({
      verdict: 'incorrect',
      diagnosis: 'shape',
    }));
  it('a claim whose own factors do not fit (a forgotten transpose) is graded shape, not an error', () => {
    // CONTRACT §3: only a claim that does not parse is an error; a claim of the wrong shape is graded.
    const c = checkClaim(MLP, 'W1', 'Xᵀ((a2 − y)W2 ⊙ a1 ⊙ (1 − a1))');
    expect(c.grade).toMatchObject({ verdict: 'incorrect', diagnosis: 'shape' });
  });
});

describe('check: transposed', () => {
  it('a row for a column: (a − y)X is the transpose of Xᵀ(a − y), though its shape differs', () =>
    expect(grade(LOGREG, 'W', '(a − y)X')).toMatchObject({ verdict: 'incorrect', diagnosis: 'transposed' }));
  it('a square derivative: A for ∂tr(AX)/∂X = Aᵀ', () =>
    expect(grade('A: n×n; X: n×n; f = tr(AX)', 'X', 'A')).toMatchObject({ verdict: 'incorrect', diagnosis: 'transposed' }));
  it('BA for ∂tr(AXB)/∂X = AᵀBᵀ (same shape, not symmetric)', () => {
    expect(grade(TRACE, 'X', 'BA')).toMatchObject({ verdict: 'incorrect', diagnosis: 'transposed' });
    expect(grade(TRACE, 'X', '(BA)ᵀ').verdict).toBe('correct');
  });
  it('a batch: (s − Y)ᵀX/N is K×M for an M×K gradient', () =>
    expect(grade(BATCH, 'W', '(s − Y)ᵀX/N')).toMatchObject({ verdict: 'incorrect', diagnosis: 'transposed' }));
  it('the gradient of xᵀAx written as a row, xᵀ(A + Aᵀ)', () =>
    expect(grade(QUADRATIC, 'x', 'xᵀ(A + Aᵀ)')).toMatchObject({ verdict: 'incorrect', diagnosis: 'transposed' }));
  it('a hidden layer: (a2 − y)a1 for a1ᵀ(a2 − y)', () =>
    expect(grade(MLP, 'W2', '(a2 − y)a1')).toMatchObject({ verdict: 'incorrect', diagnosis: 'transposed' }));
  it('a Jacobian: kron(B, Aᵀ) is the transpose of kron(Bᵀ, A)', () =>
    expect(grade(KRON, 'X', 'kron(B, Aᵀ)')).toMatchObject({ verdict: 'incorrect', diagnosis: 'transposed' }));
});

describe('check: sign', () => {
  it.each([
    ['logistic regression', 'W', 'Xᵀ(y − a)', LOGREG],
    ['softmax regression', 'W', 'Xᵀ(y − s)', SOFTMAX],
    ['a quadratic form', 'x', '−(A + Aᵀ)x', QUADRATIC],
    ['seed 003 line 329, ½‖Y − F‖²', 'F', 'Y − F', 'Y: m×k; F: m×k; L = ‖Y − F‖_F²/2'],
    ['a Jacobian', 'X', '−kron(Bᵀ, A)', KRON],
  ])('%s: wrt %s, claim %s', (_what, wrt, claim, program) => {
    const g = grade(program, wrt, claim);
    expect(g).toMatchObject({ verdict: 'incorrect', diagnosis: 'sign' });
    expect(g.factor).toBeUndefined();
  });
});

describe('check: scaled', () => {
  it('a factor 2', () => expect(grade(LOGREG, 'W', '2Xᵀ(a − y)')).toMatchObject({ verdict: 'incorrect', diagnosis: 'scaled', factor: 2 }));
  it('a factor 0.5', () => expect(grade(LOGREG, 'W', 'Xᵀ(a − y)/2')).toMatchObject({ verdict: 'incorrect', diagnosis: 'scaled', factor: 0.5 }));
  it('a factor 0.5 on a quadratic form', () =>
    expect(grade(QUADRATIC, 'x', '(A + Aᵀ)x/2')).toMatchObject({ verdict: 'incorrect', diagnosis: 'scaled', factor: 0.5 }));
  it('a negative factor, −1/2: the sign slipped and the 2 dropped (seed 003 line 583)', () =>
    expect(grade('x: d×1; W: H×d; b: H×1; v: H×1; v0: scalar; y: scalar; z = σ(Wx + b); ŷ = vᵀz + v0; L = (ŷ − y)²', 'v', '(y − ŷ)z')).toMatchObject({
      verdict: 'incorrect',
      diagnosis: 'scaled',
      factor: -0.5,
    }));
  it('a mean loss without its 1/n: the factor is n, as program text', () =>
    expect(grade(BCE, 'w', 'Xᵀ(p − y)')).toMatchObject({ verdict: 'incorrect', diagnosis: 'scaled', factor: 'n' }));
  it('1/n applied twice: the factor is 1/n', () =>
    expect(grade(BCE, 'w', 'Xᵀ(p − y)/n²')).toMatchObject({ verdict: 'incorrect', diagnosis: 'scaled', factor: '1/n' }));
  it('a batch mean without its 1/N: the factor is N', () =>
    expect(grade(BATCH, 'W', 'Xᵀ(s − Y)')).toMatchObject({ verdict: 'incorrect', diagnosis: 'scaled', factor: 'N' }));
});

describe('check: missing-sum', () => {
  it('a 1×K row bias: (s − Y)/N is N×K, its sum over the rows is the gradient', () =>
    expect(grade(BATCH, 'b', '(s − Y)/N')).toMatchObject({ verdict: 'incorrect', diagnosis: 'missing-sum' }));
  it('a K×1 column bias (seed 002 line 18): (p − Y)/n is K×n', () =>
    expect(grade(COLUMNS, 'b3', '(p − Y)/n')).toMatchObject({ verdict: 'incorrect', diagnosis: 'missing-sum' }));
  it('a scalar bias: p − y is n×1, its sum is the gradient', () => {
    expect(grade(BCE, 'w0', '(p − y)/n')).toMatchObject({ verdict: 'incorrect', diagnosis: 'missing-sum' });
    expect(grade(BCE, 'w0', 'sum(p − y)/n').verdict).toBe('correct');
  });
});

describe('check: differs', () => {
  it.each([
    ['a factor missing', LOGREG, 'W', 'Xᵀa'],
    ['h for a', LOGREG, 'W', 'Xᵀ(h − y)'],
    ['2Ax for a general A', QUADRATIC, 'x', '2Ax'],
    ['the Kronecker factors swapped (same shape)', KRON, 'X', 'kron(A, Bᵀ)'],
    ['1/n on one term only (seed 002 line 10)', COLUMNS, 'f', 'p − Y/n'],
    ['the softmax Jacobian without its outer product', 'h: 1×L; s = softmax(h)', 'h', 'diag(s)'],
  ])('%s', (_what, program, wrt, claim) => {
    const g = grade(program, wrt, claim);
    expect(g).toMatchObject({ verdict: 'incorrect', diagnosis: 'differs' });
    expect(g.factor).toBeUndefined();
  });
  it('a zero claim is not "a constant factor off": it differs', () =>
    expect(grade(LOGREG, 'W', 'zeros(M, 1)')).toMatchObject({ verdict: 'incorrect', diagnosis: 'differs' }));
});

// ─── counterexamples ────────────────────────────────────────────────────────────────

describe('check: counterexamples', () => {
  it("hold every variable's value, the claimed and the expected value", () => {
    const g = grade(LOGREG, 'W', '2Xᵀ(a − y)');
    const ce = g.counterexample!;
    expect(Object.keys(ce.at).sort()).toEqual(['W', 'X', 'b', 'y']);
    const X = toMat(ce.at.X!);
    const W = toMat(ce.at.W!);
    expect(X.rows).toBe(1);
    expect(W.cols).toBe(1);
    expect(W.rows).toBe(X.cols);
    expect(typeof ce.at.b).toBe('number');
    expect(typeof ce.at.y).toBe('number');
    expect(toMat(ce.claimed).rows).toBe(X.cols);
    expect(relErr(toMat(ce.claimed), toMat(ce.expected))).toBeGreaterThan(1e-3);
  });

  it('are real: the claim and the derivative evaluated at the point give the values reported', () => {
    for (const claim of ['Xᵀ(y − a)', '2Xᵀ(a − y)', 'Xᵀa', '(a − y)X']) {
      const c = checkClaim(LOGREG, 'W', claim);
      const ce = c.grade.counterexample!;
      const withClaim = parseProgram(`${LOGREG}\n${claim}`);
      const point = pointFromValues(withClaim, ce.at);
      expect(relErr(evaluate(c.claim!, point), toMat(ce.claimed)), claim).toBeLessThan(1e-4);
      expect(relErr(evaluate(c.derivative.expr, point), toMat(ce.expected)), claim).toBeLessThan(1e-4);
    }
  });

  it('a wrong shape still gets both values, in their own shapes', () => {
    const ce = grade(LOGREG, 'W', 'a − y').counterexample!;
    expect(typeof ce.claimed).toBe('number');
    expect(Array.isArray(ce.expected)).toBe(true);
  });

  it('are reproducible: the same seed gives the same point, another seed another point', () => {
    const a = grade(LOGREG, 'W', 'Xᵀ(y − a)', { seed: 3 });
    const b = grade(LOGREG, 'W', 'Xᵀ(y − a)', { seed: 3 });
    const c = grade(LOGREG, 'W', 'Xᵀ(y − a)', { seed: 4 });
    expect(b.counterexample).toEqual(a.counterexample);
    expect(c.counterexample).not.toEqual(a.counterexample);
    expect(c.diagnosis).toBe('sign');
  });
});

// ─── errors ─────────────────────────────────────────────────────────────────────────

describe('check: a claim that does not parse is an error located in the claim', () => {
  it('an unclosed parenthesis: parse error at 1:9 of the claim', () => {
    const e = claimError(LOGREG, 'W', 'Xᵀ(a − y');
    expect(e.kind).toBe('parse');
    expect([e.line, e.column]).toEqual([1, 9]);
    expect(e.message).toMatch(/^in the claim: /);
    expect(e.source).toBe('Xᵀ(a − y');
  });
  it('an error on the second line of a claim with temporaries is on line 2 of the claim', () => {
    const e = claimError(LOGREG, 'W', 't0 = a − y\nXᵀ(t0 +');
    expect(e.kind).toBe('parse');
    expect(e.line).toBe(2);
  });
  it('1..2 is a parse error (no trailing-dot numbers)', () => {
    const e = claimError(LOGREG, 'W', 'Xᵀ(a − y)1..2');
    expect(e.kind).toBe('parse');
    expect([e.line, e.column]).toEqual([1, 11]);
  });
  it('an empty claim is a parse error', () => expect(claimError(LOGREG, 'W', '   ').kind).toBe('parse'));
  it('an unknown function in the claim is a name error, located in the claim', () => {
    const e = claimError(LOGREG, 'W', 'foo(a)');
    expect(e.kind).toBe('name');
    expect([e.line, e.column]).toEqual([1, 1]);
    expect(e.message).toContain('unknown function foo');
  });
});

// ─── the command line ───────────────────────────────────────────────────────────────

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function dcalc(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error).toBeUndefined();
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LOGREG_LINE = LOGREG.replace(/\n/g, '; ');

describe('dcalc check (command line)', () => {
  it('a correct claim: exit 0 and one line', () => {
    const r = dcalc(['check', LOGREG_LINE, 'wrt', 'W', '--claim', 'Xᵀ(a − y)']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('✓ correct: the claim equals ∂L/∂W at 8 random points\n');
    expect(r.stderr).toBe('');
  });

  it('an incorrect claim: exit 1, the diagnosis, both results and the counterexample', () => {
    const r = dcalc(['check', LOGREG_LINE, 'wrt', 'W', '--claim', '(a − y)X']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('✗ incorrect (transposed): the claim is the transpose of ∂L/∂W');
    expect(lines[1]).toBe('  expected ∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}');
    expect(lines[2]).toBe('  claimed  (a − y)X   ∈ ℝ^{1×M}');
    expect(lines[3]).toMatch(/^ {2}counterexample: at X = \[\[.*\]\], W = \[\[.*\]\], b = -?[\d.]+, y = -?[\d.]+$/);
    expect(lines[4]).toMatch(/^ {4}claimed {2}\[\[[^\]]*\]\]$/);
    expect(lines[5]).toMatch(/^ {4}expected \[\[.*\]\]$/);
  });

  it('a scaled claim prints the factor', () => {
    const r = dcalc(['check', LOGREG_LINE, 'wrt', 'W', '--claim', '2Xᵀ(a − y)']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ incorrect (scaled): the claim is 2 × ∂L/∂W');
    expect(r.stdout).toContain('  factor (claimed ÷ true): 2\n');
  });

  it('--format json: the contract fields, exit 1 for an incorrect claim', () => {
    const r = dcalc(['check', LOGREG_LINE, 'wrt', 'W', '--claim', 'Xᵀ(y − a)', '--format', 'json']);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ ok: true, op: 'check', wrt: 'W', verdict: 'incorrect', diagnosis: 'sign', expected: 'Xᵀ(a − y)', shape: ['M', 1] });
    expect(j.message).toBe('the claim has the wrong sign: it is −∂L/∂W');
    expect(Object.keys(j.counterexample.at).sort()).toEqual(['W', 'X', 'b', 'y']);
    expect(Array.isArray(j.counterexample.claimed)).toBe(true);
    expect(Array.isArray(j.counterexample.expected)).toBe(true);
  });

  it('--format json: a symbolic factor is program text', () => {
    const r = dcalc(['check', BCE.replace(/\n/g, '; '), 'wrt', 'w', '--claim', 'Xᵀ(p − y)', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'incorrect', diagnosis: 'scaled', factor: 'n' });
  });

  it('--format json: a correct claim under an assumption says "assuming"', () => {
    const r = dcalc(['check', SOFTMAX.replace(/\n/g, '; '), 'wrt', 'W', '--claim', 'Xᵀ(s − y)', '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ ok: true, verdict: 'correct', assumptions: ['y: simplex'] });
    expect(j).not.toHaveProperty('diagnosis');
    expect(j).not.toHaveProperty('counterexample');
    expect(j.message).toBe('the claim equals ∂L/∂W at 8 random points, assuming y: simplex');
  });

  it('text: the "assuming" message too', () => {
    const r = dcalc(['check', SOFTMAX.replace(/\n/g, '; '), 'wrt', 'W', '--claim', 'Xᵀ(s − y)']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('✓ correct: the claim equals ∂L/∂W at 8 random points, assuming y: simplex\n');
  });

  it('a missing-sum claim: exit 1 and the message names the batch', () => {
    const r = dcalc(['check', BATCH.replace(/\n/g, '; '), 'wrt', 'b', '--claim', '(s − Y)/N']);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('✗ incorrect (missing-sum): the claim is not summed over the batch: summing it over the broadcast axis gives ∂L/∂b');
  });

  it('a claim that does not parse: exit 2, a parse error located in the claim, with a caret', () => {
    const r = dcalc(['check', LOGREG_LINE, 'wrt', 'W', '--claim', 'Xᵀ(a − y']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("dcalc: parse error at 1:9: in the claim: unexpected end of input, expected ')'\n  Xᵀ(a − y\n          ^\n");
  });

  it('--let declares the names, as for grad', () => {
    const r = dcalc(['check', 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)', 'wrt', 'W', '--let', 'X: 1×M, W: M×1, b: scalar, y: scalar', '--claim', '(a − y)X']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('(transposed)');
  });

  it('check without --claim is a usage error', () => {
    const r = dcalc(['check', LOGREG_LINE, 'wrt', 'W']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dcalc: usage error: .*--claim/);
  });

  it('batch: check requests grade claims; a claim that does not parse is an ok:false line', () => {
    const lines = [
      { id: 1, op: 'check', program: QUADRATIC, wrt: 'x', claim: '(A + Aᵀ)x' },
      { id: 'two', op: 'check', program: QUADRATIC, wrt: 'x', claim: '(A + Aᵀ' },
      { id: 3, op: 'check', program: QUADRATIC, wrt: 'x', claim: 'xᵀ(A + Aᵀ)' },
    ];
    const r = dcalc(['batch'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(r.stderr).toBe('');
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ id: 1, ok: true, op: 'check', verdict: 'correct' });
    expect(out[1]).toMatchObject({ id: 'two', ok: false, error: { kind: 'parse', line: 1, column: 8 } });
    expect(out[1].error.message).toMatch(/^in the claim: /);
    expect(out[2]).toMatchObject({ id: 3, ok: true, verdict: 'incorrect', diagnosis: 'transposed' });
  });
});
