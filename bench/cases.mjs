// Benchmark cases for `npm run bench` (bench/run.mjs), as data:
//   { name, kind: 'grad' | 'jacobian' | 'hessian', program, wrt, sympy, wrtPy? }
// The programs are the test suites' (test/seeds, test/identities, test/calculus).
// `sympy` is a hand translation into SymPy matrix expressions, run by
// bench/sympy_bench.py: Python that builds the program from MatrixSymbols (symbolic
// sizes: the dimension names) and leaves it in `goal`; the Python variable `wrtPy`
// (default: wrt) is what is differentiated. `node(name, r, c, lambda: …)` makes a named
// intermediate a symbol when it is the wrt, else builds it. Helpers (see
// sympy_bench.py): dims, mat, sca, ew (entrywise), sig, relu, softplus, stepf, ones,
// eye, sumall, rowsum (sum_rows), colsum (sum_cols), bcr/bcc (broadcast a bias over
// rows/columns), had, hdiv, hpow, fro2 (‖·‖_F²); softmax, softmax_rows and vec raise
// Unsupported (SymPy's matrix expressions have no such operators).
import { AUTOENCODER_002, BATCH_001, BCE_003, CLASSIFIER_002, HIDDEN_BCE_003, HIDDEN_MSE_003, LOGREG_000, LOGREG_004, MLP_000, NET_001, QUADRATIC_004, REGRESSION_003, SOFTMAX_MLP_000, SOFTMAX_REG_000 } from '../test/seeds/programs.mjs';

const cases = [];

/** One case per wrt, for a program and its SymPy translation. */
function add(kind, label, program, sympy, wrts, pyNames = {}) {
  for (const wrt of wrts) {
    const c = { name: `${label} ∂/∂${wrt}`, kind, program, wrt, sympy };
    if (pyNames[wrt]) c.wrtPy = pyNames[wrt];
    cases.push(c);
  }
}
const G = (...a) => add('grad', ...a);
const J = (...a) => add('jacobian', ...a);
const H = (...a) => add('hessian', ...a);

// --- test/seeds/seed000 -------------------------------------------------------------

G('seed000 1a logistic', LOGREG_000, `M = dims('M'); X = mat('X', 1, M); W = mat('W', M, 1); b = sca('b'); y = sca('y')
h = node('h', 1, 1, lambda: X*W + b*ones(1, 1))
a = ew(sig, h)
goal = -y*ew(log, a) - (1 - y)*ew(log, ones(1, 1) - a)`, ['W', 'b', 'h']);

G('seed000 1b hidden sigmoid', MLP_000, `M, N = dims('M N'); X = mat('X', 1, M); W1 = mat('W1', M, N); b1 = mat('b1', 1, N); W2 = mat('W2', N, 1); b2 = sca('b2'); y = sca('y')
h1 = node('h1', 1, N, lambda: X*W1 + b1)
a1 = node('a1', 1, N, lambda: ew(sig, h1))
h2 = node('h2', 1, 1, lambda: a1*W2 + b2*ones(1, 1))
a2 = ew(sig, h2)
goal = -y*ew(log, a2) - (1 - y)*ew(log, ones(1, 1) - a2)`, ['W1', 'b1', 'W2', 'b2', 'h1', 'h2', 'a1']);

const SOFTMAX_REG_000_PY = `M, L = dims('M L'); X = mat('X', 1, M); W = mat('W', M, L); b = mat('b', 1, L); y = mat('y', 1, L)
h = node('h', 1, L, lambda: X*W + b)
s = node('s', 1, L, lambda: softmax(h))
goal = -sumall(had(y, ew(log, s)))`;
G('seed000 L-a softmax regression', SOFTMAX_REG_000, SOFTMAX_REG_000_PY, ['W', 'b', 'h', 's']);
G('seed000 L-a without simplex', SOFTMAX_REG_000.replace('y: 1×L simplex', 'y: 1×L'), SOFTMAX_REG_000_PY, ['W']);

G('seed000 L-b sigmoid + softmax', SOFTMAX_MLP_000, `M, N, L = dims('M N L'); X = mat('X', 1, M); W1 = mat('W1', M, N); b1 = mat('b1', 1, N); W2 = mat('W2', N, L); b2 = mat('b2', 1, L); y = mat('y', 1, L)
a1 = ew(sig, X*W1 + b1)
s = softmax(a1*W2 + b2)
goal = -sumall(had(y, ew(log, s)))`, ['W2', 'W1', 'b1']);
J('seed000 softmax Jacobian', 'h: 1×L; s = softmax(h)', `L = dims('L'); h = mat('h', 1, L); goal = softmax(h)`, ['h']);

// --- test/seeds/seed001 -------------------------------------------------------------

G('seed001 2.1a σ scalar', 'x: scalar; σ(x)', `x = sca('x'); goal = sig(x)`, ['x']);
G('seed001 2.1a sum σ row', 'x: 1×D; f = sum(σ(x))', `D = dims('D'); x = mat('x', 1, D); goal = sumall(ew(sig, x))`, ['x']);
J('seed001 2.1a σ column', 'x: D×1; a = σ(x)', `D = dims('D'); x = mat('x', D, 1); goal = ew(sig, x)`, ['x']);
J('seed001 2.1a σ row', 'x: 1×D; a = σ(x)', `D = dims('D'); x = mat('x', 1, D); goal = ew(sig, x)`, ['x']);
G('seed001 2.2b CE softmax', 'θ: 1×D; y: 1×D simplex; ŷ = softmax(θ); J = CE(y, ŷ)', `D = dims('D'); θ = mat('θ', 1, D); y = mat('y', 1, D)
goal = -sumall(had(y, ew(log, softmax(θ))))`, ['θ']);
G('seed001 2.2b logsumexp form', 'θ: D×1; y: D×1 simplex; J = −yᵀθ + log(sum(exp(θ)))', `D = dims('D'); θ = mat('θ', D, 1); y = mat('y', D, 1)
goal = -y.T*θ + ew(log, sumall(ew(exp, θ)))`, ['θ']);

