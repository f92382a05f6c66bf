"""Daily backups and restoring one (tutor.backups), and the Restore backup dialog."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from histories import SKILL, START, HistoryWriter, write_history
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMessageBox, QPushButton

from tutor.backups import (
    KEEP,
    BackupError,
    backups_dir,
    daily_backup,
    list_backups,
    restore_backup,
)
from tutor.core.records import IMPLICIT
from tutor.rebuild import check
from tutor.store import DB_FILENAME, Store, StoreError
from tutor.store.migrate import check_sqlite_file
from tutor.ui.backups import RestoreBackupDialog

DAY = date(2026, 3, 10)


def answers_in(data_dir: Path) -> int:
    """Answers that count (implicit credit is not an answer), as a backup's listing counts them."""
    with Store.open(data_dir) as store:
        return sum(r.kind != IMPLICIT for r in store.reviews())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def study_more(data_dir: Path, answers: int = 2) -> None:
    with Store.open(data_dir) as store:
        writer = HistoryWriter(store, START + timedelta(days=20))
        for _ in range(answers):
            writer.answer(SKILL, 4)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    write_history(tmp_path)
    return tmp_path


def test_one_backup_a_day(data_dir):
    first = daily_backup(data_dir, DAY)
    assert first == backups_dir(data_dir) / "tutor-2026-03-10.sqlite3"
    study_more(data_dir)
    assert daily_backup(data_dir, DAY) is None  # once a day at most
    assert [b.path for b in list_backups(data_dir)] == [first]
    assert daily_backup(data_dir, DAY + timedelta(days=1)).name == "tutor-2026-03-11.sqlite3"


def test_a_backup_is_a_healthy_single_file_with_the_answers(data_dir):
    backup = daily_backup(data_dir, DAY)
    check_sqlite_file(backup)
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]
    (listed,) = list_backups(data_dir)
    assert (listed.day, listed.size, listed.reviews) == (DAY, backup.stat().st_size, answers_in(data_dir))
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # reading left nothing


def test_a_backup_taken_while_the_app_is_open_has_every_committed_answer(data_dir):
    with Store.open(data_dir) as store:
        HistoryWriter(store, START + timedelta(days=20)).answer(SKILL, 5)  # still in the WAL
        counted = sum(r.kind != IMPLICIT for r in store.reviews())
        backup = daily_backup(data_dir, DAY)
    assert list_backups(data_dir)[0].reviews == counted
    assert backup is not None


def test_the_last_seven_are_kept_and_the_eighth_prunes_the_oldest(data_dir):
    days = [DAY + timedelta(days=n) for n in range(KEEP + 1)]
    for day in days[:KEEP]:
        daily_backup(data_dir, day)
    assert [b.day for b in list_backups(data_dir)] == days[KEEP - 1::-1]
    daily_backup(data_dir, days[KEEP])
    assert [b.day for b in list_backups(data_dir)] == days[:0:-1]  # newest first, oldest gone


def test_files_that_are_not_ours_are_never_touched(data_dir):
    folder = backups_dir(data_dir)
    folder.mkdir()
    foreign = {
        "notes.txt": b"my notes",
        "tutor-2026-02-30.sqlite3": b"not a real day",
        "tutor-backup.sqlite3": b"someone else's copy",
        "tutor-2026-01-01.sqlite3.old": b"renamed by hand",
        "Tutor-2026-01-02.sqlite3": b"other case",
    }
    for name, content in foreign.items():
        (folder / name).write_bytes(content)
    (folder / "tutor-2026-01-03.sqlite3").mkdir()  # a folder with our name
    for n in range(KEEP + 3):
        daily_backup(data_dir, DAY + timedelta(days=n))
    for name, content in foreign.items():
        assert (folder / name).read_bytes() == content
    assert (folder / "tutor-2026-01-03.sqlite3").is_dir()
    assert len(list_backups(data_dir)) == KEEP
    with pytest.raises(BackupError, match="not one of tutor's backups"):
        restore_backup(data_dir, folder / "notes.txt", DAY)


def test_copies_dated_in_the_future_never_crowd_out_todays(data_dir):
    """Seven copies made while the clock said 2031 must not stop today's copy being kept."""
    for n in range(KEEP):
        daily_backup(data_dir, date(2031, 5, 1) + timedelta(days=n))
    made = daily_backup(data_dir, DAY)
    assert made is not None and made.exists()
    names = sorted(p.name for p in backups_dir(data_dir).iterdir())
    assert len(names) == KEEP and f"tutor-{DAY.isoformat()}.sqlite3" in names


def test_a_file_named_like_a_backup_but_empty_is_not_restored(data_dir):
    before = answers_in(data_dir)
    empty = backups_dir(data_dir) / "tutor-2026-02-09.sqlite3"
    empty.parent.mkdir(exist_ok=True)
    empty.touch()
    with pytest.raises(BackupError, match="not a tutor progress database"):
        restore_backup(data_dir, empty, DAY)
    assert answers_in(data_dir) == before
    assert not any("before-restore" in p.name for p in backups_dir(data_dir).iterdir())


