"""The district desk's alarms (``district``): a life-safety alarm (fire, gas) is the district's at once; any
other stays the property company's until the shared loop escalates its case to the subdistrict, and then the
alarm is updated on the feed.  Real daemon, real MQTT, the real case loop's escalation."""

from __future__ import annotations

from citybrain.core.cases import Case
from citybrain.plugins.cases.daemon import LOOP
from citybrain.plugins.sensors import alarms as alarm_rules
from citybrain.plugins.sensors.tests.test_alarms import alarms_of, event, flood_of


def _escalate(daemon, case_id: int, follow: bool) -> int:
    """One level up the case's chain, as its deadline timer does; with ``follow``, how many alarms the sensors'
    follow-up puts on the district's list in the same transaction (else the daemon's schedule does it)."""

    def work(tx) -> int:
        LOOP.escalate(tx, tx.session.get(Case, case_id))
        return alarm_rules.escalated_cases(tx) if follow else 0

    async def write() -> int:
        return await daemon.daemon.write(work, plugin="sensors")  # the follow-up writes the sensors' alarms

    return daemon.call(write)


def test_life_safety_alarms_are_the_districts_and_others_once_escalated_past_the_committee(setup):
    daemon, client, devices, publisher = setup
    gas = next(d for d in devices if d["type"] == "GAS-V")
    event(publisher, gas, "valve_closed")
    leak = next(d for d in devices if d["type"] == "LEAK-W")
    for _ in range(3):
        event(publisher, leak, "water")
    client.wait_for(lambda s: alarms_of(client, gas) and alarms_of(client, leak) and alarms_of(client, leak)[0]["case"])
    assert alarms_of(client, gas)[0]["district"] is True
    (alarm,) = alarms_of(client, leak)
    assert alarm["district"] is False
    flood = lambda: flood_of(client)  # noqa: E731 - measured every 10 s
    client.wait_for(lambda s: flood().get("raised_10min") == 1, timeout=30)  # the gas alarm: the leak stays theirs
    assert _escalate(daemon, alarm["case"], follow=True) == 0  # to the neighbourhood committee: the community's
    assert _owner_kind(client, alarm["case"]) == "committee" and not alarms_of(client, leak)[0]["district"]
    _escalate(daemon, alarm["case"], follow=False)  # to the subdistrict: the follow-up (every 10 s) tells the desks
    client.wait_for(lambda s: alarms_of(client, leak)[0]["district"], timeout=30)
    assert _owner_kind(client, alarm["case"]) == "subdistrict"
    history = client.query("sensors.alarm_history", {"alarm": alarm["id"]}).result(10)["result"]["events"]
    assert [(e["kind"], e["by"]) for e in history] == [("raised", "system"), ("district", "system")]  # said once


def _owner_kind(client, case_id: int) -> str:
    client.wait_for(lambda s: client.replica.get("cases.open", case_id)["escalations"] >= 1)
    return client.replica.get("org.units", client.replica.get("cases.open", case_id)["owner"])["kind"]
