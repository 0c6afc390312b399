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
    record = {
        "command": "operator unit",
        "result": "ok",
        "detail": "xuncha: district -> 310109009000",
        "note": "unit_moved",
        "parts": {"user": "xuncha", "before": None, "after": "310109009000"},
    }
    install_translator(qapp, language)
    try:
        moved = audit_detail(record, place=names.__getitem__)
        back = audit_detail(
            {**record, "parts": {"user": "zhifa", "before": "310109009000", "after": "310109010000"}},
            place=names.__getitem__,
        )
    finally:
        install_translator(qapp, "en")
    assert said in moved and moved.startswith("xuncha") and moved.endswith("欧阳路街道"), moved
    assert back.startswith("zhifa") and back.index("欧阳路街道") < back.index("曲阳路街道"), back
    assert "310109" not in back + moved, back


def test_the_daemons_notes_on_commands_that_went_through_are_worded_by_their_plugins_never_read_as_refusals(
    citybrain_desk, qapp
):
    from citybrain.plugins.system.desk import audit_detail

    note_text = citybrain_desk.context("system").audit_note  # each installed plugin's citybrain_audit_notes

    enrol = {
        "command": "jobs.enrol",
        "result": "ok",
        "detail": "the people base: 2 seekers no longer looking withdrawn (14, 15), 1 looking again",
        "note": "jobs.withdrawn",
        "parts": {"withdrawn": 2, "ids": "14, 15", "back": 1},
    }
    realarm = {
        "command": "sensors.realarm",
        "result": "ok",
        "detail": "alarm 7 (HK-000012 smoke) acknowledged by duty still on after 15 min: back to unacknowledged",
        "note": "sensors.realarmed",
        "parts": {"alarm": 7, "device": "HK-000012", "by": "duty", "minutes": 15.0},
    }
    lockout = {"command": "login lockout ended", "result": "ok", "detail": "peer 10.0.0.9 lockout ended"}
    lockout |= {"note": "lockout_ended", "parts": {"who": "10.0.0.9"}}
    unworded = {"command": "some.plugin.timer", "result": "ok", "detail": "something the daemon noted"}
    other_version = {**enrol, "parts": {"withdrawn": 2}}  # parts that do not fill the sentence: as unworded
    install_translator(qapp, "zh_CN")
    try:
        shown = [audit_detail(r, note_text=note_text) for r in (enrol, realarm, lockout, unworded, other_version)]
    finally:
        install_translator(qapp, "en")
    assert "2" in shown[0] and "14, 15" in shown[0] and not re.search(r"[A-Za-z]{3,}", shown[0]), shown
    assert "HK-000012" in shown[1] and "15 " in shown[1] and "duty" in shown[1] and "smoke" not in shown[1], shown
    assert "10.0.0.9" in shown[2] and not re.search(r"[A-Za-z]{3,}", shown[2]), shown
    assert shown[3] == shown[4] == ""  # not the daemon's English, and not a refusal's sentence: it went through
    assert audit_detail(unworded, note_text=note_text) == "something the daemon noted"  # as written, in English
    assert audit_detail(realarm, note_text=note_text) == (
        "Alarm 7 on HK-000012 still on 15 min after duty acknowledged it: unacknowledged again"
    )
