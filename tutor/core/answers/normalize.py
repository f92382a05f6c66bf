"""Pre-checks and Unicode normalisation of learner text.

Learners paste from PDFs and phones: minus signs, ×, ·, π, √, superscripts and full-width
digits must mean what they look like. Each normalised character remembers the index of the
original character it came from, so error positions point into what the learner typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import AnswerError

_SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
    "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+", "⁽": "(", "⁾": ")",
}  # fmt: skip

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "θ": "theta",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi",
    "ω": "omega", "η": "eta", "κ": "kappa", "ξ": "xi", "ψ": "psi", "χ": "chi", "ζ": "zeta",
}  # fmt: skip

_MAP = {
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\ufe63": "-", "\uff0d": "-",
    "×": "×", "✕": "×", "⨯": "×", "✖": "×",
    "·": "*", "⋅": "*", "∙": "*", "•": "*", "∗": "*",
    "÷": "/", "∕": "/", "⁄": "/",
    "π": "pi", "Π": "pi", "√": "sqrt", "∞": "inf",
    "\t": " ", "\n": " ", "\r": " ", "\u00a0": " ",
    "，": ",", "；": ";", "：": ":",
    **_GREEK,
}  # fmt: skip

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")

# Letters from other scripts that look like Latin ones: say so instead of "unknown symbol".
LOOKALIKES = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k",
    "м": "m", "т": "t", "в": "b", "н": "h", "і": "i", "ј": "j", "ѕ": "s",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "ο": "o", "Ο": "O", "ι": "i", "Ι": "I", "Α": "A", "Β": "B",
    "Ε": "E", "Ζ": "Z", "Η": "H", "Κ": "K", "Μ": "M", "Ν": "N", "Ρ": "P", "Τ": "T", "Χ": "X",
    "Υ": "Y",
}  # fmt: skip


@dataclass(frozen=True)
class Text:
    """Normalised text plus, for each of its characters, the index in the original string."""

    s: str
    origin: tuple[int, ...]
    end: int  # length of the original text (position for "at the end")

    def pos(self, i: int) -> int:
        """Original index of normalised index ``i`` (``end`` past the end)."""
        return self.origin[i] if i < len(self.origin) else self.end

    def slice(self, start: int, stop: int) -> Text:
        end = self.origin[stop] if stop < len(self.origin) else self.end
        return Text(self.s[start:stop], self.origin[start:stop], end)

    def strip(self) -> Text:
        n = len(self.s)
        a, b = 0, n
        while a < b and self.s[a] == " ":
            a += 1
        while b > a and self.s[b - 1] == " ":
            b -= 1
        return self if (a, b) == (0, n) else self.slice(a, b)


def precheck(given: object, limit: int) -> str:
    """Reject what must not be processed at all: non-strings, huge pastes, hidden characters."""
    if not isinstance(given, str):
        raise AnswerError("The answer must be text.")
    if len(given) > limit:
        raise AnswerError(
            f"Your answer is too long ({len(given)} characters; the limit is {limit})."
        )
    if not given.strip():
        raise AnswerError("Please type an answer.")
    for i, c in enumerate(given):
        if c.isascii():
            if c < " " and c not in "\t\n\r" or c == "\x7f":
                raise AnswerError(
                    f"Your answer contains an invisible control character at character {i + 1}"
                    " — please retype it.",
                    i,
                )
            continue
        cat = unicodedata.category(c)
        if cat == "Cs":
            raise AnswerError(f"Your answer contains an invalid character at character {i + 1}.", i)
        if c in _BIDI or cat == "Cc":
            raise AnswerError(
                f"Your answer contains an invisible control character at character {i + 1}"
                " — please retype it.",
                i,
            )
    return given


_SUP_RUN = re.compile("[" + "".join(_SUPERSCRIPTS) + "]+")


def normalize(given: str) -> Text:
    """NFKC plus an explicit map, character by character, keeping original positions."""
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(given)
    while i < n:
        c = given[i]
        if c.isascii():
            out.append(c)
            origin.append(i)
            i += 1
            continue
        if c in _SUPERSCRIPTS:
            m = _SUP_RUN.match(given, i)
            assert m is not None
            run = "".join(_SUPERSCRIPTS[ch] for ch in m.group())
            rep = "^" + run if len(run) == 1 or run.isdigit() else "^(" + run + ")"
            out.append(rep)
            origin.extend([i] * len(rep))
            i = m.end()
            continue
        if c in _ZERO_WIDTH:
            i += 1
            continue
        rep = _MAP.get(c)
        if rep is None:
            rep = unicodedata.normalize("NFKC", c)
            rep = "".join(_MAP.get(ch, ch) for ch in rep)
        if rep == "sqrt" and i + 1 < n and given[i + 1].isalnum():
            rep = "sqrt "  # √2 → "sqrt 2", not the name "sqrt2"
        out.append(rep)
        origin.extend([i] * len(rep))
        i += 1
    return Text("".join(out), tuple(origin), n)
