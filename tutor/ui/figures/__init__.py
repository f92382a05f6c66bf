"""The pictures that content templates describe (``Figure.kind`` and its data), drawn with
matplotlib's Agg renderer into RGBA pixels, themed from the palette's colours.

Imported only on the plotting thread (``tutor.ui.workers.chart_pool``): matplotlib takes most
of a second to import and is not thread-safe. Never uses pyplot. Each kind is one function
``draw(figure, data, colours)`` registered with :func:`drawer`; the modules of this package
register theirs when :func:`render` first runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure as Canvas

from tutor.ui.agg import DPI as DPI  # the drawers size text and margins with it
from tutor.ui.agg import draw_rgba

if TYPE_CHECKING:
    from tutor.core.problems import Figure
    from tutor.ui.colours import Colours

FONT_PT = 9
Drawer = Callable[[Canvas, Mapping[str, Any], "Colours"], None]
DRAWERS: dict[str, Drawer] = {}
_MODULES = ("geometry", "calculus", "probability", "structure")  # each registers its kinds


class UnknownFigure(LookupError):
    """No drawer for this ``Figure.kind``."""


def drawer(*kinds: str) -> Callable[[Drawer], Drawer]:
    """Register ``draw(figure, data, colours)`` for the given kinds."""

    def register(fn: Drawer) -> Drawer:
        for kind in kinds:
            DRAWERS[kind] = fn
        return fn

    return register


def kinds() -> frozenset[str]:
    """Every kind that can be drawn."""
    _load()
    return frozenset(DRAWERS)


def render(figure: Figure, colours: Colours, width: int, height: int, ratio: float) -> tuple[bytes, int, int]:
    """Draw ``figure`` at ``width`` × ``height`` logical pixels and device pixel ratio
    ``ratio``; return RGBA bytes and the size in device pixels. UnknownFigure for a kind
    nothing draws; any other error is the drawer's (the view then shows no picture)."""
    _load()
    draw = DRAWERS.get(figure.kind)
    if draw is None:
        raise UnknownFigure(figure.kind)
    return draw_rgba(lambda canvas: draw(canvas, figure.data, colours), style(colours), width, height, ratio)


def style(c: Colours) -> dict[str, object]:
    """matplotlib settings for a figure in the palette's colours."""
    return {
        "font.size": FONT_PT, "text.color": c.text, "axes.labelcolor": c.muted,
        "axes.edgecolor": c.edge, "axes.facecolor": c.background, "figure.facecolor": c.background,
        "xtick.color": c.muted, "ytick.color": c.muted, "xtick.labelcolor": c.muted,
        "ytick.labelcolor": c.muted, "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": FONT_PT, "axes.titlecolor": c.text, "axes.grid": False,
        "grid.color": c.grid, "legend.frameon": False, "legend.fontsize": FONT_PT - 0.5,
        "lines.linewidth": 1.6, "patch.edgecolor": c.edge,
    }


def _load() -> None:
    for name in _MODULES:
        importlib.import_module(f"{__name__}.{name}")
