"""Shared test set-up: Qt renders offscreen on three screens (desk-left, desk-right, wall); no display needed."""

import os
from pathlib import Path

THREE_SCREENS = Path(__file__).with_name("three-screens.json")
if os.environ.get("QT_QPA_PLATFORM") != "xcb":  # xcb: the shift test (tests/shift) under a real X server
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={THREE_SCREENS}"

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def postgres(citybrain_postgres):
    return citybrain_postgres


@pytest.fixture
def database_url(citybrain_database_url):
    return citybrain_database_url
