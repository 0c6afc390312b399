"""A desk started before its daemon logs in once the daemon answers (real sockets, a real daemon started later)."""

from __future__ import annotations

import socket

from citybrain.core.testing import PASSWORDS
from citybrain.shell.feed import DeskFeed
from citybrain.shell.login import AutoLogin


def free_port_pair() -> int:
    """A ROUTER port whose next port (the PUB) is free too."""
    while True:
        with socket.socket() as a:
            a.bind(("127.0.0.1", 0))
            port = a.getsockname()[1]
            with socket.socket() as b:
                try:
                    b.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
            return port


def test_a_desk_started_before_the_daemon_logs_in_once_it_answers(citybrain_daemon_factory, qtbot, citybrain_desk_loop):
    port = free_port_pair()
    feed = DeskFeed(f"tcp://127.0.0.1:{port}")
    feed.start()
    auto = AutoLogin(feed, "wall", PASSWORDS["wall"])
    auto.start()  # nothing answers yet
    assert feed.operator is None and feed.stale
    try:
        with qtbot.waitSignal(auto.logged_in, timeout=60_000) as logged_in:
            daemon = citybrain_daemon_factory(
                plugins={"system": "citybrain.plugins.system.daemon"}, demo=False, port=port
            )
            daemon.add_demo_operators()
        assert logged_in.args[0]["username"] == "wall" and feed.operator["username"] == "wall"
        assert feed.client.auth  # commands go out with the session
    finally:
        feed.stop()


def test_a_wrong_password_is_final_and_said(citybrain_daemon_factory, qtbot, citybrain_desk_loop):
    daemon = citybrain_daemon_factory(plugins={"system": "citybrain.plugins.system.daemon"}, demo=False)
    daemon.add_demo_operators()
    feed = DeskFeed(daemon.endpoint)
    try:
        with qtbot.waitSignal(feed.stale_changed, timeout=30_000, check_params_cb=lambda stale: not stale):
            feed.start()
        auto = AutoLogin(feed, "wall", "not the password")
        with qtbot.waitSignal(auto.failed, timeout=30_000) as failed:
            auto.start()
        assert failed.args[0] and feed.operator is None
    finally:
        feed.stop()


def test_the_feed_starts_after_the_first_paint_or_without_one_at_most_half_a_second_later(qtbot):
    """A shown window: at its first paint, not before; a window never shown (so never painted): after the limit."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from citybrain.shell.app import after_first_paint

    shown, hidden, started = QMainWindow(), QMainWindow(), []
    qtbot.addWidget(shown)
    qtbot.addWidget(hidden)
    after_first_paint(shown, lambda: started.append("shown"), at_most_ms=60_000)
    after_first_paint(hidden, lambda: started.append("hidden"), at_most_ms=200)
    assert started == []  # nothing before the loop has run
    shown.show()
    qtbot.waitUntil(lambda: started == ["shown"])
    qtbot.waitUntil(lambda: started == ["shown", "hidden"])
    shown.repaint()  # a later paint (painted now, not queued) starts nothing again
    QApplication.processEvents()  # what it would have queued
    assert started == ["shown", "hidden"]
