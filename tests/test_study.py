"""The study session without a window: queue, grading, SM-2 step 7, persistence."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from tutor.bank import load_bank
from tutor.store import Store
from tutor.study import StudySession, quality_for, study_day


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 22, 15, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path)
    yield s
    s.close()


def session(store, clock):
    return StudySession(store, load_bank(), clock=clock, rng=random.Random(3))


def test_quality_mapping():
    assert [quality_for("correct", g) for g in ("hard", "good", "easy")] == [3, 4, 5]
    assert quality_for("correct", "easy", hint_used=True) == 3
    assert (quality_for("close"), quality_for("wrong"), quality_for("dont_know")) == (2, 1, 0)


def test_first_day_offers_new_skills_in_prerequisite_order(store, clock):
    s = session(store, clock)
    overview = s.overview()
    assert overview.due == 0 and overview.new == min(5, len(s.bank))
    order = s.bank.learning_order()
    ready = [tid for tid in order if not s.bank[tid].prerequisites]  # nothing passed yet
    assert s.new_ids() == ready[: overview.new]
    position = {tid: i for i, tid in enumerate(order)}
    for tid in order:
        for pre in s.bank[tid].prerequisites:
            assert position[pre] < position[tid]


def test_good_answer_schedules_tomorrow(store, clock):
    s = session(store, clock)
    s.start()
    item = s.next_item()
    s.record(item, answer=item.problem.answer, verdict="correct", quality=4, seconds=3.0, hint_used=False)
    state = store.skill_state(item.template_id)
    assert (state.interval_days, state.repetitions, state.ef_hundredths) == (1, 1, 250)
    assert state.due == study_day(clock.now) + timedelta(days=1)
    [review] = store.reviews(template_id=item.template_id)
    assert review.seed == item.seed and review.quality == 4 and not review.redrill


def test_low_score_comes_back_as_new_variant_without_moving_the_schedule_again(store, clock):
    s = session(store, clock)
    total = s.start()
    first = s.next_item()
    s.record(first, answer="0", verdict="wrong", quality=1, seconds=5, hint_used=False)
    after_miss = store.skill_state(first.template_id)
    assert s.remaining == total  # one done, the same skill queued again at the back
    items = []
    while (item := s.next_item()) is not None:
        items.append(item)
        s.record(item, answer=item.problem.answer, verdict="correct", quality=4, seconds=2, hint_used=False)
    redrill = [i for i in items if i.template_id == first.template_id]
    assert len(redrill) == 1 and redrill[0].redrill and redrill[0].seed != first.seed
    assert store.skill_state(first.template_id) == after_miss  # re-drill did not touch SM-2
    logged = store.reviews(template_id=first.template_id)
    assert [r.redrill for r in logged] == [False, True]
    summary = s.summary()
    assert summary.reviewed == total + 1 and summary.correct == total
    assert summary.next_due == study_day(clock.now) + timedelta(days=1)


def test_redrill_still_pending_after_restart(tmp_path, clock):
    with Store.open(tmp_path) as store:
        s = session(store, clock)
        s.start()
        item = s.next_item()
        s.record(item, answer="", verdict="dont_know", quality=0, seconds=1, hint_used=False)
    with Store.open(tmp_path) as store:
        s = session(store, clock)
        assert s.redrill_ids() == [item.template_id]
        assert s.overview().redrill == 1


def test_due_skills_come_back_on_their_day(store, clock):
    s = session(store, clock)
    s.start()
    item = s.next_item()
    s.record(item, answer=item.problem.answer, verdict="correct", quality=5, seconds=1, hint_used=False)
    clock.now += timedelta(days=1)
    assert s.due_ids() == [item.template_id]
    assert s.overview().due == 1


def test_new_skills_per_day_limit(store, clock):
    store.set_setting("new_per_day", "2")
    s = session(store, clock)
    assert s.start() == min(2, len(s.bank))


def test_study_day_rolls_over_at_four_am():
    late = datetime(2026, 11, 22, 3, 0).astimezone()
    assert study_day(late) == date(2026, 11, 21)
