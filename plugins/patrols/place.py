"""Which unit's area holds a point: the grid whose boundary holds it; else the nearest neighbourhood committee within
reach, and its grid.

Grids carry boundaries (imported GeoJSON, ``core/cases/grids.py``; the demo's are cells around its committees):
a point inside one is that grid's.  Where no grid is drawn, the org tree gives committees as points: the point
belongs to the committee nearest to it (a Voronoi cell of the committees' points) when that committee is within
``REACH_M``, and to that committee's grid nearest to it, if it has any.  Beyond every grid and every committee's
reach it lies outside the district's areas, and is refused."""

from __future__ import annotations

import math

from sqlalchemy.orm import Session

from citybrain.core.district import COMMITTEE, GRID, Tree

REACH_M = 1_000.0  # a committee's area: a few hundred metres across in the demo's Hongkou
_M_PER_DEGREE = 111_320.0


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the equirectangular approximation (good to a few metres at a district's scale)."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(x, lat2 - lat1) * _M_PER_DEGREE


def _nearest(units: list[dict], lat: float, lon: float) -> tuple[float, dict | None]:
    best: tuple[float, dict | None] = (math.inf, None)
    for unit in units:
        distance = metres(lat, lon, unit["lat"], unit["lon"])
        if distance < best[0]:
            best = (distance, unit)
    return best


def place(session: Session, tree: Tree, lat: float, lon: float, *, boundaries: bool = True) -> str | None:
    """The most specific unit whose area holds (lat, lon): a grid, else a committee; None outside every area.
    ``boundaries``: whether the grids' boundaries are there to look in (the cases plugin keeps them)."""
    if boundaries:
        from citybrain.core.cases.grids import GridIndex  # the shared case loop's table

        grid = GridIndex.load(session).locate(lon, lat)
        if grid is not None and grid in tree.units:
            return grid
    located = [u for u in tree.units.values() if u.get("lat") is not None and u.get("lon") is not None]
    distance, committee = _nearest([u for u in located if u["kind"] == COMMITTEE], lat, lon)
    if committee is None or distance > REACH_M:
        return None
    grids = [u for u in located if u["kind"] == GRID and u["parent"] == committee["code"]]
    return (_nearest(grids, lat, lon)[1] or committee)["code"]
