"""A learner's problem family written as data: a TOML file, never code.

    id = "mine.dot_product"
    title = "The dot product (my version)"
    topic = "linear algebra"

    [params]
    a = { min = -4, max = 5, count = 3 }     # a1, a2, a3; {a} is written (a1, a2, a3)
    b = { min = -4, max = 5, count = 3 }

    [derived]
    dot = "a1*b1 + a2*b2 + a3*b3"

    constraints = ["a1^2 + a2^2 + a3^2 != 0"]   # (top level, before any table)

    prompt = "Compute the dot product of $a = {a}$ and $b = {b}$."
    ...

Every expression (derived values, constraints, the answer, the mistakes) is read by the
answer engine's own lexer and parser — the whitelist grammar learners type answers in, with
its length, token, bracket and nesting bounds — and computed by its guarded evaluator, with
the parameters bound as variables. Nothing in a file is ever passed to ``eval``, ``exec``,
``sympify`` or ``parse_expr``; text is filled in by our own ``{name}`` substitution, not by
``str.format``. The file's size, its number of parameters, steps, hints and mistakes, the
length of every string and the number of redraws are bounded, so a file cannot make loading
run long or use much memory. Pure: no Qt, no database.

:func:`read_family_file` gives a :class:`~tutor.core.problems.Template` (or raises
:class:`FamilyFileError` naming the field); its ``generate(seed)`` raises
:class:`FamilyError` when a variant cannot be made (an expression undefined for those
numbers, constraints never met).
"""

from __future__ import annotations

import functools
import math
import random
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.answers.engine import LIMIT as EXPRESSION_LIMIT
from tutor.core.answers.errors import AnswerError, TooLarge, Undefined
from tutor.core.answers.evaluate import Value, evaluate, is_finite
from tutor.core.answers.names import constant_name, function_name
from tutor.core.answers.nodes import Node
from tutor.core.answers.normalize import normalize, precheck
from tutor.core.answers.parser import Context, parse
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import (
    as_fraction,
    at_place,
    exact_text,
    figures_place,
    terminating_decimal,
)
from tutor.core.mathtext import MathTextError, segments
from tutor.core.problems import Step, Template, Variant

# -- bounds -----------------------------------------------------------------------------------
MAX_FILE_BYTES = 64 * 1024
MAX_PARAMS = 30  # parameters and derived values together (a vector counts its entries)
MAX_COUNT = 10  # entries of one vector parameter, or values chosen by "choose"
MAX_LIST = 200  # values in a list
MAX_CONSTRAINTS = 20
MAX_STEPS = 20
MAX_HINTS = 10
MAX_MISTAKES = 20
MAX_PREREQUISITES = 20
MAX_REDRAWS = 1000
DEFAULT_REDRAWS = 100
MAX_TEXT = 4000  # a prompt, a step, a hint
MAX_SHORT = 200  # an id, a title, a topic, a label, a list value, a mistake's explanation: 1000
MAX_EXPLANATION = 1000
MAX_EXPRESSION = EXPRESSION_LIMIT  # as long as a learner's answer may be
MAX_TOTAL_EXPRESSION = 20_000  # all expressions of the file together
MAX_MAGNITUDE = 10**12  # range bounds and list values
MAX_RANGE_VALUES = 10**9  # values in one range
MAX_DECIMALS = 12
MIN_ANSWER, MAX_ANSWER = Fraction(1, 10**12), Fraction(10**12)  # a number answer's size, unless 0
ANSWER_KINDS = ("number", "integer")

_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)(?::([^{}]*))?\}")
_FORMAT = re.compile(r"([0-9]{1,2})(dp|sf)")
_COMPARISON = re.compile(r"==|!=|<=|>=|<|>|=")
_TOP_KEYS = {
    "id", "title", "topic", "prerequisites", "difficulty", "params", "derived", "constraints",
    "redraws", "prompt", "hints", "steps", "answer", "mistakes",
}  # fmt: skip


class FamilyFileError(ValueError):
    """The file cannot be a family: the message names the field and what to change."""


class FamilyError(ValueError):
    """A variant cannot be made for these numbers (the message says which expression)."""


