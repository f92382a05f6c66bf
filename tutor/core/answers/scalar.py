"""The "number" and "expression" kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction

from .equivalence import equivalent
from .errors import AnswerError, Undefined
from .evaluate import evaluate
from .nodes import Neg, Node, Num, Seq, show, strip_group
from .normalize import Text
from .numeric import (
    Digits,
    Literal,
    NumberReading,
    builtin_diagnosis,
    digits_of,
    fmt,
    literal_of,
    number_close,
    number_ok,
)
from .parser import Context, Parsed, parse
from .precision import (
    COARSE,
    NOT_WHOLE,
    OFF_BY_ONE,
    OFF_BY_ONE_MESSAGE,
    RIGHT,
    WRONG,
    Precision,
    grade,
    grade_message,
    precision_of,
    slip_hits,
    target_of,
)
from .verdict import AnswerSpec, Verdict

_DECIMAL_COMMA = re.compile(r"\s*(-?[0-9]+),([0-9]+)\s*")
_DEGREES = re.compile(r"(.*?\S)\s*(?:°|degrees?|deg)\s*", re.I)
_THOUSANDS = re.compile(r"\s*(-?[1-9][0-9]{0,2}(?:,[0-9]{3})+)\s*")


def _not_a_list(node: Node, text: Text, what: str) -> None:
    if not isinstance(node, Seq):
        return
    m = _DECIMAL_COMMA.fullmatch(text.s)
    if m and node.bracket == "":
        a, b = m.groups()
        comma = text.pos(text.s.index(","))
        raise AnswerError(
            f"Use a decimal point: write {a}.{b}, not {a},{b} (character {comma + 1}).", comma
        )
    raise AnswerError(f"The answer should be {what}, not a list of {len(node.items)} items.")


def number_from_node(node: Node, notes: tuple[str, ...] = ()) -> NumberReading:
    """Evaluate a parsed number; undefined values are kept (they grade as wrong)."""
    shown = show(node)
    try:
        value = evaluate(node)
    except Undefined as exc:
        return NumberReading(None, shown, literal_of(node), str(exc), notes, digits_of(node))
    inner = strip_group(node)
    if isinstance(inner, Neg):
        inner = strip_group(inner.arg)
    if not isinstance(inner, Num):
        shown = f"{shown} = {fmt(value)}"
    return NumberReading(value, shown, literal_of(node), "", notes, digits_of(node))


def _thousands(text: Text) -> NumberReading | None:
    """``131,072`` for a count: commas between groups of three digits, read and echoed."""
    m = _THOUSANDS.fullmatch(text.s)
    if m is None:
        return None
    digits = m.group(1).replace(",", "")
    figures = len(digits.lstrip("-").rstrip("0")) or 1
    literal = Literal(sig_figs=figures, decimal=False)
    zeros = len(digits) - len(digits.rstrip("0"))
    shown = f"{digits} (commas read as thousands separators)"
    return NumberReading(Fraction(int(digits)), shown, literal, digits=Digits(figures, 0, zeros))


def _without_degrees(text: Text) -> tuple[Text, bool]:
    """``45°``, ``45 degrees``, ``45 deg``: the number, and whether a degree unit was typed."""
    m = _DEGREES.fullmatch(text.s)
    return (text.slice(0, m.end(1)), True) if m else (text, False)


def read_number(spec: AnswerSpec, text: Text) -> NumberReading:
    grouped = _thousands(text)
    if grouped is not None:
        return grouped
    text, degrees = _without_degrees(text)
    if degrees:
        reading = read_number(spec, text)
        return replace(reading, shown=f"{reading.shown} (degrees)")
    parsed = parse(text, Context(allow_percent=spec.allow_percent))
    _not_a_list(parsed.node, text, "a single number")
    return number_from_node(parsed.node, parsed.notes)


def number_verdict(spec: AnswerSpec, expected: NumberReading, given: NumberReading) -> Verdict:
    e = expected.value
    if e is None:
        raise AnswerError("The expected answer is undefined.")
    precision = precision_of(spec)
    if precision is not None:
        return _precise_number_verdict(spec, precision, expected, given)
    if number_ok(spec, e, given, expected.literal):
        return Verdict(True, reading=given.shown)
    unusable = _unusable(given)
    if unusable is not None:
        return unusable
    close = number_close(spec, e, given)
    diagnosis = None if close else builtin_diagnosis(spec, e, given)
    if close:
        msg = f"Close — check your rounding: expected about {fmt(e, 4)}."
    else:
        msg = diagnosis or "That is not correct."
    return Verdict(False, _with_notes(msg, given.notes), close, diagnosis, reading=given.shown)


def _unusable(given: NumberReading) -> Verdict | None:
    """A wrong answer that is undefined, complex or infinite, with the message saying so."""
    if given.value is None:
        msg = f"Your answer is undefined ({given.undefined})."
        return Verdict(False, msg, reading=given.shown)
    if isinstance(given.value, complex):
        return Verdict(False, "Your answer is not a real number.", reading=given.shown)
    if given.value != given.value or abs(given.value) == float("inf"):
        return Verdict(False, "Your answer is not a finite number.", reading=given.shown)
    return None


def _precise_number_verdict(
    spec: AnswerSpec, precision: Precision, expected: NumberReading, given: NumberReading
) -> Verdict:
    """The precision contract for one number (declared mistakes are the engine's, and win)."""
    target = target_of(expected)
    if target is None:
        raise AnswerError("The expected answer is not a real number.")
    result = grade(precision, target, given)
    if result.outcome == RIGHT:
        return Verdict(True, reading=given.shown)
    unusable = _unusable(given)
    if unusable is not None:
        return unusable
    diagnosis = OFF_BY_ONE_MESSAGE if result.outcome == OFF_BY_ONE else None
    if result.outcome in (WRONG, NOT_WHOLE):
        diagnosis = builtin_diagnosis(
            spec, expected.value, given, lambda v: slip_hits(precision, target, v, given)
        )
    msg = diagnosis or grade_message(precision, result)
    close = result.outcome == COARSE
    return Verdict(False, _with_notes(msg, given.notes), close, diagnosis, reading=given.shown)


def _with_notes(msg: str, notes: tuple[str, ...]) -> str:
    return " ".join((msg, *notes)) if notes else msg


# -- expressions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExprReading:
    node: Node
    shown: str
    notes: tuple[str, ...] = ()
    has_decimals: bool = False


def _has_decimals(node: Node) -> bool:
    return "." in show(node)


def expr_context(spec: AnswerSpec) -> Context:
    return Context(variables=frozenset(spec.variables), noun="term")


def read_expression(spec: AnswerSpec, text: Text) -> ExprReading:
    parsed = parse(text, expr_context(spec))
    _not_a_list(parsed.node, text, "a single expression")
    return expr_from(parsed)


def expr_from(parsed: Parsed) -> ExprReading:
    node = parsed.node
    return ExprReading(node, show(node), parsed.notes, _has_decimals(node))


def expr_equal(spec: AnswerSpec, expected: ExprReading, given: ExprReading) -> tuple[bool, str]:
    """(equal?, detail); falls back to SymPy when the numeric check is inconclusive."""
    rel = max(spec.rel_tol, 1e-6) if expected.has_decimals else 1e-6
    seed = expected.shown + "|" + ",".join(spec.variables)
    outcome = equivalent(expected.node, given.node, spec.variables, seed, rel)
    if outcome.status == "equal":
        return True, ""
    if outcome.status == "different":
        return False, outcome.detail
    from .symbolic import sympy_equal

    result = sympy_equal(expected.node, given.node, spec.variables)
    if result == "timeout":
        raise AnswerError("That expression is too complex to check — please simplify it.")
    return result == "equal", ""


def expression_verdict(spec: AnswerSpec, expected: ExprReading, given: ExprReading) -> Verdict:
    ok, detail = expr_equal(spec, expected, given)
    if ok:
        return Verdict(True, reading=given.shown)
    msg = "That expression is not equivalent to the answer."
    if detail.startswith("Your expression is"):
        msg = detail
    return Verdict(False, _with_notes(msg, given.notes), reading=given.shown)
