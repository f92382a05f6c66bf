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
    QSpinBox,
    QWidget,
)

from tutor.core.scheduling import DEFAULT_RETENTION, MAX_RETENTION, MIN_RETENTION
from tutor.study import MAX_NEW_PER_DAY, MAX_REVIEWS_PER_DAY

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
        self.retention.setRange(MIN_RETENTION, MAX_RETENTION)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(f"New skills per day (0–{MAX_NEW_PER_DAY})", self.new_per_day)
        layout.addRow(f"Reviews per day (0–{MAX_REVIEWS_PER_DAY})", self.reviews_per_day)
        layout.addRow("Scheduler", self.scheduler)
        layout.addRow("Desired retention (FSRS)", self.retention)
        layout.addRow(self.credit)
        layout.addRow(buttons)

    def _scheduler_changed(self) -> None:
        self.retention.setEnabled(self.scheduler.currentData() == "fsrs")

    def values(self) -> StudySettings:
        return StudySettings(
            new_per_day=self.new_per_day.value(),
            reviews_per_day=self.reviews_per_day.value(),
            scheduler=self.scheduler.currentData(),
            desired_retention=round(self.retention.value(), 2),
            credit_prerequisites=self.credit.isChecked(),
        )


def _spin(name: str, low: int, high: int, value: int, tip: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setToolTip(tip)
    return spin
