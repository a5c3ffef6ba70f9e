/**
 * Every LaTeX string dcalc prints renders in KaTeX as it is (CONTRACT §3: "it renders
 * in KaTeX as it is"): the display form `toLatex(d)` (also with --inline) and the JSON
 * `latex` field of every gradient, Jacobian and Hessian of the programs below (taken
 * from test/seeds and test/identities), and the `--format latex` / JSON output of the
 * command line for each command. Rendering is `katex.renderToString(s, { throwOnError:
 * true, displayMode: true })`.
 *
 * Square roots print as `\\sqrt{…}` (they once printed `\\sqrt\\left(…\\right)`, which KaTeX
 * rejects); a test below pins it.
 *
 * The command-line tests run bin/dcalc.js, which needs a build (`npm run build`, or
 * `DCALC_SKIP_TYPES=1 node scripts/build.mjs`).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, it, test } from 'vitest';
import { parseProgram, grad, jacobian, hessian, render, toLatex, latexToDcalc, type Derivative, type Program } from '../../src/api/index.js';
import { agreement } from '../matchers.js';

/** [program, variables]: scalar programs of the seeds and the identities. */
const PROGRAMS: [string, string[]][] = [
  ["X: 1×M; W: M×1; b: scalar; y: scalar\nh = XW + b\na = σ(h)\nL = −y log a − (1 − y) log(1 − a)", ["W","b","h"]], // seed000.test.ts
  ["X: 1×M; W1: M×N; b1: 1×N; W2: N×1; b2: scalar; y: scalar\nh1 = XW1 + b1\na1 = σ(h1)\nh2 = a1W2 + b2\na2 = σ(h2)\nL = −y log a2 − (1 − y) log(1 − a2)", ["W1","b1","W2","b2","h1","a1"]], // seed000.test.ts
  ["X: 1×M; W1: M×N; b1: 1×N; W2: N×K; b2: 1×K; y: 1×K simplex\nh1 = XW1 + b1\na1 = σ(h1)\nh2 = a1W2 + b2\ns = softmax(h2)\nL = −sum(y ⊙ log(s))", ["W1","b1","W2","b2","s"]], // seed000.test.ts
  ["X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1\nh = ReLU(W1X + b1)\nx̂ = ReLU(W2h + b2)\nL = ‖X − x̂‖_F²/n", ["x̂","W1","b1","W2","b2"]], // seed002.test.ts
  ["X: 1×M; W_1: M×N; b_1: 1×N; W_2: N×1; b_2: scalar; y: scalar\nh_1 = XW_1 + b_1\na_1 = σ(h_1)\nh_2 = a_1 W_2 + b_2\na_2 = σ(h_2)\nL = −y log a_2 − (1 − y) log(1 − a_2)", ["W_1","W_2"]], // seed000.test.ts
  ["θ: 1×D; y: 1×D simplex\nŷ = softmax(θ)\nJ = CE(y, ŷ)", ["θ"]], // seed001.test.ts
  ["θ: D×1; y: D×1 simplex; J = −yᵀθ + log(sum(exp(θ)))", ["θ"]], // seed001.test.ts
  ["x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex\nJ = CE(y, softmax(σ(xW1 + b1)W2 + b2))", ["W2"]], // seed001.test.ts
  ["X: N×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; Y: N×Dy simplex_rows\nh = σ(XW1 + b1)\nŶ = softmax_rows(hW2 + b2)\nJ = CE(Y, Ŷ)/N", ["W2","b2","h","W1","b1","X"]], // seed001.test.ts
  ["X: d×n; w1: H1×d; b1: H1×1; w2: H2×H1; b2: H2×1; w3: K×H2; b3: K×1; Y: K×n simplex\nz1 = w1X + b1\nh1 = ReLU(z1)\nz2 = w2h1 + b2\nh2 = ReLU(z2)\nf = w3h2 + b3\np = softmax(f)\nL = CE(Y, p)/n", ["w1","b1","w2","b2","z2"]], // seed002.test.ts
  ["X: n×d; θ: d×1; y: n×1\np = σ(Xθ)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))", ["θ"]], // seed003.test.ts
  ["x: d×1; Θ: d×k; u: k×1; s = softmax(Θᵀx); f = uᵀs", ["Θ"]], // seed003.test.ts
  ["X: m×d; Θ: d×k; Y: m×k simplex_rows\nP = softmax_rows(XΘ)\nJ = −sum(Y ⊙ log(P))", ["Θ"]], // seed003.test.ts
  ["X: d×m; Θ: d×k; Y: k×m simplex; P = softmax(ΘᵀX); J = −sum(Y ⊙ log(P))", ["Θ"]], // seed003.test.ts
  ["X: m×d; W: d×H; V: H×k; Y: m×k\nZ = σ(XW)\nŶ = ZV\nE = ‖Ŷ − Y‖_F²/2", ["V","Z","W"]], // seed003.test.ts
  ["X: m×d; W: d×H; v: H×1; y: m×1\nZ = σ(XW)\nŷ = σ(Zv)\nL = −sum(y ⊙ log(ŷ) + (1 − y) ⊙ log(1 − ŷ))", ["v","W"]], // seed003.test.ts
  ["X: m×d; W: d×H; V: H×k; Y: m×k simplex_rows\nZ = σ(XW)\nŶ = softmax_rows(ZV)\nE = −sum(Y ⊙ log(Ŷ))", ["V","W"]], // seed003.test.ts
  ["x: d×1; W: H×d; b: H×1; v: H×1; v0: scalar; y: scalar\nz = σ(Wx + b)\nŷ = vᵀz + v0\nL = (ŷ − y)²", ["v","v0","z","W","b"]], // seed003.test.ts
  ["x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; y: n3×1\nz2 = W2x + b2\nz3 = W3z2 + b3\nC = ‖z3 − y‖²/2", ["z3","z2","b3","W2"]], // seed004.test.ts
  ["z: n×1; y: n×1 simplex; a = softmax(z); C = −sum(y ⊙ ln(a))", ["z"]], // seed004.test.ts
  ["x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1 simplex\nz2 = W2x + b2\na2 = σ(z2)\nz3 = W3a2 + b3\na3 = σ(z3)\nz4 = W4a3 + b4\na4 = softmax(z4)\nC = CE(y, a4)", ["z4","z3","z2","W4","W3","b3"]], // seed004.test.ts
  ["X: d×n; y: 1×n; w: d×1; w0: scalar; λ: scalar\np = σ(wᵀX + w0)\nl = −(1/n)sum(y ⊙ ln(p) + (1 − y) ⊙ ln(1 − p)) + λ‖w‖²", ["w","w0"]], // seed004.test.ts
  ["x: n×1; W: k×n; b: k×1; V: n×k; c: n×1\nh = σ(Wx + b)\nx̂ = Vh + c\nL = ‖x̂ − x‖²/2", ["V","c","W","b"]], // autoencoder.test.ts
  ["X: N×D; W: D×K; b: 1×K; V: K×D; c: 1×D\nH = σ(XW + b)\nX̂ = HV + c\nL = ‖X̂ − X‖_F²/(2N)", ["V","c","W","b"]], // autoencoder.test.ts
  ["x: n×1; W: k×n; b: k×1; c: n×1\nh = σ(Wx + b)\nx̂ = σ(Wᵀh + c)\nL = ‖x̂ − x‖²/2", ["c","b"]], // autoencoder.test.ts
  ["X: n×n\ndet(X)", ["X"]], // det-inv.test.ts
  ["X: n×n spd\nL = logdet(X)", ["X"]], // det-inv.test.ts
  ["X: n×n spd\nL = log(det(X))", ["X"]], // det-inv.test.ts
  ["X: n×n spd; c: scalar\nL = c logdet(X)", ["X"]], // det-inv.test.ts
  ["A: m×n; X: n×n spd; B: n×m\nL = logdet(X) + tr(AXB)", ["X"]], // det-inv.test.ts
  ["A: m×n; X: n×n; B: n×m\nL = tr(A inv(X) B)", ["X"]], // det-inv.test.ts
  ["A: n×n; X: n×n\nL = tr(A X⁻¹)", ["X"]], // det-inv.test.ts
  ["X: n×n\nL = tr(inv(X))", ["X"]], // det-inv.test.ts
  ["x: n×1\nL = sum(exp(x))", ["x"]], // elementwise.test.ts
  ["X: m×n\nL = sum(exp(X))", ["X"]], // elementwise.test.ts
  ["X: m×n positive\nL = sum(log(X))", ["X"]], // elementwise.test.ts
  ["x: n×1 positive\nL = sum(sqrt(x))", ["x"]], // elementwise.test.ts
  ["x: n×1\nL = sum(sin(x))", ["x"]], // elementwise.test.ts
  ["x: n×1\nL = sum(cos(x))", ["x"]], // elementwise.test.ts
  ["x: n×1\nL = sum(tanh(x))", ["x"]], // elementwise.test.ts
  ["x: n×1\nL = sum(softplus(x))", ["x"]], // elementwise.test.ts
  ["x: n×1\nL = sum(σ(x))", ["x"]], // elementwise.test.ts
  ["x: n×1; a: n×1\nL = aᵀexp(x)", ["x"]], // elementwise.test.ts
  ["x: n×1 positive; a: n×1\nL = aᵀsqrt(x)", ["x"]], // elementwise.test.ts
  ["x: n×1; a: n×1\nL = aᵀtanh(x)", ["x"]], // elementwise.test.ts
  ["x: n×1; a: n×1\nL = aᵀσ(x)", ["x"]], // elementwise.test.ts
  ["A: m×n; x: n×1\nL = sum(exp(Ax))", ["x"]], // elementwise.test.ts
  ["A: m×n; x: n×1; a: m×1\nL = aᵀexp(Ax)", ["x"]], // elementwise.test.ts
  ["A: m×n; x: n×1\nL = sum(sin(Ax))", ["x"]], // elementwise.test.ts
  ["X: N×M; w: M×1; y: N×1\nL = (Xw − y)ᵀ(Xw − y)", ["w"]], // least-squares.test.ts
  ["X: N×M; w: M×1; y: N×1\nL = mean((Xw − y).^2)", ["w"]], // least-squares.test.ts
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
  ["X: M×N; w: M×1; b: scalar; y: 1×N\na = σ(wᵀX + b)\nL = −sum(y ⊙ log(a) + (1 − y) ⊙ log(1 − a))/N", ["w","b"]], // logistic.test.ts
  ["z: n×1\nL = logsumexp(z)", ["z"]], // logsumexp.test.ts
  ["A: m×n; x: n×1\nL = logsumexp(Ax)", ["x"]], // logsumexp.test.ts
  ["A: m×n; x: n×1; b: m×1\nL = logsumexp(Ax + b)", ["x","b"]], // logsumexp.test.ts
  ["z: K×1; y: K×1\nL = logsumexp(z) − yᵀz", ["z"]], // logsumexp.test.ts
  ["Z: m×n\nL = sum(logsumexp(Z))", ["Z"]], // logsumexp.test.ts
  ["Z: m×n\nL = sum(logsumexp_rows(Z))", ["Z"]], // logsumexp.test.ts
  ["x: 1×M; W1: M×H; b1: 1×H; W2: H×1; b2: scalar; y: scalar\nh = σ(xW1 + b1)\na = σ(hW2 + b2)\nL = −y log a − (1 − y) log(1 − a)", ["W2","b2","h","W1","b1"]], // mlp.test.ts
  ["x: M×1; W1: H×M; b1: H×1; W2: K×H; b2: K×1; y: K×1 simplex\nh = σ(W1 x + b1)\ns = softmax(W2 h + b2)\nL = CE(y, s)", ["W2","b2","W1","b1"]], // mlp.test.ts
  ["x: M×1; W1: H×M; W2: P×H; W3: K×P; y: K×1\nh1 = σ(W1 x)\nh2 = tanh(W2 h1)\nŷ = W3 h2\nL = ‖ŷ − y‖²/2", ["W3","W2","W1"]], // mlp.test.ts
  ["x: n×1\nL = ‖x‖", ["x"]], // norms.test.ts
  ["x: n×1; a: n×1\nL = ‖x − a‖", ["x"]], // norms.test.ts
  ["x: n×1\nL = ‖x‖²", ["x"]], // norms.test.ts
  ["x: n×1\nL = xᵀx", ["x"]], // norms.test.ts
  ["x: 1×n\nL = ‖x‖²", ["x"]], // norms.test.ts
  ["X: m×n; A: m×n\nL = ‖X − A‖_F²", ["X"]], // norms.test.ts
  ["x: n×1\nL = sum(abs(x))", ["x"]], // norms.test.ts
  ["a: n×1; x: n×1\nL = xᵀa", ["x"]], // quadratic.test.ts
  ["a: m×1; X: m×n; b: n×1\nL = aᵀXb", ["X","a","b"]], // quadratic.test.ts
  ["a: n×1; X: n×n\nL = aᵀXa", ["X"]], // quadratic.test.ts
  ["B: n×n; b: n×1; x: n×1\nL = xᵀBx + bᵀx", ["x"]], // quadratic.test.ts
  ["X: m×n; b: n×1; c: m×1; D: m×m\nL = (Xb + c)ᵀD(Xb + c)", ["X"]], // quadratic.test.ts
  ["x: 1×M; W: M×K; b: 1×K; y: 1×K simplex\ns = softmax(xW + b)\nL = −sum(y ⊙ log(s))", ["W","b"]], // softmax.test.ts
  ["x: M×1; W: K×M; b: K×1; y: K×1 simplex\nz = Wx + b\nL = CE(y, softmax(z))", ["z","W"]], // softmax.test.ts
  ["X: N×M; W: M×K; Y: N×K simplex_rows\nS = softmax_rows(XW)\nL = −sum(Y ⊙ log(S))", ["W"]], // softmax.test.ts
  ["X: N×M; W: M×K; b: 1×K; Y: N×K simplex_rows; λ: scalar\nS = softmax_rows(XW + b)\nL = −sum(Y ⊙ log(S))/N + λ‖W‖_F²", ["W"]], // softmax.test.ts
  ["A: n×m; X: m×n\nL = tr(XA)", ["X"]], // trace.test.ts
  ["A: m×n; X: m×n\nL = sum(A ⊙ X)", ["X"]], // trace.test.ts
  ["X: n×n\nL = tr(X²)", ["X"]], // trace.test.ts
  ["B: m×m; X: m×n\nL = tr(BXXᵀ)", ["X"]], // trace.test.ts
  ["B: n×n; X: m×n\nL = tr(XᵀXB)", ["X"]], // trace.test.ts
  ["X: m×n\nL = tr(XXᵀ)", ["X"]], // trace.test.ts
  ["X: n×n\nL = tr(sin(X))", ["X"]], // trace.test.ts
  ["X: n×n\nL = tr(exp(X))", ["X"]], // trace.test.ts
];

