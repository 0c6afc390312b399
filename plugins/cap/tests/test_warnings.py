"""Warnings followed through Alert → Update → Cancel, read in Chinese first, matched to a plan for the duty leader
(accepted: the plans plugin activates it; an Exercise only ever as a drill; a Test never); taken from a watched
folder and from a feed on a real HTTP server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.cap.tests.http_documents import serving

PLUGINS = {"cap": "citybrain.plugins.cap.daemon", "plans": "citybrain.plugins.plans.daemon"}
SENDER = "sh-meteo@example.cn"
HONGKOU = "31.25,121.46 31.31,121.46 31.31,121.51 31.25,121.51 31.25,121.46"


def cap(
    identifier: str,
    msg_type: str = "Alert",
    severity: str = "Severe",
    status: str = "Actual",
    references: str = "",
    polygon: str = HONGKOU,
) -> bytes:
    sent = datetime.now(UTC).replace(microsecond=0)
    expires = (sent + timedelta(hours=12)).isoformat()
    refs = f"<references>{references}</references>" if references else ""
    infos = "".join(
        f"""<info><language>{lang}</language><category>Met</category><event>{event}</event>
        <urgency>Expected</urgency><severity>{severity}</severity><certainty>Likely</certainty>
        <headline>{headline}</headline><expires>{expires}</expires>
        <area><areaDesc>上海市虹口区</areaDesc><polygon>{polygon}</polygon></area></info>"""
        for lang, event, headline in (("en-US", "Typhoon", "Typhoon warning"), ("zh-CN", "台风", "台风橙色预警"))
    )
    body = "" if msg_type == "Cancel" else infos
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{identifier}</identifier><sender>{SENDER}</sender>
<sent>{sent.isoformat()}</sent><status>{status}</status><msgType>{msg_type}</msgType><scope>Public</scope>{refs}
{body}</alert>""".encode()


def _import(client, name: str, data: bytes) -> dict:
    return client.command("import", {"kind": "cap.alert", "filename": name, "data": data}).result(10)["result"]


def _ref(identifier: str) -> str:
    return f"{SENDER},{identifier},2026-11-26T00:00:00+00:00"


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


@pytest.fixture
def leader(daemon):
    return daemon.client(login="duty")


def _only(client, collection: str) -> dict:
    client.wait_for(lambda s: len(client.replica.records(collection)) == 1)
    return client.replica.records(collection)[0]


def test_alert_update_cancel_follow_one_chain_and_its_suggestions(leader):
    _import(leader, "a.xml", cap("TY-1"))
    first = _only(leader, "cap.warnings")
    assert (first["event"], first["headline"], first["language"]) == ("台风", "台风橙色预警", "zh-CN")
    assert first["languages"] == ["en-US", "zh-CN"] and first["reaches_district"]
    suggestion = _only(leader, "cap.suggestions")
    assert (suggestion["plan"], suggestion["level"], suggestion["drill"]) == ("hk-flood-typhoon", "II", False)

    _import(leader, "b.xml", cap("TY-2", "Update", severity="Extreme", references=_ref("TY-1")))
    leader.wait_for(lambda s: [w["identifier"] for w in leader.replica.records("cap.warnings")] == ["TY-2"])
    update = leader.replica.records("cap.warnings")[0]
    assert update["chain"] == first["chain"]
    leader.wait_for(lambda s: [x["level"] for x in leader.replica.records("cap.suggestions")] == ["I"])

    assert _import(leader, "b-again.xml", cap("TY-2", "Update"))["notes"] == ["1 alert(s) already received: kept once"]
    _import(leader, "c.xml", cap("TY-3", "Cancel", references=f"{_ref('TY-1')} {_ref('TY-2')}"))
    leader.wait_for(
        lambda s: not leader.replica.records("cap.warnings") and not leader.replica.records("cap.suggestions")
    )


