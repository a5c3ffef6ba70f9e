/**
 * Elementwise maps f(X), applied entry by entry. Their VJP is G ⊙ f′(X); the
 * derivative is written through the node itself where that is the textbook form
 * (σ′ = σ ⊙ (1 − σ), exp′ = exp, tanh′ = 1 − tanh²), so that a user's own name for
 * σ(h) appears in the result (`a ⊙ (1 − a)`).
 */
import { apply, type Expr, type OpNode } from '../ast.js';
import * as E from '../algebra.js';
import { map } from '../numeric/matrix.js';
import { DcalcError } from '../errors.js';
import { type OpSpec, type PythonSpelling, fnCall, PREC, both } from './spec.js';

interface ElementwiseDef {
  names: readonly string[];
  /** The name in homework notation, when it differs (σ). */
  text?: string;
  /** The derivative in words, for `--steps`. */
  prime?: string;
  /** LaTeX takes the argument in braces (\sqrt{x}), not parentheses. */
  latexArg?: boolean;
  latex: string;
  /** More LaTeX commands read as this function (`\ln` for log). */
  latexAlso?: readonly string[];
  f: (x: number) => number;
  /** f′ as an expression, elementwise; null when f′ is zero almost everywhere. */
  derivative: (node: OpNode, x: Expr) => Expr | null;
  /** A domain check: returns an error message for an argument outside the domain. */
  domain?: (x: number) => string | undefined;
  /** NumPy and PyTorch. */
  python: PythonSpelling;
  /** False where f′ jumps (relu, abs). */
  smooth?: false;
}

/** `\exp` → exp: a plain command printed before a parenthesis is read back as the function. */
function latexCommands(def: ElementwiseDef): string[] | undefined {
  if (def.latexArg || !/^\\[a-z]+$/.test(def.latex)) return undefined;
  return [def.latex.slice(1), ...(def.latexAlso ?? [])];
}

function elementwise(def: ElementwiseDef): OpSpec {
  const name = def.names[0]!;
  return {
    symbol: name,
    identity: `d ${def.text ?? name}(X) = ${def.text ?? name}′(X) ⊙ dX${def.prime ? `, ${def.text ?? name}′ = ${def.prime}` : ''}; tr(Gᵀ(F ⊙ dX)) = tr((G ⊙ F)ᵀ dX)`,
    arity: 1,
    fn: { names: def.names, arity: 1, doc: 'elementwise', latexCommands: latexCommands(def) },
    elementwise: true,
    symmetry: 'of-argument',
    smooth: def.smooth,
    python: def.python,
    shape: ([a]) => a!,
    vjp(node, g) {
      const d = def.derivative(node, node.args[0]!);
      return [d === null ? null : E.mul(g, d)];
    },
    // d f(X) = f′(X) ⊙ dX
    jvp(node, [da]) {
      const d = def.derivative(node, node.args[0]!);
      return da && d ? E.mul(d, da) : null;
    },
    evaluate([a]) {
      return map(a!, (x) => {
        const msg = def.domain?.(x);
        if (msg) throw new DcalcError('domain', msg);
        return def.f(x);
      });
    },
    print: (_node, p) => (p.format === 'latex' && def.latexArg ? { text: `${def.latex}{${p.arg(0, 0)}}`, prec: PREC.atom } : fnCall({ text: def.text ?? name, ascii: name, latex: def.latex }, p, 1)),
  };
}

const sigmoidF = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

