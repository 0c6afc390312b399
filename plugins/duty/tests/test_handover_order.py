"""A handover lists urgent, then high priority items first, then the rest by how long they have been due: a
year-old overdue demand never pushes an urgent case down the list."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from citybrain.core.api import OpenItem, hookimpl
from citybrain.plugins.duty.tests.test_handover import _on_duty_now


@hookimpl
def citybrain_open_items(session, now):
    return [
        OpenItem("demand", "year-old demand", due_at=now - timedelta(days=365)),
        OpenItem("case", "medium case", due_at=now - timedelta(days=2), priority="medium"),
        OpenItem("case", "high case", due_at=now + timedelta(hours=1), priority="high"),
        OpenItem("alarm", "urgent alarm, undated", priority="urgent"),
        OpenItem("case", "urgent case", due_at=now + timedelta(hours=2), priority="urgent"),
        OpenItem("reminder", "reminder due tomorrow", due_at=now + timedelta(days=1)),
    ]


def test_urgent_and_high_items_come_first_then_the_rest_by_age(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(
        plugins={
            "duty": "citybrain.plugins.duty.daemon",
            "work": SimpleNamespace(citybrain_open_items=citybrain_open_items),
        }
    )
    client = daemon.client(login="operator")
    draft = client.command("duty.handover.draft", {"person": _on_duty_now(client, "ZZB", "leader")}).result(10)[
        "result"
    ]
    ours = [(i["title"], i["priority"]) for i in draft["items"] if i["plugin"] == "work"]
    assert ours == [
        ("urgent case", "urgent"),
        ("urgent alarm, undated", "urgent"),
        ("high case", "high"),
        ("year-old demand", None),
        ("medium case", "medium"),
        ("reminder due tomorrow", None),
    ]
    pressing = [i for i in draft["items"] if i["priority"] in ("urgent", "high")]
    assert draft["items"][: len(pressing)] == pressing  # the duty plugin's own items (incidents) below them too
