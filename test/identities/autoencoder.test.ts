/**
 * A one-hidden-layer sigmoid autoencoder with a linear decoder and the squared
 * reconstruction error: one example as a column, and a batch of rows.
 */
import { describe, it, expect } from 'vitest';

describe('autoencoder, one example (columns)', () => {
  const program = `x: n×1; W: k×n; b: k×1; V: n×k; c: n×1
h = σ(Wx + b)
x̂ = Vh + c
L = ‖x̂ − x‖²/2`;
  it('∂L/∂V = (x̂ − x)hᵀ (decoder weights)', () => expect(program).toHaveGradient('V', '(x̂ − x)hᵀ'));
  it('∂L/∂c = x̂ − x (decoder bias)', () => expect(program).toHaveGradient('c', 'x̂ − x'));
  it('∂L/∂W = (Vᵀ(x̂ − x) ⊙ h ⊙ (1 − h))xᵀ (encoder weights)', () => expect(program).toHaveGradient('W', '(Vᵀ(x̂ − x) ⊙ h ⊙ (1 − h))xᵀ'));
  it('∂L/∂b = Vᵀ(x̂ − x) ⊙ h ⊙ (1 − h) (encoder bias)', () => expect(program).toHaveGradient('b', 'Vᵀ(x̂ − x) ⊙ h ⊙ (1 − h)'));
  const unhalved = program.replace('‖x̂ − x‖²/2', '‖x̂ − x‖²');
  it('∂‖x̂ − x‖²/∂V = 2(x̂ − x)hᵀ', () => expect(unhalved).toHaveGradient('V', '2(x̂ − x)hᵀ'));
  it('∂‖x̂ − x‖²/∂c = 2(x̂ − x)', () => expect(unhalved).toHaveGradient('c', '2(x̂ − x)'));
});

describe('autoencoder, batch of rows', () => {
  const program = `X: N×D; W: D×K; b: 1×K; V: K×D; c: 1×D
H = σ(XW + b)
X̂ = HV + c
L = ‖X̂ − X‖_F²/(2N)`;
  it('∂L/∂V = Hᵀ(X̂ − X)/N', () => expect(program).toHaveGradient('V', 'Hᵀ(X̂ − X)/N'));
  it('∂L/∂c = sum_cols(X̂ − X)/N', () => expect(program).toHaveGradient('c', 'sum_cols(X̂ − X)/N'));
  it('∂L/∂W = Xᵀ((X̂ − X)Vᵀ ⊙ H ⊙ (1 − H))/N', () => expect(program).toHaveGradient('W', 'Xᵀ((X̂ − X)Vᵀ ⊙ H ⊙ (1 − H))/N'));
  it('∂L/∂b = sum_cols((X̂ − X)Vᵀ ⊙ H ⊙ (1 − H))/N', () => expect(program).toHaveGradient('b', 'sum_cols((X̂ − X)Vᵀ ⊙ H ⊙ (1 − H))/N'));
});

describe('sigmoid-output autoencoder with tied weights (columns)', () => {
  const program = `x: n×1; W: k×n; b: k×1; c: n×1
h = σ(Wx + b)
x̂ = σ(Wᵀh + c)
L = ‖x̂ − x‖²/2`;
  it('∂L/∂c = (x̂ − x) ⊙ x̂ ⊙ (1 − x̂)', () => expect(program).toHaveGradient('c', '(x̂ − x) ⊙ x̂ ⊙ (1 − x̂)'));
  it('∂L/∂b = W((x̂ − x) ⊙ x̂ ⊙ (1 − x̂)) ⊙ h ⊙ (1 − h)', () => expect(program).toHaveGradient('b', 'W((x̂ − x) ⊙ x̂ ⊙ (1 − x̂)) ⊙ h ⊙ (1 − h)'));
});
