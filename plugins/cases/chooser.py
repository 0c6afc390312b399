"""Choosing the unit a case is dispatched to: the case's own chain first (the suggested unit preselected), then every
other unit that can own a case, by name; type to narrow the list, Enter dispatches, Esc keeps the case."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from citybrain.plugins.cases.display import Names
from citybrain.shell.api import tr

OWNER_KINDS = ("property_company", "grid", "committee", "subdistrict", "district", "department")


def kind_name(kind: str) -> str:
    return {
        "property_company": tr("Cases", "property company"),
        "grid": tr("Cases", "grid"),
        "committee": tr("Cases", "residents' committee"),
        "subdistrict": tr("Cases", "subdistrict"),
        "district": tr("Cases", "district"),
        "department": tr("Cases", "department"),
    }.get(kind, kind)


def dispatch_targets(case: dict, names: Names) -> list[str]:
    """Unit codes in the chooser's order: the case's chain (as it escalates), then the other owners by kind, name."""
    chain = [code for code in case.get("chain") or () if code in names.units]
    others = sorted(
        (code for code, unit in names.units.items() if unit["kind"] in OWNER_KINDS and code not in chain),
        key=lambda code: (OWNER_KINDS.index(names.units[code]["kind"]), names.unit(code)),
    )
    return chain + others


def suggested_unit(case: dict) -> str | None:
    """Where the loop would send the case: its chain at its current level."""
    chain = case.get("chain") or []
    return chain[min(case.get("level") or 0, len(chain) - 1)] if chain else None


class UnitChooser(QDialog):
    """A filter box over the unit list: type any part of a name to narrow it, Up/Down to move, Enter to dispatch.
    The suggested unit is selected to begin with, so Ctrl+D, Enter dispatches as the loop would."""

    def __init__(self, parent: QWidget | None, case: dict, names: Names) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Cases", "Dispatch #{id}").format(id=case["id"]))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Cases", "Type part of a name to narrow the list"))
        self.filter.textChanged.connect(self._narrow)
        self.filter.installEventFilter(self)
        self.units = QListWidget()
        for code in dispatch_targets(case, names):
            item = QListWidgetItem(f"{names.unit(code)} · {kind_name(names.units[code]['kind'])}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.units.addItem(item)
        self.units.itemActivated.connect(lambda _: self.accept())
        suggested = suggested_unit(case)
        self.units.setCurrentRow(
            next(
                (
                    i
                    for i in range(self.units.count())
                    if self.units.item(i).data(Qt.ItemDataRole.UserRole) == suggested
                ),
                0,
            )
        )
        label = QLabel(tr("Cases", "Dispatch “{case}” to").format(case=f"#{case['id']} {case['title']}"))
        label.setBuddy(self.filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(tr("Cases", "Dispatch"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.units, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().height() * 24)
        self.filter.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Up, Down, Page Up/Down in the filter box move through the list; Enter there dispatches."""
        if watched is self.filter and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                QApplication.sendEvent(self.units, event)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
        return super().eventFilter(watched, event)

    def _narrow(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.units.count()):
            item = self.units.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
        current = self.units.currentItem()
        if current is None or current.isHidden():
            shown = next(
                (self.units.item(i) for i in range(self.units.count()) if not self.units.item(i).isHidden()), None
            )
            if shown is None:  # nothing left: no current unit
                self.units.setCurrentRow(-1)
            else:
                self.units.setCurrentItem(shown)

    def chosen(self) -> str | None:
        """The selected unit (None when the filter left none)."""
        item = self.units.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None


def choose_unit(parent: QWidget | None, case: dict, names: Names) -> str | None:
    """Ask which unit ``case`` goes to; None when the dispatcher kept it (Esc) or typed no unit's name.  The focus
    goes back where it was (the table), so the next key acts in the view again."""
    before = QApplication.focusWidget()
    dialog = UnitChooser(parent, case, names)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
        if before is not None:
            before.window().activateWindow()  # not every platform gives the window back when a dialog closes
            before.setFocus(Qt.FocusReason.PopupFocusReason)
