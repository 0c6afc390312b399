"""The seed's 2024 figures are counted from the demo's own patrol records (no figure stored), by the KPI engine and
by the drill-down query alike; the month on the map has path points; who reads the members' phones."""

from __future__ import annotations

from citybrain.plugins.metrics.tests.conftest import kpi, value_of
from citybrain.plugins.patrols.demo import SEED


def test_the_2024_figures_come_from_the_records(citybrain_daemon):
    client = citybrain_daemon.client(login="operator")
    year, patrols, found, handled = SEED
    assert (patrols, found, handled) == (48_946, 2_359, 2_229)  # the seed's
    assert value_of(kpi(client, "patrols.count/year"), year) == patrols
    assert value_of(kpi(client, "patrols.found/year"), year) == found
    assert value_of(kpi(client, "patrols.handled/year"), year) == handled
    rate = kpi(client, "patrols.handling_rate/year")
    assert rate["numerators"][rate["groups"].index(year)] == handled
    by_team = kpi(client, "patrols.count/year+team_type")
    assert sum(v for g, v in zip(by_team["groups"], by_team["values"], strict=True) if g[0] == year) == patrols
    for metric, total in (("patrols.count", patrols), ("patrols.found", found), ("patrols.handled", handled)):
        behind = client.query(
            "patrols.kpi_records", {"metric": metric, "by": ["year"], "group": [str(year)], "limit": 3}
        ).result(30)["result"]
        assert behind["total"] == total and len(behind["records"]) == 3
    handled_rows = client.query(
        "patrols.kpi_records", {"metric": "patrols.handled", "by": ["year"], "group": [str(year)], "limit": 50}
    ).result(30)["result"]
    assert all(r["state"] == "handled" for r in handled_rows["records"])


def test_the_month_on_the_map_has_paths_and_its_open_problems_are_cases(citybrain_daemon):
    client = citybrain_daemon.client(login="wall")  # the wall's session may read the map
    month = client.query("patrols.map", {}).result(30)["result"]
    assert len(month["patrols"]) > 1_000 and all(len(p["path"]) >= 2 for p in month["patrols"])
    assert all(len(point) == 3 for p in month["patrols"] for point in p["path"])
    opened = [p for p in month["problems"] if p["state"] == "open"]
    assert opened and all(p["case"] for p in opened)
    assert any(p["state"] == "active" for p in month["patrols"])  # some are out now


def test_members_phones_are_read_by_operators_not_by_the_wall(citybrain_daemon):
    wall = citybrain_daemon.client(login="wall")
    wall.wait_for(lambda _: len(wall.replica.records("patrols.teams")) == 3)
    assert all("members" not in t or not t["members"] for t in wall.replica.records("patrols.teams"))
    assert not wall.replica.records("patrols.members")
    anonymous = citybrain_daemon.client()
    anonymous.wait_for(lambda _: len(anonymous.replica.records("patrols.teams")) == 3)
    assert all(not t.get("members") for t in anonymous.replica.records("patrols.teams"))
    operator = citybrain_daemon.client(login="operator")
    operator.wait_for(
        lambda _: (
            len(operator.replica.records("patrols.teams")) == 3
            and all(t.get("members") for t in operator.replica.records("patrols.teams"))
        )
    )
    leader = operator.replica.get("patrols.teams", "HK-XC")["members"][0]
    assert leader["name"] and leader["phone"].isdigit() and len(leader["phone"]) == 11
