"""Answers in math notation (issue 9): the engine's reading written as LaTeX, so what is shown
is exactly what is graded — never the checker's syntax."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.bank import load_bank
from tutor.core.answers import AnswerSpec
from tutor.core.answers.display import answer_latex

X = ("x",)


@pytest.mark.parametrize(
    ("spec", "typed", "latex"),
    [
        (AnswerSpec(kind="expression", expected="1/(2*x)", variables=X), "1/2x", r"\frac{1}{2 x}"),
        (AnswerSpec(kind="expression", expected="4*x/(2*x^2+1)"), "4*x/(2*x^2+1)", r"\frac{4 x}{2 x^{2} + 1}"),
        (AnswerSpec(kind="expression", expected="2*x*cos(x^2)"), "2x cos(x^2)", r"2 x \cos\left(x^{2}\right)"),
        (AnswerSpec(kind="expression", expected="s*(1-s)", variables=("s",)), "s*(1-s)", r"s \left(1 - s\right)"),
        (AnswerSpec(kind="expression", expected="sigmoid(x)"), "sigmoid(x)", r"\sigma\left(x\right)"),
        (AnswerSpec(kind="expression", expected="x_1 + theta"), "x_1 + theta", r"x_{1} + \theta"),
        (AnswerSpec(expected="0.0004341", sig_figs=4), "4.341e-4", r"4.341 \times 10^{-4}"),
        (AnswerSpec(expected="sqrt(41)", sig_figs=4), "sqrt(41)", r"\sqrt{41}"),
        (AnswerSpec(expected="24/31", sig_figs=4), "24/31", r"\frac{24}{31}"),
        (AnswerSpec(expected="6", kind="integer"), "2*3", r"2 \cdot 3"),
        (AnswerSpec(kind="vector", expected="[1, 2]", integer=True), "[1, -2]", r"\left[1,\ -2\right]"),
        (AnswerSpec(kind="matrix", expected="[[1, 2], [3, 4]]", integer=True), "[[1, 2], [3, 4]]",
         r"\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}"),
        (AnswerSpec(kind="shape", expected="(4, 16)"), "4x16", r"\left(4,\ 16\right)"),
        (AnswerSpec(kind="choice", expected="obtuse", choices=("acute", "obtuse")), "obtuse", r"\text{obtuse}"),
        (AnswerSpec(kind="multi", parts=(AnswerSpec(expected="1/2", sig_figs=2), AnswerSpec(kind="integer", expected="3"))),
         "0.50; 3", r"0.50;\quad 3"),
    ],
)
def test_an_answer_is_written_as_the_engine_reads_it(spec: AnswerSpec, typed: str, latex: str) -> None:
    assert answer_latex(spec, typed) == latex


@pytest.mark.parametrize("typed", ["", "1/(2", "2 +* 3", "[1, 2", "q(x)", "x" * 5000])
def test_unreadable_text_has_no_reading(typed: str) -> None:
    assert answer_latex(AnswerSpec(kind="expression", expected="2*x", variables=X), typed) is None


BANK = load_bank()


@settings(max_examples=120, deadline=None)
@given(tid=st.sampled_from(sorted(BANK)), seed=st.integers(0, 10**6))
def test_every_canonical_answer_of_the_bank_has_a_math_reading(tid: str, seed: int) -> None:
    problem = BANK[tid].generate(seed)
    latex = answer_latex(problem.spec, problem.answer)
    assert latex, (tid, seed, problem.answer)
    assert "*" not in latex and "^" not in latex.replace("^{", "")  # no checker syntax left
