"""The alarm list on a real desk feed, with alarms raised over a real Mosquitto: states told apart by their markers
(waiting, steady, outlined, gone), urgent first and newest first, names instead of codes, who acknowledged and
when beside the alarm with its guidance; a comment needed for urgent alarms and cleared after use; a group
(one compound's alarms of one condition) acknowledged in one command after a question naming it; an urgent alarm
shelved only after a confirmation; the district sees life-safety alarms, with a line per compound for the rest."""

from __future__ import annotations

import asyncio

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.sensors import alarms_view
from citybrain.plugins.sensors.alarms_view import AlarmsView
from citybrain.plugins.sensors.tests.test_alarms import PLUGINS, event
from citybrain.widgets.palette import Marker


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory, citybrain_mosquitto):
    return citybrain_daemon_factory(
        plugins=PLUGINS,
        plugin_config={  # the sensors and the case loop: a quick seed
            "sensors": {"broker": citybrain_mosquitto.broker, "simulate": False}
        },
    )


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("sensors")
    qtbot.waitUntil(lambda: (ctx.record("sensors.link", "ingest") or {}).get("connected"), timeout=30_000)
    return ctx


@pytest.fixture
def questions(monkeypatch):
    """What the view asked before acting, answered by ``questions.answer``."""

    class Asked(list):
        answer = True

    asked = Asked()

    def ask(parent, title, question, action) -> bool:  # noqa: ANN001
        asked.append(question)
        return asked.answer

    monkeypatch.setattr(alarms_view, "confirm", ask)
    return asked


def open_alarm(ctx, device: dict) -> dict | None:
    return next((a for a in ctx.records("sensors.alarms") if a["device"] == device["id"]), None)


def row_of(view: AlarmsView, device: dict) -> int | None:
    return next((r for r in range(view.model.rowCount()) if view.model.record_at(r)["device"] == device["id"]), None)


def run(qtbot, coroutine):  # noqa: ANN001, ANN201
    task = asyncio.ensure_future(coroutine)
    qtbot.waitUntil(task.done, timeout=10_000)
    return task.result()


def select(qtbot, view: AlarmsView, device: dict) -> None:
    qtbot.waitUntil(lambda: row_of(view, device) is not None, timeout=10_000)
    row = row_of(view, device)
    assert row is not None
    view.table.view.selectRow(row)


