"""File → Restore backup…: choose one of the daily copies; the window does the restoring.

The dialog only chooses and confirms. It emits ``restore_requested(Path)``; the window then
closes its Store, calls ``tutor.backups.restore_backup`` (in a worker) and reopens.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor.backups import KEEP, Backup

PATH_ROLE = Qt.ItemDataRole.UserRole


def day_label(day: date) -> str:
    """Saturday 14 March 2026 (no locale-dependent padding)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def size_label(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def answers_label(backup: Backup) -> str:
    if backup.reviews is None:
        return "answers unknown"
    return "1 answer" if backup.reviews == 1 else f"{backup.reviews} answers"


def backup_label(backup: Backup) -> str:
    when = day_label(backup.day) + (", before a restore" if backup.before_restore else "")
    return f"{when} · {size_label(backup.size)} · {answers_label(backup)}"


class RestoreBackupDialog(QDialog):
    """Lists the backups, newest first; Restore asks once more, then emits the chosen path."""

    restore_requested = Signal(object)  # pathlib.Path of the backup to restore

    def __init__(self, backups: Sequence[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle("Restore backup")
        self.confirmation: QMessageBox | None = None
        self._backups = list(backups)
        intro = QLabel(
            f"tutor copies your progress the first time you open it each day and keeps the last "
            f"{KEEP} copies. Restoring one replaces your progress with it; your progress as it is "
            "now is saved as a backup first, so you can come back to it."
            if backups else
            "There are no backups yet: tutor makes one the first time you open it each day."
        )
        intro.setObjectName("restoreBackupIntro")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for backup in backups:
            item = QListWidgetItem(backup_label(backup))
            item.setData(PATH_ROLE, backup.path)
            self.list.addItem(item)
        self.list.setEnabled(bool(backups))
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._confirm)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self._confirm())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def selected_path(self) -> Path | None:
        items = self.list.selectedItems()
        return items[0].data(PATH_ROLE) if items else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None)

    def _confirm(self) -> None:
        """Ask once more (window-modal, so the dialog stays responsive and testable)."""
        chosen = self.list.selectedItems()
        if not chosen:
            return
        backup = self._backups[self.list.row(chosen[0])]
        box = QMessageBox(self)
        box.setObjectName("confirmRestoreBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Restore backup")
        box.setText(f"Replace your progress with the backup from {day_label(backup.day)}"
                    f" ({answers_label(backup)})?")
        box.setInformativeText("Your progress as it is now is saved as a backup first.")
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("confirmRestoreButton")
        box.addButton(QMessageBox.StandardButton.Cancel).setObjectName("confirmCancelButton")
        box.setDefaultButton(restore)
        path = backup.path
        accept = QMessageBox.ButtonRole.AcceptRole
        box.buttonClicked.connect(lambda b: self._answered(box.buttonRole(b) == accept, path))
        self.confirmation = box
        box.open()

    def _answered(self, confirmed: bool, path: Path) -> None:
        self.confirmation = None
        if confirmed:
            self.restore_requested.emit(path)
            self.accept()
