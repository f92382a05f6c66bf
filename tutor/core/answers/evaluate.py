"""Guarded evaluation of the AST: exact rationals when possible, else float, else complex.

Nothing here can run for long or allocate much: integer powers are sized before they are
computed, factorials are capped, and oversized rationals fall back to floats.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Mapping
from fractions import Fraction

from .errors import AnswerError, TooLarge, Undefined
from .nodes import Add, Call, Const, Group, Mul, Neg, Node, Num, Postfix, Pow, Seq, Var

Value = Fraction | float | complex

MAX_LOG10 = 300.0  # results beyond 10^300 are "too large"
MAX_EXACT_DIGITS = 600  # exact rationals larger than this become floats
MAX_FACTORIAL = 170
_MAX_BITS = int(MAX_EXACT_DIGITS * 3.33)


def is_finite(v: Value) -> bool:
    if isinstance(v, Fraction):
        return True
    if isinstance(v, complex):
        return math.isfinite(v.real) and math.isfinite(v.imag)
    return math.isfinite(v)


def _log10_abs(q: Fraction) -> float:
    return math.log10(abs(q.numerator)) - math.log10(q.denominator)


def _tidy(v: Value) -> Value:
    """Keep exact values small; drop negligible imaginary parts."""
    if isinstance(v, Fraction):
        num, den = v.numerator, v.denominator
        if num.bit_length() - den.bit_length() > 1000:
            raise TooLarge()
        if num.bit_length() > _MAX_BITS or den.bit_length() > _MAX_BITS:
            if num and _log10_abs(v) > MAX_LOG10:
                raise TooLarge()
            return float(v)
        return v
    if isinstance(v, complex) and (v.imag == 0 or abs(v.imag) <= 1e-13 * abs(v.real)):
        return v.real
    return v


def _float(v: Value) -> float | complex:
    if isinstance(v, Fraction):
        if v.numerator and _log10_abs(v) > 308:
            raise TooLarge()
        return float(v)
    return v


def _exact_root(q: Fraction, n: int) -> Fraction | None:
    """The exact n-th root of a positive rational, if it is rational."""
    if q <= 0 or n > 12 or q.numerator.bit_length() > 1000 or q.denominator.bit_length() > 1000:
        return None
    roots = []
    for part in (q.numerator, q.denominator):
        r = round(part ** (1.0 / n)) if part < 2**1000 else None
        if r is None:
            return None
        for cand in (r - 1, r, r + 1):
            if cand >= 0 and cand**n == part:
                roots.append(cand)
                break
        else:
            return None
    return Fraction(roots[0], roots[1])


def power(a: Value, b: Value) -> Value:
    """``a ** b`` without ever building a huge number."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        exact = _exact_power(a, b)
        if exact is not None:
            return exact
    fa, fb = _float(a), _float(b)
    try:
        r = fa**fb
    except OverflowError:
        raise TooLarge() from None
    except ZeroDivisionError:
        raise Undefined("division by zero") from None
    return _tidy(r)


def _exact_power(a: Fraction, b: Fraction) -> Value | None:
    if b.denominator == 1:
        n = b.numerator
        if a == 0:
            if n < 0:
                raise Undefined("division by zero")
            return Fraction(0) if n else Fraction(1)
        if abs(a) == 1:
            return Fraction(1) if a == 1 or n % 2 == 0 else Fraction(-1)
        if n * _log10_abs(a) > MAX_LOG10:
            raise TooLarge()
        size = abs(n) * max(math.log10(abs(a.numerator)), math.log10(a.denominator))
        if size <= MAX_EXACT_DIGITS:
            return a**n
        return None
    if a > 0 and b.denominator <= 12 and abs(b.numerator) <= 1000:
        root = _exact_root(a, b.denominator)
        if root is not None:
            return _exact_power(root, Fraction(b.numerator))
    return None


def _sigmoid(x: float | complex) -> float | complex:
    if isinstance(x, complex):
        return 1 / (1 + cmath.exp(-x))
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    ex = math.exp(x)
    return ex / (1 + ex)


_REAL = {
    "sqrt": math.sqrt, "exp": math.exp, "ln": math.log, "log": math.log, "log2": math.log2,
    "log10": math.log10, "sin": math.sin, "cos": math.cos, "tan": math.tan,
    "asin": math.asin, "acos": math.acos, "atan": math.atan, "sinh": math.sinh,
    "cosh": math.cosh, "tanh": math.tanh, "asinh": math.asinh, "acosh": math.acosh,
    "atanh": math.atanh, "abs": abs, "sigmoid": _sigmoid,
    "sec": lambda x: 1 / math.cos(x), "csc": lambda x: 1 / math.sin(x),
    "cot": lambda x: 1 / math.tan(x), "sech": lambda x: 1 / math.cosh(x),
    "csch": lambda x: 1 / math.sinh(x), "coth": lambda x: 1 / math.tanh(x),
}  # fmt: skip
_COMPLEX = {
    "sqrt": cmath.sqrt, "exp": cmath.exp, "ln": cmath.log, "log": cmath.log,
    "log2": lambda z: cmath.log(z) / math.log(2), "log10": cmath.log10, "sin": cmath.sin,
    "cos": cmath.cos, "tan": cmath.tan, "asin": cmath.asin, "acos": cmath.acos,
    "atan": cmath.atan, "sinh": cmath.sinh, "cosh": cmath.cosh, "tanh": cmath.tanh,
    "asinh": cmath.asinh, "acosh": cmath.acosh, "atanh": cmath.atanh, "abs": abs,
    "sigmoid": _sigmoid,
    "sec": lambda z: 1 / cmath.cos(z), "csc": lambda z: 1 / cmath.sin(z),
    "cot": lambda z: 1 / cmath.tan(z), "sech": lambda z: 1 / cmath.cosh(z),
    "csch": lambda z: 1 / cmath.sinh(z), "coth": lambda z: 1 / cmath.tanh(z),
}  # fmt: skip


