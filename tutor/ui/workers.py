"""Answer checks off the GUI thread.

A check is bounded in time by the core engine, but even a bounded check can take longer
than a frame, so it runs in the global QThreadPool and reports back by a queued signal.
Each request carries an id so that a late result for an old problem is dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tutor.core.problems import Problem


class CheckSignals(QObject):
    finished = Signal(int, object)  # request id, Verdict


class _CheckTask(QRunnable):
    def __init__(self, request_id: int, problem: Problem, text: str, signals: CheckSignals) -> None:
        super().__init__()
        self.request_id, self.problem, self.text, self.signals = request_id, problem, text, signals

    def run(self) -> None:
        verdict = self.problem.check(self.text)  # never raises: the engine catches everything
        self.signals.finished.emit(self.request_id, verdict)


class CheckService(QObject):
    """``submit(problem, text) -> id``; ``finished(id, verdict)`` arrives on the GUI thread."""

    finished = Signal(int, object)  # request id, Verdict

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._signals = CheckSignals(self)
        self._signals.finished.connect(self.finished)
        self._pool = QThreadPool.globalInstance()

    def submit(self, problem: Problem, text: str) -> int:
        request_id = next(self._ids)
        self._pool.start(_CheckTask(request_id, problem, text, self._signals))
        return request_id

    def wait(self, msecs: int = 5000) -> None:
        self._pool.waitForDone(msecs)


class _TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _TaskSignals) -> None:
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:  # reported to the window, which says what went wrong
            self.signals.failed.emit(e)
        else:
            self.signals.done.emit(result)


def run_in_background(
    parent: QObject,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> None:
    """Run ``fn`` in the thread pool; its result or exception comes back on the GUI thread."""
    signals = _TaskSignals(parent)
    signals.done.connect(on_done)
    signals.failed.connect(on_error)
    signals.done.connect(signals.deleteLater)
    signals.failed.connect(signals.deleteLater)
    QThreadPool.globalInstance().start(_Task(fn, signals))
