"""Normalisation, tokenizer and parser: what the engine reads, and its limits."""

from __future__ import annotations

import pytest

from tutor.core.answers.errors import AnswerError
from tutor.core.answers.nodes import show
from tutor.core.answers.normalize import normalize
from tutor.core.answers.parser import Context, parse


def read(text: str, variables: tuple[str, ...] = ("x", "y")) -> str:
    return show(parse(normalize(text), Context(variables=frozenset(variables))).node)


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("1/2x", "1/(2·x)"),
        ("(1/2)x", "(1/2)·x"),
        ("x/2y", "x/(2·y)"),
        ("2x/3", "(2·x)/3"),
        ("e^2x", "e^2·x"),
        ("e^(2x)", "e^(2·x)"),
        ("e^-x", "e^(-x)"),
        ("-x^2", "-x^2"),
        ("(-x)^2", "(-x)^2"),
        ("2^3^2", "2^(3^2)"),
        ("x**2", "x^2"),
        ("x²", "x^2"),
        ("x³y", "x^3·y"),
        ("x⁻¹", "x^(-1)"),
        ("2x cos(x²)", "2·x·cos(x^2)"),
        ("sin^2(x)", "sin(x)^2"),
        ("sin^2 x", "sin(x)^2"),
        ("sin 2x", "sin(2·x)"),
        ("sin x cos x", "sin(x)·cos(x)"),
        ("2 sin x cos x", "2·sin(x)·cos(x)"),
        ("sqrt 2/2", "sqrt(2)/2"),
        ("√2/2", "sqrt(2)/2"),
        ("2√2", "2·sqrt(2)"),
        ("sqrt2", "sqrt(2)"),
        ("ln x", "ln(x)"),
        ("xy", "x·y"),
        ("x y", "x·y"),
        ("xsin(x)", "x·sin(x)"),
        ("(x+1)(x-1)", "(x+1)·(x-1)"),
        ("2(x+1)", "2·(x+1)"),
        ("x(x+1)", "x·(x+1)"),
        ("πx", "π·x"),
        ("2π", "2·π"),
        ("pix", "π·x"),
        ("ex", "e·x"),
        ("arcsin(x)", "asin(x)"),
        ("Sin(x)", "sin(x)"),
        ("5!", "5!"),
        ("x − y", "x-y"),
        ("x × y", "x·y"),
        ("x · y", "x·y"),
        ("x ÷ y", "x/y"),
        ("１２", "12"),
        ("1.3e-4", "1.3e-4"),
        ("1.3×10^-4", "1.3·10^(-4)"),
        ("x - (y - 1)", "x-(y-1)"),
        ("x + -y", "x+(-y)"),
        ("2*(-3)", "2·(-3)"),
        ("(0.2, 0.8)", "(0.2, 0.8)"),
        ("[0.2, 0.8]", "[0.2, 0.8]"),
        ("0.2, 0.8", "(0.2, 0.8)"),
        ("(16,)", "(16,)"),
        ("[1 -2]", "[1, -2]"),
        ("[1 - 2]", "[1-2]"),
        ("[1 2; 3 4]", "[[1, 2], [3, 4]]"),
        ("[[1 2] [3 4]]", "[[1, 2], [3, 4]]"),
    ],
)
def test_readings(text: str, reading: str) -> None:
    assert read(text) == reading


def test_declared_variables_win_over_constants() -> None:
    assert read("e*x", ("e", "x")) == "e·x"
    assert read("theta^2", ("theta",)) == "theta^2"
    assert read("θ^2", ("theta",)) == "theta^2"
    assert read("x1 w1", ("x1", "w1")) == "x1·w1"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("nan x", None),
        ("x2", "Unknown variable 'x2'"),
        ("q", "Unknown variable 'q'"),
        ("f(x)", "Unknown function 'f'"),
        ("sinn(x)", "did you mean sin?"),
        ("In(x)", "lower-case L"),
        ("sin^-1(x)", "asin"),
        ("x = 2", "not an equation"),
        ("|x|", "abs(x)"),
        ("<1, 2>", "( ) or [ ]"),
        ("1" * 31, "too many digits"),
        ("1e401", "too large"),
        ("(" * 31 + "1" + ")" * 31, "Too many nested brackets"),
        ("-" * 200 + "1", "nested too deeply"),
        ("2^" * 200 + "2", "nested too deeply"),
        ("sin", "missing its input"),
        ("sin()", "missing its input"),
        ("sin(1, 2)", "takes one input"),
        ("2 3", "Missing operator"),
        ("1.2.3", "one decimal point"),
        ("(1]", "Mismatched brackets"),
        ("x;y", "only one part"),
        ("х", "looks like the letter 'x'"),
        ("x @ y", "Unexpected character '@'"),
        ("50%", "Percent signs"),
    ],
)
def test_rejections(text: str, fragment: str | None) -> None:
    if fragment is None:  # "nan" stays a constant: never split into n·a·n
        assert read(text) == "nan·x"
        return
    with pytest.raises(AnswerError) as info:
        read(text)
    assert fragment in info.value.message


def test_token_limit() -> None:
    with pytest.raises(AnswerError, match="too long"):
        parse(normalize("1+" * 600 + "1"), Context())


def test_flat_sums_make_shallow_trees() -> None:
    node = parse(normalize("+".join(["1"] * 400)), Context()).node
    assert len(node.terms) == 400
