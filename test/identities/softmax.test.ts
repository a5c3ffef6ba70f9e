/**
 * Softmax regression with the cross-entropy: one example as a row or a column, and
 * batches with a bias. With simplex targets the gradient wrt the logits is the
 * textbook S − Y; without that assumption it is sum(y)s − y.
 */
import { describe, it, expect } from 'vitest';

describe('softmax regression, one example as a row', () => {
  const program = `x: 1×M; W: M×K; b: 1×K; y: 1×K simplex
s = softmax(xW + b)
L = −sum(y ⊙ log(s))`;
  it('∂CE/∂W = xᵀ(s − y)', () => expect(program).toHaveGradient('W', 'xᵀ(s − y)'));
  it('∂CE/∂b = s − y', () => expect(program).toHaveGradient('b', 's − y'));
  const general = `x: 1×M; W: M×K; b: 1×K; y: 1×K
s = softmax(xW + b)
L = −sum(y ⊙ log(s))`;
  it('∂CE/∂W = xᵀ(sum(y)s − y) for targets not known to sum to 1', () => expect(general).toHaveGradient('W', 'xᵀ(sum(y)s − y)'));
  it('∂CE/∂b = sum(y)s − y for targets not known to sum to 1', () => expect(general).toHaveGradient('b', 'sum(y)s − y'));
});

describe('softmax regression, one example as a column', () => {
  const program = `x: M×1; W: K×M; b: K×1; y: K×1 simplex
s = softmax(Wx + b)
L = CE(y, s)`;
  it('∂CE/∂W = (s − y)xᵀ', () => expect(program).toHaveGradient('W', '(s − y)xᵀ'));
  it('∂CE/∂b = s − y', () => expect(program).toHaveGradient('b', 's − y'));
  const logits = `x: M×1; W: K×M; b: K×1; y: K×1 simplex
z = Wx + b
L = CE(y, softmax(z))`;
  it('∂CE(y, softmax(z))/∂z = softmax(z) − y', () => expect(logits).toHaveGradient('z', 'softmax(z) − y'));
  it('∂CE(y, softmax(z))/∂W = (softmax(z) − y)xᵀ', () => expect(logits).toHaveGradient('W', '(softmax(z) − y)xᵀ'));
  it('∂(−yᵀ log softmax(z))/∂z = softmax(z) − y', () =>
    expect('z: K×1; y: K×1 simplex\nL = −yᵀ log(softmax(z))').toHaveGradient('z', 'softmax(z) − y'));
});

describe('softmax regression, batch of rows with a bias', () => {
  const program = `X: N×M; W: M×K; b: 1×K; Y: N×K simplex_rows
S = softmax_rows(XW + b)
L = −sum(Y ⊙ log(S))/N`;
  it('∂CE/∂W = Xᵀ(S − Y)/N', () => expect(program).toHaveGradient('W', 'Xᵀ(S − Y)/N'));
  it('∂CE/∂b = sum_cols(S − Y)/N (the bias sums over examples)', () => expect(program).toHaveGradient('b', 'sum_cols(S − Y)/N'));
  const named = `X: N×M; W: M×K; b: 1×K; Y: N×K simplex_rows
Z = XW + b
S = softmax_rows(Z)
L = CE(Y, S)/N`;
  it('∂CE/∂Z = (S − Y)/N (the logits)', () => expect(named).toHaveGradient('Z', '(S − Y)/N'));
  it('∂CE/∂W = Xᵀ(S − Y)/N with CE(Y, S)', () => expect(named).toHaveGradient('W', 'Xᵀ(S − Y)/N'));
  it('∂CE/∂W = Xᵀ(S − Y) summed, without a bias', () =>
    expect('X: N×M; W: M×K; Y: N×K simplex_rows\nS = softmax_rows(XW)\nL = −sum(Y ⊙ log(S))').toHaveGradient('W', 'Xᵀ(S − Y)'));
  it('∂(CE + λ‖W‖_F²)/∂W = Xᵀ(S − Y)/N + 2λW (weight decay)', () =>
    expect('X: N×M; W: M×K; b: 1×K; Y: N×K simplex_rows; λ: scalar\nS = softmax_rows(XW + b)\nL = −sum(Y ⊙ log(S))/N + λ‖W‖_F²').toHaveGradient('W', '2λW + Xᵀ(S − Y)/N'));
});

describe('softmax regression, batch of columns with a bias', () => {
  const program = `X: M×N; W: K×M; b: K×1; Y: K×N simplex
S = softmax(WX + b)
L = −sum(Y ⊙ log(S))/N`;
  it('∂CE/∂W = (S − Y)Xᵀ/N', () => expect(program).toHaveGradient('W', '(S − Y)Xᵀ/N'));
  it('∂CE/∂b = sum_rows(S − Y)/N', () => expect(program).toHaveGradient('b', 'sum_rows(S − Y)/N'));
});
