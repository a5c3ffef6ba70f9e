/**
 * Multi-layer perceptrons with 1–3 hidden layers (sigmoid, tanh, ReLU), the gradient
 * wrt every weight and bias. Backpropagation in the textbook's form: the error at a
 * layer is the next layer's error times its weights, Hadamard the activation's
 * derivative (h ⊙ (1 − h) for σ, 1 − h.^2 for tanh, step(z) for ReLU).
 */
import { describe, it, expect } from 'vitest';

describe('one hidden sigmoid layer, binary output (rows)', () => {
  const program = `x: 1×M; W1: M×H; b1: 1×H; W2: H×1; b2: scalar; y: scalar
h = σ(xW1 + b1)
a = σ(hW2 + b2)
L = −y log a − (1 − y) log(1 − a)`;
  it('∂L/∂W2 = hᵀ(a − y)', () => expect(program).toHaveGradient('W2', 'hᵀ(a − y)'));
  it('∂L/∂b2 = a − y', () => expect(program).toHaveGradient('b2', 'a − y'));
  it('∂L/∂h = (a − y)W2ᵀ', () => expect(program).toHaveGradient('h', '(a − y)W2ᵀ'));
  it('∂L/∂W1 = xᵀ((a − y)W2ᵀ ⊙ h ⊙ (1 − h))', () => expect(program).toHaveGradient('W1', 'xᵀ((a − y)W2ᵀ ⊙ h ⊙ (1 − h))'));
  it('∂L/∂b1 = (a − y)W2ᵀ ⊙ h ⊙ (1 − h)', () => expect(program).toHaveGradient('b1', '(a − y)W2ᵀ ⊙ h ⊙ (1 − h)'));
});

describe('one hidden tanh layer, squared error (columns)', () => {
  const program = `x: M×1; W1: H×M; b1: H×1; W2: K×H; b2: K×1; y: K×1
h = tanh(W1 x + b1)
ŷ = W2 h + b2
L = ‖ŷ − y‖²/2`;
  it('∂L/∂W2 = (ŷ − y)hᵀ', () => expect(program).toHaveGradient('W2', '(ŷ − y)hᵀ'));
  it('∂L/∂b2 = ŷ − y', () => expect(program).toHaveGradient('b2', 'ŷ − y'));
  it('∂L/∂h = W2ᵀ(ŷ − y)', () => expect(program).toHaveGradient('h', 'W2ᵀ(ŷ − y)'));
  it('∂L/∂W1 = (W2ᵀ(ŷ − y) ⊙ (1 − h.^2))xᵀ', () => expect(program).toHaveGradient('W1', '(W2ᵀ(ŷ − y) ⊙ (1 − h²))xᵀ'));
  it('∂L/∂b1 = W2ᵀ(ŷ − y) ⊙ (1 − h.^2)', () => expect(program).toHaveGradient('b1', 'W2ᵀ(ŷ − y) ⊙ (1 − h²)'));
});

describe('one hidden ReLU layer, scalar regression output (columns)', () => {
  const program = `x: M×1; W1: H×M; b1: H×1; w2: H×1; b2: scalar; y: scalar
z1 = W1 x + b1
h = relu(z1)
ŷ = w2ᵀh + b2
L = (ŷ − y)²/2`;
  it('∂L/∂w2 = h(ŷ − y)', () => expect(program).toHaveGradient('w2', 'h(ŷ − y)'));
  it('∂L/∂b2 = ŷ − y', () => expect(program).toHaveGradient('b2', 'ŷ − y'));
  it('∂L/∂h = w2(ŷ − y)', () => expect(program).toHaveGradient('h', 'w2(ŷ − y)'));
  it('∂L/∂z1 = (w2 ⊙ step(z1))(ŷ − y)', () => expect(program).toHaveGradient('z1', '(w2 ⊙ step(z1))(ŷ − y)'));
  it('∂L/∂W1 = (ŷ − y)(w2 ⊙ step(z1))xᵀ', () => expect(program).toHaveGradient('W1', '(ŷ − y)(w2 ⊙ step(z1))xᵀ'));
  it('∂L/∂b1 = (w2 ⊙ step(z1))(ŷ − y)', () => expect(program).toHaveGradient('b1', '(w2 ⊙ step(z1))(ŷ − y)'));
});

