"""The device wall: all 15,000 devices as tiles, grouped by compound, each compound named with its counts; grey
when normal (ISA-101), colour only for a device in alarm (by priority) or faulty; an offline device is abnormal
(the palette's stale level) and drawn as an empty frame, a device out of service is a deliberate, neutral state
drawn as a grey tile struck through — told apart by shape, not only by shade; a legend shows each kind of tile
and says what it means.  Hover names the device, a click opens its panel (its readings, events and alarms);
filters by scenario, type, compound and status dim what they leave out.  The big-screen version for the video
wall has no filters and no panel: the wall is read-only."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from citybrain.plugins.sensors.device_slot import DeviceSlot
from citybrain.plugins.sensors.names import device_status_name, scenario_name, type_name
from citybrain.plugins.sensors.tile_marks import FRAME, SLASH, MarkedWall, swatch
from citybrain.shell.api import DeskContext, tr
from citybrain.widgets import palette

DEVICES, ALARMS = "sensors.devices", "sensors.alarms"
NORMAL, OUT_OF_SERVICE = "#59616b", "#3a4048"  # greys: online; switched off on purpose (struck through)
OFFLINE = palette.STALE  # nothing heard: abnormal, the stale level (an empty frame)
# state index -> colour: online, offline, fault, out of service, then alarms by priority (the palette's levels)
COLOURS = [NORMAL, OFFLINE, palette.LOW, OUT_OF_SERVICE, palette.LOW, palette.MEDIUM, palette.HIGH, palette.URGENT]
STATE = {"online": 0, "offline": 1, "fault": 2, "out_of_service": 3, "alarm": 5}
MARKS = {STATE["offline"]: FRAME, STATE["out_of_service"]: SLASH}
PRIORITY = {"low": 4, "medium": 5, "high": 6, "urgent": 7}
IN_ALARM = (4, 5, 6, 7)
ANNUNCIATED = ("unack", "ack", "rtn_unack", "latched")


def legend_entries() -> list[tuple[str, str | None, str]]:
    """(colour, pattern, what it means), in the order the legend shows them."""
    return [
        (NORMAL, None, tr("Sensors", "Normal")),
        (OFFLINE, FRAME, tr("Sensors", "Offline (nothing heard)")),
        (OUT_OF_SERVICE, SLASH, tr("Sensors", "Out of service (on purpose)")),
        (palette.LOW, None, tr("Sensors", "Fault or low alarm")),
        (palette.MEDIUM, None, tr("Sensors", "Medium alarm")),
        (palette.HIGH, None, tr("Sensors", "High alarm")),
        (palette.URGENT, None, tr("Sensors", "Urgent alarm")),
    ]


def compound_detail(devices: int, alarm: int, offline: int) -> str:
    """A compound's counts under its name (wrapped at the " · " on a narrow block, never cut)."""
    return tr("Sensors", "{n} devices · {a} in alarm · {o} offline").format(n=devices, a=alarm, o=offline)


