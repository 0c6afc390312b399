"""Process-wide tuning shared by the daemon and the desk.

Both hold hundreds of thousands of long-lived records and decode bursts of
thousands of small maps a second.  CPython's default first-generation
threshold (700 allocations) makes every burst rescan the young records
again and again: measured here, decoding 100,000 events takes twice as long
with the defaults.  After start-up the objects alive are frozen out of
collection and the thresholds raised; cycles are still collected.
"""

from __future__ import annotations

import gc

GC_THRESHOLDS = (50_000, 20, 20)


def tune_gc() -> None:
    gc.freeze()  # no collect first: start-up garbage is small, and a full pass costs the desk ~15 ms
    gc.set_threshold(*GC_THRESHOLDS)
