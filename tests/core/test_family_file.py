"""A learner's family file is data: TOML read into a Template whose every expression goes through
the answer engine's parser and guarded evaluator. Hostile files are refused with a message, never
hang, never crash, never run anything."""

from __future__ import annotations

import textwrap
import time
from fractions import Fraction

import pytest
from family_files import readme_family_file
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.bank import check_learner_family, load_bank
from tutor.core.checks import check_problem
from tutor.core.family_file import (
    MAX_FILE_BYTES,
    FamilyError,
    FamilyFileError,
    family_from_text,
    family_of,
    format_value,
    read_family_file,
)

MEAN = textwrap.dedent(
    """
    id = "mine.mean"
    title = "The mean of two readings"
    topic = "probability"
    prerequisites = ["probability.expectation_variance"]
    difficulty = 2
    constraints = ["x != y"]
    prompt = 'A {unit} reads {x} and then {y}. What is $\\bar{{x}}$, their mean?'
    hints = ['$\\bar x = \\frac{{x_1 + x_2}}{{2}}$']

    [params]
    x = { min = 0.5, max = 9.5, step = 0.25 }
    y = { min = 0.5, max = 9.5, step = 0.25 }
    unit = ["thermometer", "scale"]

    [derived]
    total = "x + y"

    [answer]
    kind = "number"
    expression = "total / 2"
    sig_figs = 4
    label = "the mean"

    [[steps]]
    title = "Add"
    text = '${x} + {y} = {total}$'

    [[steps]]
    title = "Halve"
    text = '$\\frac{total}{2} = {total:2dp} / 2$'

    [[mistakes]]
    expression = "total"
    explanation = "That is the sum {total}; the mean divides it by 2."
    """
)


def family(text: str = MEAN):
    return family_from_text(text, "test.toml")


def test_a_family_file_gives_deterministic_variants_per_seed():
    template = family()
    assert (template.id, template.topic, template.difficulty) == ("mine.mean", "probability", 2)
    assert template.prerequisites == ("probability.expectation_variance",)
    for seed in range(40):
        problem = template.generate(seed)
        assert problem == template.generate(seed) == family().generate(seed)
        x, y = problem.params["x"], problem.params["y"]
        assert x != y and x.denominator in (1, 2, 4) and Fraction(1, 2) <= x <= Fraction(19, 2)
        assert problem.params["unit"] in ("thermometer", "scale")
        assert problem.prompt.startswith(f"A {problem.params['unit']} reads {format_value(x)} and then")
        assert problem.prompt.endswith("\nGive your answer to 4 significant figures.")
        assert problem.check(problem.answer).correct
        verdict = problem.check(str(x + y))
        assert not verdict.correct and "the mean divides it by 2" in verdict.message
        assert check_problem(problem) == []
    assert len({template.generate(s).params["x"] for s in range(40)}) > 10


def test_formulas_keep_their_braces_and_take_values_by_name():
    problem = family().instance(x=Fraction(3), y=Fraction(-5, 4), unit="scale")
    assert problem.hints == (r"$\bar x = \frac{{x_1 + x_2}}{{2}}$",)
    assert problem.steps[0].text == "${3} + {-1.25} = {1.75}$"
    assert problem.steps[1].text == r"$\frac{1.75}{2} = {1.75} / 2$"
    assert problem.answer == "0.8750"


def test_value_formats():
    assert format_value(Fraction(7)) == "7"
    assert format_value(Fraction(1, 8)) == "0.125"
    assert format_value(Fraction(1, 3)) == "0.3333"
    assert format_value(Fraction(200, 3)) == "66.6667"
    assert format_value(Fraction(1, 3), "2dp") == "0.33"
    assert format_value(Fraction(2), "2dp") == "2.00"
    assert format_value(Fraction(14336), "3sf") == "14300"
    assert format_value(Fraction(-3), "paren") == "(-3)"
    assert format_value(Fraction(-3), "paren", formula=True) == "({-3})"
    assert format_value(Fraction(3), "paren", formula=True) == "{3}"
    assert format_value((Fraction(1), Fraction(-2)), formula=True) == "({1}, {-2})"
    assert format_value(2 ** 0.5) == "1.4142"


