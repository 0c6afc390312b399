"""Where a view shows the device panel: below its content, made on first use (the panel brings pyqtgraph)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSplitter

from citybrain.shell.api import DeskContext

if TYPE_CHECKING:
    from citybrain.plugins.sensors.device_panel import DevicePanel


class DeviceSlot:
    def __init__(self, ctx: DeskContext, splitter: QSplitter) -> None:
        self.ctx, self.splitter = ctx, splitter
        self.panel: DevicePanel | None = None

    def show(self, device_id: str) -> None:
        panel = self.panel
        if panel is None:
            from citybrain.plugins.sensors.device_panel import DevicePanel

            panel = self.panel = DevicePanel(self.ctx)
            self.splitter.addWidget(panel)
            self.splitter.setSizes([3, 2])
        panel.show_device(device_id)
