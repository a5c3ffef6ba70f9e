/**
 * The builder: from the concrete syntax tree to the typed expression DAG. It knows the
 * declared and defined names, so it decides what the grammar cannot: how a run of
 * letters splits into names (`XW` is X·W unless XW is a name), whether `f(x)` is a
 * call or a juxtaposition, and which operator a `*` or `^` is (a 1×1 side scales; a
 * power of a square matrix is a matrix power). Every node is built through its shape
 * rule, so shape errors are reported here, at the operator's position.
 */
import { apply, num, dimScalar, variable, type Expr, type VarNode, isOp, Store, activeStore, withStore } from '../ast.js';
import { DcalcError, type SourceLoc, withinLimits, optionError } from '../errors.js';
import { FUNCTIONS, OPS } from '../ops/registry.js';
import { MACROS } from '../ops/macros.js';
import { type Dim, dim, mulDim, showDim } from '../shape/dims.js';
import { type Shape, SCALAR, isScalar, isSquare, showShape, shape as mkShape } from '../shape/shape.js';
import type { Syn, SynDim, SynProgram, SynStatement } from './syntax.js';
import type { Assumption } from '../numeric/sample.js';
import { inferShapes, } from '../shape/infer.js';
import { coefficientReading, denominatorReading } from './reading.js';

export const ASSUMPTIONS: readonly Assumption[] = ['symmetric', 'spd', 'positive', 'simplex', 'simplex_rows', 'binary'];

/**
 * Names that are constants unless the program declares or defines them (CONTRACT §1,
 * textbook notation): π, Euler's e (`e^x` is exp(x)), and 𝟏, a ones vector where a
 * product gives its size and the number 1 elsewhere.
 */
const CONSTANTS: Readonly<Record<string, number>> = { π: Math.PI, e: Math.E, '𝟏': 1 };

/** `1ᵀ`, `𝟏ᵀ`: a row of ones when a product follows. */
function onesRowSyntax(s: Syn): boolean {
  return s.t === 'transpose' && ((s.arg.t === 'num' && s.arg.value === 1) || (s.arg.t === 'ident' && s.arg.name === '𝟏'));
}

export interface Declaration {
  readonly name: string;
  readonly shape: Shape;
  readonly assumptions: readonly Assumption[];
  /** Whether the shape was inferred rather than declared. */
  readonly inferred?: boolean;
}

export interface Program {
  /** Declared (and inferred) variables, in order of declaration. */
  readonly declarations: ReadonlyMap<string, Declaration>;
  /** Named intermediates, in order of definition. */
  readonly definitions: ReadonlyMap<string, Expr>;
  /** The value of the program: its last statement. */
  readonly value: Expr;
  /** The name of the last statement, when it is a definition (`L = …`). */
  readonly valueName: string | undefined;
  /** Where each node was first written. */
  readonly locs: ReadonlyMap<number, SourceLoc>;
  /** Dimension names the program mentions. */
  readonly dimNames: ReadonlySet<string>;
  /** The store its nodes live in; derivatives of the program are made there too. */
  readonly store: Store;
  /** How notation open to two readings was read (`(1/2)‖r‖²`), in the user's notation. */
  readonly readings: readonly string[];
  /** Readings that are plausible but probably not meant, each a one-line hint. */
  readonly hints: readonly string[];
}

/** Functions of the registry and its macros, and max/min, which the builder expands. */
function isFunctionName(name: string): boolean {
  return FUNCTIONS.has(name) || MACROS.has(name) || name === 'max' || name === 'min';
}

function showDimText(d: Dim): string {
  return showDim(d, 'text');
}

/** A size past 2⁵³ − 1 is not held exactly by a double (2⁵³ + 1 reads as 2⁵³): refused, not rounded. */
function assertExactSize(n: number, loc: SourceLoc): void {
  if (!Number.isSafeInteger(n)) throw new DcalcError('limit', `a size must be at most 2^53 − 1 = ${Number.MAX_SAFE_INTEGER} (larger integers are not exact)`, loc);
}

function toDim(d: SynDim): Dim {
  switch (d.t) {
    case 'dimnum':
      if (!Number.isInteger(d.value) || d.value < 1) throw new DcalcError('parse', `a size must be a positive integer, not ${d.value}`, d.loc);
      assertExactSize(d.value, d.loc);
      return d.value;
    case 'dimname':
      return dim(d.name);
    case 'dimmul':
      return mulDim(toDim(d.left), toDim(d.right));
  }
}

