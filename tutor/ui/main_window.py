"""The main window: Today → review → summary, over one data directory."""

from __future__ import annotations

import html
import random
from pathlib import Path

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from tutor import __version__
from tutor.bank import Bank, ContentError, load_bank
from tutor.core.answers import Verdict
from tutor.core.problems import Problem
from tutor.core.scheduling import SM2State
from tutor.paths import default_data_dir
from tutor.store import Store, StoreError
from tutor.study import Clock, Item, StudySession, quality_for, utc_now
from tutor.ui.review import Phase, ReviewScreen
from tutor.ui.settings import SettingsDialog
from tutor.ui.summary import SummaryScreen
from tutor.ui.theme import apply_theme
from tutor.ui.today import TodayScreen
from tutor.ui.widgets import make_label
from tutor.ui.workers import CheckService

USER_CONTENT_FOLDER = "content"


class ErrorScreen(QWidget):
    """Shown instead of the app when the data cannot be opened: what is wrong, what to do."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.setObjectName("errorScreen")
        title = make_label("errorTitle", "tutor cannot open your progress")
        title.setProperty("role", "title")
        self.label = make_label("errorLabel", html.escape(message).replace("\n", "<br>"), selectable=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(title)
        layout.addWidget(self.label)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """The whole app on one data directory. ``current_problem`` is the problem on screen."""

    def __init__(
        self,
        data_dir: Path | str | None = None,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        bank: Bank | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("tutor — math for machine learning")
        self.resize(980, 820)
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.store: Store | None = None
        self.session: StudySession | None = None
        self.item: Item | None = None
        self._pending_check: int | None = None
        self._build_menu()
        apply_theme(self)
        try:
            self.store = Store.open(self.data_dir)
            bank = bank if bank is not None else load_bank(user_dir=self.data_dir / USER_CONTENT_FOLDER)
        except (StoreError, ContentError) as exc:
            self._show_error(str(exc))
            return
        self.session = StudySession(self.store, bank, clock=clock, rng=rng or random.Random())
        self._build_screens()
        if bank.issues:
            self.today.show_notice(
                "Some of your own problem files were skipped:\n"
                + "\n".join(str(issue) for issue in bank.issues)
            )
        self.show_today()

    # -- construction -----------------------------------------------------------------
    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.settings_action = QAction("&Settings…", self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About tutor", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_screens(self) -> None:
        self.stack = QStackedWidget()
        self.today = TodayScreen()
        self.review = ReviewScreen()
        self.summary = SummaryScreen()
        for screen in (self.today, self.review, self.summary):
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        self.checker = CheckService(self)
        self.checker.finished.connect(self._on_checked)
        self.today.start_requested.connect(self.start_session)
        self.review.submitted.connect(self._on_submitted)
        self.review.graded.connect(self._on_graded)
        self.review.gave_up.connect(self._on_gave_up)
        self.review.continued.connect(self._next)
        self.summary.back_requested.connect(self.show_today)

    def _show_error(self, message: str) -> None:
        self.error_screen = ErrorScreen(message)
        self.setCentralWidget(self.error_screen)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About tutor",
            f"tutor {__version__}: spaced repetition for the math behind machine learning.\n\n"
            f"Your progress: {self.data_dir}\n\n"
            "Algorithm SM-2, (C) Copyright SuperMemo World, 1991. www.supermemo.com",
        )

    def open_settings(self) -> SettingsDialog | None:
        """Show the settings dialog (non-modal ``open()``); applied when the learner presses OK."""
        if self.session is None:
            return None
        dialog = SettingsDialog(self.session.new_per_day, self)
        dialog.accepted.connect(lambda: self._apply_settings(dialog))
        dialog.open()
        return dialog

    def _apply_settings(self, dialog: SettingsDialog) -> None:
        self.store.set_setting("new_per_day", str(dialog.new_per_day.value()))
        if self.stack.currentWidget() is self.today:
            self.show_today()

    # -- public state -----------------------------------------------------------------
    @property
    def current_problem(self) -> Problem | None:
        """The problem on screen, or None when no review is showing."""
        if self.item is None or self.session is None or self.stack.currentWidget() is not self.review:
            return None
        return self.item.problem

    # -- screens ----------------------------------------------------------------------
    def show_today(self) -> None:
        self.item = None
        self.today.show_overview(self.session.overview(), self.session.today())
        self.stack.setCurrentWidget(self.today)
        self.today.start_button.setFocus()

    def start_session(self) -> None:
        if self.session.start() == 0:
            self.show_today()
            return
        self._next()

    def _next(self) -> None:
        self.item = self.session.next_item()
        if self.item is None:
            self.summary.show_summary(self.session.summary(), self.session.today())
            self.stack.setCurrentWidget(self.summary)
            return
        title = self.session.bank[self.item.template_id].title
        position = self.session.done + 1
        self.review.show_item(self.item, position, self.session.done + self.session.remaining, title)
        self.stack.setCurrentWidget(self.review)
        self.review.answer.setFocus()

    # -- answers ----------------------------------------------------------------------
    def _on_submitted(self, text: str) -> None:
        self._pending_check = self.checker.submit(self.item.problem, text)

    def _on_checked(self, request_id: int, verdict: Verdict) -> None:
        if request_id != self._pending_check or self.item is None:
            return  # a late result for a problem no longer on screen
        self._pending_check = None
        if verdict.invalid:
            self.review.show_invalid(verdict)
        elif verdict.correct:
            self._last_verdict = verdict
            self.review.show_correct(verdict, self._schedule_preview())
        else:
            label = "close" if verdict.close else "wrong"
            self._record(label, quality_for(label))
            self.review.show_missed(verdict)

    def _schedule_preview(self) -> SM2State | None:
        """The SM-2 state the grade buttons start from (None for a same-day re-drill)."""
        if self.item.redrill:
            return None
        state = self.store.skill_state(self.item.template_id)
        if state is None:
            return SM2State()
        return SM2State(state.ef_hundredths, state.interval_days, state.repetitions)

    def _on_graded(self, grade: str) -> None:
        self._record("correct", quality_for("correct", grade, self.review.hint_used))
        self._next()

    def _on_gave_up(self) -> None:
        self._record("dont_know", quality_for("dont_know"))
        self.review.show_missed(None)

    def _record(self, verdict: str, quality: int) -> None:
        text = "" if verdict == "dont_know" else self.review.answer.text()
        self.session.record(
            self.item, answer=text, verdict=verdict, quality=quality,
            seconds=self.review.elapsed(), hint_used=self.review.hint_used,
        )

    # -- closing ----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """A correct answer still waiting for its grade is kept as Good (or Hard after a hint)."""
        if self.session is not None and self.item is not None and self.review.phase is Phase.CORRECT:
            self._record("correct", quality_for("correct", "good", self.review.hint_used))
            self.item = None
        if hasattr(self, "checker"):
            self.checker.wait()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)


