"""`tutor content check` enforces the precision contract (issue 8): a family that breaks a
rule is named, with the seed and what is wrong."""

from __future__ import annotations

import random
import re
from pathlib import Path

from tutor.content_tools import check_problem, check_template
from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.problems import Step, Template, Variant


def _template(make_spec, prompt_sentence: bool = True) -> Template:
    """A toy family: the mean of two whole numbers, answered as ``make_spec(a, b)`` says."""

    def draw(rng: random.Random) -> dict:
        return {"a": rng.randint(1, 90), "b": rng.randint(1, 90)}

    def build(a: int, b: int) -> Variant:
        spec = make_spec(a, b)
        prompt = f"What is the mean of {a} and {b}, divided by 7?"
        if prompt_sentence:
            prompt += " " + precision_sentence(spec)
        return Variant(prompt, spec, [Step(f"({a} + {b}) / 14")], ["Add, then divide."])

    return Template("toy.mean", "Mean", "test", draw, build)


def _mean(a: int, b: int, **precision) -> AnswerSpec:
    return AnswerSpec(kind="number", expected=f"({a} + {b})/14", **precision)


def test_a_family_on_the_contract_passes() -> None:
    def spec(a: int, b: int) -> AnswerSpec:
        return with_mistakes(_mean(a, b, sig_figs=4), [((a + b) / 7, "You did not halve the sum.")])

    assert check_template(_template(spec), {}, seeds=60).problems == []


def test_a_number_without_a_declared_precision_is_named() -> None:
    problems = check_problem(_template(lambda a, b: _mean(a, b), prompt_sentence=False).generate(3))
    assert any("declares no precision" in p for p in problems), problems
    assert all(p.startswith("seed 3:") for p in problems)


def test_a_prompt_that_does_not_ask_for_the_precision_is_named() -> None:
    template = _template(lambda a, b: _mean(a, b, sig_figs=4), prompt_sentence=False)
    problems = check_problem(template.generate(5))
    assert problems == ["seed 5: the prompt does not say 'Give your answer to 4 significant figures.'"]


def test_a_declared_mistake_the_answer_accepts_is_named() -> None:
    def spec(a: int, b: int) -> AnswerSpec:
        exact = (a + b) / 14  # the answer itself, declared as a mistake by hand
        return _mean(a, b, sig_figs=3, mistakes=(Mistake(repr(exact), "oops"),))

    problems = check_problem(_template(spec).generate(1))
    assert any("is accepted" in p for p in problems), problems


def test_whole_numbers_one_off_are_checked_as_off_by_one() -> None:
    def spec(a: int, b: int) -> AnswerSpec:
        return AnswerSpec(kind="integer", expected=str(a * b), label="the product")

    template = _template(spec)
    assert check_template(template, {}, seeds=20).problems == []
    problem = template.generate(2)
    off = str(problem.params["a"] * problem.params["b"] + 1)
    assert "off by one" in problem.check(off).message


def test_the_complete_example_in_content_readme_passes_the_check() -> None:
    readme = (Path(__file__).resolve().parents[1] / "content" / "README.md").read_text(encoding="utf-8")
    code = re.search(r"cosine_similarity.py`, trimmed:\n\n```python\n(.*?)```", readme, re.S)
    assert code, "the complete example is missing from content/README.md"
    namespace: dict = {}
    exec(compile(code.group(1), "content/README.md", "exec"), namespace)  # our own document
    template = namespace["TEMPLATES"][0]
    assert template.seed_instance().answer == "0.9600"
    prerequisites = dict.fromkeys(template.prerequisites)
    assert check_template(template, prerequisites, seeds=60).problems == []


def test_the_worked_family_file_in_content_readme_loads_and_passes_the_check(tmp_path) -> None:
    from family_files import readme_family_file

    from tutor.bank import load_bank

    (tmp_path / "dot_product.toml").write_text(readme_family_file(), encoding="utf-8")
    bank = load_bank(user_dir=tmp_path)
    assert bank.issues == []
    template = bank["mine.dot_product"]
    assert template.generate(7).answer == "-40"
    assert check_template(template, bank).problems == []  # every check, 300 seeds


def test_content_check_data_dir_names_each_file_and_the_failing_seed(tmp_path, capsys) -> None:
    from family_files import readme_family_file

    from tutor.cli import main

    folder = tmp_path / "content"
    folder.mkdir()
    good = readme_family_file()
    (folder / "dot_product.toml").write_text(good, encoding="utf-8")
    (folder / "seeds.toml").write_text(
        good.replace("mine.dot_product", "mine.seeds").replace('"dot"', '"dot + 0 / (a1 - 1)"'), encoding="utf-8")
    (folder / "notes.py").write_text("raise SystemExit(7)\n", encoding="utf-8")
    assert main(["content", "check", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "ok    mine.dot_product (dot_product.toml)" in out
    [seeds] = [line for line in out if "seeds.toml" in line]
    assert re.match(r"FAIL  seeds\.toml: mine\.seeds is skipped: seed \d+: answer\.expression .* division by zero", seeds)
    [notes] = [line for line in out if "notes.py" in line]
    assert notes.startswith("FAIL  notes.py: Python files in your content folder are not run")
    assert out[-1].endswith("1 ok, 2 failed")

    (folder / "seeds.toml").unlink()
    (folder / "notes.py").unlink()
    assert main(["content", "check", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("1 ok, 0 failed")
    assert main(["content", "check", "--data-dir", str(tmp_path / "typo")]) == 2
    assert "There is no data folder" in capsys.readouterr().err
