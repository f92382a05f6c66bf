"""Small helpers for content authors (used by the modules under content/)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake, canonical_answer, check_spec
from tutor.core.answers.engine import Plan, prepare_for_authors
from tutor.core.answers.normalize import normalize
from tutor.core.answers.numeric import NumberReading
from tutor.core.answers.precision import Precision, hits, precision_of, target_of
from tutor.core.formatting import as_fraction, exact_text, num, terminating_decimal


def exact(x: float | int | str | Fraction) -> Fraction:
    """A decimal parameter as an exact fraction: exact(0.3) == Fraction(3, 10)."""
    if isinstance(x, Fraction):
        return x
    return Fraction(str(x))


def _far_apart(a: float, b: float) -> bool:
    return not math.isclose(a, b, rel_tol=2e-2, abs_tol=1e-6)


def _digits_for(value: float, digits: int) -> int:
    """Enough decimals to keep 4 significant figures of a small value (1e-6 must not become 0)."""
    if value == 0:
        return digits
    return max(digits, 3 - math.floor(math.log10(abs(value))))


def number_mistakes(
    expected: float | Fraction,
    candidates: Iterable[tuple[float | Fraction, str]],
    digits: int = 4,
) -> tuple[Mistake, ...]:
    """Declared wrong numbers, dropping any that coincide with the answer or each other.

    For some parameters a classic mistake gives the right number by accident (the dot
    product of unit vectors *is* their cosine); such a mistake cannot be diagnosed, so it
    is left out for that variant. This is for specs graded by the older tolerance rule
    (learners' own modules); a spec that declares its precision uses :func:`with_mistakes`,
    which needs no 2 % margin.
    """
    kept: list[tuple[float, Mistake]] = []
    for value, explanation in candidates:
        v = float(value)
        if not math.isfinite(v) or not _far_apart(v, float(expected)):
            continue
        if all(_far_apart(v, other) for other, _ in kept):
            kept.append((v, Mistake(answer=num(value, _digits_for(v, digits)), explanation=explanation)))
    return tuple(m for _, m in kept)


def sqrt_text(n: int) -> str:
    """√n written exactly when n is a perfect square: √25 = 5, otherwise √13 ≈ 3.6056."""
    root = math.isqrt(n)
    if root * root == n:
        return f"√{n} = {root}"
    return f"√{n} ≈ {num(math.sqrt(n))}"


def obviously_wrong(spec: AnswerSpec) -> str:
    """A readable answer that is certainly wrong, of the right form (for tests and checks)."""
    if spec.kind == "multi":
        return "; ".join(obviously_wrong(part) for part in spec.parts)
    if spec.kind == "choice":
        others = [c for c in spec.choices if c.strip().lower() != spec.expected.strip().lower()]
        return others[0] if others else "123456789"
    return {
        "shape": "(999, 998)",
        "vector": "[999, 998]",
        "matrix": "[[999, 998], [997, 996]]",
    }.get(spec.kind, "123456789")


Candidate = float | Fraction | int | str | Sequence  # a number, a vector, a matrix, or exact text


def with_mistakes(spec: AnswerSpec, candidates: Iterable[tuple[Candidate, str]]) -> AnswerSpec:
    """``spec`` (a number, vector or matrix that declares its precision) with the classic
    wrong answers added as declared mistakes, however close they lie to the answer.

    A candidate is a number, a sequence of numbers (a vector), a sequence of rows (a
    matrix) or its exact text. Grading at a declared precision is exact, so no margin is
    needed: a candidate is kept when, typed at that precision, the answer and the mistakes
    kept before neither accept nor diagnose it (it then gets this explanation, never
    "close"). Each mistake keeps its exact value, so a learner who types it with more digits
    is diagnosed too. A whole-number answer keeps a mistake that is not whole when it is a
    short decimal (12.5 for n²/2) and is typed as such.
    """
    plan = prepare_for_authors(spec)
    precision = precision_of(plan.spec)
    if plan.spec.kind not in ("number", "vector", "matrix") or precision is None:
        raise ValueError("with_mistakes needs a number, vector or matrix that declares its precision")
    if plan.spec.kind == "number":
        return _with_number_mistakes(spec, plan, precision, candidates)
    kept = list(spec.mistakes)
    for candidate, explanation in candidates:
        text = _exact_array(candidate)
        if text is not None and not _claimed(spec, kept, _typed_at(spec, text)):
            kept.append(Mistake(text, explanation))
    return dataclasses.replace(spec, mistakes=tuple(kept))


def _with_number_mistakes(
    spec: AnswerSpec, plan: Plan, precision: Precision, candidates: Iterable[tuple[Candidate, str]]
) -> AnswerSpec:
    """The fast path for one number: grade the typed candidate against every target directly."""
    targets = [target_of(plan.expected), *(target_of(reading) for reading, _ in plan.mistakes)]
    kept = list(spec.mistakes)
    for candidate, explanation in candidates:
        text = candidate if isinstance(candidate, str) else _exact_number(candidate)
        if text is None:
            continue
        mistake = plan.read(normalize(text))
        if not isinstance(mistake, NumberReading) or target_of(mistake) is None:
            continue
        typings = [plan.read(normalize(t)) for t in mistake_typings(precision, mistake.value, text)]
        if any(not any(t is not None and hits(precision, t, typed) for t in targets) for typed in typings):
            kept.append(Mistake(text, explanation))
            targets.append(target_of(mistake))
    return dataclasses.replace(spec, mistakes=tuple(kept))


FINER = 2  # a mistake is also typed with this many more figures (or places) than asked


def mistake_typings(precision: Precision, value: object, text: str) -> list[str]:
    """How a learner types a declared mistake: at the declared precision, then with
    ``FINER`` more figures or places (0.6827, the exact normal probability, when the rule's
    0.68 is asked for to 2 places: at 2 places it *is* the answer, with 4 it is the slip).
    A whole number is asked for and the mistake is not whole: its exact decimal, if it ends
    (1/3 of a count cannot be typed exactly)."""
    exact = as_fraction(value)
    if precision.unit == "integer":
        if exact.denominator == 1:
            return [str(exact.numerator)]
        decimal = terminating_decimal(exact)
        return [decimal] if decimal is not None else []
    finer = dataclasses.replace(precision, count=precision.count + FINER)
    return [precision.write(exact), finer.write(exact)]


def _exact_number(value: float | Fraction | int) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return exact_text(Fraction(value) if isinstance(value, int) else value)


def _exact_array(candidate: Candidate) -> str | None:
    """A vector or matrix candidate as exact text (None if an entry is not finite)."""
    if isinstance(candidate, str):
        return candidate
    is_matrix = any(isinstance(row, Sequence) for row in candidate)
    rows = [_exact_row(row) for row in candidate] if is_matrix else [_exact_row(candidate)]
    if any(row is None for row in rows):
        return None
    return "[" + ", ".join(rows) + "]" if is_matrix else rows[0]


def _exact_row(values: Sequence) -> str | None:
    if any(isinstance(v, float) and not math.isfinite(v) for v in values):
        return None
    return exact_vector(values)


def exact_vector(values: Iterable[float | Fraction | int]) -> str:
    """A vector written so that the answer engine reads back its exact entries: [1/3, 0.25, 2]."""
    return "[" + ", ".join(exact_text(Fraction(v) if isinstance(v, int) else v) for v in values) + "]"


def _typed_at(spec: AnswerSpec, text: str) -> str:
    """A vector or matrix mistake typed at the declared precision (as is, if it cannot be)."""
    try:
        return canonical_answer(dataclasses.replace(spec, expected=text, mistakes=()))
    except ValueError:
        return text


def _claimed(spec: AnswerSpec, mistakes: list[Mistake], typed: str) -> bool:
    """Whether the answer accepts ``typed`` or one of the mistakes already kept diagnoses it."""
    verdict = check_spec(dataclasses.replace(spec, mistakes=tuple(mistakes)), typed)
    return verdict.correct or verdict.diagnosis in {m.explanation for m in mistakes}
