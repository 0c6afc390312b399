"""Residents: search by name, ID number's start, org unit or tag; each row masked as the daemon sent it; a person's
card with every tag they carry and why, their benefits and which source listed them; and the reveal, which asks the
reason first and shows the full ID number, phone and health for this person alone until the selection moves.

Nothing here unmasks: the daemon masks every answer (``people.residents``, ``people.person``) and only a duty
leader's ``people.reveal`` with a typed reason returns the values, once, kept in the daemon's reveal log."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from citybrain.core.times import local_date
from citybrain.plugins.people import EXPORT, PERSON, RESIDENTS, REVEAL, TAGS
from citybrain.plugins.people.panes import card_label, list_and_card
from citybrain.plugins.people.words import CONFLICT_KINDS, SEX, SOURCES, criterion_text, programme_names, unit_name
from citybrain.shell.api import CollectionTableModel, Column, DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import DataTable, RestingRow, Sender, ViewTasks

LIMIT = 200  # rows a search shows; the operator narrows it
REASON_CHARS = 4  # the daemon's least reason (people.residents.REASON_CHARS)
REVEALERS = ("duty_leader", "admin")  # roles the daemon lets reveal


def tags_text(tags: list[str]) -> str:
    return "、".join(tags)


class ResidentsView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = ViewTasks(self)
        self.commands = Sender(
            ctx,
            labels={"reason": tr("People", "Reason")},
            reasons={"reason_needed": tr("People", "Say why, in four characters or more")},
        )
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("People", "Name, or the start of an ID number (Enter searches)"))
        self.text.returnPressed.connect(lambda: self.commands.run(self.search))
        self.tag = QComboBox()
        self.tag.addItem(tr("People", "Any tag"), None)
        for definition in sorted(ctx.records(TAGS), key=lambda d: d["name"]):
            self.tag.addItem(definition["name"], definition["name"])
        self.tag.currentIndexChanged.connect(lambda _: self.commands.run(self.search))
        self.model = CollectionTableModel(
            [
                Column("name", tr("People", "Name")),
                Column("sex", tr("People", "Sex"), format=SEX),
                Column("age", tr("People", "Age")),
                Column("id_masked", tr("People", "ID number")),
                Column("phone_masked", tr("People", "Phone")),
                Column("compound", tr("People", "Compound"), format=lambda c: unit_name(ctx, c)),
                Column("committee", tr("People", "Committee"), format=lambda c: unit_name(ctx, c)),
                Column("tags", tr("People", "Tags"), format=tags_text),
            ]
        )
        self.table = DataTable(self.model, sort_column=0)
        self.table.set_empty_text(tr("People", "Type a name or pick a tag, then Enter."))
        self.cards = RestingRow(self.tasks, self._ask_card, self._card_answered)
        self.table.view.selectionModel().currentRowChanged.connect(lambda current, _: self.row_changed(current))
        self.found = QLabel()
        self.card = card_label()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            tr("People", "Why you need the full ID number, phone and health (Enter reveals)")
        )
        self.reason.returnPressed.connect(lambda: self.commands.run(self.reveal))
        self.reason.textChanged.connect(lambda _: self._enable())
        self.reveal_button = self.commands.button(tr("People", "Reveal"), self.reveal)
        self.export_button = self.commands.button(tr("People", "Export (masked)…"), self.export)
        list_and_card(
            self,
            [(self.text, 1), (self.tag, 0), (self.export_button, 0)],
            self.table,
            self.found,
            self.card,
            [[(self.reason, 1), (self.reveal_button, 0)]],
            self.commands.message,
            (700, 400),
        )
        self.person: dict | None = None
        self.revealed: dict | None = None
        self._enable()

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("search", tr("People", "Search residents"), self.focus_search, "Ctrl+F", places_focus=True),
            ViewAction(
                "reveal",
                tr("People", "Reveal the selected resident's ID number, phone and health"),
                self.focus_reason,
                "Ctrl+R",
                lambda: self.person is not None,
            ),
        ]

    def focus_search(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def focus_reason(self) -> None:
        self.reason.setFocus()

    def _may_reveal(self) -> bool:
        operator = self.ctx.operator or {}
        return operator.get("role") in REVEALERS

    def _enable(self) -> None:
        if self.person is None:
            why = tr("People", "Select a resident first")
        elif not self._may_reveal():
            why = tr("People", "Only a duty leader may reveal a resident's ID number, phone and health")
        elif len(self.reason.text().strip()) < REASON_CHARS:
            why = tr("People", "Say why, in four characters or more")
        else:
            why = ""
        Sender.set_enabled(self.reveal_button, not why, why)
        self.reason.setEnabled(self.person is not None and self._may_reveal())

    def _params(self) -> dict:
        return {"text": self.text.text().strip() or None, "tag": self.tag.currentData(), "limit": LIMIT}

    async def search(self) -> None:
        try:
            found = await self.ctx.query(RESIDENTS, self._params())
        except RequestError as exc:
            self.commands.refused(exc)
            return
        self.commands.clear()
        self.model.reset({r["id"]: r for r in found})
        more = tr("People", " (the first {n}: narrow the search)").format(n=LIMIT) if len(found) >= LIMIT else ""
        self.found.setText(tr("People", "{n} residents found").format(n=len(found)) + more)
        if found:
            self.table.view.selectRow(0)

    def row_changed(self, current: QModelIndex) -> None:
        """A resident's card is asked for once the selection rests on their row (:class:`RestingRow`)."""
        self.revealed, self.person = None, None
        self.reason.clear()
        self._enable()
        self.cards.moved(self.model.record_at(current.row()) if current.isValid() else None)

    async def _ask_card(self, chosen: dict | None) -> dict | None:
        if chosen is None:
            self.card.clear()
            return None
        try:
            cards = await self.ctx.query(PERSON, {"person": chosen["id"]})
        except RequestError as exc:
            self.commands.refused(exc)
            return None
        return cards[0] if cards else None

    def _card_answered(self, chosen: dict | None, card: dict | None) -> None:
        self.person = card
        self.show_card()
        self._enable()

    def show_card(self) -> None:
        card = self.person
        if card is None:
            return
        r = card["resident"]
        line = tr("People", "{sex}, {age} · {compound}, {committee}").format(
            sex=SEX(r["sex"]),
            age=r["age"],
            compound=unit_name(self.ctx, r["compound"]),
            committee=unit_name(self.ctx, r["committee"]),
        )
        shown = self.revealed or {}
        rows = [
            (tr("People", "ID number"), shown.get("id_number", r["id_masked"])),
            (tr("People", "Phone"), shown.get("phone", r["phone_masked"]) or "—"),
            (tr("People", "Health"), shown.get("health", r["health_masked"]) or "—"),
            (tr("People", "Listed by"), "、".join(SOURCES(s) for s in r["sources"])),
        ]
        parts = [
            f"<b>{escape(r['name'])}</b> {escape(line)}",
            "<table>"
            + "".join(f"<tr><td>{escape(k)}&nbsp;</td><td>{escape(str(v))}</td></tr>" for k, v in rows)
            + "</table>",
        ]
        if self.revealed:
            parts.append(f"<i>{escape(tr('People', 'Revealed for this request only; kept in the reveal log.'))}</i>")
        parts.append(f"<b>{escape(tr('People', 'Tags'))}</b>")
        because = tr("People", "{tag}: because {reasons}")
        lines = [
            because.format(tag=t["tag"], reasons=" · ".join(map(criterion_text, t["reasons"]))) for t in card["tags"]
        ]
        parts.append("<br>".join(map(escape, lines)) or "—")
        parts.append(f"<b>{escape(tr('People', 'Benefits'))}</b>")
        names = programme_names(self.ctx)
        parts.append(
            "<br>".join(
                f"{escape(names.get(b['programme'], b['programme']))} {local_date(b['since'])} – "
                f"{local_date(b['until']) if b['until'] else ''} ({escape(SOURCES(b['source']))})"
                for b in card["benefits"]
            )
            or "—"
        )
        if card["conflicts"]:
            parts.append(f"<b>{escape(tr('People', 'Sources disagree'))}</b>")
            parts.append("<br>".join(escape(CONFLICT_KINDS(c["kind"])) for c in card["conflicts"]))
        self.card.setText("<br>".join(parts))

    async def reveal(self) -> None:
        if self.person is None or not self.reveal_button.isEnabled():
            return
        person = self.person["resident"]["id"]
        result = await self.commands.send(REVEAL, {"person": person, "reason": self.reason.text().strip()})
        if result is not None and self.person is not None and self.person["resident"]["id"] == person:
            self.revealed = result
            self.reason.clear()
            self.show_card()

    async def export(self) -> None:
        await export_workbook(
            self,
            self.ctx,
            self.commands,
            tr("People", "Export residents (masked)"),
            EXPORT,
            self._params() | {"limit": 5_000},
            tr("People", "Exported, masked; the export is in the audit log"),
        )


async def export_workbook(
    view: QWidget, ctx: DeskContext, commands: Sender, title: str, query: str, params: dict, done: str
) -> None:
    """Ask where, then fetch an Excel export (an audited query) and write it there; a refusal shown where asked."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(view, title, "", "Excel (*.xlsx)")
    if not path:
        return
    try:
        data = await ctx.query(query, params)
    except RequestError as exc:
        commands.refused(exc)
        return
    with open(path if path.endswith(".xlsx") else path + ".xlsx", "wb") as out:
        out.write(data)
    commands.done(done)
