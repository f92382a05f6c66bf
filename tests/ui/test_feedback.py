"""What the engine understood, and what it diagnosed, is shown next to the answer field."""

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from tutor.bank import Bank
from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.problems import Step, Template, Variant
from tutor.ui import MainWindow


def _build(k):
    return Variant(
        prompt=f"Write the derivative of ln(x)/{2 * k}.",
        answer=AnswerSpec(
            kind="expression", expected=f"1/({2 * k}*x)", variables=("x",),
            mistakes=(Mistake(f"{2 * k}/x", "You flipped the fraction: the constant belongs in the denominator."),),
        ),
        steps=[Step(f"d/dx ln(x) = 1/x, so the answer is 1/({2 * k}x).", "Rule")],
        hints=["d/dx ln(x) = 1/x"],
    )


def _bank():
    template = Template(
        id="test.expression", title="Test expression family", topic="calculus",
        draw=lambda rng: {"k": rng.choice([1, 2, 3])}, build=_build, seed_params={"k": 1},
    )
    return Bank(templates={template.id: template})


def _window(qtbot, tmp_path, clock):
    w = MainWindow(data_dir=tmp_path, clock=clock, rng=random.Random(2), bank=_bank())
    qtbot.addWidget(w)
    w.show()
    qtbot.mouseClick(w.findChild(QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    return w


def _submit(qtbot, w, text):
    field = w.findChild(QLineEdit, "answerInput")
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    label = w.findChild(QLabel, "feedbackLabel")
    qtbot.waitUntil(lambda: label.text() and "Checking" not in label.text(), timeout=10_000)
    return label.text()


def test_reading_is_echoed_for_an_ambiguous_answer(qtbot, tmp_path, clock):
    w = _window(qtbot, tmp_path, clock)
    k = w.current_problem.params["k"]
    text = _submit(qtbot, w, f"1/{2 * k}x")
    assert "Correct" in text
    assert f"Read as: 1/({2 * k}·x)" in text
    w.close()


def test_declared_mistake_is_diagnosed_inline(qtbot, tmp_path, clock):
    w = _window(qtbot, tmp_path, clock)
    k = w.current_problem.params["k"]
    text = _submit(qtbot, w, f"{2 * k}/x")
    assert "flipped the fraction" in text
    assert w.findChild(QLineEdit, "answerInput").text() == f"{2 * k}/x"
    w.close()


def test_unknown_symbol_points_at_it_and_keeps_the_text(qtbot, tmp_path, clock):
    w = _window(qtbot, tmp_path, clock)
    text = _submit(qtbot, w, "1/(2*q)")
    assert "q" in text and not w.findChild(QLineEdit, "answerInput").isReadOnly()
    assert w.findChild(QLineEdit, "answerInput").text() == "1/(2*q)"
    assert w.store.reviews() == []
    w.close()


def test_a_live_preview_shows_the_answer_as_the_engine_reads_it_while_typing(qtbot, tmp_path, clock):
    from tutor.ui.math_view import MathView

    w = _window(qtbot, tmp_path, clock)
    field = w.findChild(QLineEdit, "answerInput")
    preview = w.findChild(MathView, "answerPreview")
    assert preview.isHidden()
    qtbot.keyClicks(field, "1/2x")
    qtbot.waitUntil(lambda: preview.isVisible() and preview.image is not None, timeout=20_000)
    from tutor.core.answers.display import answer_latex

    assert answer_latex(w.current_problem.spec, "1/2x") == r"\frac{1}{2 x}"  # what is typeset
    assert preview.image.height() > 0 and not preview.text()
    field.setText("")
    qtbot.keyClicks(field, "1/(")  # unreadable so far: the preview goes blank, nothing stale
    qtbot.waitUntil(lambda: preview.image is None and not preview.text(), timeout=10_000)
    w.close()


def test_read_as_only_when_the_reading_differs_in_more_than_notation():
    from tutor.ui.review import differs_beyond_notation

    assert differs_beyond_notation("1/(2·x)", "1/2x")
    assert not differs_beyond_notation("2·x", "2x") and not differs_beyond_notation("2·x", "2 * x")
    assert not differs_beyond_notation("−0.5", "-0.5")
    assert differs_beyond_notation("0.5 = 1/2", "1/2")


def test_the_answer_is_shown_typeset_not_in_the_checker_s_syntax(qtbot, tmp_path, clock):
    from tutor.ui.math_view import MathView

    w = _window(qtbot, tmp_path, clock)
    k = w.current_problem.params["k"]
    text = _submit(qtbot, w, f"1/({2 * k}x)")
    assert "Correct" in text and "*" not in text
    shown = w.findChild(MathView, "answerMath")
    qtbot.waitUntil(lambda: shown.isVisible() and shown.image is not None, timeout=20_000)
    w.close()
