"""Active responses, for desk and wall: one card per response (plan, level, checklist progress, overdue tasks,
DRILL written across it when it is one) and its tasks; on a desk, tasks are marked done, the level raised, the
response stood down."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from citybrain.core.times import local_time
from citybrain.plugins.plans.names import unit_name
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.shell.names import level_name
from citybrain.widgets import DataTable, KpiCard, Sender, confirm
from citybrain.widgets.palette import Marker

RESPONSES, TASKS = "plans.responses", "plans.tasks"
LEVELS = ("IV", "III", "II", "I")
OVERDUE = ("urgent", "waiting")  # an overdue task's marker, on its row and on its response's card


def drill_mark(drill: bool) -> str:
    return tr("Plans", "DRILL") + " · " if drill else ""


def task_state_name(state: str) -> str:
    return {"open": tr("Plans", "open"), "overdue": tr("Plans", "OVERDUE"), "done": tr("Plans", "done")}.get(
        state, state
    )


class ResponsesView(QWidget):
    def __init__(self, ctx: DeskContext, actions: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(ctx)
        self.cards: dict[int, KpiCard] = {}
        self.grid = QGridLayout()
        self.model = ctx.model(
            TASKS,
            [
                Column("response", tr("Plans", "Response")),
                Column("drill", "", format=lambda drill: tr("Plans", "DRILL") if drill else ""),
                Column("level", tr("Plans", "Level"), format=level_name),
                Column("due_at", tr("Plans", "Due"), format=local_time),
                Column("state", tr("Plans", "State"), format=task_state_name),
                Column("unit", tr("Plans", "Owner"), format=lambda u: unit_name(ctx, u)),
                Column("action", tr("Plans", "Task")),
            ],
            severity=lambda t: Marker(*OVERDUE, tr("Plans", "overdue")) if t["state"] == "overdue" else None,
        )
        self.table = DataTable(self.model, sort_column=3)
        self.empty = QLabel(tr("Plans", "No active response: no emergency plan has been started."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        self.response = QComboBox()  # the response the level and stand-down buttons act on
        if actions:  # the wall shows, a desk acts
            self.note, self.level = QLineEdit(), QComboBox()
            self.note.setPlaceholderText(tr("Plans", "Note"))
            for level in LEVELS:
                self.level.addItem(level_name(level), level)
            row = QHBoxLayout()
            row.addWidget(self.note, 1)
            row.addWidget(self.commands.button(tr("Plans", "Task done"), self.done))
            row.addWidget(self.response)
            row.addWidget(self.level)
            row.addWidget(self.commands.button(tr("Plans", "Raise level"), self.raise_level))
            row.addWidget(self.commands.button(tr("Plans", "Stand down"), self.stand_down))
            layout.addLayout(row)
            layout.addWidget(self.commands.message)
        for collection in (RESPONSES, TASKS):
            ctx.on_change(collection, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        active = sorted((r for r in self.ctx.records(RESPONSES) if r["state"] == "active"), key=lambda r: r["id"])
        tasks = self.ctx.records(TASKS)
        self.empty.setVisible(not active)  # a line saying why, not an empty table
        self.table.setVisible(bool(active))
        for gone in set(self.cards) - {r["id"] for r in active}:
            self.cards.pop(gone).deleteLater()
        chosen = self.response.currentData()
        self.response.clear()
        for response in active:
            self.response.addItem(
                f"#{response['id']} {drill_mark(response['drill'])}{response['plan_name']}", response["id"]
            )
        self.response.setCurrentIndex(max(self.response.findData(chosen), 0))
        for i, response in enumerate(active):
            card = self.cards.get(response["id"])
            if card is None:
                card = self.cards[response["id"]] = KpiCard("")
            self.grid.addWidget(card, 0, i)
            mine = [t for t in tasks if t["response"] == response["id"]]
            overdue = sum(t["state"] == "overdue" for t in mine)
            card.title.setText(f"{drill_mark(response['drill'])}{response['plan_name']} · #{response['id']}")
            card.set_value(
                level_name(response["level"]),
                tr("Plans", "{done} of {n} tasks done · {late} overdue").format(
                    done=sum(t["state"] == "done" for t in mine), n=len(mine), late=overdue
                ),
                marker=Marker(*OVERDUE, tr("Plans", "{n} overdue").format(n=overdue)) if overdue else None,
            )

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction(
                "done",
                tr("Plans", "Mark the selected task done"),
                self.done,
                "Ctrl+Return",
                lambda: bool(self.table.selected()),
            ),
            ViewAction(
                "raise",
                tr("Plans", "Raise the response's level"),
                self.raise_level,
                "Ctrl+Shift+Up",
                lambda: self.response.currentData() is not None,
            ),
            ViewAction(
                "standdown",
                tr("Plans", "Stand the response down"),
                self.stand_down,
                "Ctrl+Delete",
                lambda: self.response.currentData() is not None,
            ),
        ]

    def _task(self) -> dict | None:
        task = next(iter(self.table.selected()), None)
        if task is None:
            self.commands.message.setText(tr("Plans", "Select a task first"))
        return task

    async def done(self) -> dict | None:
        if (task := self._task()) is None:
            return None
        result = await self.commands.send(
            "plans.task.done",
            {"task": task["id"], "note": self.note.text() or None},
            tr("Plans", "Task done: {task}").format(task=task["action"]),
        )
        if result is not None:
            self.note.clear()
        self.table.view.setFocus()
        return result

    async def raise_level(self) -> dict | None:
        if self.response.currentData() is None:
            return None
        return await self.commands.send(
            "plans.raise",
            {"response": self.response.currentData(), "level": self.level.currentData()},
            tr("Plans", "{response}: level raised, the new actions are in the list").format(
                response=self.response.currentText()
            ),
        )

    async def stand_down(self) -> dict | None:
        """Standing down ends the response and releases what it reserved: asked first, naming it."""
        named = self.response.currentText()
        if self.response.currentData() is None or not confirm(
            self,
            tr("Plans", "Stand down"),
            tr("Plans", "Stand down {response}? Its open tasks end and what it reserved is released.").format(
                response=named
            ),
            tr("Plans", "Stand down"),
        ):
            return None
        result = await self.commands.send(
            "plans.standdown",
            {"response": self.response.currentData(), "note": self.note.text() or None},
            tr("Plans", "{response} stood down: the summary is kept with it").format(response=named),
        )
        self.table.view.setFocus()
        return result


class ResponsesWall(ResponsesView):
    """The responses for the wall: cards and tasks, no buttons."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, actions=False)
