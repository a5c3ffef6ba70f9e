/**
 * Course problems with the answer as the textbook prints it (issue 12, item 7). Each
 * problem is a dcalc program, the variable, the derivative's kind, the textbook form in
 * dcalc's text syntax (it may use the program's names; temporaries as `t = …; …`), and
 * where it comes from. Plain JavaScript, so that bench/textbook.mjs (run by node) and
 * test/textbook/textbook.test.ts share it.
 */

/** The length measure: characters of a printed form without whitespace, counted as code points. */
export const printedLength = (s) => [...s.replace(/\s+/g, '')].length;

const LOGREG = `X: n×d; w: d×1; y: n×1
p = σ(Xw)
L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))`;

const SOFTMAX_REG = `X: n×d; W: d×C; Y: n×C simplex_rows
P = softmax_rows(XW)
L = −sum(Y ⊙ log(P))/n`;

const TWO_LAYER = `X: N×D; W1: D×H; b1: 1×H; W2: H×C; b2: 1×C; Y: N×C simplex_rows
h = relu(XW1 + b1)
P = softmax_rows(hW2 + b2)
L = −sum(Y ⊙ log(P))/N`;

const THREE_LAYER = `x: D×1; W1: H1×D; b1: H1×1; W2: H2×H1; b2: H2×1; W3: K×H2; b3: K×1; y: K×1
h1 = σ(W1x + b1)
h2 = σ(W2h1 + b2)
ŷ = W3h2 + b3
L = ‖ŷ − y‖²/2`;

const BATCHNORM = `X: N×D; γ: 1×D; β: 1×D; G: N×D
μ = sum_cols(X)/N
Xc = X − μ
v = sum_cols(Xc ⊙ Xc)/N
s = sqrt(v + 0.001)
X̂ = Xc ⊘ s
Y = γ ⊙ X̂ + β
L = sum(G ⊙ Y)`;

const LAYERNORM = `x: D×1; γ: D×1; β: D×1; g: D×1
μ = sum(x)/D
xc = x − μ
v = xcᵀxc/D
s = sqrt(v + 0.001)
x̂ = xc/s
y = γ ⊙ x̂ + β
L = gᵀy`;

const LAYERNORM_JAC = `x: D×1
μ = sum(x)/D
xc = x − μ
s = sqrt(xcᵀxc/D + 0.001)
x̂ = xc/s`;

const GMM = `X: n×d; μ: 1×d; Σ: d×d spd; r: n×1 positive
Xc = X − μ
L = −sum(r ⊙ sum_rows(Xc Σ⁻¹ ⊙ Xc))/2 − sum(r) logdet(Σ)/2`;

const GAUSS_NLL = `x: d×1; μ: d×1; Σ: d×d spd
L = (x − μ)ᵀΣ⁻¹(x − μ)/2 + logdet(Σ)/2`;

const ATTENTION = `Q: n×k; K: m×k; V: m×v; G: n×v
A = softmax_rows(QKᵀ)
L = sum(G ⊙ AV)`;

const SKIPGRAM = `vc: d×1; U: d×V; y: V×1 simplex
ŷ = softmax(Uᵀvc)
J = −yᵀlog(ŷ)`;

const NEG_SAMPLING = `vc: d×1; uo: d×1; Uk: d×K
J = −log(σ(uoᵀvc)) − sum(log(σ(−Ukᵀvc)))`;

const MF = `R: m×n; U: m×k; V: n×k; λ: scalar
L = ‖R − UVᵀ‖_F²/2 + λ/2 (‖U‖_F² + ‖V‖_F²)`;

const MASKED_MF = `R: m×n; M: m×n binary; U: m×k; V: n×k
L = ‖M ⊙ (R − UVᵀ)‖_F²/2`;

const RAYLEIGH = `A: n×n symmetric; x: n×1
r = xᵀAx/(xᵀx)`;

const SIGMOID_LSQ = `X: n×d; w: d×1; y: n×1
p = σ(Xw)
L = ‖p − y‖²`;

