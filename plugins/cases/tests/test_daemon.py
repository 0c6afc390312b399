"""The cases plugin on a real daemon: commands, queries, roles, the org importer and the demo district."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading

import pytest

from citybrain.core.cases import OPEN
from citybrain.core.client import RequestError
from citybrain.core.testing import PASSWORDS
from citybrain.plugins.cases.daemon import CONTACTS, TYPES, UNITS

PLUGINS = {"cases": "citybrain.plugins.cases.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


def _compound(client) -> dict:
    return next(u for u in client.replica.records(UNITS) if u["kind"] == "compound")


def test_the_demo_is_hongkou_with_its_official_subdistrict_codes(daemon):
    client = daemon.client(login="wall")  # open cases are placed by their owner: a session's (the wall's: all)
    units = client.replica.records(UNITS)
    kinds = {k: sum(u["kind"] == k for u in units) for k in {u["kind"] for u in units}}
    assert kinds["district"] == 1 and kinds["subdistrict"] == 8 and kinds["compound"] == 40
    assert 190 <= kinds["committee"] <= 210 and kinds["property_company"] >= 10 and kinds["department"] >= 10
    codes = {u["code"] for u in units if u["kind"] == "subdistrict"}
    assert codes == {
        "310109009000",
        "310109010000",
        "310109011000",
        "310109014000",
        "310109016000",
        "310109017000",
        "310109018000",
        "310109019000",
    }
    assert len(client.replica.records(TYPES)) >= 20
    assert client.replica.records(OPEN)  # the demo month left some cases open


def test_an_operator_opens_and_works_a_case_and_every_desk_sees_it(daemon):
    operator, watcher = daemon.client(login="operator"), daemon.client(login="wall")
    compound = _compound(operator)
    case = operator.command(
        "cases.open",
        {
            "source": "hotline",
            "type": "XQ-02",
            "unit": compound["code"],
            "priority": "high",
            "title": "楼道堆物",
            "source_ref": "12345-0001",
        },
    ).result(10)["result"]
    assert case["owner"] == compound["property_company"]
    watcher.wait_for(lambda s: (watcher.replica.get(OPEN, case["id"]) or {}).get("state") == "dispatched")
    operator.command("cases.act", {"case": case["id"], "action": "accept"}).result(10)
    with pytest.raises(RequestError) as refused:
        operator.command("cases.act", {"case": case["id"], "action": "close"}).result(10)
    assert refused.value.code == "refused" and "close needs it verified" in refused.value.message
    steps = operator.query("cases.history", {"case": case["id"]}).result(10)["result"]
    assert [s["action"] for s in steps] == ["open", "dispatch", "accept"] and steps[-1]["operator"] == "operator"


def test_the_dispatcher_chooses_the_unit_and_the_daemon_checks_it(daemon):
    operator = daemon.client(login="operator")
    compound = _compound(operator)
    department = next(u["code"] for u in operator.replica.records(UNITS) if u["kind"] == "department")
    case = operator.command(
        "cases.open",
        {
            "source": "patrol",
            "type": "XQ-02",
            "unit": compound["code"],
            "priority": "medium",
            "title": "楼道堆物",
            "dispatch": False,
        },
    ).result(10)["result"]
    for unit, reason in (("no-such-unit", "unknown_unit"), (compound["code"], "not_an_owner")):  # a compound works none
        with pytest.raises(RequestError) as refused:
            operator.command("cases.act", {"case": case["id"], "action": "dispatch", "unit": unit}).result(10)
        assert refused.value.code == "invalid_payload" and refused.value.details == {"reason": reason, "unit": unit}
    done = operator.command("cases.act", {"case": case["id"], "action": "dispatch", "unit": department}).result(10)
    assert done["result"]["owner"] == department and done["result"]["state"] == "dispatched"


def test_what_a_compound_cannot_solve_it_escalates_up_its_chain_with_a_reason(daemon):
    operator = daemon.client(login="operator")
    compound = _compound(operator)
    case = operator.command(
        "cases.open",
        {"source": "sensor", "type": "XQ-02", "unit": compound["code"], "priority": "high", "title": "楼道堆物"},
    ).result(10)["result"]
    chain = case["chain"]
    assert case["owner"] == chain[0] == compound["property_company"]
    with pytest.raises(RequestError) as refused:  # a reason is needed
        operator.command("cases.act", {"case": case["id"], "action": "escalate"}).result(10)
    assert refused.value.code == "invalid_payload"
    operator.command("cases.act", {"case": case["id"], "action": "accept"}).result(10)
    for level, owner in enumerate(chain[1:], 1):
        moved = operator.command(
            "cases.act", {"case": case["id"], "action": "escalate", "reason": f"物业无法处置 {level}"}
        ).result(10)["result"]
        assert (moved["owner"], moved["state"], moved["escalations"]) == (owner, "dispatched", level)
        assert moved["accepted_at"] is None  # the next owner accepts it again (hours to accept were negative)
    operator.wait_for(lambda s: (operator.replica.get(OPEN, case["id"]) or {}).get("owner") == chain[-1])
    with pytest.raises(RequestError) as refused:  # the top of the chain has nobody higher
        operator.command("cases.act", {"case": case["id"], "action": "escalate", "reason": "再上报"}).result(10)
    assert refused.value.details["reason"] == "top_of_chain"
    steps = operator.query("cases.history", {"case": case["id"]}).result(10)["result"]
    assert [s["action"] for s in steps].count("escalate") == len(chain) - 1
    assert steps[-1]["detail"] == f"to {chain[-1]}: 物业无法处置 {len(chain) - 1}"


def test_bulk_actions_are_for_the_duty_leader_and_all_or_nothing(daemon):
    leader = daemon.client(login="duty")
    compound = _compound(leader)
    ids = [
        leader.command(
            "cases.open",
            {
                "source": "patrol",
                "type": "JM-02",
                "unit": compound["code"],
                "priority": "low",
                "title": f"非机动车乱停放 {i}",
            },
        ).result(10)["result"]["id"]
        for i in range(3)
    ]
    leader.command("cases.act", {"case": ids[0], "action": "accept"}).result(10)
    with pytest.raises(RequestError) as refused:  # the first can no longer be rejected: nothing changes
        leader.command("cases.bulk", {"cases": ids, "action": "reject", "reason": "重复"}).result(10)
    assert refused.value.details == [
        {"case": ids[0], "message": f"case {ids[0]} is accepted: reject needs it dispatched"}
    ]
    assert leader.replica.get(OPEN, ids[1])["state"] == "dispatched"
    done = leader.command("cases.bulk", {"cases": ids[1:], "action": "cancel", "reason": "误报"}).result(10)["result"]
    assert done == {"cases": ids[1:]}
    leader.wait_for(lambda s: leader.replica.get(OPEN, ids[1]) is None)  # closed and cancelled cases leave the live set
    with pytest.raises(RequestError) as forbidden:
        daemon.client(login="operator").command("cases.bulk", {"cases": ids, "action": "cancel", "reason": "x"}).result(
            10
        )
    assert forbidden.value.code == "forbidden"


def test_statistics_are_a_query(daemon):
    client = daemon.client(login="operator")
    rows = client.query(
        "cases.stats", {"start": "2020-01-01T00:00:00+08:00", "end": "2100-01-01T00:00:00+08:00", "by": "level_kind"}
    ).result(30)["result"]
    total = sum(r["cases"] for r in rows)
    assert total >= 300 and {r["group"] for r in rows} >= {"property_company"}
    with pytest.raises(RequestError, match="time zone"):
        client.query("cases.stats", {"start": "2026-11-01", "end": "2026-12-01"}).result(10)


def _import(daemon, path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CITYBRAIN_PASSWORD": PASSWORDS["admin"]}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "citybrain.core.cli",
            "import",
            "org_units",
            str(path),
            "--connect",
            daemon.endpoint,
            "--user",
            "admin",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_an_org_sheet_with_a_duplicate_an_unknown_parent_and_a_cycle_is_refused_whole(daemon, tmp_path):
    bad = tmp_path / "units.csv"
    bad.write_text(
        "code,name,kind,parent\n"
        "N1,新居委,committee,310109009000\n"
        "N1,又一个,committee,310109009000\n"
        "N2,孤儿居委,committee,310109999000\n"
        "N3,甲,subdistrict,N4\n"
        "N4,乙,committee,N3\n",
        encoding="utf-8",
    )
    proc = _import(daemon, bad)
    assert proc.returncode != 0
    for expected in ("row 3", "duplicate code N1", "row 4", "unknown parent 310109999000", "cycle: N3 → N4 → N3"):
        assert expected in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    client = daemon.client(login="operator")  # the units' contacts and people on duty: operators and above
    assert client.replica.get(UNITS, "N1") is None  # nothing imported

    good = tmp_path / "good.csv"
    good.write_text(
        "code,name,kind,parent,on_duty\nN1,新居委,committee,310109009000,王伟:13800000001\n", encoding="utf-8"
    )
    assert _import(daemon, good).returncode == 0
    client.wait_for(lambda s: client.replica.get(UNITS, "N1") is not None and client.replica.get(CONTACTS, "N1"))
    assert client.replica.get(CONTACTS, "N1")["on_duty"] == [{"name": "王伟", "phone": "13800000001"}]
    assert client.replica.get(UNITS, "N1")["on_duty"] == client.replica.get(CONTACTS, "N1")["on_duty"]  # merged
    anyone = daemon.client()  # no session (the wall): the names, never the phones
    anyone.wait_for(lambda s: anyone.replica.get(UNITS, "N1") is not None)
    assert "on_duty" not in anyone.replica.get(UNITS, "N1") and anyone.replica.get(CONTACTS, "N1") is None


def test_boundaries_configured_for_the_map_are_replicated_in_wgs84(
    citybrain_daemon_factory, citybrain_shared_data, monkeypatch
):
    monkeypatch.setenv("CITYBRAIN_MAP", str(citybrain_shared_data / "geo" / "shanghai_districts_wgs84_merged.geojson"))
    client = citybrain_daemon_factory(plugins=PLUGINS, demo=False).client()
    client.wait_for(lambda s: len(client.replica.records("cases.boundaries")) == 16, timeout=30)
    hongkou = client.replica.get("cases.boundaries", "shanghai_districts_wgs84_merged:310109")
    assert hongkou["name"] == "虹口区" and 121.4 < hongkou["rings"][0][0][0] < 121.6


class _Heard(logging.Handler):
    def __init__(self, text: str) -> None:
        super().__init__(logging.WARNING)
        self.text, self.heard = text, threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.text in record.getMessage():
            self.heard.set()


def test_an_unreadable_boundary_file_is_logged_and_the_rest_runs(citybrain_daemon_factory, tmp_path, monkeypatch):
    (tmp_path / "broken.geojson").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("CITYBRAIN_MAP", str(tmp_path / "broken.geojson"))
    heard = _Heard("broken.geojson: not GeoJSON")
    logging.getLogger("citybrain.plugins.cases").addHandler(heard)
    try:
        daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False)
        assert heard.heard.wait(30)
    finally:
        logging.getLogger("citybrain.plugins.cases").removeHandler(heard)
    assert daemon.client().replica.records("cases.boundaries") == []
    assert daemon.daemon.host.states["cases"].state == "loaded"
