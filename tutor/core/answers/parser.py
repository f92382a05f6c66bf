"""Pratt parser: tokens → AST, with WeBWorK-style precedence and bounded nesting.

Binding powers (higher binds tighter)::

    + -  10 | * / ×  20 | juxtaposition 25 | unary -  30 | ^  40 (right) | ! %  50

Juxtaposition binds tighter than ``/`` (as in WeBWorK), so ``1/2x`` reads as 1/(2·x);
``^`` binds tighter than juxtaposition, so ``e^2x`` reads as e^2·x. Such readings are
recorded as notes and echoed to the learner. A function name without brackets takes the
following product of non-function factors: ``sin 2x`` → sin(2·x), ``sin x cos x`` →
sin(x)·cos(x), ``sqrt 2/2`` → sqrt(2)/2.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .errors import AnswerError
from .lexer import COMMA, END, LP, NAME, NUM, OP, RP, SEMI, Bracket, Token, lex, match_brackets
from .names import constant_name, function_name, segment, suggest_function
from .nodes import (
    Add,
    Call,
    Const,
    Group,
    Mul,
    Neg,
    Node,
    Num,
    Postfix,
    Pow,
    Seq,
    Var,
    show,
    strip_group,
)
from .normalize import Text

VAR, CONST, FUNC = "var", "const", "func"
MAX_PARSE_DEPTH = 100
GREEK_NAMES = frozenset(
    [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "theta",
        "lambda",
        "mu",
        "nu",
        "rho",
        "sigma",
        "tau",
        "phi",
        "omega",
        "eta",
        "kappa",
        "xi",
        "psi",
        "chi",
        "zeta",
    ]
)

_ADD_BP, _MUL_BP, _IMPLICIT_BP, _NEG_BP, _POW_BP, _POSTFIX_BP = 10, 20, 25, 30, 40, 50


@dataclass(frozen=True)
class Context:
    """What names mean while parsing.

    ``free``: names that are not functions/constants become variables (used for the
    author's expected answer in auto mode, and for shape symbols); ``split_free`` then
    splits unknown all-letter names into single letters (``xy`` → x·y).
    """

    variables: frozenset[str] = frozenset()
    free: bool = False
    split_free: bool = False
    allow_percent: bool = False
    noun: str = "number"
    max_tokens: int = 1000


@dataclass(frozen=True)
class Parsed:
    node: Node
    notes: tuple[str, ...]
    names: frozenset[str]  # variables used


def parse(text: Text, ctx: Context) -> Parsed:
    """Parse normalised learner text; raises AnswerError with a position on bad input."""
    return parse_tokens(lex(text, ctx.max_tokens), ctx)


def parse_tokens(tokens: list[Token], ctx: Context) -> Parsed:
    """Parse a token list ending with an END token."""
    tokens, names = _resolve(tokens, ctx)
    parser = _Parser(tokens, match_brackets(tokens), ctx)
    node = parser.top()
    return Parsed(node, tuple(dict.fromkeys(parser.notes)), frozenset(names))


def _resolve(tokens: list[Token], ctx: Context) -> tuple[list[Token], set[str]]:
    """Turn NAME tokens into variables, constants and functions (or fail with a message)."""
    out: list[Token] = []
    names: set[str] = set()
    for k, t in enumerate(tokens):
        if t.kind != NAME:
            out.append(t)
            continue
        pieces = _resolve_name(t, ctx, tokens[k + 1])
        offset = 0
        for idx, (kind, text, width) in enumerate(pieces):
            space = t.space_before and idx == 0
            if kind == NUM:
                value = Fraction(int(text))
                out.append(
                    Token(NUM, text, t.pos + offset, space, value, len(text.strip("0")) or 1)
                )
            else:
                out.append(Token(kind, text, t.pos + offset, space))
            offset += width
            if kind == VAR:
                names.add(text)
    return out, names


def _resolve_name(t: Token, ctx: Context, nxt: Token) -> list[tuple[str, str, int]]:
    name = t.text
    if name in ctx.variables:
        return [(VAR, name, len(name))]
    fn = function_name(name)
    if fn is not None:
        return [(FUNC, fn, len(name))]
    const = constant_name(name)
    if const is not None:
        return [(CONST, const, len(name))]
    if ctx.free:
        if ctx.split_free and name.isalpha() and len(name) > 1 and name not in GREEK_NAMES:
            return [(CONST, "e", 1) if ch == "e" else (VAR, ch, 1) for ch in name]
        return [(VAR, name, len(name))]
    pieces = segment(name, ctx.variables)
    if pieces is not None:
        out = []
        for piece in pieces:
            if piece in ctx.variables:
                out.append((VAR, piece, len(piece)))
            elif piece.isdigit():
                out.append((NUM, piece, len(piece)))
            elif function_name(piece) is not None:
                out.append((FUNC, function_name(piece), len(piece)))
            else:
                out.append((CONST, constant_name(piece), len(piece)))
        return out
    raise _unknown_name(t, ctx, nxt)


def _unknown_name(t: Token, ctx: Context, nxt: Token) -> AnswerError:
    where = f"at character {t.pos + 1}"
    if len(t.text) > 20:
        t = Token(t.kind, t.text[:20] + "…", t.pos, t.space_before)
    if t.text in ("In", "IN"):
        return AnswerError(
            f"Unknown name '{t.text}' {where} — the natural logarithm is written ln "
            "(lower-case L).",
            t.pos,
        )
    if nxt.kind == LP and nxt.text == "(":
        guess = suggest_function(t.text)
        hint = f" — did you mean {guess}?" if guess else ""
        return AnswerError(f"Unknown function '{t.text}' {where}{hint}", t.pos)
    same_case = [v for v in sorted(ctx.variables) if v.lower() == t.text.lower()]
    if same_case:
        return AnswerError(
            f"Unknown variable '{t.text}' {where} — did you mean '{same_case[0]}'? "
            "(Letters are case-sensitive.)",
            t.pos,
        )
    if not ctx.variables:
        return AnswerError(
            f"Unknown name '{t.text}' {where} — the answer should be a number.", t.pos
        )
    uses = ", ".join(sorted(ctx.variables))
    return AnswerError(f"Unknown variable '{t.text}' {where} — this answer uses {uses}.", t.pos)


def _num(t: Token) -> Num:
    assert t.value is not None
    return Num(t.value, t.text, t.sig_figs, t.decimal)


class _Parser:
    def __init__(self, tokens: list[Token], brackets: dict[int, Bracket], ctx: Context) -> None:
        self.tokens = tokens
        self.brackets = brackets
        self.ctx = ctx
        self.k = 0
        self.depth = 0
        self.notes: list[str] = []

    # -- helpers -----------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.k + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        tok = self.tokens[self.k]
        self.k += 1
        return tok

    def unexpected(self, t: Token) -> AnswerError:
        if t.kind == END:
            return AnswerError(f"Unexpected end of the answer at character {t.pos + 1}.", t.pos)
        if t.kind == SEMI:
            return AnswerError(
                f"Unexpected ';' at character {t.pos + 1} — this answer has only one part.",
                t.pos,
            )
        return AnswerError(f"Unexpected '{t.text}' at character {t.pos + 1}.", t.pos)

    def missing(self, t: Token) -> AnswerError:
        """An operand was expected at token ``t`` but it cannot start one."""
        noun = self.ctx.noun
        prev = self.tokens[self.k - 1] if self.k else None
        if prev is not None and prev.kind in (OP, COMMA) and prev.text not in "!%":
            return AnswerError(
                f"Missing {noun} after '{prev.text}' at character {prev.pos + 1}.", prev.pos
            )
        if t.kind in (OP, COMMA):
            return AnswerError(f"Missing {noun} before '{t.text}' at character {t.pos + 1}.", t.pos)
        if t.kind == END and prev is None:
            return AnswerError("Please type an answer.", 0)
        return self.unexpected(t)

    def ws_separator(self, t: Token) -> bool:
        """Inside ``[1 -2 3]`` a space separates entries (MATLAB/NumPy style)."""
        if not t.space_before:
            return False
        if t.kind in (NUM, VAR, CONST, FUNC, LP):
            return True
        return t.kind == OP and t.text in "+-" and not self.peek(1).space_before

    # -- grammar -----------------------------------------------------------------------
    def top(self) -> Node:
        first = self.peek()
        items, trailing = self.items(ws=False)
        end = self.peek()
        if end.kind != END:
            raise self.unexpected(end)
        if len(items) == 1 and not trailing:
            return items[0]
        return Seq(tuple(items), "", first.pos)

    def items(self, ws: bool) -> tuple[list[Node], bool]:
        items = [self.expr(0, ws)]
        while True:
            t = self.peek()
            if t.kind == COMMA:
                self.advance()
                if self.peek().kind in (RP, END, SEMI):
                    return items, True
                items.append(self.expr(0, ws))
            elif ws and self.ws_separator(t):
                items.append(self.expr(0, ws))
            else:
                return items, False

    def expr(self, rbp: int, ws: bool = False, bare: bool = False) -> Node:
        self.depth += 1
        try:
            if self.depth > MAX_PARSE_DEPTH:
                t = self.peek()
                raise AnswerError(
                    f"Your answer is nested too deeply at character {t.pos + 1} "
                    "(too many brackets, signs or powers inside each other).",
                    t.pos,
                )
            left = self.prefix(ws)
            while True:
                t = self.peek()
                bp = self.lbp(t, ws, bare)
                if bp <= rbp:
                    return left
                left = self.infix(left, t, ws, bare)
        finally:
            self.depth -= 1

    def lbp(self, t: Token, ws: bool, bare: bool) -> int:
        if ws and self.ws_separator(t):
            return 0
        if t.kind == OP:
            if t.text in "+-":
                return _ADD_BP
            if t.text in "*/×":
                return _MUL_BP
            return _POW_BP if t.text == "^" else _POSTFIX_BP
        if t.kind == FUNC:
            return 0 if bare else _IMPLICIT_BP
        if t.kind in (VAR, CONST, NUM, LP):
            return _IMPLICIT_BP
        return 0

    def prefix(self, ws: bool) -> Node:
        t = self.peek()
        if t.kind == NUM:
            self.advance()
            return _num(t)
        if t.kind == VAR:
            self.advance()
            return Var(t.text)
        if t.kind == CONST:
            self.advance()
            return Const(t.text)
        if t.kind == FUNC:
            self.advance()
            return self.function(t)
        if t.kind == OP and t.text in "+-":
            self.advance()
            arg = self.expr(_NEG_BP, ws)
            return Neg(arg) if t.text == "-" else arg
        if t.kind == LP:
            self.advance()
            return self.bracket(t)
        raise self.missing(t)

    def infix(self, left: Node, t: Token, ws: bool, bare: bool) -> Node:
        if t.kind == OP:
            self.advance()
            if t.text in "+-":
                right = self.expr(_ADD_BP, ws)
                terms = left.terms if isinstance(left, Add) else ((False, left),)
                return Add((*terms, (t.text == "-", right)))
            if t.text in "*/×":
                right = self.expr(_MUL_BP, ws)
                factors = (
                    left.factors
                    if isinstance(left, Mul) and not left.implicit
                    else ((False, left),)
                )
                node = Mul((*factors, (t.text == "/", right)))
                if t.text == "/" and isinstance(right, Mul) and right.implicit:
                    self.notes.append(
                        f"I read this as {show(node)}: a product written without '*' (like 2x) "
                        "binds tighter than '/'. Write (1/2)x or x/2 if you meant a half of x."
                    )
                return node
            if t.text == "^":
                return Pow(left, self.expr(_POW_BP - 1, ws))
            if t.text == "%" and not self.ctx.allow_percent:
                raise AnswerError(
                    f"Percent signs aren't accepted here (character {t.pos + 1}): "
                    "write 0.5 rather than 50%.",
                    t.pos,
                )
            return Postfix(t.text, left)
        return self.implicit(left, t, ws, bare)

    def implicit(self, left: Node, t: Token, ws: bool, bare: bool) -> Node:
        if t.kind == NUM:
            raise AnswerError(
                f"Missing operator before '{t.text}' at character {t.pos + 1} — "
                "use * to multiply (a mixed number like 1 1/2 is written 1+1/2).",
                t.pos,
            )
        if t.kind == LP and t.text == "[":
            raise AnswerError(
                f"Unexpected '[' at character {t.pos + 1} — is a ',' missing before it?", t.pos
            )
        last = left.factors[-1][1] if isinstance(left, Mul) and left.implicit else left
        if isinstance(last, Pow) and not isinstance(last.exp, Group):
            self.notes.append(
                f"I read '{show(last)}' followed by a product as ({show(last)})·…: the power "
                "covers only what comes right after '^'. Write e^(2x) if the whole product "
                "belongs in the exponent."
            )
        right = self.expr(_IMPLICIT_BP, ws, bare)
        factors = left.factors if isinstance(left, Mul) and left.implicit else ((False, left),)
        return Mul((*factors, (False, right)), implicit=True)

    def function(self, tok: Token) -> Node:
        fn = tok.text
        nxt = self.peek()
        if nxt.kind == OP and nxt.text == "^":
            self.advance()
            exp = self.expr(_POW_BP - 1)
            inner = strip_group(exp)
            if isinstance(inner, Neg) and isinstance(strip_group(inner.arg), Num):
                raise AnswerError(
                    f"'{fn}^{show(exp)}' at character {tok.pos + 1} is ambiguous: write "
                    f"a{fn}(x) for the inverse function or 1/{fn}(x) for the reciprocal.",
                    tok.pos,
                )
            node = Pow(Call(fn, self.function_arg(tok)), exp)
            self.notes.append(f"I read {fn}^{show(exp)}(…) as {show(node)}.")
            return node
        return Call(fn, self.function_arg(tok))

    def function_arg(self, tok: Token) -> Node:
        fn = tok.text
        nxt = self.peek()
        if nxt.kind == LP and nxt.text == "(":
            self.advance()
            if self.peek().kind == RP:
                raise AnswerError(
                    f"Function '{fn}' at character {tok.pos + 1} is missing its input.",
                    tok.pos,
                )
            items, trailing = self.items(ws=False)
            if self.peek().kind != RP:
                raise self.unexpected(self.peek())
            self.advance()
            if len(items) != 1 or trailing:
                raise AnswerError(
                    f"'{fn}' at character {tok.pos + 1} takes one input, "
                    f"but it was given {len(items)}.",
                    tok.pos,
                )
            return items[0]
        if nxt.kind in (NUM, VAR, CONST, FUNC):
            arg = self.expr(_IMPLICIT_BP - 1, bare=True)
            if not isinstance(arg, (Num, Var, Const)):
                typed = show(arg).replace("·", "")
                self.notes.append(f"I read '{fn} {typed}' as {fn}({show(arg)}).")
            return arg
        raise AnswerError(
            f"Function '{fn}' at character {tok.pos + 1} is missing its input — write {fn}(…).",
            tok.pos,
        )

    def bracket(self, open_tok: Token) -> Node:
        info = self.brackets[self.k - 1]
        if self.peek().kind == RP:
            raise AnswerError(f"Empty brackets at character {open_tok.pos + 1}.", open_tok.pos)
        if open_tok.text == "[":
            ws = not info.commas
            if info.semis:
                rows = []
                while True:
                    items, _ = self.items(ws)
                    rows.append(Seq(tuple(items), "[", open_tok.pos))
                    if self.peek().kind != SEMI:
                        break
                    self.advance()
                    if self.peek().kind == RP:
                        break
                self.close()
                return Seq(tuple(rows), "[", open_tok.pos)
            items, _ = self.items(ws)
            self.close()
            return Seq(tuple(items), "[", open_tok.pos)
        items, trailing = self.items(ws=False)
        self.close()
        if len(items) == 1 and not trailing:
            return Group(items[0])
        return Seq(tuple(items), "(", open_tok.pos)

    def close(self) -> None:
        t = self.peek()
        if t.kind != RP:
            raise self.unexpected(t)
        self.advance()
