"""Math that reads like a textbook (issue 9): ``$...$`` formulas in prompts, hints and steps,
and every answer, typeset; a formula never breaks across lines; one that cannot be set
shows its source and the app goes on."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel

from tutor.bank import load_bank
from tutor.core.answers.display import answer_latex
from tutor.core.mathtext import MathTextError, formulas, plain, segments
from tutor.ui.rich_math import RichMath, img_tag

BANK = load_bank()
STYLE = (17, "#1d1d1f", 1.0)


def test_formulas_are_marked_with_dollars():
    assert segments(r"Let $y = x^2$ and pay \$3.") == [(False, "Let "), (True, "y = x^2"), (False, " and pay $3.")]
    assert formulas("no math here") == [] and plain(r"a $\frac{1}{2}$ b") == r"a \frac{1}{2} b"
    with pytest.raises(MathTextError, match="unclosed"):
        segments("a $x + 1")


@pytest.mark.parametrize("tid", sorted(BANK))
def test_every_family_s_text_and_answer_typeset(qapp, tid):
    for seed in range(3):
        problem = BANK[tid].generate(seed)
        texts = [problem.prompt, *problem.hints, *(step.text for step in problem.steps)]
        latex = [f for text in texts for f in formulas(text)]
        answer = answer_latex(problem.spec, problem.answer)
        assert answer, (tid, seed, problem.answer)
        for formula in [*latex, answer]:
            assert img_tag(formula, STYLE).startswith("<img src=\"data:image/png;base64,"), (tid, formula)
            assert not _unknown_macros(formula), (tid, seed, formula, _unknown_macros(formula))


def _unknown_macros(latex: str) -> list[str]:
    """Macros ziamath does not know: it sets them as their own name (``\\foo`` in the text of
    the MathML it builds with latex2mathml) instead of refusing them."""
    from latex2mathml.converter import convert

    text = re.sub(r"<[^>]+>", " ", convert(latex))
    return re.findall(r"\\[A-Za-z]+", text)


def test_a_misspelt_macro_is_caught():
    assert _unknown_macros(r"\frac{1}{2} + \cdott x") == [r"\cdott"]
    assert _unknown_macros(r"\sqrt{41} \approx 6.403") == []


def test_a_label_shows_its_formulas_typeset_and_keeps_its_words(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    rich = RichMath(label, label.setText)
    with qtbot.waitSignal(rich.rendered, timeout=20_000):
        rich.show(lambda math: math(r"The ratio $\frac{a \cdot b}{\|a\|\,\|b\|}$ is the cosine."))
    assert "The ratio " in label.text() and "<img src=\"data:image/png" in label.text()
    assert "is the cosine." in label.text() and r"\frac" not in label.text()


def test_a_formula_that_cannot_be_set_keeps_its_source(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    rich = RichMath(label, label.setText)
    with qtbot.waitSignal(rich.rendered, timeout=20_000):
        rich.show(lambda math: math(r"Broken: $\frac{1}{$ and more"))
    assert r"\frac{1}{" in label.text() and "and more" in label.text()


def test_a_minus_that_starts_a_term_is_a_sign_not_a_subtraction():
    from tutor.ui.math_view import unary_minus

    assert unary_minus("P(X = -3)") == "P(X = {-}3)"
    assert unary_minus(r"\left[1,\ -2\right]") == r"\left[1,\ {-}2\right]"
    assert unary_minus(r"\begin{bmatrix}-1 & -4\end{bmatrix}") == r"\begin{bmatrix}{-}1 & {-}4\end{bmatrix}"
    assert unary_minus("a - b") == "a - b" and unary_minus("-x") == "{-}x"


def test_latex_braces_are_not_unfilled_placeholders():
    from tutor.core.answers import AnswerSpec
    from tutor.core.problems import Step, Template, Variant, unfilled_placeholders

    def build(n):
        return Variant(rf"$P(\text{{spam}} \mid w) = \frac{{dy}}{{dx}}$ and {{left}} here, n = {n}.",
                       AnswerSpec(kind="integer", expected=str(n)), [Step(r"$\mathrm{Var}(X)$")], ["h"])

    problem = Template("toy.tex", "T", "test", lambda rng: {"n": 3}, build).generate(0)
    assert unfilled_placeholders(problem) == ["{left}"]  # prose only: LaTeX braces are fine
