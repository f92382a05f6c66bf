"""The precision contract: how precise a number answer must be, and how it is graded.

An answer declares its precision once, on :class:`~tutor.core.answers.AnswerSpec`:
``sig_figs=N``, ``decimals=N`` or ``kind="integer"`` / ``integer=True``.
The same declaration writes the prompt's sentence and the canonical answer
(``canonical.py``) and grades what the learner types (:func:`grade`), whatever the notation:
``0.0004341``, ``4.341e-4`` and ``4.341×10^-4`` are the same digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from tutor.core.formatting import (
    as_fraction,
    figures_place,
    magnitude,
    power_of_ten,
    round_at,
    rounded,
)

from .evaluate import Value, is_finite
from .numeric import Digits, NumberReading
from .verdict import AnswerSpec
from .wording import count_of, ordinal

SIG_FIGS, DECIMALS, INTEGER = "sig_figs", "decimals", "integer"
MAX_SIG_FIGS = 15  # a float carries about 16
MAX_DECIMALS = 20
FLOAT_SLACK = Fraction(1, 10**14)  # relative error allowed in a float value (√41, ln 2)
LONG_DECIMAL = 12  # an expected decimal with this many figures is a rounding of the value

# what a learner's number is, measured against the value
RIGHT = "right"  # an exact form of the value, or the value correctly rounded at ≥ the precision
COARSE = "coarse"  # correctly rounded, to fewer digits than asked: close
LAST_DIGIT = "last digit"  # enough digits, but the last one is one off
CUT_OFF = "cut off"  # too few digits, and those cut off instead of rounded (0.647 for 0.64759)
OFF_BY_ONE = "off by one"  # a whole number one away from the answer
NOT_WHOLE = "not whole"  # a fraction or decimal typed for a whole-number answer
WRONG = "wrong"


class PrecisionError(ValueError):
    """A precision declaration that cannot be used (two at once, out of range)."""


@dataclass(frozen=True)
class Precision:
    """One declared precision: ``unit`` is ``sig_figs``, ``decimals`` or ``integer``."""

    unit: str
    count: int = 0

    def place(self, value: Fraction) -> int | None:
        """Power of ten of the last digit asked for (None for significant figures of 0)."""
        if self.unit == DECIMALS:
            return -self.count
        if self.unit == INTEGER:
            return 0
        return figures_place(value, self.count) if value else None

    def write(self, value: Value) -> str:
        """``value`` at exactly this precision, trailing zeros kept: -0.008570, 0.9900, 14336."""
        exact = as_fraction(value)
        if self.unit == INTEGER:
            return str(round_at(exact, 0).numerator)
        if self.unit == DECIMALS:
            return rounded(exact, decimals=self.count)
        return rounded(exact, sig_figs=self.count)

    def amount(self) -> str:
        """What is asked for: "4 significant figures", "1 decimal place", "the exact whole number"."""
        if self.unit == SIG_FIGS:
            return count_of(self.count, "significant figure")
        if self.unit == DECIMALS and self.count:
            return count_of(self.count, "decimal place")
        return "the nearest whole number" if self.unit == DECIMALS else "the exact whole number"

    def target(self, plural: bool = False) -> str:
        """How the prompt asks for it: "to 4 significant figures", "as a whole number"."""
        if self.unit == INTEGER:
            return "as whole numbers" if plural else "as a whole number"
        return f"to {self.amount()}"


def precision_of(spec: AnswerSpec) -> Precision | None:
    """The precision ``spec`` declares under the contract, or None (graded by the old rules)."""
    integer = spec.integer or spec.kind == "integer"
    declared = [spec.sig_figs is not None, spec.decimals is not None, integer]
    if sum(declared) > 1:
        raise PrecisionError("declare one precision: sig_figs, decimals or integer")
    if spec.sig_figs is not None:
        if not 1 <= spec.sig_figs <= MAX_SIG_FIGS:
            raise PrecisionError(f"sig_figs must be between 1 and {MAX_SIG_FIGS}")
        return Precision(SIG_FIGS, spec.sig_figs)
    if integer:
        return Precision(INTEGER)
    if spec.decimals is not None:
        if not 0 <= spec.decimals <= MAX_DECIMALS:
            raise PrecisionError(f"decimals must be between 0 and {MAX_DECIMALS}")
        return Precision(DECIMALS, spec.decimals)
    return None


def declares_precision(spec: AnswerSpec) -> bool:
    """Whether ``spec`` or any of its parts is graded by the contract."""
    return precision_of(spec) is not None or any(declares_precision(p) for p in spec.parts)


# -- grading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """The exact value an answer is measured against, and how uncertain it is: 0 for a
    fraction or a short decimal, half a unit in the last place of a ≥ 12-figure decimal,
    a relative 1e-14 for a float (a square root, a logarithm)."""

    value: Fraction
    slack: Fraction = Fraction(0)

    def scaled(self, value: Value) -> Target:
        """Another value (a built-in slip: −x, 100x, 1/x) with the same relative slack."""
        exact = as_fraction(value)
        if not self.slack or not self.value:
            return Target(exact, _float_slack(value))
        return Target(exact, self.slack * abs(exact / self.value) + _float_slack(value))


def _float_slack(value: Value) -> Fraction:
    return abs(as_fraction(value)) * FLOAT_SLACK if isinstance(value, float) else Fraction(0)


def target_of(reading: NumberReading) -> Target | None:
    """The target of an expected answer (or a declared mistake); None if it is not real."""
    v = reading.value
    if v is None or isinstance(v, complex) or not is_finite(v):
        return None
    digits = reading.digits
    if digits is not None and digits.figures >= LONG_DECIMAL:
        return Target(as_fraction(v), _half(digits.place))
    return Target(as_fraction(v), _float_slack(v))


@dataclass(frozen=True)
class Grade:
    """The outcome for one number, with the figures (or places) typed when that helps."""

    outcome: str
    typed: int | None = None  # COARSE: figures/places the learner gave; LAST_DIGIT: which one


def _half(place: int) -> Fraction:
    return Fraction(10**place, 2) if place >= 0 else Fraction(1, 2 * 10**-place)


def grade(precision: Precision, target: Target, given: NumberReading) -> Grade:
    """Measure one number the learner typed against the target at ``precision``."""
    g = given.value
    if g is None or isinstance(g, complex) or not is_finite(g):
        return Grade(WRONG)
    typed = as_fraction(g)
    slack = target.slack + _float_slack(g)
    diff = abs(typed - target.value)
    if diff <= slack:
        return Grade(RIGHT)  # an exact form (24/31, √41, 2^20) or a decimal equal to the value
    if precision.unit == INTEGER:
        return _grade_whole(typed, diff, given)
    wanted = precision.place(target.value)
    if given.digits is None or wanted is None:
        return Grade(WRONG)  # arithmetic that is not the value, or figures of an exact 0
    return _grade_digits(precision, target, typed, given.digits, wanted, slack)


def _grade_digits(
    precision: Precision,
    target: Target,
    typed: Fraction,
    digits: Digits,
    wanted: int,
    slack: Fraction,
) -> Grade:
    """A typed decimal: right, coarse or one off in its last digit (``wanted``: the place
    asked for). A whole number's trailing zeros may be placeholders: each reading counts."""
    diff = abs(typed - target.value)
    readings = range(digits.place, digits.place + digits.spread + 1)
    correct = [q for q in readings if diff <= _half(q) + slack]
    if any(q <= wanted for q in correct):
        return Grade(RIGHT)
    if correct:
        return Grade(COARSE, _digits_typed(precision, typed, correct[0]))
    for q in readings:  # enough digits, and the last one is one away from the right rounding
        if q <= wanted and abs(typed - round_at(target.value, q)) == power_of_ten(q):
            return Grade(LAST_DIGIT, _digits_typed(precision, typed, q))
    for q in readings:  # too few digits, cut off where they should have been rounded
        if q > wanted and typed == _cut_at(target.value, q):
            return Grade(CUT_OFF, _digits_typed(precision, typed, q))
    return Grade(WRONG)


