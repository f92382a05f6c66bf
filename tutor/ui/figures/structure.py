"""Figures of structure: a network's layers with their widths and tensor shapes, a computation
graph with its nodes in order, the shapes a tensor takes through a model, and how the cost of
attention scales with the context length.

Diagrams are boxes, circles and arrows drawn with matplotlib patches on frameless axes whose
data units are the canvas's logical pixels, so text and boxes keep their size at any figure size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import NullFormatter, NullLocator

from tutor.ui.figures import DPI, FONT_PT, drawer
from tutor.ui.figures.probability import SMALL_PT, axes, floats, fmt, title

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas

    from tutor.ui.colours import Colours

MAX_DRAWN = 6  # a wider layer is drawn as this many units with an ellipsis
CHAR_PX = 5.6  # about the width of one 8 pt character, in logical pixels


def pixel_axes(canvas: Canvas) -> tuple[Axes, float, float]:
    """Frameless axes covering the canvas, in logical pixels (y up); returns (axes, w, h)."""
    w, h = canvas.get_size_inches() * DPI
    ax = canvas.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, w)
    ax.set_ylim(0, h)
    return ax, float(w), float(h)


def shape_text(shape: Any) -> str:
    """(32, 6, 20, 128) for a list of sizes (numbers or symbols)."""
    if isinstance(shape, (list, tuple)):
        parts = [fmt(float(s)) if isinstance(s, (int, float)) else str(s) for s in shape]
        return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
    return str(shape)


def _box(ax: Axes, x: float, y: float, w: float, h: float, text: str, c: Colours, edge: str | None = None,
         size: float = FONT_PT, fill: str | None = None) -> None:
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0,rounding_size=4",
                                fc=fill or c.background, ec=edge or c.accent, lw=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=size, color=c.text)


def _arrow(ax: Axes, a: tuple[float, float], b: tuple[float, float], c: Colours, rad: float = 0.0,
           colour: str | None = None) -> None:
    ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=9, color=colour or c.muted, lw=1,
                                 connectionstyle=f"arc3,rad={rad}", shrinkA=0, shrinkB=0))


def _edge_point(centre: tuple[float, float], half: tuple[float, float], towards: tuple[float, float],
                gap: float = 2.0) -> tuple[float, float]:
    """Where the segment from a box's centre towards a point leaves the box (plus a small gap)."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    if dx == 0 and dy == 0:
        return centre
    t = min(half[0] / abs(dx) if dx else math.inf, half[1] / abs(dy) if dy else math.inf)
    length = math.hypot(dx, dy)
    t += gap / length
    return centre[0] + dx * t, centre[1] + dy * t


# ---------------------------------------------------------------- network

