"""Answers in math notation: the engine's reading of an answer written as LaTeX.

The same tree the checker grades is printed as a textbook would write it (fractions,
roots, powers, Greek letters, vectors and matrices with brackets), so the answer shown
after a miss, the live preview under the answer field and "Read as" all show exactly how
the engine read it: ``1/2x`` is shown as 1/(2x), never in the checker's syntax. The window
typesets the LaTeX (``tutor.ui.math_view``); this module is pure.
"""

from __future__ import annotations

import re

from .nodes import Add, Call, Const, Mul, Neg, Node, Num, Postfix, Pow, Seq, Var, strip_group

GREEK = frozenset(
    ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega"]
)
UNICODE_GREEK = dict(zip(
    "αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩ",
    ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega"],
    strict=True,
))
OPERATORS = {  # functions LaTeX typesets upright by name
    "sin": r"\sin", "cos": r"\cos", "tan": r"\tan", "sec": r"\sec", "csc": r"\csc",
    "cot": r"\cot", "sinh": r"\sinh", "cosh": r"\cosh", "tanh": r"\tanh", "coth": r"\coth",
    "ln": r"\ln", "log": r"\log", "exp": r"\exp", "asin": r"\arcsin", "acos": r"\arccos",
    "atan": r"\arctan",
}
_SCIENTIFIC = re.compile(r"([0-9.]+)[eE]([+-]?)([0-9]+)")
_ATOM, _POW, _NEG, _MUL, _ADD = 5, 4, 3, 2, 1


def to_latex(node: Node) -> str:
    """``node`` in LaTeX, bracketed where precedence needs it."""
    node = strip_group(node)
    if isinstance(node, Num):
        return _number(node.text)
    if isinstance(node, Var):
        return name_latex(node.name)
    if isinstance(node, Const):
        return {"pi": r"\pi", "inf": r"\infty", "nan": r"\mathrm{NaN}"}.get(node.name, node.name)
    if isinstance(node, Neg):
        return "-" + _wrapped(node.arg, _MUL)
    if isinstance(node, Add):
        return _sum(node)
    if isinstance(node, Mul):
        return _product(node)
    if isinstance(node, Pow):
        return _power(node)
    if isinstance(node, Call):
        return _call(node)
    if isinstance(node, Postfix):
        return _wrapped(node.arg, _ATOM) + (r"\%" if node.op == "%" else "!")
    if isinstance(node, Seq):
        return _sequence(node)
    raise TypeError(type(node).__name__)


def _number(text: str) -> str:
    m = _SCIENTIFIC.fullmatch(text)
    if m:
        mantissa, sign, exponent = m.groups()
        return rf"{mantissa} \times 10^{{{'-' if sign == '-' else ''}{int(exponent)}}}"
    return text


def name_latex(name: str) -> str:
    """x, x_1 → x_{1}, theta → \\theta, w2 → w_{2}, loss → \\mathrm{loss}."""
    base, _, sub = name.partition("_")
    if not sub:
        m = re.fullmatch(r"([A-Za-z]+)([0-9]+)", name)
        if m:
            base, sub = m.groups()
    base = UNICODE_GREEK.get(base, base)
    if base in GREEK:
        text = "\\" + base
    elif len(base) == 1:
        text = base
    else:
        text = rf"\mathrm{{{base}}}"
    return f"{text}_{{{sub}}}" if sub else text


def _prec(node: Node) -> int:
    node = strip_group(node)
    if isinstance(node, Add):
        return _ADD
    if isinstance(node, Mul):
        return _MUL if not any(div for div, _ in node.factors) else _ATOM  # a fraction is an atom
    if isinstance(node, Neg):
        return _NEG
    if isinstance(node, Pow):
        return _POW
    return _ATOM


def _wrapped(node: Node, need: int) -> str:
    text = to_latex(node)
    return rf"\left({text}\right)" if _prec(node) < need else text


def _sum(node: Add) -> str:
    out = []
    for k, (subtracted, term) in enumerate(node.terms):
        text = to_latex(term)
        if isinstance(strip_group(term), Neg) and k:
            text = rf"\left({text}\right)"
        out.append((" - " if subtracted else " + " if k else "") + text)
    return "".join(out).strip()


def _product(node: Mul) -> str:
    top = [f for div, f in node.factors if not div]
    bottom = [f for div, f in node.factors if div]
    if not bottom:
        return _factors(top)
    numerator = (to_latex(top[0]) if len(top) == 1 else _factors(top, inside_fraction=True)) if top else "1"
    denominator = to_latex(bottom[0]) if len(bottom) == 1 else _factors(bottom, inside_fraction=True)
    return rf"\frac{{{numerator}}}{{{denominator}}}"


def _factors(factors: list[Node], inside_fraction: bool = False) -> str:
    """Factors side by side (2x, x y, 2√x), with a centred dot before a number or a sign,
    where juxtaposition would read as one number (2·3) or a subtraction."""
    out = []
    for k, factor in enumerate(factors):
        text = _wrapped(factor, _MUL if inside_fraction or k else _NEG)
        if k and (text[0].isdigit() or text.startswith("-")):
            out.append(r"\cdot " + text)
        else:
            out.append(text)
    return " ".join(out)


def _power(node: Pow) -> str:
    base = strip_group(node.base)
    exponent = to_latex(node.exp)
    if isinstance(base, Const) and base.name == "e":
        return f"e^{{{exponent}}}"
    if isinstance(base, Call) and base.fn in OPERATORS:  # sin(x)^2 as sin²(x)
        return rf"{OPERATORS[base.fn]}^{{{exponent}}}\left({to_latex(base.arg)}\right)"
    return f"{_wrapped(node.base, _ATOM)}^{{{exponent}}}"


def _call(node: Call) -> str:
    arg = to_latex(node.arg)
    if node.fn == "sqrt":
        return rf"\sqrt{{{arg}}}"
    if node.fn == "abs":
        return rf"\left|{arg}\right|"
    if node.fn == "exp":
        return f"e^{{{arg}}}"
    if node.fn == "factorial":
        return _wrapped(node.arg, _ATOM) + "!"
    if node.fn in ("log2", "log10"):
        return rf"\log_{{{node.fn[3:]}}}\left({arg}\right)"
    if node.fn == "sigmoid":
        return rf"\sigma\left({arg}\right)"
    name = OPERATORS.get(node.fn, rf"\operatorname{{{node.fn}}}")
    return rf"{name}\left({arg}\right)"


def _sequence(node: Seq) -> str:
    items = [strip_group(item) for item in node.items]
    if items and all(isinstance(item, Seq) for item in items):  # a matrix: rows of entries
        rows = [" & ".join(to_latex(entry) for entry in row.items) for row in items]
        return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"
    inner = ",\\ ".join(to_latex(item) for item in items)
    if node.bracket == "[":
        return rf"\left[{inner}\right]"
    return rf"\left({inner}\right)"
