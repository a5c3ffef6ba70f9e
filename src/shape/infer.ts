/**
 * Shape inference for undeclared variables (CONTRACT §1: "Undeclared variables get
 * their shape inferred where the program determines it"). A first pass over the
 * syntax gives each unknown variable unknown sizes and runs the operators' own shape
 * rules (OpSpec.shape) over them with a Unifier (shape/sizes.ts): the rule that checks
 * a declared product's inner sizes binds them here. What is left to this file is what
 * the syntax decides before any operator is chosen — names (split or not), whether a
 * juxtaposition is a product or a scaling, the sugar of `1ᵀ`, `e^x`, macros. It never
 * reports errors itself: the builder, which runs next with the inferred shapes, reports
 * them with locations.
 */
import type { Syn, SynProgram, SynStatement } from '../parse/syntax.js';
import { withinLimits } from '../errors.js';
import type { Declaration } from '../parse/build.js';
import { type Dim, dim, mulDim } from './dims.js';
import { type Shape, SCALAR } from './shape.js';
import { Unifier, isUnknown } from './sizes.js';
import { FUNCTIONS, OPS, type OpName } from '../ops/registry.js';
import { MACROS } from '../ops/macros.js';

/** What inference needs of the builder: its names, and how it splits a run of letters. */
export interface BuildEnv {
  isKnownName(n: string): boolean;
  splitIdent(n: string, isKnown?: (n: string) => boolean): string[];
  readonly declarations: ReadonlyMap<string, Declaration>;
  readonly dimNames: ReadonlySet<string>;
}

type IShape = { rows: Dim; cols: Dim };

