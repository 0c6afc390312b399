"""The duty log is append-only in the database itself, on SQLite and PostgreSQL; corrections reference; search and
export find what was logged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from citybrain.core.client import RequestError
from citybrain.plugins.duty.tests.keyboard import answer_confirmation, hosted

PLUGINS = {"duty": "citybrain.plugins.duty.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory, citybrain_database_url):
    return citybrain_daemon_factory(plugins=PLUGINS, database_url=citybrain_database_url, demo=True)


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    """The desk tests' daemon: the duty plugin alone, on its demo."""
    return citybrain_daemon_factory(plugins=PLUGINS)


def _entry(client, **kw) -> dict:
    payload = {"event_at": datetime.now(UTC).isoformat(), "category": "call", "unit": "CYZX", "text": "来电"} | kw
    return client.command("duty.log", payload).result(10)["result"]


def test_entries_can_be_added_and_corrected_but_never_changed_or_deleted(daemon, citybrain_database_url):
    client = daemon.client(login="operator")
    first = _entry(client, text="12345转来：四川北路积水", event_at="2026-11-24T21:05:00+08:00")
    assert first["author"] == "operator" and first["event_at"] == "2026-11-24T13:05:00+00:00"
    fix = _entry(client, text="更正：地点为四川北路1号", corrects=first["id"])
    assert fix["corrects"] == first["id"]
    client.wait_for(lambda s: client.replica.get("duty.log", fix["id"]) is not None)
    engine = create_engine(citybrain_database_url)  # straight SQL, past the plugin: the database itself refuses
    for statement in ("UPDATE duty_log SET text = 'rewritten' WHERE id = :id", "DELETE FROM duty_log WHERE id = :id"):
        with pytest.raises(Exception, match="never changed or deleted"), engine.begin() as conn:
            conn.execute(text(statement), {"id": first["id"]})
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT text FROM duty_log WHERE id = :id"), {"id": first["id"]}).scalar()
    assert kept == "12345转来：四川北路积水"
    engine.dispose()


def test_bad_entries_are_refused_with_the_reason(daemon):
    client = daemon.client(login="operator")
    for kw, words in [
        ({"corrects": 999_999}, "no log entry 999999"),
        ({"event_at": "21:05"}, "not an ISO time"),
        ({"event_at": "2026-11-24T21:05:00"}, "needs a time zone"),
        ({"text": "  "}, "needs text"),
    ]:
        with pytest.raises(RequestError, match=words):
            _entry(client, **kw)


def test_search_and_export_find_what_was_logged(daemon):
    client = daemon.client(login="duty")
    mark = _entry(client, category="instruction", text="区委通知：加强防汛值守 TEST-MARK")
    now = datetime.now(UTC)
    window = {"start": (now - timedelta(hours=1)).isoformat(), "end": (now + timedelta(hours=1)).isoformat()}
    found = client.query("duty.log.search", {**window, "text": "TEST-MARK"}).result(10)["result"]
    assert [e["id"] for e in found] == [mark["id"]]
    assert (
        client.query("duty.log.search", {**window, "category": "report", "text": "TEST-MARK"}).result(10)["result"]
        == []
    )
    log = client.query("duty.log.export", window).result(30)["result"]  # codes and times: the desk writes the labels
    assert log["prepared_by"] == "duty" and any(
        e["text"] == mark["text"] and e["id"] == mark["id"] for e in log["entries"]
    )