function renders(latex: string): void {
  let html: string;
  try {
    html = katex.renderToString(latex, { throwOnError: true, displayMode: true });
  } catch (e) {
    throw new Error(`KaTeX rejects what dcalc prints:\n${latex}\n${String(e)}`);
  }
  expect(html, latex).toContain('class="katex-display"');
}

/** The JSON `latex` field of a result (src/present/rendered.ts): temporaries in an aligned environment. */
function jsonLatex(p: Program, d: Derivative): string {
  const pr = render(p, d.expr, { format: 'latex' });
  if (pr.temporaries.length === 0) return pr.text;
  return `\\begin{aligned}\n${[...pr.temporaries.map((t) => `${t.name} &= ${t.text}`), `&${pr.text}`].join(' \\\\\n')}\n\\end{aligned}`;
}

function allForms(p: Program, d: Derivative): string[] {
  return [toLatex(d), toLatex(d, { inline: true }), toLatex(d, { shape: false }), jsonLatex(p, d)];
}

test('the corpus has at least 60 programs', () => {
  expect(PROGRAMS.length).toBeGreaterThanOrEqual(60);
});

describe.each(PROGRAMS)('%s', (program, wrts) => {
  const p = parseProgram(program);
  it.each(wrts)('the gradient, Jacobian and Hessian wrt %s render in KaTeX', (wrt) => {
    for (const d of [grad(p, wrt), jacobian(p, wrt), hessian(p, wrt)]) for (const latex of allForms(p, d)) renders(latex);
  });
});

