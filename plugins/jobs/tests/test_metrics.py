"""The jobs KPIs through the metrics plugin, as the dashboards get them: a push through to a hire moves pushes,
hires and conversion for the seeker's subdistrict, and the drill-down lists the pushes behind a group."""

from __future__ import annotations

import pytest

from citybrain.plugins.jobs import HIRE, PUSH, PUSHES
from citybrain.plugins.jobs.tests.conftest import PLUGINS, new_district, stock
from citybrain.plugins.metrics.tests.conftest import kpi, value_of

OUYANG = "310109009000"


@pytest.fixture
def district(citybrain_daemon_factory, tmp_path):
    def factory(plugin_config: dict[str, dict], **kwargs: object):  # noqa: ANN202 - a RunningDaemon
        """The metrics plugin beside, KPIs rechecked every 0.2 s."""
        kwargs["plugins"] = {**PLUGINS, "metrics": "citybrain.plugins.metrics.daemon"}
        return citybrain_daemon_factory(plugin_config=plugin_config | {"metrics": {"refresh": 0.2}}, **kwargs)

    return new_district(factory, {"outbox": str(tmp_path / "outbox")})


def test_a_hire_moves_the_dashboards_figures(district, leader):
    ids, _ = stock(district, leader)
    assert leader.command(PUSH, {"subdistrict": OUYANG}).result(30)["result"]["pushes"] == 2
    kpi(leader, "jobs.pushes/subdistrict", lambda r: OUYANG in r["groups"] and value_of(r, OUYANG) == 2)
    push = leader.query(PUSHES, {"seeker": ids["王秀英"]}).result(30)["result"][0]
    leader.command(HIRE, {"seeker": ids["王秀英"], "push": push["id"]}).result(30)
    hires = kpi(leader, "jobs.hires/subdistrict", lambda r: OUYANG in r["groups"] and value_of(r, OUYANG) == 1)
    assert hires["groups"] == [OUYANG]
    conversion = kpi(leader, "jobs.conversion/all", lambda r: r["values"] == [0.5])
    assert conversion["numerators"] == [1] and conversion["denominators"] == [2]
    drilled = leader.query(
        "jobs.kpi_records", {"metric": "jobs.hires", "by": ["subdistrict"], "group": [OUYANG]}
    ).result(30)["result"]
    assert drilled["total"] == 1 and drilled["records"][0]["id"] == push["id"]


@pytest.fixture
def citybrain_daemon(district):
    return district


def test_the_employment_dashboard_shows_them(citybrain_daemon, citybrain_desk, qtbot):
    from citybrain.plugins.jobs.tests.test_desk import _shoot
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    admin = citybrain_daemon.client(login="admin")
    ids, _ = stock(citybrain_daemon, admin)
    admin.command(PUSH, {"subdistrict": OUYANG}).result(30)
    push = admin.query(PUSHES, {"seeker": ids["王秀英"]}).result(30)["result"][0]
    admin.command(HIRE, {"seeker": ids["王秀英"], "push": push["id"]}).result(30)
    ctx = citybrain_desk.context("metrics")
    qtbot.waitUntil(lambda: (ctx.record("metrics.values", "jobs.hires/all") or {}).get("values") == [1], timeout=60_000)
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.choice.setCurrentIndex(view.choice.findData("employment"))
    view.resize(1600, 900)
    view.show()
    assert view.board is not None
    cards = {w.tile.metric: w.card.value.text() for w in view.board.tiles if w.tile.kind == "card"}
    assert cards == {"jobs.pushes": "2", "jobs.interviews": "0", "jobs.hires": "1", "jobs.conversion": "50.00%"}
    _shoot(view, "jobs-dashboard-en")