def test_params_vectors_choose_and_lists():
    text = MEAN.replace('unit = ["thermometer", "scale"]',
                        'unit = ["thermometer", "scale"]\nv = { min = -3, max = 3, count = 3 }\n'
                        'w = { choose = 3, from = [1, 2, 3, 4] }\nk = [2, 4, 8]\nh = { min = 0, max = 1, decimals = 2 }')
    text = text.replace('"total / 2"', '"total / 2 + 0*(v1 + v2 + v3 + w1 + w2 + w3 + k + h)"')
    template = family(text)
    for seed in range(30):
        p = template.generate(seed)
        v, w = p.params["v"], p.params["w"]
        assert len(v) == 3 and all(-3 <= e <= 3 for e in v)
        assert len(set(w)) == 3 and set(w) <= {1, 2, 3, 4}
        assert p.params["k"] in (2, 4, 8) and (p.params["h"] * 100).denominator == 1


def test_the_readme_worked_example_matches_the_built_in_family():
    """The TOML dot product asks and grades what the built-in Python one does, for the same vectors."""
    mine = family_from_text(readme_family_file())
    built_in = load_bank()["vectors.dot_product"]
    a, b = (3, -1, 2), (-2, 4, 5)
    ours = mine.instance(a=tuple(map(Fraction, a)), b=tuple(map(Fraction, b)))
    theirs = built_in.instance(a=a, b=b)
    assert ours.answer == theirs.answer == "0"
    assert [m.answer for m in ours.spec.mistakes] == [m.answer for m in theirs.spec.mistakes]
    assert ours.prompt.splitlines()[0] == "Let $a = ({3}, {-1}, {2})$ and $b = ({-2}, {4}, {5})$."
    assert ours.prompt.splitlines()[-1] == theirs.prompt.split(". ")[-1] == "Give your answer as a whole number."


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**40))
def test_any_seed_gives_a_problem_whose_canonical_answer_is_accepted(seed):
    for template in (family(), family_from_text(readme_family_file())):
        problem = template.generate(seed)
        assert problem.check(problem.answer).correct
        assert family_of(template).quick_check(seed) == []
        for mistake in problem.spec.mistakes:
            verdict = problem.check(mistake.answer)
            assert not verdict.correct and mistake.explanation in verdict.message


# -- hostile files ----------------------------------------------------------------------------

SMALL = textwrap.dedent(
    """
    id = "mine.small"
    title = "Small"
    topic = "arithmetic"
    {top}
    prompt = "What is {{a}} + {{b}}?"
    hints = ["Add them."]
    steps = ["{{a}} + {{b}}"]

    [params]
    a = {{ min = 1, max = 9 }}
    b = {{ min = 1, max = 9 }}

    [answer]
    kind = "integer"
    expression = {expression}
    """
)


def small(expression: str = '"a + b"', top: str = "") -> str:
    return SMALL.format(expression=expression, top=top)


def refused(text: str) -> str:
    """The message a file is refused with, at reading or at its 300-seed check (quickly)."""
    start = time.perf_counter()
    try:
        template = family_from_text(text)
    except FamilyFileError as exc:
        message = str(exc)
    else:
        message = check_learner_family(template)
    assert time.perf_counter() - start < 5, "refusing a file must be quick"
    assert message, "the file was accepted"
    return message


def test_the_small_family_itself_is_fine():
    assert check_learner_family(family_from_text(small())) is None


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('"9^9^9^9"', "seed 0: answer.expression ('9^9^9^9') is too large to work with"),
        ('"factorial(100000)"', "too large"),
        ('"' + "(" * 10_000 + "a" + ")" * 10_000 + '"', "too long (20001 characters; the limit is 1000)"),
        ('"' + "(" * 100 + "a" + ")" * 100 + '"', "Too many nested brackets"),
        ('"' + "-" * 400 + 'a"', "nested too deeply"),
        ('"__import__(\'os\').system(\'touch x\')"', "Unexpected character '_'"),
        ('"open(a)"', "Unknown function 'open'"),
        ('"exec"', "Unknown variable 'exec'"),
        ('"a + b; a"', "Unexpected ';'"),
        ('"[a, b]"', "A list isn't allowed here"),
        ('"a / (b - b)"', "division by zero"),
        ('"sqrt(-a)"', "not a real number"),
        ('"a / 2 + 1/3"', "not a whole number"),
        ("42", "must be an expression in quotes"),
    ],
    ids=lambda v: v[:30],
)
def test_hostile_expressions_are_refused_with_a_message(expression, message):
    assert message in refused(small(expression))


