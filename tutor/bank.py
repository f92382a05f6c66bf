"""The content bank: every template under content/, plus an optional user folder.

Each ``*.py`` file under a content folder defines ``TEMPLATES``, a list of
``tutor.core.problems.Template``. Built-in content must load cleanly (a broken file there
is a bug and raises ``ContentError``). A learner's own folder is loaded file by file: a
broken file is reported by name and line and skipped, never crashing the app.
"""

from __future__ import annotations

import hashlib
import importlib.util
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tutor.core.problems import Template

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


def _smoke_test(template: Template) -> None:
    """Generate one variant and check its own answer, so a learner's broken family is caught
    at load time rather than in the middle of a review."""
    problem = template.generate(0)
    if not problem.check(problem.answer).correct:
        raise ContentError(f"{template.id}: the canonical answer {problem.answer!r} is not accepted")


def load_folder(bank: Bank, folder: Path, strict: bool) -> None:
    """Load every content file under ``folder`` into ``bank``.

    ``strict``: raise on the first broken file (built-in content); otherwise record the
    issue with its file and line and go on (a learner's own folder).
    """
    for path in _content_files(folder):
        try:
            for template in _load_file(path):
                if not strict:
                    _smoke_test(template)
                _add(bank, template)
        except Exception as exc:  # a content file can fail in any way; report, don't crash
            issue = ContentIssue(path, _error_line(exc, path), f"{type(exc).__name__}: {exc}")
            if strict:
                raise ContentError(str(issue)) from exc
            bank.issues.append(issue)


def load_bank(user_dir: Path | str | None = None, content_dir: Path | str | None = None) -> Bank:
    """Load the built-in bank (``content/``) and, if given, a learner's own folder."""
    from tutor.paths import content_dir as default_content_dir

    bank = Bank()
    load_folder(bank, Path(content_dir) if content_dir else default_content_dir(), strict=True)
    if user_dir is not None and Path(user_dir).is_dir():
        load_folder(bank, Path(user_dir), strict=False)
    return bank
