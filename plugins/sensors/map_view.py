"""The device layer on the district map: each compound where its devices are, named and marked by its worst
annunciated alarm; the devices themselves that are in alarm or offline, as points; the district's boundaries beneath."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from citybrain.shell.api import DeskContext, tr

DEVICES, ALARMS, BOUNDARIES = "sensors.devices", "sensors.alarms", "cases.boundaries"
RANK = {"low": 1, "medium": 2, "high": 3, "urgent": 4}
ANNUNCIATED = ("unack", "ack", "rtn_unack", "latched")


class SensorMapView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        from citybrain.widgets import MapView  # pyqtgraph is imported when the view opens, not at start

        self.ctx = ctx
        self.compounds: list = []  # the compounds' points last drawn
        self.fitted = False
        self.map = MapView()
        self.map.layer_list.setProperty("deskOnly", True)  # on a wall nobody switches layers (as the case map)
        self.map.set_legend(
            [
                ("s", None, tr("Sensors", "Compound, no alarm")),
                ("s", "high", tr("Sensors", "Compound: colour of its worst alarm")),
                ("o", "urgent", tr("Sensors", "Device in alarm: colour of its priority")),
                ("ring", None, tr("Sensors", "Marks in a ring: several devices in alarm at one place")),
                ("x", "stale", tr("Sensors", "Offline device")),
            ]
        )  # as on the wall: stale
        layout = QVBoxLayout(self)
        layout.addWidget(self.map)
        for collection in (DEVICES, ALARMS, BOUNDARIES):
            ctx.on_change(collection, self.draw)
        self.draw()

    def draw(self) -> None:
        from citybrain.core.geo import Feature
        from citybrain.widgets import MapPoint

        boundaries = [
            Feature(b["id"], {"name": b["name"]}, [[tuple(p) for p in ring] for ring in b["rings"]])
            for b in self.ctx.records(BOUNDARIES)
        ]
        self.map.set_polygons("boundaries", tr("Sensors", "District"), boundaries, label_property="name")
        devices = {d["id"]: d for d in self.ctx.records(DEVICES)}
        worst: dict[str, str] = {}
        alarmed = []
        for alarm in self.ctx.records(ALARMS):
            device = devices.get(alarm["device"])
            if device is None or alarm["state"] not in ANNUNCIATED:
                continue
            alarmed.append(MapPoint(device["id"], device["lon"], device["lat"], device["id"], alarm["priority"]))
            if RANK[alarm["priority"]] > RANK.get(worst.get(device["compound"], ""), 0):
                worst[device["compound"]] = alarm["priority"]
        places: dict[str, list[dict]] = {}
        for device in devices.values():
            places.setdefault(device["compound"], []).append(device)
        compounds = [
            MapPoint(
                code,
                sum(d["lon"] for d in ds) / len(ds),
                sum(d["lat"] for d in ds) / len(ds),
                f"{ds[0]['compound_name']} ({len(ds)})",
                worst.get(code),
                symbol="s",
            )
            for code, ds in places.items()
        ]
        offline = [
            MapPoint(d["id"], d["lon"], d["lat"], d["id"], "stale", symbol="x")
            for d in devices.values()
            if d["status"] == "offline"
        ]
        if compounds != self.compounds:  # named on the map: laid out again only when a compound's mark changes
            self.compounds = compounds
            self.map.set_points("compounds", tr("Sensors", "Compounds"), compounds, scale=1.0, labels=True)
        self.map.set_points("offline", tr("Sensors", "Offline devices"), offline, scale=0.4)
        self.map.set_points("alarms", tr("Sensors", "Devices in alarm"), alarmed, scale=0.6, spread=True)
        if compounds and not self.fitted:  # once: a new alarm does not undo the operator's zoom
            self.fitted = True
            lons, lats = [p.lon for p in compounds], [p.lat for p in compounds]
            self.map.fit((min(lons), min(lats), max(lons), max(lats)), margin=0.1)
