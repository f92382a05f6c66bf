"""The whitelist: functions and constants a learner may use, and how names are resolved."""

from __future__ import annotations

# canonical function names; aliases map onto them
FUNCTIONS = frozenset(
    [
        "sqrt",
        "exp",
        "ln",
        "log",
        "log2",
        "log10",
        "sin",
        "cos",
        "tan",
        "sec",
        "csc",
        "cot",
        "asin",
        "acos",
        "atan",
        "sinh",
        "cosh",
        "tanh",
        "asinh",
        "acosh",
        "atanh",
        "sech",
        "csch",
        "coth",
        "abs",
        "factorial",
        "sigmoid",
    ]
)
ALIASES = {
    "arcsin": "asin", "arccos": "acos", "arctan": "atan", "arsinh": "asinh",
    "arcosh": "acosh", "artanh": "atanh", "arcsinh": "asinh", "arccosh": "acosh",
    "arctanh": "atanh", "cosec": "csc", "lg": "log10", "fact": "factorial",
    "sigma": "sigmoid",  # σ(x), as ML texts write the logistic function
}  # fmt: skip
CONSTANTS = frozenset(("pi", "e", "inf", "infinity", "nan", "oo"))

_ALL_FUNCTION_NAMES = FUNCTIONS | frozenset(ALIASES)


def function_name(name: str) -> str | None:
    """Canonical function for ``name`` (case-insensitive, aliases resolved) or None."""
    low = name.lower()
    if low in FUNCTIONS:
        return low
    return ALIASES.get(low)


def constant_name(name: str) -> str | None:
    """Canonical constant for ``name``: ``pi``/``Pi``/``PI``; ``e`` only in lower case."""
    if name == "e":
        return "e"
    low = name.lower()
    if low == "pi":
        return "pi"
    if low in ("inf", "infinity", "oo"):
        return "inf"
    if low == "nan":
        return "nan"
    return None


def suggest_function(name: str) -> str | None:
    """A known function name close to ``name`` (for "did you mean ...?")."""
    import difflib

    found = difflib.get_close_matches(name.lower(), sorted(_ALL_FUNCTION_NAMES), n=1, cutoff=0.6)
    return found[0] if found else None


def segment(name: str, variables: frozenset[str]) -> list[str] | None:
    """Split an identifier the learner typed without spaces into known pieces.

    Pieces are declared variables, constants and function names; a run of digits may follow a
    function name (``sqrt2``, ``sin2x``). Returns the split with the fewest pieces, or None.
    Only *declared* names are used, never arbitrary letters (``nan`` must not become n·a·n).
    """
    n = len(name)
    if n > 200:
        return None
    longest = max([12, *map(len, variables)])
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        prefix = best[i]
        if prefix is None:
            continue
        after_function = bool(prefix) and function_name(prefix[-1]) is not None
        for j in range(i + 1, min(n, i + longest) + 1):
            piece = name[i:j]
            ok = (
                piece in variables
                or (constant_name(piece) is not None and piece not in ("inf", "nan", "oo"))
                or function_name(piece) is not None
                or (piece.isdigit() and after_function)
            )
            if ok:
                cand = [*prefix, piece]
                cur = best[j]
                if cur is None or len(cand) < len(cur):
                    best[j] = cand
    return best[n]
