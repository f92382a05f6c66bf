"""FSRS-6 through the reference implementation on PyPI (``fsrs``), in whole days.

Grades map as 0–2 → Again, 3 → Hard, 4 → Good, 5 → Easy. The tutor's unit is the study day
(same-day re-drills are session events, as with SM-2), so FSRS runs without intra-day learning
steps and without fuzz: replaying a log always gives the same states. ``fsrs`` is imported
only when a review is first scheduled with it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import cache
from typing import Any

from tutor.core.scheduling.base import Memory, check_quality

DEFAULT_RETENTION = 0.90
MIN_RETENTION, MAX_RETENTION = 0.70, 0.97
RATING_FOR_QUALITY = (1, 1, 1, 2, 3, 4)  # fsrs.Rating: Again=1, Hard=2, Good=3, Easy=4


@cache
def _fsrs_scheduler(desired_retention: float) -> Any:
    import fsrs

    return fsrs.Scheduler(
        desired_retention=desired_retention, learning_steps=(), relearning_steps=(),
        enable_fuzzing=False,
    )


class FSRSScheduler:
    name = "fsrs"
    label = "FSRS-6 (free spaced repetition scheduler)"

    def __init__(self, desired_retention: float = DEFAULT_RETENTION) -> None:
        if not MIN_RETENTION <= desired_retention <= MAX_RETENTION:
            raise ValueError(
                f"desired retention must be from {MIN_RETENTION} to {MAX_RETENTION}, got {desired_retention}"
            )
        self.desired_retention = desired_retention

    def review(self, memory: Memory, quality: int, at: datetime) -> Memory:
        import fsrs

        quality = check_quality(quality)
        if memory.stability is None or memory.last_review is None:
            card = fsrs.Card(card_id=0)
        else:
            card = fsrs.Card(
                card_id=0, state=fsrs.State.Review, stability=memory.stability,
                difficulty=memory.difficulty, due=at, last_review=memory.last_review,
            )
        scheduler = _fsrs_scheduler(self.desired_retention)
        card, _log = scheduler.review_card(card, fsrs.Rating(RATING_FOR_QUALITY[quality]), review_datetime=at)
        interval = max(1, round((card.due - at).total_seconds() / 86400))
        return replace(
            memory, interval=interval, repetitions=memory.repetitions + 1 if quality >= 3 else 0,
            stability=card.stability, difficulty=card.difficulty, last_review=at,
        )

    def retrievability(self, memory: Memory, at: datetime) -> float | None:
        """FSRS's predicted chance of recall at ``at`` (None for a skill it has not seen)."""
        import fsrs

        if memory.stability is None or memory.last_review is None:
            return None
        card = fsrs.Card(
            card_id=0, state=fsrs.State.Review, stability=memory.stability,
            difficulty=memory.difficulty, due=at, last_review=memory.last_review,
        )
        return _fsrs_scheduler(self.desired_retention).get_card_retrievability(card, at)

    def describe(self, memory: Memory) -> str:
        if memory.stability is None:
            return "new"
        return f"stability {memory.stability:.1f} d"
