"""The demo's grid boundaries, generated (illustrative, not Hongkou's real grids): each committee's grid is the
part of the district's box nearer its committee's point than any other's (a Voronoi cell), so the grids tile the
demo district without gaps or overlaps and every committee's point lies in its own grid."""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]
MARGIN = 0.004  # degrees of box around the outermost committees


def _clip(cell: list[Point], site: Point, other: Point) -> list[Point]:
    """The part of ``cell`` nearer ``site`` than ``other`` (Sutherland–Hodgman against their bisector)."""
    nx, ny = other[0] - site[0], other[1] - site[1]
    limit = (other[0] ** 2 + other[1] ** 2 - site[0] ** 2 - site[1] ** 2) / 2

    def side(p: Point) -> float:
        return p[0] * nx + p[1] * ny - limit  # < 0: nearer site

    out: list[Point] = []
    for a, b in zip(cell, cell[1:] + cell[:1]):
        sa, sb = side(a), side(b)
        if sa <= 0:
            out.append(a)
        if (sa < 0 < sb) or (sb < 0 < sa):
            t = sa / (sa - sb)
            out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    return out


def cells(sites: Sequence[Point]) -> list[list[Point]]:
    """One closed ring per site (lon, lat), in the sites' order; neighbours are tried nearest first and the search
    stops once the next one is more than twice as far as the cell's farthest corner (it cannot cut the cell)."""
    west, east = min(s[0] for s in sites) - MARGIN, max(s[0] for s in sites) + MARGIN
    south, north = min(s[1] for s in sites) - MARGIN, max(s[1] for s in sites) + MARGIN
    out = []
    for site in sites:
        cell = [(west, south), (east, south), (east, north), (west, north)]
        for other in sorted((o for o in sites if o != site), key=lambda o: math.dist(o, site)):
            if math.dist(other, site) > 2 * max(math.dist(p, site) for p in cell):
                break
            cell = _clip(cell, site, other)
        out.append([*cell, cell[0]])
    return out
