"""Grids (网格): the smallest units of the four-level linkage, each under a committee, with its boundary.

Imported from GeoJSON (one Polygon or MultiPolygon feature per grid: ``code``, ``name``, ``committee``), in WGS84
unless the file's ``crs`` member names GCJ-02 (converted at the door, as :mod:`citybrain.core.geo` does for the
map).  Every feature is checked first; one bad polygon refuses the file.  A case opened with a location inside a
grid under the unit it names is placed in that grid (:meth:`GridIndex.refine`), so the grid's staff own it first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlalchemy import Float, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import ImportRefused, ImportReport, RowError
from citybrain.core.district import COMMITTEE, GRID, OrgUnit, Tree, save_units
from citybrain.core.geo import CRS, GeoError, read_geojson
from citybrain.core.storage.engine import Base

KIND = "grids"
MAX_POINTS = 2_000  # positions in one grid's rings: a grid is a few blocks, not a coastline
PROPERTIES = {"code": ("code", "网格编码"), "name": ("name", "网格名称"), "committee": ("committee", "所属居委")}
Ring = Sequence[Sequence[float]]


class GridBoundary(Base):
    __tablename__ = "cb_grid_boundaries"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)  # the grid's org unit
    rings: Mapped[str] = mapped_column(Text)  # JSON [[[lon, lat], ...], ...] WGS84, outer rings and holes
    west: Mapped[float] = mapped_column(Float, index=True)
    south: Mapped[float] = mapped_column(Float)
    east: Mapped[float] = mapped_column(Float)
    north: Mapped[float] = mapped_column(Float)


# -- geometry -------------------------------------------------------------------------------
def contains(rings: Sequence[Ring], lon: float, lat: float) -> bool:
    """Whether the point is inside (even-odd over every ring, so holes are holes)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in pairwise(ring):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2


