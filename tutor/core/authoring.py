"""Small helpers for content authors (used by the modules under content/)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake, check_spec
from tutor.core.formatting import num


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
    is left out for that variant.
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
