"""The KPI engine: every contributed metric computed under each of its breakdowns, cached, and handed back only
when its inputs changed (each metric's ``version`` stamp) — never per desk or per repaint; a placed metric also per
unit a desk is logged in at, once for all that unit's desks.  A metric whose computation raises is reported on its
records and skipped; the others go on."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Collection, Hashable, Mapping
from functools import partial
from typing import Any, NamedTuple

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core.api import MetricSpec, sum_kpi
from citybrain.core.district import OrgUnit, Tree
from citybrain.plugins.metrics.cube import ALL, Cube

log = logging.getLogger("citybrain.plugins.metrics")
YEARS = ("hotline_year", "year")  # breakdowns that get year-on-year figures and pair with the other dimensions
UNIT = "@unit"  # the column naming each row's desk unit in a stacked input (no plugin's column starts with @)


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
        "place": spec.place,
    }


def places(data: Any, column: str) -> set:
    """The org unit codes placing ``data``'s rows (``MetricSpec.place``): a frame's column, a cube's dimension,
    or those of each frame a tuple or a dict of them holds."""
    if isinstance(data, Cube):
        return set(data.labels(column))
    if isinstance(data, pd.DataFrame):
        return set(data[column].dropna().unique())
    return set().union(*(places(part, column) for part in _parts(data)))


def cut(data: Any, column: str, codes: set) -> Any:
    """``data`` with only the rows placed at one of ``codes``, in the same shape (what ``compute`` takes).  A
    frame without the column is an error, never taken whole: a unit's figure would count the district."""
    if isinstance(data, Cube):
        return data.where(column, codes)
    if isinstance(data, pd.DataFrame):
        return data[data[column].isin(codes)]
    if isinstance(data, Mapping):
        return {k: cut(v, column, codes) if _frame(v) else v for k, v in data.items()}
    return type(data)(cut(part, column, codes) if _frame(part) else part for part in data)


def _frame(part: Any) -> bool:
    return isinstance(part, pd.DataFrame | Cube)


def _parts(data: Any) -> list:
    """The frames a metric's input holds (a tuple or dict of them); refused for anything else."""
    parts = [p for p in (data.values() if isinstance(data, Mapping) else data) if _frame(p)]
    if not parts:
        raise TypeError(f"a placed metric's input is a frame, a cube, or a tuple or dict of them, not {type(data)}")
    return parts


def held(tree: Tree, codes: set, units: Collection[str]) -> dict[str, set]:
    """For each of ``units``, the ``codes`` its subtree holds (``Tree.holders``, the daemon's own rule)."""
    out: dict[str, set] = {unit: set() for unit in units}
    for code in codes:
        for unit in tree.holders(code) & out.keys():
            out[unit].add(code)
    return out


def kept_above(tree: Tree, codes: set, units: Collection[str], held_by: Mapping[str, set]) -> dict[str, str]:
    """Of ``units``, those below the finest level ``codes`` place rows at (a committee's desk, where the hotline's
    tickets are placed by subdistrict): each one's ancestor at that level, whose figures the unit reads instead of
    none, said as that ancestor's (``at``).  A unit at a level rows are placed at keeps its own figure, none
    included: a committee without cases has none, not its subdistrict's.  ``held_by``: :func:`held` for the units."""
    deepest = max((len(tree.ancestors(c)) for c in codes if c in tree.units), default=-1)
    out = {}
    for unit in units:
        ancestors = tree.ancestors(unit)
        if deepest >= 0 and len(ancestors) > deepest and not held_by[unit]:
            out[unit] = ancestors[len(ancestors) - 1 - deepest]
    return out


def org_tree(session: Session) -> Tree:
    """The org tree's shape (each unit's kind, parent and property company: what ``Tree.holders`` walks), read at
    every refresh while desks are in units: 9 ms for the demo's 475 units, where ``Tree.load`` took 40."""
    rows = session.execute(select(OrgUnit.code, OrgUnit.kind, OrgUnit.parent, OrgUnit.property_company))
    return Tree(
        {code: {"kind": kind, "parent": parent, "property_company": company} for code, kind, parent, company in rows}
    )


