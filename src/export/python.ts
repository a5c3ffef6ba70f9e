/**
 * Code export (CONTRACT §6): a program and its derivatives as a self-contained Python
 * module that imports only numpy, or only torch, and defines PARAMETERS and
 * value_and_grad / value_and_jacobian / value_and_hessian.
 *
 * The value and the derivatives are one DAG (the derivatives refer to the program's own
 * nodes), translated here into a DAG of Python expressions, node by node through each
 * operator's spelling in the registry (OpSpec.python). On the way, products that the
 * textbook form never builds are rewritten (pyOp below):
 *   diag(v) X = v ⊙ X (a column broadcast) and X diag(v) = X ⊙ vᵀ;
 *   A⁻¹B = solve(A, B) where the inverse only multiplies;
 *   (A ⊗ B) v = vec(B V Aᵀ) with V = unvec(v) (Henderson & Searle; Cookbook eq. 520);
 *   tr(AB) = sum(A ⊙ Bᵀ) (Cookbook eq. 16: no matrix product for a trace);
 *   log σ(z) and log(1 − σ(z)) = log σ(−z) through log-sigmoid, log softmax through
 *   log-softmax (the max shift). logdet is log|det| of the LU factor (slogdet): a
 *   Cholesky factor reads one triangle only, so the function of all entries, which
 *   CONTRACT §2 differentiates, would differ off the symmetric matrices.
 * Then every node used twice gets a name (common subexpressions once), the user's
 * intermediates keep theirs, and the lines are written in dependency order: the
 * forward pass first, shared by the value and the derivatives.
 */
import { type Expr, type OpNode, topoOrder, isOp, isNum } from '../ast.js';
import { OPS } from '../ops/registry.js';
import type { PythonSpelling } from '../ops/spec.js';
import type { Program } from '../parse/build.js';
import type { Dim } from '../shape/dims.js';
import { isScalar, type Shape } from '../shape/shape.js';
import { HELPERS, type Library } from './helpers.js';

export type { Library } from './helpers.js';

/** What is exported: the program, and one or more derivatives of one kind. */
export interface ExportInput {
  readonly program: Program;
  readonly op: 'grad' | 'jacobian' | 'hessian';
  readonly derivatives: readonly {
    readonly wrt: string;
    readonly expr: Expr;
    /** The derivative in text (`∂L/∂W = Xᵀ(a − y)`), for the docstring. */
    readonly text: string;
  }[];
  /** The program's source, for the docstring. */
  readonly source: string;
}

const PY_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield', 'np', 'torch', 'dims', 'float', 'int', 'print', 'range', 'len', 'abs', 'sum', 'max', 'min', 'type',
]);

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu',
  ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** A valid ASCII identifier for a name as written: `ŷ` → `y_hat`, `W₁` → `W_1`, `λ` → `lambda_`, `Σ` → `Sigma`. */
export function pythonName(name: string): string {
  let out = '';
  const chars = [...name.normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\u0302') out += '_hat';
    else if (SUBSCRIPTS.includes(c)) out += (out.endsWith('_') || /[₀-₉]/u.test(chars[i - 1] ?? '') ? '' : '_') + String(SUBSCRIPTS.indexOf(c));
    else if (GREEK[c]) out += GREEK[c];
    else if (/[A-Za-z0-9_]/.test(c)) out += c;
    else if (/\p{M}/u.test(c)) continue;
    else out += '_';
  }
  if (out === '' || /^[0-9]/.test(out)) out = `v_${out}`;
  return PY_KEYWORDS.has(out) ? `${out}_` : out;
}

/** A node of the Python expression DAG: a template over its arguments. */
interface PyNode {
  readonly id: number;
  readonly tpl: string;
  readonly args: readonly PyNode[];
  /** A Python number (a constant or a size), not an array: wrapped where an array is needed. */
  readonly scalar: boolean;
  /** The user's name for it (a definition of the program). */
  label?: string;
}

