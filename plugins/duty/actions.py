"""What the duty views share: the unit an entry or a reminder is for."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QSizePolicy

from citybrain.shell.api import DeskContext

NOW = "duty.now"


class UnitBox(QComboBox):
    """The units keeping duty together (as the daemon's configuration names them, from the on-duty board).

    It opens filled: on the unit where the logged-in operator is on duty now (their name on the board), else on
    the first unit; a unit the operator picks stays picked while the board changes.  It fills again whenever the
    board does, so a view opened before the board arrived is never left empty."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        # as wide as its longest unit name, never squeezed by the entry row beside it (a clipped 区城运…)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.chosen: str | None = None  # picked by the operator (or restored from the layout)
        self.activated.connect(lambda _: setattr(self, "chosen", self.currentData()))
        ctx.on_change(NOW, self.fill)
        self.fill()

    def own_unit(self, board: list[dict]) -> str | None:
        """The unit where the logged-in operator is on duty now, if the board names them."""
        operator = self.ctx.operator or {}
        names = {operator.get("display_name"), operator.get("username")} - {None}
        return next((post["unit"] for post in board for person in post["on_duty"] if person["name"] in names), None)

    def fill(self) -> None:
        board = self.ctx.records(NOW)
        units = sorted({(r["unit"], r["unit_name"]) for r in board})
        wanted = self.chosen or self.currentData() or self.own_unit(board)
        self.blockSignals(True)
        self.clear()
        for code, name in units:
            self.addItem(name, code)
        self.setCurrentIndex(max(self.findData(wanted), 0) if units else -1)
        self.blockSignals(False)

    def select(self, code: str) -> None:
        """The unit restored from a saved layout."""
        self.chosen = code
        self.fill()

    def name_of(self, code: str) -> str:
        index = self.findData(code)
        return self.itemText(index) if index >= 0 else code


def unit_box(ctx: DeskContext) -> UnitBox:
    return UnitBox(ctx)


def picked_time(edit: QDateTimeEdit) -> str:
    """The time ``edit`` shows, in this machine's time zone, as the daemon reads a time (ISO 8601, with offset)."""
    picked = edit.dateTime().toPython()
    assert isinstance(picked, datetime)  # a QDateTime's value (the stub says object)
    return picked.astimezone().isoformat()
