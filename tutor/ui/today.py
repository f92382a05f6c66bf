"""The Today screen: what is due, what is new, and a Start button."""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from tutor.study import Overview
from tutor.ui.widgets import ActionButton, make_label

if TYPE_CHECKING:
    from tutor.core.stats import Streak


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def day_text(day: date | None, today: date) -> str:
    if day is None:
        return "nothing scheduled yet"
    delta = (day - today).days
    if delta <= 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    return f"{day:%a %d %b} (in {delta} days)"


class _Tile(QFrame):
    def __init__(self, name: str, caption: str) -> None:
        super().__init__()
        self.setObjectName("tile")
        layout = QVBoxLayout(self)
        self.number = make_label(name, "0", wrap=False)
        self.number.setProperty("role", "tileNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = make_label(f"{name}Caption", caption)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)


class TodayScreen(QWidget):
    start_requested = Signal()
    drill_requested = Signal()
    browse_requested = Signal()
    statistics_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("todayScreen")
        title = make_label("todayTitle", "Today")
        title.setProperty("role", "title")
        self.showing_numbers = False  # Today's numbers are read off the GUI thread
        self.due_tile = _Tile("dueCountLabel", "due for review")
        self.new_tile = _Tile("newCountLabel", "new skills on offer")
        self.redrill_tile = _Tile("redrillCountLabel", "to practise again")
        tiles = QHBoxLayout()
        for tile in (self.due_tile, self.new_tile, self.redrill_tile):
            tiles.addWidget(tile)
        self.detail = make_label("todayDetail")
        self.topics = make_label("todayTopics")
        self.topics.setTextFormat(Qt.TextFormat.RichText)
        self.upcoming = make_label("todayUpcoming")
        self.upcoming.setTextFormat(Qt.TextFormat.RichText)
        self.streak = make_label("todayStreak")
        self.streak.setProperty("role", "muted")
        self.notice = make_label("noticeLabel")
        self.notice.setProperty("role", "notice")
        self.notice.hide()
        self.start_button = ActionButton("Start", "startButton")
        self.start_button.setProperty("role", "primary")
        self.start_button.clicked.connect(self.start_requested)
        self.credit = make_label("creditLabel")
        self.credit.setProperty("role", "muted")
        self.credit.hide()
        self.drill_button = ActionButton("Practice drill…", "todayDrillButton")
        self.drill_button.setToolTip("Drill chosen topics or skills outside the schedule (Ctrl+P)")
        self.drill_button.clicked.connect(self.drill_requested)
        self.browse_button = ActionButton("Skills", "todayBrowseButton")
        self.browse_button.setToolTip("Browse, preview, suspend or reset skills (Ctrl+B)")
        self.browse_button.clicked.connect(self.browse_requested)
        self.stats_button = ActionButton("Statistics", "todayStatsButton")
        self.stats_button.setToolTip("Your progress in pictures (Ctrl+Shift+S)")
        self.stats_button.clicked.connect(self.statistics_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addLayout(tiles)
        layout.addSpacing(8)
        layout.addWidget(self.detail)
        layout.addSpacing(8)
        layout.addWidget(self.topics)
        layout.addWidget(self.upcoming)
        layout.addWidget(self.streak)
        layout.addWidget(self.credit)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        row = QHBoxLayout()
        for button in (self.drill_button, self.browse_button, self.stats_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.start_button)
        layout.addLayout(row)

    def show_opening(self) -> None:
        """Before the progress is read (the window paints first): no numbers yet."""
        self.showing_numbers = False
        for tile in (self.due_tile, self.new_tile):
            tile.number.setText("…")
        self.redrill_tile.hide()
        self.detail.setText("Opening your progress…")
        for label in (self.topics, self.upcoming, self.streak, self.credit):
            label.setText("")
        self.start_button.setEnabled(False)

    @property
    def due_label(self):
        return self.due_tile.number

    def show_overview(self, overview: Overview, today: date) -> None:
        self.showing_numbers = True
        self.due_tile.number.setText(str(overview.due))
        self.due_tile.caption.setText("skill due for review" if overview.due == 1 else "skills due for review")
        self.new_tile.number.setText(str(overview.new))
        self.new_tile.caption.setText("new skill on offer today" if overview.new == 1 else "new skills on offer today")
        self.redrill_tile.number.setText(str(overview.redrill))
        self.redrill_tile.setVisible(overview.redrill > 0)
        self._show_credit(overview)
        self._show_topics(overview)
        self._show_upcoming(overview, today)
        if overview.total:
            beyond = (
                f" {plural(overview.due_beyond_limit, 'more skill')} due beyond today's review limit."
                if overview.due_beyond_limit else ""
            )
            self.detail.setText(
                f"{plural(overview.total, 'review')} in this session. "
                "Each one is a fresh variant with new numbers." + beyond
            )
            self.start_button.setText("Start")
            self.start_button.setEnabled(True)
            self.start_button.setFocus()
        else:
            self.detail.setText(
                f"All done for today. Next review: {day_text(overview.next_due, today)}."
            )
            self.start_button.setText("Nothing due")
            self.start_button.setEnabled(False)

    def _show_topics(self, overview: Overview) -> None:
        """Today's work by topic: "linear algebra — 3 due, 1 new"."""
        rows = []
        for topic, due, new in overview.by_topic:
            parts = ([f"{due} due"] if due else []) + ([f"{new} new"] if new else [])
            rows.append(f"<b>{html.escape(topic)}</b> — {', '.join(parts)}")
        self.topics.setText("By topic: " + " &nbsp;·&nbsp; ".join(rows) if rows else "")
        self.topics.setVisible(bool(rows))

    def _show_upcoming(self, overview: Overview, today: date) -> None:
        """The next few days: how many skills fall due each day."""
        if not overview.upcoming or not any(n for _, n in overview.upcoming):
            self.upcoming.setText("Coming up: nothing scheduled in the next week yet.")
            return
        days = []
        for day, n in overview.upcoming:
            name = "tomorrow" if (day - today).days == 1 else f"{day:%a}"
            days.append(f"{name} <b>{n}</b>")
        self.upcoming.setText("Coming up: " + " &nbsp;·&nbsp; ".join(days))

    def show_streak(self, streak: Streak | None) -> None:
        """Days in a row with an answer (read in the background; None while unknown)."""
        if streak is None or not streak.longest:
            self.streak.setText("Streak: answer one question today to start one." if streak else "")
            return
        current = plural(streak.current, "day") if streak.current else "none right now"
        self.streak.setText(f"Streak: {current} in a row (longest {plural(streak.longest, 'day')}).")

    def _show_credit(self, overview: Overview) -> None:
        n = overview.credited_today
        self.credit.setText(
            f"{plural(n, 'review')} saved today: passing a skill also counted for its due prerequisites."
        )
        self.credit.setVisible(n > 0)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
