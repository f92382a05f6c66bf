"""Study controls without a window: undo, bury/suspend/reset, limits, credit, schedulers, drills.

Every test ends by checking that replaying the log gives the stored states (``rebuild --check``).
"""

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tutor import rebuild
from tutor.bank import load_bank
from tutor.drill import Drill, drill_skills, weak_spots
from tutor.store import Store
from tutor.study import StudySession, study_day


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 22, 15, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path)
    yield s
    assert rebuild.check(s) == []  # the log is the truth, whatever the test did
    s.close()


def session(store, bank, clock, seed=3):
    return StudySession(store, bank, clock=clock, rng=random.Random(seed))


def answer(s, item, quality=4):
    verdict = "correct" if quality >= 3 else ("dont_know" if quality == 0 else "wrong")
    return s.record(item, answer="x", verdict=verdict, quality=quality, seconds=2.0, hint_used=False)


def study_all(s, quality=5):
    s.start()
    done = []
    while (item := s.next_item()) is not None:
        answer(s, item, quality)
        done.append(item.template_id)
    return done


# -- undo ----------------------------------------------------------------------------


def test_undo_a_grade_restores_the_state_and_brings_the_same_variant_back(store, bank, clock):
    s = session(store, bank, clock)
    s.start()
    first = s.next_item()
    answer(s, first, 5)
    assert store.skill_state(first.template_id).interval_days == 1
    assert s.undo_text() == f"Undo Easy on {bank[first.template_id].title}"
    result = s.undo()
    assert result.item.template_id == first.template_id and result.item.seed == first.seed
    assert store.skill_state(first.template_id) is None  # new again
    assert s.next_item().seed == first.seed and s.done == 0
    assert store.reviews() == [] and len(store.reviews(include_undone=True)) == 1
    assert s.overview().new == 5


def test_several_steps_back_and_after_a_restart(tmp_path, bank, clock):
    with Store.open(tmp_path) as store:
        s = session(store, bank, clock)
        s.start()
        items = []
        for quality in (5, 1, 4):
            item = s.next_item()
            items.append(item)
            answer(s, item, quality)
        states_after_first = store.skill_state(items[0].template_id)
    with Store.open(tmp_path) as store:  # a restart
        s = session(store, bank, clock)
        assert s.undo().item.seed == items[2].seed
        assert s.undo().item.seed == items[1].seed
        assert store.skill_state(items[1].template_id) is None
        assert store.skill_state(items[0].template_id) == states_after_first
        assert [r.template_id for r in store.reviews()] == [items[0].template_id]
        assert s.redrill_ids() == []  # the undone miss no longer asks for a re-drill
        assert rebuild.check(store) == []
    with Store.open(tmp_path) as store:
        assert len(store.reviews()) == 1


def test_undo_of_bury_suspend_and_reset(store, bank, clock):
    s = session(store, bank, clock)
    s.start()
    item = s.next_item()
    answer(s, item, 5)
    clock.now += timedelta(days=1)
    s.start()
    due = s.next_item()
    assert due.template_id == item.template_id
    before = store.skill_state(item.template_id)
    for act, status in ((s.bury, "buried"), (s.suspend, "suspended"), (s.reset, None)):
        act(item.template_id, seed=due.seed)
        assert item.template_id not in s.due_ids()
        state = store.skill_state(item.template_id)
        assert (state is None) if status is None else (state.buried_until or state.suspended)
        result = s.undo()
        assert result.item.seed == due.seed and store.skill_state(item.template_id) == before
        assert item.template_id in s.due_ids()


def test_nothing_to_undo_on_a_fresh_day(store, bank, clock):
    s = session(store, bank, clock)
    assert s.undo_target() is None and s.undo() is None and s.undo_text() is None
    study_all(s)
    clock.now += timedelta(days=1)
    assert s.undo() is None  # yesterday's reviews are kept


# -- bury, suspend, reset --------------------------------------------------------------