const exp = elementwise({ names: ['exp'], python: both('$.exp({0})'), prime: 'exp', latex: '\\exp', f: Math.exp, derivative: (node) => node });
const log = elementwise({
  names: ['log', 'ln'], prime: '1 ⊘ x',
  python: both('$.log({0})'),
  latex: '\\log',
  latexAlso: ['ln'],
  f: Math.log,
  derivative: (_n, x) => E.div(E.num(1), x),
  domain: (x) => (x <= 0 ? `log of a non-positive value (${x})` : undefined),
});
const sqrt = elementwise({
  names: ['sqrt'], prime: '1 ⊘ (2√x)',
  python: both('$.sqrt({0})'),
  latex: '\\sqrt',
  latexArg: true,
  f: Math.sqrt,
  // d√x = 1 / (2√x)
  derivative: (node) => E.div(E.num(1), E.mul(E.num(2), node)),
  domain: (x) => (x < 0 ? `sqrt of a negative value (${x})` : undefined),
});
const sin = elementwise({ names: ['sin'], python: both('$.sin({0})'), prime: 'cos', latex: '\\sin', f: Math.sin, derivative: (_n, x) => apply('cos', [x]) });
const cos = elementwise({ names: ['cos'], python: both('$.cos({0})'), prime: '−sin', latex: '\\cos', f: Math.cos, derivative: (_n, x) => E.neg(apply('sin', [x])) });
const tan = elementwise({
  names: ['tan'], prime: '1 + tan²',
  python: both('$.tan({0})'),
  latex: '\\tan',
  f: Math.tan,
  // tan′ = 1 + tan²
  derivative: (node) => E.add(E.num(1), E.mul(node, node)),
});
const tanh = elementwise({
  names: ['tanh'], prime: '1 − tanh²',
  python: both('$.tanh({0})'),
  latex: '\\tanh',
  f: Math.tanh,
  // tanh′ = 1 − tanh²
  derivative: (node) => E.sub(E.num(1), E.mul(node, node)),
});
const abs = elementwise({ names: ['abs'], python: both('$.abs({0})'), prime: 'sign', latex: '\\operatorname{abs}', smooth: false, f: Math.abs, derivative: (_n, x) => apply('sign', [x]) });
const sign = elementwise({ names: ['sign'], python: both('$.sign({0})'), latex: '\\operatorname{sign}', smooth: false, f: Math.sign, derivative: () => null });
const sigmoid = elementwise({
  names: ['sigmoid', 'σ'], prime: 'σ ⊙ (1 − σ)',
  // NumPy has no sigmoid: exp(−log(1 + e^(−x))), which neither overflows nor divides by zero
  python: { numpy: '_sigmoid({0})', torch: 'torch.sigmoid({0})' },
  text: 'σ',
  latex: '\\sigma',
  f: sigmoidF,
  // σ′ = σ ⊙ (1 − σ)
  derivative: (node) => E.mul(node, E.sub(E.num(1), node)),
});
const relu = elementwise({
  names: ['relu', 'ReLU', 'Relu'], prime: 'step',
  python: { numpy: 'np.maximum({0}, 0.0)', torch: 'torch.relu({0})' },
  latex: '\\operatorname{ReLU}',
  smooth: false,
  f: (x) => (x > 0 ? x : 0),
  // relu′ = step (the Heaviside step), defined almost everywhere
  derivative: (_n, x) => apply('step', [x]),
});
const step = elementwise({ names: ['step'], python: { numpy: 'np.heaviside({0}, 0.0)', torch: 'torch.sign(torch.relu({0}))' }, latex: '\\operatorname{step}', smooth: false, f: (x) => (x > 0 ? 1 : 0), derivative: () => null });
const softplus = elementwise({
  names: ['softplus'], prime: 'σ',
  python: { numpy: 'np.logaddexp(0.0, {0})', torch: 'torch.nn.functional.softplus({0})' },
  latex: '\\operatorname{softplus}',
  f: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
  // softplus′ = σ
  derivative: (_n, x) => apply('sigmoid', [x]),
});
const log1p = elementwise({
  names: ['log1p'], python: both('$.log1p({0})'), prime: '1 ⊘ (1 + x)',
  latex: '\\operatorname{log1p}',
  f: Math.log1p,
  // d log(1 + x) = dx ⊘ (1 + x)
  derivative: (_n, x) => E.div(E.num(1), E.add(E.num(1), x)),
  domain: (x) => (x <= -1 ? `log1p of a value at or below −1 (${x})` : undefined),
});
const expm1 = elementwise({
  names: ['expm1'], python: both('$.expm1({0})'), prime: 'exp',
  latex: '\\operatorname{expm1}',
  f: Math.expm1,
  // d(eˣ − 1) = eˣ dx
  derivative: (_n, x) => apply('exp', [x]),
});

/** The elementwise family, by operator name. */
export const ELEMENTWISE_OPS = { exp, log, sqrt, sin, cos, tan, tanh, abs, sign, sigmoid, relu, step, softplus, log1p, expm1 } satisfies Record<string, OpSpec>;
