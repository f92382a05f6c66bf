"""Engine construction: the SQLite connection settings tutor relies on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.pool import StaticPool

# Execution option: begin the transaction with BEGIN IMMEDIATE (take the write lock up front,
# so a write never fails half-way with SQLITE_BUSY when another connection wrote meanwhile).
IMMEDIATE = "tutor_begin_immediate"


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for the SQLite file at ``path``."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def create_store_engine(url: str | URL) -> Engine:
    """An Engine for ``url``; on SQLite with WAL, FULL sync, foreign keys and real transactions."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        # One shared connection, or every thread would see its own empty in-memory database.
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: object) -> None:
    # sqlite3's legacy mode does not BEGIN before DDL, so migrations would not be atomic;
    # turn its transaction handling off and emit BEGIN ourselves (_sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed review survives a power cut, not only the app being killed.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def set_sqlite_foreign_keys(connection: Connection, enabled: bool) -> None:
    """Switch FK enforcement; must run outside a transaction, so it bypasses autobegin."""
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys={'ON' if enabled else 'OFF'}")
