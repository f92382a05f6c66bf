"""Typeset math without a browser engine: LaTeX → ziamath (SVG) → QSvgRenderer → QImage.

ziamath is imported on the first formula, on the one thread that typesets (its fonts load
once, ~0.3 s). Images are cached by (LaTeX, size, colour, pixel ratio), so a formula drawn
once appears at once. A formula that cannot be typeset shows its text instead, and the
app goes on.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import OrderedDict

from PySide6.QtCore import QByteArray, QObject, QRectF, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

CACHE_SIZE = 512
_log = logging.getLogger(__name__)
_cache: OrderedDict[tuple[str, int, str, float], QImage] = OrderedDict()
_pool: QThreadPool | None = None


def math_pool() -> QThreadPool:
    """The one thread that typesets (ziamath keeps font state)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setObjectName("mathPool")
    return _pool


def cached(latex: str, px: int, colour: str, ratio: float) -> QImage | None:
    return _cache.get((latex, px, colour, ratio))


def typeset(latex: str, px: int, colour: str, ratio: float) -> QImage:
    """``latex`` typeset at ``px`` logical pixels in ``colour``, as an image at ``ratio``
    device pixels per logical pixel (cached). Raises on LaTeX ziamath cannot set."""
    key = (latex, px, colour, ratio)
    image = _cache.get(key)
    if image is not None:
        _cache.move_to_end(key)
        return image
    import ziamath  # only ever on the math thread

    ziamath.config.svg2 = False  # QtSvg draws SVG 1.1 glyph paths, not <symbol>/<use>
    svg = ziamath.Latex(unary_minus(latex), size=px, color=colour).svg()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        raise ValueError("ziamath produced an SVG Qt cannot draw")
    size = renderer.defaultSize()
    image = QImage(QSize(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio))),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    image.setDevicePixelRatio(ratio)
    _cache[key] = image
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return image


_UNARY_MINUS = re.compile(
    r"(^|[=(\[{,<>+\-&]|\\(?:approx|le|ge|leq|geq|neq|cdot|times|left[(\[|]|quad|,|\s)|\\begin\{\w+\}"
    r"|\^|_)(\s*)-(?=\s*[\w\\.({])"
)


def unary_minus(latex: str) -> str:
    """A minus that starts a term (after ``=``, a bracket, a comma, an operator) as ``{-}``:
    TeX would space it as a sign, but ziamath spaces it like a subtraction ("= − 3")."""
    return _UNARY_MINUS.sub(lambda m: f"{m.group(1)}{m.group(2)}{{-}}", latex)


class _Signals(QObject):
    done = Signal(int, object)  # request id, QImage or the exception


class _Job(QRunnable):
    """Typeset LaTeX, or first read an answer into LaTeX (``source`` = (spec, text))."""

    def __init__(self, request: int, latex: str | None, source: tuple | None, style: tuple[int, str, float],
                 signals: _Signals) -> None:
        super().__init__()
        self.request, self.latex, self.source, self.style, self.signals = request, latex, source, style, signals

    def run(self) -> None:
        try:
            latex = self.latex
            if latex is None and self.source is not None:
                from tutor.core.answers.display import answer_latex

                latex = answer_latex(*self.source)
            result: object = typeset(latex, *self.style) if latex is not None else None
        except Exception as exc:  # noqa: BLE001 - shown as text instead
            result = exc
        self.signals.done.emit(self.request, result)


class MathView(QLabel):
    """One formula, typeset off the GUI thread; its plain text while it is being set, or
    when it cannot be."""

    typeset_done = Signal()  # for tests and screenshots

    def __init__(self, name: str, px: int = 20, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.px = px
        self.latex: str | None = None
        self.fallback = ""
        self.image: QImage | None = None
        self._ids = itertools.count(1)
        self._latest = 0
        self._signals = _Signals()  # no parent: a running job keeps it alive
        self._signals.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def show_math(self, latex: str | None, fallback: str = "") -> None:
        """Typeset ``latex``; ``fallback`` is the text shown if it cannot be (None: clear)."""
        self._start(latex, None, fallback)

    def show_reading(self, spec: object, text: str, fallback: str = "") -> None:
        """``text`` as the engine reads it for ``spec`` (read and typeset off the GUI thread);
        nothing when it cannot be read."""
        self._start(None, (spec, text), fallback)

    def _start(self, latex: str | None, source: tuple | None, fallback: str) -> None:
        self.latex, self.fallback, self.image = latex, fallback, None
        self._latest = next(self._ids)
        if latex is None and source is None:
            self.clear()
            self.setText(fallback)
            return
        style = (self.px, self.palette().color(QPalette.ColorRole.WindowText).name(), self.devicePixelRatioF())
        image = cached(latex, *style) if latex is not None else None
        if image is not None:
            self._show_image(image)
            self.typeset_done.emit()
            return
        self.setText(fallback)  # until it is set: the words, never a stale formula
        math_pool().start(_Job(self._latest, latex, source, style, self._signals))

    def _on_done(self, request: int, result: object) -> None:
        if request != self._latest:
            return
        if isinstance(result, QImage):
            self._show_image(result)
        elif result is None:
            self.clear()
        else:
            _log.warning("could not typeset %r: %s", self.latex, result)
            self.setText(self.fallback)
        self.typeset_done.emit()

    def _show_image(self, image: QImage) -> None:
        self.image = image
        self.setPixmap(QPixmap.fromImage(image))
