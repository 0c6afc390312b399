"""Qt's own messages reach the desk log with a time and a level; the offscreen platform's warning at every change of
a window's size limits (48 lines in a ten-minute demo, none of them about the desk) does not."""

from __future__ import annotations

import logging

from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QWidget

from citybrain.shell.app import OFFSCREEN_NOISE, log_qt_messages


def test_qt_messages_go_to_the_desk_log_without_the_offscreen_platforms_noise(qtbot, caplog):
    log_qt_messages()
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    with caplog.at_level(logging.DEBUG, logger="citybrain.qt"):
        window.setMinimumSize(300, 200)  # offscreen: Qt warns it cannot tell a window manager
        window.setMaximumSize(3000, 2000)
        qWarning("a real warning")
    said = [r.getMessage() for r in caplog.records if r.name == "citybrain.qt"]
    assert said == ["a real warning"] and not set(said) & set(OFFSCREEN_NOISE)
    assert caplog.records[-1].levelno == logging.WARNING
