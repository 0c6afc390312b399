"""Recorded series replayed through the same ingest as live messages: the UCI air-quality and occupancy files in
../shared/data/sensors (and any CSV like them), one column onto one device, as readings.

Their quirks: the air-quality file writes missing values as -200 (they are gaps, not readings) and dates as
day/month/year with the time in its own column; the occupancy files' header names one column fewer than each
row has (the row number comes first, unnamed).  ``[[plugins.sensors.replay]]`` entries (file, column, device,
speed) replay on start, recorded times shifted to now, ``speed`` times faster than recorded.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

MISSING = -200.0


def read_series(data: bytes, column: str) -> list[tuple[datetime, float]]:
    """(time, value) of one column, in file order; gaps (-200, empty, unreadable) left out."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], [r for r in rows[1:] if any(r)]
    if body and len(body[0]) == len(header) + 1:
        header = ["row", *header]  # the occupancy files: a row number before the named columns
    index = {name.strip(): i for i, name in enumerate(header)}
    if column not in index:
        raise ValueError(f"no column {column!r}; the file has {', '.join(h for h in header if h != 'row')}")
    series = []
    for row in body:
        moment = _when(row, index)
        try:
            value = float(row[index[column]])
        except (ValueError, IndexError):
            continue
        if moment is not None and value != MISSING:
            series.append((moment, value))
    return series


def _when(row: list[str], index: dict[str, int]) -> datetime | None:
    try:
        if "Time" in index:  # the air-quality file: 10/03/2004 and 18:00:00
            moment = datetime.strptime(f"{row[index['Date']]} {row[index['Time']]}", "%d/%m/%Y %H:%M:%S")
        else:
            moment = datetime.fromisoformat(row[index["date"]])
    except (ValueError, KeyError, IndexError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


async def replay(entry: dict, deliver: Callable[[str, bytes], object]) -> int:
    """One configured replay: its readings delivered at the recorded pace (``speed`` times faster), dated now."""
    series = read_series(Path(entry["file"]).read_bytes(), entry["column"])
    speed, sent = float(entry.get("speed", 60)), 0
    for n, (moment, value) in enumerate(series):
        if n:
            await asyncio.sleep(max(0.0, (moment - series[n - 1][0]).total_seconds() / speed))
        body = {"id": f"replay-{moment.isoformat()}", "ts": datetime.now(UTC).isoformat(), "value": value}
        deliver(f"citybrain/sensors/{entry['device']}/reading", json.dumps(body).encode())
        sent += 1
    return sent
