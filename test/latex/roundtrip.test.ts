/**
 * Every LaTeX output of dcalc parses back to the same value (CONTRACT §3: `--format
 * latex` and the JSON `latex` field). For each program (taken from test/seeds and
 * test/identities) and each variable, the gradient, the Jacobian and the Hessian are
 * printed as LaTeX in the forms the CLI prints — the display form `toLatex(d)` with its
 * left side `\frac{\partial L}{\partial W} =` and its shape `\in \mathbb{R}^{…}`, the
 * same with `--inline`, and the JSON `latex` field (temporaries in an `aligned`
 * environment, the expression in the last row) — translated by latexToDcalc, appended
 * to the program, and compared numerically with the derivative at random points
 * (agreement() in test/matchers.ts).
 *
 * LaTeX cannot tell W1, W_1 and W₁ apart (all print as `W_{1}`), nor ŷ, y + U+0302 and
 * y_hat (all `\hat{y}`), so the translation is given the program's names to pick the
 * one the program uses; without them `W_{1}` reads as W_1 and `\hat{y}` as ŷ, and a
 * program whose names LaTeX writes the same way round-trips without them too.
 */
import { describe, expect, it, test } from 'vitest';
import { parseProgram, grad, jacobian, hessian, render, toLatex, latexName, latexToDcalc, type Derivative, type Program } from '../../src/api/index.js';
import { agreement } from '../matchers.js';

/**
 * [program, variables]: scalar programs of the seeds and the identities. (Seed 000's
 * softmax programs call the number of classes L like the loss; here it is K, since its
 * Hessians print eye(L), which no format can read back while L is also the loss.)
 */
