"""Numeric equivalence of two expressions at random points (the WeBWorK method).

Points are drawn from a seeded RNG so the same pair always gets the same verdict. Points
where the expected expression is undefined or non-finite are redrawn; if too few valid
points exist the result is "inconclusive" and the caller may try SymPy.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import AnswerError, TooLarge, Undefined
from .evaluate import Value, evaluate, is_finite
from .nodes import Node

NUM_POINTS = 6
NEGATIVE_POINTS = 3
MAX_DRAWS = 60
_RANGES = ((0.5, 2.0), (0.1, 0.5), (2.0, 5.0), (-2.0, -0.5))


@dataclass(frozen=True)
class Outcome:
    status: str  # "equal" | "different" | "inconclusive"
    detail: str = ""


def _value_at(node: Node, env: dict[str, Value]) -> tuple[Value | None, str]:
    """(value, "") or (None, why) — why is "undefined" or "too large"."""
    try:
        v = evaluate(node, env)
    except TooLarge:
        return None, "too large"
    except (Undefined, AnswerError, ZeroDivisionError, OverflowError, ValueError):
        return None, "undefined"
    return (v, "") if is_finite(v) else (None, "undefined")


def _close(a: Value, b: Value, rel: float) -> bool:
    try:
        return abs(a - b) <= rel * max(abs(a), abs(b)) + 1e-10
    except (OverflowError, ValueError):
        return False


def points(variables: Sequence[str], seed: str, count: int = MAX_DRAWS) -> list[dict[str, Value]]:
    """Deterministic test points: the first ones in [0.5, 2], then wider ranges."""
    rng = random.Random(zlib.crc32(seed.encode("utf-8", "replace")))
    out = []
    for k in range(count):
        lo, hi = _RANGES[min(k // 15, len(_RANGES) - 1)]
        out.append({v: lo + (hi - lo) * rng.randrange(1, 1000) / 1000 for v in variables})
    return out


def equivalent(
    expected: Node, given: Node, variables: Sequence[str], seed: str, rel: float = 1e-6
) -> Outcome:
    """Compare at ≥ NUM_POINTS points where ``expected`` is defined."""
    valid = 0
    for env in points(variables, seed):
        e, _ = _value_at(expected, env)
        if e is None:
            continue
        g, why = _value_at(given, env)
        where = ", ".join(f"{k} = {v:g}" for k, v in env.items())
        if g is None:
            at = f" at {where}" if where else ""
            return Outcome(
                "different",
                f"Your expression is {why} to evaluate{at}."
                if why == "too large"
                else f"Your expression is undefined{at}.",
            )
        if not _close(e, g, rel):
            return Outcome("different", where)
        valid += 1
        if valid >= NUM_POINTS:
            return _negative_side(expected, given, variables, seed, rel)
    return Outcome("inconclusive")


def _negative_side(
    expected: Node, given: Node, variables: Sequence[str], seed: str, rel: float
) -> Outcome:
    """After agreement at positive points, look at negative ones too (|x| is not x).

    Only points where *both* sides are real and finite count: ln(x²) and 2·ln(x) agree on the
    positive domain a template works in, and 2·ln(x) is not real below zero, so it is not
    held against the learner.
    """
    rng = random.Random(zlib.crc32(("neg:" + seed).encode("utf-8", "replace")))
    for _ in range(NEGATIVE_POINTS):
        env = {v: -(0.5 + 1.5 * rng.randrange(1, 1000) / 1000) for v in variables}
        e, _ = _value_at(expected, env)
        g, _ = _value_at(given, env)
        if e is None or g is None or isinstance(e, complex) or isinstance(g, complex):
            continue
        if not _close(e, g, rel):
            return Outcome("different", ", ".join(f"{k} = {v:g}" for k, v in env.items()))
    return Outcome("equal")
