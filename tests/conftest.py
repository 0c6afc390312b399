"""Shared test set-up: Qt renders offscreen on three screens (desk-left, desk-right, wall); no display needed."""

import os
from pathlib import Path

THREE_SCREENS = Path(__file__).with_name("three-screens.json")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={THREE_SCREENS}"

import pytest  # noqa: E402

from citybrain.core.testing.postgres import ThrowawayPostgres, postgres_available  # noqa: E402


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL cluster for the whole run; skipped where none can run, but never on CI."""
    reason = postgres_available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test PostgreSQL: {reason}")
        pytest.skip(reason)
    with ThrowawayPostgres() as pg:
        yield pg


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The same test on a SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres").new_database()

