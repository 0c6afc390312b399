"""Cyclic garbage collected on the GUI thread only.

CPython collects cycles in whichever thread happens to allocate past the
threshold — in a desk, often the feed's thread decoding a burst.  A closed
view caught in a cycle (a lambda holding its widget) would then have its Qt
objects destroyed outside the GUI thread, and Qt crashes later, somewhere
else.  So the desk switches automatic collection off and collects from a
timer on the GUI thread, with the same thresholds (as pyqtgraph's
GarbageCollector does).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self.timer.start(INTERVAL_MS)

    def stop(self) -> None:
        """Collection back to automatic, after one full pass here."""
        self.timer.stop()
        gc.collect()
        gc.enable()

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):  # the oldest generation due collects the younger ones with it
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return
