"""The precision contract (issue 8, Step 5): what the prompt asks for is exactly what is graded.

A number answer declares its precision once (``sig_figs=N``, ``decimals=N`` or
``kind="integer"``); the same declaration writes the prompt's
sentence and the canonical answer, and grades the learner's number the same way whatever the
notation. A table of engine cases for every rule, then hypothesis properties.
"""

from __future__ import annotations

import ast
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tutor.content_tools import check_problem, check_template
from tutor.core.answers import (
    AnswerSpec,
    Mistake,
    canonical_answer,
    check,
    check_spec,
    precision_sentence,
)
from tutor.core.answers.precision import SIG_FIGS, Precision
from tutor.core.authoring import mistake_typings, number_mistakes, with_mistakes
from tutor.core.formatting import at_place, exact_text, figures_place, round_at, rounded
from tutor.core.problems import Step, Template, Variant

RIGHT, CLOSE, WRONG, INVALID = "right", "close", "wrong", "invalid"
SF4 = {"sig_figs": 4}
SF3 = {"sig_figs": 3}
DP4 = {"decimals": 4}
WHOLE = {"kind": "integer"}

# (expected exact value, given, declaration, outcome, fragment of the message or None)
CASES = [
    # calculus.gradient_descent: f at the new point is 18.0172; 18 is the linear prediction
    ("18.0172", "18", SF4, CLOSE, "4 significant figures (you gave 2)"),
    ("18.0172", "18.0", SF4, CLOSE, "4 significant figures (you gave 3)"),
    ("18.0172", "18.00", SF4, WRONG, "That is not correct."),
    ("18.0172", "18.02", SF4, RIGHT, None),
    ("18.0172", "18.017", SF4, RIGHT, None),
    ("18.0172", "18.0172", SF4, RIGHT, None),
    ("18.0172", "18.01", SF4, WRONG, "last digit (the 4th significant figure)"),
    ("18.0172", "18.03", SF4, WRONG, "last digit"),
    ("18.0172", "18.016", SF4, WRONG, "last digit (the 5th significant figure)"),
    # optim.warmup_cosine: 0.0004341 at 4 s.f., in every notation
    ("0.0004341", "0.0004341", SF4, RIGHT, None),
    ("0.0004341", "4.341e-4", SF4, RIGHT, None),
    ("0.0004341", "4.341E-4", SF4, RIGHT, None),
    ("0.0004341", "4.341×10^-4", SF4, RIGHT, None),
    ("0.0004341", "4.341*10^(-4)", SF4, RIGHT, None),
    ("0.0004341", "4.341 × 10⁻⁴", SF4, RIGHT, None),
    ("0.0004341", "0.00043410", SF4, RIGHT, None),
    ("0.0004341", "0.00043", SF4, CLOSE, "4 significant figures (you gave 2)"),
    ("0.0004341", "4.3e-4", SF4, CLOSE, "4 significant figures (you gave 2)"),
    ("0.0004341", "4.3×10^-4", SF4, CLOSE, "4 significant figures (you gave 2)"),
    ("0.0004341", "0.0004", SF4, CLOSE, "(you gave 1)"),
    ("0.0004341", "0.0004342", SF4, WRONG, "last digit"),
    ("0.0004341", "4.342e-4", SF4, WRONG, "last digit"),
    ("0.0004341", "4.342×10^-4", SF4, WRONG, "last digit"),
    ("0.0004341", "0.004341", SF4, WRONG, "That is not correct."),
    ("0.0004341", "-0.0004341", SF4, WRONG, "opposite sign"),
    # norms.weight_decay: 4 decimal places (2.71452…)
    ("2.714523", "2.7145", DP4, RIGHT, None),
    ("2.714523", "2.71452", DP4, RIGHT, None),
    ("2.714523", "2.715", DP4, CLOSE, "4 decimal places (you gave 3)"),
    ("2.714523", "2.714", DP4, WRONG, "cut off rather than rounded"),
    ("2.714523", "2.7", DP4, CLOSE, "4 decimal places (you gave 1)"),
    ("2.714523", "3", DP4, CLOSE, "4 decimal places (you gave none)"),
    ("2.714523", "2.7146", DP4, WRONG, "last digit (the 4th decimal place)"),
    ("2.714523", "2.7144", DP4, WRONG, "last digit"),
    ("2.71404", "2.7140", DP4, RIGHT, None),
    ("2.71404", "2.714", DP4, CLOSE, "4 decimal places"),
    ("99/100", "0.99", DP4, RIGHT, None),  # an exact decimal equal to the value
    ("99/100", "0.9900", DP4, RIGHT, None),
    ("0.125", "0.13", {"decimals": 2}, RIGHT, None),
    ("0.125", "0.12", {"decimals": 2}, RIGHT, None),  # a tie
    ("0.125", "0.14", {"decimals": 2}, WRONG, "last digit"),
    ("14336.4", "14336", {"decimals": 0}, RIGHT, None),
    ("14336.4", "14340", {"decimals": 0}, CLOSE, "nearest whole number"),
    # exact forms equal to the value are right, whatever the precision
    ("sqrt(41)", "√41", SF4, RIGHT, None),
    ("sqrt(41)", "41^(1/2)", SF4, RIGHT, None),
    ("sqrt(41)", "6.403", SF4, RIGHT, None),
    ("sqrt(41)", "6.4031", SF4, RIGHT, None),
    ("sqrt(41)", "6.40", SF4, CLOSE, "4 significant figures"),
    ("sqrt(41)", "6.404", SF4, WRONG, "last digit"),
    ("sqrt(41)", "6.41", SF4, WRONG, "That is not correct."),
    ("6.40312423743", "√41", SF4, RIGHT, None),  # a 12-figure decimal of the value
    ("6.40312423743", "6.4031242374328", SF4, RIGHT, None),
    ("ln(2)", "ln 2", SF4, RIGHT, None),
    ("ln(2)", "0.6931", SF4, RIGHT, None),
    ("ln(2)", "0.693", SF4, CLOSE, "4 significant figures"),
    ("1/6", "1/6", SF3, RIGHT, None),
    ("1/6", "2/12", SF3, RIGHT, None),
    ("1/6", "0.167", SF3, RIGHT, None),
    ("1/6", "0.1667", SF3, RIGHT, None),
    ("1/6", "0.17", SF3, CLOSE, "3 significant figures"),
    ("1/6", "0.166", SF3, WRONG, "last digit"),
    ("1/6", "0.16", SF3, WRONG, "cut off rather than rounded"),
    ("1/6", "0.2*5/6", SF3, RIGHT, None),  # arithmetic giving the exact value
    ("1/6", "0.167*1", SF3, WRONG, None),  # arithmetic that is not the value is not rounding
    ("24/31", "77.42", SF4, WRONG, "percentage"),
    ("24/31", "1.548", SF4, WRONG, "twice"),
    ("0.4341", "43.41%", {"sig_figs": 4, "allow_percent": True}, RIGHT, None),
    ("0.4341", "43%", {"sig_figs": 4, "allow_percent": True}, CLOSE, "4 significant figures"),
    ("0.5", "0.5", SF4, RIGHT, None),
    ("0.5", "1/2", SF4, RIGHT, None),
    ("0.5", "0.5000", SF4, RIGHT, None),
    ("-0.0085698", "-0.008570", SF4, RIGHT, None),
    ("-0.0085698", "-0.00857", SF4, CLOSE, "(you gave 3)"),
    ("-0.00857", "-0.00857", SF4, RIGHT, None),  # exactly the value
    ("9.9996", "10.00", SF4, RIGHT, None),
    ("9.9996", "10.0", SF4, CLOSE, "4 significant figures"),
    ("9.9996", "9.999", SF4, WRONG, "last digit"),
    ("9.9996", "9.99", SF4, WRONG, "last digit"),
    ("0", "0", SF3, RIGHT, None),
    ("0", "0.000", SF3, RIGHT, None),
    ("0", "0.001", SF3, WRONG, None),
    ("14336", "14300", SF3, RIGHT, None),  # 14300: the trailing zeros are placeholders
    ("14336", "14,300", SF3, RIGHT, None),
    ("14336", "1.43e4", SF3, RIGHT, None),
    ("14336", "14340", SF4, RIGHT, None),
    ("14336", "14300", SF4, CLOSE, "4 significant figures (you gave 3)"),
    ("14336", "14400", SF3, WRONG, "last digit"),
    ("14336", "1.44e4", SF3, WRONG, "last digit"),
    ("18.0172", "18.0,", SF4, INVALID, None),
    # matrices.low_rank: counts are exact whole numbers
    ("14336", "14336", WHOLE, RIGHT, None),
    ("14336", "14,336", WHOLE, RIGHT, None),
    ("14336", "1.4336e4", WHOLE, RIGHT, None),
    ("14336", "1.4336×10^4", WHOLE, RIGHT, None),
    ("14336", "14336.0", WHOLE, RIGHT, None),
    ("14336", "7*2^11", WHOLE, RIGHT, None),
    ("14336", "1.43e4", WHOLE, CLOSE, "exact whole number"),
    ("14336", "1.43×10^4", WHOLE, CLOSE, "exact whole number"),
    ("14336", "14300", WHOLE, CLOSE, "exact whole number"),
    ("14336", "14,300", WHOLE, CLOSE, "exact whole number"),
    ("14336", "14340", WHOLE, CLOSE, "exact whole number"),
    ("14336", "14337", WHOLE, WRONG, "off by one"),
    ("14336", "14335", WHOLE, WRONG, "off by one"),
    ("14336", "14336.5", WHOLE, WRONG, "whole number"),
    ("14336", "28672", WHOLE, WRONG, "twice"),
    ("14336", "-14336", WHOLE, WRONG, "opposite sign"),
    ("579", "580", WHOLE, WRONG, "off by one"),
    ("579", "578", WHOLE, WRONG, "off by one"),
    ("579", "600", WHOLE, CLOSE, "exact whole number"),
    ("579", "581", WHOLE, WRONG, "That is not correct."),
    ("2^20", "1048576", WHOLE, RIGHT, None),
    ("1048576", "2^20", WHOLE, RIGHT, None),
    ("1048576", "1.05e6", WHOLE, CLOSE, None),
    # vectors and matrices: the same rules entry by entry
    ("[1/3, 2/3]", "[0.3333, 0.6667]", {"kind": "vector", **SF4}, RIGHT, None),
    ("[1/3, 2/3]", "(1/3, 0.6667)", {"kind": "vector", **SF4}, RIGHT, None),
    ("[1/3, 2/3]", "[3.333e-1, 6.667×10^-1]", {"kind": "vector", **SF4}, RIGHT, None),
    ("[1/3, 2/3]", "[0.333, 0.667]", {"kind": "vector", **SF4}, CLOSE, "4 significant figures"),
    ("[1/3, 2/3]", "[0.3333, 0.6668]", {"kind": "vector", **SF4}, WRONG, "2nd entry is one off in its last digit"),
    ("[1/3, 2/3]", "[0.3333, 0.7]", {"kind": "vector", **SF4}, CLOSE, None),
    ("[1/3, 2/3]", "[0.3333, 0.6]", {"kind": "vector", **SF4}, WRONG, "2nd entry is cut off rather than rounded"),
    ("[1/3, 2/3]", "[0.6667, 0.3333]", {"kind": "vector", **SF4}, WRONG, "reverse order"),
    ("[1/3, 2/3]", "[-0.3333, -0.6667]", {"kind": "vector", **SF4}, WRONG, "opposite sign"),
    ("[3, 4, 12]", "[3, 4, 12]", {"kind": "vector", "integer": True}, RIGHT, None),
    ("[3, 4, 12]", "[3, 5, 13]", {"kind": "vector", "integer": True}, WRONG, "2nd and 3rd entries are off by one"),
    ("[3, 4, 12]", "[3, 4, 10]", {"kind": "vector", "integer": True}, CLOSE, "exact whole numbers"),
    ("[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]", {"kind": "matrix", "integer": True}, RIGHT, None),
    ("[[1, 2], [3, 4]]", "[[1, 2], [3, 5]]", {"kind": "matrix", "integer": True}, WRONG, "row 2, column 2 is off by one"),
    ("[[1, 2], [3, 4]]", "[[1, 3], [2, 4]]", {"kind": "matrix", "integer": True}, WRONG, "transpose"),
    ("[[1/3, 2], [3, 4]]", "[[0.33, 2.0], [3.0, 4.0]]", {"kind": "matrix", "sig_figs": 2}, RIGHT, None),
    ("[[1/3, 2], [3, 4]]", "[[0.3, 2], [3, 4]]", {"kind": "matrix", "sig_figs": 2}, CLOSE, "2 significant figures in every entry"),
    ("[[1/3, 2], [3, 4]]", "[[0.34, 2], [3, 4]]", {"kind": "matrix", "sig_figs": 2}, WRONG, "one off in its last digit"),
    # several parts inherit a precision declared once on the whole answer
    ("1/2; 24/31", "0.5; 0.7742", SF4, RIGHT, None),
    ("1/2; 24/31", "0.5; 0.77", SF4, CLOSE, "Part 2 is wrong: Close"),
    ("1/2; 24/31", "0.5; 0.7743", SF4, WRONG, "last digit"),
]


