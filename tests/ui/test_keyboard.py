"""Keyboard first (issue 9): the whole loop without the mouse, every shortcut working while the
answer field has focus, and every action's shortcut shown in its tooltip and menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QWidget

from tutor.core.authoring import obviously_wrong

CTRL = Qt.KeyboardModifier.ControlModifier


def _field(w) -> QLineEdit:
    return w.findChild(QLineEdit, "answerInput")


def _feedback(w) -> str:
    return w.findChild(QLabel, "feedbackLabel").text()


def _press(qtbot, w, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as a person would (window shortcuts need it active)."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    target = QApplication.focusWidget() or w
    qtbot.keyClick(target, key, modifier)


def _type(qtbot, w, text: str) -> None:
    assert QApplication.focusWidget() is _field(w), "the answer field should have the focus"
    qtbot.keyClicks(_field(w), text)
    _press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _feedback(w) and "Checking" not in _feedback(w), timeout=10_000)


def test_the_whole_loop_runs_from_the_keyboard(qtbot, open_window):
    w = open_window()
    _press(qtbot, w, Qt.Key.Key_Return)  # Today: Enter starts
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    first = w.current_problem
    assert first is not None
    _press(qtbot, w, Qt.Key.Key_H, CTRL)  # a hint, with the cursor in the answer field
    assert w.findChild(QLabel, "hintLabel").isVisible()
    _type(qtbot, w, first.answer)
    assert w.review.phase.value == "correct"
    _press(qtbot, w, Qt.Key.Key_2)  # Good is not allowed after a hint: nothing happens
    assert w.current_problem is first
    _press(qtbot, w, Qt.Key.Key_1)  # Hard
    second = w.current_problem
    assert second is not first and w.review.phase.value == "answering"

    _type(qtbot, w, second.answer)
    _press(qtbot, w, Qt.Key.Key_3)  # Easy
    third = w.current_problem
    assert third is not second
    _press(qtbot, w, Qt.Key.Key_D, CTRL)  # I don't know: the worked solution
    assert w.review.phase.value == "missed" and w.findChild(QWidget, "solutionView").isVisible()
    _press(qtbot, w, Qt.Key.Key_Return)  # Enter continues after a miss
    fourth = w.current_problem
    assert fourth is not third

    _type(qtbot, w, obviously_wrong(fourth.spec))
    assert w.review.phase.value == "missed"
    _press(qtbot, w, Qt.Key.Key_Return)
    fifth = w.current_problem
    _type(qtbot, w, fifth.answer)
    _press(qtbot, w, Qt.Key.Key_Return)  # Enter = the default grade (Good)
    assert w.current_problem is not fifth
    _press(qtbot, w, Qt.Key.Key_Z, CTRL)  # undo takes back the Good
    assert w.wait_saved()
    assert w.current_problem.template_id == fifth.template_id and w.current_problem.seed == fifth.seed
    _press(qtbot, w, Qt.Key.Key_Escape)  # end the session
    assert w.stack.currentWidget() is w.today


def test_grade_keys_do_nothing_while_typing(qtbot, open_window):
    w = open_window()
    _press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current_problem is not None)
    _press(qtbot, w, Qt.Key.Key_1)
    _press(qtbot, w, Qt.Key.Key_2)
    assert _field(w).text() == "12" and w.review.phase.value == "answering"


def test_browse_find_and_settings_open_from_the_answer_field(qtbot, open_window):
    w = open_window()
    _press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current_problem is not None)
    _press(qtbot, w, Qt.Key.Key_B, CTRL)
    browser = w.findChild(QWidget, "browserWindow") or next(
        (t for t in QApplication.topLevelWidgets() if t.objectName() == "browserWindow"), None)
    qtbot.waitUntil(lambda: browser is not None and browser.isVisible())
    browser.close()
    w.activateWindow()
    _field(w).setFocus()
    _press(qtbot, w, Qt.Key.Key_F, CTRL)  # find a skill: the browser, its search field focused
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and QApplication.focusWidget().objectName() == "browserSearch")
    QApplication.focusWidget().window().close()
    _field(w).setFocus()

    opened = []

    def close_settings():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            opened.append(dialog.objectName())
            dialog.reject()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, close_settings)
    _press(qtbot, w, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)


def test_every_action_shows_its_shortcut_in_its_tooltip(open_window):
    w = open_window()
    actions = [a for a in w.findChildren(QAction) if a.objectName().startswith("action")]
    assert len(actions) >= 20
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert keys, f"{action.objectName()} has no shortcut"
        assert keys in action.toolTip(), (action.objectName(), action.toolTip())
    names = {a.objectName(): a.shortcut().toString() for a in actions}
    assert names["actionHint"] == "Ctrl+H" and names["actionDontKnow"] == "Ctrl+D"
    assert names["actionSettings"] == "Ctrl+," and names["actionFindSkill"] == "Ctrl+F"
    assert (names["actionGradeHard"], names["actionGradeGood"], names["actionGradeEasy"]) == ("1", "2", "3")
