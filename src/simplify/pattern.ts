/**
 * Rewrite rules written as patterns in dcalc's own syntax, as egg and Herbie write
 * them: `rule('transpose-of-kron', '(A ⊗ B)ᵀ', 'Aᵀ ⊗ Bᵀ', { cite })`. Both sides are
 * read by the project's parser (parseExpression) and compiled once, on first use:
 *   - a name that is not a function is a pattern variable. In an expression position it
 *     matches any node of any shape (shape-polymorphic: the node brings its shape, and
 *     the right side is built through the operators' shape rules and smart
 *     constructors); in a size position (`eye(n)`, `unvec(v, m, n)`) it matches a size.
 *     A variable that occurs twice matches the same node (the DAG is hash-consed);
 *   - numbers match numbers (`commutation(1, n)`);
 *   - operators are read as the builder reads them: juxtaposition and `*` are the
 *     matrix product (a scaling when a side is 1×1), `⊙` `⊘` `/` `+` `⊗` `ᵀ` `−` (a − b is
 *     matched as a + (−b), as the builder makes it), and
 *     function calls by their registered names.
 * Side conditions are named predicates over the variables (`column(v)`,
 * `same-shape(u, v)`), so that a rule reads like its identity. A rule may list several
 * alternatives (left, right) under one name; the first that matches applies.
 *
 * By default a pattern does not look inside a node the user named (hᵀ stays hᵀ for
 * h = AB); `inside: 'named too'` lets it (rules whose result is never longer).
 */
import { parseExpression } from '../parse/parser.js';
import type { Syn } from '../parse/syntax.js';
import { type Attr, type Expr, type OpNode, apply, dimScalar, num } from '../ast.js';
import * as E from '../algebra.js';
import { FUNCTIONS, OPS, type OpName } from '../ops/registry.js';
import { dimEq, mulDim, type Dim } from '../shape/dims.js';
import { isScalar, shapeEq } from '../shape/shape.js';
import type { Rule, RuleCtx } from './rules.js';

export interface Bindings {
  readonly exprs: Map<string, Expr>;
  readonly dims: Map<string, Dim>;
}

/** The named side conditions a rule may state. */
const PREDICATES: Record<string, (b: Bindings, args: readonly string[]) => boolean> = {
  scalar: (b, [x]) => isScalar(b.exprs.get(x!)!.shape),
  column: (b, [x]) => b.exprs.get(x!)!.shape.cols === 1,
  row: (b, [x]) => b.exprs.get(x!)!.shape.rows === 1,
  'same-shape': (b, [x, y]) => shapeEq(b.exprs.get(x!)!.shape, b.exprs.get(y!)!.shape),
  /** `broadcast-column(r, A)`: r is a column broadcast along A's columns (n×1 against n×k, k ≠ 1). */
  'broadcast-column': (b, [r, a]) => {
    const [rs, as] = [b.exprs.get(r!)!.shape, b.exprs.get(a!)!.shape];
    return rs.cols === 1 && dimEq(rs.rows, as.rows) && !dimEq(as.cols, 1);
  },
  /** `shaped(X, m, n)`: X is m×n. */
  shaped: (b, [x, m, n]) => dimEq(b.exprs.get(x!)!.shape.rows, b.dims.get(m!)!) && dimEq(b.exprs.get(x!)!.shape.cols, b.dims.get(n!)!),
};

export interface RuleOptions {
  /** The identity with its source (Matrix Cookbook equation), as `--steps` cites it. */
  readonly cite: string;
  /** Side conditions, one list per alternative or one for all: `['column(v)']`. */
  readonly when?: readonly (readonly string[])[] | readonly string[];
  /** Whether the pattern may look inside the user's named intermediates. */
  readonly inside?: 'open' | 'named too';
}

interface Compiled {
  readonly lhs: Syn;
  /** The operator at the left side's root: a node with another operator is passed over at once. */
  readonly root: OpName | undefined;
  readonly rhs: Syn;
  readonly when: readonly { pred: string; args: string[] }[];
}

/** A rule whose two sides are patterns: it is its own implementation and documentation. */
export interface PatternRule extends Rule {
  /** The compiled alternatives (left side, right side, conditions), for the soundness test. */
  alternatives(): readonly Compiled[];
}

function parseCondition(c: string): { pred: string; args: string[] } {
  const m = /^([a-z-]+)\(([^)]*)\)$/u.exec(c.trim());
  if (!m || !PREDICATES[m[1]!]) throw new Error(`rule condition ${c}: unknown predicate`);
  return { pred: m[1]!, args: m[2]!.split(',').map((s) => s.trim()) };
}

