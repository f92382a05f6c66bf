"""A learner's own broken problem file is reported on the Today screen, and the app goes on."""

from PySide6.QtWidgets import QLabel, QPushButton


def test_broken_user_file_is_named_on_today_screen(open_window, tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "my_family.py").write_text("TEMPLATES = [\n    oops\n]\n")
    w = open_window(tmp_path)
    notice = w.findChild(QLabel, "noticeLabel")
    assert notice.isVisible()
    assert "my_family.py:2" in notice.text() and "NameError" in notice.text()
    assert w.findChild(QPushButton, "startButton").isEnabled()


def test_damaged_database_shows_what_to_do(open_window, tmp_path):
    (tmp_path / "tutor.sqlite3").write_text("this is not a database")
    w = open_window(tmp_path)
    message = w.findChild(QLabel, "errorLabel").text()
    assert "tutor.sqlite3" in message
    assert w.current_problem is None
    assert (tmp_path / "tutor.sqlite3").read_text() == "this is not a database"
