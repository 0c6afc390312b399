"""A daemon plugin with one big public collection (~24 MB as a snapshot frame) and a query paging it: for the tests
of replies nobody reads (one snapshot in flight, a budget of unread answers)."""

from __future__ import annotations

from citybrain.core.api import CollectionSpec, QuerySpec, hookimpl

RECORDS = 2_400
TEXT = "x" * 10_000


@hookimpl
def citybrain_collections():
    return [CollectionSpec("bulk.blobs", load=lambda s: ({"id": i, "text": TEXT} for i in range(RECORDS)))]


@hookimpl
def citybrain_queries():
    """A page of the blobs (10 KB each): up to 2,400 records, a 24 MB answer."""
    return [
        QuerySpec(
            "bulk.page",
            lambda session, params, caller: [{"id": i, "text": TEXT} for i in range(params["limit"])],
            params={"limit": int},
            title="A page of blobs",
        )
    ]
