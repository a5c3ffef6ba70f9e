"""The exported PyTorch code against torch.autograd, in one process, float64 (bench/export.mjs).

Reads {"cases": [{"name", "kind": "grad"|"hessian", "code", "wrt"}], "quick": bool} on stdin:
the modules dcalc exported. For each case this script makes the data, checks that the
exported derivative equals autograd's, and times
  grad:    the exported value_and_grad  vs  autograd forward + backward of the same loss
           written as a PyTorch user would;
  hessian: the exported value_and_hessian  vs  torch.autograd.functional.hessian, the
           faster of vectorize=False and vectorize=True.
Writes a JSON report on stdout.
"""
import json
import statistics
import sys
import time

import torch

torch.set_default_dtype(torch.float64)
F = torch.nn.functional


def data(name, gen):
    r = lambda *s: torch.randn(*s, generator=gen)
    if name == "logreg":
        n, d = 4096, 512
        return {"X": r(n, d) / d ** 0.5, "w": r(d, 1), "y": (torch.rand(n, 1, generator=gen) > 0.5).double()}
    if name == "mlp":
        n, d, h, k = 1024, 512, 512, 10
        Y = F.one_hot(torch.randint(0, k, (n,), generator=gen), k).double()
        return {"X": r(n, d), "W1": r(d, h) / d ** 0.5, "W2": r(h, k) / h ** 0.5, "Y": Y}
    if name == "lsq":
        m, n = 4096, 1024
        return {"A": r(m, n), "x": r(n, 1), "b": r(m, 1)}
    if name == "gauss":
        d, n = 512, 1024
        B = r(d, d) / d ** 0.5
        return {"Sigma": B @ B.T + torch.eye(d), "X": r(n, d)}
    if name == "logreg_h":
        n, d = 2048, 256
        return {"X": r(n, d) / d ** 0.5, "w": r(d, 1), "y": (torch.rand(n, 1, generator=gen) > 0.5).double()}
    if name == "quad_h":
        n = 1024
        return {"A": r(n, n), "x": r(n, 1)}
    if name == "lsq_h":
        m, n = 2048, 256
        return {"A": r(m, n), "x": r(n, 1), "b": r(m, 1)}
    raise KeyError(name)


def loss(name, v):
    """Each loss as a PyTorch user writes it (stable forms where PyTorch offers them)."""
    if name in ("logreg", "logreg_h"):
        z = v["X"] @ v["w"]
        return -(v["y"] * F.logsigmoid(z) + (1 - v["y"]) * F.logsigmoid(-z)).sum()
    if name == "mlp":
        h = torch.relu(v["X"] @ v["W1"])
        return -(v["Y"] * torch.log_softmax(h @ v["W2"], dim=1)).sum() / v["X"].shape[0]
    if name in ("lsq", "lsq_h"):
        return ((v["A"] @ v["x"] - v["b"]) ** 2).sum()
    if name == "gauss":
        n = v["X"].shape[0]
        return 0.5 * n * torch.logdet(v["Sigma"]) + 0.5 * torch.trace(v["X"] @ torch.linalg.inv(v["Sigma"]) @ v["X"].T)
    if name == "quad_h":
        return (v["x"].T @ v["A"] @ v["x"]).reshape(())
    raise KeyError(name)


def timed(f, repeats):
    f()
    f()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    req = json.load(sys.stdin)
    repeats = 3 if req.get("quick") else 9
    gen = torch.Generator().manual_seed(0)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": []}
    for case in req["cases"]:
        name, kind, wrt = case["name"], case["kind"], case["wrt"]
        module = {}
        exec(compile(case["code"], f"<{name}>", "exec"), module)
        assert sorted(module["PARAMETERS"].values()) == sorted(data(name, torch.Generator().manual_seed(1)).keys()), name
        v = data(name, gen)
        args = v
        if kind == "grad":
            fn = module["value_and_grad"]

            def exported():
                return fn(**args)

            def autograd():
                vals = dict(v)
                vals[wrt] = v[wrt].detach().requires_grad_(True)
                L = loss(name, vals)
                (g,) = torch.autograd.grad(L, vals[wrt])
                return L, g

            ref = autograd()[1]
            got = exported()[1]
            err = float((got - ref).abs().max() / max(1.0, float(ref.abs().max())))
            te, ta = timed(exported, repeats), timed(autograd, repeats)
            out["cases"].append({"name": name, "kind": kind, "exportedMs": te * 1e3, "autogradMs": ta * 1e3, "ratio": te / ta, "maxRelErr": err})
        else:
            fn = module["value_and_hessian"]
            key = wrt

            def exported():
                return fn(**args)

            def hess(vectorize):
                def f(x):
                    vals = dict(v)
                    vals[key] = x
                    return loss(name, vals)

                return lambda: torch.autograd.functional.hessian(f, v[key], vectorize=vectorize)

            h = hess(False)()
            n = v[key].numel()
            ref = h.reshape(v[key].shape[0], v[key].shape[1], v[key].shape[0], v[key].shape[1]).permute(1, 0, 3, 2).reshape(n, n)
            got = exported()[1]
            err = float((got - ref).abs().max() / max(1.0, float(ref.abs().max())))
            te = timed(exported, repeats)
            small = max(1, repeats // 3)
            t_off, t_on = timed(hess(False), small), timed(hess(True), small)
            ta = min(t_off, t_on)
            out["cases"].append({"name": name, "kind": kind, "exportedMs": te * 1e3, "autogradMs": ta * 1e3, "autogradVectorizeOffMs": t_off * 1e3, "autogradVectorizeOnMs": t_on * 1e3, "speedup": ta / te, "maxRelErr": err})
        print(f"[export bench] {name} {kind}: done", file=sys.stderr, flush=True)
    json.dump(out, sys.stdout)


main()
