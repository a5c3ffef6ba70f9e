/**
 * The closed expression type of dcalc and its hash-consing constructors.
 *
 * An Expr is a DAG: structurally equal nodes are the same object (same `id`), so a
 * named intermediate of the user's program is recognised wherever it reappears in a
 * derivative, and shared subexpressions are printed once. The shape of every node is
 * computed when the node is made (by its operator's shape rule) and is an invariant
 * of the node: nothing recomputes shapes later.
 */
import { DcalcError, type SourceLoc } from './errors.js';
import { type Dim } from './shape/dims.js';
import { type Shape, SCALAR, showShape, shape as mkShape } from './shape/shape.js';
import { OPS, type OpName } from './ops/registry.js';
import { CHECKED, ShapeRuleError } from './shape/sizes.js';

export type { OpName } from './ops/registry.js';

/** Operator parameters that are not subexpressions: a matrix power's integer exponent, a constant's sizes. */
export interface Attr {
  readonly p?: number;
  readonly dims?: readonly Dim[];
}

interface NodeBase {
  readonly id: number;
  readonly shape: Shape;
  /** A hash of the structure, used as the interning key. */
  readonly key: string;
  /** The request's store the node was made in (its id means something only there). */
  readonly store: Store;
}

/** A variable of the program (declared or inferred), or an independent variable under differentiation. */
export interface VarNode extends NodeBase {
  readonly kind: 'var';
  readonly name: string;
}

/** A real constant; always 1×1 (broadcast where needed). */
export interface NumNode extends NodeBase {
  readonly kind: 'num';
  readonly value: number;
}

/** A dimension name used as a scalar (`sum(L)/N`). */
export interface DimNode extends NodeBase {
  readonly kind: 'dim';
  readonly dim: Dim;
}

/** An operator applied to subexpressions; its meaning lives in `ops/<family>.ts`. */
export interface OpNode extends NodeBase {
  readonly kind: 'op';
  readonly op: OpName;
  readonly args: readonly Expr[];
  readonly attr: Attr;
}

export type Expr = VarNode | NumNode | DimNode | OpNode;

/**
 * The nodes of one request (CONTRACT §3: a batch line, a CLI command, a library call on
 * one program): its intern table, its ids, and the names the engine makes for its own
 * symbols. A store lives as long as the program that owns it (`Program.store`), so a
 * long batch, a library host or a browser tab keeps flat memory, and two requests never
 * share a node or an id.
 */
export class Store {
  private readonly interned = new Map<string, Expr>();
  private nextId = 1;
  /** Every name a variable of this store has, and the names `reserve` was given: what `fresh` avoids. */
  private readonly taken = new Set<string>();
  private readonly freshNames = new Map<string, string>();

  /** Names the user wrote that are not variables (definitions, dimension names): `fresh` avoids them too. */
  reserve(names: Iterable<string>): void {
    for (const n of names) this.taken.add(n);
  }

  /**
   * The name the engine gives its own symbol spelled `base` (the differential dX, the
   * steps' G_h): `base` itself unless the user wrote that name, else `base` with the
   * first free number appended (`dX1`, `dX2`, …). The same base gives the same name for
   * the whole request, so every part of a derivation speaks of one dX.
   */
  fresh(base: string): string {
    const known = this.freshNames.get(base);
    if (known !== undefined) return known;
    let name = base;
    for (let k = 1; this.taken.has(name); k++) name = `${base}${k}`;
    this.taken.add(name);
    this.freshNames.set(base, name);
    return name;
  }

  /** How many nodes the store holds (for tests and the memory benchmark). */
  get size(): number {
    return this.interned.size;
  }

  intern<T extends Expr>(key: string, make: (id: number, store: Store) => T): T {
    const found = this.interned.get(key);
    if (found) return found as T;
    const node = make(this.nextId++, this);
    this.interned.set(key, node);
    if (node.kind === 'var') this.taken.add(node.name);
    return node;
  }
}

/**
 * The store of the request being served. Requests run synchronously from start to end,
 * so this is a dynamic scope set by `withStore` and restored when it returns, not state
 * that outlives a request (docs/architecture.md, "State belongs to a request").
 */
let current: Store | undefined;

/** Runs `f` with `store` as the store its nodes are made in. */
export function withStore<T>(store: Store, f: () => T): T {
  if (current === store) return f();
  const outer = current;
  current = store;
  try {
    return f();
  } finally {
    current = outer;
  }
}

/** The store of the request being served, if any (parseProgram joins it, or makes its own). */
export function activeStore(): Store | undefined {
  return current;
}

