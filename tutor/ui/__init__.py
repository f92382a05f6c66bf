"""The PySide6 desktop front end. The GUI thread only draws; checks run in a worker."""

from tutor.ui.main_window import MainWindow

__all__ = ["MainWindow"]
