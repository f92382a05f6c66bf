"""Dispatch: resolve a spec (kind inference, expected answer), read, compare, diagnose."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .arrays import matrix_verdict, read_matrix, read_vector, vector_verdict
from .choice import choice_verdict, read_choice
from .errors import AnswerError
from .evaluate import is_finite
from .nodes import Seq, is_integer_literal, strip_group
from .normalize import Text, normalize, precheck
from .numeric import NumberReading
from .parser import Context, parse
from .precision import PrecisionError, precision_of
from .scalar import expression_verdict, number_verdict, read_expression, read_number
from .shape import read_shape, shape_verdict
from .verdict import AnswerSpec, Mistake, Verdict
from .wording import list_phrase


def _log():  # noqa: ANN202 - logging is imported only when something goes wrong
    import logging

    return logging.getLogger(__name__)


KINDS = ("auto", "number", "integer", "expression", "vector", "matrix", "shape", "choice", "multi")
PRECISE_KINDS = ("number", "vector", "matrix")  # the kinds that may declare a precision
LIMIT = 1000
MATRIX_LIMIT = 5000


@dataclass(frozen=True)
class Handler:
    read: Callable[[AnswerSpec, Text], Any]
    compare: Callable[[AnswerSpec, Any, Any], Verdict]
    limit: int = LIMIT


HANDLERS = {
    "number": Handler(read_number, number_verdict),
    "expression": Handler(read_expression, expression_verdict),
    "vector": Handler(read_vector, vector_verdict),
    "matrix": Handler(read_matrix, matrix_verdict, MATRIX_LIMIT),
    "shape": Handler(read_shape, shape_verdict),
    "choice": Handler(read_choice, choice_verdict),
}


@dataclass(frozen=True)
class Plan:
    """A spec made ready to grade: concrete kind, parsed expected answer and mistakes."""

    spec: AnswerSpec
    expected: Any = None
    shape_compat: bool = False
    parts: tuple[Plan, ...] = ()
    mistakes: tuple[tuple[Any, str], ...] = ()
    limit: int = LIMIT

    def read(self, text: Text) -> Any:
        if self.spec.kind == "vector":
            return read_vector(self.spec, text, self.shape_compat)
        return HANDLERS[self.spec.kind].read(self.spec, text)


# -- public entry points ----------------------------------------------------------------------


def check(expected: str | AnswerSpec, given: str, kind: str = "auto", **options: Any) -> Verdict:
    """Check ``given`` against ``expected`` (a string or a full :class:`AnswerSpec`).

    ``options`` are AnswerSpec fields. Never raises: unreadable answers give a verdict with
    ``invalid=True`` and a message saying what to fix.
    """
    try:
        if isinstance(expected, AnswerSpec):
            spec = expected
            if kind != "auto":
                options["kind"] = kind
        else:
            spec = AnswerSpec(kind=kind, expected=str(expected))
        spec = dataclasses.replace(spec, **options) if options else spec
    except Exception as exc:  # noqa: BLE001 - the boundary: nothing escapes
        _log().exception("bad check() options")
        return _internal(exc)
    return check_spec(spec, given)


def check_spec(spec: AnswerSpec, given: str) -> Verdict:
    """Check ``given`` against ``spec``; never raises."""
    try:
        plan = prepare(_coerce(spec))
        return _check(plan, given)
    except AnswerError as exc:
        return Verdict(False, exc.message, invalid=True, position=exc.position)
    except _AuthorError as exc:
        _log().error("answer spec cannot be used: %s", exc)
        return _internal(exc)
    except Exception as exc:  # noqa: BLE001 - the boundary: nothing escapes
        _log().exception("answer check failed")
        return _internal(exc)


def prepare_for_authors(spec: AnswerSpec) -> Plan:
    """The plan of ``spec`` for authoring helpers: ValueError (not a verdict) when unusable."""
    try:
        return prepare(_coerce(spec))
    except (_AuthorError, AnswerError) as exc:
        raise ValueError(getattr(exc, "message", str(exc))) from exc


def _internal(exc: BaseException) -> Verdict:
    return Verdict(
        False,
        "Sorry — this answer could not be checked. This is a problem with the question, "
        "not with your answer; please report it.",
        invalid=True,
    )


class _AuthorError(Exception):
    """The spec itself is unusable (unknown kind, unreadable expected answer)."""


def _coerce(spec: AnswerSpec) -> AnswerSpec:
    """Make list-valued fields tuples so specs are hashable (and cacheable)."""
    return dataclasses.replace(
        spec,
        variables=tuple(spec.variables),
        choices=tuple(spec.choices),
        parts=tuple(_coerce(p) for p in spec.parts),
        mistakes=tuple(spec.mistakes),
    )


# -- preparing a spec -------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def prepare(spec: AnswerSpec) -> Plan:
    """Resolve ``auto``, parse the expected answer and the declared mistakes (cached)."""
    return _prepare(spec, answer=True)


@functools.lru_cache(maxsize=1024)
def _prepare_mistake(spec: AnswerSpec) -> Plan:
    """A mistake declared on a whole multi-part answer: its numbers need not be whole."""
    return _prepare(spec, answer=False)


def _prepare(spec: AnswerSpec, answer: bool) -> Plan:
    if spec.kind not in KINDS:
        raise _AuthorError(f"unknown answer kind {spec.kind!r}")
    if spec.kind == "integer":
        spec = dataclasses.replace(spec, kind="number", integer=True)
    spec, shape_compat = _infer(spec)
    if spec.kind == "multi":
        return _prepare_multi(spec, answer)
    precise = _check_precision(spec)
    plan = Plan(spec, None, shape_compat, limit=HANDLERS[spec.kind].limit)
    expected = _read_expected(plan, spec.expected)
    if precise and answer:
        _check_exact_value(spec, expected)
    mistakes = tuple((_read_expected(plan, m.answer), m.explanation) for m in spec.mistakes)
    return dataclasses.replace(plan, expected=expected, mistakes=mistakes)


def _check_precision(spec: AnswerSpec) -> bool:
    """Whether ``spec`` declares a precision; it must be usable, on a kind made of numbers."""
    try:
        precision = precision_of(spec)
    except PrecisionError as exc:
        raise _AuthorError(str(exc)) from exc
    if precision is not None and spec.kind not in PRECISE_KINDS:
        raise _AuthorError(f"{spec.kind} answers have no precision to declare")
    return precision is not None


def _check_exact_value(spec: AnswerSpec, expected: Any) -> None:
    """Under the precision contract every expected number is real and finite, and whole for
    ``kind="integer"`` (each entry, with ``integer=True``). Expression entries are left alone."""
    readings = [expected] if spec.kind == "number" else [e for row in expected.rows for e in row]
    for reading in readings:
        if not isinstance(reading, NumberReading):
            if spec.integer:
                raise _AuthorError(f"expected answer {spec.expected!r} is not made of whole numbers")
            continue
        value = reading.value
        if value is None or isinstance(value, complex) or not is_finite(value):
            raise _AuthorError(f"expected answer {spec.expected!r} is not a real number")
        if spec.integer and not (isinstance(value, Fraction) and value.denominator == 1):
            raise _AuthorError(f"expected answer {spec.expected!r} is not a whole number")


def _read_expected(plan: Plan, text: str) -> Any:
    try:
        return plan.read(normalize(precheck(text, 20 * MATRIX_LIMIT)).strip())
    except AnswerError as exc:
        raise _AuthorError(f"expected answer {text!r} ({plan.spec.kind}): {exc.message}") from exc


_SHAPE_OF_NAMES = re.compile(
    r"\s*[(\[]?\s*(?:[A-Za-z_]\w*|[0-9]+)(?:\s*,\s*(?:[A-Za-z_]\w*|[0-9]+))*\s*,?\s*[)\]]?\s*"
)


def _infer(spec: AnswerSpec) -> tuple[AnswerSpec, bool]:
    """Concrete kind (and variables) for an ``auto`` spec; whether 4x16 may answer it.

    An explicit expression, vector or matrix without declared variables takes them from the
    expected answer, as ``auto`` does.
    """
    if spec.kind in ("expression", "vector", "matrix") and not spec.variables:
        return dataclasses.replace(spec, variables=_names_in(spec.expected)), False
    if spec.kind != "auto":
        return spec, False
    if spec.choices:
        return dataclasses.replace(spec, kind="choice"), False
    if spec.parts:
        return dataclasses.replace(spec, kind="multi"), False
    text = normalize(precheck(spec.expected, 20 * MATRIX_LIMIT)).strip()
    if len(split_parts(text)) > 1:
        return dataclasses.replace(spec, kind="multi"), False
    s = text.s
    if re.match(r"\s*\[\s*\[", s) or (s.lstrip().startswith("[") and ";" in s):
        return dataclasses.replace(spec, kind="matrix"), False
    if "," in s and _SHAPE_OF_NAMES.fullmatch(s) and re.search(r"[A-Za-z]", s):
        return dataclasses.replace(spec, kind="shape"), False
    ctx = Context(
        variables=frozenset(spec.variables), free=True, split_free=True, allow_percent=True
    )
    parsed = parse(text, ctx)
    variables = spec.variables or tuple(sorted(parsed.names))
    node = strip_group(parsed.node)
    if isinstance(node, Seq):
        if all(isinstance(strip_group(i), Seq) for i in node.items):
            return dataclasses.replace(spec, kind="matrix", variables=variables), False
        compat = all(is_integer_literal(i) for i in node.items)
        return dataclasses.replace(spec, kind="vector", variables=variables), compat
    if parsed.names:
        return dataclasses.replace(spec, kind="expression", variables=variables), False
    return dataclasses.replace(spec, kind="number"), False


def _names_in(expected: str) -> tuple[str, ...]:
    """The variables of an expected answer, read as ``auto`` reads them (none if unreadable:
    reading the expected answer later reports what is wrong with it)."""
    try:
        text = normalize(precheck(expected, 20 * MATRIX_LIMIT)).strip()
        ctx = Context(free=True, split_free=True, allow_percent=True, max_tokens=3000)
        return tuple(sorted(parse(text, ctx).names))
    except AnswerError:
        return ()


def split_parts(text: Text) -> list[Text]:
    """Split at semicolons outside square brackets (``[1 2; 3 4]`` is one part).

    Round brackets are not counted, so a missing ')' stays inside its own part.
    """
    out, depth, start = [], 0, 0
    for i, c in enumerate(text.s):
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == ";" and depth <= 0:
            out.append(text.slice(start, i).strip())
            start = i + 1
    out.append(text.slice(start, len(text.s)).strip())
    return out


def _prepare_multi(spec: AnswerSpec, answer: bool) -> Plan:
    pieces = [p.s for p in split_parts(normalize(spec.expected))] if spec.expected.strip() else []
    if spec.parts:
        if pieces and len(pieces) != len(spec.parts):
            raise _AuthorError("expected answer and parts disagree on the number of parts")
        parts = [
            p if p.expected or not pieces else dataclasses.replace(p, expected=pieces[k])
            for k, p in enumerate(spec.parts)
        ]
    else:
        if len(pieces) < 2:
            raise _AuthorError("a multi-part answer needs parts separated by ';'")
        inherit = {
            f: getattr(spec, f)
            for f in (
                "rel_tol", "abs_tol", "decimals", "sig_figs", "integer",
                "allow_percent", "variables",
            )
        }
        parts = [AnswerSpec(expected=p, **inherit) for p in pieces]
    plans = tuple(prepare(p) if answer else _prepare_mistake(p) for p in parts)
    mistakes = tuple(
        (_prepare_mistake(_mistake_spec(spec, m)), m.explanation) for m in spec.mistakes
    )
    limit = sum(p.limit for p in plans)
    return Plan(spec, None, False, plans, mistakes, limit)


def _mistake_spec(spec: AnswerSpec, mistake: Mistake) -> AnswerSpec:
    pieces = [p.s for p in split_parts(normalize(mistake.answer))]
    parts = tuple(
        dataclasses.replace(p, expected=pieces[k] if k < len(pieces) else "", mistakes=())
        for k, p in enumerate(spec.parts)
    )
    return dataclasses.replace(
        spec, expected=mistake.answer if not parts else "", parts=parts, mistakes=()
    )


# -- checking ---------------------------------------------------------------------------------


def _check(plan: Plan, given: str) -> Verdict:
    text = normalize(precheck(given, plan.limit)).strip()
    return _check_text(plan, text)


def _check_text(plan: Plan, text: Text) -> Verdict:
    if plan.spec.kind == "multi":
        return _check_multi(plan, text)
    handler = HANDLERS[plan.spec.kind]
    given = plan.read(text)
    verdict = handler.compare(plan.spec, plan.expected, given)
    if verdict.correct:
        return verdict
    for reading, explanation in plan.mistakes:
        try:
            hit = handler.compare(plan.spec, reading, given).correct
        except AnswerError:
            hit = False
        if hit:
            return _diagnosed(verdict, explanation)
    return verdict


def _diagnosed(verdict: Verdict, explanation: str) -> Verdict:
    """A declared mistake matched: the author's explanation says it all (no generic prefix
    such as "The 4th dimension is wrong." in front of it)."""
    return dataclasses.replace(verdict, message=explanation, diagnosis=explanation, close=False)


def _part_name(plan: Plan, k: int) -> str:
    label = plan.spec.label
    return f"Part {k + 1} ({label})" if label else f"Part {k + 1}"


def _check_multi(plan: Plan, text: Text) -> Verdict:
    pieces = split_parts(text)
    n = len(plan.parts)
    if len(pieces) != n:
        raise AnswerError(f"This question has {n} parts separated by ';' — you gave {len(pieces)}.")
    verdicts = [_check_part(p, piece) for p, piece in zip(plan.parts, pieces, strict=True)]
    reading = "; ".join(v.reading for v in verdicts)
    bad = [k for k, v in enumerate(verdicts) if v.invalid]
    if bad:
        k = bad[0]
        msg = f"{_part_name(plan.parts[k], k)}: {verdicts[k].message}"
        return Verdict(
            False,
            msg,
            parts=tuple(verdicts),
            reading=reading,
            invalid=True,
            position=verdicts[k].position,
        )
    wrong = [k for k, v in enumerate(verdicts) if not v.correct]
    if not wrong:
        return Verdict(True, parts=tuple(verdicts), reading=reading)
    verdict = _multi_wrong(plan, verdicts, wrong, reading)
    for mistake_plan, explanation in plan.mistakes:
        try:
            hit = _check_multi(mistake_plan, text).correct
        except AnswerError:
            hit = False
        if hit:
            return _diagnosed(verdict, explanation)
    return verdict


def _check_part(plan: Plan, piece: Text) -> Verdict:
    try:
        if not piece.s:
            raise AnswerError("This part is empty.", piece.end)
        return _check_text(plan, piece)
    except AnswerError as exc:
        return Verdict(False, exc.message, invalid=True, position=exc.position)


def _multi_wrong(plan: Plan, verdicts: list[Verdict], wrong: list[int], reading: str) -> Verdict:
    lines = [f"{_part_name(plan.parts[k], k)} is wrong: {verdicts[k].message}" for k in wrong]
    right = [k for k in range(len(verdicts)) if k not in wrong]
    if right:
        which = list_phrase([str(k + 1) for k in right])
        lines.append(
            f"Part{'s' if len(right) > 1 else ''} {which} {'are' if len(right) > 1 else 'is'} right."
        )
    close = all(verdicts[k].close for k in wrong)
    diagnosis = next((verdicts[k].diagnosis for k in wrong if verdicts[k].diagnosis), None)
    return Verdict(False, "\n".join(lines), close, diagnosis, tuple(verdicts), reading)
