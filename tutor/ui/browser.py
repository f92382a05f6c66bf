"""The skill browser: every family with its state, searchable and sortable, with row actions.

A flat table (not a tree grouped by topic) so that every column sorts across all skills
(the most overdue, the lowest ease, the most reviewed); sorting by Topic, the default,
groups the families by topic in the order the tutor teaches them.

Rows are built off the GUI thread: with a long history the review summaries take a while.
The actions (suspend, bury, reset) are one short transaction each through the study session,
so they are logged and undoable like the same actions on the review screen.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tutor.bank import TOPIC_ORDER, Bank
from tutor.core.history import is_new, memory_of
from tutor.core.problems import Template
from tutor.core.records import BURY, RESET, SUSPEND, UNSUSPEND
from tutor.core.scheduling import Scheduler
from tutor.rebuild import active_scheduler
from tutor.store import SkillState, Store, StoreError
from tutor.study import StudySession, skill_status
from tutor.ui.review import steps_html
from tutor.ui.rich_math import RichMath, plain_html
from tutor.ui.theme import window_stylesheet
from tutor.ui.widgets import ActionButton, make_label

COLUMNS = ("Skill", "Topic", "State", "Due", "Last result", "Ease", "Reviews")
SKILL, TOPIC, STATE, DUE, LAST_RESULT, MEMORY, REVIEWS = range(len(COLUMNS))
NONE_TEXT = "—"

# State column order when sorting: from not started to out of the way.
STATUS_RANK = {"new": 0, "learning": 1, "mature": 2, "buried": 3, "suspended": 4}
RESULT_WORDS = {5: "Easy", 4: "Good", 3: "Hard", 2: "Close miss", 1: "Missed", 0: "I don't know"}
MEMORY_HEADERS = {"sm2": "Ease", "fsrs": "Stability"}

RESET_WHAT = (
    "forget this skill's schedule; it will be offered as new again. "
    "The history stays, and Edit → Undo takes it back."
)
RESET_WHAT_MANY = (
    "forget these skills' schedules; they will be offered as new again. "
    "The history stays, and Edit → Undo takes each one back."
)


# -- rows (plain values, built in a worker) ------------------------------------------


@dataclass(frozen=True)
class SkillRow:
    """One skill as the browser shows it."""

    template_id: str
    title: str
    topic: str
    status: str  # new / learning / mature / suspended / buried
    due: date | None  # None for a skill never reviewed
    buried_until: date | None
    last_quality: int | None
    last_day: date | None
    reviews: int
    memory: str  # the scheduler's measure, e.g. "2.50" or "12.3 d"; "—" for a new skill
    memory_value: float | None  # the same as a number, for sorting
    order: int  # position in the learning order: the default order and the tie-breaker
    topic_rank: int

    @property
    def search_text(self) -> str:
        return f"{self.title}\n{self.template_id}\n{self.topic}".casefold()


def memory_header(scheduler: Scheduler) -> str:
    """The Ease/Stability column's title under the active scheduler."""
    return MEMORY_HEADERS.get(scheduler.name, "Memory")


def _memory(state: SkillState | None, scheduler: Scheduler, header: str) -> tuple[str, float | None]:
    if is_new(state):
        return NONE_TEXT, None
    text = scheduler.describe(memory_of(state))
    prefix = header.casefold() + " "
    if text.casefold().startswith(prefix):
        text = text[len(prefix):]  # the header already says "Ease" or "Stability"
    if scheduler.name == "fsrs" and state.stability is not None:
        return text, state.stability
    return text, state.ef_hundredths / 100


