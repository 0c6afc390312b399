"""Reminders: what is due rings and stays red until acknowledged; the form schedules hourly checks,
special-period duty and tasks from superiors."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.times import QT_DATE_TIME, local_time as local
from citybrain.plugins.duty.actions import picked_time, unit_box
from citybrain.plugins.duty.names import unit_name
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.widgets import DataTable, Sender, TableSettings, confirm
from citybrain.widgets.palette import Marker

REMINDERS = "duty.reminders"


def kind_name(code: str) -> str:
    return {
        "check": tr("Duty", "Scheduled check"),
        "special": tr("Duty", "Special-period duty"),
        "task": tr("Duty", "Task from a superior"),
    }.get(code, code)


def _every(minutes: int | None) -> str:
    return tr("Duty", "every {m} min").format(m=minutes) if minutes else tr("Duty", "once")


class RemindersView(TableSettings, QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(ctx)
        self.unit = unit_box(ctx)
        self.model = ctx.model(
            REMINDERS,
            [
                Column("due_at", tr("Duty", "Due"), format=local),
                Column("title", tr("Duty", "Reminder")),
                Column("kind", tr("Duty", "Kind"), format=kind_name),
                Column("unit", tr("Duty", "Unit"), format=lambda u: unit_name(ctx, u)),
                Column("every_minutes", tr("Duty", "Repeats"), format=_every),
                Column(
                    "state",
                    tr("Duty", "State"),
                    format=lambda s: tr("Duty", "DUE") if s == "due" else tr("Duty", "waiting"),
                ),
            ],
            severity=lambda r: Marker("high", "waiting", tr("Duty", "due")) if r["state"] == "due" else None,
        )
        self.table = DataTable(self.model, sort_column=0, order=Qt.SortOrder.AscendingOrder)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Duty", "What was done (optional; Enter acknowledges)"))
        self.note.returnPressed.connect(lambda: self.commands.run(self.acknowledge))
        ack = QHBoxLayout()
        ack.addWidget(self.note, 1)
        ack.addWidget(self.commands.button(tr("Duty", "Acknowledge"), self.acknowledge))
        ack.addWidget(self.commands.button(tr("Duty", "Cancel reminder"), self.cancel))
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("Duty", "New reminder"))
        self.kind = QComboBox()
        for code in ("check", "special", "task"):
            self.kind.addItem(kind_name(code), code)
        self.first = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600))
        self.every = QSpinBox()
        self.every.setRange(0, 7 * 24 * 60)
        self.every.setSpecialValueText(tr("Duty", "once"))
        self.every.setSuffix(tr("Duty", " min"))
        self.has_end = QCheckBox(tr("Duty", "until"))
        self.until = QDateTimeEdit(QDateTime.currentDateTime().addDays(7))
        for edit in (self.first, self.until):
            edit.setDisplayFormat(QT_DATE_TIME)
        new = QHBoxLayout()
        for widget in (self.title, self.kind, self.unit, self.first, self.every, self.has_end, self.until):
            new.addWidget(widget, 1 if widget is self.title else 0)
        new.addWidget(self.commands.button(tr("Duty", "Schedule"), self.schedule))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(ack)
        layout.addLayout(new)
        layout.addWidget(self.commands.message)

    def _unit_name(self, code: str) -> str:
        return self.unit.name_of(code)

    def selected(self) -> dict | None:
        return next(iter(self.table.selected()), None)

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: self.selected() is not None  # noqa: E731
        return [
            ViewAction("ack", tr("Duty", "Acknowledge the selected reminder"), self.acknowledge, "Ctrl+Return", chosen),
            ViewAction("cancel", tr("Duty", "Cancel the selected reminder"), self.cancel, "Ctrl+Delete", chosen),
            ViewAction("new", tr("Duty", "Schedule a reminder"), self.title.setFocus, "Ctrl+N", places_focus=True),
        ]

    async def _on_selected(self, command: str, done: str, **extra: object) -> None:
        record = self.selected()
        if record is None:
            self.commands.message.setText(tr("Duty", "Select a reminder first"))
            return
        if (
            await self.commands.send(command, {"reminder": record["id"], **extra}, done.format(title=record["title"]))
            is not None
        ):
            self.note.clear()
        self.table.view.setFocus()

    async def acknowledge(self) -> None:
        await self._on_selected("duty.reminder.ack", tr("Duty", "Acknowledged: {title}"), note=self.note.text())

    async def cancel(self) -> None:
        record = self.selected()
        if record is not None and not confirm(
            self,
            tr("Duty", "Cancel the reminder"),
            tr("Duty", 'Cancel the reminder "{title}"? It will not ring again.').format(title=record["title"]),
            tr("Duty", "Cancel the reminder"),
        ):
            return
        await self._on_selected("duty.reminder.cancel", tr("Duty", "Cancelled: {title}"))

    async def schedule(self) -> None:
        payload = {
            "title": self.title.text(),
            "kind": self.kind.currentData(),
            "unit": self.unit.currentData(),
            "first_at": picked_time(self.first),
            "every_minutes": self.every.value() or None,
            "until": picked_time(self.until) if self.has_end.isChecked() else None,
        }
        if (
            await self.commands.send(
                "duty.reminder.create", payload, tr("Duty", "Scheduled: {title}").format(title=payload["title"])
            )
            is not None
        ):
            self.title.clear()
