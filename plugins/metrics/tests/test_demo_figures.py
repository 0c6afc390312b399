"""The demo reproduces the seed's published figures, computed by the daemon's KPI engine from the generated rows
(no figure is stored anywhere: the tickets are; the patrols' figures are the patrols plugin's, tested there)."""

from __future__ import annotations

import pytest

from citybrain.plugins.metrics.demo import SEED_YEARS, counts
from citybrain.plugins.metrics.tests.conftest import kpi, value_of


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from citybrain.core.testing import start_daemon

    daemon = start_daemon(
        tmp_path_factory.mktemp("demo"),
        plugins={"cases": "citybrain.plugins.cases.daemon", "metrics": "citybrain.plugins.metrics.daemon"},
    )
    yield daemon.client(login="operator")
    daemon.stop()


def test_the_hotline_years_show_the_seed_figures(client):
    volume = kpi(client, "hotline.volume/hotline_year")
    first = kpi(client, "hotline.first_contact/hotline_year")
    satisfaction = kpi(client, "hotline.satisfaction/hotline_year")
    resolution = kpi(client, "hotline.resolution/hotline_year")
    assert value_of(volume, 2023) == 54_094 and value_of(volume, 2024) == 48_705
    assert f"{value_of(first, 2023):.2%}" == "99.93%"
    assert f"{value_of(satisfaction, 2023):.2%}" == "84.81%" and f"{value_of(satisfaction, 2024):.1%}" == "91.2%"
    assert f"{value_of(resolution, 2023):.2%}" == "87.74%" and f"{value_of(resolution, 2024):.2%}" == "94.35%"
    # year-on-year: each year's figure next to the one before
    assert satisfaction["previous"][satisfaction["groups"].index(2024)] == value_of(satisfaction, 2023)
    # missing ratings are left out of the satisfaction rate's denominator
    rated = satisfaction["denominators"][satisfaction["groups"].index(2023)]
    assert rated == counts(SEED_YEARS[0])["rated"] < 54_094


def test_subdistrict_rankings_within_a_year_and_months_add_up(client):
    ranking = kpi(client, "hotline.volume/hotline_year+subdistrict")
    year_2023 = [v for g, v in zip(ranking["groups"], ranking["values"], strict=True) if g[0] == 2023]
    assert len(year_2023) == 8 and sum(year_2023) == 54_094
    months = kpi(client, "hotline.volume/month")
    assert months["groups"][0] == "2022-11" and sum(months["values"]) == sum(y.tickets for y in SEED_YEARS)


def test_a_group_drills_down_to_its_tickets(client):
    result = client.query(
        "metrics.tickets", {"metric": "hotline.volume", "by": ["month"], "group": ["2023-01"], "limit": 5}
    ).result(30)["result"]
    months = kpi(client, "hotline.volume/month")
    assert result["total"] == value_of(months, "2023-01") and len(result["records"]) == 5
    assert all(r["received_at"] >= "2022-12-31T16:00:00" for r in result["records"])


@pytest.mark.parametrize(
    ("query", "by", "group", "limit", "why"),
    [
        ("metrics.tickets", "hotline_year", "abc", None, "not a year"),
        ("metrics.tickets", "month", "2023-13", None, "not YYYY-MM"),
        ("metrics.patrols", "year", "x", None, "not a year"),
        ("metrics.ranking", "subdistrict", "x", None, "cannot be broken down by 'subdistrict'"),
        ("metrics.tickets", "month", "2023-01", -1, "limit is from 1"),
    ],
)
def test_a_drill_down_to_a_group_that_cannot_be_is_refused_saying_why(client, query, by, group, limit, why):
    from citybrain.core.client import RequestError

    with pytest.raises(RequestError, match=why) as refused:
        client.query(query, {"metric": "m", "by": [by], "group": [group], "limit": limit}).result(30)
    assert refused.value.code == "invalid_payload"


def test_a_ticket_opens_a_case_in_the_shared_loop_once(client):
    from citybrain.core.client import RequestError

    unit = next(u["code"] for u in client.replica.records("org.units") if u["kind"] == "compound")
    ticket = "HK2025000007"
    result = client.command(
        "metrics.ticket_case", {"ticket": ticket, "type": "XQ-02", "unit": unit, "priority": "medium"}
    ).result(30)["result"]
    case = client.wait_for(
        lambda s: client.replica.get("cases.open", result["case"]) is not None
    ) and client.replica.get("cases.open", result["case"])
    assert case["source"] == "hotline" and case["source_ref"] == ticket
    with pytest.raises(RequestError, match="already opened case"):
        client.command(
            "metrics.ticket_case", {"ticket": ticket, "type": "XQ-02", "unit": unit, "priority": "medium"}
        ).result(30)


