"""Alembic environment for tutor.

The app runs migrations through ``tutor.store.migrate``, which passes its own connection in
``config.attributes["connection"]`` (already inside a transaction). Without one (a bare Alembic
command), an engine is built from ``sqlalchemy.url`` or the default data dir.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from tutor.paths import default_data_dir
from tutor.store.engine import create_store_engine, sqlite_url
from tutor.store.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    return sqlite_url(default_data_dir() / "tutor.sqlite3")


def _configure(**kwargs: object) -> None:
    # Batch mode is a no-op on PostgreSQL and copy-and-move on SQLite.
    context.configure(target_metadata=target_metadata, render_as_batch=True, **kwargs)


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_store_engine(_url())
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
