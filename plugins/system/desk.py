"""System plugin, desk half: the daemon's health, desks, plugins and audit tail at a glance."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from citybrain.shell.api import Column, DeskContext, ViewSpec, hookimpl
from citybrain.shell.i18n import tr
from citybrain.widgets.collection_model import CollectionTableModel
from citybrain.widgets.kpi_card import KpiCard
from citybrain.widgets.sparkline import Sparkline

HEALTH, DESKS, PLUGINS, AUDIT = "system.health", "system.desks", "system.plugins", "system.audit"


def _uptime(seconds: float) -> str:
    s = int(seconds)
    d, s = divmod(s, 86400)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return f"{d}d {h:02d}:{m:02d}:{s:02d}" if d else f"{h:02d}:{m:02d}:{s:02d}"


def _table(model: CollectionTableModel, sort_column: int | None = None,
           order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    if sort_column is not None:
        view.sortByColumn(sort_column, order)
    return view


class SystemView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        cards = QGridLayout()
        self.cards = {key: KpiCard(title) for key, title in [
            ("uptime", tr("System", "Daemon uptime")), ("seq", tr("System", "Sequence")),
            ("rate", tr("System", "Updates per second")), ("desks", tr("System", "Desks connected")),
            ("commands", tr("System", "Commands ok / refused")), ("dropped", tr("System", "Frames dropped")),
        ]}
        for i, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, i)
        self.sparkline = Sparkline()
        self.cards["rate"].extra_layout.addWidget(self.sparkline)
        layout.addLayout(cards)
        self.header = QLabel()
        self.header.setObjectName("kpiDetail")
        layout.addWidget(self.header)

        tabs = QTabWidget()
        self.desks = ctx.model(DESKS, [Column("desk", tr("System", "Desk")), Column("operator", tr("System", "Operator")),
                                       Column("role", tr("System", "Role")),
                                       Column("connected_since", tr("System", "Connected since")),
                                       Column("last_seen", tr("System", "Last seen"))])
        plugin_columns = [Column("side", tr("System", "Side")), Column("name", tr("System", "Plugin")),
                          Column("state", tr("System", "State")), Column("version", tr("System", "Version")),
                          Column("where", tr("System", "Failed in")), Column("error", tr("System", "Error"))]
        failed = lambda r: None if r.get("state") == "loaded" else "urgent"  # noqa: E731
        self.plugins = ctx.model(PLUGINS, plugin_columns, severity=failed)
        self.local_plugins = CollectionTableModel(plugin_columns, severity=failed)
        self.local_plugins.reset({p["name"]: p for p in ctx.plugin_states()})
        self.audit = ctx.model(AUDIT, [Column("at", tr("System", "Time")), Column("operator", tr("System", "Operator")),
                                       Column("desk", tr("System", "Desk")), Column("command", tr("System", "Command")),
                                       Column("result", tr("System", "Result")),
                                       Column("error_code", tr("System", "Error")),
                                       Column("detail", tr("System", "Detail"))],
                               severity=lambda r: "high" if r.get("result") == "error" else None)
        tabs.addTab(_table(self.audit, 0, Qt.SortOrder.DescendingOrder), tr("System", "Audit log"))
        tabs.addTab(_table(self.desks, 0), tr("System", "Desks"))
        plugins = QWidget()
        plugins_layout = QVBoxLayout(plugins)
        plugins_layout.addWidget(QLabel(tr("System", "Daemon")))
        plugins_layout.addWidget(_table(self.plugins, 1))
        plugins_layout.addWidget(QLabel(tr("System", "This desk")))
        plugins_layout.addWidget(_table(self.local_plugins, 1))
        tabs.addTab(plugins, tr("System", "Plugins"))
        layout.addWidget(tabs, 1)
        ctx.on_change(HEALTH, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        health = self.ctx.record(HEALTH, "daemon")
        if health is None:
            return
        self.cards["uptime"].set_value(_uptime(health["uptime_s"]), tr("System", "since {t}").format(t=health["started_at"]))
        self.cards["seq"].set_value(f"{health['seq']:,}", tr("System", "epoch {e}").format(e=health["epoch"]))
        self.cards["rate"].set_value(f"{health['update_rate']:,.1f}")
        self.sparkline.append(health["update_rate"])
        self.cards["desks"].set_value(str(health["desks_connected"]))
        self.cards["commands"].set_value(f"{health['commands_ok']:,} / {health['commands_failed']:,}",
                                         tr("System", "{q:,} queries").format(q=health["queries"]))
        dropped = health["dropped"]
        self.cards["dropped"].set_value(f"{health['dropped_total']:,}",
                                        ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())),
                                        abnormal=health["dropped_total"] > 0)
        self.header.setText(tr("System", "{name} · database {db} · {n:,} live records in {c} collections").format(
            name=health["name"], db=health["database"], n=health["records"], c=health["collections"]))


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("system.health", tr("System", "System"), SystemView, placement="desk",
                     collections=(HEALTH, DESKS, PLUGINS, AUDIT))]
