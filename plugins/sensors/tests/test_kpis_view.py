"""The key figures on a real desk feed, with alarms raised over a real Mosquitto: a compound whose smoke alarm
(life safety: the district's) waits for an acknowledgement gets a marker of its priority saying how many wait;
a compound with only a property company's alarm stays grey and counts it in its own column; acknowledging the
smoke alarm takes the marker away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from citybrain.plugins.sensors.kpis_view import KpisView, marker
from citybrain.plugins.sensors.tests.test_alarms import PLUGINS, event
from citybrain.widgets.palette import Marker


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory, citybrain_mosquitto):
    return citybrain_daemon_factory(
        plugins=PLUGINS, plugin_config={"sensors": {"broker": citybrain_mosquitto.broker, "simulate": False}}
    )


def test_only_a_compound_with_district_alarms_waiting_is_marked(citybrain_desk, publisher, qtbot):
    ctx = citybrain_desk.context("sensors")
    qtbot.waitUntil(lambda: (ctx.record("sensors.link", "ingest") or {}).get("connected"), timeout=30_000)
    devices = ctx.records("sensors.devices")
    smoke = next(d for d in devices if d["type"] == "SMK")
    stair = next(d for d in devices if d["type"] == "CAM-STAIR" and d["compound"] != smoke["compound"])
    view = KpisView(ctx)
    qtbot.addWidget(view)
    model = view.tables["compound"].model
    event(publisher, smoke, "smoke")  # urgent, life safety: the district's at once
    for _ in range(3):  # low, the property company's: past the anti-chatter
        event(publisher, stair, "clutter")

    def row(device: dict) -> dict:
        return ctx.record("sensors.kpis", f"compound:{device['compound']}") or {}

    qtbot.waitUntil(
        lambda: row(smoke).get("unacked") == 1 and row(stair).get("property") == 1, timeout=40_000
    )  # measured every 10 s

    def decoration(device: dict) -> object:
        return model.data(
            model.index(model.row_of(f"compound:{device['compound']}"), 0), Qt.ItemDataRole.DecorationRole
        )

    qtbot.waitUntil(lambda: decoration(smoke) is not None, timeout=10_000)  # the model drains at the next frame
    marked = model.row_of(f"compound:{smoke['compound']}")
    assert model.data(model.index(marked, 0)).startswith("1 unacknowledged")
    assert marker(row(smoke)) == Marker("urgent", "waiting", "1 unacknowledged")
    grey = model.row_of(f"compound:{stair['compound']}")
    assert model.data(model.index(grey, 0), Qt.ItemDataRole.DecorationRole) is None  # theirs: counted, not marked
    assert row(stair)["in_alarm"] == 0 and row(stair)["unacked"] == 0

    alarm = next(a for a in ctx.records("sensors.alarms") if a["device"] == smoke["id"])
    ctx._feed.client.command("sensors.ack", {"alarm": alarm["id"], "comment": "物业到场核查"}).result(10)
    qtbot.waitUntil(lambda: row(smoke).get("unacked") == 0 and decoration(smoke) is None, timeout=40_000)
    assert row(smoke)["in_alarm"] == 1  # still active, acknowledged: seen, nothing waits
