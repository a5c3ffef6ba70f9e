/**
 * `--steps`: the derivation, rule by rule (src/diff/steps.ts). For each derivation:
 *
 *  (a) the text the command line prints is pinned (`grad|jacobian … --steps --no-check`);
 *  (b) every step is value-checked at random points:
 *      - gradients: each step's `value` (G_u = ∂L/∂u, simplified) agrees with central
 *        finite differences of the program with respect to u, and each `relation` (G_u
 *        in terms of the G of earlier steps — the chain rule) evaluated with those
 *        symbols bound to the earlier steps' values and the program's names bound to
 *        their values equals the step's `value`: no step changes the value;
 *      - Jacobians: the differential dF evaluated at random X and dX equals
 *        J·vec(dX) reshaped to F's shape (vec stacks columns);
 *  (c) `--format latex --steps` renders in KaTeX as printed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { checkGradient, grad, gradientDerivation, jacobianDerivation, parseProgram, varSpecs } from '../../src/api/index.js';
import { DcalcError } from '../../src/errors.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { relErr } from '../../src/numeric/finite-diff.js';
import { matmul, unvec, vec, type Mat } from '../../src/numeric/matrix.js';
import { bindDims, makeRng, samplePoint, type VarSpec } from '../../src/numeric/sample.js';

const BIN = fileURLToPath(new URL('../../bin/dcalc.js', import.meta.url));

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error).toBeUndefined();
  expect(r.status, `dcalc ${args.join(' ')}\n${r.stderr}`).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout.trimEnd();
}

const steps = (op: 'grad' | 'jacobian', program: string, wrt: string) => cli([op, program, 'wrt', wrt, '--steps', '--no-check']);

function rendersInKatex(op: 'grad' | 'jacobian', program: string, wrt: string): void {
  const latex = cli([op, program, 'wrt', wrt, '--steps', '--no-check', '--format', 'latex']);
  expect(latex).toMatch(/^\\begin\{aligned\}/);
  try {
    katex.renderToString(latex, { throwOnError: true, displayMode: true });
  } catch (e) {
    throw new Error(`KaTeX rejects the --steps LaTeX:\n${latex}\n${String(e)}`);
  }
}

/** Random points for a set of variables, skipping none: a domain error is the caller's to skip. */
function* points(specs: readonly VarSpec[], seed: number, count: number): Generator<{ vars: Map<string, Mat>; dims: Map<string, number> }> {
  const rng = makeRng(seed);
  for (let i = 0; i < count; i++) {
    const dims = bindDims(specs, new Map(), rng);
    yield { vars: samplePoint(specs, dims, rng, i % 3 === 2 ? 'positive' : 'general'), dims };
  }
}

/**
 * (b) for a gradient: every step's value against finite differences, every relation
 * against the step's value with the earlier G's bound to their values.
 */
