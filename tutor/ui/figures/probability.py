"""Figures for probability and information theory: bars for distributions, Gaussians with a
shaded interval, probability mass functions, probability trees, the Bayes area picture, joint
tables, scatter plots, the standard error against N and the surprise curve.

Each drawer draws what its data holds: a template puts an answer (a posterior, a mean) in
the data only when its figure goes with the worked solution.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import NullLocator

from tutor.ui.figures import DPI, FONT_PT, drawer

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas

    from tutor.ui.colours import Colours

SMALL_PT = FONT_PT - 1  # the smallest text any figure uses (8 pt)


# ---------------------------------------------------------------- shared helpers

def axes(canvas: Canvas, left: float, right: float, top: float, bottom: float,
         box: tuple[float, float] = (0.0, 1.0)) -> Axes:
    """Axes with margins in logical pixels, inside the horizontal share ``box`` of the canvas
    (no tight_layout: it would draw twice)."""
    w, h = canvas.get_size_inches() * DPI
    x0, x1 = box[0] * w + left, box[1] * w - right
    return canvas.add_axes((x0 / w, bottom / h, max(0.01, (x1 - x0) / w), max(0.01, 1 - (top + bottom) / h)))


def blank_axes(canvas: Canvas, box: tuple[float, float, float, float] = (0, 0, 1, 1)) -> Axes:
    """Axes without frame or ticks, in data units 0..1 (for diagrams)."""
    ax = canvas.add_axes(box)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return ax


def fmt(v: float, digits: int = 3) -> str:
    """A short number for a label: 0.35, 1.544, 12288, 1.2e-05; −0 becomes 0."""
    if not math.isfinite(v):
        return str(v)
    if v == int(v) and abs(v) < 1e9:
        return str(int(v)).replace("-", "−")
    text = f"{v:.{digits}g}"
    return "0" if text in ("-0", "0") else text.replace("-", "−")


def floats(values: Any) -> list[float]:
    """The numbers of a sequence, non-finite ones as 0."""
    out = []
    for v in values or ():
        try:
            x = float(v)
        except (TypeError, ValueError):
            x = 0.0
        out.append(x if math.isfinite(x) else 0.0)
    return out


def title(ax: Axes, text: str, c: Colours) -> None:
    ax.set_title(text, loc="left", color=c.text, fontsize=FONT_PT, pad=4)


# ---------------------------------------------------------------- bars

@drawer("bars")
def draw_bars(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """A distribution as bars; two side by side (p and q, before and after a temperature);
    a softmax gradient; singular values kept and dropped."""
    values = floats(data.get("values"))
    if "grad" in data:
        _gradient_bars(canvas, data, c)
    elif "values_tau" in data:
        tau = fmt(float(data.get("tau", 1)))
        labels = _labels(data, len(values))
        _paired_bars(canvas, values, floats(data["values_tau"]), labels, ("τ = 1", f"τ = {tau}"), c,
                     "softmax probabilities at two temperatures")
    elif "values_q" in data:
        labels = _labels(data, len(values))
        _paired_bars(canvas, values, floats(data["values_q"]), labels, ("p", "q"), c,
                     "the two distributions, outcome by outcome")
    elif "highlight" in data:
        _singular_values(canvas, values, set(data.get("highlight", ())), str(data.get("label", "")), c)
    else:
        _distribution_bars(canvas, data, values, c)


def _numbered(n: int) -> list[str]:
    return [str(i) for i in range(1, n + 1)]


def _labels(data: Mapping[str, Any], n: int) -> list[str]:
    """The data's labels for n bars, numbered from 1 where it has none."""
    given = [str(x) for x in data.get("labels", ()) or () if str(x)]
    return given[:n] if len(given) >= n else _numbered(n)


def _bar_axes(canvas: Canvas, c: Colours, box: tuple[float, float] = (0.0, 1.0), bottom: float = 34) -> Axes:
    ax = axes(canvas, 50, 12, 26, bottom, box)
    ax.tick_params(length=0)
    ax.spines["left"].set_color(c.grid)
    ax.spines["bottom"].set_color(c.edge)
    return ax


