"""Preferences that shape learning (kept in the database, so they travel with the progress)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from tutor.core.scheduling import DEFAULT_RETENTION, MAX_RETENTION, MIN_RETENTION
from tutor.study import MAX_NEW_PER_DAY, MAX_REVIEWS_PER_DAY
from tutor.ui.theme import BASE_FONT_PX, DEFAULT_THEME, MAX_FONT_PX, MIN_FONT_PX, THEMES

TYPING_ROOM = 10**6  # a box lets any number be typed; OK refuses one out of range, saying why

SCHEDULER_CHOICES = (
    ("sm2", "SM-2 (SuperMemo 2, exact) — the default"),
    ("fsrs", "FSRS-6 (predicts forgetting; aims at a retention you choose)"),
)


@dataclass(frozen=True)
class StudySettings:
    new_per_day: int
    reviews_per_day: int
    scheduler: str = "sm2"
    desired_retention: float = DEFAULT_RETENTION
    credit_prerequisites: bool = True
    theme: str = DEFAULT_THEME  # this machine's look, not the progress's (see LocalPrefs)
    font_px: int = BASE_FONT_PX


class SettingsDialog(QDialog):
    def __init__(self, current: StudySettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.new_per_day = _spin("newPerDaySpin", 0, MAX_NEW_PER_DAY, current.new_per_day,
                                 "How many skills you have not seen before are offered each day.")
        self.reviews_per_day = _spin(
            "reviewsPerDaySpin", 0, MAX_REVIEWS_PER_DAY, current.reviews_per_day,
            "At most this many scheduled reviews a day; over the limit, the skills most overdue "
            "for their interval come first.",
        )
        self.scheduler = QComboBox()
        self.scheduler.setObjectName("schedulerCombo")
        for name, label in SCHEDULER_CHOICES:
            self.scheduler.addItem(label, name)
        self.scheduler.setCurrentIndex(max(0, self.scheduler.findData(current.scheduler)))
        self.scheduler.setToolTip(
            "Changing the scheduler recomputes every skill from your review history; nothing is "
            "lost, and switching back gives the same schedule as before.\n"
            "FSRS maps grades as: I don't know / wrong / close → Again, Hard → Hard, Good → Good, Easy → Easy."
        )
        self.retention = QDoubleSpinBox()
        self.retention.setObjectName("retentionSpin")
        self.retention.setRange(0.0, 1.0)  # typed as typed; OK refuses one out of range
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(current.desired_retention)
        self.retention.setToolTip(
            f"FSRS schedules each skill for when you would recall it with this probability "
            f"({MIN_RETENTION:.2f}–{MAX_RETENTION:.2f}). Higher means more reviews."
        )
        self.credit = QCheckBox("Passing a skill also counts as a review of its due prerequisites")
        self.credit.setObjectName("creditCheck")
        self.credit.setChecked(current.credit_prerequisites)
        self.scheduler.currentIndexChanged.connect(self._scheduler_changed)
        self._scheduler_changed()
        self.theme = QComboBox()
        self.theme.setObjectName("themeCombo")
        for name, label in THEMES:
            self.theme.addItem(label, name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(current.theme)))
        self.font_px = _spin("fontSizeSpin", MIN_FONT_PX, MAX_FONT_PX, current.font_px,
                             "The size of the text, in pixels (the default is 14).")
        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "notice")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(f"New skills per day (0–{MAX_NEW_PER_DAY})", self.new_per_day)
        layout.addRow(f"Reviews per day (0–{MAX_REVIEWS_PER_DAY})", self.reviews_per_day)
        layout.addRow("Scheduler", self.scheduler)
        layout.addRow("Desired retention (FSRS)", self.retention)
        layout.addRow(self.credit)
        layout.addRow("Theme", self.theme)
        layout.addRow(f"Font size ({MIN_FONT_PX}–{MAX_FONT_PX} px)", self.font_px)
        layout.addRow(self.error)
        layout.addRow(buttons)
        self._limits = {
            self.new_per_day: ("New skills per day", 0, MAX_NEW_PER_DAY),
            self.reviews_per_day: ("Reviews per day", 0, MAX_REVIEWS_PER_DAY),
            self.font_px: ("The font size", MIN_FONT_PX, MAX_FONT_PX),
        }

    def problems(self) -> list[str]:
        """What is out of range, in words (empty when every value can be used)."""
        found = []
        for spin, (what, low, high) in self._limits.items():
            if not low <= spin.value() <= high:
                found.append(f"{what} must be between {low} and {high} — you typed {spin.value()}.")
        retention = round(self.retention.value(), 2)
        if self.retention.isEnabled() and not MIN_RETENTION <= retention <= MAX_RETENTION:
            found.append(f"The desired retention must be between {MIN_RETENTION:.2f} and "
                         f"{MAX_RETENTION:.2f} — you typed {retention:.2f}.")
        return found

    def accept(self) -> None:
        """OK: refuse a value out of range with a message, and keep the dialog open."""
        found = self.problems()
        if found:
            self.error.setText("\n".join(found) + "\nNothing was changed yet.")
            self.error.show()
            for spin in self._limits:
                if not self._limits[spin][1] <= spin.value() <= self._limits[spin][2]:
                    spin.setFocus()
                    spin.selectAll()
                    break
            return
        super().accept()

    def _scheduler_changed(self) -> None:
        self.retention.setEnabled(self.scheduler.currentData() == "fsrs")

    def values(self) -> StudySettings:
        return StudySettings(
            new_per_day=self.new_per_day.value(),
            reviews_per_day=self.reviews_per_day.value(),
            scheduler=self.scheduler.currentData(),
            desired_retention=round(self.retention.value(), 2),
            credit_prerequisites=self.credit.isChecked(),
            theme=self.theme.currentData(),
            font_px=self.font_px.value(),
        )


def _spin(name: str, low: int, high: int, value: int, tip: str) -> QSpinBox:
    """A number box for ``low``–``high`` that lets any number be typed (60 stays 60, never
    6): the dialog refuses one out of range on OK, with a message."""
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, max(high, TYPING_ROOM))
    spin.setValue(value)
    spin.setToolTip(tip)
    return spin
