"""Recompute skill states from the log: ``tutor rebuild``, ``--check``, and switching scheduler."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.core.history import differences, replay
from tutor.core.records import IMPLICIT, REVIEW
from tutor.core.scheduling import DEFAULT_RETENTION, Scheduler, make_scheduler
from tutor.store import SkillState

if TYPE_CHECKING:
    from tutor.store import Store

SCHEDULER_KEY = "scheduler"
RETENTION_KEY = "desired_retention"


def active_scheduler(store: Store) -> Scheduler:
    """The scheduler the learner chose in Settings (SM-2 unless FSRS was picked)."""
    name = store.get_setting(SCHEDULER_KEY) or "sm2"
    return make_scheduler(name, retention_setting(store))


def retention_setting(store: Store) -> float:
    value = store.get_setting(RETENTION_KEY)
    try:
        retention = float(value) if value else DEFAULT_RETENTION
    except ValueError:
        return DEFAULT_RETENTION
    return retention if 0.70 <= retention <= 0.97 else DEFAULT_RETENTION


def rebuilt_states(store: Store, scheduler: Scheduler | None = None) -> dict[str, SkillState]:
    """What every skill's state is when the whole log is replayed."""
    scheduler = scheduler or active_scheduler(store)
    scheduled = store.reviews(include_undone=True, kinds=(REVIEW, IMPLICIT))  # practice moves nothing
    return replay(scheduled, store.events(), scheduler)


def check(store: Store) -> list[str]:
    """One line per skill whose stored state differs from its log; changes nothing."""
    return differences(store.skill_states(), rebuilt_states(store))


def rebuild(store: Store) -> list[str]:
    """Replace every stored state by the replayed one; return the differences that were fixed."""
    rebuilt = rebuilt_states(store)
    lines = differences(store.skill_states(), rebuilt)
    if lines:
        store.replace_states(rebuilt)
    return lines


def switch_scheduler(store: Store, name: str, desired_retention: float | None = None) -> None:
    """Choose a scheduler and recompute every state under it from the log (nothing is lost:
    switching back gives the earlier states again)."""
    retention = retention_setting(store) if desired_retention is None else desired_retention
    scheduler = make_scheduler(name, retention)
    rebuilt = rebuilt_states(store, scheduler)
    store.replace_states(rebuilt, {SCHEDULER_KEY: scheduler.name, RETENTION_KEY: f"{retention:.2f}"})
