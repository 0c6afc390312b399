"""Dashboards as data (no Qt): the tiles of configs/metrics/dashboards/*.toml, what a tile shows read from the
``metrics.values`` records, and the figures' wording (values, targets, year-on-year).

A tile is a KPI ``card``, a trend ``chart``, a ``ranking`` or a ``table``; it names a KPI (``metric``), a
breakdown (``by``), a year (``year``: a number, or ``latest``) and its place on the dashboard's grid (``row``,
``col``, ``rowspan``, ``colspan``).  A card may show one month (``month = "2023-07"``) instead of a year, or one
group of its breakdown (``group``: a code, or the name people read), with the case study's figure for it beside
(``reference``, "over 90 %").

Which figures are made up: :class:`Provenance` reads ``metrics.provenance`` (a demo database marks every figure as
demo data except the case study's own)."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from citybrain.core.api import bundled
from citybrain.plugins.metrics.cube import ALL

KINDS = ("card", "chart", "ranking", "table")
YEARS = ("hotline_year", "year")
LATEST = "latest"


@dataclass(frozen=True)
class Tile:
    kind: str
    metric: str
    by: str = "month"
    year: int | str = LATEST
    row: int = 0
    col: int = 0
    rowspan: int = 1
    colspan: int = 1
    month: str = ""  # a card: this month (YYYY-MM) instead of a year
    group: str = ""  # a card: this group of ``by`` (code or name) instead of the whole
    reference: float | None = None  # a card of a group: the case study's figure for it ("over …")

    @classmethod
    def read(cls, data: dict[str, Any]) -> Tile:
        """A tile from a file or saved settings; unknown keys ignored, bad values refused with ValueError."""
        tile = cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        if tile.kind not in KINDS:
            raise ValueError(f"tile kind is one of {', '.join(KINDS)}, not {tile.kind!r}")
        if min(tile.row, tile.col) < 0 or min(tile.rowspan, tile.colspan) < 1:
            raise ValueError("a tile's row and col are at least 0, its spans at least 1")
        return tile

    def moved(self, rows: int = 0, cols: int = 0) -> Tile:
        return replace(self, row=max(0, self.row + rows), col=max(0, self.col + cols))

    def resized(self, rows: int = 0, cols: int = 0) -> Tile:
        return replace(self, rowspan=max(1, self.rowspan + rows), colspan=max(1, self.colspan + cols))

    def cells(self) -> set[tuple[int, int]]:
        return {
            (r, c) for r in range(self.row, self.row + self.rowspan) for c in range(self.col, self.col + self.colspan)
        }


def placed(tiles: tuple[Tile, ...], index: int, tile: Tile, columns: int) -> str | None:
    """Why ``tile`` cannot take the place of ``tiles[index]`` (another tile is there, or it leaves the grid's
    columns), or None when it can."""
    if tile.col + tile.colspan > columns:
        return "past the last column"
    if any(tile.cells() & other.cells() for i, other in enumerate(tiles) if i != index):
        return "another tile is there"
    return None


@dataclass(frozen=True)
class Dashboard:
    id: str
    title: str
    title_zh: str = ""
    columns: int = 4
    tiles: tuple[Tile, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "title_zh": self.title_zh,
            "columns": self.columns,
            "tiles": [asdict(t) for t in self.tiles],
        }

    @classmethod
    def read(cls, data: dict[str, Any]) -> Dashboard:
        return cls(
            str(data["id"]),
            str(data.get("title", data["id"])),
            str(data.get("title_zh", "")),
            int(data.get("columns", 4)),
            tuple(Tile.read(t) for t in data.get("tiles", [])),
        )

    def name(self, language: str) -> str:
        return self.title_zh if language.startswith("zh") and self.title_zh else self.title


def shipped() -> list[Dashboard]:
    """The dashboards configured in configs/metrics/dashboards/, in file-name order."""
    folder = bundled("citybrain.configs", "metrics", "dashboards")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return [Dashboard.read(tomllib.loads(f.read_text(encoding="utf-8"))) for f in files]


class Provenance:
    """Which figures are made up: in a demo database (a ``*`` row of source ``demo``) every figure and every target
    is demo data, except the (KPI, breakdown, group) rows of source ``seed``, the case study's own."""

    def __init__(self, records: list[dict]) -> None:
        self.demo = {r["metric"] for r in records if r["source"] == "demo"}
        self.seed = {(r["metric"], r["dimension"], r["group"]) for r in records if r["source"] == "seed"}

    def made_up(self, metric: str, dimension: str | None = None, group: Any = None) -> bool:
        """Whether a figure (the KPI's overall one without a dimension) or, with ``group`` None, its target is
        demo data."""
        if not ({"*", metric} & self.demo):
            return False
        return group is None or (metric, dimension or "", str(group)) not in self.seed

    def any_made_up(self, metric: str, dimension: str, groups: list[Any]) -> bool:
        return any(self.made_up(metric, dimension, g) for g in groups)


