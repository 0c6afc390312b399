"""Buttons that send commands and say what came of it: the outcome, or the daemon's refusal, in one label."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QPushButton

from citybrain.core.client import RequestError


class Commands(Protocol):
    """What a sender needs of a plugin's DeskContext."""

    def command(self, name: str, payload: dict | None = None, timeout: float = 10.0) -> Awaitable[Any]: ...


class Sender:
    """Sends a view's commands and reports the outcome (or the refusal, word for word) in ``message``."""

    def __init__(self, ctx: Commands) -> None:
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


class ViewTasks:
    """Coroutines a view starts on its own (a reload on a change or a timer): cancelled when the view goes, so a
    late reply never reaches a widget that is no longer there."""

    def __init__(self, owner: QObject) -> None:
        self.tasks: set[asyncio.Task] = set()
        owner.destroyed.connect(self.cancel_all)

    def start(self, coroutine: Coroutine) -> asyncio.Task:
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def cancel_all(self, *_: object) -> None:
        for task in list(self.tasks):
            try:
                task.cancel()
            except RuntimeError:  # its loop is already closed (a desk shutting down): nothing will run it again
                pass
