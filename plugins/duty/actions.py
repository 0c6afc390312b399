"""What the duty views share: the units to choose from."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from citybrain.shell.api import DeskContext


def unit_box(ctx: DeskContext) -> QComboBox:
    """The units keeping duty together (as the daemon's configuration names them, from the on-duty board)."""
    box = QComboBox()
    for code, name in sorted({(r["unit"], r["unit_name"]) for r in ctx.records("duty.now")}):
        box.addItem(name, code)
    return box
