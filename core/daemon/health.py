"""The daemon's health: its counters and what ``system.health`` and ``ctx.stats()`` report."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from citybrain.core.daemon.desks import DeskRegister
from citybrain.core.live import LiveState
from citybrain.core.plugins import PluginHost


class Health:
    """``counters``: requests, commands and queries answered or failed, logins refused, and ``dropped:REASON``
    for input dropped (frames the ROUTER could not take, plugins' input by ``ctx.count_dropped``)."""

    def __init__(self, name: str, database: str, live: LiveState, desks: DeskRegister, host: PluginHost) -> None:
        self.name = name
        self.database = database  # its kind: sqlite, postgresql
        self.counters: Counter[str] = Counter()
        self.started_at = datetime.now(UTC)
        self._started_mono = time.monotonic()
        self._live = live
        self._desks = desks
        self._host = host

    def drop(self, reason: str) -> None:
        self.counters[f"dropped:{reason}"] += 1

    def stats(self) -> dict[str, Any]:
        dropped = {k.split(":", 1)[1]: v for k, v in self.counters.items() if k.startswith("dropped:")}
        return {
            "name": self.name,
            "epoch": self._live.epoch,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "uptime_s": round(time.monotonic() - self._started_mono, 1),
            "seq": self._live.seq,
            "update_rate": round(self._live.rate(), 1),
            "requests": self.counters["requests"],
            "commands_ok": self.counters["commands_ok"],
            "commands_failed": self.counters["commands_failed"],
            "queries": self.counters["queries"],
            "queries_failed": self.counters["queries_failed"],
            "logins_failed": self.counters["logins_failed"],
            "logins_throttled": self.counters["logins_throttled"],
            "dropped": dropped,
            "dropped_total": sum(dropped.values()),
            "desks": list(self._desks.records.values()),
            "desks_connected": len(self._desks.records),
            "database": self.database,
            "plugins": [s.as_dict() for s in self._host.states.values()],
            "collections": {n: len(v) for n, v in self._live.collections.items()},
        }
