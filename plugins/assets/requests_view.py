"""Open resource requests: commit (reserve) what is owed — in parts if need be —, dispatch what is committed,
record what came back or was consumed, cancel.  The daemon says no when the shelf cannot give it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.shell.names import operator_name
from citybrain.widgets import DataTable, Sender, TableSettings, confirm

REQUESTS = "assets.requests"


def state_name(state: str) -> str:
    return {
        "requested": tr("Assets", "requested"),
        "committed": tr("Assets", "committed"),
        "dispatched": tr("Assets", "dispatched"),
    }.get(state, state)


class RequestsView(TableSettings, QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(
            ctx,
            reasons={
                "over_owed": tr("Assets", "Request {request} still needs {owed} {unit}: commit that much or less"),
                "short": tr("Assets", "Only {available} {unit} of {item} are available: commit that much or less"),
                "over_committed": tr(
                    "Assets", "Request {request} has {committed} {unit} committed: dispatch that much or less"
                ),
                "still_out": tr("Assets", "{out} {unit} are still out: record what came back or was consumed first"),
            },
        )
        self.model = ctx.model(
            REQUESTS,
            [
                Column("id", tr("Assets", "No.")),
                Column("item", tr("Assets", "Item")),
                Column("warehouse", tr("Assets", "Warehouse")),
                Column("quantity", tr("Assets", "Asked")),
                Column("outstanding", tr("Assets", "Still owed")),
                Column("committed", tr("Assets", "Committed")),
                Column("dispatched", tr("Assets", "Out")),
                Column("unit", tr("Assets", "Unit")),
                Column("state", tr("Assets", "State"), format=state_name),
                Column("purpose", tr("Assets", "Purpose")),
                Column("requested_by", tr("Assets", "Requested by"), format=operator_name),
            ],
        )  # the view's queue: normal work
        self.table = DataTable(self.model, sort_column=0)
        self.quantity = QSpinBox()
        self.quantity.setRange(0, 10_000_000)
        self.quantity.setSpecialValueText(tr("Assets", "all"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Assets", "Note"))
        row = QHBoxLayout()
        row.addWidget(self.quantity)
        row.addWidget(self.note, 1)
        for title, act in (
            (tr("Assets", "Commit"), self.commit),
            (tr("Assets", "Dispatch"), self.dispatch),
            (tr("Assets", "Returned"), lambda: self.settle("returned")),
            (tr("Assets", "Consumed"), lambda: self.settle("consumed")),
            (tr("Assets", "Cancel request"), self.cancel),
        ):
            row.addWidget(self.commands.button(title, act))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.commands.message)

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: bool(self.table.selected())  # noqa: E731
        return [
            ViewAction("commit", tr("Assets", "Commit the selected request"), self.commit, "Ctrl+Return", chosen),
            ViewAction("dispatch", tr("Assets", "Dispatch the selected request"), self.dispatch, "Ctrl+D", chosen),
            ViewAction(
                "returned",
                tr("Assets", "Record what came back"),
                lambda: self.settle("returned"),
                "Ctrl+Shift+R",
                chosen,
            ),
            ViewAction(
                "consumed",
                tr("Assets", "Record what was consumed"),
                lambda: self.settle("consumed"),
                "Ctrl+Shift+U",
                chosen,
            ),
            ViewAction("cancel", tr("Assets", "Cancel the selected request"), self.cancel, "Ctrl+Delete", chosen),
        ]

    def selected(self) -> dict | None:
        chosen = next(iter(self.table.selected()), None)
        if chosen is None:
            self.commands.message.setText(tr("Assets", "Select a request first"))
        return chosen

    async def _step(self, command: str, fields: dict) -> dict | None:
        if (request := self.selected()) is None:
            return None
        result = await self.commands.send(
            command,
            {"request": request["id"], "note": self.note.text() or None} | fields,
            tr("Assets", "Request {n} ({item}): done").format(n=request["id"], item=request["item"]),
        )
        self.table.view.setFocus()
        return result

    async def commit(self) -> dict | None:
        owed = (self.selected() or {}).get("outstanding", 0)
        return await self._step("assets.commit", {"quantity": self.quantity.value() or owed})

    async def dispatch(self) -> dict | None:
        return await self._step("assets.dispatch", {"quantity": self.quantity.value() or None})

    async def settle(self, how: str) -> dict | None:
        out = (self.selected() or {}).get("dispatched", 0)
        return await self._step("assets.settle", {how: self.quantity.value() or out})

    async def cancel(self) -> dict | None:
        if (request := self.selected()) is None or not confirm(
            self,
            tr("Assets", "Cancel the request"),
            tr("Assets", "Cancel request {n} ({item})? What it reserved goes back on the shelf.").format(
                n=request["id"], item=request["item"]
            ),
            tr("Assets", "Cancel the request"),
        ):
            return None
        return await self.commands.send(
            "assets.cancel",
            {"request": request["id"], "reason": self.note.text() or None},
            tr("Assets", "Request {n} cancelled").format(n=request["id"]),
        )
