"""Buttons that send commands and say what came of it, where the operator acted, in the operator's language.

Success shows briefly with a ✓; a refusal shows with a ✕ and its reason, translated from the error code and
details (never the daemon's English), and stays until dismissed (its ✕ button, or Esc in the view) or until
the view calls ``sender.clear()`` (when its selection changes).  The two are told apart by their sign, weight
and frame, not by colour.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from citybrain.core import protocol as P
from citybrain.core.client import RequestError
from citybrain.widgets.accents import accent, repolish
from citybrain.widgets.event_loop import spawn, spawn_if_coroutine

if TYPE_CHECKING:
    import asyncio

DONE_MS = 4000  # how long a success stays
VIEW_PROPERTY = "citybrainView"  # set by the desk on a view's frame: Esc dismisses a refusal anywhere inside it
translate = QCoreApplication.translate
_PROBLEM = re.compile(r"^(?:payload|params)\.?(?P<path>[^:]*): (?P<problem>.*)$")


def _generic(code: str) -> str | None:
    """The operator's sentence for an error code, or None for a code this desk does not know."""
    sentences: dict[str, str] = {
        P.E_UNAUTHENTICATED: translate("Sender", "Not logged in: log in first (Ctrl+L)."),
        P.E_FORBIDDEN: translate("Sender", "Your role may not do this."),
        P.E_INVALID_PAYLOAD: translate("Sender", "Some of what was entered is not valid."),
        P.E_REFUSED: translate("Sender", "Refused: this cannot be done now. Nothing was changed."),
        P.E_FAILED: translate("Sender", "The daemon could not do this. Nothing was changed."),
        P.E_PLUGIN_DISABLED: translate("Sender", "This module is switched off on the daemon."),
        P.E_UNKNOWN_COMMAND: translate("Sender", "The daemon does not offer this (a different version?)."),
        P.E_UNKNOWN_QUERY: translate("Sender", "The daemon does not offer this (a different version?)."),
        P.E_TOO_LARGE: translate("Sender", "Too much at once: send less."),
        P.E_TIMEOUT: translate(
            "Sender", "No answer from the daemon in time: check whether it was done before trying again."
        ),
        P.E_UNAVAILABLE: translate("Sender", "No connection to the daemon: nothing was sent."),
        P.E_BAD_FRAME: translate("Sender", "The daemon did not understand this desk (a different version?)."),
        P.E_BAD_VERSION: translate("Sender", "The daemon did not understand this desk (a different version?)."),
        P.E_UNKNOWN_TYPE: translate("Sender", "The daemon did not understand this desk (a different version?)."),
    }
    return sentences.get(code)


def _problem(text: str, labels: Mapping[str, str]) -> str:
    """One validation problem (``payload.unit: must not be null``) as the operator's sentence
    (``单位：必须填写``): the field by its label when the view gave one, else by its name."""
    match = _PROBLEM.match(text)
    if match is None:
        return translate("Sender", "Some of what was entered is not valid.")
    path, problem = match["path"], match["problem"]
    field = labels.get(path) or labels.get(re.sub(r"\[\d+\]", "", path.rsplit(".", 1)[-1])) or path
    if problem in ("must not be null", "required"):
        sentence = translate("Sender", "{field}: must be filled in")
    elif problem.startswith("must be one of"):
        sentence = translate("Sender", "{field}: not one of the allowed values")
    elif problem.startswith(("expected int", "expected float")):
        sentence = translate("Sender", "{field}: must be a number")
    elif problem.startswith("expected str"):
        sentence = translate("Sender", "{field}: must be text")
    elif problem == "unknown field":
        sentence = translate("Sender", "{field}: not expected here")
    else:
        sentence = translate("Sender", "{field}: not valid")
    return sentence.format(field=field)


