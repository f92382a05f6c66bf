"""The tutor command: start the app, work on the content bank, or on the learner's data.

    tutor [--data-dir DIR] [--database-url URL] [--learner NAME] [--screenshot PNG]
    tutor content list | check | graph | show ID [--seed N]
    tutor export FILE.json [--force] | import FILE.json
    tutor rebuild [--check] | stats

``--database-url`` (or ``$TUTOR_DATABASE_URL``) keeps the progress in any SQLAlchemy database,
e.g. a PostgreSQL server shared by several machines or learners; without it, the SQLite file
in the data folder. ``--learner`` (or ``$TUTOR_LEARNER``) says whose progress it is.

Every failure prints its message on stderr. Exit codes: 0 done, 1 refused (an import, an
export over an existing file) or, for ``rebuild --check``, a difference found; 2 the database
or the bank cannot be used; 3 the window cannot be shown. None of the commands imports Qt or
matplotlib.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tutor import __version__

if TYPE_CHECKING:  # imported when a command runs: `tutor --version` and the app start stay light
    from tutor.store import Store

DATA_COMMANDS = ("export", "import", "rebuild", "stats")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tutor", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    parser.add_argument("--data-dir", type=Path, help="where progress is kept (default: the user data dir, or $TUTOR_DATA_DIR)")
    _add_progress_options(parser, default=None)
    parser.add_argument("--screenshot", type=Path, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    _add_content_commands(sub)
    _add_data_commands(sub)
    return parser


def _add_content_commands(sub: argparse._SubParsersAction) -> None:
    content = sub.add_parser("content", help="list, check or show the problem bank")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    content_sub.add_parser("list", help="families by topic with their prerequisites")
    check = content_sub.add_parser("check", help="validate every family over many seeds")
    check.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                       help="check your own family files in DIR/content instead of the built-in bank")
    content_sub.add_parser("graph", help="the prerequisite graph (Mermaid) and its levels")
    show = content_sub.add_parser("show", help="print one variant with its solution")
    show.add_argument("template_id")
    show.add_argument("--seed", type=int, default=None)


def _add_progress_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--database-url", default=default, metavar="URL",
                        help="keep progress in this database, e.g. postgresql+psycopg://host/tutor "
                        "(default: $TUTOR_DATABASE_URL, else the SQLite file in the data dir)")
    parser.add_argument("--learner", default=default, metavar="NAME",
                        help="whose progress (default: $TUTOR_LEARNER, else the only learner)")


def _add_data_commands(sub: argparse._SubParsersAction) -> None:
    # The options are accepted after the command too; SUPPRESS keeps the ones given before it.
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="where progress is kept")
    _add_progress_options(data, default=argparse.SUPPRESS)
    export = sub.add_parser("export", parents=[data], help="write the whole history to a JSON file")
    export.add_argument("file", type=Path)
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    imported = sub.add_parser("import", parents=[data], help="add the history in a JSON file")
    imported.add_argument("file", type=Path)
    rebuild = sub.add_parser("rebuild", parents=[data], help="recompute every skill state from the log")
    rebuild.add_argument("--check", action="store_true", help="change nothing; list the differences")
    sub.add_parser("stats", parents=[data], help="the headline figures of your progress")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "content":
        from tutor.content_tools import run_content_command

        return run_content_command(args)
    if args.command in DATA_COMMANDS:
        return run_data_command(args)
    return run_app(args.data_dir, args.screenshot, *_progress_location(args))


def _progress_location(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The database URL and the learner: the options, else the environment."""
    from tutor.paths import default_database_url, default_learner

    return args.database_url or default_database_url(), args.learner or default_learner()


# -- commands on the learner's data ----------------------------------------------------------


def run_data_command(args: argparse.Namespace) -> int:
    """Open the database, run the command, close; learner-readable failures on stderr."""
    from tutor.bank import ContentError
    from tutor.paths import default_data_dir
    from tutor.store import StoreError
    from tutor.transfer import TransferError

    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    url, learner = _progress_location(args)
    try:
        with _open_store(data_dir, url, learner, create=args.command == "import") as store:
            return _COMMANDS[args.command](store, args, data_dir)
    except (StoreError, ContentError) as e:
        print(f"tutor: {e}", file=sys.stderr)
        return 2
    except TransferError as e:
        print(f"tutor: {e}", file=sys.stderr)
        return 1


def _open_store(data_dir: Path, url: str | None, learner: str | None, create: bool) -> Store:
    """The learner's Store. Only ``import`` creates a database file; the others refuse a folder
    without one rather than leave an empty database behind (a mistyped --data-dir)."""
    from tutor.store import DB_FILENAME, Store, StoreError

    if url is None and not create and not (data_dir / DB_FILENAME).exists():
        raise StoreError(
            f"There is no progress database in {data_dir} (nothing was studied there yet). "
            "Check --data-dir or TUTOR_DATA_DIR."
        )
    return Store.open_progress(data_dir, url, learner)


