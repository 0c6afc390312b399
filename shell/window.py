"""One top-level desk window: plugin views as docks, a carousel on the wall, placed on its home screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from citybrain.shell.carousel import Carousel
from citybrain.shell.layouts import ViewPlacement, WindowLayout
from citybrain.shell.screens import fit_into, pick_screen, rect_list
from citybrain.shell.statusbar import FeedStatusBar
from citybrain.core.config import bundled

if TYPE_CHECKING:
    from citybrain.shell.desk import Desk

AREAS = {"left": Qt.DockWidgetArea.LeftDockWidgetArea, "right": Qt.DockWidgetArea.RightDockWidgetArea,
         "top": Qt.DockWidgetArea.TopDockWidgetArea, "bottom": Qt.DockWidgetArea.BottomDockWidgetArea}


class DeskWindow(QMainWindow):
    """``wall=True``: no menus, no status bar, no dock title bars; full screen, large type."""

    def __init__(self, desk: Desk, spec: WindowLayout, *, wall: bool = False) -> None:
        super().__init__()
        self.desk = desk
        self.setObjectName(spec.id)
        self.wall = wall
        self.home_screen = spec.screen
        self.home_geometry = spec.screen_geometry
        self.saved_geometry = spec.geometry
        self.window_state = "fullscreen" if wall else spec.state
        self.docks: dict[str, QDockWidget] = {}  # view instance -> dock
        self.placements: dict[str, ViewPlacement] = {}
        self.missing: list[ViewPlacement] = []  # views no installed plugin offers: kept for the layout, not shown
        self.carousel: Carousel | None = None
        self.placed_on = ""  # the screen the desk last put it on
        self.away = False  # placed on a fallback while its home screen is missing
        self.setDockNestingEnabled(True)
        self.setWindowTitle("citybrain")
        if wall:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
            self.setProperty("profile", "wall")
            self.setStyleSheet(bundled("citybrain.resources", "themes", "wall.qss").read_text(encoding="utf-8"))
            desk.commands.add_shortcuts(self)
        else:
            self.setStatusBar(FeedStatusBar(desk.feed, desk.notifier, desk.commands.show_notifications))
            desk.commands.build_menus(self)
        if spec.carousel:
            self.carousel = Carousel(spec.carousel_seconds)
            self.setCentralWidget(self.carousel)

    # -- views ------------------------------------------------------------------
    def add_dock(self, placement: ViewPlacement, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title)
        dock.setObjectName(f"view:{placement.instance}")
        dock.setWidget(widget)
        dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        if self.wall:
            dock.setTitleBarWidget(QWidget())  # no chrome on the wall
        self.addDockWidget(AREAS.get(placement.area, AREAS["left"]), dock)
        self.docks[placement.instance] = dock
        self.placements[placement.instance] = placement
        dock.destroyed.connect(lambda *_, i=placement.instance: self._forget(i))
        return dock

    def add_page(self, placement: ViewPlacement, title: str, widget: QWidget) -> None:
        if self.carousel is None:
            self.carousel = Carousel(20.0)
            self.setCentralWidget(self.carousel)
        self.carousel.add_page(widget, title)
        self.placements[placement.instance] = placement

    def _forget(self, instance: str) -> None:
        self.docks.pop(instance, None)
        self.placements.pop(instance, None)

    def view_widgets(self) -> dict[str, QWidget]:
        """Instance -> the widget holding the view (a dock's or a carousel page's)."""
        pages = self.carousel.pages() if self.carousel else []
        out = {i: d.widget() for i, d in self.docks.items()}
        carousel_ids = [i for i in self.placements if i not in self.docks]
        out.update(zip(carousel_ids, pages))
        return out

    def restore_docks(self, state: str | None) -> None:
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode("ascii")))

    def dock_state(self) -> str:
        return bytes(self.saveState().toBase64().data()).decode("ascii")

    # -- screens ------------------------------------------------------------------
    def place(self, screens: Sequence[QScreen]) -> QScreen:
        """Onto the home screen if present, else the fallback; keeps the home for when it returns."""
        screen = pick_screen(self.home_screen, self.home_geometry, screens, prefer_largest=self.wall)
        self.placed_on = screen.name()
        self.away = bool(self.home_screen) and screen.name() != self.home_screen  # a fallback, for now
        was_full = self.isFullScreen() or self.window_state == "fullscreen"
        if self.isFullScreen() or self.isMaximized():
            self.showNormal()
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        if self.wall:  # type sized for this screen, and never wider or taller than it
            from citybrain.shell.carousel import wall_sheet

            self.setStyleSheet(wall_sheet(screen.geometry().height()))
            self.setMaximumSize(screen.geometry().size())
        self.setGeometry(screen.geometry() if self.wall else fit_into(self.saved_geometry, screen))
        if was_full:
            self.showFullScreen()
        elif self.window_state == "maximized":
            self.showMaximized()
        else:
            self.show()
        return screen

    def current_screen_name(self) -> str:
        screen = self.screen()
        return screen.name() if screen else ""

    def snapshot_spec(self) -> WindowLayout:
        """This window as a layout entry (views' settings are filled in by the desk)."""
        screen = self.screen()
        on_fallback = self.away and screen is not None and screen.name() == self.placed_on
        if screen is not None and not on_fallback:  # where it is, unless parked while its home is missing
            self.home_screen, self.home_geometry = screen.name(), rect_list(screen.geometry())
        state = "fullscreen" if self.isFullScreen() else "maximized" if self.isMaximized() else "normal"
        if state == "normal" and screen is not None:
            g, s = self.geometry(), screen.availableGeometry()
            self.saved_geometry = [g.x() - s.x(), g.y() - s.y(), g.width(), g.height()]
        carousel = [p for i, p in self.placements.items() if i not in self.docks]
        return WindowLayout(id=self.objectName(), screen=self.home_screen, screen_geometry=self.home_geometry,
                            geometry=self.saved_geometry, state=state,
                            views=[self.placements[i] for i in self.docks],
                            carousel=carousel, carousel_seconds=self.carousel.seconds if self.carousel else 20.0,
                            dock_state=self.dock_state())

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.window_state = "maximized"
            self.showMaximized()
        else:
            self.window_state = "fullscreen"
            self.showFullScreen()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().closeEvent(event)
        self.desk.window_closed(self)
