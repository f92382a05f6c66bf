"""Statistics over the review log: lists in, figures out (no Qt, no database).

Every function takes the facts the store hands out (``Store.review_facts()``, undone reviews
already left out), the skill states and plain bank information. Over the log, each makes one
pass (``tally``) and reads its figure from the counts (the ``*_of`` functions); ``report``
gives the statistics window everything from a single pass, ``headline`` what `tutor stats`
prints. "Answers" are what the learner typed: scheduled reviews, re-drills and practice;
implicit credit is not an answer and only counts as the reviews it saved.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tutor.core.history import PASS_QUALITY
from tutor.core.records import IMPLICIT, REVIEW, ReviewFact, SkillState

MATURE_DAYS = 21  # Anki's line between a young and a mature card
CALENDAR_DAYS = 365
FORECAST_DAYS = 30
TIME_DAYS = 30
RETENTION_MONTHS = 12
OTHER_TOPIC = "other"  # facts of families no longer in the bank

# (label, shortest interval before the review in days); each bucket runs to the next one.
INTERVAL_BUCKETS: tuple[tuple[str, int], ...] = (
    ("1–6 d", 1), ("7–20 d", 7), ("21–89 d", 21), ("90+ d", 90),
)

NEW, LEARNING, MATURE, SUSPENDED = "new", "learning", "mature", "suspended"
STATUSES = (NEW, LEARNING, MATURE, SUSPENDED)


@dataclass(frozen=True)
class Ratio:
    """``passed`` of ``total`` answers."""

    passed: int = 0
    total: int = 0

    @property
    def share(self) -> float | None:
        return self.passed / self.total if self.total else None


@dataclass(frozen=True)
class Calendar:
    """Answers per day over ``len(counts)`` days from ``first``; ``counts[-1]`` is today."""

    first: date
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def last(self) -> date:
        return self.first + timedelta(days=len(self.counts) - 1)

    def week_starts(self) -> list[date]:
        """The Monday of each calendar week the range touches, oldest first."""
        monday = self.first - timedelta(days=self.first.weekday())
        weeks = (self.last - monday).days // 7 + 1
        return [monday + timedelta(weeks=w) for w in range(weeks)]

    def grid(self) -> list[list[int | None]]:
        """Weeks × weekdays (Monday first); None for days outside the range."""
        offset = self.first.weekday()
        cells: list[int | None] = [None] * offset + list(self.counts)
        cells += [None] * (-len(cells) % 7)
        return [cells[i:i + 7] for i in range(0, len(cells), 7)]


@dataclass(frozen=True)
class Retention:
    """True retention: passes among schedule-moving reviews at an interval of a day or more."""

    overall: Ratio
    by_interval: dict[str, Ratio]  # INTERVAL_BUCKETS labels, in order
    by_month: dict[date, Ratio]  # first day of each month, oldest first, empty months included
    desired: float | None = None  # FSRS's desired retention; None under SM-2


@dataclass(frozen=True)
class Streak:
    current: int = 0
    longest: int = 0


@dataclass(frozen=True)
class Credit:
    """Reviews saved by implicit credit flowing down the prerequisite graph."""

    today: int = 0
    total: int = 0


@dataclass(frozen=True)
class MapNode:
    template_id: str
    label: str
    status: str  # one of STATUSES
    level: int  # 1 + the highest level among its prerequisites
    row: int  # position within its level, 0 first


@dataclass(frozen=True)
class MasteryMap:
    nodes: list[MapNode]
    edges: list[tuple[str, str]]  # (prerequisite, skill that needs it)

    def counts(self) -> dict[str, int]:
        """Nodes per status."""
        counts = dict.fromkeys(STATUSES, 0)
        for node in self.nodes:
            counts[node.status] += 1
        return counts

    def level_sizes(self) -> dict[int, int]:
        """Nodes per level."""
        sizes: dict[int, int] = defaultdict(int)
        for node in self.nodes:
            sizes[node.level] += 1
        return dict(sizes)

    def tallest_level(self) -> int:
        return max(self.level_sizes().values(), default=1)


@dataclass(frozen=True)
class Headline:
    """The figures `tutor stats` prints and the statistics window puts on top."""

    due_today: int
    week: Ratio  # answers in the last 7 days (today included) and how many passed
    month: Ratio  # the same over 30 days
    streak: Streak
    retention: Ratio
    desired_retention: float | None
    mastered: int  # mature skills
    skills: int | None  # skills in the bank, when known
    saved: Credit


@dataclass(frozen=True)
class Report:
    """Everything the statistics window draws."""

    headline: Headline
    calendar: Calendar
    forecast: list[int]
    accuracy: dict[str, Ratio]
    retention: Retention
    minutes: list[float]
    mastery: MasteryMap
    today: date
    answers: int = 0  # answers in the whole history


# -- over the log ----------------------------------------------------------------------------

# A day's row in a Tally: answers, passes, seconds, implicit credits, then for each interval
# bucket the schedule-moving reviews and their passes.
_ANSWERS, _PASSED, _SECONDS, _CREDITED, _RETAINED = 0, 1, 2, 3, 4
_BUCKET_STARTS = [shortest for _name, shortest in INTERVAL_BUCKETS]


@dataclass(frozen=True)
class Tally:
    """What one pass over the facts counts, per study day and per skill (see ``tally``)."""

    days: dict[date, list[float]]
    skills: dict[str, list[int]]  # answers, passes

    def answers(self, day: date) -> int:
        row = self.days.get(day)
        return int(row[_ANSWERS]) if row else 0

    def study_days(self) -> list[date]:
        """Days with at least one answer."""
        return [day for day, row in self.days.items() if row[_ANSWERS]]


def tally(facts: Iterable[ReviewFact]) -> Tally:
    """Count the facts in one pass; every statistic over the log is read from this."""
    days: dict[date, list[float]] = {}
    skills: dict[str, list[int]] = {}
    # locals, not globals, in the loop that runs 100,000 times
    implicit, review, pass_quality, starts, find = IMPLICIT, REVIEW, PASS_QUALITY, _BUCKET_STARTS, bisect_right
    answers, passes, seconds, credited, retained = _ANSWERS, _PASSED, _SECONDS, _CREDITED, _RETAINED - 2
    width = _RETAINED + 2 * len(INTERVAL_BUCKETS)
    for _id, tid, kind, redrill, quality, spent, day, interval, _hint in facts:
        row = days.get(day)
        if row is None:
            row = days[day] = [0] * width
        row[seconds] += spent
        if kind == implicit:  # credit down the graph; a skill marked known (interval 0) is neither
            row[credited] += interval > 0
            continue
        passed = quality >= pass_quality
        row[answers] += 1
        row[passes] += passed
        skill = skills.get(tid)
        if skill is None:
            skill = skills[tid] = [0, 0]
        skill[0] += 1
        skill[1] += passed
        if interval >= 1 and kind == review and not redrill:
            column = retained + 2 * find(starts, interval)
            row[column] += 1
            row[column + 1] += passed
    return Tally(days, skills)


def daily_answers(facts: Iterable[ReviewFact], today: date, days: int = CALENDAR_DAYS) -> Calendar:
    """Answers per day over the last ``days`` days, for a calendar heatmap."""
    return calendar_of(tally(facts), today, days)


def calendar_of(counts: Tally, today: date, length: int = CALENDAR_DAYS) -> Calendar:
    first = today - timedelta(days=length - 1)
    return Calendar(first, tuple(counts.answers(first + timedelta(days=i)) for i in range(length)))


def window_ratio(facts: Iterable[ReviewFact], today: date, days: int) -> Ratio:
    """Answers over the last ``days`` days (today included) and how many passed."""
    return window_of(tally(facts), today, days)


def window_of(counts: Tally, today: date, length: int) -> Ratio:
    first = today - timedelta(days=length - 1)
    rows = [row for day, row in counts.days.items() if first <= day <= today]
    return Ratio(int(sum(r[_PASSED] for r in rows)), int(sum(r[_ANSWERS] for r in rows)))


def accuracy_by_topic(facts: Iterable[ReviewFact], topics: Mapping[str, str]) -> dict[str, Ratio]:
    """Share of answers with quality >= 3 per topic (scheduled reviews and practice).

    Topics come in the order they first appear in ``topics`` (template id → topic), each one
    even without answers; families no longer in the bank count under ``OTHER_TOPIC``.
    """
    return accuracy_of(tally(facts), topics)


def accuracy_of(counts: Tally, topics: Mapping[str, str]) -> dict[str, Ratio]:
    by_topic = {topic: [0, 0] for topic in topics.values()}
    for tid, (total, passed) in counts.skills.items():
        sums = by_topic.setdefault(topics.get(tid, OTHER_TOPIC), [0, 0])
        sums[0] += passed
        sums[1] += total
    return {topic: Ratio(p, n) for topic, (p, n) in by_topic.items()}


def interval_bucket(interval_days: int) -> str | None:
    """The INTERVAL_BUCKETS label for an interval, None below one day."""
    i = bisect_right(_BUCKET_STARTS, interval_days) - 1
    return INTERVAL_BUCKETS[i][0] if i >= 0 else None


def true_retention(
    facts: Iterable[ReviewFact], today: date, months: int = RETENTION_MONTHS,
    desired: float | None = None,
) -> Retention:
    """Passes among schedule-moving reviews (not implicit credit) whose interval before was at
    least a day: overall, by interval bucket, and per month over the last ``months`` months."""
    return retention_of(tally(facts), today, months, desired)


def retention_of(
    counts: Tally, today: date, months: int = RETENTION_MONTHS, desired: float | None = None,
) -> Retention:
    width = 2 * len(INTERVAL_BUCKETS)
    buckets = [0] * width
    by_month = {m: [0, 0] for m in _last_months(today, months)}
    for day, row in counts.days.items():
        cells = row[_RETAINED:]
        for i in range(width):
            buckets[i] += cells[i]
        sums = by_month.get(day.replace(day=1))
        if sums is not None:
            sums[0] += sum(cells[1::2])
            sums[1] += sum(cells[0::2])
    by_interval = {
        name: Ratio(int(buckets[2 * i + 1]), int(buckets[2 * i]))
        for i, (name, _start) in enumerate(INTERVAL_BUCKETS)
    }
    return Retention(
        overall=Ratio(sum(r.passed for r in by_interval.values()), sum(r.total for r in by_interval.values())),
        by_interval=by_interval,
        by_month={m: Ratio(int(p), int(n)) for m, (p, n) in by_month.items()},
        desired=desired,
    )


def _last_months(today: date, months: int) -> list[date]:
    """The first day of each of the last ``months`` months, this one last."""
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def minutes_per_day(facts: Iterable[ReviewFact], today: date, days: int = TIME_DAYS) -> list[float]:
    """Minutes spent answering on each of the last ``days`` days; the last entry is today."""
    return minutes_of(tally(facts), today, days)


def minutes_of(counts: Tally, today: date, length: int = TIME_DAYS) -> list[float]:
    first = today - timedelta(days=length - 1)
    rows = (counts.days.get(first + timedelta(days=i)) for i in range(length))
    return [row[_SECONDS] / 60 if row else 0.0 for row in rows]


def streaks(facts: Iterable[ReviewFact], today: date) -> Streak:
    """Days in a row with at least one answer: the current run and the longest.

    The current run still counts when today has no answer yet but yesterday had one.
    """
    return streak_of(tally(facts).study_days(), today)


def streak_of(days: Iterable[date], today: date) -> Streak:
    """``streaks`` over a set of study days."""
    ordinals = sorted({d.toordinal() for d in days if d <= today})
    longest = run = 0
    previous = None
    for n in ordinals:
        run = run + 1 if previous == n - 1 else 1
        longest = max(longest, run)
        previous = n
    current = run if ordinals and ordinals[-1] >= today.toordinal() - 1 else 0
    return Streak(current, longest)


def credit_saved(facts: Iterable[ReviewFact], today: date) -> Credit:
    """Reviews saved by implicit credit: today and in all."""
    return credit_of(tally(facts), today)


def credit_of(counts: Tally, today: date) -> Credit:
    today_row = counts.days.get(today)
    return Credit(
        int(today_row[_CREDITED]) if today_row else 0,
        int(sum(row[_CREDITED] for row in counts.days.values())),
    )


# -- over the states -------------------------------------------------------------------------


def due_day(state: SkillState, today: date) -> date | None:
    """The day a skill is next offered for review (overdue: today); None if never scheduled."""
    if state.introduced_on is None or state.suspended:
        return None
    due = state.due
    if state.buried_until is not None and state.buried_until > due:
        due = state.buried_until
    return max(due, today)


def due_forecast(states: Iterable[SkillState], today: date, days: int = FORECAST_DAYS) -> list[int]:
    """Reviews due on each of the next ``days`` days, today first (overdue ones counted today).

    New skills and suspended ones are left out; buried ones count from ``buried_until``.
    """
    counts = [0] * days
    for state in states:
        due = due_day(state, today)
        if due is not None and (offset := (due - today).days) < days:
            counts[offset] += 1
    return counts


def status(state: SkillState | None) -> str:
    """new / learning (interval < 21 days) / mature / suspended."""
    if state is not None and state.suspended:
        return SUSPENDED
    if state is None or state.introduced_on is None:
        return NEW
    return MATURE if state.interval_days >= MATURE_DAYS else LEARNING


def mastered(states: Iterable[SkillState]) -> int:
    """Mature skills: reviewed, not suspended, interval of 21 days or more."""
    return sum(status(s) == MATURE for s in states)


def levels(prerequisites: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Each skill's level: 1 without prerequisites, else 1 + the highest level among them.

    Prerequisites outside ``prerequisites`` are ignored; a cycle is broken where it is met.
    """
    level: dict[str, int] = {}
    on_path: set[str] = set()

    def visit(tid: str) -> int:
        if tid not in level:
            on_path.add(tid)
            below = [visit(p) for p in prerequisites[tid] if p in prerequisites and p not in on_path]
            on_path.discard(tid)
            level[tid] = 1 + max(below, default=0)
        return level[tid]

    for tid in prerequisites:
        visit(tid)
    return level


