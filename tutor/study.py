"""A study session: what is due, what is new, and what a graded answer does to the schedule.

No Qt here: the window drives a ``StudySession`` and draws what it says, so the whole loop
can be tested in a plain Python session. Reviews are written through the store, one
transaction each, the moment their quality is known. Every new state is computed with the
same steps that replaying the log uses (``tutor.core.history``), so the log stays the truth.
"""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from tutor.bank import TOPIC_ORDER, Bank
from tutor.core.history import (
    apply_event,
    apply_review,
    is_marked_known,
    is_new,
    memory_of,
    replay,
    undone,
)
from tutor.core.problems import Problem
from tutor.core.records import (
    BURY,
    IMPLICIT,
    PRACTICE,
    RESET,
    REVIEW,
    SUSPEND,
    UNDO,
    UNSUSPEND,
)
from tutor.core.scheduling import EF_START_HUNDREDTHS, Memory, Scheduler
from tutor.rebuild import active_scheduler
from tutor.store import ReviewRecord, SkillEvent, SkillState

if TYPE_CHECKING:
    from tutor.store import Store

DEFAULT_NEW_PER_DAY = 5
DEFAULT_REVIEWS_PER_DAY = 200
MAX_NEW_PER_DAY = 50
MAX_REVIEWS_PER_DAY = 9999
ROLLOVER_HOUR = 4  # a study day starts at 4 am local time, as in Anki
GRADE_QUALITY = {"hard": 3, "good": 4, "easy": 5}
HINT_QUALITY_CAP = 3
PASSING_QUALITY = 4  # SM-2 step 7: below this, the skill comes back later the same day
CREDIT_QUALITY = 4  # a pass at this quality or more is credited to the prerequisites
MATURE_DAYS = 21  # Anki's line between young and mature
UPCOMING_DAYS = 7  # the Today screen's look ahead

WELCOMED_KEY = "welcomed"  # the first-run welcome was answered
NEW_PER_DAY_KEY = "new_per_day"
REVIEWS_PER_DAY_KEY = "reviews_per_day"
CREDIT_KEY = "credit_prerequisites"

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


def int_setting(store: Store, key: str, default: int, maximum: int = 9999) -> int:
    """A whole-number setting; anything unreadable (or out of range) gives the default."""
    value = (store.get_setting(key) or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 6):
        return default
    return int(value) if int(value) <= maximum else default


def skill_status(state: SkillState | None, today: date) -> str:
    """new / learning / mature / suspended / buried, as the skill browser shows it."""
    if state is not None and state.suspended:
        return "suspended"
    if state is not None and state.buried_until is not None and state.buried_until > today:
        return "buried"
    if is_new(state):
        return "new"
    return "mature" if state.interval_days >= MATURE_DAYS else "learning"


def days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


@dataclass(frozen=True)
class Overview:
    """What the Today screen shows."""

    due: int
    new: int
    redrill: int
    next_due: date | None
    credited_today: int = 0  # reviews saved today by credit flowing down the graph
    due_beyond_limit: int = 0  # due, but over today's review limit
    by_topic: tuple[tuple[str, int, int], ...] = ()  # (topic, due, new) in textbook order
    upcoming: tuple[tuple[date, int], ...] = ()  # skills falling due on each of the next days

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
    practice: bool = False


@dataclass(frozen=True)
class GradeOption:
    """What one grade button says will happen."""

    label: str
    tooltip: str


@dataclass
class Summary:
    reviewed: int = 0
    correct: int = 0
    next_due: date | None = None
    next_due_count: int = 0
    credited: int = 0


@dataclass(frozen=True)
class UndoResult:
    """What an undo took back, for the window to say and to show again."""

    description: str
    template_id: str
    item: Item | None  # the same variant, back unanswered (None when it cannot be shown)


@dataclass(frozen=True)
class Answer:
    """One answer taken on screen and not yet written (``StudySession.save`` writes it)."""

    item: Item
    answer: str
    verdict: str
    quality: int
    seconds: float
    hint_used: bool
    at: datetime  # when it was given: the review's moment, however late it is saved


Credits = list[tuple[ReviewRecord, SkillState]]


