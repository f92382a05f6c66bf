"""The main window: Today → review (a study session or a drill) → summary, over one data dir."""

from __future__ import annotations

import html
import itertools
import random
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tutor import __version__
from tutor.bank import Bank, ContentError, load_bank
from tutor.core.problems import Problem
from tutor.core.records import BURY, RESET, SUSPEND
from tutor.drill import Drill, drill_skills, weak_spots
from tutor.paths import USER_CONTENT_FOLDER, default_data_dir
from tutor.rebuild import RETENTION_KEY, SCHEDULER_KEY, retention_setting, switch_scheduler
from tutor.store import StoreError

if TYPE_CHECKING:
    from tutor.core.answers import Verdict
    from tutor.core.stats import Streak
    from tutor.store import Store
    from tutor.study import Overview
from tutor.study import (
    CREDIT_KEY,
    GRADE_QUALITY,
    NEW_PER_DAY_KEY,
    REVIEWS_PER_DAY_KEY,
    Clock,
    GradeOption,
    Item,
    StudySession,
    quality_for,
    study_day,
    utc_now,
)
from tutor.ui.local_prefs import LocalPrefs
from tutor.ui.review import Phase, ReviewScreen
from tutor.ui.settings import SettingsDialog, StudySettings
from tutor.ui.summary import SummaryScreen
from tutor.ui.theme import apply_theme
from tutor.ui.today import TodayScreen, plural
from tutor.ui.widgets import ActionButton, make_label
from tutor.ui.workers import CheckService, SaveService, run_in_background
from tutor.unsaved import KeptAnswer, KeptFileDamaged, forget, keep, kept, save_kept

STATUS_MS = 6000
CLOSE_SAVE_SECONDS = 3.0  # closing waits this long for answers still being saved
STREAK_LOOKBACK_DAYS = 400  # a current streak longer than this shows as this long
DEFAULT_SIZE = (980, 820)  # logical pixels, shrunk to fit a smaller screen
WARM_UP_MS = 1500


class _Unread:
    """The Undo text could not be read after a write (the menu keeps the one it has)."""


UNREAD = _Unread()