export function declarationFromSyntax(st: Extract<SynStatement, { t: 'decl' }>): Declaration[] {
  const shape = st.rows && st.cols ? mkShape(toDim(st.rows), toDim(st.cols)) : st.rows ? mkShape(toDim(st.rows), 1) : SCALAR;
  const assumptions: Assumption[] = [];
  for (const a of st.assumptions) {
    if (!(ASSUMPTIONS as readonly string[]).includes(a.name)) {
      throw new DcalcError('parse', `unknown assumption '${a.name}' (known: ${ASSUMPTIONS.join(', ')})`, a.loc);
    }
    assumptions.push(a.name as Assumption);
  }
  for (const a of assumptions) {
    if ((a === 'symmetric' || a === 'spd') && !isSquare(shape)) throw new DcalcError('shape', `${a} needs a square matrix, not ${showShape(shape)}`, st.assumptions[0]!.loc);
  }
  return st.names.map((n) => ({ name: n.name, shape, assumptions }));
}

/**
 * Splits an identifier into name units: a letter with its combining marks and its own
 * subscript (digits, ₀-₉, `_1`, `_{12}`, `_hat`): `a_1W_2` is a_1, W_2; `XW1` is X, W1.
 */
function splitUnits(name: string): { units: string[] } {
  const units = name.match(/\p{L}\p{M}*(?:\d+|[₀-₉]+|_\d+|_\{[^}]*\}|_\p{L}[\p{L}\d]*)?/gu);
  if (!units || units.join('') !== name) return { units: [name] };
  return { units };
}

/** The operand of a chain of postfix operators (transposes and powers; X⁻ᵀ is transpose(X^−1)). */
function postfixOperand(n: Syn): Syn | undefined {
  return n.t === 'transpose' ? n.arg : n.t === 'bin' && (n.op === '^' || n.op === '.^') ? n.left : undefined;
}

function postfixBase(s: Syn): Syn {
  let base = s;
  while (postfixOperand(base)) base = postfixOperand(base)!;
  return base;
}

/** The same chain of postfix operators on another operand. */
function withPostfixBase(n: Syn, base: Syn): Syn {
  if (n.t === 'transpose') return { ...n, arg: postfixOperand(n.arg) ? withPostfixBase(n.arg, base) : base };
  if (n.t === 'bin' && (n.op === '^' || n.op === '.^')) return { ...n, left: postfixOperand(n.left) ? withPostfixBase(n.left, base) : base };
  return base;
}

class Builder {
  readonly declarations = new Map<string, Declaration>();
  readonly definitions = new Map<string, Expr>();
  readonly locs = new Map<number, SourceLoc>();
  readonly dimNames = new Set<string>();
  readonly readings: string[] = [];
  readonly hints: string[] = [];
  /** Column-wise softmaxes of matrices, checked against simplex_rows labels at the end. */
  private matrixSoftmaxes: Expr[] = [];
  /** Fractions read as coefficients (their reading is the coefficient's). */
  private coefficients = new WeakSet<Syn>();
  private inferred = new Map<string, Shape>();

  constructor(lets: readonly Declaration[]) {
    for (const d of lets) this.declare(d);
  }

  declare(d: Declaration, loc?: SourceLoc): void {
    if (this.definitions.has(d.name)) throw new DcalcError('name', `${d.name} is already defined`, loc);
    const prev = this.declarations.get(d.name);
    if (prev && (prev.shape.rows !== d.shape.rows || prev.shape.cols !== d.shape.cols)) {
      throw new DcalcError('shape', `${d.name} is declared twice, as ${showShape(prev.shape)} and as ${showShape(d.shape)}`, loc);
    }
    this.declarations.set(d.name, d);
    this.noteNameLength(d.name);
    for (const n of [d.shape.rows, d.shape.cols]) if (typeof n === 'string') for (const p of n.split('*')) if (!/^\d+$/.test(p)) this.dimNames.add(p), this.noteNameLength(p);
  }

  private note<T extends Expr>(e: T, loc: SourceLoc): T {
    if (!this.locs.has(e.id)) this.locs.set(e.id, loc);
    return e;
  }

  isKnownName(n: string): boolean {
    return this.definitions.has(n) || this.declarations.has(n) || this.inferred.has(n) || this.dimNames.has(n);
  }

