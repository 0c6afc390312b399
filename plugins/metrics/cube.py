"""A count cube: the sums of a frame's 0/1 (or count) columns for every combination of its dimensions, built in one
pass (one hash of a combined key, one ``bincount`` per measure).  Every KPI under every breakdown is then a roll-up
of this small table, so refreshing all of them costs about one group-by over the records."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

ALL = "all"  # the group of a KPI without breakdown


def month_range(first: int, last: int) -> list[int]:
    """Months as YYYYMM integers from ``first`` to ``last`` inclusive."""
    months, (y, m) = [], divmod(first, 100)
    while y * 100 + m <= last:
        months.append(y * 100 + m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def month_label(month: int) -> str:
    return f"{month // 100:04d}-{month % 100:02d}"


class Cube:
    """``frame``'s ``measures`` summed per combination of ``dims``; ``derive(cube)`` adds coarser dimensions (a
    category's parent, a month's year) to the small table."""

    def __init__(self, frame: pd.DataFrame, dims: Sequence[str], measures: Sequence[str],
                 derive: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> None:
        self.measures = list(measures)
        key = np.zeros(len(frame), dtype=np.int64)
        levels = []
        for dim in dims:
            codes, uniques = pd.factorize(frame[dim].to_numpy(), use_na_sentinel=False)
            key = key * max(len(uniques), 1) + codes
            levels.append(uniques)
        groups, keys = pd.factorize(key)
        columns: dict[str, np.ndarray] = {}
        rest = np.asarray(keys, dtype=np.int64)
        for dim, uniques in zip(reversed(list(dims)), reversed(levels), strict=True):
            rest, code = np.divmod(rest, max(len(uniques), 1))
            columns[dim] = np.asarray(uniques)[code] if len(uniques) else np.array([], dtype=object)
        for measure in self.measures:
            columns[measure] = np.bincount(groups, weights=frame[measure].to_numpy(), minlength=len(keys))
        cube = pd.DataFrame(columns)
        self.table = derive(cube) if derive else cube

    def rollup(self, by: Sequence[str]) -> pd.DataFrame:
        """The measures per group of ``by`` (one row ``all`` when empty); a breakdown by month alone lists every
        month from the first to the last, those without records as zeros."""
        if not by:
            return pd.DataFrame([self.table[self.measures].sum()], index=pd.Index([ALL], name="group"))
        sums = self.table.groupby(list(by), sort=True)[self.measures].sum()
        if list(by) == ["month"] and len(sums):
            sums = sums.reindex(month_range(int(sums.index.min()), int(sums.index.max())), fill_value=0)
            sums.index = sums.index.map(month_label)
        return sums


def ratio(sums: pd.DataFrame, numerator: str, denominator: str | None = None) -> pd.DataFrame:
    """``value`` = numerator ÷ denominator per group (a count when there is no denominator); groups whose
    denominator is zero get no value (NaN), never 0 %."""
    out = pd.DataFrame(index=sums.index)
    out["numerator"] = sums[numerator]
    if denominator is None:
        out["value"] = sums[numerator].astype(float)
        return out
    out["denominator"] = sums[denominator]
    out["value"] = (sums[numerator] / sums[denominator].where(sums[denominator] > 0)).astype(float)
    return out
