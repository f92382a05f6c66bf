"""A review survives the app being killed the moment after it was acknowledged (saved)."""

import os
import signal
import subprocess
import sys
import textwrap

from tutor.store import Store

SCRIPT = textwrap.dedent(
    """
    import os, random, signal, sys, time
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from tutor.core.authoring import obviously_wrong
    from tutor.ui import MainWindow

    app = QApplication([])
    window = MainWindow(data_dir=sys.argv[1], rng=random.Random(7))
    window.show()
    window.today.start_button.click()
    for _ in range(2000):  # the queue is read off the GUI thread
        if window.current_problem is not None:
            break
        app.processEvents()
        time.sleep(0.005)  # not QTest.qWait: it holds the GIL, and the reading thread needs it
    problem = window.current_problem
    answer = obviously_wrong(problem.spec)
    window.review.answer.setText(answer)
    QTest.keyClick(window.review.answer, Qt.Key.Key_Return)
    for _ in range(2000):
        if window.review.phase.value == "missed":
            break
        QTest.qWait(5)
    else:
        sys.exit("no verdict: " + window.review.feedback.text())
    for _ in range(2000):  # acknowledged: the window no longer says "Saving…"
        if not window.saves.state.pending and window.save_status.text() == "":
            break
        QTest.qWait(5)
    else:
        sys.exit("never saved: " + window.save_status.text())
    print(problem.template_id, problem.seed, answer.replace(" ", "_"), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_review_is_kept_when_the_app_is_killed_right_after_submitting(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    template_id, seed, answer = result.stdout.split()
    with Store.open(tmp_path) as store:
        [review] = store.reviews(template_id=template_id)
        assert review.seed == int(seed) and review.answer == answer.replace("_", " ")
        assert review.quality in (1, 2)
        assert store.skill_state(template_id).interval_days == 1
