"""Asking before a destructive or irreversible action: the question names the thing, and No is the default."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, question: str, action: str) -> bool:
    """``action`` is the verb on the button that goes ahead ("Cancel the case"); Enter and Esc both keep things
    as they are, so a tired keystroke never destroys anything."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, question, QMessageBox.StandardButton.NoButton, parent)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is go
