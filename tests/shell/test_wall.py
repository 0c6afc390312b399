"""The wall profile: never wider than its screen, type sized for its screen (28 px and up on a 3840×2160 wall, as
drawn: cells, headers, chart axes, painted labels), and read-only: no buttons, no entry boxes, no selection, no
focus, a click reaches nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit, QWidget

from citybrain.core.testing import PASSWORDS
from citybrain.shell.carousel import WALL_SMALLEST_PX, wall_sheet
from citybrain.shell.desk import Desk
from citybrain.shell.drawn_text import DrawnText, drawn_text
from citybrain.shell.feed import DeskFeed
from citybrain.shell.layouts import Layout, ViewPlacement, WindowLayout
from citybrain.shell.plugins import desk_plugin_host

PAGES = ("system.health", "system.platform", "system.audit")  # tables, tabs, KPI cards and a filter box


def wall_on(store, screen: str, geometry: list[int]) -> str:
    store.save(
        Layout(
            "wall-here",
            profile="wall",
            windows=[
                WindowLayout(
                    "wall",
                    screen=screen,
                    screen_geometry=geometry,
                    state="fullscreen",
                    carousel_seconds=600,
                    carousel=[ViewPlacement(v) for v in PAGES],
                )
            ],
        )
    )
    return "wall-here"


def shown_text_widgets(page: QWidget) -> list[QWidget]:
    return [
        w
        for w in page.findChildren(QWidget)
        if w.isVisibleTo(page) and ((isinstance(w, QLabel) and w.text().strip()) or isinstance(w, QAbstractItemView))
    ]


def too_small(window: QWidget, smallest: float) -> list[DrawnText]:
    """The texts the window draws (cells, headers, captions, chart axes, painted labels) below ``smallest`` px."""
    return [t for t in drawn_text(window) if t.px < smallest]


@pytest.mark.parametrize(
    "screen, geometry, smallest",
    [("wall", [3840, 0, 3840, 2160], WALL_SMALLEST_PX), ("desk-left", [0, 0, 1920, 1080], WALL_SMALLEST_PX // 2)],
)
def test_a_wall_fits_its_screen_with_type_sized_for_it(make_desk, store, qtbot, screen, geometry, smallest):
    desk = make_desk(wall_on(store, screen, geometry))
    (window,) = desk.windows.values()
    qtbot.waitUntil(lambda: window.isFullScreen() and window.screen().name() == screen)
    for index, page in enumerate(window.carousel.pages()):
        window.carousel.show_page(index)
        qtbot.waitUntil(page.isVisible)
        assert window.width() <= geometry[2] and window.height() <= geometry[3]
        sizes = {w: QFontInfo(w.font()).pixelSize() for w in shown_text_widgets(page)}
        assert sizes and min(sizes.values()) >= smallest, {
            type(w).__name__: s for w, s in sizes.items() if s < smallest
        }
        assert drawn_text(page) and not too_small(window, smallest)


def test_every_installed_wall_page_draws_its_text_at_28_px_and_up(citybrain_daemon, store, qtbot, citybrain_desk_loop):
    """Every view a plugin offers for the wall, and every page of the video-wall preset, on the 3840×2160 wall:
    nothing an operator must read drawn smaller than WALL_SMALLEST_PX (the font's em in pixels as drawn)."""
    host = desk_plugin_host()
    host.discover()
    feed = DeskFeed(citybrain_daemon.endpoint)
    desk = Desk(feed, host, store)
    preset = [p.view for w in store.preset("video-wall").windows for p in w.carousel]
    pages = [*preset, *sorted(v for v, (_, spec) in desk.views.items() if spec.placement == "wall" and v not in preset)]
    store.save(
        Layout(
            "every-wall-page",
            profile="wall",
            windows=[
                WindowLayout(
                    "wall",
                    screen="wall",
                    screen_geometry=[3840, 0, 3840, 2160],
                    state="fullscreen",
                    carousel_seconds=600,
                    carousel=[ViewPlacement(v) for v in pages],
                )
            ],
        )
    )
    desk.start("every-wall-page")
    try:
        with qtbot.waitSignal(feed.stale_changed, timeout=30_000, check_params_cb=lambda stale: not stale):
            feed.start()
        reply = feed.client.login("duty", PASSWORDS["duty"])  # as a wall desk logs in (``--user``)
        feed.set_operator({k: v for k, v in reply.items() if k != "token"})
        (window,) = desk.windows.values()
        qtbot.waitUntil(lambda: window.isFullScreen())
        assert len(window.carousel.pages()) == len(pages) > 5
        small = {}
        for index, page in enumerate(window.carousel.pages()):
            window.carousel.show_page(index)
            qtbot.waitUntil(lambda p=page: bool(drawn_text(p)), timeout=30_000)  # no blank page: content, or why none
            small.update({(pages[index], t.text, t.widget): t.px for t in too_small(window, WALL_SMALLEST_PX)})
        assert not small
    finally:
        desk.shutdown()
        feed.stop()


def test_the_wall_sheet_scales_every_pixel_size_with_the_screen():
    assert "font-size: 32px" in wall_sheet(2160) and "font-size: 16px" in wall_sheet(1080)
    assert "font-size: 28px" in wall_sheet(2160) and "28px" not in wall_sheet(1080)


def test_wall_pages_offer_nothing_to_press_type_or_select(make_desk, store, qtbot):
    desk = make_desk(wall_on(store, "wall", [3840, 0, 3840, 2160]), user="duty")
    (window,) = desk.windows.values()
    for index, page in enumerate(window.carousel.pages()):
        window.carousel.show_page(index)
        qtbot.waitUntil(page.isVisible)
        assert not [b for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page) and b.isEnabled()]
        assert not [e for e in page.findChildren(QLineEdit) if e.isVisibleTo(page)]
        views = [v for v in page.findChildren(QAbstractItemView) if v.isVisibleTo(page)]
        assert views or index == 0
        for view in views:
            assert view.selectionMode() == QAbstractItemView.SelectionMode.NoSelection
            if view.model() is not None and view.model().rowCount():
                QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
                assert not view.selectionModel().hasSelection()
        assert all(w.focusPolicy() == Qt.FocusPolicy.NoFocus for w in page.findChildren(QWidget))
        assert page.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_a_wall_shows_no_toasts_and_keeps_its_whole_screen_for_its_pages(make_desk, store, qtbot):
    """A wall alone hosted the toast tray: an empty strip at its foot and, when something was notified, toasts to
    click on a read-only wall."""
    desk = make_desk(wall_on(store, "wall", [3840, 0, 3840, 2160]), user="duty")
    (window,) = desk.windows.values()
    qtbot.waitUntil(lambda: window.isFullScreen())
    desk.notifier.notify("Escalated", "case 12 escalated to 虹口区", "warning")
    assert not window.tray.isVisible() and not [t for t in desk.notifier.toasts() if t.isVisible()]
    assert desk.notifier.history  # still kept: a desk window opened later lists it
    assert window.carousel.geometry().bottom() >= window.height() - 2 * window.fontMetrics().height()


def test_a_wall_page_hides_choice_boxes_and_desk_hints(qtbot):
    """The incidents page on the wall showed its report-kind and level boxes (not editable, so left on) and "select
    an incident": a wall offers nothing to choose and invites no click."""
    from PySide6.QtWidgets import QComboBox, QVBoxLayout

    from citybrain.shell.carousel import read_only

    page = QWidget()
    qtbot.addWidget(page)
    rows = QVBoxLayout(page)
    kind, hint, figure = QComboBox(), QLabel("Select an incident"), QLabel("2 incidents")
    kind.addItems(["Phone report", "Written report"])
    hint.setProperty("deskOnly", True)
    for widget in (kind, hint, figure):
        rows.addWidget(widget)
    page.show()
    read_only(page)
    assert not kind.isVisible() and not hint.isVisible() and figure.isVisible()
