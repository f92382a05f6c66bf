"""SM-2 (Woźniak 1990 and the SuperMemo 2 plug-in), in exact arithmetic.

Algorithm SM-2, (C) Copyright SuperMemo World, 1991. www.supermemo.com

- q >= 3: interval 1 after the first success, 6 after the second, then
  ceil(previous interval × EF) with the EF from *before* this review; repetitions += 1.
- q < 3: repetitions = 0, interval = 1.
- Every q: EF' = EF + (0.1 − (5−q)·(0.08 + (5−q)·0.02)), floor 1.3, no ceiling.

EF is held in integer hundredths: every EF change is a multiple of 0.02, so this is exact,
and binary floating point can never move an interval (140 × 3.0 gives 420, not 421).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

EF_START_HUNDREDTHS = 250
EF_FLOOR_HUNDREDTHS = 130


def ef_delta_hundredths(quality: int) -> int:
    """EF change in hundredths: 100·(0.1 − d·(0.08 + d·0.02)) with d = 5 − q."""
    d = 5 - quality
    return 10 - d * (8 + 2 * d)


@dataclass(frozen=True)
class SM2State:
    """The SM-2 memory of one skill. Start: EF 2.5, repetitions 0, interval 0."""

    ef_hundredths: int = EF_START_HUNDREDTHS
    interval: int = 0
    repetitions: int = 0

    @property
    def ef(self) -> float:
        """The E-Factor as a number (2.5, 2.36, ...); exact to two decimals."""
        return self.ef_hundredths / 100

    @classmethod
    def from_ef(cls, ef: float, interval: int = 0, repetitions: int = 0) -> SM2State:
        """Build a state from an EF written as a decimal (rounded to hundredths)."""
        return cls(round(ef * 100), interval, repetitions)


def sm2_review(state: SM2State, quality: int) -> SM2State:
    """Apply one graded review (quality 0..5) to a state and return the new state."""
    if not 0 <= int(quality) <= 5 or int(quality) != quality:
        raise ValueError(f"SM-2 quality must be an integer from 0 to 5, got {quality!r}")
    quality = int(quality)
    if quality >= 3:
        if state.repetitions == 0:
            interval = 1
        elif state.repetitions == 1:
            interval = 6
        else:
            # ceil(I · EF) with EF = k/100, in integers: -(-I·k // 100)
            interval = -(-state.interval * state.ef_hundredths // 100)
        repetitions = state.repetitions + 1
    else:
        interval, repetitions = 1, 0
    ef = max(EF_FLOOR_HUNDREDTHS, state.ef_hundredths + ef_delta_hundredths(quality))
    return SM2State(ef_hundredths=ef, interval=interval, repetitions=repetitions)


def next_due(review_day: date, state: SM2State) -> date:
    """The day a skill is due again: the review day plus the interval."""
    return review_day + timedelta(days=state.interval)