function checkGradientSteps(program: string, wrt: string): void {
  const p = parseProgram(program);
  const der = gradientDerivation(p, wrt);
  expect(der.steps.length).toBeGreaterThan(0);
  expect(der.steps[der.steps.length - 1]!.name).toBe(wrt);
  expect(relErrAt(p, der.steps[der.steps.length - 1]!.value, der.derivative.expr)).toBeLessThan(1e-9);

  // Each value is ∂L/∂name: finite differences with respect to that name.
  for (const s of der.steps) {
    const d = grad(p, s.name);
    const report = checkGradient({ ...d, expr: s.value }, { seed: 5, points: 3 });
    expect(report.points, `step ${s.name}`).toBe(3);
    expect(report.ok, `step ${s.name}: the value disagrees with finite differences (max rel. error ${report.maxRelErr})`).toBe(true);
  }

  // Each relation uses only earlier steps' symbols, and evaluates to the step's value.
  const earlier = new Set<string>();
  for (const s of der.steps) {
    expect(s.symbol.name).toBe(`G_${s.name}`);
    for (const sym of s.uses.values()) expect(earlier.has(sym.name), `step ${s.name} uses ${sym.name} before it is derived`).toBe(true);
    // After the first step, the chain rule goes through an earlier step's G.
    if (earlier.size > 0) expect(s.uses.size, `step ${s.name} does not use an earlier G`).toBeGreaterThan(0);
    earlier.add(s.symbol.name);
  }
  let checked = 0;
  for (const pt of points(varSpecs(p), 17, 12)) {
    if (checked >= 3) break;
    try {
      const vars = new Map(pt.vars);
      for (const { variable, node } of der.placeholders.values()) if (variable.kind === 'var' && !vars.has(variable.name)) vars.set(variable.name, evaluate(node, pt));
      for (const s of der.steps) {
        const value = evaluate(s.value, { vars, dims: pt.dims });
        const viaChainRule = evaluate(s.relation, { vars, dims: pt.dims });
        const err = relErr(viaChainRule, value);
        expect(err, `step ${s.name}: the relation does not equal the value (max rel. error ${err})`).toBeLessThan(1e-9);
        vars.set(s.symbol.name, value);
      }
      checked++;
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
  }
  expect(checked).toBe(3);
}

function relErrAt(p: ReturnType<typeof parseProgram>, a: Parameters<typeof evaluate>[0], b: Parameters<typeof evaluate>[0]): number {
  let worst = 0;
  for (const pt of points(varSpecs(p), 3, 3)) worst = Math.max(worst, relErr(evaluate(a, pt), evaluate(b, pt)));
  return worst;
}

/** (b) for a Jacobian: dF(X; dX) = unvec(J vec(dX)) at random X and dX. */
function checkJacobianSteps(program: string, wrt: string): void {
  const p = parseProgram(program);
  const der = jacobianDerivation(p, wrt);
  const dX = der.dX;
  expect(dX.kind === 'var' && dX.name).toBe(`d${wrt}`);
  const F = p.value.shape;
  const specs: VarSpec[] = [...varSpecs(p), { name: `d${wrt}`, rows: dX.shape.rows, cols: dX.shape.cols, assumptions: [] }];
  let checked = 0;
  for (const pt of points(specs, 23, 12)) {
    if (checked >= 3) break;
    try {
      const dF = evaluate(der.differential, pt);
      const J = evaluate(der.derivative.expr, pt);
      const dXv = pt.vars.get(`d${wrt}`)!;
      const Jdx = unvec(matmul(J, vec(dXv)), dF.rows, dF.cols);
      expect([dF.rows, dF.cols]).toEqual([evaluate(p.value, pt).rows, evaluate(p.value, pt).cols]);
      const err = relErr(dF, Jdx);
      expect(err, `dF ≠ J vec(dX) (max rel. error ${err}); F is ${String(F.rows)}×${String(F.cols)}`).toBeLessThan(1e-9);
      checked++;
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'domain') continue;
      throw e;
    }
  }
  expect(checked).toBe(3);
}

// ─── the seed losses ────────────────────────────────────────────────────────────────

const LOGREG = 'X: 1×M; W: M×1; b: scalar; y: scalar; h = XW + b; a = σ(h); L = −y log a − (1 − y) log(1 − a)';
const MLP = 'X: 1×M; W1: M×N; b1: 1×N; W2: N×1; b2: scalar; y: scalar; h1 = XW1 + b1; a1 = σ(h1); h2 = a1W2 + b2; a2 = σ(h2); L = −y log a2 − (1 − y) log(1 − a2)';
const SOFTMAX = 'X: 1×M; W: M×L; b: 1×L; y: 1×L simplex; h = XW + b; s = softmax(h); L = −sum(y ⊙ log(s))';
const SOFTMAX_MLP = 'X: 1×M; W1: M×N; b1: 1×N; W2: N×L; b2: 1×L; y: 1×L simplex; h1 = XW1 + b1; a1 = σ(h1); h2 = a1W2 + b2; s = softmax(h2); L = −sum(y ⊙ log(s))';
const NET = 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex; h = σ(xW1 + b1); ŷ = softmax(hW2 + b2); J = CE(y, ŷ)';
const BATCH = 'X: N×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; Y: N×Dy simplex_rows; h = σ(XW1 + b1); Ŷ = softmax_rows(hW2 + b2); J = CE(Y, Ŷ)/N';
const CLASSIFIER = 'X: d×n; w1: H1×d; b1: H1×1; w2: H2×H1; b2: H2×1; w3: K×H2; b3: K×1; Y: K×n simplex; h1 = ReLU(w1X + b1); h2 = ReLU(w2h1 + b2); f = w3h2 + b3; p = softmax(f); L = −sum(Y ⊙ log(p))/n';
const AUTOENCODER = 'X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1; h = ReLU(W1X + b1); x̂ = ReLU(W2h + b2); L = ‖X − x̂‖_F²/n';
const BACKPROP = 'x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1; z2 = W2x + b2; a2 = σ(z2); z3 = W3a2 + b3; a3 = σ(z3); z4 = W4a3 + b4; a4 = σ(z4); C = ‖a4 − y‖²/2';
const L2_LOGREG = 'X: d×n; y: 1×n; w: d×1; w0: scalar; λ: scalar; p = σ(wᵀX + w0); l = −(1/n)sum(y ⊙ ln(p) + (1 − y) ⊙ ln(1 − p)) + λ‖w‖²';
const REGRESSION = 'x: d×1; W: H×d; b: H×1; v: H×1; v0: scalar; y: scalar; z = σ(Wx + b); ŷ = vᵀz + v0; L = (ŷ − y)²';

