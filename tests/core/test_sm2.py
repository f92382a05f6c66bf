"""SM-2 exactly as SuperMemo published it (article + plug-in), in exact arithmetic."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.core.scheduling import SM2State, next_due, sm2_review


def run(grades, state=None):
    state = state or SM2State()
    history = []
    for q in grades:
        state = sm2_review(state, q)
        history.append(state)
    return history


def test_start_state():
    s = SM2State()
    assert (s.ef, s.interval, s.repetitions) == (2.5, 0, 0)


def test_all_fives_give_1_6_17_48_140():
    history = run([5] * 5)
    assert [s.interval for s in history] == [1, 6, 17, 48, 140]
    assert [s.repetitions for s in history] == [1, 2, 3, 4, 5]
    assert [s.ef for s in history] == [2.6, 2.7, 2.8, 2.9, 3.0]


def test_exact_product_is_not_rounded_up_by_float_noise():
    # review 6 multiplies 140 by the EF 3.0 reached after five 5s: exactly 420, not 421
    assert run([5] * 6)[-1].interval == 420
    assert run([5] * 8)[-1].interval == 4167


def test_interval_uses_ef_from_before_the_review():
    s = sm2_review(SM2State.from_ef(2.5, interval=6, repetitions=2), 3)
    assert s.interval == 15  # ceil(6 * 2.5), not ceil(6 * 2.36)
    assert s.ef == 2.36


def test_fraction_intervals_round_up():
    s = sm2_review(SM2State.from_ef(2.36, interval=6, repetitions=2), 4)
    assert s.interval == 15  # 6 * 2.36 = 14.16 → 15


@pytest.mark.parametrize(("q", "delta"), [(5, 10), (4, 0), (3, -14), (2, -32), (1, -54), (0, -80)])
def test_ef_change_per_grade(q, delta):
    assert sm2_review(SM2State(), q).ef_hundredths == 250 + delta


def test_lapse_resets_repetitions_and_interval_but_updates_ef():
    history = run([5, 5, 5, 1])
    lapse = history[-1]
    assert (lapse.interval, lapse.repetitions) == (1, 0)
    assert lapse.ef_hundredths == 280 - 54
    # relearning starts again at 1, 6, then ceil(6 * EF)
    after = run([4, 4, 4], lapse)
    assert [s.interval for s in after] == [1, 6, 14]  # ceil(6 * 2.26) = 14


def test_ef_floor_is_1_3_and_no_ceiling():
    assert run([0] * 5)[-1].ef == 1.3
    assert run([5] * 30)[-1].ef == 5.5


def test_first_failure_of_a_new_skill():
    s = sm2_review(SM2State(), 0)
    assert (s.ef, s.interval, s.repetitions) == (1.7, 1, 0)


@pytest.mark.parametrize("bad", [-1, 6, 2.5])
def test_quality_out_of_range_is_refused(bad):
    with pytest.raises(ValueError):
        sm2_review(SM2State(), bad)


def test_next_due_adds_the_interval():
    assert next_due(date(2026, 11, 22), SM2State(250, 6, 2)) == date(2026, 11, 28)


@given(st.lists(st.integers(0, 5), max_size=40))
def test_invariants(grades):
    state = SM2State()
    for q in grades:
        new = sm2_review(state, q)
        assert new.ef_hundredths >= 130
        assert new.interval >= 1
        if q < 3:
            assert new.repetitions == 0
        else:
            assert new.repetitions == state.repetitions + 1
            assert new.interval >= state.interval
        state = new
