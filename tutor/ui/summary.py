"""The end-of-session summary."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from tutor.study import Summary
from tutor.ui.today import day_text, plural
from tutor.ui.widgets import ActionButton, make_label


class SummaryScreen(QWidget):
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("summaryScreen")
        title = make_label("summaryTitle", "Session complete")
        title.setProperty("role", "title")
        self.body = make_label("summaryLabel")
        self.body.setProperty("role", "prompt")
        self.back = ActionButton("Back to Today", "backButton")
        self.back.setProperty("role", "primary")
        self.back.clicked.connect(self.back_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(self.body)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back)
        layout.addLayout(row)

    def show_summary(self, summary: Summary, today: date) -> None:
        lines = [
            f"Reviewed: {summary.reviewed}",
            f"Correct: {summary.correct} of {summary.reviewed}",
        ]
        if summary.next_due is not None:
            lines.append(
                f"Next due: {day_text(summary.next_due, today)} — "
                f"{plural(summary.next_due_count, 'skill')}"
            )
        self.body.setText("<br>".join(lines))
        self.back.setFocus()
