"""The count cube's flags: 0/1 measures packed several to one bincount weight give the same sums as one each."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from citybrain.plugins.metrics import cube as cube_module
from citybrain.plugins.metrics.cube import Cube


def _frame(flags: int, crowded: int, seed: int = 3) -> pd.DataFrame:
    """Random records over 3 × 4 cells, ``crowded`` more in one cell (so a field needs more bits), ``flags`` 0/1."""
    gen = np.random.default_rng(seed)
    n = 500 + crowded
    area = np.concatenate([gen.integers(0, 3, 500), np.zeros(crowded, dtype=np.int64)])
    team = np.concatenate([gen.integers(0, 4, 500), np.zeros(crowded, dtype=np.int64)])
    columns = {"area": np.array(["东", "西", "南"])[area], "team": team}
    for i in range(flags):
        columns[f"f{i}"] = (gen.random(n) < 0.5).astype(float)
    columns["f0"] = np.ones(n)  # a flag set on every record: a cell's sum is its full count, the field's maximum
    return pd.DataFrame(columns)


def test_packed_flags_sum_exactly_as_one_bincount_each():
    # 300 records in one cell take 9 bits a field: 5 fields to a float64, so 12 flags need three bincounts
    frame = _frame(12, 300)
    measures = [f"f{i}" for i in range(12)]
    packed = Cube(frame, ("area", "team"), measures, flags=measures)
    plain = Cube(frame, ("area", "team"), measures)
    assert np.array_equal(packed.array, plain.array)
    assert 256 <= plain.array[..., 0].max() < 512  # the crowded cell: 9 bits
    for by in [("area",), ("team",), ("area", "team"), ()]:
        pd.testing.assert_frame_equal(packed.rollup(by), plain.rollup(by))


def test_flags_and_weighted_measures_mix():
    frame = _frame(3, 0).assign(hours=lambda f: np.linspace(0.5, 9.25, len(f)))
    measures = ["f0", "hours", "f1", "f2"]
    packed = Cube(frame, ("area", "team"), measures, flags={"f0", "f1", "f2"})
    plain = Cube(frame, ("area", "team"), measures)
    assert np.array_equal(packed.array, plain.array)


@pytest.mark.parametrize("dense", [True, False])
def test_a_unit_s_share_is_the_cube_of_its_records_alone(dense, monkeypatch):
    """``where`` (what a placed metric is computed over per unit) rolls up as a cube built from those rows only."""
    if not dense:
        monkeypatch.setattr(cube_module, "DENSE_CELLS", 1)  # the table kept when the array would be too big
    frame = _frame(3, 40).assign(parity=lambda f: np.where(f["team"] % 2 == 0, "even", "odd"))
    derived = {"parity_of": ("team", lambda teams: np.where(teams.astype(int) % 2 == 0, "even", "odd"))}
    whole = Cube(frame, ("area", "team"), ["f0", "f1", "f2"], derived, flags={"f0", "f1", "f2"})
    for kept in [{"东"}, {"东", "南"}, {"北"}]:
        mine = frame[frame["area"].isin(kept)]
        alone = Cube(mine, ("area", "team"), ["f0", "f1", "f2"], derived, flags={"f0", "f1", "f2"})
        share = whole.where("area", kept)
        assert set(share.labels("area")) == kept & {"东", "西", "南"}
        for by in [("area",), ("team",), ("parity_of",), ("area", "team"), ()]:
            expected = alone.rollup(by) if len(mine) else whole.rollup(by).iloc[:0]
            got = share.rollup(by)
            if not by and not len(mine):
                assert got.to_numpy().tolist() == [[0.0, 0.0, 0.0]]  # no records: zeros, one row
                continue
            pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_index_type=False)
            assert got["f0"].sum() == len(mine)  # a hand count: f0 is set on every record
    assert whole.rollup(("area",))["f0"].sum() == len(frame)  # the whole cube untouched by its shares