def test_states_read_by_marker_and_name_urgent_and_newest_first_with_who_acknowledged(ctx, publisher, qtbot):
    devices = ctx.records("sensors.devices")
    first, second = [d for d in devices if d["type"] == "SMK"][:2]
    lift = next(d for d in devices if d["type"] == "LIFT-MON")
    view = AlarmsView(ctx)
    qtbot.addWidget(view)
    view.everything.setChecked(True)
    for device, code in ((first, "smoke"), (lift, "trapped"), (second, "smoke")):
        event(publisher, device, code)  # urgent: raised at once
        qtbot.waitUntil(lambda d=device: row_of(view, d) is not None, timeout=30_000)
    rows = [view.model.record_at(r) for r in range(view.model.rowCount())]
    assert [r["priority"] for r in rows] == sorted(
        (r["priority"] for r in rows), key=["urgent", "high", "medium", "low"].index
    )
    ours = [r["device"] for r in rows if r["device"] in (first["id"], second["id"], lift["id"])]
    assert ours == [second["id"], lift["id"], first["id"]]  # newest first among the urgent ones
    row = row_of(view, second)
    assert view.model.data(view.model.index(row, 0)) == "urgent"  # the priority by name, with its marker
    assert view.model.data(view.model.index(row, 1)) == "unacknowledged"
    assert view.model.data(view.model.index(row, 2)) == "Smoke"  # the condition by name, not `smoke`
    assert alarms_view.marker(view.model.record_at(row)) == Marker("urgent", "waiting", "urgent")

    select(qtbot, view, second)
    assert "Smoke" in view.detail.facts.text() and "119" in view.detail.guidance.text()  # its guidance beside it
    qtbot.waitUntil(lambda: " · with " in view.detail.facts.text(), timeout=10_000)  # its case, and who has it
    assert run(qtbot, view.acknowledge()) is None  # urgent: not without a comment
    assert "comment" in view.commands.message.text()
    view.comment.setText("物业到场，确认为油烟误报")
    assert run(qtbot, view.acknowledge())["state"] == "ack"
    assert view.comment.text() == ""  # the box empties after use
    qtbot.waitUntil(lambda: view.model.record_at(row_of(view, second))["state"] == "ack", timeout=10_000)
    acked = view.model.record_at(row_of(view, second))
    assert alarms_view.marker(acked) == Marker("urgent", "steady", "urgent")  # still active: the marker stays
    assert acked["acked_by"] == "duty" and acked["acked_at"]
    assert row_of(view, second) == 0 or view.model.record_at(row_of(view, second) - 1)["rank"] > acked["rank"]
    view.table.view.selectRow(row_of(view, second))
    assert "duty at" in view.detail.facts.text() and "油烟" in view.detail.facts.text()

    run(qtbot, view.claim())
    qtbot.waitUntil(lambda: "Claimed" in view.detail.facts.text(), timeout=10_000)  # the pane follows the alarm
    assert "duty at" in view.detail.facts.text() and "until" in view.detail.facts.text()

    event(publisher, first, "normal")
    qtbot.waitUntil(lambda: open_alarm(ctx, first)["state"] == "rtn_unack", timeout=30_000)
    qtbot.waitUntil(lambda: view.model.record_at(row_of(view, first))["state"] == "rtn_unack", timeout=10_000)
    assert alarms_view.marker(view.model.record_at(row_of(view, first))) == Marker("urgent", "outline", "urgent")
    select(qtbot, view, first)
    view.comment.setText("已恢复，物业复核无火情")
    run(qtbot, view.acknowledge())
    qtbot.waitUntil(lambda: row_of(view, first) is None, timeout=10_000)  # acknowledged after its return: gone


def test_a_group_is_acknowledged_in_one_command_after_a_question_naming_it(ctx, publisher, qtbot, questions):
    devices = ctx.records("sensors.devices")
    compound = next(
        c
        for c in {d["compound"] for d in devices}
        if sum(d["compound"] == c and d["type"] == "SMK" for d in devices) >= 3
    )
    smokes = [d for d in devices if d["compound"] == compound and d["type"] == "SMK"][:3]
    other = next(d for d in devices if d["type"] == "SMK" and d["compound"] != compound)
    view = AlarmsView(ctx)
    qtbot.addWidget(view)
    for device in (*smokes, other):
        event(publisher, device, "smoke")
    qtbot.waitUntil(lambda: all(open_alarm(ctx, d) for d in (*smokes, other)), timeout=30_000)
    view.grouped.setChecked(True)
    key = f"{compound}|smoke"

    def grouped_all_three() -> bool:  # the view's model drains the feed a frame after the replica
        row = view.group_model.row_of(key)
        return row is not None and view.group_model.record_at(row)["count"] == 3

    qtbot.waitUntil(grouped_all_three, timeout=10_000)
    view.group_table.view.selectRow(view.group_model.row_of(key))

    questions.answer = False
    assert run(qtbot, view.acknowledge()) is None  # refused at the question: nothing sent
    name = smokes[0]["compound_name"]
    assert questions == [f"Acknowledge 3 Smoke alarm(s) of {name}?"]
    assert all(open_alarm(ctx, d)["state"] == "unack" for d in smokes)
    questions.answer = True
    view.comment.setText("物业逐户排查，系统误报")
    assert len(run(qtbot, view.acknowledge())["acknowledged"]) == 3
    qtbot.waitUntil(lambda: all(open_alarm(ctx, d)["state"] == "ack" for d in smokes), timeout=10_000)
    assert open_alarm(ctx, other)["state"] == "unack" and view.comment.text() == ""
    assert "Acknowledged 3" in view.commands.message.text()

    client = ctx._feed.client
    mixed = [open_alarm(ctx, smokes[0])["id"], open_alarm(ctx, other)["id"]]
    with pytest.raises(RequestError, match="one compound's alarms of one condition"):
        client.command("sensors.ack_group", {"alarms": mixed, "comment": "x"}).result(10)
    with pytest.raises(RequestError, match="1 to 500"):
        client.command("sensors.ack_group", {"alarms": list(range(1, 502)), "comment": "x"}).result(10)


