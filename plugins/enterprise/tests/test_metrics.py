"""The enterprise KPIs on the dashboards: contributed through ``citybrain_metrics``, computed by the metrics plugin
from the demo's visits and demands, the same figures as the ``enterprise.kpis`` query, with the demands behind a
group one drill-down away."""

from __future__ import annotations

import pytest

from citybrain.plugins.metrics.tests.conftest import kpi


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(
        plugins={
            "cases": "citybrain.plugins.cases.daemon",
            "enterprise": "citybrain.plugins.enterprise.daemon",
            "metrics": "citybrain.plugins.metrics.daemon",
        },
        plugin_config={"metrics": {"refresh": 0.2}},
    )


def test_the_dashboards_show_the_same_figures_as_the_kpi_query(citybrain_daemon):
    client = citybrain_daemon.client(login="operator")

    (totals,) = client.query("enterprise.kpis", {}).result(30)["result"]
    resolution = kpi(client, "enterprise.resolution_rate/all")
    assert resolution["values"][0] == pytest.approx(totals["resolution_rate"]) and 0 < totals["resolution_rate"] < 1
    assert resolution["numerators"] == [totals["resolved"]] and resolution["denominators"] == [totals["demands"]]
    satisfaction = kpi(client, "enterprise.satisfaction/all")
    assert satisfaction["numerators"] == [totals["satisfied_feedbacks"]]
    assert satisfaction["denominators"] == [totals["feedbacks"]]
    assert kpi(client, "enterprise.visits/all")["values"] == [totals["visits"]]
    by_department = kpi(client, "enterprise.demands/department")
    rows = {r["group"]: r for r in client.query("enterprise.kpis", {"by": "department"}).result(30)["result"]}
    assert dict(zip(by_department["groups"], by_department["values"], strict=True)) == {
        g: r["demands"] for g, r in rows.items()
    }
    group = by_department["groups"][0]
    behind = client.query(
        "enterprise.kpi_records", {"metric": "enterprise.demands", "by": ["department"], "group": [group], "limit": 5}
    ).result(30)["result"]
    assert behind["total"] == rows[group]["demands"] and len(behind["records"]) == min(5, behind["total"])
    assert {r["department"] for r in behind["records"]} == {group}
    by_visiting_team = kpi(client, "enterprise.visits/department")
    visits, team = max(zip(by_visiting_team["values"], by_visiting_team["groups"], strict=True))  # the most
    visited = client.query(
        "enterprise.kpi_records", {"metric": "enterprise.visits", "by": ["department"], "group": [team], "limit": 5}
    ).result(30)["result"]
    assert visited["total"] == visits > 0 and len(visited["records"]) == min(5, visited["total"])
    assert {r["department"] for r in visited["records"]} == {team} and all(r["name"] for r in visited["records"])
    catalogue = {k["id"]: k for k in client.replica.records("metrics.catalogue")}
    assert catalogue["enterprise.days_to_resolve"]["plugin"] == "enterprise"
    assert not catalogue["enterprise.days_to_resolve"]["higher_is_better"]
    assert catalogue["enterprise.demands"]["labels"]["category"]["financing"] == "融资贷款"


def test_a_dashboard_names_enterprise_categories_and_departments(citybrain_desk, qtbot):
    from citybrain.plugins.metrics.dashboard_view import Labels

    ctx = citybrain_desk.context("metrics")
    qtbot.waitUntil(lambda: ctx.record("metrics.catalogue", "enterprise.demands") is not None, timeout=60_000)
    label = Labels(ctx)
    assert label("category", "financing") == "融资贷款"
    department = next(u for u in ctx.records("org.units") if u["kind"] == "department")
    assert label("department", department["code"]) == department["name"] and label("category", "x") == "x"


def test_the_enterprise_dashboard_cards_show_the_latest_months_change(citybrain_desk, qtbot):
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    ctx = citybrain_desk.context("metrics")
    qtbot.waitUntil(lambda: ctx.record("metrics.values", "enterprise.demands/month") is not None, timeout=60_000)
    citybrain_desk.feed.drain()
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.choice.setCurrentIndex(view.choice.findData("enterprise"))
    card = next(w for w in view.board.tiles if w.tile.kind == "card" and w.tile.metric == "enterprise.demands")
    months = ctx.record("metrics.values", "enterprise.demands/month")
    last, before = months["values"][-1], months["values"][-2]
    arrow = "▲" if last > before else "▼" if last < before else "▶"
    assert card.card.detail.text().startswith(f"{arrow} {(last - before) / before * 100:+.1f}%")
    assert months["groups"][-1] in card.card.detail.text()
