"""Scheduling: SM-2 exactly as SuperMemo published it (the default) and FSRS-6 as a choice.

Both speak ``Scheduler`` (``base``): ``review(memory, quality, at) -> memory``. A third one
is one module plus a line in ``make_scheduler``.
"""

from tutor.core.scheduling.base import Memory, Scheduler
from tutor.core.scheduling.fsrs_scheduler import (
    DEFAULT_RETENTION,
    MAX_RETENTION,
    MIN_RETENTION,
    FSRSScheduler,
)
from tutor.core.scheduling.sm2 import (
    EF_FLOOR_HUNDREDTHS,
    EF_START_HUNDREDTHS,
    SM2State,
    next_due,
    sm2_review,
)
from tutor.core.scheduling.sm2_scheduler import SM2Scheduler

SCHEDULER_NAMES = ("sm2", "fsrs")


def make_scheduler(name: str = "sm2", desired_retention: float = DEFAULT_RETENTION) -> Scheduler:
    """The scheduler a setting names; unknown names fall back to SM-2 (the default)."""
    if name == "fsrs":
        return FSRSScheduler(desired_retention)
    return SM2Scheduler()


__all__ = [
    "DEFAULT_RETENTION",
    "EF_FLOOR_HUNDREDTHS",
    "EF_START_HUNDREDTHS",
    "MAX_RETENTION",
    "MIN_RETENTION",
    "SCHEDULER_NAMES",
    "FSRSScheduler",
    "Memory",
    "SM2Scheduler",
    "SM2State",
    "Scheduler",
    "make_scheduler",
    "next_due",
    "sm2_review",
]
