"""Seekers and openings by subdistrict on the video wall: counts only, no names (``jobs.subdistricts``, an aggregate
cut to the wall session's unit).  Grey when normal; a subdistrict where at least half the looking seekers have no
open vacancy inside their circle gets a marker (ISA-101: colour and shape only for what needs attention)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHeaderView, QLabel, QWidget

from citybrain.plugins.jobs.circle import SUBDISTRICTS
from citybrain.plugins.people.words import unit_name
from citybrain.shell.api import CollectionTableModel, Column, DeskContext, RequestError, tr
from citybrain.widgets import DataTable, KpiCard, ViewTasks, refusal_text
from citybrain.widgets.palette import Marker

RETRY_MS, REFRESH_MS = 5_000, 60_000
ATTENTION_SHARE = 0.5  # a subdistrict is marked when this share of its seekers (or more) has no opening in reach
ATTENTION = "medium"  # look soon: many people there cannot walk to any opening


def needs_attention(row: dict) -> bool:
    return row["unreached"] > 0 and row["unreached"] >= ATTENTION_SHARE * row["seekers"]


def attention(row: dict) -> Marker | None:
    return Marker(ATTENTION, "steady", tr("Jobs", "no opening in reach")) if needs_attention(row) else None


def number(n: int) -> str:
    return f"{n:,}"


class JobsWall(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx, self.tasks = ctx, ViewTasks(self)
        self.seekers = KpiCard(tr("Jobs", "Seekers looking"))
        self.openings = KpiCard(tr("Jobs", "Openings left"))
        self.unreached = KpiCard(tr("Jobs", "Seekers with no opening within reach"))
        self.model = CollectionTableModel(
            [
                Column("name", tr("Jobs", "Subdistrict")),
                Column("seekers", tr("Jobs", "Seekers looking"), format=number),
                Column("vacancies", tr("Jobs", "Open vacancies"), format=number),
                Column("openings", tr("Jobs", "Openings left"), format=number),
                Column("unreached", tr("Jobs", "No opening within reach"), format=number),
            ],
            severity=attention,
        )
        self.table = DataTable(self.model, sort_column=4, order=Qt.SortOrder.DescendingOrder)  # out of reach first
        self.table.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # read across a wall
        self.table.set_empty_text(tr("Jobs", "No seekers and no open vacancies yet."))
        self.message = QLabel()
        self.rows: list[dict] = []
        grid = QGridLayout(self)
        for n, card in enumerate((self.seekers, self.openings, self.unreached)):
            grid.addWidget(card, 0, n)
        grid.addWidget(self.table, 1, 0, 1, 3)
        grid.addWidget(self.message, 2, 0, 1, 3)
        grid.setRowStretch(1, 1)
        self.reload = QTimer(self)
        self.reload.timeout.connect(lambda: self.tasks.start(self.load()))
        self.reload.start(RETRY_MS)
        self.tasks.start(self.load())

    async def load(self) -> None:
        """Every minute once the figures came, every few seconds until then (a wall PC starts before its feed is
        live); a refusal shows only until the next answer."""
        try:
            rows = await self.ctx.query(SUBDISTRICTS)
        except RequestError as exc:
            self.message.setText(refusal_text(exc))
            self.reload.setInterval(RETRY_MS)
            return
        self.message.clear()
        self.reload.setInterval(REFRESH_MS)
        self.show_rows(rows)

    def show_rows(self, rows: list[dict]) -> None:
        self.rows = rows
        self.model.reset({r["subdistrict"]: {**r, "name": unit_name(self.ctx, r["subdistrict"])} for r in rows})
        flagged = sum(needs_attention(r) for r in rows)
        self.seekers.set_value(number(sum(r["seekers"] for r in rows)))
        self.openings.set_value(
            number(sum(r["openings"] for r in rows)),
            tr("Jobs", "in {n} open vacancies").format(n=number(sum(r["vacancies"] for r in rows))),
        )
        self.unreached.set_value(
            number(sum(r["unreached"] for r in rows)),
            marker=Marker(ATTENTION, "steady", tr("Jobs", "Subdistricts to look at: {n}").format(n=flagged))
            if flagged
            else None,
        )
