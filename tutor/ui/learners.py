"""File → Switch learner…: whose progress the window shows, or a new learner."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from tutor.store.repository import LEARNER_NAME_MAX


class LearnerDialog(QDialog):
    """The learners in this database; pick one, or type a new name. Emits ``chosen(name)``."""

    chosen = Signal(str)

    def __init__(self, names: list[str], current: str | None, parent=None, reason: str = "") -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("learnerDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Switch learner")
        layout = QVBoxLayout(self)
        intro = QLabel(reason or "Whose progress should tutor show? Each learner has their own schedule, "
                       "history and settings.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.learner_list = QListWidget()
        self.learner_list.setObjectName("learnerList")
        for name in names:
            item = QListWidgetItem(name + ("  (open now)" if name == current else ""))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.learner_list.addItem(item)
            if name == current:
                self.learner_list.setCurrentItem(item)
        if self.learner_list.currentItem() is None and names:
            self.learner_list.setCurrentRow(0)
        self.learner_list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.learner_list)
        layout.addWidget(QLabel("Or a new learner:"))
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newLearnerName")
        self.new_name.setPlaceholderText("Name")
        self.new_name.setMaxLength(LEARNER_NAME_MAX)
        layout.addWidget(self.new_name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setObjectName("learnerOpenButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.new_name.textChanged.connect(self._update)
        self.learner_list.currentItemChanged.connect(lambda *_: self._update())
        self._update()

    def selected(self) -> str | None:
        """The new name if one is typed, else the learner picked in the list."""
        typed = " ".join(self.new_name.text().split())
        if typed:
            return typed
        item = self.learner_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _update(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def accept(self) -> None:
        name = self.selected()
        if name is None:
            return
        super().accept()
        self.chosen.emit(name)
