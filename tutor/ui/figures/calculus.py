"""Figures of calculus and optimisation: a tangent touching its curve, the sigmoid and its slope,
a loss curve with the descent steps, optimiser steps, a learning-rate schedule, the level sets
round a critical point, and how micro-batches add up to one optimiser step."""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.colors import TwoSlopeNorm
from matplotlib.patches import FancyBboxPatch

from tutor.ui.figures import DPI, drawer
from tutor.ui.figures.geometry import (
    MINUS,
    Labels,
    arrow,
    axes_px,
    few_ticks,
    fit_limits,
    fmt,
    plain_axes,
    strong,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas

    from tutor.ui.colours import Colours

Curve = Callable[[np.ndarray], np.ndarray]


# -- functions of x, from the template's data ----------------------------------------------------


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * np.asarray(x, dtype=float)))  # never overflows


FUNCTIONS: dict[str, Curve] = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log, "ln": np.log, "sqrt": np.sqrt,
    "tanh": np.tanh, "sigmoid": _sigmoid, "relu": lambda x: np.maximum(x, 0.0), "abs": np.abs,
    "square": np.square,
}
NAMES = {"sigmoid": "σ(x)", "tanh": "tanh(x)", "relu": "ReLU(x)", "log": "log(x)", "exp": "eˣ", "square": "x²"}
_BINARY = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide, ast.Pow: np.power}