  /** The value of a single name. */
  private nameValue(name: string, loc: SourceLoc): Expr {
    const def = this.definitions.get(name);
    if (def) return def;
    const decl = this.declarations.get(name);
    if (decl) return this.note(variable(name, decl.shape), loc);
    if (this.dimNames.has(name)) return this.note(dimScalar(name), loc);
    const inf = this.inferred.get(name);
    if (inf) return this.note(variable(name, inf), loc);
    if (name in CONSTANTS) return this.note(num(CONSTANTS[name]!), loc);
    if (name === 'det') throw new DcalcError('name', 'det is a function: write det(A), and for its logarithm logdet(A) or log det A', loc);
    if (isFunctionName(name)) throw new DcalcError('name', `${name} is a function: call it as ${name}(…)`, loc);
    throw optionError('name', (o) => `cannot tell the shape of ${name}: declare it (for example ${o.let} "${name}: n×1")`, loc);
  }

  /**
   * The longest name (in UTF-16 units) any known-name table can hold: no longer run of
   * units can be a name, so splitIdent never tries one. Without this bound a run of n
   * letters cost O(n³) (every prefix of every suffix, each joined and hashed).
   */
  private longestName = 0;

  private noteNameLength(n: string): void {
    if (n.length > this.longestName) this.longestName = n.length;
  }

  /** The names an identifier run stands for, by longest known prefix (`XW1` → X, W1). */
  splitIdent(name: string, isKnown: (n: string) => boolean = (n) => this.isKnownName(n)): string[] {
    if (isKnown(name) || isFunctionName(name)) return [name];
    const { units } = splitUnits(name);
    if (units.length <= 1) return [name];
    const out: string[] = [];
    let i = 0;
    while (i < units.length) {
      // The candidates units[i..j) no longer than the longest name, longest first.
      let end = i + 1;
      for (let len = units[i]!.length; end < units.length && len + units[end]!.length <= this.longestName; end++) len += units[end]!.length;
      let taken = false;
      for (let j = end; j > i + 1; j--) {
        const cand = units.slice(i, j).join('');
        if (isKnown(cand)) {
          out.push(cand);
          i = j;
          taken = true;
          break;
        }
      }
      if (!taken) {
        out.push(units[i]!);
        i++;
      }
    }
    return out;
  }

  private ident(name: string, loc: SourceLoc): Expr {
    const parts = this.splitIdent(name);
    let acc: Expr | undefined;
    let col = loc.column;
    for (const p of parts) {
      const ploc = { line: loc.line, column: col };
      const v = this.nameValue(p, ploc);
      acc = acc ? this.product(acc, v, ploc) : v;
      col += [...p].length;
    }
    return acc!;
  }

  /** `A*B`, `AB`: the matrix product, or a scaling when a side is 1×1. */
  product(a: Expr, b: Expr, loc: SourceLoc): Expr {
    if (isScalar(a.shape) || isScalar(b.shape)) return this.note(apply('mul', [a, b], {}, loc), loc);
    return this.note(apply('matmul', [a, b], {}, loc), loc);
  }

  private power(base: Expr, exp: Expr, loc: SourceLoc): Expr {
    if (isOp(base, 'norm2') && exp.kind === 'num' && exp.value === 2) return this.note(apply('norm2sq', base.args, {}, loc), loc);
    if (isScalar(base.shape)) return this.note(apply('epow', [base, exp], {}, loc), loc);
    // A matrix that is not square has no matrix power: x² of a vector is its elementwise
    // square (CONTRACT §1). A 0th or negative power (X⁻¹) stays an error: no elementwise reading is meant.
    if (!isSquare(base.shape) && exp.kind === 'num' && exp.value > 0) return this.note(apply('epow', [base, exp], {}, loc), loc);
    if (!isSquare(base.shape)) throw new DcalcError('shape', `^: a power needs a square matrix, not ${showShape(base.shape)} (use .^ for an elementwise power)`, loc);
    if (exp.kind !== 'num' || !Number.isInteger(exp.value)) {
      throw new DcalcError('shape', `^: the power of a ${showShape(base.shape)} matrix must be an integer constant (use .^ for an elementwise power)`, loc);
    }
    const p = exp.value;
    if (p === 0) return this.note(apply('eye', [], { dims: [base.shape.rows] }, loc), loc);
    if (p === 1) return base;
    if (p === -1) return this.note(apply('inv', [base], {}, loc), loc);
    if (p < 0) return this.note(apply('mpow', [apply('inv', [base], {}, loc)], { p: -p }, loc), loc);
    return this.note(apply('mpow', [base], { p }, loc), loc);
  }

