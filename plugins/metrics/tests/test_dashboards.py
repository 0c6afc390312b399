"""Dashboards as data: the shipped files read, their tiles fit their grids without overlapping, settings round
trip, bad tiles refused, and the figures' wording."""

from __future__ import annotations

import pytest

from citybrain.plugins.metrics import dashboards as dash
from citybrain.plugins.metrics.daemon import citybrain_metrics
from citybrain.plugins.metrics.tiles import kpi_marker

RATE = {"unit": "%", "thresholds": [0.88, 0.85], "higher_is_better": True}


def test_the_shipped_dashboards_name_known_kpis_and_their_tiles_do_not_overlap():
    from citybrain.plugins.cases.kpis import citybrain_metrics as cases_metrics
    from citybrain.plugins.enterprise.metrics import citybrain_metrics as enterprise_metrics
    from citybrain.plugins.jobs.daemon import citybrain_metrics as jobs_metrics
    from citybrain.plugins.patrols.daemon import citybrain_metrics as patrols_metrics
    from citybrain.plugins.people.daemon import citybrain_metrics as people_metrics
    from citybrain.plugins.sensors.metrics import citybrain_metrics as sensors_metrics

    known = {
        spec.id: spec
        for spec in [
            *citybrain_metrics(),
            *cases_metrics(),
            *enterprise_metrics(),
            *sensors_metrics(),
            *patrols_metrics(),
            *jobs_metrics(),
            *people_metrics(),
        ]
    }
    boards = dash.shipped()
    assert [b.id for b in boards] == [
        "hotline",
        "governance",
        "patrols",
        "enterprise",
        "sensors",
        "employment",
        "people_visits",
        "people_services",
    ]
    for board in boards:
        for i, tile in enumerate(board.tiles):
            assert tile.metric in known, tile
            assert tile.by == "month" or tile.by in known[tile.metric].dimensions, tile
            assert dash.placed(board.tiles, i, tile, board.columns) is None, tile
        assert dash.Dashboard.read(board.as_dict()) == board


def test_moves_onto_another_tile_or_past_the_grid_are_refused():
    tiles = (dash.Tile("card", "a", row=0, col=0), dash.Tile("card", "b", row=0, col=1, colspan=2))
    assert dash.placed(tiles, 0, tiles[0].moved(cols=1), 4) == "another tile is there"
    assert dash.placed(tiles, 1, tiles[1].moved(cols=2), 4) == "past the last column"
    assert dash.placed(tiles, 0, tiles[0].moved(rows=1).resized(cols=3), 4) is None
    assert tiles[0].moved(rows=-1, cols=-1) == tiles[0]  # never off the top or the left


@pytest.mark.parametrize("data", [{"kind": "pie", "metric": "x"}, {"kind": "card", "metric": "x", "rowspan": 0}])
def test_bad_tiles_are_refused(data):
    with pytest.raises(ValueError):
        dash.Tile.read(data)


def test_figures_status_and_year_on_year():
    assert dash.figure(RATE, 0.84811) == "84.81%" and dash.figure({"unit": "tickets"}, 54094) == "54,094"
    assert dash.figure(RATE, None) == "—"
    assert dash.figure({"unit": "visits per staff-day"}, 1.8730) == "1.87"
    assert dash.figure({"unit": "cases"}, 1200.0) == "1,200"
    # grey within the lines; past them a marker (never an alarm colour: a rate over a year is not an emergency)
    assert kpi_marker(RATE, 0.86).level == "low" and kpi_marker(RATE, 0.84).level == "medium"
    assert kpi_marker(RATE, 0.9) is None and kpi_marker(RATE, None) is None and kpi_marker({}, 0.1) is None
    late = kpi_marker(RATE | {"higher_is_better": False, "thresholds": [0.03, 0.05]}, 0.06)
    assert (late.level, late.label) == ("medium", "above the alarm line")
    assert dash.change(RATE, 0.912, 0.8481) == ("▲", "+6.39 pp")
    assert dash.change({"unit": "tickets"}, 48705, 54094) == ("▼", "-10.0%")
    assert dash.months_of(2023, "hotline_year") == ("2022-11", "2023-10")


def test_rows_within_a_year_with_the_year_before():
    record = {
        "by": ["hotline_year", "subdistrict"],
        "groups": [[2023, "S1"], [2024, "S1"], [2024, "S2"]],
        "values": [0.8, 0.9, 0.7],
        "numerators": [8, 9, 7],
        "denominators": [10, 10, 10],
        "previous": [None, 0.8, None],
    }
    assert dash.rows(record, 2024) == [
        {"group": "S1", "value": 0.9, "count": 10, "previous": 0.8},
        {"group": "S2", "value": 0.7, "count": 10, "previous": None},
    ]
    assert dash.rows(record | {"error": "KeyError"}, 2024) == []
