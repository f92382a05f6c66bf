"""The `tutor` command: content tools for authors, the entry points, and the learner's data."""

import hashlib
import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from histories import OTHER, SKILL, write_history

from tutor.bank import load_bank
from tutor.cli import _parser, main
from tutor.rebuild import switch_scheduler
from tutor.store import DB_FILENAME, Store
from tutor.store.repository import default_learner_name


def test_content_check_passes_for_the_whole_bank(capsys):
    assert main(["content", "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    bank = load_bank()
    assert sum(line.startswith("ok  ") for line in out) == len(bank)
    assert out[-1].startswith(f"{len(bank)} families, 300 seeds each: {len(bank)} ok, 0 failed")


def test_content_list_shows_topics_and_prerequisites(capsys):
    assert main(["content", "list"]) == 0
    out = capsys.readouterr().out
    assert "linear algebra (" in out and "cosine.two_vectors" in out
    bank = load_bank()
    with_prereq = next(t for t in bank.values() if t.prerequisites)
    assert f"← {', '.join(with_prereq.prerequisites)}" in out


def test_content_show_prints_seed_instance_and_variants(capsys):
    assert main(["content", "show", "cosine.two_vectors"]) == 0
    out = capsys.readouterr().out
    assert "a = (3, 4)" in out and "Answer: 0.96" in out and "Worked solution" in out
    assert main(["content", "show", "cosine.two_vectors", "--seed", "7"]) == 0
    assert "seed 7" in capsys.readouterr().out
    assert main(["content", "show", "no.such.family"]) == 2


def test_python_dash_m_tutor_runs():
    result = subprocess.run([sys.executable, "-m", "tutor", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("tutor ")


def test_no_command_starts_the_app_and_data_dir_goes_before_or_after_a_command():
    assert _parser().parse_args(["--data-dir", "here"]).command is None  # main() runs the app
    assert str(_parser().parse_args(["--data-dir", "a", "stats"]).data_dir) == "a"
    assert str(_parser().parse_args(["stats", "--data-dir", "b"]).data_dir) == "b"
    assert _parser().parse_args(["stats"]).data_dir is None


def test_data_dir_option_and_environment_variable(tmp_path, monkeypatch):
    from tutor.paths import default_data_dir

    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"


# -- commands on the learner's data ----------------------------------------------------------
# Real SQLite files under tmp_path; histories written through the Store (tests/histories.py).

RECENT = datetime.now(UTC).replace(microsecond=0) - timedelta(days=5)  # so the figures are not all zero


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def studied(tmp_path) -> Path:
    data_dir = tmp_path / "studied"
    write_history(data_dir, RECENT)
    return data_dir


def test_export_then_import_into_a_fresh_folder_gives_the_same_stats(studied, tmp_path, capsys):
    fresh, file = tmp_path / "fresh", tmp_path / "history.json"
    code, out, _ = run(capsys, "--data-dir", studied, "export", file)
    assert code == 0 and "Exported 12 reviews, 7 skill events and 3 skill states" in out
    code, out, _ = run(capsys, "import", file, "--data-dir", fresh)  # --data-dir after the command too
    assert code == 0 and "Imported 12 reviews and 7 skill events into an empty history" in out
    stats = [run(capsys, "--data-dir", d, "stats") for d in (studied, fresh)]
    assert stats[0] == stats[1] and stats[0][0] == 0
    assert "Due today" in stats[0][1] and "Last 7 days" in stats[0][1]
    for data_dir in (studied, fresh):
        code, out, _ = run(capsys, "--data-dir", data_dir, "rebuild", "--check")
        assert (code, out) == (0, "Every skill state matches the log (3 skills).\n")


def test_rebuild_check_finds_a_tampered_state_and_rebuild_fixes_it(studied, capsys):
    with Store.open(studied) as store:
        states = store.skill_states()
        states[SKILL] = replace(states[SKILL], interval_days=99, ef_hundredths=130)
        del states[OTHER]
        store.replace_states(states)
    code, out, _ = run(capsys, "--data-dir", studied, "rebuild", "--check")
    assert code == 1
    lines = out.splitlines()  # one a skill, in skill order
    assert lines[0].startswith(f"{SKILL}: ") and "interval_days 99 → 6" in lines[0]
    assert lines[1].startswith(f"{OTHER}: no stored state; the log gives interval")
    assert lines[-1] == "2 skill states differ from the log; `tutor rebuild` recomputes them."
    assert run(capsys, "--data-dir", studied, "rebuild", "--check")[0] == 1  # --check changed nothing
    code, out, _ = run(capsys, "--data-dir", studied, "rebuild")
    assert code == 0 and out.splitlines()[0] == f"fixed {lines[0]}"
    assert out.splitlines()[-1] == "Recomputed 2 skill states from the log."
    assert run(capsys, "--data-dir", studied, "rebuild", "--check")[0] == 0
    code, out, _ = run(capsys, "--data-dir", studied, "rebuild")
    assert (code, out) == (0, "Every skill state already matched the log; nothing changed.\n")


def test_a_refused_import_says_why_and_leaves_the_database_as_it_was(studied, tmp_path, capsys):
    file = tmp_path / "history.json"
    assert run(capsys, "--data-dir", studied, "export", file)[0] == 0
    before = hashlib.sha256((studied / DB_FILENAME).read_bytes()).hexdigest()
    code, out, err = run(capsys, "--data-dir", studied, "import", file)
    assert (code, out) == (1, "")
    assert "already in this progress database" in err and "Nothing was changed." in err
    document = json.loads(file.read_text(encoding="utf-8")) | {"version": 7}
    file.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", studied, "import", file)
    assert code == 1 and "this file was written by a newer tutor" in err
    assert hashlib.sha256((studied / DB_FILENAME).read_bytes()).hexdigest() == before


def test_export_refuses_to_replace_a_file_without_force(studied, tmp_path, capsys):
    file = tmp_path / "mine.json"
    file.write_text("my own notes", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", studied, "export", file)
    assert code == 1 and "already exists" in err and file.read_text(encoding="utf-8") == "my own notes"
    assert run(capsys, "--data-dir", studied, "export", file, "--force")[0] == 0


COMMANDS = [["stats"], ["rebuild"], ["rebuild", "--check"], ["export", "out.json"], ["import", "in.json"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_database_that_cannot_be_opened_gives_a_message_and_exit_code_2(command, tmp_path, capsys):
    (tmp_path / DB_FILENAME).write_bytes(b"these are not the bytes of a database")
    (tmp_path / "in.json").write_text("{}", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", tmp_path, *command)
    assert (code, out) == (2, "")
    assert "is damaged" in err and "left untouched" in err
    assert (tmp_path / DB_FILENAME).read_bytes() == b"these are not the bytes of a database"


@pytest.mark.parametrize("command", COMMANDS[:4], ids=" ".join)
def test_commands_that_only_read_do_not_create_a_database(command, tmp_path, capsys):
    code, _, err = run(capsys, "--data-dir", tmp_path / "typo", *command)
    assert code == 2 and "There is no progress database in" in err
    assert not (tmp_path / "typo").exists()


OWN_FAMILY = """
id = "mine.double"
title = "Doubling"
topic = "arithmetic"
prompt = "What is {n} + {n}?"
hints = ["Double it."]
steps = ["{n} + {n} = {twice}"]
[params]
n = { min = 2, max = 9 }
[derived]
twice = "2n"
[answer]
kind = "integer"
expression = "twice"
"""


def test_stats_counts_the_learners_own_families_as_the_window_does(studied, capsys):
    built_in = len(load_bank())
    assert f"of {built_in} skills" in run(capsys, "--data-dir", studied, "stats")[1]
    (studied / "content").mkdir()
    (studied / "content" / "double.toml").write_text(OWN_FAMILY, encoding="utf-8")
    assert f"of {built_in + 1} skills" in run(capsys, "--data-dir", studied, "stats")[1]


def test_data_commands_import_neither_qt_nor_matplotlib(studied, tmp_path):
    script = (
        "import sys\n"
        "from tutor.cli import main\n"
        f"d, f = {str(studied)!r}, {str(tmp_path / 'h.json')!r}\n"
        "codes = [main(['--data-dir', d] + c) for c in (['stats'], ['rebuild', '--check'], ['rebuild'],"
        " ['export', f])]\n"
        f"codes.append(main(['--data-dir', {str(tmp_path / 'fresh')!r}, 'import', f]))\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'matplotlib', 'shiboken6'})\n"
        "print(codes, loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[0, 0, 0, 0, 0] []"


def test_stats_shows_the_desired_retention_when_fsrs_schedules(studied, capsys):
    assert "desired" not in run(capsys, "--data-dir", studied, "stats")[1]
    with Store.open(studied) as store:
        switch_scheduler(store, "fsrs", 0.85)
    code, out, _ = run(capsys, "--data-dir", studied, "stats")
    assert code == 0 and "desired 85%" in out
    assert run(capsys, "--data-dir", studied, "rebuild", "--check")[0] == 0


def test_stats_leaves_out_skills_that_are_no_longer_in_the_bank(studied, capsys):
    before = run(capsys, "--data-dir", studied, "stats")[1]
    with Store.open(studied) as store:
        states = store.skill_states()
        some = next(iter(states.values()))
        gone = replace(some, template_id="gone.family", due=some.due - timedelta(days=30), interval_days=40)
        store.replace_states({**states, gone.template_id: gone})
    assert run(capsys, "--data-dir", studied, "stats")[1] == before


# -- another database, other learners (issue 10) -----------------------------------------------


def test_a_history_moves_to_a_postgresql_server_for_one_learner(studied, tmp_path, capsys, postgres_url):
    exported = tmp_path / "h.json"
    assert run(capsys, "--data-dir", studied, "export", exported)[0] == 0
    code, _, err = run(capsys, "--database-url", postgres_url, "--learner", "ada", "import", exported)
    assert code == 0, err
    local = run(capsys, "--data-dir", studied, "stats")[1]
    assert run(capsys, "stats", "--database-url", postgres_url, "--learner", "ada")[1] == local
    assert run(capsys, "--database-url", postgres_url, "--learner", "ada", "rebuild", "--check")[0] == 0
    # another learner on the same server has nothing yet
    assert "Last 30 days     no reviews" in run(capsys, "--database-url", postgres_url, "--learner", "bob", "stats")[1]


def test_the_database_and_the_learner_can_come_from_the_environment(studied, tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{studied / DB_FILENAME}"
    local = run(capsys, "--data-dir", studied, "stats")[1]
    monkeypatch.setenv("TUTOR_DATABASE_URL", url)
    monkeypatch.setenv("TUTOR_LEARNER", "someone else")
    assert "Last 30 days     no reviews" in run(capsys, "--data-dir", tmp_path / "unused", "stats")[1]
    monkeypatch.delenv("TUTOR_LEARNER")
    first = default_learner_name()  # who studied before there was a second learner
    code, out, err = run(capsys, "--data-dir", tmp_path / "unused", "stats")
    assert code == 2 and "several learners" in err and first in err  # now there are two: say which
    assert run(capsys, "--learner", first, "stats")[1] == local
    assert not (tmp_path / "unused").exists()


def test_a_server_that_cannot_be_reached_gives_a_message_and_exit_code_2(tmp_path, capsys):
    url = f"postgresql+psycopg://nobody@/tutor?host={tmp_path / 'no-server-here'}"
    code, out, err = run(capsys, "--database-url", url, "stats")
    assert (code, out) == (2, "")
    assert err.startswith("tutor: ") and "no-server-here" in err


def test_the_app_exits_2_with_the_message_when_the_progress_cannot_be_opened(tmp_path):
    (tmp_path / DB_FILENAME).write_bytes(b"these are not the bytes of a database")
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "--data-dir", str(tmp_path), "--screenshot", str(tmp_path / "shot.png")],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 2
    assert "tutor: " in result.stderr and "is damaged" in result.stderr
    assert (tmp_path / DB_FILENAME).read_bytes() == b"these are not the bytes of a database"
