"""What the figure tests share: light and dark colours, and how much of a picture is ink."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QPalette

from tutor.ui.colours import Colours


def palette_colours(dark: bool) -> Colours:
    """The colours a light or a dark palette gives the drawers."""
    palette = QPalette()
    base, text = ("#1e1f22", "#e6e6e6") if dark else ("#ffffff", "#1d1d1f")
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d7cc9"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return Colours.from_palette(palette)


def ink(data: bytes, width: int, height: int, background: str) -> float:
    """The share of pixels that differ from the background: 0 means a blank picture."""
    pixels = np.frombuffer(data, dtype=np.uint8).reshape(height, width, 4)[..., :3].astype(int)
    bg = np.array(QColor(background).getRgb()[:3])
    return float((np.abs(pixels - bg).sum(axis=2) > 30).mean())
