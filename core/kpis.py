"""The common shape of a KPI a plugin computes from sums (``MetricSpec.compute``): add up columns of a frame over
the groups of a breakdown, then report the sum, or a rate of two sums."""

from __future__ import annotations

import pandas as pd


def sum_kpi(frame: pd.DataFrame, by: tuple[str, ...], numerator: str, denominator: str | None = None) -> pd.DataFrame:
    """``numerator`` (and ``denominator``) summed over the groups of ``by`` (one row, index ``"all"``, when ``by`` is
    empty), with ``value``: the sum as a float, or numerator ÷ denominator, NaN where the denominator is 0 (no rate,
    never 0 %).  Its first two arguments are a ``compute``'s, so
    ``partial(sum_kpi, numerator="late", denominator="alarms")`` is one."""
    columns = [numerator] if denominator is None else [numerator, denominator]
    sums = (
        frame.groupby(list(by), observed=True)[columns].sum()
        if by
        else pd.DataFrame([frame[columns].sum()], index=pd.Index(["all"]))
    )
    out = pd.DataFrame({"numerator": sums[numerator]}, index=sums.index)
    if denominator is None:
        out["value"] = sums[numerator].astype(float)
    else:
        out["denominator"] = sums[denominator]
        out["value"] = sums[numerator] / sums[denominator].where(sums[denominator] > 0)
    return out
