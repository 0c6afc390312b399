"""The wall's sound, shortcuts and themes at a real desk (real daemon, real widgets, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from citybrain.shell.theme import load_theme


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    """QSettings of this test only (sound, theme, shortcuts): the operator's own are not touched."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


def test_only_a_duty_leader_silences_the_wall(make_desk, citybrain_desk_loop):
    wall = make_desk("video-wall", user="wall")
    wall.context("system").annunciate("alarms", "urgent")
    assert not wall.silence() and wall.notifier.annunciator.sounding == "urgent"
    assert wall.notifier.history[-1].title == "Sound stays on"
    leader = make_desk("video-wall", user="duty")
    assert leader.feed.operator["role"] == "duty_leader"
    leader.context("system").annunciate("alarms", "urgent")
    assert leader.silence() and leader.notifier.annunciator.sounding is None


def test_shortcuts_are_rebound_refused_when_they_clash_and_listed_in_the_palette(make_desk):
    desk = make_desk("duty-desk")
    defaults = {c.id: c.shortcut for c in desk.commands.all()}
    assert defaults["palette"] == "Ctrl+K" and defaults["window.fullscreen"] == "F11"
    with pytest.raises(ValueError, match="two commands"):
        desk.commands.set_shortcuts({"layout.save": "Ctrl+K", "palette": "Ctrl+K"})
    desk.commands.set_shortcuts({"layout.save": "Ctrl+Alt+S"})
    assert {c.id: c.shortcut for c in desk.commands.all()}["layout.save"] == "Ctrl+Alt+S"
    menu_keys = {
        a.text(): a.shortcut().toString()
        for m in desk.windows["desk-left"].menuBar().actions()
        for a in m.menu().actions()
    }
    assert menu_keys["Save layout"] == "Ctrl+Alt+S"  # the rebuilt menus carry it
    palette = desk.commands.show_palette()
    palette.query.setText("save layout")
    assert "Ctrl+Alt+S" in palette.list.item(0).text()
    palette.close()
    desk.commands.set_shortcuts({"layout.save": "Ctrl+S"})  # back to its default: the override is dropped
    settings = QSettings()
    settings.beginGroup("shortcuts")
    assert "layout.save" not in settings.childKeys()


def test_the_theme_switches_and_is_remembered(make_desk):
    desk = make_desk("duty-desk")
    app = QApplication.instance()
    desk.set_theme("light")
    assert app.palette().color(QPalette.ColorRole.Window) == load_theme("light").palette.color(
        QPalette.ColorRole.Window
    )
    assert QSettings().value("desk/theme") == "light"
    banner = next(iter(desk.windows.values())).findChild(QLabel, "staleBanner")  # an accent follows the theme
    assert "#d9cff0" in banner.styleSheet()
    desk.set_theme("dark")
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#1d2025"
    assert "#4a3d66" in banner.styleSheet() and app.styleSheet() == ""
