"""``Store``: the progress database behind a small synchronous API.

One Engine per Store, one short Session per call, one transaction per write. Database errors
come out as ``StoreError``; values go in and out as the frozen dataclasses in ``records``.
"""

from __future__ import annotations

import contextlib
import getpass
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Self, TypeVar

from sqlalchemy import Engine, Select, delete, func, insert, make_url, select, update
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from tutor.core.records import UNDO
from tutor.store.engine import IMMEDIATE, create_store_engine, sqlite_url
from tutor.store.errors import LearnerNeeded, StoreError
from tutor.store.facts import FactCache
from tutor.store.failures import lost_race, store_error
from tutor.store.migrate import check_sqlite_file, integrity_problems, upgrade_to_head
from tutor.store.models import (
    Base,
    LearnerRow,
    ReviewLogRow,
    SettingRow,
    SkillEventRow,
    SkillStateRow,
)
from tutor.store.records import ReviewFact, ReviewRecord, SkillEvent, SkillState

DB_FILENAME = "tutor.sqlite3"
_T = TypeVar("_T")
LEARNER_NAME_MAX = 100
ATOMIC_ATTEMPTS = 5  # a read-modify-write that lost a race is run again this often


class Store:
    """One learner's progress. Open with ``Store.open(data_dir)`` or ``Store.open_url(url)``.

    A database holds several learners; a Store reads and writes one of them (``learner``).
    """

    def __init__(
        self, engine: Engine, path: Path | None = None, learner: str | None = None, preferred: str | None = None
    ) -> None:
        """Wrap an engine whose database is already at head (use ``open``/``open_url``);
        ``learner`` is chosen (or the first one created) as ``open`` does."""
        self._engine = engine
        self._write_engine = engine.execution_options(**{IMMEDIATE: True})
        self._path = path
        self._closed = False
        self._local = threading.local()  # the session of an ``atomically`` call on this thread
        self._learner_id, self._learner = self._choose_learner(learner, preferred)
        self._facts = FactCache(self._learner_id)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls, data_dir: Path | str, full_check: bool = True, learner: str | None = None, preferred: str | None = None
    ) -> Store:
        """Open (creating if needed) ``data_dir/tutor.sqlite3`` and upgrade it to the newest schema.

        ``full_check=False`` (the window, on its way to the first paint) leaves ``PRAGMA
        quick_check`` of a large, cleanly closed file to :meth:`integrity_problems`, run later.
        ``learner`` names the learner to open (created if new); None opens the only one, or
        ``preferred`` (the one this machine opened last) when it is one of several, or creates
        the first (named after the computer's user); else it raises ``LearnerNeeded``.
        """
        data_dir = Path(data_dir).expanduser()
        _prepare_data_dir(data_dir)
        return cls._open_sqlite_file(data_dir / DB_FILENAME, full_check, learner, preferred)

    @classmethod
    def open_progress(
        cls,
        data_dir: Path | str,
        database_url: str | None = None,
        learner: str | None = None,
        full_check: bool = True,
        preferred: str | None = None,
    ) -> Store:
        """The app's way in: ``database_url`` when given (a server shared by machines or
        learners), else the SQLite file in ``data_dir``."""
        if database_url:
            return cls.open_url(database_url, learner=learner, preferred=preferred)
        return cls.open(data_dir, full_check=full_check, learner=learner, preferred=preferred)

    @classmethod
    def open_url(cls, url: str, learner: str | None = None, preferred: str | None = None) -> Store:
        """Open any SQLAlchemy URL (SQLite file, ``sqlite://`` in memory, PostgreSQL, ...)."""
        try:
            parsed = make_url(url)
        except ArgumentError as e:
            raise StoreError(f"{url!r} is not a valid database URL: {e}") from e
        if _is_sqlite_file(parsed.get_backend_name(), parsed.database):
            path = Path(parsed.database or "")
            return cls._open_sqlite_file(path, True, learner, preferred, parsed.render_as_string(hide_password=False))
        return cls._open_engine(url, None, learner, preferred)

    @classmethod
    def _open_sqlite_file(
        cls, path: Path, full_check: bool, learner: str | None, preferred: str | None, url: str | None = None
    ) -> Store:
        check_sqlite_file(path, full=full_check)  # reads only; refuses damaged, newer or foreign files untouched
        return cls._open_engine(url or sqlite_url(path), path, learner, preferred)

    @classmethod
    def _open_engine(cls, url: str, path: Path | None, learner: str | None, preferred: str | None = None) -> Store:
        where = str(path) if path else _safe_url(url)
        try:
            engine = create_store_engine(url)
        except (SQLAlchemyError, ImportError) as e:
            raise StoreError(f"Cannot use the database {where}: {_missing_driver(e) or e}") from e
        try:
            upgrade_to_head(engine, path)
            return cls(engine, path, learner, preferred)
        except SQLAlchemyError as e:
            engine.dispose()
            raise StoreError(_open_failed_message(where, e)) from e
        except BaseException:
            engine.dispose()
            raise

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA quick_check`` finds wrong with the file (empty: healthy, or not a
        file). Reads only; slow for a large file, so the window runs it in the background."""
        if self._path is None:
            return []
        return integrity_problems(self._path)

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

    @property
    def where(self) -> str:
        """The database, for messages: the file, or the URL without its password."""
        return str(self._path) if self._path else _safe_url(str(self._engine.url))

    # -- learners ------------------------------------------------------------------------

    @property
    def learner(self) -> str:
        """The name of the learner this Store reads and writes."""
        return self._learner

    @property
    def learner_id(self) -> int:
        """The learner's row id (for tools that write rows in bulk past this API)."""
        return self._learner_id

    def learners(self) -> list[str]:
        """Every learner in the database, by name."""
        with self._session(self._engine, "read from") as s:
            return list(s.scalars(select(LearnerRow.name).order_by(LearnerRow.name)))

    def _choose_learner(self, name: str | None, preferred: str | None) -> tuple[int, str]:
        if name is not None:
            name = valid_learner_name(name)
        for attempt in range(2):  # a second machine may create the same learner at the same time
            try:
                with self._session(self._write_engine, "open") as s:
                    return _find_or_create_learner(s, name, preferred)
            except StoreError as e:
                if attempt or not isinstance(e.__cause__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    # -- skill state ---------------------------------------------------------------------

    def skill_states(self) -> dict[str, SkillState]:
        stmt = self._mine(_select(SkillState, SkillStateRow), SkillStateRow).order_by(SkillStateRow.template_id)
        with self._read() as s:
            rows = s.execute(stmt)
            return {r.template_id: SkillState(*r) for r in rows}

    def skill_state(self, template_id: str) -> SkillState | None:
        stmt = self._mine(_select(SkillState, SkillStateRow), SkillStateRow)
        stmt = stmt.where(SkillStateRow.template_id == template_id)
        with self._read() as s:
            row = s.execute(stmt).first()
            return None if row is None else SkillState(*row)

    def due_count(self, today: date) -> int:
        """How many skills are due on or before ``today`` (a local calendar day)."""
        stmt = self._mine(select(func.count()).select_from(SkillStateRow), SkillStateRow).where(
            SkillStateRow.due <= today,
            SkillStateRow.introduced_on.is_not(None),
            SkillStateRow.suspended.is_(False),
            (SkillStateRow.buried_until.is_(None)) | (SkillStateRow.buried_until <= today),
        )
        with self._read() as s:
            return s.scalar(stmt) or 0

    def introduced_count(self, day: date) -> int:
        """How many skills were first reviewed on ``day`` (for the new-skills-per-day limit)."""
        stmt = self._mine(select(func.count()).select_from(SkillStateRow), SkillStateRow)
        stmt = stmt.where(SkillStateRow.introduced_on == day)
        with self._read() as s:
            return s.scalar(stmt) or 0

    # -- reviews -------------------------------------------------------------------------

    def record_review(
        self,
        review: ReviewRecord,
        new_state: SkillState | None,
        credits: Sequence[tuple[ReviewRecord, SkillState]] = (),
    ) -> int:
        """Append ``review`` and store ``new_state``, in one transaction; return the log id.

        ``new_state`` None means the schedule is unchanged (a re-drill or practice).
        ``credits`` are implicit reviews of prerequisites earned by this one, each with the
        prerequisite's new state; they are logged with ``credited_by`` set to this review.
        ``review.id`` is ignored (the database assigns it).
        """
        _check_review(review, new_state)
        for credit, state in credits:
            _check_review(credit, state)
        with self._write() as s:
            row = ReviewLogRow(**self._owned(review, exclude=("id",)))
            s.add(row)
            s.flush()
            if new_state is not None:
                self._upsert_state(s, new_state)
            for credit, state in credits:
                s.add(ReviewLogRow(**self._owned(replace(credit, credited_by=row.id), exclude=("id",))))
                self._upsert_state(s, state)
            s.flush()
            return row.id

    def record_event(self, event: SkillEvent, states: Mapping[str, SkillState | None]) -> int:
        """Append ``event`` and set each skill's state (None: back to new), in one transaction."""
        if event.at.tzinfo is None:
            raise ValueError("SkillEvent.at must be timezone-aware (UTC)")
        with self._write() as s:
            row = SkillEventRow(**self._owned(event, exclude=("id",)))
            s.add(row)
            s.flush()
            for template_id, state in states.items():
                if state is None:
                    gone = self._mine(delete(SkillStateRow), SkillStateRow)
                    s.execute(gone.where(SkillStateRow.template_id == template_id))
                else:
                    self._upsert_state(s, state)
            s.flush()
            return row.id

    def replace_states(
        self, states: Mapping[str, SkillState], settings: Mapping[str, str] | None = None
    ) -> None:
        """Make the stored states exactly ``states`` (after a rebuild or a change of scheduler),
        and store ``settings`` with them, in one transaction."""
        with self._write() as s:
            for key, value in (settings or {}).items():
                self._set(s, key, value)
            s.execute(self._mine(delete(SkillStateRow), SkillStateRow))
            for state in states.values():
                s.add(SkillStateRow(**self._owned(state)))

    def reviews(
        self,
        day: date | None = None,
        template_id: str | None = None,
        *,
        include_undone: bool = False,
        kinds: Sequence[str] | None = None,
    ) -> list[ReviewRecord]:
        """Logged reviews, optionally of one study day and/or one skill, oldest first.

        Undone reviews (and the credit they earned) are left out unless ``include_undone``.
        """
        stmt = self._mine(_select(ReviewRecord, ReviewLogRow), ReviewLogRow).order_by(
            ReviewLogRow.reviewed_at, ReviewLogRow.id
        )
        if day is not None:
            stmt = stmt.where(ReviewLogRow.day == day)
        if template_id is not None:
            stmt = stmt.where(ReviewLogRow.template_id == template_id)
        if kinds is not None:
            stmt = stmt.where(ReviewLogRow.kind.in_(kinds))
        with self._read() as s:
            rows = [ReviewRecord(*r) for r in s.execute(stmt)]
            if include_undone:
                return rows
            gone = self._undone_reviews(s)
        return [r for r in rows if r.id not in gone and r.credited_by not in gone]

    def review_facts(self, since: date | None = None) -> list[ReviewFact]:
        """The statistics columns of every review that counts (undone ones left out), oldest
        first. Read in full once, then only the rows added since (``tutor.store.facts``)."""
        if self._closed:
            raise StoreError("The progress database is closed.")
        try:
            return self._facts.facts(self._engine, since)
        except (SQLAlchemyError, sqlite3.Error) as e:
            raise StoreError(f"Could not read the progress database: {getattr(e, 'orig', None) or e}") from e

    def events(self, day: date | None = None, template_id: str | None = None) -> list[SkillEvent]:
        """Bury, suspend, reset and undo events, oldest first (undone ones included)."""
        stmt = self._mine(_select(SkillEvent, SkillEventRow), SkillEventRow)
        stmt = stmt.order_by(SkillEventRow.at, SkillEventRow.id)
        if day is not None:
            stmt = stmt.where(SkillEventRow.day == day)
        if template_id is not None:
            stmt = stmt.where(SkillEventRow.template_id == template_id)
        with self._read() as s:
            return [SkillEvent(*r) for r in s.execute(stmt)]

    def review_summaries(self) -> dict[str, tuple[int, int | None, date | None]]:
        """Per skill: answers that count (scheduled and practice), latest quality, latest day."""
        with self._read() as s:
            gone = self._undone_reviews(s)
            stmt = self._mine(select(
                ReviewLogRow.id, ReviewLogRow.template_id, ReviewLogRow.quality, ReviewLogRow.day,
                ReviewLogRow.credited_by,
            ), ReviewLogRow).where(ReviewLogRow.kind != "implicit").order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)
            summaries: dict[str, tuple[int, int | None, date | None]] = {}
            for rid, tid, quality, day, _credit in s.execute(stmt):
                if rid in gone:
                    continue
                count = summaries.get(tid, (0, None, None))[0]
                summaries[tid] = (count + 1, quality, day)
        return summaries

    # -- settings ------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self._read() as s:
            row = s.get(SettingRow, (self._learner_id, key))
            return default if row is None else row.value

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as s:
            self._set(s, key, value)

    def settings(self) -> dict[str, str]:
        stmt = self._mine(select(SettingRow.key, SettingRow.value), SettingRow)
        with self._read() as s:
            return {key: value for key, value in s.execute(stmt)}

    # -- this learner's rows ---------------------------------------------------------------

    def _mine(self, stmt: Any, model: type[Base]) -> Any:
        """``stmt`` restricted to this learner's rows of ``model``."""
        return stmt.where(model.learner_id == self._learner_id)

    def _owned(self, record: SkillState | ReviewRecord | SkillEvent, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
        return _values(record, exclude) | {"learner_id": self._learner_id}

    def _upsert_state(self, s: Session, state: SkillState) -> None:
        row = s.get(SkillStateRow, (self._learner_id, state.template_id))
        if row is None:
            s.add(SkillStateRow(**self._owned(state)))
            return
        for name, value in _values(state).items():
            setattr(row, name, value)

    def _set(self, s: Session, key: str, value: str) -> None:
        row = s.get(SettingRow, (self._learner_id, key))
        if row is None:
            s.add(SettingRow(learner_id=self._learner_id, key=key, value=value))
        else:
            row.value = value

    def _undone_reviews(self, s: Session) -> set[int]:
        stmt = select(SkillEventRow.target_review).where(
            SkillEventRow.learner_id == self._learner_id,
            SkillEventRow.action == UNDO, SkillEventRow.target_review.is_not(None),
        )
        return set(s.scalars(stmt))

    def _history(self, s: Session) -> History:
        states = {
            r.template_id: SkillState(*r) for r in s.execute(self._mine(_select(SkillState, SkillStateRow), SkillStateRow))
        }
        log = s.execute(self._mine(_select(ReviewRecord, ReviewLogRow), ReviewLogRow).order_by(ReviewLogRow.id))
        events = s.execute(self._mine(_select(SkillEvent, SkillEventRow), SkillEventRow).order_by(SkillEventRow.id))
        settings = {key: value for key, value in s.execute(self._mine(select(SettingRow.key, SettingRow.value), SettingRow))}
        return History(states, [ReviewRecord(*r) for r in log], [SkillEvent(*r) for r in events], settings)

    # -- sessions ------------------------------------------------------------------------

    def atomically(self, work: Callable[[], _T]) -> _T:
        """Run ``work`` -- reads and writes through this Store -- as one transaction that holds
        the learner's write lock from its first read (SQLite ``BEGIN IMMEDIATE``; PostgreSQL
        ``SELECT ... FOR UPDATE`` of the learner's row), so a state read inside is still the
        state when the result is written: two machines reviewing at once lose no update.
        Run again from the start (a few times) when PostgreSQL reports a lost race: a
        serialization failure or a deadlock."""
        if getattr(self._local, "session", None) is not None:
            return work()  # already inside one
        for attempt in range(ATOMIC_ATTEMPTS):
            try:
                with self._session(self._write_engine, "save to", lock=True) as s:
                    self._local.session = s
                    try:
                        return work()
                    finally:
                        self._local.session = None
            except StoreError as e:
                if not lost_race(e) or attempt == ATOMIC_ATTEMPTS - 1:
                    raise  # a busy or locked database already waited: the caller decides
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        current = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        with self._session(self._engine, "read from") as s:
            yield s

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        current = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        with self._session(self._write_engine, "save to", lock=True) as s:
            yield s

    @contextlib.contextmanager
    def _session(self, engine: Engine, verb: str, lock: bool = False) -> Iterator[Session]:
        if self._closed:
            raise StoreError("The progress database is closed.")
        try:
            with Session(engine) as s, s.begin():
                if lock and s.get_bind().dialect.name != "sqlite":
                    s.execute(select(LearnerRow.id).where(LearnerRow.id == self._learner_id).with_for_update())
                yield s
        except SQLAlchemyError as e:
            raise store_error(e, verb, self.where, self._path) from e

    # -- the whole history (export and import, ``tutor.transfer``) --------------------------

    def history(self) -> History:
        """Every state, review (undone ones too), event and setting, read in one transaction so
        they agree even while the app writes; reviews and events in the order they were logged."""
        with self._read() as s:
            return self._history(s)

    def append_history(
        self,
        reviews: Sequence[ReviewRecord],
        events: Sequence[SkillEvent],
        settings: Mapping[str, str],
        states_from_log: Callable[[History], Mapping[str, SkillState]],
    ) -> dict[str, SkillState]:
        """Append a whole log, store ``settings``, then make every state what
        ``states_from_log`` says about the merged history: all in one transaction.

        The ids in ``reviews`` and ``events`` are the caller's own: ``credited_by`` names an
        earlier review of ``reviews``, ``target_review`` one of ``reviews``, ``target_event``
        an earlier event of ``events``; the database gives the rows new ids and the references
        follow. Returns the states stored.
        """
        _check_appended(reviews, events)
        with self._write() as s:
            review_ids = _insert_reviews(s, reviews, self._learner_id)
            _insert_events(s, events, review_ids, self._learner_id)
            for key, value in settings.items():
                self._set(s, key, value)
            s.flush()
            states = dict(states_from_log(self._history(s)))
            s.execute(self._mine(delete(SkillStateRow), SkillStateRow))
            if states:
                s.execute(insert(SkillStateRow), [self._owned(state) for state in states.values()])
        return states


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


def valid_learner_name(name: str) -> str:
    """``name`` trimmed; a StoreError when it is empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > LEARNER_NAME_MAX:
        raise StoreError(f"A learner's name must be 1 to {LEARNER_NAME_MAX} characters (got {name!r}).")
    return cleaned


def default_learner_name() -> str:
    """The first learner's name: the computer's user, as the 0003 migration names it."""
    try:
        return getpass.getuser()[:LEARNER_NAME_MAX] or "me"
    except (OSError, KeyError):
        return "me"


def _find_or_create_learner(s: Session, name: str | None, preferred: str | None = None) -> tuple[int, str]:
    """The learner called ``name`` (created if new); without a name the only learner, or
    ``preferred`` if it is one of several, or a first one; else ``LearnerNeeded``."""
    if name is None:
        rows = s.execute(select(LearnerRow.id, LearnerRow.name).order_by(LearnerRow.name)).all()
        if len(rows) == 1:
            return rows[0].id, rows[0].name
        for row in rows:
            if row.name == preferred:
                return row.id, row.name
        if rows:
            raise LearnerNeeded([r.name for r in rows])
        name = default_learner_name()
    found = s.scalar(select(LearnerRow.id).where(LearnerRow.name == name))
    if found is not None:
        return found, name
    row = LearnerRow(name=name, created_at=datetime.now(UTC))
    s.add(row)
    s.flush()
    return row.id, name


def _missing_driver(e: Exception) -> str | None:
    if isinstance(e, ImportError) and "psycopg" in str(e):
        return 'PostgreSQL needs the psycopg driver: pip install "tutor[postgres]" (or psycopg[binary])'
    return None


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


def _values(record: SkillState | ReviewRecord | SkillEvent, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name not in exclude}


def _select(cls: type[SkillState | ReviewRecord | SkillEvent], model: type[Base]) -> Select[Any]:
    """SELECT the model's columns in the dataclass's field order (rows, not ORM objects: fast)."""
    return select(*(getattr(model, f.name) for f in fields(cls)))


class History(NamedTuple):
    """A whole progress database as plain values (``Store.history``)."""

    states: dict[str, SkillState]
    reviews: list[ReviewRecord]  # undone ones included, in id order
    events: list[SkillEvent]  # in id order
    settings: dict[str, str]


def _check_appended(reviews: Sequence[ReviewRecord], events: Sequence[SkillEvent]) -> None:
    """Aware moments, and every reference of an appended log names an earlier record of it."""
    seen_reviews: set[int | None] = set()
    for r in reviews:
        _check_review(r, None)
        if r.credited_by is not None and r.credited_by not in seen_reviews:
            raise ValueError(f"review {r.id}: credited_by {r.credited_by} is not an earlier review")
        seen_reviews.add(r.id)
    seen_events: set[int | None] = set()
    for e in events:
        if e.at.tzinfo is None:
            raise ValueError("SkillEvent.at must be timezone-aware (UTC)")
        if e.target_review is not None and e.target_review not in seen_reviews:
            raise ValueError(f"event {e.id}: target_review {e.target_review} is not a review")
        if e.target_event is not None and e.target_event not in seen_events:
            raise ValueError(f"event {e.id}: target_event {e.target_event} is not an earlier event")
        seen_events.add(e.id)


def _insert_reviews(s: Session, reviews: Sequence[ReviewRecord], learner_id: int) -> dict[int, int]:
    """Insert in order (credit links set afterwards); the caller's id → the new row id."""
    rows = [_values(r, exclude=("id",)) | {"credited_by": None, "learner_id": learner_id} for r in reviews]
    ids = dict(zip((r.id for r in reviews), _append_rows(s, ReviewLogRow, rows), strict=True))
    links = [
        {"id": ids[r.id], "credited_by": ids[r.credited_by]}
        for r in reviews if r.credited_by is not None
    ]
    if links:
        s.execute(update(ReviewLogRow), links)
    return ids


def _insert_events(
    s: Session, events: Sequence[SkillEvent], review_ids: Mapping[int, int], learner_id: int
) -> None:
    rows = [
        _values(e, exclude=("id",))
        | {"target_event": None, "target_review": _mapped(review_ids, e.target_review), "learner_id": learner_id}
        for e in events
    ]
    ids = dict(zip((e.id for e in events), _append_rows(s, SkillEventRow, rows), strict=True))
    links = [
        {"id": ids[e.id], "target_event": ids[e.target_event]}
        for e in events if e.target_event is not None
    ]
    if links:
        s.execute(update(SkillEventRow), links)


def _append_rows(
    s: Session, model: type[ReviewLogRow | SkillEventRow], rows: list[dict[str, Any]]
) -> list[int]:
    """Insert ``rows`` in order and return their new ids. On SQLite, where this transaction
    holds the write lock, the next free ids are given explicitly so that one executemany does
    it (RETURNING goes row by row there: several times slower for a long history)."""
    if not rows:
        return []
    if s.get_bind().dialect.name == "sqlite":
        first = (s.scalar(select(func.max(model.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        s.execute(insert(model.__table__), [row | {"id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    stmt = insert(model.__table__).returning(model.id, sort_by_parameter_order=True)
    return list(s.connection().scalars(stmt, rows))


def _mapped(ids: Mapping[int, int], old: int | None) -> int | None:
    return None if old is None else ids[old]
