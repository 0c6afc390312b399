"""Each warning's reasons: the rule, the indicator, its points and the figures behind them, with a sentence.

Desks word the sentence in their own language from the same fields; ``text`` is the English one (the CLI, logs,
tests)."""

from __future__ import annotations

import numpy as np

from citybrain.plugins.enterprise.config import WarningRules
from citybrain.plugins.enterprise.scoring import RULES, Scores


def _pct(x: float) -> str:
    return f"{x * 100:.0f} %"


def _figure(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 10 else f"{x:,.1f}"


def sentence(reason: dict, rules: WarningRules) -> str:
    indicator = rules.indicators[reason["indicator"]]
    name, unit, rule = indicator.name_en, indicator.unit_en, reason["rule"]
    now, before, change = reason["now"], reason["before"], reason["change"]
    if rule == "yoy":
        return (
            f"{name}: the last {rules.window} months {_pct(change)} below the same months a year earlier "
            f"({_figure(now)} against {_figure(before)} {unit} a month)"
        )
    if rule == "trend":
        return (
            f"{name}: the last {rules.window} months {_pct(change)} below its own level before them, seasons "
            f"considered ({_figure(now)} against {_figure(before)} {unit} expected)"
        )
    if rule == "peers":
        return (
            f"{name}: {_pct(now - 1)} over the year while its peers (same industry section and size) changed "
            f"{_pct(before - 1)}"
        )
    if rule == "declines":
        return f"{name}: fell {now:.0f} months in a row (against the same months last year), {_pct(change)} in all"
    return f"{name}: no figure for the last {now:.0f} months (it used to arrive; {_figure(before)} {unit} a month)"


def reasons(scores: Scores, column: int, excluded: np.ndarray | None, rules: WarningRules) -> list[dict]:
    """The reasons of one enterprise (its column in the cube), most points first, dismissed causes left out."""
    out = []
    for r, rule in enumerate(RULES):
        for i, indicator in enumerate(scores.cube.indicators):
            points = float(scores.points[r, i, column])
            if points <= 0 or (excluded is not None and excluded[r, i, column]):
                continue
            reason = {
                "cause": f"{rule}:{indicator}",
                "rule": rule,
                "indicator": indicator,
                "points": round(points, 1),
                "now": round(float(scores.now[r, i, column]), 3),
                "before": round(float(np.nan_to_num(scores.before[r, i, column])), 3),
                "change": round(float(scores.change[r, i, column]), 3),
            }
            out.append(reason | {"text": sentence(reason, rules)})
    return sorted(out, key=lambda x: -x["points"])
