"""A native feel (issue 9): light and dark themes (system, light or dark in Settings), the font
size, values out of range refused with a message, and the window's place remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSpinBox,
)

from tutor.ui.local_prefs import FILE_NAME


def _settings(qtbot, w):
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.findChild(QSpinBox, "newPerDaySpin") is not None
                    and w.findChild(QSpinBox, "newPerDaySpin").isVisible())
    return w.findChild(QSpinBox, "newPerDaySpin").window()


def _type_into(qtbot, spin: QSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def _ok(qtbot, dialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def _window_colour(w) -> str:
    return QApplication.palette().color(QPalette.ColorRole.Window).name()


def test_a_value_out_of_range_is_refused_with_a_message_and_nothing_changes(qtbot, open_window):
    w = open_window()
    before = w.session.new_per_day
    dialog = _settings(qtbot, w)
    spin = dialog.findChild(QSpinBox, "newPerDaySpin")
    _type_into(qtbot, spin, "60")
    assert spin.value() == 60  # typed as typed, not silently 6
    _ok(qtbot, dialog)
    error = dialog.findChild(QLabel, "settingsError")
    assert dialog.isVisible() and error.isVisible()
    assert "New skills per day must be between 0 and 50 — you typed 60." in error.text()
    assert w.session.new_per_day == before
    _type_into(qtbot, spin, "12")
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert w.wait_saved()
    assert w.session.new_per_day == 12


def test_dark_and_light_themes_from_settings_and_remembered(qtbot, open_window, tmp_path):
    w = open_window()
    dialog = _settings(qtbot, w)
    theme = dialog.findChild(QComboBox, "themeCombo")
    theme.setFocus()
    theme.setCurrentIndex(theme.findData("dark"))
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert w.dark and QApplication.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.3
    start = w.findChild(QPushButton, "startButton")
    assert start.palette().color(QPalette.ColorRole.Highlight).name() == _highlight(dark=True)
    w.close()
    again = open_window(tmp_path)
    assert again.dark and again.prefs.theme == "dark"
    dialog = _settings(qtbot, again)
    theme = dialog.findChild(QComboBox, "themeCombo")
    assert theme.currentData() == "dark"
    theme.setCurrentIndex(theme.findData("light"))
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not again.dark and QApplication.palette().color(QPalette.ColorRole.Base).lightnessF() > 0.9


def _highlight(dark: bool) -> str:
    from tutor.ui.theme import DARK, LIGHT

    return (DARK if dark else LIGHT)["highlight"]


def test_the_font_size_scales_the_text(qtbot, open_window):
    w = open_window()
    dialog = _settings(qtbot, w)
    _type_into(qtbot, dialog.findChild(QSpinBox, "fontSizeSpin"), "20")
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "font-size: 20px" in w.styleSheet() and "font-size: 40px" in w.styleSheet()  # title 28 → 40
    assert w.prefs.font_px == 20


def test_the_window_fits_a_small_screen_and_its_place_is_remembered(qtbot, open_window, tmp_path):
    w = open_window()
    room = w.screen().availableGeometry()
    assert w.width() <= room.width() and w.height() <= room.height()
    w.resize(700, 600)
    w.move(room.x() + 10, room.y() + 10)
    w.close()
    assert (tmp_path / FILE_NAME).exists()
    again = open_window(tmp_path)
    assert (again.width(), again.height()) == (700, 600)


def test_the_focus_ring_shows_on_plain_and_primary_buttons(qtbot, open_window):
    w = open_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    for name in ("startButton", "todayBrowseButton"):
        button = w.findChild(QPushButton, name)
        assert button is not None, name
        _assert_focus_ring(qtbot, button)


def test_a_retention_out_of_range_is_refused_too(qtbot, open_window):
    from PySide6.QtWidgets import QDoubleSpinBox

    w = open_window()
    dialog = _settings(qtbot, w)
    scheduler = dialog.findChild(QComboBox, "schedulerCombo")
    scheduler.setCurrentIndex(scheduler.findData("fsrs"))
    retention = dialog.findChild(QDoubleSpinBox, "retentionSpin")
    retention.setFocus()
    retention.selectAll()
    qtbot.keyClicks(retention, "0.99")
    _ok(qtbot, dialog)
    error = dialog.findChild(QLabel, "settingsError")
    assert dialog.isVisible() and "between 0.70 and 0.97 — you typed 0.99" in error.text()
    assert (w.store.get_setting("scheduler") or "sm2") == "sm2"  # nothing changed
    dialog.reject()


def _assert_focus_ring(qtbot, button) -> None:
    button.clearFocus()
    qtbot.waitUntil(lambda: not button.hasFocus())
    plain = button.grab().toImage()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    qtbot.waitUntil(lambda: button.grab().toImage() != plain, timeout=3000)  # the ring shows


def test_check_boxes_and_radio_buttons_show_on_the_dark_palette(qtbot, open_window):
    """Fusion outlines them in the window colour made darker: on our dark palette that is the
    colour of the field behind them, so the drill tree showed no boxes (seen in a screenshot)."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    w = open_window()
    w.set_look("dark", 14)
    for widget in (QCheckBox(""), QRadioButton("")):
        qtbot.addWidget(widget)
        widget.show()
        image = widget.grab().toImage()
        lightest = max(QColor(image.pixel(x, y)).lightness()
                       for x in range(image.width()) for y in range(image.height()))
        behind = widget.palette().window().color().lightness()
        assert lightest - behind > 40, f"{type(widget).__name__}: its outline does not show"
    w.set_look("light", 14)
