"""The demo's grid boundaries, generated (illustrative, not Hongkou's real grids): each committee's grid is the
part of the demo district nearer its committee's point than any other's (a Voronoi cell), so the grids tile the
demo district without gaps or overlaps and every committee's point lies in its own grid.  The demo district is the
committees' convex hull widened by ``MARGIN``: a box drew grids far into the neighbouring districts on the map."""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]
MARGIN = 0.004  # degrees around the outermost committees (about 400 m)


def _clip(cell: list[Point], site: Point, other: Point) -> list[Point]:
    """The part of ``cell`` nearer ``site`` than ``other`` (Sutherland–Hodgman against their bisector)."""
    nx, ny = other[0] - site[0], other[1] - site[1]
    limit = (other[0] ** 2 + other[1] ** 2 - site[0] ** 2 - site[1] ** 2) / 2

    def side(p: Point) -> float:
        return p[0] * nx + p[1] * ny - limit  # < 0: nearer site

    out: list[Point] = []
    for a, b in zip(cell, cell[1:] + cell[:1], strict=True):
        sa, sb = side(a), side(b)
        if sa <= 0:
            out.append(a)
        if (sa < 0 < sb) or (sb < 0 < sa):
            t = sa / (sa - sb)
            out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    return out


def _hull(points: Sequence[Point]) -> list[Point]:
    """The convex hull, counter-clockwise (Andrew's monotone chain)."""
    ordered = sorted(set(points))

    def half(seq: Sequence[Point]) -> list[Point]:
        chain: list[Point] = []
        for p in seq:
            while (
                len(chain) >= 2
                and (
                    (chain[-1][0] - chain[-2][0]) * (p[1] - chain[-2][1])
                    - (chain[-1][1] - chain[-2][1]) * (p[0] - chain[-2][0])
                )
                <= 0
            ):
                chain.pop()
            chain.append(p)
        return chain[:-1]

    return half(ordered) + half(ordered[::-1])


def district(sites: Sequence[Point]) -> list[Point]:
    """The demo district: the hull of the sites, each widened to an octagon of radius ``MARGIN``."""
    return _hull(
        [
            (x + MARGIN * math.cos(k * math.pi / 4), y + MARGIN * math.sin(k * math.pi / 4))
            for x, y in sites
            for k in range(8)
        ]
    )


def cells(sites: Sequence[Point]) -> list[list[Point]]:
    """One closed ring per site (lon, lat), in the sites' order; neighbours are tried nearest first and the search
    stops once the next one is more than twice as far as the cell's farthest corner (it cannot cut the cell)."""
    area = district(sites)
    out = []
    for site in sites:
        cell = list(area)
        for other in sorted((o for o in sites if o != site), key=lambda o: math.dist(o, site)):
            if math.dist(other, site) > 2 * max(math.dist(p, site) for p in cell):
                break
            cell = _clip(cell, site, other)
        out.append([*cell, cell[0]])
    return out
