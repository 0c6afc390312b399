"""A chart of a count starts at 0 (25 to 29 visits a month drawn from 25 looked like a swing); a rate's chart
is fitted to its figures."""

from __future__ import annotations

from citybrain.plugins.metrics import dashboards as dash, tiles

MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04"]


def chart(qtbot, unit: str, values: list[float]) -> tiles.ChartTile:
    kpi = {"id": "x.visits", "title": "Visits", "unit": unit, "dimensions": ["month"]}
    tile = tiles.ChartTile(dash.Tile("chart", "x.visits", by="month"), kpi)
    qtbot.addWidget(tile)
    tile.resize(600, 300)
    record = {"id": "x.visits/month", "by": ["month"], "groups": MONTHS, "values": values}
    tile.refresh(lambda record_id: record if record_id == "x.visits/month" else None, lambda _d, g: str(g))
    return tile


def y_range(qtbot, tile: tiles.ChartTile) -> list[float]:
    """The y axis once the highest figure is in view (pyqtgraph fits its range when the view next updates)."""
    tile.show()
    box = tile.plot.getViewBox()
    qtbot.waitUntil(lambda: box.viewRange()[1][1] > max(tile.curve.yData))
    return box.viewRange()[1]


def test_a_count_by_month_is_drawn_from_zero(qtbot):
    bottom, top = y_range(qtbot, chart(qtbot, "visits", [25.0, 29.0, 27.0, 26.0]))
    assert bottom == 0 and top < 35


def test_a_rate_by_month_is_fitted_to_its_figures(qtbot):
    bottom, top = y_range(qtbot, chart(qtbot, "%", [0.85, 0.91, 0.88, 0.9]))
    assert 80 < bottom < 85 and top < 95
