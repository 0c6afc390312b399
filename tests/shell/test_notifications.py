"""The alarm sound, toasts, the notification centre and the badge at a real desk (real daemon, real widgets)."""

from __future__ import annotations

import os
import shlex
import sys

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from citybrain.shell.annunciator import PLAYER_ENV

PLAYS = f"{shlex.quote(sys.executable)} -c pass"  # a real player process that plays nothing and succeeds
FAILS = f"{shlex.quote(sys.executable)} -c \"import sys; sys.exit('no sound card')\""
SLOW = f'{shlex.quote(sys.executable)} -c "import time; time.sleep(60)"'  # a long sound, still playing


@pytest.fixture
def player(monkeypatch):
    monkeypatch.setenv(PLAYER_ENV, PLAYS)


def in_window(widget, window) -> QRect:  # noqa: ANN001
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_the_highest_unacknowledged_priority_sounds_until_silenced_and_silencing_is_audited(
    player, make_desk, citybrain_daemon, qtbot, citybrain_desk_loop
):
    desk = make_desk("duty-desk", user="operator")
    leader = citybrain_daemon.client(login="duty")  # the audit is the duty leader's to read, not the operator's
    window, ctx = desk.windows["desk-left"], desk.context("system")
    annunciator, bar = desk.notifier.annunciator, desk.windows["desk-left"].statusBar()
    annunciator.repeat_ms = {"urgent": 50, "high": 50}
    ctx.annunciate("alarms", "medium")
    assert annunciator.sounding is None and annunciator.sounds_played == 0  # medium and low make no sound
    ctx.annunciate("alarms", "high")
    assert annunciator.sounding == "high" and annunciator.last_sound == "high" and annunciator.sounds_played == 1
    assert bar.sound.text() == "Alarm sounding: high" and bar.sound.isVisibleTo(bar)
    ctx.annunciate("reminders", "urgent")  # another key of the plugin: the highest of all sounds
    assert annunciator.sounding == "urgent" and annunciator.last_sound == "urgent"
    played = annunciator.sounds_played
    qtbot.waitUntil(lambda: annunciator.sounds_played > played + 1)  # it repeats
    assert annunciator.last_sound == "urgent"

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # silence: Ctrl+M
    assert annunciator.sounding is None and annunciator.silenced == "urgent"
    assert bar.sound.text() == "Alarm sound silenced"
    played = annunciator.sounds_played
    qtbot.waitUntil(
        lambda: any(
            r["command"] == "system.silence" and r["operator"] == "operator" and r["result"] == "ok"
            for r in leader.replica.records("system.audit")
        ),
        timeout=15_000,
    )
    assert annunciator.sounds_played == played  # silenced: nothing played since
    assert annunciator.keys == {"system:alarms": "high", "system:reminders": "urgent"}  # nothing acknowledged

    ctx.annunciate("reminders", None)  # the urgent one acknowledged: the high one stays silenced
    assert annunciator.sounding is None and annunciator.silenced == "high"
    ctx.annunciate("reminders", "urgent")  # a new, higher alarm sounds again
    assert annunciator.sounding == "urgent"
    ctx.annunciate("reminders", None)
    ctx.annunciate("alarms", None)  # nothing waits: quiet, and the next high alarm sounds as new
    assert annunciator.sounding is None and annunciator.silenced is None and not bar.sound.isVisibleTo(bar)
    ctx.annunciate("alarms", "high")
    assert annunciator.sounding == "high"
    with pytest.raises(ValueError, match="priority"):
        ctx.annunciate("alarms", "critical")


def test_an_alarm_notification_sounds_until_acknowledged_in_the_centre(player, make_desk):
    desk = make_desk("duty-desk")
    notifier = desk.notifier
    notifier.notify("燃气告警", "3号楼", "alarm", "urgent")
    assert notifier.annunciator.sounding == "urgent"
    notifier.notify("水浸告警", "地下车库", "alarm", "medium")
    centre = desk.commands.show_notifications()
    assert centre.current().title == "水浸告警"
    centre.list.setCurrentRow(1)
    centre.acknowledge_current()
    assert notifier.annunciator.sounding is None  # a medium alarm waiting makes no sound


def test_a_desk_without_a_sound_device_shows_it_and_never_waits(monkeypatch, make_desk, qtbot):
    monkeypatch.setenv(PLAYER_ENV, FAILS)
    desk = make_desk("duty-desk")
    annunciator, bar = desk.notifier.annunciator, desk.windows["desk-left"].statusBar()
    desk.context("system").annunciate("alarms", "urgent")
    assert annunciator.sounding == "urgent"  # returned at once, the player still running
    qtbot.waitUntil(lambda: bool(annunciator.problem))
    assert "no sound card" in annunciator.problem
    assert bar.sound.text() == "No sound device" and "no sound card" in bar.sound.toolTip()
    desk.sound_test()
    assert desk.notifier.history[-1].title == "No sound device"

    monkeypatch.setenv(PLAYER_ENV, "/nonexistent/player")  # a player that does not start at all
    other = make_desk("duty-desk")
    other.sound_test()
    qtbot.waitUntil(lambda: bool(other.notifier.annunciator.problem))


