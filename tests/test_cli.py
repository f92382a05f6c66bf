"""The `tutor` command: content tools for authors, and the entry points."""

import subprocess
import sys

from tutor.bank import load_bank
from tutor.cli import main


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


def test_data_dir_option_and_environment_variable(tmp_path, monkeypatch):
    from tutor.paths import default_data_dir

    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"
