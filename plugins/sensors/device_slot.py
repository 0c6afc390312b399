"""Where a view shows the device panel: below its content, made on first use (the panel brings pyqtgraph)."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter

from citybrain.shell.api import DeskContext


class DeviceSlot:
    def __init__(self, ctx: DeskContext, splitter: QSplitter) -> None:
        self.ctx, self.splitter = ctx, splitter
        self.panel = None

    def show(self, device_id: str) -> None:
        if self.panel is None:
            from citybrain.plugins.sensors.device_panel import DevicePanel

            self.panel = DevicePanel(self.ctx)
            self.splitter.addWidget(self.panel)
            self.splitter.setSizes([3, 2])
        self.panel.show_device(device_id)