def _label_bars(ax: Axes, xs: Sequence[float], values: Sequence[float], c: Colours, top: float) -> None:
    for x, v in zip(xs, values, strict=False):
        y = max(v, 0.0)
        ax.text(x, y + top * 0.02, fmt(v), ha="center", va="bottom", fontsize=SMALL_PT, color=c.text)


def _probability_ylim(ax: Axes, *series: Sequence[float]) -> float:
    top = max([max(s, default=0.0) for s in series] + [1e-9])
    top = 1.0 if top > 0.8 else top * 1.22
    ax.set_ylim(0, top * 1.08)
    return top


def _distribution_bars(canvas: Canvas, data: Mapping[str, Any], values: list[float], c: Colours) -> None:
    ax = _bar_axes(canvas, c)
    n = len(values)
    xs = list(range(n))
    target = data.get("target")
    colours = [c.mature if i == target else c.accent for i in xs]
    ax.bar(xs, values, width=0.6, color=colours)
    top = _probability_ylim(ax, values)
    _label_bars(ax, xs, values, c, top)
    if "logits" in data:
        logits = floats(data["logits"])
        labels = [f"z{_sub(i + 1)} = {fmt(z, 4)}" for i, z in enumerate(logits)]
        title(ax, "softmax(z): each logit's probability", c)
    else:
        labels = _labels(data, n)
        title(ax, _distribution_title(data), c)
    if isinstance(target, int) and 0 <= target < n:
        labels[target] += "\n(true class)"
    ax.set_xticks(xs, labels[:n], fontsize=SMALL_PT)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylabel("probability")


def _distribution_title(data: Mapping[str, Any]) -> str:
    if "heading" in data:
        return str(data["heading"])
    if "target" in data:
        return "predicted probabilities q; the true class in green"
    if "entropy" in data:
        return f"p, with entropy H(p) = {fmt(float(data['entropy']), 4)} {data.get('unit', '')}".rstrip()
    return "the distribution p"


def _sub(i: int) -> str:
    return str(i).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _paired_bars(canvas: Canvas, first: list[float], second: list[float], labels: list[str],
                 names: tuple[str, str], c: Colours, heading: str) -> None:
    ax = _bar_axes(canvas, c)
    n = max(len(first), len(second))
    xs = np.arange(n)
    w = 0.38
    ax.bar(xs[:len(first)] - w / 2, first, width=w, color=c.accent, label=names[0])
    ax.bar(xs[:len(second)] + w / 2, second, width=w, color=c.learning, label=names[1])
    top = _probability_ylim(ax, first, second)
    _label_bars(ax, xs[:len(first)] - w / 2, first, c, top)
    _label_bars(ax, xs[:len(second)] + w / 2, second, c, top)
    ax.set_xticks(xs, labels if len(labels) == n else _numbered(n))
    ax.set_xlim(-0.7, n - 0.3)
    ax.set_ylabel("probability")
    title(ax, heading, c)
    ax.legend(loc="upper right", ncols=2, handlelength=1, borderaxespad=0.1, bbox_to_anchor=(1, 1.13))


def _singular_values(canvas: Canvas, values: list[float], kept: set[Any], label: str, c: Colours) -> None:
    ax = _bar_axes(canvas, c)
    xs = list(range(len(values)))
    colours = [c.accent if i in kept else c.new for i in xs]
    bars = ax.bar(xs, values, width=0.6, color=colours, edgecolor=[c.accent if i in kept else c.edge for i in xs])
    top = max(values + [1e-9])
    ax.set_ylim(0, top * 1.2)
    _label_bars(ax, xs, values, c, top * 1.2)
    ax.set_xticks(xs, [f"σ{_sub(i + 1)}" for i in xs])
    ax.set_xlim(-0.6, len(values) - 0.4)
    title(ax, label[:1].upper() + label[1:] if label else "singular values", c)
    kept_bar = next((b for i, b in zip(xs, bars, strict=True) if i in kept), None)
    dropped_bar = next((b for i, b in zip(xs, bars, strict=True) if i not in kept), None)
    handles = [(b, t) for b, t in ((kept_bar, "kept"), (dropped_bar, "dropped")) if b is not None]
    if handles:
        ax.legend(*zip(*handles, strict=True), loc="upper right", handlelength=1)


