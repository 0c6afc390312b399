"""warning_scan: the early warning's scoring of 5,000 enterprises × 24 months (the cube, five rules per indicator,
the totals and each warned enterprise's reasons) against a plain vectorised pandas pass computing the same drops
(unstack to wide, window means, the year-on-year and trend falls, peer medians by groupby, runs of declines,
indicators stopped) without the points or the reasons."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from benchmarks import Result
from citybrain.plugins.enterprise import config, synthetic
from citybrain.plugins.enterprise.reasons import reasons
from citybrain.plugins.enterprise.scoring import Scorer, cube


def _ours(frame: pd.DataFrame, peers: pd.DataFrame) -> int:
    data = cube(frame, config.rules().indicators)
    scores = Scorer(config.rules()).score(data, peers)
    totals = scores.totals()
    warned = np.flatnonzero(totals >= config.rules().warn_score)
    return sum(len(reasons(scores, int(c), None, config.rules())) for c in warned)


def _plain(frame: pd.DataFrame, peers: pd.DataFrame) -> int:
    w, h, m = (
        config.rules().window,
        int(config.rules().rules["trend"]["history"]),
        int(config.rules().rules["stopped"]["months"]),
    )
    wide = frame.set_index(["indicator", "enterprise_id", "month"])["value"].unstack("month").sort_index(axis=1)
    recent, last_year = wide.iloc[:, -w:].mean(axis=1), wide.iloc[:, -12 - w : -12].mean(axis=1)
    yoy = 1 - recent / last_year
    seasonal = last_year / wide.iloc[:, -12 - w - h : -12 - w].mean(axis=1)
    trend = 1 - recent / (wide.iloc[:, -w - h : -w].mean(axis=1) * seasonal.fillna(1.0))
    groups = peers.reindex(wide.index.get_level_values("enterprise_id"))
    ratio = pd.DataFrame(
        {
            "indicator": wide.index.get_level_values("indicator"),
            "section": groups["section"].to_numpy(),
            "size": groups["size"].to_numpy(),
            "ratio": (recent / last_year).to_numpy(),
        }
    )
    gap = ratio.groupby(["indicator", "section", "size"])["ratio"].transform("median") - ratio["ratio"]
    adjusted = pd.DataFrame(wide.iloc[:, 12:].to_numpy() / wide.iloc[:, :-12].to_numpy(), index=wide.index)
    falls = adjusted.diff(axis=1).iloc[:, 1:] < 0
    run = falls.iloc[:, ::-1].cumprod(axis=1).sum(axis=1)
    stopped = wide.iloc[:, -m:].isna().all(axis=1) & (wide.iloc[:, -m - 12 : -m].notna().sum(axis=1) >= 6)
    return int((yoy > 0.3).sum() + (trend > 0.3).sum() + (gap > 0.25).sum() + (run >= 4).sum() + stopped.sum())


def _best(
    fn: Callable[[pd.DataFrame, pd.DataFrame], int], frame: pd.DataFrame, peers: pd.DataFrame, repeats: int
) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(frame, peers)
        times.append(time.perf_counter() - start)
    return min(times)


def warning_scan(quick: bool) -> Result:
    subdistricts = [(f"3101090{n:02d}000", 31.27, 121.49) for n in (9, 10, 11, 14)]
    profiles = synthetic.profiles(random.Random(1), 5_000, subdistricts)
    frame, _ = synthetic.indicators(1, profiles, synthetic.months_until("2026-10", 24))
    peers = pd.DataFrame(
        {
            "section": [config.industries().section(p["industry"]) for p in profiles],
            "size": [p["size"] for p in profiles],
        }
    )
    repeats = 5 if quick else 15
    ours, plain = _best(_ours, frame, peers, repeats), _best(_plain, frame, peers, repeats)
    return Result("warning_scan", ours * 1000, "ms", plain * 1000, "<= 2")


def run(quick: bool) -> list[Result]:
    return [warning_scan(quick)]