def test_shelving_an_urgent_alarm_asks_first_and_actions_have_keys(ctx, publisher, qtbot, questions):
    smoke = next(d for d in ctx.records("sensors.devices") if d["type"] == "SMK")
    view = AlarmsView(ctx)
    qtbot.addWidget(view)
    event(publisher, smoke, "smoke")
    select(qtbot, view, smoke)
    view.comment.setText("误报，等待物业维修探测器")
    questions.answer = False
    assert run(qtbot, view.shelve()) is None and open_alarm(ctx, smoke)["state"] == "unack"
    assert "Shelve the urgent Smoke alarm" in questions[0]
    questions.answer = True
    assert run(qtbot, view.shelve())["state"] == "shelved"
    qtbot.waitUntil(lambda: view.model.record_at(row_of(view, smoke))["state"] == "shelved", timeout=10_000)
    assert alarms_view.marker(view.model.record_at(row_of(view, smoke))) is None  # an ordinary row, named
    assert view.model.data(view.model.index(row_of(view, smoke), 1)) == "shelved"
    actions = view.view_actions()
    assert {"ack", "claim", "shelve", "history", "device", "comment", "group", "everything"} == {a.id for a in actions}
    keys = [a.shortcut for a in actions]
    assert all(keys) and len(set(keys)) == len(keys)
    view.history()  # its own history, one key away: each change, with who and the words that came with it
    qtbot.waitUntil(lambda: "Shelved" in view.detail.history.text(), timeout=10_000)
    assert view.detail.history_title.isVisibleTo(view) and view.detail.history_of == open_alarm(ctx, smoke)["id"]
    history = view.detail.history.text()
    assert (
        history.index("Alarm raised") < history.index("Shelved")
        and "duty" in history
        and "误报，等待物业维修探测器" in history
    )
    assert "until" in history and "system" in history  # raised by the system, shelved by the operator until when
    run(qtbot, view.claim())
    qtbot.waitUntil(lambda: "Claimed" in view.detail.history.text(), timeout=10_000)  # it follows the alarm
    view.show_device()
    assert smoke["id"] in view.device.panel.title.text()  # its device's readings and events, another key away
    qtbot.waitUntil(lambda: not view.device.panel.tasks.tasks, timeout=10_000)  # its history loaded: the alarm in it
    assert view.device.panel.alarms.count() >= 1


def test_the_district_sees_life_safety_alarms_and_a_line_per_compound(ctx, publisher, qtbot):
    devices = ctx.records("sensors.devices")
    smoke = next(d for d in devices if d["type"] == "SMK")
    stair = next(d for d in devices if d["type"] == "CAM-STAIR")  # low priority: the property company's
    heard: list[str | None] = []
    ctx.annunciate = lambda key, priority: heard.append(priority)
    view = AlarmsView(ctx)
    qtbot.addWidget(view)
    for _ in range(3):  # persists past the anti-chatter
        event(publisher, stair, "clutter")
    qtbot.waitUntil(lambda: open_alarm(ctx, stair) is not None, timeout=30_000)
    event(publisher, smoke, "smoke")
    qtbot.waitUntil(lambda: row_of(view, smoke) is not None, timeout=30_000)
    qtbot.waitUntil(lambda: heard[-1:] == ["urgent"], timeout=5_000)  # the desk sounds the urgent one
    assert not open_alarm(ctx, stair)["district"] and row_of(view, stair) is None
    line = view.compound_model.record_at(view.compound_model.row_of(stair["compound"]))
    assert line["property"] >= 1
    view.everything.setChecked(True)
    assert row_of(view, stair) is not None and view.below.isHidden()  # no compound lines: every alarm is listed