@drawer("network")
def draw_network(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """Layers as columns of units with their widths; a linear layer's weights on its edges; a
    classifier's logits and probabilities; a batch's tensor shapes under each layer."""
    widths = [max(int(v), 1) for v in floats(data.get("layers")) or [1]]
    ax, w, h = pixel_axes(canvas)
    names = _layer_names(data, len(widths))
    top, bottom = h - 42, 58 if "batch" in data else 40
    xs = np.linspace(70, w - (180 if "logits" in data else 70), len(widths))
    columns = [_unit_positions(x, n, top, bottom) for x, n in zip(xs, widths, strict=True)]
    _edges(ax, columns, data, c)
    for x, n, units, name in zip(xs, widths, columns, names, strict=True):
        for _, (ux, uy) in units:
            ax.add_patch(Circle((ux, uy), 8, fc=c.background, ec=c.accent, lw=1.4, zorder=3))
        if n > MAX_DRAWN:
            ax.text(x, (units[-2][1][1] + units[-1][1][1]) / 2, "⋮", ha="center", va="center",
                    fontsize=FONT_PT + 2, color=c.muted)
        side = "left" if x == xs[0] else "right" if x == xs[-1] and "logits" not in data else "center"
        ax.text(x + {"left": -14, "right": 14, "center": 0}[side], h - 4, f"{name}\n{n} unit{'s' if n != 1 else ''}",
                ha=side, va="top", fontsize=SMALL_PT, linespacing=1.1)
    if "weights" in data:
        _unit_names(ax, columns, c)
    if "logits" in data:
        _logit_labels(ax, columns[-1], data, c)
    if "batch" in data:
        _batch_shapes(ax, xs, widths, data, c)


def _layer_names(data: Mapping[str, Any], n: int) -> list[str]:
    if "logits" in data:
        return ["input x", "logits z = W·x"][:n] + [f"layer {i}" for i in range(3, n + 1)]
    if n == 2:
        return ["input x", "output y = W·x" if "weights" in data else "output y"]
    return ["input x"] + [f"hidden h{'' if n == 3 else i}" for i in range(1, n - 1)] + ["output y"]


def _unit_positions(x: float, n: int, top: float, bottom: float) -> list[tuple[int, tuple[float, float]]]:
    """(unit index, centre) of the units drawn for a layer of n units: all of them, or the first
    few and the last with a gap for the ellipsis."""
    shown = list(range(n)) if n <= MAX_DRAWN else [*range(MAX_DRAWN - 2), n - 1]
    slots = len(shown) + (1 if n > MAX_DRAWN else 0)
    step = min(56.0 if n <= 3 else 30.0, (top - bottom) / max(slots - 1, 1))
    mid = (top + bottom) / 2
    ys = [mid + step * ((slots - 1) / 2 - k) for k in range(slots)]
    if n > MAX_DRAWN:
        ys = ys[:MAX_DRAWN - 2] + ys[-1:]
    return list(zip(shown, ((x, y) for y in ys), strict=True))


def _edges(ax: Axes, columns: list[list[tuple[int, tuple[float, float]]]], data: Mapping[str, Any],
           c: Colours) -> None:
    weights = data.get("weights")
    for left, right in zip(columns, columns[1:], strict=False):
        for k, (j, a) in enumerate(left):
            for i, b in right:
                value = _weight(weights, i, j)
                colour = c.grid if value is None else (c.accent if value > 0 else c.learning if value < 0 else c.grid)
                lw = 0.8 if value is None else 0.6 + 0.5 * min(abs(value), 4)
                ax.plot([a[0] + 8, b[0] - 8], [a[1], b[1]], color=colour, lw=lw, zorder=1)
                if value is not None:
                    t = 0.7 if len(left) == 1 else 0.42 + 0.36 * k / (len(left) - 1)
                    ax.text(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, fmt(value), ha="center",
                            va="center", fontsize=SMALL_PT, color=c.text, zorder=4,
                            bbox={"boxstyle": "round,pad=0.15", "fc": c.background, "ec": colour, "lw": 0.6})


def _weight(weights: Any, i: int, j: int) -> float | None:
    try:
        v = float(weights[i][j])
    except (TypeError, IndexError, ValueError, KeyError):
        return None
    return v if math.isfinite(v) else None


def _sub(i: int) -> str:
    return str(i).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _unit_names(ax: Axes, columns: list[list[tuple[int, tuple[float, float]]]], c: Colours) -> None:
    for k, (letter, side) in enumerate((("x", -1), ("y", 1))):
        if k >= len(columns):
            return
        for i, (ux, uy) in columns[-1 if k else 0]:
            ax.text(ux + side * 13, uy, f"{letter}{_sub(i + 1)}", ha="left" if side > 0 else "right",
                    va="center", fontsize=SMALL_PT, color=c.muted)
    ax.text(ax.get_xlim()[1] / 2, 6, "edge from xⱼ to yᵢ: the weight Wᵢⱼ (blue > 0, orange < 0)",
            ha="center", va="bottom", fontsize=SMALL_PT, color=c.muted)


def _logit_labels(ax: Axes, column: list[tuple[int, tuple[float, float]]], data: Mapping[str, Any],
                  c: Colours) -> None:
    logits, probs = floats(data.get("logits")), floats(data.get("probs"))
    target = data.get("target")
    for i, (ux, uy) in column:
        z = fmt(logits[i], 4) if i < len(logits) else "?"
        p = fmt(probs[i], 4) if i < len(probs) else "?"
        ax.text(ux + 13, uy, f"z{_sub(i + 1)} = {z}, p{_sub(i + 1)} = {p}", ha="left", va="center",
                fontsize=SMALL_PT, color=c.text, fontweight="bold" if i == target else "normal")
    ax.text(ax.get_xlim()[1] / 2, 6, "p = softmax(z); bold: the true class, whose −ln p is the loss", ha="center",
            va="bottom", fontsize=SMALL_PT, color=c.muted)


def _batch_shapes(ax: Axes, xs: Sequence[float], widths: Sequence[int], data: Mapping[str, Any],
                  c: Colours) -> None:
    batch = data.get("batch")
    letters = ["x"] + [f"h{'' if len(widths) == 3 else i}" for i in range(1, len(widths) - 1)] + ["y"]
    for x, n, letter in zip(xs, widths, letters, strict=True):
        ax.text(x, 30, f"{letter}: {shape_text([batch, n])}", ha="center", va="center", fontsize=SMALL_PT,
                color=c.text, bbox={"boxstyle": "round,pad=0.25", "fc": c.empty, "ec": "none"})
    for k, (x0, x1) in enumerate(zip(xs, xs[1:], strict=False)):
        n, m = widths[k], widths[k + 1]
        text = f"W{_sub(k + 1)}: {shape_text([n, m])}\nb{_sub(k + 1)}: {shape_text([m])}"
        ax.text((x0 + x1) / 2, (ax.get_ylim()[1] + 16) / 2, text, ha="center", va="center", fontsize=SMALL_PT,
                color=c.text, zorder=5, bbox={"boxstyle": "round,pad=0.25", "fc": c.background, "ec": c.edge,
                                              "lw": 0.6})
    ax.text(ax.get_xlim()[1] / 2, 4, f"batch {batch}: a tensor is (batch, width), W is (in, out)",
            ha="center", va="bottom", fontsize=SMALL_PT, color=c.muted)


# ---------------------------------------------------------------- dag

@drawer("dag")
def draw_dag(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """A computation graph: nodes as boxes laid out in topological order (left to right),
    edges as arrows, each node with its operation, its forward value and its gradient."""
    nodes, edges = _graph(data)
    if not nodes:
        return
    ax, w, h = pixel_axes(canvas)
    labels = {n: _node_label(n, data) for n in nodes}
    room = (2 * (w - 16) - 6 * (len(nodes) - 1)) / (len(nodes) + 1) if "order" in data else 120.0
    if "order" in data and _widest(labels) > room:  # break "6: A=softmax(S)" after its number
        labels = {n: t.replace(": ", "\n", 1) for n, t in labels.items()}
    box_w = min(max(_widest(labels), 34), 120, max(room, 34))
    box_h = 30 if any("\n" in t for t in labels.values()) else 22
    positions = (_row_layout if "order" in data else _layered_layout)(nodes, edges, data, w, h, box_w, box_h)
    half = (box_w / 2, box_h / 2)
    for a, b in edges:
        pa, pb = positions[a], positions[b]
        rad = _curvature(pa, pb, positions, half)
        _arrow(ax, _edge_point(pa, half, pb), _edge_point(pb, half, pa), c, rad)
    grads = _gradients(data)
    for n in nodes:
        x, y = positions[n]
        _box(ax, x, y, box_w, box_h, labels[n], c, size=SMALL_PT)
        if n in grads:
            ax.text(x, y - box_h / 2 - 4, grads[n], ha="center", va="top", fontsize=SMALL_PT, color=c.text,
                    bbox={"boxstyle": "round,pad=0.2", "fc": c.background, "ec": c.learning, "lw": 1})
    title_text = _dag_title(data)
    ax.text(6, h - 4, title_text, ha="left", va="top", fontsize=SMALL_PT, color=c.muted)


def _widest(labels: Mapping[str, str]) -> float:
    return max(len(line) for t in labels.values() for line in t.split("\n")) * CHAR_PX + 14


def _graph(data: Mapping[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    """The node names in listed order and the edges between them (given by name or number)."""
    raw = data.get("nodes")
    if isinstance(raw, Mapping):  # reverse mode: inputs first, then the computed nodes
        nodes = [str(k) for k in (data.get("inputs") or {})] + [str(k) for k in raw]
    else:
        nodes = [str(n) for n in raw or ()]
    index = {str(i): n for i, n in enumerate(nodes, 1)}
    edges = []
    for pair in data.get("edges") or ():
        try:
            a, b = (str(v) for v in pair)
        except (TypeError, ValueError):
            continue
        a, b = (x if x in nodes else index.get(x, x) for x in (a, b))
        if a in nodes and b in nodes and a != b:
            edges.append((a, b))
    return nodes, edges


def _values(data: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(data.get("inputs") or {})
    if isinstance(data.get("nodes"), Mapping):
        values.update(data["nodes"])
    values.update(data.get("forward") or {})
    return {str(k): v for k, v in values.items()}


def _gradients(data: Mapping[str, Any]) -> dict[str, str]:
    grads = data.get("grads") or data.get("backward") or {}
    top = "z" if "grads" in data else "L"
    return {str(k): f"∂{top}/∂{k} = {_num(v)}" for k, v in grads.items()}


def _num(v: Any) -> str:
    try:
        return fmt(float(v), 4)
    except (TypeError, ValueError):
        return str(v)


def _node_label(name: str, data: Mapping[str, Any]) -> str:
    ops = data.get("ops") or {}
    values = _values(data)
    first = f"{name} = {ops[name]}" if name in ops else name
    return f"{first}\n= {_num(values[name])}" if name in values else first


def _dag_title(data: Mapping[str, Any]) -> str:
    if "order" in data:
        return "Kahn's output order, left to right: every arrow points right"
    if "grads" in data or "backward" in data:
        return "boxes: forward values · orange frames: the gradients"
    return "the computation graph"


def _depths(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Each node's longest distance from a source (0 for inputs); cycles are cut."""
    depth = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):
        changed = False
        for a, b in edges:
            if depth[b] < depth[a] + 1 <= len(nodes):
                depth[b] = depth[a] + 1
                changed = True
        if not changed:
            break
    return depth


def _layered_layout(nodes: Sequence[str], edges: Sequence[tuple[str, str]], data: Mapping[str, Any],
                    w: float, h: float, box_w: float, box_h: float) -> dict[str, tuple[float, float]]:
    depth = _depths(nodes, edges)
    layers: dict[int, list[str]] = {}
    for n in nodes:
        layers.setdefault(depth[n], []).append(n)
    count = max(layers) + 1
    xs = np.linspace(box_w / 2 + 10, w - box_w / 2 - 10, count) if count > 1 else [w / 2]
    positions = {}
    for d, members in layers.items():
        step = min(74.0, (h - 60) / max(len(members) - 1, 1))
        for k, n in enumerate(members):
            positions[n] = (float(xs[d]), (h - 10) / 2 + step * ((len(members) - 1) / 2 - k))
    return positions


def _row_layout(nodes: Sequence[str], edges: Sequence[tuple[str, str]], data: Mapping[str, Any],
                w: float, h: float, box_w: float, box_h: float) -> dict[str, tuple[float, float]]:
    """The nodes left to right in the data's order (node numbers from 1), alternately high and
    low so that long labels and arrows between neighbours have room."""
    index = {str(i): n for i, n in enumerate(nodes, 1)}
    order = [index.get(str(k), str(k)) for k in data.get("order") or ()]
    order = [n for n in dict.fromkeys(order) if n in nodes] + [n for n in nodes if n not in order]
    xs = np.linspace(box_w / 2 + 8, w - box_w / 2 - 8, len(order)) if len(order) > 1 else [w / 2]
    zig = len(order) * box_w > w - 16
    mid = h / 2 - 4
    lift = (box_h + 14) / 2 if zig else 0.0
    return {n: (float(x), mid + (lift if k % 2 == 0 else -lift)) for k, (n, x) in enumerate(zip(order, xs,
                                                                                             strict=True))}


def _curvature(a: tuple[float, float], b: tuple[float, float], positions: Mapping[str, tuple[float, float]],
               half: tuple[float, float]) -> float:
    """Bend an arrow that would pass through another box."""
    for p in positions.values():
        if p in (a, b):
            continue
        t = np.linspace(0.1, 0.9, 9)
        xs, ys = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        if np.any((np.abs(xs - p[0]) < half[0] + 2) & (np.abs(ys - p[1]) < half[1] + 2)):
            return -0.35 if a[1] >= p[1] else 0.35
    return 0.0


# ---------------------------------------------------------------- tensor shapes

@drawer("tensor_shapes")
def draw_tensor_shapes(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """The shapes a tensor takes through a model, top to bottom, each step's operation on its
    arrow and a note beside a tensor (e.g. the shape of K and V)."""
    tensors = _tensors(data)
    if not tensors:
        return
    ax, w, h = pixel_axes(canvas)
    ops = [str(o) for o in data.get("ops") or ()]
    n = len(tensors)
    row = min(56.0, (h - 16) / n)
    box_w = min(max(len(f"{nm}  {shape_text(s)}") for nm, s, _ in tensors) * CHAR_PX + 22, w * 0.5)
    x = 12 + box_w / 2
    for k, (name, shape, note) in enumerate(tensors):
        y = h - 8 - row * (k + 0.5)
        _box(ax, x, y, box_w, min(22.0, row * 0.5), f"{name}  {shape_text(shape)}", c, size=SMALL_PT,
             fill=c.empty if k in (0, n - 1) else None)
        if note:
            ax.text(x + box_w / 2 + 10, y, note, ha="left", va="center", fontsize=SMALL_PT, color=c.muted)
        if k + 1 < n:
            y1 = y - row + min(11.0, row * 0.25)
            _arrow(ax, (x, y - min(11.0, row * 0.25)), (x, y1), c)
            if k < len(ops):
                ax.text(x + 10, (y + y1) / 2 - min(11.0, row * 0.25) / 2 + 5, ops[k], ha="left", va="center",
                        fontsize=SMALL_PT, color=c.text)


def _tensors(data: Mapping[str, Any]) -> list[tuple[str, Any, str]]:
    """(name, shape, note) rows: the data's ``tensors`` list, or each list-valued entry in order."""
    rows = []
    if "tensors" in data:
        for item in data["tensors"] or ():
            if isinstance(item, (list, tuple)) and len(item) >= 2:
                rows.append((str(item[0]), item[1], str(item[2]) if len(item) > 2 else ""))
        return rows
    return [(str(k), v, "") for k, v in data.items() if isinstance(v, (list, tuple))]


# ---------------------------------------------------------------- scaling

@drawer("scaling")
def draw_scaling(canvas: Canvas, data: Mapping[str, Any], c: Colours) -> None:
    """The entries of an n × n score matrix against the context length n (log axes): a k-times
    longer context costs k² times as much."""
    n = max(float(data.get("n") or 1), 1.0)
    k = max(float(data.get("k") or 1), 1.0)
    ax = axes(canvas, 56, 16, 24, 36)
    ns = np.geomspace(max(n / 4, 1), n * k * 5, 40)
    ax.loglog(ns, ns ** 2, color=c.accent)
    ax.set_xlim(ns[0], ns[-1])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_minor_locator(NullLocator())
    ax.tick_params(labelsize=SMALL_PT)
    for x, colour, name in ((n, c.accent, "n"), (n * k, c.learning, "k·n")):
        ax.plot([x], [x * x], "o", color=colour, ms=5, zorder=3)
        first = name == "n"
        ax.annotate(f"{name} = {fmt(x)}: {_big(x * x)} entries", (x, x * x), xytext=(8, -2) if first else (-8, 2),
                    textcoords="offset points", ha="left" if first else "right", va="top" if first else "bottom",
                    fontsize=SMALL_PT, color=c.text)
    growth = data.get("growth", k * k)
    if k > 1:
        ax.annotate("", (n * k, (n * k) ** 2), (n * k, n * n),
                    arrowprops={"arrowstyle": "->", "color": c.learning, "lw": 1, "shrinkA": 0, "shrinkB": 4})
        ax.plot([n, n * k], [n * n, n * n], color=c.learning, lw=0.9, ls=":")
        ax.text(n * k * 1.12, n * n * k, f"× {fmt(float(growth))} = {fmt(k)}²", ha="left", va="center",
                fontsize=SMALL_PT, color=c.text)
    ax.set_xlabel("context length n (tokens, log scale)", labelpad=1)
    ax.set_ylabel("entries of S = QKᵀ: n²")
    title(ax, f"a {fmt(k)}× longer context: the score matrix grows {fmt(float(growth))}×", c)


def _big(v: float) -> str:
    """16.8 M for 16777216: a large count in words a learner reads at a glance."""
    for size, unit in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if v >= size:
            return f"{fmt(v / size, 3)} {unit}"
    return fmt(v)
