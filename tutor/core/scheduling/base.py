"""What every scheduler speaks: a ``Memory`` in, a quality and a moment, a ``Memory`` out.

A scheduler is one module with a class that has ``name``, ``label``, ``review`` and
``describe``; ``tutor.core.scheduling.make_scheduler`` knows them by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from tutor.core.scheduling.sm2 import EF_START_HUNDREDTHS


@dataclass(frozen=True)
class Memory:
    """A skill's memory as the schedulers see it.

    SM-2 reads and writes ``ef_hundredths``, ``interval`` and ``repetitions``; FSRS reads and
    writes ``stability``, ``difficulty`` and ``last_review`` and also sets ``interval`` (days to
    the next review) and ``repetitions`` (passes in a row). A new skill is ``Memory()``.
    """

    ef_hundredths: int = EF_START_HUNDREDTHS
    interval: int = 0
    repetitions: int = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None


class Scheduler(Protocol):
    name: str  # the settings value: "sm2", "fsrs"
    label: str  # what the learner reads in Settings

    def review(self, memory: Memory, quality: int, at: datetime) -> Memory:
        """The memory after one graded review (quality 0..5) at the aware moment ``at``."""
        ...

    def describe(self, memory: Memory) -> str:
        """The scheduler's own measure of a memory, for the learner: "ease 2.50", "stability 12 d"."""
        ...


def check_quality(quality: int) -> int:
    if int(quality) != quality or not 0 <= quality <= 5:
        raise ValueError(f"quality must be an integer from 0 to 5, got {quality!r}")
    return int(quality)