describe('--steps for gradients: seed 000', () => {
  it('(1a) logistic regression, ∂L/∂W', () => {
    expect(steps('grad', LOGREG, 'W')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_aᵀ da)   with G_a = ∂L/∂a = (1 − y)/(1 − a) − y/a
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              simplified by: collect
           = tr(G_hᵀ dh)   with G_h = ∂L/∂h = G_a a (1 − a)
                                            = a − y
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect
           = tr(G_Wᵀ dW)   with G_W = ∂L/∂W = G_h Xᵀ
                                            = Xᵀ(a − y)
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect
      ∂L/∂W = Xᵀ(a − y)   ∈ ℝ^{M×1}"
    `);
    checkGradientSteps(LOGREG, 'W');
    rendersInKatex('grad', LOGREG, 'W');
  });

  it('(1b) hidden sigmoid layer, ∂L/∂W1', () => {
    expect(steps('grad', MLP, 'W1')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_a2ᵀ da2)   with G_a2 = ∂L/∂a2 = (1 − y)/(1 − a2) − y/a2
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              simplified by: collect
           = tr(G_h2ᵀ dh2)   with G_h2 = ∂L/∂h2 = G_a2 a2 (1 − a2)
                                                = a2 − y
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect
           = tr(G_a1ᵀ da1)   with G_a1 = ∂L/∂a1 = G_h2 W2ᵀ
                                                = (a2 − y)W2ᵀ
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect
           = tr(G_h1ᵀ dh1)   with G_h1 = ∂L/∂h1 = G_a1 ⊙ a1 ⊙ (1 − a1)
                                                = (a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect
           = tr(G_W1ᵀ dW1)   with G_W1 = ∂L/∂W1 = Xᵀ G_h1
                                                = Xᵀ((a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1))
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect
      ∂L/∂W1 = Xᵀ((a2 − y)W2ᵀ ⊙ a1 ⊙ (1 − a1))   ∈ ℝ^{M×N}"
    `);
    checkGradientSteps(MLP, 'W1');
    rendersInKatex('grad', MLP, 'W1');
  });

  it('(L-a) softmax regression, ∂L/∂W', () => {
    expect(steps('grad', SOFTMAX, 'W')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_sᵀ ds)   with G_s = ∂L/∂s = −(y ⊘ s)
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              by d sum(A) = sum(dA) = tr(1ᵀ dA)
              simplified by: collect
           = tr(G_hᵀ dh)   with G_h = ∂L/∂h = s ⊙ (G_s − sum(G_s ⊙ s))
                                            = s − y
              by ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
           = tr(G_Wᵀ dW)   with G_W = ∂L/∂W = XᵀG_h
                                            = Xᵀ(s − y)
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
      ∂L/∂W = Xᵀ(s − y)   ∈ ℝ^{M×L}
      using the assumption y: simplex (its entries, or each of its columns, sum to 1)"
    `);
    checkGradientSteps(SOFTMAX, 'W');
    rendersInKatex('grad', SOFTMAX, 'W');
  });

  it('(L-b) hidden layer + softmax, ∂L/∂b1', () => {
    expect(steps('grad', SOFTMAX_MLP, 'b1')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_sᵀ ds)   with G_s = ∂L/∂s = −(y ⊘ s)
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              by d sum(A) = sum(dA) = tr(1ᵀ dA)
              simplified by: collect
           = tr(G_h2ᵀ dh2)   with G_h2 = ∂L/∂h2 = s ⊙ (G_s − sum(G_s ⊙ s))
                                                = s − y
              by ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
           = tr(G_a1ᵀ da1)   with G_a1 = ∂L/∂a1 = G_h2 W2ᵀ
                                                = (s − y)W2ᵀ
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
           = tr(G_h1ᵀ dh1)   with G_h1 = ∂L/∂h1 = G_a1 ⊙ a1 ⊙ (1 − a1)
                                                = (s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
           = tr(G_b1ᵀ db1)   with G_b1 = ∂L/∂b1 = G_h1
                                                = (s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
      ∂L/∂b1 = (s − y)W2ᵀ ⊙ a1 ⊙ (1 − a1)   ∈ ℝ^{1×N}
      using the assumption y: simplex (its entries, or each of its columns, sum to 1)"
    `);
    checkGradientSteps(SOFTMAX_MLP, 'b1');
    rendersInKatex('grad', SOFTMAX_MLP, 'b1');
  });
});

