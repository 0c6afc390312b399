"""The device panel on a real desk: a click on a tile shows the device's readings and events from the daemon's
history, and what the device sends afterwards (over a real Mosquitto) joins the chart while the panel is open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from citybrain.plugins.sensors.tests.test_alarms import send
from citybrain.plugins.sensors.wall_view import DeviceWall


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory, citybrain_mosquitto):
    return citybrain_daemon_factory(
        plugin_config={"sensors": {"broker": citybrain_mosquitto.broker, "simulate": False}}
    )


def charted(panel) -> list[float]:
    values = panel.value_curve.getData()[1]
    return [] if values is None else list(values)


def test_a_click_opens_the_device_with_its_history_and_live_readings(citybrain_desk, publisher, qtbot):
    ctx = citybrain_desk.context("sensors")
    qtbot.waitUntil(lambda: (ctx.record("sensors.link", "ingest") or {}).get("connected"), timeout=30_000)
    level = next(d for d in ctx.records("sensors.devices") if d["type"] == "LEVEL")  # a water level gauge, in cm
    now = datetime.now(UTC)
    for minutes, value in ((50, 12.0), (30, 18.5), (10, 25.0)):
        send(publisher, level, "reading", at=now - timedelta(minutes=minutes), value=value)
    send(publisher, level, "event", at=now - timedelta(minutes=5), code="water_high")
    qtbot.waitUntil(lambda: any(a["device"] == level["id"] for a in ctx.records("sensors.alarms")), timeout=60_000)
    citybrain_desk.feed.drain()

    view = DeviceWall(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    view.wall.tile_clicked.emit(view.index[level["id"]])
    panel = view.device.panel
    qtbot.waitUntil(lambda: len(charted(panel)) == 3, timeout=10_000)
    assert charted(panel) == [12.0, 18.5, 25.0]
    assert level["id"] in panel.title.text() and panel.value_plot.isVisible()
    assert [panel.codes[int(y)] for y in panel.events[1]] == ["water_high"]
    assert "Water level high" in panel.alarms.item(0).text()  # the condition by name

    send(publisher, level, "reading", value=31.5)  # live, after the panel opened
    qtbot.waitUntil(lambda: charted(panel)[-1:] == [31.5], timeout=30_000)
    view.wall.tile_clicked.emit(view.index[next(d["id"] for d in ctx.records("sensors.devices") if d["type"] == "SMK")])
    assert not panel.value_plot.isVisible() and "SMK" in panel.title.text()  # an event device: the event strip


def test_a_double_click_on_an_alarm_opens_its_device(citybrain_desk, publisher, qtbot):
    from citybrain.plugins.sensors.alarms_view import AlarmsView

    ctx = citybrain_desk.context("sensors")
    qtbot.waitUntil(lambda: (ctx.record("sensors.link", "ingest") or {}).get("connected"), timeout=30_000)
    smoke = next(d for d in ctx.records("sensors.devices") if d["type"] == "SMK")
    send(publisher, smoke, "event", code="smoke")  # urgent: raised at once
    qtbot.waitUntil(lambda: any(a["device"] == smoke["id"] for a in ctx.records("sensors.alarms")), timeout=60_000)
    citybrain_desk.feed.drain()
    view = AlarmsView(ctx)
    qtbot.addWidget(view)
    row = next(r for r in range(view.model.rowCount()) if view.model.record_at(r)["device"] == smoke["id"])
    view.table.view.doubleClicked.emit(view.model.index(row, 0))
    assert smoke["id"] in view.device.panel.title.text()
    qtbot.waitUntil(lambda: len(view.device.panel.events[1]) == 1, timeout=10_000)  # its smoke event, from the history
