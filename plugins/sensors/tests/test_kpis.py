"""Key figures per scenario and compound, against a hand count on a small district; each unit's own (placed in it,
counting the compounds its desk sees); and published live by the daemon for the demo's 15,000 devices, a
subdistrict's and a property company's desk getting their own unit's figures."""

from __future__ import annotations

from PySide6.QtCore import Qt

from citybrain.core.district import Tree
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
    smoke, a, b, district = kpis["scenario:SMOKE@"], kpis["compound:A"], kpis["compound:B"], kpis["total@"]
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
    gas = kpis["scenario:GAS@"]  # the property company's and a shelved one: nothing for the district
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
    assert kpis["scenario:SMOKE@"]["in_alarm"] == 0 and kpis["total@"]["raised_24h"] == 0
    assert kpis["scenario:SMOKE@"]["waiting"] == kpis["total@"]["waiting"] == ""
    assert figures([], [], []) == [
        {
            "id": "total@",
            "by": "total",
            "key": "",
            "name": "",
            "unit": None,
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


TREE = Tree(
    {
        "D": {"kind": "district", "parent": None},
        "S1": {"kind": "subdistrict", "parent": "D"},
        "S2": {"kind": "subdistrict", "parent": "D"},
        "C1": {"kind": "committee", "parent": "S1"},
        "C2": {"kind": "committee", "parent": "S2"},
        "P": {"kind": "property_company", "parent": "D"},
        "A": {"kind": "compound", "parent": "C1", "property_company": "P"},
        "B": {"kind": "compound", "parent": "C2", "property_company": "P"},
        "E": {"kind": "compound", "parent": "C2"},
    }
)


def test_each_unit_gets_its_own_figures_counting_the_compounds_its_desk_sees():
    devices = [device("SMOKE", "A"), device("SMOKE", "B", "offline"), device("GAS", "B"), device("GAS", "E")]
    alarms = [{"scenario": "SMOKE", "compound": "A", "state": "unack", "priority": "high", "district": True}]
    kpis = {r["id"]: r for r in figures(devices, alarms, [("GAS", "E")], TREE)}
    totals = {r["unit"]: r for r in kpis.values() if r["by"] == "total"}
    assert {u: (r["devices"], r["offline"], r["unacked"], r["raised_24h"]) for u, r in totals.items()} == {
        "D": (4, 1, 1, 1),  # the district: everything
        "S1": (1, 0, 1, 0),  # A
        "C1": (1, 0, 1, 0),
        "S2": (3, 1, 0, 1),  # B and E
        "C2": (3, 1, 0, 1),
        "P": (3, 1, 1, 0),  # the compounds the company manages, under two subdistricts: A and B
    }
    assert totals["P"]["waiting"] == totals["D"]["waiting"] == "high" and totals["S2"]["waiting"] == ""
    gas = {r["unit"]: r["devices"] for r in kpis.values() if r["by"] == "scenario" and r["key"] == "GAS"}
    assert gas == {"D": 2, "S2": 2, "C2": 2, "P": 1}
    assert {r["id"]: r["unit"] for r in kpis.values() if r["by"] == "compound"} == {
        "compound:A": "A",
        "compound:B": "B",
        "compound:E": "E",
    }  # one each, placed in the compound: its committee, subdistrict and company get it
    assert kpis["compound:B"]["devices"] == 2


def test_desks_in_their_units_get_their_own_figures_on_a_real_daemon(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(
        plugins={"cases": "citybrain.plugins.cases.daemon", "sensors": "citybrain.plugins.sensors.daemon"},
        plugin_config={"sensors": {"simulate": False}},
    )
    district = daemon.client(login="operator")
    district.wait_for(lambda s: district.replica.records("org.units") and district.replica.records("sensors.kpis"))
    tree = Tree({u["code"]: u for u in district.replica.records("org.units")})
    root = tree.root()
    district.wait_for(lambda s: (district.replica.get("sensors.kpis", f"total@{root}") or {}).get("devices"))
    total = district.replica.get("sensors.kpis", f"total@{root}")
    assert total["devices"] == len(district.replica.records("sensors.devices")) == 15_000
    compounds = {r["key"]: r for r in district.replica.records("sensors.kpis") if r["by"] == "compound"}
    kinds = {code: u["kind"] for code, u in tree.units.items()}
    for kind in ("subdistrict", "committee", "property_company"):
        unit = next(c for c in sorted(kinds) if kinds[c] == kind and any(c in tree.holders(k) for k in compounds))
        desk = daemon.desk_in(unit)
        mine = {k for k in compounds if unit in tree.holders(k)}
        desk.wait_for(lambda s, desk=desk, unit=unit: desk.replica.get("sensors.kpis", f"total@{unit}") is not None)
        held = desk.replica.records("sensors.kpis")
        assert {r["key"] for r in held if r["by"] == "compound"} == mine, kind  # no other unit's compounds
        assert desk.replica.get("sensors.kpis", f"total@{root}") is None  # nor the district's figures
        assert all(
            r["unit"] in tree.under().get(unit, []) or r["unit"] == unit or unit in tree.holders(r["unit"])
            for r in held
        )
        own = desk.replica.get("sensors.kpis", f"total@{unit}")
        assert (
            own["devices"]
            == sum(compounds[k]["devices"] for k in mine)
            == district.replica.get("sensors.kpis", f"total@{unit}")["devices"]
        )
        assert own["devices"] < total["devices"]


def test_the_daemon_publishes_them_for_the_demo_district(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(
        plugins={"sensors": "citybrain.plugins.sensors.daemon"}, plugin_config={"sensors": {"simulate": False}}
    )
    client = daemon.client(login="operator")  # placed in units: a desk with a session
    client.wait_for(lambda s: client.replica.get("sensors.kpis", "total@"), timeout=60)  # no org tree: unit nil
    district = client.replica.get("sensors.kpis", "total@")
    scenarios = [r for r in client.replica.records("sensors.kpis") if r["by"] == "scenario"]
    compounds = [r for r in client.replica.records("sensors.kpis") if r["by"] == "compound"]
    assert district["devices"] == len(client.replica.records("sensors.devices")) == 15_000
    assert len(scenarios) == 18 and len(compounds) == 40
    assert sum(r["devices"] for r in scenarios) == sum(r["devices"] for r in compounds) == 15_000


def test_the_view_shows_the_desk_s_unit_and_one_row_per_scenario_and_compound(citybrain_daemon, citybrain_desk, qtbot):
    from citybrain.plugins.sensors.kpis_view import KpisView

    ctx = citybrain_desk.context("sensors")
    qtbot.waitUntil(lambda: ctx.record("sensors.kpis", f"total@{ctx.unit or ''}") is not None, timeout=60_000)
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

    # the admin places this desk's operator in a subdistrict: the view shows that unit's figures, no new login
    tree = Tree({u["code"]: u for u in ctx.records("org.units")})
    compounds = {r["key"]: r["devices"] for r in ctx.records("sensors.kpis") if r["by"] == "compound"}
    subdistrict = next(
        c
        for c in sorted(tree.units)
        if tree.units[c]["kind"] == "subdistrict" and any(c in tree.holders(k) for k in compounds)
    )
    theirs = sum(n for k, n in compounds.items() if subdistrict in tree.holders(k))
    admin = citybrain_daemon.client(login="admin")
    admin.command("operators.unit", {"username": "duty", "unit": subdistrict}).result(10)
    qtbot.waitUntil(lambda: view.cards["devices"].value.text() == f"{theirs:,}", timeout=30_000)
    assert view.tables["compound"].model.rowCount() == sum(1 for k in compounds if subdistrict in tree.holders(k))
    assert {
        view.tables["scenario"].model.record_at(r)["unit"] for r in range(view.tables["scenario"].model.rowCount())
    } == {subdistrict}


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


def test_the_figures_are_computed_off_the_daemon_s_event_loop(citybrain_daemon_factory, monkeypatch):
    """The schedule hands pandas to a reader thread: on the loop it held every desk's heartbeat for seconds."""
    import asyncio

    from citybrain.plugins.sensors import kpis

    on_a_loop: list[bool] = []  # one entry per computation: was it running on an event loop's thread?
    compute = kpis.figures

    def spied(*args, **kwargs):
        try:
            asyncio.get_running_loop()
            on_a_loop.append(True)
        except RuntimeError:
            on_a_loop.append(False)
        return compute(*args, **kwargs)

    monkeypatch.setattr(kpis, "figures", spied)
    daemon = citybrain_daemon_factory(
        plugins={"sensors": "citybrain.plugins.sensors.daemon"}, plugin_config={"sensors": {"simulate": False}}
    )
    client = daemon.client(login="operator")
    client.wait_for(lambda s: client.replica.get("sensors.kpis", "total@"), timeout=60)
    assert on_a_loop and not any(on_a_loop)
