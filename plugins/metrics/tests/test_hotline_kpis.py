"""Hotline KPI definitions against hand computations on small ticket tables (the edge cases: a month without
tickets, a ticket reopened twice, satisfaction missing, an outcome not yet known, a contact not yet due)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pandas as pd
import pytest

from citybrain.plugins.metrics import catalogue, hotline

NOW = datetime(2023, 3, 1, tzinfo=UTC)
ENTRIES = {
    "A": catalogue.Entry("A", "市容", None, 24),
    "A1": catalogue.Entry("A1", "占道", "A", 24),
    "A2": catalogue.Entry("A2", "堆物", "A", 2),
    "B": catalogue.Entry("B", "住房", None, 24),
    "B1": catalogue.Entry("B1", "漏水", "B", 24),
}


def t(
    received: str,
    contact: str | None = None,
    category: str = "A1",
    sub: str = "S1",
    unit: str = "U1",
    resolved: bool | None = True,
    satisfaction: str | None = "satisfied",
    reopen: int = 0,
) -> dict:
    return {
        "id": received,
        "received_at": pd.Timestamp(received, tz="Asia/Shanghai").tz_convert("UTC"),
        "first_contact_at": pd.Timestamp(contact, tz="Asia/Shanghai").tz_convert("UTC") if contact else None,
        "category": category,
        "subdistrict": sub,
        "handling_unit": unit,
        "resolved": resolved,
        "satisfaction": satisfaction,
        "reopen_count": reopen,
    }


TICKETS = [
    # November 2022: the first month of hotline year 2023
    t("2022-11-01 09:00", "2022-11-01 10:00"),
    t("2022-11-02 09:00", "2022-11-03 12:00", resolved=False, satisfaction="unsatisfied", reopen=2),  # late, twice
    t("2022-11-03 09:00", "2022-11-03 10:00", category="A2", satisfaction=None),  # not rated
    t("2022-11-30 23:30", "2022-12-01 00:10", sub="S2", unit="U2", satisfaction="basic"),  # Shanghai time: November
    # December 2022
    t("2022-12-05 08:00", "2022-12-05 09:00", category="B1", sub="S2", unit="U2", resolved=None, satisfaction=None),
    # January 2023: no tickets at all
    # February 2023
    t("2023-02-28 12:00", None, category="A1", resolved=None, satisfaction=None),  # contact not yet due at NOW
    t("2023-02-27 12:00", None, category="A2", sub="S2", resolved=None, satisfaction=None),  # due and missed
    # October 2022: the previous hotline year
    t("2022-10-31 23:59", "2022-11-01 08:00", resolved=True, satisfaction="unsatisfied", reopen=1),
]


@pytest.fixture(params=["dense", "sparse"])
def cube(request, monkeypatch):
    """Both ways the cube holds its sums: a dense array, or (too many combinations) the combinations present."""
    if request.param == "sparse":
        monkeypatch.setattr("citybrain.plugins.metrics.cube.DENSE_CELLS", 0)
    built = hotline.cube(hotline.prepare(pd.DataFrame(TICKETS), ENTRIES, NOW), ENTRIES)
    assert (built.array is None) == (request.param == "sparse")
    return built


def kpi(cube, name: str, by: tuple[str, ...] = ()) -> pd.DataFrame:
    numerator, denominator = hotline.KPIS[name]
    return hotline.compute(numerator, denominator)(cube, by)


def test_overall_rates_are_the_hand_computed_ones(cube):
    assert kpi(cube, "hotline.volume")["value"].iloc[0] == 8
    # contact due: all but the one received 2023-02-28 12:00 (24 h limit, not passed at NOW) = 7;
    # in time: 11-01, 11-03 (2 h limit, 1 h), 11-30, 12-05, 10-31 (8 h 1 min) = 5
    first = kpi(cube, "hotline.first_contact")
    assert (first["numerator"].iloc[0], first["denominator"].iloc[0]) == (5, 7)
    # outcome known: 5 (three are None); resolved: 11-01, 11-03, 11-30, 10-31 = 4
    assert kpi(cube, "hotline.resolution")["value"].iloc[0] == pytest.approx(4 / 5)
    # rated: 11-01 satisfied, 11-02 unsatisfied, 11-30 basic, 10-31 unsatisfied = 4; missing ones excluded
    satisfaction = kpi(cube, "hotline.satisfaction")
    assert (satisfaction["numerator"].iloc[0], satisfaction["denominator"].iloc[0]) == (2, 4)
    # reopened at least once: 11-02 (twice counts once) and 10-31 = 2 of 8
    assert kpi(cube, "hotline.reopen")["value"].iloc[0] == pytest.approx(2 / 8)


def test_a_month_without_tickets_has_zero_volume_and_no_rate(cube):
    volume = kpi(cube, "hotline.volume", ("month",))["value"]
    assert volume.to_dict() == {"2022-10": 1, "2022-11": 4, "2022-12": 1, "2023-01": 0, "2023-02": 2}
    rates = kpi(cube, "hotline.satisfaction", ("month",))["value"]
    assert math.isnan(rates["2023-01"]) and math.isnan(rates["2023-02"])  # nobody rated: no value, not 0 %
    assert rates["2022-11"] == pytest.approx(2 / 3)


def test_hotline_years_run_november_to_october(cube):
    volume = kpi(cube, "hotline.volume", ("hotline_year",))["value"]
    assert volume.to_dict() == {2022: 1, 2023: 7}
    resolution = kpi(cube, "hotline.resolution", ("hotline_year",))
    assert resolution.loc[2023, "numerator"] == 3 and resolution.loc[2023, "denominator"] == 4


def test_breakdowns_by_subdistrict_category_and_unit(cube):
    assert kpi(cube, "hotline.volume", ("subdistrict",))["value"].to_dict() == {"S1": 5, "S2": 3}
    assert kpi(cube, "hotline.volume", ("category",))["value"].to_dict() == {"A": 7, "B": 1}
    assert kpi(cube, "hotline.volume", ("subcategory",))["value"].to_dict() == {"A1": 5, "A2": 2, "B1": 1}
    reopen = kpi(cube, "hotline.reopen", ("unit",))["value"]
    assert reopen.to_dict() == {"U1": pytest.approx(2 / 6), "U2": 0.0}  # U1: six tickets, two reopened
    both = kpi(cube, "hotline.volume", ("hotline_year", "subdistrict"))["value"]
    assert both.to_dict() == {(2022, "S1"): 1, (2023, "S1"): 4, (2023, "S2"): 3}
