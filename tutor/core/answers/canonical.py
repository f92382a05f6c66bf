"""What a declared precision says to the learner: the prompt's sentence and the canonical answer.

Both come from the same :class:`~tutor.core.answers.AnswerSpec` that grades the answer, so
the prompt, the answer shown after a miss and the checker can never disagree.
"""

from __future__ import annotations

from .engine import Plan, prepare_for_authors
from .numeric import NumberReading
from .precision import Precision, declares_precision, precision_of
from .verdict import AnswerSpec
from .wording import list_phrase


def canonical_answer(spec: AnswerSpec) -> str:
    """The answer as a learner would type it: with a declared precision, the exact expected
    value written at exactly that precision, trailing zeros kept ("-0.008570", "0.9900",
    "14336"; parts joined by "; "); without one, ``spec.expected`` as the author wrote it.

    Raises ValueError when the spec cannot be used (an unreadable expected answer).
    """
    if not declares_precision(spec):
        return spec.expected
    return _written(prepare_for_authors(spec))


def _written(plan: Plan) -> str:
    if plan.spec.kind == "multi":
        return "; ".join(_written(part) for part in plan.parts)
    precision = precision_of(plan.spec)
    if precision is None:
        return plan.spec.expected.strip()
    if plan.spec.kind == "number":
        return precision.write(plan.expected.value)
    rows = ["[" + ", ".join(_entry(precision, e) for e in row) + "]" for row in plan.expected.rows]
    if plan.spec.kind == "matrix":
        return "[" + ", ".join(rows) + "]"
    bracket = plan.spec.expected.strip()[:1]
    return rows[0] if bracket != "(" else "(" + rows[0][1:-1] + ")"


def _entry(precision: Precision, entry: object) -> str:
    if isinstance(entry, NumberReading):
        return precision.write(entry.value)
    return entry.shown.replace("·", "*")  # an expression entry is written as it was read


def precision_sentence(spec: AnswerSpec) -> str:
    """The prompt's sentence asking for the declared precision:

    - one number: "Give your answer to 4 significant figures." / "… to 2 decimal places." /
      "… to the nearest whole number." (``decimals=0``) / "… as a whole number." (integer);
    - a vector or matrix: "Give each entry to 4 significant figures.";
    - several parts with one precision: "Give each to 4 significant figures." (or "Give
      each entry …" when every part is a vector or matrix);
    - several parts with different ones, named by their labels: "Give the effective batch
      size and the optimiser steps as whole numbers, and the learning rate to 4
      significant figures."

    Parts that are not numbers (shapes, choices, expressions) are not mentioned; "" when no
    part is a number. Raises ValueError when a number part declares no precision.
    """
    plan = prepare_for_authors(spec)
    if plan.spec.kind == "multi":
        return _parts_sentence(plan)
    precision = _declared(plan, "the answer")
    if precision is None:
        return ""
    whose = "your answer" if plan.spec.kind == "number" else "each entry"
    return f"Give {whose} {precision.target()}."


def _declared(plan: Plan, name: str) -> Precision | None:
    """The part's precision; None for a part without numbers; ValueError for a number part
    that declares none (the contract: every number says how precise it must be)."""
    if plan.spec.kind not in ("number", "vector", "matrix") or plan.spec.variables:
        return None
    precision = precision_of(plan.spec)
    if precision is None:
        raise ValueError(
            f"{name} is a number but declares no precision: give it sig_figs=N, "
            "decimals=N or kind='integer'"
        )
    return precision


def _parts_sentence(plan: Plan) -> str:
    declared = []  # (part name, is it several numbers, precision) for each number part
    for k, part in enumerate(plan.parts):
        name = part.spec.label or f"part {k + 1}"
        precision = _declared(part, name)
        if precision is not None:
            declared.append((name, part.spec.kind != "number", precision))
    if not declared:
        return ""
    precisions = {p for _, _, p in declared}
    if len(declared) == len(plan.parts) and len(precisions) == 1:
        entries = all(several for _, several, _ in declared)
        return f"Give each{' entry' if entries else ''} {precisions.pop().target()}."
    groups: dict[Precision, list[tuple[str, bool]]] = {}
    for name, several, precision in declared:
        groups.setdefault(precision, []).append((name, several))
    phrases = [
        f"{_group_names(items)} {p.target(plural=len(items) > 1 or items[0][1])}"
        for p, items in groups.items()
    ]
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + ", and " + phrases[-1]
    return f"Give {joined}."


def _group_names(items: list[tuple[str, bool]]) -> str:
    """"c and the entries of a and b": single numbers first, then the arrays' entries once."""
    numbers = [name for name, several in items if not several]
    arrays = [name for name, several in items if several]
    names = numbers + ([f"the entries of {list_phrase(arrays)}"] if arrays else [])
    return list_phrase(names)
