"""Table-driven acceptance tests for every answer kind.

Each row is (expected, given, kind, outcome[, options]) where outcome is True (accepted),
False (graded wrong) or INVALID (not readable: the learner fixes it, no attempt counted).
"""

from __future__ import annotations

import pytest

from tutor.core.answers import check

INVALID = "invalid"
X = {"variables": ("x",)}
XY = {"variables": ("x", "y")}
CHOICES = {"choices": ("acute", "right", "obtuse")}

NUMBER = [
    ("24/25", "0.96", "number", True),
    ("24/25", "24/25", "number", True),
    ("24/25", "48/50", "number", True),
    ("24/25", " 0.96 ", "number", True),
    ("24/25", "0.960", "number", True),
    ("24/25", ".96", "number", True),
    ("24/25", "0.95", "number", False),
    ("24/25", "0.97", "number", False),
    ("24/25", "96%", "number", INVALID),
    ("0.96", "96%", "number", True, {"allow_percent": True}),
    ("0.96", "96", "number", False),
    ("1/6", "0.167", "number", True),
    ("1/6", "0.1667", "number", True),
    ("1/6", "0.16667", "number", True),
    ("1/6", "1/6", "number", True),
    ("1/6", "0.16", "number", False),
    ("1/6", "0.17", "number", False),
    ("1/6", "0.166", "number", False),
    ("1/3", "0.333", "number", True),
    ("1/3", "0.33", "number", False),
    ("24/31", "0.7742", "number", True),
    ("24/31", "0.774", "number", True),
    ("24/31", "0.77", "number", False),
    ("24/31", "0.8*0.3/0.31", "number", True),
    ("0.8*0.3/0.31", "0.774194", "number", True),
    ("1.3e-4", "1.3e-4", "number", True),
    ("1.3e-4", "1.3E-4", "number", True),
    ("1.3e-4", "1.3×10^-4", "number", True),
    ("1.3e-4", "1.3*10^(-4)", "number", True),
    ("1.3e-4", "0.00013", "number", True),
    ("1.3e-4", "1.3e-3", "number", False),
    ("-0.5", "-0.5", "number", True),
    ("-0.5", "−0.5", "number", True),
    ("-0.5", "-1/2", "number", True),
    ("-0.5", "0.5", "number", False),
    ("pi", "3.1416", "number", True),
    ("pi", "π", "number", True),
    ("pi", "3.14", "number", True),
    ("pi", "3.15", "number", False),
    ("pi", "3.1", "number", False),
    ("sqrt(2)/2", "1/sqrt(2)", "number", True),
    ("sqrt(2)/2", "√2/2", "number", True),
    ("sqrt(2)/2", "sqrt 2 / 2", "number", True),
    ("sqrt(2)/2", "0.7071", "number", True),
    ("sqrt(2)/2", "0.707", "number", True),
    ("ln(2)", "log(2)", "number", True),
    ("ln(2)", "0.6931", "number", True),
    ("ln(2)", "log10(2)", "number", False),
    ("exp(-1)", "1/e", "number", True),
    ("exp(-1)", "e^-1", "number", True),
    ("exp(-1)", "0.3679", "number", True),
    ("log2(8)", "3", "number", True),
    ("1", "log10(10)", "number", True),
    ("0.5", "sin(pi/6)", "number", True),
    ("0.5", "cos(pi/3)", "number", True),
    ("pi/4", "arctan(1)", "number", True),
    ("pi/4", "atan(1)", "number", True),
    ("0.7616", "tanh(1)", "number", True),
    ("3", "abs(-3)", "number", True),
    ("120", "5!", "number", True),
    ("120", "factorial(5)", "number", True),
    ("2574", "2574", "number", True),
    ("2574", "2572", "number", False),
    ("0", "0", "number", True),
    ("0", "1e-12", "number", True),
    ("0", "0.001", "number", False),
    ("0.96", "0,96", "number", INVALID),
    ("0.96", "0.96, 0.5", "number", INVALID),
    ("1", "1/0", "number", False),
    ("1", "inf", "number", False),
    ("1", "nan", "number", False),
    ("1", "9^9^9", "number", INVALID),
    ("1", "2 3", "number", INVALID),
    ("1", "x", "number", INVALID),
    ("1", "(1", "number", INVALID),
    ("1", "sinn(1)", "number", INVALID),
    ("2", "sqrt(-4)", "number", False),
    ("0.25", "1/2^2", "number", True),
    ("-25", "-5^2", "number", True),
    ("25", "(-5)^2", "number", True),
    ("8", "2**3", "number", True),
    ("0.7742", "77.42", "number", False),
    ("0.7742", "0.77", "number", True, {"decimals": 2}),
    ("0.7742", "0.77", "number", True, {"decimals": 2}),
    ("0.7742", "0.78", "number", False, {"decimals": 2}),
    ("0.125", "0.13", "number", True, {"decimals": 2}),
    ("0.125", "0.12", "number", True, {"decimals": 2}),
    ("0.5", "０.５", "number", True),
    ("4", "２²", "number", True),
    ("100", "10²", "number", True),
    ("0.333", "1/3", "number", True),
    ("0.7742", "24/31", "number", True),
    ("0.0196", "1.96%", "number", True, {"allow_percent": True}),
    ("0.0196", "1.96", "number", False),
    ("1", "1 1/2", "number", INVALID),
    ("0.001", "1e-3", "number", True),
    ("0.001", "0.01", "number", False),
    ("6", "2·3", "number", True),
    ("6", "2×3", "number", True),
    ("2", "6÷3", "number", True),
]