function store(): Store {
  if (current === undefined) throw new Error('internal: an expression was made outside a request (run it inside withStore, or call the API with its program)');
  return current;
}

/** The name the engine gives its own symbol `base` in this request, avoiding every name the user wrote. */
export function fresh(base: string): string {
  return store().fresh(base);
}

function intern<T extends Expr>(key: string, make: (id: number, store: Store) => T): T {
  return store().intern(key, make);
}

function shapeKey(s: Shape): string {
  return `${s.rows}x${s.cols}`;
}

export function variable(name: string, shape: Shape): VarNode {
  const key = `v:${name}:${shapeKey(shape)}`;
  return intern(key, (id, store) => ({ kind: 'var', id, key, name, shape, store }));
}

export function num(value: number): NumNode {
  // A constant that overflowed while folding (2^1024, 1e308 + 1e308) or is NaN has no
  // value to print or compute with: it is refused where it is made, never printed.
  if (!Number.isFinite(value)) throw new DcalcError('limit', `a constant overflows the range of numbers (${Number.isNaN(value) ? 'it is undefined' : 'about ±1.8e308'})`);
  // -0 and 0 are the same constant.
  const v = value === 0 ? 0 : value;
  const key = `n:${v}`;
  return intern(key, (id, store) => ({ kind: 'num', id, key, value: v, shape: SCALAR, store }));
}

export function dimScalar(d: Dim): Expr {
  if (typeof d === 'number') return num(d);
  const key = `d:${d}`;
  return intern(key, (id, store) => ({ kind: 'dim', id, key, dim: d, shape: SCALAR, store }));
}


function attrKey(attr: Attr): string {
  let k = '';
  if (attr.p !== undefined) k += `p${attr.p}`;
  if (attr.dims) k += `d${attr.dims.join(',')}`;
  return k;
}

/**
 * Makes (or finds) the node `op(args)`. The operator's shape rule runs here; a shape
 * error is thrown as a DcalcError('shape') located at `loc` when one is given.
 */
export function apply(op: OpName, args: readonly Expr[], attr: Attr = {}, loc?: SourceLoc): OpNode {
  const st = store();
  // Ids of another store mean other nodes: mixing requests would silently confuse them.
  for (const a of args) if (a.store !== st) throw new Error('internal: an expression of one request was used in another (nodes belong to the store they were made in)');
  const key = `o:${op}:${attrKey(attr)}:${args.map((a) => a.id).join(',')}`;
  return st.intern(key, (id, store) => {
    const spec = OPS[op];
    let s: Shape;
    try {
      s = spec.shape(args.map((a) => a.shape), attr, CHECKED);
    } catch (e) {
      if (e instanceof ShapeRuleError) throw new DcalcError('shape', `${spec.symbol}: ${e.message}`, loc);
      throw e;
    }
    return { kind: 'op', id, key, op, args, attr, shape: s, store };
  });
}

export { showShape, mkShape };

export function isOp<K extends OpName>(e: Expr, op: K): e is OpNode & { op: K } {
  return e.kind === 'op' && e.op === op;
}

export function isNum(e: Expr, value?: number): e is NumNode {
  return e.kind === 'num' && (value === undefined || e.value === value);
}

/** Every node of a DAG once, children before parents. */
export function topoOrder(root: Expr): Expr[] {
  const seen = new Set<number>();
  const out: Expr[] = [];
  // Iterative post-order so that deep expressions do not overflow the stack.
  const stack: { e: Expr; i: number }[] = [{ e: root, i: 0 }];
  seen.add(root.id);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const kids = top.e.kind === 'op' ? top.e.args : [];
    if (top.i < kids.length) {
      const k = kids[top.i++]!;
      if (!seen.has(k.id)) {
        seen.add(k.id);
        stack.push({ e: k, i: 0 });
      }
    } else {
      out.push(top.e);
      stack.pop();
    }
  }
  return out;
}

/** Rebuilds a DAG bottom-up with `f` applied to each node after its children (memoised by id). */
export function mapDag(root: Expr, f: (node: Expr, args: readonly Expr[]) => Expr): Expr {
  const memo = new Map<number, Expr>();
  for (const n of topoOrder(root)) {
    const args = n.kind === 'op' ? n.args.map((a) => memo.get(a.id)!) : [];
    memo.set(n.id, f(n, args));
  }
  return memo.get(root.id)!;
}

export function size(root: Expr): number {
  return topoOrder(root).length;
}
