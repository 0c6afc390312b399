"""Key figures: the district's in cards, then one table per scenario and one per compound (sortable, filterable),
from the ``sensors.kpis`` collection the daemon keeps; colour only where something waits (alarms not
acknowledged, a tenth of the devices not online)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from citybrain.shell.api import Column, DeskContext
from citybrain.shell.i18n import tr
from citybrain.widgets.data_table import DataTable
from citybrain.widgets.kpi_card import KpiCard

KPIS = "sensors.kpis"
ONLINE_TARGET = 90.0  # percent: fewer online than this is shown


def _severity(record: dict) -> str | None:
    if record["unacked"]:
        return "high"
    if record["online_pct"] is not None and record["online_pct"] < ONLINE_TARGET:
        return "medium"
    return None


class KpisView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cards = {key: KpiCard(title) for key, title in (
            ("devices", tr("Sensors", "Devices")), ("online", tr("Sensors", "Online")),
            ("alarms", tr("Sensors", "In alarm")), ("raised", tr("Sensors", "Alarms in 24 h")),
            ("health", tr("Sensors", "Need maintenance")))}
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        self.tables = {}
        split = QSplitter(Qt.Orientation.Vertical)
        for by, first in (("scenario", tr("Sensors", "Scenario")), ("compound", tr("Sensors", "Compound"))):
            figures = [("devices", tr("Sensors", "Devices")), ("online_pct", tr("Sensors", "Online %")),
                       ("offline", tr("Sensors", "Offline")), ("fault", tr("Sensors", "Faulty")),
                       ("low_battery", tr("Sensors", "Low battery")), ("in_alarm", tr("Sensors", "In alarm")),
                       ("unacked", tr("Sensors", "Unacknowledged")), ("raised_24h", tr("Sensors", "Raised 24 h"))]
            model = ctx.model(KPIS, [Column("name", first), *(Column(f, title) for f, title in figures)],
                              severity=_severity)
            table = DataTable(model, sort_column=8, order=Qt.SortOrder.DescendingOrder,
                              filter_placeholder=tr("Sensors", "Search…"))
            table.set_predicate(lambda r, by=by: r["by"] == by)
            self.tables[by] = table
            split.addWidget(table)
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addWidget(split, 1)
        ctx.on_change(KPIS, self.show_district)
        self.show_district()

    def show_district(self) -> None:
        d = self.ctx.record(KPIS, "district")
        if d is None:
            return
        self.cards["devices"].set_value(f"{d['devices']:,}")
        self.cards["online"].set_value(f"{d['online_pct'] if d['online_pct'] is not None else '—'}%",
                                       tr("Sensors", "{n:,} online").format(n=d["online"]),
                                       abnormal=(d["online_pct"] or 0) < ONLINE_TARGET)
        self.cards["alarms"].set_value(f"{d['in_alarm']:,}", tr("Sensors", "{n} not acknowledged").format(
            n=d["unacked"]), abnormal=d["unacked"] > 0)
        self.cards["raised"].set_value(f"{d['raised_24h']:,}")
        self.cards["health"].set_value(f"{d['offline'] + d['fault'] + d['low_battery']:,}", tr(
            "Sensors", "{off} offline · {fault} faulty · {low} low battery").format(
            off=d["offline"], fault=d["fault"], low=d["low_battery"]))

    def save_settings(self) -> dict:
        return {by: table.save_settings() for by, table in self.tables.items()}

    def restore_settings(self, settings: dict) -> None:
        for by, table in self.tables.items():
            if isinstance(settings.get(by), dict):
                table.restore_settings(settings[by])