export function inferShapes(prog: SynProgram, env: BuildEnv): Map<string, Shape> {
  const sizes = new Unifier();
  const unknown = new Map<string, IShape>();
  const known = new Map<string, IShape>();
  for (const [n, d] of env.declarations) known.set(n, d.shape);

  const res = (d: Dim): Dim => sizes.resolve(d);
  const newShape = (): IShape => ({ rows: sizes.fresh(), cols: sizes.fresh() });
  const isOneOne = (s: IShape) => res(s.rows) === 1 && res(s.cols) === 1;
  const hasVars = (s: IShape) => !sizes.known(s.rows, s.cols);
  const isFn = (n: string) => FUNCTIONS.has(n) || MACROS.has(n) || n === 'max' || n === 'min';
  // π, e and 𝟏 are constants unless the program names them (parse/build.ts CONSTANTS).
  const isConstant = (n: string) => n === 'π' || n === 'e' || n === '𝟏';
  const onesRow = (x: Syn) => x.t === 'transpose' && ((x.arg.t === 'num' && x.arg.value === 1) || (x.arg.t === 'ident' && x.arg.name === '𝟏'));

  // Dimension names: those of --let and those of every declaration in the program.
  const dimNames = new Set(env.dimNames);
  const collectDims = (d: import('../parse/syntax.js').SynDim | null): void => {
    if (!d) return;
    if (d.t === 'dimname') dimNames.add(d.name);
    else if (d.t === 'dimmul') {
      collectDims(d.left);
      collectDims(d.right);
    }
  };
  for (const st of prog.statements) if (st.t === 'decl') {
    collectDims(st.rows);
    collectDims(st.cols);
  }

  const name = (n: string): IShape => {
    const k = known.get(n);
    if (k) return k;
    if (dimNames.has(n)) return SCALAR;
    if (isFn(n) || isConstant(n)) return SCALAR;
    let u = unknown.get(n);
    if (!u) unknown.set(n, (u = newShape()));
    return u;
  };
  const splitKnown = (n: string): string[] => {
    const isKnown = (m: string) => known.has(m) || dimNames.has(m) || env.isKnownName(m);
    if (isKnown(n)) return [n];
    return env.splitIdent(n, isKnown);
  };

  // An operator's own shape rule, over the sizes known so far; a rule that fails (it
  // cannot decide with unknown sizes, or the operands do not fit, which the builder
  // will report) leaves the result unknown.
  const byShapeRule = (op: OpName, args: readonly IShape[], attr: { dims?: Dim[] } = {}): IShape => {
    try {
      return OPS[op].shape(args.map((a) => ({ rows: res(a.rows), cols: res(a.cols) })), attr, sizes);
    } catch {
      return newShape();
    }
  };
  /** A function of sizes (`eye(n)`, `ones(m, k*k)`): its rule over the sizes written. */
  const bySizes = (op: OpName, sizeArgs: readonly Syn[], args: readonly IShape[] = []): IShape => {
    const dims = sizeArgs.map(sizeOf);
    if (dims.some((d) => d === undefined)) return newShape();
    return byShapeRule(op, args, { dims: dims as Dim[] });
  };
  /** A product as the builder reads `A B`: a scaling when either side is 1×1, else the matrix product. */
  const product = (a: IShape, b: IShape): IShape => {
    if (isOneOne(a)) return b;
    if (isOneOne(b)) return a;
    return byShapeRule('matmul', [a, b]);
  };
  /** Binds an operand's unknown sizes to 1×1, where the syntax reads it as a scalar (a divisor). */
  const asScalar = (b: IShape): void => {
    for (const d of [b.rows, b.cols]) if (isUnknown(res(d))) sizes.same(d, 1, () => 'a scalar');
  };
  /** `+`, `−`, `⊙`, `⊘`: one rule (broadcasting). */
  const elementwise = (a: IShape, b: IShape): IShape => byShapeRule('add', [a, b]);
  const ident = (n: string): IShape => {
    let acc: IShape | undefined;
    for (const p of splitKnown(n)) acc = acc ? product(acc, name(p)) : name(p);
    return acc!;
  };

  /** A size argument (`eye(n)`, `ones(m, k*k)`), as the builder reads it; undefined when it is not one. */
  const sizeOf = (s: Syn): Dim | undefined => {
    if (s.t === 'num') return Number.isInteger(s.value) && s.value > 0 ? s.value : undefined;
    if (s.t === 'paren') return sizeOf(s.arg);
    if (s.t === 'ident') return (dimNames.has(s.name) ? [s.name] : env.splitIdent(s.name, (m) => dimNames.has(m))).reduce<Dim>((d, p) => mulDim(d, p), 1);
    if (s.t === 'bin' && (s.op === '*' || s.op === 'juxt')) {
      const [l, r] = [sizeOf(s.left), sizeOf(s.right)];
      return l !== undefined && r !== undefined ? mulDim(l, r) : undefined;
    }
    return undefined;
  };

  const walk = (s: Syn): IShape => {
    switch (s.t) {
      case 'num':
        return SCALAR;
      case 'ident':
        return ident(s.name);
      case 'paren':
        return walk(s.arg);
      case 'neg':
        return walk(s.arg);
      case 'transpose':
        return byShapeRule('transpose', [walk(s.arg)]);
      case 'norm':
      case 'bars':
        walk(s.arg);
        return SCALAR;
      case 'call': {
        const op = FUNCTIONS.get(s.name);
        if (!op && !isFn(s.name)) {
          const left = ident(s.name);
          const args = s.args.map(walk);
          return args.length === 1 ? product(left, args[0]!) : left;
        }
        // A wrong number of sizes (`ones(k)`) leaves the shape unknown: the builder reports the arity.
        if (op && OPS[op].fn?.dimArgs) return s.args.length === OPS[op].fn!.arity ? bySizes(op, s.args) : newShape();
        if (s.name === 'unvec' && s.args.length === 3) return bySizes('unvec', s.args.slice(1), [walk(s.args[0]!)]);
        const args = s.args.map(walk);
        const a = args[0] ?? SCALAR;
        if (s.name === 'CE' || s.name === 'cross_entropy') {
          if (args[1]) elementwise(a, args[1]);
          return SCALAR;
        }
        if ((s.name === 'max' || s.name === 'min') && args[1]) return elementwise(a, args[1]);
        if (s.name === 'mean' || !op) return SCALAR;
        return byShapeRule(op, args);
      }
      case 'bin': {
        const a = walk(s.left);
        const b = walk(s.right);
        switch (s.op) {
          case '+':
          case '-':
          case '.*':
          case './':
            return elementwise(a, b);
          case '*':
            if (onesRow(s.left)) return { rows: 1, cols: b.cols };
            return product(a, b);
          case 'juxt':
            if (onesRow(s.left)) return { rows: 1, cols: b.cols };
            // `log a`: a function name applied without parentheses keeps its argument's shape
            // (elementwise functions; others are scalars, where the product is a scaling anyway).
            if (s.left.t === 'ident' && isFn(s.left.name) && !known.has(s.left.name)) return b;
            return product(a, b);
          case '/':
            // `x / n` with only the divisor unknown: read as a scaling, the divisor 1×1.
            if (hasVars(b) && !hasVars(a)) asScalar(b);
            return elementwise(a, b);
          case '^':
          case '.^':
            if (s.op === '^' && s.left.t === 'ident' && s.left.name === 'e' && !known.has('e')) return b;
            return byShapeRule('epow', [a, b]);
          case 'kron':
            return byShapeRule('kron', [a, b]);
        }
      }
    }
  };

  for (const st of prog.statements) withinLimits(() => inferStatement(st), st.loc, 'this statement');
  function inferStatement(st: SynStatement): void {
    if (st.t === 'decl') {
      for (const n of st.names) {
        known.set(n.name, { rows: 1, cols: 1 });
        unknown.delete(n.name);
      }
      // The real shape is set by the builder; for inference a declared name is known.
      const toDim = (d: NonNullable<typeof st.rows>): Dim => (d.t === 'dimnum' ? d.value : d.t === 'dimname' ? dim(d.name) : mulDim(toDim(d.left), toDim(d.right)));
      const s: IShape = st.rows && st.cols ? { rows: toDim(st.rows), cols: toDim(st.cols) } : st.rows ? { rows: toDim(st.rows), cols: 1 } : SCALAR;
      for (const n of st.names) known.set(n.name, s);
    } else if (st.t === 'def') {
      known.set(st.name, walk(st.expr));
    } else walk(st.expr);
  }

  const out = new Map<string, Shape>();
  for (const [n, s] of unknown) {
    const r = res(s.rows);
    const c = res(s.cols);
    if (sizes.known(r, c)) out.set(n, { rows: dim(r), cols: dim(c) });
  }
  return out;
}
