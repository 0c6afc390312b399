"""kill -9 the daemon while desks send commands: every command that got a success reply is in
the database after a restart, none that got an error is, and every desk resyncs by itself."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from citybrain.core.client import FeedClient, RequestError
from citybrain.core.testing import PASSWORDS
from citybrain.core.testing.process import DaemonProcess

HERE = Path(__file__).parent
DESKS = 3


class Desk(threading.Thread):
    """Sends commands one after another and remembers how each ended."""

    def __init__(self, n: int, endpoint: str, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.name_ = f"desk{n}"
        self.client = FeedClient(endpoint, desk_id=self.name_).start()
        self.stop = stop
        self.ok: list[str] = []
        self.refused: list[str] = []
        self.unknown: list[str] = []  # no reply: the outcome is not known to the desk
        self.progress = threading.Semaphore(0)

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            i += 1
            text = "refuse me" if i % 5 == 0 else f"{self.name_}-{i}"
            tag = f"{self.name_}-{i}"
            try:
                self.client.command("sample.add", {"text": text}, timeout=2).result(5)
                self.ok.append(text)
            except RequestError as exc:
                (self.unknown if exc.code in ("timeout", "unavailable") else self.refused).append(tag)
            self.progress.release()


def test_kill_9_loses_no_acknowledged_command(tmp_path):
    data_dir = tmp_path / "daemon"
    daemon = DaemonProcess(data_dir, plugins={"sample": "sample_plugin"}, pythonpath=(str(HERE),)).start()
    endpoint = daemon.endpoint
    stop = threading.Event()
    desks = [Desk(n, endpoint, stop) for n in range(DESKS)]
    for desk in desks:
        desk.client.wait_for(lambda s: s.state == "live", timeout=30)
        desk.client.login("operator", PASSWORDS["operator"])
        desk.start()
    for desk in desks:  # let every desk get some commands through
        for _ in range(40):
            desk.progress.acquire(timeout=30)
    epochs = {desk.client.status.epoch for desk in desks}
    daemon.kill()
    for desk in desks:  # each desk sees the loss of the daemon
        desk.client.wait_for(lambda s: s.state == "stale", timeout=30)
    stop.set()
    for desk in desks:
        desk.join(30)
    daemon.start()
    try:
        for desk in desks:  # ...and resyncs by itself, with no new login
            status = desk.client.wait_for(lambda s: s.state == "live" and s.epoch not in epochs, timeout=60)
            assert status.resyncs >= 1
        with sqlite3.connect(data_dir / "citybrain.db") as db:
            stored = [t for (t,) in db.execute("select text from sample_note")]
        acknowledged = [t for d in desks for t in d.ok]
        assert acknowledged and set(acknowledged) <= set(stored), "a command acknowledged as committed was lost"
        assert "refuse me" not in stored and all(d.refused for d in desks)
        unknown = {t for d in desks for t in d.unknown}
        assert set(stored) <= set(acknowledged) | unknown  # nothing appears that no desk sent
        for desk in desks:
            replica = {r["text"] for r in desk.client.replica.records("sample.notes")}
            assert replica == set(stored)
        desks[0].client.command("sample.add", {"text": "after restart"}).result(10)  # the session survived
    finally:
        for desk in desks:
            desk.client.stop()
        daemon.stop()
