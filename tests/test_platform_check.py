"""Without the system libraries Qt's xcb platform needs, `tutor` says what is missing and how
to install it, instead of Qt's fatal error (issue 9)."""

from __future__ import annotations

import os
import subprocess
import sys

from tutor.platform_check import XCB_LIBRARIES, missing_libraries, uses_xcb, window_problem

X11 = {"DISPLAY": ":0"}


def test_qt_picks_xcb_on_linux_unless_told_otherwise():
    assert uses_xcb(X11, "linux")
    assert not uses_xcb({**X11, "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert uses_xcb({**X11, "QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb(X11, "darwin") and not uses_xcb(X11, "win32")


def test_missing_libraries_are_named_with_the_command_that_installs_them():
    absent = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    message = window_problem(X11, loads=lambda lib: lib not in absent, platform="linux")
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in message
    assert "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4" in message
    assert window_problem(X11, loads=lambda lib: True, platform="linux") is None
    assert set(missing_libraries(lambda lib: False)) == set(XCB_LIBRARIES)


def test_no_display_is_said_in_words():
    message = window_problem({}, loads=lambda lib: True, platform="linux")
    assert "no display" in message and "xvfb-run" in message


def test_the_command_prints_the_problem_and_exits_non_zero(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "tutor", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 3
    assert "tutor cannot open its window" in result.stderr and "Traceback" not in result.stderr
