"""The statistics window: progress as pictures, drawn off the GUI thread.

A worker on a one-thread pool (matplotlib is not thread-safe) reads the store, computes the
figures with ``tutor.core.stats`` and renders each chart with matplotlib's Agg canvas into a
QImage; the GUI thread only shows the images. Charts are rendered again, debounced, when their
size, the screen's pixel ratio or the palette changes. matplotlib is imported by the worker the first time
a window opens, never when this module is imported.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tutor.bank import TOPIC_ORDER, Bank, ContentError
from tutor.core import stats
from tutor.core.stats import Report
from tutor.store import Store, StoreError
from tutor.ui.colours import Colours
from tutor.ui.theme import window_stylesheet
from tutor.ui.widgets import fill_with_scroll, make_label
from tutor.ui.workers import chart_pool, plotting_stopped

RERENDER_DELAY_MS = 120
WIDE_WINDOW = 980  # narrower windows put the headline tiles in two rows
MAP_ROW_PX = 24  # height of one row of boxes in the mastery map
MAP_MARGIN_PX = 44  # its level labels and legend

CALENDAR_MARGINS = (34, 10, 20, 26)  # left, right, top, bottom (logical pixels)
CALENDAR_MAX_CELL = 18
CALENDAR_WEEKS = 54  # the most calendar weeks 365 days can touch


def calendar_height(width: int) -> int:
    """The calendar's height at ``width``: square day cells, no empty band below them."""
    left, right, top, bottom = CALENDAR_MARGINS
    cell = min(CALENDAR_MAX_CELL, (width - left - right) / CALENDAR_WEEKS)
    return round(top + bottom + 7 * max(cell, 4))


# Rules of this window only; captions take the charts' muted colour through their palette.
LOCAL_STYLE = """
QLabel[role="statValue"] { font-size: 24px; font-weight: 600; }
QLabel[role="statCaption"], QLabel[role="chartCaption"] { font-size: 12px; }
QLabel[role="chartTitle"] { font-weight: 600; }
"""


@dataclass(frozen=True)
class ChartSpec:
    name: str
    title: str
    height: int  # logical pixels (the mastery map's height follows the bank)
    wide: bool  # spans both columns
    height_for_width: Callable[[int], int] | None = None


CHARTS = (
    ChartSpec("calendar", "Answers per day, last 12 months", 178, True, calendar_height),
    ChartSpec("forecast", "Due in the next 30 days", 190, False),
    ChartSpec("time", "Minutes spent per day, last 30 days", 190, False),
    ChartSpec("accuracy", "Accuracy per topic (quality ≥ 3)", 210, False),
    ChartSpec("retention_interval", "True retention by interval", 210, False),
    ChartSpec("retention_month", "True retention by month", 200, True),
    ChartSpec("mastery", "Mastery map (prerequisites left to right)", 420, True),
)


@dataclass(frozen=True)
class BankInfo:
    """What the statistics need from the bank, as plain values (safe to hand to a worker)."""

    topics: dict[str, str]  # template id → topic, in topic order
    prerequisites: dict[str, tuple[str, ...]]  # in learning order

    @classmethod
    def of(cls, bank: Bank) -> BankInfo:
        def topic_rank(tid: str) -> tuple[int, str]:
            topic = bank[tid].topic
            return (TOPIC_ORDER.index(topic) if topic in TOPIC_ORDER else len(TOPIC_ORDER), topic)

        try:
            order = bank.learning_order()
        except ContentError:  # a cycle among a learner's own families: keep the bank's order
            order = list(bank)
        return cls(
            topics={tid: bank[tid].topic for tid in sorted(bank, key=topic_rank)},
            prerequisites={tid: tuple(bank[tid].prerequisites) for tid in order},
        )


def gather(store: Store, info: BankInfo, today: date, desired_retention: float | None) -> Report:
    """Read the log and the states and compute every figure (runs in the worker)."""
    states = {tid: s for tid, s in store.skill_states().items() if tid in info.topics}  # in the bank
    return stats.report(
        store.review_facts(), states, today, topics=info.topics,
        prerequisites=info.prerequisites, desired_retention=desired_retention,
    )


# -- the worker ------------------------------------------------------------------------------


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a job allocates its 100,000s of short-lived
    objects (rows, facts, artists): its full passes would otherwise take a third of the time.
    Reference counting still frees everything; the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Signals(QObject):
    gathered = Signal(int, object)  # generation, Report
    rendered = Signal(int, str, QImage)  # generation, chart name, image
    failed = Signal(int, str)  # generation, message


@dataclass(frozen=True)
class RenderRequest:
    """One chart at a size, pixel ratio and set of colours: what an image on screen shows."""

    chart: str
    width: int
    height: int
    ratio: float
    colours: Colours