def _export(store: Store, args: argparse.Namespace, _data_dir: Path) -> int:
    from tutor.transfer import export_history

    print(export_history(store, args.file, overwrite=args.force).text())
    return 0


def _import(store: Store, args: argparse.Namespace, _data_dir: Path) -> int:
    from tutor.transfer import import_history

    print(import_history(store, args.file).text())
    return 0


def _rebuild(store: Store, args: argparse.Namespace, _data_dir: Path) -> int:
    from tutor import rebuild

    if args.check:
        lines = rebuild.check(store)
        for line in lines:
            print(line)
        if lines:
            print(f"{len(lines)} skill states differ from the log; `tutor rebuild` recomputes them.")
            return 1
        print(f"Every skill state matches the log ({len(store.skill_states())} skills).")
        return 0
    lines = rebuild.rebuild(store)
    for line in lines:
        print(f"fixed {line}")
    print(f"Recomputed {len(lines)} skill states from the log." if lines
          else "Every skill state already matched the log; nothing changed.")
    return 0


def _stats(store: Store, _args: argparse.Namespace, data_dir: Path) -> int:
    print(stats_text(store, data_dir))
    return 0


def stats_text(store: Store, data_dir: Path, now: datetime | None = None) -> str:
    """What ``tutor stats`` prints: the headline figures, as the statistics window shows them."""
    from tutor.bank import load_bank
    from tutor.core.stats import headline, headline_text
    from tutor.paths import USER_CONTENT_FOLDER
    from tutor.rebuild import SCHEDULER_KEY, retention_setting
    from tutor.study import study_day

    bank = load_bank(user_dir=data_dir / USER_CONTENT_FOLDER)
    today = study_day(now or datetime.now(UTC))
    fsrs = store.get_setting(SCHEDULER_KEY) == "fsrs"
    states = {tid: s for tid, s in store.skill_states().items() if tid in bank}  # skills that still exist
    figures = headline(
        store.review_facts(), states, today,
        desired_retention=retention_setting(store) if fsrs else None, skills=len(bank),
    )
    return headline_text(figures)


_COMMANDS: dict[str, Callable[..., int]] = {
    "export": _export, "import": _import, "rebuild": _rebuild, "stats": _stats,
}


# -- the app ---------------------------------------------------------------------------------


FIRST_PAINT_PROBE = "TUTOR_FIRST_PAINT_PROBE"  # benchmarks/startup.py: say when Today is painted, quit


def _report_first_paint(app, window) -> None:  # noqa: ANN001 - Qt objects, imported lazily
    """For benchmarks/startup.py: print "painted" when the first screen has been painted, then
    "ready" once the progress is open and its screen (Today, or the first run's welcome) has
    been painted with it, and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Probe(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.said = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            if not self.said:
                self.said.append("painted")
                print("painted", flush=True)
            shown = window.stack.currentWidget() is not window.today or window.today.showing_numbers
            if window.session is not None and shown and len(self.said) == 1:
                self.said.append("ready")
                QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))

    probe = _Probe()
    app.installEventFilter(probe)


def run_app(
    data_dir: Path | None,
    screenshot: Path | None = None,
    database_url: str | None = None,
    learner: str | None = None,
) -> int:
    """The window. Exit code 0, or 2 with the message on stderr when the progress could not be
    opened (the window said so too), or 3 when no window can be shown."""
    from tutor.platform_check import window_problem

    problem = window_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 3
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tutor.paths import default_data_dir
    from tutor.ui import MainWindow
    from tutor.ui.single_instance import InstanceServer, ask_running_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("tutor")
    app.setOrganizationName("tutor")
    folder = data_dir or default_data_dir()
    if ask_running_window(folder):
        print(f"tutor is already open on {folder}: its window was brought to the front.", file=sys.stderr)
        return 0
    window = MainWindow(
        data_dir=folder, database_url=database_url, learner=learner, welcome=True, open_in_background=True,
    )
    window.show()
    instance = InstanceServer(folder, window)
    instance.raise_requested.connect(window.bring_forward)
    if os.environ.get(FIRST_PAINT_PROBE):
        _report_first_paint(app, window)
    if screenshot is not None:
        QTimer.singleShot(800, lambda: (window.grab().save(str(screenshot)), window.close(), app.quit()))
    code = app.exec()
    if window.open_failure is not None:
        print(f"tutor: {window.open_failure}", file=sys.stderr)
        return 2
    return code
