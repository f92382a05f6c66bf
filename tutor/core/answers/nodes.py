"""The small AST learner input is parsed into, and its echo ("reading") printer.

Sums and products are n-ary (flattened chains), so a long but flat answer such as
``1+1+...+1`` makes a shallow tree: evaluation depth is bounded by bracket and operator
nesting, which the parser limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Num:
    value: Fraction
    text: str
    sig_figs: int = 0
    decimal: bool = False


@dataclass(frozen=True, slots=True)
class Var:
    name: str


@dataclass(frozen=True, slots=True)
class Const:
    name: str  # "pi", "e", "inf", "nan"


@dataclass(frozen=True, slots=True)
class Neg:
    arg: Node


@dataclass(frozen=True, slots=True)
class Add:
    terms: tuple[tuple[bool, Node], ...]  # (subtracted?, term)


@dataclass(frozen=True, slots=True)
class Mul:
    factors: tuple[tuple[bool, Node], ...]  # (divided?, factor)
    implicit: bool = False  # built by juxtaposition only (2x, x y)


@dataclass(frozen=True, slots=True)
class Pow:
    base: Node
    exp: Node


@dataclass(frozen=True, slots=True)
class Call:
    fn: str
    arg: Node


@dataclass(frozen=True, slots=True)
class Postfix:
    op: str  # "!" or "%"
    arg: Node


@dataclass(frozen=True, slots=True)
class Group:
    """Brackets the learner typed around one expression (kept for ambiguity checks)."""

    arg: Node


@dataclass(frozen=True, slots=True)
class Seq:
    """A list: ``(a, b)``, ``[a, b]``, ``a, b`` (bracket ``""``) or matrix rows."""

    items: tuple[Node, ...]
    bracket: str  # "(", "[" or ""
    pos: int = 0


Node = Num | Var | Const | Neg | Add | Mul | Pow | Call | Postfix | Group | Seq

_ATOM, _POSTFIX, _POW, _NEG, _MUL, _ADD = 6, 5, 4, 3, 2, 1


def strip_group(node: Node) -> Node:
    while isinstance(node, Group):
        node = node.arg
    return node


def _prec(node: Node) -> int:
    node = strip_group(node)
    if isinstance(node, Add):
        return _ADD
    if isinstance(node, Mul):
        return _MUL
    if isinstance(node, Neg):
        return _NEG
    if isinstance(node, Pow):
        return _POW
    if isinstance(node, Postfix):
        return _POSTFIX
    return _ATOM


def _wrap(node: Node, need: int) -> str:
    text = show(node)
    return f"({text})" if _prec(node) < need else text


def show(node: Node) -> str:
    """The engine's reading of a node, fully bracketed where precedence could mislead."""
    node = strip_group(node)
    if isinstance(node, Num):
        return node.text
    if isinstance(node, Var):
        return node.name
    if isinstance(node, Const):
        return {"pi": "π", "inf": "∞"}.get(node.name, node.name)
    if isinstance(node, Neg):
        return "-" + _wrap(node.arg, _POW)
    if isinstance(node, Add):
        out = []
        for k, (sub, term) in enumerate(node.terms):
            text = _wrap(term, _MUL if not sub else _MUL)
            if isinstance(strip_group(term), Neg) and k:
                text = f"({text})"
            out.append(("-" if sub else "+" if k else "") + text)
        return "".join(out)
    if isinstance(node, Mul):
        out = []
        for k, (div, factor) in enumerate(node.factors):
            need = _POW if div or k else _NEG
            text = _wrap(factor, need)
            out.append(("/" if div else "·" if k else "") + text)
        return "".join(out)
    if isinstance(node, Pow):
        return _wrap(node.base, _POSTFIX) + "^" + _wrap(node.exp, _ATOM)
    if isinstance(node, Call):
        return f"{node.fn}({show(node.arg)})"
    if isinstance(node, Postfix):
        return _wrap(node.arg, _ATOM) + node.op
    if isinstance(node, Seq):
        inner = ", ".join(show(item) for item in node.items)
        if node.bracket == "[":
            return f"[{inner}]"
        return f"({inner},)" if len(node.items) == 1 else f"({inner})"
    raise TypeError(type(node).__name__)


def is_integer_literal(node: Node) -> bool:
    node = strip_group(node)
    return isinstance(node, Num) and not node.decimal and node.value.denominator == 1
