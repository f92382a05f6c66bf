"""Public data types of the answer checker: what an author declares and what a check returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mistake:
    """A classic wrong answer and the diagnosis shown when a learner's answer matches it."""

    answer: str
    explanation: str


@dataclass(frozen=True)
class AnswerSpec:
    """How to read and grade one answer field (see the package docstring for the kinds).

    Precision (the contract, declared once): ``sig_figs=N``, ``decimals=N``, or ``kind="integer"`` (``integer=True`` for the entries of a
    vector or matrix). ``expected`` then carries the exact value (a fraction, ``sqrt(41)``, or
    a decimal with at least 12 significant figures); the canonical answer and the prompt's
    sentence come from :func:`~tutor.core.answers.canonical_answer` and
    :func:`~tutor.core.answers.precision_sentence`. A spec that declares none of these is
    graded by the tolerance rules (``rel_tol``, ``abs_tol``); ``tutor content check`` refuses
    such a spec in the bank.
    """

    kind: str = "auto"
    expected: str = ""
    rel_tol: float = 1e-3
    abs_tol: float = 1e-9
    decimals: int | None = None
    sig_figs: int | None = None
    integer: bool = False
    allow_percent: bool = False
    variables: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    parts: tuple[AnswerSpec, ...] = ()
    label: str = ""
    mistakes: tuple[Mistake, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """The result of checking one answer.

    ``invalid`` means the answer could not be read (syntax, unknown symbol, too long, wrong
    number of parts): the app should let the learner fix it without counting an attempt.
    ``position`` is the 0-based offset of a syntax error in the given text; messages say
    "character N" with N 1-based.
    """

    correct: bool
    message: str = ""
    close: bool = False
    diagnosis: str | None = None
    parts: tuple[Verdict, ...] = ()
    reading: str = ""
    invalid: bool = False
    position: int | None = None
