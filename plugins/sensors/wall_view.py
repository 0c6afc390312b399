"""The device wall: all 15,000 devices as tiles, grouped by compound, coloured by state (alarms by priority);
hover names the device, a click opens its panel (its readings, events and alarms); filters by scenario, type,
compound and status dim what they leave out.  The big-screen version for the video wall has no filters."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from citybrain.plugins.sensors.device_slot import DeviceSlot
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
        self.meta = {k: np.array([d[k] for d in devices], dtype=object) for k in ("scenario", "type", "compound",
                                                                                   "status")}
        self.base = np.zeros(len(self.ids), dtype=np.uint8)  # each tile's colour from its device's status
        self.alarmed: dict[int, dict[int, int]] = {}  # tile -> {alarm id: colour} of its annunciated alarms
        self.alarm_tile: dict[int, int] = {}  # alarm id -> tile, to find the tile when the alarm goes
        blocks: dict[str, list[int]] = {}
        for i, d in enumerate(devices):
            blocks.setdefault(d["compound"], []).append(i)
        self.wall = TileWall(list(blocks.values()), COLOURS)
        self.wall.names = [f"{d['id']} · {d['compound_name']} {d['building']} {d['floor']}" for d in devices]
        self.wall.tile_clicked.connect(self.show_device)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.wall)
        self.device = DeviceSlot(ctx, split)
        self.filters: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        if filters:
            row = QHBoxLayout()
            for key, title in (("scenario", tr("Sensors", "Scenario")), ("type", tr("Sensors", "Type")),
                               ("compound", tr("Sensors", "Compound")), ("status", tr("Sensors", "Status"))):
                box = QComboBox()
                box.addItem(tr("Sensors", "All: {what}").format(what=title), None)
                for value in sorted(set(self.meta[key]) | ({*STATE} if key == "status" else set())):
                    box.addItem(str(value), value)
                box.currentIndexChanged.connect(self.apply_filters)
                self.filters[key] = box
                row.addWidget(box)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(split, 1)
        ctx.on_records(DEVICES, self.follow_devices)
        ctx.on_records(ALARMS, self.follow_alarms)
        self.follow_devices(None)
        self.follow_alarms(None)

    def follow_devices(self, changed: dict | None) -> None:
        """Only the tiles whose devices changed (all of them after a resync): thousands a second stay cheap."""
        records = self.ctx.records(DEVICES) if changed is None else [r for r in changed.values() if r]
        tiles = []
        for record in records:
            i = self.index.get(record["id"])
            if i is not None:
                self.base[i] = STATE.get(record["status"], 0)
                self.meta["status"][i] = record["status"]
                tiles.append(i)
        self._show(tiles)

    def follow_alarms(self, changed: dict | None) -> None:
        """A tile in alarm takes the colour of its device's worst annunciated alarm."""
        if changed is None:
            tiles = list(self.alarmed)
            self.alarmed, self.alarm_tile = {}, {}
            changed = {a["id"]: a for a in self.ctx.records(ALARMS)}
        else:
            tiles = []
        for key, alarm in changed.items():
            was = self.alarm_tile.pop(key, None)
            if was is not None:
                self.alarmed[was].pop(key, None)
                tiles.append(was)
            i = self.index.get(alarm["device"]) if alarm else None
            if i is not None and alarm["state"] in ANNUNCIATED:
                self.alarmed.setdefault(i, {})[key] = PRIORITY.get(alarm["priority"], 5)
                self.alarm_tile[key] = i
                tiles.append(i)
        self._show(tiles)

    def _show(self, tiles: list[int]) -> None:
        if tiles:
            worst = [max(self.alarmed.get(i, {}).values(), default=0) for i in tiles]
            self.wall.set_states(tiles, np.maximum(self.base[tiles], np.array(worst, dtype=np.uint8)))

    def apply_filters(self) -> None:
        keep = np.ones(len(self.ids), dtype=bool)
        for key, box in self.filters.items():
            if box.currentData() is not None:
                keep &= self.meta[key] == box.currentData()
        self.wall.set_dim(~keep)

    def show_device(self, index: int) -> None:
        self.device.show(self.ids[index])


class WallScreen(DeviceWall):
    """The big-screen version: every tile, no filters."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, filters=False)
