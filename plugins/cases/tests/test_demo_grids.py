"""The demo's generated grids tile the demo district: no gaps, no overlaps, nothing outside it."""

from __future__ import annotations

import random

import pytest

from citybrain.plugins.cases import demo_grids


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def _inside(p: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Inside or on a convex ring, either orientation."""
    signs = {
        (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) > 1e-12
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
        if abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) > 1e-12
    }
    return len(signs) <= 1


def test_cells_tile_the_hull_of_the_sites_and_hold_their_own_site() -> None:
    rng = random.Random(7)
    # an L-shaped scatter: a bounding box would reach far past its inner corner
    sites = [(121.48 + rng.uniform(0, 0.01), 31.25 + rng.uniform(0, 0.05)) for _ in range(30)]
    sites += [(121.49 + rng.uniform(0, 0.04), 31.25 + rng.uniform(0, 0.01)) for _ in range(20)]
    area = demo_grids.district(sites)
    rings = demo_grids.cells(sites)
    assert len(rings) == len(sites)
    for site, ring in zip(sites, rings, strict=True):
        assert ring[0] == ring[-1]
        assert _inside(site, ring[:-1])
        assert all(_inside(corner, area) for corner in ring[:-1])
    assert sum(_area(r[:-1]) for r in rings) == pytest.approx(_area(area), rel=1e-6)
    west, east = min(s[0] for s in sites), max(s[0] for s in sites)
    south, north = min(s[1] for s in sites), max(s[1] for s in sites)
    box = (east - west + 2 * demo_grids.MARGIN) * (north - south + 2 * demo_grids.MARGIN)
    assert _area(area) < 0.7 * box  # the L's empty corner is not gridded
