"""A resync's drain is cut into steps: the GUI thread gets its turn between two tables' re-sorts (real daemon)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from citybrain.core.api import CollectionSpec, hookimpl
from citybrain.shell import feed as feed_module
from citybrain.shell.feed import DeskFeed
from citybrain.widgets.collection_model import CollectionTableModel, Column


class TwoTables:
    @hookimpl
    def citybrain_collections(self):  # noqa: ANN201
        return [CollectionSpec("t.a"), CollectionSpec("t.b")]


def test_a_resync_gives_the_event_loop_a_turn_between_two_tables(citybrain_daemon_factory, qtbot, monkeypatch):
    monkeypatch.setattr(feed_module, "SLICE_MS", 0)  # every step past the budget: each table its own turn
    daemon = citybrain_daemon_factory(plugins={"t": TwoTables()}, demo=False)
    daemon.call(
        lambda: [
            daemon.daemon.publish_volatile(name, [{"id": i, "v": -i} for i in range(500)]) for name in ("t.a", "t.b")
        ]
    )
    feed = DeskFeed(daemon.endpoint)
    feed.start()
    try:
        qtbot.waitUntil(lambda: not feed.stale and len(feed.client.replica.records("t.b")) == 500, timeout=30_000)
        feed.drain()
        order: list[str] = []
        for name in ("t.a", "t.b"):
            model = CollectionTableModel([Column("id", "id"), Column("v", "v")])
            feed.attach(name, model)
            model.sort(1)
            model.layoutChanged.connect(
                lambda *_, name=name: (order.append(name), QTimer.singleShot(0, lambda: order.append("turn")))
            )
        resyncs = feed.client.status.resyncs

        def lose_one_update() -> None:
            daemon.daemon.live.seq += 1  # the next update shows a gap: the desk takes a snapshot
            daemon.daemon.publish_volatile("t.a", [{"id": 0, "v": 1}])

        daemon.call(lose_one_update)
        qtbot.waitUntil(lambda: feed.client.status.resyncs > resyncs and order.count("turn") == 2, timeout=30_000)
        assert sorted(order[0::2]) == ["t.a", "t.b"] and order[1::2] == ["turn", "turn"]  # not both, then turns
    finally:
        feed.stop()
