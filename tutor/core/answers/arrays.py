"""The "vector" and "matrix" kinds: entrywise number (or expression) rule."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from fractions import Fraction

from .errors import AnswerError
from .nodes import Node, Seq, show, strip_group
from .normalize import Text
from .numeric import NumberReading, builtin_diagnosis, fmt, number_close, number_ok
from .parser import Context, Parsed, parse
from .scalar import ExprReading, expr_context, expr_equal, number_from_node
from .verdict import AnswerSpec, Verdict

Entry = NumberReading | ExprReading
_CROSS = re.compile(r"[0-9]\s*[xX×]\s*[0-9]")


@dataclass(frozen=True)
class ArrayReading:
    rows: tuple[tuple[Entry, ...], ...]  # a vector is one row
    shown: str
    notes: tuple[str, ...] = ()


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _entries_word(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


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
        from .shape import read_shape

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


def _entry_result(spec: AnswerSpec, e: Entry, g: Entry) -> tuple[bool, bool]:
    """(correct, close) for one entry."""
    if isinstance(e, ExprReading):
        if not isinstance(g, ExprReading):
            return False, False
        return expr_equal(spec, e, g)[0], False
    assert isinstance(g, NumberReading) and e.value is not None
    if number_ok(spec, e.value, g, e.literal):
        return True, False
    return False, number_close(spec, e.value, g)


def _same_values(spec: AnswerSpec, exp: list[Entry], giv: list[Entry]) -> bool:
    return len(exp) == len(giv) and all(
        _entry_result(spec, e, g)[0] for e, g in zip(exp, giv, strict=True)
    )


def _negated(e: Entry) -> Entry:
    if isinstance(e, NumberReading) and e.value is not None:
        return NumberReading(-e.value, "")
    return e


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
        return builtin_diagnosis(spec, exp[0].value, giv[0])
    return None


def _scaled(exp: list[Entry], giv: list[Entry]) -> str | None:
    """A vector that is a multiple of the right one: the direction is right, the scale is not."""
    values = [
        (e.value, g.value)
        for e, g in zip(exp, giv, strict=True)
        if isinstance(e, NumberReading) and isinstance(g, NumberReading)
    ]
    if (
        len(values) != len(exp)
        or len(exp) < 2
        or any(v is None or isinstance(v, complex) for pair in values for v in pair)
    ):
        return None
    pivot = max(values, key=lambda pair: abs(pair[0]))
    if pivot[0] == 0 or pivot[1] == 0:
        return None
    k = pivot[1] / pivot[0]
    if abs(k - 1) < 1e-9 or abs(k + 1) < 1e-9:
        return None
    if all(abs(g - k * e) <= 1e-6 * max(1.0, abs(float(g))) for e, g in values):
        return (
            f"Your vector is {fmt(k, 4)} times the expected one: the direction is right, "
            "the scale is not. Check how the question asks you to scale it."
        )
    return None


def _list_phrase(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def vector_verdict(spec: AnswerSpec, expected: ArrayReading, given: ArrayReading) -> Verdict:
    exp, giv = list(expected.rows[0]), list(given.rows[0])
    if len(exp) != len(giv):
        msg = f"Your vector has {_entries_word(len(giv))}; expected {len(exp)}."
        return Verdict(False, msg, reading=given.shown)
    results = [_entry_result(spec, e, g) for e, g in zip(exp, giv, strict=True)]
    wrong = [k for k, (ok, _) in enumerate(results) if not ok]
    if not wrong:
        return Verdict(True, reading=given.shown)
    close = all(results[k][1] for k in wrong)
    diagnosis = None if close else _diagnose(spec, exp, giv) or _scaled(exp, giv)
    names = [ordinal(k + 1) for k in wrong]
    if len(exp) == 1:
        msg = "That is not correct."
    else:
        msg = f"The {_list_phrase(names)} {'entry is' if len(wrong) == 1 else 'entries are'} wrong."
    if close:
        approx = ", ".join(
            fmt(e.value, 4) for e in exp if isinstance(e, NumberReading) and e.value is not None
        )
        msg = f"Close — check your rounding: expected about ({approx})."
    elif diagnosis:
        msg = diagnosis if "order" in diagnosis or "signs" in diagnosis else f"{msg} {diagnosis}"
    return Verdict(False, _notes(msg, given.notes), close, diagnosis, reading=given.shown)


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
        (i, j): _entry_result(spec, er[i][j], gr[i][j])
        for i in range(eshape[0])
        for j in range(eshape[1])
    }
    wrong = [ij for ij, (ok, _) in results.items() if not ok]
    if not wrong:
        return Verdict(True, reading=given.shown)
    close = all(results[ij][1] for ij in wrong)
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
    if len(wrong) <= 3:
        where = _list_phrase([f"row {i + 1}, column {j + 1}" for i, j in wrong])
        msg = f"The {'entry' if len(wrong) == 1 else 'entries'} in {where} {'is' if len(wrong) == 1 else 'are'} wrong."
    else:
        msg = f"{len(wrong)} entries are wrong."
    if close:
        msg = "Close — check your rounding."
    elif diagnosis:
        msg = f"{msg} {diagnosis}"
    return Verdict(False, _notes(msg, given.notes), close, diagnosis, reading=given.shown)


def _transposed(spec: AnswerSpec, er, gr) -> bool:  # noqa: ANN001
    if len(gr) != len(er[0]) or len(gr[0]) != len(er):
        return False
    transposed = [er[i][j] for j in range(len(er[0])) for i in range(len(er))]
    return _same_values(spec, transposed, [g for r in gr for g in r])
