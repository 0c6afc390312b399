"""One device's panel: who it is and where, its readings and events over a chosen window (pyqtgraph, time on the
x axis), and its alarms.  The window comes from ``sensors.history``; what the device sends afterwards is added
from its live record, so the chart keeps moving while it is open.

Imported when a tile is first clicked: pyqtgraph is not a cost the desk pays at start."""

from __future__ import annotations

from datetime import datetime

import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from citybrain.core.times import local_time
from citybrain.plugins.sensors.catalogue import CATALOGUE
from citybrain.plugins.sensors.names import condition_name, device_status_name, event_name, state_name, type_name
from citybrain.shell.api import DeskContext, RequestError, tr
from citybrain.widgets import ViewTasks, palette

DEVICES = "sensors.devices"
WINDOWS = ((1, "1 h"), (24, "24 h"), (24 * 7, "7 d"), (24 * 30, "30 d"))


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


class DevicePanel(QWidget):
    """Shows one device at a time (``show``); the wall keeps one panel and points it at the tile clicked."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.device: dict | None = None
        self.codes: list[str] = []  # the event strip's rows: normal, fault, then the type's alarm codes
        self.readings: tuple[list[float], list[float]] = ([], [])
        self.events: tuple[list[float], list[float]] = ([], [])
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.hours_box = QComboBox()
        for hours, label in WINDOWS:
            self.hours_box.addItem(label, hours)
        self.hours_box.setCurrentIndex(1)
        self.hours_box.currentIndexChanged.connect(self.reload)
        close = QPushButton(tr("Sensors", "Close"))
        close.clicked.connect(self.hide)
        self.charts = pg.GraphicsLayoutWidget()
        self.charts.setBackground(palette.PANEL)
        self.value_plot = self.charts.addPlot(row=0, col=0, axisItems={"bottom": pg.DateAxisItem()})
        self.event_plot = self.charts.addPlot(row=1, col=0, axisItems={"bottom": pg.DateAxisItem()})
        self.event_plot.setXLink(self.value_plot)
        self.event_plot.setMaximumHeight(110)
        self.value_curve = self.value_plot.plot(pen=pg.mkPen(palette.TEXT, width=2))  # a reading is no state: grey
        self.event_dots = pg.ScatterPlotItem(size=9, pen=None)
        self.event_plot.addItem(self.event_dots)
        for plot in (self.value_plot, self.event_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.getAxis("left").setWidth(90)  # the same for both, so their time axes line up
        self.alarms = QListWidget()
        self.alarms.setMaximumHeight(90)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.hours_box)
        top.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.charts, 1)
        layout.addWidget(self.alarms)
        self.tasks = ViewTasks(self)
        ctx.on_records(DEVICES, self.follow)

    def show_device(self, device_id: str) -> None:
        self.device = dict(self.ctx.record(DEVICES, device_id) or {"id": device_id})
        spec = CATALOGUE.types.get(self.device.get("type", ""))
        self.codes = ["normal", "fault", *(spec.alarms if spec else ())]
        self._ticks()
        self.value_plot.setVisible(bool(spec and spec.kind == "reading"))
        self.value_plot.setLabel("left", spec.unit if spec and spec.kind == "reading" else "")
        self.describe()
        self.show()
        self.reload()

    def describe(self) -> None:
        d = self.device or {}
        battery = d.get("battery")
        self.title.setText(
            f"<b>{d.get('id')}</b> · {type_name(d.get('type', ''))} · {d.get('compound_name', '')} "
            f"{d.get('building', '')} {d.get('floor', '')} · {device_status_name(d.get('status', ''))} · "
            f"{tr('Sensors', 'battery')} {battery if battery is not None else '—'} · "
            f"{tr('Sensors', 'last seen')} {local_time(d.get('last_seen'))}"
        )

    def reload(self) -> None:
        if self.device is not None:
            self.tasks.start(self.load(self.device["id"], self.hours_box.currentData()))

    async def load(self, device_id: str, hours: int) -> None:
        try:
            history = await self.ctx.query("sensors.history", {"device": device_id, "hours": hours})
        except RequestError as exc:
            self.alarms.clear()
            self.alarms.addItem(exc.message)
            return
        if self.device is None or self.device["id"] != device_id:
            return  # another tile was clicked meanwhile
        self.readings = ([_seconds(t) for t, _ in history["readings"]], [v for _, v in history["readings"]])
        self.events = ([], [])
        for at, code in history["events"]:
            self._add_event(_seconds(at), code)
        self.value_curve.setData(*self.readings)
        self._draw_events()
        self.alarms.clear()
        if not history["alarms"]:
            self.alarms.addItem(tr("Sensors", "No alarms in this window"))
        for alarm in reversed(history["alarms"]):
            self.alarms.addItem(
                f"{local_time(alarm['first_at'])} – {local_time(alarm['last_at'])} · "
                f"{condition_name(alarm['condition'])} · {palette.level_name(alarm['priority'])} · "
                f"{state_name(alarm['state'])} · × {alarm['count']}"
                + (f" · {alarm['acked_by']}: {alarm['comment']}" if alarm["comment"] else "")
            )
        self.value_plot.enableAutoRange()

    def _add_event(self, at: float, code: str) -> None:
        if code not in self.codes:
            self.codes.append(code)
            self._ticks()
        self.events[0].append(at)
        self.events[1].append(float(self.codes.index(code)))

    def _ticks(self) -> None:
        self.event_plot.getAxis("left").setTicks([[(i, event_name(c)) for i, c in enumerate(self.codes)]])

    def _draw_events(self) -> None:
        """Normal grey, a fault as a low level (as on the wall), an alarm event in its scenario's priority colour
        (a low noise alarm was drawn urgent red)."""
        spec = CATALOGUE.types.get((self.device or {}).get("type", ""))
        scenario = CATALOGUE.scenarios.get(spec.scenario) if spec else None
        alarm = palette.SEVERITY.get(scenario.priority if scenario else "", palette.URGENT)
        colours = {0: palette.TEXT_DIM, 1: palette.LOW}
        self.event_dots.setData(
            self.events[0], self.events[1], brush=[pg.mkBrush(colours.get(int(y), alarm)) for y in self.events[1]]
        )

    def follow(self, changed: dict | None) -> None:
        """The device's live record, as it changes: a new reading or event joins the chart."""
        if self.device is None or not self.isVisible():
            return
        record = self.ctx.record(DEVICES, self.device["id"]) if changed is None else changed.get(self.device["id"])
        if not record or record.get("last_seen") == self.device.get("last_seen"):
            return
        at = _seconds(record["last_seen"])
        if record.get("value") is not None and record["value"] != self.device.get("value"):
            self.readings[0].append(at)
            self.readings[1].append(record["value"])
            self.value_curve.setData(*self.readings)
        if record.get("event") and record["event"] != self.device.get("event"):
            self._add_event(at, record["event"])
            self._draw_events()
        self.device = dict(record)
        self.describe()