class ErrorScreen(QWidget):
    """Shown instead of the app when the data cannot be opened: what is wrong, what to do."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.setObjectName("errorScreen")
        title = make_label("errorTitle", "tutor cannot open your progress")
        title.setProperty("role", "title")
        self.label = make_label("errorLabel", html.escape(message).replace("\n", "<br>"), selectable=True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(48, 36, 48, 36)
        self.layout_.addWidget(title)
        self.layout_.addWidget(self.label)
        self.layout_.addStretch(1)

    def offer_restore(self, open_dialog: Callable[[], object]) -> None:
        """A button that lists the daily backups, for when the database cannot be opened."""
        button = ActionButton("Restore a backup…", "errorRestoreButton")
        button.setProperty("role", "primary")
        button.clicked.connect(lambda: open_dialog())
        self.layout_.insertWidget(2, button, 0, Qt.AlignmentFlag.AlignLeft)


class Opened(NamedTuple):
    """What the window needs from the database when it opens, read off the GUI thread."""

    store: Store
    bank: Bank
    several_learners: bool  # the title and the status bar name the learner
    welcomed: bool  # the first-run welcome was answered (or there is a history)
    undo_text: str | None  # the Edit menu's Undo item
    kept: list[KeptAnswer]  # answers a closed window could not save, kept on this computer
    kept_problem: str | None  # the file of kept answers was damaged: where it went


def open_store_and_bank(
    data_dir: Path,
    bank: Bank | None = None,
    database_url: str | None = None,
    learner: str | None = None,
    preferred: str | None = None,
    clock: Clock = utc_now,
) -> Opened:
    """Open (creating or upgrading) the database and load the bank: StoreError or ContentError
    says what is wrong. Safe off the GUI thread: it touches no widget."""
    from tutor.store import Store

    # A large file's full check comes after the first paint.
    store = Store.open_progress(data_dir, database_url, learner, full_check=False, preferred=preferred)
    try:
        bank = bank if bank is not None else load_bank(user_dir=data_dir / USER_CONTENT_FOLDER)
        session = StudySession(store, bank, clock=clock)
        try:
            kept_answers, kept_problem = kept(data_dir, database_url or "", store.learner), None
        except (KeptFileDamaged, OSError) as e:
            kept_answers, kept_problem = [], str(e)
        return Opened(store, bank, len(store.learners()) > 1, session.welcomed, session.undo_text(),
                      kept_answers, kept_problem)
    except BaseException:
        store.close()
        raise


def _without_where(message: str) -> str:
    """"the disk is full. Free some space…" from "Could not save to … at PATH: the disk is full…"."""
    head, sep, rest = message.partition(": ")
    return rest if sep and head.startswith("Could not save to the progress database") else message


def _after_first_paint(widget: QWidget, then: Callable[[], None], latest_ms: int = 300) -> None:
    """Call ``then`` once ``widget`` has been painted (or after ``latest_ms`` at the latest)."""

    class _Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    widget.installEventFilter(_Painted(widget))
    QTimer.singleShot(latest_ms, then)


class MainWindow(QMainWindow):
    """The whole app on one data directory. ``current_problem`` is the problem on screen."""

    def __init__(
        self,
        data_dir: Path | str | None = None,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        bank: Bank | None = None,
        welcome: bool = False,
        open_in_background: bool = False,
        database_url: str | None = None,
        learner: str | None = None,
    ) -> None:
        """``welcome``: on a first run, greet the learner before Today. ``open_in_background``:
        paint first, then open the database and the bank off the GUI thread. The app does
        both; tests and tools that want the data ready when the window is built do neither.
        ``database_url``: keep progress in that database (a PostgreSQL server, say) instead of
        the data folder's SQLite file; the data folder still holds this machine's settings,
        backups and the learner's own problem files. ``learner``: whose progress."""
        super().__init__()
        self._welcome = welcome
        self.setObjectName("mainWindow")
        self.setWindowTitle("tutor — math for machine learning")
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.database_url = database_url or None
        self.learner = learner or None
        self.open_failure: str | None = None  # why the progress could not be opened, if it could not
        self.clock = clock
        self.rng = rng or random.Random()
        self.store: Store | None = None
        self.session: StudySession | None = None
        self.drill: Drill | None = None
        self.finished_drill: Drill | None = None
        self.item: Item | None = None
        self._pending_check: int | None = None
        self.skipped_families: list[str] = []  # what was skipped because its family failed, in words
        self._unsaved_undo: tuple[object, str] | None = None  # the latest write not saved yet, and its Undo text
        self._undo_text: str | None = None  # what Undo would take back in the database, read after each write
        self._undo_reads = 0  # bumped by each write: a read of the Undo text begun before one is stale
        # every write not yet in the database, in order: the answer it saves, or None for another change
        self._unsaved_writes: dict[object, KeptAnswer | None] = {}
        self._end_when_checked = False
        self._closed = False
        self._build_menu()
        self.saves = SaveService(self)  # every write, in order, off the GUI thread
        self._reader = QThreadPool(self)  # the window's reads, in order, off the GUI thread
        self._reader.setMaxThreadCount(1)
        self._reader.setObjectName("readPool")
        self.saves.state_changed.connect(self._show_save_state)
        self.save_status = make_label("saveStatus", "", wrap=False)
        self.save_retry = ActionButton("Try again now", "saveRetryButton")
        self.save_retry.clicked.connect(lambda: self.saves.saver.retry_now())
        self.save_retry.hide()
        self.statusBar().addPermanentWidget(self.save_status)  # no stretch: the messages need the room
        self.statusBar().addPermanentWidget(self.save_retry)
        self.prefs = LocalPrefs(self.data_dir)
        self.dark = apply_theme(self, self.prefs.theme, self.prefs.font_px)
        self._place_on_screen()
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._system_scheme_changed)
        if open_in_background:
            self._open_after_first_paint(bank)
        else:
            self._open_data(bank)

    def _place_on_screen(self) -> None:
        """Where the window was last time, or a size that fits the screen it opens on."""
        geometry = self.prefs.geometry
        if geometry is not None and self.restoreGeometry(geometry):
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(*DEFAULT_SIZE)
            return
        room = screen.availableGeometry()
        width = min(DEFAULT_SIZE[0], int(room.width() * 0.92))
        height = min(DEFAULT_SIZE[1], int(room.height() * 0.92))
        self.resize(width, height)
        self.move(room.x() + (room.width() - width) // 2, room.y() + (room.height() - height) // 2)

    def _system_scheme_changed(self, _scheme: object) -> None:
        if self.prefs.theme == "system" and not self._closed:
            self.dark = apply_theme(self, "system", self.prefs.font_px)

    def set_look(self, theme: str, font_px: int) -> None:
        """Apply and remember a theme (system / light / dark) and a font size."""
        self.prefs.set_look(theme, font_px)
        self.dark = apply_theme(self, theme, font_px)
        for window in (getattr(self, "browser", None), getattr(self, "statistics_window", None)):
            if window is not None and hasattr(window, "restyle"):
                window.restyle()  # the new sizes, and palette() read again

    def _open_data(self, bank: Bank | None = None) -> None:
        """Open the database and the bank and show Today, or say what is wrong."""
        try:
            opened = open_store_and_bank(*self._where(bank))
        except (StoreError, ContentError) as exc:
            self._open_failed(exc, bank)
            return
        self._opened(opened)

    def _where(self, bank: Bank | None) -> tuple:
        """open_store_and_bank's arguments: this window's database and learner."""
        remembered = self.prefs.last_learner(self.database_url or "")
        return self.data_dir, bank, self.database_url, self.learner, remembered, self.clock

    def _open_after_first_paint(self, bank: Bank | None) -> None:
        """The app's way: paint Today first ("Opening your progress…"), then open the database
        and the bank (SQLAlchemy, the content modules) off the GUI thread."""
        self._show_opening()
        started = []

        def start() -> None:
            if started or self._closed:
                return
            started.append(True)
            self._open_in_background(bank)

        _after_first_paint(self.today, start)

    def _show_opening(self) -> None:
        if self.stack is None:
            self._build_screens()
        self.today.show_opening()
        self.stack.setCurrentWidget(self.today)

    def _open_in_background(self, bank: Bank | None) -> None:
        where = self._where(bank)
        run_in_background(self, lambda: open_store_and_bank(*where),
                          self._opened, lambda e: self._open_failed(e, bank))

    def _open_failed(self, error: Exception, bank: Bank | None = None) -> None:
        from tutor.store.errors import LearnerNeeded

        if self._closed:
            return
        self._show_error(str(error))
        if isinstance(error, LearnerNeeded):
            self.open_learner_dialog(error.names, bank, "This progress database has several learners. "
                                     "Whose progress should tutor open?")

    def _opened(self, opened: Opened) -> None:
        store, bank, several = opened.store, opened.bank, opened.several_learners
        if self._closed:  # the window closed while the database was opening
            store.close()
            return
        self.store = store
        self.open_failure = None
        self.learner = store.learner
        self._undo_text = opened.undo_text
        self.prefs.set_last_learner(self.database_url or "", store.learner)
        self.setWindowTitle(f"tutor — {store.learner}" if several else "tutor — math for machine learning")
        self.session = StudySession(self.store, bank, clock=self.clock, rng=self.rng)
        if getattr(self, "stack", None) is None:
            self._build_screens()
        for action in self.actions():
            action.setEnabled(True)
        self.findChild(QAction, "actionRestoreBackup").setEnabled(store.path is not None)
        self._start_daily_backup()
        QTimer.singleShot(WARM_UP_MS, self._warm_up)
        QTimer.singleShot(WARM_UP_MS, self._check_integrity)
        if bank.issues:
            self.today.show_notice(
                "Some of your own problem files were skipped:\n"
                + "\n".join(str(issue) for issue in bank.issues)
            )
        if several:
            self._status(f"Studying as {store.learner}.")
        if opened.kept_problem:
            self.today.show_notice(opened.kept_problem)
        if opened.kept:
            self._save_kept(opened.kept)
        if self._welcome and not opened.welcomed:
            self.show_welcome()
        else:
            self.show_today()

    def _save_kept(self, answers: list[KeptAnswer]) -> None:
        """Answers a closed window kept on this computer go in first, in their order."""
        session, data_dir = self.session, self.data_dir

        def write() -> tuple[int, str | None]:
            saved = save_kept(session, answers)
            try:
                forget(data_dir, saved.handled)
            except (OSError, KeptFileDamaged) as e:  # in the log now; the next opening skips them
                return len(saved.handled), saved.problem or f"The file of kept answers could not be updated: {e}"
            return len(saved.handled), saved.problem

        def done(outcome: tuple[int, str | None]) -> None:
            count, problem = outcome
            if count:
                self._status(f"{plural(count, 'answer')} kept from last time {'is' if count == 1 else 'are'} saved now.")
            if problem:
                self.today.show_notice(problem)
            self._refresh_today()

        self._write(write, done, "the answers kept from last time", kept_already=True)

    def show_welcome(self) -> None:
        """The first run: the loop in three sentences, and the topics already known."""
        from tutor.ui.welcome import WelcomeScreen

        bank = self.session.bank
        counts: dict[str, int] = {}
        for tid in bank.learning_order():
            counts[bank[tid].topic] = counts.get(bank[tid].topic, 0) + 1
        self.welcome = WelcomeScreen(list(counts.items()))
        self.welcome.started.connect(self._welcomed)
        self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.start_button.setFocus()

    def _welcomed(self, topics: list[str]) -> None:
        session = self.session

        def marked(count: int) -> None:
            if count:
                self._status(f"{count} skills from {', '.join(topics)} start as reviewed.")
            if self.session is session:
                self._refresh_today()

        self._write(lambda: session.mark_known(topics), marked, "the topics you know")
        self.show_today()
        self.stack.removeWidget(self.welcome)
        self.welcome.deleteLater()

    # -- construction -----------------------------------------------------------------
    def _action(self, text: str, name: str, slot: Callable[[], object], shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({keys})" if keys else ""))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work wherever the focus is in this window
        return action

    def _build_menu(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.settings_action = self._action("&Settings…", "actionSettings", self.open_settings, "Ctrl+,")
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self._action("Switch &learner…", "actionSwitchLearner", self.open_learner_dialog,
                                         "Ctrl+Shift+L", "Open another learner's progress, or a new learner's"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Export history…", "actionExport", self.open_export_dialog, "Ctrl+Shift+E",
                                         "Save your whole history to a JSON file"))
        file_menu.addAction(self._action("&Import history…", "actionImport", self.open_import_dialog, "Ctrl+Shift+I",
                                         "Add a history exported from tutor (nothing is changed if it is refused)"))
        file_menu.addAction(self._action("&Restore backup…", "actionRestoreBackup", self.open_restore_dialog, "Ctrl+Shift+B",
                                         "Put back one of the daily copies of your progress"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", "actionQuit", self.close, "Ctrl+Q"))
        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action("&Undo", "actionUndo", self.undo, QKeySequence.StandardKey.Undo,
                                        "Undo the last grade, bury, suspend or reset")
        edit_menu.addAction(self.undo_action)
        study_menu = bar.addMenu("&Study")
        self.hint_action = self._action("&Hint", "actionHint", lambda: self.review.request_hint(), "Ctrl+H",
                                        "Show a hint (an answer after a hint counts at most as Hard)")
        self.dont_know_action = self._action("I &don't know", "actionDontKnow",
                                             lambda: self.review.request_dont_know(), "Ctrl+D",
                                             "Show the worked solution")
        self.grade_actions = {
            grade: self._action(f"Grade &{label}", f"actionGrade{label}",
                                lambda g=grade: self.review.request_grade(g), key, f"Grade {label}")
            for grade, label, key in (("hard", "Hard", "1"), ("good", "Good", "2"), ("easy", "Easy", "3"))
        }
        for action in self.grade_actions.values():
            action.setAutoRepeat(False)  # a held key must not grade twice
        self.end_action = self._action("&End session", "actionEndSession", self.end_session, "Esc",
                                       "Back to Today; everything answered is kept")
        self.drill_action = self._action("&Practice drill…", "actionPracticeDrill", self.open_drill_dialog, "Ctrl+P",
                                         "Drill chosen topics or skills outside the schedule")
        self.weak_action = self._action("&Weak spots drill", "actionWeakSpots", self.start_weak_spots_drill,
                                        "Ctrl+Shift+W", "Drill the skills you missed most recently")
        self.bury_action = self._action("&Bury skill until tomorrow", "actionBury", self.bury_current, "Ctrl+Shift+J")
        self.suspend_action = self._action("S&uspend skill", "actionSuspend", self.suspend_current, "Ctrl+Shift+K")
        self.reset_action = self._action("&Reset skill (forget it)", "actionReset", self.reset_current, "Ctrl+Shift+R")
        for action in (self.hint_action, self.dont_know_action, *self.grade_actions.values(), None,
                       self.end_action, None, self.drill_action, self.weak_action, None,
                       self.bury_action, self.suspend_action, self.reset_action):
            study_menu.addSeparator() if action is None else study_menu.addAction(action)
        view_menu = bar.addMenu("&View")
        self.browse_action = self._action("&Browse skills", "actionBrowse", self.open_browser, "Ctrl+B")
        self.find_action = self._action("&Find a skill…", "actionFindSkill", self.find_skill, "Ctrl+F",
                                        "Search the skills by name, topic or id")
        self.stats_action = self._action("S&tatistics", "actionStatistics", self.open_statistics, "Ctrl+Shift+S")
        view_menu.addAction(self.browse_action)
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.stats_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About tutor", "actionAbout", self._about, "F1"))
        for action in self.actions():
            action.setEnabled(action.objectName() in ("actionQuit", "actionAbout"))
        self.stack: QStackedWidget | None = None

    def _build_screens(self) -> None:
        from tutor.ui.drill_summary import DrillSummaryScreen

        self.stack = QStackedWidget()
        self.today = TodayScreen()
        self.review = ReviewScreen()
        self.summary = SummaryScreen()
        self.drill_summary = DrillSummaryScreen()
        for screen in (self.today, self.review, self.summary, self.drill_summary):
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        self.stack.currentChanged.connect(lambda _i: self._refresh_actions())
        self.checker = CheckService(self)
        self.checker.finished.connect(self._on_checked)
        self.today.start_requested.connect(self.start_session)
        self.today.drill_requested.connect(self.open_drill_dialog)
        self.today.browse_requested.connect(self.open_browser)
        self.today.statistics_requested.connect(self.open_statistics)
        self.review.submitted.connect(self._on_submitted)
        self.review.graded.connect(self._on_graded)
        self.review.gave_up.connect(self._on_gave_up)
        self.review.continued.connect(self._next)
        self.review.phase_changed.connect(self._refresh_actions)
        self.summary.back_requested.connect(self.show_today)
        self.drill_summary.back_requested.connect(self.show_today)
        self.drill_summary.revisit_requested.connect(lambda skills: self.start_drill(skills=skills))

    def _show_error(self, message: str) -> None:
        from tutor.backups import list_backups

        self.error_screen = ErrorScreen(message)
        if self.store is None:
            self.open_failure = message
        if self.store is None and self.database_url is None and list_backups(self.data_dir):
            self.error_screen.offer_restore(self.open_restore_dialog)
        self.setCentralWidget(self.error_screen)  # deletes the screens, if there were any
        self.stack = None
        self.session = None
        for action in self.actions():
            action.setEnabled(action.objectName() in ("actionQuit", "actionAbout", "actionRestoreBackup",
                                                      "actionSwitchLearner"))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About tutor",
            f"tutor {__version__}: spaced repetition for the math behind machine learning.\n\n"
            f"Your progress: {self.store.where if self.store else self.data_dir}"
            + (f" (learner {self.store.learner})" if self.store else "") + "\n\n"
            f"This machine's settings and backups: {self.data_dir}\n\n"
            "Algorithm SM-2, (C) Copyright SuperMemo World, 1991. www.supermemo.com\n"
            "FSRS: the open-spaced-repetition reference implementation (MIT).",
        )

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    # -- settings ---------------------------------------------------------------------
    def current_settings(self) -> StudySettings:
        s = self.session
        return StudySettings(
            new_per_day=s.new_per_day, reviews_per_day=s.reviews_per_day,
            scheduler=self.store.get_setting(SCHEDULER_KEY) or "sm2",
            desired_retention=retention_setting(self.store), credit_prerequisites=s.credit_enabled,
            theme=self.prefs.theme, font_px=self.prefs.font_px,
        )

    def open_settings(self) -> SettingsDialog | None:
        """Show the settings dialog (non-modal ``open()``); applied when the learner presses OK."""
        if self.session is None:
            return None
        dialog = SettingsDialog(self.current_settings(), self)
        dialog.accepted.connect(lambda: self._apply_settings(dialog.values()))
        dialog.open()
        return dialog

    def _apply_settings(self, chosen: StudySettings) -> None:
        before = self.current_settings()
        if (chosen.theme, chosen.font_px) != (before.theme, before.font_px):
            self.set_look(chosen.theme, chosen.font_px)
        store = self.store
        values = {
            NEW_PER_DAY_KEY: str(chosen.new_per_day), REVIEWS_PER_DAY_KEY: str(chosen.reviews_per_day),
            CREDIT_KEY: "1" if chosen.credit_prerequisites else "0",
        }
        rescheduled = (chosen.scheduler, chosen.desired_retention) != (before.scheduler, before.desired_retention)
        if not rescheduled:
            values |= {SCHEDULER_KEY: chosen.scheduler, RETENTION_KEY: f"{chosen.desired_retention:.2f}"}

        def write() -> None:
            for key, value in values.items():
                store.set_setting(key, value)

        self._write(write, lambda _none: None if rescheduled else self._refresh_today(), "your settings")
        if rescheduled:
            self._switch_scheduler(chosen.scheduler, chosen.desired_retention)

    def _switch_scheduler(self, name: str, retention: float) -> None:
        """Recompute every state from the log in the background, with a progress dialog."""
        self.end_session()
        progress = self._busy("Recomputing every skill's schedule from your history…")
        store = self.store

        def done(_result: object) -> None:
            progress.close()
            label = "FSRS" if name == "fsrs" else "SM-2"
            self._status(f"Scheduler: {label}. Every skill was rescheduled from your history.")
            self._refresh_today()

        def failed(error: Exception) -> None:
            progress.close()
            QMessageBox.warning(self, "Scheduler not changed",
                                f"The schedules could not be recomputed, so nothing was changed:\n{error}")

        def switch() -> Exception | None:
            try:
                switch_scheduler(store, name, retention)
            except Exception as e:  # noqa: BLE001 - said in words; nothing was changed
                return e
            return None

        # In the saver's queue: after the answers still being saved, so the log it replays has them.
        self._write(switch, lambda error: None if self._closed else (failed(error) if error else done(None)),
                          "the change of scheduler")

    def _background(self, fn: Callable[[], object], on_done: Callable, on_error: Callable) -> None:
        """``fn`` in the thread pool; its result reaches ``on_done``/``on_error`` unless the
        window has been closed meanwhile (then there is nothing left to show it in)."""
        run_in_background(
            self, fn,
            lambda result: None if self._closed else on_done(result),
            lambda error: None if self._closed else on_error(error),
        )

    def _busy(self, text: str) -> QProgressDialog:
        """A window-modal "working…" dialog for work that takes more than a moment; close it when done."""
        progress = QProgressDialog(text, "", 0, 0, self)
        progress.setObjectName("busyProgress")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.busy_progress = progress
        return progress

    # -- public state -----------------------------------------------------------------
    @property
    def current_problem(self) -> Problem | None:
        """The problem on screen, or None when no review is showing."""
        if self.item is None or self.session is None or self.stack.currentWidget() is not self.review:
            return None
        return self.item.problem

    @property
    def in_drill(self) -> bool:
        return self.drill is not None

    # -- screens ----------------------------------------------------------------------
    def _after_saves(self, then: Callable[[], None]) -> None:
        """``then`` now, or once every write submitted so far is in the database (so what it
        reads includes them)."""
        if not self.saves.state.pending:
            then()
            return
        session = self.session
        self.saves.submit(lambda: None, lambda _none: then() if self.session is session and not self._closed else None)

    def _write(self, write: Callable[[], object], on_done: Callable[[object], None] | None = None,
               what: str = "", answer: KeptAnswer | None = None, *, kept_already: bool = False) -> None:
        """``write`` on the saver's thread; there too, right after it, the Undo item's text is
        read again, so that the menu never reads the database on the GUI thread. Until it is
        done, ``answer`` (the answer it saves) can be kept on this computer if the window closes
        (``kept_already``: what it saves is kept there already)."""
        session, token = self.session, object()
        if not kept_already:
            self._unsaved_writes[token] = answer

        def write_then_read() -> tuple[object, str | None | _Unread]:
            result = write()
            self._unsaved_writes.pop(token, None)
            try:
                text = session.undo_text() if session is not None else None
            except Exception:  # noqa: BLE001 - the write is in; the menu keeps its text
                text = UNREAD
            return result, text

        def done(pair: tuple[object, str | None | _Unread]) -> None:
            result, text = pair
            self._undo_reads += 1
            if session is self.session and not isinstance(text, _Unread):
                self._undo_text = text
            if on_done is not None:
                on_done(result)
            if self.session is not None and not self._closed:
                self._refresh_actions()

        self.saves.submit(write_then_read, done, what)

    def show_today(self) -> None:
        self.item = None
        self.drill = None
        self._pending_check = None
        self.stack.setCurrentWidget(self.today)
        self.today.start_button.setFocus()
        self._after_saves(self._show_overview)

    def _read(self, read: Callable[[], object], show: Callable[[object], None],
              on_error: Callable[[Exception], None] | None = None) -> None:
        """``read`` on the reading thread once every write submitted so far is in the database;
        ``show`` its result (or ``on_error`` its failure) on the GUI thread, unless the learner
        or the window changed."""
        session = self.session

        def failed(error: Exception) -> None:
            if self.session is not session:
                return
            self._status(f"Could not read your progress: {error}")
            if on_error is not None:
                on_error(error)

        def go() -> None:
            run_in_background(self, read, lambda result: show(result) if self.session is session and not self._closed
                              else None, lambda error: None if self._closed else failed(error), pool=self._reader)

        self._after_saves(go)

    def _show_overview(self) -> None:
        if self.stack is None or self.stack.currentWidget() is not self.today:
            return
        self._read(self.session.overview, self._paint_overview)

    def _paint_overview(self, overview: Overview) -> None:
        if self.stack.currentWidget() is not self.today:
            return
        self.today.show_overview(overview, self.session.today())
        if self.skipped_families:
            self.today.show_notice("Skipped in this session:\n" + "\n".join(dict.fromkeys(self.skipped_families)))
        self._read_streak()
        self.stack.setCurrentWidget(self.today)
        self.today.start_button.setFocus()
        self._refresh_actions()

    def _read_streak(self) -> None:
        """The streak needs the log of the last year: read off the GUI thread, shown when ready."""
        store, today = self.store, self.session.today()
        since = today - timedelta(days=STREAK_LOOKBACK_DAYS)

        def read() -> Streak:
            from tutor.core.stats import streaks

            return streaks(store.review_facts(since=since), today)

        def show(streak: Streak) -> None:
            if not self._closed and self.stack is not None:
                self.today.show_streak(streak)

        self._background(read, show, lambda _error: None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._came_back()

    def _came_back(self) -> None:
        """The learner is back at the window: their other machine (or window) on the same
        server may have studied meanwhile, so Today and the Undo item are read again."""
        if getattr(self, "session", None) is None or self._closed or getattr(self, "stack", None) is None:
            return  # not open yet (or any more)
        if self.stack.currentWidget() is self.today and not self.saves.state.pending:
            self._show_overview()
        self._read_undo_text()

    def _read_undo_text(self) -> None:
        session, reads = self.session, self._undo_reads

        def show(text: str | None) -> None:
            if reads == self._undo_reads and not self.saves.state.pending:  # no write came in meanwhile
                self._undo_text = text
                self._refresh_actions()

        self._read(session.undo_text, show)

    def _refresh_today(self) -> None:
        if self.stack.currentWidget() is self.today:
            self.show_today()
        self._refresh_actions()

    def start_session(self) -> None:
        """Build today's queue, from the database once the latest answers are in it (else a
        skill just answered could come up again)."""
        self.drill = None
        self._read(self.session.start, self._started)

    def _started(self, queued: int) -> None:
        if self.stack.currentWidget() is not self.today or self.drill is not None:
            return  # the learner went on meanwhile (a drill, the welcome) or pressed Start twice
        if queued == 0:
            self.show_today()
            return
        self._next()

    def _next(self) -> None:
        source = self.drill or self.session
        self.item = source.next_item()
        while source.skipped:  # a family that failed to make its problem: said, and passed over
            message = source.skipped.pop(0)
            self._status(message)
            self.skipped_families.append(message)
        if self.item is None:
            self._show_end_of_run()
            return
        self._show_item()

    def _show_item(self) -> None:
        title = self.session.bank[self.item.template_id].title
        if self.drill is not None:
            position, total = self.drill.answered + 1, self.drill.total
        else:
            position, total = self.session.done + 1, self.session.done + self.session.remaining
        self._pending_check = None  # a check still running was for the problem shown before
        left = self.drill.seconds_left() if self.drill is not None else None
        detail = f"{max(1, round(left / 60))} min left" if left is not None else ""
        self.review.show_item(self.item, position, total or 0, title, detail)
        self.stack.setCurrentWidget(self.review)
        self.review.answer.setFocus()
        self._refresh_actions()

    def _show_end_of_run(self) -> None:
        if self.drill is not None:
            titles = {tid: t.title for tid, t in self.session.bank.items()}
            self.drill_summary.show_summary(self.drill.summary(), titles)
            self.finished_drill, self.drill = self.drill, None  # Undo can still reopen it
            self.stack.setCurrentWidget(self.drill_summary)
        else:
            self.stack.setCurrentWidget(self.summary)
            self._read(self.session.summary, lambda summary: self.summary.show_summary(summary, self.session.today()))
        self._refresh_actions()

    def end_session(self) -> None:
        """Esc: back to Today (a drill shows its summary first); nothing answered is lost."""
        if self.session is None:
            return
        on_review = self.stack.currentWidget() is self.review
        if on_review and self._pending_check is not None:
            self._end_when_checked = True  # the answer is being checked: keep it, then leave
            self._status("Saving your answer, then back to Today…")
            return
        if on_review and self.item is not None and self.review.phase is Phase.CORRECT:
            self._record("correct", quality_for("correct", "good", self.review.hint_used))
        if on_review and self.drill is not None and self.drill.answered:
            self.item = None
            self._show_end_of_run()
            return
        self.show_today()

    # -- drills -----------------------------------------------------------------------
    def start_drill(
        self,
        skills: list[str] | None = None,
        topics: list[str] | None = None,
        count: int | None = 10,
        minutes: float | None = None,
    ) -> Drill | None:
        """Start a practice drill (ending any session on screen first); results never move
        the schedule."""
        if self.session is None:
            return None
        try:
            chosen = drill_skills(self.session.bank, skills, topics)
        except ValueError as e:
            QMessageBox.warning(self, "Cannot start the drill", str(e))
            return None
        if not chosen:
            self._status("Nothing to drill: no skills were chosen.")
            return None
        if (minutes is None and (count is None or count < 1)) or (minutes is not None and minutes <= 0):
            QMessageBox.warning(self, "Cannot start the drill",
                                "A drill needs at least one question, or a time limit of a minute or more.")
            return None
        self.end_session()
        self.drill = Drill(
            self.store, self.session.bank, chosen, count=None if minutes else count,
            time_limit=minutes * 60 if minutes else None, clock=self.clock, rng=self.rng,
        )
        self._next()
        return self.drill

    def weak_spot_ids(self) -> list[str]:
        """The skills missed lately (any thread: it reads the whole month's log)."""
        return [t for t in weak_spots(self.store, self.session.today()) if t in self.session.bank]

    def _read_weak_spots(self, then: Callable[[list[str]], object]) -> None:
        """The weak spots, read off the GUI thread once the latest answers are saved."""
        self._read(self.weak_spot_ids, then)

    def start_weak_spots_drill(self) -> None:
        """A drill of the skills missed lately."""
        self._read_weak_spots(self._start_weak_spots_drill)

    def _start_weak_spots_drill(self, weak: list[str]) -> Drill | None:
        if not weak:
            self._status("No weak spots: nothing was missed in the last 30 days.")
            return None
        return self.start_drill(skills=weak, count=max(10, 2 * len(weak)))

    def open_drill_dialog(self):
        from tutor.ui.drill_dialog import DrillDialog

        if self.session is None:
            return None
        dialog = DrillDialog(self.session.bank, None, self)  # its weak spots follow when read
        self._read_weak_spots(lambda weak: dialog.set_weak_spots(weak) if self.drill_dialog is dialog else None)
        dialog.start_requested.connect(
            lambda skills, count, minutes: self.start_drill(skills=skills, count=count, minutes=minutes)
        )
        dialog.open()
        self.drill_dialog = dialog
        return dialog

    # -- other windows ----------------------------------------------------------------
    def open_browser(self):
        from tutor.ui.browser import SkillBrowser

        if self.session is None:
            return None
        browser = getattr(self, "browser", None)
        if browser is None:
            browser = self.browser = SkillBrowser(
                self.session, self, lambda write, done: self._write(write, done, "a change in the skill browser"),
            )
            browser.practise_requested.connect(lambda skills: self.start_drill(skills=skills))
            browser.changed.connect(self._after_browser_change)
        else:
            browser.refresh()
        browser.show()
        browser.raise_()
        browser.activateWindow()
        return browser

    def find_skill(self):
        """The skill browser with its search field focused and selected."""
        browser = self.open_browser()
        if browser is not None:
            browser.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            browser.search.selectAll()
        return browser

    def _after_browser_change(self) -> None:
        self._refresh_today()

    def open_statistics(self):
        from tutor.ui.statistics import StatisticsWindow

        if self.session is None:
            return None
        fsrs = (self.store.get_setting(SCHEDULER_KEY) or "sm2") == "fsrs"
        window = StatisticsWindow(
            self.store, self.session.bank, self.session.today(),
            retention_setting(self.store) if fsrs else None, self,
        )
        old = getattr(self, "statistics_window", None)
        if old is not None:
            old.close()
            old.wait()
            old.deleteLater()
        self.statistics_window = window
        window.show()
        return window

    # -- answers ----------------------------------------------------------------------
    def _on_submitted(self, text: str) -> None:
        if self.item is None:
            return  # nothing on screen to check against
        self._pending_check = self.checker.submit(self.item.problem, text)

    def _on_checked(self, request_id: int, verdict: Verdict) -> None:
        if request_id != self._pending_check or self.item is None:
            return  # a late result for a problem no longer on screen
        if verdict.correct and not verdict.invalid and self.drill is None:
            self._read_grade_options(request_id, verdict)  # still "Checking…" until they are read
            return
        self._pending_check = None
        if verdict.invalid:
            self.review.show_invalid(verdict)
        elif verdict.correct:
            self._record("correct", quality_for("correct", "good", self.review.hint_used))
            self.review.show_correct(verdict, None)
        else:
            label = "close" if verdict.close else "wrong"
            self._record(label, quality_for(label))
            self.review.show_missed(verdict)
        self._after_checked()

    def _read_grade_options(self, request_id: int, verdict: Verdict) -> None:
        """What Hard, Good and Easy would do, read from the skill's state off the GUI thread."""
        session, item = self.session, self.item

        def read() -> tuple[Item, dict[str, GradeOption]]:
            fresh = session.refreshed(item)  # a study day may have begun since it was queued
            return fresh, session.grade_options(fresh)

        def show(read_item: Item, options: dict[str, GradeOption]) -> None:
            if request_id != self._pending_check or self.item is not item:
                return  # undone, or the learner moved on, meanwhile
            self._pending_check = None
            self.item = self.review.item = read_item
            self.review.show_correct(verdict, options)
            self._after_checked()

        def unread(error: Exception) -> None:  # the grades still work; only their intervals are unknown
            reason = f"the next intervals could not be read: {error}"
            show(item, {grade: GradeOption(grade.capitalize(), reason) for grade in GRADE_QUALITY})

        self._read(read, lambda pair: show(*pair), unread)

    def _after_checked(self) -> None:
        self._refresh_actions()
        if self._end_when_checked:
            self._end_when_checked = False
            self.end_session()

    def _record_pending_now(self) -> None:
        """Closing while an answer is being checked: check it here and keep it."""
        if self.item is None or self.review.phase is not Phase.CHECKING:
            return
        verdict = self.item.problem.check(self.review.answer.text())  # bounded by the engine
        if verdict.invalid:
            return
        if verdict.correct:
            self._record("correct", quality_for("correct", "good", self.review.hint_used))
        else:
            label = "close" if verdict.close else "wrong"
            self._record(label, quality_for(label))

    def _on_graded(self, grade: str) -> None:
        self._record("correct", quality_for("correct", grade, self.review.hint_used))
        self._next()

    def _on_gave_up(self) -> None:
        self._record("dont_know", quality_for("dont_know"))
        self.review.show_missed(None)
        self._refresh_actions()

    def _record(self, verdict: str, quality: int) -> None:
        """Take the answer now (the screen moves on); the saver writes it."""
        text = "" if verdict == "dont_know" else self.review.answer.text()
        what = f"your answer to {self.session.bank[self.item.template_id].title}"
        answer = dict(answer=text, verdict=verdict, quality=quality, seconds=self.review.elapsed(),
                      hint_used=self.review.hint_used)
        if self.drill is not None:
            drill = self.drill
            taken = drill.take(self.item, **answer)
            self._write(lambda: drill.save(taken), lambda _review: self._refresh_browser(), what, self._kept(taken))
            return
        session = self.session
        taken = session.take(self.item, **answer)
        self._unsaved_undo = (taken, f"Undo {session.describe(taken)}")
        self._write(lambda: session.save(taken), lambda saved: self._saved(session, taken, *saved), what,
                    self._kept(taken))

    def _kept(self, taken) -> KeptAnswer:  # noqa: ANN001 - Answer or DrillAnswer
        return KeptAnswer.of(taken, self.database_url or "", self.store.learner)

    def _saved(self, session: StudySession, taken: object, review, credits) -> None:  # noqa: ANN001
        if session is not self.session or self._closed:
            return
        session.saved(review, credits)
        self._written(taken)
        self._refresh_browser()

    def _written(self, token: object) -> None:
        """A write is in the database: the Undo item reads what it would undo from there again."""
        if self._unsaved_undo is not None and self._unsaved_undo[0] is token:
            self._unsaved_undo = None
        self._refresh_actions()

    def wait_saved(self, seconds: float = 10.0) -> bool:
        """Block until everything answered is in the database and what the window reads
        after it is on screen (tests and tools)."""
        deadline = time.monotonic() + seconds
        for _ in range(10):  # a result shown may start another read
            if not self.saves.wait(max(0.0, deadline - time.monotonic())):
                return False
            self._reader.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
            QCoreApplication.sendPostedEvents()
            if not self.saves.state.pending and self._reader.activeThreadCount() == 0:
                return True
        return False

    def _show_save_state(self, state) -> None:  # noqa: ANN001 - SaverState
        """One line in the status bar (the whole message in its tooltip)."""
        reason = _without_where(state.failure or "")
        if state.failure and not state.passing:
            self.save_status.setProperty("role", "error")
            self.save_status.setText(f"Not saved yet ({state.pending} waiting): {reason}")
        elif state.failure:
            self.save_status.setProperty("role", "warning")
            self.save_status.setText(f"Saving… ({state.pending} waiting): {reason}")
        else:
            self.save_status.setProperty("role", "")
            self.save_status.setText("Saving…" if state.pending else "")
        self.save_status.setToolTip(state.failure or self.save_status.text())
        self.save_status.style().polish(self.save_status)
        self.save_retry.setVisible(bool(state.failure) and not state.passing)

    def _refresh_browser(self) -> None:
        browser = getattr(self, "browser", None)
        if browser is not None and browser.isVisible():
            browser.refresh()

    # -- undo, bury, suspend, reset ---------------------------------------------------
    def undo(self) -> None:
        """Take back the last thing done; the same variant comes back unanswered."""
        if self.session is None:
            return
        on_review = self.stack.currentWidget() is self.review and self.item is not None
        if on_review and self.review.phase is Phase.CORRECT:
            self._status("Answer taken back: the same problem, unanswered.")
            self._show_item()  # checked but not graded yet: nothing was saved
            return
        if self.stack.currentWidget() is self.drill_summary and self.finished_drill is not None:
            self.drill, self.finished_drill = self.finished_drill, None
        if self.drill is not None:
            self._undo_drill()
            return
        self._pending_check = None  # an answer still being checked is dropped with the problem
        self._unsaved_undo = None
        self.review.setEnabled(False)  # until the undone item is back on screen
        session, at = self.session, self.session._stamp()

        def write() -> object:
            if not on_review:
                session.start()  # from Today: today's queue, for the undone item to go back to the front of
            return session.undo_save(at)

        self._write(write, lambda done: self._show_undone(session, session.undone(done), on_review), "an undo")

    def _show_undone(self, session: StudySession, result, on_review: bool) -> None:  # noqa: ANN001 - UndoResult
        if session is not self.session or self._closed:
            return
        self.review.setEnabled(True)
        if result is None:
            self._status("Nothing to undo today.")
            self._refresh_actions()
            return
        self._status(f"Undone: {result.description}.")
        if result.item is not None:
            self.item = result.item
            self._show_item()
        elif on_review:
            self._next()
        else:
            self.show_today()
        self._refresh_browser()

    def _undo_drill(self) -> None:
        if self.drill is None or not self.drill.can_undo():
            self._status("Nothing to undo in this drill.")
            return
        drill = self.drill
        taken = drill.undo_take()
        self.item = taken.item
        self._write(lambda: drill.undo_save(taken), lambda _none: self._refresh_browser(), "an undo")
        self._status("Undone: the last drill answer. Here it is again.")
        self._show_item()

    def _study_item(self) -> Item | None:
        """The study item on screen that bury, suspend and reset act on."""
        if self.drill is None and self.stack.currentWidget() is self.review and self.item is not None:
            return self.item
        return None

    def _act_on_current(self, action: str, done: str) -> None:
        item = self._study_item()
        if item is None:
            return
        title = self.session.bank[item.template_id].title
        session, tid, seed = self.session, item.template_id, item.seed
        at = session.act_take(action, tid)
        token = object()
        self._unsaved_undo = (token, f"Undo {action} of {title}")

        def written(_none: object) -> None:
            self._written(token)
            self._refresh_browser()

        self._write(lambda: session.act_save(at, action, tid, seed), written, f"{action} of {title}")
        self._status(f"{done.format(title=title)} Edit → Undo takes it back.")
        self._next()

    def bury_current(self) -> None:
        self._act_on_current(BURY, "{title}: buried until tomorrow.")

    def suspend_current(self) -> None:
        self._act_on_current(SUSPEND, "{title}: suspended (the skill browser unsuspends it).")

    def reset_current(self) -> None:
        self._act_on_current(RESET, "{title}: reset; it will be offered as new again.")

    def _refresh_actions(self) -> None:
        """Enable what makes sense on this screen; the Undo item says what it would undo."""
        if self.session is None:
            return
        on_study_item = self._study_item() is not None
        for action in (self.bury_action, self.suspend_action, self.reset_action):
            action.setEnabled(on_study_item)
        self.end_action.setEnabled(self.stack.currentWidget() in (self.review, self.summary, self.drill_summary))
        reviewing = self.stack.currentWidget() is self.review and self.review.item is not None
        answering = reviewing and self.review.phase is Phase.ANSWERING
        self.hint_action.setEnabled(answering and self.review.hint.isEnabled())
        self.dont_know_action.setEnabled(answering)
        for grade, action in self.grade_actions.items():
            action.setEnabled(reviewing and self.review.can_grade(grade))
        on_drill_summary = self.stack.currentWidget() is self.drill_summary
        drill = self.drill or (self.finished_drill if on_drill_summary else None)
        if drill is not None:
            text = "Undo the last drill answer" if drill.can_undo() else None
        elif on_study_item and self.review.phase is Phase.CORRECT:
            text = "Undo answer"
        elif self._unsaved_undo is not None:
            text = self._unsaved_undo[1]  # still being saved: the database does not know it yet
        else:
            text = self._undo_text
        self.undo_action.setEnabled(text is not None)
        self.undo_action.setText(f"&{text}" if text else "&Undo")

    # -- the learner's data: backups, export, import, restore ---------------------------
    def _warm_up(self) -> None:
        """Read the review log once in the background, after the first paint, so weak spots
        and statistics open quickly later (the store then reads only what was added)."""
        store = self.store
        if store is not None and not self._closed:
            self._background(store.review_facts, lambda _facts: None, lambda _error: None)

    def _check_integrity(self) -> None:
        """The full ``quick_check`` of a large database, off the GUI thread, after the first
        paint (a small one, or one not closed cleanly, was checked on opening)."""
        store = self.store
        if store is None or self._closed:
            return

        def report(problems: list[str]) -> None:
            if problems and not self._closed:
                QMessageBox.warning(
                    self, "Your progress database is damaged",
                    "A check of your progress database found damage:\n" + "\n".join(problems[:3])
                    + "\n\nWhat you do now is still saved where the file allows, but to be safe, "
                    "use File → Restore backup… to go back to a daily copy, then restart tutor.",
                )

        self._background(store.integrity_problems, report, lambda _error: None)

    def _start_daily_backup(self) -> None:
        """Once a day at most, on opening: a copy of the database in ``backups/`` (off the GUI thread)."""
        from tutor.backups import daily_backup

        if self.store.path is None:
            return  # a database on a server: its backups are the server's business
        data_dir, today = self.data_dir, self.session.today()
        self._background(
            lambda: daily_backup(data_dir, today), lambda _path: None,
            lambda e: self._status(f"Today's backup could not be made: {e}"),
        )

    def _file_dialog(self, title: str, save: bool, on_chosen: Callable[[str], None]):
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self, title, str(Path.home()), "tutor history (*.json);;All files (*)")
        dialog.setObjectName("historyFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the same dialog everywhere
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
        if save:
            dialog.setDefaultSuffix("json")
            dialog.selectFile(f"tutor-history-{self.session.today():%Y-%m-%d}.json")
        dialog.fileSelected.connect(on_chosen)
        dialog.open()
        self.history_dialog = dialog
        return dialog

    def open_export_dialog(self):
        return self._file_dialog("Export history", True, self.export_to) if self.session else None

    def open_import_dialog(self):
        return self._file_dialog("Import history", False, self.import_from) if self.session else None

    def _tell(self, title: str, text: str, warning: bool = False) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("dataResultBox")
        box.open()
        self.data_result_box = box
        return box

    def export_to(self, path: str | Path) -> None:
        """Write the whole history to ``path`` in the background; say how it went."""
        from tutor.transfer import export_history

        store = self.store
        self._status("Exporting your history…")
        self._after_saves(lambda: self._background(  # the answers still being saved belong in it
            lambda: export_history(store, Path(path), overwrite=True),
            lambda summary: self._tell("History exported", summary.text()),
            lambda e: self._tell("Export failed", f"Nothing was written to {path}:\n{e}", warning=True),
        ))

    def import_from(self, path: str | Path) -> None:
        """Add the history in ``path``; a refused file changes nothing and says why."""
        from tutor.transfer import import_history

        self.end_session()
        store = self.store
        progress = self._busy(f"Importing {Path(path).name}…")

        def refused(error: Exception) -> None:
            progress.close()
            self._tell("Import refused", str(error), warning=True)

        def done(summary) -> None:
            progress.close()
            self._tell("History imported", summary.text())
            self._refresh_today()
            self._refresh_browser()

        self._after_saves(lambda: self._background(lambda: import_history(store, Path(path)), done, refused))

    def open_restore_dialog(self):
        from tutor.backups import list_backups
        from tutor.ui.backups import RestoreBackupDialog

        dialog = RestoreBackupDialog(list_backups(self.data_dir), self)
        dialog.restore_requested.connect(self.restore_backup)
        dialog.open()
        self.restore_dialog = dialog
        return dialog

    def restore_backup(self, backup: Path) -> None:
        """Close the database, put the backup in its place (the current one is kept as a
        backup too), and reopen. Also works from the error screen of a damaged database."""

        from tutor.backups import restore_backup

        bank = self.session.bank if self.session is not None else None
        if not self._close_progress("Backup not restored", "nothing was restored"):
            return
        data_dir, today = self.data_dir, study_day(self.clock())
        progress = self._busy(f"Restoring {Path(backup).name}…")

        def reopen(_saved: object, failure: Exception | None = None) -> None:
            progress.close()
            self._open_data(bank)
            if self.store is None:
                return  # the error screen says what is wrong
            if failure is None:
                self._tell("Backup restored", f"Your progress is now as it was in {Path(backup).name}. "
                           "What you had before is kept as a backup: restore that to go back.")
            else:
                self._tell("Backup not restored", f"{failure}", warning=True)

        self._background(lambda: restore_backup(data_dir, backup, today), reopen,
                          lambda e: reopen(None, e))

    def _show_item_gone(self) -> None:
        """After closing was refused: the graded answer is saved, so the next one comes up."""
        if self.stack is not None and self.stack.currentWidget() is self.review:
            QTimer.singleShot(0, lambda: None if self._closed else self._next())

    def _close_unsaved_anyway(self) -> bool:
        """Ask before closing with answers that are not in the database yet. The answers can
        be kept on this computer (``tutor.unsaved``) and saved the next time; other changes
        (an undo, a bury, a setting), and answers given after one, cannot."""
        waiting = list(self._unsaved_writes.copy().values())  # in order
        answers = list(itertools.takewhile(lambda answer: answer is not None, waiting))
        lost = len(waiting) - len(answers)
        reason = self.saves.state.failure or "the database is busy."
        text = f"{len(waiting)} of your answers and changes could not be saved yet:\n{reason}\n\n"
        if not lost:
            text = f"{len(waiting)} of your answers could not be saved yet:\n{reason}\n\n"
        if answers:
            text += (f"If you close now, {plural(len(answers), 'answer')} {'is' if len(answers) == 1 else 'are'}"
                     " kept on this computer and saved the next time tutor opens your progress"
                     + (f"; {plural(lost, 'later change')} would be lost" if lost else "") + ". ")
        else:
            text += "If you close now they are lost. "
        text += "Keep tutor open and it saves everything as soon as it can."
        close = "Close and save them next time" if answers else "Close and lose them"
        if not self._ask_unsaved("unsavedBox", text, close):
            return False
        if not answers:
            return True
        try:
            keep(self.data_dir, answers)
        except OSError as e:
            return self._ask_unsaved(
                "unsavedKeepFailedBox",
                f"Your answers could not be kept on this computer either: {e}.\n\n"
                "If you close now they are lost. Keep tutor open and it saves them as soon as it can.",
                "Close and lose them",
            )
        return True

    def _ask_unsaved(self, name: str, text: str, close: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "Answers not saved yet", text,
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName(name)
        keep_open = box.addButton("Keep tutor open", QMessageBox.ButtonRole.RejectRole)
        box.addButton(close, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep_open)
        self.unsaved_box = box
        box.exec()
        return box.clickedButton() is not keep_open

    def _close_progress(self, title: str, refused: str) -> bool:
        """End the session, save what is waiting and close the database (before a restore or
        a switch of learner); False, said in a dialog, when the answers cannot be saved yet."""

        if self.session is not None:
            self.end_session()
        if not self.saves.wait(CLOSE_SAVE_SECONDS):
            QMessageBox.warning(self, title, f"Your latest answers are not saved yet, so {refused}:\n"
                                f"{self.saves.state.failure}")
            return False
        self._close_children()
        QThreadPool.globalInstance().waitForDone(10_000)
        self._reader.waitForDone(10_000)
        if self.store is not None:
            self.store.close()
            self.store = None
        return True

    def bring_forward(self) -> None:
        """Another ``tutor`` was started on this folder: show this window instead."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self._status("tutor is already open here: this is its window.")

    # -- learners ---------------------------------------------------------------------
    def open_learner_dialog(self, names: list[str] | None = None, bank: Bank | None = None, reason: str = ""):
        """File → Switch learner…: the learners in this database, or a new one."""
        from tutor.ui.learners import LearnerDialog

        if names is None:
            if self.store is None:
                return None
            names = self.store.learners()
        dialog = LearnerDialog(names, self.learner if self.store else None, self, reason)
        dialog.chosen.connect(lambda name: self.switch_learner(name, bank))
        dialog.open()
        self.learner_dialog = dialog
        return dialog

    def switch_learner(self, name: str, bank: Bank | None = None) -> None:
        """Close this learner's progress (everything answered is kept) and open ``name``'s."""

        if self.session is not None:
            bank = self.session.bank
        if not self._close_progress("Not switched", "the learner was not switched"):
            return
        self.session = None
        self.learner = name
        for action in self.actions():
            action.setEnabled(action.objectName() in ("actionQuit", "actionAbout"))
        self._show_opening()
        self._open_in_background(bank)

    # -- closing ----------------------------------------------------------------------
    def _close_children(self) -> None:
        """Close the browser and the statistics window, and wait for their readers."""
        for name in ("browser", "statistics_window"):
            child = getattr(self, name, None)
            if child is not None:
                child.close()
                if hasattr(child, "wait"):
                    child.wait()
            setattr(self, name, None)  # they hold this database


    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """A correct answer still waiting for its grade is kept as Good (or Hard after a hint);
        one still being checked is checked now and kept. Answers that cannot be saved yet
        (a full disk, a database held by another program) are not dropped without a word:
        the learner is asked first, and may keep the window open until they are saved."""
        if self.session is not None and self.item is not None and self.review.phase is Phase.CORRECT:
            self._record("correct", quality_for("correct", "good", self.review.hint_used))
            self.item = None
            self._show_item_gone()
        elif self.session is not None and self.item is not None and self.review.phase is Phase.CHECKING:
            self._record_pending_now()
            self._pending_check = None  # kept: its late verdict must not be recorded again
            self.item = None
            self._show_item_gone()
        if not self.saves.wait(CLOSE_SAVE_SECONDS) and not self._close_unsaved_anyway():
            event.ignore()
            return
        self._closed = True
        self.prefs.set_geometry(self.saveGeometry())
        self.item = None
        if hasattr(self, "checker"):
            self.checker.wait()
        self._close_children()
        self.saves.saver.close(timeout=0)  # everything is saved, kept on this computer, or given up
        if self.store is not None:
            QThreadPool.globalInstance().waitForDone(10_000)
            self._reader.waitForDone(10_000)
            self.store.close()
            self.store = None
        super().closeEvent(event)
