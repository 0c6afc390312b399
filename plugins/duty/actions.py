"""What the duty views share: send a command from a button and say what came of it; the units to choose from."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from citybrain.shell.api import DeskContext, RequestError


class Sender:
    """Sends commands for a view and reports the outcome (or the daemon's refusal) in ``message``."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.message = QLabel()
        self.message.setWordWrap(True)

    def button(self, title: str, act: Callable[[], Any]) -> QPushButton:
        """A button whose click runs ``act`` (a coroutine function, or a plain one)."""
        button = QPushButton(title)
        button.clicked.connect(lambda: self.run(act))
        return button

    def run(self, act: Callable[[], Any]) -> None:
        result = act()
        if asyncio.iscoroutine(result):
            asyncio.ensure_future(result)

    async def send(self, name: str, payload: dict, done: str = "") -> Any | None:
        """The command's result, or None once the refusal is shown."""
        try:
            result = await self.ctx.command(name, payload)
        except RequestError as exc:
            self.message.setText(exc.message)
            return None
        self.message.setText(done)
        return result


def unit_box(ctx: DeskContext) -> QComboBox:
    """The units keeping duty together (as the daemon's configuration names them, from the on-duty board)."""
    box = QComboBox()
    for code, name in sorted({(r["unit"], r["unit_name"]) for r in ctx.records("duty.now")}):
        box.addItem(name, code)
    return box
