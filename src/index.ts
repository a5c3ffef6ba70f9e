/**
 * dcalc's public API. Every function checks its arguments (src/validate.ts): wrong
 * types are a `usage` DcalcError naming the function and the argument, as docs/api.md
 * promises, and nothing else than a DcalcError ever escapes.
 */
import * as api from './api/index.js';
import { evaluate as evaluateUnchecked } from './numeric/evaluate.js';
import { Store, withStore as withStoreUnchecked } from './ast.js';
import * as V from './validate.js';
import { DcalcError } from './errors.js';
import { exportCode as exportCodeUnchecked } from './export/export.js';
import { pythonName as pythonNameUnchecked } from './export/python.js';
import { optional as opt } from './validate.js';

const parseOptions = { let: opt(V.isLet), from: opt(V.isFrom) };
const deriveOptions = V.options({ ...parseOptions, useNames: opt(V.isBoolean) });
const checkOptions = V.options({ points: opt(V.isCount), seed: opt(V.isSeed) });

export const parseProgram = V.validated('parseProgram', api.parseProgram, V.text, V.options(parseOptions));
export const shapeOf = V.validated('shapeOf', api.shapeOf, V.program);
export const grad = V.validated('grad', api.grad, V.programOrText, V.name, deriveOptions);
export const jacobian = V.validated('jacobian', api.jacobian, V.programOrText, V.name, deriveOptions);
export const hessian = V.validated('hessian', api.hessian, V.programOrText, V.name, deriveOptions);
export const differentialOf = V.validated('differentialOf', api.differentialOf, V.programOrText, V.name, deriveOptions);
export const gradientDerivation = V.validated('gradientDerivation', api.gradientDerivation, V.programOrText, V.name, deriveOptions);
export const jacobianDerivation = V.validated('jacobianDerivation', api.jacobianDerivation, V.programOrText, V.name, deriveOptions);
export const checkClaim = V.validated('checkClaim', api.checkClaim, V.text, V.name, V.text, V.options({ ...parseOptions, seed: opt(V.isSeed) }));
export const checkDerivative = V.validated('checkDerivative', api.checkDerivative, V.derivative, checkOptions);
export const checkGradient = V.validated('checkGradient', api.checkGradient, V.derivative, checkOptions);
export const latexLhs = V.validated('latexLhs', api.latexLhs, V.derivative);
export const textLhs = V.validated('textLhs', api.textLhs, V.derivative);
export const render = V.validated('render', api.render, V.program, V.expr, V.options({ format: V.isFormat, inline: opt(V.isBoolean), temporaries: opt(V.isBoolean) }, true));
export const toText = V.validated('toText', api.toText, V.program, V.expr, V.optionalBoolean);
export const toAscii = V.validated('toAscii', api.toAscii, V.program, V.expr, V.optionalBoolean);
export const toLatex = V.validated('toLatex', api.toLatex, V.derivative, V.options({ inline: opt(V.isBoolean), shape: opt(V.isBoolean) }));
export const simplify = V.validated('simplify', api.simplify, V.expr, V.options({ frozen: opt(V.isIdSet), named: opt(V.isIdSet), assumptions: opt(V.isMap) }));
export const evaluateAt = V.validated('evaluateAt', api.evaluateAt, V.program, V.expr, V.point);
export const pointFromValues = V.validated('pointFromValues', api.pointFromValues, V.program, V.anything);
export const resolveWrt = V.validated('resolveWrt', api.resolveWrt, V.program, V.name);
export const namesOf = V.validated('namesOf', api.namesOf, V.program);
export const varSpecs = V.validated('varSpecs', api.varSpecs, V.program);
export const shapeJson = V.validated('shapeJson', api.shapeJson, V.shape);
export const matToJson = V.validated('matToJson', api.matToJson, V.mat);
export const parseLet = V.validated('parseLet', api.parseLet, V.letSpec);
export const programText = V.validated('programText', api.programText, V.printed);
export const derive = V.validated('derive', api.derive, V.programOrText, V.derivativeKind, V.name, V.options({ ...parseOptions, useNames: opt(V.isBoolean), layout: opt(V.isLayout), symmetric: opt(V.isBoolean) }));
export const deriveSeveral = V.validated('deriveSeveral', api.deriveSeveral, V.programOrText, V.derivativeKind, V.names, V.options({ ...parseOptions, useNames: opt(V.isBoolean), layout: opt(V.isLayout), symmetric: opt(V.isBoolean) }));
export const renderSeveral = V.validated('renderSeveral', api.renderSeveral, V.program, V.exprs, V.options({ format: V.isFormat, inline: opt(V.isBoolean), temporaries: opt(V.isBoolean) }, true));
export const temporariesFor = V.validated('temporariesFor', (p: api.PrintedPrograms, i: number) => { if (i >= p.texts.length) throw new DcalcError('usage', `temporariesFor: argument 2 must be the index of one of the ${p.texts.length} expressions, not ${i}`); return api.temporariesFor(p, i); }, V.printedPrograms, V.index);
export const defaultLayout = V.validated('defaultLayout', api.defaultLayout, V.derivativeKind);
export const exportCode = V.validated('exportCode', exportCodeUnchecked, V.programOrText, V.options({ ...parseOptions, op: V.isDerivativeKind, wrt: (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((w) => typeof w === 'string')), library: (v: unknown) => v === 'numpy' || v === 'torch', source: opt((v: unknown) => typeof v === 'string') }, true));
export const pythonName = V.validated('pythonName', pythonNameUnchecked, V.text);
export const evaluate = V.validated('evaluate', evaluateUnchecked, V.expr, V.point, V.options({ overrides: opt(V.isMap), locs: opt(V.isMap) }));

export type { Program, Declaration, Expr, Shape, Step, Format, Derivative, LetSpec, ParseOptions, DeriveOptions, RenderOptions, CheckReport, Point, Differential, DerivativeOp, ClaimCheck, Grade, Diagnosis, GradientDerivation, JacobianDerivation, GradStep, Layout, DerivativeKind, ConventionOptions, PrintedPrograms } from './api/index.js';
export type { ExportRequest, Library } from './export/export.js';
export { DcalcError };
export type { ErrorKind } from './errors.js';
export { RULES } from './simplify/rules.js';
export { Store };
/** Runs f with `store` as the store of the expressions it makes; f's own errors pass through as they are. */
export const withStore = V.argsChecked('withStore', withStoreUnchecked, V.store, V.func);