def refusal_text(
    exc: RequestError, labels: Mapping[str, str] | None = None, reasons: Mapping[str, str] | None = None
) -> str:
    """Why a request was refused, in the operator's language.

    ``reasons`` (a view's own sentences, translated) is looked up by ``details["reason"]``, then by the code,
    then by the daemon's message; a sentence may name details (``"{available} left"``).  ``labels`` names the
    fields of a refused payload.  A code nobody knows shows the daemon's message: better than nothing."""
    details = exc.details if isinstance(exc.details, dict) else {}
    for key in (details.get("reason"), exc.code, exc.message):
        if reasons and isinstance(key, str) and key in reasons:
            try:
                return reasons[key].format(**details)
            except (KeyError, IndexError, ValueError):
                return reasons[key]
    if exc.code == P.E_INVALID_PAYLOAD and isinstance(exc.details, list) and exc.details:
        return "\n".join(_problem(str(problem), labels or {}) for problem in exc.details)
    if details.get("reason") == "outside_unit":  # the daemon's unit scoping, for every view (docs/protocol.md, Units)
        return translate("Sender", "Outside your unit: another unit's desk handles this. Nothing was changed.")
    return _generic(exc.code) or exc.message


class Feedback(QFrame):
    """The line under a view's buttons: ``✓ done`` for a while, ``✕ reason`` until dismissed, or a plain note
    (``setText``, as on a label: "Select a case first")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        self.sign = QLabel()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(translate("Sender", "Dismiss (Esc)"))
        self.close_button.clicked.connect(self.clear)
        sign = self.sign.font()
        sign.setBold(True)
        self.sign.setFont(sign)
        layout.addWidget(self.sign)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self._escape: QShortcut | None = None
        accent(self, "feedback")
        self.setMinimumHeight(self.close_button.sizeHint().height() + 4)  # empty, it keeps its place: nothing jumps
        self._show("", "")

    @property
    def kind(self) -> str:
        """``done``, ``refused``, ``note`` or ``""`` (nothing shown)."""
        return str(self.property("kind") or "")

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - a label's name: views set notes as on a QLabel
        self._show("note" if text else "", text)

    def done(self, text: str) -> None:
        self._show("done" if text else "", text)
        if text:
            self._timer.start(DONE_MS)

    def refused(self, text: str) -> None:
        self._show("refused", text)

    def clear(self) -> None:
        self._show("", "")

    def _show(self, kind: str, text: str) -> None:
        self._timer.stop()
        self.setProperty("kind", kind)
        self.sign.setText({"done": "✓", "refused": "✕"}.get(kind, ""))
        self.sign.setVisible(kind in ("done", "refused"))
        bold = self.label.font()
        bold.setBold(kind == "refused")
        self.label.setFont(bold)
        self.label.setText(text)
        self.close_button.setVisible(kind == "refused")
        repolish(self)
        if kind == "refused":
            self._listen_for_escape()
        if self._escape is not None:
            self._escape.setEnabled(kind == "refused")

    def _listen_for_escape(self) -> None:
        """Esc anywhere in the view dismisses a refusal: the view is the nearest ancestor the desk marked, else
        the outermost one under the window."""
        if self._escape is not None:
            return
        view = self.parentWidget()
        if view is None:
            return  # not placed in a view yet: the ✕ button still dismisses it
        while not view.property(VIEW_PROPERTY) and not view.isWindow():
            parent = view.parentWidget()
            if parent is None or parent.isWindow():
                break
            view = parent
        self._escape = QShortcut(
            QKeySequence(Qt.Key.Key_Escape), view, self.clear, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )


class Commands(Protocol):
    """What a sender needs of a plugin's DeskContext."""

    def command(self, name: str, payload: dict | None = None, timeout: float = 10.0) -> Awaitable[Any]: ...


