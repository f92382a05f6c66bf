"""A real PostgreSQL server for the tests: the one `.ci/run` started, or a throwaway cluster.

`.ci/run` starts Debian's server on a Unix socket and exports ``TUTOR_TEST_POSTGRES_URL``.
Without it, the tests start their own cluster the same way (``initdb`` + ``pg_ctl`` from
``/usr/lib/postgresql/*/bin``, as the ``postgres`` user when run as root, socket and data in
a temporary folder) and stop it at the end. When neither works the PostgreSQL tests are
skipped with the reason — except under CI, where a missing server is a failure.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

URL_VARIABLE = "TUTOR_TEST_POSTGRES_URL"


class NoServer(Exception):
    """No PostgreSQL server could be found or started; the message says why."""


def server_bin() -> Path:
    """The newest installed PostgreSQL's bin folder (Debian layout), or PATH's initdb."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise NoServer(
            "PostgreSQL is not installed (no initdb); `apt-get install -y postgresql`, or set "
            f"{URL_VARIABLE} to a server's SQLAlchemy URL"
        )
    return Path(initdb).parent


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parents[1].name
    return tuple(int(p) for p in version.split(".") if p.isdigit())


@contextlib.contextmanager
def throwaway_cluster(durable: bool = False) -> Iterator[str]:
    """Start a cluster on a Unix socket in a temporary folder; yield its admin URL.

    Tests run it with ``fsync=off`` (fast, and nothing survives the run anyway); ``durable``
    keeps PostgreSQL's own default, so that benchmarks compare like with like."""
    bin_dir = server_bin()
    as_postgres = _as_postgres_prefix()
    root = Path(tempfile.mkdtemp(prefix="tutor-pg-"))
    root.chmod(0o755)
    data = root / "data"
    if as_postgres:
        shutil.chown(root, "postgres")
    try:
        _run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"])
        fsync = "" if durable else " -c fsync=off"
        options = f"-k {root} -c listen_addresses=''{fsync} -c max_connections=200"
        _run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
              "-l", str(root / "log"), "-w", "start"])
    except NoServer:
        shutil.rmtree(root, ignore_errors=True)
        raise
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={root}"
    finally:
        with contextlib.suppress(NoServer):
            _run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def _as_postgres_prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise NoServer("running as root and runuser is missing: cannot start PostgreSQL as postgres")
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError as e:
        raise NoServer("running as root and there is no postgres user to start the server as") from e
    return [runuser, "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    try:
        # from /: the postgres user may not be allowed into the current folder
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, cwd="/")
    except (OSError, subprocess.TimeoutExpired) as e:
        raise NoServer(f"{Path(command[-1]).name}: {e}") from e
    if done.returncode != 0:
        raise NoServer(f"{' '.join(command)} failed: {(done.stderr or done.stdout).strip()[-500:]}")


def fresh_database(admin_url: str) -> tuple[str, str]:
    """Create an empty database on the server; return (its URL, its name)."""
    from sqlalchemy import create_engine, make_url

    name = f"tutor_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        engine.dispose()
    url = make_url(admin_url).set(database=name)
    return url.render_as_string(hide_password=False), name


def drop_database(admin_url: str, name: str) -> None:
    """Drop a test database, closing whatever connections a test left open."""
    from sqlalchemy import create_engine

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        engine.dispose()
