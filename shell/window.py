"""One top-level desk window: plugin views as docks, a carousel on the wall, placed on its home screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from citybrain.core.config import bundled
from citybrain.shell.banners import BannerStrip
from citybrain.shell.carousel import Carousel
from citybrain.shell.i18n import tr
from citybrain.shell.layouts import ViewPlacement, WindowLayout
from citybrain.shell.names import UNITS
from citybrain.shell.notify import ToastTray
from citybrain.shell.screens import fit_into, pick_screen, rect_list
from citybrain.shell.statusbar import FeedStatusBar, operator_unit

if TYPE_CHECKING:
    from citybrain.shell.desk import Desk

AREAS = {
    "left": Qt.DockWidgetArea.LeftDockWidgetArea,
    "right": Qt.DockWidgetArea.RightDockWidgetArea,
    "top": Qt.DockWidgetArea.TopDockWidgetArea,
    "bottom": Qt.DockWidgetArea.BottomDockWidgetArea,
}


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
        self.show_title()
        desk.feed.operator_changed.connect(self.show_title)
        desk.feed.watch(UNITS, self.show_title)
        if wall:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
            self.setProperty("profile", "wall")
            self.setStyleSheet(bundled("citybrain.resources", "themes", "wall.qss").read_text(encoding="utf-8"))
            desk.commands.add_shortcuts(self)
        else:
            self.setStatusBar(FeedStatusBar(desk.feed, desk.notifier, desk.commands.show_notifications))
            desk.commands.build_menus(self)
        banners = [banner for _, banner in desk.host.call("citybrain_banner", ctx=desk.context) if banner is not None]
        self.banners = BannerStrip(banners, self) if banners else None  # over the views, desk and wall alike
        if self.banners is not None:
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banners)
        self.tray = ToastTray(self)  # toasts have their own strip: never over a view
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.tray)
        if spec.carousel:
            self.carousel = Carousel(spec.carousel_seconds)
            self.setCentralWidget(self.carousel)

    def show_title(self, *_: object) -> None:
        """citybrain and the unit this desk sees and acts within (a subdistrict's, a property company's)."""
        self.setWindowTitle(tr("Main", "citybrain · {unit}").format(unit=operator_unit(self.desk.feed)))

    # -- views ------------------------------------------------------------------
    def add_dock(self, placement: ViewPlacement, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title)
        dock.setObjectName(f"view:{placement.instance}")
        dock.setWidget(widget)
        dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        if self.wall:
            dock.setTitleBarWidget(QWidget())  # no chrome on the wall
        self.addDockWidget(AREAS.get(placement.area, AREAS["left"]), dock)
        self.docks[placement.instance] = dock
        self.placements[placement.instance] = placement
        dock.destroyed.connect(lambda *_, i=placement.instance: self._forget(i))
        return dock

    def fit_views(self, screen: QScreen) -> None:
        """On a screen too small for the views one above another (a 1366×768 laptop), the views of each dock area
        become tabs of one another; else the window would grow past the screen and its lower views be cut off."""
        avail, need = screen.availableGeometry(), self.minimumSizeHint()
        if need.height() <= avail.height() and need.width() <= avail.width():
            return
        by_area: dict[Qt.DockWidgetArea, list[QDockWidget]] = {}
        for dock in self.docks.values():
            if not dock.isFloating() and not dock.isHidden():
                by_area.setdefault(self.dockWidgetArea(dock), []).append(dock)
        for docks in by_area.values():
            for dock in docks[1:]:
                self.tabifyDockWidget(docks[0], dock)
            docks[0].raise_()

    def give_room(self, dock: QDockWidget) -> None:
        """A view opened on demand shares the place of the largest docked view (a tab beside it) instead of
        squeezing into a strip of its dock area; alone in the window it has the whole window."""
        others = [d for d in self.docks.values() if d is not dock and d.isVisible() and not d.isFloating()]
        if others:
            self.tabifyDockWidget(max(others, key=lambda d: d.width() * d.height()), dock)
        dock.show()
        dock.raise_()

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
        out.update(zip(carousel_ids, pages, strict=False))  # a placement whose page is not built yet has no widget
        return out

    def restore_docks(self, state: str | None) -> None:
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode("ascii")))
        if self.banners is not None:  # a saved state says nothing of what is on now
            self.banners.follow()

    def dock_state(self) -> str:
        return bytes(self.saveState().toBase64().data()).decode("ascii")

    # -- screens ------------------------------------------------------------------
    def target_screen(self, screens: Sequence[QScreen]) -> QScreen:
        """Where :meth:`place` puts this window: its home screen if present, else the fallback."""
        return pick_screen(self.home_screen, self.home_geometry, screens, prefer_largest=self.wall)

    def target_rect(self, screen: QScreen) -> QRect:
        """The rectangle this window would take on ``screen`` (the whole screen when maximised or full)."""
        if self.window_state in ("maximized", "fullscreen"):
            return screen.geometry()
        return fit_into(self.saved_geometry, screen)

    def place(self, screens: Sequence[QScreen], tile: QRect | None = None) -> QScreen:
        """Onto the home screen if present, else the fallback; keeps the home for when it returns.

        ``tile``: the part of the screen this window gets while it shares the screen with others (a normal
        window there, whatever its own state)."""
        screen = self.target_screen(screens)
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
        self.fit_views(screen)
        self.setGeometry(
            tile if tile is not None else screen.geometry() if self.wall else fit_into(self.saved_geometry, screen)
        )
        if tile is not None:
            self.show()
        elif was_full:
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
        state: Literal["normal", "maximized", "fullscreen"] = (
            "fullscreen" if self.isFullScreen() else "maximized" if self.isMaximized() else "normal"
        )
        if state == "normal" and screen is not None:
            g, s = self.geometry(), screen.availableGeometry()
            self.saved_geometry = [g.x() - s.x(), g.y() - s.y(), g.width(), g.height()]
        carousel = [p for i, p in self.placements.items() if i not in self.docks]
        return WindowLayout(
            id=self.objectName(),
            screen=self.home_screen,
            screen_geometry=self.home_geometry,
            geometry=self.saved_geometry,
            state=state,
            views=[self.placements[i] for i in self.docks],
            carousel=carousel,
            carousel_seconds=self.carousel.seconds if self.carousel else 20.0,
            dock_state=self.dock_state(),
        )

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
