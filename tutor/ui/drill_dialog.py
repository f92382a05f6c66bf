"""Choosing a practice drill: which topics or skills, and how many questions or how long."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tutor.bank import TOPIC_ORDER, Bank
from tutor.drill import DEFAULT_DRILL_COUNT, WEAK_SPOT_DAYS
from tutor.ui.widgets import ActionButton, make_label

COUNT_RANGE = (1, 200)
MINUTES_RANGE = (1, 120)
DEFAULT_MINUTES = 10
ID_ROLE = Qt.ItemDataRole.UserRole


def topics_in_order(bank: Bank) -> dict[str, list[str]]:
    """Topic → its skill ids in learning order, topics in teaching order (unknown ones last)."""
    grouped: dict[str, list[str]] = {}
    for tid in bank.learning_order():
        grouped.setdefault(bank[tid].topic, []).append(tid)

    def rank(topic: str) -> tuple[int, str]:
        return (TOPIC_ORDER.index(topic) if topic in TOPIC_ORDER else len(TOPIC_ORDER), topic)

    return {topic: grouped[topic] for topic in sorted(grouped, key=rank)}


def _spin(name: str, bounds: tuple[int, int], value: int, unit: str) -> QSpinBox:
    """A spin box that says its range: typing past it is refused, leaving it corrects to the nearest."""
    low, high = bounds
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(f" {unit}")
    spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    spin.setToolTip(f"From {low} to {high} {unit}")
    spin.setAccelerated(True)
    return spin


class DrillDialog(QDialog):
    """Pick skills (by topic or one by one) and a length; OK emits ``start_requested``."""

    start_requested = Signal(list, object, object)  # skill ids, count or None, minutes or None

    def __init__(self, bank: Bank, weak: list[str] | None, parent: QWidget | None = None) -> None:
        """``weak`` None: the weak spots are still being read; ``set_weak_spots`` brings them."""
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.setWindowTitle("Practice drill")
        self.resize(520, 620)
        self.bank = bank
        self.weak: list[str] = []
        self._build()
        if weak is not None:
            self.set_weak_spots(weak)
        self._update()

    def set_weak_spots(self, weak: list[str]) -> None:
        self.weak = [tid for tid in weak if tid in self.bank]
        self.weak_button.setText(f"Weak spots ({len(self.weak)})" if self.weak else "Weak spots")
        self.weak_button.setEnabled(bool(self.weak))
        self.weak_button.setToolTip(self._weak_tooltip())

    # -- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        intro = make_label(
            "drillIntro",
            "Variants come back to back. A drill is practice: it never moves your schedule.",
        )
        intro.setProperty("role", "muted")
        self._build_tree()
        self.chosen = make_label("drillChosen", wrap=False)
        self.chosen.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self._choice_buttons())
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.chosen)
        layout.addSpacing(6)
        layout.addLayout(self._length_choice())
        layout.addSpacing(6)
        layout.addWidget(self._dialog_buttons())

    def _build_tree(self) -> None:
        self.tree = QTreeWidget()
        self.tree.setObjectName("drillTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        for topic, ids in topics_in_order(self.bank).items():
            parent = QTreeWidgetItem(self.tree, [f"{topic.capitalize()}  ({len(ids)})"])
            parent.setData(0, ID_ROLE, None)
            parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            parent.setCheckState(0, Qt.CheckState.Unchecked)
            for tid in ids:
                child = QTreeWidgetItem(parent, [self.bank[tid].title])
                child.setData(0, ID_ROLE, tid)
                child.setToolTip(0, tid)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
        self.tree.itemChanged.connect(self._update)

    def _choice_buttons(self) -> QHBoxLayout:
        self.weak_button = ActionButton("Weak spots", "drillWeakSpots")
        self.weak_button.setEnabled(False)
        self.weak_button.setToolTip(f"Reading what you missed in the last {WEAK_SPOT_DAYS} days…")
        self.weak_button.clicked.connect(self.check_weak_spots)
        everything = ActionButton("All", "drillAll")
        everything.setToolTip("Check every skill")
        everything.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        nothing = ActionButton("None", "drillNone")
        nothing.setToolTip("Uncheck every skill")
        nothing.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        row = QHBoxLayout()
        row.addWidget(make_label("drillTreeLabel", "Topics and skills:", wrap=False), 1)
        row.addWidget(self.weak_button)
        row.addWidget(everything)
        row.addWidget(nothing)
        return row

    def _weak_tooltip(self) -> str:
        if not self.weak:
            return f"No misses in the last {WEAK_SPOT_DAYS} days: nothing to build a weak-spot drill from."
        titles = "\n".join(f"• {self.bank[tid].title}" for tid in self.weak)
        return f"Check the skills you missed most in the last {WEAK_SPOT_DAYS} days:\n{titles}"

    def _length_choice(self) -> QGridLayout:
        self.by_count = QRadioButton("Number of questions")
        self.by_count.setObjectName("drillByCount")
        self.by_time = QRadioButton("Time limit")
        self.by_time.setObjectName("drillByTime")
        self.by_count.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_count)
        group.addButton(self.by_time)
        self.count = _spin("drillCount", COUNT_RANGE, DEFAULT_DRILL_COUNT, "questions")
        self.minutes = _spin("drillMinutes", MINUTES_RANGE, DEFAULT_MINUTES, "min")
        self.by_count.toggled.connect(self._update)
        grid = QGridLayout()
        for row, (radio, spin, bounds) in enumerate((
            (self.by_count, self.count, COUNT_RANGE),
            (self.by_time, self.minutes, MINUTES_RANGE),
        )):
            hint = make_label(f"{spin.objectName()}Range", f"{bounds[0]} to {bounds[1]}", wrap=False)
            hint.setProperty("role", "muted")
            grid.addWidget(radio, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(hint, row, 2)
        grid.setColumnStretch(2, 1)
        return grid

    def _dialog_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("drillStart")
        self.ok_button.setText("Start drill")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    # -- checking ---------------------------------------------------------------------
    def _skill_items(self) -> list[QTreeWidgetItem]:
        items = []
        for t in range(self.tree.topLevelItemCount()):
            topic = self.tree.topLevelItem(t)
            items += [topic.child(c) for c in range(topic.childCount())]
        return items

    def _check_all(self, state: Qt.CheckState) -> None:
        for t in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(t).setCheckState(0, state)

    def check_skills(self, template_ids: list[str]) -> None:
        """Check exactly these skills and show them (their topics expanded)."""
        wanted = set(template_ids)
        self._check_all(Qt.CheckState.Unchecked)
        for item in self._skill_items():
            if item.data(0, ID_ROLE) in wanted:
                item.setCheckState(0, Qt.CheckState.Checked)
                item.parent().setExpanded(True)

    def check_weak_spots(self) -> None:
        self.check_skills(self.weak)

    def checked_skills(self) -> list[str]:
        """Checked skill ids, topic by topic in learning order."""
        return [
            item.data(0, ID_ROLE) for item in self._skill_items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def _update(self, *_args) -> None:
        chosen = len(self.checked_skills())
        self.ok_button.setEnabled(chosen > 0)
        self.ok_button.setToolTip("" if chosen else "Check at least one topic or skill first")
        self.chosen.setText(
            "No skill checked yet" if chosen == 0 else ("1 skill checked" if chosen == 1 else f"{chosen} skills checked")
        )
        self.count.setEnabled(self.by_count.isChecked())
        self.minutes.setEnabled(self.by_time.isChecked())

    # -- result -----------------------------------------------------------------------
    def selection(self) -> tuple[list[str], int | None, int | None]:
        """(skills, number of questions or None, minutes or None): exactly one of the two is set."""
        skills = self.checked_skills()
        if self.by_time.isChecked():
            return skills, None, self.minutes.value()
        return skills, self.count.value(), None

    def accept(self) -> None:
        self.count.interpretText()  # a value still being typed counts
        self.minutes.interpretText()
        skills, count, minutes = self.selection()
        if not skills:
            return
        self.start_requested.emit(skills, count, minutes)
        super().accept()
