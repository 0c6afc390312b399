"""Visit plans: who visits whom and when, the late ones first and marked; a visit made is recorded here on the
enterprise visit form (configs/enterprise/visit_form.toml, rendered by FormView: the plan's visitors and today
filled in), checked again by the daemon with the same definition."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QSplitter, QVBoxLayout, QWidget

from citybrain.core.api import bundled_form
from citybrain.plugins.enterprise import PLANS
from citybrain.plugins.enterprise.card_view import unit_name
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.widgets import DataTable, FormView, Sender
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
        self.form = FormView(bundled_form("enterprise", "visit_form.toml"))  # Enter or Ctrl+S in it records the visit
        self.form.submitted.connect(lambda answers: self.commands.run(lambda: self.record(answers)))
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self.open())
        for removal in (self.model.rowsRemoved, self.model.layoutChanged, self.model.modelReset):
            removal.connect(lambda *_: self.open())  # a selected row removed says nothing to the selection signal
        self.record_button = self.commands.button(tr("Enterprise", "Record the visit (Ctrl+S)"), self.form.save)
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.form, 1)
        form_layout.addWidget(self.record_button)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(form)
        split.setSizes([800, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.only_late)
        layout.addWidget(split, 1)
        layout.addWidget(self.commands.message)
        self.plan: dict | None = None
        self.open()

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction(
                "record",
                tr("Enterprise", "Record the selected visit"),
                self.focus_form,
                "Ctrl+Return",
                lambda: bool(self.table.selected()),
            )
        ]

    def focus_form(self) -> None:
        next(iter(self.form.editors.values())).focusables()[0].setFocus()

    def open(self) -> None:
        """The selected plan's record: its visitors and today filled in; asks first when changes would be lost (not
        when the plan left the list: recorded, here or elsewhere)."""
        plan = next(iter(self.table.selected()), None)
        if plan is not None and self.plan is not None and plan["id"] == self.plan["id"]:
            return
        gone = self.plan is not None and self.ctx.record(PLANS, self.plan["id"]) is None  # done: nothing to lose
        if self.plan is not None and not gone and self.form.dirty() and not self.form.ask_discard():
            return
        self.plan = plan
        self.form.set_known({"visitors": plan["visitors"], "today": date.today().isoformat()} if plan else {})
        self.form.setEnabled(plan is not None)
        why = "" if plan else tr("Enterprise", "Select a visit plan first")
        Sender.set_enabled(self.record_button, plan is not None, why)
        self.form.setToolTip(why)

    async def record(self, answers: dict) -> dict | None:
        plan = self.plan
        if plan is None:
            self.commands.message.setText(tr("Enterprise", "Select a visit plan first"))
            return None
        done = await self.commands.send(
            "enterprise.visit",
            {"enterprise": plan["enterprise_id"], "plan": plan["id"], **answers},
            tr("Enterprise", "{name}: visit recorded").format(name=plan["name"]),
        )
        if done is not None:
            self.form.saved()
        self.table.view.setFocus()
        return done

    def save_settings(self) -> dict:
        return self.table.save_settings() | {"only_late": self.only_late.isChecked()}

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)
        self.only_late.setChecked(bool(settings.get("only_late", False)))