describe('one hidden ReLU layer, softmax output (rows)', () => {
  const program = `x: 1×M; W1: M×H; b1: 1×H; W2: H×K; b2: 1×K; y: 1×K simplex
h = relu(xW1 + b1)
s = softmax(hW2 + b2)
L = −sum(y ⊙ log(s))`;
  it('∂L/∂W2 = hᵀ(s − y)', () => expect(program).toHaveGradient('W2', 'hᵀ(s − y)'));
  it('∂L/∂b2 = s − y', () => expect(program).toHaveGradient('b2', 's − y'));
  it('∂L/∂W1 = xᵀ((s − y)W2ᵀ ⊙ step(xW1 + b1))', () => expect(program).toHaveGradient('W1', 'xᵀ((s − y)W2ᵀ ⊙ step(xW1 + b1))'));
  it('∂L/∂b1 = (s − y)W2ᵀ ⊙ step(xW1 + b1)', () => expect(program).toHaveGradient('b1', '(s − y)W2ᵀ ⊙ step(xW1 + b1)'));
});

describe('one hidden sigmoid layer, softmax output (columns)', () => {
  const program = `x: M×1; W1: H×M; b1: H×1; W2: K×H; b2: K×1; y: K×1 simplex
h = σ(W1 x + b1)
s = softmax(W2 h + b2)
L = CE(y, s)`;
  it('∂L/∂W2 = (s − y)hᵀ', () => expect(program).toHaveGradient('W2', '(s − y)hᵀ'));
  it('∂L/∂b2 = s − y', () => expect(program).toHaveGradient('b2', 's − y'));
  it('∂L/∂W1 = (W2ᵀ(s − y) ⊙ h ⊙ (1 − h))xᵀ', () => expect(program).toHaveGradient('W1', '(W2ᵀ(s − y) ⊙ h ⊙ (1 − h))xᵀ'));
  it('∂L/∂b1 = W2ᵀ(s − y) ⊙ h ⊙ (1 − h)', () => expect(program).toHaveGradient('b1', 'W2ᵀ(s − y) ⊙ h ⊙ (1 − h)'));
});

describe('one hidden sigmoid layer, softmax output (batch of rows)', () => {
  const program = `X: N×M; W1: M×H; b1: 1×H; W2: H×K; b2: 1×K; Y: N×K simplex_rows
H1 = σ(XW1 + b1)
S = softmax_rows(H1 W2 + b2)
L = −sum(Y ⊙ log(S))/N`;
  it('∂L/∂W2 = H1ᵀ(S − Y)/N', () => expect(program).toHaveGradient('W2', 'H1ᵀ(S − Y)/N'));
  it('∂L/∂b2 = sum_cols(S − Y)/N', () => expect(program).toHaveGradient('b2', 'sum_cols(S − Y)/N'));
  it('∂L/∂W1 = Xᵀ((S − Y)W2ᵀ ⊙ H1 ⊙ (1 − H1))/N', () => expect(program).toHaveGradient('W1', 'Xᵀ((S − Y)W2ᵀ ⊙ H1 ⊙ (1 − H1))/N'));
  it('∂L/∂b1 = sum_cols((S − Y)W2ᵀ ⊙ H1 ⊙ (1 − H1))/N', () => expect(program).toHaveGradient('b1', 'sum_cols((S − Y)W2ᵀ ⊙ H1 ⊙ (1 − H1))/N'));
});

describe('one hidden tanh layer, binary output (batch of rows)', () => {
  const program = `X: N×M; W1: M×H; b1: 1×H; w2: H×1; b2: scalar; y: N×1
H1 = tanh(XW1 + b1)
p = σ(H1 w2 + b2)
L = −sum(y ⊙ log(p) + (1 − y) ⊙ log(1 − p))/N`;
  it('∂L/∂w2 = H1ᵀ(p − y)/N', () => expect(program).toHaveGradient('w2', 'H1ᵀ(p − y)/N'));
  it('∂L/∂b2 = sum(p − y)/N', () => expect(program).toHaveGradient('b2', 'sum(p − y)/N'));
  it('∂L/∂W1 = Xᵀ((p − y)w2ᵀ ⊙ (1 − H1.^2))/N', () => expect(program).toHaveGradient('W1', 'Xᵀ((p − y)w2ᵀ ⊙ (1 − H1²))/N'));
  it('∂L/∂b1 = sum_cols((p − y)w2ᵀ ⊙ (1 − H1.^2))/N', () => expect(program).toHaveGradient('b1', 'sum_cols((p − y)w2ᵀ ⊙ (1 − H1²))/N'));
});