/** Python's precedence levels, loosest first, as far as exported code uses them. */
const PREC = { add: 1, mul: 2, unary: 3, power: 4, atom: 5 } as const;
const BINARY: Record<string, [number, number, number]> = {
  '+': [PREC.add, PREC.add, PREC.mul],
  '-': [PREC.add, PREC.add, PREC.mul],
  '*': [PREC.mul, PREC.mul, PREC.unary],
  '/': [PREC.mul, PREC.mul, PREC.unary],
  '@': [PREC.mul, PREC.mul, PREC.unary],
  '**': [PREC.power, PREC.atom, PREC.unary],
};

/** The precedence of a template's result, and the least precedence each of its slots takes without parentheses. */
function templatePrec(tpl: string): { own: number; slot: (i: number, at: number) => number } {
  const bin = /^\{0\} (\+|-|\*|\/|@|\*\*) \{1\}$/.exec(tpl);
  if (bin) {
    const [own, l, r] = BINARY[bin[1]!]!;
    return { own, slot: (i) => (i === 0 ? l : r) };
  }
  if (tpl === '-{0}') return { own: PREC.unary, slot: () => PREC.unary };
  // A slot that is a whole argument of a call takes anything; elsewhere (`{0}.T`, `{0} ** 2`) an atom.
  return {
    own: tpl.startsWith('-') ? PREC.unary : PREC.atom,
    slot: (_i, at) => (/(?:\(|, )$/.test(tpl.slice(0, at)) && /^\{\d\}(?:\)|,)/.test(tpl.slice(at)) ? 0 : PREC.atom),
  };
}

function pyNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return `${v}.0`;
  return String(v);
}

const ARITHMETIC = new Set(['add', 'neg', 'mul', 'div', 'epow']);

export interface ExportOptions {
  readonly library: Library;
}

/** The Python module exporting the program's value and its derivatives. */
export function exportPython(input: ExportInput, opts: ExportOptions): string {
  return new Exporter(input, opts.library).module();
}

class Exporter {
  private readonly lib: Library;
  private readonly nodes = new Map<string, PyNode>();
  private readonly memo = new Map<number, PyNode>();
  private readonly parents = new Map<number, Expr[]>();
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly helpers = new Set<string>();
  private readonly usedDims = new Set<string>();
  private readonly labels: Map<number, string>;
  private nextId = 1;

  constructor(
    private readonly input: ExportInput,
    library: Library,
  ) {
    this.lib = library;
    const p = input.program;
    this.labels = new Map();
    for (const [name, e] of p.definitions) if (e.kind === 'op' && !this.labels.has(e.id)) this.labels.set(e.id, name);
    const roots = [p.value, ...input.derivatives.map((d) => d.expr)];
    const seen = new Set<number>();
    for (const r of roots) {
      for (const n of topoOrder(r)) {
        if (seen.has(n.id)) continue;
        seen.add(n.id);
        if (n.kind === 'op') for (const a of n.args) this.parents.set(a.id, [...(this.parents.get(a.id) ?? []), n]);
      }
    }
  }

  /** A Python identifier for a name of the program, unique in the module. */
  private ident(name: string): string {
    const known = this.names.get(name);
    if (known) return known;
    const base = pythonName(name);
    let id = base;
    for (let k = 2; this.taken.has(id); k++) id = `${base}_${k}`;
    this.taken.add(id);
    this.names.set(name, id);
    return id;
  }

  private make(tpl: string, args: readonly PyNode[], scalar = false): PyNode {
    const key = `${tpl}\u0000${args.map((a) => a.id).join(',')}`;
    const found = this.nodes.get(key);
    if (found) return found;
    const n: PyNode = { id: this.nextId++, tpl, args, scalar };
    this.nodes.set(key, n);
    return n;
  }

  /** A dimension name's identifier: its own name, unless a variable or definition has it (`L` the size and `L` the loss). */
  private dimIdent(x: string): string {
    const key = `\u0000dim:${x}`;
    const known = this.names.get(key);
    if (known) return known;
    let id = pythonName(x);
    if (this.taken.has(id)) id = `${id}_dim`;
    for (let k = 2; this.taken.has(id); k++) id = `${pythonName(x)}_dim${k}`;
    this.taken.add(id);
    this.names.set(key, id);
    return id;
  }

  private dim(d: Dim): string {
    if (typeof d === 'number') return String(d);
    const parts = d.split('*').map((x) => {
      if (/^\d+$/.test(x)) return x;
      this.usedDims.add(x);
      return this.dimIdent(x);
    });
    return parts.length === 1 ? parts[0]! : `(${parts.join(' * ')})`;
  }

