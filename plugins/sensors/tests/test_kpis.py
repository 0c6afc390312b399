"""Key figures per scenario and compound, against a hand count on a small district; and published live by the
daemon for the demo's 15,000 devices."""

from __future__ import annotations

from PySide6.QtCore import Qt

from citybrain.plugins.sensors.kpis import figures
from citybrain.widgets.palette import Marker


def device(scenario: str, compound: str, status: str = "online", battery: int | None = None) -> dict:
    return {
        "scenario": scenario,
        "compound": compound,
        "compound_name": f"{compound} 小区",
        "status": status,
        "battery": battery,
    }


def test_figures_match_a_hand_count():
    devices = [
        device("SMOKE", "A"),
        device("SMOKE", "A", "alarm", 15),
        device("SMOKE", "B", "offline"),
        device("GAS", "B", "fault", 80),
        device("GAS", "B", battery=19),
    ]
    alarms = [
        {"scenario": "SMOKE", "compound": "A", "state": "unack", "priority": "urgent", "district": True},
        {"scenario": "SMOKE", "compound": "A", "state": "ack", "priority": "urgent", "district": True},
        {"scenario": "SMOKE", "compound": "A", "state": "unack", "priority": "low", "district": False},
        {"scenario": "GAS", "compound": "B", "state": "rtn_unack", "priority": "high", "district": False},
        {"scenario": "GAS", "compound": "B", "state": "shelved", "priority": "urgent", "district": True},
    ]
    raised = [("SMOKE", "A"), ("SMOKE", "A"), ("GAS", "B")]
    kpis = {r["id"]: r for r in figures(devices, alarms, raised)}
    smoke, a, b, district = kpis["scenario:SMOKE"], kpis["compound:A"], kpis["compound:B"], kpis["district"]
    assert (smoke["devices"], smoke["online"], smoke["offline"], smoke["low_battery"]) == (3, 2, 1, 1)
    assert (
        smoke["in_alarm"],
        smoke["unacked"],
        smoke["property"],
        smoke["raised_24h"],
        smoke["online_pct"],
        smoke["offline_pct"],
    ) == (2, 1, 1, 2, 66.7, 33.3)
    assert smoke["waiting"] == "urgent"  # the district's waiting alarm, not the property company's low one
    gas = kpis["scenario:GAS"]  # the property company's and a shelved one: nothing for the district
    assert (gas["fault"], gas["in_alarm"], gas["unacked"], gas["property"], gas["waiting"], gas["raised_24h"]) == (
        1,
        0,
        0,
        1,
        "",
        1,
    )
    assert a["name"] == "A 小区" and (a["devices"], a["online_pct"], a["in_alarm"], a["property"]) == (2, 100.0, 2, 1)
    assert (b["devices"], b["online"], b["offline"], b["fault"], b["low_battery"], b["waiting"]) == (3, 1, 1, 1, 1, "")
    assert (
        district["devices"],
        district["online"],
        district["in_alarm"],
        district["unacked"],
        district["property"],
        district["raised_24h"],
        district["low_battery"],
        district["waiting"],
    ) == (5, 3, 2, 1, 2, 3, 2, "urgent")


def test_no_alarms_and_no_devices_give_zeros_not_errors():
    kpis = {r["id"]: r for r in figures([device("SMOKE", "A")], [], [])}
    assert kpis["scenario:SMOKE"]["in_alarm"] == 0 and kpis["district"]["raised_24h"] == 0
    assert kpis["scenario:SMOKE"]["waiting"] == kpis["district"]["waiting"] == ""
    assert figures([], [], []) == [
        {
            "id": "district",
            "by": "district",
            "key": "",
            "name": "",
            "devices": 0,
            "online": 0,
            "offline": 0,
            "fault": 0,
            "low_battery": 0,
            "in_alarm": 0,
            "unacked": 0,
            "property": 0,
            "raised_24h": 0,
            "online_pct": None,
            "offline_pct": None,
            "waiting": "",
        }
    ]


