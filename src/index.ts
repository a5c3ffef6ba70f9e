/** dcalc's public API. */
export {
  parseProgram, shapeOf, grad, jacobian, checkClaim, gradientDerivation, jacobianDerivation, hessian, differentialOf, checkDerivative, latexLhs, textLhs, render, toText, toAscii, toLatex, simplify, checkGradient, evaluateAt, pointFromValues, resolveWrt, namesOf, varSpecs, shapeJson, matToJson, parseLet, programText,
  derive, deriveSeveral, renderSeveral, temporariesFor, defaultLayout,
} from './api.js';
export type { Program, Declaration, Expr, Shape, Step, Format, Derivative, LetSpec, ParseOptions, DeriveOptions, RenderOptions, CheckReport, Point, Differential, DerivativeOp, ClaimCheck, Grade, Diagnosis, GradientDerivation, JacobianDerivation, GradStep, Layout, DerivativeKind, ConventionOptions, PrintedPrograms } from './api.js';
export { DcalcError } from './errors.js';
export type { ErrorKind } from './errors.js';
export { RULES } from './simplify/rules.js';
export { evaluate } from './numeric/evaluate.js';
export { Store, withStore } from './ast.js';
export { exportCode, pythonName } from './export/export.js';
export type { ExportRequest, Library } from './export/export.js';
