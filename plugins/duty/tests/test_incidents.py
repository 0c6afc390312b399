"""Reporting clocks: started when an incident is known, stopped by the report, warned and then overdue (logged),
restarted by a level change, and kept across a kill -9 of the daemon."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from citybrain.core import timers
from citybrain.core.client import FeedClient, RequestError
from citybrain.core.storage.engine import make_engine, session_factory, sqlite_url
from citybrain.core.testing import PASSWORDS
from citybrain.core.testing.process import DaemonProcess
from citybrain.plugins.duty.log import DutyLogEntry

PLUGINS = {"duty": "citybrain.plugins.duty.daemon"}
SH = ZoneInfo("Asia/Shanghai")


def _open(client, **kw) -> dict:
    payload = {"category": "natural", "type": "暴雨内涝", "level": "IV", "subdistrict": "310109017000"} | kw
    return client.command("duty.incident.open", payload).result(10)["result"]


def _clock(client, incident: int, kind: str) -> dict:
    return (client.replica.get("duty.incidents", incident) or {}).get("clocks", {}).get(kind, {})


def test_clocks_start_from_when_it_was_known_even_across_midnight_and_a_report_stops_its_clock(
    citybrain_daemon_factory,
):
    client = citybrain_daemon_factory(plugins=PLUGINS).client(login="duty")
    known = datetime.now(SH) + timedelta(hours=1)
    known = known.replace(hour=23, minute=50, second=0, microsecond=0)  # a day's last minutes, in the future
    incident = _open(client, known_at=known.isoformat())
    assert datetime.fromisoformat(incident["clocks"]["phone"]["due"]) == known + timedelta(minutes=30)
    written = datetime.fromisoformat(incident["clocks"]["written"]["due"]).astimezone(SH)
    assert written.date() == known.date() + timedelta(days=1) and written.strftime("%H:%M") == "00:50"
    assert datetime.fromisoformat(incident["clocks"]["follow_up"]["due"]) == known + timedelta(hours=8)  # level IV
    done = client.command(
        "duty.incident.report", {"incident": incident["id"], "kind": "phone", "text": "电话报区应急局：四川北路积水"}
    ).result(10)["result"]
    assert done["clocks"]["phone"]["state"] == "done" and done["clocks"]["written"]["state"] == "running"
    with pytest.raises(RequestError, match="after the incident is closed"):
        client.command("duty.incident.report", {"incident": incident["id"], "kind": "final", "text": "x"}).result(10)


def test_a_missed_deadline_is_overdue_and_written_into_the_duty_log(citybrain_daemon_factory):
    client = citybrain_daemon_factory(plugins=PLUGINS).client(login="duty")
    known = datetime.now(UTC) - timedelta(minutes=55)  # phone (30 min) missed; written (60) due in 5: warned
    incident = _open(client, known_at=known.isoformat(), type="燃气泄漏")
    client.wait_for(lambda s: _clock(client, incident["id"], "phone").get("state") == "overdue", timeout=30)
    client.wait_for(lambda s: _clock(client, incident["id"], "written").get("state") == "warning", timeout=30)
    entries = [e for e in client.replica.records("duty.log") if f"事件{incident['id']}" in e["text"]]
    assert len(entries) == 1 and entries[0]["author"] == "system" and "电话报告超时未报" in entries[0]["text"]


def test_raising_the_level_restarts_the_reports_and_shortens_follow_ups(citybrain_daemon_factory):
    client = citybrain_daemon_factory(plugins=PLUGINS).client(login="duty")
    incident = _open(client)
    client.command("duty.incident.report", {"incident": incident["id"], "kind": "phone", "text": "已电话报告"}).result(
        10
    )
    raised = client.command("duty.incident.level", {"incident": incident["id"], "level": "II"}).result(10)["result"]
    now = datetime.now(UTC)
    phone = datetime.fromisoformat(raised["clocks"]["phone"]["due"])
    assert raised["clocks"]["phone"]["state"] == "running" and timedelta(minutes=29) < phone - now <= timedelta(
        minutes=30
    )
    follow_up = datetime.fromisoformat(raised["clocks"]["follow_up"]["due"]) - now
    assert timedelta(minutes=119) < follow_up <= timedelta(minutes=120)  # level II: every two hours
    closed = client.command("duty.incident.close", {"incident": incident["id"]}).result(10)["result"]
    assert closed["clocks"]["follow_up"]["state"] == "done" and closed["clocks"]["final"]["state"] == "running"


def test_a_clock_due_while_the_daemon_was_killed_fires_once_after_the_restart(tmp_path):
    daemon = DaemonProcess(tmp_path / "d", plugins=PLUGINS).start()
    client = FeedClient(daemon.endpoint).start()
    try:
        client.wait_for(lambda s: s.state == "live", timeout=60)
        client.login("duty", PASSWORDS["duty"])
        incident = _open(client)
        daemon.kill()
        sessions = session_factory(make_engine(sqlite_url(tmp_path / "d")))
        with sessions() as session:  # time passes while it is down: the phone deadline goes by
            timer = session.scalars(
                select(timers.Timer).where(
                    timers.Timer.kind == "duty.clock",
                    timers.Timer.key == f"{incident['id']}/phone",
                    timers.Timer.state == timers.PENDING,
                )
            ).one()
            timer.due_at = datetime.now(UTC) - timedelta(minutes=1)
            session.commit()
        daemon.start()
        client.wait_for(lambda s: _clock(client, incident["id"], "phone").get("state") == "overdue", timeout=60)
        with sessions() as session:
            logged = session.scalar(select(func.count()).where(DutyLogEntry.text.contains(f"事件{incident['id']}")))
            fired = session.scalar(
                select(func.count()).where(timers.Timer.kind == "duty.clock", timers.Timer.state == timers.FIRED)
            )
        assert logged == 1 and fired == 1
    finally:
        client.stop()
        daemon.stop()


def test_the_incidents_view_counts_down_and_the_desk_rings_when_a_report_is_overdue(citybrain_desk, qtbot):
    from citybrain.plugins.duty.alerts import DutyAlerts
    from citybrain.plugins.duty.incidents_view import IncidentsView

    ctx = citybrain_desk.context("duty")
    DutyAlerts(ctx)
    view = IncidentsView(ctx)
    qtbot.addWidget(view)
    view.resize(720, 500)  # the duty desk's pane: the report box's instructions and every button read whole
    view.show()
    qtbot.waitExposed(view)
    text = view.incident_actions.text
    assert text.width() > text.fontMetrics().horizontalAdvance(text.placeholderText())
    assert all(b.width() >= b.sizeHint().width() for b in view.incident_actions.buttons.values() if b.isVisible())
    client = citybrain_desk.feed.client
    late = _open(client, known_at=(datetime.now(UTC) - timedelta(minutes=40)).isoformat(), type="树木倒伏")
    qtbot.waitUntil(
        lambda: any(n.level == "alarm" and f"#{late['id']}" in n.text for n in citybrain_desk.notifier.history),
        timeout=10_000,
    )
    row = next(r for r in range(view.model.rowCount()) if view.model.record_at(r)["id"] == late["id"])
    # the clocks have the pane's width (the reports go below them): more room than beside them
    assert view.table.width() >= view.width() - 4 * view.fontMetrics().height()
    phone = view.model.index(row, 4).data()
    assert phone.startswith("OVERDUE") or phone.startswith("超时")
    assert view.model.index(row, 5).data().endswith("min left") or "分钟" in view.model.index(row, 5).data()