def test_bury_until_tomorrow_and_suspend_until_unsuspended(store, bank, clock):
    s = session(store, bank, clock)
    new = s.new_ids()
    s.bury(new[0])
    s.suspend(new[1])
    offered = s.new_ids()
    assert new[0] not in offered and new[1] not in offered
    clock.now += timedelta(days=1)
    assert new[0] in s.new_ids() and new[1] not in s.new_ids()
    s.unsuspend(new[1])
    assert new[1] in s.new_ids()
    assert store.skill_state(new[1]) is None  # nothing left to remember about it


def test_reset_makes_a_skill_new_again(store, bank, clock):
    s = session(store, bank, clock)
    tid = study_all(s)[0]
    clock.now += timedelta(days=1)
    s.reset(tid)
    assert store.skill_state(tid) is None and tid in s.new_ids()
    assert len(store.reviews(template_id=tid)) == 1  # the history stays


# -- limits and prerequisites ----------------------------------------------------------


def test_new_skills_wait_for_their_prerequisites(store, bank, clock):
    s = session(store, bank, clock)
    for tid in s.new_ids():
        assert not bank[tid].prerequisites
    store.set_setting("new_per_day", "50")
    passed = set(study_all(s, 5))
    for tid in s.new_ids():
        assert set(bank[tid].prerequisites) <= passed


def test_failed_prerequisite_does_not_unlock(store, bank, clock):
    store.set_setting("new_per_day", "60")
    s = session(store, bank, clock)
    s.start()
    while (item := s.next_item()) is not None and not item.redrill:
        answer(s, item, 1)
    unlocked = [t for t in s.new_ids() if bank[t].prerequisites]
    assert unlocked == []


def test_review_limit_takes_the_most_overdue_relative_to_interval(store, bank, clock):
    store.set_setting("new_per_day", "6")
    s = session(store, bank, clock)
    first_day = study_all(s, 5)
    clock.now += timedelta(days=1)
    second = study_all(s, 5)  # all six again (interval 1 → 6); new ones come too
    clock.now += timedelta(days=30)
    store.set_setting("reviews_per_day", "3")
    due = s.all_due_ids()
    assert len(due) == len(set(first_day) | set(second))
    # skills whose interval is 1 day are 30× overdue, those at 6 days only 5×
    states = store.skill_states()
    ratios = [(clock.now.date() - states[t].due).days / states[t].interval_days for t in due]
    assert ratios == sorted(ratios, reverse=True)
    assert s.due_ids() == due[:3] and s.overview().due_beyond_limit == len(due) - 3
    s.start()
    answer(s, s.next_item(), 5)
    assert len(s.due_ids()) == 2


# -- credit flowing down the graph -------------------------------------------------------


def _skill_with_prerequisite(bank):
    for tid in bank.learning_order():
        pres = [p for p in bank[tid].prerequisites if p in bank]
        if pres:
            return tid, pres
    raise AssertionError("no skill has a prerequisite")


def test_a_pass_credits_due_prerequisites_and_undo_takes_it_back(store, bank, clock):
    store.set_setting("new_per_day", "60")
    s = session(store, bank, clock)
    study_all(s, 5)
    skill, pres = _skill_with_prerequisite(bank)
    clock.now += timedelta(days=1)
    s.start()
    assert set(pres) <= set(s.due_ids())
    before = {p: store.skill_state(p) for p in pres}
    s._queue.sort(key=lambda q: q.template_id != skill)  # review the dependent skill first
    item = s.next_item()
    assert item.template_id == skill
    review = answer(s, item, 4)
    credits = store.reviews(kinds=("implicit",))
    assert {c.template_id for c in credits} == set(pres)
    assert all(c.quality == 4 and c.credited_by == review.id for c in credits)
    for p in pres:
        assert p not in s.due_ids() and store.skill_state(p).interval_days == 6
        assert all(q.template_id != p for q in s._queue)
    assert s.overview().credited_today == len(pres) and s.summary().credited == len(pres)
    s.undo()
    assert {p: store.skill_state(p) for p in pres} == before
    assert store.reviews(kinds=("implicit",)) == [] and s.credited_today() == 0


