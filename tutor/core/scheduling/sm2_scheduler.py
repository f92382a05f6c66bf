"""SM-2 behind the common scheduler interface (the arithmetic lives in ``sm2``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from tutor.core.scheduling.base import Memory, check_quality
from tutor.core.scheduling.sm2 import SM2State, sm2_review


class SM2Scheduler:
    name = "sm2"
    label = "SM-2 (SuperMemo 2, exact)"

    def review(self, memory: Memory, quality: int, at: datetime) -> Memory:
        before = SM2State(memory.ef_hundredths, memory.interval, memory.repetitions)
        after = sm2_review(before, check_quality(quality))
        return replace(
            memory, ef_hundredths=after.ef_hundredths, interval=after.interval,
            repetitions=after.repetitions, last_review=at,
        )

    def describe(self, memory: Memory) -> str:
        return f"ease {memory.ef_hundredths / 100:.2f}"
