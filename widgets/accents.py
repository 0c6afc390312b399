"""Accents: the few widgets the theme marks by name (a KPI's figure, the stale banner, a toast, a badge).

The theme itself is a QPalette on the Fusion style.  An application-wide
style sheet would send every widget through Qt's style-sheet engine: on a
nine-view desk that cost ~50 ms of the start and seven times the header
queries.  So only the named widgets carry a small sheet of their own, the
current theme's rules that name them, and sizes of type are fonts set here
(a window's own sheet, such as the wall's large type, still overrides them).

``accent(label, "kpiValue")`` is all a view needs; the names and what they
mean are listed in docs/plugins.md.  A widget's own sheet beats its
window's, so a theme's accent rule never sets what the wall's sheet sets
(type sizes, paddings): those stay with the window.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

# name -> (point size, bold); the colours come from the theme's sheet
FONTS: dict[str, tuple[float, bool]] = {
    "kpiTitle": (9, False),
    "kpiValue": (20, True),
    "kpiDetail": (8, False),
    "errorTitle": (12, True),
    "staleBanner": (10, True),
}
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_NAME = re.compile(r"#([A-Za-z_][\w-]*)")
MARK = "citybrainAccent"  # the dynamic property accent() sets
_sheets: dict[str, str] = {}  # name -> the current theme's rules that name it


def set_sheet(qss: str) -> None:
    """The current theme's accent rules (each selector names one ``#name``); re-applied to every accented widget."""
    sheets: dict[str, list[str]] = {}
    for selector, body in _RULE.findall(_COMMENT.sub("", qss)):
        for name in _NAME.findall(selector):
            sheets.setdefault(name, []).append(f"{selector.strip()} {{ {body.strip()} }}")
    _sheets.clear()
    _sheets.update((name, "\n".join(rules)) for name, rules in sheets.items())
    for widget in QApplication.allWidgets():
        if widget.property(MARK):
            _apply(widget)


def sheet_for(name: str) -> str:
    """The rules that name ``name`` (its states and its children included)."""
    return _sheets.get(name, "")


def accent(widget: QWidget, name: str) -> None:
    """Mark ``widget`` as ``name`` (``""``: plain again); its look follows the theme from now on."""
    widget.setObjectName(name)
    widget.setProperty(MARK, True)  # restyled when the theme changes; a widget merely named alike is not
    size = FONTS.get(name)
    if size is not None:
        font = QFont(widget.font())
        font.setPointSizeF(size[0])
        font.setBold(size[1])
        widget.setFont(font)
    _apply(widget)


def repolish(widget: QWidget) -> None:
    """After a property its rules select on changed (``abnormal``, ``level``).  A widget not yet polished is left
    as it is: Qt polishes it when it is first shown, by the properties it has then (as its own ``setStyle`` does),
    and asking for its style before then built the QStyle's enum types at start (see ``theme.desk_application``)."""
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _apply(widget: QWidget) -> None:
    widget.setStyleSheet(sheet_for(widget.objectName()))
