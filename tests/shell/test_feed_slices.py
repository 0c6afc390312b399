"""A resync's drain is cut into steps: the GUI thread gets its turn between two tables' re-sorts (real daemon)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, QTimer

from citybrain.core.api import CollectionSpec, hookimpl
from citybrain.shell import feed as feed_module
from citybrain.shell.feed import DeskFeed
from citybrain.widgets import collection_model
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
            daemon.daemon.publish_volatile(name, [{"id": i, "v": -i} for i in range(500)], plugin="t")
            for name in ("t.a", "t.b")
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
            daemon.daemon.publish_volatile("t.a", [{"id": 0, "v": 1}], plugin="t")

        daemon.call(lose_one_update)
        qtbot.waitUntil(lambda: feed.client.status.resyncs > resyncs and order.count("turn") == 2, timeout=30_000)
        assert sorted(order[0::2]) == ["t.a", "t.b"] and order[1::2] == ["turn", "turn"]  # not both, then turns
    finally:
        feed.stop()


class SlicedModel(CollectionTableModel):
    """Says when each slice of a reset has run (``log``)."""

    def __init__(self, log: list[str]) -> None:
        super().__init__([Column("id", "id"), Column("v", "v")])
        self.log = log

    def reset_in_slices(self, records):  # noqa: ANN001, ANN201
        for _ in super().reset_in_slices(records):
            self.log.append("slice")
            yield
        self.log.append("done")


def test_a_resync_re_sorts_a_large_table_in_slices_with_the_event_loop_turning_between(
    citybrain_daemon_factory, qtbot, monkeypatch
):
    monkeypatch.setattr(feed_module, "SLICE_MS", 0)  # every step past the budget: each slice its own turn
    monkeypatch.setattr(collection_model, "RESET_SLICE", 50)  # 500 records: ten runs, then their merges
    daemon = citybrain_daemon_factory(plugins={"t": TwoTables()}, demo=False)
    daemon.call(
        lambda: daemon.daemon.publish_volatile("t.a", [{"id": i, "v": (i * 7) % 13} for i in range(500)], plugin="t")
    )
    feed = DeskFeed(daemon.endpoint)
    feed.start()
    try:
        qtbot.waitUntil(lambda: not feed.stale and len(feed.client.replica.records("t.a")) == 500, timeout=30_000)
        feed.drain()
        log: list[str] = []
        model = SlicedModel(log)
        feed.attach("t.a", model)
        model.sort(1, Qt.SortOrder.DescendingOrder)
        log.clear()
        turns = QTimer()
        turns.timeout.connect(lambda: log.append("turn"))  # a zero timer runs once per turn of the event loop
        turns.start(0)
        resyncs = feed.client.status.resyncs

        def lose_one_update() -> None:
            daemon.daemon.live.seq += 1  # the next update shows a gap: the desk takes a snapshot
            daemon.daemon.publish_volatile("t.a", [{"id": 0, "v": 99}], plugin="t")

        daemon.call(lose_one_update)
        qtbot.waitUntil(lambda: feed.client.status.resyncs > resyncs and "done" in log, timeout=30_000)
        turns.stop()
        slices = [i for i, entry in enumerate(log) if entry == "slice"]
        assert len(slices) > 10  # the copy, ten runs, the merges
        assert all("turn" in log[a:b] for a, b in pairwise(slices))  # the event loop ran between every two
        expected = sorted(range(500), key=lambda i: 99 if i == 0 else (i * 7) % 13, reverse=True)
        assert [model.key_at(r) for r in range(model.rowCount())] == expected  # every record, sorted, stable
    finally:
        feed.stop()
