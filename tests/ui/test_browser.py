"""The skill browser driven as a learner would: search, sort, select, act, read the table."""

import random
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton, QTableView

from tutor.bank import load_bank
from tutor.core.mathtext import segments
from tutor.drill import Drill
from tutor.rebuild import switch_scheduler
from tutor.store import Store
from tutor.study import StudySession
from tutor.ui.browser import COLUMNS, DUE, LAST_RESULT, MEMORY, REVIEWS, SKILL, STATE, SkillBrowser

WAIT = 10_000


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path)
    yield s
    QThreadPool.globalInstance().waitForDone(5000)
    s.close()


@pytest.fixture
def session(store, clock):
    return StudySession(store, load_bank(), clock=clock, rng=random.Random(1))


def answer(session, quality):
    """Answer the next item of the session at ``quality`` (4 = Good, 1 = a wrong answer)."""
    item = session.next_item()
    verdict = "correct" if quality >= 3 else "wrong"
    session.record(item, answer=item.problem.answer, verdict=verdict, quality=quality, seconds=3, hint_used=False)
    return item.template_id


def first_day(session, qualities=(4, 4, 1)):
    session.start()
    return [answer(session, q) for q in qualities]


def child(widget, cls, name):
    found = widget.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name}"
    return found


def open_browser(qtbot, session):
    browser = SkillBrowser(session)
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.loaded, timeout=WAIT):
        browser.show()
    return browser


def column(browser, col):
    """What the table shows in one column, top to bottom."""
    model = child(browser, QTableView, "skillTable").model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def cell(browser, template_id, col):
    title = browser.session.bank[template_id].title
    return dict(zip(column(browser, SKILL), column(browser, col), strict=True))[title]


def click_row(qtbot, browser, template_id, modifier=Qt.KeyboardModifier.NoModifier):
    table = child(browser, QTableView, "skillTable")
    row = column(browser, SKILL).index(browser.session.bank[template_id].title)
    rect = table.visualRect(table.model().index(row, SKILL))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_header(qtbot, browser, col):
    header = child(browser, QTableView, "skillTable").horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def click_and_reload(qtbot, browser, name):
    with qtbot.waitSignal(browser.loaded, timeout=WAIT):
        qtbot.mouseClick(child(browser, QPushButton, name), Qt.MouseButton.LeftButton)


def test_every_family_is_listed_with_its_state(qtbot, session):
    good, _, missed = first_day(session)
    browser = open_browser(qtbot, session)
    assert browser.windowTitle() == "Skills" and browser.objectName() == "browserWindow"
    assert len(column(browser, SKILL)) == len(session.bank)
    assert child(browser, QLabel, "browserStatus").text() == f"{len(session.bank)} skills"
    assert [cell(browser, good, c) for c in (STATE, DUE, LAST_RESULT, MEMORY, REVIEWS)] == [
        "learning", "tomorrow", "Good", "2.50", "1"]
    missed_ease = f"{session.store.skill_state(missed).ef_hundredths / 100:.2f}"
    assert [cell(browser, missed, c) for c in (LAST_RESULT, MEMORY)] == ["Missed", missed_ease]
    untouched = next(t for t in session.bank if session.store.skill_state(t) is None)
    assert [cell(browser, untouched, c) for c in (STATE, DUE, LAST_RESULT, MEMORY, REVIEWS)] == [
        "new", "—", "—", "—", "0"]


def test_default_order_groups_skills_by_topic(qtbot, session):
    browser = open_browser(qtbot, session)
    topics = [session.bank[t].topic for t in browser.visible_ids()]
    assert topics[0] == "linear algebra"
    changes = sum(a != b for a, b in zip(topics, topics[1:], strict=False))
    assert changes == len(set(topics)) - 1  # each topic is one block


def test_search_filters_live_over_title_id_and_topic(qtbot, session):
    browser = open_browser(qtbot, session)
    search = child(browser, QLineEdit, "browserSearch")
    qtbot.keyClicks(search, "COSINE")
    expected = {t.title for t in session.bank.values() if "cosine" in f"{t.title} {t.id} {t.topic}".lower()}
    assert expected and set(column(browser, SKILL)) == expected
    assert child(browser, QLabel, "browserStatus").text() == f"{len(expected)} of {len(session.bank)} skills"
    search.clear()
    qtbot.keyClicks(search, "matrices.hadamard")
    assert column(browser, SKILL) == [session.bank["matrices.hadamard"].title]
    search.clear()
    qtbot.keyClicks(search, "information")
    topic = {t.title for t in session.bank.values() if t.topic == "information theory"}
    assert topic <= set(column(browser, SKILL))
    qtbot.keyClicks(search, " zzz")
    assert column(browser, SKILL) == []
    assert "No skill matches" in child(browser, QLabel, "browserStatus").text()