def test_credit_can_be_turned_off_and_needs_quality_four(store, bank, clock):
    store.set_setting("new_per_day", "60")
    s = session(store, bank, clock)
    study_all(s, 5)
    skill, _pres = _skill_with_prerequisite(bank)
    clock.now += timedelta(days=1)
    s.start()
    s._queue.sort(key=lambda q: q.template_id != skill)
    answer(s, s.next_item(), 3)  # Hard is not enough
    assert store.reviews(kinds=("implicit",)) == []
    s.undo()
    store.set_setting("credit_prerequisites", "0")
    answer(s, s.next_item(), 5)
    assert store.reviews(kinds=("implicit",)) == []


# -- honest grade buttons ----------------------------------------------------------------


def test_grade_labels_say_what_happens(store, bank, clock):
    s = session(store, bank, clock)
    s.start()
    item = s.next_item()
    options = s.grade_options(item)
    assert options["hard"].label == "Hard · again today, then 1 day"
    assert options["good"].label == "Good · 1 day · ease 2.50"
    assert options["easy"].label == "Easy · 1 day · ease 2.60"
    answer(s, item, 4)
    clock.now += timedelta(days=1)
    s.start()
    again = s.next_item()
    assert again.template_id == item.template_id
    options = s.grade_options(again)
    assert options["hard"].label == "Hard · again today, then 6 days"
    assert options["good"].label == "Good · 6 days · then 15 days"
    assert options["easy"].label == "Easy · 6 days · then 16 days"
    assert len({o.label for o in options.values()}) == 3


def test_fsrs_grade_labels_differ(store, bank, clock):
    rebuild.switch_scheduler(store, "fsrs")
    s = session(store, bank, clock)
    s.start()
    labels = [o.label for o in s.grade_options(s.next_item()).values()]
    assert len(set(labels)) == 3 and labels[0].startswith("Hard · again today")


# -- schedulers ----------------------------------------------------------------------------


def test_switching_sm2_fsrs_sm2_gives_the_original_states(store, bank, clock):
    s = session(store, bank, clock)
    grades = iter([5, 4, 1, 3, 5, 0, 4, 4, 2, 5] * 20)
    for _day in range(5):
        s.start()
        while (item := s.next_item()) is not None:
            answer(s, item, 5 if item.redrill else next(grades))
        clock.now += timedelta(days=3)
    sm2_states = store.skill_states()
    rebuild.switch_scheduler(store, "fsrs", 0.85)
    fsrs_states = store.skill_states()
    assert set(fsrs_states) == set(sm2_states)
    assert all(st.stability is not None for st in fsrs_states.values())
    assert store.get_setting("scheduler") == "fsrs" and store.get_setting("desired_retention") == "0.85"
    assert rebuild.check(store) == []
    answer(s, s.next_item() or (s.start() and s.next_item()), 4)  # reviewing under FSRS
    rebuild.switch_scheduler(store, "sm2")
    back = store.skill_states()
    changed = {t for t in back if back[t] != sm2_states.get(t)}
    assert len(changed) <= 1  # only the skill reviewed under FSRS moved
    assert all(st.stability is None for st in back.values())


# -- drills ------------------------------------------------------------------------------


def test_a_drill_never_moves_the_schedule(tmp_path, bank, clock):
    with Store.open(tmp_path) as store:
        s = session(store, bank, clock)
        study_all(s, 5)
        states = store.skill_states()
        overview = s.overview()
        drill = Drill(store, bank, drill_skills(bank, topics=["linear algebra"]), count=6, clock=clock,
                      rng=random.Random(2))
        answered = []
        while (item := drill.next_item()) is not None:
            assert bank[item.template_id].topic == "linear algebra" and item.practice
            drill.record(item, answer="x", verdict="wrong", quality=1, seconds=1, hint_used=False)
            answered.append(item.template_id)
        assert len(answered) == 6
        summary = drill.summary()
        assert (summary.answered, summary.correct) == (6, 0) and set(summary.revisit) == set(answered)
        assert store.skill_states() == states and s.redrill_ids() == [] and s.overview() == overview
    with Store.open(tmp_path) as store:  # still untouched after a restart
        assert store.skill_states() == states
        assert rebuild.check(store) == []
        assert set(weak_spots(store, study_day(clock.now))) <= set(answered)