describe('LaTeX that dcalc prints for particular operators', () => {
  const cases: [string, string, 'grad' | 'jacobian' | 'hessian', string][] = [
    ['x: n×1 positive\nL = sum(sqrt(x))', 'x', 'grad', '\\sqrt{x}'],
    ['x: n×1\nL = 0.0000001*sum(x.^3)', 'x', 'grad', '3 \\cdot 10^{-7}'],
    ['X: n×n\nF = inv(X)', 'X', 'jacobian', 'X^{-\\top}'],
    ['X: m×n\nF = X\'', 'X', 'jacobian', '\\operatorname{commutation}'],
    ['x: n×1\nF = diag(x)', 'x', 'jacobian', '\\operatorname{diag}'],
    ['X: n×n\nF = kron(X, X)', 'X', 'jacobian', '\\otimes'],
    ['X: n×n\nL = tr(X^3)', 'X', 'grad', '^{2}'],
    ['x: n×1\nL = sum(x ./ (1 + x.^2))', 'x', 'grad', '\\oslash'],
    ['x: n×1\nL = norm2(x)', 'x', 'hessian', '\\frac'],
    ['X: m×n\nF = sum_rows(X)', 'X', 'jacobian', '\\operatorname{ones}'],
    ['x: n×1; y_hat: n×1\nL = sum((y_hat - x).^2)', 'x', 'grad', 'y_{\\mathrm{hat}}'],
    ['x: n×1; ŷ: n×1\nL = sum((ŷ - x).^2)', 'x', 'grad', '\\hat{y}'],
    ['x: n×1; loss_w: n×1\nL = x\'*loss_w', 'x', 'grad', '\\mathrm{loss}_{w}'],
    ['x: n×1\nL = sum(exp(-x))/(n*n)', 'x', 'grad', '\\frac'],
    ['X: n×n\nL = det(X)', 'X', 'hessian', '\\det'],
    ['X: m×n\nF = X ⊗ eye(2)', 'X', 'jacobian', '\\operatorname{eye}'],
  ];
  it.each(cases)('%s (%s, %s) prints %s and renders', (program, wrt, op, expected) => {
    const p = parseProgram(program);
    const d = op === 'grad' ? grad(p, wrt) : op === 'jacobian' ? jacobian(p, wrt) : hessian(p, wrt);
    const forms = allForms(p, d);
    expect(forms.join('\n')).toContain(expected);
    for (const latex of forms) renders(latex);
  });

  it('a square root prints with braces, \\sqrt{…}, and renders (it once printed \\sqrt\\left(…\\right), which KaTeX rejects)', () => {
    const p = parseProgram('x: n×1 positive\nL = sum(sqrt(x/2))');
    const latex = toLatex(grad(p, 'x'));
    expect(latex).toBe('\\frac{\\partial L}{\\partial x} = 1 \\oslash 4 \\sqrt{\\frac{x}{2}} \\in \\mathbb{R}^{n \\times 1}');
    renders(latex);
  });
});