def _id(case: tuple) -> str:
    options = ",".join(f"{k}={v}" for k, v in case[2].items())
    return f"{case[0]}|{case[1]}|{options}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_contract_table(case: tuple) -> None:
    expected, typed, options, outcome, fragment = case
    verdict = check(expected, typed, **options)
    detail = repr(verdict)
    assert verdict.invalid is (outcome == INVALID), detail
    assert verdict.correct is (outcome == RIGHT), detail
    assert verdict.close is (outcome == CLOSE), detail
    if outcome != RIGHT:
        assert verdict.message, detail
        assert "check your rounding" not in verdict.message, detail
    if fragment:
        assert fragment in verdict.message, detail


def test_table_covers_every_rule() -> None:
    outcomes = {c[3] for c in CASES}
    assert outcomes == {RIGHT, CLOSE, WRONG, INVALID}
    assert len(CASES) >= 120


def test_the_same_digits_get_the_same_verdict_in_every_notation() -> None:
    for typed in (("0.00043", "4.3e-4", "4.3×10^-4", "4.3*10^(-4)"),
                  ("0.0004342", "4.342e-4", "4.342×10^-4"),
                  ("0.0004341", "4.341e-4", "4.341×10^-4")):
        verdicts = {(v.correct, v.close, v.message) for v in (check("0.0004341", t, **SF4) for t in typed)}
        assert len(verdicts) == 1, (typed, verdicts)


