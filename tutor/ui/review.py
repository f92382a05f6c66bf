"""The review screen: prompt, answer field, hint, verdict, worked solution, grading."""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tutor.core.formatting import pretty
from tutor.core.problems import Problem
from tutor.study import GRADE_QUALITY, HINT_QUALITY_CAP, GradeOption, Item
from tutor.ui.figure_view import FigureView
from tutor.ui.math_view import MathView
from tutor.ui.rich_math import RichMath, plain_html
from tutor.ui.widgets import ActionButton, fill_with_scroll, make_label, set_state, text_to_html

if TYPE_CHECKING:
    from tutor.core.answers import Verdict

PREVIEW_DELAY_MS = 150  # the live preview follows the typing after this pause
SOLUTION_MIN_HEIGHT = 260  # logical pixels: below this the screen scrolls instead


class Phase(Enum):
    ANSWERING = "answering"
    CHECKING = "checking"
    CORRECT = "correct"  # waiting for the learner's Hard / Good / Easy
    MISSED = "missed"  # wrong or "I don't know": solution shown, waiting for Continue
    RECORDED = "recorded"  # right in a drill: recorded, waiting for Continue


class _AppUndoFilter(QObject):
    """Lets Ctrl+Z reach Edit → Undo when the answer field has no typing of its own to undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
            and (watched.isReadOnly() or not watched.isUndoAvailable())
        ):
            event.ignore()
            return True
        return False


def steps_html(problem: Problem, with_answer: bool = True, math: Callable[[str], str] = plain_html) -> str:
    """The worked solution as HTML; ``math`` turns each step's text (with its ``$...$``
    formulas) into HTML: typeset (``RichMath``) or as source."""
    items = []
    for step in problem.steps:
        title = f"<b>{html.escape(step.title)}</b><br>" if step.title else ""
        items.append(f"<li>{title}{math(step.text)}</li>")
    return (
        "<p><b>Worked solution</b></p><ol>" + "".join(items) + "</ol>"
        + (f"<p>Answer: {answer_html(problem, math)}</p>" if with_answer else "")
    )


def answer_html(problem: Problem, math: Callable[[str], str]) -> str:
    """The canonical answer in math notation (typeset when ``math`` typesets), never in the
    checker's syntax; its plain form when it cannot be read."""
    from tutor.core.answers.display import answer_latex  # the engine: loaded with the first problem

    latex = answer_latex(problem.spec, problem.answer)
    if latex is None or math is plain_html:
        return f"<b>{html.escape(pretty(problem.answer))}</b>"
    return math(f"${latex}$")


_NOTATION = str.maketrans({"*": None, "·": None, "×": None, " ": None, "−": "-", "\u2009": None})


def differs_beyond_notation(reading: str, given: str) -> bool:
    """Whether the engine's reading says more than the learner typed: added brackets, a
    product read another way, an evaluated value (not only spaces or multiplication signs)."""
    return reading.translate(_NOTATION).lower() != given.translate(_NOTATION).lower()


def verdict_html(verdict: Verdict, given: str = "") -> str:
    """The engine's message, its diagnosis and its reading of the answer, as HTML.

    The reading is echoed only when it differs from what the learner typed (STACK-style:
    "1/2x" read as "1/(2·x)"), so a plain answer is not repeated back; an answer that could
    not be read has no reading worth showing.
    """
    parts = []
    if verdict.message:
        parts.append(text_to_html(verdict.message))
    if verdict.diagnosis and verdict.diagnosis not in verdict.message:
        parts.append(text_to_html(verdict.diagnosis))
    if verdict.reading and not verdict.invalid and differs_beyond_notation(verdict.reading, given):
        parts.append(f"<span style='opacity:0.75'>Read as: {html.escape(verdict.reading)}</span>")
    return "<br>".join(parts)


