"""The desk half: a table of greetings and a box to send one."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from citybrain.shell.api import Column, DeskContext, RequestError, ViewSpec, hookimpl
from citybrain_hello import COLLECTION


class HelloView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = ctx.model(
            COLLECTION, [Column("id", "#"), Column("name", "Name"), Column("by", "By"), Column("at", "When")]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.name = QLineEdit(placeholderText="Name")
        send = QPushButton("Greet")
        send.clicked.connect(lambda: asyncio.ensure_future(self.send()))
        row = QHBoxLayout()
        row.addWidget(self.name)
        row.addWidget(send)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.name.setText(str(ctx.settings.value("last_name", "")))  # plugins keep their own settings

    async def send(self) -> None:
        try:
            await self.ctx.command("hello.greet", {"name": self.name.text()})
        except RequestError as exc:
            self.ctx.notify("Hello", exc.message, "warning")
            return
        self.ctx.settings.setValue("last_name", self.name.text())
        self.name.clear()  # the new row arrives through the feed, like on every other desk


@hookimpl
def citybrain_views():
    return [ViewSpec("hello.board", "Hello", HelloView, collections=(COLLECTION,))]
