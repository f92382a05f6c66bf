"""Loading the bank: built-in content, a learner's own folder, and broken files."""

import textwrap

import pytest

from tutor.bank import Bank, ContentError, load_bank, load_folder
from tutor.core.problems import Template

GOOD = textwrap.dedent(
    '''
    from tutor.core.answers import AnswerSpec
    from tutor.core.problems import Template, Variant


    def build(n):
        return Variant(prompt=f"What is {n} + {n}?", answer=AnswerSpec(kind="number", expected=str(2 * n)),
                       steps=[f"{n} + {n} = {2 * n}"], hints=["Double it."])


    TEMPLATES = [Template(id="mine.double", title="Doubling", topic="arithmetic",
                          draw=lambda rng: {"n": rng.randint(2, 9)}, build=build)]
    '''
)


def test_learner_folder_adds_families(tmp_path):
    (tmp_path / "double.py").write_text(GOOD)
    bank = load_bank(user_dir=tmp_path)
    assert "mine.double" in bank and not bank.issues
    p = bank["mine.double"].generate(3)
    assert p.check(p.answer).correct


def test_broken_learner_file_is_reported_by_name_and_line_and_skipped(tmp_path):
    (tmp_path / "double.py").write_text(GOOD)
    (tmp_path / "broken.py").write_text("x = 1\n\ndef oops(:\n    pass\n")
    (tmp_path / "raises.py").write_text("import math\n\nraise RuntimeError('bad data')\n")
    (tmp_path / "empty.py").write_text("# nothing here\n")
    bank = load_bank(user_dir=tmp_path)
    assert "mine.double" in bank
    issues = {issue.path.name: issue for issue in bank.issues}
    assert set(issues) == {"broken.py", "raises.py", "empty.py"}
    assert issues["broken.py"].line == 3 and "SyntaxError" in issues["broken.py"].message
    assert issues["raises.py"].line == 3 and "bad data" in str(issues["raises.py"])
    assert "TEMPLATES" in issues["empty.py"].message


def test_learner_file_cannot_replace_a_built_in_family(tmp_path):
    (tmp_path / "clash.py").write_text(GOOD.replace("mine.double", "cosine.two_vectors"))
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


def test_learning_order_puts_prerequisites_first():
    bank = load_bank()
    order = bank.learning_order()
    assert sorted(order) == sorted(bank)
    seen = set()
    for tid in order:
        assert all(p in seen for p in bank[tid].prerequisites if p in bank)
        seen.add(tid)


def test_learner_family_that_fails_to_generate_is_skipped(tmp_path):
    (tmp_path / "bad_build.py").write_text(GOOD.replace('f"What is {n} + {n}?"', "1 / 0"))
    bank = load_bank(user_dir=tmp_path)
    assert "mine.double" not in bank
    [issue] = bank.issues
    assert "ZeroDivisionError" in issue.message and issue.line is not None
