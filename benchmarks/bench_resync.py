"""resync_gui_stall: the longest the desk's GUI thread is blocked while it resyncs 100,000 records into two open,
sorted tables, against one 40 ms frame (what an operator would see as a dropped frame).

The real desk path: a daemon holding 75,000 devices and 25,000 alarms, a DeskFeed (FeedClient thread, replica, the
Qt bridge and its drains), two CollectionTableModels shown in QTableViews, each sorted by a column.  The daemon skips a
sequence number, the client sees the gap and takes a whole snapshot, and the GUI thread's worst gap is measured by a
heartbeat timer ticking every 4 ms from that moment until both tables hold the new snapshot (so the worst gap is the
longest block plus at most one tick).  It counts every block of the GUI thread, including the feed thread holding the
interpreter lock while it decodes.  On a busy machine the operating system's own pauses land in the gaps too, so each
line also says how much CPU time this process spent during each round's worst gap (``cpu_ms``): far below the gap,
the gap was the machine's, not ours."""

from __future__ import annotations

import random
import time
from functools import partial
from itertools import pairwise

from benchmarks import Result
from benchmarks.qt import qapp
from benchmarks.workload import alarm, device, event, start_bench_daemon

DEVICES, ALARMS = 75_000, 25_000
TICK_MS = 4
FRAME_MS = 40


def resync_gui_stall(quick: bool) -> Result:
    qapp()
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QTableView

    from citybrain.shell.feed import DeskFeed
    from citybrain.widgets.collection_model import CollectionTableModel, Column

    rng = random.Random(9)
    rounds = 3 if quick else 9
    daemon = start_bench_daemon()
    feed = DeskFeed(daemon.endpoint)
    views = []
    try:
        daemon.call(
            lambda: (
                daemon.daemon.publish_volatile(
                    "bench.devices", [device(i, rng) for i in range(DEVICES)], plugin="bench"
                ),
                daemon.daemon.publish_volatile("bench.alarms", [alarm(i, rng) for i in range(ALARMS)], plugin="bench"),
            )
        )
        wait = QEventLoop()
        feed.stale_changed.connect(lambda stale: None if stale else wait.quit())
        feed.start()
        wait.exec()
        feed.drain()
        # each table sorted as an operator would: devices by code, alarms by value (highest first)
        tables = {
            "bench.devices": (
                [
                    Column("code", "code"),
                    Column("type", "type"),
                    Column("compound", "compound"),
                    Column("status", "status"),
                    Column("battery", "battery"),
                ],
                0,
                Qt.SortOrder.AscendingOrder,
            ),
            "bench.alarms": (
                [
                    Column("priority", "priority"),
                    Column("state", "state"),
                    Column("device", "device"),
                    Column("value", "value"),
                ],
                3,
                Qt.SortOrder.DescendingOrder,
            ),
        }
        for name, (columns, sort_column, order) in tables.items():
            model = CollectionTableModel(columns)
            feed.attach(name, model)
            view = QTableView()
            view.setModel(model)
            view.setSortingEnabled(True)
            view.sortByColumn(sort_column, order)
            view.resize(800, 600)
            view.show()
            views.append(view)
        assert sum(v.model().rowCount() for v in views) == DEVICES + ALARMS

        ticks: list[tuple[float, float]] = []
        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.setInterval(TICK_MS)
        heartbeat.timeout.connect(lambda: ticks.append((time.perf_counter(), time.process_time())))
        reset: set[str] = set()
        done = QEventLoop()

        def on_records(name: str, changed: dict | None) -> None:
            if changed is None:  # the whole collection replaced: the resync reached this table
                reset.add(name)
                if len(reset) == len(tables):
                    QTimer.singleShot(TICK_MS * 3, done.quit)  # a few more ticks: the repaint after the reset counts

        for name in tables:
            feed.watch_records(name, partial(on_records, name))

        worst, cpu = [], []
        for n in range(rounds):
            reset.clear()

            def lose_one_update(n: int = n) -> None:
                daemon.daemon.live.seq += 1  # the next update shows a gap: the client resyncs
                daemon.daemon.publish_volatile("bench.events", [event(n)], plugin="bench")

            ticks[:] = [(time.perf_counter(), time.process_time())]
            heartbeat.start()
            daemon.call(lose_one_update)
            done.exec()
            heartbeat.stop()
            gap = max(pairwise(ticks), key=lambda pair: pair[1][0] - pair[0][0])
            worst.append((gap[1][0] - gap[0][0]) * 1000)
            cpu.append((gap[1][1] - gap[0][1]) * 1000)
        assert feed.client.status.resyncs >= rounds
        assert sum(v.model().rowCount() for v in views) == DEVICES + ALARMS
    finally:
        for view in views:
            view.close()
        feed.stop()
        daemon.stop()
    median = sorted(worst)[len(worst) // 2]
    return Result(
        "resync_gui_stall",
        median,
        "ms",
        FRAME_MS,
        "<= 1.25",
        extra={"rounds_ms": [round(w, 1) for w in worst], "cpu_ms": [round(c, 1) for c in cpu]},
    )


def run(quick: bool) -> list[Result]:
    return [resync_gui_stall(quick)]
