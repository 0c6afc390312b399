"""Plugin views in their frames: a stale banner when the feed is lost, an error view when a plugin fails."""

from __future__ import annotations

import time
import traceback

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QVBoxLayout, QWidget

from citybrain.shell.api import DeskContext, ViewSpec
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import tr
from citybrain.widgets.accents import accent


def age_text(seconds: float) -> str:
    s = max(0, int(seconds))
    if s < 60:
        return tr("View", "{s} s").format(s=s)
    if s < 3600:
        return tr("View", "{m} min {s} s").format(m=s // 60, s=s % 60)
    return tr("View", "{h} h {m} min").format(h=s // 3600, m=s % 3600 // 60)


class ViewFrame(QWidget):
    """Wraps a plugin view; shows "STALE" above it and dims it while the feed is not live."""

    def __init__(self, content: QWidget, feed: DeskFeed) -> None:
        super().__init__()
        self.content = content
        self._feed = feed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QLabel()
        accent(self.banner, "staleBanner")
        self.banner.setContentsMargins(8, 4, 8, 4)  # margins, not the theme's padding: the wall's sheet adds its own
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.banner)
        layout.addWidget(content, 1)
        self._dim = QGraphicsOpacityEffect(content)
        self._dim.setOpacity(0.45)
        content.setGraphicsEffect(self._dim)
        self._age = QTimer(self)  # the age of the data grows while the feed is lost
        self._age.timeout.connect(lambda: self.set_stale(True))
        feed.stale_changed.connect(self.set_stale)
        feed.status_changed.connect(self._on_status)  # a method, not a lambda: Qt disconnects it when the frame goes
        self.set_stale(feed.stale)

    def _on_status(self, _status: object) -> None:
        self.set_stale(self._feed.stale)

    @property
    def stale(self) -> bool:
        return self.banner.isVisibleTo(self)

    def set_stale(self, stale: bool) -> None:
        if stale:
            since = self._feed.stale_since or time.time()
            state = self._feed.client.status.state
            reason = {"refused": tr("View", "the daemon refused this desk's key"),
                      "connecting": tr("View", "connecting"), "syncing": tr("View", "synchronising")}.get(
                state, tr("View", "feed lost"))
            self.banner.setText(tr("View", "STALE — {reason} since {time} ({age} ago); figures are not live").format(
                reason=reason, time=time.strftime("%H:%M:%S", time.localtime(since)), age=age_text(time.time() - since)))
            if not self._age.isActive():
                self._age.start(1000)
        else:
            self._age.stop()
        self.banner.setVisible(stale)
        self._dim.setEnabled(stale)


class ErrorView(QWidget):
    """What a failed plugin's view shows instead of itself."""

    def __init__(self, plugin: str, error: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        title = QLabel(tr("View", "Plugin “{plugin}” is switched off").format(plugin=plugin))
        accent(title, "errorTitle")
        detail = QLabel(error)
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        layout.addWidget(detail)
        layout.addStretch(1)


def build_view(spec: ViewSpec, ctx: DeskContext, feed: DeskFeed, on_failure) -> QWidget:  # noqa: ANN001
    """The view's widget in its frame, or an ErrorView if its factory raises (the plugin is switched off)."""
    try:
        content = spec.make(ctx)
    except Exception as exc:
        on_failure(ctx.plugin, f"view {spec.id}", exc)
        return ErrorView(ctx.plugin, "".join(traceback.format_exception_only(exc)).strip())
    return ViewFrame(content, feed)

