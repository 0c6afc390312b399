"""Reminders fall due on their timer, stay due until acknowledged (kept and logged), then wait for their next
occurrence after now; a one-off one is done once acknowledged; only the duty leader cancels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from citybrain.core.client import RequestError

PLUGINS = {"duty": "citybrain.plugins.duty.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


@pytest.fixture
def client(daemon):
    return daemon.client(login="operator")


def _create(client, **kw) -> dict:
    payload = {
        "title": "整点巡查",
        "kind": "check",
        "unit": "CYZX",
        "first_at": (datetime.now(UTC) - timedelta(minutes=150)).isoformat(),
    } | kw
    return client.command("duty.reminder.create", payload).result(10)["result"]


def _state(client, reminder: dict) -> str | None:
    return (client.replica.get("duty.reminders", reminder["id"]) or {}).get("state")


def test_a_repeating_reminder_rings_until_acknowledged_then_waits_for_its_next_time(client):
    hourly = _create(client, every_minutes=60)
    later = _create(
        client, title="防汛特别值守", kind="special", first_at=(datetime.now(UTC) + timedelta(hours=2)).isoformat()
    )
    client.wait_for(lambda s: _state(client, hourly) == "due" and _state(client, later) == "waiting")
    with pytest.raises(RequestError, match="not due"):
        client.command("duty.reminder.ack", {"reminder": later["id"]}).result(10)
    acked = client.command("duty.reminder.ack", {"reminder": hourly["id"], "note": "监控正常"}).result(10)["result"]
    first = datetime.fromisoformat(hourly["due_at"])
    following = datetime.fromisoformat(acked["due_at"])
    assert acked["state"] == "waiting" and following > datetime.now(UTC) >= following - timedelta(hours=1)
    assert (following - first) % timedelta(hours=1) == timedelta(0)  # the missed occurrences are skipped, not rung
    client.wait_for(
        lambda s: any(
            "operator 确认提醒" in e["text"] and "监控正常" in e["text"] for e in client.replica.records("duty.log")
        )
    )


def test_a_one_off_reminder_is_done_once_acknowledged_and_only_the_leader_cancels(daemon, client):
    task = _create(client, title="区委交办：核查江湾镇积水点", kind="task")
    client.wait_for(lambda s: _state(client, task) == "due")
    assert client.command("duty.reminder.ack", {"reminder": task["id"]}).result(10)["result"]["state"] == "done"
    client.wait_for(lambda s: _state(client, task) is None)
    ended = _create(client, every_minutes=60, until=(datetime.now(UTC) - timedelta(minutes=100)).isoformat())
    client.wait_for(lambda s: _state(client, ended) == "due")
    assert client.command("duty.reminder.ack", {"reminder": ended["id"]}).result(10)["result"]["state"] == "done"
    with pytest.raises(RequestError, match="until comes before"):
        _create(client, until=(datetime.now(UTC) - timedelta(days=1)).isoformat())
    standing = _create(client, every_minutes=30)
    with pytest.raises(RequestError) as forbidden:
        client.command("duty.reminder.cancel", {"reminder": standing["id"]}).result(10)
    assert forbidden.value.code == "forbidden"
    daemon.client(login="duty").command("duty.reminder.cancel", {"reminder": standing["id"]}).result(10)
    client.wait_for(lambda s: _state(client, standing) is None)
