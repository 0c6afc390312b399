"""Desks for the shell's tests: a real daemon, real sockets, real windows on three offscreen screens."""

from __future__ import annotations

import pytest

from citybrain.core.testing import PASSWORDS
from citybrain.shell.desk import Desk
from citybrain.shell.feed import DeskFeed
from citybrain.shell.layouts import LayoutStore
from citybrain.shell.plugins import desk_plugin_host


@pytest.fixture
def store(tmp_path):
    """This test's own layout folder (over the shipped presets)."""
    return LayoutStore(tmp_path / "layouts")


@pytest.fixture
def make_desk(citybrain_daemon, store, qtbot):
    """``make_desk(layout=None, user=None, plugins=("system",))``: a desk with those built-in plugins' desk halves,
    live, logged in as ``user`` if given."""
    made = []

    def make(layout: str | None = None, user: str | None = None, plugins: tuple[str, ...] = ("system",)) -> Desk:
        host = desk_plugin_host()
        for plugin in plugins:
            host.register(plugin, f"citybrain.plugins.{plugin}.desk")
        feed = DeskFeed(citybrain_daemon.endpoint)
        desk = Desk(feed, host, store)
        desk.start(layout)
        with qtbot.waitSignal(feed.stale_changed, timeout=30_000, check_params_cb=lambda stale: not stale):
            feed.start()
        if user:
            reply = feed.client.login(user, PASSWORDS[user])
            feed.set_operator({k: v for k, v in reply.items() if k != "token"})
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.shutdown()
        desk.feed.stop()
