"""An import's file parsed before its write transaction, on a worker thread: the single writer never waits on a parse.

The daemon runs the importer's parse (a sheet's, or its ``ImporterSpec.parse``) in a thread and keeps the outcome
while the write runs (:func:`ahead`, a context manager); :func:`take` inside the importer, called with the same
parse, filename and very same bytes object, returns that outcome, or raises what the parse raised, instead of
parsing again. Called outside such a block (a test, a demo seed), :func:`take` parses there and then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

Parse = Callable[[str, bytes], Any]


class Parsed:
    """One parse's outcome, offered to :func:`take` while the ``with`` block lasts."""

    def __init__(self, parse: Parse, filename: str, data: bytes, outcome: Any) -> None:
        self.parse, self.filename, self.data, self.outcome = parse, filename, data, outcome

    def __enter__(self) -> Parsed:
        with _lock:
            _ahead[id(self.data)] = self
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        with _lock:
            if _ahead.get(id(self.data)) is self:
                del _ahead[id(self.data)]


_ahead: dict[int, Parsed] = {}
_lock = threading.Lock()


def ahead(parse: Parse, filename: str, data: bytes) -> Parsed:
    """``parse(filename, data)`` now (call it in a worker thread), keeping an exception to raise in :func:`take`."""
    try:
        outcome: Any = parse(filename, data)
    except Exception as exc:  # noqa: BLE001 - raised again where the importer takes the parse
        outcome = exc
    return Parsed(parse, filename, data, outcome)


def take(parse: Parse, filename: str, data: bytes) -> Any:
    """What ``parse(filename, data)`` returns: the parse made ahead of this very ``data``, else a parse now."""
    with _lock:
        found = _ahead.get(id(data))
    if found is not None and found.data is data and found.parse is parse and found.filename == filename:
        if isinstance(found.outcome, Exception):
            raise found.outcome
        return found.outcome
    return parse(filename, data)
