"""应享未享 on a real daemon over the demo: hits with their reasons, masked and placed by committee; the citizen
query; outreach tasks from hits and their outcomes, audited and counted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from citybrain.core.client import RequestError
from citybrain.core.storage.audit import AuditEntry
from citybrain.plugins.people import OUTREACH
from citybrain.plugins.people.policies import URGENCY, by_id


def test_hits_list_with_reasons_most_urgent_first_masked(demo) -> None:
    client = demo.client(login="operator")
    hits = client.query("people.unmet", {"limit": 5000}).result(60)["result"]
    assert hits
    ranks = [URGENCY.index(h["urgency"]) for h in hits]
    assert ranks == sorted(ranks)
    for h in hits[:200]:
        policy = by_id()[h["policy"]]
        assert h["reasons"] and h["missing"]["benefit"] == policy.benefit and h["data_date"]
        assert "*" in h["id_masked"] and len(h["id_masked"]) == 18
    flagged = [h for h in hits if h["check"]]
    assert flagged and all(set(h["check"]) <= {"dead_alive", "moved", "name", "twice"} for h in flagged)
    relief = client.query("people.unmet", {"category": "relief", "urgency": "high", "limit": 5000}).result(60)["result"]
    assert relief and all(h["category"] == "relief" and h["urgency"] == "high" for h in relief)
    counts = client.query("people.unmet_counts", {}).result(60)["result"]
    assert len(hits) < 5000 and sum(c["hits"] for c in counts) == len(hits)
    assert sum(c["flagged"] for c in counts) == len(flagged)
    with pytest.raises(RequestError) as bad:
        client.query("people.unmet", {"category": "nope"}).result(30)
    assert bad.value.code == "invalid_payload"
    wall = demo.client(login="wall")
    with pytest.raises(RequestError) as forbidden:
        wall.query("people.unmet", {}).result(30)
    assert forbidden.value.code == "forbidden"


def test_citizen_query_says_what_a_person_receives_qualifies_for_and_nearly(demo) -> None:
    client = demo.client(login="operator")
    [hit] = client.query("people.unmet", {"policy": "elder-alone-care", "flagged": False, "limit": 1}).result(60)[
        "result"
    ]
    [card] = client.query("people.entitlements", {"person": hit["person"]}).result(60)["result"]
    states = {p["policy"]: p for p in card["policies"]}
    assert states["elder-alone-care"]["state"] == "qualifies"
    assert states["elder-alone-care"]["reasons"] == hit["reasons"]
    near = [p for p in card["policies"] if p["state"] == "near"]
    assert near and all(len(p["missing"]) == 1 for p in near)
    assert {p["state"] for p in card["policies"]} <= {"receives", "qualifies", "near"}


def test_a_hit_becomes_a_visit_task_and_its_outcome_is_kept(demo) -> None:
    client = demo.client(login="operator")
    listed = client.query("people.unmet", {"flagged": False, "limit": 5000}).result(60)["result"]
    hit = next(h for h in listed if h["task"] is None)  # the demo's committees have planned some already
    plan = {"person": hit["person"], "policy": hit["policy"], "committee": hit["committee"]}
    task = client.command("people.outreach_plan", plan).result(60)["result"]["task"]
    client.wait_for(lambda _: task in {t["id"] for t in client.replica.records(OUTREACH)}, timeout=30)
    with pytest.raises(RequestError) as twice:
        client.command("people.outreach_plan", plan).result(60)
    assert twice.value.details == {"reason": "already_open"}
    with pytest.raises(RequestError) as why:
        client.command("people.outreach_outcome", {"task": task, "outcome": "not_eligible"}).result(60)
    assert why.value.details == {"reason": "reason_needed"}
    client.command("people.outreach_outcome", {"task": task, "outcome": "not_eligible", "reason": "已迁出本市"}).result(
        60
    )
    client.wait_for(
        lambda _: any(t["id"] == task and t["outcome"] == "not_eligible" for t in client.replica.records(OUTREACH)),
        timeout=30,
    )
    listed = client.query("people.unmet", {"policy": hit["policy"], "unit": hit["committee"]}).result(60)["result"]
    assert next(h for h in listed if h["key"] == hit["key"])["outcome"] == "not_eligible"
    with demo.daemon.database.sessions() as session:
        audited = session.scalars(
            select(AuditEntry.command).where(AuditEntry.command.in_(("people.outreach_plan", "query people.unmet")))
        ).all()
    assert "people.outreach_plan" in audited and "query people.unmet" in audited


def test_a_no_visit_service_is_granted_from_the_list_and_the_hit_leaves_it(demo) -> None:
    """免申即享: the benefit recorded at once, audited, on the feed; the hit gone from the list and the citizen query
    saying "receives"; a planned visit for it closed enrolled.  Refused: a policy that needs a visit, a resident the
    sources disagree about, a hit no longer there, another committee's desk."""
    from citybrain.plugins.people import GRANTS

    client = demo.client(login="operator")
    hits = client.query("people.unmet", {"limit": 5000}).result(60)["result"]
    hit = next(h for h in hits if h["no_visit"] and not h["check"])
    grant = {"person": hit["person"], "policy": hit["policy"], "committee": hit["committee"]}
    task = client.command("people.outreach_plan", grant).result(60)["result"]["task"]
    reply = client.command("people.grant", grant).result(60)["result"]
    assert reply["benefit"] == by_id()[hit["policy"]].benefit
    client.wait_for(lambda _: any(g["key"] == hit["key"] for g in client.replica.records(GRANTS)), timeout=30)
    [granted] = [g for g in client.replica.records(GRANTS) if g["key"] == hit["key"]]
    assert granted["reasons"] == hit["reasons"] and granted["granted_by"] == "operator" and "*" in granted["id_masked"]
    client.wait_for(
        lambda _: any(t["id"] == task and t["outcome"] == "enrolled" for t in client.replica.records(OUTREACH)),
        timeout=30,
    )
    listed = client.query("people.unmet", {"policy": hit["policy"], "limit": 5000}).result(60)["result"]
    assert hit["key"] not in {h["key"] for h in listed}
    [card] = client.query("people.entitlements", {"person": hit["person"]}).result(60)["result"]
    assert {p["policy"]: p["state"] for p in card["policies"]}[hit["policy"]] == "receives"
    with pytest.raises(RequestError) as again:
        client.command("people.grant", grant).result(60)
    assert again.value.details == {"reason": "not_a_hit"}
    visit = next(h for h in hits if not h["no_visit"] and not h["check"])
    with pytest.raises(RequestError) as needs:
        client.command(
            "people.grant", {"person": visit["person"], "policy": visit["policy"], "committee": visit["committee"]}
        ).result(60)
    assert needs.value.details["reason"] == "needs_visit"
    flagged = next(h for h in hits if h["no_visit"] and h["check"])
    with pytest.raises(RequestError) as check:
        client.command(
            "people.grant",
            {"person": flagged["person"], "policy": flagged["policy"], "committee": flagged["committee"]},
        ).result(60)
    assert check.value.details["reason"] == "check_sources"
    other = next(h for h in hits if h["no_visit"] and not h["check"] and h["committee"] != hit["committee"])
    elsewhere = demo.desk_in(hit["committee"])
    with pytest.raises(RequestError) as outside:
        elsewhere.command(
            "people.grant", {"person": other["person"], "policy": other["policy"], "committee": other["committee"]}
        ).result(60)
    assert outside.value.code == "forbidden"
    with demo.daemon.database.sessions() as session:
        audited = session.scalars(select(AuditEntry.command).where(AuditEntry.command == "people.grant")).all()
    assert len(audited) == 5  # the grant and each refusal
