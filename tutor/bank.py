"""The content bank: every template under content/, plus the learner's own family files.

Built-in content is Python: each ``*.py`` file under ``content/`` defines ``TEMPLATES``, a list
of ``tutor.core.problems.Template``, and must load cleanly (a broken file there is a bug and
raises ``ContentError``).

A learner's own folder (``<data dir>/content``) holds *data*: each ``*.toml`` file is one
family (``tutor.core.family_file``), whose expressions the safe answer engine evaluates.
Python files there are never imported or run: each is reported as an issue. Every family
file is checked over ``CHECK_SEEDS`` seeds when it is loaded; a file that cannot be read, or a
family that fails for some seed, is reported (with the seed) in ``Bank.issues`` and skipped,
never crashing or blocking the app.
"""

from __future__ import annotations

import hashlib
import importlib.util
import time
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tutor.core.problems import Template

CHECK_SEEDS = 300  # seeds every family is checked over (`tutor content check`, learner files on load)
FULL_CHECK_SEEDS = 5  # of those, how many a learner's family gets the answer engine's whole check on load
CHECK_BUDGET_S = 3.0  # a learner's family whose check takes longer is skipped (it would be slow to study)
PYTHON_NOT_RUN = (
    "Python files in your content folder are not run (a shared file could do anything). Write "
    "your family as a TOML data file instead (content/README.md, \"Your own problems\"); to add a "
    "Python family to the built-in bank, see \"Contributing a Python family to the built-in bank\" "
    "in content/README.md."
)

TOPIC_ORDER = (
    "linear algebra",
    "shapes",
    "calculus",
    "probability",
    "information theory",
    "optimization",
    "graphs",
)


class ContentError(Exception):
    """A content file or the bank as a whole is broken."""


@dataclass(frozen=True)
class ContentIssue:
    """A problem found while loading one content file."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass
class Bank(Mapping[str, Template]):
    """Templates by id, with the issues met while loading them."""

    templates: dict[str, Template] = field(default_factory=dict)
    issues: list[ContentIssue] = field(default_factory=list)

    def __getitem__(self, template_id: str) -> Template:
        return self.templates[template_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.templates)

    def __len__(self) -> int:
        return len(self.templates)

    def learning_order(self) -> list[str]:
        """Template ids with every prerequisite before the skills that need it.

        Among skills whose prerequisites are met, the earlier topic, then the easier, comes first.
        """
        def rank(tid: str) -> tuple:
            t = self.templates[tid]
            topic = TOPIC_ORDER.index(t.topic) if t.topic in TOPIC_ORDER else len(TOPIC_ORDER)
            return (topic, t.difficulty, tid)

        remaining = {tid: {p for p in t.prerequisites if p in self.templates}
                     for tid, t in self.templates.items()}
        order: list[str] = []
        while remaining:
            ready = sorted((tid for tid, pre in remaining.items() if not pre), key=rank)
            if not ready:
                raise ContentError(f"prerequisite cycle among: {', '.join(sorted(remaining))}")
            order.append(ready[0])
            del remaining[ready[0]]
            for pre in remaining.values():
                pre.discard(ready[0])
        return order


def _error_line(exc: BaseException, path: Path) -> int | None:
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
    return frames[-1].lineno if frames else None


def _load_file(path: Path) -> list[Template]:
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:10]
    spec = importlib.util.spec_from_file_location(f"tutor_content_{path.stem}_{digest}", path)
    if spec is None or spec.loader is None:
        raise ContentError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    templates = getattr(module, "TEMPLATES", None)
    if not isinstance(templates, list) or not all(isinstance(t, Template) for t in templates):
        raise ContentError("the file must define TEMPLATES, a list of Template objects")
    return templates


def _content_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if not p.name.startswith("_"))


def _add(bank: Bank, template: Template) -> None:
    if template.id in bank.templates:
        raise ContentError(f"duplicate template id {template.id!r}")
    bank.templates[template.id] = template


def load_folder(bank: Bank, folder: Path, strict: bool) -> None:
    """Load a content folder into ``bank``.

    ``strict``: the built-in bank's Python modules, raising on the first broken file.
    Otherwise ``folder`` is a learner's own folder: see :func:`load_learner_folder`.
    """
    if not strict:
        load_learner_folder(bank, folder)
        return
    for path in _content_files(folder):
        try:
            for template in _load_file(path):
                _add(bank, template)
        except Exception as exc:  # a content file can fail in any way: say which one
            issue = ContentIssue(path, _error_line(exc, path), f"{type(exc).__name__}: {exc}")
            raise ContentError(str(issue)) from exc


def learner_files(folder: Path) -> list[Path]:
    """The files of a learner's folder that the bank looks at: family files and Python files."""
    if not folder.is_dir():
        return []
    found = [p for pattern in ("*.toml", "*.py") for p in folder.rglob(pattern)]
    hidden = lambda p: any(part.startswith(".") for part in p.relative_to(folder).parts)  # noqa: E731
    return sorted(p for p in found if p.is_file() and not hidden(p))