EXPRESSION = [
    ("2*x*cos(x^2)", "2x cos(x²)", "expression", True, X),
    ("2*x*cos(x^2)", "cos(x**2)*2*x", "expression", True, X),
    ("2*x*cos(x^2)", "2*x*cos(x^2)", "expression", True, X),
    ("2*x*cos(x^2)", "x cos(x^2) 2", "expression", INVALID, X),
    ("2*x*cos(x^2)", "2*x*sin(x^2)", "expression", False, X),
    ("2*x*cos(x^2)", "2*cos(x^2)", "expression", False, X),
    ("2*x*cos(x^2)", "2x cos(x)^2", "expression", False, X),
    ("(x+1)^2", "x^2+2x+1", "expression", True, X),
    ("(x+1)^2", "x^2+1", "expression", False, X),
    ("x^2-1", "(x+1)(x-1)", "expression", True, X),
    ("2*x+2", "2(x+1)", "expression", True, X),
    ("x*sin(x)", "x sin(x)", "expression", True, X),
    ("x*sin(x)", "xsin(x)", "expression", True, X),
    ("x*y", "xy", "expression", True, XY),
    ("x*y", "x y", "expression", True, XY),
    ("x*y", "y*x", "expression", True, XY),
    ("x*y", "x+y", "expression", False, XY),
    ("x^2*y", "x^2 y", "expression", True, XY),
    ("1/(2*x)", "1/2x", "expression", True, X),
    ("1/(2*x)", "1/(2x)", "expression", True, X),
    ("x/2", "1/2x", "expression", False, X),
    ("x/2", "(1/2)x", "expression", True, X),
    ("x/2", "x/2", "expression", True, X),
    ("ln(x)", "log(x)", "expression", True, X),
    ("ln(x)", "ln x", "expression", True, X),
    ("ln(x)", "log10(x)", "expression", False, X),
    ("exp(x)", "e^x", "expression", True, X),
    ("exp(2*x)", "e^(2x)", "expression", True, X),
    ("exp(2*x)", "e^2x", "expression", False, X),
    ("sin(x)^2", "sin^2(x)", "expression", True, X),
    ("sin(x)^2", "1-cos(x)^2", "expression", True, X),
    ("sin(2*x)", "2 sin x cos x", "expression", True, X),
    ("sin(2*x)", "sin 2x", "expression", True, X),
    ("exp(-x)/(1+exp(-x))^2", "e^x/(1+e^x)^2", "expression", True, X),
    ("sigmoid(x)*(1-sigmoid(x))", "e^-x/(1+e^-x)^2", "expression", True, X),
    ("1-tanh(x)^2", "sech(x)^2", "expression", True, X),
    ("1/x", "x^-1", "expression", True, X),
    ("sqrt(x)", "x^(1/2)", "expression", True, X),
    ("sqrt(x)", "x^0.5", "expression", True, X),
    ("x^3/3", "0.333x^3", "expression", False, X),
    ("2*x", "2*x+q", "expression", INVALID, X),
    ("2*x", "2*X", "expression", INVALID, X),
    ("2*x", "2*x)", "expression", INVALID, X),
    ("2*x", "2*", "expression", INVALID, X),
    ("2*x", "", "expression", INVALID, X),
    ("x^2", "x^2", "auto", True),
    ("x^2", "x*x", "auto", True),
    ("x^2", "2x", "auto", False),
    ("e^x", "exp(x)", "auto", True),
    ("2*x*y", "2yx", "auto", True),
    ("y/p - (1-y)/(1-p)", "(y-p)/(p(1-p))", "expression", True, {"variables": ("y", "p")}),
    ("4*sin(3*t)", "4 sin(3t)", "expression", True, {"variables": ("t",)}),
    ("theta^2", "θ^2", "expression", True, {"variables": ("theta",)}),
    ("w1*x1 + w2*x2", "x1 w1 + x2 w2", "expression", True, {"variables": ("w1", "w2", "x1", "x2")}),
]

