"""The desk's own dialogs: layouts (save as, rename, delete), plugin states, keyboard shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.plugins import PluginStatus
from citybrain.shell.i18n import tr
from citybrain.shell.layouts import LayoutError
from citybrain.shell.names import CodeNames
from citybrain.widgets.accents import accent

if TYPE_CHECKING:
    from citybrain.shell.commands import DeskCommands
    from citybrain.shell.desk import Desk


def ask_save_as(desk: Desk) -> None:
    name, ok = QInputDialog.getText(
        desk.active_window(), tr("Main", "Save layout as"), tr("Main", "Name"), text=desk.layout.name
    )
    if ok and name.strip():
        try:
            desk.save_layout(name.strip())
        except LayoutError as exc:
            desk.notifier.notify(tr("Main", "Layout not saved"), str(exc), "warning")


def ask_rename(desk: Desk) -> None:
    name, ok = QInputDialog.getText(
        desk.active_window(), tr("Main", "Rename layout"), tr("Main", "New name"), text=desk.layout.name
    )
    if ok and name.strip() and name.strip() != desk.layout.name:
        try:
            desk.save_layout()
            desk.rename_layout(desk.layout.name, name.strip())
        except LayoutError as exc:
            desk.notifier.notify(tr("Main", "Layout not renamed"), str(exc), "warning")


def ask_delete(desk: Desk) -> None:
    names = [n for n in desk.store.names() if (desk.store.folder / f"{n}.json").exists()]
    if not names:
        desk.notifier.notify(tr("Main", "Nothing to delete"), tr("Main", "Only the shipped presets exist."))
        return
    window = desk.active_window()
    name, ok = QInputDialog.getItem(window, tr("Main", "Delete layout"), tr("Main", "Layout"), names, 0, False)
    question = tr("Main", "Delete the saved layout “{name}”?").format(name=name)
    if ok and QMessageBox.question(window, tr("Main", "Delete layout"), question) == QMessageBox.StandardButton.Yes:
        desk.delete_layout(name)


_SIDE = CodeNames("Main", {"daemon": "daemon", "desk": "desk"})
_STATE = CodeNames(
    "Main",
    {
        PluginStatus.LOADED: "loaded",
        PluginStatus.FAILED: "failed",
        PluginStatus.ABSENT: "absent",
        PluginStatus.DISABLED: "switched off",
    },
)


def show_plugins(desk: Desk) -> QDialog:
    """Every plugin on this desk and on the daemon, by its title in the desk's language (its id where it gives
    none), its side and its state by name."""
    rows = desk.plugin_states() + [dict(r) for r in desk.feed.client.replica.records("system.plugins")]
    dialog = QDialog(desk.active_window())
    dialog.setWindowTitle(tr("Main", "Plugins"))
    table = QTableWidget(len(rows), 4)
    table.setHorizontalHeaderLabels(
        [tr("Main", "Side"), tr("Main", "Plugin"), tr("Main", "State"), tr("Main", "Error")]
    )
    for i, r in enumerate(rows):
        cells = (
            _SIDE(r.get("side")),
            desk.plugin_titles.get(r["name"], r["name"]),
            _STATE(r.get("state")),
            r.get("error") or "",
        )
        for j, text in enumerate(cells):
            table.setItem(i, j, QTableWidgetItem(text))
    table.resizeColumnsToContents()  # titles whole (预警信息（CAP） was cut)
    table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    QVBoxLayout(dialog).addWidget(table)
    dialog.resize(760, 320)
    dialog.open()
    return dialog


class ShortcutsDialog(QDialog):
    """Every command and its keys; edit a cell's keys, OK saves them for this workstation."""

    def __init__(self, commands: DeskCommands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Main", "Keyboard shortcuts"))
        self.commands = commands
        entries = [c for c in commands.all() if not c.id.startswith(("layout.switch:", "window.screen:"))]
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Main", "Click a shortcut and press the new keys; Backspace clears it.")))
        self.table = QTableWidget(len(entries), 2)
        self.table.setHorizontalHeaderLabels([tr("Main", "Command"), tr("Main", "Shortcut")])
        self.edits: dict[str, QKeySequenceEdit] = {}
        for row, command in enumerate(entries):
            title = (
                command.title
                if command.enabled
                else tr("Palette", "{command} (not possible now)").format(command=command.title)
            )
            self.table.setItem(row, 0, QTableWidgetItem(title))
            edit = QKeySequenceEdit(QKeySequence(command.shortcut))
            edit.setClearButtonEnabled(True)
            edit.setMaximumSequenceLength(1)
            self.table.setCellWidget(row, 1, edit)
            self.edits[command.id] = edit
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, self._keys_width())
        layout.addWidget(self.table, 1)
        self.error = QLabel()
        accent(self.error, "errorTitle")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(super().reject)  # Cancel: the operator chose to discard
        layout.addWidget(buttons)
        self.resize(620, 560)
        self._initial = self.keys()

    def _keys_width(self) -> int:
        """The shortcut column as wide as its longest keys (Ctrl+Shift+S was cut to "trl+Shift+S") or the editor's
        "press a shortcut" hint, beside the clear button."""
        edits = list(self.edits.values())
        if not edits:
            return self.table.columnWidth(1)
        metrics = edits[0].fontMetrics()
        hint = edits[0].findChild(QLineEdit)
        texts = [e.keySequence().toString(QKeySequence.SequenceFormat.NativeText) for e in edits]
        widest = max(metrics.horizontalAdvance(t) for t in [*texts, hint.placeholderText() if hint else ""])
        return widest + 2 * metrics.height() + 24  # the clear button, the frames and the cell's margins

    def reject(self) -> None:
        """Esc never loses work: with keys changed it only says how to leave (Cancel does discard)."""
        if self.keys() != self._initial:
            self.error.setText(tr("Main", "Changed shortcuts are not saved yet: OK saves them, Cancel discards them."))
            return
        super().reject()

    def keys(self) -> dict[str, str]:
        return {
            cid: edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            for cid, edit in self.edits.items()
        }

    def save(self) -> None:
        try:
            self.commands.set_shortcuts(self.keys())
        except ValueError as exc:
            self.error.setText(str(exc))  # the dialog stays open with what was typed: nothing is lost
            return
        self.accept()
