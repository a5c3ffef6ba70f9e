// Benchmark cases: [name, program, wrt]. Programs declare their variables inline.
export const CASES = [
  ['logistic (seed 000 1a)', 'X: 1×M; W: M×1; b: scalar; y: scalar\nh = XW + b; a = σ(h); L = −y log(a) − (1 − y) log(1 − a)', 'W'],
  ['hidden sigmoid (seed 000 1b) W1', 'X: 1×M; W1: M×N; b1: 1×N; W2: N×1; b2: scalar; y: scalar\nh1 = XW1 + b1; a1 = σ(h1); h2 = a1 W2 + b2; a2 = σ(h2)\nL = −y log(a2) − (1 − y) log(1 − a2)', 'W1'],
  ['softmax regression (seed 000 L-a)', 'X: 1×M; W: M×K; b: 1×K; y: 1×K simplex\nh = XW + b; s = softmax(h); L = −sum(y ⊙ log(s))', 'W'],
  ['seed 001 J wrt x', 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex\nh = σ(xW1 + b1); ŷ = softmax(hW2 + b2); J = CE(y, ŷ)', 'x'],
  ['seed 001 J wrt W1', 'x: 1×Dx; W1: Dx×H; b1: 1×H; W2: H×Dy; b2: 1×Dy; y: 1×Dy simplex\nh = σ(xW1 + b1); ŷ = softmax(hW2 + b2); J = CE(y, ŷ)', 'W1'],
  ['batch softmax regression', 'X: N×M; W: M×K; b: 1×K; Y: N×K simplex_rows\nS = softmax_rows(XW + b); L = −sum(Y ⊙ log(S))/N', 'W'],
  ['seed 002 two ReLU layers W1', 'X: d×n; W1: H×d; b1: H×1; W2: G×H; b2: G×1; W3: K×G; b3: K×1; Y: K×n simplex\nH1 = ReLU(W1 X + b1); H2 = ReLU(W2 H1 + b2); P = softmax(W3 H2 + b3)\nL = −sum(Y ⊙ log(P))/n', 'W1'],
  ['seed 002 autoencoder W1', 'X: d×n; W1: H×d; b1: H×1; W2: d×H; b2: d×1\nh = ReLU(W1 X + b1); x̂ = ReLU(W2 h + b2); L = ‖X − x̂‖_F² / n', 'W1'],
  ['seed 004 L2 logistic w', 'X: d×n; w: d×1; w0: scalar; y: 1×n; λ: scalar\np = σ(wᵀX + w0); L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))/n + λ‖w‖²', 'w'],
  ['quadratic form', 'A: n×n; x: n×1\nxᵀAx', 'x'],
  ['least squares', 'A: m×n; x: n×1; b: m×1\n‖Ax − b‖²', 'x'],
  ['ridge', 'X: N×M; w: M×1; y: N×1; λ: scalar\n‖Xw − y‖²/N + λ‖w‖²', 'w'],
  ['trace AXB', 'A: p×m; X: m×n; B: n×p\ntr(AXB)', 'X'],
  ['logdet', 'X: n×n spd\nlogdet(X)', 'X'],
  ['tanh MLP 3 layers', 'X: N×M; W1: M×H; b1: 1×H; W2: H×G; b2: 1×G; W3: G×1; y: N×1\nA1 = tanh(XW1 + b1); A2 = tanh(A1 W2 + b2); L = ‖A2 W3 − y‖²/N', 'W1'],
];

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