def summed(spec: MetricSpec) -> bool:
    """Whether the metric is ``sum_kpi`` of its columns (a ``partial``), which groups by any columns it is given: then
    every unit's figures are one group-by with the unit as the first key, not one per unit (pandas' cost per
    group-by, ~5 ms here, times 15 for the case KPIs, was 75 ms a committee: 3 s for 40 committees' desks)."""
    return isinstance(spec.compute, partial) and spec.compute.func is sum_kpi


def stack(shares: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every unit's rows one after the other, each with its unit in ``UNIT``."""
    parts = [part.assign(**{UNIT: unit}) for unit, part in shares.items() if len(part)]
    if not parts:
        return next(iter(shares.values())).iloc[:0].assign(**{UNIT: ""})
    return pd.concat(parts, ignore_index=True)


class Refreshed(NamedTuple):
    """What one refresh changed: district records and headlines, and the per-unit records put and deleted."""

    values: list[dict]
    headlines: dict[str, float | None]
    unit_values: list[dict]
    unit_gone: list[str]


class Engine:
    """Holds the last inputs' stamps and the published records; ``refresh`` runs on a reader thread.

    A placed metric (``MetricSpec.place``) is also computed for each unit a desk is logged in at, over the rows
    that unit holds (``unit_records``, ids ``metric/by@unit``): when its inputs change, for every such unit; when a
    desk's unit is new, or the org tree changed, for those units alone. Without desks in units this costs nothing
    more than the district's figures."""

    def __init__(self, specs: list[MetricSpec], tree: Callable[[Session], Tree] = org_tree) -> None:
        self.specs = specs
        self.load_tree = tree
        self.stamps: dict[Callable, Hashable] = {}
        self.records: dict[str, dict] = {}
        self.headlines: dict[str, float | None] = {}
        self.units: frozenset[str] = frozenset()  # the units the unit records are computed for
        self.unit_records: dict[str, dict] = {}
        self.tree: Mapping[str, dict] = {}  # the org tree the unit records were cut by

    def refresh(self, session: Session, units: Collection[str] = ()) -> Refreshed:
        """Recompute the metrics whose inputs changed, and the placed ones for ``units`` (the units desks are
        logged in at); returns what changed (headlines: the values without breakdown, for the history)."""
        out = Refreshed([], {}, [], [])
        by_loader: dict[Callable, list[MetricSpec]] = {}
        for spec in self.specs:
            by_loader.setdefault(spec.load, []).append(spec)
        tree, new_units = self._units(session, units, out) if any(s.place for s in self.specs) else (None, set())
        for load, specs in by_loader.items():
            placed = [s for s in specs if s.place] if tree is not None else []
            fresh = True
            try:
                stamp = specs[0].version(session)
                fresh = self.stamps.get(load, object()) != stamp
                if not fresh and not (placed and new_units):
                    continue
                data = load(session)
            except Exception as exc:  # a plugin's broken input must not stop the others' KPIs
                log.exception("metrics %s: reading inputs failed", ", ".join(s.id for s in specs))
                if fresh:  # a read for a new unit's desk alone leaves the district's figures as they are
                    out.values.extend(self._failed(specs, exc))
                continue
            self.stamps[load] = stamp
            if fresh:
                self._district(specs, data, out)
            if tree is not None:
                self._placed(placed, data, tree, self.units if fresh else new_units, out)
        return out

    def _units(self, session: Session, units: Collection[str], out: Refreshed) -> tuple[Tree | None, set[str]]:
        """The org tree (None without desks in units) and the units whose figures are not computed yet; forgets
        the units no desk is at any more (their records go in ``out.unit_gone``)."""
        tree = self.load_tree(session) if units or self.units else Tree({})
        root = tree.root()
        wanted = frozenset(u for u in units if u in tree.units and u != root)  # the root's figures: the district's
        gone = self.units - wanted
        if gone:
            for key in [k for k, r in self.unit_records.items() if r["unit"] in gone]:
                del self.unit_records[key]
                out.unit_gone.append(key)
        new = set(wanted) if tree.units != self.tree else set(wanted - self.units)
        self.units, self.tree = wanted, tree.units
        return (tree if wanted else None), new

    def _district(self, specs: list[MetricSpec], data: Any, out: Refreshed) -> None:
        for spec in specs:
            for record in self._compute(spec, data):
                if self.records.get(record["id"]) != record:
                    self.records[record["id"]] = record
                    out.values.append(record)
                if not record["by"] and not record["error"]:
                    value = record["values"][0] if record["values"] else None
                    if self.headlines.get(spec.id, "none") != value:
                        self.headlines[spec.id] = out.headlines[spec.id] = value

    def _placed(self, specs: list[MetricSpec], data: Any, tree: Tree, units: Collection[str], out: Refreshed) -> None:
        shares: dict[str, dict[str, Any]] = {}  # place column -> unit -> its share of the input (or why none)
        stacks: dict[str, pd.DataFrame] = {}  # place column -> every unit's rows, one after the other
        ats: dict[str, dict[str, str]] = {}  # place column -> unit -> the ancestor whose rows it reads (kept_above)
        for spec in specs:
            column = spec.place or ""
            if column not in shares:  # cut once for the KPIs sharing it: a cube's share keeps its roll-ups for all
                shares[column], ats[column] = self._shares(data, column, tree, units)
            if summed(spec) and all(isinstance(p, pd.DataFrame) for p in shares[column].values()):
                if column not in stacks:
                    stacks[column] = stack(shares[column])
                computed = self._stacked(spec, stacks[column], data.iloc[:0], list(shares[column]))
            else:
                computed = {
                    unit: [self._error(spec, by, part) for by in breakdowns(spec)]
                    if isinstance(part, Exception)
                    else self._compute(spec, part)
                    for unit, part in shares[column].items()
                }
            for unit, records in computed.items():
                for record in records:
                    record = {**record, "id": f"{record['id']}@{unit}", "unit": unit, "at": ats[column].get(unit, unit)}
                    if self.unit_records.get(record["id"]) != record:
                        self.unit_records[record["id"]] = record
                        out.unit_values.append(record)

    def _stacked(self, spec: MetricSpec, stacked: pd.DataFrame, empty: pd.DataFrame, units: list[str]) -> dict:
        """A ``sum_kpi`` metric for every unit at once: one group-by per breakdown over the stacked rows, with the
        unit as the first key, split by unit (a unit without rows gets what the metric gives for none)."""
        out: dict[str, list[dict]] = {unit: [] for unit in units}
        for by in breakdowns(spec):
            try:
                frame = spec.compute(stacked, (UNIT, *by))
                present = set(frame.index.get_level_values(0))
                none = None if present.issuperset(units) else to_record(spec, by, spec.compute(empty, by))
                these = {
                    unit: to_record(spec, by, frame.xs(unit, level=0))
                    if by
                    else to_record(spec, by, frame.loc[[unit]].set_axis(pd.Index([ALL])))
                    for unit in units
                    if unit in present
                }
            except Exception as exc:
                log.exception("metric %s by %s failed", spec.id, by)
                these, none = {unit: self._error(spec, by, exc) for unit in units}, None
            for unit in units:
                record = these.get(unit, none)
                assert record is not None  # a unit without rows has the no-rows record
                out[unit].append(record)
        return out

    @staticmethod
    def _shares(data: Any, column: str, tree: Tree, units: Collection[str]) -> tuple[dict[str, Any], dict[str, str]]:
        """Each unit's share of ``data``: the rows placed (``column``) where its subtree holds them, or for a unit
        below the finest level they are placed at, its ancestor's at that level (and which one, :func:`kept_above`)."""
        try:
            codes = places(data, column)
            held_by = held(tree, codes, units)
            at = kept_above(tree, codes, units, held_by)
            held_by.update(held(tree, codes, set(at.values())))
            return {unit: cut(data, column, held_by[at.get(unit, unit)]) for unit in units}, at
        except Exception as exc:
            log.exception("metrics: cutting an input by %s failed", column)
            return {unit: exc for unit in units}, {}

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