# -- expressions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    """One expression of the file, parsed once by the answer engine's parser."""

    where: str  # "answer.expression", "derived.dot", …
    text: str
    node: Node

    def value(self, env: Mapping[str, Value]) -> Value:
        """The value for these parameters: real and finite, or FamilyError."""
        try:
            result = evaluate(self.node, env)
        except TooLarge:
            raise FamilyError(f"{self.where} ({self.text!r}) is too large to work with (more than 10^300)") from None
        except Undefined as exc:
            raise FamilyError(f"{self.where} ({self.text!r}) is undefined: {exc}") from None
        except AnswerError as exc:
            raise FamilyError(f"{self.where} ({self.text!r}): {exc.message}") from None
        except (OverflowError, ZeroDivisionError, ValueError):
            raise FamilyError(f"{self.where} ({self.text!r}) cannot be computed for these numbers") from None
        if isinstance(result, complex) or not is_finite(result):
            raise FamilyError(f"{self.where} ({self.text!r}) is not a real number here ({result})")
        return result


def parse_expression(text: object, where: str, numbers: frozenset[str], texts: frozenset[str] = frozenset()
                     ) -> Expression:
    """``text`` read as a learner's answer is read, with ``numbers`` as its variables."""
    if not isinstance(text, str):
        raise FamilyFileError(f"{where} must be an expression in quotes, like \"a + b\"")
    if len(text) > MAX_EXPRESSION:
        raise FamilyFileError(f"{where} is too long ({len(text)} characters; the limit is {MAX_EXPRESSION})")
    try:
        parsed = parse(normalize(precheck(text, MAX_EXPRESSION)).strip(),
                       Context(variables=numbers | texts, noun="value"))
    except AnswerError as exc:
        raise FamilyFileError(f"{where} ({_short(text)!r}): {exc.message}") from None
    except RecursionError:
        raise FamilyFileError(f"{where} is nested too deeply") from None
    used_text = sorted(parsed.names & texts)
    if used_text:
        raise FamilyFileError(f"{where}: {used_text[0]!r} is text, not a number; use it in the text as "
                              f"{{{used_text[0]}}}")
    return Expression(where, text, parsed.node)


@dataclass(frozen=True)
class Constraint:
    """``left op right``: a condition every variant must meet."""

    where: str
    text: str
    left: Expression
    op: str
    right: Expression

    def holds(self, env: Mapping[str, Value]) -> bool:
        a, b = self.left.value(env), self.right.value(env)
        return {
            "==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b,
        }[self.op]  # fmt: skip


def parse_constraint(text: object, where: str, numbers: frozenset[str], texts: frozenset[str]) -> Constraint:
    if not isinstance(text, str):
        raise FamilyFileError(f"{where} must be a comparison in quotes, like \"a != b\"")
    if len(text) > MAX_EXPRESSION:
        raise FamilyFileError(f"{where} is too long ({len(text)} characters; the limit is {MAX_EXPRESSION})")
    found = list(_COMPARISON.finditer(text))
    if len(found) != 1:
        raise FamilyFileError(f"{where} ({_short(text)!r}) must compare two expressions with one of "
                              "==, !=, <, <=, >, >= (one comparison per constraint)")
    m = found[0]
    if m.group() == "=":
        raise FamilyFileError(f"{where} ({_short(text)!r}): write == to test equality")
    left = parse_expression(text[:m.start()], f"{where} (left side)", numbers, texts)
    right = parse_expression(text[m.end():], f"{where} (right side)", numbers, texts)
    return Constraint(where, text, left, m.group(), right)


