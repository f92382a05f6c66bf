"""Persistence: the learner's skill states, review log and settings (SQLAlchemy 2 + Alembic).

``Store.open(data_dir)`` creates or upgrades ``data_dir/tutor.sqlite3``; every method of the
returned ``Store`` is one short transaction; ``close()`` releases the file.

``Store`` (and with it SQLAlchemy, a quarter of a second) is imported on first use: the
window paints before it opens the database.
"""

from typing import TYPE_CHECKING, Any

from tutor.store.errors import StoreError
from tutor.store.records import ReviewFact, ReviewRecord, SkillEvent, SkillState

if TYPE_CHECKING:
    from tutor.store.models import VERDICTS
    from tutor.store.repository import DB_FILENAME, Store

__all__ = [
    "DB_FILENAME", "VERDICTS", "ReviewFact", "ReviewRecord", "SkillEvent", "SkillState", "Store", "StoreError",
]
_LAZY = {"Store": "tutor.store.repository", "DB_FILENAME": "tutor.store.repository", "VERDICTS": "tutor.store.models"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tutor.store' has no attribute {name!r}")
