"""The "shape" kind: tensor shapes such as ``(4, 16)``, ``4x16``, ``(B, S, H)``, ``(16,)``.

Shapes are read with the ordinary tokenizer and parser (never eval). A dimension is a whole
number, a symbol (matched case-sensitively), or a small expression of them such as ``D/H``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from fractions import Fraction

from .errors import AnswerError, TooLarge, Undefined
from .evaluate import evaluate
from .lexer import COMMA, END, LP, NAME, NUM, OP, Token, lex
from .nodes import Mul, Node, Num, Var, show, strip_group
from .normalize import Text
from .parser import Context, parse_tokens
from .verdict import AnswerSpec, Verdict
from .wording import count_of, list_phrase, ordinal

Dim = int | str | Node
_TORCH = re.compile(r"\s*(?:torch\s*\.\s*)?Size\s*\(\s*(.*?)\s*\)\s*", re.S)
_X_NUM = re.compile(r"(?:[xX][0-9]+)+")  # the "x4x3" of 2x4x3, lexed as one name


@dataclass(frozen=True)
class ShapeReading:
    dims: tuple[Dim, ...]
    shown: str
    product: str = ""  # "4*16 = 64" when a single dimension was typed as a product


def show_dims(dims: tuple[Dim, ...]) -> str:
    parts = [d if isinstance(d, str) else str(d) if isinstance(d, int) else show(d) for d in dims]
    return f"({parts[0]},)" if len(parts) == 1 else "(" + ", ".join(parts) + ")"


def _crosses(tokens: list[Token]) -> list[Token]:
    """Turn the ``x`` of ``4x16``/``4 X 16`` and ``×`` into separator tokens."""
    out: list[Token] = []
    for t in tokens:
        prev_item = bool(out) and out[-1].kind in (NUM, NAME) or bool(out) and out[-1].text == ")"
        if t.kind == OP and t.text == "×" or (t.kind == NAME and t.text in "xX" and prev_item):
            out.append(Token("cross", "×", t.pos, t.space_before))
            continue
        m = _X_NUM.fullmatch(t.text) if t.kind == NAME else None
        if m and prev_item:
            for k, dim in enumerate(re.finditer(r"[xX]([0-9]+)", t.text)):
                digits, at = dim.group(1), t.pos + dim.start()
                out.append(Token("cross", "×", at, t.space_before and k == 0))
                out.append(Token(NUM, digits, at + 1, False, Fraction(int(digits)), len(digits)))
            continue
        out.append(t)
    return out


def _split(tokens: list[Token]) -> list[list[Token]]:
    """Split at top-level commas, else at crosses; a trailing comma is allowed: (16,)."""
    depth = 0
    seps = {COMMA} if any(t.kind == COMMA for t in tokens) else {"cross"}
    groups: list[list[Token]] = [[]]
    for t in tokens:
        if t.kind == LP:
            depth += 1
        elif t.kind == ")":
            depth -= 1
        if depth == 0 and t.kind in seps:
            groups.append([])
        else:
            groups[-1].append(t)
    if len(groups) > 1 and not groups[-1] and COMMA in seps:
        groups.pop()
    return groups


def _strip_outer(tokens: list[Token]) -> list[Token]:
    if len(tokens) >= 2 and tokens[0].kind == LP and tokens[-1].kind == ")":
        depth = 0
        for k, t in enumerate(tokens):
            depth += t.kind == LP
            depth -= t.kind == ")"
            if depth == 0:
                return tokens[1:-1] if k == len(tokens) - 1 else tokens
    return tokens


def read_shape(spec: AnswerSpec, text: Text) -> ShapeReading:
    m = _TORCH.fullmatch(text.s)
    if m:
        text = text.slice(m.start(1), m.end(1))
    tokens = lex(text, 200)
    end = tokens.pop()
    tokens = _crosses(_strip_outer(tokens))
    if not tokens:
        raise AnswerError("Please type a shape such as (4, 16).")
    names = frozenset(t.text for t in tokens if t.kind == NAME)
    ctx = Context(variables=names, free=True)
    dims: list[Dim] = []
    product = ""
    for group in _split(tokens):
        if not group:
            raise AnswerError(f"Missing dimension near character {end.pos + 1}.", end.pos)
        node = parse_tokens(
            [*group, Token(END, "", group[-1].pos + len(group[-1].text), False)], ctx
        ).node
        dim = _dim(node, group[0].pos)
        if isinstance(strip_group(node), Mul) and isinstance(dim, int):
            product = f"{show(node)} = {dim}"
        dims.append(dim)
    return ShapeReading(tuple(dims), show_dims(tuple(dims)), product)


def _dim(node: Node, pos: int) -> Dim:
    inner = strip_group(node)
    if isinstance(inner, Var):
        return inner.name
    if not _names(inner):
        try:
            v = evaluate(inner)
        except (Undefined, TooLarge) as exc:
            raise AnswerError(
                f"The dimension at character {pos + 1} is not a whole number.", pos
            ) from exc
        if not isinstance(v, Fraction) or v.denominator != 1 or v < 0:
            raise AnswerError(
                f"The dimension at character {pos + 1} ({show(inner)}) is not a whole number.", pos
            )
        if v > 10**12:
            raise AnswerError(f"The dimension at character {pos + 1} is too large.", pos)
        return int(v)
    return inner


def _names(node: Node) -> set[str]:
    if isinstance(node, Var):
        return {node.name}
    found: set[str] = set()
    for field in getattr(node, "__slots__", ()):
        child = getattr(node, field)
        if isinstance(child, tuple):
            for item in child:
                found |= _names(item[1] if isinstance(item, tuple) else item)
        elif not isinstance(child, (str, int, Fraction, bool)):
            found |= _names(child)
    return found


def _dim_equal(a: Dim, b: Dim) -> bool:
    if isinstance(a, int | str) and isinstance(b, int | str):
        return a == b
    names = (
        sorted(_names(a) | _names(b))
        if not isinstance(a, int | str) or not isinstance(b, int | str)
        else []
    )
    an = Var(a) if isinstance(a, str) else Num(Fraction(a), str(a)) if isinstance(a, int) else a
    bn = Var(b) if isinstance(b, str) else Num(Fraction(b), str(b)) if isinstance(b, int) else b
    rng = random.Random(1234)
    for _ in range(4):
        env = {n: Fraction(rng.choice((7, 11, 13, 17, 19, 23, 29, 31)) * 64) for n in names}
        try:
            if evaluate(an, env) != evaluate(bn, env):
                return False
        except (Undefined, TooLarge, AnswerError):
            return False
    return True


def shape_verdict(spec: AnswerSpec, expected: ShapeReading, given: ShapeReading) -> Verdict:
    e, g = expected.dims, given.dims
    shown = given.shown
    if len(e) != len(g):
        if given.product and len(g) == 1 and len(e) > 1:
            msg = (
                f"{given.product.split(' = ')[0].replace('·', '*')} is a single number "
                f"({given.product.split(' = ')[1]}); a shape is written with commas, like (4, 16)."
            )
            return Verdict(False, msg, reading=shown)
        msg = f"Your shape has {_dims_word(len(g))}; expected {len(e)}."
        return Verdict(False, msg, reading=shown)
    wrong = [k for k in range(len(e)) if not _dim_equal(e[k], g[k])]
    if not wrong:
        return Verdict(True, reading=shown)
    diagnosis = None
    if len(e) > 1 and all(_dim_equal(a, b) for a, b in zip(e, g[::-1], strict=True)):
        if len(e) == 2:
            diagnosis = (
                f"The dimensions are swapped: you gave {shown}, the shape is "
                f"{expected.shown} — check which side is the batch / transposed."
            )
        else:
            diagnosis = f"The dimensions are in reverse order: you gave {shown}, the shape is {expected.shown}."
    elif len(e) > 1 and _is_permutation(e, g):
        diagnosis = (
            f"The dimensions are right but in the wrong order: you gave {shown}, "
            f"the shape is {expected.shown}."
        )
    if diagnosis:
        return Verdict(False, diagnosis, diagnosis=diagnosis, reading=shown)
    names = list_phrase([ordinal(k + 1) for k in wrong])
    msg = f"The {names} dimension{' is' if len(wrong) == 1 else 's are'} wrong."
    if any(
        isinstance(g[k], str) and isinstance(e[k], str) and g[k].lower() == e[k].lower()
        for k in wrong
    ):
        msg += " (Dimension names are case-sensitive.)"
    return Verdict(False, msg, reading=shown)


def _dims_word(n: int) -> str:
    return count_of(n, "dimension")


def _is_permutation(e: tuple[Dim, ...], g: tuple[Dim, ...]) -> bool:
    remaining = list(g)
    for a in e:
        for k, b in enumerate(remaining):
            if _dim_equal(a, b):
                del remaining[k]
                break
        else:
            return False
    return True
