"""The ``tutor`` command: start the app, or work on the content bank.

    tutor [--data-dir DIR] [--screenshot PNG]
    tutor content list | check | graph | show ID [--seed N]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tutor import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tutor", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    parser.add_argument("--data-dir", type=Path, help="where progress is kept (default: the user data dir, or $TUTOR_DATA_DIR)")
    parser.add_argument("--screenshot", type=Path, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    content = sub.add_parser("content", help="list, check or show the problem bank")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    content_sub.add_parser("list", help="families by topic with their prerequisites")
    content_sub.add_parser("check", help="validate every family over many seeds")
    content_sub.add_parser("graph", help="the prerequisite graph (Mermaid) and its levels")
    show = content_sub.add_parser("show", help="print one variant with its solution")
    show.add_argument("template_id")
    show.add_argument("--seed", type=int, default=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "content":
        from tutor.content_tools import run_content_command

        return run_content_command(args)
    return run_app(args.data_dir, args.screenshot)


def run_app(data_dir: Path | None, screenshot: Path | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tutor.paths import default_data_dir
    from tutor.ui import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("tutor")
    app.setOrganizationName("tutor")
    app.setStyle("Fusion")
    window = MainWindow(data_dir=data_dir or default_data_dir())
    window.show()
    if screenshot is not None:
        QTimer.singleShot(800, lambda: (window.grab().save(str(screenshot)), window.close(), app.quit()))
    return app.exec()

