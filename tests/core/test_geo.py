"""WGS84 and GCJ-02: the published transform, its inverse, and GeoJSON read in the system it is declared in."""

from __future__ import annotations

import json

import pytest

from citybrain.core.geo import CRS, GeoError, gcj02_to_wgs84, read_geojson, to_wgs84, wgs84_to_gcj02


def test_the_forward_transform_matches_the_published_values():
    # reference values of wandergis/coordtransform, also used by hutool's tests
    assert wgs84_to_gcj02(116.404, 39.915) == pytest.approx((116.41024449916938, 39.91640428150164), abs=1e-12)


def test_the_inverse_returns_to_the_wgs84_point_in_hongkou():
    wgs = (121.4885, 31.2715)
    gcj = wgs84_to_gcj02(*wgs)
    assert 300 < abs(gcj[0] - wgs[0]) * 95_000 + abs(gcj[1] - wgs[1]) * 111_000 < 900  # a few hundred metres apart
    assert gcj02_to_wgs84(*gcj) == pytest.approx(wgs, abs=1e-9)


def test_outside_china_nothing_moves_and_nonsense_is_refused():
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    with pytest.raises(GeoError):
        to_wgs84(121.5, 191.0, CRS.WGS84)
    with pytest.raises(ValueError):
        to_wgs84(121.5, 31.2, "BD-09")  # not a system this code knows: refused, never passed through


def test_a_gcj02_file_is_converted_and_a_file_naming_another_system_is_refused():
    polygon = {
        "type": "Polygon",
        "coordinates": [
            [
                list(wgs84_to_gcj02(121.48, 31.26)),
                list(wgs84_to_gcj02(121.50, 31.26)),
                list(wgs84_to_gcj02(121.49, 31.28)),
                list(wgs84_to_gcj02(121.48, 31.26)),
            ]
        ],
    }
    doc = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"code": "X"}, "geometry": polygon}],
        }
    )
    (feature,) = read_geojson(doc, CRS.GCJ02, id_property="code")
    assert feature.id == "X" and feature.rings[0][0] == pytest.approx((121.48, 31.26), abs=1e-9)
    (raw,) = read_geojson(doc, CRS.WGS84)  # read as WGS84 it stays where the file put it: the caller decides
    assert raw.rings[0][0] != pytest.approx((121.48, 31.26), abs=1e-4)
    projected = json.dumps(
        {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}, "features": []}
    )
    with pytest.raises(GeoError, match="EPSG:3857"):
        read_geojson(projected, CRS.WGS84)
    with pytest.raises(GeoError, match="LineString"):
        read_geojson(
            json.dumps(
                {
                    "type": "Feature",
                    "properties": {},
                    "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                }
            ),
            CRS.WGS84,
        )


def test_the_real_shanghai_districts_read_with_hongkou_where_it_is(citybrain_shared_data):
    path = citybrain_shared_data / "geo" / "shanghai_districts_wgs84_merged.geojson"
    features = {f.id: f for f in read_geojson(path.read_bytes(), CRS.WGS84, id_property="dt_adcode")}
    assert len(features) == 16
    west, south, east, north = features["310109"].bounds()  # Hongkou
    assert 121.45 < west < east < 121.52 and 31.24 < south < north < 31.32