export function rule(name: string, lhs: string | readonly string[], rhs: string | readonly string[], opts: RuleOptions): PatternRule {
  const lefts = typeof lhs === 'string' ? [lhs] : lhs;
  const rights = typeof rhs === 'string' ? [rhs] : rhs;
  if (lefts.length !== rights.length) throw new Error(`rule ${name}: ${lefts.length} left sides, ${rights.length} right sides`);
  const when = (i: number): readonly string[] => {
    const w = opts.when ?? [];
    return w.length && typeof w[0] !== 'string' ? ((w as readonly (readonly string[])[])[i] ?? []) : (w as readonly string[]);
  };
  let compiled: Compiled[] | undefined;
  const alternatives = (): Compiled[] =>
    (compiled ??= lefts.map((l, i) => {
      const left = parseExpression(l);
      return { lhs: left, root: rootOp(left), rhs: parseExpression(rights[i]!), when: when(i).map(parseCondition) };
    }));
  const lookInsideNamed = opts.inside === 'named too';
  return {
    name,
    identity: opts.cite,
    pattern: lefts.join(', '),
    result: rights.join(', '),
    alternatives,
    apply(node: OpNode, ctx: RuleCtx): Expr | undefined {
      for (const alt of alternatives()) {
        if (alt.root !== node.op) continue;
        const b: Bindings = { exprs: new Map(), dims: new Map() };
        if (!match(alt.lhs, node, b, ctx, lookInsideNamed, true)) continue;
        if (!conditionsHold(alt.when, b)) continue;
        return instantiate(alt.rhs, b);
      }
      return undefined;
    },
  };
}

const BINARY: Partial<Record<string, OpName>> = { '+': 'add', '.*': 'mul', './': 'div', '/': 'div', kron: 'kron', '*': 'matmul', juxt: 'matmul' };

/** The operator a call names, and whether its arguments are sizes. */
function callee(name: string): { op: OpName; sizes: boolean } {
  // A registered function name, or an operator called by its own name (unvec).
  const op = FUNCTIONS.get(name) ?? (name in OPS ? (name as OpName) : undefined);
  if (!op) throw new Error(`pattern: unknown function ${name}`);
  return { op, sizes: OPS[op].fn?.dimArgs === true || op === 'unvec' };
}

/** The operator a pattern's root matches (patterns are operators at their root). */
function rootOp(p: Syn): OpName | undefined {
  switch (p.t) {
    case 'paren':
      return rootOp(p.arg);
    case 'transpose':
      return 'transpose';
    case 'neg':
      return 'neg';
    case 'bin':
      return p.op === '-' ? 'add' : BINARY[p.op];
    case 'call':
      return callee(p.name).op;
    default:
      return undefined;
  }
}

const isNegation = (e: Expr): e is OpNode => e.kind === 'op' && e.op === 'neg';

function matchDim(p: Syn, d: Dim, b: Bindings): boolean {
  if (p.t === 'num') return d === p.value;
  if (p.t === 'ident') {
    const bound = b.dims.get(p.name);
    if (bound !== undefined) return dimEq(bound, d);
    b.dims.set(p.name, d);
    return true;
  }
  return false;
}

/** Whether e matches the pattern p, extending the bindings b. */
export function match(p: Syn, e: Expr, b: Bindings, ctx: RuleCtx | undefined, lookInsideNamed: boolean, top = false): boolean {
  switch (p.t) {
    case 'paren':
      return match(p.arg, e, b, ctx, lookInsideNamed, top);
    case 'ident': {
      const bound = b.exprs.get(p.name);
      if (bound) return bound === e;
      b.exprs.set(p.name, e);
      return true;
    }
    case 'num':
      return e.kind === 'num' && e.value === p.value;
    default:
      break;
  }
  if (e.kind !== 'op' || (!top && !lookInsideNamed && ctx?.named.has(e.id))) return false;
  switch (p.t) {
    case 'transpose':
      return e.op === 'transpose' && match(p.arg, e.args[0]!, b, ctx, lookInsideNamed);
    case 'neg':
      return e.op === 'neg' && match(p.arg, e.args[0]!, b, ctx, lookInsideNamed);
    case 'bin': {
      // a − b is built as a + (−b).
      if (p.op === '-') return e.op === 'add' && isNegation(e.args[1]!) && match(p.left, e.args[0]!, b, ctx, lookInsideNamed) && match(p.right, e.args[1].args[0]!, b, ctx, lookInsideNamed);
      const op = BINARY[p.op];
      return e.op === op && match(p.left, e.args[0]!, b, ctx, lookInsideNamed) && match(p.right, e.args[1]!, b, ctx, lookInsideNamed);
    }
    case 'call': {
      const { op, sizes } = callee(p.name);
      if (e.op !== op) return false;
      const exprArgs = sizes ? p.args.length - (e.attr.dims?.length ?? 0) : p.args.length;
      if (exprArgs !== e.args.length) return false;
      for (let i = 0; i < exprArgs; i++) if (!match(p.args[i]!, e.args[i]!, b, ctx, lookInsideNamed)) return false;
      const dims = e.attr.dims ?? [];
      return dims.every((d, i) => matchDim(p.args[exprArgs + i]!, d, b));
    }
    default:
      return false;
  }
}

