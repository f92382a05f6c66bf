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


def as_fraction(x: float | int | Fraction | Decimal) -> Fraction:
    """The exact value of a number as a learner reads it: a float by its shortest decimal form
    (0.1 is 1/10, not the binary fraction nearest to it)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int | Decimal):
        return Fraction(x)
    return Fraction(repr(float(x)))


def magnitude(x: Fraction) -> int:
    """The power of ten of the leading digit of x ≠ 0: 0.0043 → -3, 14336 → 4 (exact: the
    logarithm only guesses, whole-number comparisons decide)."""
    n, d = abs(x.numerator), x.denominator
    m = math.floor(math.log10(n) - math.log10(d))
    while not _at_least_power(n, d, m):
        m -= 1
    while _at_least_power(n, d, m + 1):
        m += 1
    return m


def _at_least_power(n: int, d: int, m: int) -> bool:
    """n/d ≥ 10^m, in whole numbers."""
    return n >= d * 10**m if m >= 0 else n * 10**-m >= d


def round_at(x: Fraction, place: int) -> Fraction:
    """x rounded half away from zero to a multiple of 10^place: round_at(0.125, -2) == 0.13."""
    n, d = abs(x.numerator), x.denominator
    if place >= 0:
        unit = 10**place
        steps = (2 * n + d * unit) // (2 * d * unit)
        result = Fraction(steps * unit)
    else:
        scale = 10**-place
        steps = (2 * n * scale + d) // (2 * d)
        result = Fraction(steps, scale)
    return result if x >= 0 else -result


def figures_place(x: Fraction, figures: int) -> int:
    """The power of ten of the last of ``figures`` significant figures of x ≠ 0 once rounded
    (9.9996 to 4 significant figures is 10.00, so -2, not -3)."""
    place = magnitude(x) - figures + 1
    r = round_at(x, place)
    if _at_least_power(abs(r.numerator), r.denominator, place + figures):
        place += 1
    return place


def power_of_ten(place: int) -> Fraction:
    """10^place as an exact fraction (faster than Fraction(10) ** place)."""
    return Fraction(10**place) if place >= 0 else Fraction(1, 10**-place)


def at_place(x: Fraction, place: int, scientific: bool = False) -> str:
    """x rounded to a multiple of 10^place, written with every digit down to that place:
    at_place(-0.00857, -6) == "-0.008570", at_place(14336, 2) == "14300"."""
    r = round_at(x, place)
    sign = "-" if r < 0 else ""
    if scientific and r:
        lead = magnitude(r)
        return f"{sign}{at_place(abs(r) / Fraction(10) ** lead, place - lead)}e{lead}"
    if place >= 0:
        return f"{sign}{int(abs(r))}"
    digits = str(int(abs(r) * 10**-place)).rjust(1 - place, "0")
    return f"{sign}{digits[:place]}.{digits[place:]}"


SCIENTIFIC_BELOW = -4  # 4 significant figures of 0.0000123 read better as 1.230e-5
SCIENTIFIC_FROM = 12


def rounded(x: float | int | Fraction, *, sig_figs: int | None = None, decimals: int | None = None) -> str:
    """x at exactly the declared precision, trailing zeros kept (give one of the two):
    rounded(-0.00857, sig_figs=4) == "-0.008570", rounded(0.99, decimals=4) == "0.9900".

    Very small or large values with ``sig_figs`` are written in scientific notation (1.230e-5).
    """
    if (sig_figs is None) == (decimals is None):
        raise ValueError("give exactly one of sig_figs and decimals")
    q = as_fraction(x)
    if decimals is not None:
        return at_place(q, -decimals)
    if q == 0:
        return "0"
    place = figures_place(q, sig_figs)
    lead = place + sig_figs - 1
    return at_place(q, place, scientific=not SCIENTIFIC_BELOW <= lead < SCIENTIFIC_FROM)


MAX_EXACT_TEXT_DIGITS = 30  # the answer engine reads literals of up to 30 digits


def exact_text(x: float | int | Fraction) -> str:
    """x written so that the answer engine reads back its exact value: 24/31, -3/4, 5, and a
    float by its shortest decimal form (17 significant figures at most). A fraction too long
    to type is written with 20 significant figures."""
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"not a finite number: {x!r}")
        return repr(x)
    q = Fraction(x)
    if q.denominator == 1 and _typable_length(q.numerator):
        return str(q.numerator)
    if _typable_length(q.numerator) and _typable_length(q.denominator):
        return f"{q.numerator}/{q.denominator}"
    return at_place(q, magnitude(q) - 19, scientific=True)


def terminating_decimal(x: Fraction) -> str | None:
    """x as a decimal that ends (12.5, -0.0625), or None when it does not (1/3) or needs
    more than 30 digits after the point."""
    d = x.denominator
    twos = fives = 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    places = max(twos, fives)
    if d != 1 or places > MAX_EXACT_TEXT_DIGITS:
        return None
    return at_place(x, -places) if places else str(x.numerator)


def _typable_length(n: int) -> bool:
    """Whether n has at most MAX_EXACT_TEXT_DIGITS digits (never writing out a huge n: Python
    refuses to turn ints of more than 4300 digits into text)."""
    return abs(n).bit_length() <= 4 * MAX_EXACT_TEXT_DIGITS and len(str(abs(n))) <= MAX_EXACT_TEXT_DIGITS


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


# -- numbers inside $...$ formulas (LaTeX) ----------------------------------------------------


def tex_num(x: float | int | Fraction, digits: int = 4) -> str:
    """A number in a formula (``num``), a negative one braced so it is set as a sign: {-3}."""
    text = num(x, digits)
    return f"{{{text}}}" if text.startswith("-") else text


def tex_term(x: float | int | Fraction, digits: int = 4) -> str:
    """A number after an operator in a formula, a negative one in brackets: 3, ({-3})."""
    text = num(x, digits)
    return f"({{{text}}})" if text.startswith("-") else text


def tex_tuple(values: Iterable[float | int | Fraction], digits: int = 4) -> str:
    """A vector in a formula, with round brackets: (3, {-4})."""
    return "(" + ", ".join(tex_num(v, digits) for v in values) + ")"


def tex_matrix(rows: Iterable[Iterable[float | int | Fraction]], digits: int = 4) -> str:
    """A matrix in a formula: \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}."""
    body = r" \\ ".join(" & ".join(tex_num(v, digits) for v in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"
