"""Where tutor finds its packaged folders and keeps the learner's data.

``content/``, ``migrations/`` and ``assets/`` live at the top of the source tree and are copied
into the wheel as ``tutor/content`` etc. (pyproject ``force-include``), so each lookup tries the
installed location first and falls back to the checkout.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

_REPO_ROOT = Path(__file__).resolve().parents[1]

DATA_DIR_ENV = "TUTOR_DATA_DIR"
DATABASE_URL_ENV = "TUTOR_DATABASE_URL"  # progress on a server (or any SQLAlchemy URL) instead
LEARNER_ENV = "TUTOR_LEARNER"
USER_CONTENT_FOLDER = "content"  # the learner's own families, inside the data directory


def _resource_dir(name: str) -> Path:
    packaged = files("tutor") / name
    # Only a real directory on disk will do: Alembic and the bank loader read files by path.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return _REPO_ROOT / name


def migrations_dir() -> Path:
    """The Alembic script directory (``env.py``, ``versions/``)."""
    return _resource_dir("migrations")


def content_dir() -> Path:
    """The built-in problem bank."""
    return _resource_dir("content")


def assets_dir() -> Path:
    """Icons, stylesheet and fonts."""
    return _resource_dir("assets")


def default_data_dir() -> Path:
    """The learner's data folder: ``$TUTOR_DATA_DIR`` if set, else the platform's user data dir."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("tutor", appauthor=False))


def default_database_url() -> str | None:
    """``$TUTOR_DATABASE_URL`` if set: the progress database, instead of the data folder's file."""
    return os.environ.get(DATABASE_URL_ENV, "").strip() or None


def default_learner() -> str | None:
    """``$TUTOR_LEARNER`` if set: whose progress to open."""
    return os.environ.get(LEARNER_ENV, "").strip() or None
