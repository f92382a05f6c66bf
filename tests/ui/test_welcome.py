"""The first run (issue 9): a short welcome explains the loop in three sentences and lets the
learner mark topics they already know; those skills start as reviewed, not new."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QPushButton

from tutor import rebuild
from tutor.core.history import is_new
from tutor.ui import MainWindow


def _window(qtbot, tmp_path, clock):
    w = MainWindow(data_dir=tmp_path, clock=clock, welcome=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_first_run_greets_and_marks_known_topics_as_reviewed(qtbot, tmp_path, clock):
    w = _window(qtbot, tmp_path, clock)
    assert w.stack.currentWidget().objectName() == "welcomeScreen"
    text = w.findChild(QLabel, "welcomeText").text()
    assert text.count(". ") + text.endswith(".") == 3  # the loop in three sentences
    box = w.findChild(QCheckBox, "knownTopic_linear_algebra")
    assert box is not None and "20 skills" in box.text()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # ticked from the keyboard
    assert box.isChecked()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w.findChild(QPushButton, "welcomeStartButton"), Qt.Key.Key_Return)
    assert w.stack.currentWidget() is w.today
    assert w.wait_saved()
    states = w.store.skill_states()
    linear = [tid for tid in w.session.bank if w.session.bank[tid].topic == "linear algebra"]
    assert len(linear) == 20 and all(not is_new(states.get(tid)) for tid in linear)
    assert all(states[tid].due > w.session.today() for tid in linear)  # reviewed, due later
    assert w.session.overview().new == 5  # today's new skills are still on offer, from other topics
    assert w.session.credited_today() == 0 and not w.findChild(QLabel, "creditLabel").isVisible()
    assert rebuild.check(w.store) == []  # the log holds the truth
    w.close()
    again = _window(qtbot, tmp_path, clock)  # answered once: never again
    assert again.stack.currentWidget() is again.today
    again.close()


def test_skipping_the_welcome_marks_nothing(qtbot, tmp_path, clock):
    w = _window(qtbot, tmp_path, clock)
    qtbot.mouseClick(w.findChild(QPushButton, "welcomeStartButton"), Qt.MouseButton.LeftButton)
    assert w.wait_saved()
    assert w.stack.currentWidget() is w.today and w.store.skill_states() == {}
    assert w.session.welcomed
    w.close()