def load_learner_family(path: Path) -> Template:
    """The family in one learner's TOML file, checked over ``CHECK_SEEDS`` seeds; a
    ``ContentIssue`` (raised) says why it cannot be used."""
    from tutor.core.family_file import FamilyFileError, FamilyFileSyntaxError, read_family_file

    try:
        template = read_family_file(path)
    except FamilyFileSyntaxError as exc:
        raise LearnerFileError(ContentIssue(path, exc.line, str(exc))) from None
    except FamilyFileError as exc:
        raise LearnerFileError(ContentIssue(path, None, str(exc))) from None
    except OSError as exc:
        raise LearnerFileError(ContentIssue(path, None, f"cannot be read: {exc.strerror or exc}")) from None
    except Exception as exc:  # noqa: BLE001 - a file must never stop the app, whatever it holds
        raise LearnerFileError(ContentIssue(path, None, f"cannot be read ({type(exc).__name__})")) from None
    problem = check_learner_family(template)
    if problem:
        raise LearnerFileError(ContentIssue(path, None, f"{template.id} is skipped: {problem}"))
    return template


class LearnerFileError(Exception):
    """One learner's file cannot be used; ``issue`` says which and why."""

    def __init__(self, issue: ContentIssue) -> None:
        super().__init__(str(issue))
        self.issue = issue


def check_learner_family(
    template: Template, seeds: int = CHECK_SEEDS, full_seeds: int = FULL_CHECK_SEEDS,
    budget_s: float = CHECK_BUDGET_S,
) -> str | None:
    """The first problem of a learner's family over ``seeds`` seeds, named with its seed, or None.

    Every seed gets the quick check (the draw meets the constraints, every expression is a real
    finite number, the answer whole for an integer, no unfilled placeholder, every ``$``
    closed); ``full_seeds`` of them, spread over the range, also get the answer engine's whole
    check, as ``tutor content check`` does (the canonical answer accepted, the precision asked
    for in the prompt, each declared mistake refused and named).
    """
    from tutor.core.checks import check_problem
    from tutor.core.family_file import family_of

    family = family_of(template)
    every = max(1, seeds // max(1, full_seeds))
    start = time.monotonic()
    for seed in range(seeds):
        try:
            found = family.quick_check(seed) if family is not None else []
            if not found and seed % every == 0 and seed // every < full_seeds:
                found = check_problem(template.generate(seed))
        except Exception as exc:  # noqa: BLE001 - report a broken family, never crash
            found = [f"seed {seed}: {type(exc).__name__}: {exc}"]
        if found:
            return found[0]
        if time.monotonic() - start > budget_s:
            return (f"checking it took more than {budget_s:g} s (stopped at seed {seed}); "
                    "make its expressions shorter or its constraints easier to meet")
    return None


def load_learner_folder(bank: Bank, folder: Path) -> None:
    """Every family file of a learner's folder, checked, into ``bank``; Python files are
    reported, never run; each file that cannot be used becomes an issue and is skipped."""
    added: dict[str, Path] = {}
    for path in learner_files(folder):
        if path.suffix == ".py":
            bank.issues.append(ContentIssue(path, None, PYTHON_NOT_RUN))
            continue
        try:
            template = load_learner_family(path)
        except LearnerFileError as exc:
            bank.issues.append(exc.issue)
            continue
        if template.id in bank.templates:
            bank.issues.append(ContentIssue(path, None, f"duplicate template id {template.id!r}: "
                                            "another family already has it; give yours its own id"))
            continue
        bank.templates[template.id] = template
        added[template.id] = path
    _drop_cycles(bank, added)


def _drop_cycles(bank: Bank, added: dict[str, Path]) -> None:
    """Learner families caught in a prerequisite cycle are skipped (the built-in bank has none)."""
    while True:
        try:
            bank.learning_order()
            return
        except ContentError as exc:
            named = set(str(exc).partition(": ")[2].split(", "))
            stuck = [tid for tid in added if tid in bank.templates and tid in named]
            if not stuck:
                raise
            for tid in stuck:
                del bank.templates[tid]
                bank.issues.append(ContentIssue(added[tid], None, f"{tid} is skipped: {exc}"))


def load_bank(user_dir: Path | str | None = None, content_dir: Path | str | None = None) -> Bank:
    """Load the built-in bank (``content/``) and, if given, a learner's own folder of family files."""
    from tutor.paths import content_dir as default_content_dir

    bank = Bank()
    load_folder(bank, Path(content_dir) if content_dir else default_content_dir(), strict=True)
    if user_dir is not None and Path(user_dir).is_dir():
        load_learner_folder(bank, Path(user_dir))
    return bank
