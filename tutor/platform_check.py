"""Before Qt opens a window on Linux: are the system libraries its xcb platform needs there?

Without them Qt aborts with "Could not load the Qt platform plugin "xcb"" and a core dump;
tutor says instead which libraries are missing and the command that installs them.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# the shared libraries Qt 6's xcb plugin loads, and the Debian/Ubuntu package of each
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will pick its xcb (X11) platform here."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def missing_libraries(loads: Callable[[str], bool] = _loads) -> dict[str, str]:
    """The xcb libraries that cannot be loaded, with the package of each."""
    return {lib: package for lib, package in XCB_LIBRARIES.items() if not loads(lib)}


def window_problem(environ: Mapping[str, str] = os.environ, loads: Callable[[str], bool] = _loads,
                   platform: str = sys.platform) -> str | None:
    """What stops Qt from opening a window here, in words with the fix (None: nothing)."""
    if not uses_xcb(environ, platform):
        return None
    if not environ.get("DISPLAY"):
        return (
            "tutor cannot open its window: there is no display (DISPLAY is not set). Start it "
            "from a desktop session, or run it under a virtual display: xvfb-run -a tutor"
        )
    missing = missing_libraries(loads)
    if not missing:
        return None
    packages = " ".join(sorted(set(missing.values())))
    return (
        "tutor cannot open its window: Qt's X11 (xcb) platform needs system libraries that are "
        f"missing here: {', '.join(missing)}.\n"
        f"On Debian or Ubuntu, install them with:\n    sudo apt-get install -y {packages}\n"
        "Then start tutor again. (The tutor commands that need no window, such as "
        "`tutor content check` or `tutor stats`, work without them.)"
    )
