/**
 * `--steps`: a derivation a student can follow, in the style of seed 001. For a
 * gradient, reverse mode is staged through the program's own names: at each named
 * intermediate u, dL = tr(G_uᵀ du), and G_u is written first in terms of the G of the
 * names that use u (the chain rule, citing the operator's identity), then simplified.
 * For a Jacobian: the differential dF in terms of dX, then its vectorisation.
 * Every step is value-preserving; test/steps checks each one numerically.
 */
import { type Expr, type VarNode, variable, topoOrder, mapDag, apply, num, fresh } from '../ast.js';
import { DcalcError, withinLimits } from '../errors.js';
import * as E from '../algebra.js';
import { OPS } from '../ops/registry.js';
import { gradient } from './reverse.js';
import { simplify, type Step } from '../simplify/engine.js';
import type { Program } from '../parse/build.js';

export interface GradStep {
  /** The name differentiated at this step (an intermediate of the program, or the variable). */
  readonly name: string;
  /** G_name, the symbol the next steps use for ∂L/∂name. */
  readonly symbol: VarNode;
  /** G_name in terms of the symbols of earlier steps: the chain rule. */
  readonly relation: Expr;
  /** G_name simplified all the way, in the program's names. */
  readonly value: Expr;
  /** The identities the chain rule used here (from the operators' specs). */
  readonly identities: readonly string[];
  /** The simplification rules applied to reach `value`. */
  readonly rules: readonly string[];
  /** The symbols of earlier steps that `relation` mentions, by name. */
  readonly uses: ReadonlyMap<string, VarNode>;
}

export interface GradDerivation {
  readonly steps: readonly GradStep[];
  /** Placeholders for the program's names in the relations: name → (variable, the program's node). */
  readonly placeholders: ReadonlyMap<string, { variable: VarNode; node: Expr }>;
}

/**
 * The most named intermediates `--steps` goes through. Each step prints G of its name
 * in full, a gradient through all the steps before it, so the derivation of a chain of
 * n definitions is quadratic in n however it is computed (and each value is simplified
 * on its own: 40 steps of `h = A h + h` take about 1.6 s); past this it is refused.
 */
export const MAX_STAGES = 40;

/** The nodes of `root` that depend on `target` (itself included), in one walk. */
function dependents(root: Expr, target: Expr): Set<number> {
  const deps = new Set<number>();
  for (const n of topoOrder(root)) if (n.id === target.id || (n.kind === 'op' && n.args.some((a) => deps.has(a.id)))) deps.add(n.id);
  return deps;
}

/** G_name, the symbol for ∂L/∂name (G_name1 when the user has a G_name of their own). */
function symbolFor(name: string, e: Expr): VarNode {
  return variable(fresh(`G_${name}`), e.shape);
}

/**
 * The staged gradient of the program's value with respect to `wrt` (a variable or a
 * named intermediate). `valueOf(name)` gives the simplified gradient w.r.t. a name.
 */