  private spelling(node: OpNode): string {
    const s = OPS[node.op].python;
    if (!s) throw new Error(`no Python spelling for the operator ${node.op}`);
    const sp: PythonSpelling = typeof s === 'function' ? s(node) : s;
    let tpl = sp[this.lib];
    const dims = node.attr.dims ?? [];
    tpl = tpl.replace(/\{d(\d)\}/g, (_m, i: string) => this.dim(dims[Number(i)]!));
    tpl = tpl.replace(/\{p\}/g, String(node.attr.p));
    tpl = tpl.replace(/\{like\}/g, this.lib === 'torch' ? 'dtype=_like.dtype, device=_like.device' : 'dtype=np.float64');
    for (const m of tpl.matchAll(/\b(_[a-z_]+)\(/g)) if (HELPERS[m[1]!]) this.helpers.add(m[1]!);
    return tpl;
  }

  private call(tpl: string, args: readonly PyNode[]): PyNode {
    for (const m of tpl.matchAll(/\b(_[a-z_]+)\(/g)) if (HELPERS[m[1]!]) this.helpers.add(m[1]!);
    return this.make(tpl, args.map((a) => this.asArray(a)));
  }

  /**
   * A Hessian is symmetric (Schwarz's theorem), so when its last operation is a matrix
   * product (`Xᵀ(p ⊙ (1 − p) ⊙ X)`, `2AᵀA`), that product needs only its blocks on and
   * above the diagonal: `_symmetric_product`, about 5/8 of the flops.
   */
  private symmetricProduct(n: PyNode): PyNode {
    const [a, b] = n.args;
    let out = n;
    if (n.tpl === '{0} @ {1}') out = this.call('_symmetric_product({0}, {1})', n.args);
    else if (n.tpl === '{0} * {1}' && a!.scalar && b!.tpl === '{0} @ {1}') out = this.make(n.tpl, [a!, this.symmetricProduct(b!)]);
    else if (n.tpl === '{0} * {1}' && b!.scalar && a!.tpl === '{0} @ {1}') out = this.make(n.tpl, [this.symmetricProduct(a!), b!]);
    if (out !== n && n.label) out.label = n.label;
    return out;
  }

  /** A Python number where an array is needed (a matrix product, a transpose, a function). */
  private asArray(a: PyNode): PyNode {
    if (!a.scalar) return a;
    return this.make(this.lib === 'numpy' ? 'np.full((1, 1), {0}, dtype=np.float64)' : 'torch.full((1, 1), {0}, dtype=_like.dtype, device=_like.device)', [a]);
  }

  private t(a: PyNode): PyNode {
    // (Aᵀ)ᵀ = A
    if (a.tpl === '{0}.T' && !a.label) return a.args[0]!;
    return this.call('{0}.T', [a]);
  }

  /** Whether every use of e is as a factor of a matrix product (directly or through a transpose). */
  private onlyMultiplies(e: Expr): boolean {
    if (this.labels.has(e.id)) return false;
    const ps = this.parents.get(e.id) ?? [];
    return ps.length > 0 && ps.every((p) => isOp(p, 'matmul') || (isOp(p, 'transpose') && !this.labels.has(p.id) && (this.parents.get(p.id) ?? []).every((q) => isOp(q, 'matmul'))));
  }

  py(e: Expr): PyNode {
    const hit = this.memo.get(e.id);
    if (hit) return hit;
    let n: PyNode;
    switch (e.kind) {
      case 'var':
        n = this.make(this.ident(e.name), []);
        break;
      case 'num':
        n = this.make(pyNumber(e.value), [], true);
        break;
      case 'dim':
        n = this.make(this.dim(e.dim), [], true);
        break;
      case 'op':
        n = this.pyOp(e);
        break;
    }
    const label = this.labels.get(e.id);
    if (label && !n.label && n.args.length > 0) n.label = label;
    this.memo.set(e.id, n);
    return n;
  }

  private solve(a: PyNode, b: PyNode): PyNode {
    return this.call(this.lib === 'numpy' ? 'np.linalg.solve({0}, {1})' : 'torch.linalg.solve({0}, {1})', [a, b]);
  }

  /** An inverse (or its transpose) that only multiplies: the matrix it inverts, and whether transposed. */
  private inverse(e: Expr): { of: Expr; transposed: boolean } | undefined {
    if (isOp(e, 'inv') && this.onlyMultiplies(e)) return { of: e.args[0]!, transposed: false };
    if (isOp(e, 'transpose') && isOp(e.args[0]!, 'inv') && this.onlyMultiplies(e.args[0]!)) return { of: e.args[0]!.args[0]!, transposed: true };
    return undefined;
  }

  private pyOp(e: OpNode): PyNode {
    const [a, b] = e.args;
    switch (e.op) {
      case 'matmul': {
        // diag(v) X = v ⊙ X and X diag(v) = X ⊙ vᵀ: the diagonal is never formed.
        if (isOp(a!, 'diag')) return this.make('{0} * {1}', [this.column(a.args[0]!), this.py(b!)]);
        if (isOp(b!, 'diag')) return this.make('{0} * {1}', [this.py(a!), this.row(b.args[0]!)]);
        // A⁻¹B = solve(A, B); B A⁻¹ = (A⁻ᵀ Bᵀ)ᵀ = solve(Aᵀ, Bᵀ)ᵀ.
        const left = this.inverse(a!);
        if (left) {
          const m = this.py(left.of);
          return this.solve(left.transposed ? this.t(m) : m, this.py(b!));
        }
        const right = this.inverse(b!);
        if (right) {
          const m = this.py(right.of);
          return this.t(this.solve(right.transposed ? m : this.t(m), this.t(this.py(a!))));
        }
        const kron = this.kronProduct(a!, b!);
        if (kron) return kron;
        break;
      }
      case 'add': {
        // a + (−b) is a − b
        if (isOp(b!, 'neg')) {
          const [x, y] = [this.py(a!), this.py(b.args[0]!)];
          return this.make('{0} - {1}', [x, y], x.scalar && y.scalar);
        }
        break;
      }
      case 'tr': {
        // tr(AB) = sum(A ⊙ Bᵀ): no matrix product for one number.
        const m = a!;
        if (isOp(m, 'matmul') && !this.labels.has(m.id) && (this.parents.get(m.id) ?? []).length === 1 && !m.args.some((x) => this.special(x))) {
          const sum = this.lib === 'numpy' ? 'np.sum({0} * {1}, keepdims=True)' : 'torch.sum({0} * {1}).reshape(1, 1)';
          return this.call(sum, [this.py(m.args[0]!), this.t(this.py(m.args[1]!))]);
        }
        break;
      }
      case 'log': {
        // log σ(z) and log(1 − σ(z)) = log σ(−z), without forming σ(z) ∈ (0, 1).
        if (isOp(a!, 'sigmoid')) return this.call('_log_sigmoid({0})', [this.py(a.args[0]!)]);
        if (isOp(a!, 'add') && isNum(a.args[0]!, 1) && isOp(a.args[1]!, 'neg') && isOp(a.args[1].args[0]!, 'sigmoid')) {
          return this.call('_log_sigmoid({0})', [this.make('-{0}', [this.py(a.args[1].args[0].args[0]!)])]);
        }
        // log softmax(z) = z − logsumexp(z), along the softmax's own axis.
        if (isOp(a!, 'softmax') || isOp(a!, 'softmax_rows')) return this.call(this.spelling(a).replace('_softmax(', '_log_softmax('), [this.py(a.args[0]!)]);
        break;
      }
      default:
        break;
    }
    const args = e.args.map((x) => this.py(x));
    const tpl = this.spelling(e);
    if (ARITHMETIC.has(e.op)) return this.make(tpl, args, args.every((x) => x.scalar));
    return this.call(tpl, args);
  }

  /** Operands the product rules above rewrite: a product through them is left to those rules. */
  private special(e: Expr): boolean {
    return isOp(e, 'diag') || isOp(e, 'kron') || this.inverse(e) !== undefined;
  }

  private column(v: Expr): PyNode {
    return v.shape.cols === 1 ? this.py(v) : this.t(this.py(v));
  }

  private row(v: Expr): PyNode {
    return v.shape.rows === 1 ? this.py(v) : this.t(this.py(v));
  }

  /**
   * (A ⊗ B) v = vec(B V Aᵀ) with V = unvec(v), and u (A ⊗ B) = vec(Bᵀ U A)ᵀ with
   * U = unvec(uᵀ): the Kronecker product is not formed where it only multiplies a vector.
   */
  private kronProduct(a: Expr, b: Expr): PyNode | undefined {
    if (isOp(a, 'kron') && this.onlyMultiplies(a) && b.shape.cols === 1) {
      const [A, B] = a.args as [Expr, Expr];
      // Vᵀ = v.reshape(q, s); (B V Aᵀ)ᵀ = A Vᵀ Bᵀ, read row by row.
      let m = this.call(`{0}.reshape(${this.dim(A.shape.cols)}, ${this.dim(B.shape.cols)})`, [this.py(b)]);
      if (!isOp(A, 'eye')) m = this.call('{0} @ {1}', [this.py(A), m]);
      if (!isOp(B, 'eye')) m = this.call('{0} @ {1}', [m, this.t(this.py(B))]);
      return this.call('{0}.reshape(-1, 1)', [m]);
    }
    if (isOp(b, 'kron') && this.onlyMultiplies(b) && a.shape.rows === 1) {
      const [A, B] = b.args as [Expr, Expr];
      // Uᵀ = u.reshape(p, r); (Bᵀ U A)ᵀ = Aᵀ Uᵀ B, read row by row.
      let m = this.call(`{0}.reshape(${this.dim(A.shape.rows)}, ${this.dim(B.shape.rows)})`, [this.py(a)]);
      if (!isOp(A, 'eye')) m = this.call('{0} @ {1}', [this.t(this.py(A)), m]);
      if (!isOp(B, 'eye')) m = this.call('{0} @ {1}', [m, this.py(B)]);
      return this.call('{0}.reshape(1, -1)', [m]);
    }
    return undefined;
  }

  module(): string {
    const { program, op, derivatives } = this.input;
    const lib = this.lib;
    // Parameters: the program's variables in declaration order (and a wrt the value no longer uses).
    const used = new Set<string>();
    for (const e of [program.value, ...derivatives.map((d) => d.expr)]) for (const n of topoOrder(e)) if (n.kind === 'var') used.add(n.name);
    for (const d of derivatives) if (program.declarations.has(d.wrt)) used.add(d.wrt);
    const params = [...program.declarations.values()].filter((d) => used.has(d.name));
    // The program's own names first: a size that shares one gets another (L_dim).
    for (const d of params) this.ident(d.name);
    for (const name of program.definitions.keys()) this.ident(name);
    const value = this.py(program.value);
    const derivs = derivatives.map((d) => (op === 'hessian' ? this.symmetricProduct(this.py(d.expr)) : this.py(d.expr)));
    const roots = [value, ...derivs];

    // Uses of each node, and the order to compute them in.
    const uses = new Map<number, number>();
    const order: PyNode[] = [];
    const visited = new Set<number>();
    const visit = (n: PyNode) => {
      if (visited.has(n.id)) return;
      visited.add(n.id);
      for (const a of n.args) {
        uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
        visit(a);
      }
      order.push(n);
    };
    // Iterative enough for exported programs: depth is the program's nesting depth.
    for (const r of roots) visit(r);

    const assigned = new Map<number, string>();
    const fName = pythonName(program.valueName ?? 'f');
    const trivial = (n: PyNode) => n.args.length === 0 || (n.args.length === 1 && n.args[0]!.args.length === 0 && /^(?:-\{0\}|\{0\}\.T)$/.test(n.tpl));
    let temp = 0;
    const freshTemp = () => {
      let name: string;
      do name = `t${temp++}`;
      while (this.taken.has(name));
      this.taken.add(name);
      return name;
    };
    for (const n of order) {
      if (n.args.length === 0) continue;
      if (n.label) assigned.set(n.id, this.ident(n.label));
    }
    if (!assigned.has(value.id) && value.args.length > 0) assigned.set(value.id, this.ident(program.valueName ?? 'value'));
    derivatives.forEach((d, i) => {
      const n = derivs[i]!;
      if (assigned.has(n.id) || n.args.length === 0) return;
      const x = pythonName(d.wrt);
      const name = op === 'hessian' ? `d2${fName}_d${x}2` : `d${fName}_d${x}`;
      assigned.set(n.id, this.ident(name));
    });
    for (const n of order) if (!assigned.has(n.id) && (uses.get(n.id) ?? 0) >= 2 && !trivial(n)) assigned.set(n.id, freshTemp());

    const precOf = (n: PyNode): number => (assigned.has(n.id) ? PREC.atom : templatePrec(n.tpl).own);
    const code = (n: PyNode, top: boolean): string => {
      const own = assigned.get(n.id);
      if (own && !top) return own;
      if (n.args.length === 0) return n.tpl;
      const { slot } = templatePrec(n.tpl);
      return n.tpl.replace(/\{(\d)\}/g, (_m, i: string, at: number) => {
        const arg = n.args[Number(i)]!;
        const c = code(arg, false);
        return precOf(arg) >= slot(Number(i), at) ? c : `(${c})`;
      });
    };

    const body: string[] = [];
    for (const n of order) if (n.args.length > 0 && assigned.has(n.id)) body.push(`${assigned.get(n.id)} = ${code(n, true)}`);

    // The inputs: converted, checked and their sizes bound.
    const paramNames = params.map((d) => this.ident(d.name));
    const declaredDims = new Set<string>();
    for (const d of params) for (const s of [d.shape.rows, d.shape.cols]) if (typeof s === 'string') for (const x of s.split('*')) if (!/^\d+$/.test(x)) declaredDims.add(x);
    const freeDims = [...this.usedDims].filter((x) => !declaredDims.has(x)).sort();
    const pre: string[] = [];
    if (lib === 'torch') {
      this.helpers.add('_reference');
      pre.push(`_like = _reference(${paramNames.join(', ')})`);
    }
    pre.push(`dims = {${freeDims.map((x) => `"${x}": ${this.dimIdent(x)}`).join(', ')}}`);
    const sizeLit = (s: Dim) => (typeof s === 'number' ? String(s) : JSON.stringify(s));
    const binds: string[] = [];
    const later: string[] = [];
    for (const d of params) {
      const id = this.ident(d.name);
      const scalar = isScalar(d.shape);
      pre.push(`${id} = _matrix(${JSON.stringify(d.name)}, ${id}, ${scalar ? 'True' : 'False'}${lib === 'torch' ? ', _like' : ''})`);
      const line = `_bind(dims, ${JSON.stringify(d.name)}, ${id}, (${sizeLit(d.shape.rows)}, ${sizeLit(d.shape.cols)}))`;
      binds.push(line);
      if ([d.shape.rows, d.shape.cols].some((s) => typeof s === 'string' && s.includes('*'))) later.push(line);
    }
    this.helpers.add('_matrix');
    this.helpers.add('_bind');
    pre.push(...binds, ...later);
    const boundDims = [...this.usedDims].filter((x) => declaredDims.has(x)).sort();
    if (boundDims.length) pre.push(`${boundDims.map((x) => this.dimIdent(x)).join(', ')} = ${boundDims.map((x) => `dims["${x}"]`).join(', ')}`);

    // The results, shaped as CONTRACT §2 says: a scalar value as a number, derivatives as 2-D arrays.
    const valueCode = code(value, false);
    const valueOut = isScalar(program.value.shape)
      ? lib === 'numpy'
        ? value.scalar ? `float(${valueCode})` : `${atom(valueCode, precOf(value))}.item()`
        : value.scalar ? `torch.tensor(float(${valueCode}), dtype=_like.dtype, device=_like.device)` : `${atom(valueCode, precOf(value))}.reshape(())`
      : valueCode;
    const derivOut = derivs.map((n, i) => {
      const c = code(n, false);
      if (!n.scalar) return c;
      const s = derivatives[i]!.expr.shape;
      const shape = `(${this.dim(s.rows)}, ${this.dim(s.cols)})`;
      return lib === 'numpy' ? `np.full(${shape}, float(${c}))` : `torch.full(${shape}, float(${c}), dtype=_like.dtype, device=_like.device)`;
    });
    const ret = derivOut.length === 1 ? `return ${valueOut}, ${derivOut[0]}` : `return ${valueOut}, (${derivOut.join(', ')})`;

    const fn = op === 'grad' ? 'value_and_grad' : op === 'jacobian' ? 'value_and_jacobian' : 'value_and_hessian';
    const signature = [...paramNames, ...(freeDims.length ? ['*', ...freeDims.map((x) => this.dimIdent(x))] : [])].join(', ');
    const lines: string[] = [];
    lines.push(`"""${docEscape(this.docstring(paramNames))}"""`);
    lines.push(lib === 'numpy' ? 'import numpy as np' : 'import torch');
    lines.push('');
    lines.push(`PARAMETERS = {${params.map((d) => `${JSON.stringify(d.name)}: "${this.ident(d.name)}"`).join(', ')}}`);
    // NumPy's log-softmax is written with its logsumexp.
    if (lib === 'numpy' && this.helpers.has('_log_softmax')) this.helpers.add('_logsumexp');
    for (const h of Object.keys(HELPERS)) {
      if (!this.helpers.has(h)) continue;
      const text = HELPERS[h]![lib];
      if (text) lines.push('', '', text);
    }
    lines.push('', '');
    lines.push(`def ${fn}(${signature}):`);
    lines.push(`    """${docEscape(this.functionDoc())}"""`);
    for (const l of [...pre, ...body, ret]) lines.push(`    ${l}`);
    return lines.join('\n') + '\n';
  }

  private docstring(paramNames: readonly string[]): string {
    const { program, op, derivatives, source } = this.input;
    const what = op === 'grad' ? 'gradient' : op === 'jacobian' ? 'Jacobian' : 'Hessian';
    const lines = [`The value and the ${what}${derivatives.length > 1 ? 's' : ''} of a dcalc program, exported for ${this.lib === 'numpy' ? 'NumPy' : 'PyTorch'}.`, '', 'Program:', ''];
    for (const l of source.trim().split(/\r?\n/)) lines.push(`    ${l}`);
    lines.push('', `Derivative${derivatives.length > 1 ? 's' : ''}:`, '');
    for (const d of derivatives) for (const l of d.text.split('\n')) lines.push(`    ${l}`);
    lines.push('', `Layout: ${layoutText(op, program)}`);
    lines.push('', `Parameters (${paramNames.join(', ')}) are 2-D arrays; a scalar may be a number.`);
    return lines.join('\n');
  }

  private functionDoc(): string {
    const { program, op, derivatives } = this.input;
    const shapes = [...program.declarations.values()].filter((d) => this.names.has(d.name)).map((d) => `${this.ident(d.name)}: ${shapeText(d.shape)}`);
    const what = op === 'grad' ? 'gradient' : op === 'jacobian' ? 'Jacobian' : 'Hessian';
    const ret = derivatives.length === 1 ? `(value, ${what})` : `(value, (${derivatives.map((d) => `w.r.t. ${d.wrt}`).join(', ')}))`;
    return `Returns ${ret}. Shapes: ${shapes.join(', ')}.\n    A wrong shape or dtype raises ValueError naming the input.\n    `;
  }
}

function atom(code: string, prec: number): string {
  return prec >= PREC.atom ? code : `(${code})`;
}

function shapeText(s: Shape): string {
  const d = (x: Dim) => (typeof x === 'number' ? String(x) : x.replace(/\*/g, '·'));
  return `${d(s.rows)}×${d(s.cols)}`;
}

function layoutText(op: 'grad' | 'jacobian' | 'hessian', program: Program): string {
  void program;
  if (op === 'grad') return 'denominator: each gradient has the shape of its variable; entry (i, j) is ∂f/∂X[i, j].';
  if (op === 'jacobian') return 'numerator: ∂vec(F)/∂vec(X)ᵀ, (pq)×(rc) for F: p×q and X: r×c, vec stacking columns (vec(X) = X.T.reshape(-1, 1)); w.r.t. a scalar, shaped like F.';
  return '∂²f/∂vec(X)∂vec(X)ᵀ, (rc)×(rc) for X: r×c, vec stacking columns (vec(X) = X.T.reshape(-1, 1)).';
}

function docEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
}
