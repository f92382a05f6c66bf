"""Practice drills: variants back to back, outside the schedule.

A drill's answers are logged as practice: they never move a skill's schedule and never make
a re-drill. Weak spots are the skills with the most recent misses.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from tutor.bank import Bank
from tutor.core.history import memory_of
from tutor.core.records import PRACTICE, REVIEW, UNDO
from tutor.store import ReviewRecord, SkillEvent

if TYPE_CHECKING:
    from tutor.store import Store
from tutor.study import Clock, Item, study_day, utc_now

DEFAULT_DRILL_COUNT = 10
WEAK_SPOT_DAYS = 30
WEAK_SPOT_SKILLS = 5
MISS_QUALITY = 3  # below this an answer is a miss


def drill_skills(bank: Bank, skills: list[str] | None = None, topics: list[str] | None = None) -> list[str]:
    """The skills a drill covers: those named plus every skill of the topics named, in
    learning order; everything when nothing is named. Unknown names are an error."""
    unknown = [s for s in skills or () if s not in bank]
    known_topics = {t.topic for t in bank.values()}
    unknown += [f"topic {t!r}" for t in topics or () if t not in known_topics]
    if unknown:
        raise ValueError(f"not in the problem bank: {', '.join(unknown)}")
    if skills is None and topics is None:
        return bank.learning_order()
    wanted = set(skills or ()) | {tid for tid, t in bank.items() if t.topic in set(topics or ())}
    return [tid for tid in bank.learning_order() if tid in wanted]


def weak_spots(store: Store, today: date, days: int = WEAK_SPOT_DAYS, limit: int = WEAK_SPOT_SKILLS) -> list[str]:
    """Skills with the most misses in the last ``days`` days (scheduled or practice), the
    most-missed first, the most recently missed breaking ties. Reads the store's cached
    review facts, so it is quick even on a long history."""
    misses: Counter[str] = Counter()
    latest: dict[str, int] = {}  # log ids grow with time: the largest is the latest miss
    for fact in store.review_facts(since=today - timedelta(days=days - 1)):
        if fact.kind in (REVIEW, PRACTICE) and fact.quality < MISS_QUALITY:
            misses[fact.template_id] += 1
            latest[fact.template_id] = max(latest.get(fact.template_id, 0), fact.id)
    ranked = sorted(misses, key=lambda t: (-misses[t], -latest[t], t))
    return ranked[:limit]


@dataclass
class DrillSummary:
    answered: int
    correct: int
    seconds: float
    revisit: list[str]  # skills missed in this drill, in the order they were first missed

    @property
    def score(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass
class DrillAnswer:
    """One drill answer, taken on screen; ``review_id`` is set once it is written."""

    item: Item
    answer: str
    verdict: str
    quality: int
    seconds: float
    hint_used: bool
    at: datetime
    review_id: int | None = None


@dataclass
class Drill:
    """``count`` questions, or as many as fit in ``time_limit`` seconds, over ``skills``."""

    store: Store
    bank: Bank
    skills: list[str]
    count: int | None = DEFAULT_DRILL_COUNT
    time_limit: float | None = None
    clock: Clock = utc_now
    rng: random.Random = field(default_factory=random.Random)
    _answers: list[DrillAnswer] = field(default_factory=list)
    _pending: Item | None = None
    _started: datetime | None = None
    _order: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # families that failed to make a problem, in words

    def __post_init__(self) -> None:
        if not self.skills:
            raise ValueError("a drill needs at least one skill")
        if self.count is None and self.time_limit is None:
            self.count = DEFAULT_DRILL_COUNT
        self._started = self.clock()

    @property
    def answered(self) -> int:
        return len(self._answers)

    @property
    def total(self) -> int | None:
        """Questions in the drill (None for a timed drill)."""
        return self.count

    def seconds_left(self) -> float | None:
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - (self.clock() - self._started).total_seconds())

    def finished(self) -> bool:
        if self.count is not None and self.answered >= self.count:
            return True
        left = self.seconds_left()
        return left is not None and left <= 0

    def next_item(self) -> Item | None:
        """The next variant (the same one again after an undo), or None when the drill is over."""
        if self._pending is not None:
            return self._pending
        if self.finished():
            return None
        if not self._order:
            self._order = list(self.skills)
            self.rng.shuffle(self._order)
        while self._order:
            tid = self._order.pop(0)
            seed = self.rng.randrange(1, 2**31)
            try:
                problem = self.bank[tid].generate(seed)
            except Exception as e:  # noqa: BLE001 - a learner's family failing for one seed
                self.skipped.append(f"{self.bank[tid].title} ({tid}) was skipped: it could not make a problem "
                                    f"for seed {seed} ({type(e).__name__}: {e}).")
                self.skills = [s for s in self.skills if s != tid]
                self._order = [s for s in self._order if s != tid]
                continue
            self._pending = Item(tid, seed, problem, redrill=False, new=False, practice=True)
            return self._pending
        if not self.skills:
            return None
        return self.next_item()

    def record(self, item: Item, *, answer: str, verdict: str, quality: int, seconds: float, hint_used: bool) -> ReviewRecord:
        """Log one practice answer; the skill's schedule is not touched (``take`` + ``save``)."""
        return self.save(self.take(item, answer=answer, verdict=verdict, quality=quality, seconds=seconds,
                                   hint_used=hint_used))

    def take(
        self, item: Item, *, answer: str, verdict: str, quality: int, seconds: float, hint_used: bool
    ) -> DrillAnswer:
        """The answer on screen: counted now, written by ``save`` (no database work)."""
        taken = DrillAnswer(item, answer, verdict, quality, round(seconds, 3), hint_used, self.clock())
        self._answers.append(taken)
        self._pending = None
        return taken

    def save(self, taken: DrillAnswer) -> ReviewRecord:
        """Write a taken practice answer (any thread)."""
        return save_practice(self.store, taken)

    def can_undo(self) -> bool:
        return bool(self._answers)

    def undo(self) -> Item | None:
        """Take back the last answer of this drill and bring the same variant back."""
        taken = self.undo_take()
        if taken is not None:
            self.undo_save(taken)
        return self._pending if taken is not None else None

    def undo_take(self) -> DrillAnswer | None:
        """Take back the last answer on screen: the same variant comes back (no database work)."""
        if not self._answers:
            return None
        taken = self._answers.pop()
        if self._pending is not None:
            self._order.insert(0, self._pending.template_id)
        self._pending = taken.item
        return taken

    def undo_save(self, taken: DrillAnswer) -> None:
        """Log the undo of a written answer (any thread; after its ``save``)."""
        if taken.review_id is None:
            raise RuntimeError("the answer to undo was never saved")
        now = self.clock()
        event = SkillEvent(taken.item.template_id, UNDO, now, study_day(now), target_review=taken.review_id)
        self.store.record_event(event, {})

    def summary(self) -> DrillSummary:
        revisit: list[str] = []
        for taken in self._answers:
            tid = taken.item.template_id
            if taken.quality < MISS_QUALITY + 1 and tid not in revisit:  # below Good: worth another look
                revisit.append(tid)
        return DrillSummary(
            answered=self.answered,
            correct=sum(taken.quality >= MISS_QUALITY for taken in self._answers),
            seconds=(self.clock() - self._started).total_seconds(),
            revisit=revisit,
        )


def save_practice(store: Store, taken: DrillAnswer) -> ReviewRecord:
    """Write a practice answer to the log; it never moves the schedule (any thread)."""
    item, now = taken.item, taken.at
    memory = memory_of(store.skill_state(item.template_id))
    review = ReviewRecord(
        template_id=item.template_id, seed=item.seed, answer=taken.answer, verdict=taken.verdict,
        quality=taken.quality, seconds=taken.seconds, hint_used=taken.hint_used, redrill=False,
        reviewed_at=now, day=study_day(now), ef_before=memory.ef_hundredths,
        interval_before=memory.interval, repetitions_before=memory.repetitions, kind=PRACTICE,
    )
    taken.review_id = store.record_review(review, None)
    return review
