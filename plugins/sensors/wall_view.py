"""The device wall: all 15,000 devices as tiles, grouped by compound, coloured by state (alarms by priority);
hover names the device, a click opens it; filters by scenario, type, compound and status dim what they leave out.
The big-screen version for the video wall has no filters."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from citybrain.core.times import local_time
from citybrain.shell.api import DeskContext
from citybrain.shell.i18n import tr
from citybrain.widgets.tile_wall import TileWall

DEVICES, ALARMS = "sensors.devices", "sensors.alarms"
# state index -> colour: online, offline, fault, out of service, then alarms by priority
COLOURS = ["#2f6b47", "#3a3f47", "#c9a227", "#1f2329", "#4f8cc9", "#e0a030", "#e06a2a", "#e03131"]
STATE = {"online": 0, "offline": 1, "fault": 2, "out_of_service": 3, "alarm": 5}
PRIORITY = {"low": 4, "medium": 5, "high": 6, "urgent": 7}
ANNUNCIATED = ("unack", "ack", "rtn_unack", "latched")


class DeviceWall(QWidget):
    def __init__(self, ctx: DeskContext, filters: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        devices = sorted(ctx.records(DEVICES), key=lambda d: (d["compound"], d["scenario"], d["id"]))
        self.ids = [d["id"] for d in devices]
        self.index = {d: i for i, d in enumerate(self.ids)}
        self.meta = {k: np.array([d[k] for d in devices]) for k in ("scenario", "type", "compound", "status")}
        blocks: dict[str, list[int]] = {}
        for i, d in enumerate(devices):
            blocks.setdefault(d["compound"], []).append(i)
        self.wall = TileWall(list(blocks.values()), COLOURS)
        self.wall.names = [f"{d['id']} · {d['compound_name']} {d['building']} {d['floor']}" for d in devices]
        self.wall.tile_clicked.connect(self.show_device)
        self.detail = QLabel()
        self.filters: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        if filters:
            row = QHBoxLayout()
            for key, title in (("scenario", tr("Sensors", "Scenario")), ("type", tr("Sensors", "Type")),
                               ("compound", tr("Sensors", "Compound")), ("status", tr("Sensors", "Status"))):
                box = QComboBox()
                box.addItem(tr("Sensors", "All: {what}").format(what=title), None)
                for value in sorted(set(self.meta[key])):
                    box.addItem(str(value), value)
                box.currentIndexChanged.connect(self.apply_filters)
                self.filters[key] = box
                row.addWidget(box)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(self.wall, 1)
        layout.addWidget(self.detail)
        ctx.on_change(DEVICES, self.refresh)
        ctx.on_change(ALARMS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Every tile's state from the live records: a vectorised write, repainted on the wall's own timer."""
        states = np.zeros(len(self.ids), dtype=np.uint8)
        records = self.ctx.records(DEVICES)
        for record in records:
            i = self.index.get(record["id"])
            if i is not None:
                states[i] = STATE.get(record["status"], 0)
                self.meta["status"][i] = record["status"]
        for alarm in self.ctx.records(ALARMS):
            i = self.index.get(alarm["device"])
            if i is not None and alarm["state"] in ANNUNCIATED:
                states[i] = max(states[i], PRIORITY.get(alarm["priority"], 5))
        self.wall.set_states(np.arange(len(self.ids)), states)

    def apply_filters(self) -> None:
        keep = np.ones(len(self.ids), dtype=bool)
        for key, box in self.filters.items():
            if box.currentData() is not None:
                keep &= self.meta[key] == box.currentData()
        self.wall.set_dim(~keep)

    def show_device(self, index: int) -> None:
        device = self.ctx.record(DEVICES, self.ids[index]) or {}
        self.detail.setText(f"{device.get('id')} · {device.get('type')} · {device.get('compound_name')} "
                            f"{device.get('building')} {device.get('floor')} · {device.get('status')} · "
                            f"{tr('Sensors', 'battery')} {device.get('battery') if device.get('battery') is not None else '—'}"
                            f" · {tr('Sensors', 'last seen')} {local_time(device.get('last_seen'))}"
                            + (f" · {device['value']}" if device.get("value") is not None else "")
                            + (f" · {device['event']}" if device.get("event") else ""))


class WallScreen(DeviceWall):
    """The big-screen version: every tile, no filters."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, filters=False)
