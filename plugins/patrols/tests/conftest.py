"""A daemon with the org tree and its grids (cases), the patrols and the KPI engine (metrics), seeded with their
demos; helpers to reach a grid's inside and to wait for a record."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citybrain.core.client import FeedClient

PLUGINS = {name: f"citybrain.plugins.{name}.daemon" for name in ("cases", "patrols", "metrics")}


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS, plugin_config={"metrics": {"refresh": 0.2}})


def inside(grid: dict) -> tuple[float, float]:
    """(lat, lon) of a point inside a grid: its outer ring's vertex average (the demo's grids are convex cells)."""
    ring = grid["rings"][0][:-1]
    return sum(p[1] for p in ring) / len(ring), sum(p[0] for p in ring) / len(ring)


def record_when(
    client: FeedClient, collection: str, key: object, ready: Callable[[dict], bool], timeout: float = 30
) -> dict:
    """The record once ``ready(record)`` holds (waiting on the feed, not on time)."""
    client.wait_for(lambda _: (r := client.replica.get(collection, key)) is not None and ready(r), timeout=timeout)
    record = client.replica.get(collection, key)
    assert record is not None
    return record
