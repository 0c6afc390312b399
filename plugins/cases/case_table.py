"""What the inbox and the open-cases view share: a table of cases, the actions under it, the selected case's
detail and history beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QWidget

from citybrain.plugins.cases.actions import CaseActions, action_name
from citybrain.plugins.cases.display import (
    DEADLINE,
    OPEN,
    Names,
    case_columns,
    case_detail,
    history_line,
    severity,
)
from citybrain.shell.api import DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import DataTable, HintList, ViewTasks


def ticking(widget: QWidget, view: QAbstractItemView) -> None:
    """Deadlines count down: repaint the visible rows every 15 s (the model holds times, not texts)."""
    timer = QTimer(widget)
    timer.timeout.connect(view.viewport().update)
    timer.start(15_000)


class CaseTable(QWidget):
    """What the inbox and the open-cases view share: a table of cases, the actions under it, the selected case's
    detail and history beside it, and a selection that follows the cases (a case that leaves the table takes its
    buttons and history with it)."""

    def __init__(self, ctx: DeskContext, bulk: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = ViewTasks(self)
        self.names = Names(ctx, self)
        self.history = HintList(tr("Cases", "Select a case to see what has been done with it"))
        self.model = ctx.model(OPEN, case_columns(self.names), severity=severity)
        self.table = DataTable(self.model, sort_column=DEADLINE, filter_placeholder=tr("Cases", "Filter cases…"))
        self.case_actions = CaseActions(ctx, self.selected, self.names, bulk=bulk)
        self.case_actions.home = self.table.view
        self.shown: list[int] = []  # the cases the actions and history are about
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self._selected_changed())
        for signal in (self.model.rowsRemoved, self.model.layoutChanged, self.model.modelReset, self.model.dataChanged):
            signal.connect(self._follow)  # a method: Qt forgets it with the view (the model may outlive it)
        ticking(self, self.table.view)

    def selected(self) -> list[dict]:
        return self.table.selected()

    def _follow(self, *_: object) -> None:
        """A change may take the shown case out of the table (escalated away, closed, cancelled): the history,
        the answer and the buttons clear with it.  The next case is not selected for the operator: a second
        press of the same key must never act on a case nobody chose."""
        if [c["id"] for c in self.selected()] == self.shown:
            self.case_actions.update_buttons()  # the same case, maybe in a new state
        else:
            self._selected_changed()

    def _selected_changed(self) -> None:
        cases = self.selected()
        ids = [c["id"] for c in cases]
        if ids and ids != self.shown:  # another case chosen: the answer about the last one goes (a case that
            self.case_actions.clear()  # merely left the table keeps its answer: "Dispatch: done (#12 …)")
        self.shown = ids
        self.case_actions.update_buttons()
        self.selection_changed(cases)

    def selection_changed(self, cases: list[dict]) -> None:
        """One case selected: its detail and history in the pane under the table."""
        if len(cases) == 1:
            self.tasks.start(self.show_history(cases[0]))
        else:
            self.history.clear()

    async def show_history(self, case: dict) -> None:
        try:
            steps = await self.ctx.query("cases.history", {"case": case["id"]})
            lines = [history_line(s, self.names, action_name(s["action"])) for s in steps]
        except RequestError as exc:
            lines = [exc.message]
        if [c["id"] for c in self.selected()] != [case["id"]]:
            return  # the operator has moved on meanwhile
        self.history.clear()
        self.history.addItems([case_detail(case, self.names)] + lines)

    def _split(self) -> QSplitter:
        """The table above, the selected case's detail and history below."""
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.history)
        split.setSizes([600, 200])
        return split

    def view_actions(self) -> list[ViewAction]:
        return self.case_actions.view_actions()

    def save_settings(self) -> dict:
        return self.table.save_settings()

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)
