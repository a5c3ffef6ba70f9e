/**
 * The conventions a user chooses (CONTRACT §2), through the library: --layout
 * (numerator/denominator), --symmetric (sym(G), verified by finite differences along
 * symmetric directions only) and several variables after wrt (sharing temporaries).
 * Every derivative is checked against central finite differences (checkDerivative) at
 * random points with sizes that differ.
 */
import { describe, expect, it } from 'vitest';
import {
  parseProgram, derive, deriveSeveral, renderSeveral, temporariesFor, programText, checkDerivative, toText, textLhs, latexLhs, evaluateAt, pointFromValues, matToJson,
  type Derivative,
} from '../../src/api/index.js';
import { agreement } from '../matchers.js';
import { DcalcError } from '../../src/errors.js';
import * as E from '../../src/algebra.js';
import { variable, withStore } from '../../src/ast.js';

const verified = (d: Derivative) => {
  const r = checkDerivative(d, { seed: 3 });
  expect(r.points).toBeGreaterThan(0);
  expect(r.ok, `max rel. error ${r.maxRelErr}`).toBe(true);
};

function usageError(f: () => unknown): DcalcError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DcalcError);
    return e as DcalcError;
  }
  throw new Error('expected a usage error');
}

describe('--layout', () => {
  const LS = parseProgram('L = ‖XW − Y‖_F²', { let: 'X: n×m, W: m×k, Y: n×k' });
  it('grad, numerator: ∂L/∂Wᵀ = 2(XW − Y)ᵀX, shaped like Wᵀ (k×m)', () => {
    const d = derive(LS, 'grad', 'W', { layout: 'numerator' });
    expect([d.shape.rows, d.shape.cols]).toEqual(['k', 'm']);
    expect(textLhs(d)).toBe('∂L/∂Wᵀ');
    expect(latexLhs(d)).toBe('\\frac{\\partial L}{\\partial W^\\top}');
    verified(d);
  });
  it('grad, denominator is the default: shaped like W', () => {
    const d = derive(LS, 'grad', 'W', { layout: 'denominator' });
    expect(toText(LS, d.expr)).toBe(toText(LS, derive(LS, 'grad', 'W').expr));
    expect(textLhs(d)).toBe('∂L/∂W');
    verified(d);
  });
  it('jacobian, denominator: the transpose of ∂vec(F)/∂vec(X)ᵀ, B ⊗ Aᵀ for AXB', () => {
    const p = parseProgram('A*X*B', { let: 'A: p×m, X: m×n, B: n×q' });
    const d = derive(p, 'jacobian', 'X', { layout: 'denominator' });
    expect(toText(p, d.expr)).toBe('B ⊗ Aᵀ');
    expect(textLhs(d)).toBe('∂vec(f)ᵀ/∂vec(X)');
    verified(d);
  });
  it('jacobian of a vector function, denominator: Wᵀ diag(h ⊙ (1 − h)) for σ(Wx + b)', () => {
    const p = parseProgram('h = σ(Wx + b)', { let: 'W: m×n, x: n×1, b: m×1' });
    const d = derive(p, 'jacobian', 'x', { layout: 'denominator' });
    expect([d.shape.rows, d.shape.cols]).toEqual(['n', 'm']);
    verified(d);
  });
  it('jacobian with respect to a scalar, denominator: shaped like Fᵀ', () => {
    const p = parseProgram('sin(t*A)', { let: 't: scalar, A: m×n' });
    const d = derive(p, 'jacobian', 't', { layout: 'denominator' });
    expect([d.shape.rows, d.shape.cols]).toEqual(['n', 'm']);
    expect(textLhs(d)).toBe('∂fᵀ/∂t');
    verified(d);
  });
  it('hessian: the same in both layouts (it is symmetric)', () => {
    const p = parseProgram('f = ‖Ax − b‖²', { let: 'A: m×n, x: n×1, b: m×1' });
    const n = derive(p, 'hessian', 'x', { layout: 'numerator' });
    expect(toText(p, n.expr)).toBe(toText(p, derive(p, 'hessian', 'x').expr));
    expect(textLhs(n)).toBe('∂²f/∂vec(x)∂vec(x)ᵀ');
    verified(n);
  });
});

