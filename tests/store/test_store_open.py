"""Opening the database: connection settings, refusing bad files untouched, finding migrations."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from tutor.paths import migrations_dir
from tutor.store import Store, StoreError

REPO_ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def pragma(store: Store, name: str):
    with store._engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_connection_settings(sqlite_store):
    store = sqlite_store
    assert pragma(store, "journal_mode") == "wal"
    assert pragma(store, "foreign_keys") == 1
    assert pragma(store, "synchronous") == 2  # FULL
    con = sqlite3.connect(store.path)  # WAL is a property of the file, not only our connection
    try:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        con.close()


def test_creates_the_data_dir(tmp_path):
    data_dir = tmp_path / "deep" / "er"
    with Store.open(data_dir) as store:
        assert store.path == data_dir / "tutor.sqlite3"
    assert store.path.is_file()


@pytest.mark.parametrize(
    "content",
    [b"my shopping list\n", b"SQLite format 3\x00" + b"\x00" * 50, b"\x00" * 4096],
    ids=["text", "header-only", "zeros"],
)
def test_not_a_database_is_refused_untouched(tmp_path, content):
    path = tmp_path / "tutor.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path)
    message = str(err.value)
    assert str(path) in message
    assert "damaged" in message and "move it aside" in message
    assert snapshot(tmp_path) == {"tutor.sqlite3": content}


def test_truncated_database_is_refused_untouched(tmp_path, make_review):
    with Store.open(tmp_path) as store:
        for seed in range(200):
            store.record_review(make_review(seed=seed, answer="x" * 100), None)
    path = tmp_path / "tutor.sqlite3"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    (tmp_path / "tutor.sqlite3.bak-0001").write_bytes(b"an old backup")
    before = snapshot(tmp_path)

    with pytest.raises(StoreError, match="damaged") as err:
        Store.open(tmp_path)

    assert str(path) in str(err.value)
    assert "tutor.sqlite3.bak-0001" in str(err.value)  # points at the backup to restore
    assert snapshot(tmp_path) == before


def test_newer_revision_is_refused_untouched(tmp_path):
    Store.open(tmp_path).close()
    path = tmp_path / "tutor.sqlite3"
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = snapshot(tmp_path)

    with pytest.raises(StoreError, match="newer") as err:
        Store.open(tmp_path)

    assert "'9999'" in str(err.value) and str(path) in str(err.value)
    assert snapshot(tmp_path) == before


def test_data_dir_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="data folder") as err:
        Store.open(blocker / "data")
    assert str(blocker / "data") in str(err.value)
    assert "TUTOR_DATA_DIR" in str(err.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_data_dir(tmp_path):
    Store.open(tmp_path / "data").close()
    (tmp_path / "data").chmod(0o500)
    try:
        with pytest.raises(StoreError, match="writable"):
            Store.open(tmp_path / "data")
    finally:
        (tmp_path / "data").chmod(0o700)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anything")
def test_read_only_database_file(tmp_path):
    Store.open(tmp_path).close()
    (tmp_path / "tutor.sqlite3").chmod(0o400)
    with pytest.raises(StoreError, match="read-only"):
        Store.open(tmp_path)


def test_database_path_is_a_folder(tmp_path):
    (tmp_path / "tutor.sqlite3").mkdir()
    with pytest.raises(StoreError, match="not a file"):
        Store.open(tmp_path)


def test_bad_url():
    with pytest.raises(StoreError, match="not a valid database URL"):
        Store.open_url("no url at all")


def run_python(code: str, cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that only sees ``pythonpath`` for tutor."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TUTOR_DATA_DIR")}
    env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_committed_review_survives_a_killed_process(tmp_path):
    code = f"""
        import os
        from datetime import UTC, date, datetime
        from tutor.store import ReviewRecord, Store
        store = Store.open({str(tmp_path / "data")!r})
        store.record_review(ReviewRecord("a.b", 1, "2", "correct", 5, 1.0, False, False,
                            datetime.now(UTC), date.today(), 250, 0, 0), None)
        os.kill(os.getpid(), 9)
        """
    result = run_python(code, tmp_path, REPO_ROOT)
    assert result.returncode != 0, result.stderr
    with Store.open(tmp_path / "data") as store:
        assert [r.template_id for r in store.reviews()] == ["a.b"]


def test_migrations_found_from_another_working_directory(tmp_path):
    code = """
        from tutor.paths import migrations_dir
        from tutor.store import Store
        Store.open("data").close()
        print(migrations_dir())
        """
    result = run_python(code, tmp_path, REPO_ROOT)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == migrations_dir()
    assert (tmp_path / "data" / "tutor.sqlite3").is_file()


def build_wheel(tmp_path: Path) -> Path:
    out = tmp_path / "wheel"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(out), str(REPO_ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.skip(f"wheel build failed (outside tutor/store?): {result.stderr[-500:]}")
    (wheel,) = out.glob("tutor-*.whl")
    return wheel


def test_installed_wheel_carries_and_finds_migrations(tmp_path):
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert {"tutor/migrations/env.py", "tutor/migrations/script.py.mako"} <= names
        assert "tutor/migrations/versions/0001_initial.py" in names
        assert "tutor/content/linear_algebra/cosine_similarity.py" in names
        assert "tutor/assets/style.qss" in names
        site = tmp_path / "site"
        zf.extractall(site)  # a pure wheel unpacked is an install, minus the metadata step
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    code = """
        import tutor
        from tutor.paths import migrations_dir
        from tutor.store import Store
        Store.open("data").close()
        print(tutor.__file__)
        print(migrations_dir())
        """
    result = run_python(code, run_dir, site)
    assert result.returncode == 0, result.stderr
    package_file, found = (Path(line) for line in result.stdout.split())
    assert package_file.is_relative_to(site)
    assert found == site / "tutor" / "migrations"


@pytest.mark.parametrize("tables", [
    ["CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)"],
    # another program's Alembic history: an unknown revision, and none of tutor's tables
    ["CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
     "INSERT INTO alembic_version VALUES ('ae1027a6acf')", "CREATE TABLE invoices (id INTEGER)"],
])
def test_another_programs_sqlite_file_is_refused_untouched(tmp_path, tables):
    path = tmp_path / "tutor.sqlite3"
    con = sqlite3.connect(path)
    for sql in tables:
        con.execute(sql)
    con.commit()
    con.close()
    before = snapshot(tmp_path)
    with pytest.raises(StoreError, match="not tutor's") as err:
        Store.open(tmp_path)
    assert "left exactly as it was" in str(err.value) and "Move it aside" in str(err.value)
    assert snapshot(tmp_path) == before  # same bytes, no -wal or -shm beside it
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # not switched to WAL
    finally:
        con.close()