G('seed001 2.3c network', NET_001, `Dx, H, Dy = dims('Dx H Dy'); x = mat('x', 1, Dx); W1 = mat('W1', Dx, H); b1 = mat('b1', 1, H); W2 = mat('W2', H, Dy); b2 = mat('b2', 1, Dy); y = mat('y', 1, Dy)
h = node('h', 1, H, lambda: ew(sig, x*W1 + b1))
yh = softmax(h*W2 + b2)
goal = -sumall(had(y, ew(log, yh)))`, ['W2', 'b2', 'h', 'W1', 'b1', 'x']);
G('seed001 2.3c one line', 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex\nJ = CE(y, softmax(σ(xW1 + b1)W2 + b2))', `Dx, H, Dy = dims('Dx H Dy'); x = mat('x', 1, Dx); W1 = mat('W1', Dx, H); b1 = mat('b1', 1, H); W2 = mat('W2', H, Dy); b2 = mat('b2', 1, Dy); y = mat('y', 1, Dy)
goal = -sumall(had(y, ew(log, softmax(ew(sig, x*W1 + b1)*W2 + b2))))`, ['W2']);

G('seed001 batched network', BATCH_001, `N, Dx, H, Dy = dims('N Dx H Dy'); X = mat('X', N, Dx); W1 = mat('W1', Dx, H); b1 = mat('b1', 1, H); W2 = mat('W2', H, Dy); b2 = mat('b2', 1, Dy); Y = mat('Y', N, Dy)
h = ew(sig, X*W1 + bcr(b1, N))
Yh = softmax_rows(h*W2 + bcr(b2, N))
goal = -sumall(had(Y, ew(log, Yh)))/N`, ['W2', 'b2', 'W1', 'X']);

// --- test/seeds/seed002 -------------------------------------------------------------

G('seed002 1a ReLU classifier', CLASSIFIER_002, `d, n, H1, H2, K = dims('d n H1 H2 K'); X = mat('X', d, n); w1 = mat('w1', H1, d); b1 = mat('b1', H1, 1); w2 = mat('w2', H2, H1); b2 = mat('b2', H2, 1); w3 = mat('w3', K, H2); b3 = mat('b3', K, 1); Y = mat('Y', K, n)
h1 = ew(relu, w1*X + bcc(b1, n))
h2 = ew(relu, w2*h1 + bcc(b2, n))
p = softmax(w3*h2 + bcc(b3, n))
goal = -sumall(had(Y, ew(log, p)))/n`, ['w3', 'b3', 'w2', 'w1', 'b1']);

G('seed002 2a ReLU autoencoder', AUTOENCODER_002, `d, n, H = dims('d n H'); X = mat('X', d, n); W1 = mat('W1', H, d); b1 = mat('b1', H, 1); W2 = mat('W2', d, H); b2 = mat('b2', d, 1)
h = node('h', H, n, lambda: ew(relu, W1*X + bcc(b1, n)))
xh = node('x̂', d, n, lambda: ew(relu, W2*h + bcc(b2, n)))
goal = fro2(X - xh)/n`, ['x̂', 'W2', 'b2', 'h', 'W1', 'b1'], { 'x̂': 'xh' });

// --- test/seeds/seed003 -------------------------------------------------------------

G('seed003 8 log σ', 'z: scalar; l = log(σ(z))', `z = sca('z'); goal = log(sig(z))`, ['z']);
const BCE_003_PY = `n, d = dims('n d'); X = mat('X', n, d); θ = mat('θ', d, 1); y = mat('y', n, 1)
z = node('z', n, 1, lambda: X*θ)
p = ew(sig, z)
goal = -sumall(had(y, ew(log, p)) + had(ones(n, 1) - y, ew(log, ones(n, 1) - p)))`;
G('seed003 14 BCE', BCE_003, BCE_003_PY, ['θ']);
G('seed003 14 BCE named logits', BCE_003.replace('p = σ(Xθ)', 'z = Xθ\np = σ(z)'), BCE_003_PY, ['z']);
G('seed003 14 log-likelihood', BCE_003.replace('L = −sum(', 'l = sum('), BCE_003_PY.replace('goal = -sumall(', 'goal = sumall('), ['θ']);
G('seed003 18 softmax applied', 'z: k×1; u: k×1; s = softmax(z); f = uᵀs', `k = dims('k'); z = mat('z', k, 1); u = mat('u', k, 1); goal = u.T*softmax(z)`, ['z']);
G('seed003 20 categorical CE', 'X: m×d; Θ: d×k; Y: m×k simplex_rows\nP = softmax_rows(XΘ)\nJ = −sum(Y ⊙ log(P))', `m, d, k = dims('m d k'); X = mat('X', m, d); Θ = mat('Θ', d, k); Y = mat('Y', m, k)
goal = -sumall(had(Y, ew(log, softmax_rows(X*Θ))))`, ['Θ']);
J('seed003 18 softmax Jacobian', 'z: k×1; s = softmax(z)', `k = dims('k'); z = mat('z', k, 1); goal = softmax(z)`, ['z']);

G('seed003 NN5 hidden MSE', HIDDEN_MSE_003, `m, d, H, k = dims('m d H k'); X = mat('X', m, d); W = mat('W', d, H); V = mat('V', H, k); Y = mat('Y', m, k)
Z = node('Z', m, H, lambda: ew(sig, X*W))
goal = fro2(Z*V - Y)/2`, ['V', 'Z', 'W']);
G('seed003 NN6 hidden BCE', HIDDEN_BCE_003, `m, d, H = dims('m d H'); X = mat('X', m, d); W = mat('W', d, H); v = mat('v', H, 1); y = mat('y', m, 1)
Z = ew(sig, X*W)
yh = ew(sig, Z*v)
goal = -sumall(had(y, ew(log, yh)) + had(ones(m, 1) - y, ew(log, ones(m, 1) - yh)))`, ['v', 'W']);
G('seed003 NN7 hidden softmax CE', `X: m×d; W: d×H; V: H×k; Y: m×k simplex_rows
Z = σ(XW)
Ŷ = softmax_rows(ZV)
E = −sum(Y ⊙ log(Ŷ))`, `m, d, H, k = dims('m d H k'); X = mat('X', m, d); W = mat('W', d, H); V = mat('V', H, k); Y = mat('Y', m, k)
goal = -sumall(had(Y, ew(log, softmax_rows(ew(sig, X*W)*V))))`, ['V', 'W']);

G('seed003 12 regression network', REGRESSION_003, `d, H = dims('d H'); x = mat('x', d, 1); W = mat('W', H, d); b = mat('b', H, 1); v = mat('v', H, 1); v0 = sca('v0'); y = sca('y')
z = node('z', H, 1, lambda: ew(sig, W*x + b))
r = v.T*z + (v0 - y)*ones(1, 1)
goal = r.T*r`, ['v', 'v0', 'z', 'W', 'b']);
G('seed003 + gate', 'a: scalar; b: scalar; s = a + b', `a, b = sca('a'), sca('b'); goal = a + b`, ['a']);
G('seed003 × gate', 'a: scalar; b: scalar; s = ab', `a, b = sca('a'), sca('b'); goal = a*b`, ['a', 'b']);

// --- test/seeds/seed004 -------------------------------------------------------------

G('seed004 P2 backprop', QUADRATIC_004, `n1, n2, n3, n4 = dims('n1 n2 n3 n4'); x = mat('x', n1, 1); W2 = mat('W2', n2, n1); b2 = mat('b2', n2, 1); W3 = mat('W3', n3, n2); b3 = mat('b3', n3, 1); W4 = mat('W4', n4, n3); b4 = mat('b4', n4, 1); y = mat('y', n4, 1)
z2 = node('z2', n2, 1, lambda: W2*x + b2)
z3 = node('z3', n3, 1, lambda: W3*ew(sig, z2) + b3)
z4 = node('z4', n4, 1, lambda: W4*ew(sig, z3) + b4)
a4 = node('a4', n4, 1, lambda: ew(sig, z4))
goal = (a4 - y).T*(a4 - y)/2`, ['a4', 'z4', 'z3', 'z2', 'b4', 'b3', 'b2', 'W4', 'W3', 'W2']);
G('seed004 P2 one layer', 'z: n×1; y: n×1; a = σ(z); C = ‖a − y‖²/2', `n = dims('n'); z = mat('z', n, 1); y = mat('y', n, 1); a = ew(sig, z); goal = (a - y).T*(a - y)/2`, ['z']);
G('seed004 P2 linear activations', `x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; y: n3×1
z2 = W2x + b2
z3 = W3z2 + b3
C = ‖z3 − y‖²/2`, `n1, n2, n3 = dims('n1 n2 n3'); x = mat('x', n1, 1); W2 = mat('W2', n2, n1); b2 = mat('b2', n2, 1); W3 = mat('W3', n3, n2); b3 = mat('b3', n3, 1); y = mat('y', n3, 1)
z2 = node('z2', n2, 1, lambda: W2*x + b2)
z3 = node('z3', n3, 1, lambda: W3*z2 + b3)
goal = (z3 - y).T*(z3 - y)/2`, ['z3', 'z2', 'b3', 'W2']);
G('seed004 3.6 softmax network', `x: n1×1; W2: n2×n1; b2: n2×1; W3: n3×n2; b3: n3×1; W4: n4×n3; b4: n4×1; y: n4×1 simplex
z2 = W2x + b2
a2 = σ(z2)
z3 = W3a2 + b3
a3 = σ(z3)
z4 = W4a3 + b4
a4 = softmax(z4)
C = CE(y, a4)`, `n1, n2, n3, n4 = dims('n1 n2 n3 n4'); x = mat('x', n1, 1); W2 = mat('W2', n2, n1); b2 = mat('b2', n2, 1); W3 = mat('W3', n3, n2); b3 = mat('b3', n3, 1); W4 = mat('W4', n4, n3); b4 = mat('b4', n4, 1); y = mat('y', n4, 1)
a3 = ew(sig, W3*ew(sig, W2*x + b2) + b3)
a4 = softmax(W4*a3 + b4)
goal = -sumall(had(y, ew(log, a4)))`, ['z4', 'z3', 'W4', 'W3']);
const CE_SCALAR_004 = 'a: scalar; y: scalar; C = −(y ln(a) + (1 − y) ln(1 − a))';
const CE_SCALAR_004_PY = `a, y = sca('a'), sca('y'); goal = -(y*log(a) + (1 - y)*log(1 - a))`;
G('seed004 P3 CE in a', CE_SCALAR_004, CE_SCALAR_004_PY, ['a']);
H('seed004 P3 CE second derivative', CE_SCALAR_004, CE_SCALAR_004_PY, ['a']);
G('seed004 P3 derivative of ∂C/∂a', 'a: scalar; y: scalar; g = −y/a + (1 − y)/(1 − a)', `a, y = sca('a'), sca('y'); goal = -y/a + (1 - y)/(1 - a)`, ['a']);
G('seed004 P3 mean CE', 'a: 1×n; y: 1×n; C = −mean(y ⊙ ln(a) + (1 − y) ⊙ ln(1 − a))', `n = dims('n'); a = mat('a', 1, n); y = mat('y', 1, n)
goal = -sumall(had(y, ew(log, a)) + had(ones(1, n) - y, ew(log, ones(1, n) - a)))/n`, ['a']);
G('seed004 3.6 softmax + CE', 'z: n×1; y: n×1 simplex; a = softmax(z); C = −sum(y ⊙ ln(a))', `n = dims('n'); z = mat('z', n, 1); y = mat('y', n, 1); goal = -sumall(had(y, ew(log, softmax(z))))`, ['z']);
const LOGREG_004_PY = `d, n = dims('d n'); X = mat('X', d, n); y = mat('y', 1, n); w = mat('w', d, 1); w0 = sca('w0'); λ = sca('λ')
p = ew(sig, w.T*X + w0*ones(1, n))
goal = -sumall(had(y, ew(log, p)) + had(ones(1, n) - y, ew(log, ones(1, n) - p)))/n + λ*w.T*w`;
G('seed004 P4 L2 logistic', LOGREG_004, LOGREG_004_PY, ['w', 'w0', 'λ']);
G('seed004 P4 one line', 'X: d×n; y: 1×n; w: d×1; w0: scalar; λ: scalar\nl = −(1/n)sum(y ⊙ ln(σ(wᵀX + w0)) + (1 − y) ⊙ ln(1 − σ(wᵀX + w0))) + λ‖w‖²', LOGREG_004_PY, ['w']);
G('seed004 P4 eq. 59 term', 'x: d×1; w: d×1; w0: scalar; y: scalar; l = y ln(σ(wᵀx + w0))', `d = dims('d'); x = mat('x', d, 1); w = mat('w', d, 1); w0 = sca('w0'); y = sca('y')
goal = y*ew(log, ew(sig, w.T*x + w0*ones(1, 1)))`, ['w']);

// --- test/identities ----------------------------------------------------------------

G('autoencoder one example', `x: n×1; W: k×n; b: k×1; V: n×k; c: n×1
h = σ(Wx + b)
x̂ = Vh + c
L = ‖x̂ − x‖²/2`, `n, k = dims('n k'); x = mat('x', n, 1); W = mat('W', k, n); b = mat('b', k, 1); V = mat('V', n, k); c = mat('c', n, 1)
r = V*ew(sig, W*x + b) + c - x
goal = r.T*r/2`, ['V', 'c', 'W', 'b']);
G('autoencoder batch of rows', `X: N×D; W: D×K; b: 1×K; V: K×D; c: 1×D
H = σ(XW + b)
X̂ = HV + c
L = ‖X̂ − X‖_F²/(2N)`, `N, D, K = dims('N D K'); X = mat('X', N, D); W = mat('W', D, K); b = mat('b', 1, K); V = mat('V', K, D); c = mat('c', 1, D)
Hh = ew(sig, X*W + bcr(b, N))
goal = fro2(Hh*V + bcr(c, N) - X)/(2*N)`, ['V', 'c', 'W', 'b']);
G('autoencoder tied weights', `x: n×1; W: k×n; b: k×1; c: n×1
h = σ(Wx + b)
x̂ = σ(Wᵀh + c)
L = ‖x̂ − x‖²/2`, `n, k = dims('n k'); x = mat('x', n, 1); W = mat('W', k, n); b = mat('b', k, 1); c = mat('c', n, 1)
r = ew(sig, W.T*ew(sig, W*x + b) + c) - x
goal = r.T*r/2`, ['c', 'b', 'W']);

G('Cookbook 49 det', 'X: n×n\ndet(X)', `n = dims('n'); X = mat('X', n, n); goal = Determinant(X)`, ['X']);
G('Cookbook 57 logdet', 'X: n×n spd\nL = logdet(X)', `n = dims('n'); X = mat('X', n, n); goal = log(Determinant(X))`, ['X']);
G('Cookbook 57 c logdet', 'X: n×n spd; c: scalar\nL = c logdet(X)', `n = dims('n'); X = mat('X', n, n); c = sca('c'); goal = c*log(Determinant(X))`, ['X']);
G('Cookbook 57+101 logdet + tr(AXB)', 'A: m×n; X: n×n spd; B: n×m\nL = logdet(X) + tr(AXB)', `m, n = dims('m n'); A = mat('A', m, n); X = mat('X', n, n); B = mat('B', n, m); goal = log(Determinant(X)) + Trace(A*X*B)`, ['X']);
G('Cookbook 63 tr(AX⁻¹B)', 'A: m×n; X: n×n; B: n×m\nL = tr(A inv(X) B)', `m, n = dims('m n'); A = mat('A', m, n); X = mat('X', n, n); B = mat('B', n, m); goal = Trace(A*Inverse(X)*B)`, ['X']);
G('Cookbook 63 tr(AX⁻¹)', 'A: n×n; X: n×n\nL = tr(A X⁻¹)', `n = dims('n'); A = mat('A', n, n); X = mat('X', n, n); goal = Trace(A*X**-1)`, ['X']);
G('Cookbook 63 tr(X⁻¹)', 'X: n×n\nL = tr(inv(X))', `n = dims('n'); X = mat('X', n, n); goal = Trace(Inverse(X))`, ['X']);

for (const [label, prog, py] of [
  ['sum exp(x)', 'x: n×1\nL = sum(exp(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(exp, x))`],
  ['sum exp(X)', 'X: m×n\nL = sum(exp(X))', `m, n = dims('m n'); x = mat('X', m, n); goal = sumall(ew(exp, x))`],
  ['sum exp(2x)', 'x: n×1\nL = sum(exp(2x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(exp, 2*x))`],
  ['sum log(x)', 'x: n×1 positive\nL = sum(log(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(log, x))`],
  ['sum log(X)', 'X: m×n positive\nL = sum(log(X))', `m, n = dims('m n'); x = mat('X', m, n); goal = sumall(ew(log, x))`],
  ['sum √x', 'x: n×1 positive\nL = sum(sqrt(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(sqrt, x))`],
  ['sum sin(x)', 'x: n×1\nL = sum(sin(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(sin, x))`],
  ['sum cos(x)', 'x: n×1\nL = sum(cos(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(cos, x))`],
  ['sum tanh(x)', 'x: n×1\nL = sum(tanh(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(tanh, x))`],
  ['sum softplus(x)', 'x: n×1\nL = sum(softplus(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(softplus, x))`],
  ['sum σ(x)', 'x: n×1\nL = sum(σ(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(sig, x))`],
  ['sum relu(x)', 'x: n×1\nL = sum(relu(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(relu, x))`],
  ['negative entropy', 'x: n×1 positive\nL = sum(x ⊙ log(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(had(x, ew(log, x)))`],
  ['aᵀexp(x)', 'x: n×1; a: n×1\nL = aᵀexp(x)', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = a.T*ew(exp, x)`],
  ['aᵀlog(x)', 'x: n×1 positive; a: n×1\nL = aᵀlog(x)', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = a.T*ew(log, x)`],
  ['aᵀ√x', 'x: n×1 positive; a: n×1\nL = aᵀsqrt(x)', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = a.T*ew(sqrt, x)`],
  ['aᵀtanh(x)', 'x: n×1; a: n×1\nL = aᵀtanh(x)', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = a.T*ew(tanh, x)`],
  ['aᵀσ(x)', 'x: n×1; a: n×1\nL = aᵀσ(x)', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = a.T*ew(sig, x)`],
  ['sum exp(x) ⊙ y', 'x: n×1; y: n×1\nL = sum(exp(x) ⊙ y)', `n = dims('n'); x = mat('x', n, 1); y = mat('y', n, 1); goal = sumall(had(ew(exp, x), y))`],
  ['sum A ⊙ sin(X)', 'X: m×n; A: m×n\nL = sum(A ⊙ sin(X))', `m, n = dims('m n'); x = mat('X', m, n); A = mat('A', m, n); goal = sumall(had(A, ew(sin, x)))`],
  ['sum exp(Ax)', 'A: m×n; x: n×1\nL = sum(exp(Ax))', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); goal = sumall(ew(exp, A*x))`],
  ['aᵀexp(Ax)', 'A: m×n; x: n×1; a: m×1\nL = aᵀexp(Ax)', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); a = mat('a', m, 1); goal = a.T*ew(exp, A*x)`],
  ['sum sin(Ax)', 'A: m×n; x: n×1\nL = sum(sin(Ax))', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); goal = sumall(ew(sin, A*x))`],
  ['sum tanh(Ax)', 'A: m×n; x: n×1\nL = sum(tanh(Ax))', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); goal = sumall(ew(tanh, A*x))`],
  ['sum softplus(Ax)', 'A: m×n; x: n×1\nL = sum(softplus(Ax))', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); goal = sumall(ew(softplus, A*x))`],
]) {
  const wrt = /\bX\b/.test(prog.split('\n')[0]) && !/x: /.test(prog) ? 'X' : 'x';
  G(`elementwise ${label}`, prog, py, [wrt], { X: 'x' });
}

const LSQ = 'X: N×M; w: M×1; y: N×1\nL = ‖Xw − y‖²';
const LSQ_PY = `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); y = mat('y', N, 1); goal = (X*w - y).T*(X*w - y)`;
G('least squares ‖Xw − y‖²', LSQ, LSQ_PY, ['w', 'y']);
G('least squares (Xw − y)ᵀ(Xw − y)', 'X: N×M; w: M×1; y: N×1\nL = (Xw − y)ᵀ(Xw − y)', LSQ_PY, ['w']);
G('least squares MSE', 'X: N×M; w: M×1; y: N×1\nL = ‖Xw − y‖²/N', LSQ_PY + '/N', ['w']);
G('least squares mean of squares', 'X: N×M; w: M×1; y: N×1\nL = mean((Xw − y).^2)', `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); y = mat('y', N, 1); goal = sumall(hpow(X*w - y, 2))/N`, ['w']);
G('least squares with intercept', 'X: N×M; w: M×1; b: scalar; y: N×1\nL = ‖Xw + b − y‖²/N', `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); b = sca('b'); y = mat('y', N, 1)
r = X*w + b*ones(N, 1) - y
goal = r.T*r/N`, ['w', 'b']);
G('least squares one row example', 'x: 1×M; w: M×1; y: scalar\nL = (xw − y)²', `M = dims('M'); x = mat('x', 1, M); w = mat('w', M, 1); y = sca('y'); r = x*w - y*ones(1, 1); goal = r.T*r`, ['w']);
G('least squares one column example', 'x: M×1; w: M×1; y: scalar\nL = (wᵀx − y)²', `M = dims('M'); x = mat('x', M, 1); w = mat('w', M, 1); y = sca('y'); r = w.T*x - y*ones(1, 1); goal = r.T*r`, ['w']);
G('least squares multi-output', 'X: N×M; W: M×K; Y: N×K\nL = ‖XW − Y‖_F²', `N, M, K = dims('N M K'); X = mat('X', N, M); W = mat('W', M, K); Y = mat('Y', N, K); goal = fro2(X*W - Y)`, ['W']);
G('ridge', 'X: N×M; w: M×1; y: N×1; λ: scalar\nL = ‖Xw − y‖²/N + λ‖w‖²', `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); y = mat('y', N, 1); λ = sca('λ')
goal = (X*w - y).T*(X*w - y)/N + λ*w.T*w`, ['w', 'λ']);
G('ridge named residual', 'X: N×M; w: M×1; y: N×1; λ: scalar\nr = Xw − y\nL = ‖r‖²/N + λ‖w‖²', `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); y = mat('y', N, 1); λ = sca('λ')
r = node('r', N, 1, lambda: X*w - y)
goal = r.T*r/N + λ*w.T*w`, ['w', 'r']);
G('ridge multi-output', 'X: N×M; W: M×K; Y: N×K; λ: scalar\nL = ‖XW − Y‖_F²/N + λ‖W‖_F²', `N, M, K = dims('N M K'); X = mat('X', N, M); W = mat('W', M, K); Y = mat('Y', N, K); λ = sca('λ')
goal = fro2(X*W - Y)/N + λ*fro2(W)`, ['W']);

G('logistic row example', `x: 1×M; w: M×1; b: scalar; y: scalar
a = σ(xw + b)
L = −y log a − (1 − y) log(1 − a)`, `M = dims('M'); x = mat('x', 1, M); w = mat('w', M, 1); b = sca('b'); y = sca('y')
a = ew(sig, x*w + b*ones(1, 1))
goal = -y*ew(log, a) - (1 - y)*ew(log, ones(1, 1) - a)`, ['w', 'b']);
G('logistic column example', `x: M×1; w: M×1; b: scalar; y: scalar
a = σ(wᵀx + b)
L = −y log a − (1 − y) log(1 − a)`, `M = dims('M'); x = mat('x', M, 1); w = mat('w', M, 1); b = sca('b'); y = sca('y')
a = ew(sig, w.T*x + b*ones(1, 1))
goal = -y*ew(log, a) - (1 - y)*ew(log, ones(1, 1) - a)`, ['w']);
const LOGISTIC_BATCH = `X: N×M; w: M×1; b: scalar; y: N×1
a = σ(Xw + b)
L = −sum(y ⊙ log(a) + (1 − y) ⊙ log(1 − a))/N`;
G('logistic batch of rows', LOGISTIC_BATCH, `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); b = sca('b'); y = mat('y', N, 1)
a = ew(sig, X*w + b*ones(N, 1))
goal = -sumall(had(y, ew(log, a)) + had(ones(N, 1) - y, ew(log, ones(N, 1) - a)))/N`, ['w', 'b']);
G('logistic inner-product form', `X: N×M; w: M×1; b: scalar; y: N×1
p = σ(Xw + b)
L = −(yᵀ log(p) + (1 − y)ᵀ log(1 − p))`, `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); b = sca('b'); y = mat('y', N, 1)
p = ew(sig, X*w + b*ones(N, 1))
goal = -(y.T*ew(log, p) + (ones(N, 1) - y).T*ew(log, ones(N, 1) - p))`, ['w']);
G('logistic L2-regularised', 'X: N×M; w: M×1; y: N×1; λ: scalar\np = σ(Xw)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p)) + λ‖w‖²', `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); y = mat('y', N, 1); λ = sca('λ')
p = ew(sig, X*w)
goal = -sumall(had(y, ew(log, p)) + had(ones(N, 1) - y, ew(log, ones(N, 1) - p))) + λ*w.T*w`, ['w']);
G('logistic logit form', 'X: N×M; w: M×1; y: N×1\nz = Xw\nL = sum(softplus(z) − y ⊙ z)', `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); y = mat('y', N, 1)
z = X*w
goal = sumall(ew(softplus, z) - had(y, z))`, ['w']);
G('logistic batch of columns', `X: M×N; w: M×1; b: scalar; y: 1×N
a = σ(wᵀX + b)
L = −sum(y ⊙ log(a) + (1 − y) ⊙ log(1 − a))/N`, `M, N = dims('M N'); X = mat('X', M, N); w = mat('w', M, 1); b = sca('b'); y = mat('y', 1, N)
a = ew(sig, w.T*X + b*ones(1, N))
goal = -sumall(had(y, ew(log, a)) + had(ones(1, N) - y, ew(log, ones(1, N) - a)))/N`, ['w']);

G('logsumexp(z)', 'z: n×1\nL = logsumexp(z)', `n = dims('n'); z = mat('z', n, 1); goal = ew(log, sumall(ew(exp, z)))`, ['z']);
G('logsumexp(Ax + b)', 'A: m×n; x: n×1; b: m×1\nL = logsumexp(Ax + b)', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = ew(log, sumall(ew(exp, A*x + b)))`, ['x', 'b']);
G('logsumexp(z) − yᵀz', 'z: K×1; y: K×1\nL = logsumexp(z) − yᵀz', `K = dims('K'); z = mat('z', K, 1); y = mat('y', K, 1); goal = ew(log, sumall(ew(exp, z))) - y.T*z`, ['z']);
G('sum logsumexp(Z) column-wise', 'Z: m×n\nL = sum(logsumexp(Z))', `m, n = dims('m n'); Z = mat('Z', m, n); goal = sumall(ew(log, colsum(ew(exp, Z))))`, ['Z']);
G('sum logsumexp_rows(XW)', 'X: N×M; W: M×K\nL = sum(logsumexp_rows(XW))', `N, M, K = dims('N M K'); X = mat('X', N, M); W = mat('W', M, K); goal = sumall(ew(log, rowsum(ew(exp, X*W))))`, ['W']);

G('MLP sigmoid binary (rows)', `x: 1×M; W1: M×H; b1: 1×H; W2: H×1; b2: scalar; y: scalar
h = σ(xW1 + b1)
a = σ(hW2 + b2)
L = −y log a − (1 − y) log(1 − a)`, `M, H = dims('M H'); x = mat('x', 1, M); W1 = mat('W1', M, H); b1 = mat('b1', 1, H); W2 = mat('W2', H, 1); b2 = sca('b2'); y = sca('y')
h = node('h', 1, H, lambda: ew(sig, x*W1 + b1))
a = ew(sig, h*W2 + b2*ones(1, 1))
goal = -y*ew(log, a) - (1 - y)*ew(log, ones(1, 1) - a)`, ['W2', 'h', 'W1']);
G('MLP tanh squared error (columns)', `x: M×1; W1: H×M; b1: H×1; W2: K×H; b2: K×1; y: K×1
h = tanh(W1 x + b1)
ŷ = W2 h + b2
L = ‖ŷ − y‖²/2`, `M, H, K = dims('M H K'); x = mat('x', M, 1); W1 = mat('W1', H, M); b1 = mat('b1', H, 1); W2 = mat('W2', K, H); b2 = mat('b2', K, 1); y = mat('y', K, 1)
h = node('h', H, 1, lambda: ew(tanh, W1*x + b1))
r = W2*h + b2 - y
goal = r.T*r/2`, ['W2', 'b2', 'h', 'W1', 'b1']);
G('MLP ReLU regression (columns)', `x: M×1; W1: H×M; b1: H×1; w2: H×1; b2: scalar; y: scalar
z1 = W1 x + b1
h = relu(z1)
ŷ = w2ᵀh + b2
L = (ŷ − y)²/2`, `M, H = dims('M H'); x = mat('x', M, 1); W1 = mat('W1', H, M); b1 = mat('b1', H, 1); w2 = mat('w2', H, 1); b2 = sca('b2'); y = sca('y')
z1 = node('z1', H, 1, lambda: W1*x + b1)
r = w2.T*ew(relu, z1) + (b2 - y)*ones(1, 1)
goal = r.T*r/2`, ['w2', 'b2', 'z1', 'W1']);
G('MLP ReLU softmax (rows)', `x: 1×M; W1: M×H; b1: 1×H; W2: H×K; b2: 1×K; y: 1×K simplex
h = relu(xW1 + b1)
s = softmax(hW2 + b2)
L = −sum(y ⊙ log(s))`, `M, H, K = dims('M H K'); x = mat('x', 1, M); W1 = mat('W1', M, H); b1 = mat('b1', 1, H); W2 = mat('W2', H, K); b2 = mat('b2', 1, K); y = mat('y', 1, K)
goal = -sumall(had(y, ew(log, softmax(ew(relu, x*W1 + b1)*W2 + b2))))`, ['W2', 'W1']);
G('MLP sigmoid softmax (batch)', `X: N×M; W1: M×H; b1: 1×H; W2: H×K; b2: 1×K; Y: N×K simplex_rows
H1 = σ(XW1 + b1)
S = softmax_rows(H1 W2 + b2)
L = −sum(Y ⊙ log(S))/N`, `N, M, H, K = dims('N M H K'); X = mat('X', N, M); W1 = mat('W1', M, H); b1 = mat('b1', 1, H); W2 = mat('W2', H, K); b2 = mat('b2', 1, K); Y = mat('Y', N, K)
goal = -sumall(had(Y, ew(log, softmax_rows(ew(sig, X*W1 + bcr(b1, N))*W2 + bcr(b2, N)))))/N`, ['W2', 'b1']);
G('MLP tanh binary (batch)', `X: N×M; W1: M×H; b1: 1×H; w2: H×1; b2: scalar; y: N×1
H1 = tanh(XW1 + b1)
p = σ(H1 w2 + b2)
L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))/N`, `N, M, H = dims('N M H'); X = mat('X', N, M); W1 = mat('W1', M, H); b1 = mat('b1', 1, H); w2 = mat('w2', H, 1); b2 = sca('b2'); y = mat('y', N, 1)
H1 = ew(tanh, X*W1 + bcr(b1, N))
p = ew(sig, H1*w2 + b2*ones(N, 1))
goal = -sumall(had(y, ew(log, p)) + had(ones(N, 1) - y, ew(log, ones(N, 1) - p)))/N`, ['w2', 'b2', 'W1', 'b1']);
G('MLP tanh squared error (batch)', `X: N×M; W1: M×H; b1: 1×H; W2: H×K; b2: 1×K; Y: N×K
A1 = tanh(XW1 + b1)
Ŷ = A1 W2 + b2
L = ‖Ŷ − Y‖_F²/(2N)`, `N, M, H, K = dims('N M H K'); X = mat('X', N, M); W1 = mat('W1', M, H); b1 = mat('b1', 1, H); W2 = mat('W2', H, K); b2 = mat('b2', 1, K); Y = mat('Y', N, K)
A1 = ew(tanh, X*W1 + bcr(b1, N))
goal = fro2(A1*W2 + bcr(b2, N) - Y)/(2*N)`, ['W2', 'b2', 'W1', 'b1']);
G('MLP sigmoid then tanh (columns)', `x: M×1; W1: H×M; W2: P×H; W3: K×P; y: K×1
h1 = σ(W1 x)
h2 = tanh(W2 h1)
ŷ = W3 h2
L = ‖ŷ − y‖²/2`, `M, H, P, K = dims('M H P K'); x = mat('x', M, 1); W1 = mat('W1', H, M); W2 = mat('W2', P, H); W3 = mat('W3', K, P); y = mat('y', K, 1)
r = W3*ew(tanh, W2*ew(sig, W1*x)) - y
goal = r.T*r/2`, ['W3', 'W2', 'W1']);
G('MLP 3 ReLU/softmax layers (batch)', `X: N×M; W1: M×H; b1: 1×H; W2: H×P; b2: 1×P; W3: P×K; b3: 1×K; Y: N×K simplex_rows
H1 = relu(XW1 + b1)
H2 = relu(H1 W2 + b2)
S = softmax_rows(H2 W3 + b3)
L = −sum(Y ⊙ log(S))/N`, `N, M, H, P, K = dims('N M H P K'); X = mat('X', N, M); W1 = mat('W1', M, H); b1 = mat('b1', 1, H); W2 = mat('W2', H, P); b2 = mat('b2', 1, P); W3 = mat('W3', P, K); b3 = mat('b3', 1, K); Y = mat('Y', N, K)
H2 = ew(relu, ew(relu, X*W1 + bcr(b1, N))*W2 + bcr(b2, N))
goal = -sumall(had(Y, ew(log, softmax_rows(H2*W3 + bcr(b3, N)))))/N`, ['W3', 'W2', 'W1']);

G('norm ‖x‖', 'x: n×1\n‖x‖', `n = dims('n'); x = mat('x', n, 1); goal = sqrt(x.T*x)`, ['x']);
G('norm ‖x − a‖', 'x: n×1; a: n×1\nL = ‖x − a‖', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = sqrt((x - a).T*(x - a))`, ['x']);
G('norm √(xᵀx)', 'x: n×1\nL = sqrt(xᵀx)', `n = dims('n'); x = mat('x', n, 1); goal = ew(sqrt, x.T*x)`, ['x']);
G('norm ‖Ax − b‖', 'A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = sqrt((A*x - b).T*(A*x - b))`, ['x']);
G('norm ‖x‖²', 'x: n×1\nL = ‖x‖²', `n = dims('n'); x = mat('x', n, 1); goal = x.T*x`, ['x']);
G('norm sum(x.^2)', 'x: n×1\nL = sum(x.^2)', `n = dims('n'); x = mat('x', n, 1); goal = sumall(hpow(x, 2))`, ['x']);
G('norm ‖x‖² row', 'x: 1×n\nL = ‖x‖²', `n = dims('n'); x = mat('x', 1, n); goal = x*x.T`, ['x']);
G('norm ‖x − a‖²', 'x: n×1; a: n×1\nL = ‖x − a‖²', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = (x - a).T*(x - a)`, ['x', 'a']);
G('norm λ‖x‖²', 'x: n×1; λ: scalar\nL = λ‖x‖²', `n = dims('n'); x = mat('x', n, 1); λ = sca('λ'); goal = λ*x.T*x`, ['x', 'λ']);
G('norm ‖X‖_F²', 'X: m×n\nL = ‖X‖_F²', `m, n = dims('m n'); X = mat('X', m, n); goal = fro2(X)`, ['X']);
G('norm ‖X − A‖_F²', 'X: m×n; A: m×n\nL = ‖X − A‖_F²', `m, n = dims('m n'); X = mat('X', m, n); A = mat('A', m, n); goal = fro2(X - A)`, ['X']);
G('norm ‖X‖_F', 'X: m×n\n‖X‖_F', `m, n = dims('m n'); X = mat('X', m, n); goal = sqrt(fro2(X))`, ['X']);
G('norm1(x)', 'x: n×1\nL = norm1(x)', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(Abs, x))`, ['x']);
G('norm1(Ax − b)', 'A: m×n; x: n×1; b: m×1\nL = norm1(Ax − b)', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = sumall(ew(Abs, A*x - b))`, ['x']);

G('Cookbook 69 aᵀx', 'a: n×1; x: n×1\nL = aᵀx', `n = dims('n'); a = mat('a', n, 1); x = mat('x', n, 1); goal = a.T*x`, ['x', 'a']);
G('Cookbook 70 aᵀXb', 'a: m×1; X: m×n; b: n×1\nL = aᵀXb', `m, n = dims('m n'); a = mat('a', m, 1); X = mat('X', m, n); b = mat('b', n, 1); goal = a.T*X*b`, ['X', 'a', 'b']);
G('Cookbook 71 aᵀXᵀb', 'a: m×1; X: n×m; b: n×1\nL = aᵀXᵀb', `m, n = dims('m n'); a = mat('a', m, 1); X = mat('X', n, m); b = mat('b', n, 1); goal = a.T*X.T*b`, ['X']);
G('Cookbook 72 aᵀXa', 'a: n×1; X: n×n\nL = aᵀXa', `n = dims('n'); a = mat('a', n, 1); X = mat('X', n, n); goal = a.T*X*a`, ['X']);
G('Cookbook 78 (Ax + b)ᵀC(Dx + e)', 'A: m×n; x: n×1; b: m×1; C: m×m; D: m×n; e: m×1\nL = (Ax + b)ᵀC(Dx + e)', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); C = mat('C', m, m); D = mat('D', m, n); e = mat('e', m, 1)
goal = (A*x + b).T*C*(D*x + e)`, ['x', 'C']);
G('Cookbook 81 xᵀAx', 'A: n×n; x: n×1\nL = xᵀAx', `n = dims('n'); A = mat('A', n, n); x = mat('x', n, 1); goal = x.T*A*x`, ['x', 'A']);
G('Cookbook 81 xᵀBx + bᵀx', 'B: n×n; b: n×1; x: n×1\nL = xᵀBx + bᵀx', `n = dims('n'); B = mat('B', n, n); b = mat('b', n, 1); x = mat('x', n, 1); goal = x.T*B*x + b.T*x`, ['x']);
G('Cookbook 83 (Xb + c)ᵀD(Xb + c)', 'X: m×n; b: n×1; c: m×1; D: m×m\nL = (Xb + c)ᵀD(Xb + c)', `m, n = dims('m n'); X = mat('X', m, n); b = mat('b', n, 1); c = mat('c', m, 1); D = mat('D', m, m); goal = (X*b + c).T*D*(X*b + c)`, ['X']);
G('‖Ax − b‖²', 'A: m×n; x: n×1; b: m×1\nL = ‖Ax − b‖²', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = (A*x - b).T*(A*x - b)`, ['x', 'A', 'b']);

G('softmax regression row example', `x: 1×M; W: M×K; b: 1×K; y: 1×K simplex
s = softmax(xW + b)
L = −sum(y ⊙ log(s))`, `M, K = dims('M K'); x = mat('x', 1, M); W = mat('W', M, K); b = mat('b', 1, K); y = mat('y', 1, K)
goal = -sumall(had(y, ew(log, softmax(x*W + b))))`, ['W', 'b']);
G('softmax regression column example', `x: M×1; W: K×M; b: K×1; y: K×1 simplex
s = softmax(Wx + b)
L = CE(y, s)`, `M, K = dims('M K'); x = mat('x', M, 1); W = mat('W', K, M); b = mat('b', K, 1); y = mat('y', K, 1)
goal = -sumall(had(y, ew(log, softmax(W*x + b))))`, ['W']);
G('softmax regression batch of rows', `X: N×M; W: M×K; b: 1×K; Y: N×K simplex_rows
S = softmax_rows(XW + b)
L = −sum(Y ⊙ log(S))/N`, `N, M, K = dims('N M K'); X = mat('X', N, M); W = mat('W', M, K); b = mat('b', 1, K); Y = mat('Y', N, K)
goal = -sumall(had(Y, ew(log, softmax_rows(X*W + bcr(b, N)))))/N`, ['W', 'b']);
G('softmax regression batch of columns', `X: M×N; W: K×M; b: K×1; Y: K×N simplex
S = softmax(WX + b)
L = −sum(Y ⊙ log(S))/N`, `M, N, K = dims('M N K'); X = mat('X', M, N); W = mat('W', K, M); b = mat('b', K, 1); Y = mat('Y', K, N)
goal = -sumall(had(Y, ew(log, softmax(W*X + bcc(b, N)))))/N`, ['W']);

for (const [label, prog, py, wrt] of [
  ['tr(X)', 'X: n×n\nL = tr(X)', `n = dims('n'); X = mat('X', n, n); goal = Trace(X)`, 'X'],
  ['tr(AX)', 'A: n×m; X: m×n\nL = tr(AX)', `m, n = dims('m n'); A = mat('A', n, m); X = mat('X', m, n); goal = Trace(A*X)`, 'X'],
  ['tr(AX) wrt A', 'A: n×m; X: m×n\nL = tr(AX)', `m, n = dims('m n'); A = mat('A', n, m); X = mat('X', m, n); goal = Trace(A*X)`, 'A'],
  ['tr(AXB)', 'A: p×m; X: m×n; B: n×p\nL = tr(AXB)', `p, m, n = dims('p m n'); A = mat('A', p, m); X = mat('X', m, n); B = mat('B', n, p); goal = Trace(A*X*B)`, 'X'],
  ['tr(AXᵀB)', 'A: p×n; X: m×n; B: m×p\nL = tr(AXᵀB)', `p, m, n = dims('p m n'); A = mat('A', p, n); X = mat('X', m, n); B = mat('B', m, p); goal = Trace(A*X.T*B)`, 'X'],
  ['tr(XᵀA)', 'A: m×n; X: m×n\nL = tr(XᵀA)', `m, n = dims('m n'); A = mat('A', m, n); X = mat('X', m, n); goal = Trace(X.T*A)`, 'X'],
  ['tr(AXᵀ)', 'A: m×n; X: m×n\nL = tr(AXᵀ)', `m, n = dims('m n'); A = mat('A', m, n); X = mat('X', m, n); goal = Trace(A*X.T)`, 'X'],
  ['sum(A ⊙ X)', 'A: m×n; X: m×n\nL = sum(A ⊙ X)', `m, n = dims('m n'); A = mat('A', m, n); X = mat('X', m, n); goal = sumall(had(A, X))`, 'X'],
  ['tr(X²)', 'X: n×n\nL = tr(X²)', `n = dims('n'); X = mat('X', n, n); goal = Trace(X**2)`, 'X'],
  ['tr(X²B)', 'B: n×n; X: n×n\nL = tr(X²B)', `n = dims('n'); B = mat('B', n, n); X = mat('X', n, n); goal = Trace(X**2*B)`, 'X'],
  ['tr(XXB)', 'B: n×n; X: n×n\nL = tr(X*X*B)', `n = dims('n'); B = mat('B', n, n); X = mat('X', n, n); goal = Trace(X*X*B)`, 'X'],
  ['tr(XᵀBX)', 'B: m×m; X: m×n\nL = tr(XᵀBX)', `m, n = dims('m n'); B = mat('B', m, m); X = mat('X', m, n); goal = Trace(X.T*B*X)`, 'X'],
  ['tr(BXXᵀ)', 'B: m×m; X: m×n\nL = tr(BXXᵀ)', `m, n = dims('m n'); B = mat('B', m, m); X = mat('X', m, n); goal = Trace(B*X*X.T)`, 'X'],
  ['tr(XBXᵀ)', 'B: n×n; X: m×n\nL = tr(XBXᵀ)', `m, n = dims('m n'); B = mat('B', n, n); X = mat('X', m, n); goal = Trace(X*B*X.T)`, 'X'],
  ['tr(XᵀXB)', 'B: n×n; X: m×n\nL = tr(XᵀXB)', `m, n = dims('m n'); B = mat('B', n, n); X = mat('X', m, n); goal = Trace(X.T*X*B)`, 'X'],
  ['tr(AXBX)', 'A: n×m; X: m×n; B: n×m\nL = tr(AXBX)', `m, n = dims('m n'); A = mat('A', n, m); X = mat('X', m, n); B = mat('B', n, m); goal = Trace(A*X*B*X)`, 'X'],
  ['tr(XᵀX)', 'X: m×n\nL = tr(XᵀX)', `m, n = dims('m n'); X = mat('X', m, n); goal = Trace(X.T*X)`, 'X'],
  ['tr(XXX)', 'X: n×n\nL = tr(XXX)', `n = dims('n'); X = mat('X', n, n); goal = Trace(X*X*X)`, 'X'],
  ['tr(sin(X))', 'X: n×n\nL = tr(sin(X))', `n = dims('n'); X = mat('X', n, n); goal = Trace(ew(sin, X))`, 'X'],
  ['tr(exp(X))', 'X: n×n\nL = tr(exp(X))', `n = dims('n'); X = mat('X', n, n); goal = Trace(ew(exp, X))`, 'X'],
  ['tr(A ⊗ X)', 'A: p×p; X: n×n\nL = tr(kron(A, X))', `p, n = dims('p n'); A = mat('A', p, p); X = mat('X', n, n); goal = Trace(KroneckerProduct(A, X))`, 'X'],
]) G(`Cookbook trace ${label}`, prog, py, [wrt]);

// --- test/calculus/determinant, models ----------------------------------------------

for (const [label, prog, py] of [
  ['det(AX)', 'A: n×n; X: n×n\ndet(A X)', `n = dims('n'); A = mat('A', n, n); X = mat('X', n, n); goal = Determinant(A*X)`],
  ['det(AXB) non-square', 'A: m×n; X: n×n; B: n×m\ndet(A X B)', `m, n = dims('m n'); A = mat('A', m, n); X = mat('X', n, n); B = mat('B', n, m); goal = Determinant(A*X*B)`],
  ['det(XᵀAX)', 'X: m×n; A: m×m\ndet(Xᵀ A X)', `m, n = dims('m n'); X = mat('X', m, n); A = mat('A', m, m); goal = Determinant(X.T*A*X)`],
  ['det(X²)', 'X: n×n\ndet(X^2)', `n = dims('n'); X = mat('X', n, n); goal = Determinant(X**2)`],
  ['det(X⁻¹)', 'X: n×n\ndet(X^(-1))', `n = dims('n'); X = mat('X', n, n); goal = Determinant(X**-1)`],
  ['det(X)²', 'X: n×n\ndet(X)^2', `n = dims('n'); X = mat('X', n, n); goal = Determinant(X)**2`],
  ['log(det(X))', 'X: n×n\nlog(det(X))', `n = dims('n'); X = mat('X', n, n); goal = log(Determinant(X))`],
  ['logdet(XᵀX)', 'X: m×n\nlogdet(Xᵀ X)', `m, n = dims('m n'); X = mat('X', m, n); goal = log(Determinant(X.T*X))`],
  ['logdet(X) + tr(X)', 'X: n×n spd\nlogdet(X) + tr(X)', `n = dims('n'); X = mat('X', n, n); goal = log(Determinant(X)) + Trace(X)`],
  ['1/det(X)', 'X: n×n\n1/det(X)', `n = dims('n'); X = mat('X', n, n); goal = 1/Determinant(X)`],
  ['det(X)·tr(AX)', 'X: n×n; A: n×n\ndet(X) * tr(A X)', `n = dims('n'); X = mat('X', n, n); A = mat('A', n, n); goal = Determinant(X)*Trace(A*X)`],
  ['tr(X)/det(X)', 'X: n×n\ntr(X)/det(X)', `n = dims('n'); X = mat('X', n, n); goal = Trace(X)/Determinant(X)`],
]) G(`Cookbook determinant ${label}`, prog, py, ['X']);

const GAUSS = 'Σ: n×n spd; x: n×1; μ: n×1\nL = −logdet(Σ)/2 − (x − μ)ᵀ inv(Σ) (x − μ)/2';
const GAUSS_PY = `n = dims('n'); Σ = mat('Σ', n, n); x = mat('x', n, 1); μ = mat('μ', n, 1)
goal = -log(Determinant(Σ))/2 - (x - μ).T*Inverse(Σ)*(x - μ)/2`;
G('Gaussian log-likelihood', GAUSS, GAUSS_PY, ['Σ', 'μ', 'x']);
G('Gaussian batch (columns)', 'Σ: n×n spd; X: n×N; μ: n×1\nR = X − μ\nL = −N logdet(Σ)/2 − tr(Rᵀ inv(Σ) R)/2', `n, N = dims('n N'); Σ = mat('Σ', n, n); X = mat('X', n, N); μ = mat('μ', n, 1)
R = X - bcc(μ, N)
goal = -N*log(Determinant(Σ))/2 - Trace(R.T*Inverse(Σ)*R)/2`, ['Σ', 'μ']);
G('GP marginal likelihood', 'K: n×n spd; y: n×1\nL = −yᵀ inv(K) y/2 − logdet(K)/2', `n = dims('n'); K = mat('K', n, n); y = mat('y', n, 1); goal = -y.T*Inverse(K)*y/2 - log(Determinant(K))/2`, ['K']);
G('GP with noise', 'K: n×n spd; y: n×1; s: scalar\nL = −yᵀ inv(K + s eye(n)) y/2 − logdet(K + s eye(n))/2', `n = dims('n'); K = mat('K', n, n); y = mat('y', n, 1); s = sca('s')
C = K + s*eye(n)
goal = -y.T*Inverse(C)*y/2 - log(Determinant(C))/2`, ['K']);
G('matrix factorisation', 'X: m×n; U: m×k; V: n×k\nL = ‖X − U Vᵀ‖_F^2', `m, n, k = dims('m n k'); X = mat('X', m, n); U = mat('U', m, k); V = mat('V', n, k); goal = fro2(X - U*V.T)`, ['U', 'V']);
G('matrix factorisation regularised', 'X: m×n; U: m×k; V: n×k; λ: scalar\nL = ‖X − U Vᵀ‖_F^2 + λ(‖U‖_F^2 + ‖V‖_F^2)', `m, n, k = dims('m n k'); X = mat('X', m, n); U = mat('U', m, k); V = mat('V', n, k); λ = sca('λ')
goal = fro2(X - U*V.T) + λ*(fro2(U) + fro2(V))`, ['U']);
G('matrix factorisation masked', 'X: m×n; U: m×k; V: n×k; M: m×n\nL = ‖M ⊙ (X − U Vᵀ)‖_F^2', `m, n, k = dims('m n k'); X = mat('X', m, n); U = mat('U', m, k); V = mat('V', n, k); M = mat('M', m, n)
goal = fro2(had(M, X - U*V.T))`, ['U', 'V']);
G('attention read-out', 'q: d×1; K: n×d; V: n×p; w: p×1\na = softmax(K q)\nL = wᵀ Vᵀ a', `d, n, p = dims('d n p'); q = mat('q', d, 1); K = mat('K', n, d); V = mat('V', n, p); w = mat('w', p, 1)
goal = w.T*V.T*softmax(K*q)`, ['q', 'V']);
G('attention batched', 'Q: m×d; K: n×d; V: n×p; W: m×p\nA = softmax_rows(Q Kᵀ)\nL = sum(W ⊙ (A V))', `m, d, n, p = dims('m d n p'); Q = mat('Q', m, d); K = mat('K', n, d); V = mat('V', n, p); W = mat('W', m, p)
goal = sumall(had(W, softmax_rows(Q*K.T)*V))`, ['Q']);
G('residual block', 'x: n×1; W1: h×n; b1: h×1; W2: n×h\ny = x + W2 σ(W1 x + b1)\nL = ‖y‖²/2', `n, h = dims('n h'); x = mat('x', n, 1); W1 = mat('W1', h, n); b1 = mat('b1', h, 1); W2 = mat('W2', n, h)
y = x + W2*ew(sig, W1*x + b1)
goal = y.T*y/2`, ['W2', 'b1', 'W1', 'x']);

// --- test/calculus/jacobian ---------------------------------------------------------

for (const [label, prog, py, wrt] of [
  ['AX', 'A: p×m; X: m×n\nF = A X', `p, m, n = dims('p m n'); A = mat('A', p, m); X = mat('X', m, n); goal = A*X`, 'X'],
  ['XB', 'X: m×n; B: n×q\nF = X B', `m, n, q = dims('m n q'); X = mat('X', m, n); B = mat('B', n, q); goal = X*B`, 'X'],
  ['AXB', 'A: p×m; X: m×n; B: n×q\nF = A X B', `p, m, n, q = dims('p m n q'); A = mat('A', p, m); X = mat('X', m, n); B = mat('B', n, q); goal = A*X*B`, 'X'],
  ['vec(AX) wrt A', 'A: p×m; X: m×n\nF = vec(A X)', `p, m, n = dims('p m n'); A = mat('A', p, m); X = mat('X', m, n); goal = vec(A*X)`, 'A'],
  ['Ax', 'A: m×n; x: n×1\nF = A x', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); goal = A*x`, 'x'],
  ['Ax + b', 'A: m×n; x: n×1; b: m×1\nF = A x + b', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = A*x + b`, 'x'],
  ['Xx wrt X', 'X: m×n; x: n×1\nF = X x', `m, n = dims('m n'); X = mat('X', m, n); x = mat('x', n, 1); goal = X*x`, 'X'],
  ['axᵀ', 'x: n×1; a: m×1\nF = a xᵀ', `m, n = dims('m n'); x = mat('x', n, 1); a = mat('a', m, 1); goal = a*x.T`, 'x'],
  ['AX⁻¹B', 'X: n×n; A: n×n; B: n×n\nF = A inv(X) B', `n = dims('n'); X = mat('X', n, n); A = mat('A', n, n); B = mat('B', n, n); goal = A*Inverse(X)*B`, 'X'],
  ['Xᵀ', 'X: m×n\nF = Xᵀ', `m, n = dims('m n'); X = mat('X', m, n); goal = X.T`, 'X'],
  ['XᵀX', 'X: m×n\nF = Xᵀ X', `m, n = dims('m n'); X = mat('X', m, n); goal = X.T*X`, 'X'],
  ['XXᵀ', 'X: m×n\nF = X Xᵀ', `m, n = dims('m n'); X = mat('X', m, n); goal = X*X.T`, 'X'],
  ['XBXᵀ', 'X: m×n; B: n×n\nF = X B Xᵀ', `m, n = dims('m n'); X = mat('X', m, n); B = mat('B', n, n); goal = X*B*X.T`, 'X'],
  ['Xᵀ ⊙ Xᵀ', 'X: m×n\nF = Xᵀ ⊙ Xᵀ', `m, n = dims('m n'); X = mat('X', m, n); goal = had(X.T, X.T)`, 'X'],
  ['X²', 'X: n×n\nF = X^2', `n = dims('n'); X = mat('X', n, n); goal = X**2`, 'X'],
  ['X³', 'X: n×n\nF = X^3', `n = dims('n'); X = mat('X', n, n); goal = X**3`, 'X'],
  ['XAX', 'X: n×n; A: n×n\nF = X A X', `n = dims('n'); X = mat('X', n, n); A = mat('A', n, n); goal = X*A*X`, 'X'],
  ['X⁻¹', 'X: n×n\ninv(X)', `n = dims('n'); X = mat('X', n, n); goal = Inverse(X)`, 'X'],
  ['X⁻²', 'X: n×n\nF = X^(-2)', `n = dims('n'); X = mat('X', n, n); goal = X**-2`, 'X'],
  ['A⁻¹x', 'x: n×1; A: n×n\nF = inv(A) x', `n = dims('n'); x = mat('x', n, 1); A = mat('A', n, n); goal = Inverse(A)*x`, 'x'],
  ['(A + xxᵀ)⁻¹', 'x: n×1; A: n×n\nF = inv(A + x xᵀ)', `n = dims('n'); x = mat('x', n, 1); A = mat('A', n, n); goal = Inverse(A + x*x.T)`, 'x'],
  ['kron(A, X)', 'X: m×n; A: p×q\nF = kron(A, X)', `m, n, p, q = dims('m n p q'); X = mat('X', m, n); A = mat('A', p, q); goal = KroneckerProduct(A, X)`, 'X'],
  ['xxᵀ', 'x: n×1\nF = x xᵀ', `n = dims('n'); x = mat('x', n, 1); goal = x*x.T`, 'x'],
  ['σ(X)', 'X: m×n\nσ(X)', `m, n = dims('m n'); X = mat('X', m, n); goal = ew(sig, X)`, 'X'],
  ['exp(X)', 'X: m×n\nexp(X)', `m, n = dims('m n'); X = mat('X', m, n); goal = ew(exp, X)`, 'X'],
  ['log(X)', 'X: m×n positive\nF = log(X)', `m, n = dims('m n'); X = mat('X', m, n); goal = ew(log, X)`, 'X'],
  ['relu(X)', 'X: m×n\nF = relu(X)', `m, n = dims('m n'); X = mat('X', m, n); goal = ew(relu, X)`, 'X'],
  ['A ⊙ X', 'X: m×n; A: m×n\nF = A ⊙ X', `m, n = dims('m n'); X = mat('X', m, n); A = mat('A', m, n); goal = had(A, X)`, 'X'],
  ['X ⊙ X', 'X: m×n\nF = X ⊙ X', `m, n = dims('m n'); X = mat('X', m, n); goal = had(X, X)`, 'X'],
  ['exp(x)', 'x: n×1\nexp(x)', `n = dims('n'); x = mat('x', n, 1); goal = ew(exp, x)`, 'x'],
  ['x ⊙ y', 'x: n×1; y: n×1\nF = x ⊙ y', `n = dims('n'); x = mat('x', n, 1); y = mat('y', n, 1); goal = had(x, y)`, 'x'],
  ['softmax(x)', 'x: n×1\nsoftmax(x)', `n = dims('n'); x = mat('x', n, 1); goal = softmax(x)`, 'x'],
  ['softmax(X) column-wise', 'X: m×n\nsoftmax(X)', `m, n = dims('m n'); X = mat('X', m, n); goal = softmax(X)`, 'X'],
  ['softmax(Wx) wrt W', 'x: n×1; W: m×n\nF = softmax(W x)', `m, n = dims('m n'); x = mat('x', n, 1); W = mat('W', m, n); goal = softmax(W*x)`, 'W'],
  ['σ(Wx + b) wrt W', 'W: m×n; x: n×1; b: m×1\nσ(W x + b)', `m, n = dims('m n'); W = mat('W', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = ew(sig, W*x + b)`, 'W'],
  ['σ(Wx + b) wrt x', 'W: m×n; x: n×1; b: m×1\nσ(W x + b)', `m, n = dims('m n'); W = mat('W', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = ew(sig, W*x + b)`, 'x'],
  ['diag(x)', 'x: n×1\nF = diag(x)', `n = dims('n'); x = mat('x', n, 1); goal = DiagMatrix(x)`, 'x'],
  ['diag_part(X)', 'X: n×n\nF = diag_part(X)', `n = dims('n'); X = mat('X', n, n); goal = DiagonalOf(X)`, 'X'],
  ['sum_rows(X)', 'X: m×n\nF = sum_rows(X)', `m, n = dims('m n'); X = mat('X', m, n); goal = rowsum(X)`, 'X'],
  ['sum_cols(X)', 'X: m×n\nF = sum_cols(X)', `m, n = dims('m n'); X = mat('X', m, n); goal = colsum(X)`, 'X'],
  ['det(X) as a row', 'X: n×n\ndet(X)', `n = dims('n'); X = mat('X', n, n); goal = Determinant(X)`, 'X'],
  ['‖x‖² as a row', 'x: n×1\nF = ‖x‖²', `n = dims('n'); x = mat('x', n, 1); goal = x.T*x`, 'x'],
  ['(aᵀx)x', 'x: n×1; a: n×1\nF = (aᵀ x) x', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = x*(a.T*x)`, 'x'],
  ['x/‖x‖', 'x: n×1\nx/‖x‖', `n = dims('n'); x = mat('x', n, 1); goal = x*(x.T*x)**Rational(-1, 2)`, 'x'],
  ['residual block', 'x: n×1; W1: h×n; b1: h×1; W2: n×h\nh1 = σ(W1 x + b1)\ny = x + W2 h1\ny', `n, h = dims('n h'); x = mat('x', n, 1); W1 = mat('W1', h, n); b1 = mat('b1', h, 1); W2 = mat('W2', n, h); goal = x + W2*ew(sig, W1*x + b1)`, 'x'],
  ['tA wrt t', 't: scalar; A: m×n\nF = t A', `m, n = dims('m n'); t = sca('t'); A = mat('A', m, n); goal = t*A`, 't'],
  ['A + tB wrt t', 't: scalar; A: m×n; B: m×n\nF = A + t B', `m, n = dims('m n'); t = sca('t'); A = mat('A', m, n); B = mat('B', m, n); goal = A + t*B`, 't'],
  ['exp(tA) wrt t', 't: scalar; A: m×n\nexp(t A)', `m, n = dims('m n'); t = sca('t'); A = mat('A', m, n); goal = ew(exp, t*A)`, 't'],
  ['σ(tx + a) wrt t', 't: scalar; x: n×1; a: n×1\nσ(t x + a)', `n = dims('n'); t = sca('t'); x = mat('x', n, 1); a = mat('a', n, 1); goal = ew(sig, t*x + a)`, 't'],
  ['(A + tB)⁻¹ wrt t', 't: scalar; A: n×n; B: n×n\ninv(A + t B)', `n = dims('n'); t = sca('t'); A = mat('A', n, n); B = mat('B', n, n); goal = Inverse(A + t*B)`, 't'],
  ['det(A + tB) wrt t', 't: scalar; A: n×n; B: n×n\ndet(A + t B)', `n = dims('n'); t = sca('t'); A = mat('A', n, n); B = mat('B', n, n); goal = Determinant(A + t*B)`, 't'],
]) J(`Jacobian ${label}`, prog, py, [wrt]);

// --- test/calculus/hessian ----------------------------------------------------------

for (const [label, prog, py, wrt] of [
  ['xᵀAx', 'A: n×n; x: n×1\nL = xᵀ A x', `n = dims('n'); A = mat('A', n, n); x = mat('x', n, 1); goal = x.T*A*x`, 'x'],
  ['xᵀAx symmetric A', 'A: n×n symmetric; x: n×1\nL = xᵀ A x', `n = dims('n'); A = mat('A', n, n); x = mat('x', n, 1); goal = x.T*A*x`, 'x'],
  ['(aᵀx)²', 'a: n×1; x: n×1\nL = (aᵀ x)^2', `n = dims('n'); a = mat('a', n, 1); x = mat('x', n, 1); goal = (a.T*x)**2`, 'x'],
  ['‖x‖⁴', 'x: n×1\nL = ‖x‖^4', `n = dims('n'); x = mat('x', n, 1); goal = (x.T*x)**2`, 'x'],
  ['t³', 't: scalar\nL = t^3', `t = sca('t'); goal = t**3`, 't'],
  ['Gaussian quadratic in μ', 'P: n×n; x: n×1; μ: n×1\nL = −(x − μ)ᵀ P (x − μ)/2', `n = dims('n'); P = mat('P', n, n); x = mat('x', n, 1); μ = mat('μ', n, 1); goal = -(x - μ).T*P*(x - μ)/2`, 'μ'],
  ['‖Ax − b‖²', 'A: m×n; x: n×1; b: m×1\nL = ‖A x − b‖²', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = (A*x - b).T*(A*x - b)`, 'x'],
  ['‖Xᵀw − y‖²', 'X: n×N; w: n×1; y: N×1\nL = ‖Xᵀ w − y‖²', `n, N = dims('n N'); X = mat('X', n, N); w = mat('w', n, 1); y = mat('y', N, 1); goal = (X.T*w - y).T*(X.T*w - y)`, 'w'],
  ['ridge', 'A: m×n; x: n×1; b: m×1; λ: scalar\nL = ‖A x − b‖² + λ‖x‖²', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); λ = sca('λ'); goal = (A*x - b).T*(A*x - b) + λ*x.T*x`, 'x'],
  ['‖X‖_F²', 'X: m×n\nL = ‖X‖_F^2', `m, n = dims('m n'); X = mat('X', m, n); goal = fro2(X)`, 'X'],
  ['logistic', 'X: N×M; w: M×1; y: N×1\np = σ(X w)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))', `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); y = mat('y', N, 1)
p = ew(sig, X*w)
goal = -sumall(had(y, ew(log, p)) + had(ones(N, 1) - y, ew(log, ones(N, 1) - p)))`, 'w'],
  ['logistic softplus form', 'X: N×M; w: M×1; y: N×1\nL = sum(softplus(X w)) − yᵀ X w', `N, M = dims('N M'); X = mat('X', N, M); w = mat('w', M, 1); y = mat('y', N, 1); goal = sumall(ew(softplus, X*w)) - y.T*X*w`, 'w'],
  ['sum log(1 + exp(x))', 'x: n×1\nL = sum(log(1 + exp(x)))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(ew(softplus, x))`, 'x'],
  ['logsumexp(x)', 'x: n×1\nL = logsumexp(x)', `n = dims('n'); x = mat('x', n, 1); goal = ew(log, sumall(ew(exp, x)))`, 'x'],
  ['logsumexp(Wx)', 'x: n×1; W: K×n\nL = logsumexp(W x)', `n, K = dims('n K'); x = mat('x', n, 1); W = mat('W', K, n); goal = ew(log, sumall(ew(exp, W*x)))`, 'x'],
  ['CE of softmax in W', 'x: n×1; y: K×1 simplex; W: K×n\nL = −yᵀ log(softmax(W x))', `n, K = dims('n K'); x = mat('x', n, 1); y = mat('y', K, 1); W = mat('W', K, n); goal = -y.T*ew(log, softmax(W*x))`, 'W'],
  ['sum exp(Ax + b)', 'A: m×n; x: n×1; b: m×1\nL = sum(exp(A x + b))', `m, n = dims('m n'); A = mat('A', m, n); x = mat('x', n, 1); b = mat('b', m, 1); goal = sumall(ew(exp, A*x + b))`, 'x'],
  ['exp(aᵀx)', 'x: n×1; a: n×1\nL = exp(aᵀ x)', `n = dims('n'); x = mat('x', n, 1); a = mat('a', n, 1); goal = ew(exp, a.T*x)`, 'x'],
  ['negative entropy', 'x: n×1 positive\nL = sum(x ⊙ log(x))', `n = dims('n'); x = mat('x', n, 1); goal = sumall(had(x, ew(log, x)))`, 'x'],
  ['tr(XᵀAX)', 'A: m×m; X: m×n\nL = tr(Xᵀ A X)', `m, n = dims('m n'); A = mat('A', m, m); X = mat('X', m, n); goal = Trace(X.T*A*X)`, 'X'],
  ['tr(AXBXᵀ)', 'A: m×m; B: n×n; X: m×n\nL = tr(A X B Xᵀ)', `m, n = dims('m n'); A = mat('A', m, m); B = mat('B', n, n); X = mat('X', m, n); goal = Trace(A*X*B*X.T)`, 'X'],
  ['tr(XᵀX)', 'X: m×n\nL = tr(Xᵀ X)', `m, n = dims('m n'); X = mat('X', m, n); goal = Trace(X.T*X)`, 'X'],
  ['tr(X²)', 'X: n×n\nL = tr(X^2)', `n = dims('n'); X = mat('X', n, n); goal = Trace(X**2)`, 'X'],
  ['tr(AX²)', 'X: n×n; A: n×n\nL = tr(A X X)', `n = dims('n'); X = mat('X', n, n); A = mat('A', n, n); goal = Trace(A*X*X)`, 'X'],
  ['(tr X)²', 'X: n×n\nL = tr(X)^2', `n = dims('n'); X = mat('X', n, n); goal = Trace(X)**2`, 'X'],
  ['tr(AᵀX)²', 'X: m×n; A: m×n\nL = tr(Aᵀ X)^2', `m, n = dims('m n'); X = mat('X', m, n); A = mat('A', m, n); goal = Trace(A.T*X)**2`, 'X'],
  ['log det X', 'X: n×n\nL = logdet(X)', `n = dims('n'); X = mat('X', n, n); goal = log(Determinant(X))`, 'X'],
  ['log det X (spd)', 'X: n×n spd\nL = logdet(X)', `n = dims('n'); X = mat('X', n, n); goal = log(Determinant(X))`, 'X'],
  ['det X', 'X: n×n\nL = det(X)', `n = dims('n'); X = mat('X', n, n); goal = Determinant(X)`, 'X'],
  ['Gaussian in μ', 'Σ: n×n spd; x: n×1; μ: n×1\nL = −logdet(Σ)/2 − (x − μ)ᵀ inv(Σ) (x − μ)/2', `n = dims('n'); Σ = mat('Σ', n, n); x = mat('x', n, 1); μ = mat('μ', n, 1); goal = -log(Determinant(Σ))/2 - (x - μ).T*Inverse(Σ)*(x - μ)/2`, 'μ'],
  ['Gaussian in Σ', 'Σ: n×n spd; x: n×1; μ: n×1\nL = −logdet(Σ)/2 − (x − μ)ᵀ inv(Σ) (x − μ)/2', `n = dims('n'); Σ = mat('Σ', n, n); x = mat('x', n, 1); μ = mat('μ', n, 1); goal = -log(Determinant(Σ))/2 - (x - μ).T*Inverse(Σ)*(x - μ)/2`, 'Σ'],
  ['matrix factorisation in U', 'X: m×n; U: m×k; V: n×k\nL = ‖X − U Vᵀ‖_F^2', `m, n, k = dims('m n k'); X = mat('X', m, n); U = mat('U', m, k); V = mat('V', n, k); goal = fro2(X - U*V.T)`, 'U'],
  ['matrix factorisation in V', 'X: m×n; U: m×k; V: n×k\nL = ‖X − U Vᵀ‖_F^2', `m, n, k = dims('m n k'); X = mat('X', m, n); U = mat('U', m, k); V = mat('V', n, k); goal = fro2(X - U*V.T)`, 'V'],
]) H(`Hessian ${label}`, prog, py, [wrt]);

export const CASES = cases;

/** An MLP of the given depth (sigmoid layers, squared loss), for the scaling benchmark. */
export function mlp(depth) {
  const lines = ['X: N×D; y: N×1'];
  for (let i = 1; i <= depth; i++) lines.push(`W${i}: D×D; b${i}: 1×D`);
  lines.push('Wo: D×1');
  let prev = 'X';
  for (let i = 1; i <= depth; i++) {
    lines.push(`A${i} = σ(${prev}W${i} + b${i})`);
    prev = `A${i}`;
  }
  lines.push(`L = ‖${prev}Wo − y‖²/N`);
  return lines.join('\n');
}

/**
 * Losses for the cheap-gradient ratio (flops of the gradient over flops of the
 * forward program), with every dimension bound to 64.
 */
export const FLOP_PROGRAMS = [
  { name: 'logistic regression', program: 'X: N×D; w: D×1; b: scalar; y: N×1\np = σ(Xw + b)\nL = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))/N', params: ['w', 'b'] },
  { name: 'softmax regression', program: 'X: N×D; W: D×K; b: 1×K; Y: N×K simplex_rows\nS = softmax_rows(XW + b)\nL = −sum(Y ⊙ log(S))/N', params: ['W', 'b'] },
  { name: 'MLP, 1 hidden layer, softmax CE', program: 'X: N×D; W1: D×H; b1: 1×H; W2: H×K; b2: 1×K; Y: N×K simplex_rows\nA1 = σ(XW1 + b1)\nS = softmax_rows(A1 W2 + b2)\nL = −sum(Y ⊙ log(S))/N', params: ['W1', 'b1', 'W2', 'b2'] },
  { name: 'MLP, depth 4, squared loss', program: mlp(4), params: ['W1', 'b1', 'W2', 'b2', 'W3', 'b3', 'W4', 'b4', 'Wo'] },
];
