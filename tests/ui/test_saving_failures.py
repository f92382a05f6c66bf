"""A save that fails (issue 10) is handled in the window: said in words, retried, never lost.

Real failures, not simulated ones: another connection holding SQLite's write lock, and a real
full filesystem (a small tmpfs, mounted for the test where the machine allows it).
"""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from tutor.core.authoring import obviously_wrong


def child(w, cls, name):
    widget = w.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def status(w) -> str:
    return child(w, QLabel, "saveStatus").text()


def answer(qtbot, w, text: str) -> None:
    field = child(w, QLineEdit, "answerInput")
    field.setFocus()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    feedback = child(w, QLabel, "feedbackLabel")
    qtbot.waitUntil(lambda: feedback.text() and "Checking" not in feedback.text(), timeout=10_000)


def start(qtbot, w):
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    return w.current_problem


def longest_pause_while(qtbot, condition, timeout_ms: int) -> float:
    """Seconds of the longest gap between ticks of a 10 ms timer until ``condition`` holds:
    how long the window could not react."""
    ticks = [time.monotonic()]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    qtbot.waitUntil(condition, timeout=timeout_ms)
    timer.stop()
    ticks.append(time.monotonic())
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False))


def answered_first(qtbot, w):
    """Start today's session and answer the first problem right; it waits for its grade."""
    first = start(qtbot, w)
    answer(qtbot, w, first.answer)
    return first


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another program's connection holding the database's write lock."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_locked_database_is_retried_in_the_background_and_closing_warns_first(qtbot, open_window, tmp_path):
    w = open_window()
    first = answered_first(qtbot, w)
    holder = hold_write_lock(tmp_path / "tutor.sqlite3")
    try:
        _locked_while_answering(qtbot, w, first, holder)
    finally:
        holder.close()  # released even when the test fails, so that closing can save
    qtbot.waitUntil(lambda: status(w) == "", timeout=15_000)
    assert [r.template_id for r in w.store.reviews()] == [first.template_id]


def _locked_while_answering(qtbot, w, first, holder) -> None:
    qtbot.keyClick(child(w, QLineEdit, "answerInput"), Qt.Key.Key_Return)  # Good
    assert w.current_problem is not None and w.current_problem.template_id != first.template_id  # at once
    qtbot.waitUntil(lambda: status(w) == "Saving…", timeout=3000)
    pause = longest_pause_while(qtbot, lambda: "locked" in status(w), timeout_ms=20_000)
    assert pause < 0.5, f"the window froze for {pause:.2f} s while the database was locked"
    assert "another program is holding the database" in status(w) and "keeps trying" in status(w)

    # Closing now would lose the answer: the learner is asked, and keeps the window open.
    def keep_open():
        box = w.findChild(QMessageBox, "unsavedBox")
        assert box is not None and "1 of your answers could not be saved yet" in box.text()
        next(b for b in box.buttons() if b.text() == "Keep tutor open").click()

    QTimer.singleShot(4000, keep_open)  # after the close has waited for the save (3 s)
    w.close()
    assert w.isVisible() and w.store is not None
    holder.rollback()


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB filesystem of its own, so that it can really fill up."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs on this machine ({done.stderr.strip() or done.returncode}); "
                    "the full-disk test needs one (it runs as root)")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as f:
        for size in (1 << 16, 512, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                continue
    return filler


def test_a_full_disk_is_said_in_words_and_the_answers_are_saved_once_there_is_room(small_disk, qtbot, open_window):
    w = open_window(small_disk / "data")
    first = answered_first(qtbot, w)
    filler = fill(small_disk)
    qtbot.keyClick(child(w, QLineEdit, "answerInput"), Qt.Key.Key_Return)  # Good
    second = w.current_problem
    qtbot.waitUntil(lambda: "disk is full" in status(w), timeout=10_000)
    assert status(w).startswith("Not saved yet (1 waiting)") and "nothing you did is lost" in status(w)
    retry = child(w, QPushButton, "saveRetryButton")
    assert retry.isVisible()

    answer(qtbot, w, obviously_wrong(second.spec))  # the learner goes on; it waits behind the first
    qtbot.waitUntil(lambda: status(w).startswith("Not saved yet (2 waiting)"), timeout=10_000)

    # Closing: the answers cannot be kept on this full disk either; said, and the window stays.
    told = []

    def click(name: str, button: str) -> None:
        box = w.findChild(QMessageBox, name)
        told.append(box.text())
        next(b for b in box.buttons() if b.text() == button).click()

    def close_and_keep() -> None:
        QTimer.singleShot(500, lambda: click("unsavedKeepFailedBox", "Keep tutor open"))
        click("unsavedBox", "Close and save them next time")

    QTimer.singleShot(4000, close_and_keep)  # after the close has waited for the saves (3 s)
    w.close()
    assert w.isVisible() and len(told) == 2
    assert "could not be kept on this computer either" in told[1] and "No space left" in told[1]

    filler.unlink()  # room again
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status(w) == "", timeout=10_000)
    assert not retry.isVisible()
    assert [r.template_id for r in w.store.reviews()] == [first.template_id, second.template_id]


def test_starting_again_while_an_answer_is_being_saved_does_not_offer_it_again(qtbot, open_window, tmp_path):
    w = open_window()
    first = answered_first(qtbot, w)
    holder = hold_write_lock(tmp_path / "tutor.sqlite3")
    try:
        qtbot.keyClick(child(w, QLineEdit, "answerInput"), Qt.Key.Key_Return)  # Good: waits on the lock
        w.end_session()
        qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
        qtbot.wait(300)
        assert w.current_problem is None  # the queue is built once the answer is in the database
    finally:
        holder.close()
    qtbot.waitUntil(lambda: w.current_problem is not None, timeout=15_000)
    assert w.current_problem.template_id != first.template_id


def test_closing_with_answers_unsaved_keeps_them_on_this_computer_until_the_next_start(
        qtbot, open_window, tmp_path):
    from tutor.unsaved import FILE_NAME

    w = open_window()
    first = answered_first(qtbot, w)
    holder = hold_write_lock(tmp_path / "tutor.sqlite3")
    try:
        qtbot.keyClick(child(w, QLineEdit, "answerInput"), Qt.Key.Key_Return)  # Good: waits on the lock
        second = w.current_problem
        answer(qtbot, w, obviously_wrong(second.spec))  # a miss: saved (or not) after the first
        qtbot.waitUntil(lambda: "locked" in status(w), timeout=10_000)
        told = []

        def close_and_keep():
            box = w.findChild(QMessageBox, "unsavedBox")
            told.append(box.text())
            next(b for b in box.buttons() if b.text() == "Close and save them next time").click()

        QTimer.singleShot(4000, close_and_keep)  # after the close has waited for the saves (3 s)
        w.close()
        assert not w.isVisible()
        assert "2 of your answers could not be saved yet" in told[0]
        assert "kept on this computer and saved the next time" in told[0]
        assert (tmp_path / FILE_NAME).exists()
    finally:
        holder.close()

    again = open_window(tmp_path)  # the next start saves them first, in their order, once
    assert again.wait_saved()
    reviews = again.store.reviews()
    assert [r.template_id for r in reviews] == [first.template_id, second.template_id]
    assert reviews[0].quality == 4 and reviews[1].quality < 3
    assert "2 answers kept from last time are saved now." in again.statusBar().currentMessage()
    assert not (tmp_path / FILE_NAME).exists()
    assert again.findChild(QLabel, "newCountLabel").text() == str(int(again.session.new_per_day) - 2)
