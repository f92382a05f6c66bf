"""Formulas in problem text: ``$...$`` marks LaTeX inside a prompt, hint or worked step.

    "Let $y = (2x + 3)^3$. Give $\\frac{dy}{dx}$ at $x = -1$."

The window typesets each formula as one unbreakable piece (``tutor.ui.rich_math``);
``\\$`` is a literal dollar sign. Text without ``$`` is plain text, as before. Pure: no Qt.
"""

from __future__ import annotations

import re

_SEGMENT = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.S)


class MathTextError(ValueError):
    """An unclosed ``$`` (the author's mistake; ``tutor content check`` names it)."""


def segments(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is it a formula?, text or LaTeX) pieces, in order."""
    out: list[tuple[bool, str]] = []
    end = 0
    for m in _SEGMENT.finditer(text):
        if m.start() > end:
            out.append((False, _unescape(text[end:m.start()])))
        out.append((True, m.group(1).strip()))
        end = m.end()
    rest = text[end:]
    if re.search(r"(?<!\\)\$", rest):
        raise MathTextError(f"an unclosed $ in {text!r}")
    if rest:
        out.append((False, _unescape(rest)))
    return out


def formulas(text: str) -> list[str]:
    """The LaTeX of every formula in ``text``."""
    return [piece for is_math, piece in segments(text) if is_math]


def plain(text: str) -> str:
    """``text`` with its formulas as their LaTeX source (for the terminal and fallbacks)."""
    return "".join(piece for _, piece in segments(text))


def _unescape(text: str) -> str:
    return text.replace("\\$", "$")
