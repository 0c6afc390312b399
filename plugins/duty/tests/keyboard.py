"""Driving a view by its keys in a test: the view hosted as the desk hosts it (the shell's ``ViewFrame`` turns its
``view_actions()`` into keys), confirmations answered."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from citybrain.shell.viewhost import ViewFrame


def hosted(view: QWidget, view_id: str, desk, qtbot) -> ViewFrame:  # noqa: ANN001 - DeskUnderTest, pytest-qt's QtBot
    """``view`` in the frame the desk puts it in (its actions bound by the shell, as command ``view_id``'s), shown
    and active: keys go to the active window, and a view's shortcut works only while the focus is inside it."""
    frame = ViewFrame(view, desk.feed, view_id)
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    with qtbot.waitActive(frame):
        frame.activateWindow()
    return frame


def chord(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """``modifiers``+``key`` on ``widget``, then the modifiers let go: QTest leaves the application's modifier state
    at the chord's, and a Ctrl or Shift still "held" makes a later ``selectRow`` toggle or extend the selection
    instead of selecting the row (in this test or the next)."""
    QTest.keyClick(widget, key, modifiers)
    for held, modifier_key in (
        (Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
        (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
        (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt),
    ):
        if modifiers & held:
            QTest.keyRelease(widget, modifier_key)


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
