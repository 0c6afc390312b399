"""Visit plans: who visits whom and when, the late ones first and coloured; a visit made is recorded here with
what was found."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from citybrain.plugins.enterprise import PLANS
from citybrain.plugins.enterprise.card_view import unit_name
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.widgets import DataTable, Sender
from citybrain.widgets.palette import Marker


def late(plan: dict) -> bool:
    return plan["planned_for"] < date.today().isoformat()


class PlansView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx, self.commands = ctx, Sender(ctx)
        self.model = ctx.model(
            PLANS,
            [
                Column("planned_for", tr("Enterprise", "Planned for")),
                Column("name", tr("Enterprise", "Enterprise")),
                Column("subdistrict", tr("Enterprise", "Subdistrict"), format=lambda c: unit_name(ctx, c)),
                Column("visitors", tr("Enterprise", "Visitors")),
                Column("purpose", tr("Enterprise", "Purpose")),
                Column("warning", tr("Enterprise", "From warning"), format=lambda w: f"#{w}" if w else ""),
            ],
            severity=lambda p: Marker("medium", "steady", tr("Enterprise", "overdue")) if late(p) else None,
        )
        self.table = DataTable(self.model, sort_column=0, filter_placeholder=tr("Enterprise", "Search visit plans…"))
        self.only_late = QCheckBox(tr("Enterprise", "Only overdue visits"))
        self.only_late.toggled.connect(lambda on: self.table.set_predicate(late if on else None))
        self.findings = QLineEdit()
        self.findings.setPlaceholderText(tr("Enterprise", "What the visit found (Enter records it)"))
        self.findings.returnPressed.connect(lambda: self.commands.run(self.record))
        row = QHBoxLayout()
        row.addWidget(self.findings, 1)
        row.addWidget(self.commands.button(tr("Enterprise", "Record the visit (today)"), self.record))
        layout = QVBoxLayout(self)
        layout.addWidget(self.only_late)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.commands.message)

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction(
                "record",
                tr("Enterprise", "Record the selected visit (today)"),
                self.findings.setFocus,
                "Ctrl+Return",
                lambda: bool(self.table.selected()),
            )
        ]

    async def record(self) -> dict | None:
        plan = next(iter(self.table.selected()), None)
        if plan is None:
            self.commands.message.setText(tr("Enterprise", "Select a visit plan first"))
            return None
        done = await self.commands.send(
            "enterprise.visit",
            {
                "enterprise": plan["enterprise_id"],
                "plan": plan["id"],
                "visited_on": date.today().isoformat(),
                "visitors": plan["visitors"],
                "findings": self.findings.text(),
            },
            tr("Enterprise", "{name}: visit recorded").format(name=plan["name"]),
        )
        if done is not None:
            self.findings.clear()
        self.table.view.setFocus()
        return done

    def save_settings(self) -> dict:
        return self.table.save_settings() | {"only_late": self.only_late.isChecked()}

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)
        self.only_late.setChecked(bool(settings.get("only_late", False)))
