"""Consistent histories written through the real Store, for the export, import, rebuild and
backup tests: every state comes from ``apply_review``/``apply_event`` (or ``replay``), so the
log and the states agree exactly as they do after studying."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tutor.core.history import apply_event, apply_review, replay, undone
from tutor.core.records import (
    BURY,
    IMPLICIT,
    PRACTICE,
    RESET,
    SUSPEND,
    UNDO,
    UNSUSPEND,
    ReviewRecord,
    SkillEvent,
)
from tutor.core.scheduling import SM2Scheduler
from tutor.store import Store

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SKILL = "calculus.chain_rule"
PREREQUISITE = "calculus.derivative_table"
OTHER = "calculus.derivative_limit"
SCHEDULER = SM2Scheduler()


class HistoryWriter:
    """Answers and events written the way the study session writes them."""

    def __init__(self, store: Store, start: datetime = START) -> None:
        self.store = store
        self.now = start
        self.seed = 100

    def _tick(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now

    def next_day(self) -> None:
        self.now = self.now.replace(hour=9, minute=0) + timedelta(days=1)

    def answer(
        self, template_id: str, quality: int, *, kind: str = "review", redrill: bool = False,
        credit: tuple[str, ...] = (),
    ) -> int:
        at = self._tick()
        self.seed += 1
        state = self.store.skill_state(template_id)
        review = _review(template_id, self.seed, quality, at, state, kind=kind, redrill=redrill)
        after = apply_review(state, review, SCHEDULER)
        credits = []
        for prerequisite in credit:
            before = self.store.skill_state(prerequisite)
            implicit = _review(prerequisite, self.seed, 4, at, before, kind=IMPLICIT)
            credits.append((implicit, apply_review(before, implicit, SCHEDULER)))
        moved = after if review.moves_schedule else None
        return self.store.record_review(review, moved, credits)

    def act(self, template_id: str, action: str) -> int:
        event = SkillEvent(template_id, action, self._tick(), _day(self.now), seed=self.seed)
        state = apply_event(self.store.skill_state(template_id), event)
        return self.store.record_event(event, {template_id: state})

    def undo(self, *, review: int | None = None, event: int | None = None) -> int:
        """Log an undo and replay the skills it touches from the log, as ``StudySession.undo``."""
        reviews = self.store.reviews(include_undone=True)
        if review is not None:
            target = next(r for r in reviews if r.id == review)
        else:
            target = next(e for e in self.store.events() if e.id == event)
        undo = SkillEvent(target.template_id, UNDO, self._tick(), _day(self.now),
                          target_review=review, target_event=event)
        touched = {target.template_id} | {r.template_id for r in reviews if r.credited_by == review}
        events = self.store.events()
        states = replay(
            [r for r in reviews if r.template_id in touched],
            [e for e in events if e.template_id in touched], SCHEDULER,
            undo=undone([*events, undo]),
        )
        return self.store.record_event(undo, {tid: states.get(tid) for tid in touched})


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def _review(template_id, seed, quality, at, state, *, kind="review", redrill=False) -> ReviewRecord:
    verdict = "correct" if quality >= 3 else ("dont_know" if quality == 0 else "wrong")
    return ReviewRecord(
        template_id=template_id, seed=seed, answer="" if quality == 0 else "0.5", verdict=verdict,
        quality=quality, seconds=4.25 + quality, hint_used=quality == 3, redrill=redrill,
        reviewed_at=at, day=_day(at), ef_before=state.ef_hundredths if state else 250,
        interval_before=state.interval_days if state else 0,
        repetitions_before=state.repetitions if state else 0, kind=kind,
    )


def write_history(data_dir: Path, start: datetime = START) -> None:
    """Three skills over a week: passes with credit, misses and re-drills, practice, bury,
    suspend/unsuspend, a reset, an undone review (with its credit) and an undone bury."""
    with Store.open(data_dir) as store:
        store.set_setting("new_per_day", "7")
        w = HistoryWriter(store, start)
        w.answer(PREREQUISITE, 4)
        w.answer(OTHER, 2)
        w.answer(OTHER, 4, redrill=True)
        w.next_day()
        w.answer(SKILL, 5, credit=(PREREQUISITE,))
        w.answer(OTHER, 1)
        w.answer(OTHER, 0, kind=PRACTICE)
        w.next_day()
        undone_pass = w.answer(SKILL, 4, credit=(PREREQUISITE,))
        w.undo(review=undone_pass)
        w.act(OTHER, BURY)
        w.next_day()
        bury = w.act(SKILL, BURY)
        w.undo(event=bury)
        w.act(OTHER, SUSPEND)
        w.answer(SKILL, 3)
        w.next_day()
        w.act(OTHER, UNSUSPEND)
        w.answer(OTHER, 5)
        w.act(PREREQUISITE, RESET)
        w.answer(PREREQUISITE, 4)