describe('--steps for gradients: seed 001', () => {
  it('J = CE(y, softmax(σ(xW1 + b1)W2 + b2)), ∂J/∂x', () => {
    expect(steps('grad', NET, 'x')).toMatchInlineSnapshot(`
      "derivation: at each step dJ = tr(Gᵀ dv), with G = ∂J/∂v by the identities cited
        dJ = tr(G_ŷᵀ dŷ)   with G_ŷ = ∂J/∂ŷ = −(y ⊘ ŷ)
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              by d sum(A) = sum(dA) = tr(1ᵀ dA)
              simplified by: collect
           = tr(G_hᵀ dh)   with G_h = ∂J/∂h = (ŷ ⊙ (G_ŷ − sum(G_ŷ ⊙ ŷ)))W2ᵀ
                                            = (ŷ − y)W2ᵀ
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
           = tr(G_xᵀ dx)   with G_x = ∂J/∂x = (G_h ⊙ h ⊙ (1 − h))W1ᵀ
                                            = ((ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h))W1ᵀ
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
      ∂J/∂x = ((ŷ − y)W2ᵀ ⊙ h ⊙ (1 − h))W1ᵀ   ∈ ℝ^{1×Dx}
      using the assumption y: simplex (its entries, or each of its columns, sum to 1)"
    `);
    checkGradientSteps(NET, 'x');
    rendersInKatex('grad', NET, 'x');
  });

  it('the same network on a batch with broadcast biases, ∂J/∂b1', () => {
    expect(steps('grad', BATCH, 'b1')).toMatchInlineSnapshot(`
      "derivation: at each step dJ = tr(Gᵀ dv), with G = ∂J/∂v by the identities cited
        dJ = tr(G_Ŷᵀ dŶ)   with G_Ŷ = ∂J/∂Ŷ = −(Y ⊘ NŶ)
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              by d sum(A) = sum(dA) = tr(1ᵀ dA)
              by d(A ⊘ B) = dA ⊘ B − (A ⊘ B) ⊙ dB ⊘ B
              simplified by: collect
           = tr(G_hᵀ dh)   with G_h = ∂J/∂h = (Ŷ ⊙ (G_Ŷ − sum_rows(G_Ŷ ⊙ Ŷ)))W2ᵀ
                                            = (Ŷ − Y)W2ᵀ/N
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one, scalar-out-of-product
           = tr(G_b1ᵀ db1)   with G_b1 = ∂J/∂b1 = sum_cols(G_h ⊙ h ⊙ (1 − h))
                                                = sum_cols((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))/N
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one, scalar-out-of-product
      ∂J/∂b1 = sum_cols((Ŷ − Y)W2ᵀ ⊙ h ⊙ (1 − h))/N   ∈ ℝ^{1×H}
      using the assumption Y: simplex_rows (each of its rows sums to 1)"
    `);
    checkGradientSteps(BATCH, 'b1');
    rendersInKatex('grad', BATCH, 'b1');
  });
});

