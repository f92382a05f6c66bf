"""The checks every variant of a family must pass (``tutor content check``, and a learner's
own family files when they are loaded): a prompt, worked steps and a hint, no unfilled
``{placeholders}``, every ``$`` closed, the canonical answer accepted and an obviously wrong one
refused, the precision contract, and every declared mistake refused and named. Pure: no Qt,
no database.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Verdict, canonical_answer, precision_sentence
from tutor.core.answers.engine import Plan, prepare_for_authors
from tutor.core.answers.normalize import normalize
from tutor.core.answers.numeric import NumberReading
from tutor.core.answers.precision import (
    INTEGER,
    SIG_FIGS,
    Precision,
    declares_precision,
    precision_of,
)
from tutor.core.authoring import mistake_typings, obviously_wrong
from tutor.core.formatting import as_fraction, at_place, figures_place, round_at
from tutor.core.mathtext import MathTextError, segments
from tutor.core.problems import unfilled_placeholders


def _typings(part: AnswerSpec, answer: str) -> list[str]:
    """The ways a learner types a declared mistake: at the part's declared precision (and,
    for a number, with more digits: see :func:`mistake_typings`), else as written."""
    if not declares_precision(part):
        return [answer]
    plan = prepare_for_authors(part)
    precision = precision_of(plan.spec)
    if plan.spec.kind == "number" and precision is not None:
        return mistake_typings(precision, plan.read(normalize(answer)).value, answer) or [answer]
    try:
        return [canonical_answer(dataclasses.replace(part, expected=answer, mistakes=()))]
    except ValueError:
        return [answer]  # a whole-number vector's mistake that is not whole: typed exactly


def _mistake_finding(problem, index: int | None, typings: list[str], mistake) -> str | None:
    """What is wrong with one declared mistake: accepted however it is typed, or never named
    by its own explanation (one typing may be another mistake's: 0.68 for the rule's value
    and for the exact probability at 2 places; the digits that tell them apart name it)."""
    verdicts = []
    for typed in typings:
        if index is not None:
            given = [canonical_answer(p) for p in problem.spec.parts]
            given[index] = typed
            typed = "; ".join(given)
        verdicts.append(problem.check(typed))
    if all(v.correct for v in verdicts):
        return f"seed {problem.seed}: mistake {mistake.answer!r} is accepted"
    if not any(mistake.explanation in (v.diagnosis or "") + v.message for v in verdicts if not v.correct):
        return f"seed {problem.seed}: mistake {mistake.answer!r} is not diagnosed"
    return None


def _mistake_problems(problem) -> list[str]:
    """Each declared mistake must be rejected, and diagnosed, by the problem's own checker
    (typed at the declared precision, when the answer declares one)."""
    found = []
    if problem.spec.parts:  # mistakes declared on a multi-part answer as a whole
        for mistake in problem.spec.mistakes:
            verdict = problem.check(mistake.answer)
            if verdict.correct:
                found.append(f"seed {problem.seed}: mistake {mistake.answer!r} is accepted")
            elif mistake.explanation not in (verdict.diagnosis or "") + verdict.message:
                found.append(f"seed {problem.seed}: mistake {mistake.answer!r} is not diagnosed")
    specs = problem.spec.parts or (problem.spec,)
    for index, part in enumerate(specs):
        for mistake in part.mistakes:
            where = index if problem.spec.parts else None
            finding = _mistake_finding(problem, where, _typings(part, mistake.answer), mistake)
            if finding:
                found.append(finding)
    return found


NUMBER_KINDS = ("number", "vector", "matrix")


def _number_plans(problem) -> list[tuple[int, Plan]]:
    """(index, plan) of every part made of numbers (expressions with variables are not)."""
    plan = prepare_for_authors(problem.spec)
    plans = plan.parts if plan.spec.kind == "multi" else (plan,)
    return [(k, p) for k, p in enumerate(plans) if p.spec.kind in NUMBER_KINDS and not p.spec.variables]


def _first_number(plan: Plan) -> NumberReading | None:
    if plan.spec.kind == "number":
        return plan.expected
    entries = [e for row in plan.expected.rows for e in row if isinstance(e, NumberReading)]
    return entries[0] if entries else None


def _with_first_number(plan: Plan, typed: str) -> str:
    """The canonical answer of ``plan`` with its first number typed as ``typed``."""
    if plan.spec.kind == "number":
        return typed
    canonical = canonical_answer(plan.spec)
    written = precision_of(plan.spec).write(_first_number(plan).value)
    return canonical.replace(written, typed, 1)


def _coarser(precision: Precision, value: Fraction) -> str | None:
    """``value`` correctly rounded one place coarser than asked (None when that is still the
    exact value, or there is no coarser place: 1 significant figure)."""
    if precision.unit == INTEGER or (precision.unit == SIG_FIGS and precision.count == 1):
        return None
    if precision.unit == SIG_FIGS:
        place = figures_place(value, precision.count) + 1 if value else None
    else:
        place = 1 - precision.count
    if place is None or round_at(value, place) == value:
        return None
    return at_place(value, place)


def _part_verdict(problem, plans: list[tuple[int, Plan]], index: int, typed: str) -> Verdict:
    """The verdict on part ``index`` when it is typed as ``typed`` and the others are right."""
    if not problem.spec.parts:
        return problem.check(typed)
    given = [canonical_answer(p) for p in problem.spec.parts]
    given[index] = typed
    verdict = problem.check("; ".join(given))
    return verdict.parts[index] if verdict.parts else verdict


def _precision_problems(problem) -> list[str]:
    """The precision contract, for one variant: every number declares its precision and the
    prompt asks for it; the canonical answer is written at exactly that precision; one place
    coarser is refused and called close; a whole number one off is refused, never as rounding."""
    seed, found = problem.seed, []
    try:
        sentence = precision_sentence(problem.spec)
    except ValueError as exc:
        return [f"seed {seed}: {exc}"]
    if sentence and sentence not in problem.prompt:
        found.append(f"seed {seed}: the prompt does not say {sentence!r}")
    plans = _number_plans(problem)
    for index, plan in plans:
        precision = precision_of(plan.spec)
        first = _first_number(plan)
        if first is None:
            continue
        value = as_fraction(first.value)
        name = plan.spec.label or f"part {index + 1}"
        if precision.unit == INTEGER:
            for step in (-1, 1):
                typed = _with_first_number(plan, str(int(value) + step))
                verdict = _part_verdict(problem, plans, index, typed)
                declared = verdict.diagnosis in {m.explanation for m in plan.spec.mistakes}
                if verdict.correct or verdict.close or "round" in verdict.message.lower():
                    found.append(f"seed {seed}: {name}: {typed!r} (one off) is {verdict.message!r}")
                elif not declared and "off by one" not in verdict.message:
                    found.append(f"seed {seed}: {name}: {typed!r} is not called off by one")
            continue
        coarse = _coarser(precision, value)
        if coarse is None:
            continue
        typed = _with_first_number(plan, coarse)
        verdict = _part_verdict(problem, plans, index, typed)
        if verdict.diagnosis in {m.explanation for m in plan.spec.mistakes}:
            continue  # one place coarser is also a declared mistake: that wins
        if verdict.correct or not verdict.close:
            found.append(
                f"seed {seed}: {name}: {typed!r}, one place coarser, is "
                f"{'accepted' if verdict.correct else 'not close'} ({verdict.message!r})"
            )
    return found


def check_problem(problem) -> list[str]:
    """Everything that is wrong with one variant (empty when it is well-formed)."""
    found = []
    if not problem.prompt.strip():
        found.append(f"seed {problem.seed}: empty prompt")
    if not problem.steps or not all(s.text.strip() for s in problem.steps):
        found.append(f"seed {problem.seed}: missing worked steps")
    if not problem.hints:
        found.append(f"seed {problem.seed}: no hint")
    for text in (problem.prompt, *problem.hints, *(s.text for s in problem.steps)):
        try:
            segments(text)
        except MathTextError as exc:
            found.append(f"seed {problem.seed}: {exc}")
    holes = unfilled_placeholders(problem)
    if holes:
        found.append(f"seed {problem.seed}: unfilled placeholders {', '.join(holes)}")
    verdict = problem.check(problem.answer)
    if not verdict.correct:
        found.append(f"seed {problem.seed}: canonical answer {problem.answer!r} rejected: {verdict.message}")
    wrong = obviously_wrong(problem.spec)
    if problem.check(wrong).correct:
        found.append(f"seed {problem.seed}: the obviously wrong answer {wrong!r} is accepted")
    return found + _precision_problems(problem) + _mistake_problems(problem)
