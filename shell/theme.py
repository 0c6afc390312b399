"""Themes: dark for the duty room at night, light for day use; the wall adds large type on top.

A theme (``resources/themes/<name>.json``) is a QPalette on the Fusion
style plus the accents of the few widgets marked by name
(``citybrain.widgets.accents``); there is no application-wide style sheet,
which would cost every widget Qt's style-sheet engine.  The choice is kept
per workstation (QSettings ``desk/theme``).  State colours come from
``citybrain.widgets.palette`` and are the same in both themes.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from citybrain.core.config import bundled
from citybrain.widgets import accents

THEMES = ("dark", "light")
STYLE = "Fusion"  # the same look on every platform, drawn from the palette


class Theme(NamedTuple):
    name: str
    palette: QPalette
    accents: str


def _role(key: str) -> QPalette.ColorRole:
    """``window-text`` -> ``QPalette.ColorRole.WindowText``."""
    return QPalette.ColorRole["".join(part.capitalize() for part in key.split("-"))]


def load_theme(name: str) -> Theme:
    data = json.loads(bundled("citybrain.resources", "themes", f"{name}.json").read_text(encoding="utf-8"))
    palette = QPalette()
    for key, colour in data["palette"].items():
        palette.setColor(_role(key), QColor(colour))
    for key, colour in data.get("disabled", {}).items():
        palette.setColor(QPalette.ColorGroup.Disabled, _role(key), QColor(colour))
    return Theme(name, palette, "\n".join(data["accents"]))


def chosen_theme() -> str:
    name = QSettings().value("desk/theme", "dark", type=str)
    return name if name in THEMES else "dark"


def apply_theme(app: QApplication, name: str | None = None) -> str:
    """Apply ``name`` (else this workstation's choice) and remember it."""
    theme = load_theme(name if name in THEMES else chosen_theme())
    if app.style().name().lower() != STYLE.lower():
        app.setStyle(STYLE)
    app.setPalette(theme.palette)
    accents.set_sheet(theme.accents)
    QSettings().setValue("desk/theme", theme.name)
    return theme.name
