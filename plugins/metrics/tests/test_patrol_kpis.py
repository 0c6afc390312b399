"""Imported patrol counts' KPIs against hand computations: sums per team type and year, the handling rate, a month
without patrols."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from citybrain.plugins.metrics import patrols

ROWS = pd.DataFrame(
    [
        {"day": date(2024, 1, 3), "area": "S1", "team_type": "inspection", "found": 3, "handled": 2},
        {"day": date(2024, 1, 9), "area": "S2", "team_type": "enforcement", "found": 0, "handled": 0},
        {"day": date(2024, 3, 1), "area": "S1", "team_type": "inspection", "found": 1, "handled": 1},
        {"day": date(2025, 1, 2), "area": "S1", "team_type": "supervision", "found": 4, "handled": 1},
    ]
)


def run(kpi: str, by: tuple[str, ...] = ()) -> pd.DataFrame:
    spec = next(s for s in patrols.specs() if s.id == kpi)
    return spec.compute(patrols.cube(ROWS), by)


def test_patrol_sums_and_rates():
    assert run("metrics.patrols.count", ("year",))["value"].to_dict() == {2024: 3, 2025: 1}
    assert run("metrics.patrols.found", ("year",))["value"].to_dict() == {2024: 4, 2025: 4}
    rate = run("metrics.patrols.handling_rate", ("year",))["value"]
    assert rate[2024] == pytest.approx(3 / 4) and rate[2025] == pytest.approx(1 / 4)
    assert run("metrics.patrols.count", ("team_type",))["value"].to_dict() == {
        "enforcement": 1,
        "inspection": 2,
        "supervision": 1,
    }


def test_a_month_without_patrols_and_a_month_with_nothing_found():
    months = run("metrics.patrols.handling_rate", ("month",))["value"]
    assert "2024-02" in months.index and math.isnan(months["2024-02"])
    assert run("metrics.patrols.count", ("month",))["value"]["2024-02"] == 0
    assert math.isnan(run("metrics.patrols.handling_rate", ("area",))["value"]["S2"])  # found nothing: no rate