export function gradientSteps(p: Program, wrt: string, wrtNode: Expr, valueOf: (name: string) => { expr: Expr; steps: readonly Step[] }, frozen: ReadonlySet<number>, named: ReadonlySet<number>, maxStages = MAX_STAGES): GradDerivation {
  // Every walk below is done once per node or once per definition's own body, never once
  // per pair of definitions: a chain of n definitions costs n walks of a short body
  // (test/steps/scaling.test.ts), not n walks of the whole program.
  const order = topoOrder(p.value);
  const position = new Map(order.map((n, i) => [n.id, i]));
  const onPath = dependents(p.value, wrtNode);
  // The named intermediates between wrt and the value, nearest the value first.
  const seen = new Set<number>([wrtNode.id, p.value.id]);
  const path: { name: string; node: Expr }[] = [];
  for (const [name, node] of p.definitions) {
    if (node.kind !== 'op' || seen.has(node.id) || !position.has(node.id) || !onPath.has(node.id)) continue;
    seen.add(node.id);
    path.push({ name, node });
  }
  path.sort((a, b) => position.get(b.node.id)! - position.get(a.node.id)!);
  const stages = [...path, { name: wrt, node: wrtNode }];
  if (stages.length > maxStages) {
    const at = p.locs.get(stages[stages.length - 1 - maxStages]!.node.id) ?? p.locs.get(p.value.id);
    throw new DcalcError('limit', `the derivation passes through ${stages.length} named intermediates, more than the ${maxStages} --steps shows (each step prints the gradient so far, so the output grows as their square); drop --steps for the result`, at);
  }

  const placeholders = new Map<string, { variable: VarNode; node: Expr }>();
  for (const s of stages) placeholders.set(s.name, { variable: s.node.kind === 'var' ? s.node : variable(s.name, s.node.shape), node: s.node });
  const byNode = new Map([...placeholders.values()].map((x) => [x.node.id, x.variable]));
  /** A definition with the other staged names as symbols: the local view the chain rule needs (the walk stops at them). */
  const local = (node: Expr): Expr => {
    const memo = new Map<number, Expr>();
    const visit = (n: Expr): Expr => {
      if (n !== node && byNode.has(n.id)) return byNode.get(n.id)!;
      let out = memo.get(n.id);
      if (!out) {
        out = n.kind === 'op' ? apply(n.op, n.args.map(visit), n.attr) : n;
        memo.set(n.id, out);
      }
      return out;
    };
    return withinLimits(() => visit(node));
  };
  const back = new Map([...placeholders.values()].filter((x) => x.variable !== x.node).map((x) => [x.variable.id, x.node]));

  type User = { symbol: Expr; body: Expr };
  /** The uses of each staged symbol (by id): the users whose local body mentions it. */
  const usersOf = new Map<number, User[]>();
  const isPlaceholder = new Set([...placeholders.values()].map((x) => x.variable.id));
  const addUser = (u: User) => {
    for (const n of topoOrder(u.body)) if (isPlaceholder.has(n.id)) (usersOf.get(n.id) ?? usersOf.set(n.id, []).get(n.id)!).push(u);
  };
  addUser({ symbol: num(1), body: local(p.value) });
  const steps: GradStep[] = [];
  for (const s of stages) {
    const ph = placeholders.get(s.name)!.variable;
    let relation: Expr | undefined;
    const identities = new Set<string>();
    const uses = new Map<string, VarNode>();
    for (const u of usersOf.get(ph.id) ?? []) {
      // The vector-Jacobian product of this use, with G of the user as a symbol: ∂ sum(G ⊙ body)/∂u.
      const f = u.symbol.kind === 'num' ? u.body : apply('sum', [E.mul(u.symbol, u.body)]);
      const part = gradient(f, ph);
      relation = relation ? E.add(relation, part) : part;
      if (u.symbol.kind === 'var') uses.set(u.symbol.name, u.symbol);
      const through = dependents(u.body, ph);
      for (const n of topoOrder(u.body)) {
        if (n.kind === 'op' && through.has(n.id)) {
          // Sums and negations are not worth citing.
          const id = n.op === 'add' || n.op === 'neg' ? undefined : OPS[n.op].identity;
          if (id) identities.add(id);
        }
      }
    }
    // The relation in the program's own nodes again (σ(h) is the user's a), then simplified.
    const inProgram = mapDag(relation ?? E.zeros(ph.shape), (n, args) => back.get(n.id) ?? (n.kind === 'op' ? apply(n.op, args, n.attr) : n));
    const rel = simplify(inProgram, { frozen, named }).expr;
    const v = valueOf(s.name);
    steps.push({
      name: s.name,
      symbol: symbolFor(s.name, s.node),
      relation: rel,
      value: v.expr,
      identities: [...identities],
      rules: [...new Set(v.steps.map((x) => x.rule))],
      uses,
    });
    if (s.node !== wrtNode) addUser({ symbol: symbolFor(s.name, s.node), body: local(s.node) });
  }
  return { steps, placeholders };
}
