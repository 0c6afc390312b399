"""The early warning against known distress: 5,000 synthetic enterprises over 24 months (growth and decline by
industry, seasons, noise, missing figures), 5 % of them given a distress pattern; the warning list must find at
least 90 % of them with at least 70 % of its warnings right.  The figures are printed."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from citybrain.plugins.enterprise import config, synthetic
from citybrain.plugins.enterprise.reasons import reasons
from citybrain.plugins.enterprise.scoring import Scorer, cube

SUBDISTRICTS = [(f"3101090{n:02d}000", 31.27, 121.49) for n in (9, 10, 11, 14, 16, 17, 18, 19)]


def _scored(seed: int):
    profiles = synthetic.profiles(random.Random(seed), 5_000, SUBDISTRICTS)
    frame, injected = synthetic.indicators(seed, profiles, synthetic.months_until("2026-10", 24))
    peers = pd.DataFrame(
        {
            "section": [config.industries().section(p["industry"]) for p in profiles],
            "size": [p["size"] for p in profiles],
        }
    )
    data = cube(frame, config.rules().indicators)
    scores = Scorer(config.rules()).score(data, peers)
    return data, scores, injected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_warning_list_finds_the_injected_distress(seed):
    data, scores, injected = _scored(seed)
    warned = set(data.enterprises[scores.totals() >= config.rules().warn_score].tolist())
    truth = set(injected)
    found = warned & truth
    precision, recall = len(found) / len(warned), len(found) / len(truth)
    missed = Counter(injected[p] for p in truth - warned)
    figures = (
        f"early warning, seed {seed}: {len(warned)} warned, {len(truth)} injected, "
        f"precision {precision:.3f}, recall {recall:.3f}, missed by pattern {dict(missed)}"
    )
    assert recall >= 0.9 and precision >= 0.7, figures  # the figures show when the test fails, not on every run
    assert len(truth) == 250 and set(injected.values()) == set(synthetic.PATTERNS)


def test_each_pattern_is_explained_by_the_rule_that_fits_it():
    data, scores, injected = _scored(4)
    column = {int(e): n for n, e in enumerate(data.enterprises)}
    rules_by_pattern: dict[str, Counter] = {p: Counter() for p in synthetic.PATTERNS}
    for position, pattern in injected.items():
        for reason in reasons(scores, column[position], None, config.rules()):
            rules_by_pattern[pattern][reason["rule"]] += 1
            assert reason["text"] and reason["points"] > 0
    assert rules_by_pattern["stopped"].most_common(1)[0][0] == "stopped"
    assert rules_by_pattern["collapse"]["yoy"] > 0 and rules_by_pattern["layoffs"]["yoy"] > 0
    assert rules_by_pattern["gradual"]["declines"] > 0


def test_missing_months_are_not_zero_and_a_month_still_arriving_is_not_silence():
    frame = pd.DataFrame(
        {
            "enterprise_id": [1] * 30,
            "indicator": ["electricity"] * 30,
            "month": synthetic.months_until("2026-06", 30),
            "value": [1000.0] * 30,
        }
    )
    gap = frame[~frame["month"].isin(["2025-12", "2026-01"])]  # two months without a figure, mid-series
    data = cube(gap, config.rules().indicators)
    assert np.isnan(data.values[1, 0, data.months.index("2026-01")])
    others = [frame.assign(enterprise_id=e) for e in (2, 3, 4)]
    early = pd.DataFrame({"enterprise_id": [5], "indicator": ["electricity"], "month": ["2026-07"], "value": [5.0]})
    assert (
        cube(pd.concat([gap, *others, early]), config.rules().indicators).months[-1] == "2026-06"
    )  # 1 of 5 reported July
    scores = Scorer(config.rules()).score(data, pd.DataFrame({"section": ["C"], "size": ["small"]}, index=[1]))
    assert scores.totals()[0] == 0  # a steady enterprise with a gap in its past is not warned
