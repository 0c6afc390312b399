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
        aligned = model.data(model.index(0, column), Qt.ItemDataRole.TextAlignmentRole)
    finally:
        install_translator(QApplication.instance(), "en")
    assert not re.search(r"[A-Za-z]{3,}", shown["no.such.command"] + shown["login"]), shown  # no English
    assert shown["login"] and shown["no.such.command"]
    assert shown["system.silence"].startswith("优先级："), shown  # by the field's name (the system plugin's)
    assert (
        aligned == Qt.AlignmentFlag.AlignLeft
    )  # a sentence, read from its start (the key it is made from is a number)


@pytest.mark.parametrize(("language", "said"), [("en", "moved from the whole district to"), ("zh_CN", "从全区调至")])
def test_an_operator_moved_to_another_unit_reads_with_the_units_names(qapp, language, said):
    from citybrain.plugins.system.desk import audit_detail

    names = {"310109009000": "欧阳路街道", "310109010000": "曲阳路街道"}
    record = {"command": "operator unit", "result": "ok", "detail": "xuncha: district -> 310109009000"}
    install_translator(qapp, language)
    try:
        moved = audit_detail(record, place=names.__getitem__)
        back = audit_detail({**record, "detail": "zhifa: 310109009000 -> 310109010000"}, place=names.__getitem__)
    finally:
        install_translator(qapp, "en")
    assert said in moved and moved.startswith("xuncha") and moved.endswith("欧阳路街道"), moved
    assert "欧阳路街道" in back and "曲阳路街道" in back and "310109" not in back + moved, back


def test_the_daemons_notes_on_commands_that_went_through_are_worded_never_read_as_refusals(qapp):
    from citybrain.plugins.system.desk import audit_detail

    enrol = {
        "command": "jobs.enrol",
        "result": "ok",
        "detail": "the people base: 2 seekers no longer looking withdrawn (14, 15), 1 looking again",
    }
    realarm = {
        "command": "sensors.realarm",
        "result": "ok",
        "detail": "alarm 7 (HK-000012 smoke) acknowledged by duty still on after 15 min: back to unacknowledged",
    }
    unworded = {"command": "some.plugin.timer", "result": "ok", "detail": "something the daemon noted"}
    install_translator(qapp, "zh_CN")
    try:
        shown = [audit_detail(record) for record in (enrol, realarm, unworded)]
    finally:
        install_translator(qapp, "en")
    assert "2" in shown[0] and "14, 15" in shown[0] and not re.search(r"[A-Za-z]{3,}", shown[0]), shown
    assert "HK-000012" in shown[1] and "15" in shown[1] and "duty" in shown[1] and "smoke" not in shown[1], shown
    assert shown[2] == ""  # not the daemon's English, and not a refusal's sentence: the command went through
    assert audit_detail(unworded) == "something the daemon noted"  # the English desk shows it as written