class _Job(QRunnable):
    """Gather (when ``gather`` is given) or render each requested chart of ``report``; a job
    whose generation is no longer the window's latest stops at its next chart."""

    def __init__(
        self, generation: int, latest: Callable[[], int], signals: _Signals,
        gather: Callable[[], Report] | None = None, report: Report | None = None,
        requests: tuple[RenderRequest, ...] = (),
    ) -> None:
        super().__init__()
        self.generation, self.latest, self.signals = generation, latest, signals
        self.gather, self.report, self.requests = gather, report, requests

    def run(self) -> None:
        try:
            with _collector_paused():
                self._run()
        except StoreError as e:
            self.signals.failed.emit(self.generation, str(e))
        except Exception as e:  # a bug must show in the window, not leave it "drawing…" forever
            traceback.print_exc()
            self.signals.failed.emit(self.generation, f"The statistics could not be drawn ({type(e).__name__}: {e}).")

    def _run(self) -> None:
        if self.gather is not None:
            self.signals.gathered.emit(self.generation, self.gather())
            return
        from tutor.ui import charts  # imports matplotlib: only ever on this thread

        for request in self.requests:
            if self.latest() != self.generation or plotting_stopped():
                return
            data, width, height = charts.render(
                request.chart, self.report, request.colours, request.width, request.height,
                request.ratio,
            )
            image = QImage(data, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()
            image.setDevicePixelRatio(request.ratio)
            self.signals.rendered.emit(self.generation, request.chart, image)


# -- the widgets -----------------------------------------------------------------------------


class ChartView(QWidget):
    """Paints one rendered chart; asks for a new rendering when its size or pixel ratio changes."""

    size_changed = Signal()
    painted = Signal()

    def __init__(self, spec: ChartSpec) -> None:
        super().__init__()
        self.setObjectName(f"{spec.name}Chart")
        self.spec = spec
        self.image: QImage | None = None
        self.request: RenderRequest | None = None  # the rendering wanted now
        self.shown: RenderRequest | None = None  # the rendering on screen
        self.painted_request: RenderRequest | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_chart_height(spec.height)

    def set_chart_height(self, height: int) -> None:
        self.chart_height = height
        self.setFixedHeight(height)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(480, self.chart_height)

    def wanted(self, colours: Colours) -> RenderRequest:
        width = self.width() if self.width() > 50 else self.sizeHint().width()
        return RenderRequest(self.spec.name, width, self.chart_height, self.devicePixelRatioF(), colours)

    def set_image(self, image: QImage, request: RenderRequest) -> None:
        self.image, self.shown = image, request
        self.update()

    def clear(self) -> None:
        self.image = self.request = self.shown = self.painted_request = None

    def is_current(self) -> bool:
        return self.request is not None and self.shown == self.request

    def is_on_screen(self) -> bool:
        """Current, and painted unless it is scrolled out of view or the window is hidden."""
        if not self.is_current():
            return False
        return self.painted_request == self.request or self.visibleRegion().isEmpty()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self.shown is not None and self.shown.ratio != self.devicePixelRatioF():
            self.size_changed.emit()  # moved to a screen with another scale: render anew
        painter = QPainter(self)
        if self.image is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Drawing…")
            painter.end()
            return
        if self.shown is not None and self.shown.width == self.width():
            painter.drawImage(0, 0, self.image)
        else:  # resized: stretch the old picture until the new one arrives
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.rect(), self.image)
        painter.end()
        if self.shown == self.request and self.painted_request != self.shown:
            self.painted_request = self.shown
            self.painted.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            if self.spec.height_for_width is not None:
                self.set_chart_height(self.spec.height_for_width(event.size().width()))
            self.size_changed.emit()


