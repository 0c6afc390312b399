"""The case map: open cases on the district map, coloured and shaped by state and age."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from citybrain.core.geo import Feature
from citybrain.plugins.cases.display import (
    BOUNDARIES,
    GRIDS,
    OPEN,
    STATE_SYMBOL,
    UNITS,
    Names,
    due_text,
    map_severity,
    state_name,
)
from citybrain.shell.api import DeskContext, tr
from citybrain.widgets import MapPoint, MapView


class CaseMapView(QWidget):
    """Open cases on the district map (colour by age, shape by state), boundaries, subdistricts, and the legend;
    the map redraws every 30 s as deadlines come near, not only when cases change.

    No density layer: at a district's few dozen open cases a 48-bin histogram is one orange square beside each
    case (a stray square that reads as "being worked" in a colour that means "urgent"), not a density.  On the
    wall the layer switches are hidden (a wall is not clicked); the legend stays."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.names = Names(ctx, self)
        self.map = MapView()
        self.info = QLabel(tr("Cases", "Click a case on the map"))
        self.info.setWordWrap(True)
        self.info.setProperty("deskOnly", True)  # the wall is not clicked: it shows no invitation to
        self.map.layer_list.setProperty("deskOnly", True)  # nor switches for its layers
        self.map.set_legend(
            [
                ("o", "urgent", tr("Cases", "Overdue")),
                ("o", "high", tr("Cases", "Urgent, not accepted")),
                ("o", "medium", tr("Cases", "Escalated or due within 15 minutes")),
                ("o", None, tr("Cases", "On time")),
                ("o", None, tr("Cases", "Circle: new or dispatched")),
                ("s", None, tr("Cases", "Square: being worked")),
                ("d", None, tr("Cases", "Diamond: resolved, to verify")),
                ("ring", None, tr("Cases", "Marks in a ring: several cases at one place")),
                ("+", None, tr("Cases", "Subdistrict office")),
                ("area", None, tr("Cases", "Grid (dashed outline)")),
            ]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.map, 1)
        layout.addWidget(self.info)
        self.map.object_clicked.connect(self._clicked)
        self._fitted = False
        ages = QTimer(self)
        ages.timeout.connect(self.draw_cases)
        ages.start(30_000)
        ctx.on_change(BOUNDARIES, self.draw_boundaries)
        ctx.on_change(GRIDS, self.draw_grids)
        ctx.on_change(UNITS, self.draw_units)
        ctx.on_change(OPEN, self.draw_cases)
        self.draw_boundaries()
        self.draw_grids()
        self.draw_units()
        self.draw_cases()

    def draw_boundaries(self) -> None:
        features = [
            Feature(b["id"], {"name": b["name"]}, [[tuple(p) for p in ring] for ring in b["rings"]])
            for b in self.ctx.records(BOUNDARIES)
        ]
        self.map.set_polygons("boundaries", tr("Cases", "District boundaries"), features, label_property="name")

    def draw_grids(self) -> None:
        """Grids: dashed, unlabelled (two hundred names would bury the cases); a click names one."""
        features = [
            Feature(g["code"], {"name": g["name"]}, [[tuple(p) for p in ring] for ring in g["rings"]])
            for g in self.ctx.records(GRIDS)
        ]
        self.map.set_polygons("grids", tr("Cases", "Grids"), features, dashed=True)

    def draw_units(self) -> None:
        units = [u for u in self.names.units.values() if u["kind"] == "subdistrict" and u.get("lat") is not None]
        self.map.set_points(
            "subdistricts",
            tr("Cases", "Subdistricts"),
            [MapPoint(u["code"], u["lon"], u["lat"], u["name"], symbol="+") for u in units],
            labels=True,
        )
        located = [u for u in self.names.units.values() if u.get("lat") is not None]
        if located and not self._fitted:
            self._fitted = True
            lons, lats = [u["lon"] for u in located], [u["lat"] for u in located]
            self.map.fit((min(lons), min(lats), max(lons), max(lats)), margin=0.15)

    def draw_cases(self) -> None:
        cases = [c for c in self.ctx.records(OPEN) if c.get("lat") is not None]
        points = []
        for c in cases:  # colour by age (overdue, escalated, due soon), shape by state: never colour alone
            points.append(
                MapPoint(
                    str(c["id"]),
                    c["lon"],
                    c["lat"],
                    f"#{c['id']} {c['title']} · {state_name(c['state'])}",
                    map_severity(c),
                    STATE_SYMBOL.get(c["state"], "o"),
                )
            )
        self.map.set_points("cases", tr("Cases", "Open cases"), points, spread=True)  # several at one place: a ring

    def _clicked(self, layer: str, object_id: str) -> None:
        if layer == "cases":
            case = self.ctx.record(OPEN, int(object_id))
            if case:
                self.info.setText(
                    f"#{case['id']} {case['title']} · {state_name(case['state'])} · "
                    f"{self.names.unit(case['owner'] or '')} · {due_text(case['due_at']) if case['due_at'] else ''}"
                )
        else:
            self.info.setText(self.map.describe(layer, object_id))

    def save_settings(self) -> dict:
        return {"layers": self.map.layers()}

    def restore_settings(self, settings: dict) -> None:
        for layer, visible in (settings.get("layers") or {}).items():
            if layer in self.map.layers():
                self.map.set_layer_visible(layer, bool(visible))
