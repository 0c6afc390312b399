"""The plan library: the plans and templates, one shown whole (roles, each level's triggers, actions and
resources), and activation at a level — for real, or as a drill."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from citybrain.plugins.plans.names import unit_name
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.shell.names import event_category_name, level_name
from citybrain.widgets import DataTable, Sender, TableSettings

PLANS = "plans.plans"
LEVELS = ("IV", "III", "II", "I")


def type_name(code: str) -> str:
    return {
        "overall": tr("Plans", "Overall"),
        "special": tr("Plans", "Special"),
        "department": tr("Plans", "Department"),
        "grassroots": tr("Plans", "Grassroots"),
        "template": tr("Plans", "Template"),
    }.get(code, code)


def plan_html(plan: dict, unit: Callable[[str], str] = str) -> str:
    """A plan as the duty leader reads it before activating it (``unit`` names a unit's code)."""
    roles = "".join(
        f"<li>{escape(r['role'])} — {escape(unit(r['unit']))} {escape(r['position'])}</li>" for r in plan["roles"]
    )
    parts = [
        f"<h2>{escape(plan['name'])}</h2>"
        f"<p>{escape(type_name(plan['type']))} · {escape(event_category_name(plan['category']))} · "
        f"v{plan['version']} · {escape(', '.join(plan['event_types']))}</p>",
        f"<h3>{tr('Plans', 'Command structure')}</h3><ul>{roles}</ul>" if roles else "",
    ]
    for level in LEVELS:
        if level not in plan["levels"]:
            continue
        body = plan["levels"][level]
        actions = "".join(
            f"<li>+{a['offset_minutes']} min · {escape(a['action'])} ({escape(unit(a['unit']))})</li>"
            for a in body["actions"]
        )
        needs = "".join(
            f"<li>{escape(r['item'])} × {r['quantity']} {escape(r['unit'])}</li>" for r in body["resources"]
        )
        parts.append(
            f"<h3>{level_name(level)}</h3><p><i>{escape(body['triggers'])}</i></p>"
            f"<ol>{actions}</ol>" + (f"<p>{tr('Plans', 'Resources')}:</p><ul>{needs}</ul>" if needs else "")
        )
    return "".join(parts)


class LibraryView(TableSettings, QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(ctx)
        self.model = ctx.model(
            PLANS,
            [
                Column("name", tr("Plans", "Plan")),
                Column("type", tr("Plans", "Type"), format=type_name),
                Column("category", tr("Plans", "Category"), format=event_category_name),
                Column("version", tr("Plans", "Version")),
            ],
            severity=None,
        )
        self.table = DataTable(self.model, sort_column=1, filter_placeholder=tr("Plans", "Search plans…"))
        self.table.view.selectionModel().selectionChanged.connect(self.show_selected)
        self.document = QTextBrowser()
        self.document.setPlaceholderText(tr("Plans", "Select a plan to read it here."))  # not a blank pane
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.document)
        split.setSizes([2, 3])
        self.level = QComboBox()
        for level in LEVELS:
            self.level.addItem(level_name(level), level)
        self.drill = QCheckBox(tr("Plans", "Drill (an exercise: nothing real is reserved)"))
        row = QHBoxLayout()
        row.addWidget(self.level)
        row.addWidget(self.drill)
        row.addWidget(self.commands.button(tr("Plans", "Activate"), self.activate))
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        layout.addWidget(self.commands.message)

    def selected(self) -> dict | None:
        return next(iter(self.table.selected()), None)

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction(
                "activate",
                tr("Plans", "Activate the selected plan"),
                self.activate,
                "Ctrl+Return",
                lambda: self.selected() is not None,
            )
        ]

    def show_selected(self, *_: object) -> None:
        plan = self.selected()
        self.document.setHtml(plan_html(plan, lambda code: unit_name(self.ctx, code)) if plan else "")

    async def activate(self) -> dict | None:
        plan = self.selected()
        if plan is None:
            self.commands.message.setText(tr("Plans", "Select a plan first"))
            return None
        done = tr("Plans", "{plan} activated at {level}: see Responses").format(
            plan=plan["name"], level=self.level.currentText()
        )
        result = await self.commands.send(
            "plans.activate",
            {"plan": plan["code"], "level": self.level.currentData(), "drill": self.drill.isChecked()},
            done,
        )
        self.table.view.setFocus()
        return result
