"""The escalation board for the wall: open cases waiting at each level, and those overdue."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from citybrain.plugins.cases.case_table import ticking
from citybrain.plugins.cases.display import DEADLINE, OPEN, UNITS, Names, case_columns, overdue, severity
from citybrain.shell.api import CollectionTableModel, DeskContext, tr
from citybrain.widgets import DataTable, KpiCard


class BoardView(QWidget):
    """The escalation board for the wall: how many open cases wait at each level, and the ones overdue."""

    LEVELS = ("property_company", "grid", "committee", "subdistrict", "district", "department")

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.names = Names(ctx, self)
        titles = {
            "property_company": tr("Cases", "Property companies"),
            "grid": tr("Cases", "Grids"),
            "committee": tr("Cases", "Committees"),
            "subdistrict": tr("Cases", "Subdistricts"),
            "district": tr("Cases", "District"),
            "department": tr("Cases", "Departments"),
        }
        self.cards = {level: KpiCard(titles[level]) for level in self.LEVELS}
        self.cards["overdue"] = KpiCard(tr("Cases", "Overdue now"))
        grid = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        self.overdue = CollectionTableModel(case_columns(self.names), severity=severity)
        table = DataTable(self.overdue, sort_column=DEADLINE)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(QLabel(tr("Cases", "Overdue and escalated cases")))
        layout.addWidget(table, 1)
        ctx.on_change(OPEN, self.refresh)
        ctx.on_change(UNITS, self.refresh)  # after Names: levels are the owners' kinds
        timer = QTimer(self)  # deadlines pass without any change arriving
        timer.timeout.connect(self.refresh)
        timer.start(15_000)
        ticking(self, table.view)
        self.refresh()

    def refresh(self) -> None:
        cases = self.ctx.records(OPEN)
        kinds = [self.names.units.get(c.get("owner") or "", {}).get("kind") for c in cases]
        late = {c["id"]: c for c in cases if overdue(c) or c.get("escalations")}
        for level in self.LEVELS:
            escalated = sum(1 for c, k in zip(cases, kinds, strict=True) if k == level and c.get("escalations"))
            self.cards[level].set_value(str(kinds.count(level)), tr("Cases", "{n} escalated here").format(n=escalated))
        missed = sum(1 for c in late.values() if overdue(c))
        self.cards["overdue"].set_value(str(missed), abnormal=missed > 0)
        self.overdue.reset(late)
