"""The look: Fusion style, a light or a dark palette, and one palette-based stylesheet.

The theme is ``system`` (follow the desktop's colour scheme, and change when it changes),
``light`` or ``dark``. Both palettes are ours, so a theme looks the same on every desktop;
the stylesheet (``assets/style.qss``) names only palette roles, so it follows either. The
font size scales every size in the stylesheet.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QWidget

from tutor.paths import assets_dir

THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
DEFAULT_THEME = "system"
BASE_FONT_PX = 14  # the stylesheet is written for this size
MIN_FONT_PX, MAX_FONT_PX = 11, 24
_FONT_SIZE = re.compile(r"font-size:\s*(\d+)px")

LIGHT = {
    "window": "#f3f3f5", "base": "#ffffff", "alternate": "#f7f7f9", "text": "#1d1d1f",
    "button": "#fbfbfc", "mid": "#8a8a90", "midlight": "#d9d9de", "dark": "#a0a0a6",
    "highlight": "#2f6fc0", "highlighted": "#ffffff", "link": "#2360a8", "tooltip": "#ffffe6",
    "placeholder": "#8a8a90", "disabled": "#a4a4aa",
}
DARK = {
    "window": "#25262a", "base": "#1b1c1f", "alternate": "#222327", "text": "#e8e8ea",
    "button": "#303136", "mid": "#9a9aa2", "midlight": "#44454b", "dark": "#16171a",
    "highlight": "#5b9be6", "highlighted": "#0f1013", "link": "#7fb2f0", "tooltip": "#33343a",
    "placeholder": "#8c8c94", "disabled": "#6c6c73",
}


class TutorStyle(QProxyStyle):
    """Fusion, with check boxes and radio buttons that show on a dark palette.

    Fusion outlines them in the window colour made darker, which on our dark palette is
    nearly the colour of the field behind them: the tree of the drill dialog showed no boxes.
    On a dark palette they are drawn as if the window colour were the mid grey."""

    INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: ANN001, N802 - Qt's
        if element in self.INDICATORS and option.palette.base().color().lightness() < 128:
            option = type(option)(option)
            palette = QPalette(option.palette)
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
                palette.setColor(group, QPalette.ColorRole.Window, palette.color(group, QPalette.ColorRole.Mid))
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)


def use_tutor_style(app: QApplication) -> None:
    """Fusion everywhere (the same look on every desktop), with visible indicators."""
    if not isinstance(app.style(), TutorStyle):
        app.setStyle(TutorStyle())


def is_dark(choice: str) -> bool:
    """Whether ``choice`` means dark here and now (``system`` asks the desktop)."""
    if choice in ("light", "dark"):
        return choice == "dark"
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def palette(dark: bool) -> QPalette:
    """Our light or dark palette, every role set (Fusion draws from it)."""
    tokens = DARK if dark else LIGHT
    p = QPalette()
    roles = QPalette.ColorRole
    for role, token in (
        (roles.Window, "window"), (roles.WindowText, "text"), (roles.Base, "base"),
        (roles.AlternateBase, "alternate"), (roles.Text, "text"), (roles.Button, "button"),
        (roles.ButtonText, "text"), (roles.BrightText, "highlighted"), (roles.Mid, "mid"),
        (roles.Midlight, "midlight"), (roles.Dark, "dark"), (roles.Light, "base"),
        (roles.Shadow, "dark"), (roles.Highlight, "highlight"),
        (roles.HighlightedText, "highlighted"), (roles.Link, "link"), (roles.LinkVisited, "link"),
        (roles.ToolTipBase, "tooltip"), (roles.ToolTipText, "text"),
        (roles.PlaceholderText, "placeholder"),
    ):
        p.setColor(role, QColor(tokens[token]))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(tokens["disabled"]))
    return p


def stylesheet(font_px: int = BASE_FONT_PX) -> str:
    """The app's stylesheet with every font size scaled to ``font_px`` for body text."""
    path = assets_dir() / "style.qss"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""  # the app still works unstyled
    if font_px == BASE_FONT_PX:
        return text
    scale = font_px / BASE_FONT_PX
    return _FONT_SIZE.sub(lambda m: f"font-size: {round(int(m.group(1)) * scale)}px", text)


_font_px = BASE_FONT_PX  # the size the main window chose, for the other windows


def apply_theme(window: QWidget, choice: str = DEFAULT_THEME, font_px: int = BASE_FONT_PX) -> bool:
    """Give the whole application the theme ``choice`` and ``window`` the stylesheet at
    ``font_px``; return whether it is dark. Other windows pick the palette up at once."""
    global _font_px
    _font_px = font_px
    dark = is_dark(choice)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        use_tutor_style(app)
        app.setPalette(palette(dark))
    window.setStyleSheet(stylesheet(font_px))  # palette(...) in the sheet is read again
    return dark


def window_stylesheet() -> str:
    """The stylesheet for another top-level window (browser, statistics), at the chosen size."""
    return stylesheet(_font_px)
