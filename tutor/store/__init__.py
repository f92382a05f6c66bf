"""Persistence: the learner's skill states, review log and settings (SQLAlchemy 2 + Alembic).

``Store.open(data_dir)`` creates or upgrades ``data_dir/tutor.sqlite3``; every method of the
returned ``Store`` is one short transaction; ``close()`` releases the file.
"""

from tutor.store.errors import StoreError
from tutor.store.models import VERDICTS
from tutor.store.records import ReviewFact, ReviewRecord, SkillEvent, SkillState
from tutor.store.repository import DB_FILENAME, Store

__all__ = [
    "DB_FILENAME", "VERDICTS", "ReviewFact", "ReviewRecord", "SkillEvent", "SkillState", "Store", "StoreError",
]
