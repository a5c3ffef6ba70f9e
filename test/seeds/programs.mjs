/**
 * The seeds' programs (../../shared/seeds), in their own notation, written once: the seed
 * tests (seed00N.test.ts, textbook-form.test.ts), the check tests and the benchmarks
 * (bench/cases.mjs) all use them. The suffix is the seed; seed00N.test.ts says which
 * problem each comes from. Plain JavaScript, so that bench/ (run by node) can import it.
 */

export const AUTOENCODER_002 = `X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1
h = ReLU(W1X + b1)
x̂ = ReLU(W2h + b2)
L = ‖X − x̂‖_F²/n`;

export const BATCH_001 = `X: N×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; Y: N×Dy simplex_rows
h = σ(XW1 + b1)
Ŷ = softmax_rows(hW2 + b2)
J = CE(Y, Ŷ)/N`;

export const BCE_003 = `X: n×d; θ: d×1; y: n×1
p = σ(Xθ)
L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))`;

export const CCE_003 = `X: m×d; Θ: d×k; Y: m×k simplex_rows
P = softmax_rows(XΘ)
J = −sum(Y ⊙ log(P))`;

export const CLASSIFIER_002 = `X: d×n; w1: H1×d; b1: H1×1; w2: H2×H1; b2: H2×1; w3: K×H2; b3: K×1; Y: K×n simplex
h1 = ReLU(w1X + b1)
h2 = ReLU(w2h1 + b2)
f = w3h2 + b3
p = softmax(f)
L = −sum(Y ⊙ log(p))/n`;

export const HIDDEN_BCE_003 = `X: m×d; W: d×H; v: H×1; y: m×1
Z = σ(XW)
ŷ = σ(Zv)
L = −sum(y ⊙ log(ŷ) + (1 − y) ⊙ log(1 − ŷ))`;

export const HIDDEN_MSE_003 = `X: m×d; W: d×H; V: H×k; Y: m×k
Z = σ(XW)
Ŷ = ZV
E = ‖Ŷ − Y‖_F²/2`;

export const LOGREG_000 = `X: 1×M; W: M×1; b: scalar; y: scalar
h = XW + b
a = σ(h)
L = −y log a − (1 − y) log(1 − a)`;

export const LOGREG_004 = `X: d×n; y: 1×n; w: d×1; w0: scalar; λ: scalar
p = σ(wᵀX + w0)
l = −(1/n)sum(y ⊙ ln(p) + (1 − y) ⊙ ln(1 − p)) + λ‖w‖²`;

export const MLP_000 = `X: 1×M; W1: M×N; b1: 1×N; W2: N×1; b2: scalar; y: scalar
h1 = XW1 + b1
a1 = σ(h1)
h2 = a1W2 + b2
a2 = σ(h2)
L = −y log a2 − (1 − y) log(1 − a2)`;

export const NET_001 = `x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex
h = σ(xW1 + b1)
ŷ = softmax(hW2 + b2)
J = CE(y, ŷ)`;

export const QUADRATIC_004 = `x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1
z2 = W2x + b2
a2 = σ(z2)
z3 = W3a2 + b3
a3 = σ(z3)
z4 = W4a3 + b4
a4 = σ(z4)
C = ‖a4 − y‖²/2`;

export const REGRESSION_003 = `x: d×1; W: H×d; b: H×1; v: H×1; v0: scalar; y: scalar
z = σ(Wx + b)
ŷ = vᵀz + v0
L = (ŷ − y)²`;

export const SOFTMAX_MLP_000 = `X: 1×M; W1: M×N; b1: 1×N; W2: N×L; b2: 1×L; y: 1×L simplex
h1 = XW1 + b1
a1 = σ(h1)
h2 = a1W2 + b2
s = softmax(h2)
L = −sum(y ⊙ log(s))`;

export const SOFTMAX_REG_000 = `X: 1×M; W: M×L; b: 1×L; y: 1×L simplex
h = XW + b
s = softmax(h)
L = −sum(y ⊙ log(s))`;
