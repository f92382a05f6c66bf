"""The saver: writes in order off the calling thread; passing failures retried; the rest held."""

from __future__ import annotations

import threading
import time

import pytest

from tutor.saver import Saver, SaverState
from tutor.store import StoreError


def test_writes_run_in_order_on_another_thread_and_report_their_results():
    done: list[tuple[int, str]] = []
    caller = threading.get_ident()
    saver = Saver()
    for i in range(20):
        saver.submit(lambda i=i: (i, threading.get_ident() != caller), lambda r: done.append(r), f"write {i}")
    assert saver.flush(5)
    assert done == [(i, True) for i in range(20)]
    assert saver.state == SaverState(0)
    assert saver.close() == []


def test_a_passing_failure_is_tried_again_until_it_works():
    attempts = []

    def busy_then_fine():
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise StoreError("the database is locked", passing=True)
        return "saved"

    states: list[SaverState] = []
    saver = Saver(on_change=states.append)
    results = []
    saver.submit(busy_then_fine, results.append, "an answer")
    assert saver.flush(5)
    assert results == ["saved"] and len(attempts) == 3
    assert any(s.failure == "the database is locked" and s.passing for s in states)
    assert states[-1] == SaverState(0)
    saver.close()


def test_a_lasting_failure_holds_the_write_and_those_after_it_until_it_can_be_saved():
    disk_full = threading.Event()
    disk_full.set()
    written = []

    def write(n):
        if disk_full.is_set():
            raise StoreError("the disk is full")
        written.append(n)

    saver = Saver()
    saver.submit(lambda: write(1), description="answer 1")
    saver.submit(lambda: write(2), description="answer 2")
    assert not saver.flush(0.3)
    state = saver.state
    assert (state.pending, state.failure, state.passing) == (2, "the disk is full", False)
    assert saver.unsaved() == ["answer 1", "answer 2"] and written == []
    disk_full.clear()  # space was freed
    saver.retry_now()
    assert saver.flush(5)
    assert written == [1, 2]
    saver.close()


def test_an_unexpected_error_is_said_in_words_and_never_kills_the_saver():
    calls = []

    def broken():
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("bad value")

    saver = Saver()
    saver.submit(broken, description="a setting")
    deadline = time.monotonic() + 5
    while saver.state.failure is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert saver.state.failure == "Could not save a setting: ValueError: bad value"
    saver.retry_now()
    assert saver.flush(5) and len(calls) == 2
    saver.close()


def test_close_says_what_could_not_be_saved():
    saver = Saver()
    saver.submit(lambda: (_ for _ in ()).throw(StoreError("read-only")), description="answer 7")
    assert saver.close(timeout=0.2) == ["answer 7"]
    with pytest.raises(RuntimeError):
        saver.submit(lambda: None)
