"""The handover view: the outgoing officer compiles and signs, the incoming accepts or returns with a question;
what is shown is exactly the document that is signed and exported to PDF."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from citybrain.plugins.duty.names import position_name, unit_name
from citybrain.plugins.duty.reports import handover_html, local, state_name
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.widgets import DataTable, Sender, confirm, write_pdf
from citybrain.widgets.palette import Marker

HANDOVERS, NOW = "duty.handovers", "duty.now"


def handover_severity(record: dict) -> Marker | None:
    """Signed and waiting for the incoming officer; returned with a question for the outgoing one."""
    if record["state"] == "submitted":
        return Marker("low", "waiting", tr("Duty", "to be accepted"))
    return Marker("medium", "waiting", tr("Duty", "returned")) if record["state"] == "returned" else None


class HandoverView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.commands = Sender(
            ctx,
            reasons={
                "own_login": tr("Duty", "The incoming officer accepts with their own login, not the one that signed")
            },
        )
        self.outgoing = QComboBox()
        self.outgoing.setEditable(True)
        self.incoming = QLineEdit()
        self.incoming.setPlaceholderText(tr("Duty", "from the roster unless named"))
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(tr("Duty", "Notes for the next shift"))
        self.notes.setMaximumHeight(self.fontMetrics().height() * 5)
        form = QFormLayout()
        form.addRow(tr("Duty", "Outgoing"), self.outgoing)
        form.addRow(tr("Duty", "Incoming"), self.incoming)
        form.addRow(tr("Duty", "Notes"), self.notes)
        self.model = ctx.model(
            HANDOVERS,
            [
                Column("id", tr("Duty", "No.")),
                Column("outgoing", tr("Duty", "Outgoing")),
                Column("incoming", tr("Duty", "Incoming")),
                Column("state", tr("Duty", "State"), format=lambda s: state_name(s, tr)),
                Column("compiled_at", tr("Duty", "Compiled"), format=local),
            ],
            severity=handover_severity,
        )
        self.table = DataTable(self.model, sort_column=0, order=Qt.SortOrder.DescendingOrder)
        self.table.view.selectionModel().selectionChanged.connect(self.show_selected)
        self.document = QTextBrowser()
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.document)
        split.setSizes([1, 2])  # proportions: the document is what matters
        buttons = QHBoxLayout()
        self.buttons = {
            "draft": self.commands.button(tr("Duty", "Compile draft"), self.draft),
            "submit": self.commands.button(tr("Duty", "Sign and submit"), self.sign),
            "accept": self.commands.button(
                tr("Duty", "Accept"), lambda: self.decide("duty.handover.decide", accept=True)
            ),
            "return": self.commands.button(tr("Duty", "Return with a question…"), self.ask),
            "pdf": self.commands.button(tr("Duty", "Export PDF…"), self.choose_pdf),
        }
        for button in self.buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addWidget(self.commands.message)
        ctx.on_change(NOW, self.refresh_people)
        self.pending: int | None = None  # a draft just compiled, to select when it arrives
        ctx.on_change(HANDOVERS, self._changed)
        self.refresh_people()
        self.show_selected()

    def refresh_people(self) -> None:
        names = sorted({p["name"] for post in self.ctx.records(NOW) for p in post["on_duty"]})
        current = self.outgoing.currentText()
        self.outgoing.clear()
        self.outgoing.addItems(names)
        if current:
            self.outgoing.setCurrentText(current)

    def selected(self) -> dict | None:
        return next(iter(self.table.selected()), None)  # as shown, which is what is signed

    def show_selected(self, *_: object) -> None:
        record = self.selected()
        self.document.setHtml(self.html(record) if record else f"<p align=center>{escape(self.empty_text())}</p>")
        state = record["state"] if record else None
        for key, ready in (
            ("submit", state == "draft"),
            ("accept", state == "submitted"),
            ("return", state == "submitted"),
            ("pdf", record is not None),
        ):
            self.buttons[key].setEnabled(ready)
            self.buttons[key].setToolTip("" if ready else self.why_not(key, state))

    def empty_text(self) -> str:
        """What the document pane says with no handover selected: never a blank pane."""
        if not self.ctx.records(HANDOVERS):
            return tr(
                "Duty",
                "No handover yet this shift: the outgoing officer compiles a draft (Compile draft), "
                "checks it, then signs it",
            )
        return tr("Duty", "Select a handover to read it")

    def html(self, record: dict) -> str:
        """The handover as a document in the desk's language, its post named."""
        return handover_html(
            record,
            tr,
            lambda unit, position: f"{unit_name(self.ctx, unit)} · {position_name(position, position)}",
            self.ctx.open_item_text,
        )

    @staticmethod
    def why_not(key: str, state: str | None) -> str:
        if state is None:
            return tr("Duty", "Select a handover first")
        named = state_name(state, tr)
        return (
            tr("Duty", "Only a draft is signed; this one is {state}")
            if key == "submit"
            else tr("Duty", "Only a signed handover is accepted or returned; this one is {state}")
        ).format(state=named)

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("draft", tr("Duty", "Compile a handover draft"), self.draft, "Ctrl+Shift+D"),
            ViewAction(
                "sign",
                tr("Duty", "Sign and submit the handover"),
                self.sign,
                "Ctrl+Shift+Return",
                self.buttons["submit"].isEnabled,
            ),
            ViewAction(
                "accept",
                tr("Duty", "Accept the handover"),
                lambda: self.decide("duty.handover.decide", accept=True),
                "Ctrl+Return",
                self.buttons["accept"].isEnabled,
            ),
            ViewAction(
                "return",
                tr("Duty", "Return the handover with a question"),
                self.ask,
                "Ctrl+R",
                self.buttons["return"].isEnabled,
            ),
        ]

    def select(self, handover_id: int) -> bool:
        """Select a handover if the table holds it yet (the replica may be ahead of the table by one batch)."""
        row = next((r for r in range(self.model.rowCount()) if self.model.record_at(r)["id"] == handover_id), None)
        if row is not None:
            self.table.view.selectRow(row)
        return row is not None

    async def draft(self) -> None:
        payload = {
            "person": self.outgoing.currentText().strip(),
            "to": self.incoming.text().strip() or None,
            "notes": self.notes.toPlainText(),
        }
        record = await self.commands.send(
            "duty.handover.draft", payload, tr("Duty", "Draft compiled: check it, then sign")
        )
        if record:
            self.pending = record["id"]  # selected once the feed brings it
            self._changed()

    def _changed(self) -> None:
        if self.pending is not None and self.select(self.pending):
            self.pending = None
        self.show_selected()

    async def sign(self) -> None:
        """A signature cannot be taken back: asked first, naming the handover."""
        record = self.selected()
        if record is not None and confirm(
            self,
            tr("Duty", "Sign the handover"),
            tr("Duty", "Sign and submit handover {n} from {outgoing}? What is signed cannot be changed.").format(
                n=record["id"], outgoing=record["outgoing"]
            ),
            tr("Duty", "Sign and submit"),
        ):
            await self.decide("duty.handover.submit")
        self.table.view.setFocus()

    async def decide(self, command: str, accept: bool | None = None, question: str | None = None) -> None:
        record = self.selected()
        if record is None:
            return
        payload = {"handover": record["id"]}
        if accept is not None:
            payload |= {"accept": accept, "question": question}
        done = (
            tr("Duty", "Handover {n} signed and submitted")
            if accept is None
            else tr("Duty", "Handover {n} accepted")
            if accept
            else tr("Duty", "Handover {n} returned with the question")
        )
        await self.commands.send(command, payload, done.format(n=record["id"]))
        self.table.view.setFocus()

    async def ask(self) -> None:
        question, ok = QInputDialog.getText(self, tr("Duty", "Return the handover"), tr("Duty", "What is unclear?"))
        if ok:
            await self.decide("duty.handover.decide", accept=False, question=question)

    def choose_pdf(self) -> None:
        record = self.selected()
        if record is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Duty", "Export the handover"), f"handover-{record['id']}.pdf", "PDF (*.pdf)"
        )
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> Path | None:
        record = self.selected()
        if record is None:
            return None
        try:
            write_pdf(self.html(record), path, tr("Duty", "Shift handover {n}").format(n=record["id"]))
        except OSError as exc:
            self.commands.message.setText(str(exc))
            return None
        self.commands.message.setText(tr("Duty", "Saved {path}").format(path=path))
        return path
