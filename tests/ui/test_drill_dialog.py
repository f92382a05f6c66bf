"""Choosing a drill and reading its summary, with keys and clicks."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QRadioButton, QSpinBox, QTreeWidget

from tutor.bank import load_bank
from tutor.drill import DrillSummary
from tutor.ui.drill_dialog import DrillDialog
from tutor.ui.drill_summary import DrillSummaryScreen


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def child(widget, cls, name):
    found = widget.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name}"
    return found


def open_dialog(qtbot, bank, weak=()):
    dialog = DrillDialog(bank, None if weak is None else list(weak))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def topic_item(dialog, topic):
    tree = child(dialog, QTreeWidget, "drillTree")
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0).lower().startswith(topic):
            return tree.topLevelItem(i)
    raise AssertionError(f"no topic {topic}")


def toggle_with_space(qtbot, dialog, item):
    tree = child(dialog, QTreeWidget, "drillTree")
    tree.setFocus()
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Space)


def test_checking_a_topic_checks_its_skills(qtbot, bank):
    dialog = open_dialog(qtbot, bank)
    assert dialog.windowTitle() == "Practice drill" and dialog.objectName() == "drillDialog"
    start = child(dialog, QPushButton, "drillStart")
    assert not start.isEnabled()  # nothing checked yet
    toggle_with_space(qtbot, dialog, topic_item(dialog, "probability"))
    expected = [t for t in bank.learning_order() if bank[t].topic == "probability"]
    assert dialog.checked_skills() == expected and start.isEnabled()
    assert child(dialog, QLabel, "drillChosen").text() == f"{len(expected)} skills checked"
    toggle_with_space(qtbot, dialog, topic_item(dialog, "probability").child(0))
    assert topic_item(dialog, "probability").checkState(0) == Qt.CheckState.PartiallyChecked
    assert dialog.checked_skills() == expected[1:]


def test_weak_spots_checks_exactly_those(qtbot, bank):
    weak = [bank.learning_order()[3], bank.learning_order()[40]]
    dialog = open_dialog(qtbot, bank, weak)
    toggle_with_space(qtbot, dialog, topic_item(dialog, "calculus"))
    button = child(dialog, QPushButton, "drillWeakSpots")
    assert button.isEnabled()
    assert all(bank[t].title in button.toolTip() for t in weak)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert sorted(dialog.checked_skills()) == sorted(weak)


def test_no_weak_spots_means_no_button(qtbot, bank):
    dialog = open_dialog(qtbot, bank)
    button = child(dialog, QPushButton, "drillWeakSpots")
    assert not button.isEnabled() and "No misses" in button.toolTip()


def test_weak_spots_still_being_read(qtbot, bank):
    dialog = open_dialog(qtbot, bank, None)
    button = child(dialog, QPushButton, "drillWeakSpots")
    assert not button.isEnabled() and "Reading" in button.toolTip()
    weak = [bank.learning_order()[5]]
    dialog.set_weak_spots(weak)
    assert button.isEnabled() and button.text() == "Weak spots (1)"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.checked_skills() == weak


def test_ok_emits_the_selection_by_count(qtbot, bank):
    dialog = open_dialog(qtbot, bank)
    toggle_with_space(qtbot, dialog, topic_item(dialog, "shapes"))
    skills = [t for t in bank.learning_order() if bank[t].topic == "shapes"]
    count = child(dialog, QSpinBox, "drillCount")
    assert count.value() == 10 and (count.minimum(), count.maximum()) == (1, 200)
    assert "1 to 200" in count.toolTip() and "1 to 200" in child(dialog, QLabel, "drillCountRange").text()
    count.selectAll()
    qtbot.keyClicks(count, "25")
    assert dialog.selection() == (skills, 25, None)
    with qtbot.waitSignal(dialog.start_requested, timeout=5000) as signal:
        qtbot.mouseClick(child(dialog, QPushButton, "drillStart"), Qt.MouseButton.LeftButton)
    assert signal.args == [skills, 25, None]


def test_switching_to_a_time_limit(qtbot, bank):
    dialog = open_dialog(qtbot, bank)
    toggle_with_space(qtbot, dialog, topic_item(dialog, "graphs"))
    minutes = child(dialog, QSpinBox, "drillMinutes")
    assert not minutes.isEnabled()
    qtbot.mouseClick(child(dialog, QRadioButton, "drillByTime"), Qt.MouseButton.LeftButton)
    assert minutes.isEnabled() and not child(dialog, QSpinBox, "drillCount").isEnabled()
    assert (minutes.minimum(), minutes.maximum()) == (1, 120) and minutes.suffix() == " min"
    skills = [t for t in bank.learning_order() if bank[t].topic == "graphs"]
    with qtbot.waitSignal(dialog.start_requested, timeout=5000) as signal:
        qtbot.mouseClick(child(dialog, QPushButton, "drillStart"), Qt.MouseButton.LeftButton)
    assert signal.args == [skills, None, minutes.value()]


def test_a_count_past_the_range_cannot_be_typed(qtbot, bank):
    dialog = open_dialog(qtbot, bank)
    count = child(dialog, QSpinBox, "drillCount")
    count.selectAll()
    qtbot.keyClicks(count, "500")
    assert count.value() == 50  # the third digit is refused; the range is on screen beside it


def summary_screen(qtbot, summary, titles):
    screen = DrillSummaryScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.show_summary(summary, titles)
    return screen


def test_summary_shows_score_time_and_what_to_revisit(qtbot):
    titles = {"a.one": "Dot product", "b.two": "Chain rule"}
    screen = summary_screen(qtbot, DrillSummary(answered=10, correct=8, seconds=252.4, revisit=["b.two", "a.one"]), titles)
    assert screen.objectName() == "drillSummaryScreen"
    assert child(screen, QLabel, "drillSummaryTitle").text() == "Drill complete"
    assert child(screen, QLabel, "drillScoreLabel").text() == "8 of 10 right · 80 %"
    assert "4 min 12 s" in child(screen, QLabel, "drillTimeLabel").text()
    assert screen.revisit_titles() == ["Chain rule", "Dot product"]
    again = child(screen, QPushButton, "drillRevisitButton")
    assert again.isVisible() and again.text() == "Drill these again"
    with qtbot.waitSignal(screen.revisit_requested, timeout=5000) as signal:
        qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert signal.args == [["b.two", "a.one"]]
    with qtbot.waitSignal(screen.back_requested, timeout=5000):
        qtbot.mouseClick(child(screen, QPushButton, "drillBackButton"), Qt.MouseButton.LeftButton)


def test_summary_with_nothing_to_revisit(qtbot):
    screen = summary_screen(qtbot, DrillSummary(answered=3, correct=3, seconds=41.6, revisit=[]), {})
    assert child(screen, QLabel, "drillRevisitList").text() == "Nothing to revisit — well done."
    assert not child(screen, QPushButton, "drillRevisitButton").isVisible()
    assert child(screen, QLabel, "drillScoreLabel").text() == "3 of 3 right · 100 %"
    assert child(screen, QLabel, "drillTimeLabel").text() == "Time: 42 s"