# -- parameters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """How one parameter is drawn.

    ``values``: the values it may take (a range is kept as start/step/size, never listed);
    ``count``: how many are drawn (1: a number; more: a vector, bound as name1, name2, …);
    ``distinct``: "choose k of" (no value twice).
    """

    name: str
    start: Fraction | None = None
    step: Fraction | None = None
    size: int = 0
    values: tuple[Fraction | str, ...] = ()
    count: int = 1
    distinct: bool = False
    vector: bool = False

    @property
    def is_text(self) -> bool:
        return bool(self.values) and isinstance(self.values[0], str)

    def names(self) -> list[str]:
        return [f"{self.name}{k}" for k in range(1, self.count + 1)] if self.vector else [self.name]

    def draw(self, rng: random.Random) -> Any:
        if self.distinct:
            return tuple(rng.sample(self.values, self.count))
        if self.values:
            drawn = [rng.choice(self.values) for _ in range(self.count)]
        elif self.size <= _GRID_CACHE:
            grid = _grid(self.start, self.step, self.size)
            drawn = [grid[rng.randrange(self.size)] for _ in range(self.count)]
        else:
            drawn = [self.start + self.step * rng.randrange(self.size) for _ in range(self.count)]
        return tuple(drawn) if self.vector else drawn[0]


_GRID_CACHE = 10_000  # a range this small keeps its values (the same draws, faster)


@functools.lru_cache(maxsize=256)
def _grid(start: Fraction, step: Fraction, size: int) -> tuple[Fraction, ...]:
    return tuple(start + step * k for k in range(size))


def _number(value: object, where: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FamilyFileError(f"{where} must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise FamilyFileError(f"{where} must be a finite number")
    q = as_fraction(value)
    if abs(q) > MAX_MAGNITUDE:
        raise FamilyFileError(f"{where} is too large (the limit is 10^12)")
    return q


def parse_param(name: str, spec: object) -> Param:
    where = f"params.{name}"
    if not isinstance(spec, list | dict):
        raise FamilyFileError(f"{where} must be a range like {{ min = 1, max = 9 }}, a list like [2, 3, 5], "
                              "or { choose = 2, from = [...] }")
    if isinstance(spec, list):
        return Param(name, values=_values(spec, where))
    _known_keys(spec, where, {"min", "max", "step", "decimals", "count", "choose", "from"})
    if "choose" in spec:
        if "from" not in spec or {"min", "max", "step", "decimals", "count"} & set(spec):
            raise FamilyFileError(f"{where}: write {{ choose = 2, from = [...] }} (nothing else)")
        values = _values(spec["from"], f"{where}.from")
        k = _integer(spec["choose"], f"{where}.choose", 1, MAX_COUNT)
        if k > len(values):
            raise FamilyFileError(f"{where}: cannot choose {k} of {len(values)} values")
        return Param(name, values=values, count=k, distinct=True, vector=True)
    if "from" in spec:
        raise FamilyFileError(f"{where}: 'from' goes with 'choose' (for one of a list, write {name} = [..])")
    if "min" not in spec or "max" not in spec:
        raise FamilyFileError(f"{where} needs both min and max")
    low, high = _number(spec["min"], f"{where}.min"), _number(spec["max"], f"{where}.max")
    if "step" in spec and "decimals" in spec:
        raise FamilyFileError(f"{where}: give step or decimals, not both")
    if "decimals" in spec:
        step = Fraction(1, 10 ** _integer(spec["decimals"], f"{where}.decimals", 0, MAX_DECIMALS))
    elif "step" in spec:
        step = _number(spec["step"], f"{where}.step")
    elif low.denominator == 1 and high.denominator == 1:
        step = Fraction(1)
    else:
        raise FamilyFileError(f"{where}: with decimal bounds, say the step (step = 0.1) or decimals = 1")
    if step <= 0:
        raise FamilyFileError(f"{where}.step must be above 0")
    if high < low:
        raise FamilyFileError(f"{where}: min ({low}) is above max ({high})")
    if (low / step).denominator != 1:
        raise FamilyFileError(f"{where}: min ({_text(low)}) is not a multiple of the step ({_text(step)})")
    size = math.floor((high - low) / step) + 1
    if size > MAX_RANGE_VALUES:
        raise FamilyFileError(f"{where} has too many values (more than 10^9); use a larger step")
    count = _integer(spec.get("count", 1), f"{where}.count", 1, MAX_COUNT)
    return Param(name, start=low, step=step, size=size, count=count, vector="count" in spec)


def _values(items: object, where: str) -> tuple[Fraction | str, ...]:
    if not isinstance(items, list) or not items:
        raise FamilyFileError(f"{where} must be a list with at least one value")
    if len(items) > MAX_LIST:
        raise FamilyFileError(f"{where} has too many values (the limit is {MAX_LIST})")
    if all(isinstance(v, str) for v in items):
        for v in items:
            _check_length(v, where, MAX_SHORT)
            try:
                segments(v)
            except MathTextError:
                raise FamilyFileError(f"{where}: a $ is not closed in {_short(v)!r}") from None
            if "{" in v or "}" in v:
                raise FamilyFileError(f"{where}: a text value cannot hold braces ({_short(v)!r})")
        return tuple(items)
    return tuple(_number(v, f"{where} (every value)") for v in items)


def _integer(value: object, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FamilyFileError(f"{where} must be a whole number from {low} to {high}")
    return value


# -- text templates ---------------------------------------------------------------------------


def format_value(value: Any, fmt: str | None = None, formula: bool = False) -> str:
    """A value as the text shows it: whole numbers as they are, short decimals exactly, other
    numbers to 4 significant figures (at least 4 decimals); ``3dp`` / ``4sf`` choose, ``paren``
    puts a negative number in brackets ((-3)); a vector as (1, -2, 3); text as it is.

    In a ``formula`` a number keeps the braces of its placeholder, so it stays one group
    (``\\frac{a}{b}`` gives ``\\frac{3}{4}``) and a negative one is set as a sign: {-3}, ({-3})."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return "(" + ", ".join(format_value(v, fmt, formula) for v in value) + ")"
    q = as_fraction(value)
    text = _number_text(q, None if fmt == "paren" else fmt)
    if formula:
        text = "{" + text + "}"
    if fmt == "paren" and text.lstrip("{").startswith("-"):
        text = "(" + text + ")"
    return text


