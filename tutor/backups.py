"""Daily copies of the progress database, and putting one back (File → Restore backup…).

Copies are made with SQLite's backup API (a consistent snapshot, committed WAL content
included, safe while the app has the database open) into ``<data dir>/backups/``:

- ``tutor-YYYY-MM-DD.sqlite3``: the copy made on the first opening of that study day;
- ``tutor-YYYY-MM-DD-before-restore.sqlite3`` (then ``-2``, ``-3`` ...): the database as it was
  just before a restore, so that a restore can itself be undone by restoring this copy.

Only files named like this are ours. Anything else in the folder is never opened, changed or
removed. The newest ``KEEP`` of ours are kept, whatever their kind; pruning happens when a daily
copy is made. Copies are single files (rollback journal, not WAL), so reading one creates
nothing beside it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from tutor.store import DB_FILENAME, Store, StoreError
from tutor.store.migrate import SQLITE_HEADER, check_sqlite_file
from tutor.study import study_day, utc_now

BACKUP_FOLDER = "backups"
KEEP = 7
BUSY_TIMEOUT_SECONDS = 10.0
_OURS = re.compile(r"tutor-(\d{4}-\d{2}-\d{2})(-before-restore(?:-(\d+))?)?\.sqlite3")


class BackupError(StoreError):
    """A backup could not be made or restored; the message says what happened to the data."""


class Backup(NamedTuple):
    path: Path
    day: date  # the study day it was made
    size: int  # bytes
    reviews: int | None  # answers that count in it; None when it cannot be read
    before_restore: bool = False  # the database as it was just before a restore


def backups_dir(data_dir: Path | str) -> Path:
    return Path(data_dir).expanduser() / BACKUP_FOLDER


def daily_backup(data_dir: Path | str, today: date | None = None) -> Path | None:
    """Copy the database to ``backups/tutor-<today>.sqlite3`` unless today's copy exists (or
    there is no database yet), then keep the newest ``KEEP`` of ours. Returns the new copy.

    Call it on opening, after the Store opened (the database is then known to be healthy).
    """
    live = Path(data_dir).expanduser() / DB_FILENAME
    day = today or study_day(utc_now())
    target = backups_dir(data_dir) / f"tutor-{day.isoformat()}.sqlite3"
    if not live.is_file() or target.exists() or target.is_symlink():
        return None
    _copy_to_new_file(live, target)
    _prune(target.parent, day)
    return target


def list_backups(data_dir: Path | str) -> list[Backup]:
    """Our copies in ``backups/``, newest first, each with its day, size and answers."""
    found = []
    for path, day, rank in _ours(backups_dir(data_dir)):
        with contextlib.suppress(OSError):
            found.append(((day, rank), Backup(path, day, path.stat().st_size, _answers(path), rank > 0)))
    return [backup for _, backup in sorted(found, key=lambda item: item[0], reverse=True)]


def restore_backup(
    data_dir: Path | str, backup_path: Path | str, today: date | None = None
) -> Path | None:
    """Put ``backup_path`` (one of ours) in place of the live database and return where the
    database from before is kept (``None`` when there was none), so the restore can be undone.

    A healthy database is kept as a ``-before-restore`` backup (restoring that undoes this); a
    damaged one, the usual reason to restore, cannot be copied and is moved aside untouched,
    with its WAL, as ``tutor.sqlite3.damaged-DAY``. The caller must close its ``Store`` first
    and open a new one afterwards: the live file is overwritten page by page through the backup
    API. The result is checked by opening it; if that fails, a kept copy is put back.
    """
    data_dir = Path(data_dir).expanduser()
    backup_path = _our_backup(data_dir, Path(backup_path))
    check_sqlite_file(backup_path)  # damaged or from a newer tutor: refused, nothing touched
    if _answers(backup_path) is None:
        raise BackupError(f"{backup_path.name} is not a tutor progress database (it has no review "
                          "log); nothing was restored.")
    live = data_dir / DB_FILENAME
    day = today or study_day(utc_now())
    before = _keep_before_restore(live, backups_dir(data_dir), day) if live.exists() else None
    _copy_over(backup_path, live)
    try:
        Store.open(data_dir).close()
    except StoreError as e:
        if before is not None and before.parent == backups_dir(data_dir):
            _copy_over(before, live)
            raise BackupError(f"The backup {backup_path.name} could not be opened ({e}); your "
                              "progress was put back as it was.") from e
        raise BackupError(f"The backup {backup_path.name} could not be opened ({e}).") from e
    return before


def _keep_before_restore(live: Path, folder: Path, day: date) -> Path:
    if not _looks_like_sqlite(live):  # never let SQLite open it: it would drop a WAL it cannot use
        return _move_aside(live, day)
    target = _free_name(folder, f"tutor-{day.isoformat()}-before-restore", ".sqlite3")
    try:
        _copy_to_new_file(live, target)
        return target
    except BackupError:  # SQLite cannot read it: keep the very bytes, beside the new file
        return _move_aside(live, day)


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) in (SQLITE_HEADER, b"")
    except OSError:
        return False


def _move_aside(live: Path, day: date) -> Path:
    target = _free_name(live.parent, f"{live.name}.damaged-{day.isoformat()}", "")
    try:
        for suffix in ("-wal", "-shm", ""):  # the database last: a stale WAL must not meet a new one
            side = live.with_name(live.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
    except OSError as e:
        raise BackupError(f"Could not move the damaged {live} aside ({e.strerror or e}); "
                          "nothing was restored.") from e
    return target


# -- our files -------------------------------------------------------------------------------


def _ours(folder: Path) -> list[tuple[Path, date, int]]:
    """(path, day, rank) of our files: rank 0 the daily copy, 1, 2 ... before-restore copies."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    ours = []
    for path in entries:
        match = _OURS.fullmatch(path.name)
        if match is None or path.is_symlink() or not path.is_file():
            continue
        try:
            day = date.fromisoformat(match[1])
        except ValueError:
            continue
        rank = 0 if match[2] is None else int(match[3] or 1)
        ours.append((path, day, rank))
    return ours