def test_columns_sort_by_number_and_date_not_text(qtbot, session, clock):
    first_day(session, (4, 4, 4, 4, 4))
    clock.now += timedelta(days=1)  # day 2: three go 6 days out, one is missed, one left undone
    session.start()
    for quality in (5, 5, 5, 1):
        answer(session, quality)
    drilled = session.bank.learning_order()[0]
    drill = Drill(session.store, session.bank, [drilled], count=10, clock=clock, rng=random.Random(2))
    while (item := drill.next_item()) is not None:
        drill.record(item, answer=item.problem.answer, verdict="correct", quality=4, seconds=2, hint_used=False)
    clock.now += timedelta(days=2)  # day 4: some overdue, some due in days to come
    browser = open_browser(qtbot, session)

    click_header(qtbot, browser, REVIEWS)
    counts = [int(c) for c in column(browser, REVIEWS)]
    assert counts == sorted(counts) or counts == sorted(counts, reverse=True)
    assert 12 in counts and 2 in counts  # "12" and "2": a text sort would get these wrong
    click_header(qtbot, browser, REVIEWS)
    assert [int(c) for c in column(browser, REVIEWS)] == list(reversed(counts))

    header = child(browser, QTableView, "skillTable").horizontalHeader()
    click_header(qtbot, browser, DUE)
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        click_header(qtbot, browser, DUE)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (DUE, Qt.SortOrder.AscendingOrder)
    states = session.store.skill_states()
    dues = [states[t].due for t in browser.visible_ids() if t in states and states[t].introduced_on]
    assert dues == sorted(dues) and len(set(dues)) == 3
    shown = column(browser, DUE)
    assert shown[:2] == ["2 days overdue", "1 day overdue"] and shown[-1] == "—"  # new skills last


def test_suspend_and_unsuspend_keep_the_selection(qtbot, session):
    good, *_ = first_day(session)
    browser = open_browser(qtbot, session)
    click_row(qtbot, browser, good)
    suspend = child(browser, QPushButton, "browserSuspend")
    assert suspend.text() == "Suspend" and "Ctrl+Shift+K" in suspend.toolTip()
    with qtbot.waitSignal(browser.changed, timeout=WAIT):
        click_and_reload(qtbot, browser, "browserSuspend")
    assert cell(browser, good, STATE) == "suspended"
    assert session.store.skill_state(good).suspended
    assert browser.selected_ids() == [good]
    assert suspend.text() == "Unsuspend"
    click_and_reload(qtbot, browser, "browserSuspend")
    assert cell(browser, good, STATE) == "learning" and not session.store.skill_state(good).suspended


def test_suspend_several_skills_at_once(qtbot, session):
    a, b, _ = first_day(session)
    browser = open_browser(qtbot, session)
    click_row(qtbot, browser, a)
    click_row(qtbot, browser, b, Qt.KeyboardModifier.ControlModifier)
    click_and_reload(qtbot, browser, "browserSuspend")
    assert {cell(browser, t, STATE) for t in (a, b)} == {"suspended"}
    assert set(browser.selected_ids()) == {a, b}


def test_bury_until_tomorrow(qtbot, session):
    good, *_ = first_day(session)
    browser = open_browser(qtbot, session)
    click_row(qtbot, browser, good)
    click_and_reload(qtbot, browser, "browserBury")
    assert cell(browser, good, STATE) == "buried"
    assert session.store.skill_state(good).buried_until == session.today() + timedelta(days=1)
    assert not child(browser, QPushButton, "browserBury").isEnabled()  # already buried


def answer_message_box(qtbot, button, seen):
    """Click ``button`` of the message box once it is up, remembering what it said."""
    def click():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(20, click)
            return
        seen.append(f"{boxes[0].text()} {boxes[0].informativeText()}")
        qtbot.mouseClick(boxes[0].button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, click)


def test_reset_asks_first_and_undo_takes_it_back(qtbot, session):
    good, *_ = first_day(session)
    before = session.store.skill_state(good)
    browser = open_browser(qtbot, session)
    click_row(qtbot, browser, good)
    seen = []
    answer_message_box(qtbot, QMessageBox.StandardButton.Cancel, seen)
    qtbot.mouseClick(child(browser, QPushButton, "browserReset"), Qt.MouseButton.LeftButton)
    assert session.store.skill_state(good) == before  # Cancel changes nothing

    answer_message_box(qtbot, QMessageBox.StandardButton.Yes, seen)
    click_and_reload(qtbot, browser, "browserReset")
    assert "offered as new again" in seen[-1] and "The history stays" in seen[-1] and "Undo" in seen[-1]
    assert cell(browser, good, STATE) == "new" and cell(browser, good, REVIEWS) == "1"
    assert session.store.skill_state(good) is None
    assert session.undo() is not None  # Edit → Undo, as the box promised
    assert session.store.skill_state(good) == before


