"""Whatever a learner does, in any order, replaying the log gives exactly the stored states.

A hypothesis state machine drives the real session and drill on a real SQLite file: answers
of every grade, bury, suspend, unsuspend, reset, undo (in study and in a drill), new days,
limits, credit on and off, and switching scheduler.
"""

import os
import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tutor import rebuild
from tutor.bank import load_bank
from tutor.drill import Drill
from tutor.store import Store
from tutor.study import StudySession

BANK = load_bank()
SKILLS = BANK.learning_order()[:12]  # a small corner of the graph keeps prerequisites in play


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Learner(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        self.store = Store.open(self.folder)
        self.clock = Clock()
        self.store.set_setting("new_per_day", "4")
        self.session = StudySession(self.store, BANK, clock=self.clock, rng=random.Random(1))
        self.session.start()
        self.drill: Drill | None = None
        self.before: list[dict] = []  # the states before each undoable action of today
        self.tracking = True

    def teardown(self) -> None:
        self.store.close()

    @rule(quality=st.integers(0, 5))
    def answer(self, quality: int) -> None:
        item = self.session.next_item()
        if item is None:
            self.session.start()
            item = self.session.next_item()
        if item is not None:
            verdict = "correct" if quality >= 3 else ("dont_know" if quality == 0 else "wrong")
            self.before.append(self.store.skill_states())
            self.session.record(item, answer="x", verdict=verdict, quality=quality, seconds=1, hint_used=False)

    @rule(action=st.sampled_from(["bury", "suspend", "unsuspend", "reset"]), which=st.integers(0, 11))
    def act(self, action: str, which: int) -> None:
        self.before.append(self.store.skill_states())
        getattr(self.session, action)(SKILLS[which])

    @rule()
    def undo(self) -> None:
        result = self.session.undo()
        if not self.tracking:
            return
        assert (result is None) == (not self.before)
        if result is not None:
            assert self.store.skill_states() == self.before.pop()  # exactly as before that action

    @rule(days=st.integers(1, 9))
    def later(self, days: int) -> None:
        self.clock.now += timedelta(days=days)
        self.session.start()
        self.before, self.tracking = [], True  # yesterday's actions are kept

    @rule(on=st.booleans())
    def credit(self, on: bool) -> None:
        self.store.set_setting("credit_prerequisites", "1" if on else "0")

    @rule(name=st.sampled_from(["sm2", "fsrs"]))
    def scheduler(self, name: str) -> None:
        rebuild.switch_scheduler(self.store, name)
        self.tracking = False  # earlier snapshots were taken under the other scheduler

    @rule(quality=st.sampled_from([1, 4]), undo=st.booleans())
    def practise(self, quality: int, undo: bool) -> None:
        self.drill = self.drill or Drill(self.store, BANK, SKILLS[:4], count=3, clock=self.clock)
        item = self.drill.next_item()
        if item is None:
            self.drill = None
            return
        self.drill.record(item, answer="x", verdict="correct" if quality >= 3 else "wrong", quality=quality,
                          seconds=1, hint_used=False)
        if undo:
            self.drill.undo()

    @precondition(lambda self: self.store is not None)
    @invariant()
    def the_log_is_the_truth(self) -> None:
        assert rebuild.check(self.store) == []


Learner.TestCase.settings = settings(
    max_examples=int(os.environ.get("TUTOR_HISTORY_EXAMPLES", "25")), stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestLearnerHistory = Learner.TestCase
