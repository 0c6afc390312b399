"""Conflicts between the sources (民政, 残联, 人社, 卫健) about a resident: what each source says, for someone to
resolve at the source; nothing is merged on the desk either.  Masked as the daemon sends them (``people.conflicts``
reaches operators' sessions alone)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from citybrain.core.times import local_time
from citybrain.plugins.people import CONFLICTS
from citybrain.plugins.people.words import CONFLICT_KINDS, SOURCES, unit_name
from citybrain.shell.api import Column, DeskContext, tr
from citybrain.widgets import DataTable
from citybrain.widgets.palette import Marker


def severity(record: dict) -> Marker:
    """Every row is abnormal: a death some source has not heard of (benefits may still be paid) before the rest."""
    level = "medium" if record["kind"] == "dead_alive" else "low"
    return Marker(level, "steady", CONFLICT_KINDS(record["kind"]))


def said(ctx: DeskContext, detail: dict) -> str:
    """What each source says, in one line: ``Civil affairs: 大连新村; Human resources: 曲阳坊`` (a compound by its
    name; a name or a date as it is; ``alive``: listed without a death)."""
    if "records" in detail:  # twice: the two records, and who lists each
        return " / ".join("、".join(SOURCES(s) for s in sources.split(";")) for sources in detail["sources"])
    return "; ".join(
        f"{SOURCES(source)}: {tr('People', 'alive') if value == 'alive' else unit_name(ctx, value)}"
        for source, value in detail.items()
    )


class ConflictsView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = DataTable(
            ctx.model(
                CONFLICTS,
                [
                    Column("kind", tr("People", "Conflict"), format=CONFLICT_KINDS),
                    Column("name", tr("People", "Name")),
                    Column("id_masked", tr("People", "ID number")),
                    Column("committee", tr("People", "Committee"), format=lambda c: unit_name(ctx, c)),
                    Column("found_at", tr("People", "Found"), format=local_time),
                    Column("detail", tr("People", "What each source says"), format=lambda d: said(ctx, d)),  # stretches
                ],
                severity=severity,
            ),
            sort_column=0,
            filter_placeholder=tr("People", "Search conflicts…"),
        )
        self.table.set_empty_text(tr("People", "The sources agree: no conflict to resolve."))
        note = QLabel(tr("People", "Resolve each at the source that is wrong; the next import clears it."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
