"""Two processes reviewing the same learner at once lose no update (SQLite and PostgreSQL).

Each process is a separate interpreter with its own connection, as two machines (or two
windows) would be; both review the same skills on the same days as fast as they can. Every
review is a read-modify-write of the skill's state, so without one transaction around it one
process's effect would be overwritten by the other's: ``tutor rebuild --check`` (replaying the
log) would then find states that differ from the log.
"""

from __future__ import annotations

import multiprocessing
import random
from datetime import UTC, datetime

import pytest

from tutor import rebuild
from tutor.bank import load_bank
from tutor.store import Store
from tutor.study import Item, StudySession

SKILLS = ["vectors.dot_product", "vectors.magnitude_unit", "matrices.matvec"]
DAYS = 4
ROUNDS = 6  # reviews of each skill per process per day


def review_in_process(url: str, worker: int, start_line) -> int:
    """Open the database in this process and review SKILLS ROUNDS times on each of DAYS days."""
    bank = load_bank()
    rng = random.Random(worker)
    start_line.wait()
    done = 0
    with Store.open_url(url, learner="ada") as store:
        for day in range(DAYS):
            moment = datetime(2026, 11, 2 + day, 15, 0, tzinfo=UTC)
            session = StudySession(store, bank, clock=lambda m=moment: m, rng=rng)
            for _ in range(ROUNDS):
                for tid in SKILLS:
                    seed = rng.randrange(1, 2**31)
                    item = Item(tid, seed, bank[tid].generate(seed), redrill=False, new=False)
                    quality = rng.choice([1, 3, 4, 5])
                    verdict = "correct" if quality >= 3 else "wrong"
                    session.record(item, answer="x", verdict=verdict, quality=quality, seconds=1.0, hint_used=False)
                    done += 1
    return done


def run_two_reviewers(url: str) -> list[int]:
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager:
        start_line = manager.Barrier(2)
        with spawn.Pool(2) as pool:
            results = [pool.apply_async(review_in_process, (url, w, start_line)) for w in range(2)]
            return [r.get(timeout=240) for r in results]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tutor.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def test_two_processes_reviewing_at_once_lose_no_update(database_url):
    Store.open_url(database_url, learner="ada").close()  # migrate once before the race
    done = run_two_reviewers(database_url)

    with Store.open_url(database_url, learner="ada") as store:
        reviews = store.reviews()
        assert len(reviews) == sum(done) == 2 * DAYS * ROUNDS * len(SKILLS)
        assert rebuild.check(store) == []
        # The schedule moved exactly once per skill per day, whoever got there first.
        moved = [(r.template_id, r.day) for r in reviews if r.kind == "review" and not r.redrill]
        assert sorted(moved) == sorted({(tid, r.day) for r in reviews for tid in SKILLS})
        states = store.skill_states()
        assert set(states) == set(SKILLS)
        assert all(s.last_reviewed is not None and s.last_reviewed >= datetime(2026, 11, 5, tzinfo=UTC)
                   for s in states.values())
