"""Fixtures for the store tests: real SQLite files under tmp_path, real Alembic."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if importlib.util.find_spec("tutor") is None:  # not installed: test the checkout
    sys.path.insert(0, str(REPO_ROOT))

from tutor.store import ReviewRecord, SkillState, Store  # noqa: E402

DAY = date(2026, 3, 14)
NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A real SQLite file in tmp_path, and a fresh database on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tutor.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A Store on each of ``database_url``'s databases."""
    s = Store.open_url(database_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A Store on a real SQLite file, for what only SQLite has (pragmas, the file itself)."""
    s = Store.open(tmp_path)
    yield s
    s.close()


@pytest.fixture
def make_review() -> Callable[..., ReviewRecord]:
    def make(**overrides: Any) -> ReviewRecord:
        values: dict[str, Any] = dict(
            template_id="cosine.two_vectors",
            seed=7,
            answer="0.96",
            verdict="correct",
            quality=5,
            seconds=12.5,
            hint_used=False,
            redrill=False,
            reviewed_at=NOON,
            day=DAY,
            ef_before=250,
            interval_before=0,
            repetitions_before=0,
        )
        values.update(overrides)
        return ReviewRecord(**values)

    return make


@pytest.fixture
def make_state() -> Callable[..., SkillState]:
    def make(**overrides: Any) -> SkillState:
        values: dict[str, Any] = dict(
            template_id="cosine.two_vectors",
            ef_hundredths=260,
            interval_days=1,
            repetitions=1,
            due=DAY + timedelta(days=1),
            last_reviewed=NOON,
            introduced_on=DAY,
        )
        values.update(overrides)
        return SkillState(**values)

    return make
