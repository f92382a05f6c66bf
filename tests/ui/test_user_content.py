"""A learner's own family files on the Today screen: a broken one is named and skipped, a Python
file is listed as not run (and is not run), a good one is studied; the app goes on."""

import sys

from family_files import readme_family_file
from PySide6.QtWidgets import QLabel, QPushButton


def test_broken_user_file_is_named_on_today_screen(open_window, tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "my_family.toml").write_text('id = "mine.oops"\ntitle = = "Oops"\n')
    (folder / "seeds.toml").write_text(
        readme_family_file().replace("mine.dot_product", "mine.seeds").replace('"dot"', '"dot + 0 / (a1 - 1)"'))
    w = open_window(tmp_path)
    notice = w.findChild(QLabel, "noticeLabel")
    assert notice.isVisible()
    assert "my_family.toml:2: not valid TOML" in notice.text()
    assert "mine.seeds is skipped: seed " in notice.text() and "division by zero" in notice.text()
    assert w.findChild(QPushButton, "startButton").isEnabled()
    assert "mine.oops" not in w.session.bank and "mine.seeds" not in w.session.bank


def test_a_python_file_is_listed_as_not_run(open_window, tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    marker = tmp_path / "ran.txt"
    (folder / "shared_by_a_friend.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\nimport sys\nsys.exit(1)\n")
    (folder / "dot_product.toml").write_text(readme_family_file())
    w = open_window(tmp_path)
    notice = w.findChild(QLabel, "noticeLabel")
    assert notice.isVisible()
    assert "shared_by_a_friend.py" in notice.text() and "are not run" in notice.text()
    assert not marker.exists()
    assert "mine.dot_product" in w.session.bank  # the TOML family next to it is studied
    assert not [m for m in sys.modules if "shared_by_a_friend" in m]
    assert w.findChild(QPushButton, "startButton").isEnabled()


def test_damaged_database_shows_what_to_do(open_window, tmp_path):
    (tmp_path / "tutor.sqlite3").write_text("this is not a database")
    w = open_window(tmp_path)
    message = w.findChild(QLabel, "errorLabel").text()
    assert "tutor.sqlite3" in message
    assert w.current_problem is None
    assert (tmp_path / "tutor.sqlite3").read_text() == "this is not a database"


def _bank_with_a_family_that_fails():
    from tutor.bank import load_bank
    from tutor.core.problems import Template

    def build(**_params):
        raise ZeroDivisionError("division by zero")

    bank = load_bank()
    broken = Template(id="mine.broken", title="Broken family", topic="linear algebra",
                      draw=lambda rng: {}, build=build, difficulty=0)
    bank.templates = {"mine.broken": broken, **bank.templates}
    return bank


def test_a_family_that_fails_during_a_review_is_skipped_with_a_message(qtbot, tmp_path, clock):
    import random

    from PySide6.QtCore import Qt

    from tutor.ui import MainWindow

    w = MainWindow(data_dir=tmp_path, clock=clock, rng=random.Random(1), bank=_bank_with_a_family_that_fails())
    qtbot.addWidget(w)
    w.show()
    assert "mine.broken" in w.session.new_ids()
    qtbot.mouseClick(w.findChild(QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_problem is not None)  # the queue is read off the GUI thread
    assert w.current_problem is not None and w.current_problem.template_id != "mine.broken"
    assert "Broken family" in w.statusBar().currentMessage() and "skipped" in w.statusBar().currentMessage()
    w.start_drill(skills=["mine.broken", "vectors.dot_product"], count=3)
    assert w.current_problem.template_id == "vectors.dot_product"
    w.end_session()
    w.end_session()
    assert w.wait_saved()
    notice = w.findChild(QLabel, "noticeLabel")
    assert notice.isVisible() and "Broken family" in notice.text() and "seed" in notice.text()
    w.close()
