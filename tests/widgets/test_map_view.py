"""The map widget: boundaries, points and heat drawn in WGS84; hover and click find the object; layers toggle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from citybrain.core.geo import CRS, Feature, wgs84_to_gcj02
from citybrain.widgets.map_view import MapPoint, MapView

SQUARE = Feature(
    "A",
    {"name": "甲街道"},
    rings=[[(121.47, 31.26), (121.49, 31.26), (121.49, 31.28), (121.47, 31.28), (121.47, 31.26)]],
)


@pytest.fixture
def map_view(qtbot):
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.set_polygons("boundaries", "Boundaries", [SQUARE], label_property="name")
    view.set_points(
        "cases",
        "Cases",
        [MapPoint("7", 121.48, 31.27, "#7 楼道堆物", "urgent", "s"), MapPoint("8", 121.475, 31.265, "#8 路灯不亮")],
    )
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


@pytest.fixture
def blank_map(qtbot) -> MapView:
    """An empty map, shown at 900×700 over the district's middle."""
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.fit((121.46, 31.25, 121.50, 31.29))
    qtbot.waitExposed(view)
    return view


def test_labels_go_beside_their_spot_where_they_cover_no_dot_and_follow_the_zoom(blank_map):
    """The case map's subdistrict names lay over case dots right of the office and dimmed them: a label now takes the
    side of its spot with the fewest dots, so labels and dots both read."""
    import pyqtgraph as pg

    view = blank_map
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


def _drawn(view: MapView, layer: str) -> list[QPointF]:
    """Where each point of ``layer`` is drawn, in scene pixels (the scatter's own data, not the layer's record)."""
    import pyqtgraph as pg

    scatter = next(i for i in view._layers[layer].items if isinstance(i, pg.ScatterPlotItem))
    return [view.view.mapViewToScene(QPointF(float(x), float(y))) for x, y in zip(*scatter.getData(), strict=True)]


def test_cases_at_one_spot_are_spread_round_it_each_seen_and_clicked(map_view):
    """Four cases at one address were one dot: spread, each shows with its own shape and answers its click."""
    spot = (121.48, 31.27)
    same = [MapPoint(str(i), *spot, f"#{i}", "urgent" if i == 0 else None, "o" if i % 2 else "s") for i in range(4)]
    map_view.set_points("cases", "Cases", [*same, MapPoint("far", 121.465, 31.255)], spread=True)
    drawn = _drawn(map_view, "cases")
    size = map_view.fontMetrics().height() * 0.7
    for a in range(4):
        for b in range(a + 1, 4):
            assert (drawn[a] - drawn[b]).manhattanLength() >= size  # no two cover each other
    centre = map_view.view.mapViewToScene(QPointF(*spot))
    assert all((d - centre).manhattanLength() < 3 * size for d in drawn[:4])  # and all still at their address
    assert drawn[4] == map_view.view.mapViewToScene(QPointF(121.465, 31.255))  # a case alone stays where it is
    for n, point in enumerate(drawn[:4]):
        at = map_view.view.mapSceneToView(point)
        assert map_view.object_at(at.x(), at.y()) == ("cases", str(n))
    near = [MapPoint("a", *spot), MapPoint("b", spot[0] + 0.0003, spot[1])]  # 30 m apart: a few pixels here
    map_view.set_points("cases", "Cases", near, spread=True)
    assert (_drawn(map_view, "cases")[0] - _drawn(map_view, "cases")[1]).manhattanLength() >= size
    map_view.fit((121.479, 31.269, 121.481, 31.271))  # zoomed in far: apart, each drawn at its own spot again
    assert _drawn(map_view, "cases") == [map_view.view.mapViewToScene(QPointF(p.lon, p.lat)) for p in near]


def test_crowded_labels_never_overlap_nor_hide_a_dot_and_come_back_when_zoomed_in(blank_map):
    """The sensor map's forty compound names: where they crowd, a name that finds no free place is not drawn."""
    import pyqtgraph as pg

    view = blank_map
    px, py = view.view.viewPixelSize()
    grid = [
        MapPoint(f"c{i}", 121.48 + px * 30 * (i % 6), 31.27 + py * 22 * (i // 6), f"某某新村{i} (380)", symbol="s")
        for i in range(36)
    ]
    view.set_points("compounds", "Compounds", grid, scale=1.0, labels=True)
    labels = [i for i in view._layers["compounds"].items if isinstance(i, pg.TextItem)]

    def check() -> list[pg.TextItem]:
        shown = [t for t in labels if t.isVisible()]
        boxes = [t.sceneBoundingRect() for t in shown]
        for a in range(len(boxes)):
            assert not any(boxes[a].intersects(boxes[b]) for b in range(a + 1, len(boxes)))
            assert _covered(view, shown[a], "compounds") == []
        return shown

    crowded = check()
    assert 0 < len(crowded) < len(labels)  # thinned out
    view.fit((121.479, 31.269, 121.481 + px * 200, 31.271 + py * 120))  # zoomed in: room for every name
    assert len(check()) > len(crowded)
