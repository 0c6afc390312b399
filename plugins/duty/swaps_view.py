"""Swap requests: an officer asks to hand one of their coming shifts to someone; the duty leader approves or
refuses each (the daemon refuses a swap that would put someone in two places)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from citybrain.core.times import local_time as local
from citybrain.plugins.duty.names import assignment_name
from citybrain.shell.api import Column, DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import DataTable, Sender

SWAPS, PEOPLE = "duty.swaps", "duty.people"


def shift_id(a: dict) -> str:
    return f"{a['date']}/{a['unit']}/{a['position']}/{a['shift']}/{a['person']}"


class SwapsView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(ctx)
        self.model = ctx.model(
            SWAPS,
            [
                Column("id", tr("Duty", "No.")),
                Column("assignment", tr("Duty", "Shift"), format=lambda a: assignment_name(ctx, a)),
                Column("from", tr("Duty", "From")),
                Column("to", tr("Duty", "To")),
                Column("reason", tr("Duty", "Reason")),
                Column("asked_by", tr("Duty", "Asked by")),
                Column("asked_at", tr("Duty", "Asked at"), format=local),
            ],
        )
        self.table = DataTable(self.model, sort_column=0)
        self.table.set_empty_text(
            tr(
                "Duty",
                "No swap requests: an officer asks below to hand one of their coming "
                "shifts to someone, and the duty leader approves or refuses it here",
            )
        )
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Duty", "Note to the decision"))
        decide = QHBoxLayout()
        decide.addWidget(self.note, 1)
        decide.addWidget(self.commands.button(tr("Duty", "Approve"), lambda: self.decide(True)))
        decide.addWidget(self.commands.button(tr("Duty", "Refuse"), lambda: self.decide(False)))
        self.shift = QComboBox()
        self.shift.setPlaceholderText(tr("Duty", "The shift to hand over (Load coming shifts)"))
        self.to = QComboBox()
        self.to.setPlaceholderText(tr("Duty", "Who takes it"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Duty", "Reason"))
        ask = QHBoxLayout()
        ask.addWidget(self.shift, 2)
        ask.addWidget(QLabel(tr("Duty", "hand to")))
        ask.addWidget(self.to, 1)
        ask.addWidget(self.reason, 2)
        ask.addWidget(self.commands.button(tr("Duty", "Ask for a swap"), self.ask))
        ask.addWidget(self.commands.button(tr("Duty", "Load coming shifts"), self.load_shifts))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(decide)
        layout.addLayout(ask)
        layout.addWidget(self.commands.message)
        ctx.on_change(PEOPLE, self.refresh_people)
        self.refresh_people()

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: bool(self.table.selected())  # noqa: E731
        return [
            ViewAction(
                "approve", tr("Duty", "Approve the selected swap"), lambda: self.decide(True), "Ctrl+Return", chosen
            ),
            ViewAction("refuse", tr("Duty", "Refuse the selected swap"), lambda: self.decide(False), "Ctrl+R", chosen),
            ViewAction("ask", tr("Duty", "Ask for a swap"), self.shift.setFocus, "Ctrl+N", places_focus=True),
        ]

    def refresh_people(self) -> None:
        chosen = self.to.currentText()
        self.to.clear()
        self.to.addItems(sorted(p["name"] for p in self.ctx.records(PEOPLE)))
        self.to.setCurrentIndex(self.to.findText(chosen) if chosen else -1)  # nobody chosen until someone is

    async def load_shifts(self) -> None:
        """The coming shifts of this month and the next, to choose the one to hand over."""
        now = datetime.now().astimezone()
        months = {f"{now:%Y-%m}", f"{now.year + now.month // 12}-{now.month % 12 + 1:02d}"}
        self.shift.clear()
        for month in sorted(months):
            try:
                shifts = await self.ctx.query("duty.roster", {"month": month})
            except RequestError as exc:
                self.commands.refused(exc)
                return
            for a in shifts:
                if datetime.fromisoformat(a["ends_at"]) > now:
                    self.shift.addItem(f"{assignment_name(self.ctx, shift_id(a))} {a['person']}", shift_id(a))

    async def ask(self) -> None:
        if self.shift.currentData() is None:
            self.commands.message.setText(tr("Duty", "Load the coming shifts and choose one first"))
            return
        if not self.to.currentText():
            self.commands.message.setText(tr("Duty", "Choose who takes the shift first"))
            return
        payload = {"assignment": self.shift.currentData(), "to": self.to.currentText(), "reason": self.reason.text()}
        if await self.commands.send("duty.swap.request", payload, tr("Duty", "Asked: the duty leader decides")):
            self.reason.clear()

    async def decide(self, approve: bool) -> None:
        swap = next(iter(self.table.selected()), None)
        if swap is None:
            self.commands.message.setText(tr("Duty", "Select a request first"))
            return
        done = tr("Duty", "Swap {n} approved") if approve else tr("Duty", "Swap {n} refused")
        if (
            await self.commands.send(
                "duty.swap.decide",
                {"swap": swap["id"], "approve": approve, "note": self.note.text()},
                done.format(n=swap["id"]),
            )
            is not None
        ):
            self.note.clear()
        self.table.view.setFocus()
