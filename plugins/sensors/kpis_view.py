"""Key figures: the desk's unit's in cards (the district's on a district desk), then one table per scenario for that
unit and one per compound it sees (sortable, filterable), from the ``sensors.kpis`` collection the daemon keeps and
cuts to the desk's unit; the view picks its own unit's records from what it gets.  The alarm figures are those on the
district's list (life safety, escalated), with the property companies' in a count of their own.  ISA-101: a row is
grey unless something in it needs the district — its unacknowledged alarms (a marker of their highest priority,
waiting, saying how many) or a tenth of its devices offline (the stale marker, saying what share) — and only such a
row has a marker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from citybrain.plugins.sensors.names import scenario_name
from citybrain.shell.api import Column, DeskContext, tr
from citybrain.widgets import DataTable, KpiCard
from citybrain.widgets.palette import Marker

KPIS = "sensors.kpis"
OFFLINE_LIMIT = 10.0  # percent of a row's devices offline that marks it (the field's usual 1-3%: a power cut, a
# gateway down); fewer are the maintenance list's work, not the district's


def marker(record: dict) -> Marker | None:
    """The district's alarms waiting for an acknowledgement (their highest priority, waiting), else too many
    devices offline (stale); a normal row: None."""
    if record.get("unacked") and record.get("waiting"):
        return Marker(record["waiting"], "waiting", tr("Sensors", "{n} unacknowledged").format(n=record["unacked"]))
    if (record.get("offline_pct") or 0) >= OFFLINE_LIMIT:
        return Marker("stale", "steady", tr("Sensors", "{pct:g}% offline").format(pct=record["offline_pct"]))
    return None


class KpisView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cards = {
            key: KpiCard(title)
            for key, title in (
                ("devices", tr("Sensors", "Devices")),
                ("online", tr("Sensors", "Online")),
                ("alarms", tr("Sensors", "District alarms")),
                ("raised", tr("Sensors", "District alarms in 24 h")),
                ("health", tr("Sensors", "Need maintenance")),
            )
        }
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        self.tables = {}
        split = QSplitter(Qt.Orientation.Vertical)
        for by, first in (("scenario", tr("Sensors", "Scenario")), ("compound", tr("Sensors", "Compound"))):
            figures = [
                ("devices", tr("Sensors", "Devices")),
                ("online_pct", tr("Sensors", "Online %")),
                ("offline", tr("Sensors", "Offline")),
                ("fault", tr("Sensors", "Faulty")),
                ("low_battery", tr("Sensors", "Low battery")),
                ("in_alarm", tr("Sensors", "District alarms")),
                ("unacked", tr("Sensors", "Unacknowledged")),
                ("property", tr("Sensors", "With property companies")),
                ("raised_24h", tr("Sensors", "District alarms 24 h")),
            ]
            name = Column("key", first, format=scenario_name) if by == "scenario" else Column("name", first)
            model = ctx.model(KPIS, [name, *(Column(f, title) for f, title in figures)], severity=marker)
            table = DataTable(  # the name takes the room: each figure stays under its own header, by its name
                model,
                sort_column=7,
                order=Qt.SortOrder.DescendingOrder,
                filter_placeholder=tr("Sensors", "Search…"),
                stretch=0,
            )
            self.tables[by] = table
            split.addWidget(table)
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addWidget(split, 1)
        self.unit: str | None = "?"  # the unit whose figures are shown: none yet
        ctx.on_change(KPIS, self.show_district)
        ctx.on_change("org.units", self.show_district)
        ctx.on_operator(self.show_district)
        self.show_district()

    def show_district(self, *_: object) -> None:
        """The cards and the scenario table for the desk's own unit (another after the admin moved the operator)."""
        unit = self.ctx.unit
        if unit != self.unit:
            self.unit = unit
            self.tables["scenario"].set_predicate(lambda r: r["by"] == "scenario" and r["unit"] == unit)
            self.tables["compound"].set_predicate(lambda r: r["by"] == "compound")
        d = self.ctx.record(KPIS, f"total@{unit or ''}")
        if d is None:
            return
        self.cards["devices"].set_value(f"{d['devices']:,}")
        self.cards["online"].set_value(
            f"{d['online_pct'] if d['online_pct'] is not None else '—'}%",
            tr("Sensors", "{n:,} online").format(n=d["online"]),
            abnormal=(d["offline_pct"] or 0) >= OFFLINE_LIMIT,
        )
        self.cards["alarms"].set_value(
            f"{d['in_alarm']:,}",
            tr("Sensors", "{n} not acknowledged · {p} with property companies").format(n=d["unacked"], p=d["property"]),
            abnormal=d["unacked"] > 0,
        )
        self.cards["raised"].set_value(f"{d['raised_24h']:,}")
        self.cards["health"].set_value(
            f"{d['offline'] + d['fault'] + d['low_battery']:,}",
            tr("Sensors", "{off} offline · {fault} faulty · {low} low battery").format(
                off=d["offline"], fault=d["fault"], low=d["low_battery"]
            ),
        )

    def save_settings(self) -> dict:
        return {by: table.save_settings() for by, table in self.tables.items()}

    def restore_settings(self, settings: dict) -> None:
        for by, table in self.tables.items():
            if isinstance(settings.get(by), dict):
                table.restore_settings(settings[by])
