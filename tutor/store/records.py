"""Plain values the store hands out and takes in (never ORM instances); defined in core."""

from tutor.core.records import ReviewFact, ReviewRecord, SkillEvent, SkillState

__all__ = ["ReviewFact", "ReviewRecord", "SkillEvent", "SkillState"]