def _cut_at(x: Fraction, place: int) -> Fraction:
    """x with every digit below 10^place dropped (toward zero): _cut_at(0.64759, -3) == 0.647."""
    unit = power_of_ten(place)
    steps = abs(x) // unit
    return steps * unit if x >= 0 else -steps * unit


def _grade_whole(typed: Fraction, diff: Fraction, given: NumberReading) -> Grade:
    if typed.denominator != 1:
        return Grade(NOT_WHOLE)
    if diff == 1:
        return Grade(OFF_BY_ONE)
    digits = given.digits
    if digits is not None:
        readings = range(max(digits.place, 1), digits.place + digits.spread + 1)
        correct = [q for q in readings if diff <= _half(q)]
        if correct:  # 14300 or 1.43e4 for 14336: rounded, and a count is exact
            return Grade(COARSE)
    return Grade(WRONG)


def _digits_typed(precision: Precision, typed: Fraction, place: int) -> int:
    """Significant figures (or decimal places) of a number typed down to 10^place."""
    if precision.unit == DECIMALS:
        return max(0, -place)
    return magnitude(typed) - place + 1 if typed else 0


def hits(precision: Precision, target: Target, given: NumberReading) -> bool:
    """Whether ``given`` would be right if ``target`` were the answer (mistakes, slips)."""
    if _surely_apart(target.value, float(target.slack), given):
        return False
    return grade(precision, target, given).outcome == RIGHT


