"""The control-room palette (ISA-101 style): grey when normal, colour only for the abnormal.

One meaning per colour: the four levels (how soon an operator must look), ``STALE`` (data that stopped
updating) and ``ACCENT`` (focus and selection, never a state).  Each level also has a shape, so a marker is
read without its colour (``marker_icon``): urgent a diamond, high a triangle, medium a circle, low a chevron
pointing down, stale a square.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

BACKGROUND = "#1d2025"
PANEL = "#262a30"
PANEL_RAISED = "#2f343b"
GRID = "#3a4048"
TEXT = "#c9ced6"
TEXT_DIM = "#8a929c"
TEXT_BRIGHT = "#eef1f5"
ACCENT = "#7d8fa6"  # selection and focus: a muted steel blue, never an alarm colour

URGENT = "#e5484d"
HIGH = "#f0883e"
MEDIUM = "#e8c547"
LOW = "#5fb3d9"
STALE = "#9b7ed9"  # data that stopped updating: distinct from every alarm colour

SEVERITY = {"urgent": URGENT, "high": HIGH, "medium": MEDIUM, "low": LOW, "stale": STALE}

LEVELS = ("urgent", "high", "medium", "low")  # how soon an abnormal thing needs an operator: the only colours
STYLES = ("waiting", "steady", "outline")


@dataclass(frozen=True)
class Marker:
    """How a table's severity callback marks an abnormal row (a normal row: ``None``).

    ``level``: one of LEVELS, or ``"stale"``: one colour and one shape per level, the same in every view (a
    stock line about to expire and a low alarm are both "low": look when you can).  ``style``: ``waiting``
    (needs an operator now: filled, bold; an unacknowledged alarm), ``steady`` (seen, still abnormal: filled; an
    acknowledged alarm still active), ``outline`` (back to normal, not yet acknowledged).  ``label``: what is
    wrong, in the operator's language ("overdue", "expiring"); default: the level's name.  A callback may also
    return the bare level name, which means ``Marker(level)``.
    """

    level: str
    style: str = "steady"
    label: str | None = None


def level_name(level: str) -> str:
    """The level's name in the operator's language (what a marker says when its callback gives no label)."""
    translate = QCoreApplication.translate
    return {
        "urgent": translate("Palette", "urgent"),
        "high": translate("Palette", "high"),
        "medium": translate("Palette", "medium"),
        "low": translate("Palette", "low"),
        "stale": translate("Palette", "stale"),
    }.get(level, level)


def as_marker(value: Marker | str | None) -> Marker | None:
    """What a severity callback answered, as a Marker; None for normal (and for anything that is no level)."""
    if isinstance(value, Marker):
        return value if value.level in SEVERITY else None
    return Marker(value) if value in SEVERITY else None


_icons: dict[tuple[str, str], QIcon] = {}
ICON_SIZES = (16, 20, 24, 32, 48, 64)  # drawn at each, so a wall's large rows get a crisp marker too


def marker_icon(level: str, style: str = "steady") -> QIcon:
    """The marker of ``level``: its shape in its colour, filled (``waiting``, ``steady``) or only outlined
    (``outline``).  The same pixmap serves a selected row, which the style would otherwise tint."""
    key = (level, "outline" if style == "outline" else "filled")
    icon = _icons.get(key)
    if icon is None:
        icon = QIcon()
        for size in ICON_SIZES:
            pixmap = _draw(level, key[1] == "outline", size)
            for mode in (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Selected):
                icon.addPixmap(pixmap, mode)
        _icons[key] = icon
    return icon


def _draw(level: str, outline: bool, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(SEVERITY[level])
    width = max(1.5, size / 9)
    if outline:
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
    m = width if outline else size / 16  # margin: an outline's pen stays inside the pixmap
    lo, hi, mid = m, size - m, size / 2

    def poly(*points: tuple[float, float]) -> QPolygonF:
        return QPolygonF([QPointF(x, y) for x, y in points])

    if level == "urgent":
        painter.drawPolygon(poly((mid, lo), (hi, mid), (mid, hi), (lo, mid)))
    elif level == "high":
        painter.drawPolygon(poly((mid, lo + size / 16), (hi, hi - size / 16), (lo, hi - size / 16)))
    elif level == "medium":
        painter.drawEllipse(QRectF(lo + size / 16, lo + size / 16, hi - lo - size / 8, hi - lo - size / 8))
    elif level == "low":
        t = size / 4  # the chevron's thickness
        top, bottom = lo + size / 8, hi - size / 8
        painter.drawPolygon(poly((lo, top), (lo + t, top), (mid, bottom - t), (hi - t, top), (hi, top), (mid, bottom)))
    else:  # stale
        inset = size / 8
        painter.drawRect(QRectF(lo + inset, lo + inset, hi - lo - 2 * inset, hi - lo - 2 * inset))
    painter.end()
    return pixmap