NO_PROVENANCE = Provenance([])


def year_dimension(kpi: dict) -> str | None:
    return next((d for d in kpi.get("dimensions", []) if d in YEARS), None)


def record_id(metric: str, *by: str) -> str:
    return f"{metric}/{'+'.join(by) or ALL}"


def pick_year(kpi: dict, years: list[int], wanted: int | str) -> int | None:
    """The year a tile shows: the one it names if there is data for it, else the latest."""
    if not years:
        return None
    return int(wanted) if str(wanted).isdigit() and int(wanted) in years else max(years)


def rows(record: dict | None, year: int | None = None) -> list[dict]:
    """A breakdown record's groups: ``group``, ``value``, ``count`` (the denominator, else the numerator) and
    ``previous`` (the same group a year before); within ``year`` when its groups are (year, group) pairs."""
    if not record or record.get("error"):
        return []
    n = len(record["groups"])
    counts = record.get("denominators") or record.get("numerators") or [None] * n
    previous = record.get("previous") or [None] * n
    out = [
        {"group": g, "value": v, "count": c, "previous": p}
        for g, v, c, p in zip(record["groups"], record["values"], counts, previous, strict=True)
    ]
    if record["by"] and record["by"][0] in YEARS and len(record["by"]) == 2:
        return [r | {"group": r["group"][1]} for r in out if r["group"][0] == year]
    return out


def series(record: dict | None, year: int | None = None) -> list[tuple[Any, float | None]]:
    """(group, value) of a breakdown record (see :func:`rows`)."""
    return [(r["group"], r["value"]) for r in rows(record, year)]


def months_of(year: int, dimension: str) -> tuple[str, str]:
    """The first and last month (YYYY-MM) of a hotline year (November–October) or a calendar year."""
    return (f"{year - 1}-11", f"{year}-10") if dimension == "hotline_year" else (f"{year}-01", f"{year}-12")


def figure(kpi: dict, value: float | None, digits: int = 2) -> str:
    """A KPI value as people read it: rates in percent, counts with thousands separators, a mean (1.87 visits
    per staff-day) with its decimals rather than rounded to a whole number."""
    if value is None:
        return "—"
    if kpi.get("unit") == "%":
        return f"{value * 100:.{digits}f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.{digits}f}"


def change(kpi: dict, value: float | None, previous: float | None) -> tuple[str, str]:
    """The arrow and the year-on-year change: percentage points for rates, places for a rank, percent for counts."""
    if value is None or previous is None:
        return "", ""
    delta = value - previous
    arrow = "▲" if delta > 0 else "▼" if delta < 0 else "▶"
    if kpi.get("unit") == "%":
        return arrow, f"{delta * 100:+.2f} pp"
    if kpi.get("unit") == "rank":
        return arrow, f"{delta:+.0f}"
    return arrow, f"{delta / previous * 100:+.1f}%" if previous else ""
