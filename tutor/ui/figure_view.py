"""``figureView``: the picture a problem describes, drawn off the GUI thread.

The view asks the plotting thread (``chart_pool``) to draw the figure at its size, pixel
ratio and palette, and paints the finished image. Only the newest request is painted; a
figure that cannot be drawn leaves the view hidden and the app goes on.
"""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QEvent, QObject, QRunnable, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from tutor.core.problems import Figure
from tutor.ui.colours import Colours
from tutor.ui.workers import chart_pool, plotting_stopped

FIGURE_HEIGHT = 240  # logical pixels
MAX_WIDTH = 560
RERENDER_DELAY_MS = 80
_log = logging.getLogger(__name__)


class _Signals(QObject):
    drawn = Signal(int, object)  # request id, QImage or the exception


class _DrawJob(QRunnable):
    def __init__(self, request: int, figure: Figure, colours: Colours, size: QSize, ratio: float,
                 signals: _Signals) -> None:
        super().__init__()
        self.request, self.figure, self.colours = request, figure, colours
        self.size, self.ratio, self.signals = size, ratio, signals

    def run(self) -> None:
        if plotting_stopped():
            return
        try:
            from tutor.ui import figures  # imports matplotlib: only ever on the plotting thread

            data, width, height = figures.render(
                self.figure, self.colours, self.size.width(), self.size.height(), self.ratio
            )
            image = QImage(data, width, height, QImage.Format.Format_RGBA8888).copy()
            image.setDevicePixelRatio(self.ratio)
            self.signals.drawn.emit(self.request, image)
        except Exception as exc:  # noqa: BLE001 - a broken figure must never stop a review
            self.signals.drawn.emit(self.request, exc)


class FigureView(QWidget):
    """Shows one ``Figure`` (or nothing). ``image`` is what is painted; ``error`` says why a
    figure could not be drawn (the view is then hidden)."""

    drawn = Signal()  # a figure finished drawing (or failed): for tests and screenshots

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureView")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(FIGURE_HEIGHT)
        self.figure: Figure | None = None
        self.image: QImage | None = None
        self.error = ""
        self._ids = itertools.count(1)
        self._latest = 0
        self._signals = _Signals()  # no parent: a job still running keeps it alive if the view goes
        self._signals.drawn.connect(self._on_drawn, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self, singleShot=True, interval=RERENDER_DELAY_MS)
        self._timer.timeout.connect(self._request)
        self.hide()

    def show_figure(self, figure: Figure | None) -> None:
        """Draw ``figure`` (None: show nothing)."""
        self.figure, self.image, self.error = figure, None, ""
        self._latest = next(self._ids)  # drop anything still being drawn for the old one
        self.hide()  # shown once drawn: no empty frame while it is drawing
        if figure is None:
            return
        self._request()

    @property
    def busy(self) -> bool:
        """Whether a drawing is on its way."""
        return self.figure is not None and self.image is None and not self.error

    def _target_size(self) -> QSize:
        width = min(MAX_WIDTH, max(200, self.width()))
        return QSize(width, FIGURE_HEIGHT)

    def _request(self) -> None:
        if self.figure is None:
            return
        self._latest = next(self._ids)
        colours = Colours.from_palette(self.palette())
        job = _DrawJob(self._latest, self.figure, colours, self._target_size(), self.devicePixelRatioF(),
                       self._signals)
        chart_pool().start(job)

    def _on_drawn(self, request: int, result: object) -> None:
        if request != self._latest:
            return  # an older figure, size or palette
        if isinstance(result, QImage):
            self.image = result
            self.show()
            self.update()
        else:
            self.error = f"{type(result).__name__}: {result}"
            _log.warning("figure %s could not be drawn: %s", self.figure and self.figure.kind, self.error)
            self.hide()
        self.drawn.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.image is None:
            return
        painter = QPainter(self)
        size = self.image.deviceIndependentSize()
        x = max(0.0, (self.width() - size.width()) / 2)
        painter.drawImage(int(x), 0, self.image)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.figure is not None and event.oldSize().width() != event.size().width():
            self._timer.start()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.figure is not None:
            self._timer.start()  # a new theme: draw again in its colours
