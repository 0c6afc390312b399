"""The KPI engine: recomputes only when a KPI's inputs stamp changes, publishes only what changed, and a KPI that
fails is reported on its records while the others go on."""

from __future__ import annotations

import pandas as pd

from citybrain.core.api import MetricSpec
from citybrain.plugins.metrics.engine import Engine, breakdowns


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
    changed, headlines = engine.refresh(None)
    assert source.reads == 1  # one read shared by both KPIs
    by_id = {r["id"]: r for r in changed}
    assert by_id["x.share/month"]["values"] == [0.5, 1.0] and headlines == {"x.share": 2 / 3}
    assert by_id["x.bad/month"]["error"] == "KeyError: 'no such column'" and by_id["x.bad/month"]["values"] == []
    assert engine.refresh(None) == ([], {}) and source.reads == 1  # same stamp: nothing read, nothing published
    source.stamp, source.frame = 2, source.frame.assign(ok=[1, 1, 1])
    changed, headlines = engine.refresh(None)
    assert {r["id"] for r in changed} == {"x.share/month", "x.share/all"} and headlines == {"x.share": 1.0}


def test_breakdowns_put_the_year_pairs_first_so_coarser_ones_roll_up_from_them():
    spec = MetricSpec("h.v", "V", "tickets", len, share, len, dimensions=("month", "hotline_year", "subdistrict"))
    assert breakdowns(spec) == [("hotline_year", "subdistrict"), ("month",), ("hotline_year",), ("subdistrict",), ()]