// ---- the command line ------------------------------------------------------------------

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function dcalc(args: string[], input = ''): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, `dcalc ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout.replace(/\n$/, '');
}

describe('the command line: --format latex renders in KaTeX', () => {
  const LOGREG = 'X: 1×M; W: M×1; b: scalar; y: scalar\nh = XW + b\na = σ(h)\nL = −y log a − (1 − y) log(1 − a)';
  const ONE_LINE = 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex\nJ = CE(y, softmax(σ(xW1 + b1)W2 + b2))';
  const runs: [string, string[], string, string][] = [
    ['grad', [LOGREG, 'wrt', 'W'], LOGREG, 'W'],
    ['grad (temporaries)', [ONE_LINE, 'wrt', 'W2'], ONE_LINE, 'W2'],
    ['grad --inline', [ONE_LINE, 'wrt', 'W2', '--inline'], ONE_LINE, 'W2'],
    ['grad of a LaTeX program', ['a = \\sigma(XW + b); L = -y \\log(a) - (1 - y)\\log(1 - a)', 'wrt', 'W', '--let', 'X: 1×M, W: M×1, b: scalar, y: scalar'], 'X: 1×M; W: M×1; b: scalar; y: scalar\na = σ(XW + b)\nL = −y log(a) − (1 − y) log(1 − a)', 'W'],
    ['jacobian', ['A*X*B', 'wrt', 'X', '--let', 'A: p×m, X: m×n, B: n×q'], 'A: p×m; X: m×n; B: n×q\nA*X*B', 'X'],
    ['jacobian of inv', ['inv(X)', 'wrt', 'X', '--let', 'X: n×n'], 'X: n×n\ninv(X)', 'X'],
    ['hessian', ["x'*A*x", 'wrt', 'x', '--let', 'A: n×n, x: n×1'], "A: n×n; x: n×1\nx'*A*x", 'x'],
  ];
  it.each(runs)('%s', (op, args, program, wrt) => {
    const kind = op.split(' ')[0] as 'grad' | 'jacobian' | 'hessian';
    const latex = dcalc([kind, ...args, '--format', 'latex', '--no-check']);
    renders(latex);
    const json = JSON.parse(dcalc([kind, ...args, '--format', 'json', '--no-check'])) as { latex: string };
    renders(json.latex);
    // and both parse back to the derivative
    const p = parseProgram(program);
    const d = kind === 'grad' ? grad(p, wrt) : kind === 'jacobian' ? jacobian(p, wrt) : hessian(p, wrt);
    const names = [...p.declarations.keys(), ...p.definitions.keys()];
    for (const l of [latex, json.latex]) expect(agreement(d, program, latexToDcalc(l, { names }).text), l).toBeLessThan(1e-9);
  });

  it('differential, simplify and batch', () => {
    const outs = [
      dcalc(['differential', 'h = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)', 'wrt', 'W', '--let', 'X: 1×M, W: M×1, b: scalar, y: scalar', '--format', 'latex', '--no-check']),
      dcalc(['differential', 'inv(X)', 'wrt', 'X', '--let', 'X: n×n', '--format', 'latex', '--no-check']),
      dcalc(['simplify', "((A*B)')' + 0*C", '--let', 'A: n×m, B: m×k, C: n×k', '--format', 'latex']),
      dcalc(['simplify', 'x: n×1; sum(exp(x))/(2n) + ‖x‖^2', '--format', 'latex']),
    ];
    const batch = dcalc(['batch'], ['{"id": 1, "op": "grad", "program": "sum(X*w)", "wrt": "w", "let": "X: n×m, w: m×1"}', '{"id": 2, "op": "hessian", "program": "logdet(X)", "wrt": "X", "let": "X: n×n spd"}'].join('\n'));
    for (const line of batch.split('\n')) outs.push((JSON.parse(line) as { latex: string }).latex);
    for (const latex of outs) renders(latex);
  });
});
