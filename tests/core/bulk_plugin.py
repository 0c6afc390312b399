"""A daemon plugin with one big public collection (~24 MB as a snapshot frame): for the snapshot-in-flight tests."""

from __future__ import annotations

from citybrain.core.api import CollectionSpec, hookimpl

RECORDS = 2_400
TEXT = "x" * 10_000


@hookimpl
def citybrain_collections():
    return [CollectionSpec("bulk.blobs", load=lambda s: ({"id": i, "text": TEXT} for i in range(RECORDS)))]
