"""The case inbox: one unit's cases, and a notification when one arrives there."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from citybrain.plugins.cases.actions import case_label
from citybrain.plugins.cases.case_table import CaseTable
from citybrain.plugins.cases.chooser import OWNER_KINDS
from citybrain.plugins.cases.display import OPEN, UNITS
from citybrain.shell.api import DeskContext, tr


def waits_for(record: dict, unit: str | None) -> bool:
    """A case in ``unit``'s inbox: one it owns, or one not yet dispatched (new, or rejected back) whose chain ends
    at ``unit``: the district's dispatcher sends those on."""
    if record.get("owner") is not None:
        return record["owner"] == unit
    return record.get("state") == "new" and bool(record.get("chain")) and record["chain"][-1] == unit


class InboxView(CaseTable):
    """One unit's cases: pick the unit once (kept in the layout), see what arrives, act, read the history."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, bulk=False)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        top = QHBoxLayout()
        label = QLabel(tr("Cases", "Unit"))
        label.setBuddy(self.unit)
        top.addWidget(label)
        top.addWidget(self.unit, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._split(), 1)
        layout.addWidget(self.case_actions)
        self._wanted: str | None = None  # a unit from the layout, until the org tree has arrived
        # every case's inbox as of the last batch this view saw: a case that enters this unit's inbox "arrives"
        self._known: dict[int, bool] = {}
        self._shown: str | None = None  # the unit whose arrivals _known tracks
        self._fill_units()
        self.unit.currentIndexChanged.connect(lambda _: self._show_unit())
        self._show_unit()
        ctx.on_change(OPEN, self._arrivals)
        ctx.on_change(UNITS, self._fill_units)
        ctx.on_operator(self._follow_operator)

    def _fill_units(self) -> None:
        current = self._wanted or self.current_unit()
        self.unit.blockSignals(True)
        self.unit.clear()
        for code, unit in sorted(
            self.names.units.items(),
            key=lambda kv: (OWNER_KINDS.index(kv[1]["kind"]) if kv[1]["kind"] in OWNER_KINDS else 9, kv[0]),
        ):
            if unit["kind"] in OWNER_KINDS:
                self.unit.addItem(unit["name"], code)
        self.unit.blockSignals(False)
        current = current or self._own(self.ctx.operator)
        if current:
            self.set_unit(current)

    def _own(self, operator: dict | None) -> str | None:
        """The operator's own unit's inbox; a district desk's: the district's, not the first company's."""
        own = (operator or {}).get("unit")
        district = next((code for code, u in self.names.units.items() if u["kind"] == "district"), None)
        return own if own and self.unit.findData(own) >= 0 else district

    def _follow_operator(self, operator: dict | None) -> None:
        """The operator was placed in another unit (or logged in as another): the inbox opens on their own unit."""
        own = self._own(operator)
        if own and own != self.current_unit():
            self.set_unit(own)

    def current_unit(self) -> str | None:
        return self.unit.currentData()

    def set_unit(self, code: str) -> None:
        index = self.unit.findData(code)
        self._wanted = None if index >= 0 else code
        if index >= 0:
            self.unit.setCurrentIndex(index)
            self._show_unit()

    def _show_unit(self) -> None:
        unit = self.current_unit()
        self.table.set_predicate(lambda r: waits_for(r, unit))
        self.table.set_empty_text(
            tr("Cases", "Nothing waits for {unit}: the cases it owns and new ones routed to it arrive here").format(
                unit=self.names.unit(unit or "")
            )
            if unit
            else tr("Cases", "Choose the unit whose inbox to show")
        )
        if unit != self._shown or not self._known:
            # only another unit starts afresh: the tree refilled by a resync (after a login) keeps the unit, and a
            # case that came in with that resync is still announced when its batch is seen
            self._known = {r["id"]: waits_for(r, unit) for r in self.ctx.records(OPEN)}
            self._shown = unit

    def _arrivals(self) -> None:
        """A case that has just entered this unit's inbox (new, escalated to it, rejected back) is announced."""
        unit, known = self.current_unit(), self._known
        now = {r["id"]: r for r in self.ctx.records(OPEN)}
        for case_id, record in now.items():
            if waits_for(record, unit) and not known.get(case_id):
                escalated = bool(record.get("escalations") and record.get("owner"))
                title = tr("Cases", "Escalated to {unit}") if escalated else tr("Cases", "New case for {unit}")
                counted = (
                    tr("Cases", "{n} cases escalated to {unit}")
                    if escalated
                    else tr("Cases", "{n} new cases for {unit}")
                )
                name = self.names.unit(unit)
                self.ctx.notify(
                    title.format(unit=name),
                    case_label(record),
                    "alarm" if record["priority"] == "urgent" else "warning",
                    record["priority"],
                    counted=counted.format(unit=name, n="{n}"),
                )
        self._known = {k: waits_for(r, unit) for k, r in now.items()}

    def save_settings(self) -> dict:
        return {"unit": self._wanted or self.current_unit(), "table": self.table.save_settings()}

    def restore_settings(self, settings: dict) -> None:
        if settings.get("unit"):
            self.set_unit(settings["unit"])
        self.table.restore_settings(settings.get("table", {}))
