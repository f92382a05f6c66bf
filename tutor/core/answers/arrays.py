"""The "vector" and "matrix" kinds: entrywise number (or expression) rule."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from tutor.core.formatting import as_fraction, figures_place, round_at

from .errors import AnswerError
from .evaluate import is_finite
from .nodes import Node, Seq, show, strip_group
from .normalize import Text
from .numeric import NumberReading, builtin_diagnosis, fmt, number_close, number_ok
from .parser import Context, Parsed, parse
from .precision import (
    COARSE,
    CUT_OFF,
    INTEGER,
    LAST_DIGIT,
    NOT_WHOLE,
    OFF_BY_ONE,
    RIGHT,
    ROUND_AT_THE_END,
    WRONG,
    Grade,
    Precision,
    grade,
    grade_message,
    hits,
    precision_of,
    target_of,
)
from .scalar import ExprReading, expr_context, expr_equal, number_from_node
from .shape import read_shape
from .verdict import AnswerSpec, Verdict
from .wording import count_of, list_phrase, ordinal

Entry = NumberReading | ExprReading
_CROSS = re.compile(r"[0-9]\s*[xX×]\s*[0-9]")


@dataclass(frozen=True)
class ArrayReading:
    rows: tuple[tuple[Entry, ...], ...]  # a vector is one row
    shown: str
    notes: tuple[str, ...] = ()


def _entries_word(n: int) -> str:
    return count_of(n, "entry", "entries")


def _parse(spec: AnswerSpec, text: Text, limit: int) -> Parsed:
    ctx = expr_context(spec) if spec.variables else Context()
    return parse(text, dataclasses.replace(ctx, max_tokens=limit, allow_percent=spec.allow_percent))


def _entry(spec: AnswerSpec, node: Node, notes: tuple[str, ...]) -> Entry:
    if isinstance(strip_group(node), Seq):
        raise AnswerError("A list can't be an entry here — check your brackets.")
    if spec.variables:
        return ExprReading(node, show(node), notes, "." in show(node))
    return number_from_node(node, notes)


def read_vector(spec: AnswerSpec, text: Text, shape_compat: bool = False) -> ArrayReading:
    if shape_compat and _CROSS.search(text.s) and "," not in text.s:
        dims = read_shape(spec, text).dims
        if all(isinstance(d, int) for d in dims):
            entries = tuple(NumberReading(Fraction(d), str(d)) for d in dims)
            return ArrayReading((entries,), "(" + ", ".join(map(str, dims)) + ")")
    parsed = _parse(spec, text, 1000)
    node = strip_group(parsed.node)
    items = node.items if isinstance(node, Seq) else (node,)
    if len(items) == 1 and isinstance(strip_group(items[0]), Seq) and isinstance(node, Seq):
        items = strip_group(items[0]).items  # [[1, 2]] typed for a vector
    elif items and all(_single(item) for item in items):
        items = tuple(
            strip_group(strip_group(item).items[0]) for item in items
        )  # a column [[1], [8], [2]]
    entries = tuple(_entry(spec, item, parsed.notes) for item in items)
    return ArrayReading((entries,), _show_row(entries, node), parsed.notes)


def _single(node: Node) -> bool:
    node = strip_group(node)
    return isinstance(node, Seq) and node.bracket == "[" and len(node.items) == 1


def _show_row(entries: tuple[Entry, ...], node: Node) -> str:
    inner = ", ".join(e.shown.split(" = ")[0] for e in entries)
    return f"[{inner}]" if isinstance(node, Seq) and node.bracket == "[" else f"({inner})"


def read_matrix(spec: AnswerSpec, text: Text) -> ArrayReading:
    parsed = _parse(spec, text, 3000)
    node = strip_group(parsed.node)
    if not isinstance(node, Seq):
        raise AnswerError("Type a matrix row by row, like [[1, 2], [3, 4]].")
    rows_nodes = [strip_group(r) for r in node.items]
    if not all(isinstance(r, Seq) for r in rows_nodes):
        if any(isinstance(r, Seq) for r in rows_nodes):
            raise AnswerError("Every row of the matrix needs its own brackets: [[1, 2], [3, 4]].")
        rows_nodes = [node]
    rows = tuple(tuple(_entry(spec, item, parsed.notes) for item in r.items) for r in rows_nodes)
    for k, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise AnswerError(
                f"Row {k} has {_entries_word(len(row))} but row 1 has {len(rows[0])} — "
                "every row of a matrix has the same length."
            )
    shown = (
        "["
        + ", ".join("[" + ", ".join(e.shown.split(" = ")[0] for e in r) + "]" for r in rows)
        + "]"
    )
    return ArrayReading(rows, shown, parsed.notes)


def _entry_grade(spec: AnswerSpec, e: Entry, g: Entry) -> Grade:
    """One entry measured against the expected one: by the precision contract when the spec
    declares one, else by the tolerance rule (RIGHT, COARSE for a rounding slip, or WRONG)."""
    if isinstance(e, ExprReading):
        ok = isinstance(g, ExprReading) and expr_equal(spec, e, g)[0]
        return Grade(RIGHT if ok else WRONG)
    assert isinstance(g, NumberReading) and e.value is not None
    precision = precision_of(spec)
    if precision is not None:
        target = target_of(e)
        return grade(precision, target, g) if target is not None else Grade(WRONG)
    if number_ok(spec, e.value, g, e.literal):
        return Grade(RIGHT)
    return Grade(COARSE if number_close(spec, e.value, g) else WRONG)


NEARLY = (RIGHT, COARSE, LAST_DIGIT, CUT_OFF)  # the value, perhaps rounded short or one off at the end


def _same_values(spec: AnswerSpec, exp: list[Entry], giv: list[Entry]) -> bool:
    """Whether ``giv`` is ``exp``, allowing rounding slips (a slip of sign or order is named
    even when the digits are also short)."""
    return len(exp) == len(giv) and all(
        _entry_grade(spec, e, g).outcome in NEARLY for e, g in zip(exp, giv, strict=True)
    )


def _negated(e: Entry) -> Entry:
    if isinstance(e, NumberReading) and e.value is not None:
        return NumberReading(-e.value, "", e.literal, digits=e.digits)
    return e


def _builtin(spec: AnswerSpec, e: NumberReading, g: NumberReading) -> str | None:
    precision = precision_of(spec)
    target = target_of(e) if precision is not None else None
    if precision is None or target is None:
        return builtin_diagnosis(spec, e.value, g)
    return builtin_diagnosis(spec, e.value, g, lambda v: hits(precision, target.scaled(v), g))


def _diagnose(spec: AnswerSpec, exp: list[Entry], giv: list[Entry]) -> str | None:
    if any(isinstance(e, ExprReading) for e in exp):
        return None
    if len(exp) > 1 and _same_values(spec, exp[::-1], giv):
        return "The entries are right but in reverse order."
    if any(isinstance(e, NumberReading) and e.value for e in exp) and _same_values(
        spec, [_negated(e) for e in exp], giv
    ):
        return "Check the signs: every entry has the opposite sign."
    if len(exp) == 1 and isinstance(exp[0], NumberReading) and isinstance(giv[0], NumberReading):
        return _builtin(spec, exp[0], giv[0])
    return None


def _scaled(spec: AnswerSpec, exp: list[Entry], giv: list[Entry]) -> str | None:
    """A vector that is a multiple of the right one: the direction is right, the scale is not.

    The factor is read from the largest entry and taken at up to 3 significant figures (the
    entries typed are rounded), then every entry must be that multiple, rounding allowed."""
    pairs = [(e, g) for e, g in zip(exp, giv, strict=True)]
    if len(exp) < 2 or not all(_real_number(e) and _real_number(g) for e, g in pairs):
        return None
    pivot_e, pivot_g = max(pairs, key=lambda pair: abs(pair[0].value))
    if pivot_e.value == 0 or pivot_g.value == 0:
        return None
    ratio = as_fraction(pivot_g.value) / as_fraction(pivot_e.value)
    for figures in (1, 2, 3):
        k = round_at(ratio, figures_place(ratio, figures))
        if abs(k) == 1 or k == 0:
            return None
        scaled = [_times(e, k) for e in exp]
        if _same_values(spec, scaled, giv):
            return (
                f"Your vector is {fmt(k, 4)} times the expected one: the direction is right, "
                "the scale is not. Check how the question asks you to scale it."
            )
    return None


def _real_number(entry: Entry) -> bool:
    v = getattr(entry, "value", None)
    return isinstance(entry, NumberReading) and v is not None and not isinstance(v, complex) and is_finite(v)


def _times(e: NumberReading, k: Fraction) -> NumberReading:
    return NumberReading(as_fraction(e.value) * k, "", e.literal, digits=e.digits)


def vector_verdict(spec: AnswerSpec, expected: ArrayReading, given: ArrayReading) -> Verdict:
    exp, giv = list(expected.rows[0]), list(given.rows[0])
    if len(exp) != len(giv):
        msg = f"Your vector has {_entries_word(len(giv))}; expected {len(exp)}."
        return Verdict(False, msg, reading=given.shown)
    results = [_entry_grade(spec, e, g) for e, g in zip(exp, giv, strict=True)]
    wrong = [k for k, r in enumerate(results) if r.outcome != RIGHT]
    if not wrong:
        return Verdict(True, reading=given.shown)
    close = all(results[k].outcome == COARSE for k in wrong)
    diagnosis = None if close else _diagnose(spec, exp, giv) or _scaled(spec, exp, giv)
    precision = precision_of(spec)
    if precision is not None:
        msg = _precise_vector_message(precision, results, wrong)
    else:
        msg = _tolerance_vector_message(exp, wrong, close)
    if diagnosis:
        msg = diagnosis if "order" in diagnosis or "signs" in diagnosis else f"{msg} {diagnosis}"
    return Verdict(False, _notes(msg, given.notes), close, diagnosis, reading=given.shown)


def _tolerance_vector_message(exp: list[Entry], wrong: list[int], close: bool) -> str:
    if close:
        approx = ", ".join(
            fmt(e.value, 4) for e in exp if isinstance(e, NumberReading) and e.value is not None
        )
        return f"Close — check your rounding: expected about ({approx})."
    if len(exp) == 1:
        return "That is not correct."
    names = [ordinal(k + 1) for k in wrong]
    return f"The {list_phrase(names)} {'entry is' if len(wrong) == 1 else 'entries are'} wrong."


def _precise_vector_message(precision: Precision, results: list[Grade], wrong: list[int]) -> str:
    if len(results) == 1:
        return grade_message(precision, results[0])
    named = [(ordinal(k + 1), results[k]) for k in wrong]
    return precise_entries_message(precision, named, _vector_subject)


def _vector_subject(names: list[str]) -> str:
    """"The 2nd entry", "The 1st and 3rd entries"."""
    return f"The {list_phrase(names)} {'entry' if len(names) == 1 else 'entries'}"


def _matrix_subject(names: list[str]) -> str:
    """"The entry in row 1, column 2", "The entries in …", "5 entries"."""
    if len(names) > 3:
        return f"{len(names)} entries"
    return f"The {'entry' if len(names) == 1 else 'entries'} in {list_phrase(names)}"


def precise_entries_message(
    precision: Precision, wrong: list[tuple[str, Grade]], subject: Callable[[list[str]], str]
) -> str:
    """What is wrong with which entries, under the precision contract: wrong entries, last
    digits one off, counts off by one, entries rounded to too few digits ("close")."""
    if all(r.outcome == COARSE for _, r in wrong):
        if precision.unit == INTEGER:
            return "Close — some entries are rounded; the question asks for exact whole numbers."
        return f"Close — rounded correctly, but the question asks for {precision.amount()} in every entry."
    sentences = []
    for outcomes, singular, plural in _ENTRY_SENTENCES:
        names = [name for name, r in wrong if r.outcome in outcomes]
        if names:
            verb = singular if len(names) == 1 else plural
            sentences.append(f"{subject(names)} {verb.format(amount=precision.amount())}.")
    if any(r.outcome in (LAST_DIGIT, CUT_OFF) for _, r in wrong):
        sentences.append(ROUND_AT_THE_END)
    return " ".join(sentences)


_ENTRY_SENTENCES = (
    ((WRONG,), "is wrong", "are wrong"),
    ((NOT_WHOLE,), "should be a whole number", "should be whole numbers"),
    ((OFF_BY_ONE,), "is off by one", "are off by one"),
    ((LAST_DIGIT,), "is one off in its last digit", "are one off in their last digit"),
    ((CUT_OFF,), "is cut off rather than rounded, and needs {amount}",
     "are cut off rather than rounded, and need {amount}"),
    ((COARSE,), "is rounded correctly but needs {amount}", "are rounded correctly but need {amount}"),
)


def _notes(msg: str, notes: tuple[str, ...]) -> str:
    return " ".join((msg, *notes)) if notes else msg


def matrix_verdict(spec: AnswerSpec, expected: ArrayReading, given: ArrayReading) -> Verdict:
    er, gr = expected.rows, given.rows
    eshape, gshape = (len(er), len(er[0])), (len(gr), len(gr[0]))
    if eshape != gshape:
        msg = f"Your matrix is {gshape[0]}×{gshape[1]}; expected {eshape[0]}×{eshape[1]}."
        if gshape == eshape[::-1] and _transposed(spec, er, gr):
            return Verdict(
                False,
                msg + " You gave the transpose.",
                diagnosis="You gave the transpose.",
                reading=given.shown,
            )
        return Verdict(False, msg, reading=given.shown)
    results = {
        (i, j): _entry_grade(spec, er[i][j], gr[i][j])
        for i in range(eshape[0])
        for j in range(eshape[1])
    }
    wrong = [ij for ij, r in results.items() if r.outcome != RIGHT]
    if not wrong:
        return Verdict(True, reading=given.shown)
    close = all(results[ij].outcome == COARSE for ij in wrong)
    diagnosis = (
        "You gave the transpose." if eshape[0] == eshape[1] and _transposed(spec, er, gr) else None
    )
    if diagnosis is None and not close:
        flat_e = [e for r in er for e in r]
        flat_g = [g for r in gr for g in r]
        if _same_values(spec, [_negated(e) for e in flat_e], flat_g) and any(
            isinstance(e, NumberReading) and e.value for e in flat_e
        ):
            diagnosis = "Check the signs: every entry has the opposite sign."
    places = [f"row {i + 1}, column {j + 1}" for i, j in wrong]
    precision = precision_of(spec)
    if precision is not None:
        graded = [(place, results[ij]) for place, ij in zip(places, wrong, strict=True)]
        msg = precise_entries_message(precision, graded, _matrix_subject)
    elif close:
        msg = "Close — check your rounding."
    else:
        msg = f"{_matrix_subject(places)} {'is' if len(places) == 1 else 'are'} wrong."
    if diagnosis and not close:
        msg = f"{msg} {diagnosis}"
    return Verdict(False, _notes(msg, given.notes), close, diagnosis, reading=given.shown)


def _transposed(spec: AnswerSpec, er, gr) -> bool:  # noqa: ANN001
    if len(gr) != len(er[0]) or len(gr[0]) != len(er):
        return False
    transposed = [er[i][j] for j in range(len(er[0])) for i in range(len(er))]
    return _same_values(spec, transposed, [g for r in gr for g in r])