class Legend(QWidget):
    """A swatch and a name per colour of the wall, in one row, sized to the widget's font."""

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.labels: list[QLabel] = []
        self.swatches: list[tuple[QLabel, str, str | None]] = []
        for colour, pattern, text in legend_entries():
            box = QLabel()
            self.swatches.append((box, colour, pattern))
            layout.addWidget(box)
            label = QLabel(text)
            self.labels.append(label)
            layout.addWidget(label)
            layout.addSpacing(12)
        layout.addStretch(1)
        self._swatch()

    def _swatch(self) -> None:
        side = max(10, self.fontMetrics().height() * 4 // 5)  # large enough to show a frame or a slash
        for box, colour, pattern in self.swatches:
            box.setPixmap(swatch(side, colour, pattern))

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._swatch()


class DeviceWall(QWidget):
    def __init__(self, ctx: DeskContext, filters: bool = True, panel: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.wall = MarkedWall(COLOURS, MARKS)
        self.wall.empty_text = tr("Sensors", "No devices to show: none registered yet, or the feed is not live.")
        if panel:
            self.wall.tile_clicked.connect(self.show_device)
        self.totals = QLabel()
        self.totals.setObjectName("wallTotals")
        header = QHBoxLayout()
        header.addWidget(self.totals)
        header.addStretch(1)
        header.addWidget(Legend())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.wall)
        self.device = DeviceSlot(ctx, split)
        self.filters: dict[str, QComboBox] = {}
        self.filter_row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        if filters:
            layout.addLayout(self.filter_row)
        layout.addWidget(split, 1)
        self.show_filters = filters
        self.counts_timer = QTimer(self)  # counts follow the tiles at most once a second
        self.counts_timer.setSingleShot(True)
        self.counts_timer.timeout.connect(self.show_counts)
        self.rebuild()
        ctx.urgent(DEVICES, "status")  # a tile's colour: a device gone into fault or alarm shows now
        ctx.urgent(ALARMS, "state")
        ctx.on_records(DEVICES, self.follow_devices)
        ctx.on_records(ALARMS, self.follow_alarms)

    def rebuild(self) -> None:
        """Tiles for the devices there are now (at start, and when devices come or go)."""
        devices = sorted(self.ctx.records(DEVICES), key=lambda d: (d["compound"], d["scenario"], d["id"]))
        self.ids = [d["id"] for d in devices]
        self.index = {d: i for i, d in enumerate(self.ids)}
        self.meta = {
            k: np.array([d[k] for d in devices], dtype=object) for k in ("scenario", "type", "compound", "status")
        }
        self.base = np.zeros(len(self.ids), dtype=np.uint8)  # each tile's colour from its device's status
        self.alarmed: dict[int, dict[int, int]] = {}  # tile -> {alarm id: colour} of its annunciated alarms
        self.alarm_tile: dict[int, int] = {}  # alarm id -> tile, to find the tile when the alarm goes
        blocks: dict[str, list[int]] = {}
        names: dict[str, str] = {}
        for i, d in enumerate(devices):
            blocks.setdefault(d["compound"], []).append(i)
            names.setdefault(d["compound"], d.get("compound_name") or d["compound"])
        self.wall.set_blocks(list(blocks.values()), [names[c] for c in blocks])
        self.compound_names = names
        self.wall.names = [f"{d['id']} · {d['compound_name']} {d['building']} {d['floor']}" for d in devices]
        self._build_filters()
        for i, d in enumerate(devices):
            self.base[i] = STATE.get(d["status"], 0)
        self._show(list(range(len(self.ids))))
        self.follow_alarms(None)

    def _build_filters(self) -> None:
        if not self.show_filters:
            return
        while self.filter_row.count():
            item = self.filter_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.filters = {}
        for key, title in (
            ("scenario", tr("Sensors", "Scenario")),
            ("type", tr("Sensors", "Type")),
            ("compound", tr("Sensors", "Compound")),
            ("status", tr("Sensors", "Status")),
        ):
            box = QComboBox()
            box.addItem(tr("Sensors", "All: {what}").format(what=title), None)
            for value in sorted(set(self.meta[key]) | ({*STATE} if key == "status" else set())):
                box.addItem(self._value_name(key, value), value)
            box.currentIndexChanged.connect(self.apply_filters)
            self.filters[key] = box
            self.filter_row.addWidget(box)
        self.filter_row.addStretch(1)

    def _value_name(self, key: str, value: str) -> str:
        """A filter's choice by name: scenario and status in the desk's language, a device type and a compound
        by their (Chinese) names, never the code."""
        if key == "scenario":
            return scenario_name(value)
        if key == "status":
            return device_status_name(value)
        if key == "type":
            return type_name(value)
        return self.compound_names.get(value, str(value))

    def follow_devices(self, changed: dict | None) -> None:
        """Only the tiles whose devices changed (all of them after a resync): thousands a second stay cheap."""
        if changed is None or any(r is None or r["id"] not in self.index for r in changed.values()):
            self.rebuild()  # devices came or went: a new wall
            return
        tiles = []
        for record in changed.values():
            i = self.index[record["id"]]
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
        """The tiles' colours; only those that change reach the wall (a reading changes its device's record, not
        its tile: thousands a second would redraw the wall at its full rate, and an alarm then waited for the
        next of those frames instead of being drawn at once)."""
        if tiles:
            at = np.asarray(tiles, dtype=np.intp)
            worst = np.array([max(self.alarmed.get(i, {}).values(), default=0) for i in tiles], dtype=np.uint8)
            states = np.maximum(self.base[at], worst)
            changed = states != self.wall.states[at]
            if changed.any():
                self.wall.set_states(at[changed], states[changed])
        if not self.counts_timer.isActive():
            self.counts_timer.start(1000 if self.totals.text() else 0)

    def show_counts(self) -> None:
        """Each compound's devices, those in alarm and those offline; the totals above the wall."""
        total = np.bincount(self.wall.block_of, minlength=len(self.wall.blocks))
        alarm, offline = self.wall.counts(IN_ALARM), self.wall.counts((STATE["offline"],))
        off_duty = int(self.wall.counts((STATE["out_of_service"],)).sum())
        self.wall.set_details([compound_detail(n, a, o) for n, a, o in zip(total, alarm, offline, strict=True)])
        self.totals.setText(
            tr("Sensors", "{n} devices in {c} compounds · {a} in alarm · {o} offline · {s} out of service").format(
                n=f"{len(self.ids):,}", c=len(self.wall.blocks), a=int(alarm.sum()), o=int(offline.sum()), s=off_duty
            )
        )

    def apply_filters(self) -> None:
        keep = np.ones(len(self.ids), dtype=bool)
        for key, box in self.filters.items():
            if box.currentData() is not None:
                keep &= self.meta[key] == box.currentData()
        self.wall.set_dim(~keep)

    def show_device(self, index: int) -> None:
        self.device.show(self.ids[index])


class WallScreen(DeviceWall):
    """The big-screen version: every tile, no filters, no device panel (the wall is read-only)."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, filters=False, panel=False)
