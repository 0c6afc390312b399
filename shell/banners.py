"""The strip over every window's views (desk and wall) where plugins show a state the whole desk is in — a
heightened-duty period — from the hook ``citybrain_banner``.  Each banner hides itself when it has nothing to say;
the strip shows while any of them does, so a normal desk keeps its whole height for its views.  A toolbar sizes by
its contents' size hint, which for word-wrapped text is narrow and tall: a banner writes its lines unwrapped."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QToolBar, QVBoxLayout, QWidget

from citybrain.shell.i18n import tr


class BannerStrip(QToolBar):
    def __init__(self, banners: Iterable[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(tr("Main", "Banners"), parent)
        self.setObjectName("bannerStrip")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not the operator's to hide: the state it says is on
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banners = list(banners)
        for banner in self.banners:
            column.addWidget(banner)
            banner.installEventFilter(self)
        self.addWidget(holder)
        self.follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self.follow()
        return False

    def follow(self) -> None:
        """Shown while any banner has something to say."""
        self.setVisible(any(not banner.isHidden() for banner in self.banners))