def _number_text(q: Fraction, fmt: str | None) -> str:
    if fmt:
        count, unit = int(fmt[:-2]), fmt[-2:]
        if unit == "dp":
            return at_place(q, -count)
        return at_place(q, figures_place(q, count)) if q else "0"
    if q.denominator == 1:
        return str(q.numerator)
    decimal = terminating_decimal(q)
    if decimal is not None and len(decimal.split(".")[-1]) <= 6:
        return decimal
    return at_place(q, min(-4, figures_place(q, 4)))


_FORMULA = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.S)  # as tutor.core.mathtext reads them


@dataclass(frozen=True)
class TextTemplate:
    """Text with ``{name}`` (or ``{name:3dp}``, ``{name:4sf}``, ``{name:paren}``) filled in per
    variant.

    Outside ``$...$`` every ``{name}`` must name a parameter or a derived value. Inside a
    formula braces are LaTeX, so ``{name}`` is filled in only when it names one
    (``\\frac{a}{b}`` with parameters a and b gives ``\\frac{3}{4}``)."""

    where: str
    text: str
    formulas: tuple[tuple[int, int], ...] = ()  # where the formulas are in ``text``

    def fill(self, values: Mapping[str, Any]) -> str:
        def one(m: re.Match) -> str:
            name = m.group(1)
            if name not in values:
                return m.group(0)
            formula = any(a <= m.start() < b for a, b in self.formulas)
            return format_value(values[name], m.group(2), formula)

        return _PLACEHOLDER.sub(one, self.text) if "{" in self.text else self.text


def parse_text(text: object, where: str, names: frozenset[str], limit: int = MAX_TEXT) -> TextTemplate:
    if not isinstance(text, str):
        raise FamilyFileError(f"{where} must be text in quotes")
    _check_length(text, where, limit)
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise FamilyFileError(f"{where} contains a control character")
    try:
        pieces = segments(text)
    except MathTextError:
        raise FamilyFileError(f"{where}: a $ is not closed (write \\$ for a dollar sign)") from None
    for is_formula, piece in pieces:
        for m in _PLACEHOLDER.finditer(piece):
            name, fmt = m.group(1), m.group(2)
            if fmt is not None and name not in names:
                raise FamilyFileError(f"{where}: {m.group(0)} names no parameter or derived value")
            if fmt is not None and fmt != "paren" and not _FORMAT.fullmatch(fmt):
                raise FamilyFileError(f"{where}: {m.group(0)}: the format is 3dp (decimal places), "
                                      "4sf (significant figures) or paren (a negative number in brackets)")
            if fmt is not None and fmt != "paren" and (fmt.endswith("sf") and not 1 <= int(fmt[:-2]) <= 15
                                    or fmt.endswith("dp") and int(fmt[:-2]) > 20):
                raise FamilyFileError(f"{where}: {m.group(0)}: at most 20 dp or 15 sf")
            if not is_formula and name not in names:
                raise FamilyFileError(f"{where}: {{{name}}} names no parameter or derived value "
                                      f"(known: {', '.join(sorted(names)) or 'none'})")
    return TextTemplate(where, text, tuple(m.span() for m in _FORMULA.finditer(text)))