def test_the_daemon_publishes_them_for_the_demo_district(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(
        plugins={"sensors": "citybrain.plugins.sensors.daemon"}, plugin_config={"sensors": {"simulate": False}}
    )
    client = daemon.client()
    client.wait_for(lambda s: client.replica.get("sensors.kpis", "district"), timeout=60)
    district = client.replica.get("sensors.kpis", "district")
    scenarios = [r for r in client.replica.records("sensors.kpis") if r["by"] == "scenario"]
    compounds = [r for r in client.replica.records("sensors.kpis") if r["by"] == "compound"]
    assert district["devices"] == len(client.replica.records("sensors.devices")) == 15_000
    assert len(scenarios) == 18 and len(compounds) == 40
    assert sum(r["devices"] for r in scenarios) == sum(r["devices"] for r in compounds) == 15_000


def test_the_view_shows_the_district_and_one_row_per_scenario_and_compound(citybrain_desk, qtbot):
    from citybrain.plugins.sensors.kpis_view import KpisView

    ctx = citybrain_desk.context("sensors")
    qtbot.waitUntil(lambda: ctx.record("sensors.kpis", "district") is not None, timeout=60_000)
    citybrain_desk.feed.drain()
    view = KpisView(ctx)
    qtbot.addWidget(view)
    assert view.cards["devices"].value.text() == "15,000"
    assert view.tables["scenario"].model.rowCount() == 18 and view.tables["compound"].model.rowCount() == 40
    for table in view.tables.values():  # a still district: every row grey, no marker (ISA-101)
        model = table.model
        assert not [
            model.record_at(r)["name"]
            for r in range(model.rowCount())
            if model.data(model.index(r, 0), Qt.ItemDataRole.DecorationRole) is not None
        ]
    view.restore_settings(view.save_settings())


def test_a_row_is_marked_only_for_what_needs_the_district_saying_what(qapp):
    from citybrain.plugins.sensors.kpis_view import marker

    quiet = {"unacked": 0, "waiting": "", "offline_pct": 2.5, "property": 40}  # the property companies' work
    assert marker(quiet) is None
    assert marker({**quiet, "unacked": 3, "waiting": "high"}) == Marker("high", "waiting", "3 unacknowledged")
    assert marker({**quiet, "offline_pct": 100.0}) == Marker("stale", "steady", "100% offline")  # a power cut
    assert marker({**quiet, "unacked": 1, "waiting": "urgent", "offline_pct": 40.0}).level == "urgent"


def test_the_dashboards_count_alarms_and_the_property_companys_share(
    citybrain_daemon_factory, citybrain_mosquitto, publisher
):
    from citybrain.plugins.metrics.tests.conftest import kpi
    from citybrain.plugins.sensors.tests.test_alarms import event

    daemon = citybrain_daemon_factory(
        plugins={
            "cases": "citybrain.plugins.cases.daemon",
            "sensors": "citybrain.plugins.sensors.daemon",
            "metrics": "citybrain.plugins.metrics.daemon",
        },
        plugin_config={
            "sensors": {"broker": citybrain_mosquitto.broker, "simulate": False},
            "metrics": {"refresh": 0.2},
        },
    )
    client = daemon.client(login="operator")

    shares = client.query("sensors.resolution", {"days": 3650}).result(30)["result"]
    share = kpi(client, "sensors.property_share/all")
    assert share["denominators"] == [shares["resolved"]] > [0]
    assert round(share["values"][0], 4) == shares["resolved_at_level"]["property_company"]
    raised = kpi(client, "sensors.alarms_raised/all")["values"][0]
    client.wait_for(lambda s: (client.replica.get("sensors.link", "ingest") or {}).get("connected"))
    smoke = next(d for d in client.replica.records("sensors.devices") if d["type"] == "SMK")
    event(publisher, smoke, "smoke")  # urgent: raised at once
    kpi(client, "sensors.alarms_raised/all", lambda r: r["values"] == [raised + 1])
    by_scenario = kpi(client, "sensors.alarms_raised/scenario", lambda r: "SMOKE" in r["groups"])
    smoke_alarms = by_scenario["values"][by_scenario["groups"].index("SMOKE")]
    behind = client.query(
        "sensors.kpi_records", {"metric": "sensors.alarms_raised", "by": ["scenario"], "group": ["SMOKE"], "limit": 3}
    ).result(30)["result"]
    assert behind["total"] == smoke_alarms and behind["records"][0]["device"] == smoke["id"]  # newest first
