"""The sensors hand over what the next shift must know: the district's unacknowledged and shelved alarms and the
devices out of service, with facts each desk words in its own language (no English on the Chinese desk)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from citybrain.core.api import utcnow
from citybrain.plugins.sensors.handover_words import open_item_words
from citybrain.plugins.sensors.tests.test_alarms import alarms_of, event
from citybrain.shell.i18n import install_translator


def test_district_alarms_and_devices_out_of_service_are_handed_over_and_worded(setup, qapp):
    daemon, client, devices, publisher = setup
    smoke = next(d for d in devices if d["type"] == "SMK")
    event(publisher, smoke, "smoke")  # life-safety: the district's, at once
    client.wait_for(lambda s: alarms_of(client, smoke))
    (alarm,) = alarms_of(client, smoke)
    broken = next(d for d in devices if d["id"] != smoke["id"])
    client.command(
        "sensors.device.service", {"device": broken["id"], "in_service": False, "reason": "探头更换"}
    ).result(10)
    items = daemon.daemon.commits.writer.run_sync(lambda tx: tx.open_items(utcnow()))[0]
    ours = [i for i in items if i.plugin == "sensors"]
    (unacked,) = [i for i in ours if i.kind == "alarm"]
    (off,) = [i for i in ours if i.kind == "device"]
    assert unacked.ref == f"sensors.alarms/{alarm['id']}" and unacked.facts["condition"] == "smoke"
    assert unacked.facts["priority"] == "urgent" and unacked.facts["compound"] == smoke["compound_name"]
    assert off.facts["device"] == broken["id"] and off.facts["compound"] == broken["compound_name"]
    install_translator(qapp, "zh_CN")
    try:
        words = open_item_words()  # as a desk in Chinese gathers them
        worded = [(words[i.kind].kind, *words[i.kind].text(None, i.facts)) for i in (unacked, off)]
    finally:
        install_translator(QApplication.instance(), "en")
    text = " ".join(" ".join(w) for w in worded)
    assert not re.search(r"[a-z]{2,}", text), worded  # names, not codes; Chinese words, not English
    assert smoke["compound_name"] in worded[0][1] and "紧急" in worded[0][2] and smoke["id"] in worded[0][2]
    assert broken["id"] in worded[1][1] and broken["compound_name"] in worded[1][2]
