"""Themes: dark for the duty room at night, light for day use; the wall adds large type on top.

A theme (``resources/themes/<name>.json``) is a QPalette on the Fusion
style plus the accents of the few widgets marked by name
(``citybrain.widgets.accents``); there is no application-wide style sheet,
which would cost every widget Qt's style-sheet engine.  The choice is kept
per workstation (QSettings ``desk/theme``).  State colours come from
``citybrain.widgets.palette`` and are the same in both themes.

Focus: Fusion outlines a focused button or field in the palette's
Highlight, which is also the selection's fill and too faint to find on a
dark desk.  A ``FocusRing`` (one small transparent widget that follows the
focus from window to window) draws a ring in the theme's ``focus`` colour
around whatever holds the keyboard focus instead: no style sheet, no
proxy style (a Python ``drawPrimitive`` would be called for every table
cell painted), nothing for plugins to do.
"""

from __future__ import annotations

import json
import sys
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from citybrain.core.config import bundled
from citybrain.widgets import accents

THEMES = ("dark", "light")
STYLE = "Fusion"  # the same look on every platform, drawn from the palette


class Theme(NamedTuple):
    name: str
    palette: QPalette
    accents: str
    focus: str


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
    return Theme(name, palette, "\n".join(data["accents"]), data["focus"])


def chosen_theme() -> str:
    name = QSettings().value("desk/theme", "dark", type=str)
    return name if name in THEMES else "dark"


def desk_application() -> QApplication:
    """The process's application, on the Fusion style.  One made here gets it from Qt's own ``-style`` option, so
    Python never holds the QStyle: PySide builds a Qt class's enum types when Python first touches it, and the
    QStyle's are 11 types of 566 members, ~6 ms of a start.  One made before (by a test) is switched to Fusion."""
    app = QApplication.instance()
    if app is None:
        return QApplication([*sys.argv[:1], "-style", STYLE])
    assert isinstance(app, QApplication)  # a desk has widgets: never a bare QCoreApplication
    if app.style().name().lower() != STYLE.lower():
        app.setStyle(STYLE)
    return app


def apply_theme(app: QApplication, name: str | None = None) -> str:
    """Apply ``name`` (else this workstation's choice) and remember it; the style is the application's
    (:func:`desk_application`)."""
    theme = load_theme(name if name in THEMES else chosen_theme())
    app.setPalette(theme.palette)
    accents.set_sheet(theme.accents)
    FocusRing.follow_focus(app, theme.focus)
    settings = QSettings()
    if settings.value("desk/theme") != theme.name:  # a start re-applies the choice: no write (a file rewritten)
        settings.setValue("desk/theme", theme.name)
    return theme.name


class FocusRing(QWidget):
    """A ring around the widget holding the keyboard focus, in whichever window it is.

    The ring is a child of that window, raised above the rest and transparent to the mouse; it follows the
    focused widget (and its ancestors) when they move, resize or hide.  A field inside a spin box or an editable
    combo box rings the box.
    """

    WIDTH = 2
    _current: FocusRing | None = None
    _colour = "#7d8fa6"

    def __init__(self, colour: str) -> None:
        super().__init__(None)
        self.colour = QColor(colour)
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("focusRing")
        # Placed after the event, never inside it: a Hide or Move may come from a window being destroyed, and
        # mapping or re-showing into it then crashed the process; the timer dies with the ring.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._place)

    @classmethod
    def follow_focus(cls, app: QApplication, colour: str) -> FocusRing:
        """The application's ring, in ``colour`` (made the first time)."""
        if cls._current is None:
            app.focusChanged.connect(lambda _old, new: cls._live().ring(new))
        cls._colour = colour
        ring = cls._live()
        ring.colour = QColor(colour)
        ring.ring(app.focusWidget())
        return ring

    @classmethod
    def _live(cls) -> FocusRing:
        """The ring; a new one when the window it was in has gone (and taken it along)."""
        if cls._current is None or not isValid(cls._current):
            cls._current = cls(cls._colour)
        return cls._current

    def ring(self, widget: QWidget | None) -> None:
        for watched in self._watched:
            if isValid(watched):
                watched.removeEventFilter(self)
        self._watched = []
        while widget is not None and (parent := widget.parentWidget()) is not None and parent.focusProxy() is widget:
            widget = parent  # a spin box's or combo box's own field: ring the box
        self.target = (
            widget
            if widget is not None and not widget.isWindow() and widget.window().property("profile") != "wall"
            else None
        )  # the wall is read, never worked at
        if self.target is None:
            self.hide()
            return
        window = self.target.window()
        if self.parentWidget() is not window:
            self.setParent(window)
        ancestor: QWidget | None = self.target
        while ancestor is not None and ancestor is not window:
            ancestor.installEventFilter(self)
            self._watched.append(ancestor)
            ancestor = ancestor.parentWidget()
        self._place()

    def _place(self) -> None:
        target, window = self.target, self.parentWidget()
        if (
            target is None
            or window is None
            or not isValid(target)
            or not target.isVisible()
            or target.window() is not window
        ):
            self.hide()
            return
        top_left = target.mapTo(window, QPoint(0, 0))
        w = self.WIDTH
        self.setGeometry(QRect(top_left, target.size()).adjusted(-w, -w, w, w))
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self._later.start(0)
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.colour, self.WIDTH))
        half = self.WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(half, half, -half, -half), 3, 3)
