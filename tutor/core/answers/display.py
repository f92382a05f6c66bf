"""An answer as the engine reads it, in LaTeX: for the canonical answer, the live preview
and "Read as" (see ``latex.py``). Never raises: text that cannot be read gives None."""

from __future__ import annotations

from .engine import Plan, _coerce, prepare, split_parts
from .errors import AnswerError
from .latex import name_latex, to_latex
from .normalize import normalize, precheck
from .parser import Context, parse
from .verdict import AnswerSpec

MAX_PREVIEW_CHARS = 2000


def answer_latex(spec: AnswerSpec, text: str) -> str | None:
    """``text`` (an answer to ``spec``) as LaTeX, read the way the checker reads it; None if
    it cannot be read (the checker then says why)."""
    try:
        plan = prepare(_coerce(spec))
        return _latex(plan, normalize(precheck(text, MAX_PREVIEW_CHARS)).strip())
    except Exception:  # noqa: BLE001 - a preview must never break the window
        return None


def _latex(plan: Plan, text) -> str | None:  # noqa: ANN001 - a normalized Text
    if plan.spec.kind == "multi":
        pieces = split_parts(text)
        if len(pieces) != len(plan.parts):
            return None
        parts = [_latex(part, piece) for part, piece in zip(plan.parts, pieces, strict=True)]
        return None if None in parts else r";\quad ".join(parts)
    if not text.s:
        return None
    if plan.spec.kind == "choice":
        return r"\text{" + _escape_text(text.s) + "}"
    if plan.spec.kind == "shape":
        dims = [name_latex(d) if not d.isdigit() else d for d in plan.read(text).shown.strip("()[], ").split(", ")]
        return r"\left(" + ",\\ ".join(dims) + r"\right)"
    context = Context(
        variables=frozenset(plan.spec.variables), allow_percent=plan.spec.allow_percent,
        free=not plan.spec.variables, split_free=True,
    )
    try:
        return to_latex(parse(text, context).node)
    except (AnswerError, TypeError):
        return None


def _escape_text(text: str) -> str:
    for char in "\\{}$&#^_%~":
        text = text.replace(char, "\\" + char)
    return text
