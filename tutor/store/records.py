"""Plain values the store hands out and takes in (never ORM instances)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class SkillState:
    """What the store holds for one skill (template). EF is kept exact as hundredths."""

    template_id: str
    ef_hundredths: int
    interval_days: int
    repetitions: int
    due: date  # local calendar day
    last_reviewed: datetime | None  # aware, UTC
    introduced_on: date | None  # local day of the first review


@dataclass(frozen=True)
class ReviewRecord:
    """One row of the append-only review log, with the SM-2 state from before the review."""

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
