"""One matplotlib picture into RGBA pixels with the Agg renderer (charts and figures).

Imported only on the plotting thread, with matplotlib. Never uses pyplot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 100  # matplotlib points per logical inch; the device pixel ratio multiplies it


def draw_rgba(
    draw: Callable[[Figure], None], rc: Mapping[str, object], width: int, height: int, ratio: float,
) -> tuple[bytes, int, int]:
    """``draw(figure)`` at ``width`` × ``height`` logical pixels and device pixel ratio
    ``ratio``, with matplotlib settings ``rc``; RGBA bytes and the size in device pixels."""
    with rc_context(dict(rc)):
        figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI * ratio)
        canvas = FigureCanvasAgg(figure)
        draw(figure)
        canvas.draw()
        pixels = canvas.buffer_rgba()
        return bytes(pixels), pixels.shape[1], pixels.shape[0]
