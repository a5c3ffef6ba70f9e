"""Runs exported dcalc modules and measures them (test/export/export.test.ts).

Reads a JSON list of cases on stdin; for each: executes the module, calls its function
at the given point, and reports how far its value and derivatives are from the engine's,
from central finite differences of the module's own value, and (PyTorch) from
torch.autograd. Writes a JSON list of reports on stdout. One process runs many modules.
"""
import json
import sys
import traceback

LIB = sys.argv[1]
if LIB == "torch":
    import torch
else:
    import numpy as np


def as_list(x):
    if LIB == "torch":
        return x.detach().cpu().double().tolist() if isinstance(x, torch.Tensor) else x
    return np.asarray(x, dtype=float).tolist()


def shape_of(x):
    if LIB == "torch":
        return list(x.shape) if isinstance(x, torch.Tensor) else "number"
    return list(np.shape(x)) if not isinstance(x, float) else "number"


def rel_err(a, b):
    """max |a - b| / max(1, max |b|), the engine's measure; inf for other shapes or non-finite values."""
    a = [[float(v) for v in row] for row in a]
    b = [[float(v) for v in row] for row in b]
    if len(a) != len(b) or any(len(r) != len(s) for r, s in zip(a, b)):
        return 1e300
    diff, scale = 0.0, 1.0
    for r, s in zip(a, b):
        for x, y in zip(r, s):
            if x != x or y != y or abs(x) == float("inf") or abs(y) == float("inf"):
                return 1e300
            diff = max(diff, abs(x - y))
            scale = max(scale, abs(y))
    return diff / scale


def matrix(v):
    if LIB == "torch":
        return torch.tensor(v, dtype=torch.float64)
    return np.array(v, dtype=np.float64)


def scalar_value(v):
    """The value as a 1x1 list, checking it is a number (numpy) or a 0-dim tensor (torch)."""
    if LIB == "torch":
        assert isinstance(v, torch.Tensor) and v.dim() == 0, f"a scalar value should be a 0-dim tensor, got {type(v)} {getattr(v, 'shape', '')}"
        return [[float(v)]]
    assert isinstance(v, float), f"a scalar value should be a float, got {type(v)}"
    return [[v]]


def vec_index(i, j, rows):
    return j * rows + i


def run_case(case):
    module = {}
    exec(compile(case["code"], f"<{case['id']}>", "exec"), module)
    fn = module[case["fn"]]
    params = module["PARAMETERS"]
    values = {params[name]: matrix(v) for name, v in case["values"].items()}
    kwargs = case.get("kwargs", {})
    wrts = [params[w] if w in params else None for w in case["wrt"]]
    several = len(case["wrt"]) > 1
    scalar_f = case["scalarValue"]

    def call(vals):
        return fn(**vals, **kwargs)

    value, derivs = call(values)
    if not several:
        derivs = (derivs,)
    report = {"id": case["id"], "valueErr": None, "derivErr": [], "fdErr": [], "autogradErr": [], "shapes": []}
    got_value = scalar_value(value) if scalar_f else as_list(value)
    report["valueErr"] = rel_err(got_value, case["value"])
    for d, want in zip(derivs, case["derivs"]):
        report["shapes"].append(shape_of(d))
        report["derivErr"].append(rel_err(as_list(d), want))

    def value_at(vals):
        v = call(vals)[0]
        return [[float(v)]] if scalar_f else as_list(v)

    def perturbed(name, i, j, h):
        vals = dict(values)
        x = vals[name].clone() if LIB == "torch" else vals[name].copy()
        x[i, j] += h
        vals[name] = x
        return vals

    if case["fd"]:
        for w, d in zip(wrts, derivs):
            if w is None:
                report["fdErr"].append(None)
                continue
            x = values[w]
            rows, cols = x.shape
            got = as_list(d)
            if case["op"] == "hessian":
                # uᵀHv for random directions u, v, from second differences of the value:
                # (f(x+hu+hv) - f(x+hu-hv) - f(x-hu+hv) + f(x-hu-hv)) / 4h²
                import random
                rnd = random.Random(7)
                n = rows * cols
                want, num = [], []
                scale = max(1.0, max(abs(float(v)) for v in x.reshape(-1).tolist()))
                h = 1e-4 * scale
                for _ in range(4):
                    u = [rnd.uniform(-1, 1) for _ in range(n)]
                    v = [rnd.uniform(-1, 1) for _ in range(n)]
                    want.append([sum(u[a] * got[a][b] * v[b] for a in range(n) for b in range(n))])

                    def f2(s, t):
                        vals = dict(values)
                        y = vals[w].clone() if LIB == "torch" else vals[w].copy()
                        for k in range(n):
                            # vec index k = j * rows + i
                            y[k % rows, k // rows] += h * (s * u[k] + t * v[k])
                        vals[w] = y
                        return value_at(vals)[0][0]

                    num.append([(f2(1, 1) - f2(1, -1) - f2(-1, 1) + f2(-1, -1)) / (4 * h * h)])
                report["fdErr"].append(rel_err(want, num))
                continue
            cols_out = []
            for j in range(cols):
                for i in range(rows):
                    h = 1e-6 * max(1.0, abs(float(x[i, j])))
                    up, down = value_at(perturbed(w, i, j, h)), value_at(perturbed(w, i, j, -h))
                    cols_out.append([[(p - q) / (2 * h) for p, q in zip(r, s)] for r, s in zip(up, down)])
            if case["op"] == "grad":
                num = [[cols_out[vec_index(i, j, rows)][0][0] for j in range(cols)] for i in range(rows)]
            elif rows * cols == 1:
                num = cols_out[0]
            else:
                # numerator layout: row = vec(F) index, column = vec(X) index
                fr, fc = len(cols_out[0]), len(cols_out[0][0])
                num = [[cols_out[k][p % fr][p // fr] for k in range(rows * cols)] for p in range(fr * fc)]
            report["fdErr"].append(rel_err(got, num))

    if LIB == "torch" and case["fd"]:
        for w, d in zip(wrts, derivs):
            if w is None:
                report["autogradErr"].append(None)
                continue
            x0 = values[w]
            rows, cols = x0.shape

            def f_of(x):
                vals = dict(values)
                vals[w] = x
                return call(vals)[0]

            if case["op"] == "grad":
                x = x0.clone().requires_grad_(True)
                (g,) = torch.autograd.grad(f_of(x), x)
                ref = g
            elif case["op"] == "jacobian":
                j = torch.autograd.functional.jacobian(f_of, x0.clone())
                if j.dim() == 2:
                    # a scalar F: the Jacobian is the row vec(dF/dX)ᵀ
                    ref = j.T.reshape(1, -1)
                elif rows * cols == 1:
                    ref = j.reshape(j.shape[0], j.shape[1])
                else:
                    ref = j.permute(1, 0, 3, 2).reshape(j.shape[0] * j.shape[1], rows * cols)
            else:
                h = torch.autograd.functional.hessian(f_of, x0.clone())
                ref = h.permute(1, 0, 3, 2).reshape(rows * cols, rows * cols)
            report["autogradErr"].append(rel_err(as_list(d), as_list(ref)))
    return report


def main():
    cases = json.load(sys.stdin)
    out = []
    for case in cases:
        try:
            out.append(run_case(case))
        except Exception as e:  # reported per case, so one broken module does not hide the others
            out.append({"id": case["id"], "error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc(limit=4)})
    json.dump(out, sys.stdout, default=lambda v: None if v != v else str(v))


main()