def parse_curve(text: str) -> Curve | None:
    """``text`` (plain ASCII in x, e.g. ``(3*x-1)^3`` or ``exp(3*x+1)``) as a vectorised function,
    or None if it is anything but arithmetic, numbers, x and the functions above."""
    try:
        tree = ast.parse(text.replace("^", "**").replace("−", "-"), mode="eval")
    except SyntaxError:
        return None

    def check(node: ast.AST) -> bool:
        if isinstance(node, ast.Expression):
            return check(node.body)
        if isinstance(node, ast.BinOp):
            return type(node.op) in _BINARY and check(node.left) and check(node.right)
        if isinstance(node, ast.UnaryOp):
            return isinstance(node.op, ast.USub | ast.UAdd) and check(node.operand)
        if isinstance(node, ast.Constant):
            return isinstance(node.value, int | float)
        if isinstance(node, ast.Name):
            return node.id in ("x", "e", "pi")
        if isinstance(node, ast.Call):
            return (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and len(node.args) == 1
                    and not node.keywords and check(node.args[0]))
        return False

    if not check(tree):
        return None

    def value(node: ast.AST, x: np.ndarray) -> np.ndarray:
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](value(node.left, x), value(node.right, x))
        if isinstance(node, ast.UnaryOp):
            return -value(node.operand, x) if isinstance(node.op, ast.USub) else value(node.operand, x)
        if isinstance(node, ast.Constant):
            return np.full_like(x, float(node.value))
        if isinstance(node, ast.Name):
            return x if node.id == "x" else np.full_like(x, math.e if node.id == "e" else math.pi)
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        return FUNCTIONS[node.func.id](value(node.args[0], x))

    def curve(x: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            out = value(tree.body, np.asarray(x, dtype=float))
        return np.where(np.isfinite(out), out, np.nan)

    return curve


def _curve_of(data: Mapping[str, Any]) -> Curve:
    """The plotted function: ``expr``, a named function (``function``), or a·x² + b·x + c."""
    for key in ("expr", "function"):
        text = str(data.get(key, ""))
        curve = parse_curve(text if text not in FUNCTIONS else f"{text}(x)") if text else None
        if curve is not None:
            return curve
    a, b, c = (float(data.get(k, d)) for k, d in (("a", 1.0), ("b", 0.0), ("c", 0.0)))
    return lambda x: a * np.asarray(x, dtype=float) ** 2 + b * np.asarray(x, dtype=float) + c


def _at(curve: Curve, x: float) -> float:
    return float(curve(np.array([x]))[0])


def _slope(curve: Curve, x: float) -> float:
    h = 1e-5 * max(1.0, abs(x))
    return (_at(curve, x + h) - _at(curve, x - h)) / (2 * h)


def _window(curve: Curve, x0: float, y0: float, slope: float) -> float:
    """The widest half-width round x0 over which the curve stays near enough its tangent to
    read as one picture (an exponential gets a narrow window, a sigmoid a wide one)."""
    for w in (5.0, 4.0, 3.0, 2.5, 2.0, 1.5, 1.0, 0.75, 0.5, 0.3, 0.2, 0.1, 0.05):
        xs = np.linspace(x0 - w, x0 + w, 161)
        ys = curve(xs)
        ok = np.isfinite(ys)
        if ok.sum() < 40:
            continue
        deviation = float(np.nanmax(np.abs(ys[ok] - (y0 + slope * (xs[ok] - x0)))))
        turns = int((np.diff(np.sign(np.diff(ys[ok]))) != 0).sum())  # a wave: keep to a hump or two
        if deviation <= 2.5 * abs(slope) * w + 0.5 * (1 + abs(y0)) and turns <= 2:
            return w
    return 0.05


def _y_range(values: np.ndarray, must: Sequence[float], clip: tuple[float, float] | None = None) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    lo = min([*must, *(finite.min(initial=np.inf),)] if finite.size else must)
    hi = max([*must, *(finite.max(initial=-np.inf),)] if finite.size else must)
    if clip:
        lo, hi = max(lo, clip[0]), min(hi, clip[1])
    pad = 0.1 * (hi - lo) if hi > lo else max(1.0, abs(hi)) * 0.5
    return lo - pad, hi + pad


def _curve_axes(ax: Axes, c: Colours) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, color=c.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(length=0, labelsize=8, pad=2)


# -- tangent line --------------------------------------------------------------------------------


@drawer("tangent_line")
def draw_tangent_line(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """The curve, the point (x₀, f(x₀)) and the tangent touching it there. The slope is written
    only when the data gives it (a picture in the prompt leaves it to the learner); with ``h``
    the linear estimate at x₀ + h is set against the exact value, magnified on the right."""
    curve = _curve_of(data)
    x0 = float(data.get("x0", 0.0))
    y0 = float(data.get("f_x0", _at(curve, x0)))
    if not math.isfinite(y0):  # x₀ outside the domain (log at 0): move to a point inside
        x0, y0 = 1.0, _at(curve, 1.0)
    given = "slope" in data
    slope = float(data["slope"]) if given else _slope(curve, x0)
    slope = slope if math.isfinite(slope) else 0.0
    h = data.get("h")
    ax = axes_px(canvas, 42, 22, 22, 28, x1=0.62 if h is not None else 1.0)
    _curve_axes(ax, c)
    w = _window(curve, x0, y0, slope)
    xs = np.linspace(x0 - w, x0 + w, 240)
    ys = curve(xs)
    ax.plot(xs, ys, color=c.accent, linewidth=1.8, zorder=3)
    ax.plot(xs, y0 + slope * (xs - x0), color=strong(c.learning, c, 0.2), linewidth=1.3, linestyle=(0, (5, 3)),
            zorder=4)
    ax.plot([x0], [y0], "o", color=c.text, markersize=5, zorder=5)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(*_y_range(ys, [y0]))
    few_ticks(ax, 5)
    ax.set_xlabel("x", labelpad=0)
    name = str(data.get("function", ""))
    title = f"y = {NAMES.get(name, name)}" if name else f"f(x) = {_poly_text(data)}"
    tangent = f"tangent at x = {fmt(x0)}" + (f": slope {fmt(slope)}" if given else f": its slope is f′({fmt(x0)})")
    ax.set_title(title if h is not None else f"{title}   — {tangent}", loc="left", color=c.text, fontsize=8.5, pad=4)
    labels = Labels(ax)
    labels.reserve((x0, y0))
    labels.add((x0, y0), (-1.0 if slope > 0 else 1.0, 1.0), f"({fmt(x0)}, {fmt(y0)})", c.text, fontsize=8)
    if h is not None:
        _linear_estimate(canvas, ax, curve, x0, y0, slope, float(h), c)


def _linear_estimate(canvas: Canvas, ax: Axes, curve: Curve, x0: float, y0: float, slope: float, h: float,
                     c: Colours) -> None:
    """At x₀ + h: the estimate on the tangent and the exact value on the curve, and the error
    between them, in a magnified panel (the error is far too small to see at full scale)."""
    x1 = x0 + h
    estimate, exact = y0 + slope * h, _at(curve, x1)
    error = exact - estimate
    ax.plot([x1], [exact], "s", color=c.text, markersize=4, zorder=5)
    ax.axvline(x1, color=c.muted, linewidth=0.8, linestyle=":", zorder=2)
    zoom = axes_px(canvas, 16, 10, 22, 28, x0=0.62, x1=1.0)
    _curve_axes(zoom, c)
    zoom.set_xticks([])
    zoom.set_yticks([])
    scale = max(abs(error), 1e-9 * (1 + abs(exact)))
    dx = 2.5 * scale / max(abs(slope), 2.5 * scale / max(abs(h), 1e-9)) if slope else abs(h)
    xs = np.linspace(x1 - 0.6 * dx, x1 + 1.4 * dx, 80)  # the point left of centre: its labels go right
    zoom.plot(xs, curve(xs), color=c.accent, linewidth=1.8)
    zoom.plot(xs, y0 + slope * (xs - x0), color=strong(c.learning, c, 0.2), linewidth=1.3, linestyle=(0, (5, 3)))
    zoom.plot([x1, x1], [estimate, exact], "o", color=c.text, markersize=4, zorder=5)
    mid = (estimate + exact) / 2
    zoom.set_xlim(xs[0], xs[-1])
    zoom.set_ylim(mid - 2.2 * scale, mid + 2.2 * scale)
    zoom.set_title(f"zoom: x₀ + h = {fmt(x1)}", loc="left", color=c.muted, fontsize=8, pad=4)
    for value, text in ((exact, "exact"), (estimate, "estimate")):
        up = value >= mid
        zoom.annotate(f"{text} {fmt(value, 6)}", xy=(x1, value), xytext=(5, 6 if up else -6),
                      textcoords="offset points", ha="left", va="bottom" if up else "top", color=c.text,
                      fontsize=8, bbox={"boxstyle": "square,pad=0.1", "facecolor": c.background, "edgecolor": "none"})
    zoom.annotate("", xy=(x1, exact), xytext=(x1, estimate),
                  arrowprops={"arrowstyle": "<->", "color": c.muted, "lw": 0.9, "shrinkA": 3, "shrinkB": 3})
    zoom.annotate(f"error {fmt(error, 3)}", xy=(x1, mid), xytext=(5, 0), textcoords="offset points", ha="left",
                  va="center", color=c.muted, fontsize=8)


def _poly_text(data: Mapping[str, Any]) -> str:
    """a·x² + b·x + c as written: 3x² − 2x + 2, x² + 3x."""
    return terms_text([(float(data.get("a", 0)), "x²"), (float(data.get("b", 0)), "x"), (float(data.get("c", 0)), "")])


def terms_text(terms: Sequence[tuple[float, str]]) -> str:
    """A sum of coefficient·symbol terms as written: [(3, 'x²'), (−1, 'x'), (2, '')] → 3x² − x + 2."""
    out = []
    for coef, symbol in terms:
        if coef == 0:
            continue
        size = "" if abs(coef) == 1 and symbol else fmt(abs(coef))
        sign = (MINUS if coef < 0 else "") if not out else (f" {MINUS} " if coef < 0 else " + ")
        out.append(f"{sign}{size}{symbol}")
    return "".join(out) or "0"


# -- sigmoid -------------------------------------------------------------------------------------


@drawer("sigmoid")
def draw_sigmoid(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """σ(z) and its slope σ′(z) = σ(1 − σ) (dashed); with ``z`` given, the point (z, σ(z)), the
    tangent there and the value of the slope."""
    ax = axes_px(canvas, 36, 20, 20, 28)
    _curve_axes(ax, c)
    z = data.get("z")
    centre = float(z) if z is not None and math.isfinite(float(z)) else 0.0
    half = max(6.0, abs(centre) + 2.0)
    xs = np.linspace(-half, half, 240) if abs(centre) < 4 else np.linspace(centre - half, centre + half, 240)
    s = _sigmoid(xs)
    ax.plot(xs, s, color=c.accent, linewidth=1.8, label="σ(z)")
    ax.plot(xs, s * (1 - s), color=strong(c.mature, c, 0.2), linewidth=1.4, linestyle=(0, (4, 2)), label="σ′(z) = σ(z)·(1 − σ(z))")
    ax.axhline(1, color=c.edge, linewidth=0.7, linestyle=":")
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(-0.06, 1.1)
    few_ticks(ax, 6)
    ax.set_xlabel("z", labelpad=0)
    ax.legend(loc="upper left", fontsize=8, labelcolor=c.text, handlelength=2.2, borderaxespad=0.3)
    if z is None:
        ax.set_title("σ′ is largest, 0.25, at z = 0 and dies away as |z| grows", color=c.muted, fontsize=8.5, pad=3)
        return
    zz = float(z)
    sz = float(data.get("s", _sigmoid(np.array([zz]))[0]))
    slope = float(data.get("slope", sz * (1 - sz)))
    ax.plot(xs, sz + slope * (xs - zz), color=strong(c.learning, c, 0.2), linewidth=1.2, linestyle=(0, (5, 3)))
    ax.plot([zz], [sz], "o", color=c.text, markersize=5, zorder=5)
    ax.plot([zz], [slope], "o", color=strong(c.mature, c, 0.2), markersize=4, zorder=5)
    ax.vlines(zz, 0, max(sz, slope), color=c.muted, linewidth=0.8, linestyle=":")
    labels = Labels(ax)
    labels.reserve((zz, sz))
    labels.reserve((zz, slope))
    labels.add((zz, sz), (1.0, -0.6), f"σ({fmt(zz)}) = {fmt(sz)}", c.text, fontsize=8)
    labels.add((zz, slope), (1.0, 0.6), f"σ′ = {fmt(sz)}·{fmt(1 - sz)} = {fmt(slope)}", strong(c.mature, c, 0.2),
               fontsize=8)
    ax.set_title(f"the tangent at z = {fmt(zz)} has slope σ′(z) = s·(1 − s)", color=c.muted, fontsize=8.5, pad=3)


# -- loss curve ----------------------------------------------------------------------------------


@drawer("loss_curve")
def draw_loss_curve(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """A one-parameter loss and the gradient-descent steps on it, as dots joined by arrows:
    f(x) = a·(x − m)² with its ``path``, or the squared error (w·x + b − y)² of one example as
    a function of w, stepping from ``w`` to ``new_w``."""
    if "path" in data:
        a, m = float(data.get("a", 1.0)), float(data.get("m", 0.0))
        path = [float(p) for p in data["path"]]
        loss: Curve = lambda t: a * (np.asarray(t, dtype=float) - m) ** 2  # noqa: E731
        inner = "x" if m == 0 else f"(x {MINUS if m > 0 else '+'} {fmt(abs(m))})"
        title = f"f(x) = {'' if a == 1 else fmt(a)}{inner}²"
        names, minimum, var = [f"x{_sub(i)}" for i in range(len(path))], m, "x"
    else:
        x, y, b = (float(data.get(k, 0.0)) for k in ("x", "y", "b"))
        path = [float(data.get("w", 0.0)), float(data.get("new_w", 0.0))]
        loss = lambda t: (np.asarray(t, dtype=float) * x + b - y) ** 2  # noqa: E731
        names, var, title = ["w", "new w"], "w", f"L(w) = ({terms_text([(x, 'w'), (b, ''), (-y, '')])})²"
        minimum = (y - b) / x if x else path[0]
    ax = axes_px(canvas, 44, 22, 20, 28)
    _curve_axes(ax, c)
    lo, hi = min(*path, minimum), max(*path, minimum)
    pad = 0.25 * (hi - lo) if hi > lo else 1.0
    xs = np.linspace(lo - pad, hi + pad, 200)
    ys = loss(xs)
    ax.plot(xs, ys, color=c.accent, linewidth=1.8, zorder=3)
    points = [(p, float(loss(np.array([p]))[0])) for p in path]
    for (p0, l0), (p1, l1) in zip(points, points[1:], strict=False):
        if p0 != p1 or l0 != l1:
            arrow(ax, (p0, l0), (p1, l1), strong(c.learning, c, 0.2), width=1.4, zorder=5)
    ax.plot([p for p, _ in points], [v for _, v in points], "o", color=c.text, markersize=5, zorder=6)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(*_y_range(ys, [0.0]))
    few_ticks(ax, 6)
    ax.set_xlabel(var, labelpad=0)
    ax.set_title(title, loc="left", color=c.text, fontsize=8.5, pad=4)
    labels = Labels(ax)
    for p, v in points:
        labels.reserve((p, v))
    for i, ((p, v), name) in enumerate(zip(points, names, strict=True)):
        side = -1.0 if p < minimum else 1.0
        labels.add((p, v), (side * 0.6, 1.0 if i == 0 else 0.2), f"{name} = {fmt(p)}", c.text, fontsize=8)
    if "path" not in data:
        slope = 2 * float(data.get("x", 0.0)) * (path[0] * float(data.get("x", 0.0)) + float(data.get("b", 0.0))
                                                 - float(data.get("y", 0.0)))
        ax.plot(xs, points[0][1] + slope * (xs - path[0]), color=c.muted, linewidth=1.0, linestyle=(0, (4, 3)),
                zorder=2)
        ax.set_title(f"slope ∂L/∂w = {fmt(slope)} at w = {fmt(path[0])}", loc="right", color=c.muted, fontsize=8,
                     pad=4)


def _sub(i: int) -> str:
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(i))


# -- optimiser steps -----------------------------------------------------------------------------


@drawer("optimizer_steps")
def draw_optimizer_steps(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """One optimiser step from θ on a number line: where momentum and Adam each move it, with
    the gradients that drove them."""
    theta = float(data.get("theta", 0.0))
    ends = {"momentum": float(data.get("momentum", theta)), "Adam": float(data.get("adam", theta))}
    grads = [float(g) for g in data.get("grads", ())]
    ax = axes_px(canvas, 86, 20, 26, 30)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(True, axis="x", color=c.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(length=0, labelsize=8)
    values = [theta, *ends.values()]
    lo, hi = min(values), max(values)
    span = hi - lo or max(1.0, abs(theta)) * 0.2
    ax.set_xlim(lo - 0.5 * span, hi + 0.5 * span)  # room for the end labels
    ax.set_ylim(-0.7, 1.7)
    ax.axvline(theta, color=c.muted, linewidth=0.9, linestyle=(0, (3, 2)))
    ax.set_yticks([1, 0], list(ends))
    for row, end, colour in zip((1, 0), ends.values(), (c.accent, strong(c.learning, c, 0.25)), strict=True):
        if end != theta:
            arrow(ax, (theta, row), (end, row), colour, width=2.0)
        ax.plot([theta], [row], "o", color=c.text, markersize=4, zorder=5)
        right = end >= theta
        ax.annotate(f"θ = {fmt(end)}", xy=(end, row), xytext=(6 if right else -6, 0), textcoords="offset points",
                    ha="left" if right else "right", va="center", color=colour, fontsize=8.5, annotation_clip=False)
    ax.annotate(f"start θ = {fmt(theta)}", xy=(theta, 1.45), ha="center", va="bottom", color=c.text, fontsize=8.5,
                bbox={"boxstyle": "square,pad=0.15", "facecolor": c.background, "edgecolor": "none"})
    few_ticks(ax, 6, axes="x")
    for tick, colour in zip(ax.get_yticklabels(), (c.accent, strong(c.learning, c, 0.25)), strict=False):
        tick.set_color(colour)
    ax.set_xlabel("θ", labelpad=0)
    if grads:
        text = ", ".join(f"g{_sub(i + 1)} = {fmt(g)}" for i, g in enumerate(grads))
        ax.set_title(f"gradients {text}; step {len(grads)} from θ = {fmt(theta)}", loc="left", color=c.muted,
                     fontsize=8.5, pad=4)


# -- learning-rate schedule ----------------------------------------------------------------------


@drawer("lr_schedule")
def draw_lr_schedule(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """Linear warmup to the peak, then cosine decay to the minimum; the steps asked about are
    marked (their values are left to the learner)."""
    total = max(1.0, float(data.get("total", 1)))
    warmup = min(max(0.0, float(data.get("warmup", 0))), total)
    peak, low = float(data.get("peak", 1.0)), float(data.get("min", 0.0))
    t = np.linspace(0, total, 400)
    t = np.union1d(t, [warmup])
    rate = _schedule(t, warmup, total, peak, low)
    ax = axes_px(canvas, 58, 30, 14, 30)
    _curve_axes(ax, c)
    ax.plot(t, rate, color=c.accent, linewidth=1.8, zorder=3)
    ax.axvline(warmup, color=c.edge, linewidth=0.8, linestyle=":")
    ax.set_xlim(0, total)
    top = max(peak, low, 1e-12)
    ax.set_ylim(-0.06 * top, 1.22 * top)
    roomy = warmup >= 0.12 * total  # else 0 and W would print on top of each other
    steps = sorted({warmup, total} | ({0.0} if roomy else set()))
    ax.set_xticks(steps, [f"{v:,.0f}" if v == int(v) else fmt(v) for v in steps])
    rates = sorted({low, peak} if low > 0 else {0.0, peak})  # 0 beside a small minimum would crowd it
    ax.set_yticks(rates, [_rate_text(v) for v in rates])
    ax.set_xlabel("step", labelpad=0)
    if roomy:
        ax.text(warmup / 2, 1.1 * top, "warmup", ha="center", va="center", color=c.muted, fontsize=8)
    else:
        ax.text(warmup, 1.1 * top, " ← warmup", ha="left", va="center", color=c.muted, fontsize=8)
    ax.text((warmup + total) / 2, 1.1 * top, "cosine decay", ha="center", va="center", color=c.muted, fontsize=8)
    mark = strong(c.learning, c, 0.25)
    for step, *_ in data.get("marks", ()):
        step = float(step)
        value = float(_schedule(np.array([step]), warmup, total, peak, low)[0])
        ax.vlines(step, 0, value, color=mark, linewidth=1.2, linestyle=(0, (3, 2)), zorder=4)
        ax.plot([step], [value], "o", markerfacecolor=c.background, markeredgecolor=mark, markersize=6, zorder=5)
        right = step < 0.8 * total
        ax.annotate(f"step {step:,.0f}: ?", xy=(step, max(value, 0.2 * top) / 2), xytext=(4 if right else -4, 0),
                    textcoords="offset points", ha="left" if right else "right", va="center", color=mark, fontsize=8,
                    zorder=6, bbox={"boxstyle": "square,pad=0.15", "facecolor": c.background, "edgecolor": "none"})


def _schedule(t: np.ndarray, warmup: float, total: float, peak: float, low: float) -> np.ndarray:
    ramp = peak * t / warmup if warmup > 0 else np.full_like(t, peak)
    progress = np.clip((t - warmup) / max(total - warmup, 1e-12), 0, 1)
    decay = low + (peak - low) * (1 + np.cos(np.pi * progress)) / 2
    return np.where(t < warmup, ramp, decay)


def _rate_text(v: float) -> str:
    if v == 0:
        return "0"
    exponent = math.floor(math.log10(abs(v)))
    mantissa = v / 10 ** exponent
    return f"{fmt(mantissa, 3)}e{exponent}".replace("-", MINUS) if abs(exponent) >= 3 else fmt(v)


# -- surface -------------------------------------------------------------------------------------


@drawer("surface")
def draw_surface(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """Level curves of the quadratic ½·dᵀHd round the critical point, the eigenvector
    directions with their eigenvalues, and what the signs make of the point."""
    h = np.array(data.get("hessian", [[1, 0], [0, 1]]), dtype=float).reshape(2, 2)
    h = (h + h.T) / 2
    point = np.array([float(v) for v in data.get("point", (0, 0))][:2])
    values, vectors = np.linalg.eigh(h)
    ax = axes_px(canvas, 34, 150, 10, 24)
    plain_axes(ax, c)
    fit_limits(ax, np.array([point - 1.6, point + 1.6]), pad=0.02)
    few_ticks(ax, 5)
    (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 70), np.linspace(y_lo, y_hi, 50))
    dx, dy = gx - point[0], gy - point[1]
    z = 0.5 * (h[0, 0] * dx * dx + 2 * h[0, 1] * dx * dy + h[1, 1] * dy * dy)
    low, high = min(float(z.min()), -1e-9), max(float(z.max()), 1e-9)
    levels = np.unique(np.concatenate([np.linspace(low, 0, 8), np.linspace(0, high, 8)]))
    norm = TwoSlopeNorm(vmin=low, vcenter=0.0, vmax=high)  # each side runs to its own full colour
    ax.contourf(gx, gy, z, levels=levels, cmap=_diverging(c), norm=norm, alpha=0.55, zorder=0)
    ax.contour(gx, gy, z, levels=levels, colors=[c.edge], linewidths=0.6, negative_linestyles="solid", zorder=1)
    ax.plot(*point, "o", color=c.text, markersize=5, zorder=6)
    labels = Labels(ax)
    for value, vector in zip(values, vectors.T, strict=True):
        colour = strong(c.learning if value > 0 else c.accent, c, 0.2) if value else c.muted
        tip = point + 1.1 * vector
        arrow(ax, point, tip, colour, width=1.6, zorder=5)
        labels.reserve(tip)
        labels.add(tip, vector, f"λ = {fmt(value)}", colour, fontsize=8.5)
    _surface_legend(canvas, values, c)


def _diverging(c: Colours) -> Any:
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("fig_surface", [c.accent, c.background, c.learning])


def _surface_legend(canvas: Canvas, values: np.ndarray, c: Colours) -> None:
    if all(values > 0):
        verdict = "both λ > 0: f curves\nup every way\n→ a minimum"
    elif all(values < 0):
        verdict = "both λ < 0: f curves\ndown every way\n→ a maximum"
    elif any(values > 0) and any(values < 0):
        verdict = "λ of both signs: f\ncurves up one way,\ndown the other\n→ a saddle point"
    else:
        verdict = "a λ is 0: the second-\nderivative test\ncannot tell"
    width = canvas.get_size_inches()[0] * DPI
    left = 1 - 142 / width
    canvas.text(left, 0.62, verdict, ha="left", va="center", color=c.text, fontsize=8.5, linespacing=1.4)
    canvas.text(left, 0.22, "orange: f above its\nvalue at the point;\nblue: below", ha="left", va="center",
                color=c.muted, fontsize=8, linespacing=1.3)


# -- gradient accumulation -----------------------------------------------------------------------


@drawer("accumulation")
def draw_accumulation(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """Each GPU runs K micro-batches of B examples, adding up their gradients; then every GPU's
    sum is combined into one optimiser step. The total per step is left to the learner."""
    micro, accum, gpus = (max(1, int(data.get(k, 1))) for k in ("micro", "accum", "gpus"))
    ax = axes_px(canvas, 8, 8, 20, 8)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    shown_gpus = list(range(gpus)) if gpus <= 4 else [0, 1, None, gpus - 1]
    shown_micro = list(range(accum)) if accum <= 8 else [0, 1, 2, 3, 4, None, accum - 1]
    row_h = min(0.84 / len(shown_gpus), 0.22)
    cell_w = min(0.56 / len(shown_micro), 0.12)
    first = 0.5 + len(shown_gpus) * row_h / 2  # the rows, centred on the step they feed
    for r, gpu in enumerate(shown_gpus):
        y = first - (r + 1) * row_h
        if gpu is None:
            ax.text(0.05, y + row_h / 2, "⋮", ha="center", va="center", color=c.muted, fontsize=10)
            continue
        ax.text(0.07, y + row_h / 2, f"GPU {gpu + 1}" if gpus > 1 else "GPU", ha="right", va="center", color=c.text,
                fontsize=8.5)
        for k, m in enumerate(shown_micro):
            x = 0.09 + k * cell_w
            if m is None:
                ax.text(x + cell_w / 2, y + row_h / 2, "…", ha="center", va="center", color=c.muted)
                continue
            ax.add_patch(FancyBboxPatch((x + 0.004, y + 0.12 * row_h), cell_w - 0.008, 0.76 * row_h,
                                        boxstyle="round,pad=0,rounding_size=0.01", facecolor=c.accent, alpha=0.85,
                                        edgecolor="none"))
            if row_h > 0.12 and cell_w > 0.05:
                ax.text(x + cell_w / 2, y + row_h / 2, fmt(micro), ha="center", va="center", color=c.on_accent,
                        fontsize=8)
        arrow(ax, (0.11 + len(shown_micro) * cell_w, y + row_h / 2), (0.77, 0.5), c.edge, width=1.0)
    ax.text(0.09, first + 0.06, f"{fmt(accum)} micro-batches of B = {fmt(micro)}, gradients added up", ha="left",
            va="center", color=c.muted, fontsize=8.5)
    ax.add_patch(FancyBboxPatch((0.78, 0.36), 0.2, 0.28, boxstyle="round,pad=0,rounding_size=0.02",
                                facecolor=c.mature, alpha=0.35, edgecolor=strong(c.mature, c, 0.2)))
    ax.text(0.88, 0.5, "one\noptimiser\nstep", ha="center", va="center", color=c.text, fontsize=8.5, linespacing=1.2)