  private dimOf(s: Syn): Dim {
    switch (s.t) {
      case 'num':
        if (!Number.isInteger(s.value) || s.value < 1) throw new DcalcError('shape', `a size must be a positive integer, not ${s.value}`, s.loc);
        assertExactSize(s.value, s.loc);
        return s.value;
      case 'ident': {
        const parts = this.splitIdent(s.name);
        let d: Dim = 1;
        for (const p of parts) {
          if (this.declarations.has(p) || this.definitions.has(p)) throw new DcalcError('shape', `${p} is a variable, not a size`, s.loc);
          d = mulDim(d, p);
          this.dimNames.add(p);
        }
        return d;
      }
      case 'bin':
        if (s.op === '*' || s.op === 'juxt') return mulDim(this.dimOf(s.left), this.dimOf(s.right));
        break;
      case 'paren':
        return this.dimOf(s.arg);
      default:
        break;
    }
    throw new DcalcError('shape', 'expected a size: an integer, a dimension name or a product of them', s.loc);
  }

  private call(name: string, args: Syn[], loc: SourceLoc, nameLoc: SourceLoc): Expr {
    if ((name === 'log' || name === 'ln') && args.length === 1 && args[0]!.t === 'bars') {
      // log|Σ| of a square matrix: the log-determinant
      const m = this.expr(args[0]!.arg);
      if (isSquare(m.shape) && !isScalar(m.shape)) return this.note(apply('logdet', [m], {}, nameLoc), nameLoc);
    }
    if ((name === 'max' || name === 'min') && !this.isKnownName(name)) return this.maxMin(name, args, nameLoc);
    const op = FUNCTIONS.get(name);
    if (op) {
      const spec = OPS[op];
      const arity = spec.fn!.arity;
      if (args.length !== arity) throw new DcalcError('parse', `${name} takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`, nameLoc);
      if (spec.fn!.dimArgs) {
        const dims = args.map((a) => this.dimOf(a));
        return this.note(apply(op, [], { dims }, nameLoc), nameLoc);
      }
      const built = this.note(apply(op, args.map((a) => this.expr(a)), {}, nameLoc), nameLoc);
      if (op === 'softmax' && built.shape.rows !== 1 && built.shape.cols !== 1) this.matrixSoftmaxes.push(built);
      return built;
    }
    const macro = MACROS.get(name);
    if (macro) {
      const n = macro.args.length;
      if (args.length !== n) throw new DcalcError('parse', `${name} takes ${n} argument${n === 1 ? '' : 's'}${macro.argsDoc ? ` ${macro.argsDoc}` : ''}, not ${args.length}`, nameLoc);
      const values = args.map((a, i) => (macro.args[i] === 'size' ? this.dimOf(a) : this.expr(a)));
      return this.note(macro.expand(values, (o, xs, attr = {}) => apply(o, xs, attr, nameLoc)), nameLoc);
    }
    // A name followed by a parenthesis is a juxtaposition when the name is a value: X(p − y).
    const parts = this.splitIdent(name);
    if (parts.every((p) => this.isKnownName(p)) && !parts.some((p) => isFunctionName(p))) {
      if (args.length !== 1) throw new DcalcError('parse', `${name} is not a function; a product with a parenthesis takes one expression`, loc);
      const left = this.ident(name, nameLoc);
      return this.product(left, this.expr(args[0]!), loc);
    }
    throw new DcalcError('name', `unknown function ${name}`, nameLoc);
  }

  /**
   * max(a, b) and min(a, b), elementwise with broadcasting: max(a, b) = a + relu(b − a),
   * min(a, b) = a − relu(a − b), so max(0, x) is relu(x) and the derivative is a step.
   */
  private maxMin(name: string, args: Syn[], loc: SourceLoc): Expr {
    if (args.length !== 2) throw new DcalcError('parse', `${name} takes 2 arguments (elementwise, as in ${name}(0, x)), not ${args.length}`, loc);
    const a = this.expr(args[0]!);
    const b = this.expr(args[1]!);
    const isZero = (e: Expr) => e.kind === 'num' && e.value === 0;
    const relu = (x: Expr) => this.note(apply('relu', [x], {}, loc), loc);
    if (name === 'max') {
      if (isZero(a)) return relu(b);
      if (isZero(b)) return relu(a);
      return this.note(apply('add', [a, relu(this.difference(b, a, loc))], {}, loc), loc);
    }
    if (isZero(a)) return this.note(apply('neg', [relu(apply('neg', [b], {}, loc))], {}, loc), loc);
    if (isZero(b)) return this.note(apply('neg', [relu(apply('neg', [a], {}, loc))], {}, loc), loc);
    return this.difference(a, relu(this.difference(a, b, loc)), loc);
  }

