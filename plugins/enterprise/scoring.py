"""Explainable early-warning scores, vectorised over every enterprise at once.

The indicators become a cube (indicator × enterprise × month, NaN where no figure arrived).  Five rules look at
each indicator of each enterprise; a rule past its threshold gives points (its weight × the indicator's weight ×
how far past, capped), and every point comes with the figures that earned it, so each warning says why:

- ``yoy``: the last months against the same months a year earlier (seasonality considered);
- ``trend``: the last months against the enterprise's own months before them, adjusted by what the same months
  did last year;
- ``peers``: its change over the year against the median change of its peers (same industry section and size);
- ``declines``: consecutive month-on-month falls of the seasonally adjusted figure, ending with the last month;
- ``stopped``: an indicator that used to arrive and has not in the last months.

Thresholds are in configs/enterprise/warning.toml.  A cause is ``rule:indicator``; a dismissed cause is left out
before summing, so a dismissed warning does not come back for the same cause.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from citybrain.plugins.enterprise.config import WarningRules

RULES = ("yoy", "trend", "peers", "declines", "stopped")


def month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_name(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


@dataclass(frozen=True)
class Cube:
    values: np.ndarray  # (indicators, enterprises, months); NaN: no figure
    enterprises: np.ndarray  # enterprise ids, in the cube's order
    first_month: int  # month number of values[..., 0]
    indicators: tuple[str, ...]

    @property
    def months(self) -> list[str]:
        return [month_name(self.first_month + t) for t in range(self.values.shape[2])]


def cube(frame: pd.DataFrame, indicators: Iterable[str]) -> Cube:
    """Long figures (enterprise_id, indicator, month, value) as a cube, up to the last month at least half of the
    enterprises reported (a month still being delivered is not a month of silence)."""
    names = tuple(indicators)
    frame = frame[frame["indicator"].isin(names)]
    ids, e_index = np.unique(frame["enterprise_id"].to_numpy(), return_inverse=True)
    month_codes, month_values = pd.factorize(frame["month"])
    numbers = np.array([month_number(m) for m in month_values], dtype=np.int64)
    first = int(numbers.min()) if len(numbers) else 0
    t_index = numbers[month_codes] - first
    i_codes, i_values = pd.factorize(frame["indicator"])
    i_index = np.array([names.index(v) for v in i_values], dtype=np.int64)[i_codes]
    values = np.full((len(names), len(ids), int(t_index.max()) + 1 if len(t_index) else 0), np.nan)
    values[i_index, e_index, t_index] = frame["value"].to_numpy(dtype=float)
    reporting = (~np.isnan(values)).any(axis=0).sum(axis=0)
    complete = np.flatnonzero(reporting >= 0.5 * reporting.max()) if len(reporting) else np.array([], dtype=int)
    last = int(complete.max()) + 1 if len(complete) else 0
    return Cube(values[:, :, :last], ids, first, names)


def _mean(block: np.ndarray) -> np.ndarray:
    """Mean over the last axis of the figures present; NaN where none is."""
    present = ~np.isnan(block)
    count = present.sum(axis=-1)
    total = np.where(present, block, 0.0).sum(axis=-1)
    return np.divide(total, count, out=np.full(count.shape, np.nan), where=count > 0)


def _ratio(now: np.ndarray, before: np.ndarray) -> np.ndarray:
    return np.divide(now, before, out=np.full(now.shape, np.nan), where=(before > 0) & ~np.isnan(now))


@dataclass(frozen=True)
class Scores:
    """Per rule, indicator and enterprise: the points (0 where the rule did not fire) and the figures behind them."""

    cube: Cube
    points: np.ndarray  # (rules, indicators, enterprises)
    now: np.ndarray  # the figure the rule looked at (a 3-month mean, a ratio, a run length...)
    before: np.ndarray  # what it was compared with
    change: np.ndarray  # the fall (0.42 = 42 % down) or, for peers, how far below the peers' change

    def totals(self, excluded: np.ndarray | None = None) -> np.ndarray:
        """Each enterprise's score, without the ``excluded`` (dismissed) causes."""
        points = self.points if excluded is None else np.where(excluded, 0.0, self.points)
        return points.sum(axis=(0, 1))


