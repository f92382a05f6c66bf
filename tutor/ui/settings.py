"""Preferences that shape learning (kept in the database, so they travel with the progress)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

MAX_NEW_PER_DAY = 50


class SettingsDialog(QDialog):
    def __init__(self, new_per_day: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.new_per_day = QSpinBox()
        self.new_per_day.setObjectName("newPerDaySpin")
        self.new_per_day.setRange(0, MAX_NEW_PER_DAY)
        self.new_per_day.setValue(new_per_day)
        self.new_per_day.setToolTip("How many skills you have not seen before are offered each day.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow("New skills per day", self.new_per_day)
        layout.addRow(buttons)
