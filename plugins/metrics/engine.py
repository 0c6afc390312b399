"""The KPI engine: every contributed metric computed under each of its breakdowns, cached, and handed back only
when its inputs changed (each metric's ``version`` stamp) — never per desk or per repaint.  A metric whose
computation raises is reported on its records and skipped; the others go on."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from citybrain.core.api import MetricSpec
from citybrain.plugins.metrics.cube import ALL

log = logging.getLogger("citybrain.plugins.metrics")
YEARS = ("hotline_year", "year")  # breakdowns that get year-on-year figures and pair with the other dimensions


def breakdowns(spec: MetricSpec) -> list[tuple[str, ...]]:
    """Each other dimension within a year (rankings per year), each dimension alone, and no breakdown — in that
    order, so that a cube rolls the coarser ones up from the finer ones."""
    years = [d for d in spec.dimensions if d in YEARS]
    pairs = [(y, d) for y in years for d in spec.dimensions if d not in YEARS and d != spec.period]
    return [*pairs, *((d,) for d in spec.dimensions), ()]


def record_id(metric: str, by: tuple[str, ...]) -> str:
    return f"{metric}/{'+'.join(by) or ALL}"


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _plain(key: Any) -> Any:
    return key.item() if hasattr(key, "item") else key


def to_record(spec: MetricSpec, by: tuple[str, ...], frame: pd.DataFrame) -> dict:
    """One breakdown as a record: groups and their values column by column (compact on the feed)."""
    groups = [[_plain(k) for k in key] if isinstance(key, tuple) else _plain(key) for key in frame.index]

    def column(name: str) -> list | None:
        return [_number(v) for v in frame[name]] if name in frame else None

    values = column("value")
    record = {
        "id": record_id(spec.id, by),
        "metric": spec.id,
        "by": list(by),
        "groups": groups,
        "values": values,
        "numerators": column("numerator"),
        "denominators": column("denominator"),
        "previous": None,
        "error": None,
    }
    if by and by[0] in YEARS and values is not None:
        record["previous"] = _previous(groups, values)
    return record


def _previous(groups: list, values: list) -> list[float | None]:
    """Each group's value a year earlier (same other keys), for year-on-year."""
    keys = [tuple(g) if isinstance(g, list) else (g,) for g in groups]
    lookup = dict(zip(keys, values, strict=True))
    return [lookup.get((key[0] - 1, *key[1:])) for key in keys]


def catalogue_record(spec: MetricSpec) -> dict:
    return {
        "id": spec.id,
        "title": spec.title,
        "unit": spec.unit,
        "plugin": spec.plugin,
        "dimensions": list(spec.dimensions),
        "period": spec.period,
        "target": spec.target,
        "thresholds": list(spec.thresholds) if spec.thresholds else None,
        "higher_is_better": spec.higher_is_better,
        "drill": spec.drill,
        "labels": spec.labels,
    }


class Engine:
    """Holds the last inputs' stamps and the published records; ``refresh`` runs on a reader thread."""

    def __init__(self, specs: list[MetricSpec]) -> None:
        self.specs = specs
        self.stamps: dict[Callable, Hashable] = {}
        self.records: dict[str, dict] = {}
        self.headlines: dict[str, float | None] = {}

    def refresh(self, session: Session) -> tuple[list[dict], dict[str, float | None]]:
        """Recompute the metrics whose inputs changed; returns the records that changed and the headline values
        (no breakdown) that changed, for the history."""
        changed: list[dict] = []
        headlines: dict[str, float | None] = {}
        by_loader: dict[Callable, list[MetricSpec]] = {}
        for spec in self.specs:
            by_loader.setdefault(spec.load, []).append(spec)
        for load, specs in by_loader.items():
            try:
                stamp = specs[0].version(session)
                if self.stamps.get(load, object()) == stamp:
                    continue
                data = load(session)
            except Exception as exc:  # a plugin's broken input must not stop the others' KPIs
                log.exception("metrics %s: reading inputs failed", ", ".join(s.id for s in specs))
                changed += self._failed(specs, exc)
                continue
            self.stamps[load] = stamp
            for spec in specs:
                for record in self._compute(spec, data):
                    if self.records.get(record["id"]) != record:
                        self.records[record["id"]] = record
                        changed.append(record)
                    if not record["by"] and not record["error"]:
                        value = record["values"][0] if record["values"] else None
                        if self.headlines.get(spec.id, "none") != value:
                            self.headlines[spec.id] = headlines[spec.id] = value
        return changed, headlines

    def _compute(self, spec: MetricSpec, data: Any) -> list[dict]:
        out = []
        for by in breakdowns(spec):
            try:
                out.append(to_record(spec, by, spec.compute(data, by)))
            except Exception as exc:
                log.exception("metric %s by %s failed", spec.id, by)
                out.append(self._error(spec, by, exc))
        return out

    def _failed(self, specs: list[MetricSpec], exc: Exception) -> list[dict]:
        return [self._error(spec, by, exc) for spec in specs for by in breakdowns(spec)]

    @staticmethod
    def _error(spec: MetricSpec, by: tuple[str, ...], exc: Exception) -> dict:
        return {
            "id": record_id(spec.id, by),
            "metric": spec.id,
            "by": list(by),
            "groups": [],
            "values": [],
            "numerators": None,
            "denominators": None,
            "previous": None,
            "error": f"{type(exc).__name__}: {exc}",
        }
