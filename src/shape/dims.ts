/**
 * Dimensions: a size is a positive integer, a dimension name (`N`), or a product of
 * them (`k*k`, the rows of a Kronecker product or a Jacobian). A product is kept in
 * one canonical form, coefficient first then names sorted, so that equality of sizes
 * is equality of values of type Dim.
 */
export type Dim = number | string;

interface Monomial {
  coef: number;
  names: string[];
}

function toMonomial(d: Dim): Monomial {
  if (typeof d === 'number') return { coef: d, names: [] };
  const parts = d.split('*');
  let coef = 1;
  const names: string[] = [];
  for (const p of parts) {
    if (/^\d+$/.test(p)) coef *= Number(p);
    else names.push(p);
  }
  return { coef, names };
}

function fromMonomial(m: Monomial): Dim {
  if (m.names.length === 0) return m.coef;
  const names = [...m.names].sort();
  return (m.coef === 1 ? '' : `${m.coef}*`) + names.join('*');
}

/** The canonical form of a size given as an integer, a name or a product `a*b`. */
export function dim(d: Dim): Dim {
  return fromMonomial(toMonomial(d));
}

export function mulDim(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  const ma = toMonomial(a);
  const mb = toMonomial(b);
  return fromMonomial({ coef: ma.coef * mb.coef, names: [...ma.names, ...mb.names] });
}

export function dimEq(a: Dim, b: Dim): boolean {
  return a === b;
}

export function isOne(d: Dim): boolean {
  return d === 1;
}

/** The names a size mentions (`k*n` mentions k and n). */
export function dimNames(d: Dim): string[] {
  return typeof d === 'number' ? [] : toMonomial(d).names;
}

/** The integer value of a size, given integer values of its names. */
export function dimValue(d: Dim, bindings: ReadonlyMap<string, number>): number | undefined {
  if (typeof d === 'number') return d;
  const m = toMonomial(d);
  let v = m.coef;
  for (const n of m.names) {
    const b = bindings.get(n);
    if (b === undefined) return undefined;
    v *= b;
  }
  return v;
}

export type DimStyle = 'text' | 'ascii' | 'latex';

export function showDim(d: Dim, style: DimStyle = 'text'): string {
  if (typeof d === 'number') return String(d);
  const m = toMonomial(d);
  const sep = style === 'text' ? '·' : style === 'ascii' ? '*' : ' ';
  const parts = [...(m.coef === 1 ? [] : [String(m.coef)]), ...m.names];
  return parts.join(sep);
}
