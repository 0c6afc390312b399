"""A QApplication for benchmarks that need Qt (offscreen unless a platform is set)."""

from __future__ import annotations

import os


def qapp():  # noqa: ANN201 - QApplication, imported lazily so non-Qt benchmarks never load Qt
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from citybrain.shell.app import log_qt_messages

    app = QApplication.instance() or QApplication([])
    log_qt_messages()  # as the desk does: the offscreen platform's per-window warning not on stderr
    return app
