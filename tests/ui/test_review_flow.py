"""The whole loop driven as a learner would: click, type, press keys, read the window."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTextBrowser

from tutor.core.authoring import obviously_wrong
from tutor.core.mathtext import formulas, segments


def child(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def type_and_enter(qtbot, window, text):
    field = child(window, QLineEdit, "answerInput")
    field.setFocus()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def saved(window):
    """Wait, as a person would, until the window no longer says "Saving…"."""
    assert window.wait_saved()
    assert child(window, QLabel, "saveStatus").text() == ""


def feedback(window):
    return child(window, QLabel, "feedbackLabel").text()


def wait_for_verdict(qtbot, window):
    qtbot.waitUntil(lambda: "Checking" not in feedback(window) and feedback(window) != "", timeout=10_000)


def test_today_offers_new_skills_on_first_start(open_window):
    w = open_window()
    assert child(w, QLabel, "dueCountLabel").text() == "0"
    assert int(child(w, QLabel, "newCountLabel").text()) == min(5, len(w.session.bank))
    assert child(w, QPushButton, "startButton").isEnabled()
    assert w.current_problem is None


def test_correct_answer_then_good_shows_next_item(qtbot, open_window):
    w = open_window()
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    first = w.current_problem
    assert first is not None
    assert child(w, QLabel, "promptView").text()  # the prompt is on screen
    type_and_enter(qtbot, w, first.answer)
    wait_for_verdict(qtbot, w)
    assert "Correct" in feedback(w)
    good = child(w, QPushButton, "gradeGood")
    assert good.isVisible() and "1 day" in good.text()
    # Enter means Good
    qtbot.keyClick(child(w, QLineEdit, "answerInput"), Qt.Key.Key_Return)
    second = w.current_problem
    assert second is not None and second.template_id != first.template_id
    assert child(w, QLineEdit, "answerInput").text() == ""
    saved(w)
    state = w.store.skill_state(first.template_id)
    assert (state.interval_days, state.repetitions) == (1, 1)


def test_wrong_answer_shows_worked_solution_with_own_numbers(qtbot, open_window):
    w = open_window()
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    problem = w.current_problem
    wrong = obviously_wrong(problem.spec)
    type_and_enter(qtbot, w, wrong)
    wait_for_verdict(qtbot, w)
    assert "Not quite" in feedback(w) or "Close" in feedback(w)
    solution = child(w, QTextBrowser, "solutionView")
    assert solution.isVisible()
    text = solution.toPlainText()
    assert "Worked solution" in text and _prose(problem.steps[0].text)[:20] in text
    assert child(w, QLineEdit, "answerInput").text() == wrong  # what the learner typed stays
    saved(w)
    [review] = w.store.reviews(template_id=problem.template_id)
    assert review.quality in (1, 2) and review.answer == wrong
    qtbot.mouseClick(child(w, QPushButton, "continueButton"), Qt.MouseButton.LeftButton)
    assert w.current_problem is not None and w.current_problem != problem


def test_dont_know_and_hint(qtbot, open_window):
    w = open_window()
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    problem = w.current_problem
    qtbot.mouseClick(child(w, QPushButton, "hintButton"), Qt.MouseButton.LeftButton)
    hint = child(w, QLabel, "hintLabel")
    assert _prose(problem.hints[0])[:15] in hint.text()  # its words; its formulas are typeset
    if formulas(problem.hints[0]):
        qtbot.waitUntil(lambda: "data:image/png" in hint.text(), timeout=20_000)
    type_and_enter(qtbot, w, problem.answer)
    wait_for_verdict(qtbot, w)
    assert not child(w, QPushButton, "gradeGood").isEnabled()  # a hint caps the grade at Hard
    qtbot.keyClick(child(w, QLineEdit, "answerInput"), Qt.Key.Key_Return)
    saved(w)
    [review] = w.store.reviews(template_id=problem.template_id)
    assert review.quality == 3 and review.hint_used
    second = w.current_problem
    qtbot.mouseClick(child(w, QPushButton, "dontKnowButton"), Qt.MouseButton.LeftButton)
    assert child(w, QTextBrowser, "solutionView").isVisible()
    saved(w)
    [review] = w.store.reviews(template_id=second.template_id)
    assert review.quality == 0 and review.verdict == "dont_know"


def test_unreadable_answer_is_not_counted_and_keeps_the_text(qtbot, open_window):
    w = open_window()
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    problem = w.current_problem
    type_and_enter(qtbot, w, "(3+")
    wait_for_verdict(qtbot, w)
    assert "character" in feedback(w)
    assert child(w, QLineEdit, "answerInput").text() == "(3+"
    assert not child(w, QLineEdit, "answerInput").isReadOnly()
    assert w.store.reviews(template_id=problem.template_id) == []
    assert w.current_problem == problem


def test_session_runs_to_summary_and_restart_keeps_state(qtbot, open_window, tmp_path):
    w = open_window()
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    reviewed = 0
    while w.current_problem is not None:
        type_and_enter(qtbot, w, w.current_problem.answer)
        wait_for_verdict(qtbot, w)
        qtbot.mouseClick(child(w, QPushButton, "gradeEasy"), Qt.MouseButton.LeftButton)
        reviewed += 1
    saved(w)
    summary = child(w, QLabel, "summaryLabel").text()
    assert f"Reviewed: {reviewed}" in summary and "Next due: tomorrow" in summary
    qtbot.mouseClick(child(w, QPushButton, "backButton"), Qt.MouseButton.LeftButton)
    due_before = child(w, QLabel, "dueCountLabel").text()
    w.close()
    again = open_window(tmp_path)
    assert child(again, QLabel, "dueCountLabel").text() == due_before
    assert len(again.store.reviews()) == reviewed


def test_closing_while_waiting_for_a_grade_keeps_the_review(qtbot, open_window, tmp_path):
    w = open_window()
    qtbot.mouseClick(child(w, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    problem = w.current_problem
    type_and_enter(qtbot, w, problem.answer)
    wait_for_verdict(qtbot, w)
    w.close()
    again = open_window(tmp_path)
    [review] = again.store.reviews(template_id=problem.template_id)
    assert review.quality == 4 and review.verdict == "correct"


def test_settings_change_new_skills_per_day(qtbot, open_window, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox, QSpinBox

    w = open_window()
    dialog = w.open_settings()
    qtbot.waitUntil(dialog.isVisible)
    spin = dialog.findChild(QSpinBox, "newPerDaySpin")
    assert spin.value() == 5
    spin.selectAll()
    qtbot.keyClicks(spin, "2")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    saved(w)
    assert child(w, QLabel, "newCountLabel").text() == "2"
    w.close()
    assert child(open_window(tmp_path), QLabel, "newCountLabel").text() == "2"


def _prose(text: str) -> str:
    """The first line of ``text``'s longest stretch of words outside formulas."""
    pieces = [piece for is_formula, piece in segments(text) if not is_formula] or [text]
    return max(pieces, key=len).strip().splitlines()[0]