  expr(s: Syn): Expr {
    switch (s.t) {
      case 'num':
        return this.note(num(s.value), s.loc);
      case 'ident':
        return this.ident(s.name, s.loc);
      case 'paren':
        return this.expr(s.arg);
      case 'call':
        return this.call(s.name, s.args, s.loc, s.nameLoc);
      case 'neg': {
        const a = this.expr(s.arg);
        if (a.kind === 'num') return this.note(num(-a.value), s.loc);
        return this.note(apply('neg', [a], {}, s.loc), s.loc);
      }
      case 'transpose': {
        // `X(p − y)ᵀ` parses as (X(p − y))ᵀ; when X is a value, it is X·((p − y)ᵀ).
        const regrouped = this.regroupPostfix(s) ?? this.splitPostfixChain(s);
        if (regrouped) return regrouped;
        return this.note(apply('transpose', [this.expr(s.arg)], {}, s.loc), s.loc);
      }
      case 'norm': {
        const a = this.expr(s.arg);
        return this.note(apply(s.kind === '1' ? 'norm1' : 'norm2', [a], {}, s.loc), s.loc);
      }
      case 'bars': {
        // |x| of a scalar is its absolute value, |A| of a square matrix its determinant.
        const a = this.expr(s.arg);
        if (isScalar(a.shape)) return this.note(apply('abs', [a], {}, s.loc), s.loc);
        if (isSquare(a.shape)) return this.note(apply('det', [a], {}, s.loc), s.loc);
        throw new DcalcError('shape', `|…|: the determinant needs a square matrix, not ${showShape(a.shape)} (write abs(…) for the absolute values, ‖…‖ for a norm)`, s.loc);
      }
      case 'bin': {
        if (s.op === 'juxt') return this.juxtaposition(s);
        if (s.op === '^' || s.op === '.^') {
          // e^x is exp(x) unless the program names an e of its own.
          if (s.op === '^' && s.left.t === 'ident' && s.left.name === 'e' && !this.isKnownName('e')) {
            return this.note(apply('exp', [this.expr(s.right)], {}, s.loc), s.loc);
          }
          const regrouped = this.regroupPostfix(s) ?? this.splitPostfixChain(s);
          if (regrouped) return regrouped;
        }
        if (s.op === '*' && (onesRowSyntax(s.left) || this.isOnesColumn(s.right))) return this.onesProduct(s);
        if (s.op === '/') {
          const split = this.splitDenominator(s.right);
          if (split) return this.quotientBeforeGroup(s.left, split, s.loc);
        }
        const a = this.expr(s.left);
        const b = this.expr(s.right);
        switch (s.op) {
          case '+':
            return this.note(apply('add', [a, b], {}, s.loc), s.loc);
          case '-':
            return this.difference(a, b, s.loc);
          case '*':
            return this.product(a, b, s.loc);
          case '/':
          case './':
            if (s.op === '/' && s.right.t === 'bin' && s.right.op === 'juxt' && !this.coefficients.has(s)) this.readings.push(denominatorReading(s.left, s.right));
            if (b.kind === 'num' && b.value === 0) throw new DcalcError('domain', 'division by zero', s.loc);
            return this.note(apply('div', [a, b], {}, s.loc), s.loc);
          case '.*':
            return this.note(apply('mul', [a, b], {}, s.loc), s.loc);
          case '^':
            if (a.kind === 'num' && b.kind === 'num' && Number.isFinite(a.value ** b.value)) return this.note(num(a.value ** b.value), s.loc);
            return this.power(a, b, s.loc);
          case '.^':
            return this.note(apply('epow', [a, b], {}, s.loc), s.loc);
          case 'kron':
            return this.note(apply('kron', [a, b], {}, s.loc), s.loc);
        }
      }
    }
  }

  /** a − b, built as a + (−b): a shape error names `−`, as the user wrote it. */
  private difference(a: Expr, b: Expr, loc: SourceLoc): Expr {
    try {
      return this.note(apply('add', [a, b.kind === 'num' ? num(-b.value) : apply('neg', [b], {}, loc)], {}, loc), loc);
    } catch (e) {
      if (e instanceof DcalcError && e.kind === 'shape' && e.message.startsWith('+:')) {
        throw new DcalcError('shape', `−:${e.message.slice(2).replace(' plus ', ' minus ')}`, loc);
      }
      throw e;
    }
  }

