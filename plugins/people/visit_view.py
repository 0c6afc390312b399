"""Resident visits for committee staff (化百表为一表): find a resident, fill in the one visit form (what is known is
already there), save it (Enter or Ctrl+S); the visits of the last months below, a follow-up marked; and any business
line's ledger (台账) of a unit exported from them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from citybrain.core.api import bundled, load_form
from citybrain.plugins.people import LEDGER, RESIDENTS, VISIT, VISIT_FORM, VISITS
from citybrain.plugins.people.residents_view import LIMIT, export_workbook, tags_text
from citybrain.plugins.people.words import SEX, unit_name
from citybrain.shell.api import CollectionTableModel, Column, DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import DataTable, FormView, Marker, Sender, ViewTasks

UNIT_KINDS = ("committee", "subdistrict", "district")


class VisitView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = ViewTasks(self)
        self.commands = Sender(
            ctx,
            reasons={
                "deceased": tr("People", "This resident is recorded as deceased"),
                "visit_cap": tr("People", "You have recorded the most visits one staff member may record for that day"),
            },
        )
        self.person: dict | None = None
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("People", "Name, or the start of an ID number (Enter searches)"))
        self.text.returnPressed.connect(lambda: self.commands.run(self.search))
        self.found = CollectionTableModel(
            [
                Column("name", tr("People", "Name")),
                Column("sex", tr("People", "Sex"), format=SEX),
                Column("age", tr("People", "Age")),
                Column("compound", tr("People", "Compound"), format=lambda c: unit_name(ctx, c)),
                Column("tags", tr("People", "Tags"), format=tags_text),
            ]
        )
        self.residents = DataTable(self.found, sort_column=0)
        self.residents.set_empty_text(tr("People", "Type a name, then Enter."))
        self.residents.view.selectionModel().selectionChanged.connect(lambda *_: self.open())
        self.visits = DataTable(
            ctx.model(
                VISITS,
                [
                    Column("visited_on", tr("People", "Visited on")),
                    Column("name", tr("People", "Name")),
                    Column("compound", tr("People", "Compound"), format=lambda c: unit_name(ctx, c)),
                    Column("visitor", tr("People", "Visitor")),
                    Column("fields", tr("People", "Answers")),
                    Column("cells", tr("People", "Ledger cells it replaces")),
                    Column("tags", tr("People", "Tags after the visit"), format=tags_text),
                ],
                severity=lambda v: Marker("low", "steady", tr("People", "follow up")) if v["follow_up"] else None,
            ),
            sort_column=0,
            order=Qt.SortOrder.DescendingOrder,
            filter_placeholder=tr("People", "Search visits…"),
        )
        self.unit, self.line = QComboBox(), QComboBox()
        ctx.on_change("org.units", self._units)
        self._units()
        ledger = QHBoxLayout()
        ledger.addWidget(QLabel(tr("People", "Ledger of")))
        ledger.addWidget(self.unit, 1)
        ledger.addWidget(self.line)
        ledger.addWidget(self.commands.button(tr("People", "Export ledger…"), self.export))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.text)
        left_layout.addWidget(self.residents, 2)
        left_layout.addWidget(QLabel(tr("People", "Visits of the last four months")))
        left_layout.addWidget(self.visits, 3)
        left_layout.addLayout(ledger)
        self.source = ""  # the visit form's text self.form shows
        self.form = self._form_view(*self._form_in_force())
        self.header = QLabel(tr("People", "Select a resident to visit"))
        self.save_button = self.commands.button(tr("People", "Save the visit (Ctrl+S)"), lambda: self.form.save())
        Sender.set_enabled(self.save_button, False, tr("People", "Select a resident first"))
        right = QWidget()
        self.right_layout = QVBoxLayout(right)
        self.right_layout.setContentsMargins(0, 0, 0, 0)
        self.right_layout.addWidget(self.header)
        self.right_layout.addWidget(self.form, 1)
        self.right_layout.addWidget(self.save_button)
        ctx.on_change(VISIT_FORM, self._form_changed)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([650, 550])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.commands.message)

    def _form_in_force(self) -> tuple[str, list[str]]:
        """The daemon's visit form (its text) and the lines with a ledger; the shipped form until the feed has told
        which (the same, unless the district configured its own)."""
        record = self.ctx.record(VISIT_FORM, "visit")
        if record is not None:
            return record["source"], record["ledgers"]
        return bundled("citybrain.configs", "people", "visit_form.toml").read_text(encoding="utf-8"), []

    def _form_view(self, source: str, lines: list[str]) -> FormView:
        """A form view of ``source``, disabled until a resident is chosen; and the ledger lines to pick from."""
        self.source = source
        view = FormView(load_form(source))
        view.submitted.connect(lambda answers: self.commands.run(lambda: self.save(answers)))
        view.setEnabled(False)
        view.setToolTip(tr("People", "Select a resident first"))
        self._fill_lines(view, lines)
        return view

    def _fill_lines(self, view: FormView, lines: list[str]) -> None:
        chosen = self.line.currentData()
        self.line.clear()
        for code in lines:
            chinese, english = view.form.lines[code]
            self.line.addItem(chinese if self.form_chinese() else english, code)
        self.line.setCurrentIndex(max(0, self.line.findData(chosen)))

    def _form_changed(self) -> None:
        """The daemon's form arrived or changed (a district's own, or the daemon restarted with another): the view
        shows it; what was typed into the old one is dropped (its fields may no longer exist)."""
        source, lines = self._form_in_force()
        if source == self.source:
            self._fill_lines(self.form, lines)
            return
        old, self.form = self.form, self._form_view(source, lines)
        self.right_layout.replaceWidget(old, self.form)
        old.deleteLater()
        if self.person is not None:
            self._show(self.person)

    @staticmethod
    def form_chinese() -> bool:
        from PySide6.QtCore import QLocale

        return QLocale().name().startswith("zh")

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("search", tr("People", "Search residents"), self.focus_search, "Ctrl+F", places_focus=True),
            ViewAction(
                "form",
                tr("People", "Go to the visit form"),
                self.focus_form,
                "Ctrl+G",
                lambda: self.person is not None,
            ),
        ]

    def focus_search(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def focus_form(self) -> None:
        first = next(iter(self.form.editors.values()))
        first.focusables()[0].setFocus()

    def _units(self) -> None:
        chosen = self.unit.currentData()
        self.unit.clear()
        units = [u for u in self.ctx.records("org.units") if u.get("kind") in UNIT_KINDS]
        for u in sorted(units, key=lambda u: (UNIT_KINDS.index(u["kind"]), u["code"])):
            self.unit.addItem(u["name"], u["code"])
        if chosen is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(chosen)))

    async def search(self) -> None:
        try:
            found = await self.ctx.query(RESIDENTS, {"text": self.text.text().strip() or None, "limit": LIMIT})
        except RequestError as exc:
            self.commands.refused(exc)
            return
        self.commands.clear()
        self.found.reset({r["id"]: r for r in found})
        if found:
            self.residents.view.selectRow(0)

    def open(self) -> None:
        """The selected resident's sheet: asks first when the form holds changes for someone else."""
        chosen = self.residents.selected()
        person = chosen[0] if chosen else None
        if self.person is not None and person is not None and person["id"] == self.person["id"]:
            return
        if self.person is not None and self.form.dirty() and not self.form.ask_discard():
            row = self.found.row_of(self.person["id"])
            if row is not None:
                self.residents.view.selectionModel().blockSignals(True)
                self.residents.view.selectRow(row)
                self.residents.view.selectionModel().blockSignals(False)
            return
        self.person = person
        self.commands.clear()
        if person is None:
            self.header.setText(tr("People", "Select a resident to visit"))
            self.form.setEnabled(False)
            Sender.set_enabled(self.save_button, False, tr("People", "Select a resident first"))
            return
        self._show(person)

    def _show(self, person: dict) -> None:
        """The form for ``person``: what is known of them filled in."""
        self.form.set_known(person)
        self.form.setEnabled(True)
        self.form.setToolTip("")
        Sender.set_enabled(self.save_button, True, "")
        if person.get("committee"):
            self.unit.setCurrentIndex(max(0, self.unit.findData(person["committee"])))
        line = tr("People", "{sex}, {age} · {compound}, {committee}").format(
            sex=SEX(person["sex"]),
            age=person["age"],
            compound=unit_name(self.ctx, person["compound"]),
            committee=unit_name(self.ctx, person["committee"]),
        )
        self.header.setText(f"<b>{escape(person['name'])}</b> {escape(line)}")

    async def save(self, answers: dict) -> None:
        person = self.person
        if person is None:
            return
        done = await self.commands.send(
            VISIT, {"person": person["id"], "committee": person["committee"], "answers": answers}
        )
        if done is None or self.person is not person:
            return
        self.form.saved()
        self.commands.done(
            tr("People", "{name}: visit recorded; tags now {tags}").format(
                name=person["name"], tags=tags_text(done["tags"]) or "—"
            )
        )
        person.update({"tags": done["tags"]} | {k: v[1] for k, v in done["changed"].items()})

    async def export(self) -> None:
        unit, line = self.unit.currentData(), self.line.currentData()
        if unit is None:
            self.commands.message.refused(tr("People", "Pick the unit whose ledger to export"))
            return
        await export_workbook(
            self,
            self.ctx,
            self.commands,
            tr("People", "Export a ledger (masked)"),
            LEDGER,
            {"line": line, "unit": unit},
            tr("People", "Ledger exported, masked; the export is in the audit log"),
        )
