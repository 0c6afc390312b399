"""The login dialog: the daemon checks the password; its answer is shown as is."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from citybrain.core.client import RequestError
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import tr
from citybrain.widgets.accents import accent


async def log_in(feed: DeskFeed, username: str, password: str) -> dict:
    """Log in through the feed (never blocks the GUI); the session token stays in the client."""
    reply = await asyncio.wrap_future(feed.client.request(
        "login", {"username": username, "password": password, "desk": feed.client.desk_id}))
    feed.client.auth = reply.pop("token")
    feed.set_operator(reply)
    return reply


class LoginDialog(QDialog):
    def __init__(self, feed: DeskFeed, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.feed = feed
        self.setWindowTitle(tr("Login", "Log in to citybrain"))
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        accent(self.error, "errorTitle")
        self.error.setWordWrap(True)
        form.addRow(tr("Login", "User name"), self.username)
        form.addRow(tr("Login", "Password"), self.password)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(lambda: asyncio.ensure_future(self.submit()))
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    async def submit(self) -> None:
        self.error.clear()
        try:
            await log_in(self.feed, self.username.text().strip(), self.password.text())
        except RequestError as exc:
            self.error.setText(exc.message if exc.code != "timeout" else tr("Login", "the daemon did not answer"))
            self.password.selectAll()
            return
        self.password.clear()
        self.accept()