def call(fn: str, x: Value) -> Value:
    """Apply a whitelisted function; exact where cheap (sqrt of squares, abs, factorial)."""
    if fn == "factorial":
        return factorial(x)
    if isinstance(x, Fraction):
        exact = _exact_call(fn, x)
        if exact is not None:
            return exact
    fx = _float(x)
    try:
        if isinstance(fx, float):
            try:
                return _tidy(_REAL[fn](fx))
            except ValueError:
                pass
        return _tidy(_COMPLEX[fn](complex(fx)))
    except OverflowError:
        raise TooLarge() from None
    except (ValueError, ZeroDivisionError):
        raise Undefined(f"{fn} is undefined there") from None


def _exact_call(fn: str, x: Fraction) -> Value | None:
    if fn == "abs":
        return abs(x)
    if fn == "factorial":
        return factorial(x)
    if fn == "sqrt" and x >= 0:
        return _exact_root(x, 2) if x else Fraction(0)
    if x == 0 and fn in ("sin", "tan", "asin", "atan", "sinh", "tanh", "asinh", "atanh"):
        return Fraction(0)
    if x == 0 and fn in ("exp", "cos", "cosh", "sec", "sech"):
        return Fraction(1)
    if x == 1 and fn in ("ln", "log", "log2", "log10"):
        return Fraction(0)
    if x > 0 and fn in ("log2", "log10") and x.denominator == 1:
        base = 2 if fn == "log2" else 10
        n = x.numerator
        k = n.bit_length() if base == 2 else len(str(n)) if n < 10**40 else 0
        if k and base ** (k - 1) == n:
            return Fraction(k - 1)
    return None


def factorial(x: Value) -> Value:
    """n! for whole n ≤ 170 (no gamma function: other arguments are undefined)."""
    if isinstance(x, float) and x.is_integer():
        x = Fraction(int(x)) if abs(x) <= 10**6 else Fraction(10**6)
    if isinstance(x, Fraction) and x.denominator == 1 and x >= 0:
        if x > MAX_FACTORIAL:
            raise TooLarge(
                f"That factorial is too large to work with (the limit is {MAX_FACTORIAL}!)."
            )
        return Fraction(math.factorial(int(x)))
    raise Undefined("factorial needs a whole number")


def evaluate(node: Node, env: Mapping[str, Value] | None = None) -> Value:
    """Value of ``node``; raises Undefined, TooLarge, or AnswerError (a list in a number)."""
    node_type = type(node)
    if node_type is Num:
        return node.value
    if node_type is Var:
        if env is None or node.name not in env:
            raise AnswerError(f"Unknown variable '{node.name}'.")
        return env[node.name]
    if node_type is Const:
        return _CONSTANTS[node.name]
    if node_type is Group:
        return evaluate(node.arg, env)
    if node_type is Neg:
        return -evaluate(node.arg, env)
    if node_type is Add:
        return _add(node, env)
    if node_type is Mul:
        return _mul(node, env)
    if node_type is Pow:
        return power(evaluate(node.base, env), evaluate(node.exp, env))
    if node_type is Call:
        return call(node.fn, evaluate(node.arg, env))
    if node_type is Postfix:
        arg = evaluate(node.arg, env)
        return factorial(arg) if node.op == "!" else _tidy(arg / 100)
    if node_type is Seq:
        raise AnswerError(
            "A list isn't allowed here"
            + (" — use ( ) for grouping; [ ] makes a list." if node.bracket == "[" else ".")
        )
    raise TypeError(node_type.__name__)


_CONSTANTS: dict[str, Value] = {"pi": math.pi, "e": math.e, "inf": math.inf, "nan": math.nan}


def _add(node: Add, env: Mapping[str, Value] | None) -> Value:
    total: Value = Fraction(0)
    for sub, term in node.terms:
        v = evaluate(term, env)
        total = _tidy(total - v if sub else total + v)
    return total


def _mul(node: Mul, env: Mapping[str, Value] | None) -> Value:
    total: Value = Fraction(1)
    for div, factor in node.factors:
        v = evaluate(factor, env)
        if div:
            if v == 0:
                raise Undefined("division by zero")
            total = _tidy(total / v)
        else:
            total = _tidy(total * v)
    return total