export const PROBLEMS = [
  // Linear regression, least squares, ridge
  { id: 'least-squares-grad', kind: 'grad', program: 'A: m×n; x: n×1; b: m×1\nf = ‖Ax − b‖²', wrt: 'x', textbook: '2Aᵀ(Ax − b)', source: 'Boyd & Vandenberghe, Convex Optimization §A.4.1' },
  { id: 'least-squares-hessian', kind: 'hessian', program: 'A: m×n; x: n×1; b: m×1\nf = ‖Ax − b‖²', wrt: 'x', textbook: '2AᵀA', source: 'Boyd & Vandenberghe §A.4.1' },
  { id: 'linreg-half-mse', kind: 'grad', program: 'X: n×d; θ: d×1; y: n×1\nJ = 1/2 ‖Xθ − y‖²', wrt: 'θ', textbook: 'Xᵀ(Xθ − y)', source: 'CS229 notes 1, §2.2 (normal equations)' },
  { id: 'ridge-grad', kind: 'grad', program: 'X: n×d; w: d×1; y: n×1; λ: scalar\nJ = ‖Xw − y‖²/2 + λ/2 ‖w‖²', wrt: 'w', textbook: 'Xᵀ(Xw − y) + λw', source: 'Bishop PRML §3.1.4' },
  { id: 'ridge-hessian', kind: 'hessian', program: 'X: n×d; w: d×1; y: n×1; λ: scalar\nJ = ‖Xw − y‖²/2 + λ/2 ‖w‖²', wrt: 'w', textbook: 'XᵀX + λ eye(d)', source: 'Bishop PRML §3.1.4' },
  { id: 'weighted-lsq', kind: 'grad', program: 'X: n×d; w: d×1; y: n×1; c: n×1 positive\nJ = sum(c ⊙ (Xw − y).^2)/2', wrt: 'w', textbook: 'Xᵀ(c ⊙ (Xw − y))', source: 'CS229 notes 1, §3 (locally weighted regression)' },
  { id: 'multi-output-lsq', kind: 'grad', program: 'X: n×d; W: d×k; Y: n×k\nJ = ‖XW − Y‖_F²/2', wrt: 'W', textbook: 'Xᵀ(XW − Y)', source: 'Bishop PRML §3.1.5' },
  // Logistic and softmax regression
  { id: 'logreg-grad', kind: 'grad', program: LOGREG, wrt: 'w', textbook: 'Xᵀ(p − y)', source: 'CS229 notes 1, §5 (logistic regression)' },
  { id: 'logreg-hessian', kind: 'hessian', program: LOGREG, wrt: 'w', textbook: 'Xᵀ(p ⊙ (1 − p) ⊙ X)', source: 'Bishop PRML §4.3.3 (IRLS), H = ΦᵀRΦ' },
  { id: 'logreg-l2-grad', kind: 'grad', program: `${LOGREG} + λ/2 ‖w‖²`.replace('y: n×1', 'y: n×1; λ: scalar'), wrt: 'w', textbook: 'Xᵀ(p − y) + λw', source: 'Bishop PRML §4.3.2, §5.5.1' },
  { id: 'softmax-reg-grad', kind: 'grad', program: SOFTMAX_REG, wrt: 'W', textbook: 'Xᵀ(P − Y)/n', source: 'CS231n softmax classifier notes; CS229 notes 1 §9.3' },
  { id: 'softmax-hessian', kind: 'hessian', program: 'z: C×1\nf = logsumexp(z)', wrt: 'z', textbook: 'p = softmax(z); diag(p) − ppᵀ', source: 'Boyd & Vandenberghe §3.1.5 (log-sum-exp)' },
  { id: 'softmax-jacobian', kind: 'jacobian', program: 'z: C×1\np = softmax(z)', wrt: 'z', textbook: 'diag(p) − ppᵀ', source: 'CS224n, gradient notes §5' },
  { id: 'softmax-ce-logits', kind: 'grad', program: 'z: C×1; y: C×1 simplex\nŷ = softmax(z)\nJ = −yᵀlog(ŷ)', wrt: 'z', textbook: 'ŷ − y', source: 'CS224n assignment 2, (b)' },
  { id: 'softmax-reg-hessian-single', kind: 'hessian', program: 'x: d×1; W: C×d; y: C×1 simplex\np = softmax(Wx)\nL = −yᵀlog(p)', wrt: 'W', textbook: 'kron(xxᵀ, diag(p) − ppᵀ)', source: 'Bishop PRML §4.3.4, eq. 4.110' },
  { id: 'sigmoid-derivative', kind: 'grad', program: 'u: scalar\nf = log(σ(u))', wrt: 'u', textbook: 'σ(−u)', source: 'CS229 notes 1 §5, g′ = g(1 − g)' },
  { id: 'sigmoid-lsq-grad', kind: 'grad', program: SIGMOID_LSQ, wrt: 'w', textbook: '2Xᵀ((p − y) ⊙ p ⊙ (1 − p))', source: 'Bishop PRML §5.3 (backprop, sigmoid output, sum-of-squares)' },
  { id: 'sigmoid-lsq-hessian', kind: 'hessian', program: SIGMOID_LSQ, wrt: 'w', textbook: '2Xᵀ((p ⊙ (1 − p) ⊙ (p ⊙ (1 − p) + (p − y) ⊙ (1 − 2p))) ⊙ X)', source: 'Bishop PRML §5.4 (exact Hessian)' },
  // Neural networks
  { id: 'two-layer-W2', kind: 'grad', program: TWO_LAYER, wrt: 'W2', textbook: 'hᵀ(P − Y)/N', source: 'CS231n assignment 1, two_layer_net' },
  { id: 'two-layer-b2', kind: 'grad', program: TWO_LAYER, wrt: 'b2', textbook: 'sum_cols(P − Y)/N', source: 'CS231n assignment 1, two_layer_net' },
  { id: 'two-layer-W1', kind: 'grad', program: TWO_LAYER, wrt: 'W1', textbook: 'Xᵀ((P − Y)W2ᵀ ⊙ step(XW1 + b1))/N', source: 'CS231n assignment 1, two_layer_net' },
  { id: 'two-layer-b1', kind: 'grad', program: TWO_LAYER, wrt: 'b1', textbook: 'sum_cols((P − Y)W2ᵀ ⊙ step(XW1 + b1))/N', source: 'CS231n assignment 1, two_layer_net' },
  { id: 'three-layer-W3', kind: 'grad', program: THREE_LAYER, wrt: 'W3', textbook: '(ŷ − y)h2ᵀ', source: 'Bishop PRML §5.3.1' },
  { id: 'three-layer-W2', kind: 'grad', program: THREE_LAYER, wrt: 'W2', textbook: '(W3ᵀ(ŷ − y) ⊙ h2 ⊙ (1 − h2))h1ᵀ', source: 'Bishop PRML §5.3.1, eq. 5.56' },
  { id: 'three-layer-W1', kind: 'grad', program: THREE_LAYER, wrt: 'W1', textbook: '(W2ᵀ(W3ᵀ(ŷ − y) ⊙ h2 ⊙ (1 − h2)) ⊙ h1 ⊙ (1 − h1))xᵀ', source: 'Bishop PRML §5.3.1, eq. 5.56' },
  { id: 'tanh-layer', kind: 'grad', program: 'x: D×1; W: H×D; b: H×1; g: H×1\nh = tanh(Wx + b)\nL = gᵀh', wrt: 'W', textbook: '(g ⊙ (1 − h²))xᵀ', source: 'CS224n, gradient notes §5 (tanh)' },
  { id: 'relu-layer-x', kind: 'grad', program: 'x: D×1; W: H×D; b: H×1; g: H×1\nz = Wx + b\nL = gᵀrelu(z)', wrt: 'x', textbook: 'Wᵀ(g ⊙ step(z))', source: 'CS231n, backprop notes' },
  // Normalisation
  { id: 'batchnorm-gamma', kind: 'grad', program: BATCHNORM, wrt: 'γ', textbook: 'sum_cols(G ⊙ X̂)', source: 'CS231n assignment 2, batchnorm_backward' },
  { id: 'batchnorm-beta', kind: 'grad', program: BATCHNORM, wrt: 'β', textbook: 'sum_cols(G)', source: 'CS231n assignment 2, batchnorm_backward' },
  { id: 'batchnorm-x', kind: 'grad', program: BATCHNORM, wrt: 'X', textbook: 'γ ⊘ s ⊙ (G − sum_cols(G)/N − X̂ ⊙ sum_cols(G ⊙ X̂)/N)', source: 'CS231n assignment 2, batchnorm_backward_alt' },
  { id: 'layernorm-x', kind: 'grad', program: LAYERNORM, wrt: 'x', textbook: 't = g ⊙ γ; (t − sum(t)/D − x̂ x̂ᵀt/D)/s', source: 'CS231n assignment 2, layernorm_backward' },
  { id: 'layernorm-jacobian', kind: 'jacobian', program: LAYERNORM_JAC, wrt: 'x', textbook: '(eye(D) − ones(D, D)/D − x̂x̂ᵀ/D)/s', source: 'CS231n assignment 2, layer normalisation' },
  // Gaussians, log-det, GMM
  { id: 'gauss-nll-mu', kind: 'grad', program: GAUSS_NLL, wrt: 'μ', textbook: 'Σ⁻¹(μ − x)', source: 'Bishop PRML §2.3.4' },
  { id: 'gauss-nll-sigma', kind: 'grad', program: GAUSS_NLL, wrt: 'Σ', textbook: '(Σ⁻¹ − Σ⁻¹(x − μ)(x − μ)ᵀΣ⁻¹)/2', source: 'Bishop PRML §2.3.4, (C.22), (C.24)' },
  { id: 'logdet', kind: 'grad', program: 'X: n×n spd\nf = logdet(X)', wrt: 'X', textbook: 'X⁻¹', source: 'Boyd & Vandenberghe §A.4.1' },
  { id: 'inverse-bilinear', kind: 'grad', program: 'a: n×1; X: n×n; b: n×1\nf = aᵀX⁻¹b', wrt: 'X', textbook: '−X⁻ᵀabᵀX⁻ᵀ', source: 'Matrix Cookbook (61); Boyd & Vandenberghe §A.4.1' },
  { id: 'gmm-mu', kind: 'grad', program: GMM, wrt: 'μ', textbook: 'rᵀXcΣ⁻¹', source: 'Bishop PRML §9.2.2, eq. 9.16' },
  { id: 'gmm-sigma', kind: 'grad', program: GMM, wrt: 'Σ', textbook: '(Σ⁻¹Xcᵀ(r ⊙ Xc)Σ⁻¹ − sum(r)Σ⁻¹)/2', source: 'Bishop PRML §9.2.2, eq. 9.19' },
  { id: 'det', kind: 'grad', program: 'X: n×n\nf = det(X)', wrt: 'X', textbook: 'det(X)X⁻ᵀ', source: 'Matrix Cookbook (49); Bishop PRML (C.22)' },
  // Attention, word vectors, factorisation
  { id: 'attention-V', kind: 'grad', program: ATTENTION, wrt: 'V', textbook: 'AᵀG', source: 'CS224n, self-attention lecture' },
  { id: 'attention-Q', kind: 'grad', program: ATTENTION, wrt: 'Q', textbook: 't = GVᵀ; (A ⊙ (t − sum_rows(A ⊙ t)))K', source: 'CS224n, self-attention lecture' },
  { id: 'skipgram-vc', kind: 'grad', program: SKIPGRAM, wrt: 'vc', textbook: 'U(ŷ − y)', source: 'CS224n assignment 2, (a) naive softmax' },
  { id: 'skipgram-U', kind: 'grad', program: SKIPGRAM, wrt: 'U', textbook: 'vc(ŷ − y)ᵀ', source: 'CS224n assignment 2, (b) naive softmax' },
  { id: 'neg-sampling-vc', kind: 'grad', program: NEG_SAMPLING, wrt: 'vc', textbook: '(σ(uoᵀvc) − 1)uo + Uk σ(Ukᵀvc)', source: 'CS224n assignment 2, (e) negative sampling' },
  { id: 'neg-sampling-uo', kind: 'grad', program: NEG_SAMPLING, wrt: 'uo', textbook: '(σ(uoᵀvc) − 1)vc', source: 'CS224n assignment 2, (e) negative sampling' },
  { id: 'neg-sampling-Uk', kind: 'grad', program: NEG_SAMPLING, wrt: 'Uk', textbook: 'vc σ(Ukᵀvc)ᵀ', source: 'CS224n assignment 2, (e) negative sampling' },
  { id: 'mf-U', kind: 'grad', program: MF, wrt: 'U', textbook: '(UVᵀ − R)V + λU', source: 'CS229 / Koren et al. matrix factorisation' },
  { id: 'masked-mf-U', kind: 'grad', program: MASKED_MF, wrt: 'U', textbook: '(M ⊙ (UVᵀ − R))V', source: 'CS229 recommender systems (observed entries)' },
  // Quadratic forms, traces, PCA
  { id: 'quadratic-form', kind: 'grad', program: 'A: n×n; x: n×1\nf = xᵀAx', wrt: 'x', textbook: '(A + Aᵀ)x', source: 'Boyd & Vandenberghe §A.4.1; Matrix Cookbook (81)' },
  { id: 'quadratic-hessian', kind: 'hessian', program: 'A: n×n; x: n×1\nf = xᵀAx', wrt: 'x', textbook: 'A + Aᵀ', source: 'Boyd & Vandenberghe §A.4.3' },
  { id: 'rayleigh', kind: 'grad', program: RAYLEIGH, wrt: 'x', textbook: '2(Ax − rx)/(xᵀx)', source: 'Bishop PRML §12.1.1 (PCA, maximum variance)' },
  { id: 'trace-AXB', kind: 'grad', program: 'A: p×m; X: m×n; B: n×p\nf = tr(AXB)', wrt: 'X', textbook: 'AᵀBᵀ', source: 'Matrix Cookbook (100); Bishop PRML (C.24)' },
  { id: 'trace-XAXt', kind: 'grad', program: 'A: n×n; X: m×n\nf = tr(XAXᵀ)', wrt: 'X', textbook: 'X(A + Aᵀ)', source: 'Matrix Cookbook (117)' },
  { id: 'pca-reconstruction', kind: 'grad', program: 'X: n×d; W: d×k\nL = ‖X − XWWᵀ‖_F²', wrt: 'W', textbook: 't = XWWᵀ − X; 2(Xᵀt + tᵀX)W', source: 'Bishop PRML §12.1.2 (minimum-error PCA)' },
];
