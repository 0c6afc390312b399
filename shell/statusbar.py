"""The status bar: connection state, daemon, sequence, update rate, resyncs, the alarm sound, notifications, the
operator and the org unit their desk sees and acts within.

Every window has one, and each shows the desk's state, not its own: a window opened later (a new window, a
layout switch) starts from the feed's operator and the notifier's counts.  Signals go to this bar's own methods,
so they are disconnected when the window is deleted (a lambda would outlive it and reach deleted widgets).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

from citybrain.core.client import FeedStatus
from citybrain.shell.feed import DeskFeed
from citybrain.shell.feed_reasons import in_bar, reason_text
from citybrain.shell.i18n import tr, tr_n
from citybrain.shell.names import UNITS, role_name
from citybrain.shell.notify import Notifier
from citybrain.widgets.accents import accent
from citybrain.widgets.palette import level_name


def badge_text(notifier: Notifier) -> str:
    """What the badge counts, in words: alarms and other notifications waiting for acknowledgement."""
    waiting = notifier.unacknowledged
    alarms = sum(1 for n in waiting if n.level == "alarm")
    parts = []
    if alarms:
        parts.append(tr_n("Status", "{n} alarm to acknowledge", "{n} alarms to acknowledge", alarms))
    if len(waiting) - alarms:
        parts.append(
            tr_n("Status", "{n} notification to acknowledge", "{n} notifications to acknowledge", len(waiting) - alarms)
        )
    return " · ".join(parts) or tr("Status", "no notifications waiting")


def operator_unit(feed: DeskFeed) -> str:
    """The org unit the operator's desk sees and acts within, by its name in the tree (data, as written); the whole
    district when the operator is in none (or not logged in); the code while the tree has not reached the desk."""
    code = (feed.operator or {}).get("unit")
    if not code:
        return tr("Status", "Whole district")
    unit = feed.client.replica.get(UNITS, code)
    return (unit or {}).get("name") or code


class FeedStatusBar(QStatusBar):
    """``open_centre`` (optional) is called when the operator clicks the notification badge."""

    def __init__(
        self, feed: DeskFeed, notifier: Notifier | None = None, open_centre: Callable[[], object] | None = None
    ) -> None:
        super().__init__()
        self.feed = feed
        self.notifier = notifier
        self.state = QLabel()
        self.daemon = QLabel()
        self.seq = QLabel()
        self.rate = QLabel()
        self.resync = QLabel()
        self.sound = QLabel()
        self.operator = QLabel()
        self.unit = QLabel()
        self.unit.setObjectName("operatorUnit")
        labels = (self.state, self.daemon, self.seq, self.rate, self.resync, self.sound, self.operator, self.unit)
        for label in labels:
            label.setContentsMargins(8, 0, 8, 0)
        for label in (self.state, self.daemon, self.seq, self.rate, self.resync):
            self.addWidget(label)
        self.badge = QToolButton()
        self.badge.setObjectName("notificationBadge")
        self.badge.setAutoRaise(True)
        if notifier is not None:
            self.addPermanentWidget(self.sound)
            self.addPermanentWidget(self.badge)
            notifier.changed.connect(self.show_notifications)
            notifier.annunciator.changed.connect(self.show_sound)
            if open_centre is not None:
                self.badge.clicked.connect(open_centre)
            self.show_notifications()
            self.show_sound()
        self.addPermanentWidget(self.operator)
        self.addPermanentWidget(self.unit)
        feed.status_changed.connect(self.show_status)
        feed.operator_changed.connect(self.show_operator)
        feed.watch(UNITS, self.show_unit)  # the unit's name, once the tree is in (or renamed)
        self.show_status(feed.client.status)
        self.show_operator(feed.operator)

    def show_status(self, status: FeedStatus) -> None:
        names = {
            "connecting": tr("Status", "connecting…"),
            "syncing": tr("Status", "synchronising…"),
            "live": tr("Status", "live"),
            "stale": tr("Status", "feed lost"),
            "refused": tr("Status", "key refused"),
        }
        said = in_bar(status.reason) if status.state in ("connecting", "stale") else ""
        self.state.setText(said or names.get(status.state, status.state))
        name = {"live": "", "refused": "statusRefused"}.get(status.state, "statusAbnormal")
        if self.state.objectName() != name:
            accent(self.state, name)
        self.state.setToolTip(reason_text(status.reason))
        self.daemon.setText(status.daemon)
        self.seq.setText(tr("Status", "seq {seq}").format(seq=status.seq))
        self.rate.setText(tr("Status", "{rate:.0f} changes/s").format(rate=status.rate))
        if status.resyncs and status.last_resync:
            self.resync.setText(
                tr("Status", "resynced {time}: {reason}").format(
                    time=time.strftime("%H:%M:%S", time.localtime(status.last_resync)),
                    reason=reason_text(status.reason),
                )
            )
        self.resync.setVisible(bool(status.resyncs))

    def show_notifications(self) -> None:
        notifier = self.notifier
        if notifier is None:  # a bar without a notifier (the wall) shows no badge
            return
        waiting = notifier.unacknowledged
        alarms = any(n.level == "alarm" for n in waiting)
        text = badge_text(notifier)
        self.badge.setText(text)
        self.badge.setToolTip(tr("Status", "{what}: open the notification centre (Ctrl+J)").format(what=text))
        name = "badgeAlarm" if alarms else "badgeWaiting" if waiting else "notificationBadge"
        if self.badge.objectName() != name:
            accent(self.badge, name)

    def show_sound(self) -> None:
        """The alarm sound's state: sounding (which priority), silenced, or no sound device (a visual cue)."""
        if self.notifier is None:
            return
        annunciator = self.notifier.annunciator
        if annunciator.problem:
            text = tr("Status", "No sound device")
            tip = tr("Status", "Alarms cannot be heard on this desk: {why}").format(why=annunciator.problem)
        elif annunciator.sounding:
            text = tr("Status", "Alarm sounding: {priority}").format(priority=level_name(annunciator.sounding))
            tip = tr("Status", "Silence it with Ctrl+M; acknowledging the alarms stops it too")
        elif annunciator.silenced:
            text = tr("Status", "Alarm sound silenced")
            tip = tr("Status", "An alarm of a higher priority sounds again")
        else:
            text, tip = "", ""
        self.sound.setText(text)
        self.sound.setToolTip(tip)
        self.sound.setVisible(bool(text))
        name = "statusAbnormal" if annunciator.problem or annunciator.sounding else ""
        if self.sound.objectName() != name:
            accent(self.sound, name)

    def show_operator(self, operator: dict | None) -> None:
        if operator:
            self.operator.setText(
                f"{operator.get('display_name') or operator['username']} · {role_name(operator.get('role'))}"
            )
        else:
            self.operator.setText(tr("Status", "not logged in"))
        self.show_unit()

    def show_unit(self) -> None:
        name = operator_unit(self.feed)
        self.unit.setText(tr("Status", "Unit: {unit}").format(unit=name))
        self.unit.setToolTip(
            tr("Status", "This desk sees and acts within {unit} and the units under it").format(unit=name)
            if (self.feed.operator or {}).get("unit")
            else tr("Status", "This desk sees and acts for the whole district")
        )