def mastery_map(
    states: Mapping[str, SkillState], prerequisites: Mapping[str, Sequence[str]],
    labels: Mapping[str, str] | None = None,
) -> MasteryMap:
    """Every family as a node coloured by status, laid out in columns by level.

    Within a level the nodes follow their prerequisites (mean row of those, then the order of
    ``prerequisites``), which keeps edges short; ``labels`` default to the id's last part.
    """
    level = levels(prerequisites)
    order = {tid: i for i, tid in enumerate(prerequisites)}
    row: dict[str, int] = {}
    by_level: dict[int, list[str]] = defaultdict(list)
    for tid in prerequisites:
        by_level[level[tid]].append(tid)

    def placed(tid: str) -> tuple[float, int]:
        rows = [row[p] for p in prerequisites[tid] if p in row]
        return (sum(rows) / len(rows) if rows else -1.0, order[tid])

    nodes: list[MapNode] = []
    for lv in sorted(by_level):
        for r, tid in enumerate(sorted(by_level[lv], key=placed)):
            row[tid] = r
            label = (labels or {}).get(tid) or short_label(tid)
            nodes.append(MapNode(tid, label, status(states.get(tid)), lv, r))
    edges = [(p, tid) for tid in prerequisites for p in prerequisites[tid] if p in level]
    return MasteryMap(nodes, edges)