def test_no_database_yet_means_no_backup(tmp_path):
    assert daily_backup(tmp_path, DAY) is None
    assert not backups_dir(tmp_path).exists()
    assert list_backups(tmp_path) == []


def test_restore_brings_back_the_backup_and_can_itself_be_undone(data_dir):
    backup = daily_backup(data_dir, DAY)
    earlier = answers_in(data_dir)
    study_more(data_dir, answers=3)
    later = answers_in(data_dir)
    assert later == earlier + 3

    before = restore_backup(data_dir, backup, DAY + timedelta(days=1))
    assert answers_in(data_dir) == earlier
    assert before.name == "tutor-2026-03-11-before-restore.sqlite3"
    newest = list_backups(data_dir)[0]
    assert (newest.path, newest.before_restore, newest.reviews) == (before, True, later)

    again = restore_backup(data_dir, before, DAY + timedelta(days=1))  # undo the restore
    assert answers_in(data_dir) == later
    assert again.name == "tutor-2026-03-11-before-restore-2.sqlite3"
    with Store.open(data_dir) as store:
        assert check(store) == []


def test_a_damaged_database_is_moved_aside_untouched_and_the_backup_restored(data_dir):
    backup = daily_backup(data_dir, DAY)
    live = data_dir / DB_FILENAME
    live.write_bytes(b"garbage after a disk failure")
    (data_dir / f"{DB_FILENAME}-wal").write_bytes(b"its stale WAL")
    kept = restore_backup(data_dir, backup, DAY)
    assert kept == data_dir / "tutor.sqlite3.damaged-2026-03-10"
    assert kept.read_bytes() == b"garbage after a disk failure"
    assert Path(f"{kept}-wal").read_bytes() == b"its stale WAL"
    assert answers_in(data_dir) == list_backups(data_dir)[0].reviews


def test_a_damaged_backup_is_refused_and_nothing_changes(data_dir):
    folder = backups_dir(data_dir)
    folder.mkdir()
    damaged = folder / "tutor-2026-03-01.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    live = data_dir / DB_FILENAME
    before = digest(live)
    with pytest.raises(StoreError):
        restore_backup(data_dir, damaged, DAY)
    assert digest(live) == before
    assert sorted(p.name for p in folder.iterdir()) == [damaged.name]  # no copy made either


def test_a_backup_can_be_read_by_plain_sqlite(data_dir):
    backup = daily_backup(data_dir, DAY)
    con = sqlite3.connect(backup)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        con.close()


# -- the dialog ------------------------------------------------------------------------------


@pytest.fixture
def three_backups(data_dir):
    for n in range(3):
        daily_backup(data_dir, DAY + timedelta(days=n))
    return list_backups(data_dir)


def open_dialog(qtbot, backups):
    dialog = RestoreBackupDialog(backups)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_row(qtbot, dialog, row):
    rows = dialog.findChild(QListWidget, "backupList")
    qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=rows.visualItemRect(rows.item(row)).center())


def confirmation_button(qtbot, dialog, name):
    box = dialog.findChild(QMessageBox, "confirmRestoreBox")
    qtbot.waitUntil(box.isVisible)
    return box.findChild(QPushButton, name)


def test_the_dialog_lists_backups_and_emits_the_chosen_one(qtbot, three_backups):
    dialog = open_dialog(qtbot, three_backups)
    assert dialog.objectName() == "restoreBackupDialog"
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert rows[0].startswith("Thursday 12 March 2026 · ") and rows[0].endswith(" answers")
    assert len(rows) == 3
    restore = dialog.findChild(QPushButton, "restoreButton")
    assert not restore.isEnabled()
    click_row(qtbot, dialog, 1)
    assert restore.isEnabled()
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    box = dialog.findChild(QMessageBox, "confirmRestoreBox")
    assert "the backup from Wednesday 11 March 2026 (" in box.text()
    with qtbot.waitSignal(dialog.restore_requested, timeout=2000) as signal:
        qtbot.mouseClick(confirmation_button(qtbot, dialog, "confirmRestoreButton"), Qt.MouseButton.LeftButton)
    assert signal.args == [three_backups[1].path]
    assert not dialog.isVisible()


def test_cancelling_the_confirmation_emits_nothing(qtbot, three_backups):
    dialog = open_dialog(qtbot, three_backups)
    emitted = []
    dialog.restore_requested.connect(emitted.append)
    click_row(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.findChild(QPushButton, "restoreButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(confirmation_button(qtbot, dialog, "confirmCancelButton"), Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert emitted == [] and dialog.isVisible()
    qtbot.mouseClick(dialog.findChild(QPushButton, "cancelButton"), Qt.MouseButton.LeftButton)
    assert emitted == [] and not dialog.isVisible()


def test_with_no_backups_the_dialog_says_so(qtbot):
    dialog = open_dialog(qtbot, [])
    assert dialog.list.count() == 0
    assert not dialog.findChild(QPushButton, "restoreButton").isEnabled()
    assert "no backups yet" in dialog.findChild(QLabel, "restoreBackupIntro").text()
