"""Readiness: the demo district's low and expiring stock, the team out of service and the full shelter are flagged
on their records, and a duty handover lists them among the open items."""

from __future__ import annotations

PLUGINS = {"assets": "citybrain.plugins.assets.daemon", "duty": "citybrain.plugins.duty.daemon"}


def test_the_demo_inventory_flags_what_is_not_ready_and_the_handover_lists_it(citybrain_daemon_factory):
    client = citybrain_daemon_factory(plugins=PLUGINS).client(login="duty")
    stock = client.replica.records("assets.stock")
    flagged = {(s["item"], s["warehouse"]): set(s["alerts"]) for s in stock if s["alerts"]}
    assert flagged[("救生衣", "区防汛物资仓库")] == {"below_minimum"}  # 180 on the shelf, minimum 200
    assert flagged[("医用外科口罩", "虹口区应急物资储备库")] == {"expiring"}  # 12 days left
    assert flagged[("防汛沙袋", "北外滩街道应急物资点")] == {"below_minimum"}  # 1,500, minimum 2,000
    assert flagged[("瓶装饮用水 550ml", "北外滩街道应急物资点")] == {"expiring"}
    assert all(not s["alerts"] for s in stock if (s["item"], s["warehouse"]) not in flagged)
    assert [t["name"] for t in client.replica.records("assets.teams") if t["status"] == "out_of_service"] == [
        "区排水公司抢修队"
    ]
    assert [s["name"] for s in client.replica.records("assets.shelters") if s["full"]] == ["复兴高级中学临时安置点"]
    assert [e["name"] for e in client.replica.records("assets.equipment") if e["status"] == "out_of_service"] == [
        "移动泵车 2号"
    ]
    assert len(client.replica.records("assets.experts")) == 5
    (request,) = client.replica.records("assets.requests")
    assert request["state"] == "committed" and request["outstanding"] == 2000 - request["committed"]

    client.wait_for(lambda s: client.replica.records("duty.now"))
    person = next(p for p in client.replica.records("duty.now") if p["on_duty"])["on_duty"][0]["name"]
    draft = client.command("duty.handover.draft", {"person": person}).result(10)["result"]
    ready = [i for i in draft["items"] if i["plugin"] == "assets"]
    assert {i["title"] for i in ready} >= {
        "救生衣 @ 区防汛物资仓库",
        "区排水公司抢修队",
        "移动泵车 2号",
        "复兴高级中学临时安置点",
    }
    assert not any(i["title"].startswith("医用外科口罩") for i in ready)  # expiring is not yet a gap
