"""KPIs of imported patrol counts (a city platform's export: one row per patrol with the problems it found and
handled): patrols, problems found, problems handled and the handling rate (handled ÷ found), by month, calendar
year, area and team type.  The patrols plugin counts the same figures from its own patrol records under
``patrols.*``; these are ``metrics.patrols.*``, for a district that imports counts instead."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import MetricSpec, read_frame, tr_noop
from citybrain.plugins.metrics.cube import Cube, ratio
from citybrain.plugins.metrics.tables import Patrol

DIMENSIONS = ("month", "year", "area", "team_type")
KPIS = {
    "metrics.patrols.count": ("patrols", None, tr_noop("Metrics", "Patrols (imported counts)"), "patrols"),
    "metrics.patrols.found": (
        "found",
        None,
        tr_noop("Metrics", "Problems found on patrol (imported counts)"),
        "problems",
    ),
    "metrics.patrols.handled": ("handled", None, tr_noop("Metrics", "Problems handled (imported counts)"), "problems"),
    "metrics.patrols.handling_rate": (
        "handled",
        "found",
        tr_noop("Metrics", "Patrol handling rate (imported counts)"),
        "%",
    ),
}


def cube(raw: pd.DataFrame) -> Cube:
    """``raw``: day, area, team_type, found, handled — one row per patrol."""
    days = pd.to_datetime(raw["day"])
    frame = pd.DataFrame(
        {
            "month": (days.dt.year * 100 + days.dt.month).astype(np.int64),
            "area": raw["area"].astype(str),
            "team_type": raw["team_type"].astype(str),
            "patrols": np.ones(len(raw), dtype=np.int64),
            "found": raw["found"].astype(np.int64),
            "handled": raw["handled"].astype(np.int64),
        }
    )
    return Cube(
        frame,
        ("month", "area", "team_type"),
        ("patrols", "found", "handled"),
        {"year": ("month", lambda months: months // 100)},
    )


def load(session: Session) -> Cube:
    columns = ["day", "area", "team_type", "found", "handled"]
    return cube(read_frame(session, select(*(getattr(Patrol, c) for c in columns)), columns))


def version(session: Session) -> tuple:
    return tuple(session.execute(select(func.count(Patrol.id), func.max(Patrol.id))).one())


def specs() -> list[MetricSpec]:
    def compute(numerator: str, denominator: str | None):  # noqa: ANN202
        return lambda data, by: ratio(data.rollup(by), numerator, denominator)

    return [
        MetricSpec(
            kpi,
            title,
            unit,
            load,
            compute(numerator, denominator),
            version,
            DIMENSIONS,
            period="month",
            target=0.95 if denominator else None,
            thresholds=(0.92, 0.9) if denominator else None,
            drill="metrics.patrols",
        )
        for kpi, (numerator, denominator, title, unit) in KPIS.items()
    ]
