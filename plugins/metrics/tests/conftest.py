"""Shared helpers: a metrics daemon without the demo (imports), and waiting for a KPI record on the feed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citybrain.core.client import FeedClient

PLUGINS = {"metrics": "citybrain.plugins.metrics.daemon"}


@pytest.fixture
def leader(citybrain_daemon_factory):
    """The duty leader on a metrics-only daemon with no demo data; KPIs rechecked every 0.2 s."""
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False, plugin_config={"metrics": {"refresh": 0.2}})
    return daemon.add_demo_operators().client(login="duty")


def import_file(client: FeedClient, kind: str, filename: str, data: bytes) -> dict:
    return client.command("import", {"kind": kind, "filename": filename, "data": data}).result(30)["result"]


def kpi(
    client: FeedClient,
    record_id: str,
    ready: Callable[[dict], bool] = lambda r: True,
    timeout: float = 60,
    collection: str = "metrics.values",
) -> dict:
    """The ``metrics.values`` record ``record_id`` (of ``collection``: ``metrics.unit_values``, ``…@unit``) once
    ``ready(record)`` holds."""

    def found(_status: object) -> bool:
        record = client.replica.get(collection, record_id)
        return record is not None and ready(record)

    client.wait_for(found, timeout=timeout)
    record = client.replica.get(collection, record_id)
    assert record is not None
    return record


def value_of(record: dict, group: object) -> float | None:
    return record["values"][record["groups"].index(group)]
