"""Writes to the progress database, in order, on one background thread; nothing is dropped.

The window hands every write (a review, an undo, a bury, a setting) to a ``Saver`` and goes
on at once. A write that fails for a passing reason (the database is busy or locked by
another program, the connection to the server dropped) is tried again after a short pause;
one that fails for good (the disk is full, the file became read-only) stays at the head of
the queue, with the reason, and is tried again every few seconds, so it is saved as soon as
it can be. Later writes wait behind it: each one reads the state the one before it left.
Nothing here knows about Qt: ``on_change`` and each job's ``on_done`` are called on the
saver's thread (the window forwards them to its own thread).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tutor.store.errors import StoreError

RETRY_SECONDS = (0.1, 0.25, 0.5, 1.0, 2.0)  # after a passing failure; then every 2 s
STUCK_RETRY_SECONDS = 5.0  # after a failure that needs the learner (a full disk)


@dataclass(frozen=True)
class SaverState:
    """What the window shows about saving."""

    pending: int  # writes not yet in the database (the one being tried included)
    failure: str | None = None  # why the head of the queue could not be saved, in words
    passing: bool = False  # the failure is one that trying again fixes by itself

    @property
    def saving(self) -> bool:
        return self.pending > 0


@dataclass
class _Job:
    write: Callable[[], Any]
    on_done: Callable[[Any], None] | None
    description: str


class Saver:
    """One writer thread; ``submit`` returns at once. Close with ``close()``."""

    def __init__(self, on_change: Callable[[SaverState], None] | None = None) -> None:
        self._on_change = on_change or (lambda _state: None)
        self._jobs: deque[_Job] = deque()
        self._lock = threading.Condition()
        self._state = SaverState(0)
        self._closing = False
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tutor-saver", daemon=True)
        self._thread.start()

    @property
    def state(self) -> SaverState:
        with self._lock:
            return self._state

    def submit(self, write: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               description: str = "") -> None:
        """Queue ``write`` (run on the saver's thread, after every write submitted before it)."""
        with self._lock:
            if self._closing:
                raise RuntimeError("the saver is closed")
            self._jobs.append(_Job(write, on_done, description))
            self._set(SaverState(len(self._jobs), self._state.failure, self._state.passing))
            self._lock.notify_all()

    def unsaved(self) -> list[str]:
        """The descriptions of the writes still waiting, oldest first."""
        with self._lock:
            return [job.description for job in self._jobs]

    def retry_now(self) -> None:
        """Try the stuck write again at once (the learner freed some space, say)."""
        self._wake.set()

    def flush(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for every queued write; True when all are saved."""
        with self._lock:
            self._wake.set()
            return self._lock.wait_for(lambda: not self._jobs, timeout)

    def close(self, timeout: float = 5.0) -> list[str]:
        """Save what can be saved within ``timeout``, stop, and return what was not saved."""
        self.flush(timeout)
        with self._lock:
            self._closing = True
            left = [job.description for job in self._jobs]
            self._jobs.clear()
            self._lock.notify_all()
        self._wake.set()
        self._thread.join(timeout=1.0)
        return left

    # -- the saver's thread ----------------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._jobs or self._closing)
                if self._closing:
                    return
                job = self._jobs[0]
            try:
                result = job.write()
            except StoreError as e:
                failures += 1
                self._failed(str(e), e.passing)
                self._pause(_delay(failures, e.passing))
                continue
            except Exception as e:  # noqa: BLE001 - a write must never kill the saver; it says why
                failures += 1
                self._failed(f"Could not save {job.description or 'your work'}: {type(e).__name__}: {e}", False)
                self._pause(STUCK_RETRY_SECONDS)
                continue
            failures = 0
            with self._lock:
                if self._closing:  # closed while this write ran (it is in): nobody waits for it
                    return
            if job.on_done is not None:
                job.on_done(result)  # before it leaves the queue: flush() then covers its result too
            with self._lock:
                if self._jobs and self._jobs[0] is job:
                    self._jobs.popleft()
                self._set(SaverState(len(self._jobs)))
                self._lock.notify_all()

    def _failed(self, message: str, passing: bool) -> None:
        with self._lock:
            self._set(SaverState(len(self._jobs), message, passing))

    def _pause(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def _set(self, state: SaverState) -> None:
        """Change the state (the lock is held) and tell the window."""
        if state != self._state:
            self._state = state
            self._on_change(state)


def _delay(failures: int, passing: bool) -> float:
    if not passing:
        return STUCK_RETRY_SECONDS
    return RETRY_SECONDS[min(failures, len(RETRY_SECONDS)) - 1]