VECTOR = [
    ("[0.2, 0.8]", "[0.2, 0.8]", "vector", True),
    ("[0.2, 0.8]", "(0.2, 0.8)", "vector", True),
    ("[0.2, 0.8]", "0.2, 0.8", "vector", True),
    ("[0.2, 0.8]", "[1/5, 4/5]", "vector", True),
    ("[0.2, 0.8]", "[0.2 0.8]", "vector", True),
    ("[0.2, 0.8]", "[0.8, 0.2]", "vector", False),
    ("[0.2, 0.8]", "[0.2, 0.8, 0]", "vector", False),
    ("[0.2, 0.8]", "[0.2]", "vector", False),
    ("[0.2, 0.8]", "[0.2, 0.9]", "vector", False),
    ("[0.2, 0.8]", "[-0.2, -0.8]", "vector", False),
    ("[0.2, 0.8]", "[0.2,, 0.8]", "vector", INVALID),
    ("[0.2, 0.8]", "[0.2, 0.8", "vector", INVALID),
    ("[1/sqrt(2), 1/sqrt(2)]", "[0.7071, 0.7071]", "vector", True),
    ("[1/sqrt(2), 1/sqrt(2)]", "(√2/2, √2/2)", "vector", True),
    ("[1, -2]", "[1 -2]", "vector", True),
    ("[1, -2]", "[1 - 2]", "vector", False),
    ("[0.2, 0.8]", "[0.2, 0.8]", "auto", True),
    ("(0.6, 0.8)", "[0.6, 0.8]", "auto", True),
    ("[2x, 3]", "[x+x, 3]", "vector", True, X),
    ("[2x, 3]", "[x, 3]", "vector", False, X),
    ("[0.5, 0.25]", "[50%, 25%]", "vector", True, {"allow_percent": True}),
    ("[0.5, 0.25]", "[50%, 25%]", "vector", INVALID),
    ("[1/6, 5/6]", "[0.167, 0.833]", "vector", True),
    ("[1/6, 5/6]", "[0.17, 0.83]", "vector", False),
]

MATRIX = [
    ("[[1,2],[3,4]]", "[[1,2],[3,4]]", "matrix", True),
    ("[[1,2],[3,4]]", "[[1, 2], [3, 4]]", "matrix", True),
    ("[[1,2],[3,4]]", "[1 2; 3 4]", "matrix", True),
    ("[[1,2],[3,4]]", "[1, 2; 3, 4]", "matrix", True),
    ("[[1,2],[3,4]]", "[[1 2] [3 4]]", "matrix", True),
    ("[[1,2],[3,4]]", "[[1,2],[3,5]]", "matrix", False),
    ("[[1,2],[3,4]]", "[[1,3],[2,4]]", "matrix", False),
    ("[[1,2],[3,4]]", "[[1,2,0],[3,4,0]]", "matrix", False),
    ("[[1,2],[3,4]]", "[[1,2],[3]]", "matrix", INVALID),
    ("[[1,2],[3,4]]", "[[1,2],[3,4]", "matrix", INVALID),
    ("[[0.5,0],[0,0.5]]", "[[1/2,0],[0,1/2]]", "auto", True),
    ("[[1,2,3]]", "[[1,2,3]]", "matrix", True),
]