const PROGRAMS: [string, string[]][] = [
  ["X: 1×M; W: M×1; b: scalar; y: scalar\nh = XW + b\na = σ(h)\nL = −y log a − (1 − y) log(1 − a)", ["W","b","h"]], // seed000.test.ts
  ["X: 1×M; W1: M×N; b1: 1×N; W2: N×1; b2: scalar; y: scalar\nh1 = XW1 + b1\na1 = σ(h1)\nh2 = a1W2 + b2\na2 = σ(h2)\nL = −y log a2 − (1 − y) log(1 − a2)", ["W1","b1","W2","b2","h1","a1"]], // seed000.test.ts
  ["X: 1×M; W1: M×N; b1: 1×N; W2: N×K; b2: 1×K; y: 1×K simplex\nh1 = XW1 + b1\na1 = σ(h1)\nh2 = a1W2 + b2\ns = softmax(h2)\nL = −sum(y ⊙ log(s))", ["W1","b1","W2","b2","s"]], // seed000.test.ts
  ["X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1\nh = ReLU(W1X + b1)\nx̂ = ReLU(W2h + b2)\nL = ‖X − x̂‖_F²/n", ["x̂","W1","b1","W2","b2"]], // seed002.test.ts
  ["X: 1×M; W_1: M×N; b_1: 1×N; W_2: N×1; b_2: scalar; y: scalar\nh_1 = XW_1 + b_1\na_1 = σ(h_1)\nh_2 = a_1 W_2 + b_2\na_2 = σ(h_2)\nL = −y log a_2 − (1 − y) log(1 − a_2)", ["W_1","W_2"]], // seed000.test.ts
  ["θ: 1×D; y: 1×D simplex\nŷ = softmax(θ)\nJ = CE(y, ŷ)", ["θ"]], // seed001.test.ts
  ["x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex\nJ = CE(y, softmax(σ(xW1 + b1)W2 + b2))", ["W2"]], // seed001.test.ts
  ["X: N×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; Y: N×Dy simplex_rows\nh = σ(XW1 + b1)\nŶ = softmax_rows(hW2 + b2)\nJ = CE(Y, Ŷ)/N", ["W2","b2","h","W1","b1","X"]], // seed001.test.ts
  ["X: d×n; w1: H1×d; b1: H1×1; w2: H2×H1; b2: H2×1; w3: K×H2; b3: K×1; Y: K×n simplex\nz1 = w1X + b1\nh1 = ReLU(z1)\nz2 = w2h1 + b2\nh2 = ReLU(z2)\nf = w3h2 + b3\np = softmax(f)\nL = CE(Y, p)/n", ["w1","b1","w2","b2","z2"]], // seed002.test.ts
  ["X: m×d; Θ: d×k; Y: m×k simplex_rows\nP = softmax_rows(XΘ)\nJ = −sum(Y ⊙ log(P))", ["Θ"]], // seed003.test.ts
  ["X: m×d; W: d×H; V: H×k; Y: m×k\nZ = σ(XW)\nŶ = ZV\nE = ‖Ŷ − Y‖_F²/2", ["V","Z","W"]], // seed003.test.ts
  ["X: m×d; W: d×H; v: H×1; y: m×1\nZ = σ(XW)\nŷ = σ(Zv)\nL = −sum(y ⊙ log(ŷ) + (1 − y) ⊙ log(1 − ŷ))", ["v","W"]], // seed003.test.ts
  ["X: m×d; W: d×H; V: H×k; Y: m×k simplex_rows\nZ = σ(XW)\nŶ = softmax_rows(ZV)\nE = −sum(Y ⊙ log(Ŷ))", ["V","W"]], // seed003.test.ts
  ["x: d×1; W: H×d; b: H×1; v: H×1; v0: scalar; y: scalar\nz = σ(Wx + b)\nŷ = vᵀz + v0\nL = (ŷ − y)²", ["v","v0","z","W","b"]], // seed003.test.ts
  ["x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; y: n3×1\nz2 = W2x + b2\nz3 = W3z2 + b3\nC = ‖z3 − y‖²/2", ["z3","z2","b3","W2"]], // seed004.test.ts
  ["x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1 simplex\nz2 = W2x + b2\na2 = σ(z2)\nz3 = W3a2 + b3\na3 = σ(z3)\nz4 = W4a3 + b4\na4 = softmax(z4)\nC = CE(y, a4)", ["z4","z3","z2","W4","W3","b3"]], // seed004.test.ts
  ["X: d×n; y: 1×n; w: d×1; w0: scalar; λ: scalar\np = σ(wᵀX + w0)\nl = −(1/n)sum(y ⊙ ln(p) + (1 − y) ⊙ ln(1 − p)) + λ‖w‖²", ["w","w0"]], // seed004.test.ts
  ["x: n×1; W: k×n; b: k×1; V: n×k; c: n×1\nh = σ(Wx + b)\nx̂ = Vh + c\nL = ‖x̂ − x‖²/2", ["V","c","W","b"]], // autoencoder.test.ts
  ["X: N×D; W: D×K; b: 1×K; V: K×D; c: 1×D\nH = σ(XW + b)\nX̂ = HV + c\nL = ‖X̂ − X‖_F²/(2N)", ["V","c","W","b"]], // autoencoder.test.ts
  ["x: n×1; W: k×n; b: k×1; c: n×1\nh = σ(Wx + b)\nx̂ = σ(Wᵀh + c)\nL = ‖x̂ − x‖²/2", ["c","b"]], // autoencoder.test.ts
  ["X: n×n\ndet(X)", ["X"]], // det-inv.test.ts
  ["X: n×n spd\nL = logdet(X)", ["X"]], // det-inv.test.ts
  ["X: n×n spd\nL = log(det(X))", ["X"]], // det-inv.test.ts
  ["X: n×n spd; c: scalar\nL = c logdet(X)", ["X"]], // det-inv.test.ts
  ["A: m×n; X: n×n; B: n×m\nL = tr(A inv(X) B)", ["X"]], // det-inv.test.ts
  ["X: m×n\nL = sum(exp(X))", ["X"]], // elementwise.test.ts
  ["X: m×n positive\nL = sum(log(X))", ["X"]], // elementwise.test.ts
  ["x: n×1\nL = sum(sin(x))", ["x"]], // elementwise.test.ts
  ["x: n×1\nL = sum(softplus(x))", ["x"]], // elementwise.test.ts
  ["x: n×1\nL = sum(σ(x))", ["x"]], // elementwise.test.ts
  ["x: n×1 positive; a: n×1\nL = aᵀsqrt(x)", ["x"]], // elementwise.test.ts
  ["x: n×1; a: n×1\nL = aᵀtanh(x)", ["x"]], // elementwise.test.ts
  ["A: m×n; x: n×1\nL = sum(exp(Ax))", ["x"]], // elementwise.test.ts
  ["A: m×n; x: n×1; a: m×1\nL = aᵀexp(Ax)", ["x"]], // elementwise.test.ts
  ["A: m×n; x: n×1\nL = sum(sin(Ax))", ["x"]], // elementwise.test.ts
  ["X: N×M; w: M×1; y: N×1\nL = (Xw − y)ᵀ(Xw − y)", ["w"]], // least-squares.test.ts
  ["X: N×M; w: M×1; y: N×1\nL = sum((Xw − y).^2)/(2N)", ["w"]], // least-squares.test.ts
  ["x: M×1; w: M×1; y: scalar\nL = (wᵀx − y)²", ["w"]], // least-squares.test.ts
  ["X: N×M; w: M×1; y: N×1; λ: scalar\nr = Xw − y\nL = ‖r‖²/N + λ‖w‖²", ["w","r"]], // least-squares.test.ts
  ["X: N×M; W: M×K; Y: N×K; λ: scalar\nL = ‖XW − Y‖_F²/N + λ‖W‖_F²", ["W"]], // least-squares.test.ts
  ["x: 1×M; w: M×1; b: scalar; y: scalar\na = σ(xw + b)\nL = −y log a − (1 − y) log(1 − a)", ["w","b"]], // logistic.test.ts
  ["x: M×1; w: M×1; b: scalar; y: scalar\na = σ(wᵀx + b)\nL = −y log a − (1 − y) log(1 − a)", ["w","b"]], // logistic.test.ts
  ["X: N×M; w: M×1; b: scalar; y: N×1\np = σ(Xw + b)\nL = −(yᵀ log(p) + (1 − y)ᵀ log(1 − p))", ["w","b"]], // logistic.test.ts
  ["X: N×M; w: M×1; y: N×1\np = σ(Xw)\nL = −mean(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))", ["w"]], // logistic.test.ts
  ["X: N×M; w: M×1; y: N×1; λ: scalar\np = σ(Xw)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p)) + λ‖w‖²", ["w"]], // logistic.test.ts
  ["X: N×M; w: M×1; y: N×1\nz = Xw\nL = sum(softplus(z) − y ⊙ z)", ["w"]], // logistic.test.ts
  ["A: m×n; x: n×1\nL = logsumexp(Ax)", ["x"]], // logsumexp.test.ts
  ["Z: m×n\nL = sum(logsumexp(Z))", ["Z"]], // logsumexp.test.ts
  ["x: M×1; W1: H×M; b1: H×1; W2: K×H; b2: K×1; y: K×1 simplex\nh = σ(W1 x + b1)\ns = softmax(W2 h + b2)\nL = CE(y, s)", ["W2","b2","W1","b1"]], // mlp.test.ts
  ["x: M×1; W1: H×M; W2: P×H; W3: K×P; y: K×1\nh1 = σ(W1 x)\nh2 = tanh(W2 h1)\nŷ = W3 h2\nL = ‖ŷ − y‖²/2", ["W3","W2","W1"]], // mlp.test.ts
  ["x: n×1; a: n×1\nL = ‖x − a‖", ["x"]], // norms.test.ts
  ["X: m×n; A: m×n\nL = ‖X − A‖_F²", ["X"]], // norms.test.ts
  ["a: n×1; X: n×n\nL = aᵀXa", ["X"]], // quadratic.test.ts
  ["x: 1×M; W: M×K; b: 1×K; y: 1×K simplex\ns = softmax(xW + b)\nL = −sum(y ⊙ log(s))", ["W","b"]], // softmax.test.ts
  ["X: N×M; W: M×K; Y: N×K simplex_rows\nS = softmax_rows(XW)\nL = −sum(Y ⊙ log(S))", ["W"]], // softmax.test.ts
  ["A: n×m; X: m×n\nL = tr(XA)", ["X"]], // trace.test.ts
  ["X: n×n\nL = tr(X²)", ["X"]], // trace.test.ts
  ["B: m×m; X: m×n\nL = tr(BXXᵀ)", ["X"]], // trace.test.ts
  ["X: m×n\nL = tr(XXᵀ)", ["X"]], // trace.test.ts
  ["X: n×n\nL = tr(sin(X))", ["X"]], // trace.test.ts
];