def _cross(a: Sequence[float], b: Sequence[float], c: Sequence[float]) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _crosses(p: Sequence[float], q: Sequence[float], r: Sequence[float], s: Sequence[float]) -> bool:
    """Segments pq and rs properly intersect (touching at an end is not crossing)."""
    d1, d2, d3, d4 = _cross(r, s, p), _cross(r, s, q), _cross(p, q, r), _cross(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def ring_problem(ring: Ring) -> str | None:
    """What makes a ring no boundary, or None: too few positions, not closed, no area, crossing itself."""
    if len(ring) < 4:
        return f"a ring needs at least 4 positions (3 corners and the first again), not {len(ring)}"
    if tuple(ring[0]) != tuple(ring[-1]):
        return "a ring must end where it starts"
    segments = list(pairwise(ring))
    for i, (p, q) in enumerate(segments):
        west, east = min(p[0], q[0]), max(p[0], q[0])
        for r, s in segments[i + 2 :]:
            if max(r[0], s[0]) >= west and min(r[0], s[0]) <= east and _crosses(p, q, r, s):
                return f"the ring crosses itself near ({p[0]:.6f}, {p[1]:.6f})"
    if len({tuple(p) for p in ring}) < 3 or abs(_area(ring)) < 1e-12:
        return "a ring encloses no area"
    return None


# -- placing cases -------------------------------------------------------------------------
@dataclass(frozen=True)
class GridIndex:
    """Every grid's box and rings, read once (the case loop keeps one per database until a grid import)."""

    grids: list[tuple[str, tuple[float, float, float, float], list]]

    @classmethod
    def load(cls, session: Session) -> GridIndex:
        return cls(
            [
                (g.code, (g.west, g.south, g.east, g.north), json.loads(g.rings))
                for g in session.scalars(select(GridBoundary))
            ]
        )

    def locate(self, lon: float, lat: float) -> str | None:
        """The grid whose boundary holds the point, if any; of overlapping grids (an import does not check that
        grids tile), the smallest."""
        holding = [
            (box, code)
            for code, box, rings in self.grids
            if box[0] <= lon <= box[2] and box[1] <= lat <= box[3] and contains(rings, lon, lat)
        ]
        return min(holding, key=lambda h: (h[0][2] - h[0][0]) * (h[0][3] - h[0][1]))[1] if holding else None

    def refine(self, tree: Tree, unit: str, lon: float, lat: float) -> str:
        """``unit`` narrowed to the grid holding the point when that grid lies under it; else ``unit`` unchanged (a
        point never moves a case out of the unit its reporter named, nor a compound's case off its property
        company)."""
        grid = self.locate(lon, lat)
        return grid if grid is not None and unit in tree.ancestors(grid) else unit


def records(session: Session, tree: Tree) -> list[dict]:
    """The ``cases.grids`` collection: each grid with its committee and rings."""
    return [
        {
            "code": g.code,
            "name": tree.units.get(g.code, {}).get("name", g.code),
            "committee": tree.units.get(g.code, {}).get("parent"),
            "rings": json.loads(g.rings),
        }
        for g in session.scalars(select(GridBoundary))
    ]


# -- importing -----------------------------------------------------------------------------
def _property(props: Mapping, field: str) -> str:
    return next((str(props[k]).strip() for k in PROPERTIES[field] if props.get(k) not in (None, "")), "")


MAX_BYTES = 32 * 2**20  # a district's grids with detailed boundaries are a few MB


def read(filename: str, data: bytes) -> Any:
    """The file's JSON, decoded on the importer's worker thread (``ImporterSpec.parse``): the writer only checks the
    features against the org tree."""
    try:
        return json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        report = ImportReport(KIND)
        report.errors.append(RowError(0, None, f"not GeoJSON: {exc}"))
        raise ImportRefused(report) from None


def parse(data: bytes | Any, units: Mapping[str, dict]) -> tuple[list[dict], ImportReport]:
    """Each feature (row n = the n-th feature) checked against the file (its bytes, or its JSON from ``read``) and
    the org tree; nothing is written."""
    report = ImportReport(KIND)
    if isinstance(data, bytes | bytearray):
        try:
            doc = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            report.errors.append(RowError(0, None, f"not GeoJSON: {exc}"))
            return [], report
    else:
        doc = data
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        report.errors.append(RowError(0, None, "a grid file is a GeoJSON FeatureCollection, one feature per grid"))
        return [], report
    named = str(((doc.get("crs") or {}).get("properties") or {}).get("name", ""))
    crs = CRS.GCJ02 if "GCJ" in named.upper() else CRS.WGS84
    report.rows = len(doc["features"])
    grids: list[dict] = []
    first: dict[str, int] = {}
    for row, feature in enumerate(doc["features"], start=1):
        props = (feature.get("properties") or {}) if isinstance(feature, dict) else {}
        code, name, committee = (_property(props, f) for f in ("code", "name", "committee"))
        errors = len(report.errors)
        if not code:
            report.errors.append(RowError(row, "code", "the feature has no code"))
        elif code in first:
            report.errors.append(RowError(row, "code", f"duplicate code {code} (first in feature {first[code]})"))
        else:
            first[code] = row
        if code in units and units[code]["kind"] != GRID:
            report.errors.append(RowError(row, "code", f"{code} is a {units[code]['kind']}, not a grid"))
        if units.get(committee, {}).get("kind") != COMMITTEE:
            report.errors.append(RowError(row, "committee", f"unknown committee {committee!r}"))
        rings = _rings(feature, crs, row, report)
        if len(report.errors) == errors:
            grids.append(
                {
                    "code": code,
                    "name": name or units.get(code, {}).get("name") or code,
                    "committee": committee,
                    "rings": rings,
                }
            )
    report.imported = 0 if report.errors else len(grids)
    return grids, report


def _rings(feature: object, crs: CRS, row: int, report: ImportReport) -> list[list[list[float]]]:
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        report.errors.append(RowError(row, "geometry", f"a grid is a Polygon or MultiPolygon, not {kind or 'nothing'}"))
        return []
    try:
        found = read_geojson(json.dumps({"type": "Feature", "properties": {}, "geometry": geometry}), crs)[0]
    except (GeoError, TypeError, ValueError, IndexError) as exc:
        report.errors.append(RowError(row, "geometry", f"unreadable coordinates: {exc}"))
        return []
    rings = [[[lon, lat] for lon, lat in ring] for ring in found.rings]
    if not rings or sum(len(r) for r in rings) > MAX_POINTS:
        report.errors.append(RowError(row, "geometry", f"a grid's rings hold 4 to {MAX_POINTS:,} positions"))
        return []
    for n, ring in enumerate(rings, start=1):
        problem = ring_problem(ring)
        if problem:
            report.errors.append(RowError(row, "geometry", f"ring {n}: {problem}"))
            return []
    return rings


def save(session: Session, tree: Tree, grids: list[dict]) -> list[dict]:
    """Grid units (created, or renamed and moved keeping their people) and their boundaries; the units' records."""
    codes = [g["code"] for g in grids]
    known = {b.code: b for b in session.scalars(select(GridBoundary).where(GridBoundary.code.in_(codes)))}
    _held = list(session.scalars(select(OrgUnit).where(OrgUnit.code.in_(codes))))  # alive: save_units finds them
    units = []
    for grid in grids:
        xs = [p[0] for ring in grid["rings"] for p in ring]
        ys = [p[1] for ring in grid["rings"] for p in ring]
        outer = grid["rings"][0][:-1]
        blank: dict[str, Any] = {"contacts": [], "on_duty": [], "address": "", "property_company": None}
        unit = {
            **tree.units.get(grid["code"], blank),
            "code": grid["code"],
            "name": grid["name"],
            "kind": GRID,
            "parent": grid["committee"],
            "lon": sum(p[0] for p in outer) / len(outer),
            "lat": sum(p[1] for p in outer) / len(outer),
        }
        units.append(unit)
        row = known.get(grid["code"]) or GridBoundary(code=grid["code"])
        row.rings = json.dumps(grid["rings"])
        row.west, row.south, row.east, row.north = min(xs), min(ys), max(xs), max(ys)
        session.add(row)
    with session.no_autoflush:  # one flush at the end, not one per unit
        return save_units(session, units)
