"""The learner's whole history as one JSON file: ``tutor export`` and ``tutor import``.

The file (``"format": "tutor-history"``, ``"version": 1``) holds the skill states, every
review (undone ones, practice and implicit credit included), every skill event and the
settings. Ids inside it are the file's own (1, 2, 3 ... in the order things were logged);
``credited_by``, ``target_review`` and ``target_event`` use them, and an import maps them to
the ids the receiving database gives.

What an import does, and why:

- The whole file is read and checked before anything is written (its format and version,
  every field's type and range, every reference, time zones). A broken file, one written by a
  newer tutor, or one holding a review this database already has (same skill, seed and moment:
  the same file imported twice, or two exports of one history) is refused with
  ``ImportRefused`` and the database is left exactly as it was.
- Into a data folder with no history yet (a new machine), everything comes across, settings
  included: they replace whatever the fresh database holds, so the learner finds their
  scheduler and limits as they left them.
- Into a folder with history, a disjoint history (another machine's) is appended; this
  database's settings stay and the file only fills in settings not set here.
- Either way the states are not taken from the file: they are replayed from the merged log
  (what ``tutor rebuild`` gives), in the same transaction as the import. For an import into a
  fresh folder, states of the file that disagree with its own log are reported.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tutor import __version__
from tutor.core.history import differences, replay
from tutor.core.records import (
    EVENT_ACTIONS,
    IMPLICIT,
    REVIEW_KINDS,
    UNDO,
    ReviewRecord,
    SkillEvent,
    SkillState,
)
from tutor.core.scheduling import MAX_RETENTION, MIN_RETENTION, SCHEDULER_NAMES
from tutor.rebuild import RETENTION_KEY, SCHEDULER_KEY, active_scheduler
from tutor.store import VERDICTS, Store
from tutor.store.repository import History
from tutor.study import (
    CREDIT_KEY,
    MAX_NEW_PER_DAY,
    MAX_REVIEWS_PER_DAY,
    NEW_PER_DAY_KEY,
    REVIEWS_PER_DAY_KEY,
)

FORMAT = "tutor-history"
VERSION = 1
INT64 = (-(2**63), 2**63 - 1)
COUNT_MAX = 2**31 - 1  # ef, intervals and repetitions are 32-bit integers in PostgreSQL
TOP_LEVEL = ("format", "version", "app_version", "exported_at", "settings", "skill_states",
             "reviews", "events")


class TransferError(Exception):
    """An export or import that did not happen; the message is for the learner."""


class ImportRefused(TransferError):
    """The file was not imported (broken, newer, or already imported): nothing was changed."""


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    reviews: int
    events: int
    states: int

    def text(self) -> str:
        return (f"Exported {self.reviews} reviews, {self.events} skill events and "
                f"{self.states} skill states to {self.path}.")


@dataclass(frozen=True)
class ImportSummary:
    reviews: int
    events: int
    into_fresh: bool  # the data folder had no history before
    settings_applied: tuple[str, ...]
    settings_kept: tuple[str, ...]  # set in the file, but this database's value stayed
    states: int  # skill states after replaying the merged log
    file_state_differences: tuple[str, ...]  # fresh import: file states its log disagrees with

    def text(self) -> str:
        how = "into an empty history" if self.into_fresh else "alongside the history already here"
        lines = [
            f"Imported {self.reviews} reviews and {self.events} skill events {how}.",
            f"Skill states recomputed from the log: {self.states}.",
        ]
        if self.settings_applied:
            lines.append("Settings taken from the file: " + ", ".join(self.settings_applied) + ".")
        if self.settings_kept:
            lines.append("Settings kept from this database: " + ", ".join(self.settings_kept) + ".")
        if self.file_state_differences:
            lines.append("States in the file that its own log does not give (the log was used):")
            lines += [f"  {line}" for line in self.file_state_differences]
        return "\n".join(lines)


@dataclass(frozen=True)
class HistoryFile:
    """A checked history file; ids are the file's own."""

    app_version: str
    exported_at: datetime
    settings: dict[str, str]
    states: dict[str, SkillState]
    reviews: list[ReviewRecord]
    events: list[SkillEvent]


# -- export ----------------------------------------------------------------------------------


