"""Answers that could not be saved when the window closed, kept on this computer until they are.

Closing tutor while the database cannot take writes (a server out of reach, a database held by
another program) would lose the answers still waiting to be saved. They are written instead to
``unsaved-answers.json`` in the data folder, with the database and the learner they belong to,
and saved the next time tutor opens that learner's progress. Saving one twice is harmless: an
answer already in the log (same skill, seed and moment) is not written again, so the file can
be written before the saver stops and removed after the answers are in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path

from tutor.drill import DrillAnswer, save_practice
from tutor.study import Answer, Item, StudySession, study_day

FILE_NAME = "unsaved-answers.json"
FORMAT = 1


class KeptFileDamaged(Exception):
    """The file of kept answers cannot be read; the message says where it was moved."""


@dataclass(frozen=True)
class KeptAnswer:
    """One answer taken on screen, as data (its problem is made again from the seed)."""

    database: str  # the database URL; "" for the data folder's own file
    learner: str
    practice: bool
    template_id: str
    seed: int
    redrill: bool
    new: bool
    answer: str
    verdict: str
    quality: int
    seconds: float
    hint_used: bool
    at: datetime

    @classmethod
    def of(cls, taken: Answer | DrillAnswer, database: str, learner: str) -> KeptAnswer:
        item = taken.item
        return cls(database, learner, isinstance(taken, DrillAnswer), item.template_id, item.seed,
                   item.redrill, item.new, taken.answer, taken.verdict, taken.quality, taken.seconds,
                   taken.hint_used, taken.at)

    def to_json(self) -> dict:
        return {**asdict(self), "at": self.at.isoformat()}

    @classmethod
    def from_json(cls, data: dict) -> KeptAnswer:
        names = {f.name for f in fields(cls)}
        if set(data) != names:
            raise ValueError(f"an answer with the fields {sorted(data)}")
        at = datetime.fromisoformat(data["at"])
        if at.tzinfo is None:
            raise ValueError("an answer's moment has no time zone")
        return cls(**{**data, "at": at})


def keep(data_dir: Path, answers: Iterable[KeptAnswer]) -> Path:
    """Add ``answers`` to the data folder's file (written whole, then renamed into place);
    OSError when it cannot be written (a full disk)."""
    path = data_dir / FILE_NAME
    try:
        everything = _read(path)
    except KeptFileDamaged:
        everything = []  # moved aside by _read: start a new file
    everything += [a for a in answers if a not in everything]
    _write(path, everything)
    return path


def kept(data_dir: Path, database: str, learner: str) -> list[KeptAnswer]:
    """The answers kept for this database and learner, oldest first. A damaged file is moved
    aside (KeptFileDamaged says where); a missing one holds nothing."""
    return sorted((a for a in _read(data_dir / FILE_NAME) if (a.database, a.learner) == (database, learner)),
                  key=lambda a: a.at)


def forget(data_dir: Path, answers: Iterable[KeptAnswer]) -> None:
    """Take saved answers out of the file (and the file away when it is empty)."""
    path = data_dir / FILE_NAME
    gone = set(answers)
    left = [a for a in _read(path) if a not in gone]
    if left:
        _write(path, left)
    else:
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class SavedKept:
    handled: list[KeptAnswer]  # now in the log (written here, or already there): to forget
    problem: str | None = None  # why the rest were not written, in words


def save_kept(session: StudySession, answers: list[KeptAnswer]) -> SavedKept:
    """Write each kept answer not yet in the log, in the order given.

    One whose problem cannot be made again (its skill left the bank, its family fails for that
    seed) stops the rest, so that the log keeps their order; they stay kept, and ``problem``
    says why. Database errors are raised: the saver tries again."""
    handled = []
    for kept_answer in answers:
        try:
            item = _item(session, kept_answer)
        except Exception as e:  # noqa: BLE001 - any failure of a family's code or data
            return SavedKept(handled, f"Your answer to {kept_answer.template_id} from "
                                      f"{kept_answer.at:%Y-%m-%d %H:%M} UTC could not be saved: {e}. It is kept.")
        # checked and written under the learner's write lock: the closed window's saver may
        # still be finishing the same write
        session.store.atomically(lambda a=kept_answer, i=item: _save_once(session, a, i))
        handled.append(kept_answer)
    return SavedKept(handled)


def _save_once(session: StudySession, kept_answer: KeptAnswer, item: Item) -> None:
    if _logged(session, kept_answer):
        return
    taken = dict(answer=kept_answer.answer, verdict=kept_answer.verdict, quality=kept_answer.quality,
                 seconds=kept_answer.seconds, hint_used=kept_answer.hint_used, at=kept_answer.at)
    if kept_answer.practice:
        save_practice(session.store, DrillAnswer(item, **taken))
    else:
        session.save(Answer(item, **taken))


def _item(session: StudySession, answer: KeptAnswer) -> Item:
    if answer.template_id not in session.bank:
        raise KeyError("that skill is no longer in the problem bank")
    problem = session.bank[answer.template_id].generate(answer.seed)
    return Item(answer.template_id, answer.seed, problem, answer.redrill, answer.new, practice=answer.practice)


def _logged(session: StudySession, answer: KeptAnswer) -> bool:
    return any(
        r.reviewed_at == answer.at and r.seed == answer.seed
        for r in session.store.reviews(day=study_day(answer.at), template_id=answer.template_id,
                                       include_undone=True)
    )


def _read(path: Path) -> list[KeptAnswer]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("answers"), list):
            raise ValueError("not a file of kept answers")
        return [KeptAnswer.from_json(a) for a in data["answers"]]
    except (ValueError, TypeError, KeyError) as e:
        aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
        os.replace(path, aside)
        raise KeptFileDamaged(
            f"The answers kept from an earlier session could not be read ({e}); the file was "
            f"moved to {aside}, where it can still be looked at."
        ) from e


def _write(path: Path, answers: list[KeptAnswer]) -> None:
    part = path.with_name(path.name + ".part")
    try:
        with open(part, "w", encoding="utf-8") as f:
            json.dump({"format": FORMAT, "answers": [a.to_json() for a in answers]}, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)
        raise
