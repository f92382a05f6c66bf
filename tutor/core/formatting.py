"""Numbers, vectors and shapes written the way a learner would type them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def num(x: float | int | Fraction, digits: int = 4) -> str:
    """A number with at most ``digits`` decimals and no trailing zeros: 0.7742, 1.24, -24.

    Rounding is half away from zero on the exact value (a Fraction, or a float's shortest
    decimal form), as a learner rounds by hand: 1.49975 gives 1.4998, never binary
    floating point's 1.4997.
    """
    if isinstance(x, int) or (isinstance(x, Fraction) and x.denominator == 1):
        return str(int(x))
    exact = Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction) else Decimal(repr(float(x)))
    if not exact.is_finite():
        return str(float(x))
    text = f"{exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP):f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def sig(x: float | int | Fraction, s: int = 4) -> str:
    """At least ``s`` significant figures, and never fewer than 4 decimals: 0.7742, 0.006614."""
    if x == 0:
        return "0"
    return num(x, max(4, s - 1 - math.floor(math.log10(abs(float(x))))))


def figures(x: float | Fraction, n: int = 4) -> str:
    """Exactly ``n`` significant figures as a plain decimal: 0.1065, -0.213, 0.01234."""
    if x == 0:
        return "0"
    return num(x, max(0, n - 1 - math.floor(math.log10(abs(float(x))))))


def sig_stable(x: float | Fraction, s: int = 4) -> str:
    """Like ``sig``, with enough digits that rounding the text to any 4, 5, … decimals gives
    the same as rounding x itself (no double rounding: 0.0065497 stays 0.0065497, since
    0.00655 would round to 0.0066)."""
    x = float(x)
    if x == 0:
        return "0"
    digits = max(4, s - 1 - math.floor(math.log10(abs(x))))
    text = num(x, digits)
    while digits < 12 and any(num(Fraction(text), d) != num(x, d) for d in range(4, digits)):
        digits += 1
        text = num(x, digits)
    return text


def frac(x: Fraction) -> str:
    """An exact fraction: 24/25, -3/4, 5."""
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def vec(values: Iterable[float | int | Fraction], digits: int = 4) -> str:
    """A vector written with square brackets: [0.2, 0.8]."""
    return "[" + ", ".join(num(v, digits) for v in values) + "]"


def tup(values: Iterable[float | int | Fraction], digits: int = 4) -> str:
    """A point or vector written with round brackets: (3, 4)."""
    return "(" + ", ".join(num(v, digits) for v in values) + ")"


def shape(dims: Sequence[int | str]) -> str:
    """A tensor shape as PyTorch prints it: (4, 16), (16,)."""
    if len(dims) == 1:
        return f"({dims[0]},)"
    return "(" + ", ".join(str(d) for d in dims) + ")"


def signed(x: float | int | Fraction, digits: int = 4) -> str:
    """A number to be written after an operator: 3 → '3', -3 → '(−3)'."""
    text = num(x, digits)
    return f"({text.replace('-', '−')})" if text.startswith("-") else text


def pretty(text: str) -> str:
    """Typographic minus signs for display (the canonical answer keeps ASCII '-')."""
    return text.replace("-", "−")