  /** `n(x − μ)` with n a value (not a function): a name juxtaposed with a group. */
  private isValueTimesGroup(call: Extract<Syn, { t: 'call' }>): boolean {
    if (call.args.length !== 1 || isFunctionName(call.name)) return false;
    const parts = this.splitIdent(call.name);
    return parts.every((p) => this.isKnownName(p)) && !parts.some((p) => isFunctionName(p));
  }

  /**
   * A denominator that ends in a name directly followed by a group, `n(x − μ)ᵀ` or
   * `2n(x − μ)`: the group is not pulled into the denominator (CONTRACT §1), so it is
   * split into the denominator proper (`n`, `2n`) and what multiplies the fraction.
   */
  private splitDenominator(den: Syn): { den: Syn; rest: Syn } | undefined {
    if (den.t === 'bin' && den.op === 'juxt') {
      const inner = this.splitDenominator(den.right);
      return inner && { den: { ...den, right: inner.den }, rest: inner.rest };
    }
    const base = postfixBase(den);
    if (base.t !== 'call' || !this.isValueTimesGroup(base)) return undefined;
    const group: Syn = { t: 'paren', arg: base.args[0]!, loc: base.loc };
    return { den: { t: 'ident', name: base.name, loc: base.nameLoc }, rest: withPostfixBase(den, group) };
  }

  /** `1/n(x − μ)` read as (1/n)(x − μ). */
  private quotientBeforeGroup(numerator: Syn, split: { den: Syn; rest: Syn }, loc: SourceLoc): Expr {
    const fraction: Syn = { t: 'bin', op: '/', left: numerator, right: split.den, loc };
    this.readings.push(coefficientReading(fraction, [split.rest]));
    const q = this.note(apply('div', [this.expr(numerator), this.expr(split.den)], {}, loc), loc);
    return this.product(q, this.expr(split.rest), split.rest.loc);
  }

  /** `𝟏` (not a name of the program): a ones column when it ends a product. */
  private isOnesColumn(s: Syn): boolean {
    return s.t === 'ident' && s.name === '𝟏' && !this.isKnownName('𝟏');
  }

  /**
   * A ones vector of the size the product needs: `1ᵀv` and `𝟏ᵀv` are sums of v's rows
   * (a row of ones times v), `X𝟏` sums X's columns. A plain `1ᵀ` read so gets a hint.
   */
  private onesTimes(onesSyn: Syn, other: Expr, onLeft: boolean, loc: SourceLoc): Expr {
    if (isScalar(other.shape)) return other;
    const size = onLeft ? other.shape.rows : other.shape.cols;
    const ones = this.note(apply('ones', [], { dims: onLeft ? [1, size] : [size, 1] }, loc), loc);
    if (onesSyn.t === 'transpose' && onesSyn.arg.t === 'num') {
      this.hints.push(`read 1ᵀ as a row of ones (ones(1, ${showDimText(size)})), not the number 1; write 𝟏ᵀ or ones(1, ${showDimText(size)}) to say so`);
    }
    return onLeft ? this.product(ones, other, loc) : this.product(other, ones, loc);
  }

  /** `1ᵀ * v`, `X * 𝟏`. */
  private onesProduct(s: Extract<Syn, { t: 'bin' }>): Expr {
    if (onesRowSyntax(s.left)) return this.onesTimes(s.left, this.expr(s.right), true, s.loc);
    return this.onesTimes(s.right, this.expr(s.left), false, s.loc);
  }

  /**
   * A postfix operator (transpose, power) applied to `X(…)` where X is a value and not
   * a function binds to the parenthesis alone: X(p − y)ᵀ is X·((p − y)ᵀ).
   */
  /**
   * `X(p − y)ᵀ` parses as (X(p − y))ᵀ, a call-like group under the postfix; when X is a
   * value (not a function) it is X·((p − y)ᵀ). The postfix may be a chain: X⁻ᵀ is
   * transpose(X^−1), so `A(B + C)⁻ᵀ` is A·((B + C)⁻ᵀ).
   */
  private regroupPostfix(s: Syn): Expr | undefined {
    const base = postfixBase(s);
    if (base.t !== 'call' || base.args.length !== 1 || isFunctionName(base.name)) return undefined;
    const parts = this.splitIdent(base.name);
    if (!parts.every((p) => this.isKnownName(p))) return undefined;
    const left = this.ident(base.name, base.nameLoc);
    const paren: Syn = { t: 'paren', arg: base.args[0]!, loc: base.loc };
    return this.product(left, this.expr(withPostfixBase(s, paren)), base.loc);
  }

