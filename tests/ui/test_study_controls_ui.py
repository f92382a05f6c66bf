"""Undo, End session, honest grade buttons, bury/suspend/reset, drills — driven with keys and clicks."""

from datetime import timedelta

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from tutor import rebuild
from tutor.core.authoring import obviously_wrong


def child(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def field(w):
    return child(w, QLineEdit, "answerInput")


def feedback(w):
    return child(w, QLabel, "feedbackLabel").text()


def press(qtbot, w, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed where the focus is, as a person would (window shortcuts need it active)."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    target = w.focusWidget() or w
    qtbot.keyClick(target, key, modifier)


def painted_left(widget) -> bool:
    """Whether anything is drawn in the left third of the widget (more than its background)."""
    image = widget.grab().toImage()
    colours = {image.pixel(x, y) for x in range(image.width() // 3) for y in range(image.height())}
    return len(colours) > 3


def answer(qtbot, w, text):
    field(w).setFocus()
    qtbot.keyClicks(field(w), text)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Checking" not in feedback(w) and feedback(w) != "", timeout=10_000)


def start(qtbot, w):
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    assert w.current_problem is not None


def saved(w):
    """Wait, as a person would, until the window no longer says "Saving…" (the saver wrote
    everything and its results are on screen)."""
    assert w.wait_saved()
    assert w.findChild(QLabel, "saveStatus").text() == ""


def undo_action(w):
    return child(w, QAction, "actionUndo")


def test_ctrl_z_after_a_grade_brings_back_the_same_variant(qtbot, open_window):
    w = open_window()
    start(qtbot, w)
    first = w.current_problem
    answer(qtbot, w, first.answer)
    qtbot.mouseClick(child(w, QPushButton, "gradeEasy"), Qt.MouseButton.LeftButton)
    assert w.current_problem.template_id != first.template_id
    saved(w)
    title = w.session.bank[first.template_id].title
    assert undo_action(w).text() == f"&Undo Easy on {title}"
    press(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # focus is in the answer field
    saved(w)
    assert w.current_problem.template_id == first.template_id
    assert w.current_problem.seed == first.seed
    assert field(w).text() == "" and not field(w).isReadOnly()
    assert w.store.skill_state(first.template_id) is None
    assert child(w, QLabel, "progressLabel").text().startswith("Review 1 of")
    assert "Undone: Easy on" in w.statusBar().currentMessage()


def test_ctrl_z_in_the_answer_field_still_undoes_typing_first(qtbot, open_window):
    w = open_window()
    start(qtbot, w)
    qtbot.keyClicks(field(w), "12")
    press(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field(w).text() == ""  # the text edit took it
    assert w.current_problem is not None and w.store.reviews() == []


def test_undo_dont_know_and_a_wrong_answer_then_restart(qtbot, open_window, tmp_path):
    w = open_window()
    start(qtbot, w)
    first = w.current_problem
    qtbot.mouseClick(child(w, QPushButton, "dontKnowButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(child(w, QPushButton, "continueButton"), Qt.MouseButton.LeftButton)
    second = w.current_problem
    answer(qtbot, w, obviously_wrong(second.spec))
    assert child(w, QPushButton, "continueButton").isVisible()
    press(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    saved(w)
    assert w.current_problem.seed == second.seed and field(w).text() == ""
    w.close()
    again = open_window(tmp_path)  # a restart: the undo survives, and the one before can go too
    assert [r.template_id for r in again.store.reviews()] == [first.template_id]
    assert child(again, QLabel, "redrillCountLabel").text() == "1"
    assert undo_action(again).isEnabled()
    press(qtbot, again, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    saved(again)
    assert again.current_problem.seed == first.seed
    assert again.store.reviews() == [] and rebuild.check(again.store) == []


def test_esc_mid_session_goes_back_to_today_and_keeps_every_answer(qtbot, open_window):
    w = open_window()
    new_before = int(child(w, QLabel, "newCountLabel").text())
    start(qtbot, w)
    first = w.current_problem
    answer(qtbot, w, first.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)  # Good
    second = w.current_problem
    answer(qtbot, w, second.answer)  # right, waiting for a grade
    press(qtbot, w, Qt.Key.Key_Escape)
    saved(w)
    assert w.current_problem is None and w.stack.currentWidget() is w.today
    assert {r.template_id for r in w.store.reviews()} == {first.template_id, second.template_id}
    assert w.store.reviews()[-1].quality == 4  # kept as Good
    assert int(child(w, QLabel, "newCountLabel").text()) == new_before - 2
    assert rebuild.check(w.store) == []


def test_grade_buttons_say_what_will_happen(qtbot, open_window, clock):
    w = open_window()
    start(qtbot, w)
    problem = w.current_problem
    answer(qtbot, w, problem.answer)
    labels = [child(w, QPushButton, f"grade{g}").text() for g in ("Hard", "Good", "Easy")]
    assert labels == ["Hard · again today, then 1 day", "Good · 1 day · ease 2.50", "Easy · 1 day · ease 2.60"]
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    w.close()
    clock.now += timedelta(days=1)
    w = open_window(w.data_dir)
    start(qtbot, w)
    while w.current_problem.template_id != problem.template_id:
        qtbot.keyClick(field(w), Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    answer(qtbot, w, w.current_problem.answer)
    labels = [child(w, QPushButton, f"grade{g}").text() for g in ("Hard", "Good", "Easy")]
    assert labels == ["Hard · again today, then 6 days", "Good · 6 days · then 15 days", "Easy · 6 days · then 16 days"]


def test_bury_suspend_reset_from_the_review_screen_and_undo_each(qtbot, open_window, clock):
    w = open_window()
    start(qtbot, w)
    for action, check in (
        ("actionBury", lambda s: s is not None and s.buried_until is not None),
        ("actionSuspend", lambda s: s is not None and s.suspended),
    ):
        problem = w.current_problem
        child(w, QAction, action).trigger()
        assert w.current_problem is None or w.current_problem.template_id != problem.template_id
        assert "Edit → Undo" in w.statusBar().currentMessage()
        saved(w)
        assert check(w.store.skill_state(problem.template_id))
        press(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        saved(w)
        assert w.current_problem.seed == problem.seed
        assert w.store.skill_state(problem.template_id) is None
    problem = w.current_problem
    answer(qtbot, w, problem.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    saved(w)
    graded = w.store.skill_state(problem.template_id)
    press(qtbot, w, Qt.Key.Key_Escape)
    clock.now += timedelta(days=1)  # tomorrow it is due, first in the queue
    w.show_today()
    start(qtbot, w)
    due = w.current_problem
    assert due.template_id == problem.template_id
    press(qtbot, w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "offered as new again" in w.statusBar().currentMessage()
    saved(w)
    assert w.store.skill_state(problem.template_id) is None
    press(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    saved(w)
    assert w.store.skill_state(problem.template_id) == graded
    assert w.current_problem.seed == due.seed
    assert rebuild.check(w.store) == []


def test_a_drill_leaves_the_schedule_untouched_even_after_a_restart(qtbot, open_window, tmp_path):
    w = open_window()
    start(qtbot, w)
    answer(qtbot, w, w.current_problem.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    w.end_session()
    saved(w)
    states = w.store.skill_states()
    due_text = child(w, QLabel, "dueCountLabel").text()
    new_text = child(w, QLabel, "newCountLabel").text()
    w.start_drill(topics=["linear algebra"], count=3)
    assert child(w, QLabel, "progressLabel").text().startswith("Practice 1 of 3")
    missed = w.current_problem.template_id
    answer(qtbot, w, obviously_wrong(w.current_problem.spec))
    assert "comes back later today" not in feedback(w)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    for _ in range(2):
        answer(qtbot, w, w.current_problem.answer)
        assert "Correct" in feedback(w) and child(w, QPushButton, "continueButton").isVisible()
        assert not child(w, QPushButton, "gradeGood").isVisible()
        qtbot.keyClick(field(w), Qt.Key.Key_Return)
    assert w.stack.currentWidget() is w.drill_summary
    assert "2 of 3" in w.drill_summary.findChild(QLabel, "drillScoreLabel").text()
    assert w.session.bank[missed].title in child(w, QLabel, "drillRevisitList").text()
    saved(w)
    assert w.store.skill_states() == states
    qtbot.mouseClick(child(w, QPushButton, "drillRevisitButton"), Qt.MouseButton.LeftButton)
    assert w.in_drill and w.current_problem.template_id == missed
    press(qtbot, w, Qt.Key.Key_Escape)
    saved(w)
    assert w.stack.currentWidget() is w.today
    assert child(w, QLabel, "dueCountLabel").text() == due_text
    assert child(w, QLabel, "newCountLabel").text() == new_text
    assert child(w, QLabel, "redrillCountLabel").text() == "0"
    w.close()
    again = open_window(tmp_path)
    assert again.store.skill_states() == states
    assert child(again, QLabel, "newCountLabel").text() == new_text
    assert rebuild.check(again.store) == []


def test_weak_spots_drill_from_the_menu(qtbot, open_window):
    w = open_window()
    child(w, QAction, "actionWeakSpots").trigger()
    qtbot.waitUntil(lambda: "No weak spots" in w.statusBar().currentMessage())
    assert not w.in_drill
    assert painted_left(w.statusBar()), "the status bar's message is not drawn (no room left for it)"
    start(qtbot, w)
    missed = w.current_problem.template_id
    answer(qtbot, w, obviously_wrong(w.current_problem.spec))
    child(w, QAction, "actionWeakSpots").trigger()
    saved(w)
    qtbot.waitUntil(lambda: w.in_drill)  # the month's misses are read off the GUI thread
    assert w.drill.skills == [missed]
    assert w.current_problem.template_id == missed


def test_drill_dialog_offers_the_weak_spots_once_read(qtbot, open_window):
    w = open_window()
    start(qtbot, w)
    missed = w.current_problem
    answer(qtbot, w, obviously_wrong(missed.spec))
    press(qtbot, w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = w.drill_dialog
    button = child(dialog, QPushButton, "drillWeakSpots")
    qtbot.waitUntil(lambda: button.isEnabled())  # read off the GUI thread after the miss is saved
    title = w.session.bank[missed.template_id].title
    assert button.text() == "Weak spots (1)" and title in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.checked_skills() == [missed.template_id]
    dialog.reject()


def test_start_drill_ends_the_session_on_screen(qtbot, open_window):
    w = open_window()
    start(qtbot, w)
    answer(qtbot, w, w.current_problem.answer)  # right, waiting for a grade
    reviewed = w.current_problem.template_id
    w.start_drill(skills=["vectors.dot_product"], count=2)
    assert w.in_drill and w.current_problem.template_id == "vectors.dot_product"
    saved(w)
    assert [r.template_id for r in w.store.reviews()] == [reviewed]


def test_switching_scheduler_in_settings_and_back(qtbot, open_window):
    from PySide6.QtWidgets import QComboBox, QDialogButtonBox

    w = open_window()
    start(qtbot, w)
    for _ in range(3):
        answer(qtbot, w, w.current_problem.answer)
        qtbot.keyClick(field(w), Qt.Key.Key_Return)
    saved(w)
    sm2 = w.store.skill_states()

    def choose(name):
        dialog = w.open_settings()
        qtbot.waitUntil(dialog.isVisible)
        combo = dialog.findChild(QComboBox, "schedulerCombo")
        combo.setCurrentIndex(combo.findData(name))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.store.get_setting("scheduler") == name, timeout=10_000)
        qtbot.waitUntil(lambda: "Scheduler:" in w.statusBar().currentMessage(), timeout=10_000)

    choose("fsrs")
    assert all(s.stability is not None for s in w.store.skill_states().values())
    assert w.stack.currentWidget() is w.today
    choose("sm2")
    assert w.store.skill_states() == sm2


def test_undo_on_the_drill_summary_reopens_the_last_question(qtbot, open_window):
    w = open_window()
    w.start_drill(skills=["vectors.dot_product"], count=1)
    last = w.current_problem
    answer(qtbot, w, last.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    assert w.stack.currentWidget() is w.drill_summary
    assert undo_action(w).text() == "&Undo the last drill answer"
    press(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.in_drill and w.current_problem.seed == last.seed
    saved(w)
    assert w.store.reviews() == []
    answer(qtbot, w, last.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    assert "1 of 1" in w.drill_summary.findChild(QLabel, "drillScoreLabel").text()


def test_ctrl_b_opens_the_browser_and_practise_starts_a_drill(qtbot, open_window):
    from PySide6.QtWidgets import QTableView

    w = open_window()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    browser = next(t for t in QApplication.topLevelWidgets() if t.objectName() == "browserWindow")
    qtbot.waitUntil(lambda: bool(browser.visible_ids()), timeout=10_000)
    search = browser.findChild(QLineEdit, "browserSearch")
    qtbot.keyClicks(search, "cosine")
    shown = browser.visible_ids()
    assert shown and all("cosine" in t or "Cosine" in w.session.bank[t].title for t in shown)
    table = browser.findChild(QTableView, "skillTable")
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chosen = browser.selected_ids()
    assert len(chosen) == 1
    qtbot.mouseClick(browser.findChild(QPushButton, "browserPractise"), Qt.MouseButton.LeftButton)
    assert w.in_drill and w.drill.skills == chosen and w.current_problem.template_id == chosen[0]


def test_suspending_in_the_browser_updates_today(qtbot, open_window):
    w = open_window()
    first_new = w.session.new_ids()[0]
    browser = w.open_browser()
    qtbot.waitUntil(lambda: bool(browser.visible_ids()), timeout=10_000)
    browser.select_ids([first_new])
    qtbot.mouseClick(browser.findChild(QPushButton, "browserSuspend"), Qt.MouseButton.LeftButton)
    saved(w)
    assert w.store.skill_state(first_new).suspended
    assert first_new not in w.session.new_ids()
    start(qtbot, w)
    assert w.current_problem.template_id != first_new


def test_statistics_from_the_menu_show_todays_work(qtbot, open_window):
    w = open_window()
    start(qtbot, w)
    for _ in range(2):
        answer(qtbot, w, w.current_problem.answer)
        qtbot.keyClick(field(w), Qt.Key.Key_Return)
    press(qtbot, w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    stats = next(t for t in QApplication.topLevelWidgets() if t.objectName() == "statisticsWindow" and t.isVisible())
    qtbot.waitUntil(lambda: stats.report is not None and all(c.image is not None for c in stats.charts.values()),
                    timeout=20_000)
    labels = {name: stats.findChild(QLabel, name).text() for name in ("statsStreakLabel", "statsWeekLabel")}
    assert labels == {"statsStreakLabel": "1 day", "statsWeekLabel": "2"}  # two answers this week


def test_launch_does_not_import_matplotlib_fsrs_or_sympy(tmp_path):
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from tutor.ui import MainWindow\n"
        f"w = MainWindow(data_dir={str(tmp_path)!r}); w.show(); app.processEvents()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'fsrs', 'sympy'}))\n"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_an_answer_being_checked_is_not_applied_to_the_problem_shown_after_undo(qtbot, open_window):
    w = open_window()
    start(qtbot, w)
    first = w.current_problem
    answer(qtbot, w, first.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    second = w.current_problem
    qtbot.keyClicks(field(w), second.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)  # submitted: the check runs in the background
    child(w, QAction, "actionUndo").trigger()  # before its result is back
    saved(w)
    assert w.current_problem.seed == first.seed
    qtbot.wait(300)
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(100)
    assert w.review.phase.value == "answering" and feedback(w) == ""
    assert w.store.reviews() == []


def test_esc_while_checking_keeps_the_answer(qtbot, open_window):
    w = open_window()
    start(qtbot, w)
    problem = w.current_problem
    qtbot.keyClicks(field(w), obviously_wrong(problem.spec))
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    press(qtbot, w, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.today, timeout=10_000)
    saved(w)
    [review] = w.store.reviews()
    assert review.template_id == problem.template_id and review.quality in (1, 2)
    assert child(w, QLabel, "redrillCountLabel").text() == "1"


def test_closing_while_checking_keeps_the_answer(qtbot, open_window, tmp_path):
    w = open_window()
    start(qtbot, w)
    problem = w.current_problem
    qtbot.keyClicks(field(w), problem.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    w.close()
    again = open_window(tmp_path)
    [review] = again.store.reviews()
    assert review.template_id == problem.template_id and review.quality == 4


def test_closing_during_a_scheduler_switch_is_quiet(qtbot, open_window, tmp_path):
    w = open_window()
    start(qtbot, w)
    answer(qtbot, w, w.current_problem.answer)
    qtbot.keyClick(field(w), Qt.Key.Key_Return)
    w._switch_scheduler("fsrs", 0.9)
    w.close()  # the switch finishes in the background; nothing is shown in a closed window
    qtbot.wait(200)
    again = open_window(tmp_path)
    assert again.store.get_setting("scheduler") == "fsrs"


def test_a_drill_of_no_questions_is_refused(qtbot, open_window):
    w = open_window()
    qtbot.waitUntil(lambda: True)
    from PySide6.QtCore import QTimer

    boxes = []

    def close_box():
        box = QApplication.activeModalWidget()
        if box is not None:
            boxes.append(box.text())
            box.close()

    QTimer.singleShot(200, close_box)
    assert w.start_drill(skills=["vectors.dot_product"], count=0) is None
    assert boxes and "at least one question" in boxes[0]
    assert not w.in_drill
