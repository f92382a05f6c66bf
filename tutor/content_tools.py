"""``tutor content list | check | show | graph``: tools for content authors.

``tutor content check`` checks every family of the built-in bank over ``CHECK_SEEDS`` seeds;
``tutor content check --data-dir DIR`` checks the learner's own family files in
``DIR/content`` instead (each file and family named, with the seed that fails).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tutor.bank import (
    CHECK_SEEDS,
    Bank,
    ContentError,
    learner_files,
    load_bank,
    load_learner_folder,
)
from tutor.core.checks import check_problem
from tutor.core.problems import Template

__all__ = ["CHECK_SEEDS", "FamilyReport", "check_bank", "check_problem", "check_template", "run_content_command"]


@dataclass
class FamilyReport:
    template_id: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_template(template: Template, bank: Bank, seeds: int = CHECK_SEEDS) -> FamilyReport:
    problems = [f"unknown prerequisite {p!r}" for p in template.prerequisites if p not in bank]
    if template.seed_params is not None:
        try:
            problems += check_problem(template.seed_instance())
        except Exception as exc:  # report a broken template, don't stop the whole check
            problems.append(f"seed instance: {type(exc).__name__}: {exc}")
    for seed in range(seeds):
        try:
            problem = template.generate(seed)
            if template.generate(seed) != problem:
                problems.append(f"seed {seed}: the same seed gives a different variant")
            problems += check_problem(problem)
        except Exception as exc:
            problems.append(f"seed {seed}: {type(exc).__name__}: {exc}")
        if len(problems) > 20:
            break
    return FamilyReport(template.id, problems)


_WORKER_BANK: Bank | None = None


def _load_worker_bank() -> None:
    global _WORKER_BANK
    _WORKER_BANK = load_bank()


def _check_in_worker(template_id: str) -> FamilyReport:
    return check_template(_WORKER_BANK[template_id], _WORKER_BANK)


def check_bank(bank: Bank, parallel: bool = True) -> list[FamilyReport]:
    """Every family of the built-in ``bank`` checked over CHECK_SEEDS seeds, in order; spread
    over the machine's cores (fresh processes, each loading the bank) when there are several."""
    ids = sorted(bank)
    workers = min(len(ids), os.cpu_count() or 1)
    if not parallel or workers < 2:
        return [check_template(bank[tid], bank) for tid in ids]
    context = multiprocessing.get_context("spawn")  # never fork a process that may run threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_load_worker_bank) as pool:
        return list(pool.map(_check_in_worker, ids))


def _cmd_check(bank: Bank) -> int:
    reports = check_bank(bank)
    try:
        bank.learning_order()
    except ContentError as exc:
        print(f"FAIL  prerequisite graph: {exc}")
        reports.append(FamilyReport("prerequisite graph", [str(exc)]))
    failed = _print_reports(reports)
    print(f"{len(bank)} families, {CHECK_SEEDS} seeds each: {len(reports) - failed} ok, {failed} failed")
    return 1 if failed else 0


def check_learner_folder(folder: Path) -> list[FamilyReport]:
    """Every file of a learner's folder: each family file loaded as the app loads it, then
    checked over CHECK_SEEDS seeds as the built-in bank is; a file that cannot be used (a
    Python file, a broken or failing family) is reported by its name."""
    bank = load_bank()
    built_in = set(bank)
    load_learner_folder(bank, folder)
    reports = [FamilyReport(_file_name(issue.path, folder, issue.line), [issue.message]) for issue in bank.issues]
    for tid in sorted(set(bank) - built_in):
        template = bank[tid]
        report = check_template(template, bank)
        reports.append(FamilyReport(f"{tid} ({_file_name(Path(template.source), folder)})", report.problems))
    return reports


def _file_name(path: Path, folder: Path, line: int | None = None) -> str:
    try:
        name = str(path.relative_to(folder))
    except ValueError:
        name = str(path)
    return f"{name}:{line}" if line else name


