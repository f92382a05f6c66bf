"""The SymPy fallback: only for inconclusive numeric checks, in a killable worker."""

from __future__ import annotations

import time

from tutor.core.answers import check
from tutor.core.answers.normalize import normalize
from tutor.core.answers.parser import Context, parse
from tutor.core.answers.symbolic import sympy_equal

X = {"kind": "expression", "variables": ("x",)}


def _node(text: str):  # noqa: ANN202
    return parse(normalize(text), Context(variables=frozenset({"x"}))).node


def test_fallback_decides_when_numbers_cannot() -> None:
    # factorial is undefined at the (non-integer) random points, so only SymPy can decide
    assert check("factorial(x)", "x!", **X).correct
    assert check("factorial(x)", "x*factorial(x-1)", **X).correct
    assert not check("factorial(x)", "x^2", **X).correct


def test_fallback_timeout_kills_worker_and_recovers() -> None:
    slow = "factorial(x)*((x+1)^200000 - (x-1)^200000 + 1)"
    start = time.perf_counter()
    v = check("factorial(x)", slow, **X)
    assert time.perf_counter() - start < 5
    assert (
        v.invalid and v.message == "That expression is too complex to check — please simplify it."
    )
    assert check("factorial(x)", "x!", **X).correct  # a fresh worker


def test_sympy_equal_direct() -> None:
    assert sympy_equal(_node("(x+1)^2"), _node("x^2+2x+1"), ("x",)) == "equal"
    assert sympy_equal(_node("sin(x)^2"), _node("1-cos(x)^2"), ("x",)) == "equal"
    assert sympy_equal(_node("x"), _node("x+1"), ("x",)) == "different"
