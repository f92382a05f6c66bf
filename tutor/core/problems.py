"""Problem, Step, Template: the model every content module speaks.

A *template* is a skill: a family of problems drawn from a seeded random generator.
``Template.generate(seed)`` always gives the same ``Problem`` for the same seed, so any
past review can be replayed exactly from the (template id, seed) pair in the log.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from tutor.core.mathtext import MathTextError, segments

if TYPE_CHECKING:  # the answer engine loads when a problem is first shown or checked
    from tutor.core.answers import AnswerSpec, Verdict

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


@dataclass(frozen=True)
class Step:
    """One step of a worked solution: a short title and the reasoning with the numbers."""

    text: str
    title: str = ""


PLACEMENTS = ("prompt", "solution")


@dataclass(frozen=True)
class Figure:
    """A description of a picture that teaches the problem; the window draws it.

    ``placement`` says where: ``"prompt"`` when the picture helps to pose the problem,
    ``"solution"`` when it would give the answer away (it is then shown with the worked
    solution).
    """

    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)
    placement: str = "prompt"

    def __post_init__(self) -> None:
        if self.placement not in PLACEMENTS:
            raise ValueError(f"figure placement must be one of {PLACEMENTS}, not {self.placement!r}")


@dataclass(frozen=True)
class Variant:
    """What a template's ``build`` function returns for one set of parameters."""

    prompt: str
    answer: AnswerSpec
    steps: Sequence[Step | str]
    hints: Sequence[str] = ()
    figure: Figure | None = None


@dataclass(frozen=True)
class Problem:
    """One concrete question: prompt, canonical answer, worked steps, checker."""

    template_id: str
    seed: int | None
    params: Mapping[str, Any]
    prompt: str
    spec: AnswerSpec
    steps: tuple[Step, ...]
    hints: tuple[str, ...]
    figure: Figure | None = None

    @property
    def answer(self) -> str:
        """The canonical answer, written as a learner would type it (at exactly the declared
        precision when the spec declares one: see :func:`canonical_answer`)."""
        try:
            from tutor.core.answers import canonical_answer

            return canonical_answer(self.spec)
        except ValueError:  # an unusable spec: checking any answer reports it
            return self.spec.expected

    @property
    def kind(self) -> str:
        return self.spec.kind

    def check(self, text: str) -> Verdict:
        """Check a learner's answer against this problem (never raises)."""
        from tutor.core.answers import check_spec

        return check_spec(self.spec, text)


Draw = Callable[[random.Random], Mapping[str, Any]]
Build = Callable[..., Variant]


@dataclass(frozen=True)
class Template:
    """A parameterized problem family (one schedulable skill).

    ``draw(rng)`` picks parameters; ``build(**params)`` turns them into a ``Variant``.
    ``seed_params`` are the seed chapter's own numbers, reproduced exactly by
    ``seed_instance()``. The ``id`` keys the learner's history: never change it.
    """

    id: str
    title: str
    topic: str
    draw: Draw
    build: Build
    prerequisites: tuple[str, ...] = ()
    difficulty: int = 1
    seed_params: Mapping[str, Any] | None = None
    source: str = ""

    def generate(self, seed: int) -> Problem:
        """The variant for ``seed``: the same seed always gives the same problem."""
        rng = random.Random(f"{self.id}#{int(seed)}")
        return self._problem(seed=int(seed), params=self.draw(rng))

    def instance(self, **params: Any) -> Problem:
        """A problem with explicit parameters (no seed)."""
        return self._problem(seed=None, params=params)

    def seed_instance(self) -> Problem:
        """The seed chapter's own worked example."""
        if self.seed_params is None:
            raise ValueError(f"template {self.id} has no seed instance")
        return self.instance(**self.seed_params)

    def _problem(self, seed: int | None, params: Mapping[str, Any]) -> Problem:
        variant = self.build(**params)
        steps = tuple(s if isinstance(s, Step) else Step(text=str(s)) for s in variant.steps)
        return Problem(
            template_id=self.id,
            seed=seed,
            params=MappingProxyType(dict(params)),
            prompt=variant.prompt,
            spec=variant.answer,
            steps=steps,
            hints=tuple(variant.hints),
            figure=variant.figure,
        )


def unfilled_placeholders(problem: Problem) -> list[str]:
    """Placeholders like ``{w1}`` left in the prompt, steps or hints (an authoring bug).

    Only prose is searched: inside a ``$...$`` formula braces are LaTeX (``\text{spam}``).
    """
    texts = [problem.prompt, problem.answer, *problem.hints]
    texts += [s.text for s in problem.steps] + [s.title for s in problem.steps]
    return sorted({m.group(0) for t in texts for m in _PLACEHOLDER.finditer(_prose(t))})


def _prose(text: str) -> str:
    """``text`` without its formulas (an unclosed ``$`` is reported elsewhere: all of it)."""
    try:
        return "".join(piece for is_formula, piece in segments(text) if not is_formula)
    except MathTextError:
        return text
