"""File → Export…, Import…, Restore backup…, and the daily backup, driven through the window."""

import hashlib
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QWidget,
)

from tutor.backups import backups_dir
from tutor.cli import stats_text


def child(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def study_a_little(qtbot, w, count=3):
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    field = child(w, QLineEdit, "answerInput")
    for _ in range(count):
        qtbot.keyClicks(field, w.current_problem.answer)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.review.phase.value == "correct", timeout=10_000)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    w.end_session()


def choose_file(qtbot, w, action_name, path):
    """Open the action's file dialog, type the path and click Save/Open, as a person would."""
    child(w, QAction, action_name).trigger()
    dialog = w.findChild(QFileDialog, "historyFileDialog")
    qtbot.waitUntil(dialog.isVisible)
    dialog.setDirectory(str(path.parent))  # the person goes to the folder, then types the name
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.clear()
    qtbot.keyClicks(name, path.name)
    popup = name.completer().popup() if name.completer() else None
    if popup is not None and popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)  # close the completion list, as a person would
    buttons = dialog.findChild(QDialogButtonBox)
    [accept] = [b for b in buttons.buttons() if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole]
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def result_box(qtbot, w):
    qtbot.waitUntil(lambda: (b := w.findChild(QMessageBox, "dataResultBox")) is not None and b.isVisible(),
                    timeout=20_000)
    box = w.findChild(QMessageBox, "dataResultBox")
    text = f"{box.windowTitle()}: {box.text()}"
    box.accept()
    box.setObjectName("seen")
    return text


def confirm_restore(qtbot, w, row=0):
    listing = w.findChild(QListWidget, "backupList")
    qtbot.waitUntil(listing.isVisible)
    dialog = listing.window()
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(dialog.findChild(QPushButton, "restoreButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "confirmRestoreBox") is not None)
    box = dialog.findChild(QMessageBox, "confirmRestoreBox")
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.findChild(QPushButton, "confirmRestoreButton"), Qt.MouseButton.LeftButton)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_then_import_into_a_fresh_data_dir_gives_the_same_stats(qtbot, open_window, tmp_path, clock):
    w = open_window(tmp_path / "a")
    study_a_little(qtbot, w)
    export = tmp_path / "history.json"
    choose_file(qtbot, w, "actionExport", export)
    assert "export" in result_box(qtbot, w).lower()
    assert export.exists()
    fresh = open_window(tmp_path / "b")
    choose_file(qtbot, fresh, "actionImport", export)
    assert "import" in result_box(qtbot, fresh).lower()
    assert fresh.store.skill_states() == w.store.skill_states()
    assert fresh.today.due_label.text() == w.today.due_label.text()
    assert child(fresh, QLineEdit, "answerInput") is not None
    assert stats_text(fresh.store, fresh.data_dir, now=clock.now) == stats_text(w.store, w.data_dir, now=clock.now)


def test_a_refused_import_says_why_and_changes_nothing(qtbot, open_window, tmp_path):
    w = open_window(tmp_path / "a")
    study_a_little(qtbot, w, 2)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "tutor-history", "version": 1, "reviews": [', encoding="utf-8")
    assert w.wait_saved()
    w.store.close()  # hash a settled file: reopen only after
    w.store = None
    db = tmp_path / "a" / "tutor.sqlite3"
    before = digest(db)
    from tutor.store import Store

    w.store = Store.open(tmp_path / "a")
    w.session.store = w.store
    choose_file(qtbot, w, "actionImport", broken)
    text = result_box(qtbot, w)
    assert "Nothing was changed" in text
    w.close()
    assert digest(db) == before


def test_a_backup_is_made_on_opening_and_can_be_restored(qtbot, open_window, tmp_path, clock):
    data = tmp_path / "data"
    w = open_window(data)
    study_a_little(qtbot, w, 2)
    w.close()
    clock.now += timedelta(days=1)  # the next morning: today's backup holds those two reviews
    w = open_window(data)
    day = w.session.today()
    qtbot.waitUntil(lambda: (backups_dir(data) / f"tutor-{day:%Y-%m-%d}.sqlite3").exists(), timeout=10_000)
    study_a_little(qtbot, w, 1)
    assert w.wait_saved()
    assert len(w.store.reviews()) == 3
    child(w, QAction, "actionRestoreBackup").trigger()
    assert w.findChild(QListWidget, "backupList").count() >= 1
    confirm_restore(qtbot, w)
    assert "restored" in result_box(qtbot, w).lower()
    assert len(w.store.reviews()) == 2  # as it was this morning
    assert any("before-restore" in p.name for p in backups_dir(data).iterdir())
    assert w.stack.currentWidget() is w.today
    assert QApplication.activeModalWidget() is None


def test_a_damaged_database_offers_its_backups(qtbot, open_window, tmp_path, clock):
    data = tmp_path / "data"
    w = open_window(data)
    study_a_little(qtbot, w, 2)
    w.close()
    clock.now += timedelta(days=1)
    w = open_window(data)
    day = w.session.today()
    qtbot.waitUntil(lambda: (backups_dir(data) / f"tutor-{day:%Y-%m-%d}.sqlite3").exists(), timeout=10_000)
    w.close()
    db = data / "tutor.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4096)  # the file is damaged
    broken = open_window(data)
    assert broken.findChild(QWidget, "errorScreen") is not None
    assert not child(broken, QAction, "actionUndo").isEnabled()
    qtbot.mouseClick(child(broken, QPushButton, "errorRestoreButton"), Qt.MouseButton.LeftButton)
    confirm_restore(qtbot, broken)
    assert "Backup restored" in result_box(qtbot, broken)
    assert len(broken.store.reviews()) == 2
    assert broken.stack.currentWidget() is broken.today and broken.current_problem is None
    assert any(p.name.startswith("tutor.sqlite3.damaged") for p in data.iterdir())  # kept, untouched
    qtbot.mouseClick(child(broken, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: broken.current_problem is not None)  # the queue is read off the GUI thread
    assert broken.current_problem is not None
