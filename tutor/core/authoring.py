"""Small helpers for content authors (used by the modules under content/)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake, canonical_answer, check_spec
from tutor.core.answers.engine import prepare_for_authors
from tutor.core.answers.precision import precision_of
from tutor.core.formatting import exact_text, num


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
    is left out for that variant. A spec that declares its precision uses
    :func:`with_mistakes` instead, which needs no 2 % margin.
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


def checked_mistakes(
    expected: str, candidates: Iterable[tuple[float | Fraction, str]], digits: int = 6
) -> tuple[Mistake, ...]:
    """Declared wrong numbers that the checker itself tells apart from the answer and each other.

    Unlike the fixed 2 % margin of ``number_mistakes``, this keeps a classic slip such as
    stepping uphill with a small learning rate (0.504 for 0.496), which the checker rejects.
    """
    kept: list[Mistake] = []
    for value, why in candidates:
        text = num(value, digits)
        if check_spec(AnswerSpec(kind="number", expected=expected), text).correct:
            continue
        if any(check_spec(AnswerSpec(kind="number", expected=m.answer), text).correct for m in kept):
            continue
        kept.append(Mistake(text, why))
    return tuple(kept)


def with_mistakes(spec: AnswerSpec, candidates: Iterable[tuple[float | Fraction, str]]) -> AnswerSpec:
    """``spec`` (one number that declares its precision) with the classic wrong numbers added
    as declared mistakes, however close they lie to the answer.

    Grading at a declared precision is exact, so no margin is needed: a candidate is kept
    when, written at that precision, neither the answer nor a mistake kept before would
    accept it (it then gets this explanation, never "close"). Each mistake keeps its exact
    value, so a learner who types it with more digits is diagnosed too. For ``kind="integer"``
    a candidate that is not a whole number is left out.
    """
    plan = prepare_for_authors(spec)
    precision = precision_of(plan.spec)
    if plan.spec.kind != "number" or precision is None:
        raise ValueError("with_mistakes needs one number that declares sig_figs, decimals or integer")
    bare = dataclasses.replace(spec, mistakes=())
    kept = list(spec.mistakes)
    for value, explanation in candidates:
        if not _typable(value, whole=precision.unit == "integer"):
            continue
        text = exact_text(Fraction(value) if isinstance(value, int) else value)
        if not _claimed(bare, kept, canonical_answer(dataclasses.replace(bare, expected=text))):
            kept.append(Mistake(text, explanation))
    return dataclasses.replace(spec, mistakes=tuple(kept))


def _typable(value: float | Fraction, whole: bool) -> bool:
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return not whole or Fraction(value).denominator == 1


def _claimed(answer: AnswerSpec, mistakes: list[Mistake], typed: str) -> bool:
    """Whether the answer, or one of the mistakes already declared, accepts ``typed``."""
    specs = [answer, *(dataclasses.replace(answer, expected=m.answer) for m in mistakes)]
    return any(check_spec(spec, typed).correct for spec in specs)
