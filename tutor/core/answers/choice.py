"""The "choice" kind: one of a few labels, case-insensitive, unambiguous prefixes allowed."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from .errors import AnswerError
from .normalize import Text, normalize
from .verdict import AnswerSpec, Verdict


@dataclass(frozen=True)
class ChoiceReading:
    choice: str
    shown: str


def _key(s: str) -> str:
    """Compare options the way answers are read: NFKC and the symbol map (Bᵀ → BT), case-blind."""
    with contextlib.suppress(AnswerError):
        s = normalize(s).s
    return " ".join(s.strip().strip(".!").lower().split())


def read_choice(spec: AnswerSpec, text: Text) -> ChoiceReading:
    typed = _key(text.s)
    options = spec.choices
    if not options:
        return ChoiceReading(typed, text.s.strip())
    listing = ", ".join(options)
    if not typed:
        raise AnswerError(f"Please choose one of: {listing}.")
    for option in options:
        if _key(option) == typed:
            return ChoiceReading(option, option)
    matches = [o for o in options if _key(o).startswith(typed)]
    if len(matches) == 1:
        return ChoiceReading(matches[0], matches[0])
    if matches:
        raise AnswerError(
            f"'{text.s.strip()}' could be {' or '.join(matches)} — please type more of it."
        )
    raise AnswerError(f"'{text.s.strip()[:40]}' is not one of the options: {listing}.")


def choice_verdict(spec: AnswerSpec, expected: ChoiceReading, given: ChoiceReading) -> Verdict:
    if _key(expected.choice) == _key(given.choice):
        return Verdict(True, reading=given.shown)
    return Verdict(False, "That is not the right choice.", reading=given.shown)
