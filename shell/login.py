"""Logging in: the dialog (the daemon checks the password), and the automatic login of a desk given a user."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from citybrain.core.client import RequestError
from citybrain.core.protocol import E_LOCKED_OUT, E_TIMEOUT, E_UNAUTHENTICATED, E_UNAVAILABLE
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import tr, tr_n
from citybrain.widgets.accents import accent

RETRY_CODES = (E_TIMEOUT, E_UNAVAILABLE)  # the daemon did not answer (yet): try again
RETRY_MS = 2000


async def log_in(feed: DeskFeed, username: str, password: str) -> dict:
    """Log in through the feed (never blocks the GUI); the session token stays in the client."""
    reply = await asyncio.wrap_future(
        feed.client.request("login", {"username": username, "password": password, "desk": feed.client.desk_id})
    )
    feed.client.auth = reply.pop("token")
    feed.set_operator(reply)
    return reply


def refusal_text(exc: RequestError) -> str:
    """Why a login failed, in the desk's language, from its code (the daemon's message is English)."""
    if exc.code == E_LOCKED_OUT:
        seconds = int((exc.details or {}).get("retry_after", 1))
        if seconds > 90:
            return tr_n(
                "Login",
                "Too many failed logins: locked for {n} more minute",
                "Too many failed logins: locked for {n} more minutes",
                -(-seconds // 60),
            )
        return tr_n(
            "Login",
            "Too many failed logins: try again in {n} second",
            "Too many failed logins: try again in {n} seconds",
            seconds,
        )
    if exc.code == E_UNAUTHENTICATED:
        return tr("Login", "Wrong user name or password")
    if exc.code in RETRY_CODES:
        return tr("Login", "the daemon did not answer")
    return tr("Login", "The daemon refused the login")


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
        self.setMinimumWidth(24 * self.fontMetrics().averageCharWidth() + self.fontMetrics().height() * 8)

    async def submit(self) -> None:
        self.error.clear()
        try:
            await log_in(self.feed, self.username.text().strip(), self.password.text())
        except RequestError as exc:
            self.error.setText(refusal_text(exc))
            self.adjustSize()  # a reason on two lines: the dialog grows, nothing under its buttons
            self.password.selectAll()
            return
        self.password.clear()
        self.accept()


class AutoLogin(QObject):
    """Logs ``username`` in as soon as the daemon answers, and again whenever the feed comes back without a
    session: a wall PC or a desk given ``--user`` starts before the daemon (after a power cut) and still ends up
    logged in.  A refusal other than "no answer" (a wrong password) is final: ``failed`` says why."""

    logged_in = Signal(object)  # the operator (dict)
    failed = Signal(str)  # why it gave up

    def __init__(self, feed: DeskFeed, username: str, password: str, parent: QObject | None = None) -> None:
        super().__init__(parent or feed)
        self.feed = feed
        self._credentials: tuple[str, str] | None = (username, password)
        self._trying = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._try)
        feed.stale_changed.connect(self._on_stale)

    def start(self) -> None:
        if not self.feed.stale:
            self._try()

    def _on_stale(self, stale: bool) -> None:
        if stale:
            self._retry.stop()
        else:
            self._try()

    def _try(self) -> None:
        if self._trying or self.feed.stale or self.feed.operator is not None or self._credentials is None:
            return
        self._trying = True
        asyncio.ensure_future(self._log_in())

    async def _log_in(self) -> None:
        if self._credentials is None:  # forgotten (refused) since the try was started
            self._trying = False
            return
        try:
            operator = await log_in(self.feed, *self._credentials)
        except RequestError as exc:
            if exc.code in RETRY_CODES:  # no answer yet: the next try when live again, or in a moment
                self._retry.start(RETRY_MS)
            elif exc.code == E_LOCKED_OUT:  # someone guessed at this name or from this PC: again once it ends
                self._retry.start(int((exc.details or {}).get("retry_after", 1)) * 1000 + RETRY_MS)
            else:
                self._credentials = None
                self.failed.emit(refusal_text(exc))
            return
        finally:
            self._trying = False
        self.logged_in.emit(operator)