def _gradient_bars(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    p, y, grad = floats(data.get("p")), floats(data.get("y")), floats(data.get("grad"))
    n = max(len(p), len(y), len(grad), 1)
    xs = np.arange(n)
    left = _bar_axes(canvas, c, (0.0, 0.52))
    w = 0.38
    left.bar(xs[:len(p)] - w / 2, p, width=w, color=c.accent, label="p = softmax(z)")
    left.bar(xs[:len(y)] + w / 2, y, width=w, color=c.mature, label="target y")
    left.set_ylim(0, 1.18)
    left.set_xticks(xs, _numbered(n))
    left.set_xlabel("class", labelpad=1)
    left.legend(loc="upper left", ncols=2, handlelength=1, borderaxespad=0.1, bbox_to_anchor=(0, 1.14),
                columnspacing=0.8)
    right = _bar_axes(canvas, c, (0.52, 1.0))
    right.bar(xs[:len(grad)], grad, width=0.6, color=[c.accent if g >= 0 else c.learning for g in grad])
    lim = max([abs(g) for g in grad] + [1e-9]) * 1.35
    right.set_ylim(-lim, lim)
    right.axhline(0, color=c.edge, lw=0.8)
    for x, g in zip(xs, grad, strict=False):
        right.text(x, g + (lim * 0.04 if g >= 0 else -lim * 0.04), fmt(g), ha="center",
                   va="bottom" if g >= 0 else "top", fontsize=SMALL_PT, color=c.text)
    right.set_xticks(xs, _numbered(n))
    right.set_xlabel("class", labelpad=1)
    right.spines["bottom"].set_visible(False)
    title(right, "∂L/∂z = p − y", c)


# ---------------------------------------------------------------- gaussian

@drawer("gaussian")
def draw_gaussian(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """A normal density: with an interval shaded and a point x marked; with x's z-score; or
    fitted to data points (maximum likelihood)."""
    mu = _finite(data.get("mu"), 0.0)
    if "data" in data:
        sigma = math.sqrt(max(_finite(data.get("sigma2"), 1.0), 0.0))
    else:
        sigma = _finite(data.get("sigma"), 1.0)
    sigma = sigma if sigma > 0 else max(abs(mu) * 0.1, 1.0)
    sigma = max(sigma, abs(mu) * 1e-6)  # a width the axis can still resolve next to μ
    ax = axes(canvas, 16, 16, 24, 40)
    xs = np.linspace(mu - 3.8 * sigma, mu + 3.8 * sigma, 241)
    ys = np.exp(-0.5 * ((xs - mu) / sigma) ** 2)  # the height relative to the peak
    ax.plot(xs, ys, color=c.accent)
    ax.set_ylim(0, 1.28)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="x", length=3, labelsize=SMALL_PT)
    if "data" in data:
        _fitted(ax, floats(data["data"]), mu, sigma, c)
    elif "z" in data:
        _standardised(ax, mu, sigma, _finite(data.get("x"), mu), c)
    else:
        _interval(ax, data, mu, sigma, xs, c)


def _finite(v: Any, default: float) -> float:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return default
    return x if math.isfinite(x) else default


def _sigma_ticks(ax: Axes, mu: float, sigma: float, ks: Sequence[int]) -> None:
    ticks = [mu + k * sigma for k in ks]
    ax.set_xticks(ticks, [fmt(t, 4) for t in ticks])


def _interval(ax: Axes, data: Mapping[str, Any], mu: float, sigma: float, xs: np.ndarray, c: Colours) -> None:
    k = max(1, min(int(_finite(data.get("interval_sigmas"), 1)), 3))
    lo, hi = mu - k * sigma, mu + k * sigma
    question = str(data.get("question", "within"))
    left, right = xs[0], xs[-1]
    spans = {"outside": [(left, lo), (hi, right)], "above": [(hi, right)], "below": [(left, lo)],
             "half": [(mu, hi)]}.get(question, [(lo, hi)])
    for a, b in spans:
        seg = np.linspace(a, b, 80)
        ax.fill_between(seg, 0, np.exp(-0.5 * ((seg - mu) / sigma) ** 2), color=c.accent, alpha=0.35, lw=0)
    _sigma_ticks(ax, mu, sigma, range(-3, 4))
    ax.set_xlabel(f"X (μ = {fmt(mu, 4)}, σ = {fmt(sigma, 4)}; ticks every σ)", labelpad=2)
    if "x" in data:
        x = _finite(data["x"], mu)
        h = math.exp(-0.5 * ((x - mu) / sigma) ** 2)
        ax.plot([x, x], [0, h], color=c.learning, lw=1.4)
        ax.plot([x], [h], "o", color=c.learning, ms=4)
        text = f"x = {fmt(x, 4)}"
        if "density" in data:
            text += f"\np(x) = {fmt(float(data['density']), 4)}"
        right = x >= mu
        ax.annotate(text, (x, h), xytext=(6 if right else -6, 5), textcoords="offset points",
                    ha="left" if right else "right", va="bottom",
                    color=c.text, fontsize=SMALL_PT)
    ax.set_title(f"shaded: {_event(question, lo, hi, mu)}", loc="left", color=c.text, pad=2)


def _event(question: str, lo: float, hi: float, mu: float) -> str:
    a, b, m = fmt(lo, 4), fmt(hi, 4), fmt(mu, 4)
    return {"outside": f"X < {a} or X > {b}", "above": f"X > {b}", "below": f"X < {a}",
            "half": f"{m} ≤ X ≤ {b}"}.get(question, f"{a} ≤ X ≤ {b}")


def _standardised(ax: Axes, mu: float, sigma: float, x: float, c: Colours) -> None:
    z = (x - mu) / sigma
    lim = max(3.8, abs(z) + 0.8)
    xs = np.linspace(mu - lim * sigma, mu + lim * sigma, 241)
    ax.lines[0].set_data(xs, np.exp(-0.5 * ((xs - mu) / sigma) ** 2))
    ax.set_xlim(xs[0], xs[-1])
    ks = range(-int(lim), int(lim) + 1)
    ticks = [mu + k * sigma for k in ks]
    ax.set_xticks(ticks, [f"{fmt(t, 4)}\n{'z = ' if k == 0 else ''}{fmt(k)}" for t, k in zip(ticks, ks, strict=True)])
    ax.plot([x, x], [0, 1.1], color=c.learning, lw=1.4, ls=(0, (4, 2)))
    ax.plot([mu, mu], [0, 1.1], color=c.edge, lw=0.8, ls="--")
    ax.annotate("", (x, 1.1), (mu, 1.1), arrowprops={"arrowstyle": "->", "color": c.text, "lw": 1,
                                                     "shrinkA": 0, "shrinkB": 0})
    ax.text((x + mu) / 2, 1.13, f"x = {fmt(x, 4)}:  x − μ = {fmt(x - mu, 4)} = {fmt(z, 4)}σ", ha="center",
            va="bottom", color=c.text, fontsize=SMALL_PT)
    ax.set_title(f"N(μ = {fmt(mu, 4)}, σ = {fmt(sigma, 4)}): value and z-score on each tick", loc="left",
                 color=c.text, pad=2)


def _fitted(ax: Axes, points: list[float], mu: float, sigma: float, c: Colours) -> None:
    lo = min(points + [mu - 3.8 * sigma])
    hi = max(points + [mu + 3.8 * sigma])
    xs = np.linspace(lo, hi, 241)
    ax.lines[0].set_data(xs, np.exp(-0.5 * ((xs - mu) / sigma) ** 2))
    ax.set_xlim(lo, hi)
    counts: dict[float, int] = {}
    for p in points:
        counts[p] = counts.get(p, 0) + 1
        ax.plot([p], [0.05 + 0.08 * (counts[p] - 1)], "o", color=c.learning, ms=5, clip_on=False)
    ax.plot([mu, mu], [0, 1], color=c.edge, lw=0.8, ls="--")
    ax.annotate("", (mu + sigma, 0.6065), (mu, 0.6065),
                arrowprops={"arrowstyle": "<->", "color": c.text, "lw": 1, "shrinkA": 0, "shrinkB": 0})
    ax.text(mu + sigma / 2, 0.64, f"σ̂ = {fmt(sigma, 4)}", ha="center", va="bottom", fontsize=SMALL_PT)
    ax.text(mu, 1.03, f"μ̂ = {fmt(mu, 4)}", ha="center", va="bottom", fontsize=SMALL_PT)
    ax.set_title(f"the data (dots) and the fitted N(μ̂, σ̂²), σ̂² = {fmt(sigma * sigma, 4)}", loc="left",
                 color=c.text, pad=2)
    ax.xaxis.get_major_locator().set_params(integer=False)


# ---------------------------------------------------------------- pmf

@drawer("pmf")
def draw_pmf(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """A probability mass function as stems, with the mean as the balance point and ±σ."""
    xs, ps = floats(data.get("values")), floats(data.get("probs"))
    n = min(len(xs), len(ps))
    xs, ps = xs[:n], ps[:n]
    ax = axes(canvas, 50, 16, 24, 34)
    ax.vlines(xs, 0, ps, color=c.accent, lw=3)
    ax.plot(xs, ps, "o", color=c.accent, ms=5)
    peak = max(ps + [0.05])
    top = peak * (1.55 if "mean" in data else 1.2)
    for x, p in zip(xs, ps, strict=True):
        ax.text(x, p + top * 0.02, fmt(p), ha="center", va="bottom", fontsize=SMALL_PT)
    ax.set_ylim(0, top)
    ends = xs + ([_finite(data.get("mean"), 0.0) + k * _finite(data.get("sd"), 0.0) for k in (-1, 1)]
                 if "mean" in data else [])
    lo, hi = min(ends, default=0.0), max(ends, default=1.0)
    pad = max((hi - lo) * 0.1, 0.5)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_xticks(xs, [fmt(x) for x in xs])
    ax.set_ylabel("P(X = x)")
    ax.set_xlabel("x", labelpad=1)
    ax.tick_params(length=0)
    heading = "the distribution of X"
    if "mean" in data:
        heading = _mean_and_spread(ax, data, peak, top, c)
    title(ax, heading, c)


def _mean_and_spread(ax: Axes, data: Mapping[str, Any], peak: float, top: float, c: Colours) -> str:
    mean = _finite(data.get("mean"), 0.0)
    ax.plot([mean], [0], marker="^", color=c.learning, ms=11, clip_on=False, zorder=5)
    ax.plot([mean, mean], [0, top], color=c.learning, lw=1, ls="--")
    ax.text(mean, top, f" E[X] = {fmt(mean, 4)}", ha="left", va="top", fontsize=SMALL_PT)
    if "sd" not in data:
        return "the distribution of X; ▲ E[X], its balance point"
    sd = _finite(data["sd"], 0.0)
    y = peak + (top - peak) * 0.42
    ax.annotate("", (mean + sd, y), (mean - sd, y),
                arrowprops={"arrowstyle": "<->", "color": c.learning, "lw": 1.2, "shrinkA": 0, "shrinkB": 0})
    ax.text(mean + sd / 2, y, f"σ = {fmt(sd, 4)}", ha="center", va="bottom", fontsize=SMALL_PT,
            bbox={"boxstyle": "square,pad=0.1", "fc": c.background, "ec": "none"})
    return "the distribution of X; ▲ E[X], its balance point; the arrow spans E[X] ± σ"


# ---------------------------------------------------------------- probability tree

@drawer("probability_tree")
def draw_probability_tree(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """A two-level tree: the groups with their priors, then the event within each group."""
    groups = [str(g) for g in data.get("groups", ())] or ["H", "¬H"]
    priors = floats(data.get("priors"))
    conds = floats(data.get("conditionals"))
    event = str(data.get("event", "E"))
    n = len(groups)
    ax = blank_axes(canvas)
    leaf_gap = 1 / (2 * n)
    root = (0.035, 0.5)
    _node(ax, root, "all", c)
    for i, group in enumerate(groups):
        y = 1 - leaf_gap * (2 * i + 1)
        prior = priors[i] if i < len(priors) else float("nan")
        gpos = (0.385, y)
        _branch(ax, root, gpos, f"P({group}) = {fmt(prior, 4)}" if math.isfinite(prior) else "", c)
        _node(ax, gpos, group, c)
        cond = conds[i] if i < len(conds) else float("nan")
        for j, (name, p) in enumerate(((event, cond), (f"¬{event}", 1 - cond))):
            ly = y + leaf_gap * (0.5 - j)
            text = f"P({name} | {group}) = {fmt(round(p, 9), 4)}" if math.isfinite(p) else ""
            _branch(ax, gpos, (0.88, ly), text, c, muted=j == 1)
            _node(ax, (0.88, ly), name, c, leaf=True, muted=j == 1)


def _node(ax: Axes, xy: tuple[float, float], text: str, c: Colours, leaf: bool = False,
          muted: bool = False) -> None:
    ax.text(*xy, text, ha="left" if leaf else "center", va="center", fontsize=SMALL_PT if leaf else FONT_PT,
            color=c.muted if muted else c.text,
            bbox={"boxstyle": "round,pad=0.3", "fc": c.background, "ec": c.edge if leaf else c.accent, "lw": 1})


def _branch(ax: Axes, a: tuple[float, float], b: tuple[float, float], text: str, c: Colours,
            muted: bool = False) -> None:
    ax.plot([a[0], b[0]], [a[1], b[1]], color=c.edge if muted else c.accent, lw=1.2, zorder=0)
    mx, my = a[0] + (b[0] - a[0]) * 0.5, a[1] + (b[1] - a[1]) * 0.5
    ax.text(mx, my, text, ha="center", va="center", fontsize=SMALL_PT, color=c.muted if muted else c.text,
            bbox={"boxstyle": "square,pad=0.1", "fc": c.background, "ec": "none"})


# ---------------------------------------------------------------- bayes area

@drawer("bayes_area")
def draw_bayes_area(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """The unit square split by the prior, each column by the test's rates: the posterior is
    the true-positive area over all the positive area."""
    prior = min(max(_finite(data.get("prior"), 0.5), 0.0), 1.0)
    sens = min(max(_finite(data.get("sensitivity"), 0.5), 0.0), 1.0)
    fpr = min(max(_finite(data.get("false_positive"), 0.5), 0.0), 1.0)
    h, e = str(data.get("hypothesis", "H")), str(data.get("evidence", "positive"))
    shown = min(max(prior, 0.15), 0.85)  # a tiny prior still gets a column one can see
    ax = blank_axes(canvas, (0.02, 0.14, 0.44, 0.72))
    columns = ((0.0, shown, sens, c.mature, h, prior), (shown, 1 - shown, fpr, c.learning, f"¬{h}", 1 - prior))
    for k, (x0, width, rate, colour, name, share) in enumerate(columns):
        ax.add_patch(Rectangle((x0, 0), width, rate, fc=colour, ec=c.background, lw=1.5))
        ax.add_patch(Rectangle((x0, rate), width, 1 - rate, fc=c.empty, ec=c.background, lw=1.5))
        ax.text(0 if k == 0 else 1, -0.03, f"{name} {fmt(share * 100, 4)}%",
                ha="left" if k == 0 else "right", va="top", fontsize=SMALL_PT)
        inside = rate >= 0.22
        narrow = width < 0.3
        ax.text(x0 + width / 2, rate / 2 if inside else rate + 0.02,
                f"{e} {fmt(rate * 100, 4)}%" if narrow else f"{e}\n{fmt(rate * 100, 4)}%",
                ha="center", va="center" if inside else "bottom", fontsize=SMALL_PT, color=c.text,
                rotation=90 if narrow else 0)
    canvas.text(0.02, 0.97, "width: the prior" + (" (not to scale)" if shown != prior else "")
                + f"; height: P({e} | ·)", ha="left", va="top", fontsize=SMALL_PT, color=c.muted)
    _bayes_sums(canvas, prior, sens, fpr, h, e, data, c)


def _bayes_sums(canvas: Canvas, prior: float, sens: float, fpr: float, h: str, e: str,
                data: Mapping[str, Any], c: Colours) -> None:
    tp, fp = prior * sens, (1 - prior) * fpr
    ax = blank_axes(canvas, (0.5, 0.06, 0.49, 0.88))
    rows = [
        (c.mature, f"P({h} ∩ {e})", f"= {fmt(prior, 4)} × {fmt(sens, 4)} = {fmt(round(tp, 12), 4)}"),
        (c.learning, f"P(¬{h} ∩ {e})", f"= {fmt(1 - prior, 4)} × {fmt(fpr, 4)} = {fmt(round(fp, 12), 4)}"),
    ]
    for i, (colour, name, value) in enumerate(rows):
        y = 0.93 - 0.27 * i
        ax.add_patch(Rectangle((0, y - 0.05), 0.035, 0.1, fc=colour, ec="none"))
        ax.text(0.06, y, name, ha="left", va="center", fontsize=SMALL_PT)
        ax.text(0.06, y - 0.11, value, ha="left", va="center", fontsize=SMALL_PT)
    if "posterior" in data:
        post = _finite(data["posterior"], 0.0)
        ax.text(0, 0.36, f"P({h} | {e}) = green / (green + orange)", ha="left", va="center",
                fontsize=SMALL_PT, wrap=True)
        ax.text(0, 0.2, f"= {fmt(round(tp, 12), 4)} / {fmt(round(tp + fp, 12), 4)}", ha="left", va="center",
                fontsize=SMALL_PT)
        ax.text(0, 0.06, f"= {fmt(post, 4)}", ha="left", va="center", fontsize=FONT_PT, fontweight="bold")


# ---------------------------------------------------------------- joint table

@drawer("joint_table")
def draw_joint_table(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """A table of joint probabilities, each cell shaded by its size; marginals when given."""
    rows = [str(r) for r in data.get("rows", ())] or ["A", "¬A"]
    cols = [str(x) for x in data.get("cols", ())] or ["B", "¬B"]
    cells = [floats(r) for r in data.get("cells", ())]
    nr, nc = len(rows), len(cols)
    ax = blank_axes(canvas, (0.24, 0.04, 0.6, 0.8))
    ax.set_xlim(-0.7, nc)
    ax.set_ylim(0, nr + 0.6)
    top = max([v for r in cells for v in r] + [1e-9])
    for i in range(nr):
        y = nr - 1 - i
        ax.text(-0.08, y + 0.5, rows[i], ha="right", va="center", fontsize=FONT_PT)
        for j in range(nc):
            v = cells[i][j] if i < len(cells) and j < len(cells[i]) else 0.0
            ax.add_patch(Rectangle((j, y), 1, 1, fc=c.accent, alpha=0.12 + 0.6 * max(v, 0) / top, ec="none"))
            ax.add_patch(Rectangle((j, y), 1, 1, fill=False, ec=c.background, lw=2))
            ax.text(j + 0.5, y + 0.5, fmt(v, 4), ha="center", va="center", fontsize=FONT_PT + 1, color=c.text)
    for j in range(nc):
        ax.text(j + 0.5, nr + 0.1, cols[j], ha="center", va="bottom", fontsize=FONT_PT)
    canvas.text(0.02, 0.97, "each cell: P(row ∩ column)", ha="left", va="top", color=c.text)


# ---------------------------------------------------------------- scatter

@drawer("scatter")
def draw_scatter(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """Points with the mean of each coordinate: a point's deviations from the means share a
    sign (green) or not (orange), so its product (x − x̄)(y − ȳ) adds to or takes from Cov."""
    points = [floats(p)[:2] for p in data.get("points", ()) if len(floats(p)) >= 2]
    ax = axes(canvas, 40, 14, 22, 34)
    ax.tick_params(length=3, labelsize=SMALL_PT)
    if not points:
        return
    xs, ys = zip(*points, strict=True)
    mean = floats(data.get("mean")) or [float(np.mean(xs)), float(np.mean(ys))]
    mx, my = mean[0], mean[1] if len(mean) > 1 else float(np.mean(ys))
    colours = [c.mature if (x - mx) * (y - my) >= 0 else c.learning for x, y in points]
    ax.scatter(xs, ys, s=30, c=colours, zorder=3)
    ax.axvline(mx, color=c.edge, lw=0.9, ls="--")
    ax.axhline(my, color=c.edge, lw=0.9, ls="--")
    _pad_limits(ax, xs, ys)
    ax.text(mx, 1.0, f" mean {fmt(mx, 4)}", transform=ax.get_xaxis_transform(), ha="left", va="top",
            fontsize=SMALL_PT, color=c.muted)
    ax.text(1.0, my, f"mean {fmt(my, 4)}", transform=ax.get_yaxis_transform(), ha="right", va="bottom",
            fontsize=SMALL_PT, color=c.muted)
    ax.set_xlabel("f₁", labelpad=1)
    ax.set_ylabel("f₂")
    title(ax, "dashed: the means · green: product of deviations ≥ 0", c)


def _pad_limits(ax: Axes, xs: Sequence[float], ys: Sequence[float]) -> None:
    for setter, vals in ((ax.set_xlim, xs), (ax.set_ylim, ys)):
        lo, hi = min(vals), max(vals)
        pad = max((hi - lo) * 0.12, 0.5)
        setter(lo - pad, hi + pad)


# ---------------------------------------------------------------- standard error

@drawer("error_vs_n")
def draw_error_vs_n(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """σ/√N against N on log axes: the current N and the N that reaches the target error."""
    sigma = abs(_finite(data.get("sigma"), 1.0)) or 1.0
    n = max(_finite(data.get("n"), 1.0), 1.0)
    marks = [(n, sigma / math.sqrt(n), "N", c.accent)]
    if "n_needed" in data:
        need = max(_finite(data["n_needed"], n), 1.0)
        marks.append((need, sigma / math.sqrt(need), "needed", c.learning))
    lo = min(m[0] for m in marks) / 6
    hi = max(m[0] for m in marks) * 6
    ns = np.geomspace(max(lo, 1.0), max(hi, 10.0), 120)
    ax = axes(canvas, 52, 14, 24, 36)
    ax.loglog(ns, sigma / np.sqrt(ns), color=c.muted, lw=1.4)
    ax.yaxis.set_minor_locator(NullLocator())
    ax.tick_params(labelsize=SMALL_PT)
    floor = sigma / math.sqrt(ns[-1]) / 1.5
    ax.set_ylim(floor, sigma / math.sqrt(ns[0]) * 1.5)
    for x, se, name, colour in marks:
        ax.plot([x, x], [floor, se], color=colour, lw=0.9, ls="--")
        ax.plot([ns[0], x], [se, se], color=colour, lw=0.9, ls="--")
        ax.plot([x], [se], "o", color=colour, ms=5, zorder=3)
        first = name == "N"
        ax.annotate(f"N = {fmt(x)}: SE = {fmt(se, 4)}", (x, se), xytext=(6, 4) if first else (-6, -5),
                    textcoords="offset points", fontsize=SMALL_PT, color=c.text,
                    ha="left" if first else "right", va="bottom" if first else "top")
    ax.set_xlim(ns[0], ns[-1])
    ax.set_xlabel("N (examples averaged)", labelpad=1)
    ax.set_ylabel("standard error")
    title(ax, f"SE = σ/√N, σ = {fmt(sigma, 4)} (log scales)", c)


# ---------------------------------------------------------------- surprise

@drawer("surprise_curve")
def draw_surprise_curve(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """The self-information −log₂ p against p (nats on the right axis), the outcome marked."""
    p = min(max(_finite(data.get("p"), 0.5), 1e-12), 1.0)
    lo = min(p / 2, 0.01)
    ps = np.geomspace(lo, 1.0, 200)
    ax = axes(canvas, 40, 44, 24, 34)
    ax.plot(ps, -np.log2(ps), color=c.accent)
    ax.set_xlim(0, 1.02)
    top = -math.log2(lo) * 1.05
    ax.set_ylim(0, top)
    ax.set_xlabel("p(x)", labelpad=1)
    ax.set_ylabel("bits  (−log₂ p)")
    ax.tick_params(labelsize=SMALL_PT)
    nats = ax.twinx()
    nats.set_ylim(0, top * math.log(2))
    nats.set_ylabel("nats  (−ln p)")
    nats.spines["right"].set_visible(True)
    nats.tick_params(labelsize=SMALL_PT)
    bits = -math.log2(p)
    ax.plot([p, p], [0, bits], color=c.learning, lw=0.9, ls="--")
    ax.plot([p], [bits], "o", color=c.learning, ms=5, zorder=3)
    text = f"p = {fmt(p, 4)}: {fmt(bits, 4)} bit{'' if bits == 1 else 's'} = {fmt(bits * math.log(2), 4)} nats"
    ax.annotate(text, (p, bits), xytext=(0.97, 0.72), textcoords="axes fraction", fontsize=SMALL_PT,
                color=c.text, ha="right", va="bottom",
                arrowprops={"arrowstyle": "->", "color": c.muted, "lw": 0.8, "shrinkA": 2, "shrinkB": 4})
    title(ax, "surprise: the rarer the outcome, the more information", c)