def _our_backup(data_dir: Path, path: Path) -> Path:
    ours = {p.resolve(): p for p, _, _ in _ours(backups_dir(data_dir))}
    resolved = path.expanduser().resolve()
    if resolved not in ours:
        raise BackupError(f"{path} is not one of tutor's backups in {backups_dir(data_dir)}.")
    return ours[resolved]


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``stem + suffix``, or ``stem-2 + suffix`` ... : the first name nothing has."""
    target, n = folder / f"{stem}{suffix}", 1
    while target.exists() or target.is_symlink():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


def _prune(folder: Path, today: date) -> None:
    """Keep the newest ``KEEP``; copies dated after today (made while the clock was wrong)
    are the first to go, so they can never crowd out today's."""
    ours = sorted(_ours(folder), key=lambda item: (item[1] <= today, item[1], item[2]), reverse=True)
    for path, _, _ in ours[KEEP:]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BackupError(f"Cannot create the backup folder {folder}: {e.strerror or e}.") from e


# -- copying ---------------------------------------------------------------------------------


def _copy_to_new_file(source: Path, target: Path) -> None:
    """A complete single-file copy at ``target``, or nothing there (written aside, then renamed)."""
    _make_folder(target.parent)
    fd, partial = tempfile.mkstemp(prefix=".tutor-backup-", suffix=".partial", dir=target.parent)
    os.close(fd)
    try:
        with _connect(source) as src, _connect(Path(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as e:
        Path(partial).unlink(missing_ok=True)
        raise BackupError(f"Could not copy {source} to {target}: {e}. Nothing was changed.") from e


def _copy_over(source: Path, live: Path) -> None:
    """Make ``live`` the same database as ``source``, through the backup API."""
    try:
        with _connect(source, read_only=True) as src, _connect(live) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")  # what the Store uses
    except sqlite3.Error as e:
        raise BackupError(
            f"Could not restore {source.name} over {live}: {e}. Close every tutor window and try "
            "again; your progress was not replaced."
        ) from e


@contextlib.contextmanager
def _connect(path: Path, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, closed on leaving (``sqlite3``'s own ``with`` only commits)."""
    if read_only:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    else:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        yield con
    finally:
        con.close()


def _answers(path: Path) -> int | None:
    """Answers that count in a copy (not implicit credit, not undone), read without locking or
    creating anything beside the file; None when the file cannot be read."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        return con.execute(
            "SELECT count(*) FROM review_log WHERE kind != 'implicit' AND id NOT IN "
            "(SELECT target_review FROM skill_event WHERE target_review IS NOT NULL)"
        ).fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        con.close()