class _Tile(QFrame):
    """A headline figure: a big value over a caption."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName("tile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.value = make_label(name, "…", wrap=False)
        self.value.setProperty("role", "statValue")
        self.caption = make_label(f"{name}Caption", "")
        self.caption.setProperty("role", "statCaption")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def show_figure(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)


class _Card(QFrame):
    """A chart with its title and a one-line caption."""

    def __init__(self, spec: ChartSpec) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(2)
        title = make_label(f"{spec.name}ChartTitle", spec.title, wrap=False)
        title.setProperty("role", "chartTitle")
        self.caption = make_label(f"{spec.name}ChartCaption", "")
        self.caption.setProperty("role", "chartCaption")
        self.chart = ChartView(spec)
        layout.addWidget(title)
        layout.addWidget(self.caption)
        layout.addWidget(self.chart)


def _grid_cells(specs: tuple[ChartSpec, ...]) -> list[tuple[int, int]]:
    """Row and column of each chart in a two-column grid; wide charts take a row of their own."""
    cells, row, col = [], 0, 0
    for spec in specs:
        if spec.wide and col:
            row, col = row + 1, 0
        cells.append((row, col))
        row, col = (row + 1, 0) if spec.wide or col else (row, 1)
    return cells


TILES = ("statsDueLabel", "statsWeekLabel", "statsStreakLabel", "statsRetentionLabel",
         "statsMasteredLabel", "statsSavedLabel")


class StatisticsWindow(QWidget):
    """Statistics over ``store`` for ``bank``'s skills as of the study day ``today``.

    ``desired_retention`` is FSRS's target (None under SM-2). ``drawn`` is emitted once every
    chart is on screen (again after each re-rendering); ``failed`` when the store cannot be read.
    """

    drawn = Signal()
    failed = Signal(str)

    def __init__(
        self, store: Store, bank: Bank, today: date, desired_retention: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("statisticsWindow")
        self.setWindowTitle("Statistics")
        self._colours = Colours.from_palette(self.palette())
        self.restyle()
        self.resize(1080, 860)
        self.store, self.today, self.desired_retention = store, today, desired_retention
        self.report: Report | None = None
        self._info = BankInfo.of(bank)
        self._generations = itertools.count(1)
        self._generation = 0
        self._drawn_generation = -1
        self._closed = False
        self._signals = _Signals()
        self._signals.gathered.connect(self._on_gathered)
        self._signals.rendered.connect(self._on_rendered)
        self._signals.failed.connect(self._on_failed)
        self._rerender = QTimer(self, singleShot=True, interval=RERENDER_DELAY_MS)
        self._rerender.timeout.connect(self._render_changed)
        self._build()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self._gather()

    def restyle(self) -> None:
        """The app's stylesheet at the chosen font size (again after a change of theme)."""
        self.setStyleSheet(window_stylesheet() + LOCAL_STYLE)

    def refresh(self) -> None:
        """Read the store again (F5): the figures as they are now."""
        self._gather()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        content = QWidget()
        content.setObjectName("statisticsContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(20, 16, 20, 20)
        column.setSpacing(12)
        self.tiles = {name: _Tile(name) for name in TILES}
        self._tile_grid = QGridLayout()
        self._tile_grid.setSpacing(10)
        self._tile_columns = 0
        self._flow_tiles()
        column.addLayout(self._tile_grid)
        self.error_label = make_label("statsErrorLabel", selectable=True)
        self.error_label.setProperty("role", "notice")
        self.error_label.hide()
        column.addWidget(self.error_label)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.cards: dict[str, _Card] = {}
        for spec, (row, col) in zip(CHARTS, _grid_cells(CHARTS), strict=True):
            card = _Card(spec)
            self.cards[spec.name] = card
            card.chart.size_changed.connect(self._schedule_render)
            card.chart.painted.connect(self._check_drawn)
            grid.addWidget(card, row, col, 1, 2 if spec.wide else 1)
        column.addLayout(grid)
        column.addStretch(1)
        fill_with_scroll(self, content, "statisticsScroll")
        self._colour_captions()

    def _flow_tiles(self) -> None:
        """Six headline tiles in a row, or two rows of three in a narrow window."""
        columns = len(self.tiles) if self.width() >= WIDE_WINDOW else len(self.tiles) // 2
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for k, tile in enumerate(self.tiles.values()):
            self._tile_grid.addWidget(tile, k // columns, k % columns)
        for c in range(len(self.tiles)):
            self._tile_grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._flow_tiles()

    @property
    def charts(self) -> dict[str, ChartView]:
        return {name: card.chart for name, card in self.cards.items()}

    # -- rendering ---------------------------------------------------------------------------

    def _gather(self) -> None:
        """Read the store and compute the figures in the worker; ``_on_gathered`` follows."""
        self._generation = next(self._generations)
        store, info, today, desired = self.store, self._info, self.today, self.desired_retention

        def read() -> Report:
            return gather(store, info, today, desired)

        chart_pool().start(_Job(self._generation, self._latest, self._signals, gather=read))

    def _render(self, only_changed: bool = False) -> None:
        """Render every chart (or those whose size, pixel ratio or colours changed)."""
        self._generation = next(self._generations)
        requests = []
        for chart in self.charts.values():
            chart.request = chart.wanted(self._colours)
            if not (only_changed and chart.shown == chart.request):
                requests.append(chart.request)
        if requests:
            job = _Job(self._generation, self._latest, self._signals, report=self.report,
                       requests=tuple(requests))
            chart_pool().start(job)
        else:
            self._check_drawn()

    def _latest(self) -> int:
        return self._generation  # read by the worker: a plain int, safe under the GIL

    def _schedule_render(self) -> None:
        if self.report is not None:
            self._rerender.start()

    def _render_changed(self) -> None:
        self._render(only_changed=True)

    def _on_gathered(self, generation: int, report: Report) -> None:
        if generation != self._generation:
            return
        self.report = report
        self._show_headline(report)
        self._show_captions(report)
        self.cards["mastery"].chart.set_chart_height(
            MAP_ROW_PX * report.mastery.tallest_level() + MAP_MARGIN_PX
        )
        self._rerender.stop()
        self._render()

    def _on_rendered(self, generation: int, chart: str, image: QImage) -> None:
        view = self.cards[chart].chart
        if generation != self._generation or view.request is None or view.request.chart != chart:
            return
        view.set_image(image, view.request)
        self._check_drawn()

    def _check_drawn(self) -> None:
        if self._drawn_generation == self._generation or self.report is None:
            return
        if all(chart.is_on_screen() for chart in self.charts.values()):
            self._drawn_generation = self._generation
            self.drawn.emit()

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.error_label.setText(f"The statistics cannot be shown: {message}")
        self.error_label.show()
        for widget in [*self.tiles.values(), *self.cards.values()]:
            widget.hide()
        self.failed.emit(message)

    # -- text --------------------------------------------------------------------------------

    def _show_headline(self, report: Report) -> None:
        h = report.headline
        streak, week = h.streak, h.week
        desired = (f" · desired {stats.percent(h.desired_retention)}"
                   if h.desired_retention is not None else "")
        figures = {
            "statsDueLabel": (f"{h.due_today:,}", "due today"),
            "statsWeekLabel": (f"{week.total:,}", "answers in 7 days" + (
                f" · {stats.percent(week.share)} right" if week.total else "")),
            "statsStreakLabel": (stats.plural(streak.current, "day"),
                                 f"streak · longest {stats.plural(streak.longest, 'day')}"),
            "statsRetentionLabel": (stats.percent(h.retention.share),
                                    "true retention" + desired if h.retention.total
                                    else "true retention: not measured yet" + desired),
            "statsMasteredLabel": (f"{h.mastered} of {h.skills}", f"mastered (≥ {stats.MATURE_DAYS} days)"),
            "statsSavedLabel": (f"{h.saved.total:,}", f"reviews saved by credit · {h.saved.today} today"),
        }
        for name, (value, caption) in figures.items():
            self.tiles[name].show_figure(value, caption)

    def _show_captions(self, report: Report) -> None:
        calendar, r = report.calendar, report.retention
        active = sum(1 for n in calendar.counts if n)
        study_minutes = [m for m in report.minutes if m]
        captions = {
            "calendar": f"{stats.plural(calendar.total, 'answer')} on {stats.plural(active, 'day')}",
            "forecast": f"{stats.plural(sum(report.forecast), 'review')}, {report.forecast[0]:,} today (overdue included)",
            "time": (f"{sum(report.minutes) / 60:.1f} hours in all, "
                     f"{sum(study_minutes) / len(study_minutes):.0f} min on a study day"
                     if study_minutes else "nothing yet"),
            "accuracy": f"{stats.plural(report.answers, 'answer')}, practice included",
            "retention_interval": (f"{stats.plural(r.overall.total, 'review')} a day or more after the one "
                                   f"before: {stats.percent(r.overall.share)} passed"
                                   if r.overall.total else "nothing measured yet"),
            "retention_month": "scheduled reviews a day or more after the last one",
            "mastery": "each family a box: new, learning (interval < 21 days), mature, suspended",
        }
        for name, text in captions.items():
            self.cards[name].caption.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """A new palette (a dark theme switched on): new colours, every chart drawn again."""
        super().changeEvent(event)
        if event.type() not in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            return
        colours = Colours.from_palette(self.palette())
        if colours == self._colours:
            return
        self._colours = colours
        if not self.testAttribute(Qt.WidgetAttribute.WA_SetPalette):
            self._restyle()  # the application's palette changed (a style sheet would undo ours)
        self._colour_captions()
        if self.report is not None:
            self._render()

    def _restyle(self) -> None:
        """Apply the style sheet again: its palette() colours are resolved when it is set."""
        sheet = self.styleSheet()
        self.setStyleSheet("")
        self.setStyleSheet(sheet)

    def _colour_captions(self) -> None:
        captions = [t.caption for t in self.tiles.values()] + [c.caption for c in self.cards.values()]
        for label in captions:
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(self._colours.muted))
            label.setPalette(palette)

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Stop rendering and let go of the pictures; shown again, the window reads anew."""
        self._generation = next(self._generations)  # a running job stops at its next chart
        self._rerender.stop()
        self.report = None
        for chart in self.charts.values():
            chart.clear()
        self._closed = True
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._closed:
            self._closed = False
            self.refresh()

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for the rendering thread to go idle (tests, benchmarks)."""
        return chart_pool().waitForDone(msecs)