def test_the_cases_plugin_contributes_kpis_that_follow_its_cases(client):
    kpis = {k["id"]: k for k in client.replica.records("metrics.catalogue")}
    assert kpis["cases.overdue_share"]["plugin"] == "cases" and not kpis["cases.overdue_share"]["higher_is_better"]
    stats = client.query(
        "cases.stats", {"start": "2000-01-01T00:00:00+00:00", "end": "2100-01-01T00:00:00+00:00"}
    ).result(30)["result"][0]
    volume = kpi(client, "cases.volume/all", lambda r: r["values"] == [stats["cases"]])
    rate = kpi(client, "cases.resolution_rate/all")
    assert rate["numerators"] == [stats["resolved"]] and rate["denominators"] == [stats["cases"]]
    overdue = kpi(client, "cases.overdue_share/all")
    assert overdue["numerators"] == [stats["overdue"]]
    unit = next(u["code"] for u in client.replica.records("org.units") if u["kind"] == "compound")
    client.command(
        "cases.open", {"source": "manual", "type": "XQ-02", "unit": unit, "priority": "low", "title": "楼道堆物"}
    ).result(30)
    kpi(client, "cases.volume/all", lambda r: r["values"] == [volume["values"][0] + 1])  # recomputed on change
    by_subdistrict = kpi(client, "cases.volume/subdistrict")
    assert sum(by_subdistrict["values"]) == volume["values"][0] + 1
    behind = client.query(
        "cases.kpi_records", {"metric": "cases.volume", "by": ["subdistrict"], "group": [by_subdistrict["groups"][0]]}
    ).result(30)["result"]
    assert behind["total"] == by_subdistrict["values"][0] == len(behind["records"])


@pytest.mark.postgres
def test_the_demo_and_its_figures_on_sqlite_and_postgresql(citybrain_daemon_factory, citybrain_database_url):
    daemon = citybrain_daemon_factory(
        plugins={"metrics": "citybrain.plugins.metrics.daemon"},
        database_url=citybrain_database_url,
        plugin_config={"metrics": {"refresh": 0.2}},
    )
    client = daemon.client(login="operator")
    satisfaction = kpi(client, "hotline.satisfaction/hotline_year")
    assert f"{value_of(satisfaction, 2023):.2%}" == "84.81%" and satisfaction["denominators"][0] == 40_030
    first = kpi(client, "hotline.first_contact/hotline_year")
    assert f"{value_of(first, 2023):.2%}" == "99.93%"


def test_each_kpis_overall_value_is_kept_as_history(client):
    total = kpi(client, "hotline.volume/all")["values"][0]
    history = client.query("metrics.history", {"metric": "hotline.volume"}).result(30)["result"]
    assert history and history[-1]["value"] == total and history[-1]["at"].endswith("+00:00")


def test_governance_satisfaction_reproduces_the_seed_apart_from_the_callers_satisfaction(client):
    """群众满意度 (the city's survey ranking) is its own KPI, not the 12345 callers' 市民满意率."""
    years = kpi(client, "governance.satisfaction/year")
    months = kpi(client, "governance.satisfaction/month")
    rank = kpi(client, "governance.rank/month")
    assert f"{value_of(years, 2022):.2%}" == "69.51%"  # the year's figure: the mean of its months
    assert f"{value_of(months, '2023-07'):.2%}" == "92.73%" and value_of(rank, "2023-07") == 1  # first in Shanghai
    assert value_of(rank, "2022-01") > 1
    districts = kpi(client, "governance.satisfaction/year+district")
    assert sum(1 for g in districts["groups"] if g[0] == 2023) == 16
    callers = kpi(client, "hotline.satisfaction/hotline_year")
    assert value_of(callers, 2023) != value_of(years, 2023)
    july = client.query("metrics.ranking", {"metric": "governance.rank", "by": ["month"], "group": ["2023-07"]}).result(
        30
    )["result"]  # the card drills down to the city's ranking of that month
    assert july["total"] == 16 and (july["records"][0]["district"], july["records"][0]["rank"]) == ("虹口区", 1)


def test_the_demo_says_which_figures_are_the_case_studys_own(client):
    rows = client.replica.records("metrics.provenance")
    assert {(r["metric"], r["source"]) for r in rows if r["metric"] == "*"} == {("*", "demo")}
    seed = {(r["metric"], r["dimension"], r["group"]) for r in rows if r["source"] == "seed"}
    assert ("governance.satisfaction", "month", "2023-07") in seed
    assert ("hotline.volume", "hotline_year", "2023") in seed
    # made up, so not listed: 2024's first-contact rate (not published) and all of 2025
    assert ("hotline.first_contact", "hotline_year", "2024") not in seed
    assert not any(group == "2025" for _, _, group in seed)
