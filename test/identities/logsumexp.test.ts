/**
 * logsumexp: its gradient is the softmax (of a vector; column-wise of a matrix; and
 * row-wise for logsumexp_rows), and through a linear map Aᵀ softmax(Ax + b).
 */
import { describe, it, expect } from 'vitest';

describe('logsumexp', () => {
  it('∂logsumexp(z)/∂z = softmax(z)', () => expect('z: n×1\nL = logsumexp(z)').toHaveGradient('z', 'softmax(z)'));
  it('∂logsumexp(Ax)/∂x = Aᵀsoftmax(Ax)', () => expect('A: m×n; x: n×1\nL = logsumexp(Ax)').toHaveGradient('x', 'Aᵀ softmax(Ax)'));
  it('∂logsumexp(Ax + b)/∂x = Aᵀsoftmax(Ax + b)', () =>
    expect('A: m×n; x: n×1; b: m×1\nL = logsumexp(Ax + b)').toHaveGradient('x', 'Aᵀ softmax(Ax + b)'));
  it('∂logsumexp(Ax + b)/∂b = softmax(Ax + b)', () =>
    expect('A: m×n; x: n×1; b: m×1\nL = logsumexp(Ax + b)').toHaveGradient('b', 'softmax(Ax + b)'));
  it('∂(logsumexp(z) − yᵀz)/∂z = softmax(z) − y (cross-entropy in logit form)', () =>
    expect('z: K×1; y: K×1\nL = logsumexp(z) − yᵀz').toHaveGradient('z', 'softmax(z) − y'));
  it('∂sum(logsumexp(Z))/∂Z = softmax(Z) (column-wise)', () => expect('Z: m×n\nL = sum(logsumexp(Z))').toHaveGradient('Z', 'softmax(Z)'));
  it('∂sum(logsumexp_rows(Z))/∂Z = softmax_rows(Z) (row-wise)', () =>
    expect('Z: m×n\nL = sum(logsumexp_rows(Z))').toHaveGradient('Z', 'softmax_rows(Z)'));
  it('∂sum(logsumexp_rows(XW))/∂W = Xᵀsoftmax_rows(XW)', () =>
    expect('X: N×M; W: M×K\nL = sum(logsumexp_rows(XW))').toHaveGradient('W', 'Xᵀ softmax_rows(XW)'));
});
