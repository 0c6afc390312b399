"""sum_kpi: the plugin API's count or rate of sums, the compute of the cases, patrols and people KPIs."""

from functools import partial

import pandas as pd

from citybrain.core.api import sum_kpi

FRAME = pd.DataFrame(
    {
        "month": ["2024-01", "2024-01", "2024-02", "2024-03"],
        "cases": [1, 1, 1, 0],
        "resolved": [1, 0, 1, 0],
    }
)


def test_a_rate_is_the_sum_of_its_numerator_over_the_sum_of_its_denominator_per_group():
    out = sum_kpi(FRAME, ("month",), "resolved", "cases")
    assert list(out.columns) == ["numerator", "denominator", "value"]
    assert out["numerator"].tolist() == [1, 1, 0]
    assert out["denominator"].tolist() == [2, 1, 0]
    assert out.loc["2024-01", "value"] == 0.5 and out.loc["2024-02", "value"] == 1.0


def test_a_group_with_nothing_to_divide_by_has_no_rate_rather_than_zero():
    assert pd.isna(sum_kpi(FRAME, ("month",), "resolved", "cases").loc["2024-03", "value"])


def test_without_a_breakdown_one_row_named_all_sums_everything():
    out = sum_kpi(FRAME, (), "resolved", "cases")
    assert out.index.tolist() == ["all"]
    assert (out.loc["all", "numerator"], out.loc["all", "denominator"], out.loc["all", "value"]) == (2, 3, 2 / 3)


def test_a_count_is_its_sum_as_a_float_with_no_denominator():
    out = sum_kpi(FRAME, ("month",), "cases")
    assert list(out.columns) == ["numerator", "value"]
    assert out["value"].tolist() == [2.0, 1.0, 0.0] and out["value"].dtype == float


def test_partial_with_the_column_names_is_a_metric_compute_and_unused_categories_are_left_out():
    frame = FRAME.assign(month=pd.Categorical(FRAME["month"], categories=["2023-12", *sorted(set(FRAME["month"]))]))
    compute = partial(sum_kpi, numerator="resolved", denominator="cases")
    assert compute(frame, ("month",)).index.tolist() == ["2024-01", "2024-02", "2024-03"]
