"""table_resort: re-sorting 100,000 rows in the desk's table model."""

from __future__ import annotations

import random
import time
from collections.abc import Hashable

from benchmarks import Result
from benchmarks.qt import qapp

ROWS = 100_000


def _records(rng: random.Random) -> dict[Hashable, dict]:
    return {
        i: {
            "id": i,
            "device": f"HK-{rng.randrange(15_000):06d}",
            "value": rng.random() * 100,
            "count": rng.randrange(1000),
            "note": None if i % 7 == 0 else f"n{rng.randrange(999)}",
        }
        for i in range(ROWS)
    }


def run(quick: bool) -> list[Result]:
    qapp()
    from PySide6.QtCore import Qt

    from benchmarks.bare_model import BareTableModel
    from citybrain.widgets.collection_model import CollectionTableModel, Column

    rng = random.Random(3)
    records = _records(rng)
    fields = ["device", "value", "count", "note"]
    model = CollectionTableModel([Column("id", "ID")] + [Column(f, f) for f in fields])
    model.reset(records)
    bare = BareTableModel(list(records), 5)
    repeats = 4 if quick else 12
    ours, base = [], []
    for n in range(repeats):
        column = 1 + n % len(fields)
        order = Qt.SortOrder.DescendingOrder if n % 2 else Qt.SortOrder.AscendingOrder
        start = time.perf_counter()
        model.sort(column, order)
        ours.append(time.perf_counter() - start)
        field = fields[column - 1]
        start = time.perf_counter()
        bare.layoutAboutToBeChanged.emit()
        bare.rows.sort(
            key=lambda k: (records[k][field] is None, records[k][field] or 0) if field == "note" else records[k][field],
            reverse=n % 2 == 1,
        )
        bare.layoutChanged.emit()
        base.append(time.perf_counter() - start)
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    return [Result("table_resort", median(ours), "s", median(base), "<= 2")]