describe('one hidden tanh layer, squared error (batch of rows)', () => {
  const program = `X: N×M; W1: M×H; b1: 1×H; W2: H×K; b2: 1×K; Y: N×K
A1 = tanh(XW1 + b1)
Ŷ = A1 W2 + b2
L = ‖Ŷ − Y‖_F²/(2N)`;
  it('∂L/∂W2 = A1ᵀ(Ŷ − Y)/N', () => expect(program).toHaveGradient('W2', 'A1ᵀ(Ŷ − Y)/N'));
  it('∂L/∂b2 = sum_cols(Ŷ − Y)/N', () => expect(program).toHaveGradient('b2', 'sum_cols(Ŷ − Y)/N'));
  it('∂L/∂W1 = Xᵀ((Ŷ − Y)W2ᵀ ⊙ (1 − A1.^2))/N', () => expect(program).toHaveGradient('W1', 'Xᵀ((Ŷ − Y)W2ᵀ ⊙ (1 − A1²))/N'));
  it('∂L/∂b1 = sum_cols((Ŷ − Y)W2ᵀ ⊙ (1 − A1.^2))/N', () => expect(program).toHaveGradient('b1', 'sum_cols((Ŷ − Y)W2ᵀ ⊙ (1 − A1²))/N'));
});

describe('two hidden layers, sigmoid then tanh, squared error (columns)', () => {
  const program = `x: M×1; W1: H×M; W2: P×H; W3: K×P; y: K×1
h1 = σ(W1 x)
h2 = tanh(W2 h1)
ŷ = W3 h2
L = ‖ŷ − y‖²/2`;
  it('∂L/∂W3 = (ŷ − y)h2ᵀ', () => expect(program).toHaveGradient('W3', '(ŷ − y)h2ᵀ'));
  it('∂L/∂W2 = (W3ᵀ(ŷ − y) ⊙ (1 − h2.^2))h1ᵀ', () => expect(program).toHaveGradient('W2', '(W3ᵀ(ŷ − y) ⊙ (1 − h2²))h1ᵀ'));
  it('∂L/∂W1 = (W2ᵀ(W3ᵀ(ŷ − y) ⊙ (1 − h2.^2)) ⊙ h1 ⊙ (1 − h1))xᵀ', () =>
    expect(program).toHaveGradient('W1', '(W2ᵀ(W3ᵀ(ŷ − y) ⊙ (1 − h2²)) ⊙ h1 ⊙ (1 − h1))xᵀ'));
});

describe('three ReLU/softmax layers with biases (batch of rows)', () => {
  const program = `X: N×M; W1: M×H; b1: 1×H; W2: H×P; b2: 1×P; W3: P×K; b3: 1×K; Y: N×K simplex_rows
H1 = relu(XW1 + b1)
H2 = relu(H1 W2 + b2)
S = softmax_rows(H2 W3 + b3)
L = −sum(Y ⊙ log(S))/N`;
  it('∂L/∂W3 = H2ᵀ(S − Y)/N', () => expect(program).toHaveGradient('W3', 'H2ᵀ(S − Y)/N'));
  it('∂L/∂b3 = sum_cols(S − Y)/N', () => expect(program).toHaveGradient('b3', 'sum_cols(S − Y)/N'));
  it('∂L/∂W2 = H1ᵀ((S − Y)W3ᵀ ⊙ step(H1W2 + b2))/N', () =>
    expect(program).toHaveGradient('W2', 'H1ᵀ((S − Y)W3ᵀ ⊙ step(H1 W2 + b2))/N'));
  it('∂L/∂b2 = sum_cols((S − Y)W3ᵀ ⊙ step(H1W2 + b2))/N', () =>
    expect(program).toHaveGradient('b2', 'sum_cols((S − Y)W3ᵀ ⊙ step(H1 W2 + b2))/N'));
  it('∂L/∂W1 = Xᵀ(((S − Y)W3ᵀ ⊙ step(H1W2 + b2))W2ᵀ ⊙ step(XW1 + b1))/N', () =>
    expect(program).toHaveGradient('W1', 'Xᵀ(((S − Y)W3ᵀ ⊙ step(H1 W2 + b2))W2ᵀ ⊙ step(XW1 + b1))/N'));
  it('∂L/∂b1 = sum_cols(((S − Y)W3ᵀ ⊙ step(H1W2 + b2))W2ᵀ ⊙ step(XW1 + b1))/N', () =>
    expect(program).toHaveGradient('b1', 'sum_cols(((S − Y)W3ᵀ ⊙ step(H1 W2 + b2))W2ᵀ ⊙ step(XW1 + b1))/N'));
});
