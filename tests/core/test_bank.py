"""Loading the bank: built-in content, a learner's own folder of family files, and broken files."""

import random
import sys
import textwrap
import time
from pathlib import Path

import pytest
from family_files import readme_family_file

from tutor.bank import PYTHON_NOT_RUN, Bank, ContentError, load_bank, load_folder
from tutor.core.family_file import FamilyError, family_of, read_family_file
from tutor.core.problems import Template

GOOD = textwrap.dedent(
    """
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

    [[mistakes]]
    expression = "n^2"
    explanation = "That is {n} times {n}; doubling adds {n} to itself."
    """
)


def test_learner_folder_adds_families(tmp_path):
    (tmp_path / "double.toml").write_text(GOOD)
    bank = load_bank(user_dir=tmp_path)
    assert "mine.double" in bank and not bank.issues
    p = bank["mine.double"].generate(3)
    assert p.check(p.answer).correct
    assert p.prompt.endswith("Give your answer as a whole number.")


def test_broken_learner_files_are_reported_by_name_and_skipped(tmp_path):
    (tmp_path / "double.toml").write_text(GOOD)
    (tmp_path / "syntax.toml").write_text('id = "mine.x"\ntitle = "X"\ntitle = "again"\n')
    (tmp_path / "incomplete.toml").write_text('id = "mine.y"\ntitle = "Y"\n')
    (tmp_path / "wrong_kind.toml").write_text(GOOD.replace("mine.double", "mine.z").replace('"integer"', '"poem"'))
    bank = load_bank(user_dir=tmp_path)
    assert "mine.double" in bank and "mine.z" not in bank
    issues = {issue.path.name: issue for issue in bank.issues}
    assert set(issues) == {"syntax.toml", "incomplete.toml", "wrong_kind.toml"}
    assert issues["syntax.toml"].line == 3 and "not valid TOML" in issues["syntax.toml"].message
    assert str(issues["syntax.toml"]).startswith(f"{tmp_path / 'syntax.toml'}:3: ")
    assert "'topic' is missing" in issues["incomplete.toml"].message
    assert "answer.kind" in issues["wrong_kind.toml"].message


def test_learner_file_cannot_replace_a_built_in_family(tmp_path):
    (tmp_path / "clash.toml").write_text(GOOD.replace("mine.double", "cosine.two_vectors"))
    bank = load_bank(user_dir=tmp_path)
    assert bank["cosine.two_vectors"].title != "Doubling"
    assert "duplicate" in bank.issues[0].message


def test_broken_built_in_content_raises(tmp_path):
    (tmp_path / "broken.py").write_text("TEMPLATES = 3\n")
    with pytest.raises(ContentError, match="broken.py"):
        load_folder(Bank(), tmp_path, strict=True)


def test_prerequisite_cycle_is_reported():
    def t(tid, *pre):
        return Template(id=tid, title=tid, topic="x", draw=lambda rng: {}, build=lambda: None, prerequisites=pre)

    bank = Bank(templates={"a": t("a", "b"), "b": t("b", "a"), "c": t("c")})
    with pytest.raises(ContentError, match="cycle"):
        bank.learning_order()


def test_learner_families_in_a_prerequisite_cycle_are_skipped(tmp_path):
    one = GOOD.replace("mine.double", "mine.one").replace('topic = "arithmetic"',
                                                          'topic = "arithmetic"\nprerequisites = ["mine.two"]')
    two = GOOD.replace("mine.double", "mine.two").replace('topic = "arithmetic"',
                                                          'topic = "arithmetic"\nprerequisites = ["mine.one"]')
    (tmp_path / "one.toml").write_text(one)
    (tmp_path / "two.toml").write_text(two)
    (tmp_path / "double.toml").write_text(GOOD)
    bank = load_bank(user_dir=tmp_path)
    assert "mine.double" in bank and "mine.one" not in bank and "mine.two" not in bank
    assert sorted(i.path.name for i in bank.issues) == ["one.toml", "two.toml"]
    assert all("cycle" in i.message for i in bank.issues)
    bank.learning_order()  # the app can order what is left


def test_learning_order_puts_prerequisites_first():
    bank = load_bank()
    order = bank.learning_order()
    assert sorted(order) == sorted(bank)
    seen = set()
    for tid in order:
        assert all(p in seen for p in bank[tid].prerequisites if p in bank)
        seen.add(tid)


def test_learner_family_that_fails_for_some_seed_is_named_with_the_seed_and_skipped(tmp_path):
    # n - 5 is zero for one value of n in 2..9: the first seed that draws it fails
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("mine.double", "mine.halve").replace('"twice"', '"twice / (n - 5)"')
                   .replace('"integer"', '"number"\nsig_figs = 3'))
    (tmp_path / "double.toml").write_text(GOOD)
    bank = load_bank(user_dir=tmp_path)
    assert "mine.double" in bank and "mine.halve" not in bank
    [issue] = bank.issues
    assert issue.path == bad
    family = family_of(read_family_file(bad))
    first_bad = next(s for s in range(300) if family.draw(random.Random(f"mine.halve#{s}"))["n"] == 5)
    assert 0 < first_bad < 300
    assert f"mine.halve is skipped: seed {first_bad}: " in issue.message, issue.message
    assert "'twice / (n - 5)'" in issue.message and "division by zero" in issue.message
    with pytest.raises(FamilyError, match="division by zero"):
        family.template().generate(first_bad)  # what a review would meet, had it been loaded


def test_a_python_file_in_the_learner_folder_is_never_run(tmp_path):
    marker = tmp_path / "ran.txt"
    (tmp_path / "evil.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\nimport sys\nsys.exit(3)\nraise KeyboardInterrupt\n"
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "_hidden_helper.py").write_text(f"open({str(marker)!r}, 'w').write('ran too')\n")
    (tmp_path / "double.toml").write_text(GOOD)
    modules_before = set(sys.modules)
    bank = load_bank(user_dir=tmp_path)  # neither exits nor raises
    assert not marker.exists()
    assert "mine.double" in bank
    assert sorted(i.path.name for i in bank.issues) == ["_hidden_helper.py", "evil.py"]
    assert all(i.message == PYTHON_NOT_RUN for i in bank.issues)
    assert "not run" in PYTHON_NOT_RUN and "content/README.md" in PYTHON_NOT_RUN
    assert "Contributing a Python family to the built-in bank" in PYTHON_NOT_RUN
    assert not {m for m in set(sys.modules) - modules_before if "evil" in m}


def test_ten_learner_families_load_quickly(tmp_path):
    text = readme_family_file()
    for k in range(10):
        (tmp_path / f"dot{k}.toml").write_text(text.replace("mine.dot_product", f"mine.dot{k}"))
    load_bank()  # the built-in bank, imported and warm
    start = time.perf_counter()
    built_in = load_bank()
    middle = time.perf_counter()
    bank = load_bank(user_dir=tmp_path)
    end = time.perf_counter()
    assert not bank.issues and len(bank) == len(built_in) + 10
    learner_s = (end - middle) - (middle - start)
    print(f"10 learner families x 300 seeds: {learner_s:.3f} s on top of the built-in bank")
    assert learner_s < 5, learner_s  # about 0.7 s here; generous for a slow, shared machine
    assert Path(bank["mine.dot3"].source).name == "dot3.toml"