def test_off_by_one_is_a_diagnosis_not_rounding() -> None:
    v = check("579", "580", kind="integer")
    assert not v.correct and not v.close
    assert v.diagnosis and "off by one" in v.diagnosis and "round" not in v.message


def test_a_correctly_rounded_short_answer_says_what_is_wanted() -> None:
    v = check("0.0004341", "4.3e-4", sig_figs=4)
    assert v.close and v.message == (
        "Close — rounded correctly, but the question asks for 4 significant figures (you gave 2)."
    )
    w = check("14336", "1.43e4", kind="integer")
    assert w.close and w.message == "Close — that is rounded; the question asks for the exact whole number."


def test_a_wrong_last_digit_is_pointed_at() -> None:
    v = check("0.857493", "0.858", sig_figs=3)
    assert not v.correct and not v.close
    assert v.message.startswith("Check the last digit (the 3rd significant figure): it is one off.")
    assert check("0.857493", "0.857", sig_figs=3).correct


# -- declared mistakes come before "close" ----------------------------------------------------


def _total_probability() -> tuple[Fraction, Fraction]:
    """P(books | wrong) and the inverted conditional P(wrong | books), 1.2 % apart."""
    p_books, wrong_books, wrong_web = Fraction(3, 10), Fraction(3, 10), Fraction(295, 1000)
    joint = wrong_books * p_books
    p_wrong = joint + wrong_web * (1 - p_books)
    return joint / p_wrong, wrong_books


