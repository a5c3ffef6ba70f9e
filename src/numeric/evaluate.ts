/**
 * Numeric evaluation of an expression DAG at given values, each node once. Errors
 * from an operator's domain (log of a negative number, a singular inverse) are
 * located at the node's place in the source when it is known.
 */
import { type Expr, topoOrder } from '../ast.js';
import { OPS } from '../ops/registry.js';
import { DcalcError, type SourceLoc } from '../errors.js';
import { dimValue, showDim } from '../shape/dims.js';
import { scalar, allFinite, type Mat } from './matrix.js';
import { assertElements } from './limits.js';

export interface Env {
  readonly vars: ReadonlyMap<string, Mat>;
  readonly dims: ReadonlyMap<string, number>;
}

export interface EvalOptions {
  /** Values that replace nodes (by id): how ∂L/∂h is checked for an intermediate h. */
  readonly overrides?: ReadonlyMap<number, Mat>;
  readonly locs?: ReadonlyMap<number, SourceLoc>;
}

export function evaluate(root: Expr, env: Env, opts: EvalOptions = {}): Mat {
  const values = new Map<number, Mat>();
  for (const n of topoOrder(root)) {
    const o = opts.overrides?.get(n.id);
    if (o) {
      values.set(n.id, o);
      continue;
    }
    let v: Mat;
    switch (n.kind) {
      case 'num':
        v = scalar(n.value);
        break;
      case 'dim': {
        const d = dimValue(n.dim, env.dims);
        if (d === undefined) throw new DcalcError('usage', `no size is given for ${showDim(n.dim)}`);
        v = scalar(d);
        break;
      }
      case 'var': {
        const x = env.vars.get(n.name);
        if (!x) throw new DcalcError('usage', `no value is given for ${n.name} (pass it with --at)`);
        v = x;
        break;
      }
      case 'op':
        try {
          assertElements(n.shape, env.dims, OPS[n.op].symbol);
          v = OPS[n.op].evaluate(n.args.map((a) => values.get(a.id)!), n, { dims: env.dims });
          if (!allFinite(v)) throw new DcalcError('domain', `${OPS[n.op].symbol}: the value overflows (it is not finite)`);
        } catch (e) {
          if (e instanceof DcalcError && e.line === undefined && opts.locs?.has(n.id)) throw new DcalcError(e.kind, e.message, opts.locs.get(n.id));
          throw e;
        }
        break;
      default: {
        const never: never = n;
        throw new Error(`unknown node ${String(never)}`);
      }
    }
    values.set(n.id, v);
  }
  return values.get(root.id)!;
}
