"""Several learners, and progress on a PostgreSQL server (issue 10), driven as a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPushButton

from tutor.store import Store
from tutor.ui.learners import LearnerDialog


def answer_one(qtbot, w) -> str:
    """Start today's session, answer the first problem right and grade it Good; its skill."""
    qtbot.mouseClick(w.today.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    skill = w.item.template_id
    field = w.findChild(QLineEdit, "answerInput")
    qtbot.keyClicks(field, w.current_problem.answer)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.review.can_grade("good"), timeout=10_000)
    qtbot.keyClick(field, Qt.Key.Key_2)
    return skill


def at_the_window(qtbot, w) -> None:
    """The learner turns to this window (its keys work only when it is the active one)."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)


def learner_dialog(qtbot, w) -> LearnerDialog:
    qtbot.waitUntil(lambda: w.findChild(LearnerDialog, "learnerDialog") is None)  # the last one is gone
    w.findChild(QAction, "actionSwitchLearner").trigger()
    qtbot.waitUntil(lambda: w.findChild(LearnerDialog, "learnerDialog") is not None)
    dialog = w.findChild(LearnerDialog, "learnerDialog")
    qtbot.waitExposed(dialog)
    return dialog


def wait_opened(qtbot, w, learner: str) -> None:
    qtbot.waitUntil(lambda: w.store is not None and w.store.learner == learner and w.session is not None,
                    timeout=15_000)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.today)
    assert w.wait_saved()  # and Today's numbers, read off the GUI thread, are on screen


def test_switching_to_a_new_learner_and_back_keeps_each_ones_progress(qtbot, open_window):
    w = open_window()
    first = w.store.learner
    skill = answer_one(qtbot, w)
    w.end_session()

    dialog = learner_dialog(qtbot, w)
    names = dialog.findChild(QListWidget, "learnerList")
    assert [names.item(i).text() for i in range(names.count())] == [f"{first}  (open now)"]
    qtbot.keyClicks(dialog.findChild(QLineEdit, "newLearnerName"), "Bob")
    qtbot.mouseClick(dialog.findChild(QPushButton, "learnerOpenButton"), Qt.MouseButton.LeftButton)
    wait_opened(qtbot, w, "Bob")
    assert w.store.reviews() == [] and w.findChild(QLabel, "dueCountLabel").text() == "0"
    assert "Bob" in w.windowTitle()

    dialog = learner_dialog(qtbot, w)
    names = dialog.findChild(QListWidget, "learnerList")
    assert sorted(names.item(i).text() for i in range(names.count())) == sorted(["Bob  (open now)", first])
    row = next(i for i in range(names.count()) if names.item(i).text() == first)
    names.setCurrentRow(row)
    qtbot.keyClick(names, Qt.Key.Key_Return)
    wait_opened(qtbot, w, first)
    assert [r.template_id for r in w.store.reviews()] == [skill]


def test_several_learners_and_none_named_asks_whose_progress_then_remembers(qtbot, open_window, tmp_path):
    for name in ("ada", "bob"):
        Store.open(tmp_path, learner=name).close()
    w = open_window()
    qtbot.waitUntil(lambda: w.findChild(LearnerDialog, "learnerDialog") is not None)
    assert "several learners" in w.findChild(QLabel, "errorLabel").text()
    dialog = w.findChild(LearnerDialog, "learnerDialog")
    names = dialog.findChild(QListWidget, "learnerList")
    assert [names.item(i).text() for i in range(names.count())] == ["ada", "bob"]
    names.setCurrentRow(1)
    qtbot.mouseClick(dialog.findChild(QPushButton, "learnerOpenButton"), Qt.MouseButton.LeftButton)
    wait_opened(qtbot, w, "bob")
    w.close()

    again = open_window()  # this machine opened bob last: bob again, without asking
    assert again.store is not None and again.store.learner == "bob"


def test_the_whole_loop_on_a_postgresql_server(postgres_url, qtbot, open_window, tmp_path):
    w = open_window(database_url=postgres_url, learner="ada")
    assert w.store.path is None and "postgresql" in w.store.where
    skill = answer_one(qtbot, w)
    with Store.open_url(postgres_url, learner="ada") as other_machine:
        assert [r.template_id for r in other_machine.reviews()] == [skill]
        assert skill in other_machine.skill_states()
    assert not (tmp_path / "tutor.sqlite3").exists()  # nothing went to the local file
    assert not w.findChild(QAction, "actionRestoreBackup").isEnabled()  # the server's backups are its own


def test_a_learner_on_two_machines_sees_the_same_progress(postgres_url, qtbot, open_window, tmp_path):
    """A laptop and a desktop on one server: what one answers, the other shows when the
    learner comes back to it (Today's counts and the Undo item), and never offers again."""
    (tmp_path / "laptop").mkdir()
    (tmp_path / "desktop").mkdir()
    laptop = open_window(tmp_path / "laptop", database_url=postgres_url, learner="ada")
    desktop = open_window(tmp_path / "desktop", database_url=postgres_url, learner="ada")
    new_count = desktop.findChild(QLabel, "newCountLabel")
    offered = int(new_count.text())
    at_the_window(qtbot, laptop)
    skill = answer_one(qtbot, laptop)
    assert laptop.wait_saved()
    at_the_window(qtbot, desktop)
    qtbot.waitUntil(lambda: new_count.text() == str(offered - 1))
    undo = desktop.findChild(QAction, "actionUndo")
    title = desktop.session.bank[skill].title
    qtbot.waitUntil(lambda: undo.isEnabled() and title in undo.text())
    qtbot.mouseClick(desktop.today.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desktop.current_problem is not None)  # the queue is read off the GUI thread
    assert desktop.item is not None and desktop.item.template_id != skill
