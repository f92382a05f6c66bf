"""Answers kept on this computer when the window closed unsaved (tutor.unsaved), on a real SQLite file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tutor import rebuild
from tutor.bank import load_bank
from tutor.store import Store
from tutor.study import StudySession
from tutor.unsaved import FILE_NAME, KeptAnswer, KeptFileDamaged, forget, keep, kept, save_kept

BANK = load_bank()
AT = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
SKILLS = BANK.learning_order()


def answer(n: int, *, learner: str = "ada", database: str = "", practice: bool = False, quality: int = 4,
           skill: str | None = None) -> KeptAnswer:
    tid = skill or SKILLS[n]
    return KeptAnswer(database, learner, practice, tid, 1000 + n, False, True, "1", "correct" if quality >= 3
                      else "wrong", quality, 12.5, False, AT + timedelta(minutes=n))


def test_kept_answers_round_trip_per_database_and_learner(tmp_path):
    mine = [answer(1), answer(0)]
    keep(tmp_path, mine)
    keep(tmp_path, [answer(2, learner="bo"), answer(3, database="postgresql+psycopg://server/tutor"), answer(1)])
    assert kept(tmp_path, "", "ada") == [answer(0), answer(1)]  # oldest first, each once
    assert kept(tmp_path, "", "bo") == [answer(2, learner="bo")]
    forget(tmp_path, [answer(0), answer(1)])
    assert kept(tmp_path, "", "ada") == []
    forget(tmp_path, [answer(2, learner="bo"), answer(3, database="postgresql+psycopg://server/tutor")])
    assert not (tmp_path / FILE_NAME).exists()  # nothing left: no file
    assert kept(tmp_path, "", "ada") == []


def test_a_damaged_file_is_moved_aside_and_said(tmp_path):
    (tmp_path / FILE_NAME).write_text('{"format": 1, "answers": [{"template_id": 3}]}')
    with pytest.raises(KeptFileDamaged, match="moved to") as err:
        kept(tmp_path, "", "ada")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith(FILE_NAME + ".damaged-")]
    assert len(aside) == 1 and str(aside[0]) in str(err.value)
    assert json.loads(aside[0].read_text())["answers"] == [{"template_id": 3}]  # the bytes are kept
    keep(tmp_path, [answer(0)])  # a new file starts
    assert kept(tmp_path, "", "ada") == [answer(0)]


def test_saved_in_order_once_and_replayed_like_any_review(tmp_path):
    answers = [answer(0), answer(1, quality=2), answer(2, practice=True)]
    with Store.open(tmp_path, learner="ada") as store:
        session = StudySession(store, BANK, clock=lambda: AT + timedelta(hours=1))
        assert save_kept(session, answers).handled == answers
        assert save_kept(session, answers).handled == answers  # again: already there, nothing written twice
        reviews = store.reviews()
        assert [(r.template_id, r.seed, r.kind, r.reviewed_at) for r in reviews] == [
            (a.template_id, a.seed, "practice" if a.practice else "review", a.at) for a in answers
        ]
        assert store.skill_state(SKILLS[0]).interval_days == 1
        assert store.skill_state(SKILLS[2]) is None  # practice never moves the schedule
        assert rebuild.check(store) == []


def test_a_skill_that_left_the_bank_stops_the_rest_and_stays_kept(tmp_path):
    answers = [answer(0), answer(1, skill="mine.gone"), answer(2)]
    with Store.open(tmp_path, learner="ada") as store:
        saved = save_kept(StudySession(store, BANK), answers)
        assert saved.handled == answers[:1]
        assert "mine.gone" in saved.problem and "It is kept" in saved.problem
        assert [r.template_id for r in store.reviews()] == [SKILLS[0]]
