"""An urgent change (an alarm's state) is drained half a frame after the last drain, not at the next frame: with a
frame of an hour, only the urgent change can bring the batch to the model (real daemon, real DeskFeed)."""

from __future__ import annotations

from citybrain.core.api import CollectionSpec, hookimpl
from citybrain.shell import feed as feed_module
from citybrain.shell.feed import DeskFeed
from citybrain.widgets.collection_model import CollectionTableModel, Column


class Alarms:
    @hookimpl
    def citybrain_collections(self):  # noqa: ANN201
        return [CollectionSpec("t.alarms")]


def test_an_urgent_change_is_drained_without_waiting_for_the_frame(citybrain_daemon_factory, qtbot, monkeypatch):
    monkeypatch.setattr(feed_module, "FRAME_MS", 3_600_000)
    monkeypatch.setattr(feed_module, "URGENT_MS", 0)
    daemon = citybrain_daemon_factory(plugins={"t": Alarms()}, demo=False)
    publish = lambda *records: daemon.call(  # noqa: E731
        lambda: daemon.daemon.publish_volatile("t.alarms", list(records), plugin="t")
    )
    publish({"id": 1, "state": "normal", "value": 0})
    feed = DeskFeed(daemon.endpoint)
    feed.urgent("t.alarms", ("state",))
    feed.start()
    try:
        qtbot.waitUntil(lambda: not feed.stale and feed.client.replica.get("t.alarms", 1) is not None, timeout=30_000)
        model = CollectionTableModel([Column("id", "id"), Column("state", "state"), Column("value", "value")])
        feed.attach("t.alarms", model)
        feed.drain()  # the last drain is now: the next frame is an hour away
        publish({"id": 1, "state": "normal", "value": 7})  # not urgent: waits for the frame…
        qtbot.waitUntil(lambda: feed.client.replica.get("t.alarms", 1)["value"] == 7, timeout=30_000)
        publish({"id": 1, "state": "alarm", "value": 7})  # …and goes with the urgent one
        qtbot.waitUntil(lambda: model.record_at(0)["state"] == "alarm", timeout=30_000)
        assert model.record_at(0)["value"] == 7
    finally:
        feed.stop()
