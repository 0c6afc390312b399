"""Responses: activation makes exactly the level's tasks (and the lower levels'), fills roles from the duty roster
and raises resource requests in the registry; raising adds only the new levels' actions; a drill reserves
nothing; standing down writes the after-action summary.  Without duty and assets the plan still runs."""

from __future__ import annotations

import pytest

from citybrain.core.client import RequestError

ALL = {
    "plans": "citybrain.plugins.plans.daemon",
    "duty": "citybrain.plugins.duty.daemon",
    "assets": "citybrain.plugins.assets.daemon",
}
FLOOD = "hk-flood-typhoon"


def _tasks(client, response: int) -> list[dict]:
    return [t for t in client.replica.records("plans.tasks") if t["response"] == response]


def test_activation_and_raising_make_exactly_the_right_tasks_and_requests(citybrain_daemon_factory):
    client = citybrain_daemon_factory(plugins=ALL).client(login="duty")
    client.wait_for(lambda s: client.replica.records("duty.now"))
    response = client.command(
        "plans.activate", {"plan": FLOOD, "level": "IV", "source_ref": "duty.incidents/1"}
    ).result(10)["result"]
    client.wait_for(lambda s: len(_tasks(client, response["id"])) == 3)
    assert {t["level"] for t in _tasks(client, response["id"])} == {"IV"}
    commander = next(r for r in response["roles"] if r["role"].startswith("总指挥"))
    assert commander["people"] and commander["people"][0]["phone"]  # the YJJ leader on duty now, from the roster
    (bags,) = response["resources"]
    request = client.replica.get("assets.requests", bags["request"])
    assert (request["item"], request["quantity"], request["source_ref"]) == (
        "防汛沙袋",
        2000,
        f"plans.responses/{response['id']}",
    )
    with pytest.raises(RequestError, match="raise it to a higher one"):
        client.command("plans.raise", {"response": response["id"], "level": "IV"}).result(10)
    raised = client.command("plans.raise", {"response": response["id"], "level": "II"}).result(10)["result"]
    client.wait_for(lambda s: len(_tasks(client, response["id"])) == 3 + 2 + 2)
    assert sorted(t["level"] for t in _tasks(client, response["id"])) == ["II", "II", "III", "III", "IV", "IV", "IV"]
    assert [(r["item"], r["level"]) for r in raised["resources"]] == [
        ("防汛沙袋", "IV"),
        ("移动式抽水泵 200m³/h", "III"),
        ("救生衣", "III"),
        ("救灾帐篷 12m²", "II"),
    ]
    assert all(r["request"] for r in raised["resources"])

    first = min(_tasks(client, response["id"]), key=lambda t: t["id"])
    client.command("plans.task.done", {"task": first["id"], "note": "已通知"}).result(10)
    closed = client.command("plans.standdown", {"response": response["id"], "note": "雨停，积水退去"}).result(10)[
        "result"
    ]
    summary = closed["summary"]
    assert closed["state"] == "closed" and [d["action"] for d in summary["done"]] == [first["action"]]
    assert len(summary["not_done"]) == 6 and summary["late"] == 6 and len(summary["resources"]) == 4
    assert [e["what"][:4] for e in closed["timeline"]] == ["虹口区防", "响应级别", "完成 d", "响应终止"]
    client.wait_for(lambda s: not _tasks(client, response["id"]))


def test_a_drill_is_marked_and_reserves_no_real_stock(citybrain_daemon_factory):
    client = citybrain_daemon_factory(plugins=ALL).client(login="duty")
    before = len(client.replica.records("assets.requests"))
    drill = client.command("plans.activate", {"plan": FLOOD, "level": "III", "drill": True}).result(10)["result"]
    assert drill["drill"] and drill["timeline"][0]["what"].startswith("演练 DRILL")
    assert {r["why"] for r in drill["resources"]} == {"drill: no real stock is reserved"}
    client.wait_for(lambda s: len(_tasks(client, drill["id"])) == 5)
    assert all(t["drill"] for t in _tasks(client, drill["id"]))
    assert len(client.replica.records("assets.requests")) == before


def test_a_plan_runs_without_the_roster_or_the_registry(citybrain_daemon_factory):
    client = citybrain_daemon_factory(plugins={"plans": ALL["plans"]}).client(login="duty")
    response = client.command("plans.activate", {"plan": FLOOD, "level": "IV"}).result(10)["result"]
    assert all(r["people"] == [] for r in response["roles"])
    assert response["resources"][0]["why"] == "no resource registry installed"


def test_a_task_past_its_deadline_turns_overdue(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins={"plans": ALL["plans"]})
    client = daemon.client(login="duty")
    plan = (
        b'[plan]\ncode = "now"\nname = "Immediate"\ntype = "department"\ncategory = "accident"\n'
        b'[[levels]]\nlevel = "IV"\n[[levels.actions]]\naction = "At once"\nunit = "ZZB"\noffset_minutes = 0\n'
    )
    client.command("import", {"kind": "plans.plan", "filename": "now.toml", "data": plan}).result(10)
    response = client.command("plans.activate", {"plan": "now", "level": "IV"}).result(10)["result"]
    client.wait_for(lambda s: [t["state"] for t in _tasks(client, response["id"])] == ["overdue"])


def test_an_epidemic_incident_gets_the_public_health_plan_and_activates_it(citybrain_daemon_factory):
    client = citybrain_daemon_factory(plugins=ALL).client(login="duty")
    client.wait_for(lambda s: client.replica.records("duty.now"))
    incident = client.command(
        "duty.incident.open",
        {
            "category": "health",
            "type": "聚集性传染病疫情",
            "level": "IV",
            "subdistrict": "310109017000",
            "description": "某小区发现3例聚集性病例",
        },
    ).result(10)["result"]
    found = client.query(
        "plans.suggest", {"category": incident["category"], "type": incident["type"], "level": incident["level"]}
    ).result(10)["result"]
    assert [(p["plan"], p["level"]) for p in found] == [("hk-epidemic", "IV")]
    response = client.command(
        "plans.activate",
        {"plan": "hk-epidemic", "level": "IV", "drill": False, "source_ref": f"duty.incidents/{incident['id']}"},
    ).result(10)["result"]
    assert [(r["item"], bool(r["request"])) for r in response["resources"]] == [
        ("医用外科口罩", True),
        ("消毒液", True),
    ]
    client.wait_for(lambda s: len(_tasks(client, response["id"])) == 3)