def slip_hits(precision: Precision, target: Target, slipped: Value, given: NumberReading) -> bool:
    """Whether ``given`` is the answer after a built-in slip (−x, 100x, 1/x): ``slipped``."""
    if isinstance(slipped, complex) or not is_finite(slipped):
        return False
    try:
        ratio = abs(float(slipped) / float(target.value)) if target.value else 1.0
    except (OverflowError, ZeroDivisionError):
        ratio = float("inf")
    if _surely_apart(slipped, float(target.slack) * (1 + ratio), given):
        return False
    return grade(precision, target.scaled(slipped), given).outcome == RIGHT


def _surely_apart(value: Value, slack: float, given: NumberReading) -> bool:
    """A quick float test that ``given`` is too far from ``value`` to be right at any reading
    of its digits (twice the coarsest place typed, plus the slacks). Every declared mistake
    and built-in slip is tried against a wrong answer, and exact arithmetic is slow."""
    g = given.value
    if g is None or isinstance(g, complex):
        return False
    try:
        typed, expected = float(g), float(value)
        allowed = slack
        if given.digits is not None:
            allowed += 10.0 ** (given.digits.place + given.digits.spread)
    except OverflowError:
        return False
    if allowed != allowed or allowed == float("inf"):
        return False
    return abs(typed - expected) > 2 * allowed + 1e-9 * (abs(expected) + abs(typed))


# -- messages ---------------------------------------------------------------------------------

ROUND_AT_THE_END = "Keep all the digits while you work and round only at the end."
OFF_BY_ONE_MESSAGE = (
    "That is off by one — if you counted, check where the count starts and where it ends."
)


def coarse_message(precision: Precision, typed: int | None) -> str:
    """Correctly rounded, too few digits: say what is asked for (never "check your rounding")."""
    if precision.unit == INTEGER:
        return "Close — that is rounded; the question asks for the exact whole number."
    gave = f" (you gave {typed})" if typed and precision.unit == SIG_FIGS else ""
    if precision.unit == DECIMALS and precision.count:
        gave = f" (you gave {typed or 'none'})"
    return f"Close — rounded correctly, but the question asks for {precision.amount()}{gave}."


def last_digit_message(precision: Precision, position: int | None) -> str:
    """Enough digits, the last one off by one: point at it."""
    where = ""
    if position:
        unit = "significant figure" if precision.unit == SIG_FIGS else "decimal place"
        where = f" (the {ordinal(position)} {unit})"
    return f"Check the last digit{where}: it is one off. {ROUND_AT_THE_END}"


def cut_off_message(precision: Precision, typed: int | None) -> str:
    """Too few digits, and those cut off rather than rounded."""
    gave = f" (you gave {typed})" if typed and precision.unit == SIG_FIGS else ""
    return (
        "That looks cut off rather than rounded: round the last digit you keep (up when the "
        f"next digit is 5 or more) — and the question asks for {precision.amount()}{gave}."
    )


def grade_message(precision: Precision, result: Grade) -> str:
    """The message for a number that is not right (declared mistakes come first)."""
    if result.outcome == COARSE:
        return coarse_message(precision, result.typed)
    if result.outcome == CUT_OFF:
        return cut_off_message(precision, result.typed)
    if result.outcome == LAST_DIGIT:
        return last_digit_message(precision, result.typed)
    if result.outcome == OFF_BY_ONE:
        return OFF_BY_ONE_MESSAGE
    if result.outcome == NOT_WHOLE:
        return "That is not correct — the answer is a whole number."
    return "That is not correct."
