"""Answer checks off the GUI thread.

A check is bounded in time by the core engine, but even a bounded check can take longer
than a frame, so it runs in the global QThreadPool and reports back by a queued signal.
Each request carries an id so that a late result for an old problem is dropped.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

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


class _Relay(QObject):
    """Carries one background result back to the GUI thread, then goes away.

    Held in ``_LIVE`` until it has delivered: without a strong reference PySide may collect the
    Python side (and the callbacks with it) while the task is still running.
    """

    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, parent: QObject, on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> None:
        super().__init__(parent)
        self._on_done, self._on_error = on_done, on_error
        self.done.connect(self._deliver_done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failure, Qt.ConnectionType.QueuedConnection)
        _LIVE.add(self)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self._finish()
        self._on_done(result)

    @Slot(object)
    def _deliver_failure(self, error: Exception) -> None:
        self._finish()
        self._on_error(error)

    def _finish(self) -> None:
        _LIVE.discard(self)
        self.deleteLater()


_LIVE: set[_Relay] = set()


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:  # reported to the window, which says what went wrong
            self._deliver(self.relay.failed, e)
        else:
            self._deliver(self.relay.done, result)

    @staticmethod
    def _deliver(signal: Signal, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed while this ran: nobody to tell
            signal.emit(value)


def run_in_background(
    parent: QObject,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> None:
    """Run ``fn`` in a thread pool (the global one unless ``pool`` is given); its result or
    exception comes back on the GUI thread."""
    (pool or QThreadPool.globalInstance()).start(_Task(fn, _Relay(parent, on_done, on_error)))


# -- the one thread that draws with matplotlib ---------------------------------------------


def chart_pool() -> QThreadPool:
    """The one thread every chart and figure is drawn on (matplotlib is not thread-safe)."""
    global _PLOT_POOL
    if _PLOT_POOL is None:
        _PLOT_POOL = QThreadPool()
        _PLOT_POOL.setMaxThreadCount(1)
        _PLOT_POOL.setObjectName("plotPool")
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_stop_plotting)
    return _PLOT_POOL


def plotting_stopped() -> bool:
    """Whether the app is quitting: a long drawing job stops at its next step."""
    return _PLOT_QUITTING


_PLOT_POOL: QThreadPool | None = None
_PLOT_QUITTING = False


def _stop_plotting() -> None:
    """On quit: drop queued drawings and let the running one stop at its next step."""
    global _PLOT_QUITTING
    _PLOT_QUITTING = True
    if _PLOT_POOL is not None:
        _PLOT_POOL.clear()
        _PLOT_POOL.waitForDone(5000)


class SaveService(QObject):
    """The window's side of ``tutor.saver.Saver``: every write in order, off the GUI thread.

    ``submit(write, on_done)``: ``write`` runs on the saver's thread; ``on_done(result)`` and
    ``state_changed(SaverState)`` arrive on the GUI thread.
    """

    state_changed = Signal(object)
    _delivered = Signal(object, object)  # callback, result: emitted on the saver's thread

    def __init__(self, parent: QObject | None = None) -> None:
        from tutor.saver import Saver

        super().__init__(parent)
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._changed = _StateRelay()
        self._changed.changed.connect(self.state_changed, Qt.ConnectionType.QueuedConnection)
        self.saver = Saver(on_change=self._changed.changed.emit)

    def submit(self, write: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               description: str = "") -> None:
        relay = None if on_done is None else (lambda result: self._deliver_later(on_done, result))
        self.saver.submit(write, relay, description)

    @property
    def state(self):  # noqa: ANN201 - SaverState, imported lazily
        return self.saver.state

    def wait(self, seconds: float = 10.0) -> bool:
        """Block until every write is in the database (tests, closing); then deliver results."""
        done = self.saver.flush(seconds)
        QCoreApplication.sendPostedEvents(self)
        QCoreApplication.sendPostedEvents(self._changed)
        return done

    def _deliver_later(self, callback: Callable[[Any], None], result: Any) -> None:
        """On the saver's thread: to the GUI thread, unless the window is gone already."""
        with contextlib.suppress(RuntimeError):
            self._delivered.emit(callback, result)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], result: Any) -> None:
        callback(result)


class _StateRelay(QObject):
    changed = Signal(object)
