"""The KPI functions on frames made by hand: each figure by each dimension, and empty frames."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from citybrain.plugins.enterprise.kpis import DEMAND_COLUMNS, FIGURES, VISIT_COLUMNS, kpis


def T(month_day: tuple[int, int], hour: int = 10) -> datetime:
    """``month_day`` of 2026 at ``hour`` UTC."""
    month, day = month_day
    return datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.fixture
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    visits = pd.DataFrame(
        [(1, date(2026, 9, 3), "SWB", "S1"), (1, date(2026, 10, 8), "SWB", "S1"), (2, date(2026, 10, 9), "RSJ", "S2")],
        columns=VISIT_COLUMNS,
    )
    demands = pd.DataFrame(
        [
            (1, "financing", "JRB", "S1", T((9, 3)), T((9, 7)), "closed", True, 5),
            (1, "financing", "JRB", "S1", T((10, 8)), T((10, 9)), "reopened", False, 2),
            (2, "talent", "RSJ", "S2", T((10, 9)), None, "in_progress", None, None),
        ],
        columns=DEMAND_COLUMNS,
    )
    return visits, demands


def test_the_districts_totals(frames):
    (row,) = kpis(*frames).to_dict("records")
    assert (row["visits"], row["enterprises_covered"], row["demands"], row["resolved"]) == (3, 2, 3, 1)
    assert row["resolution_rate"] == pytest.approx(1 / 3) and row["satisfaction"] == 0.5
    assert row["days_to_resolve"] == pytest.approx(2.5) and row["average_rating"] == 3.5


def test_by_each_dimension(frames):
    by_month = {r["group"]: r for r in kpis(*frames, "month").to_dict("records")}
    assert by_month["2026-10"]["visits"] == 2 and by_month["2026-10"]["demands"] == 2
    assert by_month["2026-09"]["resolution_rate"] == 1.0
    by_category = {r["group"]: r for r in kpis(*frames, "category").to_dict("records")}
    assert by_category["financing"]["demands"] == 2 and by_category["talent"]["resolution_rate"] == 0
    assert by_category["talent"]["visits"] == 0  # visits have no category
    by_place = {r["group"]: r for r in kpis(*frames, "subdistrict").to_dict("records")}
    assert by_place["S1"]["enterprises_covered"] == 1 and by_place["S2"]["demands"] == 1
    by_department = {r["group"]: r for r in kpis(*frames, "department").to_dict("records")}
    assert by_department["SWB"]["visits"] == 2 and by_department["SWB"]["demands"] == 0
    assert by_department["JRB"]["visits"] == 0 and by_department["JRB"]["satisfaction"] == 0.5


def test_nothing_yet_is_no_row_and_no_error():
    empty = kpis(pd.DataFrame(columns=VISIT_COLUMNS), pd.DataFrame(columns=DEMAND_COLUMNS), "month")
    assert empty.empty and list(empty.columns) == ["group", *FIGURES]
