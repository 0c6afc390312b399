"""Duty contacts (值班联络): who is on duty at each department, at each subdistrict and at the district, with their
phones, from the org tree's ``on_duty`` (imported with the units: ``org_units``, column on_duty).

Names and phones are personal: the daemon sends them (``org.contacts``, merged into ``org.units`` by the desk's
replica) only to a session of an operator or above.  A wall or a desk without that login gets the units alone: the
columns stay empty and a line over the table says which login shows them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.widgets import DataTable

UNITS = "org.units"
PERSONAL = "on_duty"  # a field only sessions that may read personal data receive
KINDS = ("district", "department", "subdistrict")  # the units a duty officer rings


def kind_name(kind: str) -> str:
    return {
        "district": tr("Duty", "District"),
        "department": tr("Duty", "Department"),
        "subdistrict": tr("Duty", "Subdistrict"),
    }.get(kind, kind)


def names(people: list[dict] | None) -> str:
    return "、".join(p.get("name", "") for p in people or []) or "—"


def phones(people: list[dict] | None) -> str:
    return "  ".join(p.get("phone", "") for p in people or [] if p.get("phone")) or "—"


def contacts(people: list[dict] | None) -> str:
    """Standing contacts: role, name and phone (公共联络人), beside who is on duty today."""
    return (
        "; ".join(
            " ".join(x for x in (p.get("role", ""), p.get("name", ""), p.get("phone", "")) if x) for p in people or []
        )
        or "—"
    )


class ContactsView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = ctx.model(
            UNITS,
            [
                Column("kind", tr("Duty", "Kind"), format=kind_name),
                Column("name", tr("Duty", "Unit")),
                Column("on_duty", tr("Duty", "On duty"), format=names),
                Column("on_duty", tr("Duty", "Phone"), format=phones),
                Column("contacts", tr("Duty", "Standing contacts"), format=contacts),
            ],
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Duty", "Find a unit, a name or a phone"))
        self.search.textChanged.connect(self.apply_filter)
        self.hint = QLabel()  # why names and phones are missing: words, not a colour
        self.hint.setWordWrap(True)
        self.table = DataTable(self.model, sort_column=0)
        self.table.set_empty_text(
            tr(
                "Duty",
                "No departments or subdistricts yet: import the org units (org_units) with who is on duty at each",
            )
        )
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.apply_filter()
        ctx.on_change(UNITS, self.refresh_hint)
        self.refresh_hint()

    def apply_filter(self) -> None:
        self.model.set_filter(self.search.text(), lambda r: r.get("kind") in KINDS)

    def refresh_hint(self) -> None:
        """Say so when the units came without their people: this session may not read personal data."""
        units = [r for r in self.ctx.records(UNITS) if r.get("kind") in KINDS]
        withheld = bool(units) and not any(PERSONAL in r for r in units)
        self.hint.setText(
            tr("Duty", "Names and phones of who is on duty show for an operator's login or above") if withheld else ""
        )
        self.hint.setVisible(withheld)

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction(
                "find", tr("Duty", "Find a unit, a name or a phone"), self.search.setFocus, "Ctrl+F", places_focus=True
            )
        ]