# -- the family -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MistakeSpec:
    expression: Expression
    explanation: TextTemplate


@dataclass(frozen=True)
class Rendered:
    """A variant's numbers and texts before the answer engine makes its answer spec."""

    value: Value
    label: str
    prompt: str
    steps: tuple[tuple[str, str], ...]  # (title, text)
    hints: tuple[str, ...]
    mistakes: tuple[tuple[Value, str], ...]  # (value, explanation)


@dataclass(frozen=True)
class Family:
    """A parsed family file: everything needed to draw and build a variant."""

    id: str
    title: str
    topic: str
    prerequisites: tuple[str, ...]
    difficulty: int
    params: tuple[Param, ...]
    derived: tuple[tuple[str, Expression], ...]
    constraints: tuple[Constraint, ...]
    redraws: int
    prompt: TextTemplate
    hints: tuple[TextTemplate, ...]
    steps: tuple[tuple[TextTemplate, TextTemplate], ...]  # (title, text)
    kind: str
    answer: Expression
    precision: Mapping[str, int]
    label: TextTemplate | None
    mistakes: tuple[MistakeSpec, ...]
    source: str = ""

    # drawing -----------------------------------------------------------------------------
    def draw(self, rng: random.Random) -> dict[str, Any]:
        """Parameters for one variant: redrawn (at most ``redraws`` times) until every
        constraint holds."""
        return self._draw(rng)[0]

    def _draw(self, rng: random.Random) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """(parameters, the numbers expressions see, when the constraints needed them)."""
        failed = None
        for _ in range(self.redraws):
            params = {p.name: p.draw(rng) for p in self.params}
            if not self.constraints:
                return params, None
            env = self._environment(params)
            failed = next((c for c in self.constraints if not c.holds(env)), None)
            if failed is None:
                return params, env
        raise FamilyError(f"no draw met the constraints in {self.redraws} tries "
                          f"({failed.where}, {failed.text!r}, never held)")

    def _environment(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The numbers expressions see: parameters (a vector's entries as name1, name2, …)
        and derived values, in order."""
        env: dict[str, Any] = {}
        for p in self.params:
            if p.is_text:
                continue
            value = params[p.name]
            if p.vector:
                env.update(zip(p.names(), value, strict=True))
            else:
                env[p.name] = value
        for name, expression in self.derived:
            env[name] = expression.value(env)
        return env

    # building ----------------------------------------------------------------------------
    def render(self, params: Mapping[str, Any], env: dict[str, Any] | None = None,
               mistakes: bool = True) -> Rendered:
        """Everything a variant says, for these parameters, without the answer engine (the
        mistakes left out unless ``mistakes``)."""
        env = self._environment(params) if env is None else env
        shown: dict[str, Any] = {**env, **params}
        value = self.answer.value(env)
        if self.kind == "integer":
            value = _whole(value, self.answer)
        elif value and not MIN_ANSWER <= abs(as_fraction(value)) <= MAX_ANSWER:
            raise FamilyError(f"answer.expression ({self.answer.text!r}) is {value}: keep answers between "
                              "10^-12 and 10^12 (or 0)")
        candidates = []
        for mistake in self.mistakes if mistakes else ():
            try:
                candidates.append((mistake.expression.value(env), mistake.explanation.fill(shown)))
            except FamilyError:
                continue  # undefined for these numbers: no such slip to diagnose in this variant
        return Rendered(
            value=value,
            label=self.label.fill(shown) if self.label else "",
            prompt=self.prompt.fill(shown).rstrip(),
            steps=tuple((title.fill(shown), text.fill(shown)) for title, text in self.steps),
            hints=tuple(hint.fill(shown) for hint in self.hints),
            mistakes=tuple(candidates),
        )

    def build(self, **params: Any) -> Variant:
        r = self.render(params)
        spec = AnswerSpec(kind=self.kind, expected=exact_text(r.value), **self.precision, label=r.label)
        if r.mistakes:
            spec = with_mistakes(spec, r.mistakes)
        return Variant(
            prompt=f"{r.prompt}\n{precision_sentence(spec)}",
            answer=spec,
            steps=[Step(text, title) for title, text in r.steps],
            hints=list(r.hints),
        )

    def quick_check(self, seed: int) -> list[str]:
        """What is wrong with the variant for ``seed``, found without the answer engine (fast
        enough for every seed at load time): a draw that meets the constraints, the derived
        values and the answer real and finite (the answer whole for an integer), a prompt,
        steps and a hint, no unfilled ``{placeholder}``, every ``$`` closed."""
        try:
            # A mistake undefined for a variant is left out of it, and its explanation's
            # placeholders and formulas were checked when the file was read: no need here.
            r = self.render(*self._draw(random.Random(f"{self.id}#{int(seed)}")), mistakes=False)
        except FamilyError as exc:
            return [f"seed {seed}: {exc}"]
        found = []
        if not r.prompt.strip():
            found.append(f"seed {seed}: empty prompt")
        if not r.steps or not all(text.strip() for _, text in r.steps):
            found.append(f"seed {seed}: missing worked steps")
        if not r.hints:
            found.append(f"seed {seed}: no hint")
        texts = [r.prompt, r.label, *r.hints, *(t for step in r.steps for t in step)]
        for text in texts:
            if "$" not in text and "{" not in text:
                continue
            try:
                pieces = segments(text)
            except MathTextError as exc:
                found.append(f"seed {seed}: {exc}")
                continue
            holes = sorted({m.group(0) for is_formula, piece in pieces if not is_formula
                            for m in _PLACEHOLDER.finditer(piece)})
            if holes:
                found.append(f"seed {seed}: unfilled placeholders {', '.join(holes)}")
        return found

    def template(self) -> Template:
        return Template(
            id=self.id, title=self.title, topic=self.topic, draw=self.draw, build=self.build,
            prerequisites=self.prerequisites, difficulty=self.difficulty, source=self.source,
        )


def _whole(value: Value, answer: Expression) -> Fraction:
    q = as_fraction(value)
    if q.denominator != 1:
        raise FamilyError(f"answer.expression ({answer.text!r}) is {_text(q)}, not a whole number, "
                          "but the answer kind is integer")
    return q


def parse_family(data: Mapping[str, Any], source: str = "") -> Family:
    """A family from a TOML document (already read by ``tomllib``)."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise FamilyFileError(f"unknown field {unknown[0]!r} (the fields are: {', '.join(sorted(_TOP_KEYS))})")
    for key in ("id", "title", "topic", "prompt", "answer"):
        if key not in data:
            raise FamilyFileError(f"the field {key!r} is missing")
    family_id = _short_text(data["id"], "id")
    if not _ID.fullmatch(family_id):
        raise FamilyFileError(f"id {family_id!r} must look like area.name (lower case, digits, _)")
    title, topic = _short_text(data["title"], "title"), _short_text(data["topic"], "topic")
    prerequisites = data.get("prerequisites", [])
    if not isinstance(prerequisites, list) or len(prerequisites) > MAX_PREREQUISITES:
        raise FamilyFileError(f"prerequisites must be a list of family ids (at most {MAX_PREREQUISITES})")
    prerequisites = tuple(_short_text(p, "prerequisites (every entry)") for p in prerequisites)
    difficulty = _integer(data.get("difficulty", 1), "difficulty", 1, 5)

    params_table = data.get("params", {})
    if not isinstance(params_table, dict):
        raise FamilyFileError("params must be a table: [params]")
    derived_table = data.get("derived", {})
    if not isinstance(derived_table, dict):
        raise FamilyFileError("derived must be a table: [derived]")
    params = tuple(parse_param(_name(n, "params"), spec) for n, spec in params_table.items())
    numbers = [n for p in params if not p.is_text for n in p.names()]
    texts = [p.name for p in params if p.is_text]
    vectors = [p.name for p in params if p.vector and not p.is_text]
    if len(numbers) + len(texts) + len(derived_table) > MAX_PARAMS:
        raise FamilyFileError(f"too many parameters and derived values (the limit is {MAX_PARAMS})")
    derived = []
    for name, text in derived_table.items():
        name = _name(name, "derived")
        known = frozenset(numbers)
        derived.append((name, parse_expression(text, f"derived.{name}", known, frozenset(texts))))
        numbers.append(name)
    all_names = [*numbers, *texts, *vectors]
    duplicates = sorted({n for n in all_names if all_names.count(n) > 1})
    if duplicates:
        raise FamilyFileError(f"the name {duplicates[0]!r} is used twice (a vector a gives a1, a2, …)")
    number_names, text_names = frozenset(numbers), frozenset(texts)
    names = number_names | text_names | frozenset(vectors)

    constraints_list = data.get("constraints", [])
    if not isinstance(constraints_list, list) or len(constraints_list) > MAX_CONSTRAINTS:
        raise FamilyFileError(f"constraints must be a list of comparisons (at most {MAX_CONSTRAINTS})")
    constraints = tuple(parse_constraint(c, f"constraints[{k + 1}]", number_names, text_names)
                        for k, c in enumerate(constraints_list))
    redraws = _integer(data.get("redraws", DEFAULT_REDRAWS), "redraws", 1, MAX_REDRAWS)

    prompt = parse_text(data["prompt"], "prompt", names)
    hints = tuple(parse_text(h, f"hints[{k + 1}]", names) for k, h in enumerate(_list(data, "hints", MAX_HINTS)))
    steps = tuple(_step(s, f"steps[{k + 1}]", names) for k, s in enumerate(_list(data, "steps", MAX_STEPS)))

    answer = data["answer"]
    if not isinstance(answer, dict):
        raise FamilyFileError("answer must be a table: [answer]")
    _known_keys(answer, "answer", {"kind", "expression", "sig_figs", "decimals", "label"})
    kind = answer.get("kind", "number")
    if kind not in ANSWER_KINDS:
        raise FamilyFileError(f"answer.kind must be one of {', '.join(ANSWER_KINDS)}")
    if "expression" not in answer:
        raise FamilyFileError("answer.expression is missing")
    expression = parse_expression(answer["expression"], "answer.expression", number_names, text_names)
    precision = {k: answer[k] for k in ("sig_figs", "decimals") if k in answer}
    if kind == "integer" and precision:
        raise FamilyFileError("an integer answer needs no sig_figs or decimals: it is a whole number")
    if kind == "number" and len(precision) != 1:
        raise FamilyFileError("a number answer says its precision: sig_figs = 4 or decimals = 2 (one of them)")
    if "sig_figs" in precision:
        _integer(precision["sig_figs"], "answer.sig_figs", 1, 15)
    if "decimals" in precision:
        _integer(precision["decimals"], "answer.decimals", 0, 20)
    label = parse_text(answer["label"], "answer.label", names, MAX_SHORT) if "label" in answer else None

    mistakes_list = _list(data, "mistakes", MAX_MISTAKES)
    mistakes = []
    for k, m in enumerate(mistakes_list):
        where = f"mistakes[{k + 1}]"
        if not isinstance(m, dict):
            raise FamilyFileError(f"{where} must be a table with expression and explanation: [[mistakes]]")
        _known_keys(m, where, {"expression", "explanation"})
        if "expression" not in m or "explanation" not in m:
            raise FamilyFileError(f"{where} needs an expression and an explanation")
        mistakes.append(MistakeSpec(
            parse_expression(m["expression"], f"{where}.expression", number_names, text_names),
            parse_text(m["explanation"], f"{where}.explanation", names, MAX_EXPLANATION),
        ))
    total = sum(len(e.text) for _, e in derived) + len(expression.text)
    total += sum(len(c.text) for c in constraints) + sum(len(m.expression.text) for m in mistakes)
    if total > MAX_TOTAL_EXPRESSION:
        raise FamilyFileError(f"the expressions are too long together (the limit is {MAX_TOTAL_EXPRESSION} "
                              "characters)")
    return Family(
        id=family_id, title=title, topic=topic, prerequisites=prerequisites, difficulty=difficulty,
        params=params, derived=tuple(derived), constraints=constraints, redraws=redraws,
        prompt=prompt, hints=hints, steps=steps, kind=kind, answer=expression,
        precision=precision, label=label, mistakes=tuple(mistakes), source=source,
    )


def _step(step: object, where: str, names: frozenset[str]) -> tuple[TextTemplate, TextTemplate]:
    if isinstance(step, str):
        return parse_text("", f"{where}.title", names), parse_text(step, where, names)
    if not isinstance(step, dict):
        raise FamilyFileError(f"{where} must be a table with title and text: [[steps]]")
    _known_keys(step, where, {"title", "text"})
    if "text" not in step:
        raise FamilyFileError(f"{where}.text is missing")
    return (parse_text(step.get("title", ""), f"{where}.title", names, MAX_SHORT),
            parse_text(step["text"], f"{where}.text", names))


def _list(data: Mapping[str, Any], key: str, limit: int) -> list:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise FamilyFileError(f"{key} must be a list")
    if len(items) > limit:
        raise FamilyFileError(f"too many {key} (the limit is {limit})")
    return items


def _name(name: str, table: str) -> str:
    if not _NAME.fullmatch(name):
        raise FamilyFileError(f"{table}: {_short(name)!r} is not a usable name (letters, digits and _, "
                              "starting with a letter, at most 31)")
    if function_name(name) is not None or constant_name(name) is not None:
        raise FamilyFileError(f"{table}.{name}: {name!r} is a function or a constant of the answer "
                              "language; choose another name")
    return name


def _known_keys(table: Mapping[str, Any], where: str, keys: set[str]) -> None:
    unknown = sorted(set(table) - keys)
    if unknown:
        raise FamilyFileError(f"{where}: unknown field {unknown[0]!r} (known: {', '.join(sorted(keys))})")


def _short_text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FamilyFileError(f"{where} must be text in quotes")
    _check_length(value, where, MAX_SHORT)
    return value.strip()


def _check_length(text: str, where: str, limit: int) -> None:
    if len(text) > limit:
        raise FamilyFileError(f"{where} is too long ({len(text)} characters; the limit is {limit})")


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _text(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else exact_text(q)


# -- files ------------------------------------------------------------------------------------

_TOML_LINE = re.compile(r"at line (\d+)")


class FamilyFileSyntaxError(FamilyFileError):
    """The file is not valid TOML; ``line`` says where, when known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def read_family_file(path: Path | str) -> Template:
    """The family in the TOML file at ``path`` (FamilyFileError if it cannot be one)."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FamilyFileError(f"the file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
    with path.open("rb") as f:
        raw = f.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise FamilyFileError(f"the file is too large (the limit is {MAX_FILE_BYTES:,} bytes)")
    return family_from_text(raw, str(path))


def family_from_text(raw: bytes | str, source: str = "") -> Template:
    """The family in a TOML document (bytes must be UTF-8)."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FamilyFileError(f"the file is not UTF-8 text (byte {exc.start + 1})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise FamilyFileError(f"the file is too large (the limit is {MAX_FILE_BYTES:,} bytes)")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        raise FamilyFileSyntaxError(f"not valid TOML: {exc}", int(m.group(1)) if m else None) from None
    except RecursionError:
        raise FamilyFileError("not valid TOML: nested too deeply") from None
    return parse_family(data, source).template()


def family_of(template: Template) -> Family | None:
    """The :class:`Family` behind a template read from a family file (None for Python ones)."""
    owner = getattr(template.build, "__self__", None)
    return owner if isinstance(owner, Family) else None


__all__ = [
    "Family",
    "FamilyError",
    "FamilyFileError",
    "FamilyFileSyntaxError",
    "family_from_text",
    "family_of",
    "format_value",
    "parse_family",
    "read_family_file",
]
