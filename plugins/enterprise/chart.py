"""An enterprise's monthly indicators as charts (pyqtgraph, imported only when a view with a chart opens): one
small plot per indicator over the same months, gaps where no figure arrived, the months a warning looks at
shaded."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from citybrain.plugins.enterprise import config
from citybrain.plugins.enterprise.wording import indicator_name
from citybrain.widgets import palette


class IndicatorChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = pg.GraphicsLayoutWidget()
        self.layout_.setBackground(palette.PANEL)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.layout_)
        self.plots: dict[str, pg.PlotItem] = {}
        self.setMinimumHeight(240)

    def show_series(self, series: dict | None, flagged: AbstractSet[str] = frozenset()) -> None:
        """``series`` as the ``enterprise.series`` query gives it.  Grey lines (ISA-101: a figure is not a state);
        a ``flagged`` indicator (a reason of the warning) has its months in the warning's window marked in the
        high level's colour, the only colour on the chart (every line orange put 18% strong colour on the card)."""
        self.layout_.clear()
        self.plots = {}
        if not series or not series["months"]:
            return
        months = series["months"]
        ticks = [(n, m[2:]) for n, m in enumerate(months) if (len(months) - 1 - n) % 3 == 0]  # every third, to the last
        for row, code in enumerate(config.rules().indicators):
            values = [float("nan") if v is None else v for v in series["indicators"].get(code, [])]
            plot = self.layout_.addPlot(row=row, col=0)
            plot.setTitle(indicator_name(code), color=palette.TEXT, size="9pt")
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.getAxis("bottom").setTicks([ticks])
            plot.plot(
                list(range(len(values))),
                values,
                pen=pg.mkPen(palette.TEXT_DIM, width=2),
                symbol="o",
                symbolSize=4,
                symbolBrush=palette.TEXT_DIM,
                symbolPen=None,
                connect="finite",
            )
            start = len(months) - config.rules().window
            if code in flagged:  # the months the warning looks at, on this indicator: what is wrong
                plot.plot(
                    list(range(start, len(values))),
                    values[start:],
                    pen=pg.mkPen(palette.HIGH, width=2),
                    symbol="t",
                    symbolSize=8,
                    symbolBrush=palette.HIGH,
                    symbolPen=None,
                    connect="finite",
                )
            window = pg.LinearRegionItem(
                (start - 0.5, len(months) - 0.5),
                movable=False,
                brush=pg.mkBrush(palette.GRID),
                pen=pg.mkPen(palette.GRID),
            )
            window.setZValue(-10)  # beneath the lines: the months it shades stay readable
            plot.addItem(window)
            plot.setMouseEnabled(x=False, y=False)
            self.plots[code] = plot