INVERTED = "That is P(wrong | books), the conditional the other way round."


def test_inverted_conditional_near_the_answer_is_diagnosed_not_called_rounding() -> None:
    posterior, inverted = _total_probability()
    assert abs(posterior - inverted) / posterior < Fraction(2, 100)
    old = AnswerSpec(kind="number", expected=f"{float(posterior):.4f}",
                     mistakes=number_mistakes(posterior, [(inverted, INVERTED)]))
    assert old.mistakes == ()  # the 2 % margin drops it ...
    assert check_spec(old, "0.3").close  # ... and the inverted conditional is "close" today
    new = with_mistakes(AnswerSpec(kind="number", expected=exact_text(posterior), sig_figs=4),
                        [(inverted, INVERTED)])
    assert [m.explanation for m in new.mistakes] == [INVERTED]
    for typed in ("0.3", "0.3000", "0.30", "3/10"):
        v = check_spec(new, typed)
        assert not v.correct and not v.close and v.diagnosis == INVERTED, (typed, v)
    assert check_spec(new, canonical_answer(new)).correct
    assert canonical_answer(new) == "0.3035"


def test_declared_mistake_that_is_the_linear_prediction() -> None:
    spec = AnswerSpec(kind="number", expected="18.0172", sig_figs=4,
                      mistakes=(Mistake("18", "That is the linear prediction f(x) + f'(x)·Δx."),))
    for typed in ("18", "18.0", "18.00"):
        v = check_spec(spec, typed)
        assert not v.correct and not v.close and "linear prediction" in v.message, typed
    assert check_spec(spec, "18.02").correct


def test_with_mistakes_drops_only_what_the_precision_cannot_tell_apart() -> None:
    base = AnswerSpec(kind="number", expected="0.857493", sig_figs=4)
    spec = with_mistakes(base, [
        (Fraction(857493, 10**6), "the answer itself"),  # dropped: every typing is right
        (Fraction(857510, 10**6), "rounds to the answer at 4 s.f."),  # kept: 0.857510 is the slip
        (Fraction(8580, 10**4), "a slip next door"),
        (Fraction(8580, 10**4), "the same value again"),  # dropped: claimed by the one before
        (-Fraction(857493, 10**6), "the sign"),
        (0.1 + 0.2, "a float"),
    ])
    assert [m.explanation for m in spec.mistakes] == [
        "rounds to the answer at 4 s.f.", "a slip next door", "the sign", "a float"]
    assert check_spec(spec, "0.8575").correct  # at the precision asked, that slip is the answer
    assert check_spec(spec, "0.857510").diagnosis == "rounds to the answer at 4 s.f."
    assert check_spec(spec, "0.8580").diagnosis == "a slip next door"
    assert check_spec(spec, "0.3000").diagnosis == "a float"
    whole = with_mistakes(AnswerSpec(kind="integer", expected="579"),
                          [(580, "counted both ends"), (Fraction(579, 2), "halved"),
                           (Fraction(578, 3), "a third"), (579, "itself")])
    assert [m.explanation for m in whole.mistakes] == ["counted both ends", "halved"]
    assert check_spec(whole, "580").diagnosis == "counted both ends"
    assert check_spec(whole, "289.5").diagnosis == "halved"
    with pytest.raises(ValueError, match="declares"):
        with_mistakes(AnswerSpec(kind="number", expected="0.5"), [(1, "x")])


# -- the public API ---------------------------------------------------------------------------


def test_explicit_kinds_infer_their_variables_like_auto() -> None:
    v = check("2*x*cos(x^2)", "2x cos(x^2)", kind="expression")
    assert v.correct and not v.invalid, v
    assert not check("2*x*cos(x^2)", "2x sin(x^2)", kind="expression").correct
    assert check("x*y", "yx", kind="expression").correct
    assert check("[2x, 3]", "[x+x, 3]", kind="vector").correct
    assert check("[[x, 1], [0, y]]", "[[x, 1], [0, y]]", kind="matrix").correct
    assert check("[1, 2]", "[1, 2]", kind="vector").correct  # numbers stay numbers


