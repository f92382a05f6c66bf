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


# words a learner adds around an option ("a right angle", "local minimum", "saddle point")
_FILLER = frozenset(("a", "an", "the", "it", "is", "it's", "its", "angle", "local", "point"))
_SYNONYMS = {
    "perpendicular": "right", "orthogonal": "right", "90 degrees": "right", "90°": "right",
    "min": "minimum", "max": "maximum", "not independent": "dependent",
    "true": "yes", "false": "no", "invertible": "yes", "singular": "no", "not invertible": "no",
}  # fmt: skip


def _plain_words(typed: str) -> list[str]:
    """The typed answer, then without filler words, then each through the synonym table."""
    bare = " ".join(w for w in typed.split() if w not in _FILLER)
    forms = [typed, bare, _SYNONYMS.get(typed, ""), _SYNONYMS.get(bare, "")]
    return [f for f in dict.fromkeys(forms) if f]


def read_choice(spec: AnswerSpec, text: Text) -> ChoiceReading:
    typed = _key(text.s)
    options = spec.choices
    if not options:
        return ChoiceReading(typed, text.s.strip())
    listing = ", ".join(options)
    if not typed:
        raise AnswerError(f"Please choose one of: {listing}.")
    for candidate in _plain_words(typed):
        for option in options:
            if _key(option) == candidate:
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
