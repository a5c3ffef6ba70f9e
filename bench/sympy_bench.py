#!/usr/bin/env python3
"""The SymPy half of `npm run bench` (bench/run.mjs runs it once, as one process).

Reads {"timeoutS", "repeats", "budgetS", "cases": [...]} as JSON on stdin and prints one JSON
object on stdout: the SymPy version and, per case, a status and timings.

A case is {name, kind: grad|jacobian|hessian, wrt, wrtPy, sympy, dims, values, expected}.
`sympy` is Python code (the hand translation in bench/cases.mjs) that builds the
program from MatrixSymbols and leaves the differentiated expression in `goal`; the
variable named `wrtPy` is what it is differentiated with respect to (twice for a
Hessian). The code sees the helpers below and `WRT`, the dcalc name of that variable
(so a named intermediate can be made a symbol with `node`).

Each timed run starts from a cold cache (sympy.core.cache.clear_cache()) and covers
building the expression, .diff() and printing the result with str(), the counterpart
of dcalc's parse + differentiate + simplify + print. A run is stopped after timeoutS
seconds (SIGALRM). Statuses:
  unsupported  the translation needs an operator SymPy's matrix expressions lack
               (softmax, vec); the helper raised Unsupported
  error        an exception while building or differentiating
  timeout      no answer within timeoutS
  unevaluated  .diff() returned an unevaluated Derivative
  wrong        an answer whose value at a random point (dims bound to small sizes,
               values chosen by bench/run.mjs) differs from dcalc's
  unverified   an answer that could not be evaluated numerically
  ok           an answer whose value agrees with dcalc's
  skipped      not run: the part's time budget (budgetS) was spent
The value check compares the sorted entries (layouts differ: SymPy returns
denominator-layout gradients and rank-4 arrays for matrix-by-matrix derivatives); if
the counts differ, the nonzero entries (SymPy may return the diagonal of a diagonal
gradient, as ArrayDiagonal).
"""
import json
import math
import signal
import statistics
import sys
import time
import warnings

warnings.filterwarnings('ignore')

try:
    import sympy
    from sympy import (Symbol, Dummy, Lambda, MatrixSymbol, OneMatrix, Identity, ZeroMatrix, Trace, Determinant,
                       Inverse, KroneckerProduct, HadamardProduct, HadamardPower, DiagMatrix, DiagonalOf,
                       hadamard_product, exp, log, sqrt, sin, cos, tan, tanh, Abs, sign, Max, Heaviside, Rational,
                       Derivative, ImmutableMatrix, MatrixBase, MatrixExpr, N)
    from sympy.core.cache import clear_cache
    from sympy.tensor.array import NDimArray
except ImportError as e:  # run.mjs checks for this before sending cases
    print(json.dumps({'error': f'sympy is not available: {e}'}))
    sys.exit(0)

warnings.simplefilter('ignore')  # SymPy's deprecation warnings, raised inside .diff()


class Unsupported(Exception):
    """The program needs an operator that SymPy's matrix expressions do not have."""


class Timeout(Exception):
    pass


# ---------------------------------------------------------------------------------
# Helpers the translations use

_t = Dummy('t')
sig = Lambda(_t, 1 / (1 + exp(-_t)))
relu = Lambda(_t, Max(0, _t))
softplus = Lambda(_t, log(1 + exp(_t)))
stepf = Lambda(_t, Heaviside(_t))
recip = Lambda(_t, 1 / _t)


def dims(names):
    out = tuple(Symbol(n, integer=True, positive=True) for n in names.split())
    return out[0] if len(out) == 1 else out


def mat(name, r, c):
    return MatrixSymbol(name, r, c)


def sca(name):
    return Symbol(name)


def ew(f, X):
    """f applied entrywise (ElementwiseApplyFunction)."""
    return X.applyfunc(f)


def ones(r, c):
    return OneMatrix(r, c)


def eye(n):
    return Identity(n)


def sumall(X):
    """The sum of all entries, as a 1×1 matrix: 1ᵀX1."""
    return ones(1, X.shape[0]) * X * ones(X.shape[1], 1)


def rowsum(X):
    """dcalc's sum_rows: the sum of each row, m×1."""
    return X * ones(X.shape[1], 1)


def colsum(X):
    """dcalc's sum_cols: the sum of each column, 1×n."""
    return ones(1, X.shape[0]) * X


def bcr(b, n):
    """A 1×k row broadcast over n rows."""
    return ones(n, 1) * b


def bcc(b, n):
    """A k×1 column broadcast over n columns."""
    return b * ones(1, n)


def had(*args):
    return hadamard_product(*args)


def hdiv(A, B):
    return hadamard_product(A, HadamardPower(B, -1))


def hpow(A, k):
    return HadamardPower(A, k)


def fro2(A):
    return Trace(A.T * A)


def softmax(*_):
    raise Unsupported('softmax')


def softmax_rows(*_):
    raise Unsupported('softmax_rows')


def vec(*_):
    raise Unsupported('vec')


HELPERS = {k: v for k, v in dict(globals()).items() if not k.startswith('_') and k not in ('json', 'math', 'signal', 'statistics', 'sys', 'time', 'warnings')}


def run_case_once(case):
    """Builds, differentiates and prints once; returns (result, seconds, diff seconds)."""
    ns = dict(HELPERS)
    ns['sp'] = sympy
    ns['WRT'] = case['wrt']

    def node(name, r, c, make):
        """A named intermediate: a symbol when it is what we differentiate by, else its definition."""
        return MatrixSymbol(name, r, c) if case['wrt'] == name else make()

    ns['node'] = node
    clear_cache()
    t0 = time.perf_counter()
    exec(case['sympy'], ns)
    goal = ns['goal']
    x = ns[case['wrtPy']]
    t1 = time.perf_counter()
    r = goal.diff(x)
    if case['kind'] == 'hessian':
        r = r.diff(x)
    t2 = time.perf_counter()
    str(r)
    t3 = time.perf_counter()
    return r, t3 - t0, t2 - t1


