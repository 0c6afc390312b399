"""The sensors views on a real desk feed: the maintenance list holds exactly the devices offline, faulty or low on
battery; the alarm list acknowledges from the view."""

from __future__ import annotations

import asyncio

import pytest

from citybrain.plugins.sensors.alarms_view import AlarmsView
from citybrain.plugins.sensors.health import needs_maintenance
from citybrain.plugins.sensors.maintenance_view import MaintenanceView


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugin_config={"sensors": {"simulate": False}})  # a still district


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    """The sensors context once the daemon has found the demo's quiet devices offline, every change drained."""
    ctx = citybrain_desk.context("sensors")
    qtbot.waitUntil(lambda: sum(d["status"] == "offline" for d in ctx.records("sensors.devices")) > 10, timeout=30_000)
    citybrain_desk.feed.drain()
    return ctx


def test_the_maintenance_list_holds_exactly_the_devices_that_need_it(ctx, qtbot):
    view = MaintenanceView(ctx)
    qtbot.addWidget(view)
    expected = {d["id"] for d in ctx.records("sensors.devices") if needs_maintenance(d)}
    shown = {view.table.model.record_at(r)["id"] for r in range(view.table.model.rowCount())}
    assert shown == expected and any(
        d["status"] == "offline" for d in map(view.table.model.record_at, range(view.table.model.rowCount()))
    )
    view.table.filter.setText("SMK-")
    assert all(view.table.model.record_at(r)["id"].startswith("SMK-") for r in range(view.table.model.rowCount()))


def test_the_alarm_list_says_where_sensor_cases_were_resolved_and_asks_for_a_selection(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("sensors")
    view = AlarmsView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: "property company" in view.resolution.text(), timeout=10_000)
    assert asyncio.get_event_loop().run_until_complete(view.claim()) is None
    assert view.commands.message.text() == "Select an alarm first"


def test_the_wall_draws_every_device_in_its_state_and_filters_dim(ctx, qtbot):
    from PySide6.QtGui import QColor

    from citybrain.plugins.sensors.wall_view import COLOURS, STATE, DeviceWall

    view = DeviceWall(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    wall = view.wall
    assert (
        len(wall.states) == 15_000 and len(set(zip(wall.tile_x, wall.tile_y, strict=True))) == 15_000
    )  # one place each
    wall.render_image()
    offline = next(d for d in ctx.records("sensors.devices") if d["status"] == "offline")
    i = view.index[offline["id"]]
    assert wall.image.pixelColor(int(wall.tile_x[i]), int(wall.tile_y[i])) == QColor(COLOURS[STATE["offline"]])
    view.filters["status"].setCurrentIndex(view.filters["status"].findData("offline"))
    wall.render_image()
    online = next(j for j, s in enumerate(wall.states) if s == STATE["online"])
    assert wall.dim[online] and not wall.dim[i]
    assert wall.image.pixelColor(int(wall.tile_x[online]), int(wall.tile_y[online])) != QColor(COLOURS[STATE["online"]])


def test_the_map_shows_every_compound_and_the_offline_devices(ctx, qtbot):
    from citybrain.plugins.sensors.map_view import SensorMapView

    view = SensorMapView(ctx)
    qtbot.addWidget(view)
    assert len(view.map.points("compounds")) == len({d["compound"] for d in ctx.records("sensors.devices")}) == 40
    assert len(view.map.points("offline")) == sum(d["status"] == "offline" for d in ctx.records("sensors.devices"))
    assert {p.severity for p in view.map.points("offline")} == {"stale"}  # one meaning per colour: as on the wall
    names = [label.item.toPlainText() for label in view.map._labels.get("compounds", [])]  # each compound named
    assert len(names) == 40 and all(d["compound_name"] in " ".join(names) for d in ctx.records("sensors.devices"))


def test_offline_and_out_of_service_tiles_differ_by_shape_not_only_by_shade(ctx, qtbot):
    from PySide6.QtGui import QColor

    from citybrain.plugins.sensors.tile_marks import PATTERN_FROM, SLASH_COLOUR
    from citybrain.plugins.sensors.wall_view import COLOURS, STATE, DeviceWall, legend_entries
    from citybrain.widgets import palette

    devices = ctx.records("sensors.devices")
    offline = next(d for d in devices if d["status"] == "offline")
    switched_off = next(d for d in devices if d["status"] == "online")
    ctx._feed.client.command(
        "sensors.device.service", {"device": switched_off["id"], "in_service": False, "reason": "更换探测器"}
    ).result(10)
    view = DeviceWall(ctx)
    qtbot.addWidget(view)
    view.resize(1920, 1080)  # a desk screen
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.meta["status"][view.index[switched_off["id"]]] == "out_of_service", timeout=10_000)
    wall = view.wall
    assert wall.scale() >= PATTERN_FROM
    wall.render_image()
    picture = wall.grab().toImage()

    def pixel(i: int, dx: float, dy: float) -> QColor:  # dx, dy: 0..1 across the tile
        r = wall.tile_rect(i)
        return picture.pixelColor(r.left() + round(dx * (r.width() - 1)), r.top() + round(dy * (r.height() - 1)))

    i, j = view.index[offline["id"]], view.index[switched_off["id"]]
    assert COLOURS[STATE["offline"]] == palette.STALE  # offline is abnormal: the stale level
    assert pixel(i, 1, 1) == QColor(palette.STALE) and pixel(i, 0.5, 0.5) == QColor(palette.BACKGROUND)  # a frame
    grey = QColor(COLOURS[STATE["out_of_service"]])  # a neutral grey, struck through from corner to corner
    assert pixel(j, 0.85, 0.85) == grey and pixel(j, 0.25, 0.25) == grey
    assert all(
        pixel(j, t, 1 - t).lightness() > (grey.lightness() + QColor(SLASH_COLOUR).lightness()) / 2
        for t in (0.3, 0.5, 0.7)
    )
    words = [text for _, _, text in legend_entries()]
    assert "Offline (nothing heard)" in words and "Out of service (on purpose)" in words
    qtbot.waitUntil(lambda: "1 out of service" in view.totals.text(), timeout=5_000)


