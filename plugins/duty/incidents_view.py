"""Open incidents with their reporting clocks counting down, and what to do with them (the ringing is in alerts)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from citybrain.core.times import local_time as local
from citybrain.plugins.duty.incident_actions import IncidentActions, report_name
from citybrain.shell.api import Column, DeskContext, RequestError, ViewAction, tr
from citybrain.shell.names import span_text
from citybrain.widgets import DataTable, HintList, ViewTasks
from citybrain.widgets.palette import Marker

INCIDENTS = "duty.incidents"


CLOCK_KINDS = ("phone", "written", "follow_up", "final")


def _clock_of(kind: str, clocks: dict) -> str:
    return clock_text(clocks.get(kind))


def clock_text(clock: dict | None) -> str:
    """A reporting clock as a duty officer reads it: done, or the time left (overdue when negative)."""
    if not clock:
        return "—"
    if clock["state"] == "done":
        return tr("Duty", "reported")
    left = int((datetime.fromisoformat(clock["due"]) - datetime.now().astimezone()).total_seconds() // 60)
    return (
        tr("Duty", "{t} left").format(t=span_text(left))
        if left >= 0
        else tr("Duty", "OVERDUE {t}").format(t=span_text(-left))
    )


def incident_severity(record: dict) -> Marker | None:
    """A report past its clock needs someone now; one due soon, shortly."""
    states = {c["state"] for c in record.get("clocks", {}).values()}
    if "overdue" in states:
        return Marker("urgent", "waiting", tr("Duty", "report overdue"))
    return Marker("medium", "steady", tr("Duty", "report due soon")) if "warning" in states else None


class IncidentsView(QWidget):
    """Open incidents with their reporting clocks counting down; the actions under them unless on the wall."""

    def __init__(self, ctx: DeskContext, actions: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        columns = [
            Column("id", tr("Duty", "No.")),
            Column("type", tr("Duty", "Incident")),
            Column("level", tr("Duty", "Level")),
            Column("address", tr("Duty", "Where")),
        ]
        columns += [Column("clocks", report_name(k), format=partial(_clock_of, k)) for k in CLOCK_KINDS]
        self.model = ctx.model(INCIDENTS, columns, severity=incident_severity)
        self.table = DataTable(self.model, sort_column=0, order=Qt.SortOrder.DescendingOrder)
        layout = QVBoxLayout(self)
        self.incident_actions = IncidentActions(ctx, self.selected) if actions else None
        self.reports = HintList(tr("Duty", "Select an incident to see the reports sent for it"))
        self.tasks = ViewTasks(self)
        if self.incident_actions is None:  # the wall shows the clocks only
            layout.addWidget(self.table)
        else:
            split = QSplitter(Qt.Orientation.Vertical)  # the clocks take the pane's whole width: beside the
            split.addWidget(self.table)  # reports, a desk pane squeezed them to "剩余 3 … 58 …"
            split.addWidget(self.reports)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 1)
            layout.addWidget(split, 1)
            layout.addWidget(self.incident_actions)
            layout.addWidget(self.incident_actions.commands.message)
            for desk_only in (
                self.incident_actions,
                self.reports,
            ):  # a wall page shows the clocks: nothing to click or choose
                desk_only.setProperty("deskOnly", True)
            self.incident_actions.home = self.table.view
            self.table.view.selectionModel().selectionChanged.connect(self.show_reports)
            self.table.view.selectionModel().selectionChanged.connect(lambda *_: self.incident_actions.update_buttons())
            ctx.on_change(INCIDENTS, self.show_reports)
        ticking = QTimer(self)  # the minutes left go down without any change arriving
        ticking.timeout.connect(self.table.view.viewport().update)
        ticking.start(15_000)

    def selected(self) -> dict | None:
        return next(iter(self.table.selected()), None)

    def view_actions(self) -> list[ViewAction]:
        return self.incident_actions.view_actions() if self.incident_actions else []

    def show_reports(self, *_: object) -> None:
        incident = self.selected()
        if incident is None:
            self.reports.clear()
        else:
            self.tasks.start(self._load_reports(incident["id"]))

    async def _load_reports(self, incident: int) -> None:
        try:
            sent = await self.ctx.query("duty.incident.reports", {"incident": incident})
        except RequestError as exc:
            sent = [{"at": None, "kind": "", "author": "", "text": exc.message}]
        if (self.selected() or {}).get("id") != incident:
            return  # the operator has moved on meanwhile
        self.reports.clear()
        self.reports.addItems(
            [f"{local(r['at'])}  {report_name(r['kind'])}  {r['author']}\n{r['text']}" for r in sent]
            or [tr("Duty", "No report sent yet")]
        )