def test_a_constraint_that_never_holds_is_refused_after_bounded_redraws():
    message = refused(small(top='constraints = ["a > 9"]\nredraws = 1000'))
    assert message.startswith("seed 0: no draw met the constraints in 1000 tries")
    assert "'a > 9'" in message
    assert "redraws must be a whole number from 1 to 1000" in refused(small(top="redraws = 100000"))
    assert "write == to test equality" in refused(small(top='constraints = ["a = b"]'))
    assert "one comparison per constraint" in refused(small(top='constraints = ["a < b < 5"]'))


def test_a_placeholder_naming_no_value_is_refused():
    assert "prompt: {c} names no parameter or derived value (known: a, b)" in refused(
        small().replace("What is {a} + {b}?", "What is {a} + {c}?"))
    assert "steps[1]: {b:7}: the format is 3dp" in refused(small().replace('steps = ["{a} + {b}"]', 'steps = ["{a} + {b:7}"]'))
    assert "hints[1]: a $ is not closed" in refused(small().replace("Add them.", "Costs $5."))


def test_a_huge_file_or_string_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text(small().replace("Add them.", "x" * 1_000_000))
    with pytest.raises(FamilyFileError, match="too large"):
        read_family_file(path)
    assert path.stat().st_size > MAX_FILE_BYTES
    long_hint = small().replace("Add them.", "x" * 5000)
    assert "hints[1] is too long (5000 characters; the limit is 4000)" in refused(long_hint)


def test_deeply_nested_toml_is_refused():
    message = refused("x = " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert "not valid TOML" in message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("a = {{ min = 1, max = 9 }}", "a = {{ min = 1, max = 9, count = 99 }}"), "params.a.count must be a whole number from 1 to 10"),
        (("a = {{ min = 1, max = 9 }}", "a = {{ min = 9, max = 1 }}"), "min (9) is above max (1)"),
        (("a = {{ min = 1, max = 9 }}", "a = {{ min = 0, max = 1e30 }}"), "too large"),
        (("a = {{ min = 1, max = 9 }}", "a = {{ min = 0, max = 1000000000000, step = 1 }}"), "too many values"),
        (("a = {{ min = 1, max = 9 }}", "a = {{ min = 0.5, max = 2 }}"), "say the step"),
        (("a = {{ min = 1, max = 9 }}", "a = {{ choose = 5, from = [1, 2] }}"), "cannot choose 5 of 2"),
        (("a = {{ min = 1, max = 9 }}", "a = []"), "at least one value"),
        (("a = {{ min = 1, max = 9 }}", "e = {{ min = 1, max = 9 }}"), "is a function or a constant"),
        (("a = {{ min = 1, max = 9 }}", "sin = {{ min = 1, max = 9 }}"), "is a function or a constant"),
        (("a = {{ min = 1, max = 9 }}", "a = {{ min = 1, max = 9, run = 'rm -rf /' }}"), "unknown field 'run'"),
        (('id = "mine.small"', 'id = "Mine Small"'), "must look like area.name"),
        (('id = "mine.small"', 'id = "mine.small"\nimport = "os"'), "unknown field 'import'"),
    ],
    ids=lambda v: v[1][:30] if isinstance(v, tuple) else v[:30],
)
def test_malformed_fields_are_named(change, message):
    old, new = change
    text = SMALL.replace(old, new).format(expression='"a + b"', top="")
    assert message in refused(text)


def test_a_family_that_fails_only_for_some_seeds_names_the_first():
    text = small('"a + b"', top='').replace('kind = "integer"\nexpression = "a + b"',
                                            'kind = "number"\nsig_figs = 3\nexpression = "1 / (a - 7)"')
    template = family_from_text(text)
    message = check_learner_family(template)
    seed = int(message.split(":")[0].removeprefix("seed "))
    assert all(template.generate(s) for s in range(seed))  # every earlier seed works
    with pytest.raises(FamilyError, match="division by zero"):
        template.generate(seed)
