"""What belongs to this machine rather than to the progress: the theme, the font size and
where the window was. Kept in ``this-machine.ini`` in the data directory (QSettings' INI
format), so a restored backup or an imported history never changes them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from tutor.ui.theme import BASE_FONT_PX, DEFAULT_THEME, MAX_FONT_PX, MIN_FONT_PX, THEMES

FILE_NAME = "this-machine.ini"


class LocalPrefs:
    def __init__(self, data_dir: Path) -> None:
        self._settings = QSettings(str(Path(data_dir) / FILE_NAME), QSettings.Format.IniFormat)

    @property
    def theme(self) -> str:
        value = str(self._settings.value("look/theme", DEFAULT_THEME))
        return value if value in dict(THEMES) else DEFAULT_THEME

    @property
    def font_px(self) -> int:
        try:
            value = int(self._settings.value("look/font_px", BASE_FONT_PX))
        except (TypeError, ValueError):
            return BASE_FONT_PX
        return value if MIN_FONT_PX <= value <= MAX_FONT_PX else BASE_FONT_PX

    def set_look(self, theme: str, font_px: int) -> None:
        self._settings.setValue("look/theme", theme)
        self._settings.setValue("look/font_px", font_px)
        self._settings.sync()

    @property
    def geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.sync()

    def last_learner(self, database: str) -> str | None:
        """Whose progress this machine opened last in ``database`` (its URL, or "" for the
        data folder's own file): opened again when no learner is named."""
        value = self._settings.value(_learner_key(database))
        return str(value) if value else None

    def set_last_learner(self, database: str, name: str) -> None:
        self._settings.setValue(_learner_key(database), name)
        self._settings.sync()


def _learner_key(database: str) -> str:
    import hashlib

    return "learner/" + (hashlib.sha256(database.encode()).hexdigest()[:16] if database else "local")