describe('--symmetric', () => {
  const TRAX = parseProgram('tr(A*X)', { let: 'A: n×n, X: n×n symmetric' });
  it('tr(AX): (Aᵀ + A)/2, verified along symmetric directions', () => {
    const d = derive(TRAX, 'grad', 'X', { symmetric: true });
    expect(d.symmetric).toBe(true);
    expect(toText(TRAX, d.expr)).toBe('(Aᵀ + A)/2');
    verified(d);
  });
  it('the check perturbs symmetrically: it rejects the unconstrained gradient Aᵀ and the Cookbook form A + Aᵀ − A ⊙ I', () => {
    const base = derive(TRAX, 'grad', 'X', { symmetric: true });
    const A = TRAX.declarations.get('A')!;
    const a = withStore(TRAX.store, () => variable('A', A.shape));
    const wrongs = withStore(TRAX.store, () => [E.transpose(a), E.sub(E.add(a, E.transpose(a)), E.mul(a, E.eye('n')))]);
    for (const wrong of wrongs) {
      const r = checkDerivative({ ...base, expr: wrong }, { seed: 3 });
      expect(r.ok).toBe(false);
      expect(r.maxRelErr).toBeGreaterThan(1e-3);
    }
  });
  it('the worked example of docs/conventions.md: A = [[1, 2], [3, 4]] gives [[1, 2.5], [2.5, 4]]', () => {
    const d = derive(TRAX, 'grad', 'X', { symmetric: true });
    const at = pointFromValues(TRAX, { A: [[1, 2], [3, 4]], X: [[1, 0], [0, 1]] });
    expect(matToJson(evaluateAt(TRAX, d.expr, at))).toEqual([[1, 2.5], [2.5, 4]]);
  });
  it('logdet(S) of an spd S: S⁻¹', () => {
    const p = parseProgram('logdet(S)', { let: 'S: n×n spd' });
    const d = derive(p, 'grad', 'S', { symmetric: true });
    expect(toText(p, d.expr)).toBe('S⁻¹');
    verified(d);
  });
  it('aᵀXb of a symmetric X (a: n×1, b: n×1): (abᵀ + baᵀ)/2, the same in numerator layout', () => {
    const p = parseProgram("a'*X*b", { let: 'a: n×1, b: n×1, X: n×n symmetric' });
    const d = derive(p, 'grad', 'X', { symmetric: true });
    verified(d);
    const num = derive(p, 'grad', 'X', { symmetric: true, layout: 'numerator' });
    expect(toText(p, num.expr)).toBe(toText(p, d.expr));
    verified(num);
  });
  it('a Gaussian log-likelihood in the precision Λ (spd, d×d) with data X (n×d)', () => {
    const p = parseProgram('L = n/2 logdet(Λ) − tr(XΛXᵀ)/2', { let: 'X: n×d, Λ: d×d spd' });
    verified(derive(p, 'grad', 'Λ', { symmetric: true }));
  });
  it('is a usage error for a variable not declared symmetric or spd, and for a Hessian', () => {
    const p = parseProgram('tr(A*X)', { let: 'A: n×n, X: n×n' });
    expect(usageError(() => derive(p, 'grad', 'X', { symmetric: true })).kind).toBe('usage');
    expect(usageError(() => derive(TRAX, 'hessian', 'X', { symmetric: true })).kind).toBe('usage');
  });
});

describe('several variables after wrt', () => {
  const NET = parseProgram('h = σ(XW1 + b1); s = softmax_rows(hW2 + b2); L = −sum(Y ⊙ log(s))/N', {
    let: 'X: N×D, W1: D×H, b1: 1×H, W2: H×K, b2: 1×K, Y: N×K simplex_rows',
  });
  const ds = deriveSeveral(NET, 'grad', ['W1', 'b1', 'W2', 'b2']);
  it('each derivative, in the order given, verified numerically', () => {
    expect(ds.map((d) => d.wrt)).toEqual(['W1', 'b1', 'W2', 'b2']);
    for (const d of ds) verified(d);
  });
  it('share a temporary: the backpropagated error of the hidden layer is written once', () => {
    const text = renderSeveral(NET, ds.map((d) => d.expr), { format: 'text' });
    expect(text.temporaries).toHaveLength(1);
    expect(text.texts.filter((t) => t.includes(text.temporaries[0]!.name))).toHaveLength(2);
  });
  it('each alone (its own temporaries, then itself) reads back to its derivative, in text and ascii', () => {
    const source = 'X: N×D; W1: D×H; b1: 1×H; W2: H×K; b2: 1×K; Y: N×K simplex_rows\nh = σ(XW1 + b1); s = softmax_rows(hW2 + b2); L = −sum(Y ⊙ log(s))/N';
    for (const format of ['text', 'ascii'] as const) {
      const printed = renderSeveral(NET, ds.map((d) => d.expr), { format });
      ds.forEach((d, i) => {
        const alone = programText(temporariesFor(printed, i));
        expect(agreement(d, source, alone), `${format}: ${alone}`).toBeLessThan(1e-8);
      });
    }
  });
  it('layout applies to each', () => {
    const num = deriveSeveral(NET, 'grad', ['W2', 'b2'], { layout: 'numerator' });
    expect(num.map((d) => [d.shape.rows, d.shape.cols])).toEqual([['K', 'H'], ['K', 1]]);
    for (const d of num) verified(d);
  });
  it('Hessians with respect to two variables', () => {
    const p = parseProgram('L = ‖Xw + c − y‖²', { let: 'X: n×d, w: d×1, c: scalar, y: n×1' });
    for (const d of deriveSeveral(p, 'hessian', ['w', 'c'])) verified(d);
  });
  it('a variable named twice is a usage error', () => expect(usageError(() => deriveSeveral(NET, 'grad', ['W1', 'W1'])).kind).toBe('usage'));
});
