"""The open cases view: every open case, with the duty leader's bulk actions."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QVBoxLayout

from citybrain.plugins.cases.case_table import CaseTable
from citybrain.shell.api import DeskContext


class CasesView(CaseTable):
    """Every open case; select several and the duty leader can act on all of them at once."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, bulk=True)
        self.table.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout = QVBoxLayout(self)
        layout.addWidget(self._split(), 1)
        layout.addWidget(self.case_actions)