  /**
   * A postfix operator on a run of letters binds to the last name only, since
   * juxtaposition binds below transposes and powers: `abᵀ` is a·(bᵀ), `2xy²` is 2x(y²).
   */
  private splitPostfixChain(s: Syn): Expr | undefined {
    return this.splitPostfix(postfixBase(s), (last) => withPostfixBase(s, last));
  }

  private splitPostfix(arg: Syn, rebuild: (last: Syn) => Syn): Expr | undefined {
    if (arg.t !== 'ident') return undefined;
    const parts = this.splitIdent(arg.name);
    if (parts.length < 2) return undefined;
    const lastName = parts[parts.length - 1]!;
    const lastCol = arg.loc.column + [...parts.slice(0, -1).join('')].length;
    const head = this.ident(parts.slice(0, -1).join(''), arg.loc);
    const tail = this.expr(rebuild({ t: 'ident', name: lastName, loc: { line: arg.loc.line, column: lastCol } }));
    return this.product(head, tail, { line: arg.loc.line, column: lastCol });
  }

  /**
   * A juxtaposition chain `y log a`, `2x`, `X(p − y)ᵀ`: a function name without
   * parentheses applies to the term right after it (`log a` is log(a)), and the
   * terms multiply left to right.
   */
  private juxtaposition(s: Extract<Syn, { t: 'bin' }>): Expr {
    const terms: Syn[] = [];
    const locs: SourceLoc[] = [];
    let cur: Syn = s;
    while (cur.t === 'bin' && cur.op === 'juxt') {
      terms.unshift(cur.right);
      locs.unshift(cur.loc);
      cur = cur.left;
    }
    terms.unshift(cur);
    locs.unshift(cur.loc);
    // A bare fraction can lead a juxtaposition only as its coefficient (grammar: Frac).
    const first = terms[0]!;
    if (first.t === 'bin' && first.op === '/') {
      // 1/n(x − μ)ᵀ(x − μ): the group after the denominator joins the terms it multiplies
      const split = this.splitDenominator(first.right);
      if (split) {
        terms.splice(0, 1, { ...first, right: split.den }, split.rest);
        locs.splice(1, 0, split.rest.loc);
      }
      this.readings.push(coefficientReading(terms[0]!, terms.slice(1)));
      this.coefficients.add(terms[0]!);
    }
    let acc: Expr | undefined;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      let v: Expr;
      if (onesRowSyntax(t) && i + 1 < terms.length) {
        const next = this.factor(terms, i + 1);
        v = this.onesTimes(t, next.value, true, locs[i + 1]!);
        i = next.end;
      } else if (acc && this.isOnesColumn(t)) {
        acc = this.onesTimes(t, acc, false, locs[i]!);
        continue;
      } else {
        const f = this.factor(terms, i);
        v = f.value;
        i = f.end;
      }
      acc = acc ? this.product(acc, v, locs[i]!) : v;
    }
    return acc!;
  }

  /**
   * The factor that starts at terms[i]: a function name without parentheses applies to
   * the factor after it (`log a` is log(a), `log det Σ` is logdet(Σ)); `end` is the
   * index of its last term.
   */
  private factor(terms: Syn[], i: number): { value: Expr; end: number } {
    const t = terms[i]!;
    if (!(t.t === 'ident' && isFunctionName(t.name) && !this.isKnownName(t.name))) return { value: this.expr(t), end: i };
    const argSyn = terms[i + 1];
    if (!argSyn) {
      const hint = t.name === 'det' || t.name === 'logdet' ? ' (for example log det Σ, or logdet(Σ))' : '';
      throw new DcalcError('parse', `${t.name} needs an argument${hint}`, t.loc);
    }
    const isLog = t.name === 'log' || t.name === 'ln';
    if (isLog && argSyn.t === 'ident' && argSyn.name === 'det' && !this.isKnownName('det')) {
      // log det Σ: the log-determinant (assumes det Σ > 0, as logdet does)
      const inner = terms[i + 2];
      if (!inner) throw new DcalcError('parse', 'log det needs a matrix after it: write log det Σ or logdet(Σ)', argSyn.loc);
      const m = this.factor(terms, i + 2);
      return { value: this.note(apply('logdet', [m.value], {}, t.loc), t.loc), end: m.end };
    }
    if (argSyn.t === 'ident' && isFunctionName(argSyn.name) && !this.isKnownName(argSyn.name)) {
      // f g x is f(g(x))
      const inner = this.factor(terms, i + 1);
      return { value: this.callWith(t.name, inner.value, t.loc), end: inner.end };
    }
    return { value: this.call(t.name, [argSyn.t === 'paren' ? argSyn.arg : argSyn], t.loc, t.loc), end: i + 1 };
  }

  /** A one-argument function applied to an expression already built. */
  private callWith(name: string, arg: Expr, loc: SourceLoc): Expr {
    const op = FUNCTIONS.get(name);
    if (!op || OPS[op].fn!.arity !== 1 || OPS[op].fn!.dimArgs) throw new DcalcError('parse', `${name} needs its argument in parentheses here: ${name}(…)`, loc);
    return this.note(apply(op, [arg], {}, loc), loc);
  }

  /** One statement: a declaration, or the value of a definition or an expression. */
  private statement(st: SynStatement): { value: Expr; valueName: string | undefined } | undefined {
    switch (st.t) {
      case 'decl':
        for (const d of declarationFromSyntax(st)) this.declare(d, st.loc);
        return undefined;
      case 'def': {
        if (this.declarations.has(st.name)) throw new DcalcError('name', `${st.name} is declared as a variable and cannot also be defined`, st.nameLoc);
        if (this.definitions.has(st.name)) throw new DcalcError('name', `${st.name} is already defined`, st.nameLoc);
        if (isFunctionName(st.name)) throw new DcalcError('name', `${st.name} is a function and cannot be redefined`, st.nameLoc);
        const e = this.expr(st.expr);
        this.definitions.set(st.name, e);
        return { value: e, valueName: st.name };
      }
      case 'expr':
        return { value: this.expr(st.expr), valueName: undefined };
    }
  }

  /** softmax(Z) of a matrix normalises columns; labels declared simplex_rows suggest rows were meant. */
  private softmaxHints(): void {
    for (const sm of this.matrixSoftmaxes) {
      const labels = [...this.declarations.values()].find(
        (d) => d.assumptions.includes('simplex_rows') && d.shape.rows === sm.shape.rows && d.shape.cols === sm.shape.cols,
      );
      if (labels) {
        this.hints.push(`softmax of a ${showShape(sm.shape)} matrix normalises each column, but ${labels.name} is declared simplex_rows: for probabilities along rows write softmax_rows(…)`);
        return;
      }
    }
  }

  statements(prog: SynProgram): { value: Expr; valueName: string | undefined } {
    // Every name the program can know is written in a declaration or a definition
    // (names found by splitting are single units, always tried).
    const dimNames = (d: SynDim | null): void => {
      if (d?.t === 'dimname') this.noteNameLength(d.name);
      else if (d?.t === 'dimmul') dimNames(d.left), dimNames(d.right);
    };
    for (const st of prog.statements) {
      if (st.t === 'def') this.noteNameLength(st.name);
      else if (st.t === 'decl') {
        for (const n of st.names) this.noteNameLength(n.name);
        dimNames(st.rows);
        dimNames(st.cols);
      }
    }
    this.inferred = inferShapes(prog, this);
    let value: Expr | undefined;
    let valueName: string | undefined;
    for (const st of prog.statements) {
      const built = withinLimits(() => this.statement(st), st.loc, 'this statement');
      if (built) ({ value, valueName } = built);
    }
    if (!value) throw new DcalcError('parse', 'the program has no expression to evaluate (only declarations)', { line: 1, column: 1 });
    this.softmaxHints();
    for (const [name, s] of this.inferred) if (!this.declarations.has(name)) this.declarations.set(name, { name, shape: s, assumptions: [], inferred: true });
    return { value, valueName };
  }
}


/** Builds a program in the store of the request being served, or in a store of its own. */
export function buildProgram(prog: SynProgram, lets: readonly Declaration[] = []): Program {
  const store = activeStore() ?? new Store();
  return withStore(store, () => {
    const b = new Builder(lets);
    const { value, valueName } = b.statements(prog);
    store.reserve([...b.definitions.keys(), ...b.dimNames]);
    return { declarations: b.declarations, definitions: b.definitions, value, valueName, locs: b.locs, dimNames: b.dimNames, store, readings: b.readings, hints: b.hints };
  });
}

export type { VarNode };
