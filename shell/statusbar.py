"""The status bar: connection state, daemon, sequence, update rate, resyncs, operator."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

from citybrain.core.client import FeedStatus
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import tr
from citybrain.shell.notify import Notifier
from citybrain.widgets.accents import accent


class FeedStatusBar(QStatusBar):
    """``open_centre`` (optional) is called when the operator clicks the notification badge."""

    def __init__(self, feed: DeskFeed, notifier: Notifier | None = None, open_centre=None) -> None:  # noqa: ANN001
        super().__init__()
        self.state = QLabel()
        self.daemon = QLabel()
        self.seq = QLabel()
        self.rate = QLabel()
        self.resync = QLabel()
        self.operator = QLabel()
        for label in (self.state, self.daemon, self.seq, self.rate, self.resync, self.operator):
            label.setContentsMargins(8, 0, 8, 0)
        for label in (self.state, self.daemon, self.seq, self.rate, self.resync):
            self.addWidget(label)
        self.badge = QToolButton()
        self.badge.setObjectName("notificationBadge")
        self.badge.setAutoRaise(True)
        if notifier is not None:
            self.addPermanentWidget(self.badge)
            notifier.changed.connect(lambda: self.show_notifications(notifier))
            if open_centre is not None:
                self.badge.clicked.connect(open_centre)
            self.show_notifications(notifier)
        self.addPermanentWidget(self.operator)
        feed.status_changed.connect(self.show_status)
        feed.operator_changed.connect(self.show_operator)
        self.show_status(feed.client.status)
        self.show_operator(None)

    def show_status(self, status: FeedStatus) -> None:
        names = {"connecting": tr("Status", "connecting…"), "syncing": tr("Status", "synchronising…"),
                 "live": tr("Status", "live"), "stale": tr("Status", "feed lost"),
                 "refused": tr("Status", "key refused")}
        self.state.setText(names.get(status.state, status.state))
        name = {"live": "", "refused": "statusRefused"}.get(status.state, "statusAbnormal")
        if self.state.objectName() != name:
            accent(self.state, name)
        self.state.setToolTip(status.reason)
        self.daemon.setText(status.daemon)
        self.seq.setText(tr("Status", "seq {seq}").format(seq=status.seq))
        self.rate.setText(tr("Status", "{rate:.0f} changes/s").format(rate=status.rate))
        if status.resyncs and status.last_resync:
            self.resync.setText(tr("Status", "resynced {time}: {reason}").format(
                time=time.strftime("%H:%M:%S", time.localtime(status.last_resync)), reason=status.reason))
        self.resync.setVisible(bool(status.resyncs))

    def show_notifications(self, notifier: Notifier) -> None:
        waiting = notifier.unacknowledged
        alarms = sum(1 for n in waiting if n.level == "alarm")
        sound = "🔇 " if notifier.muted else ""
        self.badge.setText(f"{sound}⚑ {len(waiting)}" + (f" ▲{alarms}" if alarms else ""))
        self.badge.setToolTip(tr("Status", "{n} notifications not acknowledged; click to see them").format(n=len(waiting)))
        name = "badgeAlarm" if alarms else "badgeWaiting" if waiting else "notificationBadge"
        if self.badge.objectName() != name:
            accent(self.badge, name)

    def show_operator(self, operator: dict | None) -> None:
        if operator:
            self.operator.setText(f"{operator.get('display_name') or operator['username']} · {operator['role']}")
        else:
            self.operator.setText(tr("Status", "not logged in"))
