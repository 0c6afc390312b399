"""Handover: compiled from every plugin's open items (here a fake alarm plugin beside duty), signed by both
officers with their own logins, returned with a question and drafted anew, final once decided — in the database
too, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, text

from citybrain.core.api import OpenItem, hookimpl
from citybrain.core.client import RequestError


@hookimpl
def citybrain_open_items(session, now):
    return [
        OpenItem(
            "alarm", "烟感报警 Smoke detector 3-1201", "unacknowledged", now - timedelta(minutes=3), "alarms.active/7"
        ),
        OpenItem("shelved", "门磁 Door sensor 5-0102", "shelved until 22:00: under repair"),
    ]


ALARMS = SimpleNamespace(citybrain_open_items=citybrain_open_items)  # a second plugin, as any third party writes one
PLUGINS = {"duty": "citybrain.plugins.duty.daemon", "alarms": ALARMS}


@pytest.fixture
def daemon(citybrain_daemon_factory, citybrain_database_url):
    return citybrain_daemon_factory(plugins=PLUGINS, database_url=citybrain_database_url)


def _on_duty_now(client, unit: str, position: str) -> str:
    client.wait_for(lambda s: client.replica.records("duty.now"), timeout=30)
    post = next(
        p
        for p in client.replica.records("duty.now")
        if p["unit"] == unit and p["position"] == position and p["on_duty"]
    )
    return post["on_duty"][0]["name"]


def test_a_handover_lists_every_plugins_open_items_and_is_signed_by_both(daemon, citybrain_database_url):
    outgoing, incoming = daemon.client(login="operator"), daemon.client(login="duty")
    reminder = outgoing.command(
        "duty.reminder.create",
        {
            "title": "整点巡查视频监控 Hourly camera check",
            "kind": "check",
            "unit": "CYZX",
            "first_at": (datetime.now(UTC) - timedelta(minutes=1)).isoformat(),
            "every_minutes": 60,
        },
    ).result(10)["result"]
    outgoing.wait_for(lambda s: (outgoing.replica.get("duty.reminders", reminder["id"]) or {}).get("state") == "due")
    person = _on_duty_now(outgoing, "CYZX", "leader")
    draft = outgoing.command("duty.handover.draft", {"person": person, "notes": "四川北路积水点仍有泵车值守"}).result(
        10
    )["result"]
    kinds = {(i["kind"], i["plugin"]) for i in draft["items"]}
    assert {("alarm", "alarms"), ("shelved", "alarms"), ("incident", "duty"), ("reminder", "duty")} <= kinds
    assert sum(1 for i in draft["items"] if i["kind"] == "incident") == 2  # the demo's two incidents in progress
    dues = [i["due_at"] for i in draft["items"] if i["due_at"]]
    assert dues == sorted(dues) and draft["state"] == "draft" and draft["incoming"] not in ("", person)

    submitted = outgoing.command("duty.handover.submit", {"handover": draft["id"]}).result(10)["result"]
    assert submitted["state"] == "submitted" and submitted["submitted_by"] == "operator"
    with pytest.raises(RequestError, match="their own login"):
        outgoing.command("duty.handover.decide", {"handover": draft["id"], "accept": True}).result(10)
    with pytest.raises(RequestError, match="needs a question"):
        incoming.command("duty.handover.decide", {"handover": draft["id"], "accept": False}).result(10)
    returned = incoming.command(
        "duty.handover.decide", {"handover": draft["id"], "accept": False, "question": "泵车谁负责撤回？"}
    ).result(10)["result"]
    assert returned["state"] == "returned" and returned["question"] == "泵车谁负责撤回？"

    again = outgoing.command("duty.handover.draft", {"person": person, "notes": "泵车由区排水公司负责撤回"}).result(10)[
        "result"
    ]
    assert again["id"] != draft["id"] and again["replaces"] == draft["id"]
    outgoing.command("duty.handover.submit", {"handover": again["id"]}).result(10)
    accepted = incoming.command("duty.handover.decide", {"handover": again["id"], "accept": True}).result(10)["result"]
    assert accepted["state"] == "accepted" and accepted["decided_by"] == "duty"
    with pytest.raises(RequestError, match="is accepted, not draft"):
        outgoing.command("duty.handover.submit", {"handover": again["id"]}).result(10)
    logged = {f"交接班 {draft['id']} ", f"交接班 {again['id']} "}
    incoming.wait_for(
        lambda s: logged <= {w for e in incoming.replica.records("duty.log") for w in logged if w in e["text"]}
    )

    engine = create_engine(citybrain_database_url)  # past the plugin: the database refuses to change a signed one
    for statement in (
        "UPDATE duty_handovers SET notes = 'rewritten' WHERE id = :id",
        "DELETE FROM duty_handovers WHERE id = :id",
    ):
        for handover in (draft["id"], again["id"]):
            with pytest.raises(Exception, match="is final"), engine.begin() as conn:
                conn.execute(text(statement), {"id": handover})
    engine.dispose()


def test_a_handover_needs_someone_ending_a_shift(daemon):
    client = daemon.client(login="operator")
    with pytest.raises(RequestError, match="no shift ending now"):
        client.command("duty.handover.draft", {"person": "路人甲"}).result(10)
    person = _on_duty_now(client, "YJJ", "officer")
    with pytest.raises(RequestError, match="no person"):
        client.command("duty.handover.draft", {"person": person, "to": "路人甲"}).result(10)


def _broken(session, now):
    raise RuntimeError("alarm store unreachable")


def test_a_plugin_failing_to_list_its_items_is_switched_off_and_the_handover_still_compiles(citybrain_daemon_factory):
    broken = SimpleNamespace(citybrain_open_items=hookimpl(_broken))
    daemon = citybrain_daemon_factory(plugins={"duty": "citybrain.plugins.duty.daemon", "broken": broken})
    client = daemon.client(login="operator")
    draft = client.command("duty.handover.draft", {"person": _on_duty_now(client, "ZZB", "leader")}).result(10)[
        "result"
    ]
    assert {i["plugin"] for i in draft["items"]} == {"duty"}
    state = daemon.daemon.host.states["broken"]
    assert state.state == "failed" and state.where == "citybrain_open_items" and "unreachable" in state.error
