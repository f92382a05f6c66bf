"""Problem text with typeset formulas, in a QLabel or a QTextBrowser.

Text marks formulas with ``$...$`` (``tutor.core.mathtext``). Each formula becomes one image
(it never breaks across lines), inlined as a PNG ``data:`` URL sized in logical pixels, so it
is crisp at any scaling. Formulas are typeset on the math thread and cached; until one is
ready (the first formula of a run loads the fonts) its LaTeX source stands in, and a formula
that cannot be set keeps its source: the text always shows.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from tutor.core.mathtext import MathTextError, segments
from tutor.ui.math_view import math_pool, typeset
from tutor.ui.widgets import text_to_html

_log = logging.getLogger(__name__)
Style = tuple[int, str, float]  # px, colour, device pixel ratio
_tags: dict[tuple[str, Style], str] = {}  # typeset formulas as <img> tags
_failed: set[tuple[str, Style]] = set()


def img_tag(latex: str, style: Style) -> str:
    """The formula typeset as an ``<img>`` (cached). Raises when ziamath cannot set it."""
    key = (latex, style)
    tag = _tags.get(key)
    if tag is None:
        image = typeset(latex, *style)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        size = image.deviceIndependentSize()
        tag = (
            f'<img src="data:image/png;base64,{bytes(data.toBase64()).decode()}" '
            f'width="{round(size.width())}" height="{round(size.height())}" style="vertical-align: middle">'
        )
        _tags[key] = tag
    return tag


class _Signals(QObject):
    done = Signal(object)  # the (latex, style) key that was typeset (or failed)


class _Job(QRunnable):
    def __init__(self, keys: list[tuple[str, Style]], signals: _Signals) -> None:
        super().__init__()
        self.keys, self.signals = keys, signals

    def run(self) -> None:
        for key in self.keys:
            try:
                img_tag(*key)
            except Exception as exc:  # noqa: BLE001 - its source text stays
                _log.warning("could not typeset %r: %s", key[0], exc)
                _failed.add(key)
        self.signals.done.emit(self.keys)


class RichMath(QObject):
    """Keeps one widget's rich text up to date as its formulas are typeset.

    ``show(build)``: ``build(math)`` returns the widget's HTML, calling ``math(text)`` for
    each piece of problem text (text with ``$...$`` formulas → HTML).
    """

    rendered = Signal()  # every formula of the latest text is typeset (or has failed)

    def __init__(self, widget: QWidget, set_html: Callable[[str], None], px: int = 17) -> None:
        super().__init__(widget)
        self.widget, self.set_html, self.px = widget, set_html, px
        self._build: Callable[[Callable[[str], str]], str] | None = None
        self._signals = _Signals()  # no parent: a running job keeps it alive
        self._signals.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self.waiting = 0

    def show(self, build: Callable[[Callable[[str], str]], str]) -> None:
        self._build = build
        self._refresh(start_jobs=True)

    def prefetch(self, texts: list[str]) -> None:
        """Typeset the formulas of ``texts`` now, in the background, so that they appear at
        once when they are shown (the worked solution, while the learner is answering)."""
        style = self._style()
        keys = []
        for text in texts:
            try:
                keys += [(piece, style) for is_formula, piece in segments(text) if is_formula]
            except MathTextError:
                continue
        missing = [key for key in dict.fromkeys(keys) if key not in _tags and key not in _failed]
        if missing:
            math_pool().start(_Job(missing, _Signals()))

    def clear(self) -> None:
        self._build = None
        self.set_html("")

    def _style(self) -> Style:
        colour = self.widget.palette().color(QPalette.ColorRole.Text).name()
        return (self.px, colour, self.widget.devicePixelRatioF())

    def _refresh(self, start_jobs: bool = False) -> None:
        if self._build is None:
            return
        style, missing = self._style(), []

        def math(text: str) -> str:
            try:
                pieces = segments(text)
            except MathTextError:
                return text_to_html(text)
            out = []
            for is_formula, piece in pieces:
                key = (piece, style)
                if not is_formula:
                    out.append(text_to_html(piece))
                elif key in _tags:
                    out.append(_tags[key])
                else:
                    if key not in _failed:
                        missing.append(key)
                    out.append(f"<span>{html.escape(piece)}</span>")
            return "".join(out)

        self.set_html(self._build(math))
        unique = list(dict.fromkeys(missing))
        if start_jobs and unique:
            self.waiting += 1
            math_pool().start(_Job(unique, self._signals))
        elif not unique:
            self.rendered.emit()

    def _on_done(self, _keys: object) -> None:
        self.waiting = max(0, self.waiting - 1)
        self._refresh()


def plain_html(text: str) -> str:
    """Problem text as HTML with formulas left as their source (no typesetting)."""
    try:
        return "".join(text_to_html(p) if not f else html.escape(p) for f, p in segments(text))
    except MathTextError:
        return text_to_html(text)