function sizeOf(p: Syn, b: Bindings): Dim {
  if (p.t === 'num') return p.value;
  if (p.t === 'paren') return sizeOf(p.arg, b);
  if (p.t === 'ident') {
    const d = b.dims.get(p.name);
    if (d === undefined) throw new Error(`pattern: size ${p.name} is not bound`);
    return d;
  }
  if (p.t === 'bin' && (p.op === 'juxt' || p.op === '*')) return mulDim(sizeOf(p.left, b), sizeOf(p.right, b));
  throw new Error('pattern: not a size');
}

/** Builds an operator node through its smart constructor where it has one (x + 0 = x). */
function make(op: OpName, args: readonly Expr[], attr: Attr = {}): Expr {
  return OPS[op].make?.(args, attr) ?? apply(op, args, attr);
}

/** The right side with the bound nodes and sizes put in. */
export function instantiate(p: Syn, b: Bindings): Expr {
  switch (p.t) {
    case 'paren':
      return instantiate(p.arg, b);
    case 'num':
      return num(p.value);
    case 'ident': {
      const e = b.exprs.get(p.name);
      if (e) return e;
      // A size used as a value: tr(eye(n)) = n.
      const d = b.dims.get(p.name);
      if (d === undefined) throw new Error(`pattern: ${p.name} is not bound`);
      return dimScalar(d);
    }
    case 'transpose':
      return E.transpose(instantiate(p.arg, b));
    case 'neg':
      return E.neg(instantiate(p.arg, b));
    case 'bin': {
      if (p.op === '-') return E.sub(instantiate(p.left, b), instantiate(p.right, b));
      const op = BINARY[p.op];
      if (!op) throw new Error(`pattern: ${p.op} on the right side`);
      return make(op, [instantiate(p.left, b), instantiate(p.right, b)]);
    }
    case 'call': {
      const { op, sizes } = callee(p.name);
      if (!sizes) return make(op, p.args.map((a) => instantiate(a, b)));
      const exprArgs = op === 'unvec' ? 1 : 0;
      return make(op, p.args.slice(0, exprArgs).map((a) => instantiate(a, b)), { dims: p.args.slice(exprArgs).map((a) => sizeOf(a, b)) });
    }
    default:
      throw new Error(`pattern: ${p.t} on the right side`);
  }
}

/** The pattern variables of p: those in expression positions and those in size positions. */
export function patternVariables(p: Syn, out = { exprs: new Set<string>(), sizes: new Set<string>() }, size = false): { exprs: Set<string>; sizes: Set<string> } {
  switch (p.t) {
    case 'ident':
      (size ? out.sizes : out.exprs).add(p.name);
      break;
    case 'paren':
    case 'transpose':
    case 'neg':
      patternVariables(p.arg, out, size);
      break;
    case 'bin':
      patternVariables(p.left, out, size);
      patternVariables(p.right, out, size);
      break;
    case 'call': {
      const { op, sizes } = callee(p.name);
      const exprArgs = !sizes ? p.args.length : op === 'unvec' ? 1 : 0;
      p.args.forEach((a, i) => patternVariables(a, out, i >= exprArgs));
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * The pattern written out node for node, with the bound nodes and sizes put in and no
 * smart constructor folding anything: an instance of the left side, which the rule
 * must rewrite (the soundness test in test/properties/rules.test.ts builds its
 * instances this way). Throws a shape error when the bound shapes do not fit.
 */
export function literal(p: Syn, b: Bindings): Expr {
  switch (p.t) {
    case 'paren':
      return literal(p.arg, b);
    case 'ident':
    case 'num':
      return instantiate(p, b);
    case 'transpose':
      return apply('transpose', [literal(p.arg, b)]);
    case 'neg':
      return apply('neg', [literal(p.arg, b)]);
    case 'bin':
      if (p.op === '-') return apply('add', [literal(p.left, b), apply('neg', [literal(p.right, b)])]);
      return apply(BINARY[p.op]!, [literal(p.left, b), literal(p.right, b)]);
    case 'call': {
      const { op, sizes } = callee(p.name);
      if (!sizes) return apply(op, p.args.map((a) => literal(a, b)));
      const exprArgs = op === 'unvec' ? 1 : 0;
      return apply(op, p.args.slice(0, exprArgs).map((a) => literal(a, b)), { dims: p.args.slice(exprArgs).map((a) => sizeOf(a, b)) });
    }
    default:
      throw new Error(`pattern: ${p.t}`);
  }
}

/** Whether the side conditions of an alternative hold for the bindings. */
export function conditionsHold(when: readonly { pred: string; args: string[] }[], b: Bindings): boolean {
  return when.every((c) => PREDICATES[c.pred]!(b, c.args));
}
