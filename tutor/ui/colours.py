"""Colours read from the palette on the GUI thread, as plain hex strings for workers that
draw with matplotlib (charts, figures)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class Colours:
    """Plain hex colours read from the palette on the GUI thread, for the worker."""

    background: str
    text: str
    muted: str
    grid: str
    accent: str
    on_accent: str  # text on an accent-coloured bar
    empty: str
    edge: str
    new: str
    learning: str
    mature: str
    node_text: str

    @classmethod
    def from_palette(cls, palette: QPalette) -> Colours:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        dark = base.lightnessF() < 0.5

        def blend(a: QColor, b: QColor | str, t: float) -> str:
            b = QColor(b)
            return QColor.fromRgbF(*(x + (y - x) * t for x, y in zip(
                a.getRgbF()[:3], b.getRgbF()[:3], strict=True))).name()

        return cls(
            background=base.name(), text=text.name(), muted=blend(text, base, 0.45),
            grid=blend(base, text, 0.12), accent=accent.name(),
            on_accent=palette.color(QPalette.ColorRole.HighlightedText).name(), empty=blend(base, text, 0.07),
            edge=blend(base, text, 0.3), new=blend(base, text, 0.13),
            learning=blend(base, "#e8a33d", 0.8 if dark else 0.62),
            mature=blend(base, "#2e9e5b", 0.8 if dark else 0.6),
            node_text=text.name(),
        )
