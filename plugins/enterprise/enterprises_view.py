"""The enterprise list (warned ones coloured) and, beside it, the card of the one selected."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSplitter, QVBoxLayout, QWidget

from citybrain.plugins.enterprise import ENTERPRISES, WARNINGS
from citybrain.plugins.enterprise.card_view import EnterpriseCard, unit_name
from citybrain.plugins.enterprise.warnings_view import warning_marker
from citybrain.plugins.enterprise.wording import size_name
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.widgets import DataTable


class EnterprisesView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.warned: dict[int, tuple[float, str]] = {}  # enterprise: its warning's score and state
        self.model = ctx.model(
            ENTERPRISES,
            [
                Column("name", tr("Enterprise", "Enterprise")),
                Column("credit_code", tr("Enterprise", "Credit code")),
                Column("industry_name", tr("Enterprise", "Industry")),
                Column("subdistrict", tr("Enterprise", "Subdistrict"), format=lambda c: unit_name(ctx, c)),
                Column("size", tr("Enterprise", "Size"), format=size_name),
                Column("key_enterprise", tr("Enterprise", "Key"), format=lambda k: "★" if k else ""),
                Column("officer", tr("Enterprise", "Officer")),
            ],
            severity=lambda e: warning_marker(*self.warned[e["id"]]) if e["id"] in self.warned else None,
        )
        self.table = DataTable(self.model, sort_column=0, filter_placeholder=tr("Enterprise", "Search enterprises…"))
        self.only_warned = QCheckBox(tr("Enterprise", "Only enterprises with an open warning"))
        self.only_warned.toggled.connect(self.filter_warned)
        self.card = EnterpriseCard(ctx)
        self.table.view.selectionModel().selectionChanged.connect(self.show_selected)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.only_warned)
        column.addWidget(self.table)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.card)
        split.setSizes([960, 740])  # the list's names, codes and subdistricts read whole; the card's entry row too
        QVBoxLayout(self).addWidget(split)
        ctx.on_change(WARNINGS, self.count_warned)
        self.count_warned()

    def count_warned(self) -> None:
        self.warned = {w["enterprise_id"]: (w["score"], w["state"]) for w in self.ctx.records(WARNINGS)}
        self.filter_warned()
        self.table.view.viewport().update()  # colours are read when painted: repaint with the new warnings

    def filter_warned(self) -> None:
        self.table.set_predicate((lambda e: e["id"] in self.warned) if self.only_warned.isChecked() else None)

    def view_actions(self) -> list[ViewAction]:
        return self.card.view_actions()

    def show_selected(self, *_: object) -> None:
        chosen = next(iter(self.table.selected()), None)
        self.card.show_enterprise(chosen["id"] if chosen else None)

    def save_settings(self) -> dict:
        return self.table.save_settings() | {"only_warned": self.only_warned.isChecked()}

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)
        self.only_warned.setChecked(bool(settings.get("only_warned", False)))
