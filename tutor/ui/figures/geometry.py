"""Figures of vectors and matrices: arrows from the origin with the angle between them, the unit
square and its image under A, a weight shrinking step by step.

Also the small helpers the calculus figures share (axes placed in pixels, numbers as text).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.colors import to_hex, to_rgb
from matplotlib.patches import Arc, Polygon

from tutor.ui.figures import DPI, drawer

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas

    from tutor.ui.colours import Colours

MINUS = "\u2212"


# -- shared helpers ------------------------------------------------------------------------------


def axes_px(canvas: Canvas, left: float, right: float, top: float, bottom: float,
            x0: float = 0.0, x1: float = 1.0) -> Axes:
    """Axes with margins in logical pixels, inside the horizontal share [x0, x1] of the canvas."""
    w, h = canvas.get_size_inches() * DPI
    span = (x1 - x0) * w
    return canvas.add_axes((x0 + left / w, bottom / h, max(0.01, (span - left - right) / w),
                            max(0.01, 1 - (top + bottom) / h)))


def fmt(x: float, sig: int = 4) -> str:
    """A number as a learner writes it: whole numbers plainly, others to ``sig`` significant
    figures, with a true minus sign."""
    x = float(x)
    if not math.isfinite(x):
        return "∞" if x > 0 else f"{MINUS}∞" if x < 0 else "?"
    if abs(x - round(x)) < 1e-9 * max(1.0, abs(x)) and abs(x) < 1e15:
        text = str(int(round(x)))
    else:
        text = f"{x:.{sig}g}"
        if "e" in text:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", MINUS)


def point_text(values: Sequence[float]) -> str:
    return "(" + ", ".join(fmt(v) for v in values) + ")"


def plain_axes(ax: Axes, c: Colours) -> None:
    """Light grid, the x and y axes through 0, no box."""
    ax.grid(True, color=c.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.axhline(0, color=c.edge, linewidth=0.9, zorder=1)
    ax.axvline(0, color=c.edge, linewidth=0.9, zorder=1)
    ax.tick_params(length=0, labelsize=8, pad=2)


def series_colours(c: Colours) -> list[str]:
    return [c.accent, strong(c.learning, c, 0.25), strong(c.mature, c, 0.2), c.text]


def arrow(ax: Axes, tail: Sequence[float], tip: Sequence[float], colour: str, width: float = 1.8,
          alpha: float = 1.0, style: str = "-", zorder: int = 4) -> None:
    ax.annotate("", xy=tuple(tip), xytext=tuple(tail), zorder=zorder, annotation_clip=False,
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": width, "alpha": alpha,
                            "shrinkA": 0, "shrinkB": 0, "mutation_scale": 11, "linestyle": style})


class Labels:
    """Texts beside points, each moved round its point until it overlaps no earlier label and
    stays inside the axes (sizes estimated from the character count: no extra draw)."""

    def __init__(self, ax: Axes) -> None:
        self.ax = ax
        self.boxes: list[tuple[float, float, float, float]] = []
        self.area = ax.bbox.extents  # labels stay inside the axes, off the tick labels
        self.pt = ax.figure.dpi / 72

    def reserve(self, xy: Sequence[float], radius_pt: float = 4) -> None:
        """Keep labels off a point (a dot, an arrow's tip)."""
        x, y = self.ax.transData.transform(tuple(xy))
        r = radius_pt * self.pt
        self.boxes.append((x - r, y - r, x + r, y + r))

    def add(self, xy: Sequence[float], direction: Sequence[float], text: str, colour: str,
            fontsize: float = 8.5, gap_pt: float = 7) -> None:
        dx, dy = direction
        base = math.atan2(dy, dx) if (dx or dy) else math.pi * 0.75
        px = self.ax.transData.transform(tuple(xy))
        lines = text.split("\n")
        w = max(len(line) for line in lines) * 0.56 * fontsize * self.pt
        h = len(lines) * 1.25 * fontsize * self.pt
        best = None
        for turn in (0, 45, -45, 90, -90, 135, -135, 180):
            phi = base + math.radians(turn)
            ux, uy = math.cos(phi), math.sin(phi)
            ha = "left" if ux > 0.35 else "right" if ux < -0.35 else "center"
            va = "bottom" if uy > 0.35 else "top" if uy < -0.35 else "center"
            ax0 = px[0] + ux * gap_pt * self.pt - {"left": 0, "center": w / 2, "right": w}[ha]
            ay0 = px[1] + uy * gap_pt * self.pt - {"bottom": 0, "center": h / 2, "top": h}[va]
            box = (ax0, ay0, ax0 + w, ay0 + h)
            candidate = (ux, uy, ha, va, box)
            best = best or candidate
            inside = (box[0] >= self.area[0] and box[1] >= self.area[1] and box[2] <= self.area[2]
                      and box[3] <= self.area[3])
            if inside and not any(_overlap(box, other) for other in self.boxes):
                best = candidate
                break
        ux, uy, ha, va, box = best
        self.boxes.append(box)
        self.ax.annotate(text, xy=tuple(xy), xytext=(gap_pt * ux, gap_pt * uy), textcoords="offset points", ha=ha,
                         va=va, color=colour, fontsize=fontsize, zorder=7, annotation_clip=False,
                         bbox={"boxstyle": "square,pad=0.1", "facecolor": self.ax.get_facecolor(),
                               "edgecolor": "none", "alpha": 0.8})


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def strong(colour: str, c: Colours, t: float = 0.3) -> str:
    """``colour`` moved toward the text colour: readable as text and thin lines in both themes."""
    a, b = np.array(to_rgb(colour)), np.array(to_rgb(c.text))
    return to_hex(a + (b - a) * t)


def fit_limits(ax: Axes, points: np.ndarray, pad: float = 0.18, equal: bool = True) -> None:
    """Limits around ``points`` (and the origin) with room for labels; equal scales if asked."""
    pts = np.vstack([points.reshape(-1, 2), [[0.0, 0.0]]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = max(float((hi - lo).max()), 1e-9)
    margin = np.maximum((hi - lo) * pad, span * pad * 0.6)
    lo, hi = lo - margin, hi + margin
    if equal:  # widen one range so that a unit is as long across as up (angles look true)
        box = ax.get_position()
        width, height = ax.figure.get_size_inches() * np.array([box.width, box.height])
        per_unit = min(width / (hi[0] - lo[0]), height / (hi[1] - lo[1]))
        centre, half = (lo + hi) / 2, np.array([width, height]) / per_unit / 2
        lo, hi = centre - half, centre + half
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])


def few_ticks(ax: Axes, n: int = 5, axes: str = "xy") -> None:
    """A few round values along the named axes, written as a learner writes numbers."""
    from matplotlib.ticker import MaxNLocator

    for name in axes:
        axis = ax.xaxis if name == "x" else ax.yaxis
        axis.set_major_locator(MaxNLocator(nbins=n, steps=[1, 2, 2.5, 5, 10]))
        axis.set_major_formatter(lambda v, _pos: fmt(v))


def caption(canvas: Canvas, text: str, c: Colours, y_px: float = 6) -> None:
    """One line of text along the bottom of the canvas."""
    h = canvas.get_size_inches()[1] * DPI
    canvas.text(0.5, y_px / h, text, ha="center", va="bottom", color=c.muted, fontsize=8.5)


# -- vectors -------------------------------------------------------------------------------------


@drawer("vectors")
def draw_vectors(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """Arrows from the origin (or from ``origin``), each named with its coordinates.

    Optional data: ``angle_deg`` (arc between the first two, labelled θ; ``show_angle`` adds its
    value), ``lines`` (names whose span is drawn as a line through the origin, e.g. eigenvectors),
    ``sum_of`` ([coefficient, name] terms placed head to tail, reaching the last vector),
    ``quadratic`` ([A, B]: level sets of A·x² + B·y² behind, for a descent step), ``note`` (a
    caption), ``label_arrival`` (also name the point each arrow from ``origin`` reaches).
    Vectors with other than two entries are drawn as component bars."""
    vectors = {str(k): [float(x) for x in v] for k, v in dict(data.get("vectors", {})).items()}
    if not vectors or any(len(v) != 2 for v in vectors.values()):
        _component_bars(canvas, vectors, data, c)
        return
    origin = np.array([float(x) for x in data.get("origin", (0.0, 0.0))][:2])
    note = str(data.get("note", ""))
    ax = axes_px(canvas, 34, 14, 10, 38 if note else 22)
    plain_axes(ax, c)
    if note:
        caption(canvas, note, c, y_px=3)
    colour = _vector_colours(vectors, data, c)
    tips = {name: origin + np.array(v) for name, v in vectors.items()}
    chain = _sum_chain(data, vectors, origin)
    ghosts = [tip for _name, _k, _tail, tip in chain]
    fit_limits(ax, np.vstack([origin, *tips.values(), *ghosts, *_quadratic_extent(data, origin)]))
    few_ticks(ax)
    _quadratic_levels(ax, data, origin, tips, c)
    for name in data.get("lines", ()):
        if name in vectors:
            _span_line(ax, np.array(vectors[name]), colour[name])
    _draw_arrows(ax, vectors, origin, colour)
    labels = Labels(ax)
    for tip in tips.values():
        labels.reserve(tip)
    if origin.any():
        ax.plot(*origin, "o", color=c.text, markersize=4, zorder=5)
        labels.add(origin, -np.array(list(vectors.values())[0]), point_text(origin), c.muted, fontsize=8)
    if "angle_deg" in data and len(vectors) >= 2:
        _angle_arc(ax, data, *list(vectors.values())[:2], c)
    _label_tips(labels, vectors, origin, colour, arrive=bool(data.get("label_arrival")))
    _sum_ghosts(ax, chain, colour, labels)


def _vector_colours(vectors: Mapping[str, Sequence[float]], data: Mapping[str, Any], c: Colours) -> dict[str, str]:
    """One colour per vector; A·v takes v's colour; the result of a sum is drawn in the text colour."""
    palette = series_colours(c)
    out: dict[str, str] = {}
    for name in vectors:
        base = name[2:] if name.startswith("A·") else None
        if base in out:
            out[name] = out[base]
        else:
            out[name] = palette[len(set(out.values())) % len(palette)]
    if data.get("sum_of"):
        out[list(vectors)[-1]] = c.text
    return out


def _draw_arrows(ax: Axes, vectors: Mapping[str, Sequence[float]], origin: np.ndarray, colour: dict[str, str]) -> None:
    for name, v in vectors.items():
        image = name.startswith("A·") and name[2:] in vectors  # drawn wide and pale under v
        if not any(v):
            ax.plot(*origin, "o", color=colour[name], markersize=7 if image else 5, alpha=0.5 if image else 1,
                    zorder=5)
            continue
        arrow(ax, origin, origin + np.array(v), colour[name], width=4.5 if image else 1.8,
              alpha=0.45 if image else 1.0, zorder=3 if image else 4)


def _label_tips(labels: Labels, vectors: Mapping[str, Sequence[float]], origin: np.ndarray, colour: dict[str, str],
                arrive: bool = False) -> None:
    """Name and coordinates at each tip; vectors that end at the same point share one label;
    with ``arrive``, also the point where an arrow from ``origin`` lands."""
    groups: dict[tuple[float, float], list[str]] = {}
    for name, v in vectors.items():
        groups.setdefault((round(v[0], 9), round(v[1], 9)), []).append(name)
    for (x, y), names in groups.items():
        direction = (x, y) if (x, y) != (0, 0) else (-1.0, 1.0)
        text = " = ".join(names) + " " + point_text((x, y))
        if (x, y) == (0, 0):
            text = " = ".join(names) + " = 0"
        elif arrive:
            text += "\n→ " + point_text(origin + np.array([x, y]))
        labels.add(origin + np.array([x, y]), direction, text, colour[names[0]])


def _span_line(ax: Axes, v: np.ndarray, colour: str) -> None:
    """The line through the origin along ``v``, long enough to cross the plot."""
    if not v.any():
        return
    u = v / np.linalg.norm(v)
    ax.axline((0.0, 0.0), tuple(u), color=colour, linewidth=0.9, linestyle=(0, (4, 3)), alpha=0.7, zorder=2)


def _sum_chain(data: Mapping[str, Any], vectors: Mapping[str, Sequence[float]],
               origin: np.ndarray) -> list[tuple[str, float, np.ndarray, np.ndarray]]:
    """The terms of ``sum_of`` laid head to tail: (name, coefficient, tail, tip) each."""
    terms = [(str(n), float(k)) for k, n in data.get("sum_of", ()) if str(n) in vectors]
    chain, at = [], origin.copy()
    for name, k in terms if len(terms) >= 2 else ():
        step = k * np.array(vectors[name])
        chain.append((name, k, at, at + step))
        at = at + step
    return chain


def _sum_ghosts(ax: Axes, chain: Sequence[tuple[str, float, np.ndarray, np.ndarray]], colour: dict[str, str],
                labels: Labels) -> None:
    """The terms of a sum drawn dashed, head to tail, ending at the sum's tip; a scaled term is
    named by its multiple (2a, −3b)."""
    for i, (name, k, tail, tip) in enumerate(chain):
        if not (tip - tail).any() or (i == 0 and k == 1):  # the first term, unscaled, is drawn already
            continue
        arrow(ax, tail, tip, colour[name], width=1.2, alpha=0.75, style=(0, (3, 2)), zorder=3)
        if k != 1:
            multiple = ("" if abs(k) == 1 else fmt(abs(k))) + name
            text = (MINUS if k < 0 else "") + multiple
            d = tip - tail
            labels.add((tail + tip) / 2, (-d[1], d[0]), text, colour[name], fontsize=8, gap_pt=4)


def _angle_arc(ax: Axes, data: Mapping[str, Any], a: Sequence[float], b: Sequence[float], c: Colours) -> None:
    """The arc from a to b (the smaller way round) labelled θ, or a square mark for a right angle."""
    na, nb = math.hypot(*a), math.hypot(*b)
    if na == 0 or nb == 0:
        return
    ta, tb = math.degrees(math.atan2(a[1], a[0])), math.degrees(math.atan2(b[1], b[0]))
    sweep = (tb - ta + 180) % 360 - 180  # signed, in (−180, 180]
    start, end = (ta, ta + sweep) if sweep >= 0 else (ta + sweep, ta)
    r = 0.28 * min(na, nb)
    angle = float(data["angle_deg"])
    text = f"θ = {fmt(angle, 4)}°" if data.get("show_angle") else "θ"
    if abs(abs(sweep) - 90) < 1e-6:
        ua, ub = np.array(a) / na * r * 0.7, np.array(b) / nb * r * 0.7
        ax.add_patch(Polygon([(0, 0), ua, ua + ub, ub], closed=True, fill=False, edgecolor=c.text, linewidth=1.1,
                             zorder=5))
    else:
        ax.add_patch(Arc((0, 0), 2 * r, 2 * r, theta1=start, theta2=end, color=c.text, linewidth=1.1, zorder=5))
    mid = math.radians((start + end) / 2)
    gap = 9 + 12 * max(0.0, 1 - abs(sweep) / 35)  # a narrow angle: the label sits further out
    if abs(abs(sweep) - 90) < 1e-6:
        gap = 16  # beyond the square's far corner
    ax.annotate(text, xy=(r * math.cos(mid), r * math.sin(mid)), xytext=(gap * math.cos(mid), gap * math.sin(mid)),
                textcoords="offset points", ha="center", va="center", color=c.text, fontsize=9, zorder=6)


def _quadratic_extent(data: Mapping[str, Any], origin: np.ndarray) -> list[np.ndarray]:
    """With level sets behind, the minimum (0, 0) is in view too."""
    return [np.zeros(2)] if data.get("quadratic") else []


def _quadratic_levels(ax: Axes, data: Mapping[str, Any], origin: np.ndarray, tips: Mapping[str, np.ndarray],
                      c: Colours) -> None:
    """Level sets of A·x² + B·y² through the start and each tip (ellipses round the minimum)."""
    coef = data.get("quadratic")
    if not coef:
        return
    a, b = (max(float(x), 1e-12) for x in coef)
    t = np.linspace(0, 2 * np.pi, 120)
    for p in (origin, *tips.values()):
        level = a * p[0] ** 2 + b * p[1] ** 2
        if level > 0:
            ax.plot(math.sqrt(level / a) * np.cos(t), math.sqrt(level / b) * np.sin(t), color=c.edge,
                    linewidth=0.8, zorder=1)
    ax.plot(0, 0, "+", color=c.muted, markersize=7, zorder=2)


def _component_bars(canvas: Canvas, vectors: Mapping[str, Sequence[float]], data: Mapping[str, Any],
                    c: Colours) -> None:
    """Vectors of any length as grouped bars, one group per component."""
    ax = axes_px(canvas, 40, 12, 24, 24)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, axis="y", color=c.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(length=0, labelsize=8)
    names = list(vectors)
    size = max((len(v) for v in vectors.values()), default=0)
    width = 0.8 / max(1, len(names))
    colour = _vector_colours(vectors, data, c)
    for i, name in enumerate(names):
        v = list(vectors[name]) + [0.0] * (size - len(vectors[name]))
        xs = np.arange(size) + (i - (len(names) - 1) / 2) * width
        ax.bar(xs, v, width * 0.92, color=colour[name], label=name)  # the values are on the bars
        for x, value in zip(xs, v, strict=True):
            ax.annotate(fmt(value), xy=(x, value), xytext=(0, 2 if value >= 0 else -2), textcoords="offset points",
                        ha="center", va="bottom" if value >= 0 else "top", color=c.muted, fontsize=7.5)
    ax.axhline(0, color=c.edge, linewidth=0.9)
    ax.set_xticks(range(size), [f"entry {i + 1}" for i in range(size)])
    few_ticks(ax, axes="y")
    ax.set_xlim(-0.6, size - 0.4)
    lo, hi = ax.get_ylim()
    ax.set_ylim(lo - 0.12 * (hi - lo), hi + 0.12 * (hi - lo))
    if names:
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(names), borderaxespad=0.2,
                  handlelength=1.0, fontsize=8.5, labelcolor=c.text)
    if "angle_deg" in data and data.get("show_angle"):
        ax.text(1, 1.02, f"θ = {fmt(float(data['angle_deg']))}°", transform=ax.transAxes, ha="right", va="bottom",
                color=c.text)


# -- parallelogram -------------------------------------------------------------------------------


@drawer("parallelogram")
def draw_parallelogram(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """The unit square (dashed) and its image under A, spanned by the columns u = A·e₁ and
    v = A·e₂; the image is filled, green for det > 0 and orange when det < 0 flips the
    orientation; a turn arrow from u to v shows which way round it goes."""
    u = np.array([float(x) for x in data.get("u", (1, 0))][:2])
    v = np.array([float(x) for x in data.get("v", (0, 1))][:2])
    det = float(data.get("det", u[0] * v[1] - u[1] * v[0]))
    ax = axes_px(canvas, 34, 14, 10, 38)
    plain_axes(ax, c)
    fill = c.mature if det > 0 else c.learning
    corners = np.array([(0, 0), u, u + v, v])
    ax.add_patch(Polygon(corners, closed=True, facecolor=fill, alpha=0.38, edgecolor=strong(fill, c, 0.15),
                         linewidth=3.0 if det == 0 else 1.2, zorder=2))
    ax.add_patch(Polygon([(0, 0), (1, 0), (1, 1), (0, 1)], closed=True, fill=False, edgecolor=c.muted,
                         linewidth=1.1, linestyle=(0, (3, 2)), zorder=3))
    fit_limits(ax, np.vstack([corners, [(1, 1)]]), pad=0.14)
    few_ticks(ax)
    labels = Labels(ax)
    for w, colour in ((u, c.accent), (v, c.text)):
        labels.reserve(w)
        if w.any():
            arrow(ax, (0, 0), w, colour)
        else:
            ax.plot(0, 0, "o", color=colour, markersize=5, zorder=5)
    for name, w, colour in (("A·e₁", u, c.accent), ("A·e₂", v, c.text)):
        labels.add(w, w if w.any() else (1, -1), f"{name} {point_text(w)}", colour)
    _turn_arrow(ax, u, v, det, c)
    if det > 0:
        text = f"det A = {fmt(det)}: the unit square (dashed) maps to area {fmt(abs(det))}, same orientation"
    elif det < 0:
        text = f"det A = {fmt(det)}: area {fmt(abs(det))}, orientation flipped (e₁→e₂ turns clockwise)"
    else:
        text = "det A = 0: the square collapses onto a line — area 0, A is not invertible"
    caption(canvas, text, c, y_px=3)


def _turn_arrow(ax: Axes, u: np.ndarray, v: np.ndarray, det: float, c: Colours) -> None:
    """A short curved arrow near the origin from u's direction to v's, the way the image turns."""
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if det == 0 or nu == 0 or nv == 0:
        return
    tu, tv = math.atan2(u[1], u[0]), math.atan2(v[1], v[0])
    sweep = (tv - tu + math.pi) % (2 * math.pi) - math.pi
    r = 0.3 * min(nu, nv)
    t = np.linspace(tu, tu + sweep * 0.85, 30)
    ax.plot(r * np.cos(t), r * np.sin(t), color=c.text, linewidth=1.0, zorder=5)
    arrow(ax, (r * math.cos(t[-2]), r * math.sin(t[-2])), (r * math.cos(t[-1]), r * math.sin(t[-1])), c.text,
          width=1.0, zorder=5)


# -- weight decay --------------------------------------------------------------------------------


@drawer("weight_decay")
def draw_weight_decay(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """The weight after each decay-only update: a geometric shrink toward 0 (never reaching it)."""
    w = [float(x) for x in data.get("w", ())]
    steps = [float(s) for s in data.get("steps", range(len(w)))][: len(w)]
    w = w[: len(steps)]
    ax = axes_px(canvas, 46, 84, 16, 34)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, color=c.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(length=0, labelsize=8)
    if not w:
        return
    ax.axhline(0, color=c.edge, linewidth=0.9)
    ax.plot(steps, w, "-", color=c.accent, linewidth=1.4, zorder=3)
    ax.plot(steps, w, "o", color=c.accent, markersize=3.5 if len(w) > 12 else 5, zorder=4)
    above = w[0] < 0  # the curve heads for 0: its label goes on the side away from the axis
    ax.annotate(f"w₀ = {fmt(w[0])}", xy=(steps[0], w[0]), xytext=(8, 7 if above else -7),
                textcoords="offset points", ha="left", va="bottom" if above else "top", color=c.text, fontsize=8.5)
    ax.annotate(f"after {fmt(steps[-1])}\nw = {w[-1]:.4f}".replace("-", MINUS), xy=(steps[-1], w[-1]),
                xytext=(8, 0), textcoords="offset points", ha="left", va="center", color=c.text, fontsize=8.5,
                annotation_clip=False)
    top = max(max(w), 0.0)
    bottom = min(min(w), 0.0)
    pad = 0.08 * (top - bottom or 1.0)
    ax.set_ylim(bottom - pad, top + pad)
    ax.set_xlim(steps[0], steps[-1] if steps[-1] > steps[0] else steps[0] + 1)
    few_ticks(ax, 6)
    ax.set_xlabel("update", labelpad=1)
    ax.set_ylabel("w", labelpad=2)
    factor = data.get("factor")
    if factor is not None:
        ax.set_title(f"each update multiplies w by 1 − ηλ = {fmt(float(factor), 6)}", color=c.muted, fontsize=8.5,
                     pad=3)