def test_options_are_answer_spec_fields() -> None:
    assert check("0.0004341", "4.341e-4", sig_figs=4).correct
    assert check("2.714523", "2.7145", decimals=4).correct
    assert check("14336", "14,336", kind="integer").correct
    spec = AnswerSpec(kind="number", expected="14336")
    assert not check(spec, "1.43e4", kind="integer").correct
    assert check(spec, "1.43e4").correct  # without a declaration: today's tolerance rule


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"sig_figs": 3, "decimals": 2}, "1"),
        ({"sig_figs": 3, "kind": "integer"}, "1"),
        ({"sig_figs": 0}, "1"),
        ({"sig_figs": 40}, "1"),
        ({"kind": "integer"}, "1.5"),
        ({"kind": "vector", "integer": True}, "[1, 2.5]"),
        ({"kind": "shape", "sig_figs": 3}, "(4, 16)"),
        ({"kind": "expression", "sig_figs": 3}, "2x"),
        ({"decimals": -1}, "1"),
        ({"sig_figs": 3}, "sqrt(-1)"),
        ({"sig_figs": 3}, "1/0"),
        ({"kind": "vector", "integer": True}, "[x, 1]"),
    ],
)
def test_unusable_declarations_are_the_question_s_fault(options: dict, expected: str) -> None:
    v = check(expected, expected, **options)
    assert v.invalid and "problem with the question" in v.message, v
    with pytest.raises(ValueError):
        canonical_answer(AnswerSpec(expected=expected, **options))


def test_decimals_always_follow_the_contract() -> None:
    assert not check("0.77", "0.7742", decimals=2).correct  # the expected value is exact
    assert check("0.7742", "0.77", decimals=2).correct
    assert canonical_answer(AnswerSpec(expected="0.99", decimals=4)) == "0.9900"


# -- the prompt's sentence and the canonical answer ---------------------------------------------


@pytest.mark.parametrize(
    ("spec", "answer", "sentence"),
    [
        (AnswerSpec(expected="-0.00857", sig_figs=4), "-0.008570", "Give your answer to 4 significant figures."),
        (AnswerSpec(expected="sqrt(41)", sig_figs=4), "6.403", "Give your answer to 4 significant figures."),
        (AnswerSpec(expected="0.0004341", sig_figs=4), "0.0004341", "Give your answer to 4 significant figures."),
        (AnswerSpec(expected="0.0000123456", sig_figs=3), "1.23e-5", "Give your answer to 3 significant figures."),
        (AnswerSpec(expected="1/3", sig_figs=1), "0.3", "Give your answer to 1 significant figure."),
        (AnswerSpec(expected="99/100", decimals=4), "0.9900", "Give your answer to 4 decimal places."),
        (AnswerSpec(expected="1/4", decimals=1), "0.3", "Give your answer to 1 decimal place."),
        (AnswerSpec(expected="14336.4", decimals=0), "14336", "Give your answer to the nearest whole number."),
        (AnswerSpec(kind="integer", expected="2^20"), "1048576", "Give your answer as a whole number."),
        (AnswerSpec(kind="vector", expected="(1/3, 2/3)", decimals=3), "(0.333, 0.667)", "Give each entry to 3 decimal places."),
        (AnswerSpec(expected="[[1, 2], [3, 4]]", integer=True), "[[1, 2], [3, 4]]", "Give each entry as a whole number."),
        (AnswerSpec(expected="[[1/3, 2], [3, 4]]", sig_figs=2), "[[0.33, 2.0], [3.0, 4.0]]", "Give each entry to 2 significant figures."),
        (AnswerSpec(expected="1/2; 24/31", sig_figs=4), "0.5000; 0.7742", "Give each to 4 significant figures."),
        (
            AnswerSpec(kind="multi", parts=(
                AnswerSpec(kind="integer", expected="64", label="the effective batch size"),
                AnswerSpec(kind="integer", expected="100", label="the optimiser steps"),
                AnswerSpec(expected="0.000434123", sig_figs=4, label="the learning rate"),
            )),
            "64; 100; 0.0004341",
            "Give the effective batch size and the optimiser steps as whole numbers, "
            "and the learning rate to 4 significant figures.",
        ),
        (
            AnswerSpec(kind="multi", parts=(
                AnswerSpec(kind="shape", expected="(4, 16)", label="the shape"),
                AnswerSpec(kind="integer", expected="170", label="the parameter count"),
            )),
            "(4, 16); 170",
            "Give the parameter count as a whole number.",
        ),
        (
            AnswerSpec(kind="multi", parts=(
                AnswerSpec(kind="integer", expected="3", label="n"),
                AnswerSpec(kind="vector", expected="[1/3, 2/3]", sig_figs=2, label="p"),
            )),
            "3; [0.33, 0.67]",
            "Give n as a whole number, and the entries of p to 2 significant figures.",
        ),
        (AnswerSpec(kind="multi", parts=(AnswerSpec(kind="integer", expected="3"),
                                         AnswerSpec(kind="integer", expected="4"))),
         "3; 4", "Give each as a whole number."),
    ],
)
def test_canonical_answer_and_prompt_sentence(spec: AnswerSpec, answer: str, sentence: str) -> None:
    assert canonical_answer(spec) == answer
    assert precision_sentence(spec) == sentence
    assert check_spec(spec, answer).correct


