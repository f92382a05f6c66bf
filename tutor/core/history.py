"""The log is the truth: a skill's state is what replaying its reviews and events gives.

``apply_review`` and ``apply_event`` are the single steps; the study session uses them to
write each new state, and ``replay`` folds them over a whole log (``tutor rebuild``, undo,
switching scheduler), so the two can never disagree. Undone reviews and events are skipped,
and so is implicit credit earned by a review that was undone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tutor.core.records import (
    BURY,
    IMPLICIT,
    RESET,
    SUSPEND,
    UNDO,
    UNSUSPEND,
    ReviewRecord,
    SkillEvent,
    SkillState,
)
from tutor.core.scheduling import EF_START_HUNDREDTHS, Memory, Scheduler

PASS_QUALITY = 3  # quality that counts as a pass (SM-2: "correct response")


def new_state(template_id: str, day: date) -> SkillState:
    """A skill nobody has reviewed (kept as a row only when it is buried or suspended)."""
    return SkillState(
        template_id=template_id, ef_hundredths=EF_START_HUNDREDTHS, interval_days=0,
        repetitions=0, due=day, last_reviewed=None, introduced_on=None,
    )


def is_marked_known(review: ReviewRecord) -> bool:
    """An implicit review of a skill never seen: the learner said on the first run that they
    know its topic. (Credit flowing down the graph only reaches skills already reviewed.)"""
    return review.kind == IMPLICIT and review.interval_before == 0


def is_new(state: SkillState | None) -> bool:
    return state is None or state.introduced_on is None


def memory_of(state: SkillState | None) -> Memory:
    if state is None or state.introduced_on is None:
        return Memory()
    return Memory(
        ef_hundredths=state.ef_hundredths, interval=state.interval_days,
        repetitions=state.repetitions, stability=state.stability, difficulty=state.difficulty,
        last_review=state.last_reviewed,
    )


def apply_review(state: SkillState | None, review: ReviewRecord, scheduler: Scheduler) -> SkillState | None:
    """The state after one logged answer. Practice and same-day re-drills change nothing."""
    if not review.moves_schedule:
        return state
    memory = scheduler.review(memory_of(state), review.quality, review.reviewed_at)
    base = state or new_state(review.template_id, review.day)
    return replace(
        base, ef_hundredths=memory.ef_hundredths, interval_days=memory.interval,
        repetitions=memory.repetitions, stability=memory.stability, difficulty=memory.difficulty,
        due=review.day + timedelta(days=memory.interval), last_reviewed=review.reviewed_at,
        introduced_on=base.introduced_on or review.day,
        passed=base.passed or review.quality >= PASS_QUALITY,
    )


def apply_event(state: SkillState | None, event: SkillEvent) -> SkillState | None:
    """The state after bury, suspend, unsuspend or reset (undo is handled by ``replay``)."""
    if event.action == RESET:
        return None
    base = state or new_state(event.template_id, event.day)
    if event.action == BURY:
        return replace(base, buried_until=event.day + timedelta(days=1))
    if event.action == SUSPEND:
        return replace(base, suspended=True)
    if event.action == UNSUSPEND:
        state = replace(base, suspended=False)
        return None if _is_blank(state) else state
    raise ValueError(f"not a state-changing event: {event.action!r}")


def _is_blank(state: SkillState) -> bool:
    """A new skill with nothing set on it needs no row."""
    return state.introduced_on is None and not state.suspended and state.buried_until is None


@dataclass(frozen=True)
class Undone:
    """What the undo events in a log take back."""

    reviews: frozenset[int]
    events: frozenset[int]

    def covers_review(self, review: ReviewRecord) -> bool:
        return review.id in self.reviews or (
            review.credited_by is not None and review.credited_by in self.reviews
        )


def undone(events: Iterable[SkillEvent]) -> Undone:
    reviews, others = set(), set()
    for e in events:
        if e.action == UNDO:
            if e.target_review is not None:
                reviews.add(e.target_review)
            if e.target_event is not None:
                others.add(e.target_event)
    return Undone(frozenset(reviews), frozenset(others))


def replay(
    reviews: Iterable[ReviewRecord], events: Iterable[SkillEvent], scheduler: Scheduler,
    undo: Undone | None = None,
) -> dict[str, SkillState]:
    """Every skill's state from its log, oldest first; skills that end up blank are absent.

    ``undo`` defaults to the undo events among ``events``; pass the log's full ``Undone`` when
    replaying only part of it (one skill's reviews whose credit another skill's undo took back).
    """
    events = list(events)
    undo = undo or undone(events)
    timeline: dict[str, list[tuple]] = defaultdict(list)
    for r in reviews:
        if not undo.covers_review(r):
            timeline[r.template_id].append((r.reviewed_at, 0, r.id or 0, r))
    for e in events:
        if e.action != UNDO and e.id not in undo.events:
            timeline[e.template_id].append((e.at, 1, e.id or 0, e))
    states: dict[str, SkillState] = {}
    for template_id, entries in timeline.items():
        state: SkillState | None = None
        for *_key, entry in sorted(entries, key=lambda t: t[:3]):
            if isinstance(entry, ReviewRecord):
                state = apply_review(state, entry, scheduler)
            else:
                state = apply_event(state, entry)
        if state is not None:
            states[template_id] = state
    return states


def differences(stored: dict[str, SkillState], rebuilt: dict[str, SkillState]) -> list[str]:
    """One line per skill whose stored state is not what its log gives."""
    lines = []
    for tid in sorted(set(stored) | set(rebuilt)):
        a, b = stored.get(tid), rebuilt.get(tid)
        if a == b:
            continue
        if a is None:
            lines.append(f"{tid}: no stored state; the log gives {_brief(b)}")
        elif b is None:
            lines.append(f"{tid}: stored {_brief(a)}; the log gives none (new)")
        else:
            changed = [
                f"{name} {getattr(a, name)!r} → {getattr(b, name)!r}"
                for name in a.__dataclass_fields__ if getattr(a, name) != getattr(b, name)
            ]
            lines.append(f"{tid}: " + "; ".join(changed))
    return lines


def _brief(state: SkillState) -> str:
    return f"interval {state.interval_days} d, due {state.due}, EF {state.ef_hundredths / 100:.2f}"
