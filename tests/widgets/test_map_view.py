"""The map widget: boundaries, points and heat drawn in WGS84; hover and click find the object; layers toggle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from citybrain.core.geo import CRS, Feature, wgs84_to_gcj02
from citybrain.widgets.map_view import MapPoint, MapView

SQUARE = Feature("A", {"name": "甲街道"}, rings=[[(121.47, 31.26), (121.49, 31.26), (121.49, 31.28), (121.47, 31.28),
                                                (121.47, 31.26)]])


@pytest.fixture
def map_view(qtbot):
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.set_polygons("boundaries", "Boundaries", [SQUARE], label_property="name")
    view.set_points("cases", "Cases", [MapPoint("7", 121.48, 31.27, "#7 楼道堆物", "urgent", "s"),
                                       MapPoint("8", 121.475, 31.265, "#8 路灯不亮")])
    view.fit((121.46, 31.25, 121.50, 31.29))
    qtbot.waitExposed(view)
    return view


def _scene(view: MapView, lon: float, lat: float) -> QPointF:
    return view.view.mapViewToScene(QPointF(lon, lat))


def test_hovering_and_clicking_find_the_nearest_point_else_the_polygon(map_view, qtbot):
    assert map_view.object_at(121.48, 31.27) == ("cases", "7")
    assert map_view.object_at(121.485, 31.275) == ("boundaries", "A")  # inside the square, away from points
    assert map_view.object_at(121.495, 31.285) == ("", "")  # outside everything
    with qtbot.waitSignal(map_view.object_hovered) as hovered:
        map_view._moved(_scene(map_view, 121.4751, 31.2651))
    assert hovered.args == ["cases", "8"] and map_view.hover.text() == "#8 路灯不亮"


def test_a_hidden_layer_is_neither_drawn_nor_hit_and_the_layer_list_says_so(map_view):
    assert map_view.layers() == {"boundaries": True, "cases": True}
    entry = map_view.layer_list.item(1)
    entry.setCheckState(Qt.CheckState.Unchecked)  # the operator's click in the layer list
    assert map_view.layers()["cases"] is False
    assert map_view.object_at(121.48, 31.27) == ("boundaries", "A")
    map_view.set_points("cases", "Cases", [MapPoint("9", 121.48, 31.27)])  # replaced data keeps the choice
    assert map_view.layers()["cases"] is False and map_view.layer_list.count() == 2


def test_gcj02_points_are_converted_never_drawn_where_they_were_given(map_view):
    lon, lat = wgs84_to_gcj02(121.485, 31.275)
    map_view.set_points("shops", "Shops", [MapPoint("s1", lon, lat)], crs=CRS.GCJ02)
    assert map_view.object_at(121.485, 31.275) == ("shops", "s1")


def test_a_heat_layer_and_a_picture_of_it_all(map_view, tmp_path):
    map_view.set_heat("heat", "Density", [(121.48, 31.27)] * 5 + [(121.475, 31.265)], (121.46, 31.25, 121.50, 31.29))
    assert "heat" in map_view.layers()
    image = map_view.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 13) for y in range(0, image.height(), 11)}
    assert len(colours) > 4  # boundary, points, heat and background were drawn


def test_a_legend_says_what_marks_mean_and_labels_stay_above_the_points(qtbot):
    import pyqtgraph as pg

    from citybrain.widgets.map_view import LABEL_Z

    view = MapView()
    qtbot.addWidget(view)
    view.set_legend([("o", "urgent", "Overdue"), ("s", None, "Being worked")])
    view.set_points("units", "Units", [MapPoint("u", 121.48, 31.27, "甲街道", symbol="+")], labels=True)
    view.set_points("cases", "Cases", [MapPoint("7", 121.48, 31.27, "#7", "urgent")])  # drawn after, on the same spot
    texts = [i for i in view.view.addedItems if isinstance(i, pg.TextItem)]
    dots = [i for i in view.view.addedItems if isinstance(i, pg.ScatterPlotItem)]
    assert texts and all(t.zValue() > max(d.zValue() for d in dots) for t in texts) and texts[0].zValue() == LABEL_Z
    labels = [view.legend_rows.itemAt(i).widget() for i in range(view.legend_rows.count())]
    assert [w.text() for w in labels if w.text()] == ["Overdue", "Being worked"]
    small = labels[0].pixmap().height()
    view.setStyleSheet("QWidget { font-size: 32px; }")  # the wall's type reaches the map: the legend grows
    view.show()
    qtbot.waitExposed(view)
    labels = [view.legend_rows.itemAt(i).widget() for i in range(view.legend_rows.count())]
    assert labels[0].pixmap().height() > small and dots[0].opts["size"] >= 0.7 * 32


def _covered(view: MapView, text, layer: str) -> list[str]:  # noqa: ANN001 - a pg.TextItem
    """The points of ``layer`` whose symbol the label's box overlaps on screen."""
    box = text.sceneBoundingRect()
    radius = view.fontMetrics().height() * 0.7 / 2
    out = []
    for p in view.points(layer):
        spot = view.view.mapViewToScene(QPointF(p.lon, p.lat))
        if box.adjusted(-radius, -radius, radius, radius).contains(spot):
            out.append(p.id)
    return out


def test_labels_go_beside_their_spot_where_they_cover_no_dot_and_follow_the_zoom(qtbot):
    """The case map's subdistrict names lay over case dots right of the office and dimmed them: a label now takes the
    side of its spot with the fewest dots, so labels and dots both read."""
    import pyqtgraph as pg

    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.fit((121.46, 31.25, 121.50, 31.29))
    qtbot.waitExposed(view)
    px, _ = view.view.viewPixelSize()
    office = (121.48, 31.27)
    view.set_points("units", "Units", [MapPoint("u", *office, "广中路街道", symbol="+")], labels=True)
    right = [MapPoint(str(i), office[0] + px * (25 + 18 * i), office[1], f"#{i}") for i in range(4)]  # where it was
    view.set_points("cases", "Cases", right)
    label = next(i for i in view.view.addedItems if isinstance(i, pg.TextItem))
    assert _covered(view, label, "cases") == []
    assert label.sceneBoundingRect().right() <= view.view.mapViewToScene(QPointF(*office)).x()  # went left
    view.set_points("cases", "Cases", [])  # the dots gone: back to the right, the first choice
    assert label.sceneBoundingRect().left() > view.view.mapViewToScene(QPointF(*office)).x()
    view.set_points("cases", "Cases", right)
    view.fit((121.44, 31.23, 121.52, 31.31))  # zoomed out: the dots come nearer the office, and still read
    assert _covered(view, label, "cases") == []
