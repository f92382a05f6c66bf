"""The repository API against a real SQLite file."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tutor.store import ReviewRecord, Store, StoreError

DAY = date(2026, 3, 14)  # the day and time conftest's make_review/make_state use
NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


def count_log_rows(store: Store) -> int:
    """Rows in review_log, read past the Store's API (every learner's)."""
    with store._engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM review_log").scalar()


def test_review_survives_close_and_reopen(tmp_path, make_review, make_state):
    review = make_review(answer="24/25", seconds=3.25, hint_used=True, seed=2**62)
    state = make_state()
    store = Store.open(tmp_path)
    log_id = store.record_review(review, state)
    store.close()

    reopened = Store.open(tmp_path)
    try:
        assert reopened.reviews() == [dataclasses.replace(review, id=log_id)]
        assert reopened.skill_state(state.template_id) == state
        assert reopened.skill_states() == {state.template_id: state}
    finally:
        reopened.close()


def test_redrill_logs_without_touching_the_schedule(store, make_review, make_state):
    state = make_state()
    store.record_review(make_review(), state)
    store.record_review(make_review(redrill=True, verdict="wrong", quality=1, answer=""), None)
    assert store.skill_state(state.template_id) == state
    assert [r.redrill for r in store.reviews()] == [False, True]


def test_second_review_updates_the_state(store, make_review, make_state):
    store.record_review(make_review(), make_state())
    later = make_state(ef_hundredths=270, interval_days=6, repetitions=2, due=DAY + timedelta(6))
    store.record_review(make_review(reviewed_at=NOON + timedelta(days=1)), later)
    assert store.skill_states() == {later.template_id: later}


def test_failed_upsert_leaves_no_log_row(store, make_review, make_state):
    """The CHECK constraint on skill_state fails after the log row was inserted: all rolls back."""
    store.record_review(make_review(), make_state())
    with pytest.raises(StoreError, match="Could not save"):
        store.record_review(make_review(seed=8), make_state(interval_days=-1))
    assert [r.seed for r in store.reviews()] == [7]
    assert store.skill_state("cosine.two_vectors") == make_state()
    assert count_log_rows(store) == 1


def test_invalid_log_row_leaves_state_unchanged(store, make_review, make_state):
    with pytest.raises(StoreError):
        store.record_review(make_review(quality=9), make_state())
    assert store.skill_states() == {}
    assert store.reviews() == []


def test_reviews_filter_and_order(store, make_review):
    a, b = "a.skill", "b.skill"
    store.record_review(make_review(template_id=b, reviewed_at=NOON + timedelta(hours=1)), None)
    store.record_review(make_review(template_id=a, reviewed_at=NOON), None)
    store.record_review(make_review(template_id=a, reviewed_at=NOON), None)  # same instant
    store.record_review(
        make_review(template_id=a, reviewed_at=NOON + timedelta(days=1), day=DAY + timedelta(1)),
        None,
    )
    everything = store.reviews()
    assert [(r.template_id, r.id) for r in everything] == [(a, 2), (a, 3), (b, 1), (a, 4)]
    assert [r.id for r in store.reviews(day=DAY)] == [2, 3, 1]
    assert [r.id for r in store.reviews(template_id=a)] == [2, 3, 4]
    assert [r.id for r in store.reviews(day=DAY, template_id=b)] == [1]


def test_times_come_back_in_utc(store, make_review):
    local = datetime(2026, 3, 14, 14, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    store.record_review(make_review(reviewed_at=local), None)
    (back,) = store.reviews()
    assert back.reviewed_at == local
    assert back.reviewed_at.tzinfo == UTC
    assert back.reviewed_at.hour == 12


def test_naive_datetime_is_refused(store, make_review, make_state):
    with pytest.raises(ValueError, match="timezone-aware"):
        store.record_review(make_review(reviewed_at=datetime(2026, 3, 14, 12)), None)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.record_review(make_review(), make_state(last_reviewed=datetime(2026, 3, 14, 12)))
    assert store.reviews() == []


def test_state_for_another_skill_is_refused(store, make_review, make_state):
    with pytest.raises(ValueError, match="other.skill"):
        store.record_review(make_review(), make_state(template_id="other.skill"))


def test_due_and_introduced_counts(store, make_review, make_state):
    for name, due, introduced in [
        ("a", DAY - timedelta(1), DAY - timedelta(3)),
        ("b", DAY, DAY),
        ("c", DAY + timedelta(1), DAY),
    ]:
        state = make_state(template_id=name, due=due, introduced_on=introduced)
        store.record_review(make_review(template_id=name), state)
    assert store.due_count(DAY - timedelta(2)) == 0
    assert store.due_count(DAY) == 2
    assert store.due_count(DAY + timedelta(30)) == 3
    assert store.introduced_count(DAY) == 2
    assert store.introduced_count(DAY - timedelta(3)) == 1
    assert store.introduced_count(DAY + timedelta(1)) == 0


def test_settings(store):
    assert store.get_setting("new_per_day") is None
    assert store.get_setting("new_per_day", "10") == "10"
    store.set_setting("new_per_day", "15")
    store.set_setting("new_per_day", "20")
    assert store.get_setting("new_per_day", "10") == "20"


def test_closed_store_refuses_calls(tmp_path):
    store = Store.open(tmp_path)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.skill_states()


def test_close_releases_the_file(tmp_path, make_review):
    with Store.open(tmp_path) as store:
        store.record_review(make_review(), None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tutor.sqlite3"]  # no -wal/-shm left
    (tmp_path / "tutor.sqlite3").rename(tmp_path / "moved.sqlite3")
    with Store.open_url(f"sqlite:///{tmp_path / 'moved.sqlite3'}") as moved:
        assert len(moved.reviews()) == 1


def test_in_memory_url(make_review):
    with Store.open_url("sqlite://") as store:
        store.record_review(make_review(), None)
        assert store.path is None
        assert len(store.reviews()) == 1


def test_review_record_id_is_assigned_by_the_database(store, make_review):
    first = store.record_review(make_review(), None)
    second = store.record_review(make_review(), None)
    assert second == first + 1
    assert isinstance(store.reviews()[0], ReviewRecord)


def test_writes_from_several_threads(store, make_review):
    """The GUI may write from worker threads: each write takes the lock and waits its turn."""

    def write(worker: int) -> None:
        for seed in range(25):
            store.record_review(make_review(template_id=f"t{worker}", seed=seed), None)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.reviews()) == 100
    assert [r.seed for r in store.reviews(template_id="t2")] == list(range(25))


def test_in_memory_store_is_shared_across_threads(make_review):
    with Store.open_url("sqlite://") as store:
        worker = threading.Thread(target=store.record_review, args=(make_review(), None))
        worker.start()
        worker.join()
        assert len(store.reviews()) == 1


def test_review_facts_follow_appends_and_undos(store, make_review):
    from tutor.core.records import UNDO
    from tutor.store import SkillEvent

    first = store.record_review(make_review(), None)
    assert [f.id for f in store.review_facts()] == [first]
    later = store.record_review(make_review(seed=8, reviewed_at=NOON + timedelta(hours=1)), None)
    assert [f.id for f in store.review_facts()] == [first, later]  # only the new row was read
    store.record_event(SkillEvent("cosine.two_vectors", UNDO, NOON + timedelta(hours=2), DAY,
                                  target_review=later), {})
    assert [f.id for f in store.review_facts()] == [first]
    older = store.record_review(make_review(seed=9, day=DAY - timedelta(days=3),
                                            reviewed_at=NOON - timedelta(days=3)), None)
    facts = store.review_facts()
    assert [f.id for f in facts] == [older, first]  # oldest first, whatever the id order
    assert [f.id for f in store.review_facts(since=DAY)] == [first]
    assert facts[0].day == DAY - timedelta(days=3) and facts[0].redrill is False
