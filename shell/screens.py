"""Which screen a window goes to: by name, else by geometry, else a sensible fallback.

A layout remembers a window's screen by name (``desk-left``, ``wall``) and
that screen's geometry.  When the name is missing — another workstation, a
monitor unplugged — the window goes to a screen with the same geometry,
else (for a wall window) the largest screen, else the primary one.  The
window keeps its home screen's name, so it goes back when that screen
returns.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen


def _area(screen: QScreen) -> int:
    g = screen.geometry()
    return g.width() * g.height()


def pick_screen(
    name: str, geometry: Sequence[int] | None, screens: Sequence[QScreen], *, prefer_largest: bool = False
) -> QScreen:
    """The screen for a window whose home is ``name`` (at ``geometry`` [x, y, w, h] when saved)."""
    if not screens:
        raise RuntimeError("no screen at all")
    for screen in screens:
        if screen.name() == name:
            return screen
    if geometry:
        wanted = QRect(*geometry)
        for screen in screens:
            if screen.geometry() == wanted:
                return screen
    if prefer_largest:
        return max(screens, key=_area)
    primary = QGuiApplication.primaryScreen()
    return primary if primary in screens else screens[0]


def rect_list(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def fit_into(relative: Sequence[int] | None, screen: QScreen) -> QRect:
    """A window rectangle saved relative to its screen, moved onto ``screen`` and kept inside it."""
    avail = screen.availableGeometry()
    if not relative:
        return avail.adjusted(40, 40, -40, -40)
    x, y, w, h = relative
    w, h = min(max(w, 320), avail.width()), min(max(h, 240), avail.height())
    x = min(max(x, 0), avail.width() - w)
    y = min(max(y, 0), avail.height() - h)
    return QRect(avail.x() + x, avail.y() + y, w, h)


CASCADE_STEP = 48  # each cascaded window this much lower and to the right: every title bar stays in sight


def share_of(screen: QScreen, index: int, count: int, min_width: int = 0) -> QRect:
    """The ``index``-th of ``count`` windows sharing ``screen``: side by side in columns when each column is at
    least ``min_width`` wide (the widest window's minimum), else cascaded (each nearly the whole screen, offset so
    none hides another exactly)."""
    avail = screen.availableGeometry()
    if avail.width() // count >= min_width:
        w = avail.width() // count
        return QRect(avail.x() + index * w, avail.y(), w, avail.height())
    step = min(CASCADE_STEP, avail.height() // (2 * count))
    shrink = step * (count - 1)
    return QRect(avail.x() + index * step, avail.y() + index * step, avail.width() - shrink, avail.height() - shrink)
