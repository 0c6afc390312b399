"""Notifications, sound, shortcuts and themes at a real desk (real daemon, real widgets, offscreen)."""

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


def test_alarms_sound_by_priority_are_counted_until_acknowledged_and_never_hidden_by_toasts(make_desk):
    desk = make_desk("duty-desk")
    notifier, bar = desk.notifier, desk.windows["desk-left"].statusBar()
    notifier.acknowledge()
    before = notifier.sounds_played
    notifier.notify("烟感告警", "3号楼 12层", "alarm", "urgent")
    assert notifier.sounds_played == before + 3
    notifier.notify("水浸告警", "地下车库", "alarm", "medium")
    assert notifier.sounds_played == before + 4
    for i in range(6):
        notifier.notify("info", f"note {i}", "info")
    notifier.notify("disk", "almost full", "warning")
    assert len(notifier.unacknowledged) == 3  # information needs no acknowledgement
    assert "⚑ 3" in bar.badge.text() and "▲2" in bar.badge.text() and bar.badge.objectName() == "badgeAlarm"
    toasts = notifier.toasts()
    assert [n.level for _, n in toasts[:2]] == ["alarm", "alarm"]  # nearest the corner, never pushed out
    alarm_rects = [t.geometry() for t, n in toasts if n.level == "alarm"]
    assert not any(t.geometry().intersects(r) for t, n in toasts if n.level != "alarm" for r in alarm_rects)
    centre = desk.commands.show_notifications()
    assert centre.list.count() >= 9 and "▲" in centre.list.item(centre.list.count() - 2).text()
    centre.ack.click()
    assert notifier.unacknowledged == [] and "⚑ 0" in bar.badge.text()


def test_a_desk_mutes_itself_but_only_a_duty_leader_silences_the_wall(make_desk):
    desk = make_desk("duty-desk")
    assert desk.commands.toggle_sound() and desk.notifier.muted
    before = desk.notifier.sounds_played
    desk.notifier.notify("烟感告警", "3号楼", "alarm", "high")
    assert desk.notifier.sounds_played == before
    assert desk.commands.toggle_sound() and not desk.notifier.muted
    desk.shutdown()

    wall = make_desk("video-wall", user="wall")
    assert not wall.commands.toggle_sound() and not wall.notifier.muted
    assert wall.notifier.history[-1].title == "Sound stays on"
    leader = make_desk("video-wall", user="duty")
    assert leader.feed.operator["role"] == "duty_leader"
    assert leader.commands.toggle_sound() and leader.notifier.muted


def test_shortcuts_are_rebound_refused_when_they_clash_and_listed_in_the_palette(make_desk):
    desk = make_desk("duty-desk")
    defaults = {c.id: c.shortcut for c in desk.commands.all()}
    assert defaults["palette"] == "Ctrl+K" and defaults["window.fullscreen"] == "F11"
    with pytest.raises(ValueError, match="two commands"):
        desk.commands.set_shortcuts({"layout.save": "Ctrl+K", "palette": "Ctrl+K"})
    desk.commands.set_shortcuts({"layout.save": "Ctrl+Alt+S"})
    assert {c.id: c.shortcut for c in desk.commands.all()}["layout.save"] == "Ctrl+Alt+S"
    menu_keys = {a.text(): a.shortcut().toString() for m in desk.windows["desk-left"].menuBar().actions()
                 for a in m.menu().actions()}
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
    assert app.palette().color(QPalette.ColorRole.Window) == load_theme("light").palette.color(QPalette.ColorRole.Window)
    assert QSettings().value("desk/theme") == "light"
    banner = next(iter(desk.windows.values())).findChild(QLabel, "staleBanner")  # an accent follows the theme
    assert "#d9cff0" in banner.styleSheet()
    desk.set_theme("dark")
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#1d2025"
    assert "#4a3d66" in banner.styleSheet() and app.styleSheet() == ""
