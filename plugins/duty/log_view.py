"""The duty log view: newest first, a line to add an entry (or a correction of the selected one), and the export
of a period to Excel and PDF in the ICS-214 layout."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from citybrain.plugins.duty.actions import unit_box
from citybrain.plugins.duty.reports import local, log_html
from citybrain.shell.api import Column, DeskContext, RequestError
from citybrain.shell.i18n import tr
from citybrain.widgets.data_table import DataTable, TableSettings
from citybrain.widgets.sender import Sender

LOG = "duty.log"


CATEGORY_NAMES = {"call": "Call received", "instruction": "Instruction from a superior", "report": "Report sent",
                  "action": "Action taken", "other": "Other"}


def category_name(code: str) -> str:
    return {"call": tr("Duty", "Call received"), "instruction": tr("Duty", "Instruction from a superior"),
            "report": tr("Duty", "Report sent"), "action": tr("Duty", "Action taken"),
            "other": tr("Duty", "Other")}.get(code, code)


class DutyLogView(TableSettings, QWidget):
    """The log, newest first, and a line to add an entry; select an entry to write its correction."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = ctx.model(LOG, [Column("id", tr("Duty", "No.")),
                                     Column("event_at", tr("Duty", "Event time"), format=local),
                                     Column("category", tr("Duty", "Category"), format=category_name),
                                     Column("unit", tr("Duty", "Unit")), Column("author", tr("Duty", "Author")),
                                     Column("text", tr("Duty", "Entry")), Column("corrects", tr("Duty", "Corrects"))])
        self.table = DataTable(self.model, sort_column=0, order=Qt.SortOrder.DescendingOrder,
                               filter_placeholder=tr("Duty", "Search the log…"))
        self.category = QComboBox()
        for code in CATEGORY_NAMES:
            self.category.addItem(category_name(code), code)
        self.unit = unit_box(ctx)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("Duty", "What happened (Enter adds it; it cannot be changed afterwards)"))
        self.text.returnPressed.connect(lambda: asyncio.ensure_future(self.add()))
        self.correct = QCheckBox(tr("Duty", "Corrects the selected entry"))
        self.sender = Sender(ctx)
        self.message = self.sender.message
        form = QHBoxLayout()
        for widget in (self.when, self.category, self.unit):
            form.addWidget(widget)
        form.addWidget(self.text, 1)
        form.addWidget(self.correct)
        now = QDateTime.currentDateTime()
        self.start, self.end = QDateTimeEdit(now.addDays(-1)), QDateTimeEdit(now)
        export = QHBoxLayout()
        export.addWidget(QLabel(tr("Duty", "Export the log from")))
        export.addWidget(self.start)
        export.addWidget(QLabel(tr("Duty", "to")))
        export.addWidget(self.end)
        export.addWidget(self.sender.button(tr("Duty", "Excel…"), lambda: self.choose("xlsx")))
        export.addWidget(self.sender.button(tr("Duty", "PDF…"), lambda: self.choose("pdf")))
        export.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(export)
        layout.addWidget(self.message)

    def period(self) -> dict:
        return {"start": self.start.dateTime().toPython().astimezone().isoformat(),
                "end": self.end.dateTime().toPython().astimezone().isoformat()}

    def choose(self, kind: str) -> None:
        name = f"duty-log-{self.start.dateTime().toString('yyyyMMdd-HHmm')}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, tr("Duty", "Export the duty log"), name, f"{kind.upper()} (*.{kind})")
        if path:
            asyncio.ensure_future(self.export(Path(path), self.period()))

    async def export(self, path: Path, period: dict) -> Path | None:
        """The log of ``period`` ({start, end}) as Excel (the daemon's workbook) or PDF (printed here), by suffix."""
        try:
            if path.suffix == ".pdf":
                from citybrain.widgets.pdf import write_pdf  # only when printing: not at every desk start

                log = await self.ctx.query("duty.log.report", period)
                write_pdf(log_html(log, category_name), path, tr("Duty", "Duty log"))
            else:
                path.write_bytes(await self.ctx.query("duty.log.export", period))
        except (RequestError, OSError) as exc:
            self.message.setText(getattr(exc, "message", str(exc)))
            return None
        self.message.setText(tr("Duty", "Saved {path}").format(path=path))
        return path

    async def add(self) -> None:
        chosen = self.table.selected()
        corrects = chosen[0]["id"] if self.correct.isChecked() and chosen else None
        payload = {"event_at": self.when.dateTime().toPython().astimezone().isoformat(), "text": self.text.text(),
                   "category": self.category.currentData(), "unit": self.unit.currentData(), "corrects": corrects}
        entry = await self.sender.send("duty.log", payload)
        if entry is None:
            return
        self.message.setText(tr("Duty", "Entry {n} logged").format(n=entry["id"]))
        self.text.clear()
        self.correct.setChecked(False)
