"""Export and import of the whole history (tutor.transfer) against real SQLite files."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from histories import OTHER, SKILL, START, write_history

from tutor.core.records import IMPLICIT, PRACTICE, UNDO, ReviewRecord, SkillEvent, SkillState
from tutor.rebuild import check, switch_scheduler
from tutor.store import DB_FILENAME, Store
from tutor.transfer import (
    EVENT_FIELDS,
    REVIEW_FIELDS,
    STATE_FIELDS,
    ImportRefused,
    TransferError,
    export_history,
    history_document,
    import_history,
)

EXPORTED_AT = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


def database_digest(data_dir: Path) -> str:
    """The database file's bytes, with the Store closed (so nothing sits in the WAL)."""
    db = data_dir / DB_FILENAME
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "committed content left in the WAL"
    return hashlib.sha256(db.read_bytes()).hexdigest()


def document_of(data_dir: Path) -> dict:
    with Store.open(data_dir) as store:
        return history_document(store.history(), EXPORTED_AT)


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A data folder with a week of history; tests copy it, never change it."""
    data_dir = tmp_path_factory.mktemp("source")
    write_history(data_dir)
    return data_dir


@pytest.fixture(scope="module")
def exported(source, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "history.json"
    with Store.open(source) as store:
        export_history(store, path)
    return path


@pytest.fixture
def studied(source, tmp_path) -> Path:
    """A copy of the source folder: a database with history, closed."""
    return Path(shutil.copytree(source, tmp_path / "studied"))


def import_into(data_dir: Path, path: Path):
    with Store.open(data_dir) as store:
        return import_history(store, path)


def test_the_file_says_what_it_is(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "tutor-history" and document["version"] == 1
    assert document["app_version"] and datetime.fromisoformat(document["exported_at"]).tzinfo
    assert [r["id"] for r in document["reviews"]] == list(range(1, len(document["reviews"]) + 1))


def test_round_trip_into_a_fresh_folder_gives_the_same_history(source, exported, tmp_path):
    summary = import_into(tmp_path / "fresh", exported)
    assert summary.into_fresh and summary.settings_applied == ("new_per_day",)
    assert summary.file_state_differences == ()
    assert document_of(tmp_path / "fresh") == document_of(source)  # ids, links, states, settings
    with Store.open(tmp_path / "fresh") as store:
        assert check(store) == []


def test_undo_practice_and_credit_records_survive(source, exported, tmp_path):
    import_into(tmp_path / "fresh", exported)
    with Store.open(tmp_path / "fresh") as store:
        every = store.reviews(include_undone=True)
        counted = store.reviews()
        events = store.events()
    by_id = {r.id: r for r in every}
    credits = [r for r in every if r.kind == IMPLICIT]
    assert len(credits) == 2 and all(by_id[r.credited_by].template_id == SKILL for r in credits)
    assert [r.template_id for r in every if r.kind == PRACTICE] == [OTHER]
    undos = [e for e in events if e.action == UNDO]
    undone_review = next(e.target_review for e in undos if e.target_review is not None)
    assert by_id[undone_review].template_id == SKILL
    assert undone_review not in {r.id for r in counted}
    assert not [r for r in counted if r.credited_by == undone_review]  # its credit went with it
    undone_event = next(e.target_event for e in undos if e.target_event is not None)
    assert next(e for e in events if e.id == undone_event).action == "bury"


def test_a_disjoint_history_is_merged_and_the_states_replayed(source, exported, tmp_path):
    here = tmp_path / "here"
    write_history(here, START + timedelta(days=40))  # another machine, later
    with Store.open(here) as store:
        store.set_setting("new_per_day", "3")
        store.set_setting("reviews_per_day", "50")
        reviews_before = len(store.reviews(include_undone=True))
    summary = import_into(here, exported)
    assert not summary.into_fresh
    assert summary.settings_kept == ("new_per_day",) and summary.settings_applied == ()
    with Store.open(here) as store:
        assert len(store.reviews(include_undone=True)) == reviews_before + summary.reviews
        assert store.get_setting("new_per_day") == "3"
        assert check(store) == []
        merged = links(store.history())
    with Store.open(source) as store:
        imported = links(store.history())
    assert len(imported) == 4 and imported <= merged  # credit and undo point where they did


def links(history) -> set[tuple]:
    """Every reference in a log, by what it points at rather than by id."""
    reviews = {r.id: (r.template_id, r.seed, r.reviewed_at) for r in history.reviews}
    events = {e.id: (e.template_id, e.action, e.at) for e in history.events}
    found = {(reviews[r.id], "credited by", reviews[r.credited_by])
             for r in history.reviews if r.credited_by is not None}
    for e in history.events:
        if e.target_review is not None:
            found.add((events[e.id], "undoes", reviews[e.target_review]))
        if e.target_event is not None:
            found.add((events[e.id], "undoes", events[e.target_event]))
    return found


def test_states_are_replayed_not_trusted_from_the_file(exported, tmp_path):
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["skill_states"][0]["interval_days"] = 400
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(document), encoding="utf-8")
    summary = import_into(tmp_path / "fresh", tampered)
    skill = document["skill_states"][0]["template_id"]
    assert [line.split(":")[0] for line in summary.file_state_differences] == [skill]
    with Store.open(tmp_path / "fresh") as store:
        assert store.skill_state(skill).interval_days != 400
        assert check(store) == []


def test_fsrs_histories_replay_under_fsrs(studied, tmp_path):
    with Store.open(studied) as store:
        switch_scheduler(store, "fsrs", 0.85)
        export_history(store, tmp_path / "fsrs.json")
        states = store.skill_states()
    import_into(tmp_path / "fresh", tmp_path / "fsrs.json")
    with Store.open(tmp_path / "fresh") as store:
        assert store.get_setting("scheduler") == "fsrs"
        assert store.skill_states() == states
        assert check(store) == []


def test_export_does_not_replace_a_file_unless_told(studied, tmp_path):
    target = tmp_path / "notes.json"
    target.write_text("mine", encoding="utf-8")
    with Store.open(studied) as store:
        with pytest.raises(TransferError, match="already exists"):
            export_history(store, target)
        assert target.read_text(encoding="utf-8") == "mine"
        export_history(store, target, overwrite=True)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "tutor-history"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_an_empty_history_round_trips(tmp_path):
    with Store.open(tmp_path / "empty") as store:
        export_history(store, tmp_path / "empty.json")
    summary = import_into(tmp_path / "fresh", tmp_path / "empty.json")
    assert (summary.reviews, summary.events, summary.states) == (0, 0, 0)


def test_the_checks_cover_every_field_of_the_records():
    for spec, record in ((STATE_FIELDS, SkillState), (REVIEW_FIELDS, ReviewRecord), (EVENT_FIELDS, SkillEvent)):
        assert set(spec) == {f.name for f in dataclasses.fields(record)}, record.__name__


# -- refused imports change nothing ----------------------------------------------------------


def _edit(change):
    def edit(document):
        document = copy.deepcopy(document)
        change(document)
        return document
    return edit


def _first(key, field, value):
    return _edit(lambda d: d[key][0].__setitem__(field, value))


def _credit(field, value):
    def change(document):
        credit = next(r for r in document["reviews"] if r["credited_by"] is not None)
        credit[field] = value
    return _edit(change)


def _undo(field, value):
    def change(document):
        undo = next(e for e in document["events"] if e[field] is not None)
        undo[field] = value
    return _edit(change)


BROKEN = {
    "wrong format": (_edit(lambda d: d.__setitem__("format", "anki-deck")), "not a tutor history file"),
    "newer version": (_edit(lambda d: d.__setitem__("version", 2)), "written by a newer tutor"),
    "version as text": (_edit(lambda d: d.__setitem__("version", "1")), "version"),
    "missing reviews": (_edit(lambda d: d.pop("reviews")), "lacks 'reviews'"),
    "unknown field": (_first("reviews", "mood", "happy"), "unknown field 'mood'"),
    "quality out of range": (_first("reviews", "quality", 9), "quality must be a whole number from 0 to 5"),
    "flag as a number": (_first("reviews", "hint_used", 0), "hint_used must be true or false"),
    "seed too large": (_first("reviews", "seed", 2**64), "seed must be a whole number"),
    "unknown verdict": (_first("reviews", "verdict", "maybe"), "verdict must be one of"),
    "naive moment": (_first("reviews", "reviewed_at", "2026-03-02T09:01:00"), "time zone"),
    "bad day": (_first("reviews", "day", "2 March"), "YYYY-MM-DD"),
    "negative seconds": (_first("reviews", "seconds", -1), "seconds must be a number"),
    "credit to nothing": (_credit("credited_by", 999), "credited_by 999 is not an earlier answer"),
    "credit on an answer": (_credit("kind", "review"), "only implicit credit has"),
    "undo of nothing": (_undo("target_review", 999), "review 999, which is not earlier"),
    "undo of a later event": (_undo("target_event", 99), "event 99, which is not earlier"),
    "twice the same id": (_first("reviews", "id", 2), "two reviews with id 2"),
    "unknown scheduler": (_edit(lambda d: d["settings"].__setitem__("scheduler", "leitner")), "scheduler"),
    "state with a bad ease": (_first("skill_states", "ef_hundredths", 0), "ef_hundredths"),
    # found by a tester's attack
    "limit setting not a number": (_edit(lambda d: d["settings"].__setitem__("new_per_day", "²")), "whole number"),
    "limit setting too large": (_edit(lambda d: d["settings"].__setitem__("reviews_per_day", "0" * 5000)),
                                "must have a name of 1 to 100 characters and a text value"),
    "credit setting": (_edit(lambda d: d["settings"].__setitem__("credit_prerequisites", "yes")), "0 or 1"),
    "moment before the calendar": (_first("reviews", "reviewed_at", "0001-01-01T00:00:00+05:00"), "outside the calendar"),
    "moment after the calendar": (_first("reviews", "reviewed_at", "9999-12-31T23:00:00-05:00"), "outside the calendar"),
    "export time after the calendar": (_edit(lambda d: d.__setitem__("exported_at", "9999-12-31T23:00:00-05:00")),
                                       "outside the calendar"),
    "lone surrogate": (_first("reviews", "answer", "\ud800"), "lone surrogate"),
    "a century of seconds": (_first("reviews", "seconds", 1e308), "seconds must be a number"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_refused_and_changes_nothing(case, exported, studied, tmp_path):
    change, reason = BROKEN[case]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(change(json.loads(exported.read_text(encoding="utf-8")))), encoding="utf-8")
    _assert_refused(studied, path, reason)


@pytest.mark.parametrize("text, reason", [
    ('{"format": "tutor-history", "version": 1,', "not valid JSON (line 1"),
    ("[1, 2, 3]", "not a tutor history file"),
    ('{"format": "tutor-history", "version": NaN}', "NaN is not a number JSON allows"),
    ("", "not valid JSON"),
])
def test_a_file_that_is_not_json_is_refused(text, reason, studied, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    _assert_refused(studied, path, reason)


def test_importing_the_same_history_again_is_refused(exported, studied):
    _assert_refused(studied, exported, "already in this progress database")


def test_a_five_thousand_digit_number_is_refused(studied, tmp_path):
    path = tmp_path / "huge.json"
    path.write_text('{"format": "tutor-history", "version": 1, "big": ' + "7" * 5000 + "}", encoding="utf-8")
    _assert_refused(studied, path, "cannot read")


def test_skill_events_alone_are_not_imported_twice(tmp_path):
    from tutor.core.history import apply_event
    from tutor.core.records import BURY, SUSPEND

    source = tmp_path / "source"
    with Store.open(source) as store:
        for action, day in ((SUSPEND, START.date()), (BURY, START.date())):
            event = SkillEvent(SKILL if action == SUSPEND else OTHER, action, START, day)
            store.record_event(event, {event.template_id: apply_event(None, event)})
        export_history(store, tmp_path / "events.json")
    target = tmp_path / "target"
    with Store.open(target) as store:
        import_history(store, tmp_path / "events.json")
    _assert_refused(target, tmp_path / "events.json", "skill events are already in this progress database")


def test_export_through_a_link_writes_the_file_it_names(studied, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with Store.open(studied) as store:
        export_history(store, link, overwrite=True)
        assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["format"] == "tutor-history"
        assert real.stat().st_mode & 0o044  # a plain, readable file, not a private temporary
        with pytest.raises(TransferError, match="not a regular file"):
            export_history(store, tmp_path, overwrite=True)


def test_a_file_that_cannot_be_read_is_refused(studied, tmp_path):
    _assert_refused(studied, tmp_path / "missing.json", "cannot be read")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00junk")
    _assert_refused(studied, tmp_path / "binary.json", "not a text (UTF-8) file")


def _assert_refused(data_dir: Path, path: Path, reason: str) -> None:
    before = database_digest(data_dir)
    with Store.open(data_dir) as store, pytest.raises(ImportRefused) as refused:
        import_history(store, path)
    message = str(refused.value)
    assert reason in message and message.endswith("Nothing was changed.")
    assert database_digest(data_dir) == before


def test_a_log_that_cannot_be_replayed_is_refused_inside_the_transaction(exported, studied, tmp_path):
    """Checked field by field the file is fine, but replaying it overflows the calendar: the
    reviews were already inserted when that shows, and the whole transaction rolls back."""
    document = json.loads(exported.read_text(encoding="utf-8"))
    first = dict(document["reviews"][0], kind="review", credited_by=None, quality=5, redrill=False)
    start = datetime.fromisoformat(first["reviewed_at"]) + timedelta(days=500)
    document["reviews"] = [
        dict(first, id=n, seed=n, reviewed_at=(start + timedelta(days=n)).isoformat(),
             day=(start + timedelta(days=n)).date().isoformat())
        for n in range(1, 41)
    ]
    document["events"] = []
    path = tmp_path / "too_far.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _assert_refused(studied, path, "its log cannot be replayed")
