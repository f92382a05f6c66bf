"""Shared test configuration.

Qt runs headless: the platform is set here, before pytest-qt creates the QApplication,
so nobody has to set QT_QPA_PLATFORM by hand.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# -- PostgreSQL: a real server (tests/postgres_server.py) ---------------------------------

import contextlib  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from postgres_server import URL_VARIABLE, NoServer, drop_database, fresh_database, throwaway_cluster  # noqa: E402


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """The server's admin URL: `.ci/run`'s server, else a throwaway cluster of our own."""
    if os.environ.get(URL_VARIABLE):
        yield os.environ[URL_VARIABLE]
        return
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(throwaway_cluster())
        except NoServer as e:
            if os.environ.get("CI"):
                pytest.fail(f"CI must test PostgreSQL, but no server could be started: {e}")
            pytest.skip(f"no PostgreSQL server: {e}")
        yield url


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A fresh, empty database on the real server, dropped after the test."""
    url, name = fresh_database(postgres_admin_url)
    yield url
    drop_database(postgres_admin_url, name)
