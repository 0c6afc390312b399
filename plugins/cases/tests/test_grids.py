"""Grids on a real daemon: the demo's generated boundaries, a case placed in its grid by its location, grid staff
owning it first, and a GeoJSON import (GCJ-02 converted) refused whole for one bad polygon."""

from __future__ import annotations

import json

import pytest

from citybrain.core.cases.grids import contains
from citybrain.core.client import RequestError
from citybrain.core.geo import gcj02_to_wgs84
from citybrain.plugins.cases.daemon import GRIDS, UNITS

PLUGINS = {"cases": "citybrain.plugins.cases.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


def import_grids(client, features: list[dict], crs: str | None = None) -> dict:
    doc: dict[str, object] = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return client.command(
        "import", {"kind": "grids", "filename": "grids.geojson", "data": json.dumps(doc).encode()}
    ).result(30)["result"]


def square(lon: float, lat: float, half: float = 0.0004) -> list[list[float]]:
    return [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]


def feature(code: str, committee: str, ring: list, kind: str = "Polygon") -> dict:
    return {
        "type": "Feature",
        "properties": {"code": code, "name": f"{code}网格", "committee": committee},
        "geometry": {"type": kind, "coordinates": [ring] if kind == "Polygon" else ring},
    }


def test_a_case_opened_at_a_location_lands_in_its_grid_and_the_grid_owns_it_first(daemon):
    operator = daemon.client(login="operator")
    units = {u["code"]: u for u in operator.replica.records(UNITS)}
    grids = operator.replica.records(GRIDS)
    assert len(grids) == sum(u["kind"] == "committee" for u in units.values())  # the demo: one grid per committee
    grid = grids[0]
    committee = units[grid["committee"]]
    assert contains(grid["rings"], committee["lon"], committee["lat"])  # the generated cell holds its committee
    subdistrict = committee["parent"]
    case = operator.command(
        "cases.open",
        {
            "source": "hotline",
            "type": "SR-01",
            "unit": subdistrict,
            "title": "暴露垃圾",
            "lon": committee["lon"],
            "lat": committee["lat"],
        },
    ).result(10)["result"]
    assert case["unit"] == grid["code"] and case["owner"] == grid["code"]  # placed in its grid; its staff first
    assert case["chain"][:3] == [grid["code"], committee["code"], subdistrict]

    elsewhere = next(u for u in units.values() if u["kind"] == "subdistrict" and u["code"] != subdistrict)
    kept = operator.command(
        "cases.open",
        {
            "source": "hotline",
            "type": "SR-01",
            "unit": elsewhere["code"],
            "title": "暴露垃圾",
            "lon": committee["lon"],
            "lat": committee["lat"],
        },
    ).result(10)["result"]
    assert kept["unit"] == elsewhere["code"]  # a point never moves a case out of the unit its reporter named

    operator.command("cases.act", {"case": case["id"], "action": "reject", "reason": "不属本网格"}).result(10)
    operator.command("cases.act", {"case": case["id"], "action": "dispatch", "unit": grid["code"]}).result(10)


def test_a_grid_file_in_gcj02_is_converted_and_a_bad_polygon_refuses_the_whole_file(daemon):
    admin = daemon.client(login="admin")
    committee = next(u for u in admin.replica.records(UNITS) if u["kind"] == "committee")
    lon, lat = committee["lon"] + 0.0045, committee["lat"] + 0.0021  # in GCJ-02, as a Chinese web map gives it
    good = feature("T-G1", committee["code"], square(lon, lat))
    bowtie = feature(
        "T-G2",
        committee["code"],
        [[lon, lat], [lon + 0.001, lat + 0.001], [lon + 0.001, lat], [lon, lat + 0.001], [lon, lat]],
    )
    unclosed = feature("T-G3", committee["code"], square(lon, lat)[:-1])
    orphan = feature("T-G4", "310109999999", square(lon, lat))
    point = {
        "type": "Feature",
        "properties": {"code": "T-G5", "committee": committee["code"]},
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }
    twice = feature("T-G1", committee["code"], square(lon, lat))
    with pytest.raises(RequestError) as refused:
        import_grids(admin, [good, bowtie, unclosed, orphan, point, twice], crs="GCJ-02")
    assert refused.value.code == "import_refused"
    errors = {e["row"]: e["message"] for e in refused.value.details["errors"]}
    assert "crosses itself" in errors[2] and "must end where it starts" in errors[3]
    assert "unknown committee '310109999999'" in errors[4] and "Polygon or MultiPolygon, not Point" in errors[5]
    assert "duplicate code T-G1" in errors[6] and 1 not in errors
    assert admin.replica.get(UNITS, "T-G1") is None and admin.replica.get(GRIDS, "T-G1") is None  # nothing imported

    assert import_grids(admin, [good], crs="GCJ-02")["imported"] == 1
    admin.wait_for(lambda s: admin.replica.get(GRIDS, "T-G1") is not None and admin.replica.get(UNITS, "T-G1"))
    corner = admin.replica.get(GRIDS, "T-G1")["rings"][0][0]
    expected = gcj02_to_wgs84(lon - 0.0004, lat - 0.0004)
    assert abs(corner[0] - expected[0]) < 1e-7 and abs(corner[1] - expected[1]) < 1e-7  # stored in WGS84
    assert abs(corner[0] - (lon - 0.0004)) > 0.001  # GCJ-02 is a few hundred metres off: it was converted
    grid = admin.replica.get(UNITS, "T-G1")
    assert (grid["kind"], grid["parent"]) == ("grid", committee["code"])
    centre = gcj02_to_wgs84(lon, lat)
    case = admin.command(
        "cases.open",
        {
            "source": "patrol",
            "type": "SR-01",
            "unit": committee["code"],
            "title": "暴露垃圾",
            "lon": centre[0],
            "lat": centre[1],
        },
    ).result(10)["result"]
    assert case["unit"] == "T-G1" and case["owner"] == "T-G1"


def test_a_grid_file_that_is_not_json_or_too_large_is_refused(daemon):
    """The JSON is decoded on the importer's worker thread (grids.read; the writer only checks features against the
    tree): a file that is not JSON is refused from there; one over the cap is refused before it is read."""
    from citybrain.core.cases import grids as grid_rules

    admin = daemon.client(login="admin")
    with pytest.raises(RequestError) as refused:
        admin.command("import", {"kind": "grids", "filename": "g.geojson", "data": b"{not json"}).result(30)
    assert refused.value.code == "import_refused"
    assert refused.value.details["errors"][0]["message"].startswith("not GeoJSON")
    with pytest.raises(RequestError) as refused:
        admin.command(
            "import", {"kind": "grids", "filename": "g.geojson", "data": b" " * (grid_rules.MAX_BYTES + 1)}
        ).result(60)
    assert refused.value.code == "import_refused" and "holds at most" in refused.value.details["errors"][0]["message"]
