"""SQLite and PostgreSQL side by side: opening to Today, recording a review, the statistics.

Run: python benchmarks/stores.py [--postgres URL] [--repeat N] [--reviews N] [--learners N]
     [--per-learner N]

Two histories on each backend, built the same way (``benchmarks/stats.py``'s simulated
learner): one learner with ``--reviews`` answers (100,000), and ``--learners`` learners
(50) with ``--per-learner`` answers each (20,000), measured for one of them. Without
``--postgres`` a throwaway cluster is started as the tests do (``tests/postgres_server.py``),
but with fsync on, as SQLite's side syncs every commit (``synchronous=FULL``).
Each database is settled after it is built (``settle``). Medians in milliseconds, the spread (p10–p90) and PostgreSQL ÷ SQLite in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_answers import _time as timed  # noqa: E402 - milliseconds per call, as the other benchmarks
from postgres_server import fresh_database, throwaway_cluster  # noqa: E402
from stats import build_history  # noqa: E402

from tutor.bank import load_bank  # noqa: E402
from tutor.core import stats  # noqa: E402
from tutor.store import Store  # noqa: E402
from tutor.study import Item, StudySession, study_day  # noqa: E402

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


def summary(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    return (statistics.median(ordered), ordered[len(ordered) // 10], ordered[min(len(ordered) - 1, len(ordered) * 9 // 10)])


def measure(where: tuple[Path, str | None], learner: str, bank, repeat: int) -> dict[str, list[float]]:
    data_dir, url = where
    today = study_day(NOW)

    def open_to_today() -> None:  # as the window opens: a large file's quick_check comes later
        with Store.open_progress(data_dir, url, learner, full_check=False) as store:
            StudySession(store, bank, clock=lambda: NOW).overview()

    def statistics_cold() -> None:
        with Store.open_progress(data_dir, url, learner, full_check=False) as store:  # a fresh cache: the full read
            facts = store.review_facts()
            stats.headline(facts, store.skill_states(), today, skills=len(bank))

    results = {"open to Today": timed(open_to_today, repeat), "statistics (cold)": timed(statistics_cold, repeat)}
    with Store.open_progress(data_dir, url, learner, full_check=False) as store:
        clock = [NOW]
        session = StudySession(store, bank, clock=lambda: clock[0], rng=random.Random(1))
        skills = list(bank)
        rng = random.Random(2)

        def record() -> None:
            clock[0] += timedelta(seconds=30)
            tid = rng.choice(skills)
            seed = rng.randrange(1, 2**31)
            item = Item(tid, seed, bank[tid].generate(seed), redrill=False, new=False)
            session.record(item, answer="1", verdict="correct", quality=rng.choice([3, 4, 5]),
                           seconds=20.0, hint_used=False)

        results["record a review"] = timed(record, repeat * 5)
        store.review_facts()
        results["statistics (warm)"] = timed(lambda: stats.headline(store.review_facts(), store.skill_states(),
                                                                    today, skills=len(bank)), repeat)
    return results


def build(where: tuple[Path, str | None], bank, learners: int, reviews: int) -> str:
    """Fill one database; return the learner to measure (the last one built)."""
    data_dir, url = where
    name = "ada"
    for n in range(learners):
        name = f"learner{n:02d}" if learners > 1 else "ada"
        build_history(data_dir, bank, study_day(NOW), reviews=reviews, seed=n + 1,
                      database_url=url, learner=name).close()
    return name


def settle(url: str | None, data_dir: Path) -> None:
    """After a bulk load, as a running server would be: PostgreSQL's autovacuum would analyze
    the fresh million rows and set their hint bits within minutes; measuring while it does
    (or with no statistics yet) times the load, not the app. SQLite folds its log back in."""
    from sqlalchemy import create_engine

    if url is None:
        with sqlite3.connect(data_dir / "tutor.sqlite3") as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE)")
            conn.exec_driver_sql("CHECKPOINT")
    finally:
        engine.dispose()


def scratch(stack: contextlib.ExitStack, postgres: str | None) -> tuple[str, Path]:
    """A PostgreSQL admin URL (``postgres``, or a durable throwaway cluster) and a temporary
    folder, both closed with ``stack``."""
    admin = postgres or stack.enter_context(throwaway_cluster(durable=True))
    return admin, Path(stack.enter_context(tempfile.TemporaryDirectory()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="an admin URL of a server to use (default: a throwaway cluster)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--per-learner", type=int, default=20_000)
    args = parser.parse_args()
    bank = load_bank()
    with contextlib.ExitStack() as stack:
        admin, tmp = scratch(stack, args.postgres)
        shapes = [("1 learner", 1, args.reviews), (f"{args.learners} learners", args.learners, args.per_learner)]
        for label, learners, reviews in shapes:
            rows = {}
            for backend in ("sqlite", "postgresql"):
                folder = tmp / f"{label}-{backend}".replace(" ", "_")
                url = None if backend == "sqlite" else fresh_database(admin)[0]
                started = time.perf_counter()
                learner = build((folder, url), bank, learners, reviews)
                built = time.perf_counter() - started
                settle(url, folder)
                rows[backend] = measure((folder, url), learner, bank, args.repeat)
                print(f"built {label} × {reviews:,} reviews on {backend} in {built:.0f} s", flush=True)
            print(f"\n{label}, {reviews:,} reviews each (median ms, p10–p90):")
            print(f"  {'':20} {'SQLite':>20} {'PostgreSQL':>20} {'PG ÷ SQLite':>12}")
            for name in rows["sqlite"]:
                lite, pg = summary(rows["sqlite"][name]), summary(rows["postgresql"][name])
                print(f"  {name:20} {lite[0]:8.1f} ({lite[1]:.1f}–{lite[2]:.1f}) {pg[0]:8.1f} ({pg[1]:.1f}–{pg[2]:.1f})"
                      f" {pg[0] / lite[0]:10.2f}×")
            print(flush=True)


if __name__ == "__main__":
    main()