def build_rows(
    bank: Bank,
    states: dict[str, SkillState],
    summaries: dict[str, tuple[int, int | None, date | None]],
    scheduler: Scheduler,
    today: date,
) -> list[SkillRow]:
    """One row per family in the bank, in learning order."""
    header = memory_header(scheduler)
    rows = []
    for order, tid in enumerate(bank.learning_order()):
        template, state = bank[tid], states.get(tid)
        reviews, last_quality, last_day = summaries.get(tid, (0, None, None))
        memory, memory_value = _memory(state, scheduler, header)
        rows.append(SkillRow(
            template_id=tid, title=template.title, topic=template.topic,
            status=skill_status(state, today),
            due=None if is_new(state) else state.due,
            buried_until=state.buried_until if state is not None else None,
            last_quality=last_quality, last_day=last_day, reviews=reviews,
            memory=memory, memory_value=memory_value, order=order,
            topic_rank=TOPIC_ORDER.index(template.topic) if template.topic in TOPIC_ORDER else len(TOPIC_ORDER),
        ))
    return rows


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def day_label(day: date, today: date) -> str:
    """"today", "tomorrow", "3 days overdue", "Tue 01 Dec" (with the year when not this year)."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta < 0:
        return f"{_days(-delta)} overdue"
    return f"{day:%a %d %b}" if day.year == today.year else f"{day:%d %b %Y}"


def ago_label(day: date, today: date) -> str:
    delta = (today - day).days
    if delta <= 0:
        return "today"
    return "yesterday" if delta == 1 else f"{delta} days ago ({day:%d %b %Y})"


def due_text(row: SkillRow, today: date) -> str:
    return NONE_TEXT if row.due is None else day_label(row.due, today)


def result_text(quality: int | None) -> str:
    return NONE_TEXT if quality is None else RESULT_WORDS.get(quality, str(quality))


def sort_key(row: SkillRow, column: int) -> tuple:
    """What a column sorts by: dates and numbers as such, empty values last, then learning order."""
    keys: dict[int, Callable[[], tuple]] = {
        SKILL: lambda: (row.title.casefold(),),
        TOPIC: lambda: (row.topic_rank, row.topic),
        STATE: lambda: (STATUS_RANK.get(row.status, len(STATUS_RANK)),),
        DUE: lambda: (row.due is None, row.due or date.min),
        LAST_RESULT: lambda: (row.last_quality is None, row.last_quality or 0),
        MEMORY: lambda: (row.memory_value is None, row.memory_value or 0.0),
        REVIEWS: lambda: (row.reviews,),
    }
    return (*keys[column](), row.order)


# -- model and proxy -----------------------------------------------------------------


class SkillTableModel(QAbstractTableModel):
    """The rows as a table; texts and tooltips are worked out here, values stay typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SkillRow] = []
        self._today = date.today()
        self._memory_header = COLUMNS[MEMORY]
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[SkillRow], today: date, header: str) -> bool:
        """Replace the rows; the same skills in the same order are updated in place, so
        selection, sorting and scroll position survive a refresh. True when the model was reset."""
        same_skills = [r.template_id for r in rows] == [r.template_id for r in self._rows]
        if not same_skills:
            self.beginResetModel()
        self._rows, self._today = rows, today
        if header != self._memory_header:
            self._memory_header = header
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, MEMORY, MEMORY)
        if not same_skills:
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        return not same_skills

    def row_at(self, source_row: int) -> SkillRow:
        return self._rows[source_row]

    def rows(self) -> list[SkillRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._memory_header if section == MEMORY else COLUMNS[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.ForegroundRole and row.status in ("suspended", "buried"):
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)  # out of the way
        if role == Qt.ItemDataRole.FontRole and column == DUE and self._due_now(row):
            return self._bold
        return None

    def _due_now(self, row: SkillRow) -> bool:
        return row.due is not None and row.due <= self._today and row.status in ("learning", "mature")

    def _text(self, row: SkillRow, column: int) -> str:
        texts = {
            SKILL: row.title, TOPIC: row.topic.capitalize(), STATE: row.status,
            DUE: due_text(row, self._today), LAST_RESULT: result_text(row.last_quality),
            MEMORY: row.memory, REVIEWS: str(row.reviews),
        }
        return texts[column]

    def _tooltip(self, row: SkillRow, column: int) -> str | None:
        if column == SKILL:
            return f"{row.title}\n{row.template_id}"
        if column == STATE:
            return _state_tooltip(row, self._today)
        if column == DUE and row.due is not None:
            return f"Due {row.due:%A %d %B %Y}"
        if column == LAST_RESULT and row.last_day is not None:
            return f"Last answered {ago_label(row.last_day, self._today)}"
        if column == REVIEWS:
            return "Answers that count: scheduled reviews and drills (not undone ones)"
        return None



def _alignment(column: int) -> int:
    horizontal = Qt.AlignmentFlag.AlignRight if column in (MEMORY, REVIEWS) else Qt.AlignmentFlag.AlignLeft
    return int(horizontal | Qt.AlignmentFlag.AlignVCenter)


def _state_tooltip(row: SkillRow, today: date) -> str:
    if row.status == "suspended":
        return "Suspended: not offered until you unsuspend it"
    if row.status == "buried" and row.buried_until is not None:
        return f"Buried: not offered before {day_label(row.buried_until, today)}"
    return {
        "new": "Not reviewed yet",
        "learning": "Reviewed, interval under 21 days",
        "mature": "Interval of 21 days or more",
    }.get(row.status, row.status)


class SkillFilterProxy(QSortFilterProxyModel):
    """Search over title, id and topic (every word must match, any case); typed sorting."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._terms = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        haystack = self.sourceModel().row_at(source_row).search_text
        return all(term in haystack for term in self._terms)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        column = left.column()
        return sort_key(model.row_at(left.row()), column) < sort_key(model.row_at(right.row()), column)


# -- loading in a worker -------------------------------------------------------------


class _LoadSignals(QObject):
    finished = Signal(int, object, object, str)  # request id, rows, today, memory header
    failed = Signal(int, str)  # request id, message


class _LoadTask(QRunnable):
    def __init__(self, request_id: int, store: Store, bank: Bank, today: date, signals: _LoadSignals) -> None:
        super().__init__()
        self.request_id, self.store, self.bank, self.today, self.signals = request_id, store, bank, today, signals

    def run(self) -> None:
        try:
            scheduler = active_scheduler(self.store)
            rows = build_rows(self.bank, self.store.skill_states(), self.store.review_summaries(), scheduler, self.today)
        except StoreError as exc:
            self._emit(self.signals.failed, self.request_id, str(exc))
            return
        except Exception as exc:  # anything else must still end "Loading…" with a message
            self._emit(self.signals.failed, self.request_id, f"Could not list the skills: {type(exc).__name__}: {exc}")
            return
        self._emit(self.signals.finished, self.request_id, rows, self.today, memory_header(scheduler))

    @staticmethod
    def _emit(signal, *args) -> None:
        with contextlib.suppress(RuntimeError):  # the browser was deleted meanwhile: nobody waits
            signal.emit(*args)


# -- the preview dialog --------------------------------------------------------------


def preview_html(template: Template, seed: int, math: Callable[[str], str] = plain_html) -> str:
    """A variant as the learner would meet it, with its hints, answer and worked solution
    (``math`` typesets the formulas: see ``RichMath``)."""
    problem = template.generate(seed)
    parts = [
        f"<h3>{html.escape(template.title)}</h3>",
        f"<p><small>{html.escape(template.id)} · {html.escape(template.topic)} · seed {seed}</small></p>",
        f"<p>{math(problem.prompt)}</p>",
    ]
    if problem.hints:
        hints = "".join(f"<li>{math(h)}</li>" for h in problem.hints)
        parts.append(f"<p><b>Hints</b></p><ul>{hints}</ul>")
    parts.append(steps_html(problem, math=math))
    return "".join(parts)


class PreviewDialog(QDialog):
    """A fresh variant of one skill with its solution; "Another variant" draws a new seed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.resize(640, 620)
        self.template: Template | None = None
        self.seed: int | None = None
        self._rng = random.Random()
        self.view = QTextBrowser()
        self.view.setObjectName("previewView")
        self.view.setOpenLinks(False)
        self._math = RichMath(self.view, self.view.setHtml, px=16)
        self.another = ActionButton("Another variant", "previewAnother")
        self.another.setToolTip("Draw the same skill with new numbers (Ctrl+N)")
        self.another.clicked.connect(self.show_another)
        QShortcut(QKeySequence("Ctrl+N"), self, self.show_another)
        close = ActionButton("Close", "previewClose")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.another)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def show_template(self, template: Template) -> None:
        self.template = template
        self.setWindowTitle(f"Preview — {template.title}")
        self.show_another()

    def show_another(self) -> None:
        if self.template is None:
            return
        seed = self._rng.randrange(1, 2**31)
        while seed == self.seed:
            seed = self._rng.randrange(1, 2**31)
        self.seed = seed
        try:
            preview_html(self.template, seed)  # a variant that cannot be made fails here, not later
            template = self.template
            self._math.show(lambda math: preview_html(template, seed, math))
        except Exception as exc:  # a learner's own family can fail on some seeds
            self.view.setPlainText(f"This variant (seed {seed}) could not be made: {type(exc).__name__}: {exc}")