def test_a_sound_still_playing_when_the_desk_closes_is_stopped_with_it(monkeypatch, make_desk, qtlog):
    monkeypatch.setenv(PLAYER_ENV, SLOW)
    desk = make_desk("duty-desk")
    desk.sound_test()  # the urgent sound now, the high one in a moment
    output = desk.notifier.annunciator.output
    process = output._process
    assert process is not None and process.waitForStarted(10_000)
    pid = process.processId()
    desk.shutdown()
    assert output._process is None and not output.problem  # stopped, not broken
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped: no player outlives the desk
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not desk.notifier.annunciator._second_test.isActive()  # the high sound of the test never comes
    assert not [r for r in qtlog.records if "QProcess" in r.message]


def test_toasts_merge_by_kind_at_most_three_in_the_tray_never_over_a_view(make_desk):
    desk = make_desk("duty-desk")
    notifier, window = desk.notifier, desk.windows["desk-left"]
    for unit in ("虹口区", "黄浦区", "静安区", "徐汇区", "长宁区"):
        notifier.notify(f"Escalated to {unit}", f"#12 燃气泄漏 · {unit}", "warning", kind="Case escalated")
    escalated = [n for n in notifier.history if n.kind == "Case escalated"]
    assert len(escalated) == 1 and escalated[0].count == 5
    assert notifier.toasts()[0].note.heading == "Escalated to 长宁区 ×5"  # the newest first
    notifier.notify("Disk", "almost full", "warning")
    notifier.notify("Layout saved", "duty-desk", "info")
    notifier.notify("Smoke", "3号楼 12层", "alarm", "urgent")
    notifier.notify("Report due", "incident 7", "warning")
    toasts = notifier.toasts()
    assert len(toasts) == 3 and toasts[0].note.title == "Smoke"  # alarms first, never pushed out
    assert all(t.isVisibleTo(window) for t in toasts)
    tray = in_window(window.tray, window)
    for toast in toasts:
        assert tray.contains(in_window(toast, window))
    for dock in window.docks.values():
        assert not in_window(dock, window).intersects(tray)
    hidden = [t for t in notifier._toasts if t not in toasts]
    assert hidden and not any(t.isVisibleTo(window) for t in hidden)


def test_the_centre_acknowledges_one_by_one_by_keyboard_filters_by_kind_and_has_no_acknowledge_all(make_desk, qtbot):
    desk = make_desk("duty-desk")
    notifier, window = desk.notifier, desk.windows["desk-left"]
    notifier.history.clear()  # the views this test's desk lacks were reported: not this test's business
    notifier.notify("Smoke", "3号楼", "alarm", "high")
    notifier.notify("Smoke", "5号楼", "alarm", "high")
    notifier.notify("Disk", "almost full", "warning")
    notifier.notify("Report due", "incident 7", "warning")
    notifier.notify("Layout saved", "duty-desk", "info")
    bar = window.statusBar()
    assert bar.badge.text() == "1 alarm to acknowledge · 2 notifications to acknowledge"
    assert bar.badge.text() in bar.badge.toolTip()

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    centre = desk.commands.centre
    assert centre is not None and centre.isVisible()
    assert not any("all" in b.text().lower() for b in centre.findChildren(QAbstractButton))
    assert "notifications.ack" not in {c.id for c in desk.commands.all()}
    menus = [a.text() for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()]
    assert not any("acknowledge all" in t.lower() for t in menus) and "Test the alarm sounds" in menus

    centre.list.setFocus()
    centre.list.setCurrentRow(2)  # newest first: Layout saved, Report due, Disk, Smoke ×2
    assert centre.current().title == "Disk"
    qtbot.keyClick(centre.list, Qt.Key.Key_Return)
    assert [n.title for n in notifier.unacknowledged] == ["Smoke", "Report due"]
    assert centre.current().title == "Smoke" and centre.current().count == 2  # on to the next one waiting
    centre.select_kind("Report due")
    assert [n.title for n in centre.notes()] == ["Report due"]
    qtbot.keyClick(centre.list, Qt.Key.Key_Return)
    assert [n.title for n in notifier.unacknowledged] == ["Smoke"]
    assert bar.badge.text() == "1 alarm to acknowledge"
    centre.close()


def test_every_window_shows_the_desks_operator_with_the_role_by_name(make_desk):
    desk = make_desk("duty-desk", user="duty")
    assert all(w.statusBar().operator.text().endswith("· Duty leader") for w in desk.windows.values())
    desk.switch_layout("duty-desk")  # every window closed and built anew
    window = desk.new_window()
    for w in desk.windows.values():
        assert w.statusBar().operator.text().endswith("· Duty leader"), w.objectName()
    desk.notifier.notify("after switching", "no window left behind", "warning")  # deleted bars hear nothing
    assert "duty_leader" not in window.statusBar().operator.text()
    QApplication.processEvents()


def test_the_centre_says_a_warnings_priority_in_words_as_its_marker_shows_it():
    from citybrain.shell.notification_centre import describe, marker_level
    from citybrain.shell.notify import Notification

    overdue = Notification(0.0, "28 enterprise demands overdue", "上海科星科技发展有限公司", "warning", "high")
    assert marker_level(overdue) == "high" and describe(overdue) == "warning, high · not acknowledged"
    plain = Notification(0.0, "Shelter full", "复兴高级中学临时安置点", "warning")
    assert describe(plain) == "warning · not acknowledged"
