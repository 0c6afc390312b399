"""case_escalation_sweep: finding the due deadlines among 100,000 open cases, as the daemon's timer service
does at start (load every pending deadline, then take the due ones), against sorting the same deadlines and
scanning them up to now."""

from __future__ import annotations

import bisect
import random
import time
from datetime import UTC, datetime, timedelta

from benchmarks import Result
from citybrain.core.daemon.timer_service import TimerService

CASES = 100_000


def _deadlines(rng: random.Random, now: datetime) -> list[tuple[datetime, int]]:
    """Deadlines spread over ±3 days around now (about half already due), in the order rows come from a table."""
    return [(now + timedelta(seconds=rng.uniform(-3 * 86400, 3 * 86400)), i) for i in range(CASES)]


async def _no_write(*args: object) -> None:
    raise AssertionError("the sweep fires no timer: nothing is written")


def _ours(entries: list[tuple[datetime, int]], now: float) -> list[int]:
    service = TimerService(write=_no_write, handlers={})
    service.add(entries)  # no loop attached: nothing is armed, only indexed
    return service.due(now)


def _baseline(entries: list[tuple[datetime, int]], now: float) -> list[int]:
    ordered = sorted((due.timestamp(), id_) for due, id_ in entries)
    return [id_ for _, id_ in ordered[: bisect.bisect_right(ordered, (now, float("inf")))]]


def _median_seconds(fn, entries, now, repeats: int) -> tuple[float, list[int]]:  # noqa: ANN001
    times, result = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(entries, now)
        times.append(time.perf_counter() - start)
    return sorted(times)[repeats // 2], result


def run(quick: bool) -> list[Result]:
    repeats = 5 if quick else 15
    now = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    entries = _deadlines(random.Random(11), now)
    ours, due = _median_seconds(_ours, entries, now.timestamp(), repeats)
    raw, expected = _median_seconds(_baseline, entries, now.timestamp(), repeats)
    assert sorted(due) == sorted(expected) and len(due) > CASES // 3  # the same cases found due
    return [Result("case_escalation_sweep", ours, "s", raw, "<= 2")]
