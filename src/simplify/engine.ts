/**
 * The simplifier: rewrites a derivative bottom-up, applying the named rules of
 * rules.ts to a fixed point at each node and then the elementwise normal form
 * (poly.ts) where it makes the expression smaller. The user's own program nodes are
 * atoms: they are never rewritten, so that their names still fit them when printed.
 * Each application is recorded (rule, before, after); `--steps` prints these.
 */
import { type Expr, type OpNode, apply, isOp } from '../ast.js';
import { OPS } from '../ops/registry.js';
import { RULES, type RuleCtx } from './rules.js';
import { normalForms, isAlgebra, cost } from './poly.js';
import type { Assumption } from '../numeric/sample.js';

export interface Step {
  readonly rule: string;
  readonly identity: string;
  readonly before: Expr;
  readonly after: Expr;
}

export interface SimplifyOptions {
  /** Nodes of the user's program, kept as they are. */
  readonly frozen?: ReadonlySet<number>;
  /** Nodes that print as a single name (cheaper than their expansion). */
  readonly named?: ReadonlySet<number>;
  readonly assumptions?: ReadonlyMap<string, readonly Assumption[]>;
}

export interface Simplified {
  readonly expr: Expr;
  readonly steps: readonly Step[];
  /** The assumptions relied on, as `y: simplex`. */
  readonly assumptionsUsed: readonly string[];
}

const COLLECT = {
  name: 'collect',
  identity: 'elementwise algebra: expand, cancel x ⊘ x, collect like terms, factor out the common factor',
};

/** Rebuild a node from new arguments through the smart constructors. */
function rebuild(n: OpNode, args: readonly Expr[]): Expr {
  if (args.every((a, i) => a === n.args[i])) return n;
  return OPS[n.op].make?.(args, n.attr) ?? apply(n.op, args, n.attr);
}

export function simplify(root: Expr, opts: SimplifyOptions = {}): Simplified {
  const frozen = opts.frozen ?? new Set<number>();
  const named = opts.named ?? new Set<number>();
  const ctx: RuleCtx = { frozen, named, assumptions: opts.assumptions ?? new Map(), used: new Set() };
  const steps: Step[] = [];
  const memo = new Map<number, Expr>();
  const costMemo = new Map<number, number>();
  for (const id of named) costMemo.set(id, 1);
  const costOf = (e: Expr) => cost(e, costMemo);

  const simp = (e: Expr, depth: number): Expr => {
    const hit = memo.get(e.id);
    if (hit) return hit;
    if (e.kind !== 'op' || frozen.has(e.id) || depth > 3000) return e;
    let cur: Expr = rebuild(e, e.args.map((a) => simp(a, depth + 1)));
    const applyRules = () => {
      for (let round = 0; round < 50 && cur.kind === 'op' && !frozen.has(cur.id); round++) {
        const node: OpNode = cur;
        let next: Expr | undefined;
        for (const rule of RULES) {
          next = rule.apply(node, ctx);
          if (next && next !== node) {
            steps.push({ rule: rule.name, identity: rule.identity, before: node, after: next });
            break;
          }
          next = undefined;
        }
        if (!next) break;
        cur = next.kind === 'op' ? rebuild(next, next.args.map((a) => simp(a, depth + 1))) : next;
      }
    };
    applyRules();
    // The elementwise normal form, repeated while it shrinks the expression; the rules
    // run again on what it gives (exp(z)/sum(exp(z)) may only appear after collecting).
    for (let pass = 0; pass < 4 && isAlgebra(cur) && cur.kind === 'op' && !frozen.has(cur.id); pass++) {
      const forms = normalForms(cur, named).sort((a, b) => costOf(a) - costOf(b));
      const nf = forms[0];
      // Ties go to the normal form once (it orders terms as a textbook does: `s − y`, `2A`).
      if (!nf || nf === cur || costOf(nf) > costOf(cur) || (pass > 0 && costOf(nf) === costOf(cur))) break;
      steps.push({ rule: COLLECT.name, identity: COLLECT.identity, before: cur, after: nf });
      // The sums the normal form built get the structural rules (Aᵀx + Ax in it factors to (Aᵀ + A)x).
      // Only the elementwise region the normal form built is visited, not what lies below its atoms.
      const seen = new Map<number, Expr>();
      const fix = (n: Expr): Expr => {
        if (n.kind !== 'op' || !isAlgebra(n) || frozen.has(n.id)) return n;
        const hit = seen.get(n.id);
        if (hit) return hit;
        const r = rebuild(n, n.args.map(fix));
        const out = isOp(r, 'add') ? rulesOnly(r) : r;
        seen.set(n.id, out);
        return out;
      };
      cur = fix(nf);
      applyRules();
    }
    memo.set(e.id, cur);
    memo.set(cur.id, cur);
    return cur;
  };

  /** The structural rules alone at one node, to a fixed point. */
  const rulesOnly = (e: Expr): Expr => {
    let cur = e;
    for (let round = 0; round < 20 && cur.kind === 'op' && !frozen.has(cur.id); round++) {
      const node: OpNode = cur;
      const hit = RULES.map((r) => ({ r, next: r.apply(node, ctx) })).find((x) => x.next && x.next !== node);
      if (!hit) break;
      steps.push({ rule: hit.r.name, identity: hit.r.identity, before: node, after: hit.next! });
      cur = hit.next!;
    }
    return cur;
  };

  const expr = simp(root, 0);
  return { expr, steps, assumptionsUsed: [...ctx.used].sort() };
}
