"""Names for codes: CodeNames tables, their texts found by `make translations`, and commands named in the audit log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from citybrain.core.client import RequestError
from citybrain.shell.i18n import install_translator
from citybrain.shell.names import CodeNames, role_name, span_text
from citybrain.shell.translations import extract


@pytest.fixture
def chinese(qapp):  # noqa: ANN001
    install_translator(QCoreApplication.instance(), "zh_CN")
    yield
    install_translator(QCoreApplication.instance(), "en")


def test_a_table_names_its_codes_and_leaves_the_others(qapp):  # noqa: ANN001
    names = CodeNames("Names", {"duty_leader": "Duty leader"})
    assert names("duty_leader") == "Duty leader" and names["duty_leader"] == "Duty leader"
    assert names("nobody") == "nobody" and names("nobody", "—") == "—" and names(None) == ""
    assert "duty_leader" in names and names.get("nobody") is None
    assert names.items() == [("duty_leader", "Duty leader")]


def test_a_table_speaks_the_desk_language_when_looked_up(chinese):
    assert role_name("duty_leader") == "带班领导"  # the table was made before the translator was installed


def test_make_translations_finds_a_table_s_texts_and_both_counts(tmp_path):
    source = tmp_path / "view.py"
    source.write_text(
        'names = CodeNames("Mine", {"a": "Apple", "b": "Banana"})\nother = CodeNames(context, {"c": "x"})\n'
        'count = tr_n("Mine", "{n} pear", "{n} pears", n)\n',
        encoding="utf-8",
    )
    assert extract([source]) == {"Mine": {"Apple", "Banana", "{n} pear", "{n} pears"}}


def test_the_audit_log_names_commands_and_mutes_an_id_nobody_names(make_desk, qtbot):
    desk = make_desk("duty-desk", user="duty", plugins=("system", "sensors"))
    with pytest.raises(RequestError):
        desk.feed.client.command("nosuch.command", {}).result(10)
    instance = desk.open_view("system.audit")
    view = desk.active_window().docks[instance].widget().content
    model = view.model
    column = next(i for i, c in enumerate(model.columns) if c.field == "command")

    def row_of(command: str) -> int | None:
        return next(
            (r for r in range(model.rowCount()) if model.index(r, column).data(Qt.ItemDataRole.UserRole) == command),
            None,
        )

    qtbot.waitUntil(lambda: row_of("login") is not None and row_of("nosuch.command") is not None, timeout=30_000)
    login, unknown = model.index(row_of("login"), column), model.index(row_of("nosuch.command"), column)
    assert login.data() == "Log in" and login.data(Qt.ItemDataRole.ForegroundRole) is None
    muted = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    assert unknown.data() == "nosuch.command" and unknown.data(Qt.ItemDataRole.ForegroundRole) == muted
    assert desk.command_name("system.silence") == "Silence a desk's alarm sound"  # the system plugin's own
    ctx = desk.context("system")  # any plugin's context words every plugin's audit notes
    assert desk.audit_note("sensors.realarmed") and desk.audit_note("no.such.note") is None
    assert ctx.audit_note("sensors.realarmed", {"alarm": 7, "device": "SMK-1", "by": "duty", "minutes": 2.0}) == (
        "Alarm 7 on SMK-1 still on 2 min after duty acknowledged it: unacknowledged again"
    )
    assert ctx.audit_note("sensors.realarmed", {"alarm": 7}) is None  # parts of another version: not worded


def test_a_span_of_time_reads_in_days_hours_or_minutes_in_the_desks_language(qapp):  # noqa: ANN001
    """The escalation board said 剩余 172 小时 18 分 and the reporting clocks 剩余 467 分钟: one format, days beyond
    two of them."""
    assert [span_text(m) for m in (12, 467, 172 * 60 + 18, -75)] == ["12 min", "7 h 47 min", "7 d 4 h", "1 h 15 min"]
    assert span_text(0) == "under a minute"  # a deadline just passed: not "overdue 0 min"
    install_translator(QCoreApplication.instance(), "zh_CN")
    try:
        assert [span_text(m) for m in (12, 467, 172 * 60 + 18)] == ["12 分钟", "7 小时 47 分", "7 天 4 小时"]
    finally:
        install_translator(QCoreApplication.instance(), "en")