describe('--steps for gradients: seed 002', () => {
  it('two ReLU layers + softmax over columns, ∂L/∂w1', () => {
    expect(steps('grad', CLASSIFIER, 'w1')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_pᵀ dp)   with G_p = ∂L/∂p = −(Y ⊘ np)
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              by d sum(A) = sum(dA) = tr(1ᵀ dA)
              by d(A ⊘ B) = dA ⊘ B − (A ⊘ B) ⊙ dB ⊘ B
              simplified by: collect
           = tr(G_fᵀ df)   with G_f = ∂L/∂f = p ⊙ (G_p − sum_cols(G_p ⊙ p))
                                            = (p − Y)/n
              by ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
           = tr(G_h2ᵀ dh2)   with G_h2 = ∂L/∂h2 = w3ᵀG_f
                                                = w3ᵀ(p − Y)/n
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one, scalar-out-of-product
           = tr(G_h1ᵀ dh1)   with G_h1 = ∂L/∂h1 = w2ᵀ(G_h2 ⊙ step(w2 h1 + b2))
                                                = w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2))/n
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d relu(X) = relu′(X) ⊙ dX, relu′ = step; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one, scalar-out-of-product
           = tr(G_w1ᵀ dw1)   with G_w1 = ∂L/∂w1 = (G_h1 ⊙ step(w1 X + b1))Xᵀ
                                                = (w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2)) ⊙ step(w1 X + b1))Xᵀ/n
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d relu(X) = relu′(X) ⊙ dX, relu′ = step; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one, scalar-out-of-product
      ∂L/∂w1 = (w2ᵀ(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2)) ⊙ step(w1 X + b1))Xᵀ/n   ∈ ℝ^{H1×d}
      using the assumption Y: simplex (its entries, or each of its columns, sum to 1)"
    `);
    checkGradientSteps(CLASSIFIER, 'w1');
    rendersInKatex('grad', CLASSIFIER, 'w1');
  });

  it('the same, the column bias ∂L/∂b2 (summed over the batch)', () => {
    expect(steps('grad', CLASSIFIER, 'b2')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_pᵀ dp)   with G_p = ∂L/∂p = −(Y ⊘ np)
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              by d sum(A) = sum(dA) = tr(1ᵀ dA)
              by d(A ⊘ B) = dA ⊘ B − (A ⊘ B) ⊙ dB ⊘ B
              simplified by: collect
           = tr(G_fᵀ df)   with G_f = ∂L/∂f = p ⊙ (G_p − sum_cols(G_p ⊙ p))
                                            = (p − Y)/n
              by ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one
           = tr(G_h2ᵀ dh2)   with G_h2 = ∂L/∂h2 = w3ᵀG_f
                                                = w3ᵀ(p − Y)/n
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one, scalar-out-of-product
           = tr(G_b2ᵀ db2)   with G_b2 = ∂L/∂b2 = sum_rows(G_h2 ⊙ step(w2 h1 + b2))
                                                = sum_rows(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2))/n
              by d relu(X) = relu′(X) ⊙ dX, relu′ = step; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-sum, simplex-sums-to-one, scalar-out-of-product
      ∂L/∂b2 = sum_rows(w3ᵀ(p − Y) ⊙ step(w2 h1 + b2))/n   ∈ ℝ^{H2×1}
      using the assumption Y: simplex (its entries, or each of its columns, sum to 1)"
    `);
    checkGradientSteps(CLASSIFIER, 'b2');
    rendersInKatex('grad', CLASSIFIER, 'b2');
  });

  it('autoencoder, ∂L/∂W1', () => {
    expect(steps('grad', AUTOENCODER, 'W1')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_x̂ᵀ dx̂)   with G_x̂ = ∂L/∂x̂ = 2(x̂ − X)/n
              by d‖x‖² = 2xᵀdx
              by d(A ⊘ B) = dA ⊘ B − (A ⊘ B) ⊙ dB ⊘ B
              simplified by: collect
           = tr(G_hᵀ dh)   with G_h = ∂L/∂h = W2ᵀ(G_x̂ ⊙ step(W2 h + b2))
                                            = 2W2ᵀ((x̂ − X) ⊙ step(W2 h + b2))/n
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d relu(X) = relu′(X) ⊙ dX, relu′ = step; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-product, coefficient-first
           = tr(G_W1ᵀ dW1)   with G_W1 = ∂L/∂W1 = (G_h ⊙ step(W1 X + b1))Xᵀ
                                                = 2(W2ᵀ((x̂ − X) ⊙ step(W2 h + b2)) ⊙ step(W1 X + b1))Xᵀ/n
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d relu(X) = relu′(X) ⊙ dX, relu′ = step; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-product, coefficient-first
      ∂L/∂W1 = 2(W2ᵀ((x̂ − X) ⊙ step(W2 h + b2)) ⊙ step(W1 X + b1))Xᵀ/n   ∈ ℝ^{H×d}"
    `);
    checkGradientSteps(AUTOENCODER, 'W1');
    rendersInKatex('grad', AUTOENCODER, 'W1');
  });

  it('autoencoder, ∂L/∂b2', () => {
    expect(steps('grad', AUTOENCODER, 'b2')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_x̂ᵀ dx̂)   with G_x̂ = ∂L/∂x̂ = 2(x̂ − X)/n
              by d‖x‖² = 2xᵀdx
              by d(A ⊘ B) = dA ⊘ B − (A ⊘ B) ⊙ dB ⊘ B
              simplified by: collect
           = tr(G_b2ᵀ db2)   with G_b2 = ∂L/∂b2 = sum_rows(G_x̂ ⊙ step(W2 h + b2))
                                                = 2sum_rows((x̂ − X) ⊙ step(W2 h + b2))/n
              by d relu(X) = relu′(X) ⊙ dX, relu′ = step; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect, scalar-out-of-sum, coefficient-first
      ∂L/∂b2 = 2sum_rows((x̂ − X) ⊙ step(W2 h + b2))/n   ∈ ℝ^{d×1}"
    `);
    checkGradientSteps(AUTOENCODER, 'b2');
    rendersInKatex('grad', AUTOENCODER, 'b2');
  });
});

