/**
 * The helper functions an exported module may define, per library: only those its code
 * calls are written into it. Each is the numerically stable form of an operator (the
 * max shift of log-sum-exp, the sigmoid through log(1 + e^(−x))) or the checks that every
 * exported function runs on its inputs.
 */
export type Library = 'numpy' | 'torch';

/** Binds dimension names from an input's shape, or checks it against those already bound. */
const BIND = `def _bind(dims, name, x, declared):
    # declared: the sizes as written (ints, names, products "k*n"); a name not yet bound takes the size it meets
    got = tuple(x.shape)
    want = []
    for d, n in zip(declared, got):
        if isinstance(d, str) and "*" not in d and d not in dims:
            dims[d] = n
        want.append(_size(dims, d))
    if any(w is not None and w != n for w, n in zip(want, got)):
        shown = ", ".join(str(d) for d in declared)
        sizes = ", ".join("?" if w is None else str(w) for w in want)
        raise ValueError(f"{name}: expected shape ({shown}) = ({sizes}), got {got}")


def _size(dims, d):
    if isinstance(d, int):
        return d
    v = 1
    for part in d.split("*"):
        if part.isdigit():
            v *= int(part)
        elif part in dims:
            v *= dims[part]
        else:
            return None
    return v`;

/** One blocked product for both libraries: they differ only in how the output is made and a copied contiguous. */
function symmetricProduct(library: string, empty: string, contiguous: string): string {
  return `def _symmetric_product(a, b):
    # a @ b for a product known to be symmetric (a Hessian, by Schwarz's theorem): each of
    # four row panels is multiplied only from the diagonal on and mirrored (the diagonal blocks
    # averaged with their transposes, so the result is exactly symmetric): 10/16
    # of the flops of a @ b (BLAS's syrk does this for aᵀa; ${library} does not expose it)
    n = a.shape[0]
    if n < 64:
        return a @ b
    out = ${empty}
    a = ${contiguous}  # row panels of a transposed view would be strided
    edges = [n * k // 4 for k in range(5)]
    for lo, hi in zip(edges, edges[1:]):
        panel = a[lo:hi] @ b[:, lo:]
        out[lo:hi, hi:] = panel[:, hi - lo:]
        out[hi:, lo:hi] = panel[:, hi - lo:].T
        block = panel[:, :hi - lo]
        out[lo:hi, lo:hi] = (block + block.T) / 2
    return out`;
}

interface Helper {
  readonly numpy: string;
  readonly torch: string;
}