def _cmd_check_learner(data_dir: Path) -> int:
    from tutor.paths import USER_CONTENT_FOLDER

    data_dir = data_dir.expanduser()
    folder = data_dir / USER_CONTENT_FOLDER
    if not data_dir.is_dir():
        print(f"There is no data folder {data_dir}.", file=sys.stderr)
        return 2
    if not learner_files(folder):
        print(f"No family files in {folder}: your own families go there, one .toml file each "
              "(content/README.md, \"Your own problems\").")
        return 0
    reports = check_learner_folder(folder)
    failed = _print_reports(reports)
    print(f"{len(reports)} of your files and families in {folder}, {CHECK_SEEDS} seeds each: "
          f"{len(reports) - failed} ok, {failed} failed")
    return 1 if failed else 0


def _cmd_list(bank: Bank) -> int:
    by_topic: dict[str, list[Template]] = defaultdict(list)
    for tid in bank.learning_order():
        by_topic[bank[tid].topic].append(bank[tid])
    for topic, templates in by_topic.items():
        print(f"{topic} ({len(templates)})")
        for t in templates:
            needs = f"  ← {', '.join(t.prerequisites)}" if t.prerequisites else ""
            print(f"  {t.id:34} {t.title}{needs}")
    print(f"{len(bank)} families")
    return 0


def prerequisite_levels(bank: Bank) -> list[list[str]]:
    """Families by depth in the prerequisite graph: level 0 needs nothing, level n needs level < n."""
    level: dict[str, int] = {}
    for tid in bank.learning_order():
        pres = [p for p in bank[tid].prerequisites if p in bank]
        level[tid] = 1 + max((level[p] for p in pres), default=-1)
    levels: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for tid, n in level.items():
        levels[n].append(tid)
    return [sorted(ids) for ids in levels]


def _cmd_graph(bank: Bank) -> int:
    """The prerequisite graph as a Mermaid flowchart (renders as a picture in Markdown viewers)."""
    print("```mermaid")
    print("flowchart LR")
    for topic in sorted({t.topic for t in bank.values()}):
        print(f'  subgraph {topic.replace(" ", "_")}["{topic}"]')
        for tid in sorted(t for t in bank if bank[t].topic == topic):
            print(f"    {tid.replace('.', '_')}[{tid}]")
        print("  end")
    for tid in bank.learning_order():
        for pre in bank[tid].prerequisites:
            print(f"  {pre.replace('.', '_')} --> {tid.replace('.', '_')}")
    print("```")
    print()
    for n, ids in enumerate(prerequisite_levels(bank)):
        print(f"- level {n}: {', '.join(ids)}")
    return 0


def _cmd_show(bank: Bank, template_id: str, seed: int | None) -> int:
    if template_id not in bank:
        print(f"No family {template_id!r}. `tutor content list` shows them all.")
        return 2
    template = bank[template_id]
    problem = template.seed_instance() if seed is None and template.seed_params else template.generate(seed or 0)
    print(f"{template.title}  [{template.id}, {'seed instance' if problem.seed is None else f'seed {problem.seed}'}]")
    print()
    print(problem.prompt)
    print()
    print(f"Answer: {problem.answer}")
    for hint in problem.hints:
        print(f"Hint: {hint}")
    print("\nWorked solution:")
    for number, step in enumerate(problem.steps, 1):
        title = f"{step.title}: " if step.title else ""
        print(f"  {number}. {title}{step.text}")
    return 0


def run_content_command(args: argparse.Namespace) -> int:
    if args.content_command == "check" and getattr(args, "data_dir", None) is not None:
        return _cmd_check_learner(Path(args.data_dir))
    try:
        bank = load_bank()
    except ContentError as exc:
        print(f"The content bank could not be loaded: {exc}")
        return 1
    if args.content_command == "check":
        return _cmd_check(bank)
    if args.content_command == "list":
        return _cmd_list(bank)
    if args.content_command == "graph":
        return _cmd_graph(bank)
    return _cmd_show(bank, args.template_id, args.seed)


def _print_reports(reports: list[FamilyReport]) -> int:
    """One line per family (and up to four more problems); return how many failed."""
    for report in reports:
        status = "ok  " if report.ok else "FAIL"
        print(f"{status}  {report.template_id}" + ("" if report.ok else f": {report.problems[0]}"))
        for extra in report.problems[1:5]:
            print(f"        {extra}")
    return sum(not r.ok for r in reports)
