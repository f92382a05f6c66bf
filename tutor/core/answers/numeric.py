"""The tolerance rule for numbers that declare no precision, reading typed digits, "close",
and the built-in diagnoses (sign, percentage, factor of 2 or 100, reciprocal)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction

from .errors import AnswerError, TooLarge, Undefined
from .evaluate import Value, evaluate, is_finite
from .nodes import Mul, Neg, Node, Num, Postfix, Pow, strip_group
from .verdict import AnswerSpec


@dataclass(frozen=True)
class Literal:
    """What the learner literally typed, when the answer is one plain number."""

    sig_figs: int
    decimal: bool  # has a decimal point or an exponent
    places: int | None = None  # digits after the decimal point of a plain decimal (no exponent)


@dataclass(frozen=True)
class Digits:
    """The digits of one plain number as typed, in any notation (``0.0430``, ``4.30e-2``,
    ``4.30×10^-2``, ``4.30%``, ``-14,300``), for the precision contract."""

    figures: int  # significant figures typed (trailing zeros of a whole number not counted)
    place: int  # power of ten of the last digit typed: 0.0430 → -4, 1.43e4 → 2, 14300 → 0
    spread: int = 0  # trailing zeros of a whole number typed without a point (14300: 2), which
    # may be placeholders: 14300 is read as rounded to the units, the tens or the hundreds


@dataclass(frozen=True)
class NumberReading:
    value: Value | None  # None when undefined (division by zero, ...)
    shown: str
    literal: Literal | None = None
    undefined: str = ""
    notes: tuple[str, ...] = ()
    digits: Digits | None = None


def literal_of(node: Node) -> Literal | None:
    """The typed literal behind ``-0.167``, ``16.7%`` or ``1.67×10^-1``, else None."""
    node = strip_group(node)
    if isinstance(node, Neg | Postfix) and not (isinstance(node, Postfix) and node.op == "!"):
        return literal_of(node.arg)
    if isinstance(node, Num):
        return Literal(node.sig_figs, node.decimal, _places(node.text))
    if isinstance(node, Mul) and len(node.factors) == 2 and not any(d for d, _ in node.factors):
        mantissa, scale = (strip_group(f) for _, f in node.factors)
        if isinstance(mantissa, Num) and _is_power_of_ten(scale):
            return Literal(mantissa.sig_figs, True)
    return None


def _is_power_of_ten(node: Node) -> bool:
    return (
        isinstance(node, Pow)
        and isinstance(strip_group(node.base), Num)
        and strip_group(node.base).value == 10
    )


def _places(text: str) -> int | None:
    if "." not in text or "e" in text.lower():
        return None
    return len(text.split(".", 1)[1])


def digits_of(node: Node) -> Digits | None:
    """The digits behind ``-0.0430``, ``43.0%``, ``4.30e-2`` or ``-4.30×10^-2``, else None
    (arithmetic, a fraction, a root: exact forms, judged by their value)."""
    node = strip_group(node)
    if isinstance(node, Postfix) and node.op == "%":
        inner = digits_of(node.arg)
        return replace(inner, place=inner.place - 2) if inner else None
    if isinstance(node, Neg):
        return digits_of(node.arg)
    if isinstance(node, Num):
        return _digits(node)
    if isinstance(node, Mul) and len(node.factors) == 2 and not any(d for d, _ in node.factors):
        mantissa, scale = (strip_group(f) for _, f in node.factors)
        if isinstance(mantissa, Neg):
            mantissa = strip_group(mantissa.arg)
        shift = _whole_exponent(scale.exp) if _is_power_of_ten(scale) else None
        if isinstance(mantissa, Num) and shift is not None:
            digits = _digits(mantissa)
            return replace(digits, place=digits.place + shift)
    return None


_NUMBER_TEXT = re.compile(r"([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")


def _digits(num: Num) -> Digits:
    m = _NUMBER_TEXT.fullmatch(num.text)
    if m is None:
        return Digits(num.sig_figs, 0)
    whole, fraction, exponent = m.group(1), m.group(2), m.group(3)
    shift = int(exponent) if exponent else 0
    if fraction is not None:
        return Digits(num.sig_figs, shift - len(fraction))
    significant = whole.lstrip("0")
    return Digits(num.sig_figs, shift, len(significant) - len(significant.rstrip("0")))


def _whole_exponent(node: Node) -> int | None:
    """The exponent of ``×10^-4`` when it is a plain whole number."""
    try:
        value = evaluate(node)
    except (AnswerError, Undefined, TooLarge):
        return None
    if isinstance(value, Fraction) and value.denominator == 1 and abs(value) <= 400:
        return int(value)
    return None


PLACES_REL_CAP = 0.01  # ...and within 1 %: 0.00015 is not 0.0001548
MIN_PLACES = 4  # "to 4 decimal places" is correct even for a small value with few s.f.


def _rounds_to_places(typed: Value, other: Value, diff: Value, lit: Literal | None) -> bool:
    """``other`` rounded to the (≥ 4) decimal places the learner typed gives ``typed``
    (and ``typed`` has at least 2 significant figures)."""
    if lit is None or lit.places is None or lit.places < MIN_PLACES or lit.sig_figs < 2:
        return False  # 0.0002 for 0.00015 is one significant figure: too coarse to accept
    within_places = diff <= Fraction(1, 2 * 10**lit.places) * (1 + Fraction(1, 10**9))
    return within_places and diff <= PLACES_REL_CAP * abs(other)


def fmt(v: Value, sig: int = 6) -> str:
    """A value for messages: exact integers as such, else ``sig`` significant figures."""
    if isinstance(v, Fraction) and v.denominator == 1 and abs(v) < 10**15:
        return str(v.numerator)
    if isinstance(v, complex):
        return f"{fmt(v.real, sig)}{'+' if v.imag >= 0 else '-'}{fmt(abs(v.imag), sig)}i"
    x = float(v)
    if x == 0:
        return "0"
    text = f"{x:.{sig}g}"
    if "e" in text:
        mant, exp = text.split("e")
        text = f"{mant}e{int(exp)}"
    return text


def _real(v: Value) -> Fraction | float | None:
    if isinstance(v, complex):
        return None
    return v


def _tol(spec: AnswerSpec, e: Fraction | float) -> float:
    return max(spec.rel_tol * abs(float(e)), spec.abs_tol)


def _unit(x: float, sig: int) -> float:
    """Size of the last place of ``x`` written with ``sig`` significant figures."""
    return 10.0 ** (math.floor(math.log10(abs(x))) - sig + 1)


def number_ok(
    spec: AnswerSpec, expected: Value, given: NumberReading, expected_literal: Literal | None = None
) -> bool:
    """Whether ``given`` is an acceptable answer for ``expected`` under ``spec``.

    Besides the tolerance, a decimal the learner typed with ≥ 3 significant figures, or with
    ≥ 4 decimal places, is accepted when it is ``expected`` correctly rounded (0.167 for 1/6,
    0.0066 for 0.006614); and when the author
    wrote the expected answer as a rounded decimal (0.333), an exact answer that rounds to
    it (1/3) is accepted too.
    """
    g, e = given.value, expected
    if g is None or not is_finite(g) or not is_finite(e):
        return False
    if isinstance(e, complex) or isinstance(g, complex):
        if not isinstance(e, complex):
            return False
        return abs(g - e) <= max(spec.rel_tol * abs(e), spec.abs_tol)
    diff = abs(g - e)
    lit = given.literal
    if (
        lit is not None
        and not lit.decimal
        and isinstance(e, Fraction)
        and e.denominator == 1
        and abs(e) >= 10
        and isinstance(g, Fraction)
    ):
        return g == e  # a count: a different whole number is a different answer
    if diff <= _tol(spec, e) * (1 + 1e-12):
        return True
    if _rounds_to(g, e, diff, lit) or _rounds_to_places(g, e, diff, lit):
        return True
    # 1/3 for an author's 0.333 — but a decimal typed with more digits is judged by its digits
    return not (lit is not None and lit.decimal) and _rounds_to(e, g, diff, expected_literal)


def _rounds_to(typed: Value, other: Value, diff: Value, lit: Literal | None) -> bool:
    """``other`` rounded to the s.f. of the decimal ``typed`` (≥ 3 s.f.) gives ``typed``."""
    if lit is None or not lit.decimal or lit.sig_figs < 3 or typed == 0:
        return False
    return diff <= _unit(float(typed), lit.sig_figs) / 2 * (1 + 1e-9)


def number_close(spec: AnswerSpec, expected: Value, given: NumberReading) -> bool:
    """Wrong only by a rounding slip: right to 2 s.f., or within 10× the tolerance."""
    g, e = given.value, expected
    if g is None or not is_finite(g) or _real(g) is None or _real(e) is None or not is_finite(e):
        return False
    diff = abs(g - e)
    if diff <= 10 * _tol(spec, e):
        return True
    return e != 0 and g != 0 and diff <= _unit(float(e), 2) / 2


_BUILTIN = (
    ("sign", lambda e: -e, "Check the sign: your answer has the opposite sign."),
    (
        "percent",
        lambda e: e * 100,
        "It looks like you gave a percentage — give the answer as a decimal or fraction "
        "(0.5 rather than 50).",
    ),
    ("hundredth", lambda e: e / 100, "Your answer is 100 times too small."),
    ("double", lambda e: e * 2, "Your answer is twice the right value — check for a factor of 2."),
    ("half", lambda e: e / 2, "Your answer is half the right value — check for a factor of 2."),
    (
        "reciprocal",
        lambda e: 1 / e,
        "That is the reciprocal of the answer — check which way round the division goes.",
    ),
)


def builtin_diagnosis(
    spec: AnswerSpec,
    expected: Value,
    given: NumberReading,
    hits: Callable[[Value], bool] | None = None,
) -> str | None:
    """A likely slip (sign, percentage, factor of 2, reciprocal) when the answer is wrong.

    ``hits(value)`` says whether ``given`` would be right for ``value`` (default: the
    tolerance rule of ``spec``; the precision contract passes its own).
    """
    e = _real(expected)
    if e is None or e == 0 or given.value is None or not is_finite(given.value):
        return None
    if hits is None:
        hits = lambda value: number_ok(spec, value, given)  # noqa: E731
    for name, transform, text in _BUILTIN:
        if name == "reciprocal" and abs(e) == 1:
            continue
        if name == "percent" and spec.allow_percent:
            text = "It looks like you gave a percentage without the % sign."
        if hits(transform(e)):
            return text
    return None
