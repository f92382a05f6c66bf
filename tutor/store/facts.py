"""The review log's statistics columns, read once per Store and then only what was added.

The log is append-only (an undo is a new event, never a deleted row), so after the first read
only rows with a larger id are fetched; the undone set is read afresh each time. Opening the
statistics window a second time then costs a few milliseconds instead of a full scan.
"""

from __future__ import annotations

import gc
import threading
from datetime import date

from sqlalchemy import Connection, Engine

from tutor.core.records import UNDO, ReviewFact

_COLUMNS = "id, template_id, kind, redrill, quality, seconds, day, interval_before, hint_used, credited_by"
_NEW_ROWS = f"SELECT {_COLUMNS} FROM review_log WHERE learner_id = ? AND id > ? ORDER BY reviewed_at, id"  # noqa: S608
_UNDONE = (
    f"SELECT target_review FROM skill_event WHERE learner_id = ? AND action = '{UNDO}'"  # noqa: S608
    " AND target_review IS NOT NULL"
)


class FactCache:
    """One learner's review facts."""

    def __init__(self, learner_id: int) -> None:
        self._learner_id = learner_id
        self._lock = threading.Lock()
        self._rows: list[tuple[ReviewFact, int | None]] = []  # (fact, credited_by), undone included
        self._last_id = 0
        self._days: dict[str, date] = {}

    def clear(self) -> None:
        """Forget everything (after rows were added out of time order, e.g. an import)."""
        with self._lock:
            self._rows, self._last_id = [], 0

    def facts(self, engine: Engine, since: date | None = None) -> list[ReviewFact]:
        """Every review that counts, oldest first (undone ones and their credit left out)."""
        with self._lock, engine.connect() as conn, conn.begin():
            paused = gc.isenabled()
            gc.disable()  # 100,000 small tuples would trigger full collections for nothing
            try:
                self._read_new_rows(conn)
                gone = {row[0] for row in _execute(conn, _UNDONE, (self._learner_id,))}
            finally:
                if paused:
                    gc.enable()
            rows = self._rows
        return [
            fact for fact, credited_by in rows
            if (not gone or (fact.id not in gone and credited_by not in gone))
            and (since is None or fact.day >= since)
        ]

    def _read_new_rows(self, conn: Connection) -> None:
        days, added = self._days, []
        for rid, tid, kind, redrill, quality, seconds, day, interval, hint, credited_by in _execute(
            conn, _NEW_ROWS, (self._learner_id, self._last_id)
        ):
            if not isinstance(day, date):
                day = days.get(day) or days.setdefault(day, date.fromisoformat(day))
            fact = ReviewFact(rid, tid, kind, bool(redrill), quality, seconds, day, interval, bool(hint))
            added.append((fact, credited_by))
        if not added:
            return
        older = self._rows and min(f.day for f, _ in added) < self._rows[-1][0].day
        self._rows.extend(added)
        self._last_id = max(f.id for f, _ in added)
        if older:  # another machine's history came in: keep oldest first
            self._rows.sort(key=lambda pair: (pair[0].day, pair[0].id))


def _execute(conn: Connection, sql: str, params: tuple) -> list[tuple]:
    """Plain rows through the driver: no per-row processing (SQLite gives days as text)."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        return raw.execute(sql, params).fetchall()
    return [tuple(r) for r in conn.exec_driver_sql(sql.replace("?", "%s"), params)]