def test_preview_shows_a_variant_with_its_solution(qtbot, session):
    browser = open_browser(qtbot, session)
    tid = browser.visible_ids()[0]
    click_row(qtbot, browser, tid)
    qtbot.mouseClick(child(browser, QPushButton, "browserPreview"), Qt.MouseButton.LeftButton)
    dialog = browser.preview_dialog
    assert dialog.objectName() == "previewDialog" and dialog.isVisible()
    problem = session.bank[tid].generate(dialog.seed)
    text = dialog.view.toPlainText()
    prose = max((piece for is_formula, piece in segments(problem.prompt) if not is_formula), key=len)
    assert prose.strip().splitlines()[0][:30] in text  # its words; its formulas are typeset
    assert "Worked solution" in text and "Hints" in text and "Answer:" in text
    # the answer in math notation, typeset (an image), not in the checker's syntax
    qtbot.waitUntil(lambda: "data:image/png" in dialog.view.toHtml(), timeout=20_000)
    text = dialog.view.toPlainText()
    first_seed = dialog.seed
    qtbot.mouseClick(child(dialog, QPushButton, "previewAnother"), Qt.MouseButton.LeftButton)
    assert dialog.seed != first_seed and dialog.view.toPlainText() != text


def test_practise_emits_the_selected_ids(qtbot, session):
    browser = open_browser(qtbot, session)
    a, b = browser.visible_ids()[2], browser.visible_ids()[5]
    click_row(qtbot, browser, a)
    click_row(qtbot, browser, b, Qt.KeyboardModifier.ControlModifier)
    assert not child(browser, QPushButton, "browserPreview").isEnabled()  # preview is one skill
    with qtbot.waitSignal(browser.practise_requested, timeout=WAIT) as signal:
        qtbot.mouseClick(child(browser, QPushButton, "browserPractise"), Qt.MouseButton.LeftButton)
    assert signal.args == [[a, b]]


def test_shortcuts_and_context_menu(qtbot, session):
    good, *_ = first_day(session)
    browser = open_browser(qtbot, session)
    with qtbot.waitActive(browser):
        browser.activateWindow()
    click_row(qtbot, browser, good)
    with qtbot.waitSignal(browser.loaded, timeout=WAIT):
        table = child(browser, QTableView, "skillTable")
        qtbot.keyClick(table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert cell(browser, good, STATE) == "suspended"
    menu = [a.text() for a in browser.context_menu().actions() if not a.isSeparator()]
    assert menu == ["Practise", "Preview", "Unsuspend", "Bury", "Reset…"]
    for name in ("browserPractise", "browserPreview", "browserBury", "browserReset"):
        assert "Ctrl+" in child(browser, QPushButton, name).toolTip()


def test_nothing_selected_means_no_actions(qtbot, session):
    browser = open_browser(qtbot, session)
    for name in ("browserPractise", "browserPreview", "browserSuspend", "browserBury", "browserReset"):
        assert not child(browser, QPushButton, name).isEnabled(), name


def test_fsrs_shows_stability(qtbot, session):
    good, *_ = first_day(session)
    switch_scheduler(session.store, "fsrs")
    browser = open_browser(qtbot, session)
    header = child(browser, QTableView, "skillTable").model().headerData(MEMORY, Qt.Orientation.Horizontal)
    assert header == "Stability" and cell(browser, good, MEMORY).endswith(" d")
    assert [child(browser, QTableView, "skillTable").model().headerData(c, Qt.Orientation.Horizontal)
            for c in range(MEMORY)] == list(COLUMNS[:MEMORY])


def test_a_database_error_is_shown_in_the_window(qtbot, session):
    browser = open_browser(qtbot, session)
    session.store.close()
    with qtbot.waitSignal(browser.load_failed, timeout=WAIT):
        browser.refresh()
    error = child(browser, QLabel, "browserError")
    assert error.isVisible() and "closed" in error.text()
    assert len(column(browser, SKILL)) == len(session.bank)  # the last rows stay readable


def test_an_action_that_cannot_be_saved_says_so(qtbot, session):
    good, *_ = first_day(session)
    browser = open_browser(qtbot, session)
    click_row(qtbot, browser, good)
    session.store.close()
    with qtbot.waitSignal(browser.load_failed, timeout=WAIT):
        qtbot.mouseClick(child(browser, QPushButton, "browserSuspend"), Qt.MouseButton.LeftButton)
    assert "closed" in child(browser, QLabel, "browserError").text()
    assert cell(browser, good, STATE) == "learning"