/** The JSON `latex` field of a result (src/present/rendered.ts): temporaries in an aligned environment. */
function jsonLatex(p: Program, d: Derivative): string {
  const pr = render(p, d.expr, { format: 'latex' });
  if (pr.temporaries.length === 0) return pr.text;
  return `\\begin{aligned}\n${[...pr.temporaries.map((t) => `${t.name} &= ${t.text}`), `&${pr.text}`].join(' \\\\\n')}\n\\end{aligned}`;
}

function namesOfProgram(p: Program): string[] {
  return [...p.declarations.keys(), ...p.definitions.keys()];
}

/** Whether LaTeX writes every name of the program so that it reads back as itself. */
function latexPreservesNames(p: Program): boolean {
  return namesOfProgram(p).every((n) => latexToDcalc(latexName(n)).text === n);
}

/** The LaTeX forms of a derivative, each checked to evaluate to it when parsed back. */
function roundTrip(program: string, d: Derivative, names: string[] | undefined): void {
  const p = d.program;
  for (const latex of [toLatex(d), toLatex(d, { inline: true }), jsonLatex(p, d)]) {
    const text = latexToDcalc(latex, { names }).text;
    let err: number;
    try {
      err = agreement(d, program, text);
    } catch (e) {
      throw new Error(`${latex}\ntranslated to ${text}\ndoes not parse back: ${String(e)}`);
    }
    expect(err, `${latex}\ntranslated to ${text}`).toBeLessThan(1e-9);
  }
}