export const HELPERS: Readonly<Record<string, Helper>> = {
  _sigmoid: {
    numpy: `def _sigmoid(x):
    # exp(-log(1 + e^-x)): neither overflows nor divides by zero
    return np.exp(-np.logaddexp(0.0, -x))`,
    torch: `def _sigmoid(x):
    return torch.sigmoid(x)`,
  },
  _softmax: {
    numpy: `def _softmax(x, axis):
    # shifted by the maximum, so exp never overflows; axis None: all entries
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)`,
    torch: `def _softmax(x, axis):
    # axis None: all entries
    if axis is None:
        return torch.softmax(x.reshape(-1), 0).reshape(x.shape)
    return torch.softmax(x, axis)`,
  },
  _log_softmax: {
    numpy: `def _log_softmax(x, axis):
    # x - logsumexp(x), with the max shift
    return x - _logsumexp(x, axis)`,
    torch: `def _log_softmax(x, axis):
    if axis is None:
        return torch.log_softmax(x.reshape(-1), 0).reshape(x.shape)
    return torch.log_softmax(x, axis)`,
  },
  _logsumexp: {
    numpy: `def _logsumexp(x, axis):
    # m + log(sum(exp(x - m))) with m the maximum: exp never overflows
    m = np.max(x, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))`,
    torch: `def _logsumexp(x, axis):
    if axis is None:
        return torch.logsumexp(x.reshape(-1), 0).reshape(1, 1)
    return torch.logsumexp(x, axis, keepdim=True)`,
  },
  _log_sigmoid: {
    numpy: `def _log_sigmoid(x):
    # log(sigmoid(x)) = -log(1 + e^-x), without forming sigmoid(x)
    return -np.logaddexp(0.0, -x)`,
    torch: `def _log_sigmoid(x):
    return torch.nn.functional.logsigmoid(x)`,
  },
  _logdet: {
    numpy: `def _logdet(a):
    # log det from the LU factor (slogdet); NaN where det <= 0
    sign, logabsdet = np.linalg.slogdet(a)
    return np.where(sign > 0, logabsdet, np.nan).reshape(1, 1)`,
    torch: `def _logdet(a):
    # log det from the LU factor; NaN where det <= 0
    return torch.logdet(a).reshape(1, 1)`,
  },
  _kron: {
    numpy: `def _kron(a, b):
    return np.kron(a, b)`,
    torch: `def _kron(a, b):
    # (a ⊗ b)[i*p + k, j*q + l] = a[i, j] b[k, l], by broadcasting
    return (a[:, None, :, None] * b[None, :, None, :]).reshape(a.shape[0] * b.shape[0], a.shape[1] * b.shape[1])`,
  },
  _commutation: {
    numpy: `def _commutation(m, n, dtype=np.float64):
    # K vec(A) = vec(A.T) for A of shape (m, n)
    perm = np.arange(m * n).reshape(n, m).T.reshape(-1)
    return np.eye(m * n, dtype=dtype)[perm]`,
    torch: `def _commutation(m, n, dtype=None, device=None):
    # K vec(A) = vec(A.T) for A of shape (m, n)
    perm = torch.arange(m * n, device=device).reshape(n, m).T.reshape(-1)
    return torch.eye(m * n, dtype=dtype, device=device)[perm]`,
  },
  _symmetric_product: {
    numpy: symmetricProduct('NumPy', 'np.empty((n, n), dtype=np.result_type(a, b))', 'np.ascontiguousarray(a)'),
    torch: symmetricProduct('torch', 'torch.empty((n, n), dtype=a.dtype, device=a.device)', 'a.contiguous()'),
  },
  _matrix: {
    numpy: `def _matrix(name, x, scalar):
    # a 2-D floating-point array; a number (or 1x1) for a scalar
    if scalar and isinstance(x, (int, float)) and not isinstance(x, bool):
        return np.full((1, 1), float(x))
    a = np.asarray(x)
    if a.dtype.kind != "f":
        raise ValueError(f"{name}: expected a floating-point array, got dtype {a.dtype}")
    if scalar and a.size == 1:
        return a.reshape(1, 1)
    if a.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D array, got shape {a.shape}")
    return a`,
    torch: `def _matrix(name, x, scalar, like):
    # a 2-D floating-point tensor of the inputs' dtype; a number (or 1x1) for a scalar
    if scalar and isinstance(x, (int, float)) and not isinstance(x, bool):
        return torch.full((1, 1), float(x), dtype=like.dtype, device=like.device)
    if not isinstance(x, torch.Tensor):
        raise ValueError(f"{name}: expected a torch.Tensor, got {type(x).__name__}")
    if not x.is_floating_point():
        raise ValueError(f"{name}: expected a floating-point tensor, got dtype {x.dtype}")
    if x.dtype != like.dtype:
        raise ValueError(f"{name}: dtype {x.dtype} differs from the other inputs' {like.dtype}")
    if scalar and x.numel() == 1:
        return x.reshape(1, 1)
    if x.dim() != 2:
        raise ValueError(f"{name}: expected a 2-D tensor, got shape {tuple(x.shape)}")
    return x`,
  },
  _reference: {
    numpy: '',
    torch: `def _reference(*xs):
    # the first tensor among the inputs gives the dtype and device of everything made here
    for x in xs:
        if isinstance(x, torch.Tensor) and x.is_floating_point():
            return x
    return torch.zeros((), dtype=torch.get_default_dtype())`,
  },
  _bind: {
    numpy: BIND,
    torch: BIND,
  },
};