def test_without_a_declaration_the_canonical_answer_is_the_expected_text() -> None:
    spec = AnswerSpec(kind="number", expected="0.96")
    assert canonical_answer(spec) == "0.96"
    with pytest.raises(ValueError, match="declares no precision"):
        precision_sentence(spec)
    half = AnswerSpec(kind="multi", parts=(AnswerSpec(expected="1/2", sig_figs=2), AnswerSpec(expected="3")))
    with pytest.raises(ValueError, match="part 2"):
        precision_sentence(half)
    assert precision_sentence(AnswerSpec(kind="shape", expected="(4, 16)")) == ""


def _contract_template() -> Template:
    def draw(rng: random.Random) -> dict:
        return {"a": rng.randint(2, 60), "b": rng.randint(2, 60)}

    def build(a: int, b: int) -> Variant:
        answer = AnswerSpec(kind="number", expected=f"sqrt({a * a + b * b})", sig_figs=4,
                            label="the diagonal")
        answer = with_mistakes(answer, [(a + b, "You added the sides; square them first.")])
        count = AnswerSpec(kind="integer", expected=str(a * b), label="the number of squares")
        spec = AnswerSpec(kind="multi", parts=(answer, count))
        prompt = f"A rectangle is {a} by {b}. Give its diagonal; the number of unit squares in it.\n"
        return Variant(prompt + precision_sentence(spec), spec, [Step("Pythagoras")], ["a² + b²"])

    return Template("toy.diagonal", "Diagonal", "test", draw, build, seed_params={"a": 4, "b": 5})


def test_a_family_on_the_contract_passes_the_content_check() -> None:
    template = _contract_template()
    problem = template.seed_instance()
    assert problem.answer == "6.403; 20"
    assert problem.prompt.endswith("Give the diagonal to 4 significant figures, and the number of squares as a whole number.")
    assert problem.spec.parts[0].expected == "sqrt(41)"
    assert check_problem(problem) == []
    assert problem.check("6.403; 20").correct
    assert problem.check("6.40; 20").parts[0].close
    assert "added the sides" in problem.check("9.000; 20").message
    assert check_template(template, {}, seeds=40).problems == []


# -- the shared wording helpers -----------------------------------------------------------------


def _relative_imports(module: str) -> set[str]:
    path = Path(__file__).resolve().parents[2] / "tutor" / "core" / "answers" / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1}


def test_arrays_and_shape_no_longer_import_each_other() -> None:
    assert "shape" in _relative_imports("arrays")
    assert "arrays" not in _relative_imports("shape")
    assert "wording" in _relative_imports("shape") and "wording" in _relative_imports("arrays")


# -- properties ----------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


@st.composite
def exact_values(draw: st.DrawFn) -> Fraction:
    """Nonzero exact values from about 1e-7 to 1e7, with up to 9 significant digits."""
    digits = draw(st.integers(1, 10**9 - 1))
    scale = draw(st.integers(-15, 3))
    value = Fraction(digits) * Fraction(10) ** scale
    if draw(st.booleans()):
        value /= draw(st.sampled_from([3, 7, 11, 13, 37, 1 << 10]))
    assume(Fraction(1, 10**7) <= value <= 10**7)
    return value if draw(st.booleans()) else -value


precisions = st.one_of(
    st.integers(1, 8).map(lambda n: {"sig_figs": n}),
    st.integers(0, 8).map(lambda n: {"decimals": n}),
)


def _wanted(value: Fraction, options: dict) -> int:
    if "sig_figs" in options:
        return figures_place(value, options["sig_figs"])
    return -options["decimals"]


def _unambiguous(value: Fraction, place: int) -> str:
    """``value`` written at ``place``; in scientific notation when a plain whole number
    would end in zeros that could be read as placeholders (14300)."""
    text = at_place(value, place)
    if "." not in text and text.rstrip("0") != text and round_at(value, place):
        return at_place(value, place, scientific=True)
    return text


def _scientific(text: str, times: bool = False) -> str:
    """The same digits in scientific notation: 0.00043 → 4.3e-4 (or 4.3×10^-4)."""
    sign, digits, exponent = Decimal(text).as_tuple()
    lead = exponent + len(digits) - 1
    mantissa = str(digits[0]) + ("." + "".join(map(str, digits[1:])) if len(digits) > 1 else "")
    return ("-" if sign else "") + mantissa + (f"×10^{lead}" if times else f"e{lead}")


def _is_tie(value: Fraction, place: int) -> bool:
    return (abs(value) / Fraction(10) ** place) % 1 == Fraction(1, 2)


@PROPERTY_SETTINGS
@given(exact_values(), precisions)
def test_the_canonical_answer_is_accepted_and_shows_exactly_the_precision(value: Fraction, options: dict) -> None:
    spec = AnswerSpec(kind="number", expected=exact_text(value), **options)
    text = canonical_answer(spec)
    assert check_spec(spec, text).correct, (value, options, text)
    wanted = _wanted(value, options)
    if "decimals" in options and options["decimals"]:
        assert len(text.split(".")[1]) == options["decimals"]
    elif "e" not in text:
        assert ("." not in text and wanted >= 0) or len(text.split(".")[1]) == -wanted, text
    assert Fraction(text) == round_at(value, wanted)


