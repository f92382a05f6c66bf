"""ORM models. The schema itself is created and changed only by the Alembic migrations.

``alembic check`` (tests/store/test_store_migrations.py) keeps these models and the migrations equal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.expression import false
from sqlalchemy.types import TypeDecorator

from tutor.core.records import EVENT_ACTIONS, REVIEW_KINDS

# Named constraints: SQLite batch migrations can only drop or alter what has a name.
NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}

VERDICTS = ("correct", "wrong", "close", "dont_know")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC (SQLite has no time zones); read back as UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"datetime {value!r} has no time zone; pass an aware (UTC) datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class LearnerRow(Base):
    """One learner; every state, review, event and setting belongs to one."""

    __tablename__ = "learner"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _learner_column(primary_key: bool = False) -> Mapped[int]:
    return mapped_column(ForeignKey("learner.id"), primary_key=primary_key)


def _learner_indexes(table: str) -> tuple[Index, Index]:
    """Every query reads one learner's rows: by day, by skill, or all (the indexes' prefix)."""
    return (
        Index(f"ix_{table}_learner_day", "learner_id", "day"),
        Index(f"ix_{table}_learner_skill", "learner_id", "template_id"),
    )


class SkillStateRow(Base):
    """SM-2 state of one skill (template) of one learner. Can be rebuilt from ``review_log``."""

    __tablename__ = "skill_state"
    __table_args__ = (
        CheckConstraint("ef_hundredths > 0", name="ef_positive"),
        CheckConstraint("interval_days >= 0", name="interval_nonnegative"),
        CheckConstraint("repetitions >= 0", name="repetitions_nonnegative"),
    )

    learner_id: Mapped[int] = _learner_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    ef_hundredths: Mapped[int] = mapped_column(Integer)  # 250 == EF 2.5, kept exact
    interval_days: Mapped[int] = mapped_column(Integer)
    repetitions: Mapped[int] = mapped_column(Integer)
    due: Mapped[date] = mapped_column(Date)  # local calendar day
    last_reviewed: Mapped[datetime | None] = mapped_column(UTCDateTime)
    introduced_on: Mapped[date | None] = mapped_column(Date)  # local day of the first review
    suspended: Mapped[bool] = mapped_column(Boolean, server_default=false())
    buried_until: Mapped[date | None] = mapped_column(Date)
    passed: Mapped[bool] = mapped_column(Boolean, server_default=false())
    stability: Mapped[float | None] = mapped_column(Float)  # FSRS
    difficulty: Mapped[float | None] = mapped_column(Float)  # FSRS


class ReviewLogRow(Base):
    """One answered problem. Append-only: the truth the schedule can be replayed from."""

    __tablename__ = "review_log"
    __table_args__ = (
        CheckConstraint("quality BETWEEN 0 AND 5", name="quality_range"),
        CheckConstraint(_one_of("verdict", VERDICTS), name="verdict_known"),
        CheckConstraint(_one_of("kind", REVIEW_KINDS), name="kind_known"),
        *_learner_indexes("review_log"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[int] = _learner_column()
    template_id: Mapped[str] = mapped_column(String(200))
    seed: Mapped[int] = mapped_column(BigInteger)  # any signed 64-bit seed
    answer: Mapped[str] = mapped_column(Text)  # raw learner input; "" for "I don't know"
    verdict: Mapped[str] = mapped_column(String(16))
    quality: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[float] = mapped_column(Float)
    hint_used: Mapped[bool] = mapped_column(Boolean)
    redrill: Mapped[bool] = mapped_column(Boolean)  # same-day re-drill; schedule unchanged
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    day: Mapped[date] = mapped_column(Date)  # local study day
    # SM-2 state before this review, for undo and replay.
    ef_before: Mapped[int] = mapped_column(Integer)
    interval_before: Mapped[int] = mapped_column(Integer)
    repetitions_before: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), server_default="review")
    # implicit credit: the review whose pass earned it (undoing that review undoes this one)
    credited_by: Mapped[int | None] = mapped_column(ForeignKey("review_log.id"), index=True)


class SkillEventRow(Base):
    """Bury, suspend, unsuspend, reset, undo. Append-only, like the review log."""

    __tablename__ = "skill_event"
    __table_args__ = (
        CheckConstraint(_one_of("action", EVENT_ACTIONS), name="action_known"),
        *_learner_indexes("skill_event"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[int] = _learner_column()
    template_id: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    day: Mapped[date] = mapped_column(Date)
    target_review: Mapped[int | None] = mapped_column(ForeignKey("review_log.id"), index=True)
    target_event: Mapped[int | None] = mapped_column(ForeignKey("skill_event.id"))
    seed: Mapped[int | None] = mapped_column(BigInteger)


class SettingRow(Base):
    __tablename__ = "settings"

    learner_id: Mapped[int] = _learner_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