describe('--steps for gradients: seeds 003 and 004', () => {
  it('003 (12): regression network, ∂L/∂W', () => {
    expect(steps('grad', REGRESSION, 'W')).toMatchInlineSnapshot(`
      "derivation: at each step dL = tr(Gᵀ dv), with G = ∂L/∂v by the identities cited
        dL = tr(G_ŷᵀ dŷ)   with G_ŷ = ∂L/∂ŷ = 2(ŷ − y)
              by d(A.^p) = p A.^(p−1) ⊙ dA
           = tr(G_zᵀ dz)   with G_z = ∂L/∂z = G_ŷ v
                                            = 2v(ŷ − y)
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: coefficient-first, collect
           = tr(G_Wᵀ dW)   with G_W = ∂L/∂W = (G_z ⊙ z ⊙ (1 − z))xᵀ
                                            = (2(ŷ − y)v ⊙ z ⊙ (1 − z))xᵀ
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: coefficient-first, collect
      ∂L/∂W = (2(ŷ − y)v ⊙ z ⊙ (1 − z))xᵀ   ∈ ℝ^{H×d}"
    `);
    checkGradientSteps(REGRESSION, 'W');
    rendersInKatex('grad', REGRESSION, 'W');
  });

  it('004 Problem 2: backpropagation through three sigmoid layers, ∂C/∂W2', () => {
    expect(steps('grad', BACKPROP, 'W2')).toMatchInlineSnapshot(`
      "derivation: at each step dC = tr(Gᵀ dv), with G = ∂C/∂v by the identities cited
        dC = tr(G_a4ᵀ da4)   with G_a4 = ∂C/∂a4 = a4 − y
              by d‖x‖² = 2xᵀdx
              by d(A ⊘ B) = dA ⊘ B − (A ⊘ B) ⊙ dB ⊘ B
           = tr(G_z4ᵀ dz4)   with G_z4 = ∂C/∂z4 = G_a4 ⊙ a4 ⊙ (1 − a4)
                                                = (a4 − y) ⊙ a4 ⊙ (1 − a4)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect
           = tr(G_a3ᵀ da3)   with G_a3 = ∂C/∂a3 = W4ᵀ G_z4
                                                = W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4))
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect
           = tr(G_z3ᵀ dz3)   with G_z3 = ∂C/∂z3 = G_a3 ⊙ a3 ⊙ (1 − a3)
                                                = W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect
           = tr(G_a2ᵀ da2)   with G_a2 = ∂C/∂a2 = W3ᵀ G_z3
                                                = W3ᵀ(W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3))
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect
           = tr(G_z2ᵀ dz2)   with G_z2 = ∂C/∂z2 = G_a2 ⊙ a2 ⊙ (1 − a2)
                                                = W3ᵀ(W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)) ⊙ a2 ⊙ (1 − a2)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: collect
           = tr(G_W2ᵀ dW2)   with G_W2 = ∂C/∂W2 = G_z2 xᵀ
                                                = (W3ᵀ(W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)) ⊙ a2 ⊙ (1 − a2))xᵀ
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              simplified by: collect
      ∂C/∂W2 = (W3ᵀ(W4ᵀ((a4 − y) ⊙ a4 ⊙ (1 − a4)) ⊙ a3 ⊙ (1 − a3)) ⊙ a2 ⊙ (1 − a2))xᵀ   ∈ ℝ^{n2×n1}"
    `);
    checkGradientSteps(BACKPROP, 'W2');
    rendersInKatex('grad', BACKPROP, 'W2');
  });

  it('004 Problem 4: L2-regularised logistic regression, ∂l/∂w', () => {
    expect(steps('grad', L2_LOGREG, 'w')).toMatchInlineSnapshot(`
      "derivation: at each step dl = tr(Gᵀ dv), with G = ∂l/∂v by the identities cited
        dl = tr(G_pᵀ dp)   with G_p = ∂l/∂p = ((1 − y) ⊘ (1 − p) − y ⊘ p)/n
              by d log(X) = log′(X) ⊙ dX, log′ = 1 ⊘ x; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              by d sum(A) = sum(dA) = tr(1ᵀ dA)
              simplified by: collect
           = tr(G_wᵀ dw)   with G_w = ∂l/∂w = 2λw + X(G_p ⊙ p ⊙ (1 − p))ᵀ
                                            = 2λw + X(p − y)ᵀ/n
              by d‖x‖² = 2xᵀdx
              by d(A ⊙ B) = dA ⊙ B + A ⊙ dB; tr(Gᵀ(A ⊙ dB)) = tr((G ⊙ A)ᵀ dB)
              by d(Aᵀ) = (dA)ᵀ; tr(Gᵀ dAᵀ) = tr(G dA)
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
              simplified by: coefficient-first, collect, scalar-out-of-product, transpose-of-scaled, transpose-of-product
      ∂l/∂w = 2λw + X(p − y)ᵀ/n   ∈ ℝ^{d×1}"
    `);
    checkGradientSteps(L2_LOGREG, 'w');
    rendersInKatex('grad', L2_LOGREG, 'w');
  });
});

// ─── Jacobians ──────────────────────────────────────────────────────────────────────

