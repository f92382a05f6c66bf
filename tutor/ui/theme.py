"""The look: Fusion style plus one palette-based stylesheet from assets/."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tutor.paths import assets_dir


def stylesheet() -> str:
    path = assets_dir() / "style.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""  # the app still works unstyled


def apply_theme(window: QWidget) -> None:
    window.setStyleSheet(stylesheet())
