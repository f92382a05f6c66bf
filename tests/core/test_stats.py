"""Statistics over hand-built review facts, with the right answers worked out by hand."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.core import stats
from tutor.core.records import IMPLICIT, PRACTICE, REVIEW, ReviewFact, SkillState
from tutor.core.stats import Credit, Ratio, Streak

TODAY = date(2026, 3, 14)  # a Saturday
_ids = itertools.count(1)


def fact(day=TODAY, quality=4, kind=REVIEW, *, redrill=False, interval=None, seconds=30.0,
         tid="linalg.dot"):
    if interval is None:  # credit (implicit) only reaches skills already reviewed
        interval = 3 if kind == IMPLICIT else 0
    return ReviewFact(next(_ids), tid, kind, redrill, quality, seconds, day, interval, False)


def ago(days):
    return TODAY - timedelta(days=days)


TEN_DAYS_AGO = TODAY - timedelta(days=10)


def state(tid="linalg.dot", *, due=TODAY, interval=1, introduced=TEN_DAYS_AGO, suspended=False,
          buried_until=None):
    return SkillState(
        template_id=tid, ef_hundredths=250, interval_days=interval, repetitions=1, due=due,
        last_reviewed=None, introduced_on=introduced, suspended=suspended,
        buried_until=buried_until,
    )


TOPICS = {"linalg.dot": "linear algebra", "linalg.norm": "linear algebra", "prob.bayes": "probability"}
PREREQUISITES = {"linalg.dot": (), "linalg.norm": ("linalg.dot",), "prob.bayes": ()}


# -- an empty history -----------------------------------------------------------------------


def test_empty_history_gives_zeros_everywhere():
    calendar = stats.daily_answers([], TODAY)
    assert len(calendar.counts) == 365 and calendar.total == 0
    assert calendar.first == ago(364) and calendar.last == TODAY
    assert stats.due_forecast([], TODAY) == [0] * 30
    assert stats.accuracy_by_topic([], TOPICS) == {"linear algebra": Ratio(), "probability": Ratio()}
    retention = stats.true_retention([], TODAY)
    assert retention.overall == Ratio() and retention.overall.share is None
    assert list(retention.by_interval) == ["1–6 d", "7–20 d", "21–89 d", "90+ d"]
    assert len(retention.by_month) == 12 and not any(r.total for r in retention.by_month.values())
    assert stats.minutes_per_day([], TODAY) == [0.0] * 30
    assert stats.streaks([], TODAY) == Streak(0, 0)
    assert stats.credit_saved([], TODAY) == Credit(0, 0)


def test_empty_history_headline_reads_well():
    text = stats.headline_text(stats.headline([], {}, TODAY, skills=60))
    assert text.splitlines() == [
        "Due today        0 reviews",
        "Last 7 days      no reviews",
        "Last 30 days     no reviews",
        "Streak           none yet — study today to start one",
        "True retention   not measured yet — needs reviews a day or more after learning",
        "Mastered         0 of 60 skills at an interval of 21 days or more",
        "Saved by credit  none yet",
    ]


def test_empty_mastery_map_has_every_family_new():
    m = stats.mastery_map({}, PREREQUISITES)
    assert [(n.template_id, n.status, n.level) for n in m.nodes] == [
        ("linalg.dot", "new", 1), ("prob.bayes", "new", 1), ("linalg.norm", "new", 2),
    ]
    assert m.edges == [("linalg.dot", "linalg.norm")]
    assert m.counts() == {"new": 3, "learning": 0, "mature": 0, "suspended": 0}


# -- one review ------------------------------------------------------------------------------


def test_one_review_today():
    facts = [fact(quality=4, seconds=90)]
    assert stats.daily_answers(facts, TODAY).counts[-1] == 1
    assert stats.window_ratio(facts, TODAY, 7) == Ratio(1, 1)
    assert stats.streaks(facts, TODAY) == Streak(1, 1)
    assert stats.minutes_per_day(facts, TODAY)[-1] == 1.5
    # a first review (interval 0 before it) says nothing about retention
    assert stats.true_retention(facts, TODAY).overall == Ratio()
    assert stats.accuracy_by_topic(facts, TOPICS)["linear algebra"] == Ratio(1, 1)


def test_answers_older_than_the_window_are_left_out():
    facts = [fact(ago(365)), fact(ago(364)), fact(TODAY + timedelta(days=1))]
    calendar = stats.daily_answers(facts, TODAY)
    assert calendar.counts[0] == 1 and calendar.total == 1
    assert stats.window_ratio(facts, TODAY, 7) == Ratio()
    assert stats.window_ratio([fact(ago(6)), fact(ago(7))], TODAY, 7) == Ratio(1, 1)


# -- what counts as an answer ----------------------------------------------------------------


def test_accuracy_counts_reviews_redrills_and_practice_not_credit():
    facts = [
        fact(quality=3), fact(quality=2), fact(quality=5, redrill=True),
        fact(quality=1, kind=PRACTICE), fact(quality=4, kind=IMPLICIT),
        fact(quality=0, tid="prob.bayes"), fact(quality=5, tid="gone.family"),
    ]
    assert stats.accuracy_by_topic(facts, TOPICS) == {
        "linear algebra": Ratio(2, 4), "probability": Ratio(0, 1), "other": Ratio(1, 1),
    }


def test_skills_marked_known_on_the_first_run_are_not_credit():
    facts = [fact(kind=IMPLICIT, interval=0), fact(kind=IMPLICIT, interval=0), fact(kind=IMPLICIT)]
    assert stats.credit_saved(facts, TODAY) == stats.Credit(today=1, total=1)
    assert stats.streaks(facts, TODAY).longest == 0  # and not answers either


def test_credit_saved_today_and_in_all():
    facts = [fact(kind=IMPLICIT), fact(kind=IMPLICIT), fact(ago(3), kind=IMPLICIT), fact()]
    assert stats.credit_saved(facts, TODAY) == Credit(today=2, total=3)


def test_time_counts_every_answer_on_its_day():
    facts = [fact(ago(1), seconds=30), fact(ago(1), seconds=90, kind=PRACTICE), fact(ago(40))]
    minutes = stats.minutes_per_day(facts, TODAY)
    assert minutes[-2] == 2.0 and sum(minutes) == 2.0


# -- streaks ---------------------------------------------------------------------------------


def days(*offsets, kind=REVIEW):
    return [fact(ago(n), kind=kind) for n in offsets]


def test_streak_still_counts_when_today_is_not_done_yet():
    # 10, 9, 8 days ago; a gap 7 days ago; then 6..1 days ago; nothing today yet
    facts = days(10, 9, 8, 6, 5, 4, 3, 2, 1)
    assert stats.streaks(facts, TODAY) == Streak(current=6, longest=6)


def test_streak_is_broken_by_a_missed_day():
    assert stats.streaks(days(5, 4, 3, 2), TODAY) == Streak(current=0, longest=4)
    assert stats.streaks(days(5, 4, 3, 1, 0), TODAY) == Streak(current=2, longest=3)


def test_streak_counts_practice_but_not_credit():
    facts = days(2) + days(1, kind=IMPLICIT) + days(0, kind=PRACTICE)
    assert stats.streaks(facts, TODAY) == Streak(current=1, longest=1)


def test_streak_across_a_month_and_a_year_end():
    facts = [fact(date(2025, 12, 30)), fact(date(2025, 12, 31)), fact(date(2026, 1, 1))]
    assert stats.streaks(facts, date(2026, 1, 2)) == Streak(current=3, longest=3)


# -- true retention --------------------------------------------------------------------------


def test_buckets_by_the_interval_before_the_review():
    intervals = [0, 1, 6, 7, 20, 21, 89, 90, 400]
    facts = [fact(interval=i, quality=4) for i in intervals] + [fact(interval=30, quality=2)]
    r = stats.true_retention(facts, TODAY)
    assert r.by_interval == {
        "1–6 d": Ratio(2, 2), "7–20 d": Ratio(2, 2), "21–89 d": Ratio(2, 3), "90+ d": Ratio(2, 2),
    }
    assert r.overall == Ratio(8, 9)
    assert [stats.interval_bucket(i) for i in (0, 1, 7, 21, 90)] == [None, "1–6 d", "7–20 d", "21–89 d", "90+ d"]


def test_retention_counts_only_schedule_moving_reviews():
    facts = [
        fact(interval=10, quality=1),
        fact(interval=10, quality=5, redrill=True),  # the same day again: not a retention test
        fact(interval=10, quality=5, kind=PRACTICE),
        fact(interval=10, quality=4, kind=IMPLICIT),
    ]
    assert stats.true_retention(facts, TODAY).overall == Ratio(0, 1)


def test_retention_by_month_across_a_year_boundary():
    today = date(2026, 1, 15)
    facts = [
        fact(date(2026, 1, 1), interval=3, quality=4),
        fact(date(2025, 12, 31), interval=3, quality=2),
        fact(date(2025, 12, 1), interval=3, quality=5),
        fact(date(2025, 2, 1), interval=3, quality=5),  # first month of the window
        fact(date(2025, 1, 31), interval=3, quality=5),  # just outside it
    ]
    r = stats.true_retention(facts, today, months=12)
    assert list(r.by_month)[0] == date(2025, 2, 1) and list(r.by_month)[-1] == date(2026, 1, 1)
    assert r.by_month[date(2026, 1, 1)] == Ratio(1, 1)
    assert r.by_month[date(2025, 12, 1)] == Ratio(1, 2)
    assert r.by_month[date(2025, 2, 1)] == Ratio(1, 1)
    assert r.by_month[date(2025, 6, 1)] == Ratio(0, 0)
    assert r.overall == Ratio(4, 5)  # overall covers the whole history


def test_retention_by_month_in_a_leap_february():
    facts = [fact(date(2024, 2, 29), interval=5, quality=4), fact(date(2024, 3, 1), interval=5, quality=1)]
    r = stats.true_retention(facts, date(2024, 3, 1), months=2)
    assert r.by_month == {date(2024, 2, 1): Ratio(1, 1), date(2024, 3, 1): Ratio(0, 1)}


def test_retention_carries_the_desired_retention():
    assert stats.true_retention([], TODAY, desired=0.9).desired == 0.9
    assert stats.true_retention([], TODAY).desired is None


# -- due forecast ----------------------------------------------------------------------------


def test_forecast_counts_overdue_today_and_skips_new_and_suspended():
    states = [
        state("a", due=ago(5)),  # overdue: today
        state("b", due=TODAY),
        state("c", due=TODAY + timedelta(days=3)),
        state("d", due=TODAY + timedelta(days=29)),  # the last day shown
        state("e", due=TODAY + timedelta(days=30)),  # beyond
        state("f", due=ago(1), introduced=None),  # new (a buried or suspended new skill's row)
        state("g", due=ago(1), suspended=True),
    ]
    forecast = stats.due_forecast(states, TODAY)
    assert forecast[0] == 2 and forecast[3] == 1 and forecast[29] == 1 and sum(forecast) == 4


def test_forecast_holds_buried_skills_until_buried_until():
    states = [
        state("a", due=ago(1), buried_until=TODAY + timedelta(days=1)),  # buried today
        state("b", due=TODAY + timedelta(days=5), buried_until=TODAY + timedelta(days=1)),
        state("c", due=ago(2), buried_until=TODAY),  # buried yesterday: due again today
    ]
    forecast = stats.due_forecast(states, TODAY)
    assert forecast[0] == 1 and forecast[1] == 1 and forecast[5] == 1


# -- mastery map -----------------------------------------------------------------------------


def test_levels_of_a_small_graph():
    graph = {
        "a": (), "b": ("a",), "c": ("a", "b"), "d": ("c",), "e": ("zzz",),  # zzz: not in the bank
        "f": ("a", "d"),
    }
    assert stats.levels(graph) == {"a": 1, "b": 2, "c": 3, "d": 4, "e": 1, "f": 5}


def test_a_prerequisite_cycle_does_not_hang():
    levels = stats.levels({"x": ("y",), "y": ("x",), "z": ("x",)})
    assert set(levels) == {"x", "y", "z"} and levels["z"] == levels["x"] + 1


def test_nodes_sit_near_their_prerequisites_and_show_status():
    graph = {"p1": (), "p2": (), "p3": (), "needs3": ("p3",), "needs1": ("p1",)}
    states = {
        "p1": state("p1", interval=30), "p2": state("p2", interval=20),
        "p3": state("p3", interval=40, suspended=True), "needs1": state("needs1", introduced=None),
    }
    m = stats.mastery_map(states, graph)
    where = {n.template_id: (n.level, n.row, n.status) for n in m.nodes}
    assert where == {
        "p1": (1, 0, "mature"), "p2": (1, 1, "learning"), "p3": (1, 2, "suspended"),
        "needs1": (2, 0, "new"), "needs3": (2, 1, "new"),  # ordered by their prerequisites' rows
    }
    assert m.level_sizes() == {1: 3, 2: 2} and m.tallest_level() == 3
    assert {n.label for n in m.nodes} == {"p1", "p2", "p3", "needs3", "needs1"}
    assert stats.short_label("calculus.chain_rule") == "chain rule"


def test_status_and_mastered():
    assert stats.status(None) == "new"
    assert stats.status(state(interval=20)) == "learning"
    assert stats.status(state(interval=21)) == "mature"
    assert stats.status(state(interval=21, suspended=True)) == "suspended"
    assert stats.mastered([state(interval=21), state(interval=5), state(interval=30, suspended=True)]) == 1


# -- the headline ----------------------------------------------------------------------------


def test_headline_worked_example():
    facts = [
        *[fact(ago(1), quality=4) for _ in range(3)],  # yesterday: 3 right
        fact(ago(2), quality=1),  # 2 days ago: 1 wrong
        fact(ago(20), quality=5, interval=8),  # 20 days ago: 1 right, a retention test
        fact(ago(20), quality=2, interval=2),  # ... and a failed one
        fact(kind=IMPLICIT), fact(ago(20), kind=IMPLICIT),
    ]
    states = {"a": state("a", due=ago(1), interval=25), "b": state("b", due=TODAY + timedelta(days=2))}
    h = stats.headline(facts, states, TODAY, desired_retention=0.9, skills=60)
    assert h.due_today == 1
    assert h.week == Ratio(3, 4) and h.month == Ratio(4, 6)
    assert h.streak == Streak(2, 2)
    assert h.retention == Ratio(1, 2)
    assert h.mastered == 1 and h.saved == Credit(1, 2)
    assert stats.headline_text(h).splitlines() == [
        "Due today        1 review",
        "Last 7 days      4 reviews · 75% correct",
        "Last 30 days     6 reviews · 67% correct",
        "Streak           2 days (longest 2 days)",
        "True retention   50% passed after a day or more (2 reviews, desired 90%)",
        "Mastered         1 of 60 skills at an interval of 21 days or more",
        "Saved by credit  1 review today, 2 in all",
    ]


def test_calendar_grid_is_weeks_of_monday_to_sunday():
    calendar = stats.daily_answers([fact(TODAY), fact(TODAY), fact(ago(364))], TODAY)
    grid = calendar.grid()
    assert all(len(week) == 7 for week in grid)
    assert len(grid) == len(calendar.week_starts())
    assert calendar.week_starts()[0].weekday() == 0
    first_week, last_week = grid[0], grid[-1]
    assert first_week[:ago(364).weekday()] == [None] * ago(364).weekday()
    assert first_week[ago(364).weekday()] == 1
    assert last_week[TODAY.weekday()] == 2 and last_week[TODAY.weekday() + 1:] == [None] * (6 - TODAY.weekday())
    assert sum(v or 0 for week in grid for v in week) == calendar.total == 3


# -- properties ------------------------------------------------------------------------------

KINDS = st.sampled_from([REVIEW, REVIEW, PRACTICE, IMPLICIT])
FACTS = st.lists(
    st.builds(
        lambda offset, q, kind, redrill, interval, tid, secs: fact(
            ago(offset), q, kind, redrill=redrill and kind == REVIEW, interval=interval,
            tid=tid, seconds=secs,
        ),
        st.integers(-2, 800), st.integers(0, 5), KINDS, st.booleans(), st.integers(0, 200),
        st.sampled_from([*TOPICS, "gone.family"]), st.floats(0, 600),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(FACTS)
def test_counts_add_up(facts):
    answered = [f for f in facts if f.kind != IMPLICIT]
    calendar = stats.daily_answers(facts, TODAY)
    assert calendar.total == sum(1 for f in answered if ago(364) <= f.day <= TODAY)
    assert sum(r.total for r in stats.accuracy_by_topic(facts, TOPICS).values()) == len(answered)
    r = stats.true_retention(facts, TODAY)
    assert r.overall.total == sum(b.total for b in r.by_interval.values())
    assert sum(m.total for m in r.by_month.values()) <= r.overall.total
    assert all(0 <= x.passed <= x.total for x in [r.overall, *r.by_interval.values()])
    streak = stats.streaks(facts, TODAY)
    assert streak.current <= streak.longest <= len({f.day for f in answered})
    credit = stats.credit_saved(facts, TODAY)
    credited = [f for f in facts if f.kind == IMPLICIT and f.interval_before > 0]  # not "marked known"
    assert credit.today <= credit.total == len(credited)


@settings(max_examples=60, deadline=None)
@given(FACTS)
def test_the_report_is_the_functions_together(facts):
    states = {"linalg.dot": state(due=ago(3), interval=30), "prob.bayes": state("prob.bayes", suspended=True)}
    report = stats.report(facts, states, TODAY, topics=TOPICS, prerequisites=PREREQUISITES, desired_retention=0.85)
    assert report.calendar == stats.daily_answers(facts, TODAY)
    assert report.forecast == stats.due_forecast(states.values(), TODAY)
    assert report.accuracy == stats.accuracy_by_topic(facts, TOPICS)
    assert report.retention == stats.true_retention(facts, TODAY, desired=0.85)
    assert report.minutes == stats.minutes_per_day(facts, TODAY)
    assert report.mastery == stats.mastery_map(states, PREREQUISITES)
    assert report.headline == stats.headline(facts, states, TODAY, 0.85, skills=len(PREREQUISITES))
    assert report.answers == sum(f.kind != IMPLICIT for f in facts)