class ReviewScreen(QWidget):
    """Shows one item at a time; emits what the learner did, records nothing itself."""

    submitted = Signal(str)  # the answer text, to be checked
    graded = Signal(str)  # "hard" | "good" | "easy"
    gave_up = Signal()  # "I don't know"
    continued = Signal()  # Continue after a miss
    phase_changed = Signal()  # what the learner can do next changed (the menus follow)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reviewScreen")
        self.item: Item | None = None
        self.phase = Phase.ANSWERING
        self.hint_used = False
        self._hints_shown = 0
        self._started = time.monotonic()
        self._build()

    # -- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        self.progress = make_label("progressLabel")
        self.progress.setProperty("role", "muted")
        self.title = make_label("skillTitle")
        self.title.setProperty("role", "subtitle")
        self.prompt = make_label("promptView", selectable=True)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        self._prompt_math = RichMath(self.prompt, self.prompt.setText, px=19)
        self.prompt.setProperty("role", "prompt")
        self.answer = QLineEdit()
        self.answer.setObjectName("answerInput")
        self.answer.setMaxLength(5000)
        self._undo_filter = _AppUndoFilter(self)
        self.answer.installEventFilter(self._undo_filter)
        self.answer.returnPressed.connect(self._on_enter)
        self.answer.textEdited.connect(self._on_edited)
        self.submit = ActionButton("Submit", "submitButton")
        self.submit.setProperty("role", "primary")
        self.hint = ActionButton("Hint", "hintButton")
        self.dont_know = ActionButton("I don't know", "dontKnowButton")
        self.submit.clicked.connect(self._submit)
        self.hint.clicked.connect(self._show_hint)
        self.dont_know.clicked.connect(self._dont_know)
        self.hint_label = make_label("hintLabel", selectable=True)
        self.hint_label.setTextFormat(Qt.TextFormat.RichText)
        self.hint_label.setProperty("role", "hint")
        self._hint_math = RichMath(self.hint_label, self.hint_label.setText, px=16)
        self.feedback = make_label("feedbackLabel", selectable=True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.preview = MathView("answerPreview", px=18)  # the answer as the engine reads it
        self.preview.setToolTip("How your answer is read")
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._update_preview)
        self.answer_caption = make_label("answerCaption", "Answer")
        self.answer_caption.setProperty("role", "muted")
        self.answer_math = MathView("answerMath", px=22)  # the canonical answer, typeset
        self.solution = QTextBrowser()
        self.solution.setObjectName("solutionView")
        self.solution.setOpenLinks(False)
        self._solution_math = RichMath(self.solution, self.solution.setHtml, px=17)
        self.figure = FigureView()  # in the prompt's card, or above the worked solution
        self.grade_buttons = {
            "hard": ActionButton("Hard", "gradeHard"),
            "good": ActionButton("Good", "gradeGood"),
            "easy": ActionButton("Easy", "gradeEasy"),
        }
        for grade, button in self.grade_buttons.items():
            button.clicked.connect(lambda _=False, g=grade: self._grade(g))
        self.grade_buttons["good"].setProperty("role", "primary")
        self.continue_button = ActionButton("Continue", "continueButton")
        self.continue_button.setProperty("role", "primary")
        self.continue_button.clicked.connect(self._continue)

        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.prompt)
        self._card_layout = card_layout
        content = QWidget()
        content.setObjectName("reviewContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(40, 24, 40, 24)
        fill_with_scroll(self, content, "reviewScroll")  # a tall prompt, figure and solution: nothing cut off
        self.solution.setMinimumHeight(SOLUTION_MIN_HEIGHT)
        layout.addWidget(self.progress)
        layout.addWidget(card)
        layout.addSpacing(6)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answer, 1)
        answer_row.addWidget(self.submit)
        layout.addLayout(answer_row)
        layout.addWidget(self.preview)
        layout.addWidget(self.feedback)
        answer_line = QHBoxLayout()
        answer_line.addWidget(self.answer_caption)
        answer_line.addWidget(self.answer_math, 1)
        layout.addLayout(answer_line)
        layout.addWidget(self.hint_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint)
        buttons.addWidget(self.dont_know)
        buttons.addStretch(1)
        for button in self.grade_buttons.values():
            buttons.addWidget(button)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        self._layout = layout
        layout.addWidget(self.solution, 1)
        self.filler = QWidget()  # keeps everything at the top while the solution is hidden
        layout.addWidget(self.filler, 1)

    # -- showing an item --------------------------------------------------------------
    def show_item(self, item: Item, position: int, total: int, skill_title: str, detail: str = "") -> None:
        self.item = item
        self.hint_used = False
        self._hints_shown = 0
        self._started = time.monotonic()
        if item.practice:
            self.progress.setText(
                f"Practice {position}" + (f" of {total}" if total else "")
                + (f"  ·  {detail}" if detail else "") + "  ·  outside the schedule"
            )
        else:
            tag = "  ·  again, with new numbers" if item.redrill else ("  ·  new skill" if item.new else "")
            self.progress.setText(f"Review {position} of {total}{tag}")
        self.title.setText(f"{skill_title}  ·  {item.problem.template_id}")
        prompt = item.problem.prompt
        self._prompt_math.show(lambda math: math(prompt))
        problem = item.problem  # typeset the hints and the solution while the learner thinks
        self._solution_math.prefetch([*problem.hints, *(step.text for step in problem.steps)])
        multi = item.problem.kind == "multi"
        self.answer.setPlaceholderText(
            "Type your answers, separated by ;" if multi else "Type your answer"
        )
        self.answer.setText("")  # unlike clear(), leaves nothing for Ctrl+Z to undo in the field
        self.answer.setReadOnly(False)
        self._hint_math.clear()
        self.hint_label.hide()
        self.feedback.clear()
        self.feedback.hide()
        self.preview.show_math(None)
        self.preview.hide()
        self._show_answer(False)
        self._solution_math.clear()
        self.solution.hide()
        self.filler.show()
        self._show_figure("prompt")
        self.hint.setEnabled(bool(item.problem.hints))
        self._set_phase(Phase.ANSWERING)
        self.answer.setFocus()

    def _show_figure(self, moment: str) -> None:
        """Show the problem's figure if it belongs here: with the prompt, or (when it would
        give the answer away) once the worked solution is shown."""
        figure = self.item.problem.figure if self.item is not None else None
        if figure is None or figure.placement != moment:
            if moment == "prompt":
                self.figure.show_figure(None)
            return
        if moment == "prompt":
            self._card_layout.addWidget(self.figure)
        else:
            self._layout.insertWidget(self._layout.indexOf(self.solution), self.figure)
        self.figure.show_figure(figure)

    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        answering = phase in (Phase.ANSWERING, Phase.CHECKING)
        self.submit.setVisible(answering)
        self.submit.setEnabled(phase is Phase.ANSWERING)
        if not answering:
            self.preview.hide()
        self.hint.setVisible(answering)
        self.dont_know.setVisible(answering)
        self.dont_know.setEnabled(phase is Phase.ANSWERING)
        for grade, button in self.grade_buttons.items():
            button.setVisible(phase is Phase.CORRECT)
            button.setEnabled(not (self.hint_used and GRADE_QUALITY[grade] > HINT_QUALITY_CAP))
        self.continue_button.setVisible(phase in (Phase.MISSED, Phase.RECORDED))
        self.answer.setReadOnly(not answering)
        self.phase_changed.emit()

    # -- what the menus and their shortcuts do (each is a no-op when it does not apply) ----
    def can_grade(self, grade: str) -> bool:
        return self.phase is Phase.CORRECT and self.grade_buttons[grade].isEnabled()

    def request_hint(self) -> None:
        self._show_hint()

    def request_dont_know(self) -> None:
        self._dont_know()

    def request_grade(self, grade: str) -> None:
        self._grade(grade)

    def elapsed(self) -> float:
        return time.monotonic() - self._started

    # -- learner actions --------------------------------------------------------------
    def _on_enter(self) -> None:
        """Enter means the obvious next thing: submit, then Good (Hard after a hint), then Continue."""
        if self.phase is Phase.ANSWERING:
            self._submit()
        elif self.phase is Phase.CORRECT:
            self._grade("hard" if self.hint_used else "good")
        elif self.phase in (Phase.MISSED, Phase.RECORDED):
            self._continue()

    def _on_edited(self, _text: str) -> None:
        if self.phase is Phase.ANSWERING and self.feedback.property("state") == "invalid":
            self.feedback.hide()
        self._preview_timer.start()  # typing restarts it: the preview follows after a pause

    def _update_preview(self) -> None:
        text = self.answer.text()
        if self.item is None or self.phase is not Phase.ANSWERING or not text.strip():
            self.preview.show_math(None)
            self.preview.hide()
            return
        self.preview.show()
        self.preview.show_reading(self.item.problem.spec, text)

    def _show_answer(self, shown: bool) -> None:
        """The canonical answer, typeset, once the learner has answered."""
        self.answer_caption.setVisible(shown)
        self.answer_math.setVisible(shown)
        if shown and self.item is not None:
            problem = self.item.problem
            self.answer_math.show_reading(problem.spec, problem.answer, fallback=pretty(problem.answer))

    def _submit(self) -> None:
        if self.phase is not Phase.ANSWERING or self.item is None:
            return
        text = self.answer.text()
        if not text.strip():
            self._show_feedback("invalid", "Type an answer first — or press “I don't know” to see the solution.")
            return
        self._set_phase(Phase.CHECKING)
        self._show_feedback("checking", "Checking…")
        self.submitted.emit(text)

    def _show_hint(self) -> None:
        if self.item is None or self.phase is not Phase.ANSWERING:
            return
        hints = self.item.problem.hints
        if not hints:
            return
        self.hint_used = True
        self._hints_shown = min(self._hints_shown + 1, len(hints))
        shown_hints = hints[: self._hints_shown]
        self._hint_math.show(lambda math: (
            "<b>Hint.</b> " + "<br>".join(math(h) for h in shown_hints)
            + "<br><span style='opacity:0.75'>An answer after a hint counts at most as Hard.</span>"
        ))
        self.hint_label.show()
        self.hint.setEnabled(self._hints_shown < len(hints))
        self.answer.setFocus()
        self.phase_changed.emit()  # Hint is disabled once every hint is shown; grades are capped

    def _dont_know(self) -> None:
        if self.phase is not Phase.ANSWERING:
            return
        self.gave_up.emit()

    def _grade(self, grade: str) -> None:
        if self.phase is not Phase.CORRECT or not self.grade_buttons[grade].isEnabled():
            return
        self.graded.emit(grade)

    def _continue(self) -> None:
        if self.phase in (Phase.MISSED, Phase.RECORDED):
            self.continued.emit()

    # -- results ----------------------------------------------------------------------
    def _show_feedback(self, state: str, body: str) -> None:
        self.feedback.setText(body)
        set_state(self.feedback, state)
        self.feedback.show()

    def show_invalid(self, verdict: Verdict) -> None:
        """The answer could not be read: say why, keep the text, let the learner fix it."""
        self._set_phase(Phase.ANSWERING)
        self._show_feedback("invalid", verdict_html(verdict, self.answer.text()) or "That answer could not be read.")
        if verdict.position is not None:
            self.answer.setCursorPosition(min(verdict.position, len(self.answer.text())))
        self.answer.setFocus()

    def show_correct(self, verdict: Verdict, options: dict[str, GradeOption] | None) -> None:
        """A right answer: the grade buttons say what each grade does (``options``), or, in a
        drill (``options`` None), the answer is already recorded and Continue goes on."""
        extra = verdict_html(verdict, self.answer.text())
        body = "<b>Correct.</b>"
        self._show_answer(True)
        if extra:
            body += "<br>" + extra
        if options is None:
            self._show_feedback("correct", body)
            self._set_phase(Phase.RECORDED)
            self.answer.setFocus()
            return
        if self.item.redrill:
            body += "<br>Its schedule was set earlier today: the grade only decides whether it comes back today."
        body += "<br>How hard was it to recall? (Enter = " + ("Hard" if self.hint_used else "Good") + ")"
        if self.hint_used:
            body += " — you used a hint, so it counts at most as Hard."
        self._show_feedback("correct", body)
        for grade, button in self.grade_buttons.items():
            button.setText(options[grade].label)
            button.setToolTip(options[grade].tooltip)
        self._set_phase(Phase.CORRECT)
        self.answer.setFocus()

    def show_missed(self, verdict: Verdict | None) -> None:
        """A wrong answer (verdict given) or "I don't know" (None): show the worked solution."""
        problem = self.item.problem
        again = "" if self.item.practice else "<br>This skill comes back later today with new numbers."
        if verdict is None:
            body = "No problem — here is how it goes." + again
        else:
            head = "<b>Close, but not quite.</b>" if verdict.close else "<b>Not quite.</b>"
            detail = verdict_html(verdict, self.answer.text())
            body = head + ("<br>" + detail if detail else "") + again
        self._show_feedback("wrong", body)
        self._show_answer(True)
        self._solution_math.show(lambda math: steps_html(problem, with_answer=False, math=math))
        self.solution.show()
        self.filler.hide()
        self._show_figure("solution")
        self._set_phase(Phase.MISSED)
        self.answer.setFocus()
