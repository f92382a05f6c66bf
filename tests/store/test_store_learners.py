"""Several learners in one database (SQLite and PostgreSQL), and the 0003 migration."""

from __future__ import annotations

import getpass
import multiprocessing
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine
from test_store_migrations import REVIEW_ROW_0001, SKILL_ROW, make_db_at

from tutor.store import Store, StoreError
from tutor.store.errors import LearnerNeeded
from tutor.store.migrate import head_revision

DAY = date(2026, 3, 14)  # conftest's make_review / make_state day


def test_first_learner_is_created_without_asking(database_url):
    with Store.open_url(database_url) as store:
        assert store.learner == getpass.getuser()
        assert store.learners() == [getpass.getuser()]
    with Store.open_url(database_url) as again:  # the only learner: opened without a name
        assert again.learner == getpass.getuser()


def test_each_learner_has_their_own_states_log_events_and_settings(database_url, make_review, make_state):
    ada = Store.open_url(database_url, learner="ada")
    bob = Store.open_url(database_url, learner="bob")
    try:
        ada.record_review(make_review(), make_state())
        ada.set_setting("new_per_day", "7")
        ada_facts = ada.review_facts()
        bob.record_review(make_review(seed=9, quality=1, verdict="wrong"), make_state(interval_days=0, due=DAY))
        bob.set_setting("new_per_day", "2")

        assert [r.seed for r in ada.reviews()] == [7] and [r.seed for r in bob.reviews()] == [9]
        assert ada.skill_state("cosine.two_vectors") == make_state()
        assert bob.skill_state("cosine.two_vectors").interval_days == 0
        assert (ada.get_setting("new_per_day"), bob.get_setting("new_per_day")) == ("7", "2")
        assert len(ada.review_facts()) == len(ada_facts) == 1 and len(bob.review_facts()) == 1
        assert ada.due_count(DAY + timedelta(days=1)) == 1 and bob.due_count(DAY) == 1
        assert ada.history().reviews[0].seed == 7 and len(bob.history().reviews) == 1
        assert ada.learners() == bob.learners() == ["ada", "bob"]
    finally:
        ada.close()
        bob.close()


def test_a_learner_on_two_machines_sees_the_same_progress(database_url, make_review, make_state):
    with Store.open_url(database_url, learner="ada") as laptop, Store.open_url(database_url, learner="ada") as desktop:
        laptop.record_review(make_review(), make_state())
        assert desktop.skill_states() == laptop.skill_states()
        assert desktop.review_facts() == laptop.review_facts()


def test_several_learners_and_no_name_asks_which(database_url):
    for name in ("ada", "bob"):
        Store.open_url(database_url, learner=name).close()
    with pytest.raises(LearnerNeeded, match="--learner") as err:
        Store.open_url(database_url)
    assert err.value.names == ["ada", "bob"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_learner_name_must_be_one_to_a_hundred_characters(database_url, name):
    with pytest.raises(StoreError, match="1 to 100 characters"):
        Store.open_url(database_url, learner=name)


def test_upgrade_to_0003_gives_existing_progress_to_the_first_learner(tmp_path):
    rows = [SKILL_ROW, REVIEW_ROW_0001.format(tid="cosine.two_vectors", verdict="correct", q=4, redrill=0)]
    make_db_at(tmp_path / "data", "0001", *rows, "INSERT INTO settings (key, value) VALUES ('new_per_day', '3')")
    with Store.open(tmp_path / "data") as store:
        assert store.learners() == [getpass.getuser()]
        assert list(store.skill_states()) == ["cosine.two_vectors"]
        assert len(store.reviews()) == 1 and store.get_setting("new_per_day") == "3"
    with Store.open(tmp_path / "data", learner="bob") as bob:
        assert bob.skill_states() == {} and bob.reviews() == [] and bob.get_setting("new_per_day") is None


def test_upgrade_to_0003_of_an_empty_database_creates_no_learner(tmp_path):
    make_db_at(tmp_path / "data", "0002")
    with Store.open(tmp_path / "data", learner="ada") as store:
        assert store.learners() == ["ada"]


def open_in_process(url: str, start_line) -> str:
    start_line.wait()
    with Store.open_url(url, learner="ada") as store:
        return store.learner


def test_two_machines_opening_a_new_database_at_once_migrate_it_once(postgres_url):
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager:
        start_line = manager.Barrier(3)
        with spawn.Pool(3) as pool:
            results = [pool.apply_async(open_in_process, (postgres_url, start_line)) for _ in range(3)]
            assert [r.get(timeout=120) for r in results] == ["ada"] * 3
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [(head_revision(),)]
            assert conn.exec_driver_sql("SELECT name FROM learner").all() == [("ada",)]
    finally:
        engine.dispose()
