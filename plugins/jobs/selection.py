"""The seeker or vacancy last picked in the matching view, for the map to follow: both views are this plugin's,
and the desk has no channel from one view to another."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject, Signal


class Picked(QObject):
    changed = Signal(object)  # {"kind": "seeker" or "vacancy", "record": the record the matching view shows}


@cache
def picked() -> Picked:
    """The one channel of this desk (made on first use, on the GUI thread)."""
    return Picked()
