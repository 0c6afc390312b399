"""Named layouts on three offscreen screens (desk-left, desk-right, wall): real windows, real daemon."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QStatusBar

from citybrain.shell.i18n import install_translator
from citybrain.shell.layouts import Layout, LayoutError, ViewPlacement, WindowLayout


def screen(name: str):
    return next(s for s in QGuiApplication.screens() if s.name() == name)


def test_the_three_screens_are_there(qapp):
    assert [s.name() for s in QGuiApplication.screens()] == ["desk-left", "desk-right", "wall"]


def test_duty_desk_comes_up_on_both_desk_screens(make_desk):
    desk = make_desk("duty-desk")
    left, right = desk.windows["desk-left"], desk.windows["desk-right"]
    assert left.screen().name() == "desk-left" and right.screen().name() == "desk-right"
    assert left.isMaximized() and right.isMaximized()
    assert set(left.docks) == {"system.health", "system.audit"}
    assert set(right.docks) == {"system.platform", "system.audit#2"}
    errors_first = right.docks["system.audit#2"].widget().content.view.horizontalHeader()  # the preset's settings:
    assert (errors_first.sortIndicatorSection(), errors_first.sortIndicatorOrder()) == (  # no filter word of one
        5,
        Qt.SortOrder.DescendingOrder,
    )  # language (the Chinese desk showed "error" matching nothing)
    assert not left.menuBar().isHidden() and left.statusBar() is not None


def test_a_saved_layout_comes_back_exactly_after_a_restart(make_desk, store, qtbot):
    desk = make_desk("duty-desk")
    left = desk.windows["desk-left"]
    audit = left.docks["system.audit"].widget().content
    audit.filter.setText("login")
    audit.view.horizontalHeader().resizeSection(1, 211)
    platform = desk.windows["desk-right"].docks["system.platform"].widget().content
    platform.setCurrentIndex(1)
    extra = desk.open_view("system.audit", left)
    assert extra == "system.audit#3"  # #2 is open on the right screen
    left.docks[extra].widget().content.filter.setText("refused")
    desk.move_window(desk.windows["desk-right"], screen("wall"))
    desk.windows["desk-right"].showNormal()
    wall = screen("wall").availableGeometry()
    desk.windows["desk-right"].setGeometry(wall.x() + 100, wall.y() + 50, 1400, 900)
    desk.save_layout("night shift")
    saved = json.loads((store.folder / "night shift.json").read_text(encoding="utf-8"))
    assert {w["id"]: w["screen"] for w in saved["windows"]} == {"desk-left": "desk-left", "desk-right": "wall"}
    desk.shutdown()

    again = make_desk()  # a new start on this workstation: the last layout it used
    assert again.layout.name == "night shift"
    left = again.windows["desk-left"]
    assert set(left.docks) == {"system.health", "system.audit", "system.audit#3"}
    assert left.docks["system.audit"].widget().content.filter.text() == "login"
    assert left.docks["system.audit"].widget().content.view.horizontalHeader().sectionSize(1) == 211
    assert left.docks["system.audit#3"].widget().content.filter.text() == "refused"
    right = again.windows["desk-right"]
    assert right.screen().name() == "wall" and not right.isMaximized()
    g = right.geometry()
    assert (g.x() - wall.x(), g.y() - wall.y(), g.width(), g.height()) == (100, 50, 1400, 900)
    assert right.docks["system.platform"].widget().content.currentIndex() == 1
    assert right.docks["system.audit#2"].widget().content.view.horizontalHeader().sortIndicatorSection() == 5


def test_a_missing_screen_falls_back_and_the_window_returns_with_it(make_desk):
    desk = make_desk("duty-desk")
    right = desk.windows["desk-right"]
    remaining = [screen("desk-left"), screen("wall")]
    desk.place_windows(remaining)  # what the desk does when Qt reports desk-right unplugged
    assert right.screen().name() == "desk-left"
    assert desk.capture().windows[1].screen == "desk-right"  # its home is remembered while it is away
    desk.place_windows()  # plugged back
    assert right.screen().name() == "desk-right"


def test_a_layout_from_another_workstation_finds_screens_by_geometry_or_falls_back(make_desk, store):
    store.save(
        Layout(
            "elsewhere",
            windows=[
                WindowLayout("a", screen="DP-3", screen_geometry=[1920, 0, 1920, 1080]),  # same geometry as desk-right
                WindowLayout("b", screen="HDMI-9", screen_geometry=[0, 0, 800, 600]),
            ],
        )
    )  # nothing like it: the primary
    desk = make_desk("elsewhere")
    assert desk.windows["a"].screen().name() == "desk-right"
    assert desk.windows["b"].screen().name() == QGuiApplication.primaryScreen().name()


def test_a_corrupt_layout_file_is_reported_and_the_preset_used(make_desk, store):
    store.folder.mkdir(parents=True)
    (store.folder / "duty-desk.json").write_text('{"name": "duty-desk", "windows": [', encoding="utf-8")
    desk = make_desk("duty-desk")
    assert set(desk.windows) == {"desk-left", "desk-right"}  # never a blank desk
    assert any("duty-desk.json" in n.text for n in desk.notifier.history)


def test_store_round_trip_rename_delete_and_refusals(store):
    layout = store.preset("duty-desk")
    layout.name = "mine"
    store.save(layout)
    assert "mine" in store.names() and not list(store.folder.glob(".*"))  # no temporary file left behind
    store.set_current("mine")
    store.rename("mine", "夜班")
    assert store.current() == "夜班" and "mine" not in store.names()
    assert store.load("夜班").windows[0].views[0].view == "cases.open"
    with pytest.raises(LayoutError, match="exists already"):
        store.rename("夜班", "duty-desk")
    with pytest.raises(LayoutError, match="layout name"):
        store.save(Layout("../escape", windows=[WindowLayout("w")]))
    assert store.delete("夜班") and not store.delete("夜班")
    assert store.current() == "duty-desk"  # what it used is gone: the default preset
    (store.folder / "broken.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(LayoutError, match="broken.json"):
        store.load("broken")


def test_the_video_wall_is_full_screen_without_chrome_and_its_carousel_turns(make_desk, store, qtbot):
    layout = store.preset("video-wall")
    assert layout.profile == "wall" and layout.windows[0].carousel_seconds == 15
    assert not [p.view for p in layout.windows[0].carousel if p.view.startswith("system.") or p.view == "cases.open"]
    layout.name, layout.windows[0].carousel_seconds = "quick-wall", 1
    layout.windows[0].carousel += [ViewPlacement("system.health"), ViewPlacement("system.platform")]  # pages we have
    store.save(layout)
    desk = make_desk("quick-wall")
    (window,) = desk.windows.values()
    assert window.screen().name() == "wall" and window.isFullScreen()
    assert window.menuWidget() is None and window.findChild(QStatusBar) is None
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    carousel = window.carousel  # only the system plugin is loaded here: the other pages are kept aside and reported
    assert any(
        "assets.readiness, cases.board, cases.map, duty.wall, enterprise.wall, jobs.wall, metrics.wall, "
        "plans.wall, sensors.wall_screen" in n.text
        for n in desk.notifier.history
    )
    carousel.show_page(0)  # restarts its timer: the next turn is a whole period away
    assert carousel.caption.text().endswith("1 / 2")
    with qtbot.waitSignal(carousel.page_changed, timeout=5000) as turned:  # the timer turns it, nobody else
        pass
    assert turned.args == [1] and carousel.caption.text().endswith("2 / 2")
    assert not any(c.id.startswith(("layout.save_as", "session.login")) for c in desk.commands.all())  # no dialogs


def test_the_palette_finds_actions_by_pinyin_initials_chinese_and_english(make_desk):
    app = QApplication.instance()
    install_translator(app, "zh_CN")
    try:
        desk = make_desk("duty-desk")
        palette = desk.commands.show_palette()
        palette.query.setText("bcbj")  # 保存布局: bao cun bu ju
        assert palette.matches()[0] == "layout.save"
        palette.query.setText("切换布局")
        assert palette.matches()[0].startswith("layout.switch:")
        palette.query.setText("full scr")
        assert palette.matches()[0] == "window.fullscreen"
        palette.query.setText("dkst audit")  # 打开视图 + the view id
        assert palette.matches()[0] == "view.open:system.audit"
        palette.run_selected()
        assert "system.audit#3" in desk.active_window().placements
        palette.close()
    finally:
        install_translator(app, "en")


def test_switching_language_keeps_windows_views_and_settings(make_desk):
    app = QApplication.instance()
    desk = make_desk("duty-desk")
    desk.windows["desk-left"].docks["system.audit"].widget().content.filter.setText("login")
    before = desk.capture()
    try:
        desk.set_language("zh_CN")
        assert desk.windows["desk-left"].docks["system.audit"].windowTitle() == "审计日志"
        after = desk.capture()
        assert [(w.id, w.screen, [v.instance for v in w.views]) for w in after.windows] == [
            (w.id, w.screen, [v.instance for v in w.views]) for w in before.windows
        ]
        assert desk.windows["desk-left"].docks["system.audit"].widget().content.filter.text() == "login"
    finally:
        install_translator(app, "en")
