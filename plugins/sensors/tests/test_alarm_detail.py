"""The alarm pane on its own: who claimed the alarm and when (and whether the claim has ended), and the alarm's
history as the operator reads it — what happened in words, who, the comment or reason, a unit by its name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from citybrain.core.times import local_time, utc_iso
from citybrain.plugins.sensors.alarm_detail import AlarmDetail

NOW = datetime.now(UTC)


def alarm(**fields: object) -> dict:
    return {
        "id": 7,
        "device": "SMK-00042",
        "condition": "smoke",
        "compound": "C1",
        "scenario": "SMOKE",
        "priority": "urgent",
        "state": "ack",
        "active": True,
        "count": 1,
        "first_at": utc_iso(NOW),
        "last_at": utc_iso(NOW),
        "acked_by": "",
        "acked_at": None,
        "comment": "",
        "claimed_by": "",
        "claimed_at": None,
        "claim_until": None,
        "shelved_until": None,
        "case": None,
        "district": True,
        **fields,
    }


def pane(qtbot) -> AlarmDetail:  # noqa: ANN001
    detail = AlarmDetail({"C1": "溧阳新村"}, {}, str, lambda code: {"PM-1": "溧阳物业"}.get(code, code))
    qtbot.addWidget(detail)
    return detail


def test_a_claim_says_who_and_when_and_whether_it_has_ended(qtbot):
    detail = pane(qtbot)
    start = NOW - timedelta(minutes=10)
    detail.show_alarm(
        alarm(claimed_by="operator", claimed_at=utc_iso(start), claim_until=utc_iso(start + timedelta(minutes=30)))
    )
    assert f"operator at {local_time(utc_iso(start))}, until" in detail.facts.text()
    long_ago = NOW - timedelta(hours=2)
    detail.show_alarm(
        alarm(
            claimed_by="operator", claimed_at=utc_iso(long_ago), claim_until=utc_iso(long_ago + timedelta(minutes=30))
        )
    )
    assert f"operator at {local_time(utc_iso(long_ago))}, ended" in detail.facts.text()


def test_the_history_reads_in_words_in_order_with_who_and_why(qtbot):
    detail = pane(qtbot)
    assert detail.history.isHidden()
    events = [
        {"at": utc_iso(NOW), "kind": "raised", "state": "unack", "by": "system", "text": "", "until": None},
        {
            "at": utc_iso(NOW),
            "kind": "shelved",
            "state": "shelved",
            "by": "duty",
            "text": "探测器待更换",
            "until": utc_iso(NOW + timedelta(minutes=30)),
        },
        {"at": utc_iso(NOW), "kind": "realarm", "state": "unack", "by": "system", "text": "duty", "until": None},
        {"at": utc_iso(NOW), "kind": "cleared", "state": "cleared", "by": "system", "text": "PM-1", "until": None},
    ]
    detail.show_history(7, events)
    text = detail.history.text()
    order = [text.index(w) for w in ("Alarm raised", "Shelved", "Re-alarmed", "Cleared: case resolved")]
    assert order == sorted(order) and not detail.history.isHidden()
    assert "探测器待更换" in text and "acknowledged by duty" in text and "by 溧阳物业" in text
    assert "PM-1" not in text and "realarm" not in text  # names, not codes
    detail.clear()
    assert detail.history.isHidden() and detail.history_of is None
