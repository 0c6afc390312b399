"""Recorded series from the UCI files: -200 gaps left out, day/month/year dates read, the occupancy files' short
header handled — and replayed through the ingest like live readings."""

from __future__ import annotations

import asyncio
import csv
from datetime import UTC, datetime

import pytest

from citybrain.plugins.sensors.ingest import Ingest, Taken
from citybrain.plugins.sensors.replay import read_series, replay


def test_the_air_quality_file_keeps_its_gaps_as_gaps(citybrain_shared_data):
    path = citybrain_shared_data / "sensors/uci_air_quality_italy_2004-2005_hourly.csv"
    series = read_series(path.read_bytes(), "CO_GT")
    with path.open(encoding="utf-8") as sheet:
        raw = [row["CO_GT"] for row in csv.DictReader(sheet)]
    assert len(series) == sum(1 for v in raw if v and float(v) != -200) and len(series) < len(raw)
    assert series[0] == (datetime(2004, 3, 10, 18, 0, tzinfo=UTC), 2.6)
    assert all(value != -200 for _, value in series)


def test_the_occupancy_files_short_header_is_read_right(citybrain_shared_data):
    data = (citybrain_shared_data / "sensors/uci_occupancy_datatest.csv").read_bytes()
    series = read_series(data, "CO2")
    assert series[0] == (datetime(2015, 2, 2, 14, 19, tzinfo=UTC), 749.2)  # not the Light column, one to the left
    with pytest.raises(ValueError, match="no column 'Pressure'"):
        read_series(data, "Pressure")


def test_a_replay_goes_through_the_ingest(citybrain_shared_data, tmp_path):
    source = tmp_path / "co2.csv"
    source.write_text(
        '"date","CO2"\n"1","2015-02-04 17:51:00",721.25\n"2","2015-02-04 17:52:00",-200\n'
        '"3","2015-02-04 17:53:00",760\n',
        encoding="utf-8",
    )
    ingest = Ingest(
        {
            "GAS-D-1": {
                "id": "GAS-D-1",
                "type": "MH-GAS",
                "status": "online",
                "last_seen": None,
                "battery": None,
                "value": None,
                "event": None,
            }
        }
    )
    outcomes = []
    sent = asyncio.run(
        replay(
            {"file": str(source), "column": "CO2", "device": "GAS-D-1", "speed": 1e9},
            lambda topic, payload: outcomes.append(ingest.handle(topic, payload)),
        )
    )
    assert sent == 2 and all(isinstance(o, Taken) for o in outcomes) and ingest.devices["GAS-D-1"]["value"] == 760
