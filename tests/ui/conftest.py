import random
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QThreadPool

from tutor import rebuild
from tutor.store import Store
from tutor.ui import MainWindow
from tutor.ui.math_view import math_pool
from tutor.ui.workers import chart_pool


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def open_window(qtbot, tmp_path, clock):
    """Open the real app on a data directory, shown, as a learner would see it.

    At the end, replaying each data directory's log must give exactly its stored states.
    """
    opened = []

    def _open(data_dir=None, seed=1, **options):
        window = MainWindow(data_dir=data_dir or tmp_path, clock=clock, rng=random.Random(seed), **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.wait_saved()  # Today's numbers are read off the GUI thread: on screen before the test looks
        opened.append(window)
        return window

    yield _open
    for window in opened:
        window.close()
    QThreadPool.globalInstance().waitForDone(5000)
    math_pool().waitForDone(10_000)  # a formula still being typeset
    chart_pool().waitForDone(10_000)  # a figure or chart still being drawn
    opened_ok = {(w.data_dir, w.database_url): w.learner for w in opened if w.learner is not None}
    for (data_dir, url), some_learner in opened_ok.items():
        with Store.open_progress(data_dir, url, some_learner) as first:
            learners = first.learners()
        for learner in learners:  # whatever the test did, each learner's log gives their states
            with Store.open_progress(data_dir, url, learner) as store:
                assert rebuild.check(store) == [], learner