# -- the browser window --------------------------------------------------------------


class SkillBrowser(QWidget):
    """Every skill with its state; search, sort, practise, preview, suspend, bury, reset."""

    practise_requested = Signal(list)  # skill ids: the main window starts a drill on them
    changed = Signal()  # after suspend, bury or reset: the Today counts may have changed
    loaded = Signal()  # the rows are in
    load_failed = Signal(str)

    def __init__(
        self,
        session: StudySession,
        parent: QWidget | None = None,
        submit: Callable[[Callable[[], object], Callable[[object], None]], None] | None = None,
    ) -> None:
        """``submit(write, on_done)``: how bury, suspend and reset are written (the main
        window's saver: in order with the answers, off the GUI thread); without it, at once."""
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self._submit = submit
        self.setObjectName("browserWindow")
        self.setWindowTitle("Skills")
        self.resize(1180, 680)
        if parent is None:
            self.setStyleSheet(window_stylesheet())  # a parented window inherits the main window's look
        self._requests = itertools.count(1)
        self._pending: int | None = None
        self._signals = _LoadSignals(self)
        self._signals.finished.connect(self._on_loaded)
        self._signals.failed.connect(self._on_failed)
        self.preview_dialog: PreviewDialog | None = None
        self._action_failed = False
        self._build()
        self.refresh()

    # -- layout -----------------------------------------------------------------------
    def restyle(self) -> None:
        """The app's stylesheet at the chosen font size (again after a change of theme)."""
        self.setStyleSheet(window_stylesheet())

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("browserSearch")
        self.search.setPlaceholderText("Search by name, id or topic  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.status = make_label("browserStatus", "Loading…", wrap=False)
        self.status.setProperty("role", "muted")
        self.error = make_label("browserError", selectable=True)
        self.error.setProperty("role", "notice")
        self.error.hide()
        self._build_table()
        self._build_actions()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.status)
        buttons = QHBoxLayout()
        for button in (self.practise_button, self.preview_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.suspend_button, self.bury_button, self.reset_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self._update_actions()
        self.search.setFocus()

    def _build_table(self) -> None:
        self.model = SkillTableModel(self)
        self.proxy = SkillFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("skillTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TOPIC, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SKILL, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.doubleClicked.connect(lambda _index: self.preview_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)

    def _build_actions(self) -> None:
        """The row actions, with the main window's keys where it has the same action."""
        self.practise_action = self._action(
            "Practise", "Ctrl+P", "Practise the selected skills now, in a drill outside the schedule",
            self.practise_selected)
        self.preview_action = self._action(
            "Preview", "Ctrl+Shift+P", "Show a fresh variant of the selected skill with its worked solution",
            self.preview_selected)
        self.suspend_action = self._action(
            "Suspend", "Ctrl+Shift+K", "Suspend: not offered until you unsuspend it", self.toggle_suspend_selected)
        self.bury_action = self._action(
            "Bury", "Ctrl+Shift+J", "Bury: not offered before tomorrow", self.bury_selected)
        self.reset_action = self._action(
            "Reset…", "Ctrl+Shift+R", "Reset: forget the schedule, so the skill is offered as new again",
            self.reset_selected)
        self.practise_button = _bound_button(self.practise_action, "browserPractise")
        self.practise_button.setProperty("role", "primary")
        self.preview_button = _bound_button(self.preview_action, "browserPreview")
        self.suspend_button = _bound_button(self.suspend_action, "browserSuspend")
        self.bury_button = _bound_button(self.bury_action, "browserBury")
        self.reset_button = _bound_button(self.reset_action, "browserReset")

    def _action(self, text: str, keys: str, tip: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setData(tip)
        action.setToolTip(f"{tip} ({_keys(action)})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # the shortcut works anywhere in this window
        return action

    def context_menu(self) -> QMenu:
        """The row actions as a menu (what a right-click on the table opens)."""
        menu = QMenu(self)
        menu.setObjectName("browserMenu")
        menu.addActions([self.practise_action, self.preview_action])
        menu.addSeparator()
        menu.addActions([self.suspend_action, self.bury_action, self.reset_action])
        return menu

    def _show_context_menu(self, position) -> None:
        if self.selected_ids():
            menu = self.context_menu()
            menu.exec(self.table.viewport().mapToGlobal(position))
            menu.deleteLater()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- loading ----------------------------------------------------------------------
    @property
    def is_loading(self) -> bool:
        return self._pending is not None

    def refresh(self) -> None:
        """Reload every row in a worker; "Loading…" until it is in, rows and selection kept."""
        self._pending = next(self._requests)
        self.status.setText("Loading…")
        task = _LoadTask(self._pending, self.session.store, self.session.bank, self.session.today(), self._signals)
        QThreadPool.globalInstance().start(task)

    def _on_loaded(self, request_id: int, rows: list[SkillRow], today: date, header: str) -> None:
        if request_id != self._pending:
            return  # an older load finished after a newer one started
        self._pending = None
        selected = self.selected_ids()
        first_load = not self.model.rows()
        if self.model.set_rows(rows, today, header):
            self._select_ids(selected)  # a reset lost the selection; an update in place keeps it
        if first_load:
            self._size_columns()
        if not self._action_failed:
            self.error.hide()
        self._action_failed = False
        self._update_status()
        self._update_actions()
        self.loaded.emit()

    def _on_failed(self, request_id: int, message: str) -> None:
        if request_id != self._pending:
            return
        self._pending = None
        self._show_error(message)
        self.load_failed.emit(message)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self._update_status()

    def _size_columns(self) -> None:
        """Every column but Skill as wide as its contents; Skill takes the rest."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(1, len(COLUMNS)):
            header.resizeSection(column, header.sectionSize(column) + 12)

    def _update_status(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self.is_loading:
            self.status.setText("Loading…")
        elif self.search.text().strip() and shown == 0:
            self.status.setText(f"No skill matches “{self.search.text().strip()}”")
        elif shown < total:
            self.status.setText(f"{shown} of {total} skills")
        else:
            self.status.setText(f"{total} skills")

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_status()
        self._update_actions()

    # -- selection --------------------------------------------------------------------
    def visible_ids(self) -> list[str]:
        """Skill ids in the order the table shows them (after search and sort)."""
        return [self._row_of(self.proxy.index(r, 0)).template_id for r in range(self.proxy.rowCount())]

    def selected_rows(self) -> list[SkillRow]:
        """The selected skills, top to bottom as shown."""
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self._row_of(index) for index in indexes]

    def selected_ids(self) -> list[str]:
        return [row.template_id for row in self.selected_rows()]

    def select_ids(self, template_ids: list[str]) -> None:
        """Select these skills (those hidden by the search are left out)."""
        self._select_ids(template_ids)
        self._update_actions()

    def _select_ids(self, template_ids: list[str]) -> None:
        wanted = set(template_ids)
        selection = QItemSelection()
        current = None
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if self._row_of(index).template_id in wanted:
                selection.select(index, self.proxy.index(r, len(COLUMNS) - 1))
                current = index if current is None else current
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)
        if current is not None:
            self.table.selectionModel().setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _row_of(self, proxy_index: QModelIndex) -> SkillRow:
        return self.model.row_at(self.proxy.mapToSource(proxy_index).row())

    def _update_actions(self, *_args) -> None:
        rows = self.selected_rows()
        usable = bool(rows) and not self._is_loading_first()
        self.practise_action.setEnabled(usable)
        self.preview_action.setEnabled(usable and len(rows) == 1)
        all_suspended = usable and all(r.status == "suspended" for r in rows)
        self.suspend_action.setText("Unsuspend" if all_suspended else "Suspend")
        tip = "Unsuspend: offer it again when it is due" if all_suspended else self.suspend_action.data()
        self.suspend_action.setToolTip(f"{tip} ({_keys(self.suspend_action)})")
        self.suspend_action.setEnabled(usable)
        self.bury_action.setEnabled(usable and any(r.status not in ("buried", "suspended") for r in rows))
        self.reset_action.setEnabled(usable and any(r.due is not None for r in rows))

    def _is_loading_first(self) -> bool:
        return self.is_loading and not self.model.rows()

    # -- actions ----------------------------------------------------------------------
    def practise_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.practise_requested.emit(ids)

    def preview_selected(self) -> PreviewDialog | None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return None
        if self.preview_dialog is None:
            self.preview_dialog = PreviewDialog(self)
        self.preview_dialog.show_template(self.session.bank[rows[0].template_id])
        self.preview_dialog.show()
        self.preview_dialog.raise_()
        self.preview_dialog.activateWindow()
        return self.preview_dialog

    def toggle_suspend_selected(self) -> None:
        rows = self.selected_rows()
        if rows and all(r.status == "suspended" for r in rows):
            self._apply(UNSUSPEND, [r.template_id for r in rows])
        else:
            self._apply(SUSPEND, [r.template_id for r in rows if r.status != "suspended"])

    def bury_selected(self) -> None:
        ids = [r.template_id for r in self.selected_rows() if r.status not in ("buried", "suspended")]
        self._apply(BURY, ids)

    def reset_selected(self) -> None:
        rows = [r for r in self.selected_rows() if r.due is not None]  # a new skill has nothing to forget
        if rows and self._confirm_reset(rows):
            self._apply(RESET, [r.template_id for r in rows])

    def _confirm_reset(self, rows: list[SkillRow]) -> bool:
        box = QMessageBox(self)
        box.setObjectName("resetConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Reset")
        if len(rows) == 1:
            box.setText(f"Reset “{rows[0].title}”?")
            box.setInformativeText(f"This will {RESET_WHAT}")
        else:
            box.setText(f"Reset {len(rows)} skills?")
            box.setInformativeText(f"This will {RESET_WHAT_MANY}")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("Reset")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def _apply(self, action: str, template_ids: list[str]) -> None:
        """Do one action to each skill (one logged event each), then reload the rows."""
        if not template_ids:
            return
        self.error.hide()
        session = self.session
        taken = [(tid, session.act_take(action, tid)) for tid in template_ids]

        def write() -> None:
            for tid, at in taken:
                session.act_save(at, action, tid, None)

        def done(_none: object) -> None:
            self.changed.emit()
            self.refresh()

        if self._submit is not None:
            self._submit(write, done)  # a failure is the saver's to show and to retry
            return
        try:
            write()
        except StoreError as exc:
            self._action_failed = True  # keep saying so after the reload that follows
            self._show_error(str(exc))
        done(None)


def _keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def _bound_button(action: QAction, name: str) -> ActionButton:
    """A push button that mirrors an action's text, tooltip and enabled state."""
    button = ActionButton(action.text(), name)

    def sync() -> None:
        button.setText(action.text())
        button.setToolTip(action.toolTip())
        button.setEnabled(action.isEnabled())

    action.changed.connect(sync)
    button.clicked.connect(lambda _checked=False: action.trigger())
    sync()
    return button
