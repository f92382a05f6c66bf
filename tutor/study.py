"""A study session: what is due, what is new, and what a graded answer does to the schedule.

No Qt here: the window drives a ``StudySession`` and draws what it says, so the whole loop
can be tested in a plain Python session. Reviews are written through the store, one
transaction each, the moment their quality is known.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from tutor.bank import Bank
from tutor.core.problems import Problem
from tutor.core.scheduling import SM2State, next_due, sm2_review
from tutor.store import ReviewRecord, SkillState, Store

DEFAULT_NEW_PER_DAY = 5
ROLLOVER_HOUR = 4  # a study day starts at 4 am local time, as in Anki
GRADE_QUALITY = {"hard": 3, "good": 4, "easy": 5}
HINT_QUALITY_CAP = 3
PASSING_QUALITY = 4  # SM-2 step 7: below this, the skill comes back later the same day

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def study_day(moment: datetime, rollover_hour: int = ROLLOVER_HOUR) -> date:
    """The local calendar day a moment belongs to, with the day starting at ``rollover_hour``."""
    return (moment.astimezone() - timedelta(hours=rollover_hour)).date()


def quality_for(verdict: str, grade: str | None = None, hint_used: bool = False) -> int:
    """SM-2 quality of an outcome: correct → the learner's grade (3/4/5, at most 3 after a
    hint); close → 2; wrong → 1; "I don't know" → 0."""
    if verdict == "correct":
        q = GRADE_QUALITY[grade or "good"]
        return min(q, HINT_QUALITY_CAP) if hint_used else q
    return {"close": 2, "wrong": 1, "dont_know": 0}[verdict]


@dataclass(frozen=True)
class Overview:
    """What the Today screen shows."""

    due: int
    new: int
    redrill: int
    next_due: date | None

    @property
    def total(self) -> int:
        return self.due + self.new + self.redrill


@dataclass(frozen=True)
class Item:
    """One review in the session: a fresh variant of a skill."""

    template_id: str
    seed: int
    problem: Problem
    redrill: bool
    new: bool


@dataclass
class Summary:
    reviewed: int = 0
    correct: int = 0
    next_due: date | None = None
    next_due_count: int = 0


@dataclass
class _Queued:
    template_id: str
    redrill: bool
    new: bool
    last_seed: int | None = None


@dataclass
class StudySession:
    store: Store
    bank: Bank
    clock: Clock = utc_now
    rng: random.Random = field(default_factory=random.Random)
    _queue: list[_Queued] = field(default_factory=list)
    _summary: Summary = field(default_factory=Summary)
    _done: int = 0

    # -- what is on offer -------------------------------------------------------------
    def today(self) -> date:
        return study_day(self.clock())

    @property
    def new_per_day(self) -> int:
        value = self.store.get_setting("new_per_day")
        return int(value) if value and value.isdigit() else DEFAULT_NEW_PER_DAY

    def due_ids(self) -> list[str]:
        today = self.today()
        states = self.store.skill_states()
        due = [s for s in states.values() if s.due <= today and s.template_id in self.bank]
        return [s.template_id for s in sorted(due, key=lambda s: (s.due, s.template_id))]

    def new_ids(self) -> list[str]:
        seen = self.store.skill_states()
        room = max(0, self.new_per_day - self.store.introduced_count(self.today()))
        return [tid for tid in self.bank.learning_order() if tid not in seen][:room]

    def redrill_ids(self) -> list[str]:
        """Skills whose latest review today scored below 4 (SM-2 step 7)."""
        latest: dict[str, int] = {}
        for review in self.store.reviews(day=self.today()):
            latest[review.template_id] = review.quality
        return [tid for tid, q in latest.items() if q < PASSING_QUALITY and tid in self.bank]

    def overview(self) -> Overview:
        return Overview(
            due=len(self.due_ids()),
            new=len(self.new_ids()),
            redrill=len(self.redrill_ids()),
            next_due=self.next_due()[0],
        )

    def next_due(self) -> tuple[date | None, int]:
        """The next day something is due after today, and how many skills fall due then."""
        today = self.today()
        later = [s.due for s in self.store.skill_states().values() if s.due > today]
        if not later:
            return None, 0
        first = min(later)
        return first, later.count(first)

    # -- the session ------------------------------------------------------------------
    def start(self) -> int:
        """Build the queue: due skills, then new ones in prerequisite order, then re-drills."""
        due, new, redrill = self.due_ids(), self.new_ids(), self.redrill_ids()
        self._queue = [_Queued(t, redrill=False, new=False) for t in due]
        self._queue += [_Queued(t, redrill=False, new=True) for t in new]
        self._queue += [_Queued(t, redrill=True, new=False) for t in redrill if t not in due]
        self._summary = Summary()
        self._done = 0
        return len(self._queue)

    @property
    def remaining(self) -> int:
        return len(self._queue)

    @property
    def done(self) -> int:
        return self._done

    def next_item(self) -> Item | None:
        """The next review, as a fresh variant (a new seed every time), or None when done."""
        if not self._queue:
            return None
        queued = self._queue[0]
        seed = self.rng.randrange(1, 2**31)
        while seed == queued.last_seed:
            seed = self.rng.randrange(1, 2**31)
        problem = self.bank[queued.template_id].generate(seed)
        return Item(queued.template_id, seed, problem, queued.redrill, queued.new)

    def record(
        self,
        item: Item,
        *,
        answer: str,
        verdict: str,
        quality: int,
        seconds: float,
        hint_used: bool,
    ) -> ReviewRecord:
        """Write one review (one transaction) and move the queue on.

        The first review of a skill on a study day moves its SM-2 schedule; later re-drills
        the same day are logged but leave EF and the interval alone. A quality below 4 sends
        the skill to the back of the queue as a new variant.
        """
        now, today = self.clock(), self.today()
        before = self.store.skill_state(item.template_id)
        state = SM2State(before.ef_hundredths, before.interval_days, before.repetitions) if before else SM2State()
        redrill = any(not r.redrill for r in self.store.reviews(day=today, template_id=item.template_id))
        review = ReviewRecord(
            template_id=item.template_id, seed=item.seed, answer=answer, verdict=verdict,
            quality=quality, seconds=round(seconds, 3), hint_used=hint_used, redrill=redrill,
            reviewed_at=now, day=today, ef_before=state.ef_hundredths,
            interval_before=state.interval, repetitions_before=state.repetitions,
        )
        new_state = None if redrill else self._scheduled(item.template_id, state, quality, before, now)
        self.store.record_review(review, new_state)
        self._advance(item, quality)
        return review

    def _scheduled(self, template_id, state, quality, before, now) -> SkillState:
        after = sm2_review(state, quality)
        today = self.today()
        return SkillState(
            template_id=template_id, ef_hundredths=after.ef_hundredths,
            interval_days=after.interval, repetitions=after.repetitions,
            due=next_due(today, after), last_reviewed=now,
            introduced_on=before.introduced_on if before and before.introduced_on else today,
        )

    def _advance(self, item: Item, quality: int) -> None:
        if self._queue and self._queue[0].template_id == item.template_id:
            self._queue.pop(0)
        self._done += 1
        self._summary.reviewed += 1
        self._summary.correct += quality >= 3
        if quality < PASSING_QUALITY and not any(q.template_id == item.template_id for q in self._queue):
            self._queue.append(_Queued(item.template_id, redrill=True, new=False, last_seed=item.seed))

    def summary(self) -> Summary:
        self._summary.next_due, self._summary.next_due_count = self.next_due()
        return self._summary
