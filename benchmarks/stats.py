"""Statistics at scale: 100,000 reviews over two years across every skill of the bank.

Run: python benchmarks/stats.py [--reviews N] [--days N] [--repeat N] [--keep DIR]

Reports medians: the first matplotlib import (in a fresh process, and in this one), opening
the statistics window until every chart is drawn (target: median ≤ 300 ms once matplotlib
is imported), each statistics function, ``Store.review_facts()``, rendering the charts,
``tutor stats`` (the headline), an undo, and the Today screen's figures. Every figure is also
shown as a multiple of one full scan of the log inside SQLite (``SELECT sum(seconds)``) in the
same run, which cancels out most of the machine's speed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import func, insert, select  # noqa: E402

from tutor.bank import Bank, load_bank  # noqa: E402
from tutor.core import stats  # noqa: E402
from tutor.core.history import apply_event, apply_review  # noqa: E402
from tutor.core.records import (  # noqa: E402
    BURY,
    IMPLICIT,
    PRACTICE,
    REVIEW,
    SUSPEND,
    ReviewFact,
    ReviewRecord,
    SkillEvent,
    SkillState,
)
from tutor.core.scheduling import SM2Scheduler  # noqa: E402
from tutor.rebuild import rebuilt_states  # noqa: E402
from tutor.store import Store  # noqa: E402
from tutor.store.engine import create_store_engine, sqlite_url  # noqa: E402
from tutor.store.models import ReviewLogRow  # noqa: E402

QUALITIES = (0, 1, 2, 3, 4, 5)
QUALITY_WEIGHTS = (3, 4, 5, 18, 45, 25)  # a learner who passes about 88% of the time
SKIP_DAY = 0.12  # share of days without study (outside the last two weeks)


# -- a long history ---------------------------------------------------------------------------


@dataclass
class _Row:
    """One review to insert; ``parent`` is the index of the review that earned a credit."""

    template_id: str
    kind: str
    quality: int
    redrill: bool
    day: date
    before: tuple[int, int, int]  # ef, interval, repetitions
    parent: int | None = None
    seconds: float = 0.0


class _Simulation:
    """A learner following SM-2 day by day: new skills in learning order, every due review,
    re-drills after a miss, credit for due prerequisites, and practice on top."""

    def __init__(self, bank: Bank, first: date, today: date, rng: random.Random) -> None:
        self.bank, self.first, self.today, self.rng = bank, first, today, rng
        self.scheduler = SM2Scheduler()
        self.states: dict[str, SkillState] = {}
        self.rows: list[_Row] = []
        self.study_days: list[date] = []
        self.known: dict[date, list[tuple[str, tuple[int, int, int]]]] = {}
        order = bank.learning_order()
        span = max(1, int((today - first).days * 0.85))
        self.introduce = {first + timedelta(days=i * span // len(order)): tid for i, tid in enumerate(order)}

    def run(self) -> None:
        pending_new: list[str] = []
        for offset in range((self.today - self.first).days + 1):
            day = self.first + timedelta(days=offset)
            if day in self.introduce:
                pending_new.append(self.introduce[day])
            recent = (self.today - day).days < 14
            if not recent and self.rng.random() < SKIP_DAY:
                continue
            self.study_days.append(day)
            due = [tid for tid, s in self.states.items() if s.due <= day]
            self.rng.shuffle(due)  # a skill before its prerequisite: credit flows down
            for tid in due + pending_new:
                if self.states.get(tid) is None or self.states[tid].due <= day:
                    self._review(tid, day)
            pending_new = []
            self.known[day] = [(tid, self._before(tid)) for tid in self.states]

    def _before(self, tid: str) -> tuple[int, int, int]:
        s = self.states.get(tid)
        return (250, 0, 0) if s is None else (s.ef_hundredths, s.interval_days, s.repetitions)

    def _review(self, tid: str, day: date) -> None:
        quality = self.rng.choices(QUALITIES, QUALITY_WEIGHTS)[0]
        index = self._append(_Row(tid, REVIEW, quality, False, day, self._before(tid)))
        misses = 0
        while quality < 4 and misses < 3:  # SM-2 step 7: again today until it is right
            quality = self.rng.choices(QUALITIES, (1, 2, 3, 10, 50, 30))[0]
            self.rows.append(_Row(tid, REVIEW, quality, True, day, self._before(tid)))
            misses += 1
        if self.rows[index].quality >= 4:
            for pre in self.bank[tid].prerequisites:
                state = self.states.get(pre)
                if state is not None and state.due <= day:
                    self._append(_Row(pre, IMPLICIT, 4, False, day, self._before(pre), index))

    def _append(self, row: _Row) -> int:
        self.rows.append(row)
        review = _record(row, 0, _noon(row.day))
        self.states[row.template_id] = apply_review(self.states.get(row.template_id), review, self.scheduler)
        return len(self.rows) - 1

    def add_practice(self, count: int) -> None:
        """``count`` practice answers spread over the study days (they never move the schedule)."""
        days = [d for d in self.study_days if self.known.get(d)]
        for day in sorted(self.rng.choices(days, k=count)):
            tid, before = self.rng.choice(self.known[day])
            quality = self.rng.choices(QUALITIES, QUALITY_WEIGHTS)[0]
            self.rows.append(_Row(tid, PRACTICE, quality, False, day, before))


def _noon(day: date) -> datetime:
    return datetime.combine(day, clock_time(9, 0)).astimezone().astimezone(UTC)


def _record(row: _Row, seed: int, at: datetime) -> ReviewRecord:
    verdict = "correct" if row.quality >= 3 else ("dont_know" if row.quality == 0 else "wrong")
    ef, interval, reps = row.before
    return ReviewRecord(
        template_id=row.template_id, seed=seed, answer="" if row.kind == IMPLICIT else "42",
        verdict=verdict, quality=row.quality, seconds=row.seconds, hint_used=False,
        redrill=row.redrill, reviewed_at=at, day=row.day, ef_before=ef, interval_before=interval,
        repetitions_before=reps, kind=row.kind,
    )


def _log_rows(rows: list[_Row], rng: random.Random, first_id: int = 1) -> list[dict[str, Any]]:
    """Rows in time order with ids, timestamps a few seconds apart, and credit links."""
    order = sorted(range(len(rows)), key=lambda i: (rows[i].day, rows[i].kind == PRACTICE, i))
    ids = {i: n + first_id for n, i in enumerate(order)}
    out, at, day = [], None, None
    for i in order:
        row = rows[i]
        if row.day != day:
            day, at = row.day, _noon(row.day)
        row.seconds = 0.0 if row.kind == IMPLICIT else round(rng.lognormvariate(3.0, 0.6), 1)
        at = at + timedelta(seconds=row.seconds + 1)
        values = vars(_record(row, rng.randrange(1, 2**31), at))
        values["id"] = ids[i]
        values["credited_by"] = ids[row.parent] if row.parent is not None else None
        out.append(values)
    return out


def build_history(
    data_dir: Path, bank: Bank, today: date, reviews: int = 100_000, days: int = 730, seed: int = 1,
    database_url: str | None = None, learner: str | None = None,
) -> Store:
    """A store (the SQLite file under ``data_dir``, or ``database_url``) whose ``learner`` has
    ``reviews`` logged answers over ``days`` days ending ``today``, states rebuilt from the
    log, two skills suspended and one buried."""
    rng = random.Random(seed)
    sim = _Simulation(bank, today - timedelta(days=days - 1), today, rng)
    sim.run()
    sim.add_practice(max(0, reviews - len(sim.rows)))
    store = Store.open_progress(data_dir, database_url, learner)
    engine = create_store_engine(database_url or sqlite_url(data_dir / "tutor.sqlite3"))
    with engine.begin() as connection:
        first_id = (connection.execute(select(func.max(ReviewLogRow.id))).scalar() or 0) + 1
        rows = [row | {"learner_id": store.learner_id} for row in _log_rows(sim.rows, rng, first_id)]
        connection.execute(insert(ReviewLogRow), rows)
        if connection.dialect.name == "postgresql":  # ids were given: move the sequence past them
            connection.exec_driver_sql("SELECT setval(pg_get_serial_sequence('review_log', 'id'), "
                                       "(SELECT max(id) FROM review_log))")
    engine.dispose()
    store.replace_states(rebuilt_states(store))
    _suspend_and_bury(store, sorted(sim.states), today, rng)
    return store


def _suspend_and_bury(store: Store, skills: list[str], today: date, rng: random.Random) -> None:
    at = datetime.now(UTC)
    for tid, action in zip(rng.sample(skills, 3), (SUSPEND, SUSPEND, BURY), strict=True):
        event = SkillEvent(tid, action, at, today)
        store.record_event(event, {tid: apply_event(store.skill_state(tid), event)})


# -- measuring ------------------------------------------------------------------------------


class Timing(NamedTuple):
    """Median wall-clock time and median CPU time of this process (all threads), in ms.

    CPU time hardly moves when other programs share the machine; wall time is what a
    learner waits."""

    wall: float
    cpu: float | None = None


def median_ms(fn: Callable[[], object], repeat: int) -> Timing:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return Timing(statistics.median(walls), statistics.median(cpus))


def cold_facts(folder: Path) -> int:
    with Store.open(folder) as fresh:
        return len(fresh.review_facts())


def fresh_import_ms(module: str, runs: int = 5) -> Timing:
    """Median time to import ``module`` in a fresh interpreter (bytecode cached)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    samples = []
    for k in range(runs + 1):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        if k:  # the first run may only write the bytecode cache
            samples.append(float(out.stdout) * 1000)
    return Timing(statistics.median(samples))


