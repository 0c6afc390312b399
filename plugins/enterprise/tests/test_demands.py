"""Visits and demands: a demand raised at a planned visit goes round the shared case loop (assigned → in progress
→ answered → not satisfied, reopened → answered → closed) with its case following; illegal steps are refused;
a case resolved on the case desk answers the demand; a demand past its due date escalates; the KPIs count it all;
without the cases plugin the loop still works."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from citybrain.core import timers
from citybrain.core.client import RequestError
from citybrain.core.district import save_units
from citybrain.plugins.enterprise import demands
from citybrain.plugins.enterprise.tests.conftest import VALID, csv_bytes, send_import


@pytest.fixture
def company(leader) -> int:
    send_import(
        leader,
        "enterprise.enterprises",
        "e.csv",
        csv_bytes(
            "credit_code,name,industry,subdistrict,size", f"{VALID[0]},上海华信制造有限公司,34,310109009000,small"
        ),
    )
    leader.wait_for(lambda s: leader.replica.records("enterprise.enterprises"))
    return leader.replica.records("enterprise.enterprises")[0]["id"]


def _do(client, name: str, payload: dict) -> dict:
    return client.command(name, payload).result(10)["result"]


def _step(client, demand: int, action: str, **kw) -> dict:
    return _do(client, "enterprise.demand.act", {"demand": demand, "action": action, **kw})


def _case_state(client, case_id: int) -> str:
    return client.query("cases.history", {"case": case_id}).result(10)["result"][-1]["to"]


def test_a_demand_goes_round_the_loop_with_a_reopen_and_its_case_follows(leader, company):
    plan = _do(
        leader, "enterprise.plan", {"enterprise": company, "planned_for": "2026-12-01", "visitors": "王敏、李强"}
    )
    leader.wait_for(lambda s: leader.replica.get("enterprise.plans", plan["id"]) is not None)
    visit = _do(
        leader,
        "enterprise.visit",
        {
            "enterprise": company,
            "visited_on": "2026-12-01",
            "plan": plan["id"],
            "visitors": "王敏、李强",
            "department": "310109-SWB",
            "findings": "订单下滑，需流动资金",
        },
    )
    leader.wait_for(lambda s: leader.replica.get("enterprise.plans", plan["id"]) is None)  # done
    demand = _do(
        leader,
        "enterprise.demand.raise",
        {"enterprise": company, "category": "financing", "title": "流动资金贷款500万", "visit": visit["id"]},
    )
    assert demand["state"] == "received" and demand["visit"] == visit["id"]
    assigned = _step(leader, demand["id"], "assign")
    assert assigned["department"] == "310109-JRB" and assigned["case"]  # the category's department; a case opened
    case = assigned["case"]
    assert _case_state(leader, case) == "dispatched"
    assert _step(leader, demand["id"], "start")["state"] == "in_progress" and _case_state(leader, case) == "in_progress"
    _step(leader, demand["id"], "answer", answer="已对接区融资担保平台")
    assert _case_state(leader, case) == "resolved"
    reopened = _step(leader, demand["id"], "feedback", satisfied=False, rating=2, reason="额度不够")
    assert reopened["state"] == "reopened" and reopened["reopened"] == 1
    assert _case_state(leader, case) == "in_progress"
    _step(leader, demand["id"], "answer", answer="追加银行授信300万")
    closed = _step(leader, demand["id"], "feedback", satisfied=True, rating=5)
    assert closed["state"] == "closed" and _case_state(leader, case) == "closed"
    assert [h["step"] for h in closed["history"]] == [
        "received",
        "assigned",
        "in_progress",
        "answered",
        "reopened",
        "answered",
        "closed",
    ]
    leader.wait_for(lambda s: leader.replica.get("enterprise.demands", demand["id"]) is None)  # closed: gone
    card = leader.query("enterprise.card", {"enterprise": company}).result(10)["result"]
    assert card["demands"][0]["state"] == "closed" and card["visits"][0]["findings"] == "订单下滑，需流动资金"
    (financing,) = leader.query("enterprise.kpis", {"by": "category"}).result(10)["result"]
    assert financing["group"] == "financing" and financing["demands"] == financing["resolved"] == 1
    assert financing["resolution_rate"] == 1.0 and financing["satisfaction"] == 1.0 and financing["average_rating"] == 5
    assert financing["visits"] == 0  # visits have no category
    (place,) = leader.query("enterprise.kpis", {"by": "subdistrict"}).result(10)["result"]
    assert (place["group"], place["visits"], place["enterprises_covered"]) == ("310109009000", 1, 1)
    assert leader.query("enterprise.kpis", {"by": "month", "start": "2030-01"}).result(10)["result"] == []


def test_illegal_steps_are_refused_saying_why(leader, company):
    demand = _do(
        leader, "enterprise.demand.raise", {"enterprise": company, "category": "policy", "title": "研发加计扣除"}
    )
    with pytest.raises(RequestError, match="feedback needs it answered"):
        _step(leader, demand["id"], "feedback", satisfied=True)
    with pytest.raises(RequestError, match="not a department"):
        _step(leader, demand["id"], "assign", department="310109009000")
    with pytest.raises(RequestError, match="category is one of"):
        _do(leader, "enterprise.demand.raise", {"enterprise": company, "category": "lottery", "title": "x"})
    _step(leader, demand["id"], "assign")
    with pytest.raises(RequestError, match="says what was done"):
        _step(leader, demand["id"], "answer", answer=" ")
    _step(leader, demand["id"], "answer", answer="已电话解答")
    with pytest.raises(RequestError, match="says why"):
        _step(leader, demand["id"], "feedback", satisfied=False)
    with pytest.raises(RequestError, match="no open warning"):
        _do(
            leader,
            "enterprise.plan",
            {"enterprise": company, "planned_for": "2026-12-01", "visitors": "王敏", "warning": 999},
        )


def test_a_case_resolved_on_the_case_desk_answers_the_demand(leader, company):
    demand = _do(
        leader, "enterprise.demand.raise", {"enterprise": company, "category": "talent", "title": "引进高级工程师"}
    )
    case = _step(leader, demand["id"], "assign")["case"]
    for action in ("accept", "resolve"):
        _do(leader, "cases.act", {"case": case, "action": action})
    leader.wait_for(
        lambda s: (leader.replica.get("enterprise.demands", demand["id"]) or {}).get("state") == "answered", timeout=30
    )
    assert f"case {case}" in leader.replica.get("enterprise.demands", demand["id"])["answer"]


def test_a_demand_past_its_due_date_is_overdue_and_escalates(leader, company, district):
    demand = _do(leader, "enterprise.demand.raise", {"enterprise": company, "category": "policy", "title": "政策咨询"})
    assert date.fromisoformat(demand["due_at"][:10]) >= date.fromisoformat(demand["raised_at"][:10]) + timedelta(days=5)
    writer = district.daemon.commits.writer

    def fire(tx) -> None:  # what the timer service does when the due date passes
        (timer,) = [
            t
            for t in tx.session.scalars(select(timers.Timer).where(timers.Timer.state == timers.PENDING))
            if t.kind == demands.DUE and t.key == str(demand["id"])
        ]
        demands.on_due(tx, timers.info(timer))

    writer.run_sync(fire, plugin="enterprise")  # the timer fires as its plugin
    card = leader.query("enterprise.card", {"enterprise": company}).result(10)["result"]
    (late,) = card["demands"]
    assert late["overdue"] and late["escalated_to"] == "department head" and late["history"][-1]["step"] == "overdue"
    writer.run_sync(fire, plugin="enterprise")  # the next level after as many working days again
    (later,) = leader.query("enterprise.card", {"enterprise": company}).result(10)["result"]["demands"]
    assert later["escalated_to"] == "district leader"
    items = writer.run_sync(lambda tx: tx.open_items(demands.utcnow()))[0]
    assert any(i.kind == "demand" and "district leader" in i.detail for i in items)


def test_without_the_cases_plugin_the_loop_still_closes(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(
        plugins={"enterprise": "citybrain.plugins.enterprise.daemon"}, demo=False
    ).add_demo_operators()
    daemon.daemon.commits.writer.run_sync(
        lambda tx: save_units(
            tx.session,
            [
                {"code": "D", "name": "区", "kind": "district", "parent": None},
                {"code": "310109009000", "name": "欧阳路街道", "kind": "subdistrict", "parent": "D"},
                {"code": "310109-SWB", "name": "区商务委员会", "kind": "department", "parent": "D"},
            ],
        )
    )
    client = daemon.client(login="duty")
    send_import(
        client,
        "enterprise.enterprises",
        "e.csv",
        csv_bytes(
            "credit_code,name,industry,subdistrict,size", f"{VALID[1]},上海鑫达商贸有限公司,51,310109009000,micro"
        ),
    )
    client.wait_for(lambda s: client.replica.records("enterprise.enterprises"))
    company = client.replica.records("enterprise.enterprises")[0]["id"]
    demand = _do(
        client, "enterprise.demand.raise", {"enterprise": company, "category": "permits", "title": "食品经营许可"}
    )
    assert _step(client, demand["id"], "assign", department="310109-SWB")["case"] is None
    _step(client, demand["id"], "answer", answer="已办结")
    assert _step(client, demand["id"], "feedback", satisfied=True)["state"] == "closed"
    client.stop()
