"""Shared test configuration.

Qt runs headless: the platform is set here, before pytest-qt creates the QApplication,
so nobody has to set QT_QPA_PLATFORM by hand.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
