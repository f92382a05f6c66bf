"""The end of a practice drill: score, time, and the skills worth another look."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from tutor.drill import DrillSummary
from tutor.ui.widgets import ActionButton, make_label

NOTHING_TO_REVISIT = "Nothing to revisit — well done."


def score_text(summary: DrillSummary) -> str:
    """ "8 of 10 right · 80 %" """
    if summary.answered == 0:
        return "No questions answered"
    return f"{summary.correct} of {summary.answered} right · {round(summary.score * 100)} %"


def duration_text(seconds: float) -> str:
    """ "42 s", "4 min 12 s", "1 h 5 min" """
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s"


class DrillSummaryScreen(QWidget):
    revisit_requested = Signal(list)  # skill ids to drill again
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillSummaryScreen")
        self.revisit_ids: list[str] = []
        title = make_label("drillSummaryTitle", "Drill complete")
        title.setProperty("role", "title")
        self.score = make_label("drillScoreLabel")
        self.score.setProperty("role", "prompt")
        self.time = make_label("drillTimeLabel")
        self.revisit_heading = make_label("drillRevisitHeading", "<b>Worth another look</b> (missed, or only Hard):")
        self.revisit_list = make_label("drillRevisitList", selectable=True)
        self.revisit_list.setTextFormat(Qt.TextFormat.RichText)
        self.revisit_button = ActionButton("Drill these again", "drillRevisitButton")
        self.revisit_button.setToolTip("A new drill on the skills above, with new numbers")
        self.revisit_button.clicked.connect(lambda: self.revisit_requested.emit(list(self.revisit_ids)))
        self.back = ActionButton("Back to Today", "drillBackButton")
        self.back.setProperty("role", "primary")
        self.back.clicked.connect(self.back_requested)
        self._lay_out(title)

    def _lay_out(self, title) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(self.score)
        layout.addWidget(self.time)
        layout.addSpacing(16)
        layout.addWidget(self.revisit_heading)
        layout.addWidget(self.revisit_list)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.revisit_button)
        row.addWidget(self.back)
        layout.addLayout(row)

    def show_summary(self, summary: DrillSummary, titles: dict[str, str]) -> None:
        """Show a finished drill; ``titles`` names the skills (ids are shown for unknown ones)."""
        self.revisit_ids = list(summary.revisit)
        self.score.setText(score_text(summary))
        self.time.setText(f"Time: {duration_text(summary.seconds)}")
        if self.revisit_ids:
            lines = "<br>".join(f"• {html.escape(titles.get(tid, tid))}" for tid in self.revisit_ids)
            self.revisit_list.setText(lines)
        else:
            self.revisit_list.setText(NOTHING_TO_REVISIT)
        self.revisit_heading.setVisible(bool(self.revisit_ids))
        self.revisit_button.setVisible(bool(self.revisit_ids))
        self.back.setFocus()

    def revisit_titles(self) -> list[str]:
        """The skills to revisit as the screen lists them (for tests and scripts)."""
        text = self.revisit_list.text()
        if text == NOTHING_TO_REVISIT:
            return []
        return [html.unescape(line.removeprefix("• ")) for line in text.split("<br>")]
