"""Windows on fewer screens than the layout has, views opened on demand, layout names, saving said where done."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from citybrain.shell.layouts import LayoutError, check_name


def screen(name: str):  # noqa: ANN201 - QScreen
    return next(s for s in QGuiApplication.screens() if s.name() == name)


def test_more_windows_than_screens_are_tiled_never_stacked(make_desk):
    desk = make_desk("duty-desk")
    left, right = desk.windows["desk-left"], desk.windows["desk-right"]
    assert left.isMaximized() and right.isMaximized()  # each on its own screen: as the layout says
    desk.place_windows([screen("desk-left")])  # a one-screen desk
    a, b = left.frameGeometry(), right.frameGeometry()
    avail = screen("desk-left").availableGeometry()
    assert right.screen().name() == left.screen().name() == "desk-left"
    assert not a.intersects(b) and avail.contains(a) and avail.contains(b)
    assert a.width() >= avail.width() // 2 - 20 and a.height() >= avail.height() - 40  # a fair share each
    desk.place_windows()  # its screen back: home again, maximised
    assert right.screen().name() == "desk-right" and right.isMaximized()


def test_a_view_opened_from_the_palette_gets_room(make_desk):
    desk = make_desk("duty-desk")
    window = desk.windows["desk-left"]
    desk.active_window = lambda: window  # the window the operator works in (offscreen has no active window)
    before = set(window.docks)
    next(c for c in desk.commands.all() if c.id == "view.open:system.audit").run()  # what the palette runs
    added = set(window.docks) - before
    assert len(added) == 1  # the audit view allows copies: a second one
    dock = window.docks[added.pop()]
    assert window.tabifiedDockWidgets(dock)  # shares the place of the largest view
    largest = max((d for d in window.docks.values() if d is not dock), key=lambda d: d.width() * d.height())
    assert dock in window.tabifiedDockWidgets(largest)


def test_the_open_view_menu_lists_every_view_as_it_opens_and_opens_one_in_its_window(make_desk):
    desk = make_desk("duty-desk")
    window = desk.windows["desk-left"]
    window_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Window")
    views = next(a.menu() for a in window_menu.actions() if a.text() == "Open view")
    views.aboutToShow.emit()  # the menu is filled as it opens
    views.aboutToShow.emit()  # and again, not twice over
    titles = [a.text() for a in views.actions()]
    assert titles == [spec.title for _, (_, spec) in sorted(desk.views.items())]
    before = set(window.docks)
    views.actions()[titles.index(desk.views["system.audit"][1].title)].trigger()
    assert len(set(window.docks) - before) == 1  # a copy of the audit view, in the window whose menu it was


def test_the_layout_list_has_no_current_pseudo_layout_and_saving_says_so_where_done(make_desk):
    desk = make_desk("duty-desk")
    window = desk.windows["desk-left"]
    desk.active_window = lambda: window
    desk.commands.save_current()
    assert (desk.store.folder / "current.json").exists()
    assert "current" not in desk.store.names()
    assert window.statusBar().currentMessage() == "Layout “duty-desk” saved"
    with pytest.raises(LayoutError, match="reserved"):
        check_name("current")
    layout_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Layout")
    layout_menu.aboutToShow.emit()  # the menu is filled as it opens
    assert "current" not in [a.text() for a in layout_menu.actions()]
