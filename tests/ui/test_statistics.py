"""The statistics window on a real SQLite store: empty, and with a long history."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import insert

from tutor.bank import load_bank
from tutor.core import stats
from tutor.core.history import apply_event, apply_review
from tutor.core.records import IMPLICIT, PRACTICE, REVIEW, SUSPEND, ReviewRecord, SkillEvent
from tutor.core.scheduling import SM2Scheduler
from tutor.rebuild import rebuilt_states
from tutor.store import DB_FILENAME, Store
from tutor.store.engine import create_store_engine, sqlite_url
from tutor.store.models import ReviewLogRow
from tutor.ui.statistics import CHARTS, Colours, StatisticsWindow

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path)
    yield s
    s.close()


@pytest.fixture
def open_statistics(qtbot, bank):
    opened = []

    def _open(store, desired_retention=None, wait=True):
        window = StatisticsWindow(store, bank, TODAY, desired_retention)
        qtbot.addWidget(window)
        opened.append(window)
        if wait:
            with qtbot.waitSignal(window.drawn, timeout=30_000):
                window.show()
        else:
            window.show()
        return window

    yield _open
    for window in opened:
        window.close()
        window.wait()
    QThreadPool.globalInstance().waitForDone(5000)


def label(window, name):
    widget = window.findChild(QLabel, name)
    assert widget is not None, f"no label named {name}"
    return widget.text()


def distinct_colours(image, samples=60):
    """How many different colours a grid of sample points of ``image`` has."""
    w, h = image.width(), image.height()
    rows = 48  # dense enough to cross any line of text (an empty chart says why in words)
    return len({image.pixel(x * w // samples, y * h // rows) for x in range(samples) for y in range(rows)})


def assert_every_chart_drawn(window):
    assert set(window.charts) == {spec.name for spec in CHARTS} and len(window.charts) == 7
    for name, chart in window.charts.items():
        image = chart.image
        assert image is not None and not image.isNull(), name
        assert image.width() >= chart.width() * image.devicePixelRatio() - 1, name
        assert distinct_colours(image) > 2, f"{name} is blank"


# -- a long history, written the way the app writes it, in bulk ------------------------------


def long_history(store: Store, bank, days: int = 400, gap: int = 11, seed: int = 5) -> int:
    """SM-2 reviews of every skill over ``days`` days (a new skill every few days), two
    practice answers a day, some implicit credit, no study ``gap`` days ago (so the streak
    is ``gap`` days long today), and one skill suspended. Returns the number of answers."""
    rng, scheduler = random.Random(seed), SM2Scheduler()
    order, states, rows = bank.learning_order(), {}, []
    for offset in range(days - 1, -1, -1):
        day = TODAY - timedelta(days=offset)
        if offset == gap or (offset > gap and rng.random() < 0.15):
            continue
        at = datetime.combine(day, time(9)).astimezone().astimezone(UTC)
        introduce = order[(days - 1 - offset) // 6] if (days - 1 - offset) // 6 < len(order) else None
        due = [tid for tid, s in states.items() if s.due <= day]
        for tid in due + ([introduce] if introduce and introduce not in states else []):
            quality = rng.choice([1, 3, 4, 4, 4, 5, 5])
            at += timedelta(seconds=40)
            review = _review(tid, states.get(tid), quality, day, at, REVIEW)
            states[tid] = apply_review(states.get(tid), review, scheduler)
            rows.append(review)
        for tid in rng.sample(sorted(states), min(2, len(states))):
            at += timedelta(seconds=40)
            rows.append(_review(tid, states[tid], rng.choice([2, 4, 5]), day, at, PRACTICE))
        if offset % 9 == 0 and states:
            tid = rng.choice(sorted(states))
            at += timedelta(seconds=1)
            credit = _review(tid, states[tid], 4, day, at, IMPLICIT)
            states[tid] = apply_review(states[tid], credit, scheduler)
            rows.append(credit)
    engine = create_store_engine(sqlite_url(store.path or Path(DB_FILENAME)))
    with engine.begin() as connection:
        connection.execute(insert(ReviewLogRow), [_values(r) | {"learner_id": store.learner_id} for r in rows])
    engine.dispose()
    store.replace_states(rebuilt_states(store))
    suspended = sorted(states)[0]
    event = SkillEvent(suspended, SUSPEND, datetime.now(UTC), TODAY)
    store.record_event(event, {suspended: apply_event(store.skill_state(suspended), event)})
    return sum(r.kind != IMPLICIT for r in rows)


def _review(tid, state, quality, day, at, kind):
    return ReviewRecord(
        template_id=tid, seed=random.randrange(1, 2**31), answer="" if kind == IMPLICIT else "1",
        verdict="correct" if quality >= 3 else "wrong", quality=quality,
        seconds=0.0 if kind == IMPLICIT else 30.0, hint_used=False, redrill=False,
        reviewed_at=at, day=day, ef_before=state.ef_hundredths if state else 250,
        interval_before=state.interval_days if state else 0,
        repetitions_before=state.repetitions if state else 0, kind=kind,
    )


def _values(review: ReviewRecord) -> dict:
    values = dict(vars(review))
    del values["id"]
    return values


# -- the tests -------------------------------------------------------------------------------


def test_empty_history_shows_friendly_charts(store, open_statistics):
    w = open_statistics(store)
    assert w.objectName() == "statisticsWindow" and w.windowTitle() == "Statistics"
    assert label(w, "statsDueLabel") == "0"
    assert label(w, "statsStreakLabel") == "0 days"
    assert label(w, "statsRetentionLabel") == "–"
    assert "not measured yet" in label(w, "statsRetentionLabelCaption")
    assert label(w, "statsMasteredLabel") == "0 of 60"
    assert label(w, "statsSavedLabel") == "0"
    assert label(w, "calendarChartCaption") == "0 answers on 0 days"
    assert_every_chart_drawn(w)  # each shows its "No reviews yet — …" text, or the all-new map
    assert not w.findChild(QLabel, "statsErrorLabel").isVisible()


def test_long_history_shows_its_figures(store, bank, open_statistics):
    answers = long_history(store, bank)
    w = open_statistics(store, desired_retention=0.9)
    expected = stats.headline(store.review_facts(), store.skill_states(), TODAY, 0.9, len(bank))
    assert label(w, "statsStreakLabel") == "11 days"
    assert label(w, "statsStreakLabelCaption") == f"streak · longest {stats.plural(expected.streak.longest, 'day')}"
    assert label(w, "statsRetentionLabel") == stats.percent(expected.retention.share) != "–"
    assert label(w, "statsRetentionLabelCaption") == "true retention · desired 90%"
    assert label(w, "statsMasteredLabel") == f"{expected.mastered} of 60"
    assert expected.mastered > 0
    assert label(w, "statsSavedLabel") == f"{expected.saved.total:,}" != "0"
    assert label(w, "statsDueLabel") == f"{expected.due_today:,}"
    assert label(w, "statsWeekLabel") == f"{expected.week.total:,}"
    assert label(w, "accuracyChartCaption") == f"{answers:,} answers, practice included"
    assert label(w, "retention_intervalChartCaption").endswith(f"{stats.percent(expected.retention.share)} passed")
    assert_every_chart_drawn(w)
    counts = w.report.mastery.counts()
    assert counts["suspended"] == 1 and counts["mature"] == expected.mastered
    assert sum(counts.values()) == len(bank)


def test_resizing_renders_again_at_the_new_size(store, bank, qtbot, open_statistics):
    long_history(store, bank, days=60)
    w = open_statistics(store)
    before = w.charts["forecast"].image.width()
    with qtbot.waitSignal(w.drawn, timeout=30_000):
        w.resize(w.width() + 200, w.height())
    chart = w.charts["forecast"]
    assert chart.image.width() == round(chart.width() * chart.image.devicePixelRatio()) > before


def test_a_store_that_cannot_be_read_shows_the_message(store, qtbot, bank):
    store.close()
    w = StatisticsWindow(store, bank, TODAY)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.failed, timeout=30_000) as failed:
        w.show()
    assert "closed" in failed.args[0]
    assert w.findChild(QLabel, "statsErrorLabel").isVisible()
    assert "cannot be shown" in label(w, "statsErrorLabel")
    w.close()
    w.wait()


def test_a_parented_window_is_a_top_level_window(store, bank, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    w = StatisticsWindow(store, bank, TODAY, None, parent)
    assert w.isWindow() and w.parent() is parent
    w.close()
    w.wait()


def test_charts_render_crisp_at_twice_the_pixels(store, open_statistics):
    w = open_statistics(store)
    from tutor.ui import charts  # matplotlib is loaded by now

    colours = Colours.from_palette(w.palette())
    data, width, height = charts.render("mastery", w.report, colours, 400, 300, 2.0)
    assert (width, height) == (800, 600) and len(data) == 800 * 600 * 4


def test_importing_the_window_does_not_import_matplotlib():
    code = ("import sys, tutor.ui, tutor.ui.statistics; "
            "print(sorted(m for m in sys.modules if m.startswith('matplotlib')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


def test_a_new_palette_redraws_the_charts_in_its_colours(store, bank, qtbot, open_statistics):
    long_history(store, bank, days=30)
    w = open_statistics(store)
    corner = w.charts["forecast"].image.pixelColor(2, 2)
    dark = QPalette(w.palette())
    for role, colour in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#eeeeee"),
                         (QPalette.ColorRole.Window, "#2a2a2a")):
        dark.setColor(role, QColor(colour))
    with qtbot.waitSignal(w.drawn, timeout=30_000):
        w.setPalette(dark)
    assert corner.lightness() > 200
    assert w.charts["forecast"].image.pixelColor(2, 2).name() == "#1e1e1e"


def test_f5_reads_the_store_again(store, qtbot, open_statistics):
    w = open_statistics(store)
    assert label(w, "statsWeekLabel") == "0"
    noon = datetime.combine(TODAY, time(12)).astimezone().astimezone(UTC)
    review = _review("vectors.dot_product", None, 4, TODAY, noon, REVIEW)
    store.record_review(review, apply_review(None, review, SM2Scheduler()))
    with qtbot.waitActive(w):
        w.activateWindow()
    with qtbot.waitSignal(w.drawn, timeout=30_000):
        qtbot.keyClick(w, Qt.Key.Key_F5)
    assert label(w, "statsWeekLabel") == "1"
    assert label(w, "statsStreakLabel") == "1 day"
    assert label(w, "calendarChartCaption") == "1 answer on 1 day"


def test_closed_and_shown_again_it_reads_anew(store, qtbot, open_statistics):
    w = open_statistics(store)
    w.close()
    assert w.report is None and all(chart.image is None for chart in w.charts.values())
    with qtbot.waitSignal(w.drawn, timeout=30_000):
        w.show()
    assert_every_chart_drawn(w)