def test_the_log_view_adds_an_entry_and_a_correction_of_the_selected_one(citybrain_desk, qtbot):
    from citybrain.plugins.duty.log_view import DutyLogView

    view = DutyLogView(citybrain_desk.context("duty"))
    qtbot.addWidget(view)
    view.resize(
        720, 500
    )  # the duty desk's pane: the entry box's instructions read whole (they were cut at 'Enter ad…')
    view.show()
    qtbot.waitExposed(view)
    assert view.text.width() > view.text.fontMetrics().horizontalAdvance(view.text.placeholderText())
    view.text.setText("接报：嘉兴路积水 VIEW-TEST")
    view.text.returnPressed.emit()
    qtbot.waitUntil(
        lambda: any(
            view.model.record_at(r)["text"] == "接报：嘉兴路积水 VIEW-TEST" for r in range(view.model.rowCount())
        ),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: not view.text.text(), timeout=10_000)  # the reply is in: the row cleared for the next
    first = next(r for r in range(view.model.rowCount()) if view.model.record_at(r)["text"].endswith("VIEW-TEST"))
    original = view.model.record_at(first)
    view.table.view.selectRow(first)
    view.correct.setChecked(True)
    view.text.setText("更正：是嘉兴路1号")
    seen: list[str] = []
    answer_confirmation(True, seen)
    view.text.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert str(original["id"]) in seen[0]
    qtbot.waitUntil(
        lambda: any(view.model.record_at(r)["corrects"] == original["id"] for r in range(view.model.rowCount())),
        timeout=10_000,
    )
    assert original["author"] == "duty"


def test_the_log_is_written_by_keyboard_alone_and_a_correction_asks_first(citybrain_desk, qtbot):
    from PySide6.QtCore import Qt

    from citybrain.plugins.duty.log_view import DutyLogView

    ctx = citybrain_desk.context("duty")
    qtbot.waitUntil(lambda: bool(ctx.records("duty.now")), timeout=30_000)
    view = DutyLogView(ctx)
    qtbot.addWidget(view)
    hosted(view, "duty.log", citybrain_desk, qtbot)
    board = ctx.records("duty.now")
    first = sorted({(r["unit"], r["unit_name"]) for r in board})[0]
    assert view.unit.currentData() == first[0] and view.unit.currentText() == first[1]  # filled, by name
    view.table.view.setFocus()
    qtbot.keyClick(view.table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # add a log entry
    assert view.text.hasFocus()
    qtbot.keyClicks(view.text, "Flooding at Ouyang Rd KEY-ENTRY")  # QTest types ASCII only
    qtbot.keyClick(view.text, Qt.Key.Key_Return)

    def row_of(text: str) -> int | None:
        return next((r for r in range(view.model.rowCount()) if view.model.record_at(r)["text"] == text), None)

    qtbot.waitUntil(lambda: row_of("Flooding at Ouyang Rd KEY-ENTRY") is not None, timeout=10_000)
    entry = view.model.record_at(row_of("Flooding at Ouyang Rd KEY-ENTRY"))
    qtbot.waitUntil(lambda: view.text.text() == "", timeout=5_000)  # cleared on the reply, ready for the next
    assert entry["unit"] == first[0] and view.text.hasFocus()
    unit_column = next(i for i, c in enumerate(view.model.columns) if c.field == "unit")
    assert view.model.index(row_of(entry["text"]), unit_column).data() == first[1]  # the unit's name, not its code
    assert f"{entry['id']}" in view.message.text()
    view.table.view.setFocus()
    view.table.view.selectRow(row_of(entry["text"]))
    qtbot.keyClick(view.table.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # correct the selected entry
    assert view.correct.isChecked() and view.text.hasFocus()
    qtbot.keyClicks(view.text, "Correction: No. 1 Ouyang Rd KEY-FIX")
    seen: list[str] = []
    answer_confirmation(False, seen)  # Escape: nothing is logged
    qtbot.keyClick(view.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert str(entry["id"]) in seen[0] and "KEY-ENTRY" in seen[0]  # it names the entry it corrects
    assert "nothing logged" in view.message.text() and view.text.text() == "Correction: No. 1 Ouyang Rd KEY-FIX"
    answer_confirmation(True, seen)
    qtbot.keyClick(view.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: row_of("Correction: No. 1 Ouyang Rd KEY-FIX") is not None, timeout=10_000)
    assert view.model.record_at(row_of("Correction: No. 1 Ouyang Rd KEY-FIX"))["corrects"] == entry["id"]
    qtbot.waitUntil(lambda: not view.correct.isChecked() and view.text.text() == "", timeout=5_000)  # on its reply
