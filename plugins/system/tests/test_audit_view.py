"""The audit view words each row's detail in the desk's language from its error code: the Chinese desk showed the
daemon's English ("no command named …", "unknown user name (not recorded)") in its Detail column."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from citybrain.core.client import FeedClient, RequestError
from citybrain.plugins.system.desk import AUDIT, AuditView
from citybrain.shell.i18n import install_translator


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(
        plugins={"system": "citybrain.plugins.system.daemon"}, demo=False
    ).add_demo_operators()


def test_the_detail_column_is_worded_in_the_desks_language(citybrain_daemon, citybrain_desk, qtbot):
    ctx = citybrain_desk.context("system")
    client = citybrain_daemon.client(login="duty")
    for name, payload in (("no.such.command", {}), ("system.silence", {"desk": "d1", "priority": "low"})):
        with pytest.raises(RequestError):
            client.command(name, payload).result(10)
    stranger = FeedClient(citybrain_daemon.endpoint, subscribe=False).start()
    with pytest.raises(RequestError):
        stranger.login("nobody-here", "x")
    stranger.stop()
    commands = {"no.such.command", "system.silence", "login"}
    qtbot.waitUntil(lambda: commands <= {r["command"] for r in ctx.records(AUDIT) if r["detail"]}, timeout=10_000)
    install_translator(QApplication.instance(), "zh_CN")
    try:
        view = AuditView(ctx)
        qtbot.addWidget(view)
        model, column = view.model, len(view.model.columns) - 1
        shown = {
            model.record_at(r)["command"]: model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole)
            for r in range(model.rowCount())
            if model.record_at(r)["detail"]
        }
    finally:
        install_translator(QApplication.instance(), "en")
    assert not re.search(r"[A-Za-z]{3,}", shown["no.such.command"] + shown["login"]), shown  # no English
    assert shown["login"] and shown["no.such.command"]
    assert shown["system.silence"].startswith("优先级："), shown  # by the field's name (the system plugin's)