def short_label(template_id: str) -> str:
    """``calculus.chain_rule`` → ``chain rule``."""
    return template_id.rsplit(".", 1)[-1].replace("_", " ")


# -- together --------------------------------------------------------------------------------


def headline(
    facts: Iterable[ReviewFact], states: Mapping[str, SkillState], today: date,
    desired_retention: float | None = None, skills: int | None = None,
) -> Headline:
    """The headline figures; ``skills`` is the size of the bank, when known."""
    counts = tally(facts)
    retention = retention_of(counts, today, months=1).overall
    return _headline(counts, retention, states, today, desired_retention, skills)


def _headline(
    counts: Tally, retention: Ratio, states: Mapping[str, SkillState], today: date,
    desired: float | None, skills: int | None,
) -> Headline:
    return Headline(
        due_today=due_forecast(states.values(), today, 1)[0],
        week=window_of(counts, today, 7),
        month=window_of(counts, today, 30),
        streak=streak_of(counts.study_days(), today),
        retention=retention,
        desired_retention=desired,
        mastered=mastered(states.values()),
        skills=skills,
        saved=credit_of(counts, today),
    )


def report(
    facts: Iterable[ReviewFact], states: Mapping[str, SkillState], today: date, *,
    topics: Mapping[str, str], prerequisites: Mapping[str, Sequence[str]],
    labels: Mapping[str, str] | None = None, desired_retention: float | None = None,
) -> Report:
    """Everything the statistics window shows, from one pass over the log;
    ``prerequisites`` names every family of the bank."""
    counts = tally(facts)
    retention = retention_of(counts, today, desired=desired_retention)
    top = _headline(counts, retention.overall, states, today, desired_retention, len(prerequisites))
    return Report(
        headline=top, calendar=calendar_of(counts, today),
        forecast=due_forecast(states.values(), today), accuracy=accuracy_of(counts, topics),
        retention=retention, minutes=minutes_of(counts, today),
        mastery=mastery_map(states, prerequisites, labels), today=today,
        answers=sum(total for total, _passed in counts.skills.values()),
    )


