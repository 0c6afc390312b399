"""The duty log is append-only in the database itself, on SQLite and PostgreSQL; corrections reference; search and
export find what was logged."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, text

from citybrain.core.client import RequestError

PLUGINS = {"duty": "citybrain.plugins.duty.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory, citybrain_database_url):
    return citybrain_daemon_factory(plugins=PLUGINS, database_url=citybrain_database_url, demo=True)


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
    for kw, words in [({"corrects": 999_999}, "no log entry 999999"), ({"event_at": "21:05"}, "not an ISO time"),
                      ({"event_at": "2026-11-24T21:05:00"}, "needs a time zone"), ({"text": "  "}, "needs text")]:
        with pytest.raises(RequestError, match=words):
            _entry(client, **kw)


def test_search_and_export_find_what_was_logged(daemon):
    client = daemon.client(login="duty")
    mark = _entry(client, category="instruction", text="区委通知：加强防汛值守 TEST-MARK")
    now = datetime.now(UTC)
    window = {"start": (now - timedelta(hours=1)).isoformat(), "end": (now + timedelta(hours=1)).isoformat()}
    found = client.query("duty.log.search", {**window, "text": "TEST-MARK"}).result(10)["result"]
    assert [e["id"] for e in found] == [mark["id"]]
    assert client.query("duty.log.search", {**window, "category": "report", "text": "TEST-MARK"}).result(10)["result"] == []
    workbook = load_workbook(io.BytesIO(client.query("duty.log.export", window).result(30)["result"]))
    rows = [[c for c in row] for row in workbook.active.iter_rows(values_only=True)]
    assert rows[2][1] == "duty" and any(r and r[6] == mark["text"] and r[0] == mark["id"] for r in rows)


def test_the_log_view_adds_an_entry_and_a_correction_of_the_selected_one(citybrain_desk, qtbot):
    from citybrain.plugins.duty.log_view import DutyLogView

    view = DutyLogView(citybrain_desk.context("duty"))
    qtbot.addWidget(view)
    view.text.setText("接报：嘉兴路积水 VIEW-TEST")
    view.text.returnPressed.emit()
    qtbot.waitUntil(lambda: any(view.model.record_at(r)["text"] == "接报：嘉兴路积水 VIEW-TEST"
                                for r in range(view.model.rowCount())), timeout=10_000)
    first = next(r for r in range(view.model.rowCount()) if view.model.record_at(r)["text"].endswith("VIEW-TEST"))
    original = view.model.record_at(first)
    view.table.view.selectRow(first)
    view.correct.setChecked(True)
    view.text.setText("更正：是嘉兴路1号")
    view.text.returnPressed.emit()
    qtbot.waitUntil(lambda: any(view.model.record_at(r)["corrects"] == original["id"]
                                for r in range(view.model.rowCount())), timeout=10_000)
    assert original["author"] == "duty"
