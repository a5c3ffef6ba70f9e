/**
 * Shape inference for undeclared variables (CONTRACT §1: "Undeclared variables get
 * their shape inferred where the program determines it"). A first pass over the
 * syntax gives each unknown variable fresh size variables and unifies them through
 * the operators' shape rules (inner sizes of a product agree, the operands of a sum
 * agree, tr/det/inv take square matrices, …). It never reports errors itself: the
 * builder, which runs next with the inferred shapes, reports them with locations.
 */
import type { Syn, SynProgram, SynStatement } from '../parse/syntax.js';
import { withinLimits } from '../errors.js';
import { type Dim, dim, mulDim } from './dims.js';
import { type Shape, SCALAR } from './shape.js';
import { FUNCTIONS, OPS, type OpName } from '../ops/registry.js';
import { MACROS } from '../ops/macros.js';
import type { BuildEnv } from '../parse/build.js';

type IShape = { rows: Dim; cols: Dim };

const isVar = (d: Dim): d is string => typeof d === 'string' && d.startsWith('?');

export function inferShapes(prog: SynProgram, env: BuildEnv): Map<string, Shape> {
  const subst = new Map<string, Dim>();
  let fresh = 0;
  const unknown = new Map<string, IShape>();
  const known = new Map<string, IShape>();
  for (const [n, d] of env.declarations) known.set(n, d.shape);

  const res = (d: Dim): Dim => {
    while (isVar(d) && subst.has(d)) d = subst.get(d)!;
    return d;
  };
  const unify = (a: Dim, b: Dim): void => {
    const ra = res(a);
    const rb = res(b);
    if (ra === rb) return;
    if (isVar(ra)) subst.set(ra, rb);
    else if (isVar(rb)) subst.set(rb, ra);
  };
  const newShape = (): IShape => ({ rows: `?${fresh++}`, cols: `?${fresh++}` });
  const isOneOne = (s: IShape) => res(s.rows) === 1 && res(s.cols) === 1;
  const hasVars = (s: IShape) => isVar(res(s.rows)) || isVar(res(s.cols));
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
  const product = (a: IShape, b: IShape): IShape => {
    if (isOneOne(a)) return b;
    if (isOneOne(b)) return a;
    unify(a.cols, b.rows);
    return { rows: a.rows, cols: b.cols };
  };
  const elementwise = (a: IShape, b: IShape): IShape => {
    if (isOneOne(a)) return b;
    if (isOneOne(b)) return a;
    if (hasVars(a) || hasVars(b)) {
      unify(a.rows, b.rows);
      unify(a.cols, b.cols);
    }
    return hasVars(a) ? b : a;
  };
  const ident = (n: string): IShape => {
    let acc: IShape | undefined;
    for (const p of splitKnown(n)) acc = acc ? product(acc, name(p)) : name(p);
    return acc!;
  };

  // Any other operator: its own shape rule, over the sizes known so far (a rule that
  // needs a size still unknown leaves the result unknown).
  const byShapeRule = (op: OpName, args: readonly IShape[], sizeArgs: readonly Syn[] = []): IShape => {
    const dims = sizeArgs.map(sizeOf);
    // A wrong number of sizes (`ones(k)`) leaves the shape unknown: the builder reports the arity.
    if (dims.some((d) => d === undefined) || (sizeArgs.length > 0 && sizeArgs.length !== OPS[op].fn?.arity)) return newShape();
    try {
      return OPS[op].shape(args.map((a) => ({ rows: res(a.rows), cols: res(a.cols) })), sizeArgs.length ? { dims: dims as Dim[] } : {});
    } catch {
      return newShape();
    }
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
      case 'transpose': {
        const a = walk(s.arg);
        return { rows: a.cols, cols: a.rows };
      }
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
        if (op && OPS[op].fn?.dimArgs) return byShapeRule(op, [], s.args);
        if (s.name === 'unvec' && s.args.length === 3) {
          s.args.slice(0, 1).forEach(walk);
          const [r, c] = [sizeOf(s.args[1]!), sizeOf(s.args[2]!)];
          return r !== undefined && c !== undefined ? { rows: r, cols: c } : newShape();
        }
        const args = s.args.map(walk);
        const a = args[0] ?? SCALAR;
        if (s.name === 'CE' || s.name === 'cross_entropy') {
          if (args[1]) elementwise(a, args[1]);
          return SCALAR;
        }
        if ((s.name === 'max' || s.name === 'min') && args[1]) return elementwise(a, args[1]);
        if (s.name === 'mean' || !op) return SCALAR;
        if (OPS[op].elementwise || op === 'softmax' || op === 'softmax_rows') return a;
        switch (op) {
          case 'tr':
          case 'det':
          case 'logdet':
            unify(a.rows, a.cols);
            return SCALAR;
          case 'inv':
            unify(a.rows, a.cols);
            return a;
          case 'sum_rows':
            return { rows: a.rows, cols: 1 };
          case 'sum_cols':
            return { rows: 1, cols: a.cols };
          case 'diag_part':
            return { rows: a.rows, cols: 1 };
          case 'vec':
            return { rows: mulDim(res(a.rows), res(a.cols)), cols: 1 };
          case 'kron':
            if (!args[1]) return SCALAR;
            return { rows: mulDim(res(a.rows), res(args[1].rows)), cols: mulDim(res(a.cols), res(args[1].cols)) };
          case 'logsumexp':
            return res(a.rows) === 1 || res(a.cols) === 1 ? SCALAR : { rows: 1, cols: a.cols };
          case 'logsumexp_rows':
            return { rows: a.rows, cols: 1 };
          default:
            return byShapeRule(op, args);
        }
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
            if (hasVars(b) && !hasVars(a)) {
              unify(b.rows, 1);
              unify(b.cols, 1);
            }
            return elementwise(a, b);
          case '^':
          case '.^':
            if (s.op === '^' && s.left.t === 'ident' && s.left.name === 'e' && !known.has('e')) return b;
            if (hasVars(b)) {
              unify(b.rows, 1);
              unify(b.cols, 1);
            }
            return a;
          case 'kron':
            return { rows: mulDim(res(a.rows), res(b.rows)), cols: mulDim(res(a.cols), res(b.cols)) };
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
    if (!isVar(r) && !isVar(c) && !String(r).includes('?') && !String(c).includes('?')) out.set(n, { rows: dim(r), cols: dim(c) });
  }
  return out;
}