def test_drill_undo_brings_back_the_same_variant(store, bank, clock):
    drill = Drill(store, bank, ["vectors.dot_product"], count=2, clock=clock)
    item = drill.next_item()
    drill.record(item, answer="x", verdict="correct", quality=4, seconds=1, hint_used=False)
    again = drill.undo()
    assert again.seed == item.seed and drill.answered == 0
    assert store.reviews() == []


def test_timed_drill_ends_when_the_time_is_up(store, bank, clock):
    drill = Drill(store, bank, ["vectors.dot_product", "vectors.add_scale"], count=None, time_limit=60,
                  clock=clock)
    for _ in range(3):
        item = drill.next_item()
        drill.record(item, answer="x", verdict="correct", quality=4, seconds=1, hint_used=False)
    clock.now += timedelta(seconds=61)
    assert drill.next_item() is None and drill.summary().answered == 3


def test_weak_spots_rank_recent_misses(store, bank, clock):
    drill = Drill(store, bank, ["vectors.dot_product", "vectors.add_scale", "cosine.two_vectors"],
                  count=9, clock=clock, rng=random.Random(5))
    misses = {"vectors.dot_product": 0, "vectors.add_scale": 0}
    while (item := drill.next_item()) is not None:
        missed = item.template_id == "vectors.dot_product" or (
            item.template_id == "vectors.add_scale" and misses["vectors.add_scale"] == 0)
        if missed:
            misses[item.template_id] += 1
        drill.record(item, answer="x", verdict="wrong" if missed else "correct",
                     quality=1 if missed else 4, seconds=1, hint_used=False)
    assert weak_spots(store, study_day(clock.now)) == ["vectors.dot_product", "vectors.add_scale"]
    clock.now += timedelta(days=40)
    assert weak_spots(store, study_day(clock.now)) == []


def test_drill_skills_by_topic_and_unknown_names(bank):
    skills = drill_skills(bank, topics=["calculus"])
    assert skills and all(bank[t].topic == "calculus" for t in skills)
    with pytest.raises(ValueError, match="no.such"):
        drill_skills(bank, skills=["no.such"])


def test_new_skills_do_not_use_up_the_review_limit(store, bank, clock):
    store.set_setting("reviews_per_day", "2")
    s = session(store, bank, clock)
    study_all(s, 5)  # five new skills
    assert s.reviews_done_today() == 0
    clock.now += timedelta(days=1)
    assert len(s.due_ids()) == 2
    s.start()
    answer(s, s.next_item(), 5)
    assert s.reviews_done_today() == 1 and len(s.due_ids()) == 1


def test_a_redrill_reached_after_the_rollover_moves_the_schedule_and_says_so(store, bank, clock):
    from datetime import datetime as dt

    clock.now = dt(2026, 11, 23, 3, 30).astimezone(UTC)  # 3:30 local: still the 22nd's study day
    s = session(store, bank, clock)
    s.start()
    missed = s.next_item()
    answer(s, missed, 1)
    redrill = next(q for q in s._queue if q.template_id == missed.template_id)
    assert redrill.redrill
    clock.now += timedelta(minutes=35)  # 4:05: a new study day
    item = s.refreshed(replace(s.next_item(), template_id=missed.template_id,
                               problem=bank[missed.template_id].generate(5), redrill=True))
    assert not item.redrill
    assert s.grade_options(item)["good"].label.startswith("Good · 1 day")  # it moves the schedule
    answer(s, item, 4)
    assert store.skill_state(missed.template_id).repetitions == 1


def test_unreadable_limit_settings_fall_back_to_the_defaults(store, bank, clock):
    s = session(store, bank, clock)
    for value in ("²", "0" * 5000, "-3", "7.5", "99999999"):
        store.set_setting("new_per_day", value)
        store.set_setting("reviews_per_day", value)
        assert (s.new_per_day, s.reviews_per_day) == (5, 200)
        assert s.overview().new == 5