@PROPERTY_SETTINGS
@given(exact_values(), precisions, st.booleans())
def test_one_place_coarser_is_refused_and_close(value: Fraction, options: dict, sci: bool) -> None:
    assume(options.get("sig_figs", 2) >= 2 and options.get("decimals", 1) >= 1)
    coarse_place = _wanted(value, options) + 1
    assume(round_at(value, coarse_place) != value)  # an exact decimal equal to the value is right
    text = _unambiguous(value, coarse_place)
    assume(text.lstrip("-") not in ("0", "0.0") and Fraction(text) != 0)
    if sci:
        text = _scientific(text, times=True)
    verdict = check(exact_text(value), text, **options)
    amount = f"{options.get('sig_figs', options.get('decimals'))} "
    assert not verdict.correct and verdict.close, (value, options, text, verdict)
    assert amount in verdict.message and "check your rounding" not in verdict.message


@PROPERTY_SETTINGS
@given(exact_values(), precisions, st.sampled_from([-1, 1]))
def test_the_last_digit_one_off_is_refused_and_not_close(value: Fraction, options: dict, step: int) -> None:
    wanted = _wanted(value, options)
    assume(not _is_tie(value, wanted))
    nudged = round_at(value, wanted) + step * Fraction(10) ** wanted
    assume(nudged != 0)
    text = _unambiguous(nudged, wanted)
    verdict = check(exact_text(value), text, **options)
    assert not verdict.correct and not verdict.close, (value, options, text, verdict)


@PROPERTY_SETTINGS
@given(exact_values(), precisions, st.integers(0, 4))
def test_more_digits_correctly_rounded_are_right_in_any_notation(value: Fraction, options: dict, extra: int) -> None:
    place = _wanted(value, options) - extra
    text = _unambiguous(value, place)
    for typed in (text, _scientific(text), _scientific(text, times=True)):
        assert check(exact_text(value), typed, **options).correct, (value, options, typed)


@PROPERTY_SETTINGS
@given(exact_values(), precisions, st.integers(-2, 2), st.integers(-3, 3))
def test_notation_never_changes_the_verdict(value: Fraction, options: dict, shift: int, offset: int) -> None:
    place = _wanted(value, options) + shift
    typed = round_at(value, place) + offset * Fraction(10) ** place
    assume(typed != 0)
    text = _unambiguous(typed, place)
    assume("e" not in text)
    verdicts = {
        (v.correct, v.close, v.message)
        for v in (check(exact_text(value), t, **options)
                  for t in (text, _scientific(text), _scientific(text, times=True)))
    }
    assert len(verdicts) == 1, (value, options, text, verdicts)


@PROPERTY_SETTINGS
@given(st.integers(-10**9, 10**9), st.sampled_from([-1, 1]))
def test_whole_numbers_are_exact_and_one_off_is_never_rounding(count: int, step: int) -> None:
    expected = str(count)
    for typed in (str(count), f"{count:,}", _scientific(str(count))):
        assert check(expected, typed, kind="integer").correct, typed
    wrong = check(expected, str(count + step), kind="integer")
    assert not wrong.correct and not wrong.close and "off by one" in wrong.message
    if abs(count) >= 1000:
        coarse = _scientific(at_place(Fraction(count), 2, scientific=True))
        if abs(Fraction(coarse) - count) > 1:  # 1.1e3 for 1099 is off by one, said so
            v = check(expected, coarse, kind="integer")
            assert not v.correct and v.close, (count, coarse, v)


@PROPERTY_SETTINGS
@given(st.integers(2, 10**6), precisions)
def test_square_roots_exact_and_canonical_are_both_right(n: int, options: dict) -> None:
    assume(round(n**0.5) ** 2 != n)
    spec = AnswerSpec(kind="number", expected=f"sqrt({n})", **options)
    assert check_spec(spec, f"√{n}").correct
    assert check_spec(spec, canonical_answer(spec)).correct


@PROPERTY_SETTINGS
@given(exact_values(), st.lists(exact_values(), min_size=1, max_size=4), st.integers(2, 6))
def test_kept_mistakes_are_diagnosed_and_dropped_ones_are_indistinguishable(
    value: Fraction, wrong: list[Fraction], figures: int
) -> None:
    base = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=figures)
    candidates = [(w, f"mistake {k}") for k, w in enumerate(wrong)] + [(value * Fraction(1001, 1000), "near")]
    spec = with_mistakes(base, candidates)
    assert check_spec(spec, canonical_answer(spec)).correct
    kept = {m.explanation for m in spec.mistakes}
    precision = Precision(SIG_FIGS, figures)
    for m in spec.mistakes:  # typed at the precision or with 2 more figures, it is named
        verdicts = [check_spec(spec, t) for t in mistake_typings(precision, Fraction(m.answer), m.answer)]
        assert any(v.diagnosis == m.explanation and not v.correct and not v.close for v in verdicts)
    for w, why in candidates:  # a dropped one is right, or another mistake, however typed
        if why not in kept:
            for typed in mistake_typings(precision, w, exact_text(w)):
                assert check_spec(spec, typed).correct or check_spec(spec, typed).diagnosis in kept


