"""The month's patrols on the district map: paths as grey lines through their points, problems found grey once
handled, in colour only while open; subdistricts labelled; a legend.  Read with one query when opened and again when
problems change."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from citybrain.plugins.patrols.names import problem_state_name
from citybrain.shell.api import DeskContext, RequestError, tr
from citybrain.widgets import MapPoint, MapView

PROBLEMS, UNITS = "patrols.problems", "org.units"


class PatrolMapView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.map = MapView()
        self.map.layer_list.setProperty("deskOnly", True)
        self.map.set_legend(
            [
                ("_", None, tr("Patrols", "Patrol path (last 30 days)")),
                ("t", "medium", tr("Patrols", "Problem found, open")),
                ("s", None, tr("Patrols", "Problem found, handled")),
                ("+", None, tr("Patrols", "Subdistrict office")),
            ]
        )
        self.info = QLabel(tr("Patrols", "Reading the month's patrols…"))
        self.info.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.map, 1)
        layout.addWidget(self.info)
        self.map.object_clicked.connect(lambda layer, obj: self.info.setText(self.map.describe(layer, obj)))
        self._fitted = False
        self._reading: asyncio.Future | None = None
        ctx.on_change(UNITS, self.draw_units)
        ctx.on_change(PROBLEMS, self.reload)
        self.draw_units()
        self.reload()

    def draw_units(self) -> None:
        units = [u for u in self.ctx.records(UNITS) if u["kind"] == "subdistrict" and u.get("lat") is not None]
        self.map.set_points(
            "subdistricts",
            tr("Patrols", "Subdistricts"),
            [MapPoint(u["code"], u["lon"], u["lat"], u["name"], symbol="+") for u in units],
            labels=True,
        )
        if units and not self._fitted:
            self._fitted = True
            lons, lats = [u["lon"] for u in units], [u["lat"] for u in units]
            self.map.fit((min(lons), min(lats), max(lons), max(lats)), margin=0.25)

    def reload(self) -> None:
        if self._reading is None or self._reading.done():
            self._reading = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        try:
            month = await self.ctx.query("patrols.map", {})
        except RequestError as exc:
            self.info.setText(tr("Patrols", "The month's patrols could not be read: {why}").format(why=exc.message))
            return
        self.draw(month)

    def draw(self, month: dict) -> None:
        self.map.set_lines(
            "paths",
            tr("Patrols", "Patrol paths"),
            [[(lon, lat) for lon, lat, *_ in p["path"]] for p in month["patrols"]],
        )
        problems = [
            MapPoint(
                str(p["id"]),
                p["lon"],
                p["lat"],
                f"{p['title']} · {problem_state_name(p['state'])}",
                "medium" if p["state"] == "open" else None,
                "t" if p["state"] == "open" else "s",
            )
            for p in month["problems"]
        ]
        self.map.set_points("problems", tr("Patrols", "Problems found"), problems, scale=0.6)
        opened = sum(p["state"] == "open" for p in month["problems"])
        self.info.setText(
            tr(
                "Patrols",
                "Last 30 days: {patrols} patrols with path points, {problems} problems found, {open} still open",
            ).format(patrols=len(month["patrols"]), problems=len(month["problems"]), open=opened)
        )

    def save_settings(self) -> dict:
        return {"layers": self.map.layers()}

    def restore_settings(self, settings: dict) -> None:
        for layer, visible in (settings.get("layers") or {}).items():
            if layer in self.map.layers():
                self.map.set_layer_visible(layer, bool(visible))