@dataclass
class _Queued:
    template_id: str
    redrill: bool
    new: bool
    last_seed: int | None = None
    seed: int | None = None  # fixed: an undone review comes back as the same variant


@dataclass
class StudySession:
    store: Store
    bank: Bank
    clock: Clock = utc_now
    rng: random.Random = field(default_factory=random.Random)
    _queue: list[_Queued] = field(default_factory=list)
    _session_reviews: list[tuple[int, int, int]] = field(default_factory=list)  # id, q, credits
    _last_stamp: datetime | None = None
    skipped: list[str] = field(default_factory=list)  # families that failed during this session, in words
    _snapshot: threading.local = field(default_factory=threading.local)  # see _one_read

    # -- settings ---------------------------------------------------------------------
    def today(self) -> date:
        return study_day(self.clock())

    @property
    def new_per_day(self) -> int:
        return int_setting(self.store, NEW_PER_DAY_KEY, DEFAULT_NEW_PER_DAY, MAX_NEW_PER_DAY)

    @property
    def reviews_per_day(self) -> int:
        return int_setting(self.store, REVIEWS_PER_DAY_KEY, DEFAULT_REVIEWS_PER_DAY, MAX_REVIEWS_PER_DAY)

    @property
    def credit_enabled(self) -> bool:
        return self.store.get_setting(CREDIT_KEY, "1") != "0"

    @property
    def scheduler(self) -> Scheduler:
        return active_scheduler(self.store)

    def _stamp(self) -> datetime:
        """Now, but strictly after the last thing this session wrote (the log's order)."""
        now = self.clock()
        if self._last_stamp is None:
            self._last_stamp = self._latest_logged()
        if self._last_stamp is not None and now <= self._last_stamp:
            now = self._last_stamp + timedelta(microseconds=1)
        self._last_stamp = now
        return now

    def _latest_logged(self) -> datetime | None:
        today = self.today()
        moments = [r.reviewed_at for r in self.store.reviews(day=today, include_undone=True)]
        moments += [e.at for e in self.store.events(day=today)]
        return max(moments, default=None)

    # -- what is on offer -------------------------------------------------------------
    @contextlib.contextmanager
    def _one_read(self) -> Iterator[None]:
        """Within it, this thread reads the states and today's reviews once.

        Today's overview asks a dozen questions of the same rows; on a server each read is a
        round trip. Per thread, so that a save on the saving thread never sees this snapshot."""
        if getattr(self._snapshot, "rows", None) is not None:
            yield
            return
        self._snapshot.rows = {}
        try:
            yield
        finally:
            self._snapshot.rows = None

    def _states(self) -> dict[str, SkillState]:
        rows = getattr(self._snapshot, "rows", None)
        if rows is None:
            return self.store.skill_states()
        if "states" not in rows:
            rows["states"] = self.store.skill_states()
        return rows["states"]

    def _reviews_today(self, kinds: Sequence[str]) -> list[ReviewRecord]:
        """Today's reviews that count, of these kinds, oldest first."""
        rows = getattr(self._snapshot, "rows", None)
        if rows is None:
            return self.store.reviews(day=self.today(), kinds=kinds)
        if "today" not in rows:
            rows["today"] = self.store.reviews(day=self.today())
        return [r for r in rows["today"] if r.kind in kinds]

    def _available(self, states: dict[str, SkillState], today: date) -> dict[str, SkillState]:
        """States of skills in the bank that are neither suspended nor buried today."""
        return {
            tid: s for tid, s in states.items()
            if tid in self.bank and skill_status(s, today) not in ("suspended", "buried")
        }

    def all_due_ids(self) -> list[str]:
        """Every due skill, the most overdue relative to its interval first."""
        today = self.today()
        due = [
            s for s in self._available(self._states(), today).values()
            if not is_new(s) and s.due <= today
        ]
        due.sort(key=lambda s: (-((today - s.due).days + 1) / max(s.interval_days, 1), s.due, s.template_id))
        return [s.template_id for s in due]

    def reviews_done_today(self) -> int:
        """Scheduled reviews answered today; a new skill's first review counts as new, not here."""
        return sum(
            r.moves_schedule and r.kind == REVIEW and r.interval_before > 0
            for r in self._reviews_today((REVIEW,))
        )

    def due_ids(self) -> list[str]:
        """Due skills within today's review limit."""
        room = max(0, self.reviews_per_day - self.reviews_done_today())
        return self.all_due_ids()[:room]

    def new_ids(self) -> list[str]:
        """Skills never reviewed whose prerequisites have each been passed, up to today's limit."""
        today = self.today()
        states = self._states()
        introduced = sum(s.introduced_on == today for s in states.values()) - len(self._known_today())
        room = max(0, self.new_per_day - introduced)
        offered = []
        for tid in self.bank.learning_order():
            if len(offered) >= room:
                break
            state = states.get(tid)
            if not is_new(state) or skill_status(state, today) != "new":
                continue
            prerequisites = (p for p in self.bank[tid].prerequisites if p in self.bank)
            if all(states.get(p) is not None and states[p].passed for p in prerequisites):
                offered.append(tid)
        return offered

    def redrill_ids(self) -> list[str]:
        """Skills whose latest answer today scored below 4 (SM-2 step 7)."""
        latest: dict[str, int] = {}
        for review in self._reviews_today((REVIEW,)):
            latest[review.template_id] = review.quality
        available = self._available(self._states(), self.today())
        return [
            tid for tid, q in latest.items()
            if q < PASSING_QUALITY and tid in available and not is_new(available[tid])
        ]

    def credited_today(self) -> int:
        return sum(not is_marked_known(r) for r in self._reviews_today((IMPLICIT,)))

    def _known_today(self) -> list[ReviewRecord]:
        return [r for r in self._reviews_today((IMPLICIT,)) if is_marked_known(r)]

    # -- first run --------------------------------------------------------------------
    @property
    def welcomed(self) -> bool:
        """Whether the first-run welcome has been answered (or there is a history already)."""
        return self.store.get_setting(WELCOMED_KEY) == "1" or bool(self.store.skill_states())

    def mark_known(self, topics: Iterable[str]) -> int:
        """The learner already knows these topics: each of their new skills starts as reviewed
        (an implicit review at Good, so the log still holds the truth and replays it), not as a
        new skill, and does not use up today's new skills. Returns how many were marked."""
        chosen = set(topics)

        def write() -> int:
            today, scheduler = self.today(), self.scheduler
            states = self.store.skill_states()
            marked = 0
            for tid in self.bank.learning_order():
                if self.bank[tid].topic not in chosen or not is_new(states.get(tid)):
                    continue
                review = ReviewRecord(
                    template_id=tid, seed=0, answer="", verdict="correct", quality=CREDIT_QUALITY,
                    seconds=0.0, hint_used=False, redrill=False, reviewed_at=self._stamp(), day=today,
                    ef_before=EF_START_HUNDREDTHS, interval_before=0, repetitions_before=0, kind=IMPLICIT,
                )
                self.store.record_review(review, apply_review(states.get(tid), review, scheduler))
                marked += 1
            self.store.set_setting(WELCOMED_KEY, "1")
            return marked

        return self.store.atomically(write)

    def overview(self) -> Overview:
        with self._one_read():
            return self._overview()

    def _overview(self) -> Overview:
        all_due = self.all_due_ids()
        due = self.due_ids()
        new = self.new_ids()
        return Overview(
            due=len(due),
            new=len(new),
            redrill=len([t for t in self.redrill_ids() if t not in due]),
            next_due=self.next_due()[0],
            credited_today=self.credited_today(),
            due_beyond_limit=len(all_due) - len(due),
            by_topic=self._by_topic(due, new),
            upcoming=self.upcoming(),
        )

    def _by_topic(self, due: list[str], new: list[str]) -> tuple[tuple[str, int, int], ...]:
        """(topic, due, new) for each topic with something on offer today, in textbook order."""
        counts: dict[str, list[int]] = {}
        for tid, column in [(t, 0) for t in due] + [(t, 1) for t in new]:
            counts.setdefault(self.bank[tid].topic, [0, 0])[column] += 1
        order = {topic: k for k, topic in enumerate(TOPIC_ORDER)}
        ranked = sorted(counts.items(), key=lambda item: order.get(item[0], len(order)))
        return tuple((topic, d, n) for topic, (d, n) in ranked)

    def upcoming(self, days: int = UPCOMING_DAYS) -> tuple[tuple[date, int], ...]:
        """How many skills fall due on each of the next ``days`` days (tomorrow first)."""
        today = self.today()
        states = self._states().values()
        dues = [s.due for s in states if s.template_id in self.bank and not s.suspended and not is_new(s)]
        return tuple(
            (today + timedelta(days=k), dues.count(today + timedelta(days=k))) for k in range(1, days + 1)
        )

    def next_due(self) -> tuple[date | None, int]:
        """The next day something is due after today, and how many skills fall due then."""
        today = self.today()
        later = [
            s.due for s in self._states().values()
            if s.template_id in self.bank and not is_new(s) and not s.suspended and s.due > today
        ]
        if not later:
            return None, 0
        first = min(later)
        return first, later.count(first)

    # -- the session ------------------------------------------------------------------
    def start(self) -> int:
        """Build the queue: due skills, then new ones in prerequisite order, then re-drills."""
        with self._one_read():
            due, new, redrill = self.due_ids(), self.new_ids(), self.redrill_ids()
        self._queue = [_Queued(t, redrill=False, new=False) for t in due]
        self._queue += [_Queued(t, redrill=False, new=True) for t in new]
        self._queue += [_Queued(t, redrill=True, new=False) for t in redrill if t not in due]
        self._session_reviews = []
        return len(self._queue)

    @property
    def remaining(self) -> int:
        return len(self._queue)

    @property
    def done(self) -> int:
        return len(self._session_reviews)

    def next_item(self) -> Item | None:
        """The next review, as a fresh variant (a new seed every time), or None when done.

        A family that fails to make its variant (a learner's file, for a seed its check did
        not try) is skipped for this session and said in ``skipped``: it never blocks the rest.
        """
        while self._queue:
            queued = self._queue[0]
            seed = queued.seed if queued.seed is not None else self._fresh_seed(queued.last_seed)
            try:
                problem = self.bank[queued.template_id].generate(seed)
            except Exception as e:  # noqa: BLE001 - any failure of a family's code or data
                self._skip(queued.template_id, seed, e)
                continue
            return Item(queued.template_id, seed, problem, queued.redrill, queued.new)
        return None

    def _skip(self, template_id: str, seed: int, error: Exception) -> None:
        self._queue = [q for q in self._queue if q.template_id != template_id]
        title = self.bank[template_id].title if template_id in self.bank else template_id
        self.skipped.append(
            f"“{title}” ({template_id}) was skipped: it could not make a problem for seed {seed} "
            f"({type(error).__name__}: {error}). Its file needs fixing; everything else goes on."
        )

    def _fresh_seed(self, avoid: int | None) -> int:
        seed = self.rng.randrange(1, 2**31)
        while seed == avoid:
            seed = self.rng.randrange(1, 2**31)
        return seed

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
        """Take one answer, write it (one transaction) and move the queue on: ``take``,
        ``save`` and ``saved`` in a row (the window runs ``save`` on its saver's thread).

        The first review of a skill on a study day moves its schedule; later re-drills the
        same day are logged but leave it alone. A quality below 4 sends the skill to the back
        of the queue as a new variant. A pass at 4 or more also counts as a review of each
        direct prerequisite that is due (when that setting is on).
        """
        taken = self.take(item, answer=answer, verdict=verdict, quality=quality, seconds=seconds,
                          hint_used=hint_used)
        review, credits = self.save(taken)
        self.saved(review, credits)
        return review

    def take(
        self, item: Item, *, answer: str, verdict: str, quality: int, seconds: float, hint_used: bool
    ) -> Answer:
        """The answer on screen, stamped now, and the queue moved on (no database work)."""
        taken = Answer(item, answer, verdict, quality, round(seconds, 3), hint_used, self._stamp())
        if self._queue and self._queue[0].template_id == item.template_id:
            self._queue.pop(0)
        if quality < PASSING_QUALITY and not any(q.template_id == item.template_id for q in self._queue):
            self._queue.append(_Queued(item.template_id, redrill=True, new=False, last_seed=item.seed))
        return taken

    def save(self, taken: Answer) -> tuple[ReviewRecord, Credits]:
        """Write a taken answer in one transaction. Safe on any thread: it reads the state
        under the learner's write lock (``Store.atomically``), so another machine's review of
        the same skill cannot slip in between, and changes nothing in memory."""
        item, now = taken.item, taken.at
        today = study_day(now)

        def write() -> tuple[ReviewRecord, Credits]:
            before = self.store.skill_state(item.template_id)
            memory = memory_of(before)
            review = ReviewRecord(
                template_id=item.template_id, seed=item.seed, answer=taken.answer, verdict=taken.verdict,
                quality=taken.quality, seconds=taken.seconds, hint_used=taken.hint_used,
                redrill=self._moved_today(item.template_id, today), reviewed_at=now, day=today,
                ef_before=memory.ef_hundredths, interval_before=memory.interval,
                repetitions_before=memory.repetitions,
            )
            scheduler = self.scheduler
            after = apply_review(before, review, scheduler)
            credits = self._credits(item.template_id, taken.quality, now, today, scheduler)
            review_id = self.store.record_review(review, after if review.moves_schedule else None, credits)
            return replace(review, id=review_id), credits

        return self.store.atomically(write)

    def saved(self, review: ReviewRecord, credits: Credits) -> None:
        """A taken answer is in the database: prerequisites it credited leave the queue, and
        it counts in the summary."""
        credited = {credit.template_id for credit, _ in credits}
        self._queue = [q for q in self._queue if q.template_id not in credited or q.redrill]
        self._session_reviews.append((review.id or 0, review.quality, len(credits)))

    def _moved_today(self, template_id: str, today: date) -> bool:
        """Did a review already move this skill's schedule today (since it was last reset)?"""
        reset_at = max(
            (e.at for e in self.store.events(day=today, template_id=template_id) if e.action == RESET),
            default=None,
        )
        return any(
            r.moves_schedule and (reset_at is None or r.reviewed_at > reset_at)
            for r in self.store.reviews(day=today, template_id=template_id)
        )

    def _credits(self, template_id, quality, now, today, scheduler) -> list[tuple[ReviewRecord, SkillState]]:
        """Implicit reviews of the due direct prerequisites that this pass earns."""
        if quality < CREDIT_QUALITY or not self.credit_enabled:
            return []
        states = self._available(self.store.skill_states(), today)
        credits = []
        for pre in self.bank[template_id].prerequisites:
            state = states.get(pre)
            if state is None or is_new(state) or state.due > today:
                continue
            implicit = ReviewRecord(
                template_id=pre, seed=0, answer="", verdict="correct", quality=CREDIT_QUALITY,
                seconds=0.0, hint_used=False, redrill=False, reviewed_at=now, day=today,
                ef_before=state.ef_hundredths, interval_before=state.interval_days,
                repetitions_before=state.repetitions, kind=IMPLICIT,
            )
            credits.append((implicit, apply_review(state, implicit, scheduler)))
        return credits

    def summary(self) -> Summary:
        summary = Summary(
            reviewed=len(self._session_reviews),
            correct=sum(q >= 3 for _, q, _ in self._session_reviews),
            credited=sum(c for *_, c in self._session_reviews),
        )
        summary.next_due, summary.next_due_count = self.next_due()
        return summary

    def refreshed(self, item: Item) -> Item:
        """The item with its re-drill flag as it is now (a study day may have begun since it
        was queued: then the answer moves the schedule after all)."""
        if item.practice:
            return item
        return replace(item, redrill=self._moved_today(item.template_id, self.today()))

    # -- grade buttons ----------------------------------------------------------------
    def grade_options(self, item: Item) -> dict[str, GradeOption]:
        """What each of Hard / Good / Easy will do, worded so that no two look the same
        without the reason shown (the next interval, then the one after, then the ease)."""
        if item.redrill or item.practice:
            return _unscheduled_options(item.practice)
        scheduler, now = self.scheduler, self.clock()
        memory = memory_of(self.store.skill_state(item.template_id))
        outcomes = {g: _outcome(scheduler, memory, q, now) for g, q in GRADE_QUALITY.items()}
        options = {}
        for grade, (again, first, then, after) in outcomes.items():
            label = f"{grade.capitalize()} · " + ("again today, then " if again else "") + days_text(first)
            twins = [o for g, o in outcomes.items() if g != grade and o[:2] == (again, first)]
            if twins and any(o[2] != then for o in twins):
                label += f" · then {days_text(then)}"
            elif twins:
                label += f" · {scheduler.describe(after)}"
            tooltip = (
                f"{grade.capitalize()}: next review in {days_text(first)}"
                + (" (and once more today with new numbers)" if again else "")
                + f"; after that, {days_text(then)} if you get it right. {scheduler.describe(after).capitalize()}."
            )
            options[grade] = GradeOption(label, tooltip)
        return options

    # -- bury, suspend, reset ---------------------------------------------------------
    def bury(self, template_id: str, seed: int | None = None) -> None:
        self._act(BURY, template_id, seed)

    def suspend(self, template_id: str, seed: int | None = None) -> None:
        self._act(SUSPEND, template_id, seed)

    def unsuspend(self, template_id: str) -> None:
        self._act(UNSUSPEND, template_id, None)

    def reset(self, template_id: str, seed: int | None = None) -> None:
        self._act(RESET, template_id, seed)

    def _act(self, action: str, template_id: str, seed: int | None) -> None:
        self.act_save(self.act_take(action, template_id), action, template_id, seed)

    def act_take(self, action: str, template_id: str) -> datetime:
        """Bury, suspend, unsuspend or reset on screen: the queue now; returns the moment."""
        if action != UNSUSPEND:
            self._queue = [q for q in self._queue if q.template_id != template_id]
        return self._stamp()

    def act_save(self, at: datetime, action: str, template_id: str, seed: int | None) -> None:
        """Write what ``act_take`` took (any thread, one transaction)."""
        def write() -> None:
            event = SkillEvent(template_id, action, at, study_day(at), seed=seed)
            state = apply_event(self.store.skill_state(template_id), event)
            self.store.record_event(event, {template_id: state})

        self.store.atomically(write)

    # -- undo -------------------------------------------------------------------------
    def undo_target(self, today: date | None = None) -> ReviewRecord | SkillEvent | None:
        """The latest thing done today that undo would take back: a scheduled answer (a
        grade, "I don't know", a re-drill) or a bury, suspend, unsuspend or reset."""
        today = today or self.today()
        events = self.store.events(day=today)
        gone = undone(events)
        candidates: list[tuple[datetime, int, int, ReviewRecord | SkillEvent]] = [
            (r.reviewed_at, 0, r.id or 0, r) for r in self.store.reviews(day=today, kinds=(REVIEW,))
        ]
        candidates += [(e.at, 1, e.id or 0, e) for e in events if e.action != UNDO and e.id not in gone.events]
        return max(candidates, key=lambda c: c[:3])[3] if candidates else None

    def undo_text(self) -> str | None:
        """"Undo Good on Cosine similarity" for the Edit menu, or None when there is nothing."""
        target = self.undo_target()
        return None if target is None else f"Undo {self._describe(target)}"

    def undo(self) -> UndoResult | None:
        """Take back the latest action: log an undo, replay the skills it touched from the log,
        and put the same variant back at the front of the queue, unanswered."""
        return self.undone(self.undo_save(self._stamp()))

    def undo_save(self, at: datetime) -> tuple[ReviewRecord | SkillEvent, dict[str, SkillState | None]] | None:
        """Write the undo of the latest action as of ``at`` (any thread, one transaction);
        ``undone`` then brings it back on screen."""
        def write() -> tuple[ReviewRecord | SkillEvent, dict[str, SkillState | None]] | None:
            target = self.undo_target(study_day(at))
            if target is None:
                return None
            is_review = isinstance(target, ReviewRecord)
            event = SkillEvent(
                target.template_id, UNDO, at, study_day(at),
                target_review=target.id if is_review else None,
                target_event=None if is_review else target.id,
            )
            touched = {target.template_id}
            if is_review:
                touched |= {r.template_id for r in self.store.reviews(day=target.day, kinds=(IMPLICIT,))
                            if r.credited_by == target.id}
            states = self._replayed(touched, event)
            self.store.record_event(event, states)
            return target, states

        return self.store.atomically(write)

    def undone(self, done: tuple[ReviewRecord | SkillEvent, dict[str, SkillState | None]] | None) -> UndoResult | None:
        """What ``undo_save`` took back, back on screen (the session's memory only)."""
        if done is None:
            return None
        target, states = done
        is_review = isinstance(target, ReviewRecord)
        self._session_reviews = [s for s in self._session_reviews if not (is_review and s[0] == target.id)]
        item = self._bring_back(target, states.get(target.template_id))
        return UndoResult(self._describe(target), target.template_id, item)

    def _replayed(self, template_ids: set[str], undo_event: SkillEvent) -> dict[str, SkillState | None]:
        events = self.store.events()
        gone = undone([*events, undo_event])
        reviews = [  # practice never moves a schedule: no need to read it
            r for tid in template_ids
            for r in self.store.reviews(template_id=tid, include_undone=True, kinds=(REVIEW, IMPLICIT))
        ]
        mine = [e for e in events if e.template_id in template_ids]
        states = replay(reviews, mine, self.scheduler, undo=gone)
        return {tid: states.get(tid) for tid in template_ids}

    def _bring_back(self, target: ReviewRecord | SkillEvent, state: SkillState | None) -> Item | None:
        tid = target.template_id
        if target.seed is None or tid not in self.bank:
            return None  # not done on a variant (from the skill browser): nothing to show again
        if skill_status(state, self.today()) in ("suspended", "buried"):
            return None
        seed = target.seed
        redrill = isinstance(target, ReviewRecord) and target.redrill
        self._queue = [q for q in self._queue if q.template_id != tid]
        self._queue.insert(0, _Queued(tid, redrill=redrill, new=is_new(state), seed=seed))
        return self.next_item()

    def describe(self, taken: Answer) -> str:
        """"Good on Cosine similarity": what undoing a taken answer would take back."""
        review = ReviewRecord(
            template_id=taken.item.template_id, seed=taken.item.seed, answer=taken.answer,
            verdict=taken.verdict, quality=taken.quality, seconds=taken.seconds, hint_used=taken.hint_used,
            redrill=False, reviewed_at=taken.at, day=study_day(taken.at), ef_before=0, interval_before=0,
            repetitions_before=0,
        )
        return self._describe(review)

    def _describe(self, target: ReviewRecord | SkillEvent) -> str:
        title = self.bank[target.template_id].title if target.template_id in self.bank else target.template_id
        if isinstance(target, SkillEvent):
            return f"{target.action} of {title}"
        if target.verdict == "dont_know":
            return f"“I don't know” on {title}"
        if target.verdict == "correct":
            grade = {3: "Hard", 4: "Good", 5: "Easy"}.get(target.quality, "grade")
            return f"{grade} on {title}"
        return f"answer to {title}"


def _outcome(scheduler: Scheduler, memory: Memory, quality: int, now: datetime) -> tuple[bool, int, int, Memory]:
    """(comes back today, next interval, the interval after that if then passed, memory after)."""
    after = scheduler.review(memory, quality, now)
    then = scheduler.review(after, PASSING_QUALITY, now + timedelta(days=after.interval))
    return quality < PASSING_QUALITY, after.interval, then.interval, after


def _unscheduled_options(practice: bool) -> dict[str, GradeOption]:
    why = "Practice never moves the schedule." if practice else (
        "This skill's schedule was already set today; a re-drill only decides whether it comes back today."
    )
    return {
        "hard": GradeOption("Hard · again today", f"Hard: once more today with new numbers. {why}"),
        "good": GradeOption("Good · done for today", f"Good: done for today. {why}"),
        "easy": GradeOption("Easy · done for today", f"Easy: done for today. {why}"),
    }


__all__ = [
    "DEFAULT_NEW_PER_DAY",
    "GRADE_QUALITY",
    "HINT_QUALITY_CAP",
    "PRACTICE",
    "GradeOption",
    "Item",
    "Overview",
    "StudySession",
    "Summary",
    "UndoResult",
    "quality_for",
    "skill_status",
    "study_day",
]