class Scorer:
    def __init__(self, rules: WarningRules) -> None:
        self.rules = rules
        self.weights = np.array([i.weight for i in rules.indicators.values()])[:, None]
        self.min_change = np.array([i.min_change for i in rules.indicators.values()])[:, None]

    def _points(self, rule: str, past: np.ndarray, threshold: float, fires: np.ndarray) -> np.ndarray:
        scale = np.minimum(np.nan_to_num(past / threshold), self.rules.cap)
        return np.where(fires & (past >= threshold), self.rules.rules[rule]["weight"] * self.weights * scale, 0.0)

    def score(self, cube: Cube, peers: pd.DataFrame) -> Scores:
        """``peers``: a frame indexed by enterprise id with ``section`` and ``size``."""
        v, w, r = cube.values, self.rules.window, self.rules.rules
        n_i, n_e, n_t = v.shape
        shape = (len(RULES), n_i, n_e)
        points, now, before, change = (np.zeros(shape) for _ in range(4))
        if n_t < 12 + w:
            return Scores(cube, points, now, before, change)  # less than a year and a window: nothing to compare
        recent, last_year = _mean(v[:, :, n_t - w :]), _mean(v[:, :, n_t - 12 - w : n_t - 12])
        big = lambda was, is_: (was - is_) >= self.min_change  # noqa: E731 - a fall counts from a floor up
        # yoy
        ratio = _ratio(recent, last_year)
        drop = 1 - ratio
        points[0] = self._points("yoy", drop, r["yoy"]["drop"], big(last_year, recent))
        now[0], before[0], change[0] = recent, last_year, drop
        # trend: own history, moved by what the same months did a year earlier
        h = int(r["trend"]["history"])
        history = _mean(v[:, :, n_t - w - h : n_t - w])
        seasonal = _ratio(last_year, _mean(v[:, :, n_t - 12 - w - h : n_t - 12 - w]))
        expected = history * np.where(np.isnan(seasonal), 1.0, seasonal)
        trend_drop = 1 - _ratio(recent, expected)
        points[1] = self._points("trend", trend_drop, r["trend"]["drop"], big(expected, recent))
        now[1], before[1], change[1] = recent, expected, trend_drop
        # peers: the median change of the same section and size band
        groups = peers.reindex(cube.enterprises)
        key = pd.factorize(groups["section"].astype(str) + "/" + groups["size"].astype(str))[0]
        for i in range(n_i):
            frame = pd.DataFrame({"key": key, "ratio": ratio[i]})
            grouped = frame.groupby("key")["ratio"]
            median, count = grouped.transform("median").to_numpy(), grouped.transform("count").to_numpy()
            gap = median - ratio[i]
            enough = (count >= r["peers"]["min_peers"]) & big(last_year[i], recent[i])
            points[2, i] = self._points("peers", gap, r["peers"]["gap"], enough)[i]
            now[2, i], before[2, i], change[2, i] = ratio[i], median, gap
        # declines of the seasonally adjusted figure (this month ÷ the same month last year)
        adjusted = _ratio(v[:, :, 12:], v[:, :, :-12])
        adjusted = np.where(np.isnan(v[:, :, :-12]) & ~np.isnan(v[:, :, 12:]), np.nan, adjusted)
        falls = adjusted[:, :, 1:] < adjusted[:, :, :-1]
        run = np.cumprod(falls[:, :, ::-1], axis=2).sum(axis=2)
        start = np.take_along_axis(adjusted, (adjusted.shape[2] - 1 - run)[:, :, None], axis=2)[:, :, 0]
        fall = 1 - _ratio(adjusted[:, :, -1], start)
        long_enough = run >= r["declines"]["months"]
        points[3] = self._points("declines", fall, r["declines"]["drop"], long_enough)
        now[3], before[3], change[3] = run, start, fall
        # stopped: arrived in enough of the year before, missing in each of the last months
        m = int(r["stopped"]["months"])
        silent = np.isnan(v[:, :, n_t - m :]).all(axis=2)
        seen = (~np.isnan(v[:, :, max(0, n_t - m - 12) : n_t - m])).sum(axis=2)
        stopped = silent & (seen >= r["stopped"]["history"])
        points[4] = np.where(stopped, r["stopped"]["weight"] * self.weights, 0.0)
        now[4], before[4], change[4] = m, _mean(v[:, :, n_t - m - w : n_t - m]), 1.0
        return Scores(cube, points, now, before, change)
