"""Bring a database to the schema this version of tutor expects, without risking the learner's data.

Order on open (SQLite): ``check_sqlite_file`` reads the file with a plain connection and writes
nothing; only then is the engine created, and ``upgrade_to_head`` copies the file to
``<name>.bak-<rev>`` before changing an older schema. The upgrade runs in one transaction with
foreign keys off (a batch rebuild of a referenced table would fail otherwise) and checks them
before committing.

Developers: ``python -m tutor.store revision "add x"`` autogenerates the next numbered revision
from the models; ``python -m tutor.store check`` compares models and migrations.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect

from tutor.paths import migrations_dir
from tutor.store.engine import IMMEDIATE, create_store_engine, set_sqlite_foreign_keys, sqlite_url
from tutor.store.errors import StoreError

if TYPE_CHECKING:  # Alembic is imported only when a migration is due (or by the developer CLI)
    from alembic.config import Config

SQLITE_HEADER = b"SQLite format 3\x00"
QUICK_CHECK_INLINE_BYTES = 8 * 2**20  # larger files are checked after the first paint (see below)
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(?:[\"']([^\"']+)[\"']|None)", re.M)
_DAMAGED_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for the packaged migrations; reads no .ini file."""
    from alembic.config import Config

    cfg = Config()
    # Config values go through ConfigParser interpolation: a literal % must be doubled.
    cfg.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _revision_chain() -> dict[str, str | None]:
    return _chain_in(migrations_dir())


