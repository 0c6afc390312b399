"""The KPI engine: recomputes only when a KPI's inputs stamp changes, publishes only what changed, and a KPI that
fails is reported on its records while the others go on."""

from __future__ import annotations

from functools import partial

import pandas as pd

from citybrain.core.api import MetricSpec, sum_kpi
from citybrain.core.district import Tree
from citybrain.plugins.metrics.engine import Engine, breakdowns, summed


class Source:
    """A plugin's data and its stamp; counts how often it was read."""

    def __init__(self) -> None:
        self.frame = pd.DataFrame({"month": ["2024-01", "2024-01", "2024-02"], "ok": [1, 0, 1], "n": [1, 1, 1]})
        self.stamp, self.reads = 1, 0

    def load(self, session: object) -> pd.DataFrame:
        self.reads += 1
        return self.frame

    def version(self, session: object) -> int:
        return self.stamp


def share(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    sums = frame.groupby(list(by))[["ok", "n"]].sum() if by else frame[["ok", "n"]].sum().to_frame().T
    return pd.DataFrame({"numerator": sums["ok"], "denominator": sums["n"], "value": sums["ok"] / sums["n"]})


def broken(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    raise KeyError("no such column")


def test_recomputed_only_when_the_inputs_change_and_a_failing_kpi_stays_apart():
    source = Source()
    good = MetricSpec("x.share", "Share", "%", source.load, share, source.version, dimensions=("month",))
    bad = MetricSpec("x.bad", "Bad", "%", source.load, broken, source.version, dimensions=("month",))
    engine = Engine([good, bad])
    changed, headlines, _, _ = engine.refresh(None)
    assert source.reads == 1  # one read shared by both KPIs
    by_id = {r["id"]: r for r in changed}
    assert by_id["x.share/month"]["values"] == [0.5, 1.0] and headlines == {"x.share": 2 / 3}
    assert by_id["x.bad/month"]["error"] == "KeyError: 'no such column'" and by_id["x.bad/month"]["values"] == []
    assert engine.refresh(None) == ([], {}, [], []) and source.reads == 1  # same stamp: nothing read, nothing published
    source.stamp, source.frame = 2, source.frame.assign(ok=[1, 1, 1])
    changed, headlines, _, _ = engine.refresh(None)
    assert {r["id"] for r in changed} == {"x.share/month", "x.share/all"} and headlines == {"x.share": 1.0}


def test_breakdowns_put_the_year_pairs_first_so_coarser_ones_roll_up_from_them():
    spec = MetricSpec("h.v", "V", "tickets", len, share, len, dimensions=("month", "hotline_year", "subdistrict"))
    assert breakdowns(spec) == [("hotline_year", "subdistrict"), ("month",), ("hotline_year",), ("subdistrict",), ()]


def district() -> Tree:
    """D > subdistricts S1, S2 > committees K1, K2 (in S1), K3 (in S2) > compounds C1, C2, C3, one each."""
    units = {"D": {"kind": "district", "parent": None}}
    for code, parent, kind in [
        ("S1", "D", "subdistrict"),
        ("S2", "D", "subdistrict"),
        ("K1", "S1", "committee"),
        ("K2", "S1", "committee"),
        ("K3", "S2", "committee"),
        ("C1", "K1", "compound"),
        ("C2", "K2", "compound"),
        ("C3", "K3", "compound"),
    ]:
        units[code] = {"kind": kind, "parent": parent}
    return Tree(units)


def test_a_placed_metric_is_computed_for_the_units_desks_are_at_over_the_rows_each_holds():
    source = Source()
    source.frame = pd.DataFrame(
        {"month": ["2024-01"] * 6, "unit": ["C1", "C1", "C2", "C3", "K3", "S2"], "ok": [1, 0, 1, 1, 0, 1], "n": 1}
    )
    placed = MetricSpec("x.share", "Share", "%", source.load, share, source.version, ("month",), place="unit")
    plain = MetricSpec("x.plain", "Plain", "%", source.load, share, source.version, ("month",))
    engine = Engine([placed, plain], tree=lambda session: district())

    done = engine.refresh(None, {"S1", "K3", "D", "nowhere"})  # the root's figures are the district's
    mine = {r["id"]: r for r in done.unit_values}
    assert set(mine) == {f"x.share/{by}@{u}" for by in ("month", "all") for u in ("S1", "K3")}  # x.plain: none
    assert mine["x.share/all@S1"]["unit"] == "S1" and mine["x.share/all@S1"]["numerators"] == [2]  # C1, C1, C2
    assert mine["x.share/all@S1"]["denominators"] == [3] and mine["x.share/all@K3"]["denominators"] == [2]  # C3, K3
    assert {r["id"] for r in done.values} >= {"x.share/all", "x.plain/all"} and source.reads == 1

    done = engine.refresh(None, {"S1", "K3"})  # nothing changed: nothing read, nothing sent
    assert done == ([], {}, [], []) and source.reads == 1

    done = engine.refresh(None, {"K1", "S1"})  # K3's desk gone, one in K1 come: only K1 computed, district kept
    assert sorted(done.unit_gone) == ["x.share/all@K3", "x.share/month@K3"] and done.values == []
    assert {r["id"] for r in done.unit_values} == {"x.share/all@K1", "x.share/month@K1"}
    assert done.unit_values[0]["denominators"] == [2] and source.reads == 2

    source.stamp, source.frame = 2, source.frame.assign(unit=["C2"] * 6)  # every row now in C2: S1 holds all, K1 none
    done = engine.refresh(None, {"K1", "S1"})
    mine = {r["id"]: r for r in done.unit_values}
    assert mine["x.share/all@S1"]["denominators"] == [6] and mine["x.share/all@K1"]["denominators"] == [0]
    assert mine["x.share/all@K1"]["values"] == [None]  # nothing to divide by: no rate, never 0 %

    done = engine.refresh(None, set())  # no desk in a unit: every unit record deleted
    assert len(done.unit_gone) == 4 and engine.unit_records == {}


def test_a_placed_metric_whose_input_lacks_the_column_reports_it_and_never_counts_the_district():
    source = Source()
    placed = MetricSpec("x.share", "Share", "%", source.load, share, source.version, ("month",), place="unit")
    done = Engine([placed], tree=lambda session: district()).refresh(None, {"S1"})
    assert {r["error"] for r in done.unit_values} == {"KeyError: 'unit'"}
    assert all(r["values"] == [] for r in done.unit_values) and done.values[0]["error"] is None


def test_a_sum_kpi_metric_gives_every_unit_the_same_records_in_one_group_by_as_one_unit_at_a_time():
    """The stacked path (``sum_kpi``: every unit in one group-by per breakdown) against the same sums computed
    unit by unit (a plain function, which the engine computes per unit), for units with rows and without."""
    source = Source()
    source.frame = pd.DataFrame(
        {
            "year": [2023, 2023, 2024, 2024, 2024, 2024],
            "month": ["2023-01", "2023-02", "2024-01", "2024-01", "2024-02", "2024-02"],
            "type": ["a", "b", "a", "a", "b", "b"],
            "unit": ["C1", "C1", "C2", "C3", "K3", "C2"],
            "ok": [1, 0, 1, 1, 0, 0],
            "n": [1, 1, 1, 1, 1, 0],
        }
    )
    dims = ("month", "year", "type")
    stacked = partial(sum_kpi, numerator="ok", denominator="n")
    assert summed(MetricSpec("x.r", "R", "%", source.load, stacked, source.version, dims, place="unit"))
    records = []
    for compute in (stacked, lambda frame, by: sum_kpi(frame, by, "ok", "n")):
        spec = MetricSpec("x.r", "R", "%", source.load, compute, source.version, dims, place="unit")
        done = Engine([spec], tree=lambda session: district()).refresh(None, {"S1", "K1", "K2", "K3", "S2"})
        records.append(sorted(done.unit_values, key=lambda r: r["id"]))
    assert records[0] == records[1] and len(records[0]) == 5 * len(breakdowns(spec))
    mine = {r["id"]: r for r in records[0]}
    assert mine["x.r/all@S1"]["numerators"] == [2] and mine["x.r/all@S1"]["denominators"] == [3]  # C1, C1, C2, C2
    assert mine["x.r/year+type@S2"]["groups"] == [[2024, "a"], [2024, "b"]]  # C3 and K3, by year within type
    assert mine["x.r/type@K1"]["groups"] == ["a", "b"] and mine["x.r/all@K2"]["values"] == [1.0]  # C2: 1 of 1
