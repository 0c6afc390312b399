"""Whatever holds the keyboard focus has a ring in the theme's focus colour, in both themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QTableWidget, QVBoxLayout, QWidget

from citybrain.shell.theme import FocusRing, apply_theme, load_theme


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_tab_moves_a_visible_ring_from_widget_to_widget(qtbot, qapp, theme):
    apply_theme(qapp, theme)
    window = QWidget()
    layout = QVBoxLayout(window)
    table, edit, combo, button = QTableWidget(3, 2), QLineEdit(), QComboBox(), QPushButton("Acknowledge")
    combo.setEditable(True)
    table.setTabKeyNavigation(False)  # as a DataTable: Tab leaves it
    for widget in (table, edit, combo, button):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(400, 400)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.setFocus()
    ring_colour = QColor(load_theme(theme).focus)
    for widget, then in ((table, edit), (edit, combo), (combo, button), (button, None)):
        qtbot.waitUntil(widget.hasFocus if widget is not combo else lambda: combo.lineEdit().hasFocus())
        ring = FocusRing._live()
        assert ring.target is widget and ring.isVisible() and ring.parentWidget() is window
        assert ring.geometry().contains(widget.geometry())
        image = window.grab().toImage()
        edge = ring.geometry().top() + 1
        ringed = sum(image.pixelColor(x, edge) == ring_colour for x in range(ring.x() + 6, ring.geometry().right() - 6))
        assert ringed > (ring.width() - 12) * 0.9  # the top edge is drawn in the focus colour
        if then is not None:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_a_start_re_applying_the_chosen_theme_rewrites_no_settings(qapp, tmp_path):
    """Every desk start applies the workstation's theme; only a new choice is written (a write rewrites and syncs
    the settings file, on the start's path to its first frame)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    try:
        apply_theme(qapp, "light")
        path = Path(QSettings().fileName())
        written = path.stat()
        assert apply_theme(qapp) == "light"  # as at a start: the choice remembered
        again = path.stat()
        assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
        apply_theme(qapp, "dark")
        assert QSettings().value("desk/theme") == "dark"
    finally:
        apply_theme(qapp, "dark")
        QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
