"""A second `tutor` on the same data directory is told the app is open and brings it forward."""

from __future__ import annotations

import os
import subprocess
import sys

from tutor.ui.single_instance import InstanceServer, ask_running_window


def test_a_second_tutor_on_the_same_folder_brings_the_first_window_forward(qtbot, open_window, tmp_path):
    w = open_window(tmp_path)
    server = InstanceServer(tmp_path, w)
    assert server.listening
    server.raise_requested.connect(w.bring_forward)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with qtbot.waitSignal(server.raise_requested, timeout=60_000):
        second = subprocess.Popen([sys.executable, "-m", "tutor", "--data-dir", str(tmp_path)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        while second.poll() is None:
            qtbot.wait(50)  # this window answers the second process meanwhile
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "already open" in err and str(tmp_path) in err
    assert "already open here" in w.statusBar().currentMessage()


def test_another_folder_is_not_the_same_app(qtbot, open_window, tmp_path):
    w = open_window(tmp_path / "a")
    InstanceServer(tmp_path / "a", w)
    assert not ask_running_window(tmp_path / "b")


def test_a_socket_left_by_a_killed_tutor_is_taken_over(qtbot, tmp_path):
    from PySide6.QtNetwork import QLocalServer

    from tutor.ui.single_instance import server_name

    stale = QLocalServer()
    assert stale.listen(server_name(tmp_path))
    stale.close()  # as if its process had died: nobody answers
    server = InstanceServer(tmp_path)
    assert server.listening
    assert ask_running_window(tmp_path)
