"""SymPy fallback, run in a separate, killable worker process.

Used only when the numeric check is inconclusive. SymPy objects are built directly from our
own AST (never from strings), inside a worker that has a memory cap; each request has a hard
wall-clock timeout, after which the worker is killed and restarted on the next request.
SymPy is never imported in the app process by this module.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Sequence

from .nodes import Add, Call, Const, Group, Mul, Neg, Node, Num, Postfix, Pow, Seq, Var

TIMEOUT = 1.5
START_TIMEOUT = 30.0
_MEMORY_LIMIT = 2 * 1024**3

_lock = threading.Lock()
_worker = None  # (process, connection)


def to_sympy(node: Node, sp, symbols: dict):  # noqa: ANN001 - sympy is imported in the worker
    """Build a SymPy expression from our AST with a fixed whitelist of constructors."""
    t = type(node)
    if t is Num:
        return sp.Rational(node.value.numerator, node.value.denominator)
    if t is Var:
        return symbols[node.name]
    if t is Const:
        return {"pi": sp.pi, "e": sp.E, "inf": sp.oo, "nan": sp.nan}[node.name]
    if t is Group:
        return to_sympy(node.arg, sp, symbols)
    if t is Neg:
        return -to_sympy(node.arg, sp, symbols)
    if t is Add:
        terms = [to_sympy(n, sp, symbols) for _, n in node.terms]
        return sp.Add(*[-x if sub else x for (sub, _), x in zip(node.terms, terms, strict=True)])
    if t is Mul:
        out = []
        for div, n in node.factors:
            x = to_sympy(n, sp, symbols)
            out.append(sp.Pow(x, -1) if div else x)
        return sp.Mul(*out)
    if t is Pow:
        return sp.Pow(to_sympy(node.base, sp, symbols), to_sympy(node.exp, sp, symbols))
    if t is Call:
        return _FUNCS[node.fn](sp, to_sympy(node.arg, sp, symbols))
    if t is Postfix:
        x = to_sympy(node.arg, sp, symbols)
        return sp.factorial(x) if node.op == "!" else x / 100
    if t is Seq:
        raise ValueError("list")
    raise TypeError(t.__name__)


_FUNCS = {
    "sqrt": lambda sp, x: sp.sqrt(x), "exp": lambda sp, x: sp.exp(x),
    "ln": lambda sp, x: sp.log(x), "log": lambda sp, x: sp.log(x),
    "log2": lambda sp, x: sp.log(x, 2), "log10": lambda sp, x: sp.log(x, 10),
    "sin": lambda sp, x: sp.sin(x), "cos": lambda sp, x: sp.cos(x),
    "tan": lambda sp, x: sp.tan(x), "sec": lambda sp, x: sp.sec(x),
    "csc": lambda sp, x: sp.csc(x), "cot": lambda sp, x: sp.cot(x),
    "asin": lambda sp, x: sp.asin(x), "acos": lambda sp, x: sp.acos(x),
    "atan": lambda sp, x: sp.atan(x), "sinh": lambda sp, x: sp.sinh(x),
    "cosh": lambda sp, x: sp.cosh(x), "tanh": lambda sp, x: sp.tanh(x),
    "asinh": lambda sp, x: sp.asinh(x), "acosh": lambda sp, x: sp.acosh(x),
    "atanh": lambda sp, x: sp.atanh(x), "sech": lambda sp, x: sp.sech(x),
    "csch": lambda sp, x: sp.csch(x), "coth": lambda sp, x: sp.coth(x),
    "abs": lambda sp, x: sp.Abs(x), "factorial": lambda sp, x: sp.factorial(x),
    "sigmoid": lambda sp, x: 1 / (1 + sp.exp(-x)),
}  # fmt: skip


def _compare(sp, expected: Node, given: Node, variables: Sequence[str]) -> str:  # noqa: ANN001
    symbols = {v: sp.Symbol(v, positive=True) for v in variables}
    try:
        a = to_sympy(expected, sp, symbols)
        b = to_sympy(given, sp, symbols)
    except (ValueError, TypeError, KeyError):
        return "error"
    diff = a - b
    for attempt in (sp.expand, sp.cancel, sp.simplify):
        if attempt(diff) == 0:
            return "equal"
    same = diff.equals(0)
    return "equal" if same is True else "different" if same is False else "unknown"


def _serve(conn) -> None:  # noqa: ANN001 - runs in the worker process
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    import sympy as sp

    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        try:
            conn.send(_compare(sp, *request))
        except Exception:  # noqa: BLE001 - report, keep serving
            conn.send("error")


def _start():  # noqa: ANN202
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="tutor-sympy")
    proc.start()
    child.close()
    if not parent.poll(START_TIMEOUT) or parent.recv() != "ready":
        _kill((proc, parent))
        raise RuntimeError("sympy worker did not start")
    return proc, parent


def _kill(worker) -> None:  # noqa: ANN001
    proc, conn = worker
    try:
        conn.close()
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(1)


def warm_up() -> None:
    """Start the worker ahead of time (optional; the app may call this in a thread)."""
    global _worker
    with _lock:
        if _worker is None:
            _worker = _start()


def sympy_equal(
    expected: Node, given: Node, variables: Sequence[str], timeout: float = TIMEOUT
) -> str:
    """ "equal", "different", "unknown", "error" or "timeout" (the worker was killed)."""
    global _worker
    with _lock:
        try:
            if _worker is None:
                _worker = _start()
            proc, conn = _worker
            conn.send((expected, given, tuple(variables)))
            if conn.poll(timeout):
                return conn.recv()
        except (OSError, EOFError, RuntimeError):
            pass
        if _worker is not None:
            _kill(_worker)
            _worker = None
        return "timeout"


@atexit.register
def _shutdown() -> None:
    global _worker
    if _worker is not None:
        _kill(_worker)
        _worker = None