def _chain_in(folder: Path) -> dict[str, str | None]:
    """Each revision of ``migrations/versions`` and the one before it, read from the files'
    ``revision`` / ``down_revision`` lines: opening a database that needs no migration never
    imports Alembic (a tenth of a second at launch). tests/store checks this against Alembic."""
    chain: dict[str, str | None] = {}
    for path in sorted((folder / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision and down:
            chain[revision.group(1)] = down.group(1)
    return chain


def head_revision() -> str:
    chain = _revision_chain()
    heads = set(chain) - {down for down in chain.values() if down}
    assert len(heads) == 1, f"expected one head revision, found {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_chain())


def current_revision(connection: Connection) -> str | None:
    """The revision stored in the database (None for an empty one), read without Alembic."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def backups(path: Path) -> list[Path]:
    """Pre-upgrade copies of ``path``, oldest name first."""
    return sorted(path.parent.glob(f"{path.name}.bak-*"))


def damaged_message(path: Path, detail: str) -> str:
    baks = backups(path)
    restore = f", or restore a backup ({', '.join(b.name for b in baks)})" if baks else ""
    return (
        f"The progress database at {path} is damaged ({detail}). Your file was left untouched; "
        f"move it aside to start fresh{restore}."
    )


def _newer_message(where: str, revision: str) -> str:
    return (
        f"The progress database at {where} has schema revision {revision!r}, which this version "
        f"of tutor does not know (its newest is {head_revision()!r}); it was probably written by "
        "a newer tutor. Update tutor, or point it at another data folder. The file was not changed."
    )


def check_revision_known(where: str, revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise StoreError(_newer_message(where, revision))


def check_sqlite_file(path: Path, full: bool = True) -> None:
    """Refuse a file that is not a healthy SQLite database or is from a newer schema.

    Reads only: the learner's file is never modified here. ``full=False`` leaves out
    ``PRAGMA quick_check`` for a large file closed cleanly last time (it grows with the file:
    0.6 s at a million reviews); the window runs :func:`integrity_problems` after its first
    paint instead. A file left with a write-ahead log (the last process did not close it) is
    always checked at once.
    """
    if not path.exists():
        return
    if not path.is_file():
        raise StoreError(f"{path} is not a file. Move it aside so tutor can create its database.")
    if not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(
            f"The progress database at {path} is read-only for you. Make it writable (and its "
            "folder), or choose another data folder with --data-dir or TUTOR_DATA_DIR."
        )
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise StoreError(f"Cannot read the progress database at {path}: {e.strerror}.") from e
    if header and header != SQLITE_HEADER:
        raise StoreError(damaged_message(path, "file is not a database"))
    revision, tables = _inspect_sqlite(path, quick_check=full or must_check_now(path))
    _check_ours(path, revision, tables)
    check_revision_known(str(path), revision)


OUR_TABLES = {"skill_state", "review_log", "settings"}  # in every revision since 0001


def _check_ours(path: Path, revision: str | None, tables: set[str]) -> None:
    """Refuse, untouched, a SQLite file that another program made (it only has our name): it
    would otherwise be switched to WAL and given our tables."""
    ours = revision in known_revisions() or (revision is not None and tables >= OUR_TABLES)
    if ours or not (tables - {"alembic_version"}):
        return  # tutor's own, or an empty database (tutor creates its tables in it)
    shown = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
    raise StoreError(
        f"{path} is a SQLite database, but not tutor's: it holds the tables {shown}. It was left "
        "exactly as it was. Move it aside (or choose another data folder with --data-dir or "
        "TUTOR_DATA_DIR) so tutor can create its own."
    )


def must_check_now(path: Path) -> bool:
    """Whether ``path`` is small enough to check on the way to the first paint, or was not
    closed cleanly (SQLite removes the write-ahead log when the last connection closes)."""
    try:
        wal = path.with_name(path.name + "-wal")
        return path.stat().st_size <= QUICK_CHECK_INLINE_BYTES or (wal.exists() and wal.stat().st_size > 0)
    except OSError:
        return True


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong with ``path`` (empty when it is healthy)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [row[0] for row in con.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as e:
        return [str(e)]
    finally:
        con.close()
    return [] if problems == ["ok"] else problems


def _inspect_sqlite(path: Path, quick_check: bool = True) -> tuple[str | None, set[str]]:
    """Run ``quick_check`` (unless told not to); return the Alembic revision stored in the file
    (if any) and its tables. Reads only. A file in rollback-journal mode (never tutor's: it
    switches its files to WAL) is opened read-only, so that not even a journal appears beside
    it; a WAL file read-write, so that SQLite tidies its -wal and -shm away on closing."""
    try:
        con = sqlite3.connect(path) if _wal_mode(path) else sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise StoreError(f"Cannot open the progress database at {path}: {e}.") from e
    try:
        problems = [row[0] for row in con.execute("PRAGMA quick_check").fetchall()] if quick_check else ["ok"]
        if problems != ["ok"]:
            raise StoreError(damaged_message(path, "; ".join(problems[:3])))
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")}
        if "alembic_version" not in tables:
            return None, tables
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return (row[0] if row else None), tables
    except sqlite3.DatabaseError as e:
        if getattr(e, "sqlite_errorname", "") in _DAMAGED_CODES:
            raise StoreError(damaged_message(path, str(e))) from e
        raise StoreError(f"Cannot read the progress database at {path}: {e}.") from e
    finally:
        con.close()


def _wal_mode(path: Path) -> bool:
    """Whether the SQLite header says the file is in WAL mode (bytes 18 and 19 are 2)."""
    try:
        with path.open("rb") as f:
            header = f.read(20)
    except OSError:
        return True
    return len(header) < 20 or header[18:20] == b"\x02\x02"


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy ``path`` (including committed WAL content) to a fresh ``<name>.bak-<revision>``."""
    target = path.with_name(f"{path.name}.bak-{revision}")
    n = 1
    while target.exists():  # never overwrite an earlier backup
        target = path.with_name(f"{path.name}.bak-{revision}.{n}")
        n += 1
    src, dst = sqlite3.connect(path), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade_to_head(engine: Engine, path: Path | None = None) -> None:
    """Upgrade the database behind ``engine`` to the newest revision, atomically.

    ``path`` is the SQLite file to back up first when its schema is older than head.
    """
    sqlite = engine.dialect.name == "sqlite"
    where = str(path) if path else engine.url.render_as_string()
    with engine.connect().execution_options(**{IMMEDIATE: True}) as conn:
        if sqlite:
            set_sqlite_foreign_keys(conn, False)
        try:
            with conn.begin():
                _upgrade_in_transaction(conn, where, path, sqlite)
        finally:
            if sqlite:
                set_sqlite_foreign_keys(conn, True)


# Any constant: the key of the PostgreSQL advisory lock every opening tutor takes while it
# looks at (and maybe upgrades) the schema, so two machines starting a new version at once
# migrate once; the second waits, then finds the schema at head. (SQLite: BEGIN IMMEDIATE.)
MIGRATION_LOCK_KEY = 0x7475746F72  # "tutor"


def _upgrade_in_transaction(conn: Connection, where: str, path: Path | None, sqlite: bool) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
    current = current_revision(conn)
    check_revision_known(where, current)
    head = head_revision()
    if current == head:
        return
    backup = backup_sqlite(path, current) if path and current else None
    try:
        from alembic import command

        command.upgrade(alembic_config(conn), "head")
        if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
            raise RuntimeError("foreign key check failed after the upgrade")
    except Exception as e:
        kept = f" A copy from before the upgrade is at {backup}." if backup else ""
        raise StoreError(
            f"Could not upgrade the progress database at {where} from schema {current!r} to "
            f"{head!r}: {e}. The upgrade was rolled back and your data left as it was.{kept}"
        ) from e


def _revision_cli(message: str) -> None:
    """Autogenerate the next numbered revision against a scratch database at head."""
    from alembic import command

    next_id = f"{len(known_revisions()) + 1:04d}"
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_store_engine(sqlite_url(Path(tmp) / "scratch.sqlite3"))
        try:
            upgrade_to_head(engine)
            with engine.begin() as conn:
                command.revision(
                    alembic_config(conn), message=message, autogenerate=True, rev_id=next_id
                )
        finally:
            engine.dispose()


def _check_cli() -> None:
    from alembic import command

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_store_engine(sqlite_url(Path(tmp) / "scratch.sqlite3"))
        try:
            upgrade_to_head(engine)
            with engine.connect() as conn:
                command.check(alembic_config(conn))
        finally:
            engine.dispose()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "revision":
        _revision_cli(args[1])
    elif args == ["check"]:
        _check_cli()
    else:
        print('usage: python -m tutor.store (revision "message" | check)', file=sys.stderr)
        return 2
    return 0
