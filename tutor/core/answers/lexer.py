"""Tokenizer: normalised text → tokens, with bracket matching and size limits checked first."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from .errors import AnswerError, TooLarge
from .normalize import LOOKALIKES, Text

MAX_DIGITS = 30
MAX_DEPTH = 30
MAX_LOG10 = 300

NUM, NAME, OP, LP, RP, COMMA, SEMI, END = "num", "name", "op", "(", ")", ",", ";", "end"

_NUMBER = re.compile(r"([0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_OPEN = {"(": ")", "[": "]"}
_CLOSE = {")": "(", "]": "["}
_HINTS = {
    "=": " — type only the answer, not an equation",
    "|": " — write abs(x) for |x|",
    "<": " — write vectors with ( ) or [ ]",
    ">": " — write vectors with ( ) or [ ]",
    "{": " — use ( ) for brackets",
    "}": " — use ( ) for brackets",
    "_": "",
    ":": "",
}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    pos: int  # index in the original text
    space_before: bool
    value: Fraction | None = None
    sig_figs: int = 0
    decimal: bool = False  # typed with a decimal point or an exponent


@dataclass(frozen=True, slots=True)
class Bracket:
    close_index: int
    commas: bool  # a comma directly inside
    semis: bool  # a semicolon directly inside


def _sig_figs(mantissa: str) -> int:
    digits = mantissa.replace(".", "").lstrip("0")
    if "." not in mantissa:
        digits = digits.rstrip("0")
    return max(len(digits), 1)


def _number(text: Text, i: int, space: bool) -> tuple[Token, int]:
    m = _NUMBER.match(text.s, i)
    assert m is not None
    mantissa, exponent = m.group(1), m.group(2)
    pos = text.pos(i)
    ndigits = sum(ch.isdigit() for ch in mantissa.lstrip("0.")) or 1
    if ndigits > MAX_DIGITS:
        raise AnswerError(
            f"The number at character {pos + 1} has too many digits (the limit is {MAX_DIGITS}).",
            pos,
        )
    value = Fraction(mantissa if mantissa != "." else "0")
    if exponent is not None:
        e = int(exponent) if len(exponent) <= 5 else 10**6
        if abs(e) > 400:
            raise AnswerError(f"The exponent at character {pos + 1} is too large.", pos)
        value *= Fraction(10) ** e
        if value and math.log10(value.numerator) - math.log10(value.denominator) > MAX_LOG10:
            raise TooLarge(
                f"The number at character {pos + 1} is too large (more than 10^300).", pos
            )
    decimal = "." in mantissa or exponent is not None
    tok = Token(NUM, m.group(), pos, space, value, _sig_figs(mantissa), decimal)
    return tok, m.end()


def _unexpected(text: Text, i: int) -> AnswerError:
    c = text.s[i]
    pos = text.pos(i)
    if c in LOOKALIKES:
        return AnswerError(
            f"Unknown symbol '{c}' at character {pos + 1}: it looks like the letter "
            f"'{LOOKALIKES[c]}' but is a different character — please retype it.",
            pos,
        )
    if c == ".":
        return AnswerError(f"Unexpected '.' at character {pos + 1}.", pos)
    if not c.isascii():
        return AnswerError(f"Unknown symbol '{c}' at character {pos + 1}.", pos)
    return AnswerError(
        f"Unexpected character '{c}' at character {pos + 1}{_HINTS.get(c, '')}.", pos
    )


def lex(text: Text, max_tokens: int = 1000) -> list[Token]:
    """Tokens of ``text``, ending with an END token."""
    s = text.s
    tokens: list[Token] = []
    i, n = 0, len(s)
    space = False
    while i < n:
        c = s[i]
        if c == " ":
            space = True
            i += 1
            continue
        if len(tokens) >= max_tokens:
            raise AnswerError("Your answer is too long (too many symbols).", text.pos(i))
        if c.isdigit() and c.isascii() or (c == "." and i + 1 < n and s[i + 1].isdigit()):
            if c == "." and tokens and tokens[-1].kind == NUM and not space:
                pos = text.pos(i)
                raise AnswerError(
                    f"Unexpected '.' at character {pos + 1} — a number has at most one "
                    "decimal point.",
                    pos,
                )
            tok, i = _number(text, i, space)
        elif c.isascii() and c.isalpha():
            m = _NAME.match(s, i)
            assert m is not None
            tok, i = Token(NAME, m.group(), text.pos(i), space), m.end()
        elif c == "*" and s.startswith("**", i):
            tok, i = Token(OP, "^", text.pos(i), space), i + 2
        elif c in "+-*/^!%×":
            tok, i = Token(OP, c, text.pos(i), space), i + 1
        elif c in "()[]":
            tok, i = Token(LP if c in _OPEN else RP, c, text.pos(i), space), i + 1
        elif c == ",":
            tok, i = Token(COMMA, c, text.pos(i), space), i + 1
        elif c == ";":
            tok, i = Token(SEMI, c, text.pos(i), space), i + 1
        else:
            raise _unexpected(text, i)
        tokens.append(tok)
        space = False
    tokens.append(Token(END, "", text.end, space))
    return tokens


def match_brackets(tokens: list[Token]) -> dict[int, Bracket]:
    """Match brackets up front so mismatches get precise messages and depth is bounded."""
    stack: list[list] = []  # [index, has_comma, has_semi]
    out: dict[int, Bracket] = {}
    for k, t in enumerate(tokens):
        if t.kind == LP:
            if len(stack) >= MAX_DEPTH:
                raise AnswerError(
                    f"Too many nested brackets at character {t.pos + 1} "
                    f"(the limit is {MAX_DEPTH} levels).",
                    t.pos,
                )
            stack.append([k, False, False])
        elif t.kind == RP:
            if not stack:
                raise AnswerError(
                    f"Unexpected '{t.text}' at character {t.pos + 1} — there is no "
                    f"'{_CLOSE[t.text]}' for it to close.",
                    t.pos,
                )
            k0, commas, semis = stack.pop()
            o = tokens[k0]
            if _OPEN[o.text] != t.text:
                raise AnswerError(
                    f"Mismatched brackets: '{o.text}' at character {o.pos + 1} is closed by "
                    f"'{t.text}' at character {t.pos + 1}.",
                    t.pos,
                )
            out[k0] = Bracket(k, commas, semis)
        elif stack and t.kind == COMMA:
            stack[-1][1] = True
        elif stack and t.kind == SEMI:
            stack[-1][2] = True
    if stack:
        o = tokens[stack[-1][0]]
        raise AnswerError(
            f"Missing '{_OPEN[o.text]}' for the '{o.text}' at character {o.pos + 1}.", o.pos
        )
    return out
