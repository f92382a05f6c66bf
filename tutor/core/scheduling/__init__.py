"""Scheduling: SM-2 exactly as SuperMemo published it."""

from tutor.core.scheduling.sm2 import (
    EF_FLOOR_HUNDREDTHS,
    EF_START_HUNDREDTHS,
    SM2State,
    next_due,
    sm2_review,
)

__all__ = [
    "EF_FLOOR_HUNDREDTHS",
    "EF_START_HUNDREDTHS",
    "SM2State",
    "next_due",
    "sm2_review",
]
