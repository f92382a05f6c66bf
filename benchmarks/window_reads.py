"""The window's small reads, timed on SQLite and PostgreSQL.

Run: python benchmarks/window_reads.py [--postgres URL] [--reviews N] [--repeat N]

Today's overview, building the queue on Start, the grade buttons after a correct answer and
the end-of-session summary run on the window's reading thread (one thread, in order, after
the writes before them); the settings dialog's few settings are still read on the GUI thread
when it opens. Each is a few round trips over one learner's rows, timed here on a history of
``--reviews`` answers (100,000), on a SQLite file and on a PostgreSQL database (a throwaway
cluster unless ``--postgres`` names a server), medians in ms.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_answers import _time as timed  # noqa: E402 - milliseconds per call
from postgres_server import fresh_database  # noqa: E402
from stores import NOW, build, scratch, settle  # noqa: E402

from tutor.bank import load_bank  # noqa: E402
from tutor.rebuild import SCHEDULER_KEY, retention_setting  # noqa: E402
from tutor.store import Store  # noqa: E402
from tutor.study import Item, StudySession  # noqa: E402

SKILL = "calculus.chain_rule"


def reads(store: Store, bank) -> dict[str, object]:  # noqa: ANN001
    session = StudySession(store, bank, clock=lambda: NOW)
    item = Item(SKILL, 5, bank[SKILL].generate(5), redrill=False, new=False)
    return {
        "Today's overview": session.overview,
        "Start (the queue)": session.start,
        "grade buttons": lambda: session.grade_options(session.refreshed(item)),
        "end-of-session summary": session.summary,
        "settings dialog": lambda: (session.new_per_day, session.reviews_per_day, session.credit_enabled,
                                    store.get_setting(SCHEDULER_KEY), retention_setting(store)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="an admin URL of a server to use (default: a throwaway cluster)")
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    bank = load_bank()
    with contextlib.ExitStack() as stack:
        admin, tmp = scratch(stack, args.postgres)
        medians: dict[str, dict[str, float]] = {}
        for backend in ("sqlite", "postgresql"):
            folder = tmp / backend
            url = None if backend == "sqlite" else fresh_database(admin)[0]
            learner = build((folder, url), bank, 1, args.reviews)
            settle(url, folder)
            with Store.open_progress(folder, url, learner, full_check=False) as store:
                for name, read in reads(store, bank).items():
                    medians.setdefault(name, {})[backend] = statistics.median(timed(read, args.repeat))
        print(f"\nthe window's reads, one learner × {args.reviews:,} reviews (median ms):")
        print(f"  {'':24} {'SQLite':>8} {'PostgreSQL':>11}")
        for name, by_backend in medians.items():
            print(f"  {name:24} {by_backend['sqlite']:8.1f} {by_backend['postgresql']:11.1f}")


if __name__ == "__main__":
    main()
