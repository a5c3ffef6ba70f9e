/**
 * The JSON form of a result (CONTRACT §3): `--format json` and each line of `batch`.
 */
import * as api from '../api/index.js';
import type { Result } from '../api/request.js';
import type { SeveralResult } from '../api/several.js';

/** The JSON form of a result (CONTRACT §3), with its `readings` and `hints` when it has any. */
export function toJson(r: Result, id?: unknown): Record<string, unknown> {
  const out = toJsonFields(r, id);
  if (r.readings?.length) out.readings = r.readings;
  if (r.hints?.length) out.hints = r.hints;
  return out;
}

function toJsonFields(r: Result, id?: unknown): Record<string, unknown> {
  const base: Record<string, unknown> = id === undefined ? {} : { id };
  switch (r.op) {
    case 'check': {
      const out: Record<string, unknown> = { ...base, ok: true, op: 'check', wrt: r.wrt, of: r.of };
      if (r.layout) out.layout = r.layout;
      out.verdict = r.verdict;
      if (r.diagnosis) out.diagnosis = r.diagnosis;
      out.message = r.message;
      out.expected = r.expected.text;
      out.expectedAscii = r.expected.ascii;
      out.shape = api.shapeJson(r.expectedShape);
      if (r.claimedShape) out.claimedShape = api.shapeJson(r.claimedShape);
      if (r.factor !== undefined) out.factor = r.factor;
      if (r.counterexample) out.counterexample = r.counterexample;
      if (r.assumptions.length) out.assumptions = r.assumptions;
      return out;
    }
    case 'differential': {
      const out: Record<string, unknown> = { ...base, ok: true, op: 'differential', wrt: r.wrt, result: r.d.text, ascii: r.d.ascii, latex: r.d.latex, shape: api.shapeJson(r.shape) };
      if (r.traceForm) out.trace = { result: r.traceForm.text, ascii: r.traceForm.ascii, latex: r.traceForm.latex };
      if (r.gradient) out.gradient = { result: r.gradient.text, ascii: r.gradient.ascii, latex: r.gradient.latex, shape: api.shapeJson(r.gradientShape!) };
      if (r.check) out.check = { points: r.check.points, maxRelErr: Number(r.check.maxRelErr.toPrecision(3)), ok: r.check.ok, ...(r.check.note ? { note: r.check.note } : {}) };
      if (r.assumptions.length) out.assumptions = r.assumptions;
      return out;
    }
    case 'grad':
    case 'jacobian':
    case 'hessian': {
      const out: Record<string, unknown> = { ...base, ok: true, op: r.op, wrt: r.wrt, result: r.rendered.text, ascii: r.rendered.ascii, latex: r.rendered.latex, shape: api.shapeJson(r.shape) };
      if (r.layout) out.layout = r.layout;
      if (r.symmetric) out.symmetric = true;
      if (r.value) out.value = api.matToJson(r.value);
      if (r.check) out.check = { points: r.check.points, maxRelErr: Number(r.check.maxRelErr.toPrecision(3)), ok: r.check.ok, ...(r.check.note ? { note: r.check.note } : {}) };
      if (r.assumptions.length) out.assumptions = r.assumptions;
      if (r.steps) out.steps = r.steps.json;
      if (r.code !== undefined) out.code = r.code;
      return out;
    }
    case 'several':
      return severalJson(r, base);
    case 'eval':
      return { ...base, ok: true, op: 'eval', value: api.matToJson(r.value), shape: api.shapeJson(r.shape) };
    case 'shape':
      return { ...base, ok: true, op: 'shape', shape: api.shapeJson(r.shape), definitions: Object.fromEntries(r.definitions.map((d) => [d.name, api.shapeJson(d.shape)])) };
    case 'simplify':
      return { ...base, ok: true, op: 'simplify', result: r.rendered.text, ascii: r.rendered.ascii, latex: r.rendered.latex, shape: api.shapeJson(r.shape) };
  }
}

const checkJson = (c: api.CheckReport) => ({ points: c.points, maxRelErr: Number(c.maxRelErr.toPrecision(3)), ok: c.ok });

export function severalJson(r: SeveralResult, base: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base, ok: true, op: r.of, wrt: r.wrts };
  if (r.layout) out.layout = r.layout;
  if (r.symmetric) out.symmetric = true;
  out.results = r.items.map((it) => {
    const o: Record<string, unknown> = { wrt: it.wrt, result: it.text, ascii: it.ascii, latex: it.latex, shape: api.shapeJson(it.shape) };
    if (it.value) o.value = api.matToJson(it.value);
    if (it.check) o.check = checkJson(it.check);
    return o;
  });
  if (r.check) out.check = checkJson(r.check);
  if (r.assumptions.length) out.assumptions = r.assumptions;
  if (r.code !== undefined) out.code = r.code;
  return out;
}
