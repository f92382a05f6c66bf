"""The precision contract on screen (issue 8): the prompt asks for a precision, and what the
learner types is graded at exactly that precision, with the reason shown beside the field."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser

from tutor.core.formatting import pretty, rounded


def _submit(qtbot, window, text: str) -> str:
    field = window.findChild(QLineEdit, "answerInput")
    field.setText("")
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    label = window.findChild(QLabel, "feedbackLabel")
    qtbot.waitUntil(lambda: label.text() and "Checking" not in label.text(), timeout=10_000)
    return label.text()


def _continue(qtbot, window) -> None:
    qtbot.keyClick(window.findChild(QLineEdit, "answerInput"), Qt.Key.Key_Return)


def test_a_short_answer_is_close_with_the_figures_wanted_and_the_answer_is_shown_at_them(
    qtbot, open_window
):
    window = open_window()
    window.start_drill(skills=["probability.gaussian"], count=3)
    problem = window.current_problem
    prompt = window.findChild(QLabel, "promptView").text()
    assert "the density p(x) to 4 significant figures" in prompt
    density, rule = problem.answer.split("; ")
    short = rounded(_exact(problem.spec.parts[0].expected), sig_figs=3)  # a density is never a short decimal
    text = _submit(qtbot, window, f"{short}; {rule}")
    assert "Close" in text and "4 significant figures (you gave 3)" in text
    assert "check your rounding" not in text
    shown = window.findChild(QLabel, "answerMath")  # the answer, typeset, at 4 figures
    qtbot.waitUntil(lambda: shown.image is not None, timeout=20_000)
    assert shown.isVisible() and shown.fallback == pretty(f"{density}; {rule}")
    assert window.findChild(QTextBrowser, "solutionView").isVisible()
    _continue(qtbot, window)
    next_problem = window.current_problem
    assert next_problem is not problem
    assert "Correct" in _submit(qtbot, window, next_problem.answer)


def test_a_declared_mistake_near_the_answer_is_named_not_called_close(qtbot, open_window):
    window = open_window()
    window.start_drill(skills=["probability.gaussian"], count=2)
    problem = window.current_problem
    density = problem.spec.parts[0]
    mistake = density.mistakes[0]
    typed = rounded(_exact(mistake.answer), sig_figs=4)
    text = _submit(qtbot, window, f"{typed}; {problem.answer.split('; ')[1]}")
    assert mistake.explanation.split(";")[0] in text and "Close" not in text
    assert window.findChild(QLineEdit, "answerInput").text().startswith(typed)


def _exact(text: str) -> Fraction:
    """An exact expected value or mistake (``0.7``, ``7/10``, a long decimal) as a fraction."""
    return Fraction(text)