def _alarm(signum, frame):
    raise Timeout()


def with_timeout(seconds, f, *args):
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return f(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# ---------------------------------------------------------------------------------
# Numeric check of an answer

def _flatten(v):
    if isinstance(v, (list, tuple)):
        for a in v:
            yield from _flatten(a)
    else:
        yield v


def numeric_entries(r, case):
    dimv = case['dims']
    values = case['values']
    e = r
    subs = {}
    for s in e.atoms(Symbol):
        if s.is_integer and s.name in dimv:
            subs[s] = dimv[s.name]
    if subs:
        e = e.subs(subs)
    rep = {}
    for s in e.atoms(MatrixSymbol):
        v = values.get(s.name)
        if v is None:
            raise ValueError(f'no value for {s.name}')
        rep[s] = ImmutableMatrix(v if isinstance(v, list) else [[v]])
    for s in e.atoms(Symbol):
        if not s.is_integer and s.name in values:
            v = values[s.name]
            rep[s] = v if not isinstance(v, list) else v[0][0]
    e = sympy.sympify(e.xreplace(rep)).doit()
    if hasattr(e, 'as_explicit'):
        try:
            e = e.as_explicit()
        except Exception:
            pass
    if isinstance(e, MatrixBase):
        flat = list(e)
    elif isinstance(e, NDimArray):
        flat = list(_flatten(e.tolist()))
    elif isinstance(e, MatrixExpr):
        raise ValueError(f'not explicit: {type(e).__name__}')
    else:
        flat = [e]
    return [float(N(v)) for v in flat]


def agrees(got, expected):
    """Whether two lists of entries agree as multisets: all entries, or else the nonzero
    ones (SymPy may return a compressed form, e.g. the diagonal of a diagonal gradient)."""
    scale = max([1.0] + [abs(v) for v in expected])
    if not all(math.isfinite(v) for v in got):
        return False, 'not finite'

    def close(a, b):
        if len(a) != len(b):
            return False, None
        worst = max((abs(p - q) for p, q in zip(sorted(a), sorted(b))), default=0.0)
        return worst <= 1e-6 * scale, worst

    ok, worst = close(got, expected)
    if ok:
        return True, None
    nz = lambda xs: [v for v in xs if abs(v) > 1e-12 * scale]
    ok2, worst2 = close(nz(got), nz(expected))
    if ok2:
        return True, f'the nonzero entries agree ({len(got)} entries, dcalc has {len(expected)})'
    if worst is None:
        return False, f'{len(got)} entries, dcalc has {len(expected)}'
    return False, f'max entry difference {worst:.3g}'


# ---------------------------------------------------------------------------------

def bench_case(case, timeout, repeats):
    out = {'name': case['name']}
    if case.get('sympy') is None:
        out.update(status='unsupported', detail=case.get('note') or 'no translation')
        return out
    times, diff_times = [], []
    result = None
    try:
        result, t, td = with_timeout(timeout, run_case_once, case)
        times.append(t)
        diff_times.append(td)
    except Unsupported as e:
        out.update(status='unsupported', detail=str(e))
        return out
    except Timeout:
        out.update(status='timeout', detail=f'no answer in {timeout} s', ms=timeout * 1000)
        return out
    except RecursionError:
        out.update(status='error', detail='RecursionError')
        return out
    except Exception as e:  # SymPy's failures are of many types
        out.update(status='error', detail=f'{type(e).__name__}: {str(e)[:160]}')
        return out
    # More cold runs while they are cheap.
    spent = times[0]
    for _ in range(repeats - 1):
        if spent > 2.0:
            break
        try:
            _, t, td = with_timeout(timeout, run_case_once, case)
        except BaseException:
            break
        times.append(t)
        diff_times.append(td)
        spent += t
    out['ms'] = statistics.median(times) * 1000
    out['diffMs'] = statistics.median(diff_times) * 1000
    out['runs'] = len(times)
    text = str(result)
    out['result'] = text if len(text) <= 300 else text[:297] + '...'
    if result.has(Derivative):
        out['status'] = 'unevaluated'
        return out
    expected = case.get('expected')
    if expected is None:
        out.update(status='unverified', detail='no dcalc value to compare with')
        return out
    try:
        got = with_timeout(timeout, numeric_entries, result, case)
    except Timeout:
        out.update(status='unverified', detail='numeric evaluation timed out')
        return out
    except Exception as e:
        out.update(status='unverified', detail=f'numeric evaluation failed: {type(e).__name__}: {str(e)[:120]}')
        return out
    ok, detail = agrees(got, expected)
    out['status'] = 'ok' if ok else 'wrong'
    if detail:
        out['detail'] = detail
    return out


def main():
    req = json.load(sys.stdin)
    timeout = float(req.get('timeoutS', 10))
    repeats = int(req.get('repeats', 3))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    budget = float(req.get('budgetS', 1e9))
    t0 = time.perf_counter()
    results = []
    for c in req['cases']:
        if time.perf_counter() - t0 > budget:
            results.append({'name': c['name'], 'status': 'skipped', 'detail': f'over the {budget:.0f} s budget of the SymPy part'})
            continue
        results.append(bench_case(c, timeout, repeats))
    print(json.dumps({
        'sympy': sympy.__version__,
        'python': sys.version.split()[0],
        'totalS': time.perf_counter() - t0,
        'results': results,
    }))


if __name__ == '__main__':
    main()