class Sender:
    """Sends a view's commands and shows what came of each in ``message`` (a ``Feedback``: put it under the
    view's buttons).  ``labels`` name the fields of the view's payloads (``{"unit": tr("Duty", "Unit")}``) and
    ``reasons`` give the view's own sentences for refusals (see ``refusal_text``)."""

    def __init__(
        self, ctx: Commands, labels: Mapping[str, str] | None = None, reasons: Mapping[str, str] | None = None
    ) -> None:
        self.ctx = ctx
        self.labels = dict(labels or {})
        self.reasons = dict(reasons or {})
        self.message = Feedback()

    def button(self, title: str, act: Callable[[], Any]) -> QPushButton:
        """A button whose click runs ``act`` (a coroutine function, or a plain one)."""
        button = QPushButton(title)
        button.clicked.connect(lambda: self.run(act))
        return button

    def run(self, act: Callable[[], Any]) -> None:
        result = act()
        spawn_if_coroutine(result)

    async def send(self, name: str, payload: dict, done: str = "") -> Any | None:
        """The command's result, or None once the refusal is shown."""
        try:
            result = await self.ctx.command(name, payload)
        except RequestError as exc:
            self.refused(exc)
            return None
        if done:
            self.message.done(done)
        else:
            self.message.clear()
        return result

    def refused(self, exc: RequestError) -> None:
        """Show a refusal the view caught itself (from ``ctx.command`` or ``ctx.query``)."""
        self.message.refused(refusal_text(exc, self.labels, self.reasons))

    def done(self, text: str) -> None:
        """Show a success the view found out itself."""
        self.message.done(text)

    def clear(self) -> None:
        """Forget what was shown: call it when the view's selection changes."""
        self.message.clear()

    @staticmethod
    def set_enabled(button: QAbstractButton, enabled: bool, why: str = "") -> None:
        """Enable ``button``, or disable it with ``why`` as its tooltip ("Only a new case can be dispatched");
        enabled again, it gets back the tooltip it had before."""
        if button.property("citybrainTip") is None:
            button.setProperty("citybrainTip", button.toolTip() if button.isEnabled() else "")
        button.setEnabled(enabled)
        button.setToolTip(str(button.property("citybrainTip")) if enabled else why)


class ViewTasks:
    """Coroutines a view starts on its own (a reload on a change or a timer): cancelled when the view goes, so a
    late reply never reaches a widget that is no longer there."""

    def __init__(self, owner: QObject) -> None:
        self.tasks: set[asyncio.Task] = set()
        owner.destroyed.connect(self.cancel_all)

    def start(self, coroutine: Coroutine) -> asyncio.Task | None:
        """The coroutine as a task; None when no event loop runs any more (a desk shutting down, a view a test left
        behind whose timer fires after the test's loop has gone): a view's own reload is then simply not done."""
        try:
            task = spawn(coroutine)
        except RuntimeError:
            coroutine.close()
            return None
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def cancel_all(self, *_: object) -> None:
        for task in list(self.tasks):
            # RuntimeError: its loop is already closed (a desk shutting down), nothing will run it again
            with contextlib.suppress(RuntimeError):
                task.cancel()


class RestingRow:
    """What a view shows for the row where its list's selection rests (a resident's card), asked one at a time.
    Holding Down through a list of 439 asked once per row: the queries queued on the daemon, and an action
    pressed at the end timed out behind them.  Call ``moved(record)`` on every selection change (None: nothing
    selected); ``ask(record)`` runs for the row where the selection rests once the previous answer is in, and
    ``show(record, answer)`` gets its answer only if the selection is still on that row.  ``ask`` handles its own
    refusals (returning what ``show`` takes, or None)."""

    def __init__(
        self, tasks: ViewTasks, ask: Callable[[Any], Awaitable[Any]], show: Callable[[Any, Any], None]
    ) -> None:
        self.tasks, self.ask, self.show = tasks, ask, show
        self.record: Any = None
        self.asking = False  # an answer is being waited for
        self._moved = False  # the selection moved meanwhile: ask again for where it rests

    def moved(self, record: Any) -> None:
        self.record = record
        if self.asking:
            self._moved = True
            return
        self.asking = True
        if self.tasks.start(self._follow()) is None:
            self.asking = False

    async def _follow(self) -> None:
        try:
            self._moved = True
            while self._moved:
                self._moved = False
                record = self.record
                answer = await self.ask(record)
                if not self._moved and self.record is record:
                    self.show(record, answer)
        finally:
            self.asking = False
