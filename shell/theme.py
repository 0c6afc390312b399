"""Themes: dark for the duty room at night, light for day use; the wall adds large type on top.

The theme is a style sheet in ``resources/themes``; the choice is kept per
workstation (QSettings ``desk/theme``).  State colours come from
``citybrain.widgets.palette`` and are the same in both themes.
"""

from __future__ import annotations


from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from citybrain.core.config import bundled

THEMES = ("dark", "light")


def style_sheet(name: str) -> str:
    return bundled("citybrain.resources", "themes", f"{name}.qss").read_text(encoding="utf-8")


def chosen_theme() -> str:
    name = QSettings().value("desk/theme", "dark", type=str)
    return name if name in THEMES else "dark"


def apply_theme(app: QApplication, name: str | None = None) -> str:
    """Apply ``name`` (else this workstation's choice) and remember it."""
    name = name if name in THEMES else chosen_theme()
    app.setStyleSheet(style_sheet(name))
    QSettings().setValue("desk/theme", name)
    return name
