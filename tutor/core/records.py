"""Plain values for what a learner did and what the tutor remembers (no database types).

The store hands these out and takes them in; the pure modules (replay, statistics) read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

# What a logged answer was for.
REVIEW = "review"  # a scheduled review (or a same-day re-drill of one, see ``redrill``)
PRACTICE = "practice"  # a drill outside the schedule: never moves it
IMPLICIT = "implicit"  # credit for a prerequisite, earned by passing a skill that needs it
REVIEW_KINDS = (REVIEW, PRACTICE, IMPLICIT)

# What a learner did to a skill besides answering it.
BURY = "bury"  # not before tomorrow
SUSPEND = "suspend"
UNSUSPEND = "unsuspend"
RESET = "reset"  # forget: the skill is new again
UNDO = "undo"  # takes back one review or one other event (by id)
EVENT_ACTIONS = (BURY, SUSPEND, UNSUSPEND, RESET, UNDO)


@dataclass(frozen=True)
class SkillState:
    """What the tutor remembers about one skill; a cache of replaying its log.

    ``ef_hundredths``/``repetitions`` are SM-2's memory, ``stability``/``difficulty`` FSRS's;
    ``interval_days`` is the last interval the active scheduler gave.
    """

    template_id: str
    ef_hundredths: int
    interval_days: int
    repetitions: int
    due: date  # local calendar day
    last_reviewed: datetime | None  # aware, UTC
    introduced_on: date | None  # local day of the first review
    suspended: bool = False
    buried_until: date | None = None  # not offered before this day
    passed: bool = False  # passed (quality >= 3) at least once since it was last reset
    stability: float | None = None
    difficulty: float | None = None


@dataclass(frozen=True)
class ReviewRecord:
    """One row of the append-only review log, with the state from before the review."""

    template_id: str
    seed: int
    answer: str  # raw learner input; "" for "I don't know"
    verdict: str  # "correct" | "wrong" | "close" | "dont_know"
    quality: int  # 0..5
    seconds: float
    hint_used: bool
    redrill: bool  # same-day re-drill that did not change the schedule
    reviewed_at: datetime  # aware; stored and returned as UTC
    day: date  # local study day
    ef_before: int
    interval_before: int
    repetitions_before: int
    id: int | None = None
    kind: str = REVIEW
    credited_by: int | None = None  # for IMPLICIT: the review whose pass earned the credit

    @property
    def moves_schedule(self) -> bool:
        """Scheduled first reviews of the day and implicit credit move the schedule."""
        return self.kind == IMPLICIT or (self.kind == REVIEW and not self.redrill)


@dataclass(frozen=True)
class SkillEvent:
    """Bury, suspend, unsuspend, reset or undo: append-only like the review log."""

    template_id: str
    action: str
    at: datetime  # aware, UTC
    day: date  # local study day
    target_review: int | None = None  # UNDO of a review: its id
    target_event: int | None = None  # UNDO of another event: its id
    seed: int | None = None  # the variant on screen when it happened (undo brings it back)
    id: int | None = None


class ReviewFact(NamedTuple):
    """The columns of a logged answer that statistics need, light enough for 100,000 rows."""

    id: int
    template_id: str
    kind: str
    redrill: bool
    quality: int
    seconds: float
    day: date
    interval_before: int
    hint_used: bool

    @property
    def moves_schedule(self) -> bool:
        return self.kind == IMPLICIT or (self.kind == REVIEW and not self.redrill)