class Table:
    def __init__(self, baseline: Timing) -> None:
        self.baseline = baseline.wall
        print(f"{'measurement':<46} {'wall':>9} {'cpu':>9} {'wall × scan':>12}")

    def row(self, name: str, timing: Timing, note: str = "") -> None:
        cpu = f"{timing.cpu:6.1f} ms" if timing.cpu is not None else " " * 9
        print(f"{name:<46} {timing.wall:6.1f} ms {cpu} {timing.wall / self.baseline:10.1f}×  {note}")


def window_opened_ms(store: Store, bank: Bank, today: date, repeat: int) -> tuple[Timing, Timing]:
    """Constructing a StatisticsWindow until its ``drawn`` signal: the median, and the first
    open (which also pays for matplotlib's font cache and first figure)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from tutor.ui.statistics import StatisticsWindow

    app = QApplication.instance() or QApplication([])

    def open_until_drawn() -> None:
        loop = QEventLoop()
        window = StatisticsWindow(store, bank, today)
        window.drawn.connect(loop.quit)
        window.show()
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
        window.close()
        window.wait()
        window.deleteLater()
        app.processEvents()

    first = median_ms(open_until_drawn, 1)
    return median_ms(open_until_drawn, repeat), first


def render_all_ms(store: Store, bank: Bank, today: date, ratio: float, repeat: int) -> Timing:
    """Every chart of the window rendered once with Agg at its usual size (no Qt involved)."""
    from PySide6.QtGui import QGuiApplication

    from tutor.ui import charts
    from tutor.ui.statistics import CHARTS, BankInfo, Colours, gather

    report = gather(store, BankInfo.of(bank), today, None)
    colours = Colours.from_palette(QGuiApplication.palette())

    def render_all() -> None:
        for spec in CHARTS:
            charts.render(spec.name, report, colours, 1000 if spec.wide else 480, spec.height, ratio)
    return median_ms(render_all, repeat)


def statistics_rows(table: Table, store: Store, bank: Bank, today: date, repeat: int) -> None:
    facts, states = store.review_facts(), store.skill_states()
    topics = {tid: t.topic for tid, t in bank.items()}
    prerequisites = {tid: t.prerequisites for tid, t in bank.items()}
    functions: dict[str, Callable[[], object]] = {
        "stats.daily_answers (calendar)": lambda: stats.daily_answers(facts, today),
        "stats.due_forecast": lambda: stats.due_forecast(states.values(), today),
        "stats.accuracy_by_topic": lambda: stats.accuracy_by_topic(facts, topics),
        "stats.true_retention": lambda: stats.true_retention(facts, today),
        "stats.minutes_per_day": lambda: stats.minutes_per_day(facts, today),
        "stats.streaks": lambda: stats.streaks(facts, today),
        "stats.credit_saved": lambda: stats.credit_saved(facts, today),
        "stats.mastery_map": lambda: stats.mastery_map(states, prerequisites),
        "stats.headline": lambda: stats.headline(facts, states, today, skills=len(bank)),
        "stats.report (everything the window needs)": lambda: stats.report(
            facts, states, today, topics=topics, prerequisites=prerequisites),
    }
    for name, fn in functions.items():
        table.row(name, median_ms(fn, repeat))


def tutor_stats_ms(store: Store, bank: Bank, today: date, repeat: int) -> Timing:
    """`tutor stats` without the process start: ``tutor.cli.stats_text`` where it exists
    (it also loads the bank), else the same queries and headline done here."""
    try:
        from tutor.cli import stats_text
    except ImportError:
        stats_text = None
    if stats_text is not None and store.path is not None:
        data_dir = store.path.parent
        return median_ms(lambda: stats_text(store, data_dir), repeat)

    def run() -> str:
        h = stats.headline(store.review_facts(), store.skill_states(), today, skills=len(bank))
        return stats.headline_text(h)
    return median_ms(run, repeat)


# Hooks for the study-session measurements: each returns a median in ms, or None to skip.

def undo_ms(store: Store, bank: Bank, repeat: int) -> Timing | None:
    """Grade one review, then time ``StudySession.undo()`` on the long log."""
    try:
        from tutor.study import Item, StudySession
    except ImportError:
        return None
    if not hasattr(StudySession, "undo"):
        return None
    session = StudySession(store, bank, rng=random.Random(3))
    states = store.skill_states()
    tid = next(t for t in bank.learning_order() if t in states and not states[t].suspended)
    walls, cpus = [], []
    for seed in range(1, repeat + 1):
        item = Item(tid, seed, bank[tid].generate(seed), redrill=False, new=False)
        session.record(item, answer="42", verdict="correct", quality=4, seconds=10, hint_used=False)
        wall, cpu = time.perf_counter(), time.process_time()
        session.undo()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return Timing(statistics.median(walls), statistics.median(cpus))


def today_screen_ms(store: Store, bank: Bank, repeat: int) -> Timing | None:
    """The Today screen's figures (``StudySession.overview()``) on a 100,000-review log."""
    try:
        from tutor.study import StudySession
    except ImportError:
        return None
    session = StudySession(store, bank, rng=random.Random(4))
    return median_ms(session.overview, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the history in this folder and keep it")
    args = parser.parse_args()

    bank = load_bank()
    from tutor.study import study_day

    today = study_day(datetime.now(UTC))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="tutor-stats-bench-"))
    start = time.perf_counter()
    store = build_history(folder, bank, today, args.reviews, args.days)
    engine = create_store_engine(sqlite_url(folder / "tutor.sqlite3"))
    with engine.connect() as c:
        kinds = dict(c.execute(select(ReviewLogRow.kind, func.count()).group_by(ReviewLogRow.kind)).all())
    print(f"history: {sum(kinds.values()):,} reviews over {args.days} days, {len(bank)} skills, "
          f"built in {time.perf_counter() - start:.1f} s ({folder})")
    print("  by kind: " + ", ".join(f"{kind} {n:,}" for kind, n in sorted(kinds.items())))

    def scan(stmt: Any) -> Callable[[], None]:
        def run() -> None:
            with engine.connect() as c:
                c.execute(stmt).all()
        return run

    # The baseline reads every row once in SQLite, returning one number: the cost of the scan.
    baseline = median_ms(scan(select(func.sum(ReviewLogRow.seconds))), args.repeat * 3)
    table = Table(baseline)
    table.row("SELECT sum(seconds) FROM review_log (baseline)", baseline)
    fact_columns = [getattr(ReviewLogRow, name) for name in ReviewFact._fields]
    table.row("SELECT the fact columns, Core, no ORM", median_ms(scan(select(*fact_columns)), args.repeat))
    table.row("import matplotlib, fresh process", fresh_import_ms("matplotlib.figure"), "(not in launch)")
    start = time.perf_counter()
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    table.row("import matplotlib, first time here", Timing((time.perf_counter() - start) * 1000))
    table.row("Store.review_facts(), first read", median_ms(lambda: cold_facts(folder), args.repeat),
              "(fresh Store: the whole log)")
    table.row("Store.review_facts(), later reads", median_ms(store.review_facts, args.repeat),
              "(only rows added since)")
    table.row("Store.skill_states()", median_ms(store.skill_states, args.repeat))
    statistics_rows(table, store, bank, today, args.repeat)
    table.row("render all 7 charts (Agg, 1× pixels)", render_all_ms(store, bank, today, 1.0, args.repeat))
    table.row("render all 7 charts (Agg, 2× pixels)", render_all_ms(store, bank, today, 2.0, args.repeat))
    table.row("tutor stats (queries + headline + text)", tutor_stats_ms(store, bank, today, args.repeat))
    opened, first = window_opened_ms(store, bank, today, args.repeat)
    table.row("statistics window: first open to drawn", first, "(font cache, first figure)")
    table.row("statistics window: open to drawn", opened, "target ≤ 300 ms")
    with Store.open(folder) as cold:
        _, cold_open = window_opened_ms(cold, bank, today, 1)  # its first open reads the whole log
    table.row("statistics window: open on a fresh Store", cold_open, "(first open after launch)")
    for name, hook in (("Today screen figures (overview)", today_screen_ms), ("undo", undo_ms)):
        ms = hook(store, bank, args.repeat)
        if ms is not None:
            table.row(name, ms)
        else:
            print(f"{name:<46} (not available yet)")
    engine.dispose()
    store.close()
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