def export_history(
    store: Store, path: Path | str, *, overwrite: bool = False, now: datetime | None = None
) -> ExportSummary:
    """Write the whole history to ``path``. An existing file is replaced only with ``overwrite``
    (the file dialog has asked); the file appears complete or not at all."""
    path = Path(path).expanduser().resolve()  # through a link, to the file it names
    if path.exists() and not path.is_file():
        raise TransferError(f"{path} is not a regular file; choose a file name to export to.")
    if path.exists() and not overwrite:
        raise TransferError(f"{path} already exists; choose another name (or --force to replace it).")
    history = store.history()
    document = history_document(history, now or datetime.now(UTC))
    _write_atomically(path, document_text(document))
    return ExportSummary(path, len(history.reviews), len(history.events), len(history.states))


def _umask() -> int:
    """The process umask, read without changing it (os.umask would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def history_document(history: History, exported_at: datetime) -> dict[str, Any]:
    """The JSON document for ``history``, its ids renumbered from 1 in logged order."""
    review_ids = {r.id: n for n, r in enumerate(history.reviews, start=1)}
    event_ids = {e.id: n for n, e in enumerate(history.events, start=1)}
    reviews = [
        _jsonable(r, id=review_ids[r.id], credited_by=review_ids.get(r.credited_by))
        for r in history.reviews
    ]
    events = [
        _jsonable(e, id=event_ids[e.id], target_review=review_ids.get(e.target_review),
                  target_event=event_ids.get(e.target_event))
        for e in history.events
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "exported_at": exported_at.astimezone(UTC).isoformat(),
        "settings": dict(sorted(history.settings.items())),
        "skill_states": [_jsonable(s) for _, s in sorted(history.states.items())],
        "reviews": reviews,
        "events": events,
    }


def document_text(document: Mapping[str, Any]) -> str:
    """JSON with one record a line: readable, and a long history stays a manageable file."""
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            lines = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in value)
            text = f"[\n{lines}\n ]"
        else:
            text = json.dumps(value, ensure_ascii=False)
        parts.append(f" {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _jsonable(record: SkillState | ReviewRecord | SkillEvent, **overrides: Any) -> dict[str, Any]:
    """The record's fields (``id`` first), days and moments as ISO text."""
    values = {"id": None} if "id" in overrides else {}
    values |= {f.name: getattr(record, f.name) for f in fields(record)} | overrides
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _write_atomically(path: Path, text: str) -> None:
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as e:
        raise TransferError(f"Cannot write {path}: {e.strerror or e}.") from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; an export is a plain file
        os.replace(temporary, path)
    except OSError as e:
        Path(temporary).unlink(missing_ok=True)
        raise TransferError(f"Cannot write {path}: {e.strerror or e}.") from e


# -- import ----------------------------------------------------------------------------------


def import_history(store: Store, path: Path | str) -> ImportSummary:
    """Add the history in ``path`` to ``store`` (see the module docstring for the rules).

    Raises ``ImportRefused`` (nothing changed) for a broken or newer file or a duplicate.
    """
    path = Path(path)
    incoming = read_history_file(path)
    before = store.history()
    _refuse_duplicates(path, incoming.reviews, before.reviews)
    _refuse_duplicate_events(path, incoming.events, before.events)
    fresh = not before.reviews and not before.events
    applied, kept = _settings_to_apply(incoming.settings, before.settings, fresh)
    file_differences: list[str] = []

    def states_from_log(merged: History) -> dict[str, SkillState]:
        if (len(merged.reviews), len(merged.events)) != (
            len(before.reviews) + len(incoming.reviews), len(before.events) + len(incoming.events)
        ):
            raise ImportRefused(_refused(path, "the progress database changed while importing "
                                               "(is tutor studying at the same time?); try again"))
        states = _replayed(path, merged)
        if fresh:
            file_differences.extend(differences(incoming.states, states))
        return states

    settings = {key: incoming.settings[key] for key in applied}
    states = store.append_history(incoming.reviews, incoming.events, settings, states_from_log)
    return ImportSummary(
        reviews=len(incoming.reviews), events=len(incoming.events), into_fresh=fresh,
        settings_applied=applied, settings_kept=kept, states=len(states),
        file_state_differences=tuple(file_differences),
    )


class _SettingsView:
    """Settings read inside the import's transaction, offered the way ``tutor.rebuild`` reads
    a Store, so an import replays with exactly the scheduler ``tutor rebuild`` would use."""

    def __init__(self, settings: Mapping[str, str]) -> None:
        self._settings = settings

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self._settings.get(key, default)


