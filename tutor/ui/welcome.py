"""The first run: the loop in three sentences, and the topics the learner already knows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from tutor.ui.widgets import ActionButton, make_label

LOOP = (
    "Every day tutor picks the skills you are about to forget and gives you a fresh variant "
    "of each, with new numbers. Type your answer: it is checked the way a patient teacher "
    "would, and if you miss, you see the worked solution with your own numbers. Rate how "
    "hard it was, and the skill comes back just before you would forget it."
)


class WelcomeScreen(QWidget):
    """``started(topics)``: the learner is ready; ``topics`` are the ones they already know."""

    started = Signal(list)

    def __init__(self, topics: list[tuple[str, int]]) -> None:
        super().__init__()
        self.setObjectName("welcomeScreen")
        title = make_label("welcomeTitle", "Welcome to tutor")
        title.setProperty("role", "title")
        loop = make_label("welcomeText", LOOP)
        known = make_label(
            "welcomeKnownLabel",
            "Already know a topic? Tick it, and its skills start as reviewed instead of new "
            "(you can reset any of them later in the skill browser).",
        )
        known.setProperty("role", "muted")
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(loop)
        layout.addSpacing(12)
        layout.addWidget(known)
        for topic, count in topics:
            box = QCheckBox(f"{topic} ({count} skills)")
            box.setObjectName("knownTopic_" + topic.replace(" ", "_"))
            self.boxes[topic] = box
            layout.addWidget(box)
        layout.addStretch(1)
        self.start_button = ActionButton("Start learning", "welcomeStartButton")
        self.start_button.setProperty("role", "primary")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        layout.addLayout(row)

    def known_topics(self) -> list[str]:
        return [topic for topic, box in self.boxes.items() if box.isChecked()]

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._start()
            return
        super().keyPressEvent(event)

    def _start(self) -> None:
        self.started.emit(self.known_topics())
