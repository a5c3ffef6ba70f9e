/**
 * The library API by stage: parse (api/parse.ts), derive (api/derive.ts), check
 * (api/check.ts), evaluate (api/evaluate.ts); printing is the presenter's
 * (present/render.ts). The CLI, batch and the playground are surfaces over these.
 */
export * from './parse.js';
export * from './derive.js';
export * from './check.js';
export * from './evaluate.js';
export { withinProgram } from './guard.js';
export * from '../present/render.js';
export type { GradStep } from '../diff/steps.js';
export type { Grade, Diagnosis } from '../numeric/check.js';
export { type Layout, type DerivativeKind, defaultLayout, parseLayout, LAYOUTS } from '../conventions.js';
export type { Program, Declaration } from '../parse/build.js';
export type { Expr } from '../ast.js';
export type { Shape } from '../shape/shape.js';
export type { Step } from '../simplify/engine.js';
export type { Format } from '../print/printer.js';
export { showShape } from '../shape/shape.js';
export { ASSUMPTIONS } from '../parse/build.js';
export { parseSyntax } from '../parse/parser.js';
