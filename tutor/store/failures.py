"""What a database error means for the learner: the words, and whether to try again.

SQLite and PostgreSQL report the same situations differently ("database is locked",
SQLSTATE 40001, "disk I/O error" when the write-ahead log cannot grow on a full disk); this
turns them into one message that says what happened and what to do, and a ``passing`` flag
(try again soon) for the code that retries.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from tutor.store.errors import StoreError

LOW_SPACE_BYTES = 4 * 2**20  # "disk I/O error" with less than this free is a full disk
_PASSING_SQLSTATES = {"40001", "40P01", "55P03", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"}
_FULL_SQLSTATES = {"53100"}
_RACE_SQLSTATES = {"40001", "40P01"}


def store_error(e: SQLAlchemyError, verb: str, where: str, path: Path | None = None) -> StoreError:
    """The StoreError for ``e``, raised while trying to ``verb`` the database at ``where``."""
    detail = str(getattr(e, "orig", None) or e).strip()
    sqlstate = getattr(getattr(e, "orig", None), "sqlstate", None)
    lowered = detail.lower()
    if sqlstate in _FULL_SQLSTATES or "disk is full" in lowered or _disk_full(lowered, path):
        return StoreError(
            f"Could not {verb} the progress database at {where}: the disk is full. Free some "
            "space; nothing you did is lost, and tutor saves it as soon as it can."
        )
    if "readonly" in lowered or "read-only" in lowered or "permission denied" in lowered:
        return StoreError(
            f"Could not {verb} the progress database at {where}: it has become read-only for "
            "you. Make the file and its folder writable again; tutor saves what is waiting then."
        )
    if "locked" in lowered or "busy" in lowered:
        return StoreError(
            f"Could not {verb} the progress database at {where}: another program is holding the database "
            "(it is locked). tutor keeps trying.", passing=True,
        )
    if sqlstate in _PASSING_SQLSTATES or _connection_lost(e):
        return StoreError(
            f"Could not {verb} the progress database at {where}: the connection to the database "
            f"server was lost or the server is busy ({_first_line(detail)}). tutor keeps trying.",
            passing=True,
        )
    return StoreError(f"Could not {verb} the progress database at {where}: {_first_line(detail)}")


def lost_race(e: StoreError) -> bool:
    """Whether ``e`` is a transaction that lost a race with another one (trying it again at
    once is the cure): a serialization failure or a deadlock."""
    return getattr(getattr(e.__cause__, "orig", None), "sqlstate", None) in _RACE_SQLSTATES


def _disk_full(detail: str, path: Path | None) -> bool:
    if path is None or "disk i/o error" not in detail:
        return False
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except OSError:
        return False


def _connection_lost(e: SQLAlchemyError) -> bool:
    return isinstance(e, DBAPIError) and bool(e.connection_invalidated)


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else "unknown error"