const firstLine = (program: string) => program.split('\n').slice(-1)[0]!.slice(0, 70);

test('the corpus has at least 40 programs', () => {
  expect(PROGRAMS.length).toBeGreaterThanOrEqual(40);
});

describe.each(PROGRAMS)('%s', (program, wrts) => {
  const p = parseProgram(program);
  const names = namesOfProgram(p);
  it.each(wrts)(`gradient wrt %s: LaTeX parses back to the same value (${firstLine(program)})`, (wrt) => {
    const d = grad(p, wrt);
    roundTrip(program, d, names);
    if (latexPreservesNames(p)) roundTrip(program, d, undefined);
  });
  it.each(wrts)('Jacobian and Hessian wrt %s parse back to the same value', (wrt) => {
    roundTrip(program, jacobian(p, wrt), names);
    roundTrip(program, hessian(p, wrt), names);
  });
});

describe('names that LaTeX writes alike', () => {
  const program = 'X: 1×M; W1: M×N; b1: 1×N; y: N×1\nL = sum(σ(XW1 + b1)) + 0*sum(y)';
  it('W1 prints as W_{1}: without the names it reads back as W_1, with them as W1', () => {
    const p = parseProgram(program);
    const d = grad(p, 'W1');
    const latex = toLatex(d);
    expect(latex).toContain('W_{1}');
    expect(latexToDcalc(latex).text).toContain('W_1');
    expect(latexToDcalc(latex).text).not.toContain('W1');
    expect(latexToDcalc(latex, { names: namesOfProgram(p) }).text).toContain('W1');
    expect(agreement(d, program, latexToDcalc(latex, { names: namesOfProgram(p) }).text)).toBeLessThan(1e-9);
  });
  it('ŷ and y + U+0302 (one name after NFC) print as \\hat{y}, y_hat as y_{\\mathrm{hat}}; each reads back', () => {
    for (const [name, printed] of [['ŷ', '\\hat{y}'], ['y\u0302', '\\hat{y}'], ['y_hat', 'y_{\\mathrm{hat}}']]) {
      const program2 = `${name}: n×1; y: n×1\nL = ‖${name} − y‖²`;
      const p = parseProgram(program2);
      const d = grad(p, 'y');
      expect(toLatex(d)).toContain(printed);
      expect(agreement(d, program2, latexToDcalc(toLatex(d), { names: namesOfProgram(p) }).text)).toBeLessThan(1e-9);
    }
    expect(latexToDcalc('\\hat{y}').text).toBe('ŷ');
  });
  it('W_1 and b₂ are found among the names too', () => {
    expect(latexToDcalc('W_{1} + b_{2}', { names: ['W_1', 'b₂'] }).text).toBe('W_1 + b₂');
    expect(latexToDcalc('X W_{1}', { names: ['X', 'W1'] }).text).toBe('X W1');
    expect(latexToDcalc('XW_{1}', { names: ['X', 'W1'] }).text).toBe('XW1');
  });
});