describe('--steps for Jacobians', () => {
  it("seed 000's softmax Q: ∂s/∂h for a row h", () => {
    const program = 'h: 1×L; s = softmax(h)';
    expect(steps('jacobian', program, 'h')).toMatchInlineSnapshot(`
      "derivation: the differential, then vec(ds) = J vec(dh)
        ds = s ⊙ (dh − sum(s ⊙ dh))
              by ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)
        vec(ds) = (diag(s) − sᵀs) vec(dh)
              by vec(A ⊙ X) = diag(vec(A)) vec(X)
              by sum(X) = 1ᵀ vec(X)
              simplified by: vec-of-vector, diag-of-transpose, column-sums-of-diagonal
      ∂vec(s)/∂vec(h)ᵀ = diag(s) − sᵀs   ∈ ℝ^{L×L}"
    `);
    checkJacobianSteps(program, 'h');
    rendersInKatex('jacobian', program, 'h');
  });

  it("seed 003's softmax of a column z", () => {
    const program = 'z: k×1; s = softmax(z)';
    expect(steps('jacobian', program, 'z')).toMatchInlineSnapshot(`
      "derivation: the differential, then vec(ds) = J vec(dz)
        ds = s ⊙ (dz − sum(s ⊙ dz))
              by ds = s ⊙ dz − s ⊙ Σ(s ⊙ dz) along the softmax axis (the softmax Jacobian diag(s) − ssᵀ)
        vec(ds) = (diag(s) − ssᵀ) vec(dz)
              by vec(A ⊙ X) = diag(vec(A)) vec(X)
              by sum(X) = 1ᵀ vec(X)
              simplified by: vec-of-vector, column-sums-of-diagonal
      ∂vec(s)/∂vec(z)ᵀ = diag(s) − ssᵀ   ∈ ℝ^{k×k}"
    `);
    checkJacobianSteps(program, 'z');
    rendersInKatex('jacobian', program, 'z');
  });

  it("seed 004's Σ′(z): ∂σ(z)/∂z", () => {
    const program = 'z: n×1; a = σ(z)';
    expect(steps('jacobian', program, 'z')).toMatchInlineSnapshot(`
      "derivation: the differential, then vec(da) = J vec(dz)
        da = dz ⊙ a ⊙ (1 − a)
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
        vec(da) = (diag(a ⊙ (1 − a))) vec(dz)
              by vec(A ⊙ X) = diag(vec(A)) vec(X)
              simplified by: vec-of-vector
      ∂vec(a)/∂vec(z)ᵀ = diag(a ⊙ (1 − a))   ∈ ℝ^{n×n}"
    `);
    checkJacobianSteps(program, 'z');
    rendersInKatex('jacobian', program, 'z');
  });

  it('vec(AXB) = (Bᵀ ⊗ A)vec(X)', () => {
    const program = 'A: p×m; X: m×n; B: n×q; F = AXB';
    expect(steps('jacobian', program, 'X')).toMatchInlineSnapshot(`
      "derivation: the differential, then vec(dF) = J vec(dX)
        dF = A dX B
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
        vec(dF) = (Bᵀ ⊗ A) vec(dX)
              by vec(AXB) = (Bᵀ ⊗ A) vec(X) (Matrix Cookbook eq. 520)
              simplified by: kron-mixed-product
      ∂vec(F)/∂vec(X)ᵀ = Bᵀ ⊗ A   ∈ ℝ^{p·q×m·n}"
    `);
    checkJacobianSteps(program, 'X');
    rendersInKatex('jacobian', program, 'X');
  });

  it('the inverse', () => {
    const program = 'X: n×n; F = inv(X)';
    expect(steps('jacobian', program, 'X')).toMatchInlineSnapshot(`
      "derivation: the differential, then vec(dF) = J vec(dX)
        dF = −F dX F
              by d(X⁻¹) = −X⁻¹ dX X⁻¹ (Matrix Cookbook eq. 43)
        vec(dF) = (−(X⁻ᵀ ⊗ F)) vec(dX)
              by vec(AXB) = (Bᵀ ⊗ A) vec(X) (Matrix Cookbook eq. 520)
              simplified by: kron-mixed-product
      ∂vec(F)/∂vec(X)ᵀ = −(X⁻ᵀ ⊗ F)   ∈ ℝ^{n·n×n·n}"
    `);
    checkJacobianSteps(program, 'X');
    rendersInKatex('jacobian', program, 'X');
  });

  it('a layer XW + b with respect to W', () => {
    const program = 'X: N×M; W: M×K; b: 1×K; h = XW + b';
    expect(steps('jacobian', program, 'W')).toMatchInlineSnapshot(`
      "derivation: the differential, then vec(dh) = J vec(dW)
        dh = X dW
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d(A + B) = dA + dB; a broadcast operand's gradient is summed over the broadcast axis
        vec(dh) = (eye(K) ⊗ X) vec(dW)
              by vec(AXB) = (Bᵀ ⊗ A) vec(X) (Matrix Cookbook eq. 520)
      ∂vec(h)/∂vec(W)ᵀ = eye(K) ⊗ X   ∈ ℝ^{K·N×K·M}"
    `);
    checkJacobianSteps(program, 'W');
    rendersInKatex('jacobian', program, 'W');
  });

  it('a layer XW + b with respect to its broadcast bias b', () => {
    const program = 'X: N×M; W: M×K; b: 1×K; h = XW + b';
    expect(steps('jacobian', program, 'b')).toMatchInlineSnapshot(`
      "derivation: the differential, then vec(dh) = J vec(db)
        dh = db ⊙ ones(N, K)
              by d(A + B) = dA + dB; a broadcast operand's gradient is summed over the broadcast axis
        vec(dh) = (eye(K) ⊗ ones(N, 1)) vec(db)
              by vec(A ⊙ X) = diag(vec(A)) vec(X)
              simplified by: diag-of-ones
      ∂vec(h)/∂vec(b)ᵀ = eye(K) ⊗ ones(N, 1)   ∈ ℝ^{K·N×K}"
    `);
    checkJacobianSteps(program, 'b');
    rendersInKatex('jacobian', program, 'b');
  });

  it('a sigmoid layer σ(XW + b) with respect to W', () => {
    const program = 'X: N×M; W: M×K; b: 1×K; a = σ(XW + b)';
    expect(steps('jacobian', program, 'W')).toMatchInlineSnapshot(`
      "derivation: the differential, then vec(da) = J vec(dW)
        da = X dW ⊙ a ⊙ (1 − a)
              by d(AB) = dA B + A dB; tr(Gᵀ A dB) = tr((AᵀG)ᵀ dB), tr(Gᵀ dA B) = tr((GBᵀ)ᵀ dA)
              by d(A + B) = dA + dB; a broadcast operand's gradient is summed over the broadcast axis
              by d σ(X) = σ′(X) ⊙ dX, σ′ = σ ⊙ (1 − σ); tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)
        vec(da) = (diag(vec(a ⊙ (1 − a)))(eye(K) ⊗ X)) vec(dW)
              by vec(AXB) = (Bᵀ ⊗ A) vec(X) (Matrix Cookbook eq. 520)
              by vec(A ⊙ X) = diag(vec(A)) vec(X)
      ∂vec(a)/∂vec(W)ᵀ = diag(vec(a ⊙ (1 − a)))(eye(K) ⊗ X)   ∈ ℝ^{K·N×K·M}"
    `);
    checkJacobianSteps(program, 'W');
    rendersInKatex('jacobian', program, 'W');
  });
});