def _replayed(path: Path, merged: History) -> dict[str, SkillState]:
    scheduler = active_scheduler(_SettingsView(merged.settings))  # type: ignore[arg-type]
    try:
        return replay(merged.reviews, merged.events, scheduler)
    except (ValueError, OverflowError) as e:
        raise ImportRefused(_refused(path, f"its log cannot be replayed ({e})")) from e


def _settings_to_apply(
    incoming: Mapping[str, str], present: Mapping[str, str], fresh: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(keys taken from the file, keys whose value here stays)."""
    if fresh:
        return tuple(sorted(incoming)), ()
    applied = tuple(sorted(k for k in incoming if k not in present))
    kept = tuple(sorted(k for k in incoming if k in present and present[k] != incoming[k]))
    return applied, kept


def _refuse_duplicates(
    path: Path, incoming: Sequence[ReviewRecord], present: Sequence[ReviewRecord]
) -> None:
    keys = {(r.template_id, r.seed, r.reviewed_at) for r in present}
    repeated = [r for r in incoming if (r.template_id, r.seed, r.reviewed_at) in keys]
    if repeated:
        first = repeated[0]
        raise ImportRefused(_refused(path, (
            f"{len(repeated)} of its reviews are already in this progress database (the first: "
            f"{first.template_id}, seed {first.seed}, on {first.day}); it was probably imported "
            "before"
        )))


def _refuse_duplicate_events(
    path: Path, incoming: Sequence[SkillEvent], present: Sequence[SkillEvent]
) -> None:
    keys = {(e.template_id, e.action, e.at) for e in present}
    repeated = [e for e in incoming if (e.template_id, e.action, e.at) in keys]
    if repeated:
        first = repeated[0]
        raise ImportRefused(_refused(path, (
            f"{len(repeated)} of its skill events are already in this progress database (the "
            f"first: {first.action} of {first.template_id} on {first.day}); it was probably "
            "imported before"
        )))


def _refused(path: Path, reason: str) -> str:
    return f"{path.name} was not imported: {reason}. Nothing was changed."


# -- reading and checking a file -------------------------------------------------------------


class _Invalid(Exception):
    """A reason a file is broken (wrapped into ``ImportRefused`` with the file's name)."""


def read_history_file(path: Path | str) -> HistoryFile:
    """Read and check a history file completely; ``ImportRefused`` says what is wrong."""
    path = Path(path)
    document = _load_json(path)
    try:
        return _checked(document)
    except _Invalid as e:
        raise ImportRefused(_refused(path, str(e))) from None


def _load_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ImportRefused(_refused(path, f"it cannot be read ({e.strerror or e})")) from e
    except UnicodeDecodeError:
        raise ImportRefused(_refused(path, "it is not a text (UTF-8) file")) from None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        reason = f"it is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})"
        raise ImportRefused(_refused(path, reason)) from None
    except (_Invalid, RecursionError) as e:
        raise ImportRefused(_refused(path, f"it is not valid JSON ({e or 'nested too deeply'})")) from None
    except ValueError as e:  # e.g. an integer of thousands of digits
        raise ImportRefused(_refused(path, f"it holds a value tutor cannot read ({e})")) from None


def _no_constant(name: str) -> None:
    raise _Invalid(f"{name} is not a number JSON allows")


def _checked(document: Any) -> HistoryFile:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _Invalid("it is not a tutor history file (no \"format\": \"tutor-history\")")
    version = document.get("version")
    if not _is_int(version) or version < 1:
        raise _Invalid(f"its \"version\" must be a whole number from 1, not {version!r}")
    if version > VERSION:
        raise _Invalid(
            f"this file was written by a newer tutor (history format version {version}; this "
            f"tutor reads version {VERSION}). Update tutor, then import it again"
        )
    _exact_keys("the file", document, TOP_LEVEL)
    app_version = _text(document["app_version"], "app_version")
    exported_at = _moment(document["exported_at"], "exported_at")
    settings = _settings(document["settings"])
    states = _records(document["skill_states"], "skill_states", "skill state", SkillState, STATE_FIELDS)
    reviews = _records(document["reviews"], "reviews", "review", ReviewRecord, REVIEW_FIELDS)
    events = _records(document["events"], "events", "event", SkillEvent, EVENT_FIELDS)
    _refuse_repeats((s.template_id for s in states), "skill states for")
    by_skill = {s.template_id: s for s in states}
    _check_references(reviews, events)
    return HistoryFile(app_version, exported_at, settings, by_skill, reviews, events)


# Field checkers: value and the field's name in -> the Python value, or _Invalid.
Check = Callable[[Any, str], Any]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole(low: int, high: int) -> Check:
    def check(value: Any, name: str) -> int:
        if not _is_int(value) or not low <= value <= high:
            raise _Invalid(f"{name} must be a whole number from {low} to {high}, not {value!r}")
        return value
    return check


def _number(low: float, high: float) -> Check:
    def check(value: Any, name: str) -> float:
        ok = (_is_int(value) or isinstance(value, float)) and math.isfinite(value)
        if not ok or not low <= value <= high:
            raise _Invalid(f"{name} must be a number from {low:g} to {high:g}, not {value!r}")
        return float(value)
    return check


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"{name} must be true or false, not {value!r}")
    return value


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{name} must be text, not {value!r}")
    if not _encodable(value):
        raise _Invalid(f"{name} holds characters that are not text (a lone surrogate): {value!r}")
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _skill_id(value: Any, name: str) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= 200:
        raise _Invalid(f"{name} must be a skill id (1 to 200 characters), not {value!r}")
    return value


def _one_of(choices: Sequence[str]) -> Check:
    def check(value: Any, name: str) -> str:
        if value not in choices:
            raise _Invalid(f"{name} must be one of {', '.join(choices)}, not {value!r}")
        return value
    return check


def _day(value: Any, name: str) -> date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _Invalid(f"{name} must be a day written YYYY-MM-DD, not {value!r}")


def _moment(value: Any, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise _Invalid(f"{name} must be a moment written like 2026-03-14T12:00:00+00:00, not {value!r}")
    if moment.tzinfo is None:
        raise _Invalid(f"{name} must say its time zone (like +00:00), not {value!r}")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise _Invalid(f"{name} is outside the calendar tutor can keep: {value!r}") from None


def _optional(check: Check) -> Check:
    def optional(value: Any, name: str) -> Any:
        return None if value is None else check(value, name)
    return optional


_id = _whole(1, INT64[1])
_count = _whole(0, COUNT_MAX)
_ease = _whole(1, COUNT_MAX)

STATE_FIELDS: dict[str, Check] = {
    "template_id": _skill_id, "ef_hundredths": _ease, "interval_days": _count,
    "repetitions": _count, "due": _day, "last_reviewed": _optional(_moment),
    "introduced_on": _optional(_day), "suspended": _flag, "buried_until": _optional(_day),
    "passed": _flag, "stability": _optional(_number(0, math.inf)),
    "difficulty": _optional(_number(-math.inf, math.inf)),
}
MAX_ANSWER_SECONDS = 7 * 24 * 3600.0  # a week: longer than anyone looks at one problem

REVIEW_FIELDS: dict[str, Check] = {
    "id": _id, "template_id": _skill_id, "seed": _whole(*INT64), "answer": _text,
    "verdict": _one_of(VERDICTS), "quality": _whole(0, 5), "seconds": _number(0, MAX_ANSWER_SECONDS),
    "hint_used": _flag, "redrill": _flag, "reviewed_at": _moment, "day": _day,
    "ef_before": _ease, "interval_before": _count, "repetitions_before": _count,
    "kind": _one_of(REVIEW_KINDS), "credited_by": _optional(_id),
}
EVENT_FIELDS: dict[str, Check] = {
    "id": _id, "template_id": _skill_id, "action": _one_of(EVENT_ACTIONS), "at": _moment,
    "day": _day, "target_review": _optional(_id), "target_event": _optional(_id),
    "seed": _optional(_whole(*INT64)),
}


def _exact_keys(where: str, value: dict[str, Any], expected: Sequence[str]) -> None:
    missing = [k for k in expected if k not in value]
    unknown = [k for k in value if k not in expected]
    if missing:
        raise _Invalid(f"{where} lacks {', '.join(map(repr, missing))}")
    if unknown:
        raise _Invalid(f"{where} has unknown field {', '.join(map(repr, unknown))}")


def _records(value: Any, key: str, noun: str, record: type, spec: Mapping[str, Check]) -> list[Any]:
    if not isinstance(value, list):
        raise _Invalid(f"\"{key}\" must be a list")
    out = []
    for n, item in enumerate(value, start=1):
        label = f"{noun} {_name_of(item, n)}"
        if not isinstance(item, dict):
            raise _Invalid(f"{label} must be an object with fields")
        _exact_keys(label, item, tuple(spec))
        out.append(record(**{name: check(item[name], f"{label}: {name}") for name, check in spec.items()}))
    return out


def _name_of(item: Any, position: int) -> Any:
    """How an error names a record: its id, else its skill, else its place in the list."""
    if isinstance(item, dict):
        return item.get("id") or item.get("template_id") or position
    return position


def _settings(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Invalid("\"settings\" must be an object of names and texts")
    for key, text in value.items():
        if not 0 < len(key) <= 100 or not isinstance(text, str) or len(text) > 1000:
            raise _Invalid(f"setting {key!r} must have a name of 1 to 100 characters and a text value")
        if not (_encodable(key) and _encodable(text)):
            raise _Invalid(f"setting {key!r} holds characters that are not text")
    for key, (low, high) in WHOLE_SETTINGS.items():
        if key in value and not _whole_text(value[key], low, high):
            raise _Invalid(f"setting {key!r} must be a whole number from {low} to {high}, not {value[key]!r}")
    if value.get(CREDIT_KEY, "1") not in ("0", "1"):
        raise _Invalid(f"setting {CREDIT_KEY!r} must be 0 or 1, not {value[CREDIT_KEY]!r}")
    if value.get(SCHEDULER_KEY, "sm2") not in SCHEDULER_NAMES:
        raise _Invalid(f"setting {SCHEDULER_KEY!r} must be one of {', '.join(SCHEDULER_NAMES)}")
    if RETENTION_KEY in value:
        _retention(value[RETENTION_KEY])
    return dict(value)


WHOLE_SETTINGS = {NEW_PER_DAY_KEY: (0, MAX_NEW_PER_DAY), REVIEWS_PER_DAY_KEY: (0, MAX_REVIEWS_PER_DAY)}


def _whole_text(text: str, low: int, high: int) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 6 and low <= int(text) <= high


def _retention(text: str) -> None:
    try:
        retention = float(text)
    except ValueError:
        retention = math.nan
    if not MIN_RETENTION <= retention <= MAX_RETENTION:
        raise _Invalid(f"setting {RETENTION_KEY!r} must be from {MIN_RETENTION} to {MAX_RETENTION}, "
                       f"not {text!r}")


def _refuse_repeats(values: Iterable[Any], what: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise _Invalid(f"it has two {what} {value!r}")
        seen.add(value)


def _check_references(reviews: Sequence[ReviewRecord], events: Sequence[SkillEvent]) -> None:
    """Ids unique; credit names an earlier scheduled answer; an undo names exactly one earlier
    thing of the same skill; other events name nothing."""
    _refuse_repeats((r.id for r in reviews), "reviews with id")
    _refuse_repeats((e.id for e in events), "events with id")
    by_id = {r.id: r for r in reviews}
    earlier: set[int | None] = set()
    for r in reviews:
        if r.credited_by is not None:
            source = by_id.get(r.credited_by)
            if r.kind != IMPLICIT:
                raise _Invalid(f"review {r.id} is {r.kind!r} but has credited_by (only implicit credit has)")
            if source is None or r.credited_by not in earlier or source.kind == IMPLICIT:
                raise _Invalid(f"review {r.id}: credited_by {r.credited_by} is not an earlier answer in the file")
        earlier.add(r.id)
    events_by_id = {e.id: e for e in events}
    earlier.clear()
    for e in events:
        _check_event_target(e, by_id, events_by_id, earlier)
        earlier.add(e.id)


def _check_event_target(
    e: SkillEvent, reviews: Mapping[int | None, ReviewRecord],
    events: Mapping[int | None, SkillEvent], earlier: set[int | None],
) -> None:
    targets = [t for t in (e.target_review, e.target_event) if t is not None]
    if e.action != UNDO:
        if targets:
            raise _Invalid(f"event {e.id} ({e.action}) names a target; only an undo does")
        return
    if len(targets) != 1:
        raise _Invalid(f"undo event {e.id} must name exactly one review or event it takes back")
    if e.target_review is not None:
        target: ReviewRecord | SkillEvent | None = reviews.get(e.target_review)
        what = f"review {e.target_review}"
    else:
        target = events.get(e.target_event) if e.target_event in earlier else None
        what = f"event {e.target_event}"
    if target is None:
        raise _Invalid(f"undo event {e.id} takes back {what}, which is not earlier in the file")
    if target.template_id != e.template_id:
        raise _Invalid(f"undo event {e.id} is of {e.template_id} but takes back {what} of {target.template_id}")