SHAPE = [
    ("(4, 16)", "(4, 16)", "shape", True),
    ("(4, 16)", "4x16", "shape", True),
    ("(4, 16)", "4 X 16", "shape", True),
    ("(4, 16)", "4 × 16", "shape", True),
    ("(4, 16)", "[4, 16]", "shape", True),
    ("(4, 16)", "4, 16", "shape", True),
    ("(4, 16)", "torch.Size([4, 16])", "shape", True),
    ("(4, 16)", "(16, 4)", "shape", False),
    ("(4, 16)", "4*16", "shape", False),
    ("(4, 16)", "(4, 16, 1)", "shape", False),
    ("(4, 16)", "(4, 16.5)", "shape", INVALID),
    ("(4, 16)", "(4, -16)", "shape", INVALID),
    ("(4, 16)", "(4, 16", "shape", INVALID),
    ("(16,)", "(16,)", "shape", True),
    ("(16,)", "16", "shape", True),
    ("(16,)", "[16]", "shape", True),
    ("(16,)", "(16, 1)", "shape", False),
    ("(B, S, H)", "(B, S, H)", "shape", True),
    ("(B, S, H)", "B, S, H", "shape", True),
    ("(B, S, H)", "(b, s, h)", "shape", False),
    ("(B, S, H)", "(B, H, S)", "shape", False),
    ("(B, S, H)", "(B, S, H)", "auto", True),
    ("(B, H, S, D/H)", "(B, H, S, D/H)", "shape", True),
    ("(4, 16)", "4x16", "auto", True),
    ("(4, 16)", "(4, 16)", "auto", True),
    ("(4, 16)", "16x4", "auto", False),
]

CHOICE = [
    ("obtuse", "obtuse", "choice", True, CHOICES),
    ("obtuse", "Obtuse", "choice", True, CHOICES),
    ("obtuse", " OBTUSE ", "choice", True, CHOICES),
    ("obtuse", "obt", "choice", True, CHOICES),
    ("obtuse", "acute", "choice", False, CHOICES),
    ("obtuse", "r", "choice", False, CHOICES),
    ("obtuse", "blunt", "choice", INVALID, CHOICES),
    ("obtuse", "", "choice", INVALID, CHOICES),
    ("right", "right", "auto", True, CHOICES),
]

MULTI = [
    ("0.96; (4, 16)", "0.96; (4, 16)", "auto", True),
    ("0.96; (4, 16)", "24/25; 4x16", "auto", True),
    ("0.96; (4, 16)", "0.96; (16, 4)", "auto", False),
    ("0.96; (4, 16)", "0.95; (4, 16)", "auto", False),
    ("0.96; (4, 16)", "0.96", "auto", INVALID),
    ("0.96; (4, 16)", "0.96; (4, 16); 3", "auto", INVALID),
    ("0.96; (4, 16)", "0.96; (4, 16", "auto", INVALID),
    ("0.96; [1 2; 3 4]", "0.96; [[1, 2], [3, 4]]", "auto", True),
    ("1/2; 1/3; 1/6", "0.5; 0.333; 0.167", "multi", True),
]

CASES = NUMBER + EXPRESSION + VECTOR + MATRIX + SHAPE + CHOICE + MULTI


def _id(case: tuple) -> str:
    return f"{case[2]}:{case[0]}|{case[1]}"


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_table(case: tuple) -> None:
    expected, given, kind, outcome, *rest = case
    options = rest[0] if rest else {}
    verdict = check(expected, given, kind, **options)
    detail = f"{verdict!r}"
    if outcome == INVALID:
        assert verdict.invalid and not verdict.correct, detail
        assert verdict.message, detail
    else:
        assert not verdict.invalid, detail
        assert verdict.correct is outcome, detail
        if outcome:
            assert verdict.message == "" or verdict.message, detail
        else:
            assert verdict.message, detail