// ─── programs without names, and Jacobians with respect to a scalar ─────────────────

describe('--steps: edge cases', () => {
  const ONE_LINE = 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex; J = CE(y, softmax(σ(xW1 + b1)W2 + b2))';

  it("a one-line program (no names to stage through): one step, value-checked", () => {
    const der = gradientDerivation(ONE_LINE, 'W1');
    expect(der.steps.map((s) => s.name)).toEqual(['W1']);
    checkGradientSteps(ONE_LINE, 'W1');
    rendersInKatex('grad', ONE_LINE, 'W1');
  });

  it('a one-line program: the step line does not inline the temporary definition ("G = t0 = …; …")', () => {
    const text = steps('grad', ONE_LINE, 'W1');
    const stepLines = text.split('\n').filter((l) => /with G_\w+ = /.test(l) || /^ {20,}= /.test(l));
    expect(stepLines.length).toBeGreaterThan(0);
    for (const l of stepLines) expect(l, 'a temporary defined inside a step line').not.toMatch(/= t0 = |; /);
  });

  it('with respect to a scalar: dF = (∂F/∂t) dt elementwise, value-checked', () => {
    const program = 'A: m×n; t: scalar; F = sin(tA)';
    const p = parseProgram(program);
    const der = jacobianDerivation(p, 't');
    let checked = 0;
    for (const pt of points([...varSpecs(p), { name: 'dt', rows: 1, cols: 1, assumptions: [] }], 29, 3)) {
      const dF = evaluate(der.differential, pt);
      const J = evaluate(der.derivative.expr, pt);
      const dt = pt.vars.get('dt')!.data[0]!;
      const Jdt = { rows: J.rows, cols: J.cols, data: J.data.map((v) => v * dt) };
      expect(relErr(dF, Jdt)).toBeLessThan(1e-9);
      checked++;
    }
    expect(checked).toBe(3);
    rendersInKatex('jacobian', program, 't');
  });

  it('with respect to a scalar: the steps do not write vec(dF) = J vec(dt) with an m×n J', () => {
    // ∂F/∂t is shaped like F (CONTRACT §2), so J vec(dt) is an m×n matrix, not vec(dF) (mn×1).
    const text = steps('jacobian', 'A: m×n; t: scalar; F = sin(tA)', 't');
    expect(text).not.toContain('vec(dF) = (A ⊙ cos(tA)) vec(dt)');
  });
});
