"""Under a drill-down's tickets: open a case in the shared loop for the selected ticket, of a chosen type and
priority, at the ticket's subdistrict (offered only where the cases plugin is there)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from citybrain.shell.api import DeskContext, tr
from citybrain.widgets import Sender

CASE_TYPES = "cases.types"
PRIORITIES = ("medium", "high", "urgent", "low")


def offered(ctx: DeskContext) -> bool:
    return ctx.offers("metrics.ticket_case") and ctx.offers("cases.open")


class TicketCaseRow(QWidget):
    def __init__(self, ctx: DeskContext, selected: Callable[[], dict | None]) -> None:
        super().__init__()
        self.selected = selected
        self.commands = Sender(ctx)
        self.types = QComboBox()
        for kind in sorted(ctx.records(CASE_TYPES), key=lambda k: k["code"]):
            self.types.addItem(f"{kind['code']} {kind.get('name', '')}", kind["code"])
        names = {
            "medium": tr("Metrics", "Medium"),
            "high": tr("Metrics", "High"),
            "urgent": tr("Metrics", "Urgent"),
            "low": tr("Metrics", "Low"),
        }
        self.priority = QComboBox()
        for priority in PRIORITIES:
            self.priority.addItem(names[priority], priority)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.types)
        layout.addWidget(self.priority)
        layout.addWidget(self.commands.button(tr("Metrics", "Open a case for the ticket"), self.open_case))
        layout.addWidget(self.commands.message, 1)

    async def open_case(self) -> dict | None:
        ticket = self.selected()
        if ticket is None:
            self.commands.message.setText(tr("Metrics", "Select a ticket first"))
            return None
        result = await self.commands.send(
            "metrics.ticket_case",
            {
                "ticket": ticket["id"],
                "type": self.types.currentData() or "",
                "unit": ticket["subdistrict"],
                "priority": self.priority.currentData(),
            },
        )
        if result is not None:
            self.commands.message.setText(tr("Metrics", "Case #{case} opened").format(case=result["case"]))
        return result