def test_accepting_activates_the_plan_and_an_exercise_only_ever_as_a_drill(leader):
    _import(leader, "real.xml", cap("REAL-1", severity="Moderate"))
    real = _only(leader, "cap.suggestions")
    with pytest.raises(RequestError, match="say why"):
        leader.command("cap.dismiss", {"suggestion": real["id"], "reason": " "}).result(10)
    accepted = leader.command("cap.accept", {"suggestion": real["id"]}).result(10)["result"]
    assert (accepted["response"]["plan"], accepted["response"]["level"], accepted["response"]["drill"]) == (
        "hk-flood-typhoon",
        "III",
        False,
    )
    assert accepted["response"]["source_ref"].startswith("cap.warnings/")
    leader.wait_for(lambda s: not leader.replica.records("cap.suggestions"))

    _import(leader, "drill.xml", cap("EX-1", status="Exercise", polygon="31.2,121.4 31.3,121.4 31.3,121.5 31.2,121.4"))
    exercise = _only(leader, "cap.suggestions")
    assert exercise["drill"] and exercise["status"] == "Exercise"
    drill = leader.command("cap.accept", {"suggestion": exercise["id"]}).result(10)["result"]["response"]
    assert drill["drill"] is True

    _import(leader, "test.xml", cap("TEST-1", status="Test"))
    _import(leader, "far.xml", cap("FAR-1", polygon="40.0,116.3 40.1,116.3 40.1,116.4 40.0,116.3"))  # Beijing
    leader.wait_for(lambda s: any(w["identifier"] == "FAR-1" for w in leader.replica.records("cap.warnings")))
    assert not any(w["identifier"] == "TEST-1" for w in leader.replica.records("cap.warnings"))
    assert leader.replica.records("cap.suggestions") == []  # neither a test nor a warning elsewhere suggests


def test_a_real_update_whose_alert_was_never_received_starts_its_own_chain(leader, citybrain_shared_data):
    data = (citybrain_shared_data / "cap/seevee-cap_alerts/cn-cma-penglai-high-temp-red-update.xml").read_bytes()
    report = _import(leader, "penglai.xml", data)
    assert report["imported"] == 1


def test_a_watched_folder_takes_good_files_and_sets_bad_ones_aside_saying_why(
    citybrain_daemon_factory, tmp_path, citybrain_shared_data
):
    folder = tmp_path / "inbox"
    folder.mkdir()
    client = citybrain_daemon_factory(plugins=PLUGINS, **_cap_config(folder=str(folder))).client()
    (folder / "typhoon.cap").write_bytes(cap("DROP-1"))
    (folder / "attack.cap").write_bytes(
        (citybrain_shared_data / "cap/edge_cases_security/xee_xxe_attack.cap").read_bytes()
    )
    client.wait_for(lambda s: any(w["identifier"] == "DROP-1" for w in client.replica.records("cap.warnings")))
    client.wait_for(lambda s: (folder / "refused" / "attack.cap.why.txt").exists())
    assert "nothing was resolved" in (folder / "refused" / "attack.cap.why.txt").read_text(encoding="utf-8")
    client.wait_for(lambda s: (folder / "done" / "typhoon.cap").exists())  # moved once its warning is committed
    assert not (folder / "attack.cap").exists()


def test_a_feed_on_a_real_http_server_brings_its_alerts_and_the_ones_it_links_to(citybrain_daemon_factory):
    documents: dict[str, bytes] = {"/linked.cap": cap("LINK-1"), "/broken.cap": b"<alert"}
    with serving(documents) as base:
        embedded = cap("FEED-1").split(b"?>", 1)[1]
        documents["/feed.atom"] = (
            f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>{base}</id>'
            f'<entry><id>1</id><content type="text/xml">{embedded.decode()}</content></entry>'
            f'<entry><id>2</id><link href="{base}/linked.cap"/></entry>'
            f'<entry><id>3</id><link href="{base}/broken.cap"/></entry>'
            f'<entry><id>4</id><link href="{base}/missing.cap"/></entry></feed>'
        ).encode()
        client = citybrain_daemon_factory(plugins=PLUGINS, **_cap_config(feeds=[f"{base}/feed.atom"])).client()
        client.wait_for(
            lambda s: {w["identifier"] for w in client.replica.records("cap.warnings")} == {"FEED-1", "LINK-1"}
        )


def _cap_config(**cap_settings) -> dict:
    return {"plugin_config": {"cap": cap_settings | {"folder_seconds": 0.1, "poll_seconds": 0.5}}}


def test_the_demo_typhoon_arrives_once_over_hongkou_and_suggests_the_flood_plan(daemon, leader):
    def rewind(tx) -> None:  # the demo's timer, due now instead of in ninety seconds
        from citybrain.plugins.cap.demo import TIMER

        tx.set_timer(TIMER, "typhoon", datetime.now(UTC))

    async def now() -> None:
        await daemon.daemon.write(rewind)

    daemon.call(now)
    warning = _only(leader, "cap.warnings")
    assert warning["event"] == "台风" and warning["reaches_district"]
    assert _only(leader, "cap.suggestions")["level"] == "II"
