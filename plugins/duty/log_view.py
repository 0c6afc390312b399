"""The duty log view: newest first, a line to add an entry (or a correction of the selected one), and the export
of a period to Excel and PDF in the ICS-214 layout."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.times import QT_DATE_TIME, local_time as local
from citybrain.plugins.duty.actions import picked_time, unit_box
from citybrain.plugins.duty.names import position_name, shift_name, unit_name
from citybrain.shell.api import Column, DeskContext, RequestError, ViewAction, tr
from citybrain.shell.names import operator_name
from citybrain.widgets import DataTable, Sender, confirm, spawn

if TYPE_CHECKING:  # the reports are imported when the log is first exported, not at every desk start
    from citybrain.plugins.duty.reports import LogNames

LOG = "duty.log"


CATEGORY_NAMES = {
    "call": "Call received",
    "instruction": "Instruction from a superior",
    "report": "Report sent",
    "action": "Action taken",
    "other": "Other",
}


def category_name(code: str) -> str:
    return {
        "call": tr("Duty", "Call received"),
        "instruction": tr("Duty", "Instruction from a superior"),
        "report": tr("Duty", "Report sent"),
        "action": tr("Duty", "Action taken"),
        "other": tr("Duty", "Other"),
    }.get(code, code)


class DutyLogView(QWidget):
    """The log, newest first, and a line to add an entry; select an entry to write its correction."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.unit = unit_box(ctx)
        self.model = ctx.model(
            LOG,
            [
                Column("id", tr("Duty", "No.")),
                Column("event_at", tr("Duty", "Event time"), format=local),
                Column("category", tr("Duty", "Category"), format=category_name),
                Column("unit", tr("Duty", "Unit"), format=self.unit.name_of),
                Column("author", tr("Duty", "Author"), format=operator_name),
                Column("corrects", tr("Duty", "Corrects")),
                Column("text", tr("Duty", "Entry")),
            ],
        )  # last: the entry takes the room left
        self.table = DataTable(
            self.model,
            sort_column=0,
            order=Qt.SortOrder.DescendingOrder,
            filter_placeholder=tr("Duty", "Search the log…"),
        )
        self.category = QComboBox()
        for code in CATEGORY_NAMES:
            self.category.addItem(category_name(code), code)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(QT_DATE_TIME)
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("Duty", "What happened (Enter adds it; it cannot be changed afterwards)"))
        self.text.returnPressed.connect(lambda: spawn(self.add()))
        self.correct = QCheckBox(tr("Duty", "Corrects the selected entry"))
        self.commands = Sender(
            ctx,
            labels={
                "unit": tr("Duty", "Unit"),
                "text": tr("Duty", "Entry"),
                "category": tr("Duty", "Category"),
                "event_at": tr("Duty", "Time"),
            },
        )
        self.message = self.commands.message
        form = QHBoxLayout()
        for label, widget in (
            (tr("Duty", "Time"), self.when),
            (tr("Duty", "Category"), self.category),
            (tr("Duty", "Unit"), self.unit),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addWidget(caption)
            form.addWidget(widget)
        form.addWidget(self.correct)
        form.addStretch(1)
        now = QDateTime.currentDateTime()
        self.start, self.end = QDateTimeEdit(now.addDays(-1)), QDateTimeEdit(now)
        for edit in (self.start, self.end):
            edit.setDisplayFormat(QT_DATE_TIME)
        export = QHBoxLayout()
        export.addWidget(QLabel(tr("Duty", "Export the log from")))
        export.addWidget(self.start)
        export.addWidget(QLabel(tr("Duty", "to")))
        export.addWidget(self.end)
        export.addWidget(self.commands.button(tr("Duty", "Excel…"), lambda: self.choose("xlsx")))
        export.addWidget(self.commands.button(tr("Duty", "PDF…"), lambda: self.choose("pdf")))
        export.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.text)  # a line of its own: its instructions read whole in a narrow pane too
        layout.addLayout(export)
        layout.addWidget(self.message)

    def period(self) -> dict:
        return {
            "start": picked_time(self.start),
            "end": picked_time(self.end),
        }

    def choose(self, kind: str) -> None:
        name = f"duty-log-{self.start.dateTime().toString('yyyyMMdd-HHmm')}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Duty", "Export the duty log"), name, f"{kind.upper()} (*.{kind})"
        )
        if path:
            spawn(self.export(Path(path), self.period()))

    async def export(self, path: Path, period: dict) -> Path | None:
        """The log of ``period`` ({start, end}) as Excel or PDF, by suffix, written here with every label in this
        desk's language (the daemon sends codes and times; the export is audited there)."""
        from citybrain.plugins.duty.reports import log_document, log_html, log_workbook

        try:
            document = log_document(await self.ctx.query("duty.log.export", period), tr, self.log_names())
            if path.suffix == ".pdf":
                from citybrain.widgets import write_pdf  # only when printing: not at every desk start

                write_pdf(log_html(document), path, tr("Duty", "Duty log"))
            else:
                path.write_bytes(log_workbook(document))
        except (RequestError, OSError) as exc:
            if isinstance(exc, RequestError):
                self.commands.refused(exc)
            else:
                self.commands.message.refused(str(exc))
            return None
        self.commands.done(tr("Duty", "Saved {path}").format(path=path))
        return path

    def log_names(self) -> LogNames:
        from citybrain.plugins.duty.reports import LogNames

        return LogNames(
            category=category_name,
            unit=lambda code: unit_name(self.ctx, code),
            position=lambda code: position_name(code, code),
            shift=lambda code: shift_name(code, code),
        )

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("add", tr("Duty", "Add a log entry"), self.start_entry, "Ctrl+N"),
            ViewAction(
                "correct",
                tr("Duty", "Correct the selected entry"),
                self.start_correction,
                "Ctrl+E",
                lambda: bool(self.table.selected()),
            ),
        ]

    def start_entry(self) -> None:
        """Focus the entry row, time set to now: type, Enter."""
        self.correct.setChecked(False)
        self.when.setDateTime(QDateTime.currentDateTime())
        self.text.setFocus()

    def start_correction(self) -> None:
        if not self.table.selected():
            self.message.setText(tr("Duty", "Select the entry to correct first"))
            return
        self.correct.setChecked(True)
        self.text.setFocus()

    def save_settings(self) -> dict:
        return {"table": self.table.save_settings(), "unit": self.unit.chosen}

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings.get("table", settings))  # layouts saved before held the table's alone
        if settings.get("unit"):
            self.unit.select(settings["unit"])

    async def add(self) -> None:
        """Enter in the entry row: the entry is logged (a correction, asked first: the log keeps both for good),
        the row clears for the next, and the focus stays there."""
        chosen = self.table.selected()
        corrects = chosen[0] if self.correct.isChecked() and chosen else None
        text = self.text.text().strip()
        if corrects is not None and not confirm(
            self,
            tr("Duty", "Correct a log entry"),
            tr("Duty", "Log a correction of entry {n} ({text})? Both stay in the log for good.").format(
                n=corrects["id"], text=corrects["text"][:40]
            ),
            tr("Duty", "Log the correction"),
        ):
            self.message.setText(tr("Duty", "Entry {n}: nothing logged").format(n=corrects["id"]))
            return
        payload = {
            "event_at": picked_time(self.when),
            "text": text,
            "category": self.category.currentData(),
            "unit": self.unit.currentData(),
            "corrects": corrects["id"] if corrects else None,
        }
        entry = await self.commands.send("duty.log", payload)
        if entry is None:
            return
        self.commands.done(
            tr("Duty", "Entry {n} logged").format(n=entry["id"])
            if corrects is None
            else tr("Duty", "Entry {n} logged: corrects entry {m}").format(n=entry["id"], m=corrects["id"])
        )
        self.text.clear()
        self.correct.setChecked(False)
        self.when.setDateTime(QDateTime.currentDateTime())
