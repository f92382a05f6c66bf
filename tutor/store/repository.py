"""``Store``: the progress database behind a small synchronous API.

One Engine per Store, one short Session per call, one transaction per write. Database errors
come out as ``StoreError``; values go in and out as the frozen dataclasses in ``records``.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine, Select, func, make_url, select
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session

from tutor.store.engine import IMMEDIATE, create_store_engine, sqlite_url
from tutor.store.errors import StoreError
from tutor.store.migrate import check_sqlite_file, upgrade_to_head
from tutor.store.models import Base, ReviewLogRow, SettingRow, SkillStateRow
from tutor.store.records import ReviewRecord, SkillState

DB_FILENAME = "tutor.sqlite3"


class Store:
    """The learner's progress. Open with ``Store.open(data_dir)`` or ``Store.open_url(url)``."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        """Wrap an engine whose database is already at head (use ``open``/``open_url``)."""
        self._engine = engine
        self._write_engine = engine.execution_options(**{IMMEDIATE: True})
        self._path = path
        self._closed = False

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path | str) -> Store:
        """Open (creating if needed) ``data_dir/tutor.sqlite3`` and upgrade it to the newest schema."""
        data_dir = Path(data_dir).expanduser()
        _prepare_data_dir(data_dir)
        return cls._open_sqlite_file(data_dir / DB_FILENAME)

    @classmethod
    def open_url(cls, url: str) -> Store:
        """Open any SQLAlchemy URL (SQLite file, ``sqlite://`` in memory, PostgreSQL, ...)."""
        try:
            parsed = make_url(url)
        except ArgumentError as e:
            raise StoreError(f"{url!r} is not a valid database URL: {e}") from e
        if _is_sqlite_file(parsed.get_backend_name(), parsed.database):
            path = Path(parsed.database or "")
            return cls._open_sqlite_file(path, url=parsed.render_as_string(hide_password=False))
        return cls._open_engine(url, None)

    @classmethod
    def _open_sqlite_file(cls, path: Path, url: str | None = None) -> Store:
        check_sqlite_file(path)  # reads only; refuses damaged or newer files untouched
        return cls._open_engine(url or sqlite_url(path), path)

    @classmethod
    def _open_engine(cls, url: str, path: Path | None) -> Store:
        where = str(path) if path else _safe_url(url)
        try:
            engine = create_store_engine(url)
        except (SQLAlchemyError, ImportError) as e:
            raise StoreError(f"Cannot use the database {where}: {e}") from e
        try:
            upgrade_to_head(engine, path)
        except SQLAlchemyError as e:
            engine.dispose()
            raise StoreError(_open_failed_message(where, e)) from e
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, path)

    def close(self) -> None:
        """Close every connection, so the file can be moved, removed or reopened."""
        self._closed = True
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for other databases."""
        return self._path

    # -- skill state ---------------------------------------------------------------------

    def skill_states(self) -> dict[str, SkillState]:
        with self._read() as s:
            rows = s.execute(_select(SkillState, SkillStateRow).order_by(SkillStateRow.template_id))
            return {r.template_id: SkillState(*r) for r in rows}

    def skill_state(self, template_id: str) -> SkillState | None:
        stmt = _select(SkillState, SkillStateRow).where(SkillStateRow.template_id == template_id)
        with self._read() as s:
            row = s.execute(stmt).first()
            return None if row is None else SkillState(*row)

    def due_count(self, today: date) -> int:
        """How many skills are due on or before ``today`` (a local calendar day)."""
        stmt = select(func.count()).select_from(SkillStateRow).where(SkillStateRow.due <= today)
        with self._read() as s:
            return s.scalar(stmt) or 0

    def introduced_count(self, day: date) -> int:
        """How many skills were first reviewed on ``day`` (for the new-skills-per-day limit)."""
        stmt = select(func.count()).select_from(SkillStateRow)
        stmt = stmt.where(SkillStateRow.introduced_on == day)
        with self._read() as s:
            return s.scalar(stmt) or 0

    # -- reviews -------------------------------------------------------------------------

    def record_review(self, review: ReviewRecord, new_state: SkillState | None) -> int:
        """Append ``review`` and store ``new_state``, in one transaction; return the log id.

        ``new_state`` None means a re-drill: the log gets the row, the schedule is unchanged.
        ``review.id`` is ignored (the database assigns it).
        """
        _check_review(review, new_state)
        with self._write() as s:
            row = ReviewLogRow(**_values(review, exclude=("id",)))
            s.add(row)
            s.flush()
            if new_state is not None:
                _upsert_state(s, new_state)
            return row.id

    def reviews(
        self, day: date | None = None, template_id: str | None = None
    ) -> list[ReviewRecord]:
        """Logged reviews, optionally of one study day and/or one skill, oldest first."""
        stmt = _select(ReviewRecord, ReviewLogRow).order_by(
            ReviewLogRow.reviewed_at, ReviewLogRow.id
        )
        if day is not None:
            stmt = stmt.where(ReviewLogRow.day == day)
        if template_id is not None:
            stmt = stmt.where(ReviewLogRow.template_id == template_id)
        with self._read() as s:
            return [ReviewRecord(*r) for r in s.execute(stmt)]

    # -- settings ------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self._read() as s:
            row = s.get(SettingRow, key)
            return default if row is None else row.value

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as s:
            row = s.get(SettingRow, key)
            if row is None:
                s.add(SettingRow(key=key, value=value))
            else:
                row.value = value

    # -- sessions ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        with self._session(self._engine, "read from") as s:
            yield s

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        with self._session(self._write_engine, "save to") as s:
            yield s

    @contextlib.contextmanager
    def _session(self, engine: Engine, verb: str) -> Iterator[Session]:
        if self._closed:
            raise StoreError("The progress database is closed.")
        try:
            with Session(engine) as s, s.begin():
                yield s
        except SQLAlchemyError as e:
            where = str(self._path) if self._path else _safe_url(str(self._engine.url))
            detail = getattr(e, "orig", None) or e
            raise StoreError(f"Could not {verb} the progress database at {where}: {detail}") from e


def _prepare_data_dir(data_dir: Path) -> None:
    """Create ``data_dir`` and prove we can create files in it (SQLite's WAL needs to)."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as e:
        reason = e.strerror or str(e)
        raise StoreError(
            f"Cannot use {data_dir} as the data folder ({reason}). Make it writable, or choose "
            "another folder with --data-dir or the TUTOR_DATA_DIR environment variable."
        ) from e


def _is_sqlite_file(backend: str, database: str | None) -> bool:
    """A plain file path (not in-memory, not a ``file:`` URI we would have to parse)."""
    return (
        backend == "sqlite"
        and database not in (None, "", ":memory:")
        and not (database or "").startswith("file:")
    )


def _open_failed_message(where: str, e: SQLAlchemyError) -> str:
    detail = getattr(e, "orig", None) or e
    hint = ""
    if "readonly" in str(detail) or "unable to open" in str(detail):
        hint = " Check that the file and its folder are writable by you."
    return f"Cannot open the progress database at {where}: {detail}.{hint}"


def _safe_url(url: str) -> str:
    with contextlib.suppress(ArgumentError):
        return make_url(url).render_as_string(hide_password=True)
    return "<invalid URL>"


def _check_review(review: ReviewRecord, new_state: SkillState | None) -> None:
    if review.reviewed_at.tzinfo is None:
        raise ValueError("ReviewRecord.reviewed_at must be timezone-aware (UTC)")
    if new_state is None:
        return
    if new_state.template_id != review.template_id:
        raise ValueError(
            f"new_state is for {new_state.template_id!r} but the review is of {review.template_id!r}"
        )
    if new_state.last_reviewed is not None and new_state.last_reviewed.tzinfo is None:
        raise ValueError("SkillState.last_reviewed must be timezone-aware (UTC)")


def _upsert_state(s: Session, state: SkillState) -> None:
    values = _values(state)
    row = s.get(SkillStateRow, state.template_id)
    if row is None:
        s.add(SkillStateRow(**values))
        return
    for name, value in values.items():
        setattr(row, name, value)


def _values(record: SkillState | ReviewRecord, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name not in exclude}


def _select(cls: type[SkillState | ReviewRecord], model: type[Base]) -> Select[Any]:
    """SELECT the model's columns in the dataclass's field order (rows, not ORM objects: fast)."""
    return select(*(getattr(model, f.name) for f in fields(cls)))
