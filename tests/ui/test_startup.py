"""Fast to open (issue 9): nothing heavy on the way to the first paint. Alembic loads only when
a migration is due; a large database's integrity check runs after the first paint, in the
background, and a damaged file is still reported."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from alembic.script import ScriptDirectory
from PySide6.QtWidgets import QMessageBox

from tutor.store import Store, migrate
from tutor.store.migrate import alembic_config, head_revision, known_revisions

LAUNCH = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication([])\n"
    "from tutor.ui import MainWindow\n"
    "w = MainWindow(data_dir={data!r}); w.show(); app.processEvents()\n"
    "print(sorted({{m.split('.')[0] for m in sys.modules}} & {{'alembic', 'matplotlib', 'fsrs', 'sympy'}}))\n"
    "w.close()\n"
)


def _launch(data_dir) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", LAUNCH.format(data=str(data_dir))],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 - our own subprocess's list of names


def test_the_revisions_read_from_the_files_are_alembic_s():
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {s.revision for s in script.walk_revisions()}


def test_alembic_is_loaded_only_when_a_migration_is_due(tmp_path):
    assert "alembic" in _launch(tmp_path)  # a new database: created by the migrations
    assert _launch(tmp_path) == []  # at head: no Alembic, matplotlib, fsrs or SymPy


def test_a_large_file_is_checked_after_the_first_paint_and_damage_is_reported(
    qtbot, open_window, tmp_path, monkeypatch
):
    Store.open(tmp_path).close()
    monkeypatch.setattr(migrate, "QUICK_CHECK_INLINE_BYTES", 0)  # every file counts as large
    calls = []
    real = migrate.integrity_problems
    monkeypatch.setattr(migrate, "_inspect_sqlite", _spy(migrate._inspect_sqlite, calls))
    from tutor.store import repository

    monkeypatch.setattr(repository, "integrity_problems", lambda path: ["page 7: btree damaged"])
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    w = open_window(tmp_path)
    assert calls == [False]  # opened without quick_check
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "page 7: btree damaged" in warnings[0] and "Restore backup" in warnings[0]
    assert w.session is not None and real(tmp_path / "tutor.sqlite3") == []


def test_a_file_not_closed_cleanly_is_checked_at_once(tmp_path, monkeypatch):
    Store.open(tmp_path).close()
    path = tmp_path / "tutor.sqlite3"
    monkeypatch.setattr(migrate, "QUICK_CHECK_INLINE_BYTES", 0)
    assert not migrate.must_check_now(path)
    keep = sqlite3.connect(path)  # a writer that has not closed: the WAL is left behind
    keep.execute("PRAGMA journal_mode=WAL")
    keep.execute("CREATE TABLE IF NOT EXISTS scratch (x)")
    keep.execute("INSERT INTO scratch VALUES (1)")
    keep.commit()
    try:
        assert migrate.must_check_now(path)
    finally:
        keep.close()


def _spy(fn, calls):
    def spy(path, quick_check=True):
        calls.append(quick_check)
        return fn(path, quick_check=quick_check)

    return spy


def test_the_app_paints_first_and_opens_the_progress_off_the_gui_thread(qtbot, tmp_path, clock):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel

    from tutor.ui import MainWindow

    w = MainWindow(data_dir=tmp_path, clock=clock, open_in_background=True)
    qtbot.addWidget(w)
    assert w.session is None and w.store is None  # nothing read yet
    assert w.findChild(QLabel, "todayDetail").text() == "Opening your progress…"
    assert not w.findChild(QAction, "actionBrowse").isEnabled()
    w.show()
    qtbot.waitUntil(lambda: w.session is not None, timeout=20_000)
    qtbot.waitUntil(lambda: "reviews in this session" in w.findChild(QLabel, "todayDetail").text())
    assert w.findChild(QAction, "actionBrowse").isEnabled() and w.today.start_button.isEnabled()
    w.close()


def test_closing_while_the_progress_opens_loses_nothing(qtbot, tmp_path, clock):
    from PySide6.QtCore import QThreadPool

    from tutor.ui import MainWindow

    w = MainWindow(data_dir=tmp_path, clock=clock, open_in_background=True)
    qtbot.addWidget(w)
    w.show()
    w.close()  # before (or while) the database opens
    QThreadPool.globalInstance().waitForDone(20_000)
    qtbot.wait(50)
    with Store.open(tmp_path) as store:  # the file is whole and not held open
        assert store.skill_states() == {}