def test_an_empty_alarm_list_says_why(ctx, qtbot):
    """The district list was a blank table while the property companies had alarms."""
    view = AlarmsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.table.empty.text() != "")
    if view.model.rowCount() == 0:
        assert view.table.empty.isVisible()
    view.say_why_empty(3)
    assert "3" in view.table.empty.text() and view.everything.text() in view.table.empty.text()
    view.everything.setChecked(True)
    assert view.table.empty.text() == "No open alarm." or view.model.rowCount() > 0
    qtbot.waitUntil(lambda: bool(view.resolution.text()), timeout=10_000)  # its query answered before it closes


def test_the_maintenance_markers_say_what_is_wrong(ctx, qtbot):
    """The markers said only "medium" beside an offline device."""
    from PySide6.QtCore import Qt

    view = MaintenanceView(ctx)
    qtbot.addWidget(view)
    model = view.table.model
    first = {
        model.record_at(r)["status"]: model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole)
        for r in range(model.rowCount())
    }
    assert first["offline"].startswith("offline · ")


def test_the_device_panel_names_the_status_and_colours_an_alarm_by_its_scenarios_priority(ctx, qtbot):
    """The panel said 'alarm' (the raw code) in the Chinese desk, and drew a low-priority clutter alarm urgent red."""
    from citybrain.plugins.sensors.catalogue import device_catalogue
    from citybrain.plugins.sensors.device_panel import DevicePanel
    from citybrain.plugins.sensors.names import device_status_name
    from citybrain.widgets import palette

    camera = next(d for d in ctx.records("sensors.devices") if d["type"] == "CAM-STAIR")
    panel = DevicePanel(ctx)
    qtbot.addWidget(panel)
    panel.show_device(camera["id"])
    panel.device["status"] = "alarm"
    panel.describe()
    assert device_status_name("alarm") != "alarm" and f"· {device_status_name('alarm')} ·" in panel.title.text()
    for at, code in ((1.0, "normal"), (2.0, "fault"), (3.0, device_catalogue().types["CAM-STAIR"].alarms[0])):
        panel._add_event(at, code)
    panel._draw_events()
    brushes = [brush.color().name() for brush in panel.event_dots.data["brush"]]
    assert brushes == [palette.TEXT_DIM, palette.LOW, palette.SEVERITY["low"]]


def test_a_reading_does_not_redraw_the_wall_and_a_status_draws_at_once(ctx, qtbot):
    """A reading changes its device's record, not its tile: the wall is not redrawn for it (thousands a second
    redrew it at its full rate, and a fault then waited for the next of those frames). A new status is drawn."""
    from citybrain.plugins.sensors.wall_view import STATE, DeviceWall

    view = DeviceWall(ctx)
    qtbot.addWidget(view)
    wall = view.wall
    wall.period = 3600.0  # a frame drawn now holds the next one back for an hour: a frame not asked for shows
    renders = []
    wall.image_rendered.connect(lambda: renders.append(wall.states.copy()))
    device = next(d for d in ctx.records("sensors.devices") if d["status"] == "online")
    wall.rendered = float("-inf")  # the last frame long ago: the next change is drawn at once
    view.follow_devices({device["id"]: {**device, "value": 12.5, "last_seen": "2026-12-05T01:00:00+00:00"}})
    assert renders == [] and not wall.timer.isActive()
    view.follow_devices({device["id"]: {**device, "status": "fault"}})
    assert len(renders) == 1 and renders[0][view.index[device["id"]]] == STATE["fault"]
