"""The small AST learner input is parsed into, and its echo ("reading") printer.

Sums and products are n-ary (flattened chains), so a long but flat answer such as
``1+1+...+1`` makes a shallow tree: evaluation depth is bounded by bracket and operator
nesting, which the parser limits.
"""

from __future__ import annotations

from fractions import Fraction


class _Node:
    """Immutable AST node with slots: cheaper to define than dataclasses (import time)."""

    __slots__: tuple[str, ...] = ()
    _defaults: dict[str, object] = {}

    def __init__(self, *args: object, **kwargs: object) -> None:
        names = self.__slots__
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} fields")
        for name, value in zip(names, args, strict=False):
            object.__setattr__(self, name, value)
        for name in names[len(args) :]:
            value = kwargs.pop(name) if name in kwargs else self._defaults[name]
            object.__setattr__(self, name, value)
        if kwargs:
            raise TypeError(f"unexpected fields {sorted(kwargs)}")

    def _values(self) -> tuple:
        return tuple(getattr(self, n) for n in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("AST nodes are immutable")

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple:
        return (type(self), self._values())


class Num(_Node):
    __slots__ = ("value", "text", "sig_figs", "decimal")
    _defaults = {"sig_figs": 0, "decimal": False}
    value: Fraction
    text: str
    sig_figs: int
    decimal: bool  # typed with a decimal point or an exponent


class Var(_Node):
    __slots__ = ("name",)
    name: str


class Const(_Node):
    __slots__ = ("name",)
    name: str  # "pi", "e", "inf", "nan"


class Neg(_Node):
    __slots__ = ("arg",)
    arg: Node


class Add(_Node):
    __slots__ = ("terms",)
    terms: tuple[tuple[bool, Node], ...]  # (subtracted?, term)


class Mul(_Node):
    __slots__ = ("factors", "implicit")
    _defaults = {"implicit": False}
    factors: tuple[tuple[bool, Node], ...]  # (divided?, factor)
    implicit: bool  # built by juxtaposition only (2x, x y)


class Pow(_Node):
    __slots__ = ("base", "exp")
    base: Node
    exp: Node


class Call(_Node):
    __slots__ = ("fn", "arg")
    fn: str
    arg: Node


class Postfix(_Node):
    __slots__ = ("op", "arg")
    op: str  # "!" or "%"
    arg: Node


class Group(_Node):
    """Brackets the learner typed around one expression (kept for ambiguity checks)."""

    __slots__ = ("arg",)
    arg: Node


class Seq(_Node):
    """A list: ``(a, b)``, ``[a, b]``, ``a, b`` (bracket ``""``) or matrix rows."""

    __slots__ = ("items", "bracket", "pos")
    _defaults = {"pos": 0}
    items: tuple[Node, ...]
    bracket: str  # "(", "[" or ""
    pos: int


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