# -- as text ---------------------------------------------------------------------------------


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def answers_text(ratio: Ratio) -> str:
    """``84 reviews · 91% correct`` or ``no reviews``."""
    if not ratio.total:
        return "no reviews"
    return f"{plural(ratio.total, 'review')} · {percent(ratio.share)} correct"


def streak_text(streak: Streak) -> str:
    if not streak.longest:
        return "none yet — study today to start one"
    current = plural(streak.current, "day") if streak.current else "none now"
    return f"{current} (longest {plural(streak.longest, 'day')})"


def retention_text(retention: Ratio, desired: float | None = None) -> str:
    target = f", desired {percent(desired)}" if desired is not None else ""
    if not retention.total:
        return f"not measured yet — needs reviews a day or more after learning{target}"
    return (f"{percent(retention.share)} passed after a day or more "
            f"({plural(retention.total, 'review')}{target})")


def mastered_text(headline: Headline) -> str:
    of = f" of {headline.skills}" if headline.skills is not None else ""
    return f"{headline.mastered}{of} skills at an interval of {MATURE_DAYS} days or more"


def saved_text(saved: Credit) -> str:
    if not saved.total:
        return "none yet"
    return f"{plural(saved.today, 'review')} today, {saved.total:,} in all"


def headline_text(headline: Headline) -> str:
    """The headline as aligned lines for a terminal."""
    rows = [
        ("Due today", plural(headline.due_today, "review")),
        ("Last 7 days", answers_text(headline.week)),
        ("Last 30 days", answers_text(headline.month)),
        ("Streak", streak_text(headline.streak)),
        ("True retention", retention_text(headline.retention, headline.desired_retention)),
        ("Mastered", mastered_text(headline)),
        ("Saved by credit", saved_text(headline.saved)),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)
