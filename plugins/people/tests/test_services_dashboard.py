"""The People services dashboard on a real desk over the people demo with the metrics plugin: the 应享未享 KPIs on
cards, hits ranked by committee and category, and the drill-down to the hits behind a group, masked and cut to the
desk's unit (CITYBRAIN_SHOTS=folder keeps the pictures, both languages)."""

from __future__ import annotations

from contextlib import nullcontext

import pytest

from citybrain.plugins.people.tests.conftest import PLUGINS
from citybrain.plugins.people.tests.test_desk import _chinese, _shoot
from citybrain.plugins.people.tests.test_visits_dashboard import open_board

KPIS = ("people.unmet", "people.unmet_actionable", "people.outreach_enrolled", "people.granted")


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(
        plugins=PLUGINS | {"metrics": "citybrain.plugins.metrics.daemon"}, plugin_config={"metrics": {"refresh": 0.5}}
    )


def test_the_services_board_shows_the_kpis_and_drills_down_to_the_hits(citybrain_daemon, citybrain_desk, qtbot):
    ctx = citybrain_desk.context("metrics")
    qtbot.waitUntil(
        lambda: (
            all(ctx.record("metrics.values", f"{k}/all") is not None for k in KPIS)
            and ctx.record("metrics.values", "people.unmet/unit") is not None
            and ctx.record("metrics.values", "people.unmet/category") is not None
        ),
        timeout=120_000,
    )
    citybrain_desk.feed.drain()
    for chinese in (False, True):
        with _chinese() if chinese else nullcontext():
            view, shown = open_board(qtbot, ctx, "people_services")
            assert set(shown) == set(KPIS) and shown["people.unmet"] not in ("—", "0")
            _shoot(view, f"people-services-dashboard.{'zh_CN' if chinese else 'en'}")

    # the drill-down, as the dashboard's drill view asks it: a committee's hits, masked, most urgent first
    unit = ctx.record("metrics.values", "people.unmet/unit")["groups"][0]
    client = citybrain_daemon.client(login="operator")
    answer = client.query(
        "people.kpi_records", {"metric": "people.unmet", "by": ["unit"], "group": [unit], "limit": 50}
    ).result(60)["result"]
    records = answer["records"]
    assert answer["total"] >= len(records) > 0 and all(r["committee"] == unit for r in records)
    assert all("*" in r["id_masked"] for r in records)
    ranks = [("high", "medium", "low").index(r["urgency"]) for r in records]
    assert ranks == sorted(ranks)
    elsewhere = citybrain_daemon.desk_in(
        next(u for u in ctx.record("metrics.values", "people.unmet/unit")["groups"] if u != unit)
    )
    cut = elsewhere.query(
        "people.kpi_records", {"metric": "people.unmet", "by": ["unit"], "group": [unit], "limit": 50}
    ).result(60)["result"]
    assert cut == {"total": 0, "records": []}  # another committee's desk sees none of them
