"""The Today screen uses its space (issue 9): what is on offer by topic, the next few days,
and the streak (read off the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit


def _label(w, name: str) -> str:
    return w.findChild(QLabel, name).text()


def _press(qtbot, w, key) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(QApplication.focusWidget() or w, key)


def test_today_shows_topics_the_coming_days_and_the_streak(qtbot, open_window):
    w = open_window()
    topics = _label(w, "todayTopics")
    assert topics.startswith("By topic: ")
    first_topic = w.session.bank[w.session.new_ids()[0]].topic
    assert f"<b>{first_topic}</b> — " in topics and " new" in topics
    assert "nothing scheduled in the next week" in _label(w, "todayUpcoming")
    qtbot.waitUntil(lambda: "Streak" in _label(w, "todayStreak"))
    assert "answer one question today" in _label(w, "todayStreak")

    _press(qtbot, w, Qt.Key.Key_Return)  # Start
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    field = w.findChild(QLineEdit, "answerInput")
    qtbot.keyClicks(field, w.current_problem.answer)
    _press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.review.phase.value == "correct", timeout=10_000)
    _press(qtbot, w, Qt.Key.Key_2)  # Good: a new skill's first interval is one day
    _press(qtbot, w, Qt.Key.Key_Escape)
    assert w.stack.currentWidget() is w.today
    qtbot.waitUntil(lambda: "tomorrow <b>1</b>" in _label(w, "todayUpcoming"))  # once it is saved
    qtbot.waitUntil(lambda: "1 day in a row" in _label(w, "todayStreak"))
    assert "longest 1 day" in _label(w, "todayStreak")
