import { type Dim, dim, dimEq, showDim, type DimStyle } from './dims.js';

/** Every value is an r×c matrix; 1×1 is a scalar. */
export interface Shape {
  readonly rows: Dim;
  readonly cols: Dim;
}

export const SCALAR: Shape = Object.freeze({ rows: 1, cols: 1 });

export function shape(rows: Dim, cols: Dim): Shape {
  return { rows: dim(rows), cols: dim(cols) };
}

export function isScalar(s: Shape): boolean {
  return s.rows === 1 && s.cols === 1;
}

export function isVector(s: Shape): boolean {
  return s.rows === 1 || s.cols === 1;
}

export function isSquare(s: Shape): boolean {
  return dimEq(s.rows, s.cols);
}

export function shapeEq(a: Shape, b: Shape): boolean {
  return dimEq(a.rows, b.rows) && dimEq(a.cols, b.cols);
}

export function transposeShape(s: Shape): Shape {
  return { rows: s.cols, cols: s.rows };
}

export function showShape(s: Shape, style: DimStyle = 'text'): string {
  const times = style === 'text' ? '×' : style === 'ascii' ? 'x' : ' \\times ';
  return `${showDim(s.rows, style)}${times}${showDim(s.cols, style)}`;
}

/** How an operand of an elementwise binary operator is broadcast to the result. */
export type Broadcast = 'none' | 'scalar' | 'row' | 'col';

/**
 * The broadcasting rule of CONTRACT §1: equal shapes, or exactly one operand is a
 * scalar, a 1×n row against m×n, or an m×1 column against m×n. Never both.
 * Returns the result shape and how each operand is broadcast, or undefined.
 */
export function broadcastShapes(a: Shape, b: Shape): { shape: Shape; a: Broadcast; b: Broadcast } | undefined {
  if (shapeEq(a, b)) return { shape: a, a: 'none', b: 'none' };
  if (isScalar(a)) return { shape: b, a: 'scalar', b: 'none' };
  if (isScalar(b)) return { shape: a, a: 'none', b: 'scalar' };
  if (a.rows === 1 && dimEq(a.cols, b.cols)) return { shape: b, a: 'row', b: 'none' };
  if (b.rows === 1 && dimEq(a.cols, b.cols)) return { shape: a, a: 'none', b: 'row' };
  if (a.cols === 1 && dimEq(a.rows, b.rows)) return { shape: b, a: 'col', b: 'none' };
  if (b.cols === 1 && dimEq(a.rows, b.rows)) return { shape: a, a: 'none', b: 'col' };
  return undefined;
}