@PROPERTY_SETTINGS
@given(exact_values(), st.integers(1, 12))
def test_rounded_keeps_exactly_the_figures(value: Fraction, figures: int) -> None:
    text = rounded(value, sig_figs=figures)
    sign, digits, exponent = Decimal(text.replace("e", "E")).as_tuple()
    significant = "".join(map(str, digits)).lstrip("0")
    if "e" in text or "." in text:
        assert len(significant) == figures, text
    assert Fraction(Decimal(text)) == round_at(value, figures_place(value, figures))


@PROPERTY_SETTINGS
@given(st.one_of(exact_values(), st.floats(-1e6, 1e6, allow_nan=False).filter(bool)))
def test_exact_text_reads_back_as_the_value(value: Fraction | float) -> None:
    exact = Fraction(repr(value)) if isinstance(value, float) else value
    spec = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=15)
    assert canonical_answer(spec) == rounded(exact, sig_figs=15)


@st.composite
def typed_near(draw: st.DrawFn, value: Fraction, options: dict) -> str:
    """A number a learner might type for ``value``: right, coarse, one off, or further off."""
    place = _wanted(value, options) + draw(st.integers(-2, 2))
    typed = round_at(value, place) + draw(st.integers(-3, 3)) * Fraction(10) ** place
    text = _unambiguous(typed, place) if typed else "0"
    return draw(st.sampled_from([text, _scientific(text), _scientific(text, times=True)])) if typed else text


@PROPERTY_SETTINGS
@given(st.data(), st.lists(exact_values(), min_size=2, max_size=3), precisions)
def test_vector_entries_and_parts_are_graded_like_single_numbers(
    data: st.DataObject, values: list[Fraction], options: dict
) -> None:
    typed = [data.draw(typed_near(v, options)) for v in values]
    alone = [check(exact_text(v), t, **options) for v, t in zip(values, typed, strict=True)]
    expected_vector = "[" + ", ".join(exact_text(v) for v in values) + "]"
    vector = check(expected_vector, "[" + ", ".join(typed) + "]", kind="vector", **options)
    parts = check("; ".join(exact_text(v) for v in values), "; ".join(typed), **options)
    right = all(v.correct for v in alone)
    close = not right and all(v.close for v in alone if not v.correct)
    assert parts.correct is right and parts.close is close, (values, typed, parts)
    assert [p.correct for p in parts.parts] == [v.correct for v in alone]
    assert vector.correct is right, (values, typed, vector)
    if vector.diagnosis is None:  # reversed order or signs may be diagnosed on the whole vector
        assert vector.close is close, (values, typed, vector)


def test_a_sentence_names_each_array_s_entries_once() -> None:
    spec = AnswerSpec(kind="multi", parts=(
        AnswerSpec(kind="vector", expected="[1, 2]", integer=True, label="a"),
        AnswerSpec(kind="vector", expected="[1, 2]", integer=True, label="b"),
        AnswerSpec(kind="vector", expected="[1/3, 2]", sig_figs=4, label="p"),
        AnswerSpec(expected="1/3", sig_figs=4, label="c"),
    ))
    assert precision_sentence(spec) == (
        "Give the entries of a and b as whole numbers, and c and the entries of p to "
        "4 significant figures."
    )


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("[-0.3333, -0.6667, 0.1429]", "opposite sign"),
        ("[-0.333, -0.667, 0.143]", "opposite sign"),  # the sign is named, short digits or not
        ("[0.6667, 1.333, -0.2857]", "2 times the expected one"),
        ("[0.667, 1.33, -0.286]", "2 times the expected one"),
        ("[-1/7, 2/3, 1/3]", "reverse order"),
    ],
)
def test_vector_slips_are_named_whatever_the_rounding(typed: str, words: str) -> None:
    v = check(AnswerSpec(kind="vector", expected="[1/3, 2/3, -1/7]", sig_figs=4), typed)
    assert not v.correct and not v.close and words in v.message, v.message
    assert "-0.9999" not in v.message and "1 times" not in v.message


@pytest.mark.parametrize(
    ("options", "typed", "words"),
    [
        ({"sig_figs": 4}, "0.647", "(you gave 3)"),
        ({"sig_figs": 4}, "0.64", "(you gave 2)"),
        ({"sig_figs": 4}, "6.47e-1", "(you gave 3)"),
        ({"decimals": 4}, "0.647", "4 decimal places"),
    ],
)
def test_digits_cut_off_instead_of_rounded_are_named(options: dict, typed: str, words: str) -> None:
    v = check("0.64758823", typed, **options)
    assert not v.correct and not v.close
    assert "cut off rather than rounded" in v.message and words in v.message, v.message
    assert "check your rounding" not in v.message


def test_cut_off_entries_of_a_vector_are_named() -> None:
    v = check(AnswerSpec(kind="vector", expected="[0.64758823, 1/3]", sig_figs=4), "[0.647, 0.3333]")
    assert not v.correct and "1st entry is cut off rather than rounded" in v.message
    assert check(AnswerSpec(kind="vector", expected="[0.64758823, 1/3]", sig_figs=4), "[0.6476, 0.333]").close
