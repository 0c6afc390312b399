"""Driving a view by its keys in a test: its actions bound as the desk binds them, confirmations answered."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def keys(view: QWidget, qtbot) -> None:  # noqa: ANN001 - pytest-qt's QtBot
    """Bind the view's actions to their default keys as the desk does (shortcuts within the view), and show it."""
    for action in view.view_actions():
        shortcut = QShortcut(QKeySequence(action.shortcut), view)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda a=action: _run(a.run))
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitActive(view):  # keys go to the active window: a shortcut needs its view in it
        view.activateWindow()


def _run(act) -> None:  # noqa: ANN001 - a ViewAction's run
    result = act()
    if asyncio.iscoroutine(result):
        asyncio.ensure_future(result)


def answer_confirmation(go: bool, seen: list[str]) -> None:
    """When the confirmation comes up: note its question, then press Escape (keep things) or click the action."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        if go:
            next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
        else:
            QTest.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)
