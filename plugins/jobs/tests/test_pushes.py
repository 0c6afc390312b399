"""A push through to a hire on a real daemon: the seeker's matches with the subsidy a hire brings, one click for a
subdistrict, the notifier's outbox, the answer, the interview, the hire (search closed, opening filled), each step's
refusals, and the KPIs by subdistrict and month moving with them."""

from __future__ import annotations

import json
import time

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.jobs import (
    CANDIDATES,
    HIRE,
    INTERVIEW,
    MATCHES,
    PUSH,
    PUSHES,
    RESPOND,
    SEARCHES,
    VACANCIES,
    kpis,
)
from citybrain.plugins.jobs.tests.conftest import stock

OUYANG = "310109009000"


@pytest.fixture
def market(district, leader):
    return stock(district, leader)


def _figures(district, by: tuple[str, ...] = ("subdistrict",)) -> dict[str, dict]:
    with district.daemon.database.sessions() as session:
        events = kpis.load(session)
    out = {}
    for spec in kpis.metrics():
        table = spec.compute(events, by)
        out[spec.id] = {str(k): float(v) for k, v in table["value"].dropna().items()}
    return out


def _until_sent(client, seeker: int) -> list[dict]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # each round is a query answered by the daemon: waits on the state itself
        rows = client.query(PUSHES, {"seeker": seeker}).result(30)["result"]
        if rows and all(r["sent_at"] for r in rows):
            return rows
    raise AssertionError("the pushes were not sent")


def test_matches_say_why_and_which_subsidy_a_hire_brings(leader, market):
    ids, vacancies = market
    rows = leader.query(MATCHES, {"seeker": ids["王秀英"]}).result(30)["result"]
    assert [r["vacancy_record"]["title"] for r in rows] == ["养老护理员", "保洁员"]  # the cashier is 5.6 km away
    best = rows[0]
    assert (
        best["reasons"]["depth"] == 4
        and best["reasons"]["held"] == ["养老护理员证"]
        and best["reasons"]["mode"] == "walk"
    )
    assert [s["code"] for s in best["subsidies"]] == ["HARD_TO_EMPLOY"]
    # a woman over 40, on 低保, looking since January 2024
    assert best["subsidies"][0]["why"] == ['tag("大龄失业人员")', 'tag("低保家庭失业人员")', 'tag("长期失业人员")']
    candidates = leader.query(CANDIDATES, {"vacancy": vacancies["养老护理员"]}).result(30)["result"]
    assert [c["seeker_record"]["name"] for c in candidates] == ["王秀英"]
    assert candidates[0]["seeker_record"]["id_masked"] == "310***********002X"  # masked as the people base masks
    assert leader.query(MATCHES, {"seeker": ids["张伟"]}).result(30)["result"][0]["vacancy_record"]["title"] == "收银员"


def test_a_push_through_to_a_hire_moves_the_kpis(district, leader, market, tmp_path):
    ids, vacancies = market
    assert _figures(district)["jobs.pushes"] == {}
    with pytest.raises(RequestError) as caught:
        leader.command(PUSH, {}).result(30)
    assert caught.value.details["reason"] == "seeker_or_subdistrict"
    result = leader.command(PUSH, {"subdistrict": OUYANG}).result(30)["result"]
    assert result == {"pushes": 2, "seekers": 1}  # 王秀英's two matches; 张伟 lives in 北外滩
    assert leader.command(PUSH, {"subdistrict": OUYANG}).result(30)["result"]["pushes"] == 0  # never twice
    sent = _until_sent(leader, ids["王秀英"])
    assert {r["channel"] for r in sent} == {"outbox"}
    (outbox,) = (tmp_path / "outbox").glob("pushes-*.jsonl")
    lines = [json.loads(line) for line in outbox.read_text(encoding="utf-8").splitlines()]
    assert {m["title"] for m in lines} == {"养老护理员", "保洁员"} and lines[0]["phone"] == "13800001111"
    push = next(r for r in sent if r["vacancy"] == vacancies["养老护理员"])
    assert push["subsidies"] == ["HARD_TO_EMPLOY"]
    ref = {"seeker": ids["王秀英"], "push": push["id"]}
    with pytest.raises(RequestError) as caught:
        leader.command(INTERVIEW, {**ref, "at": "2024-03-05T10:00:00+08:00"}).result(30)
    assert caught.value.details["reason"] == "not_interested"
    with pytest.raises(RequestError) as caught:
        leader.command(RESPOND, {"seeker": ids["张伟"], "push": push["id"], "response": "interested"}).result(30)
    assert caught.value.details["reason"] == "not_this_seekers"
    leader.command(RESPOND, {**ref, "response": "interested"}).result(30)
    leader.command(INTERVIEW, {**ref, "at": "2024-03-05T10:00:00+08:00"}).result(30)
    hired = leader.command(HIRE, ref).result(30)["result"]
    assert hired == {"push": push["id"], "vacancy_filled": True, "subsidies": ["HARD_TO_EMPLOY"]}
    leader.wait_for(lambda s: leader.replica.get(SEARCHES, ids["王秀英"]) is None)  # the search is closed
    leader.wait_for(
        lambda s: (leader.replica.get(VACANCIES, vacancies["养老护理员"]) or {}).get("filled_on") is not None
    )
    assert leader.replica.get(VACANCIES, vacancies["养老护理员"])["remaining"] == 0  # listed still, marked filled
    with pytest.raises(RequestError):  # and nobody is matched with it any more
        leader.query(CANDIDATES, {"vacancy": vacancies["养老护理员"]}).result(30)
    with pytest.raises(RequestError) as caught:
        leader.command(HIRE, ref).result(30)
    assert caught.value.code in ("not_found", "invalid_payload", "forbidden")
    figures = _figures(district)
    assert figures["jobs.pushes"] == {OUYANG: 2.0}
    assert figures["jobs.responses"] == {OUYANG: 1.0}
    assert figures["jobs.interviews"] == {OUYANG: 1.0}
    assert figures["jobs.hires"] == {OUYANG: 1.0}
    assert figures["jobs.conversion"] == {OUYANG: 0.5}
    assert figures["jobs.days_to_hire"][OUYANG] > 300  # registered 2024-01-10
    by_month = _figures(district, ("month",))
    assert sum(by_month["jobs.hires"].values()) == 1.0
